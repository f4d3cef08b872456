#!/usr/bin/env python3
"""Benchmark survey sources (issue 16): cxgap against a bare pandas process.

    python bench/sources.py                   # 1,000,000 answers, 5 interleaved runs
    python bench/sources.py --repeat 3 --no-install
    python bench/sources.py --ten-million     # also 10,000,000 answers: memory must not grow
    python bench/sources.py --xlsx            # also python-calamine vs openpyxl (read-only) on an xlsx export

1. Creates ``bench/.venv-sources`` (git-ignored) if it is missing and installs
   into it cxgap from this work tree with the ``xlsx`` extra, and pandas and
   openpyxl (only here: cxgap never depends on them).
2. Writes a seeded CSV export of N answers: 200 touchpoints, columns
   ResponseId, EndDate, Touchpoint, Q1_NPS (0-10), Segment; 1,000,000 answers
   make about 55 MB. A spec with the 200 touchpoints reads it through
   ``sources`` (touchpoint_column: Touchpoint).
3. Runs, interleaved and each as a fresh process reaped with ``os.wait4`` (wall
   time and its own peak RSS): ``cxgap analyze SPEC --format json`` (read the
   export, compute NPS with n and margin per touchpoint, analyse, write JSON)
   and a bare Python process that reads the CSV with pandas and computes NPS
   per touchpoint with ``groupby``.
4. Prints medians, the ratios and the goals: time <= 1.0x pandas, peak memory
   <= 0.5x pandas, and (``--ten-million``) peak memory at 10 M answers no more
   than at 1 M (streaming).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
VENV = BENCH / ".venv-sources"
PY = VENV / "bin" / "python"
OUT = BENCH / "out" / "sources"
TOUCHPOINTS = 200

PANDAS = """
import sys
import pandas as pd
df = pd.read_csv(sys.argv[1])
score = df["Q1_NPS"]
df["nps"] = (score >= 9).astype("int8") * 100 - (score <= 6).astype("int8") * 100
per_touchpoint = df.groupby("Touchpoint")["nps"].agg(["mean", "size"])
print(len(per_touchpoint))
"""

CALAMINE = """
import sys, collections
from python_calamine import CalamineWorkbook
rows = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).iter_rows()
next(rows)
print(len(collections.Counter((r[2], r[3]) for r in rows)))
"""

OPENPYXL = """
import sys, collections
from openpyxl import load_workbook
rows = load_workbook(sys.argv[1], read_only=True).worksheets[0].iter_rows(values_only=True)
next(rows)
print(len(collections.Counter((r[2], r[3]) for r in rows)))
"""


def sh(argv: list[str | Path]) -> None:
    print("  $", " ".join(str(a) for a in argv), file=sys.stderr, flush=True)
    subprocess.run([str(a) for a in argv], check=True)


def ensure_venv(install: bool) -> None:
    fresh = not PY.exists()
    if fresh:
        sh([sys.executable, "-m", "venv", VENV])
    if not (fresh or install):
        return
    with tempfile.TemporaryDirectory(prefix="cxgap-bench-") as tmp:
        src = Path(tmp) / "cxgap-src"
        src.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(REPO / name, src / name)
        shutil.copytree(REPO / "cxgap", src / "cxgap", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        pip: list[str | Path] = [PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        sh([*pip, f"{src}[xlsx]", "pandas", "openpyxl"])
        sh([*pip, "--force-reinstall", "--no-deps", src])


def write_export(answers: int, path: Path, seed: int = 16) -> None:
    """A deterministic export; the same seed gives the same bytes."""
    if path.exists() and path.stat().st_size > 0:
        return
    rng = random.Random(seed)
    names = [f"Touchpoint {i:03d}" for i in range(TOUCHPOINTS)]
    segments = ("SMB", "Enterprise", "Mid-market")
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        f.write("ResponseId,EndDate,Touchpoint,Q1_NPS,Segment\n")
        batch = []
        for i in range(answers):
            when = f"2026-11-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}"
            batch.append(f"R_{i:09d},{when},{names[rng.randrange(TOUCHPOINTS)]},{rng.randrange(11)},"
                         f"{segments[rng.randrange(3)]}\n")
            if len(batch) == 10_000:
                f.write("".join(batch))
                batch.clear()
        f.write("".join(batch))
    tmp.replace(path)


def write_spec(export: Path) -> Path:
    spec = export.with_suffix(".yaml")
    lines = ["version: 1", "journey: {title: Survey sources benchmark}", "customer_touchpoints:"]
    lines += [f"  - {{id: tp-{i:03d}, name: Touchpoint {i:03d}, stage: experience, channel: c{i % 7}}}"
              for i in range(TOUCHPOINTS)]
    lines += ["company_touchpoints:", "  - {id: co, stage: experience, channel: c0}",
              "targets:", "  - {metric: nps, min: 0}",
              "sources:", f"  - {{file: {export.name}, metric: nps, answer: Q1_NPS, touchpoint_column: Touchpoint}}"]
    spec.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return spec


def run_once(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if status != 0:
        raise SystemExit(f"failed ({status}): {' '.join(argv)}\n{err}")
    return wall, usage.ru_maxrss / 1024


def measure(commands: dict[str, list[str]], repeat: int) -> dict[str, list[tuple[float, float]]]:
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    names = list(commands)
    for r in range(repeat):
        for name in names[r % len(names):] + names[: r % len(names)]:  # rotate who goes first
            runs[name].append(run_once(commands[name]))
            print(f"  run {r + 1} {name}: {runs[name][-1][0]:.2f} s, {runs[name][-1][1]:.0f} MiB", file=sys.stderr)
    return runs


def med(runs: list[tuple[float, float]], k: int) -> float:
    return statistics.median(x[k] for x in runs)


def xlsx_bench(repeat: int) -> None:
    path = OUT / "answers-100000.xlsx"
    if not path.exists():
        code = ("import sys, random\nfrom openpyxl import Workbook\nrng = random.Random(16)\n"
                "wb = Workbook(write_only=True); ws = wb.create_sheet()\n"
                "ws.append(['ResponseId', 'EndDate', 'Touchpoint', 'Q1_NPS', 'Segment'])\n"
                "for i in range(100000):\n"
                "    tp = f'Touchpoint {rng.randrange(200):03d}'\n"
                "    ws.append([f'R_{i:09d}', '2026-11-01', tp, rng.randrange(11), 'SMB'])\n"
                "wb.save(sys.argv[1])\n")
        subprocess.run([str(PY), "-c", code, str(path)], check=True)
    runs = measure({"calamine": [str(PY), "-c", CALAMINE, str(path)],
                    "openpyxl": [str(PY), "-c", OPENPYXL, str(path)]}, repeat)
    c, o = runs["calamine"], runs["openpyxl"]
    print(f"\nxlsx, 100,000 answers: python-calamine {med(c, 0):.2f} s / {med(c, 1):.0f} MiB, openpyxl read-only "
          f"{med(o, 0):.2f} s / {med(o, 1):.0f} MiB: calamine takes {med(c, 0) / med(o, 0):.2f}x the time")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--answers", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-install", action="store_true", help="use bench/.venv-sources as it is")
    ap.add_argument("--ten-million", action="store_true", help="also measure memory at 10,000,000 answers")
    ap.add_argument("--xlsx", action="store_true", help="also compare the xlsx readers")
    args = ap.parse_args(argv)
    ensure_venv(not args.no_install)
    OUT.mkdir(parents=True, exist_ok=True)
    export = OUT / f"answers-{args.answers}.csv"
    write_export(args.answers, export)
    spec = write_spec(export)
    cxgap = [str(PY), "-m", "cxgap", "analyze", str(spec), "--format", "json"]
    runs = measure({"cxgap": cxgap, "pandas": [str(PY), "-c", PANDAS, str(export)]}, args.repeat)
    c, p = runs["cxgap"], runs["pandas"]
    t, m = med(c, 0) / med(p, 0), med(c, 1) / med(p, 1)
    size = export.stat().st_size / 1e6
    print(f"\n{args.answers:,} answers ({size:.1f} MB), {TOUCHPOINTS} touchpoints, median of {args.repeat}:")
    print("| process | seconds | peak MiB |\n|---|---:|---:|")
    print(f"| cxgap analyze (sources) | {med(c, 0):.2f} | {med(c, 1):.0f} |")
    print(f"| pandas read_csv + groupby | {med(p, 0):.2f} | {med(p, 1):.0f} |")
    print(f"time ratio {t:.2f} (goal <= 1.0: {'PASS' if t <= 1.0 else 'MISS'}); "
          f"memory ratio {m:.2f} (goal <= 0.5: {'PASS' if m <= 0.5 else 'MISS'})")
    if args.ten_million:
        big = OUT / "answers-10000000.csv"
        write_export(10_000_000, big)
        big_spec = write_spec(big)
        ten = measure({"cxgap-10M": [str(PY), "-m", "cxgap", "analyze", str(big_spec), "--format", "json"]},
                      max(1, args.repeat // 2))["cxgap-10M"]
        grow = med(ten, 1) / med(c, 1)
        print(f"10,000,000 answers: {med(ten, 0):.2f} s, {med(ten, 1):.0f} MiB peak: {grow:.2f}x the memory of "
              f"1,000,000 (goal <= 1.05: {'PASS' if grow <= 1.05 else 'MISS'})")
    if args.xlsx:
        xlsx_bench(args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
