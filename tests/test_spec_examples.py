"""Example specs as data: every file under data/valid loads; every file under
data/invalid fails with exit 2 and, for each line of its `.expected` file,
a problem `file:LINE:COL: ...message...`."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLI, DATA, ROOT

VALID = sorted((DATA / "valid").glob("*.yaml")) + sorted((ROOT / "journeys").glob("*.yaml"))
INVALID = sorted((DATA / "invalid").glob("*.yaml"))


def _expected(spec: Path) -> list[tuple[str, str]]:
    lines = spec.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    return [(where, message) for where, _, message in (line.partition(" ") for line in lines if line.strip())]


def test_there_are_examples() -> None:
    assert len(VALID) >= 4
    assert len(INVALID) >= 20


@pytest.mark.parametrize("spec", VALID, ids=lambda p: p.name)
def test_valid_spec_validates(cli: CLI, spec: Path) -> None:
    result = cli("validate", spec).expect(0)
    assert f"{spec}: ok" in result.out
    assert result.err == ""


@pytest.mark.parametrize("spec", INVALID, ids=lambda p: p.name)
def test_invalid_spec_points_at_the_line(cli: CLI, spec: Path) -> None:
    result = cli("validate", spec).expect(2)
    assert "Traceback" not in result.err
    problems = result.err.splitlines()
    for where, message in _expected(spec):
        prefix = f"{spec}:{where}: "
        hits = [p for p in problems if p.startswith(prefix) and message in p]
        assert hits, f"no problem {prefix}...{message}...\n--- stderr\n{result.err}"


@pytest.mark.parametrize("spec", INVALID, ids=lambda p: p.name)
def test_every_problem_has_file_line_col(cli: CLI, spec: Path) -> None:
    err = cli("validate", spec).expect(2).err
    for line in err.splitlines():
        head = line.split(": ", 1)[0]
        name, row, col = head.rsplit(":", 2)
        assert name == str(spec) and row.isdigit() and col.isdigit(), line


def test_all_problems_of_a_file_are_reported_at_once(cli: CLI) -> None:
    err = cli("validate", DATA / "invalid" / "target-subjects.yaml").expect(2).err
    assert len(err.splitlines()) == 4


def test_many_files_report_each(cli: CLI) -> None:
    result = cli("validate", DATA / "valid", DATA / "invalid" / "empty.yaml").expect(2)
    assert "hand-computed.yaml: ok" in result.out
    assert "empty.yaml:1:1:" in result.err
