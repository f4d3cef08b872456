"""Path tricks in `-o`: every command that writes a file says why it cannot
(exit 2), leaves no temporary file, never replaces a device, a symlink or its
own input, and a failed run leaves an existing report as it was."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest
from conftest import CLI
from hostile_cases import HOSTILE, fingerprint, leftovers

GOOD = HOSTILE / "xss-everywhere.yaml"
BAD = HOSTILE / "billion-laughs.yaml"
WRITERS: dict[str, tuple[str, ...]] = {
    "analyze": ("analyze", str(GOOD), "-f", "json", "-o"),
    "check": ("check", str(GOOD), "-f", "json", "-o"),
    "diff": ("diff", str(GOOD), str(GOOD), "-f", "json", "-o"),
    "handout": ("handout", str(GOOD), "-o"),
    "schema": ("schema", "-o"),
    "init": ("init", "--force"),
}
"""Every command that writes a file; the file name goes last."""
SUFFIX = {"handout": ".html", "init": ".yaml", "schema": ".json"}
"""The suffix each writer's file names take here (default .json): a handout is never .json."""
OLD = "the previous report\n"


def _write(cli: CLI, writer: str, target: object, code: int) -> str:
    result = cli(*WRITERS[writer], str(target)).expect(code)
    assert "Traceback" not in result.err
    return result.err


@pytest.mark.parametrize("writer", list(WRITERS))
def test_unusable_targets_are_refused_with_a_reason(cli: CLI, tmp_path: Path, writer: str) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    a_file = tmp_path / "a-file"
    a_file.write_text(OLD, encoding="utf-8")
    out = "out" + SUFFIX.get(writer, ".json")
    assert "is a directory" in _write(cli, writer, folder, 2)
    assert "does not exist" in _write(cli, writer, tmp_path / "missing" / out, 2)
    assert "does not exist" in _write(cli, writer, f"{tmp_path}/missing/../{out}", 2)
    assert "Not a directory" in _write(cli, writer, a_file / out, 2)
    assert "cannot write" in _write(cli, writer, f"/proc/cxgap-report-{out}", 2)
    assert a_file.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == [] and leftovers(folder) == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("writer", list(WRITERS))
def test_devices_are_written_never_replaced(cli: CLI, writer: str) -> None:
    assert "No space left on device" in _write(cli, writer, "/dev/full", 2)
    _write(cli, writer, "/dev/null", 0)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode) and stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("writer", list(WRITERS))
def test_dot_dot_and_symlinks(cli: CLI, tmp_path: Path, writer: str) -> None:
    suffix = SUFFIX.get(writer, ".txt") if writer == "handout" else ".txt"
    (tmp_path / "sub").mkdir()
    _write(cli, writer, tmp_path / "sub" / ".." / f"out{suffix}", 0)
    assert (tmp_path / f"out{suffix}").stat().st_size > 0
    real = tmp_path / f"real{suffix}"
    real.write_text(OLD, encoding="utf-8")
    link = tmp_path / f"link{suffix}"
    link.symlink_to(real)
    _write(cli, writer, link, 0)
    assert link.is_symlink() and real.read_text(encoding="utf-8") != OLD
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("writer", ["analyze", "check", "diff", "handout"])
def test_a_report_never_overwrites_its_input(cli: CLI, tmp_path: Path, writer: str) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_bytes(GOOD.read_bytes())
    before = fingerprint([spec])
    args = [str(spec) if a == str(GOOD) else a for a in WRITERS[writer]]
    # a handout is never written to a .yaml name at all: refused before the input check
    refusal = "not as .yaml" if writer == "handout" else "is an input of this run"
    err = cli(*args, str(spec)).expect(2).err
    assert refusal in err
    assert fingerprint([spec]) == before
    link = tmp_path / "link.yaml"
    link.symlink_to(spec)
    assert refusal in cli(*args, str(link)).expect(2).err
    assert fingerprint([spec]) == before and leftovers(tmp_path) == []


@pytest.mark.parametrize("writer", ["analyze", "diff", "handout"])
def test_a_failed_run_leaves_the_old_report(cli: CLI, tmp_path: Path, writer: str) -> None:
    out = tmp_path / "report.json"
    out.write_text(OLD, encoding="utf-8")
    args = [str(BAD) if a == str(GOOD) else a for a in WRITERS[writer]]
    cli(*args, str(out)).expect(2)
    assert out.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only directories")
def test_a_read_only_directory(cli: CLI, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert "Permission denied" in _write(cli, "analyze", folder / "out.json", 2)
    finally:
        folder.chmod(0o700)


def test_stdout_that_cannot_be_written(cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    class Full(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(28, "No space left on device")

        def flush(self) -> None:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr("sys.stdout", Full())
    assert "No space left on device" in cli("analyze", GOOD, "-f", "json").expect(2).err


def test_a_report_never_overwrites_an_input_read_by_a_worker_process(cli: CLI, tmp_path: Path) -> None:
    """Nine specs are analysed by worker processes; their parent still knows them as inputs."""
    for i in range(9):
        (tmp_path / f"s{i}.yaml").write_bytes(GOOD.read_bytes())
    before = fingerprint(sorted(tmp_path.glob("*.yaml")))
    assert "is an input of this run" in cli("analyze", tmp_path, "-f", "json", "-o", tmp_path / "s8.yaml").expect(2).err
    assert fingerprint(sorted(tmp_path.glob("*.yaml"))) == before
    elsewhere = tmp_path.parent / f"{tmp_path.name}-report.yaml"
    elsewhere.write_text(OLD, encoding="utf-8")
    cli("analyze", tmp_path, "-f", "json", "-o", elsewhere).expect(0)
    assert elsewhere.read_text(encoding="utf-8") != OLD
