#!/usr/bin/env python3
"""Benchmark cxgap against the tools people would run instead (issue 7).

    python bench/run.py                      # 100, 1,000, 10,000 and 100,000 touchpoints
    python bench/run.py --sizes 100,1000,10000 --repeat 5
    python bench/run.py --quick              # 100..10,000, 3 runs, no warm-up
    python bench/run.py --markdown bench/out/report.md

What it does, in order:

1. Creates ``bench/.venv`` if it is missing and installs into it, from PyPI by
   name, the peers ``yamllint`` and ``check-jsonschema``, and cxgap itself from
   this repository's working tree (a non-editable install of a clean copy, so
   the tree is not touched; it is reinstalled on every run unless
   ``--no-install``).
2. Writes seeded, deterministic, valid specs of each size into ``bench/out/``
   (customer and company touchpoints together; the seven default stages,
   personas, channels with aliases, importance, evidence, ``meets`` links,
   metrics with raw ``nps_responses``, targets, customers, policy) and checks
   each with ``cxgap validate`` (adding ``--max-bytes`` to every cxgap command
   when a spec is over cxgap's default input limit). ``cxgap schema`` goes to
   ``bench/out/schema.json`` for check-jsonschema.
3. Runs, for each size, every tool ``--repeat`` times, interleaved (one run of
   each tool per round, the starting tool rotating from round to round), after
   one unmeasured warm-up round. Each command is a fresh process started with
   ``subprocess.Popen`` and reaped with ``os.wait4``, which gives its wall time
   and its own peak resident set size (``ru_maxrss``).
4. Prints the machine, a Markdown table per size (median seconds, ratio to
   each peer, peak RSS) and the goals of issue 7 as ratios with PASS/MISS.
   A tool that fails (e.g. ``cxgap analyze`` before it exists) is shown as
   "n/a" and the run goes on. Raw numbers go to ``bench/out/results.json``.

Only the standard library is needed to start it; any Python >= 3.11 will do
(the venv is created with the interpreter that runs this script).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
VENV = BENCH / ".venv"
OUT = BENCH / "out"
BIN = VENV / "bin"
PY = BIN / "python"

DEFAULT_SIZES = (100, 1_000, 10_000, 100_000)
LARGE = 100_000  # sizes from here on get --repeat-large runs
PEERS = ("yamllint", "check-jsonschema")

BARE_CODE = "import yaml,sys; yaml.load(open(sys.argv[1],'rb'), Loader=yaml.CSafeLoader)"


# --------------------------------------------------------------------------
# environment
# --------------------------------------------------------------------------


def sh(argv: list[str | Path], **kw: object) -> subprocess.CompletedProcess[str]:
    print("  $", " ".join(str(a) for a in argv), file=sys.stderr, flush=True)
    return subprocess.run([str(a) for a in argv], check=True, text=True, **kw)  # type: ignore[call-overload]


def _copy_source(dest: Path) -> Path:
    """A clean copy of what the package build needs, so the build writes nothing into the work tree."""
    src = dest / "cxgap-src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE", "setup.cfg", "setup.py", "MANIFEST.in"):
        if (REPO / name).is_file():
            shutil.copy2(REPO / name, src / name)
    if not (src / "README.md").exists():  # pyproject names it; a stub keeps the build going
        (src / "README.md").write_text("cxgap\n", encoding="utf-8")
    shutil.copytree(
        REPO / "cxgap",
        src / "cxgap",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"),
    )
    return src


def ensure_venv(install: bool) -> None:
    fresh = not PY.exists()
    if fresh:
        print(f"creating {VENV.relative_to(REPO)}", file=sys.stderr)
        sh([sys.executable, "-m", "venv", VENV])
    if not (fresh or install):
        return
    with tempfile.TemporaryDirectory(prefix="cxgap-bench-") as tmp:
        src = _copy_source(Path(tmp))
        pip = [PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        # dependencies of cxgap and the peers, from the index by name
        sh([*pip, src, *PEERS])
        # and always the current working tree of cxgap itself (same version number, new code)
        sh([*pip, "--force-reinstall", "--no-deps", src])


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(VENV)
    env["NO_COLOR"] = "1"
    env.setdefault("LC_ALL", "C.UTF-8")
    return env


def venv_python(code: str) -> str:
    r = subprocess.run([str(PY), "-c", code], capture_output=True, text=True, env=child_env())
    return (r.stdout or r.stderr).strip()


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = next(
            f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        mem = "?"
    versions = venv_python(
        "import sys, platform, importlib.metadata as m, yaml\n"
        "v = lambda n: m.version(n)\n"
        "print(f'Python {platform.python_version()} ({platform.python_implementation()}); '"
        "f'cxgap {v(\"cxgap\")}, PyYAML {yaml.__version__} (libyaml {getattr(yaml, \"__with_libyaml__\", False)}), '"
        "f'pydantic {v(\"pydantic\")}, yamllint {v(\"yamllint\")}, check-jsonschema {v(\"check-jsonschema\")}')"
    )
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": mem,
        "os": f"{platform.system()} {platform.release()}",
        "software": versions,
    }


# --------------------------------------------------------------------------
# spec generation
# --------------------------------------------------------------------------

STAGES = ("out_of_market", "trigger", "consideration", "evaluation", "decision", "experience", "loyalty")
STAGE_EN = ("Out of market", "Trigger", "Initial brand consideration", "Active evaluation",
            "Purchase decision", "Experience", "Loyalty")
STAGE_WEIGHT = (8, 10, 14, 20, 12, 18, 18)
CHANNELS = {
    "out_of_market": ["events", "newsletters", "social media", "podcasts", "trade press", "webinars"],
    "trigger": ["search", "video", "blogs", "social media", "analyst reports", "paid ads"],
    "consideration": ["vendor website", "review sites", "comparison sites", "peer communities", "analyst reports"],
    "evaluation": ["live demo", "free trial", "white papers", "case studies", "customer references", "sales team"],
    "decision": ["sales team", "contract", "security questionnaire", "procurement portal", "pricing page"],
    "experience": ["onboarding", "user guides", "training", "product videos", "in-app tours", "webinars"],
    "loyalty": ["phone", "email support", "live chat", "knowledge base", "community forum", "account review"],
}
ALIASES = {"support": ["email support", "helpdesk", "service desk"], "live chat": ["chat widget", "intercom"]}
ADJ = ("regional", "quarterly", "monthly", "weekly", "global", "partner", "enterprise", "mid-market",
       "self-serve", "guided", "annual", "on-demand", "localized", "premium", "community")
NOUN = ("program", "campaign", "series", "sessions", "pages", "outreach", "playbook", "portal", "hub",
        "library", "workshops", "updates", "reviews", "briefings", "check-ins")
TEAMS = ("field marketing", "content marketing", "growth marketing", "product marketing", "sales",
         "deal desk", "customer success", "support", "docs team", "enablement", "web team")
EVIDENCE = ("interview", "survey", "analytics", "support", "assumption")
PERSONAS = (("solver-sam", "Solver Sam", "Product manager"), ("ops-olivia", "Operations Olivia", "VP Sales Ops"),
            ("cfo-chris", "Finance Chris", "CFO"), ("admin-ana", "Admin Ana", "CRM administrator"))


def _variant(rng: random.Random, channel: str) -> str:
    """Spell a channel the way a different team would (case, '-' or '_'); the matcher must see through it."""
    r = rng.random()
    if r < 0.15:
        return channel.title()
    if r < 0.25:
        return channel.replace(" ", "-")
    if r < 0.30:
        return channel.replace(" ", "_")
    return channel


def markets_for(n: int, scaled: bool = True) -> int:
    """How many markets the channels are split into: one per ~400 touchpoints.

    A spec with tens of thousands of touchpoints is a portfolio over markets or
    product lines, and its channels say so ("live chat market 12"); with a fixed
    vocabulary of ~40 channels, each company touchpoint would meet ~n/70 customer
    touchpoints, so the matching relation itself (what the design asks for) would
    grow with n² and no implementation could be linear. ``--fixed-channels``
    generates that worst case on purpose.
    """
    return max(1, n // 400) if scaled else 1


def generate(n: int, seed: int = 7, scaled_channels: bool = True) -> str:
    """A valid spec of ``n`` touchpoints in all: about 55% customer, 45% company."""
    rng = random.Random(f"cxgap-bench-{seed}-{n}")
    n_cust = max(7, round(n * 0.55))
    n_comp = max(0, n - n_cust)
    markets = markets_for(n, scaled_channels)

    def channel(base: str) -> str:
        return base if markets == 1 else f"{base} market {rng.randrange(markets) + 1}"
    w = []
    add = w.append
    add("# yaml-language-server: $schema=schema.json")
    add(f"# generated by bench/run.py: {n} touchpoints ({n_cust} customer, {n_comp} company), seed {seed}, "
        f"channels in {markets} market(s)")
    add("version: 1")
    add("journey:")
    add(f"  id: bench-{n}")
    add(f"  title: Generated benchmark journey with {n} touchpoints")
    add("  owner: CX team")
    add("  description: >-")
    add("    A synthetic B2B journey for the performance benchmark; every")
    add("    stage, channel and metric form the analysis knows appears in it.")
    add("personas:")
    for pid, name, role in PERSONAS:
        add(f"  - id: {pid}")
        add(f"    name: {name}")
        add(f"    role: {role}")
        add(f"    age: {rng.randint(28, 58)}")
        add("    motivations: [predictable pipeline, less manual work]")
        add("    pain_points:")
        add("      - data spread over spreadsheets and three tools")
        add("      - forecasts built by hand every Friday")
    add("thesis:")
    add("  statement: Buyers expect a live conversation about their own use case.")
    add("  persona: solver-sam")
    add("  goals: [live demo as the main call to action, onboarding within 30 days]")
    add("  kpis: [nps, csat]")

    cust_by_stage: dict[str, list[str]] = {s: [] for s in STAGES}
    nps_targets: list[str] = []
    add("customer_touchpoints:")
    # every stage gets at least one customer touchpoint, the rest by weight
    stages = list(STAGES) + rng.choices(STAGES, weights=STAGE_WEIGHT, k=n_cust - len(STAGES))
    for i, st in enumerate(stages, 1):
        base = rng.choice(CHANNELS[st])
        ch = channel(base)
        cid = f"c{i:06d}-{base.replace(' ', '-')}"
        cust_by_stage[st].append(cid)
        add(f"  - id: {cid}")
        # a few name their stage in English, as people do
        add(f"    stage: {STAGE_EN[STAGES.index(st)] if rng.random() < 0.05 else st}")
        add(f"    channel: {ch}")
        add(f"    name: {rng.choice(ADJ).capitalize()} {base} {rng.choice(NOUN)} {i}")
        add(f"    importance: {rng.choices((1, 2, 3, 4, 5), weights=(1, 2, 4, 3, 2))[0]}")
        if rng.random() < 0.3:
            add(f"    personas: [{', '.join(rng.sample([p[0] for p in PERSONAS], rng.randint(1, 2)))}]")
        add(f"    evidence: {rng.choices(EVIDENCE, weights=(3, 3, 3, 2, 2))[0]}")
        r = rng.random()
        if r < 0.08:
            answers = ", ".join(str(rng.choices(range(11), weights=(1, 1, 1, 1, 2, 3, 4, 6, 8, 8, 7))[0])
                                for _ in range(rng.randint(8, 30)))
            add("    metrics:")
            add(f"      nps_responses: [{answers}]")
            if len(nps_targets) < 50:
                nps_targets.append(cid)
        elif r < 0.14:
            add(f"    metrics: {{nps: {rng.randint(-20, 70)}, csat: {rng.uniform(55, 95):.1f}, "
                f"ces: {rng.uniform(2, 6.5):.1f}}}")
        elif r < 0.16:
            answers = ", ".join(str(rng.randint(2, 5)) for _ in range(rng.randint(8, 20)))
            add("    metrics:")
            add(f"      csat_responses: [{answers}]")

    add("")
    add("company_touchpoints:")
    for i in range(1, n_comp + 1):
        st = rng.choices(STAGES, weights=STAGE_WEIGHT)[0]
        base = rng.choice(CHANNELS[st]) if rng.random() < 0.85 else rng.choice(CHANNELS[rng.choice(STAGES)])
        add(f"  - id: k{i:06d}-{base.replace(' ', '-')}")
        add(f"    stage: {st}")
        add(f"    channel: {_variant(rng, channel(base))}")
        add(f"    name: {rng.choice(ADJ).capitalize()} {base} {rng.choice(NOUN)} {i}")
        add(f"    owner: {rng.choice(TEAMS)}")
        add(f"    effort: {rng.choice((0.5, 1, 1, 2, 2, 3, 4, 5, 8, 10, 15))}")
        if rng.random() < 0.2 and cust_by_stage[st]:
            pool = cust_by_stage[st]
            add(f"    meets: [{', '.join(sorted(set(rng.choices(pool, k=rng.randint(1, 3)))))}]")
        status = rng.choices(("active", "planned", "retired"), weights=(85, 10, 5))[0]
        if status != "active" or rng.random() < 0.1:
            add(f"    status: {status}")

    start = 1000 + n
    lost, new = start // 15, start // 9
    add("")
    add("customers:")
    add("  period: 2026-Q1")
    add(f"  start: {start}")
    add(f"  lost: {lost}")
    add(f"  new: {new}")
    add(f"  end: {start + new - lost}")
    add("targets:")
    for cid in nps_targets:
        add("  - metric: nps")
        add(f"    min: {rng.choice((20, 30, 40))}")
        add(f"    touchpoint: {cid}")
    for st in ("experience", "loyalty"):
        add("  - metric: csat")
        add("    min: 75")
        add(f"    stage: {st}")
    add("  - metric: churn")
    add("    max: 8")
    add("channels:")
    for k, v in ALIASES.items():
        add(f"  {k}: [{', '.join(v)}]")
    add("policy:")
    add("  min_score: 40")
    add("  fail_on: none")
    add("x-bench:")
    add(f"  seed: {seed}")
    return "\n".join(w) + "\n"


# --------------------------------------------------------------------------
# measurement
# --------------------------------------------------------------------------


@dataclass
class Tool:
    name: str
    argv: list[str]  # with {F} for the spec and {O} for an output file
    peer: bool = False


@dataclass
class Runs:
    times: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.times) and not self.failures

    def median(self) -> float | None:
        return statistics.median(self.times) if self.ok else None

    def peak_mib(self) -> float | None:
        return max(self.rss_kib) / 1024 if self.ok else None


def tools() -> list[Tool]:
    return [
        Tool("cxgap validate", [str(BIN / "cxgap"), "validate", "{F}"]),
        Tool("cxgap analyze --format json", [str(BIN / "cxgap"), "analyze", "{F}", "--format", "json", "-o", "{O}"]),
        Tool("yamllint -d relaxed", [str(BIN / "yamllint"), "-d", "relaxed", "{F}"], peer=True),
        Tool("check-jsonschema", [str(BIN / "check-jsonschema"), "--schemafile", str(OUT / "schema.json"), "{F}"],
             peer=True),
        Tool("python CSafeLoader (bare)", [str(PY), "-c", BARE_CODE, "{F}"], peer=True),
    ]


def run_once(argv: list[str], timeout: float) -> tuple[float, int, int, str]:
    """Run ``argv``; return (wall seconds, peak RSS KiB of that process, exit code, tail of stderr)."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err,
                                env=CHILD_ENV)
        timer = threading.Timer(timeout, lambda: os.kill(proc.pid, signal.SIGKILL))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        err.seek(0)
        tail = err.read()[-2000:].decode("utf-8", "replace").strip()
    if proc.returncode == -signal.SIGKILL and wall >= timeout:
        tail = f"killed after {timeout:.0f} s timeout"
    return wall, usage.ru_maxrss, proc.returncode, tail


def measure(spec: Path, selected: list[Tool], repeat: int, warmup: bool, timeout: float,
            cxgap_extra: list[str]) -> dict[str, Runs]:
    out_file = OUT / f"{spec.stem}.analysis.json"
    runs = {t.name: Runs() for t in selected}
    broken: set[str] = set()
    rounds = ([-1] if warmup else []) + list(range(repeat))
    for r in rounds:
        k = max(r, 0) % len(selected)
        order = selected[k:] + selected[:k]  # rotate who goes first, round by round
        for t in order:
            if t.name in broken:
                continue
            argv = [a.replace("{F}", str(spec)).replace("{O}", str(out_file)) for a in t.argv]
            if t.name.startswith("cxgap"):
                argv += cxgap_extra
            wall, rss, rc, tail = run_once(argv, timeout)
            label = "warm-up" if r < 0 else f"run {r + 1}/{repeat}"
            status = "ok" if rc == 0 else f"exit {rc}"
            print(f"    {label:>9}  {t.name:<28} {wall:8.3f} s {rss / 1024:8.1f} MiB  {status}",
                  file=sys.stderr, flush=True)
            if rc != 0:
                msg = tail.splitlines()[-1] if tail else ""
                runs[t.name].failures.append(f"exit {rc}: {msg}"[:300])
                broken.add(t.name)  # n/a for this size; don't waste more rounds on it
                continue
            if r >= 0:
                runs[t.name].times.append(wall)
                runs[t.name].rss_kib.append(rss)
    return runs


# --------------------------------------------------------------------------
# report
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------


CHILD_ENV: dict[str, str] = {}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default=None,
                    help="comma-separated touchpoint counts (default 100,1000,10000,100000)")
    ap.add_argument("--repeat", type=int, default=None, help="measured runs per tool and size (default 5)")
    ap.add_argument("--repeat-large", type=int, default=None,
                    help=f"measured runs for sizes >= {LARGE:,} (default min(3, --repeat))")
    ap.add_argument("--quick", action="store_true",
                    help="sizes 100,1000,10000, 3 runs, no warm-up (unless set otherwise)")
    ap.add_argument("--no-warmup", action="store_true", help="skip the unmeasured warm-up round")
    ap.add_argument("--tools", default=None,
                    help="only these tools: comma-separated prefixes, e.g. 'cxgap,python' (default: all)")
    ap.add_argument("--markdown", metavar="FILE", help="also write the report (Markdown) to FILE")
    ap.add_argument("--no-install", action="store_true",
                    help="use bench/.venv as it is (default: reinstall cxgap from the work tree)")
    ap.add_argument("--timeout", type=float, default=1800.0, help="seconds before one command is killed")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--fixed-channels", action="store_true",
                    help="stress case: ~40 channels whatever the size, so the matching relation grows with n²")
    args = ap.parse_args(argv)

    sizes = [int(s.replace("_", "").replace(",", "")) for s in args.sizes.split(",")] if args.sizes else (
        [100, 1_000, 10_000] if args.quick else list(DEFAULT_SIZES))
    repeat = args.repeat or (3 if args.quick else 5)
    repeat_large = args.repeat_large or min(3, repeat)
    warmup = not (args.no_warmup or args.quick)

    ensure_venv(install=not args.no_install)
    CHILD_ENV.update(child_env())
    OUT.mkdir(exist_ok=True)
    subprocess.run([str(BIN / "cxgap"), "schema", "-o", str(OUT / "schema.json")], check=True, env=CHILD_ENV)

    selected = tools()
    if args.tools:
        prefixes = [p.strip() for p in args.tools.split(",") if p.strip()]
        selected = [t for t in selected if any(t.name.startswith(p) for p in prefixes)]

    info = machine()
    head = [
        "# cxgap benchmark",
        "",
        f"- machine: {info['cpu']}, {info['cores']} cores, {info['memory']}, {info['os']}",
        f"- {info['software']}",
        f"- {time.strftime('%Y-%m-%d %H:%M %Z')}; medians of interleaved runs "
        f"({repeat} per tool, {repeat_large} at {LARGE:,}+{', after a warm-up round' if warmup else ''}); "
        "wall time and peak RSS per process (os.wait4)",
        f"- specs: seed {args.seed}, "
        + ("fixed channel vocabulary (stress case)" if args.fixed_channels
           else "channels split into one market per ~400 touchpoints"),
        "",
    ]
    print("\n".join(head), flush=True)

    results: dict[int, dict[str, Runs]] = {}
    report = list(head)
    for n in sizes:
        spec = OUT / f"spec-{n}{'-fixed' if args.fixed_channels else ''}.yaml"
        text = generate(n, args.seed, scaled_channels=not args.fixed_channels)
        if not spec.exists() or spec.read_text(encoding="utf-8") != text:
            spec.write_text(text, encoding="utf-8")
        chk = subprocess.run([str(BIN / "cxgap"), "validate", str(spec)], capture_output=True, text=True,
                             env=CHILD_ENV)
        extra: list[str] = []
        if chk.returncode != 0 and "--max-bytes" in chk.stderr + chk.stdout:
            # over cxgap's default input limit: raise it, as its message tells a user with a genuine file to
            extra = ["--max-bytes", str(max(2 * spec.stat().st_size, 64 << 20))]
            chk = subprocess.run([str(BIN / "cxgap"), "validate", str(spec), *extra], capture_output=True,
                                 text=True, env=CHILD_ENV)
        print(f"== {n:,} touchpoints: {spec.relative_to(REPO)}: {(chk.stdout + chk.stderr).strip()[:300]}",
              file=sys.stderr, flush=True)
        if chk.returncode != 0:
            print(f"error: the generated spec {spec} is not valid; fix the generator", file=sys.stderr)
            return 1
        reps = repeat_large if n >= LARGE else repeat
        load0 = os.getloadavg()[0]
        results[n] = measure(spec, selected, reps, warmup, args.timeout, extra)
        table = size_table(n, spec, results[n], selected, reps)
        if extra:
            table += [f"cxgap ran with `{' '.join(extra)}`: the spec is larger than its default input limit.", ""]
        table += [f"Load average (1 min) before/after: {load0:.2f} / {os.getloadavg()[0]:.2f} "
                  f"on {os.cpu_count()} cores (other processes on the machine add noise).", ""]
        print("\n".join(table), flush=True)
        report += table

    glines, grows = goals(results)
    print("\n".join(glines), flush=True)
    report += glines

    raw = {
        "machine": info,
        "repeat": repeat,
        "repeat_large": repeat_large,
        "warmup": warmup,
        "sizes": {
            str(n): {name: {"times": r.times, "rss_kib": r.rss_kib, "failures": r.failures}
                     for name, r in res.items()}
            for n, res in results.items()
        },
        "goals": grows,
    }
    (OUT / "results.json").write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")
    if args.markdown:
        Path(args.markdown).write_text("\n".join(report) + "\n", encoding="utf-8")
        print(f"wrote {args.markdown}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
