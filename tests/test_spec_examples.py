"""Example specs as data: every file under data/valid loads; every file under
data/invalid fails with exit 2 and, for each line `LINE:COL [code] message` of its
`.expected` file, a problem `file:LINE:COL: ...message...` with that code. The lines
of a `.expected` file are every problem of its spec: no more, no other code."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLI, DATA, ROOT

from cxgap.problems import InputError
from cxgap.spec import load_spec

VALID = sorted((DATA / "valid").glob("*.yaml")) + sorted((ROOT / "journeys").glob("*.yaml"))
INVALID = sorted((DATA / "invalid").glob("*.yaml"))


def _expected_problems(spec: Path) -> list[tuple[str, str, str]]:
    """(LINE:COL, code, message) of each line `LINE:COL [code] message` of the spec's `.expected` file."""
    out = []
    for line in spec.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
        if line.strip():
            where, _, rest = line.partition(" ")
            code, _, message = rest.partition(" ")
            assert code.startswith("[") and code.endswith("]"), f"{spec.name}: no [code] after {where}"
            out.append((where, code[1:-1], message))
    return out


def _expected(spec: Path) -> list[tuple[str, str]]:
    return [(where, message) for where, _, message in _expected_problems(spec)]


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
def test_invalid_spec_gives_exactly_the_expected_problems_and_codes(spec: Path) -> None:
    """Every problem of the spec, in the order `validate` prints them, at its position with its code (the
    `code` of `check -f json`, part of the contract) and its message; nothing else."""
    with pytest.raises(InputError) as raised:
        load_spec(str(spec))
    problems = raised.value.problems
    assert [(f"{p.line}:{p.col}", p.code) for p in problems] == [(w, c) for w, c, _ in _expected_problems(spec)]
    for problem, (_, _, message) in zip(problems, _expected_problems(spec), strict=True):
        assert message in str(problem)


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
