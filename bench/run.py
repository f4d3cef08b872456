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

The work is split by what it does: ``generate.py`` writes the specs,
``measure.py`` owns the venv and runs the tools, ``report.py`` turns the runs
into tables and goals; this file is the command line that strings them together.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import measure
from generate import generate
from measure import BIN, OUT, REPO, Runs, Tool, child_env, ensure_venv, machine, tools
from report import goals, size_table

DEFAULT_SIZES = (100, 1_000, 10_000, 100_000)
LARGE = 100_000  # sizes from here on get --repeat-large runs


@dataclass(frozen=True)
class Plan:
    sizes: list[int]
    repeat: int
    repeat_large: int
    warmup: bool
    seed: int
    fixed_channels: bool
    timeout: float


def parse_args(argv: list[str] | None) -> argparse.Namespace:
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
    return ap.parse_args(argv)


def plan_of(args: argparse.Namespace) -> Plan:
    sizes = [int(s.replace("_", "").replace(",", "")) for s in args.sizes.split(",")] if args.sizes else (
        [100, 1_000, 10_000] if args.quick else list(DEFAULT_SIZES))
    repeat = args.repeat or (3 if args.quick else 5)
    return Plan(sizes=sizes, repeat=repeat, repeat_large=args.repeat_large or min(3, repeat),
                warmup=not (args.no_warmup or args.quick), seed=args.seed, fixed_channels=args.fixed_channels,
                timeout=args.timeout)


def select_tools(spec: str | None) -> list[Tool]:
    selected = tools()
    if spec:
        prefixes = [p.strip() for p in spec.split(",") if p.strip()]
        selected = [t for t in selected if any(t.name.startswith(p) for p in prefixes)]
    return selected


def heading(plan: Plan, info: dict[str, str]) -> list[str]:
    return [
        "# cxgap benchmark",
        "",
        f"- machine: {info['cpu']}, {info['cores']} cores, {info['memory']}, {info['os']}",
        f"- {info['software']}",
        f"- {time.strftime('%Y-%m-%d %H:%M %Z')}; medians of interleaved runs "
        f"({plan.repeat} per tool, {plan.repeat_large} at {LARGE:,}+"
        f"{', after a warm-up round' if plan.warmup else ''}); "
        "wall time and peak RSS per process (os.wait4)",
        f"- specs: seed {plan.seed}, "
        + ("fixed channel vocabulary (stress case)" if plan.fixed_channels
           else "channels split into one market per ~400 touchpoints"),
        "",
    ]


def _validate(spec: Path, extra: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "cxgap"), "validate", str(spec), *extra], capture_output=True, text=True,
                          env=measure.CHILD_ENV)


def write_spec(plan: Plan, n: int) -> tuple[Path, list[str]] | None:
    """The spec of ``n`` touchpoints, checked with `cxgap validate`, and the extra cxgap flags it needs."""
    spec = OUT / f"spec-{n}{'-fixed' if plan.fixed_channels else ''}.yaml"
    text = generate(n, plan.seed, scaled_channels=not plan.fixed_channels)
    if not spec.exists() or spec.read_text(encoding="utf-8") != text:
        spec.write_text(text, encoding="utf-8")
    extra: list[str] = []
    chk = _validate(spec, extra)
    if chk.returncode != 0 and "--max-bytes" in chk.stderr + chk.stdout:
        # over cxgap's default input limit: raise it, as its message tells a user with a genuine file to
        extra = ["--max-bytes", str(max(2 * spec.stat().st_size, 64 << 20))]
        chk = _validate(spec, extra)
    print(f"== {n:,} touchpoints: {spec.relative_to(REPO)}: {(chk.stdout + chk.stderr).strip()[:300]}",
          file=sys.stderr, flush=True)
    if chk.returncode != 0:
        print(f"error: the generated spec {spec} is not valid; fix the generator", file=sys.stderr)
        return None
    return spec, extra


def run_size(plan: Plan, n: int, spec: Path, extra: list[str], selected: list[Tool]) -> tuple[dict[str, Runs],
                                                                                              list[str]]:
    """Measure every tool on one spec; the runs and the report's table for this size."""
    reps = plan.repeat_large if n >= LARGE else plan.repeat
    load0 = os.getloadavg()[0]
    runs = measure.measure(spec, selected, reps, plan.warmup, plan.timeout, extra)
    table = size_table(n, spec, runs, selected, reps)
    if extra:
        table += [f"cxgap ran with `{' '.join(extra)}`: the spec is larger than its default input limit.", ""]
    table += [f"Load average (1 min) before/after: {load0:.2f} / {os.getloadavg()[0]:.2f} "
              f"on {os.cpu_count()} cores (other processes on the machine add noise).", ""]
    return runs, table


def raw_results(plan: Plan, info: dict[str, str], results: dict[int, dict[str, Runs]],
                goal_rows: list[dict[str, object]]) -> dict[str, object]:
    return {
        "machine": info,
        "repeat": plan.repeat,
        "repeat_large": plan.repeat_large,
        "warmup": plan.warmup,
        "sizes": {
            str(n): {name: {"times": r.times, "rss_kib": r.rss_kib, "failures": r.failures}
                     for name, r in res.items()}
            for n, res in results.items()
        },
        "goals": goal_rows,
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    plan = plan_of(args)
    ensure_venv(install=not args.no_install)
    measure.CHILD_ENV.update(child_env())
    OUT.mkdir(exist_ok=True)
    subprocess.run([str(BIN / "cxgap"), "schema", "-o", str(OUT / "schema.json")], check=True,
                   env=measure.CHILD_ENV)
    selected = select_tools(args.tools)
    info = machine()
    report = heading(plan, info)
    print("\n".join(report), flush=True)

    results: dict[int, dict[str, Runs]] = {}
    for n in plan.sizes:
        written = write_spec(plan, n)
        if written is None:
            return 1
        results[n], table = run_size(plan, n, *written, selected)
        print("\n".join(table), flush=True)
        report += table

    glines, grows = goals(results)
    print("\n".join(glines), flush=True)
    report += glines
    (OUT / "results.json").write_text(json.dumps(raw_results(plan, info, results, grows), indent=2) + "\n",
                                      encoding="utf-8")
    if args.markdown:
        Path(args.markdown).write_text("\n".join(report) + "\n", encoding="utf-8")
        print(f"wrote {args.markdown}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
