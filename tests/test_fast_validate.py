"""`cxgap validate` runs without Typer for its plain forms; the result must be
exactly what the full command line gives."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import DATA, ROOT

from cxgap.cli.fast import parse_validate
from cxgap.cli.run import _guarded, _typer_main, run

CASES = [
    ["validate", str(DATA / "valid" / "hand-computed.yaml")],
    ["validate", "-q", str(DATA / "valid")],
    ["validate", "--max-bytes", "100", str(DATA / "valid" / "hand-computed.yaml")],
    ["validate", "--max-bytes=99999999", str(DATA / "invalid" / "target-subjects.yaml")],
    ["validate", str(DATA / "invalid")],
    ["validate", str(DATA / "nope.yaml")],
    ["validate", "--", str(ROOT / "journeys")],
    ["validate", "--lang", "zh-TW", str(DATA / "invalid")],
    ["validate", "-l", "zh-CN", "--lang=en", str(DATA / "zh")],
]


@pytest.mark.parametrize("args", CASES, ids=lambda a: " ".join(x.rsplit("/", 1)[-1] for x in a))
def test_fast_path_matches_the_full_command_line(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert parse_validate(args) is not None
    fast = run(args)
    fast_out = capsys.readouterr()
    full = _guarded(lambda: _typer_main(args), False)
    full_out = capsys.readouterr()
    assert (fast, fast_out.out, fast_out.err) == (full, full_out.out, full_out.err)


@pytest.mark.parametrize("args", [
    ["validate"], ["validate", "--help"], ["validate", "--max-bytes", "0", "x.yaml"],
    ["validate", "--max-bytes", "x.yaml"], ["validate", "--strict", "x.yaml"], ["analyze", "x.yaml"], [],
])
def test_anything_else_goes_to_the_full_command_line(args: list[str]) -> None:
    assert parse_validate(args) is None


def test_fast_path_loads_no_typer() -> None:
    code = ("import sys; from cxgap.cli import run; code = run(['validate', 'journeys/b2b-crm.yaml']); "
            "print(code, 'typer' in sys.modules, 'rich' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert proc.stdout.splitlines()[-1] == "0 False False"
