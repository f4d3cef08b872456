"""Invalid specs within the input limit stay under 512 MiB, however many
problems they hold (cxgap/budget.py): pydantic would build one error per
unknown key or wrong list item (640,000 unknown keys peaked at 865 MiB;
5 million wrong answers at 6 GiB, and aborted under 1 GiB). Each case runs
the real CLI under a 1 GiB address-space limit and checks the exit code, the
first problem with its line and column, the exact count of the rest and the
peak resident memory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_cases import needs_rlimit, run_capped

from cxgap.limits import DEFAULT_MAX_BYTES

PEAK_MIB = 512
HEAD = "version: 1\njourney:\n  title: T\n"
TOUCHPOINT = "customer_touchpoints:\n  - id: c1\n    stage: trigger\n    channel: web\n    name: N\n"


def fill(head: str, item: Callable[[int], str], tail: str = "", size: int = DEFAULT_MAX_BYTES - 100,
         each: int = 1, more: int = 0) -> tuple[str, int]:
    """``head``, then ``item(0)``, ``item(1)``, … up to ``size`` bytes, then ``tail``; and how many
    problems that is (``each`` per item, ``more`` in the tail)."""
    parts, total, n = [head], len(head) + len(tail), 0
    while total + len(line := item(n)) <= size:
        parts.append(line)
        total += len(line)
        n += 1
    return "".join(parts) + tail, n * each + more


CASES: dict[str, tuple[Callable[[], tuple[str, int]], str]] = {
    # name: (the spec and how many problems it holds, the first problem as printed after the file name)
    "unknown-keys-at-top-level": (lambda: fill(HEAD, lambda i: f"k{i}: {i}\n"),
                                  "4:1: k0: unknown key 'k0'; expected one of: accept, channels"),
    "unknown-keys-in-a-touchpoint": (lambda: fill(HEAD + TOUCHPOINT, lambda i: f"    k{i}: {i}\n"),
                                     "9:5: customer_touchpoints[0].k0: unknown key 'k0'"),
    "unknown-keys-in-a-stage": (lambda: fill(HEAD + "stages:\n  - id: s1\n    name: S\n", lambda i: f"    k{i}: {i}\n"),
                                "7:5: stages[0].k0: unknown key 'k0'; expected one of: id, mindset, name"),
    "unknown-keys-in-every-touchpoint": (
        lambda: fill(HEAD + "customer_touchpoints:\n",
                     lambda i: f"  - {{id: c{i}, stage: trigger, channel: web, name: N, a: 1, b: 2}}\n", each=2),
        "5:53: customer_touchpoints[0].a: unknown key 'a'"),
    "touchpoints-that-are-not-mappings": (lambda: fill(HEAD + "customer_touchpoints:\n", lambda i: "  - x\n"),
                                          "5:5: customer_touchpoints[0]: expected a mapping"),
    "answers-that-are-not-numbers": (
        lambda: fill(HEAD + TOUCHPOINT + "    metrics:\n      nps_responses: [", lambda i: "x,", "x]\n",
                     size=3 * 1024 * 1024, more=1),
        "10:23: customer_touchpoints[0].metrics.nps_responses[0]: expected NPS answers from 0 to 10, got 'x'"),
}


@needs_rlimit
@pytest.mark.slow
@pytest.mark.parametrize("name", list(CASES))
def test_many_problems_in_bounded_memory(tmp_path: Path, name: str) -> None:
    make, first = CASES[name]
    text, problems = make()
    spec = tmp_path / f"{name}.yaml"
    spec.write_text(text, encoding="utf-8")
    assert spec.stat().st_size <= DEFAULT_MAX_BYTES
    code, _, err, _, peak = run_capped("validate", spec, timeout=180)
    assert code == 2, err[-2000:]
    lines = err.splitlines()
    assert lines[0].startswith(f"{spec}:{first}"), lines[:3]
    assert lines[-1].endswith(f"… and {problems - 100:,} more problems (only the first 100 are shown)"), lines[-2:]
    assert len(lines) == 101 and "Traceback" not in err and "out of memory" not in err
    assert peak < PEAK_MIB, f"{name}: peak {peak} MiB"
