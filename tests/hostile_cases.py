"""The hostile-input corpus (tests/hostile/) and helpers shared by its tests.

Each ``tests/hostile/NAME.yaml`` has a ``NAME.expected`` beside it:

    exit 2
    3:10 unsupported tag !!python/object/apply:os.system
    aliases expand to more than

The first line is the exit code of ``cxgap validate``; each further line is a
problem that must be printed: ``LINE:COL text`` for a problem printed as
``NAME.yaml:LINE:COL: ...text...``, or bare text that must appear somewhere
in the output.
"""

from __future__ import annotations

import hashlib
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

HOSTILE = Path(__file__).resolve().parent / "hostile"
ROOT = HOSTILE.parent.parent
GIB = 1 << 30


@dataclass(frozen=True)
class Case:
    path: Path
    exit: int
    expected: tuple[tuple[str | None, str], ...]
    """(``"LINE:COL"`` or None, text) for each problem that must be printed."""

    @property
    def name(self) -> str:
        return self.path.name

    def missing(self, output: str, shown_as: str) -> list[str]:
        """The expected problems not found in ``output`` (the file shown as ``shown_as``)."""
        lines = output.splitlines()
        out = []
        for where, text in self.expected:
            if where is None:
                found = text in output
            else:
                found = any(line.startswith(f"{shown_as}:{where}: ") and text in line for line in lines)
            if not found:
                out.append(f"{where or ''} {text}".strip())
        return out


def _parse(path: Path) -> Case:
    lines = [line for line in path.with_suffix(".expected").read_text(encoding="utf-8").splitlines() if line.strip()]
    word, _, code = lines[0].partition(" ")
    assert word == "exit", f"{path.name}: the .expected file starts with 'exit N'"
    expected: list[tuple[str | None, str]] = []
    for line in lines[1:]:
        head, _, rest = line.partition(" ")
        row, _, col = head.partition(":")
        if row.isdigit() and col.isdigit():
            expected.append((head, rest))
        else:
            expected.append((None, line))
    return Case(path, int(code), tuple(expected))


def cases() -> list[Case]:
    return [_parse(p) for p in sorted(HOSTILE.glob("*.yaml"))]


def invalid_cases() -> list[Case]:
    return [c for c in cases() if c.exit == 2]


def valid_cases() -> list[Case]:
    return [c for c in cases() if c.exit == 0]


def fingerprint(paths: list[Path]) -> dict[str, tuple[str, int, int]]:
    """Content hash, size and modification time of each file: inputs must not change."""
    out = {}
    for p in paths:
        st = p.stat()
        out[str(p)] = (hashlib.sha256(p.read_bytes()).hexdigest(), st.st_size, st.st_mtime_ns)
    return out


def leftovers(folder: Path) -> list[str]:
    """Temporary files a writer left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp") or p.name.startswith("."))


def big_spec(touchpoints: int, seed: int = 1) -> str:
    """A valid spec with this many touchpoints (about 155 bytes each), spread
    over many channels as a real one is (each stage-and-channel pair holds a
    few touchpoints: the analysis relates every pair within one)."""
    rng = random.Random(seed)
    regions = max(1, touchpoints // 50)
    stages = ["out_of_market", "trigger", "consideration", "evaluation", "decision", "experience", "loyalty"]
    channels = ["web", "email", "phone", "events", "live chat", "sales team", "partner", "app"]
    lines = ["version: 1", "journey:", "  title: Generated journey", "customer_touchpoints:"]
    customers = touchpoints // 2
    for i in range(customers):
        lines += [f"  - id: c{i}", f"    stage: {rng.choice(stages)}",
                  f"    channel: {rng.choice(channels)} {rng.randrange(regions)}",
                  f"    name: Customer touchpoint number {i}", f"    importance: {rng.randint(1, 5)}",
                  "    evidence: survey", f"    metrics: {{nps_responses: [{rng.randint(0, 10)}, 9, 7]}}"]
    lines.append("company_touchpoints:")
    for i in range(touchpoints - customers):
        lines += [f"  - id: k{i}", f"    stage: {rng.choice(stages)}",
                  f"    channel: {rng.choice(channels)} {rng.randrange(regions)}",
                  f"    name: Company touchpoint number {i}", f"    effort: {rng.randint(1, 9)}",
                  f"    meets: [c{rng.randrange(customers)}]" if rng.random() < 0.3 else "    owner: marketing"]
    return "\n".join(lines) + "\n"


def env_for_subprocess() -> dict[str, str]:
    """The environment for `python -m cxgap` in a child process."""
    env = dict(os.environ)
    env.pop("GITHUB_ACTIONS", None)
    return env


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (GIB, GIB))


def run_capped(*args: str | Path, timeout: float = 60) -> tuple[int, str, str, float, int]:
    """`python -m cxgap ARGS` under a 1 GiB address-space limit: exit code,
    stdout, stderr, CPU seconds and peak resident memory in MiB. CPU time, not
    wall time: a busy machine stretches the wall clock (a 4 s run took 13 s at
    load 8), not the work; a run that hangs is killed at ``timeout`` wall seconds."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "cxgap", *map(str, args)], stdout=out, stderr=err,
                                preexec_fn=_capped, env=env_for_subprocess())
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        assert time.perf_counter() - start < timeout, f"cxgap {args} ran longer than {timeout} s"
        seconds = usage.ru_utime + usage.ru_stime
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return (proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                seconds, int(usage.ru_maxrss) // 1024)


needs_rlimit = pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux")
