"""The benchmark's report: a Markdown table per size, the goals of issue 7 as
ratios, and the raw numbers as JSON."""

from __future__ import annotations

from pathlib import Path

from measure import REPO, Runs, Tool


def _fmt_s(x: float | None) -> str:
    if x is None:
        return "n/a"
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def _short(name: str) -> str:
    return "bare" if name.startswith("python") else name.split(" ")[0]


def _ratio(a: float | None, b: float | None) -> str:
    return "n/a" if a is None or b is None or b == 0 else f"{a / b:.2f}×"


def size_table(n: int, spec: Path, runs: dict[str, Runs], selected: list[Tool], repeat: int) -> list[str]:
    peers = [t for t in selected if t.peer]
    mib = spec.stat().st_size / 2**20
    lines = [
        f"### {n:,} touchpoints (`{spec.relative_to(REPO)}`, {mib:.2f} MiB, median of {repeat})",
        "",
        "| tool | median s | min–max s | " + " | ".join(f"× {_short(p.name)}" for p in peers)
        + " | peak RSS MiB |",
        "|---|---:|---:|" + "---:|" * len(peers) + "---:|",
    ]
    for t in selected:
        r = runs[t.name]
        med = r.median()
        spread = f"{min(r.times):.3f}–{max(r.times):.3f}" if r.ok else "n/a"
        ratios = [_ratio(med, runs[p.name].median()) for p in peers]
        rss = f"{r.peak_mib():.1f}" if r.ok else "n/a"
        lines.append(f"| {t.name} | {_fmt_s(med)} | {spread} | " + " | ".join(ratios) + f" | {rss} |")
    failed = [(t.name, runs[t.name].failures[0]) for t in selected if runs[t.name].failures]
    if failed:
        lines.append("")
        lines.extend(f"- n/a: {name}: {why}" for name, why in failed)
    lines.append("")
    return lines


def goals(results: dict[int, dict[str, Runs]]) -> tuple[list[str], list[dict[str, object]]]:
    def med(n: int, tool: str) -> float | None:
        r = results.get(n, {}).get(tool)
        return r.median() if r else None

    def rss(n: int, tool: str) -> float | None:
        r = results.get(n, {}).get(tool)
        return r.peak_mib() if r else None

    val, ana = "cxgap validate", "cxgap analyze --format json"
    yl, cj, bare = "yamllint -d relaxed", "check-jsonschema", "python CSafeLoader (bare)"
    checks = [
        ("1a", "100 touchpoints: `cxgap validate` time ÷ yamllint", med(100, val), med(100, yl), 0.9),
        ("1b", "100 touchpoints: `cxgap validate` time ÷ check-jsonschema", med(100, val), med(100, cj), 0.5),
        ("2", "10,000: `cxgap analyze --format json` time ÷ bare CSafeLoader process", med(10_000, ana),
         med(10_000, bare), 0.8),
        ("3", "`cxgap analyze` time at 100,000 ÷ at 10,000", med(100_000, ana), med(10_000, ana), 11.0),
        ("4", "10,000: `cxgap analyze` peak RSS ÷ bare CSafeLoader process's", rss(10_000, ana),
         rss(10_000, bare), 1.5),
    ]
    lines = ["## Goals (issue 7)", "", "| # | goal | measured | limit | result |", "|---|---|---:|---:|---|"]
    rows: list[dict[str, object]] = []
    for key, text, a, b, limit in checks:
        if a is None or b is None or b == 0:
            value, verdict, shown = None, "n/a (not measured)", "n/a"
        else:
            value = a / b
            verdict = "PASS" if value <= limit else f"MISS (by {value / limit:.2f}×)"
            shown = f"{value:.2f}×"
        lines.append(f"| {key} | {text} | {shown} | ≤ {limit:g}× | {verdict} |")
        rows.append({"goal": key, "text": text, "ratio": value, "limit": limit, "verdict": verdict.split()[0]})
    lines.append("")
    return lines, rows
