"""Never overwrite an input, and refuse what must not be read: protection is
by file identity (device and inode) for every input of every command line,
whatever its name and however many there are (8 or more run in worker
processes); ``-o /dev/stdin`` and ``/proc/self/fd/0`` are the spec read from
standard input; an option that names an existing file is refused; a FIFO or
device is refused unread, also inside a directory; an unreadable directory
is an error; ``--max-bytes`` has a range and allocates nothing up front."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import CLI
from hostile_cases import ROOT, env_for_subprocess, fingerprint, leftovers, needs_rlimit, run_capped

from cxgap.limits import MAX_MAX_BYTES

GOOD = ROOT / "journeys" / "b2b-crm.yaml"


def cxgap(*args: str | Path, stdin: Path | None = None, cwd: Path | None = None) -> tuple[int, str]:
    with open(stdin or os.devnull, "rb") as fh:
        proc = subprocess.run([sys.executable, "-m", "cxgap", *map(str, args)], stdin=fh, capture_output=True,
                              text=True, env=env_for_subprocess(), timeout=120, check=False, cwd=cwd)
    return proc.returncode, proc.stderr


@pytest.mark.parametrize("count", [1, 7, 8, 12])
def test_no_input_is_overwritten_whatever_its_name_or_count(tmp_path: Path, count: int) -> None:
    names = ["spec", "-dash.yaml", "notes.txt", "x.YAML", *(f"s{i}.yaml" for i in range(count))][:max(count, 4)]
    files = [tmp_path / n for n in names]
    for f in files:
        shutil.copyfile(GOOD, f)
    link = tmp_path / "hard-link.json"
    os.link(files[0], link)
    before = fingerprint(files)
    for target in [*files, link]:
        code, err = cxgap("analyze", "-f", "json", "-o", target, "--", *names, cwd=tmp_path)
        assert code == 2 and "it is an input of this run" in err, (target, err)
    assert fingerprint(files) == before and leftovers(tmp_path) == []


def test_a_directory_of_eight_or_more_specs_is_protected(tmp_path: Path) -> None:
    folder = tmp_path / "specs"
    folder.mkdir()
    for i in range(10):
        shutil.copyfile(GOOD, folder / f"s{i}.yml")
    before = fingerprint(sorted(folder.iterdir()))
    for writer in (("analyze", folder, "-f", "json"), ("check", folder, "-f", "json")):
        code, err = cxgap(*writer, "-o", folder / "s9.yml")
        assert code == 2 and "it is an input of this run" in err
    assert fingerprint(sorted(folder.iterdir())) == before


@pytest.mark.parametrize("target", ["/dev/stdin", "/proc/self/fd/0", "/dev/fd/0"])
@pytest.mark.parametrize("command", ["analyze", "check", "handout", "validate"])
def test_a_spec_read_from_stdin_is_never_the_report(tmp_path: Path, target: str, command: str) -> None:
    if not os.path.exists(target):
        pytest.skip(f"no {target} here")
    spec = tmp_path / "spec.yaml"
    shutil.copyfile(GOOD, spec)
    before = fingerprint([spec])
    args = ("-", "-o", target) if command != "validate" else ("-",)
    code, err = cxgap(command, *args, stdin=spec)
    assert fingerprint([spec]) == before
    if command != "validate":
        assert code == 2 and "it is an input of this run" in err, err


def test_a_spec_piped_to_stdin_is_never_the_report(tmp_path: Path) -> None:
    code = subprocess.run(f"cat {GOOD} | {sys.executable} -m cxgap analyze - -f json -o /proc/self/fd/0",
                          shell=True, capture_output=True, text=True, env=env_for_subprocess(), timeout=120,
                          check=False)
    assert code.returncode == 2 and "it is an input of this run" in code.stderr


def test_an_option_that_names_an_existing_file_is_refused(tmp_path: Path) -> None:
    """The pre-commit attack: a committed file named `--output=journeys/victim.yaml`, passed without `--`."""
    journeys = tmp_path / "journeys"
    journeys.mkdir()
    victim = journeys / "victim.yaml"
    shutil.copyfile(GOOD, victim)
    planted = tmp_path / "--output=journeys"
    planted.mkdir()
    shutil.copyfile(GOOD, planted / "victim.yaml")
    before = fingerprint([victim])
    for command in ("check", "analyze", "validate", "handout"):
        code, err = cxgap(command, "journeys/victim.yaml", "--output=journeys/victim.yaml", cwd=tmp_path)
        assert code == 2 and "is an option and also names an existing file" in err and "put --" in err, err
        specs = ("--output=journeys/victim.yaml",) if command == "handout" else ("journeys/victim.yaml",
                                                                                 "--output=journeys/victim.yaml")
        code, err = cxgap(command, "--", *specs, cwd=tmp_path)
        assert code in (0, 1), err  # after --, each is a spec file
    assert fingerprint([victim]) == before


def test_fifos_and_devices_are_refused_unread(cli: CLI, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result: list[int] = []
    worker = threading.Thread(target=lambda: result.append(cli("validate", fifo).code))
    worker.start()
    worker.join(20)
    assert not worker.is_alive(), "reading a FIFO blocked"
    folder = tmp_path / "specs"
    folder.mkdir()
    shutil.copyfile(GOOD, folder / "a.yaml")
    os.mkfifo(folder / "b.yaml")
    for command in ("validate", "check", "analyze"):
        err = cli(command, folder).expect(2).err
        assert "b.yaml:1:1: is a FIFO (named pipe), not a regular file; refusing to read it" in err
    assert "is a character device, not a regular file" in cli("validate", "/dev/zero").expect(2).err


def test_an_unreadable_directory_is_an_error(cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "specs"
    (folder / "locked").mkdir(parents=True)
    shutil.copyfile(GOOD, folder / "a.yaml")
    shutil.copyfile(GOOD, folder / "locked" / "b.yaml")
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str] = ".") -> object:
        if str(path).endswith("locked"):  # what chmod 000 does to anyone but root
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    for command in ("validate", "check", "analyze"):
        err = cli(command, folder).expect(2).err
        assert f"cannot read the directory {folder}/locked: Permission denied" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any directory")
def test_an_unreadable_directory_for_real(tmp_path: Path) -> None:
    folder = tmp_path / "specs"
    (folder / "locked").mkdir(parents=True)
    shutil.copyfile(GOOD, folder / "a.yaml")
    (folder / "locked").chmod(0)
    try:
        code, err = cxgap("validate", folder)
    finally:
        (folder / "locked").chmod(0o755)
    assert code == 2 and "cannot read the directory" in err


@pytest.mark.parametrize("value", [str(MAX_MAX_BYTES + 1), "99999999999999999999999", "0", "-5"])
@pytest.mark.parametrize("command", ["validate", "analyze", "check", "handout"])
def test_max_bytes_out_of_range_is_a_usage_error(cli: CLI, value: str, command: str) -> None:
    err = cli(command, "--max-bytes", value, GOOD).expect(2).err
    assert "--max-bytes" in err and "Traceback" not in err


@needs_rlimit
def test_max_bytes_allocates_nothing_up_front(tmp_path: Path) -> None:
    code, out, err, _, peak = run_capped("validate", "--max-bytes", str(MAX_MAX_BYTES), GOOD)
    assert code == 0 and "ok" in out and peak < 200, (peak, err)
    spec = tmp_path / "small.yaml"
    shutil.copyfile(GOOD, spec)
    code, _, err, _, peak = run_capped("analyze", "--max-bytes", str(MAX_MAX_BYTES), spec, "-f", "json", "-o",
                                       tmp_path / "r.json")
    assert code == 0 and peak < 200, (peak, err)
