"""Closed and broken standard streams, with the real CLI in a child process
whose descriptors are really closed (``>&-``, ``2>&-``, ``<&-``) or whose
reader goes away (``| head -1``). The exit codes (README, "Limits and
safety"): 2 when a stream the command needs is unusable, the command's own
verdict otherwise, and never 0 when a spec failed."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_cases import HOSTILE, ROOT, env_for_subprocess

GOOD = ROOT / "journeys" / "b2b-crm.yaml"
BAD = HOSTILE / "billion-laughs.yaml"
CXGAP = f"{shlex.quote(sys.executable)} -m cxgap"


def sh(script: str, cwd: Path = ROOT) -> tuple[int, str, str]:
    """Run a shell line (``$CXGAP`` is the real CLI); exit code, stdout, stderr."""
    proc = subprocess.run(["sh", "-c", script], capture_output=True, text=True, cwd=cwd, timeout=120, check=False,
                          env={**env_for_subprocess(), "CXGAP": CXGAP})
    return proc.returncode, proc.stdout, proc.stderr


STDOUT_WRITERS = [f"validate {GOOD}", f"analyze {GOOD}", f"analyze {GOOD} -f json", f"check {GOOD}",
                  f"diff {GOOD} {GOOD}", f"handout {GOOD}", "schema", "stages", "init -", "--version"]


@pytest.mark.parametrize("command", STDOUT_WRITERS)
def test_closed_stdout_is_exit_2_with_a_message(command: str) -> None:
    code, _, err = sh(f"$CXGAP {command} >&-")
    assert code == 2 and "Traceback" not in err
    assert "cannot write to standard output: it is closed" in err


def test_closed_stdout_is_not_needed_with_output_or_quiet(tmp_path: Path) -> None:
    assert sh(f"$CXGAP analyze {GOOD} -o {tmp_path}/r.json >&-")[0] == 0
    assert (tmp_path / "r.json").stat().st_size > 1000
    assert sh(f"$CXGAP validate --quiet {GOOD} >&-")[0] == 0
    code, _, err = sh(f"$CXGAP validate --quiet {BAD} >&-")
    assert code == 2 and "aliases expand" in err


def test_a_closed_stdout_is_never_handed_to_a_file_opened_later(tmp_path: Path) -> None:
    """Descriptor 1 is taken by /dev/null first: the report cannot land in a file that got number 1."""
    report = tmp_path / "r.json"
    code, _, _ = sh(f"$CXGAP analyze {GOOD} -f json -o {report} >&-")
    assert code == 0 and report.read_text(encoding="utf-8").startswith("{")


@pytest.mark.parametrize("command", [f"validate {BAD}", f"analyze {BAD}", f"check {BAD}", f"diff {BAD} {GOOD}",
                                     f"handout {BAD}", "analyze /nonexistent.yaml"])
def test_closed_stderr_keeps_the_exit_code(command: str) -> None:
    code, out, _ = sh(f"$CXGAP {command} 2>&-")
    assert code == 2, out
    assert sh(f"$CXGAP check {GOOD} --fail-on critical 2>&- >/dev/null")[0] == 1
    assert sh(f"$CXGAP check {GOOD} --fail-on none 2>&- >/dev/null")[0] == 0


@pytest.mark.parametrize("command", ["validate -", "analyze -", "check -", "handout -", "diff - -"])
def test_closed_stdin_is_exit_2(command: str) -> None:
    code, _, err = sh(f"$CXGAP {command} <&-")
    assert code == 2 and "Traceback" not in err
    assert "<stdin>:1:1: cannot read standard input: it is closed" in err


@pytest.mark.parametrize("all_valid", [True, False])
def test_a_reader_that_leaves_early_does_not_hide_a_failure(tmp_path: Path, all_valid: bool) -> None:
    folder = tmp_path / "specs"
    folder.mkdir()
    for i in range(12):
        shutil.copyfile(GOOD, folder / f"a{i:02}.yaml")
    if not all_valid:
        shutil.copyfile(BAD, folder / "z-broken.yaml")
    want = 0 if all_valid else 2
    gate = 1 if all_valid else 2
    for command, fail in ((f"validate {folder}", want), (f"analyze {folder} -f json", want),
                          (f"check {folder} --fail-on none", want), (f"check {folder} --fail-on critical", gate)):
        # `exit ${PIPESTATUS}` is bash: POSIX sh gets the code through a file
        _, out, err = sh(f"{{ $CXGAP {command}; echo $? > {tmp_path}/code; }} | head -c 1")
        assert len(out) == 1 and "Traceback" not in err and "Broken pipe" not in err, err
        assert int((tmp_path / "code").read_text()) == fail, (command, err)
