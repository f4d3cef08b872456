"""Millions of tiny nodes within the input limit (issue 13, "Limits that hold").

Bytes do not bound the work: ``[],`` is a list in three bytes and ``1,`` a
value in two. Before the node limit (``cxgap.limits.max_nodes``), 10 MiB of
3.5 million empty lists took 25 s of CPU and 931 MiB, 5 million numbers 12 s.
Each case runs the real CLI under a 1 GiB address-space limit: the file is
refused at the node that crosses the limit, with exit 2 and the message, and
peak memory stays under 512 MiB; a file just under the limit is still read;
in a directory run such a file is one failed spec and the others are
reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile_cases import needs_rlimit, run_capped

from cxgap.limits import DEFAULT_MAX_BYTES, max_nodes

PEAK_MIB = 512
HEAD = "version: 1\njourney:\n  title: T\n"
TOUCHPOINT = "customer_touchpoints:\n  - id: c1\n    stage: trigger\n    channel: web\n    name: N\n"
LIMIT = max_nodes(DEFAULT_MAX_BYTES)
MESSAGE = f"more than {LIMIT:,} YAML nodes"
VALID = "version: 1\njourney: {title: Fine}\ncustomer_touchpoints:\n  - {id: a, stage: trigger, channel: web}\n" \
        "company_touchpoints:\n  - {id: b, stage: trigger, channel: web}\n"


def fill(head: str, unit: str, tail: str, size: int = DEFAULT_MAX_BYTES - 100) -> str:
    return head + unit * ((size - len(head) - len(tail)) // len(unit)) + tail


OVER: dict[str, tuple[str, str]] = {
    # name: (a 10 MiB spec, where it is refused as printed after the file name)
    "empty-lists": (fill(HEAD + "x-a: [", "[],", "[]]\n"), "4:"),
    "empty-mappings-in-a-mapping": (fill(HEAD + "x-a: {a: [", "{},", "{}]}\n"), "4:"),
    "empty-touchpoints": (fill(HEAD + "customer_touchpoints: [", "{},", "{}]\n"), "4:"),
    "pain-points-that-are-empty-lists": (fill(HEAD + TOUCHPOINT + "    pain_points: [", "[],", "[]]\n"), "9:"),
    "five-million-numbers": (fill(HEAD + "x-a: [", "1,", "1]\n"), "4:"),
    # 8 nodes before `x-a`; `x-a` and its list are nodes 9 and 10; item i is node 11 + i, on line 5 + i
    "a-block-list-of-empty-items": (fill(HEAD + "x-a:\n", "-\n", ""), f"{LIMIT + 1 - 11 + 5}:"),
}


@needs_rlimit
@pytest.mark.slow
@pytest.mark.parametrize("name", list(OVER))
def test_refused_at_the_node_that_crosses_the_limit(tmp_path: Path, name: str) -> None:
    text, where = OVER[name]
    spec = tmp_path / f"{name}.yaml"
    spec.write_text(text, encoding="utf-8")
    assert spec.stat().st_size <= DEFAULT_MAX_BYTES
    code, _, err, _, peak = run_capped("validate", spec, timeout=180)
    assert code == 2, err[-2000:]
    [line] = err.splitlines()
    assert line.startswith(f"{spec}:{where}") and MESSAGE in line and "--max-bytes" in line, line
    assert peak < PEAK_MIB, f"{name}: peak {peak} MiB"


@needs_rlimit
@pytest.mark.slow
def test_every_command_refuses_it_alike(tmp_path: Path) -> None:
    spec = tmp_path / "lists.yaml"
    spec.write_text(OVER["empty-lists"][0], encoding="utf-8")
    for args in (("analyze", spec, "-f", "json", "-o", tmp_path / "a.json"), ("check", spec),
                 ("handout", spec, "-o", tmp_path / "h.html"), ("diff", spec, spec)):
        code, _, err, _, peak = run_capped(*args, timeout=180)
        assert code == 2 and f"{spec}:4:" in err and MESSAGE in err, (args[0], err[-2000:])
        assert "Traceback" not in err and peak < PEAK_MIB, (args[0], peak)
    assert not (tmp_path / "a.json").exists() and not (tmp_path / "h.html").exists()


def under(unit: str, nodes: int, head: str = HEAD + "x-a: [", tail: str = "]\n") -> str:
    """A list of ``unit`` items (``nodes`` each) that leaves the document a few nodes under the limit."""
    return head + unit * ((LIMIT - 20) // nodes - 1) + unit.rstrip(",") + tail


@needs_rlimit
@pytest.mark.slow
@pytest.mark.parametrize(("unit", "nodes"), [("[1],", 3), ("{a: 1},", 4), ("[],", 2), ("1,", 1)],
                         ids=["one-item-lists", "one-key-mappings", "empty-lists", "numbers"])
def test_just_under_the_limit_is_read_in_bounded_memory(tmp_path: Path, unit: str, nodes: int) -> None:
    """The most containers the limit lets through: still valid (an `x-` key), still under 512 MiB."""
    spec = tmp_path / "under.yaml"
    spec.write_text(under(unit, nodes), encoding="utf-8")
    code, out, err, _, peak = run_capped("validate", spec, timeout=180)
    assert code == 0 and "ok" in out, err[-2000:]
    assert peak < PEAK_MIB, f"peak {peak} MiB"


@needs_rlimit
@pytest.mark.slow
def test_a_million_empty_touchpoints_under_the_limit_are_counted_in_bounded_memory(tmp_path: Path) -> None:
    spec = tmp_path / "empty.yaml"
    spec.write_text(under("{},", 2, HEAD + "customer_touchpoints: ["), encoding="utf-8")
    touchpoints = (LIMIT - 20) // 2
    code, _, err, _, peak = run_capped("validate", spec, timeout=180)
    lines = err.splitlines()
    assert code == 2 and lines[0].startswith(f"{spec}:4:24: customer_touchpoints[0].channel: missing"), lines[:2]
    # each touchpoint misses id, stage and channel
    assert lines[-1].endswith(f"… and {3 * touchpoints - 100:,} more problems (only the first 100 are shown)")
    assert peak < PEAK_MIB, f"peak {peak} MiB"


@needs_rlimit
@pytest.mark.slow
def test_a_directory_run_reports_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "a-fine.yaml").write_text(VALID, encoding="utf-8")
    (folder / "b-lists.yaml").write_text(OVER["empty-lists"][0], encoding="utf-8")
    (folder / "c-fine.yaml").write_text(VALID, encoding="utf-8")
    code, out, err, _, peak = run_capped("validate", folder, timeout=180)
    assert code == 2 and "b-lists.yaml:4:" in err and MESSAGE in err, err[-2000:]
    assert "a-fine.yaml: ok" in out and "c-fine.yaml: ok" in out and peak < PEAK_MIB, (out, peak)
    report = tmp_path / "analysis.json"
    code, _, err, _, peak = run_capped("analyze", folder, "-f", "json", "-o", report, timeout=180)
    assert code == 2 and MESSAGE in err and peak < PEAK_MIB, err[-2000:]
    text = json.dumps(json.loads(report.read_text(encoding="utf-8")))
    assert "a-fine.yaml" in text and "c-fine.yaml" in text and "b-lists.yaml" in text
    junit = tmp_path / "check.xml"
    code, _, err, _, _ = run_capped("check", folder, "-o", junit, timeout=180)
    xml = junit.read_text(encoding="utf-8")
    assert code == 2 and xml.count("<testsuite ") == 3 and "YAML nodes" in xml
