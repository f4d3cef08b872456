"""Interrupted runs: SIGTERM, SIGHUP and SIGQUIT (like Ctrl-C) leave no
temporary file and the previous report as it was; only SIGKILL may leave a
temporary file. And an output name of 251 to 255 bytes, the most a file
system allows, works: the temporary file's name is kept short enough."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CLI
from hostile_cases import ROOT, env_for_subprocess, leftovers

SPEC = ROOT / "journeys" / "b2b-crm.yaml"
OLD = "the previous report\n"
SIGNALLED = """
import os, signal, sys, tempfile
signum = getattr(signal, sys.argv[1])
where = sys.argv[2]
if where == "write":  # the signal arrives while the report is being written
    real_fsync = os.fsync
    def fsync(fd):
        os.kill(os.getpid(), signum)
        real_fsync(fd)
    os.fsync = fsync
else:  # ... or just as the temporary file was created
    real_mkstemp = tempfile.mkstemp
    def mkstemp(*args, **kwargs):
        made = real_mkstemp(*args, **kwargs)
        os.kill(os.getpid(), signum)
        return made
    tempfile.mkstemp = mkstemp
from cxgap.cli.run import main
main(sys.argv[3:])
"""


@pytest.mark.parametrize("where", ["write", "create"])
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGQUIT", "SIGINT"])
def test_a_terminating_signal_leaves_the_previous_report_and_no_temporary_file(tmp_path: Path, name: str,
                                                                              where: str) -> None:
    report = tmp_path / "report.json"
    report.write_text(OLD, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", SIGNALLED, name, where, "analyze", str(SPEC), "-o", str(report)],
                          capture_output=True, text=True, env=env_for_subprocess(), timeout=60, check=False)
    signum = getattr(signal, name)
    assert proc.returncode == 128 + signum, proc.stderr
    assert "Traceback" not in proc.stderr
    assert name == "SIGINT" or f"terminated by {name}" in proc.stderr
    assert report.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("length", [251, 252, 253, 254, 255])
def test_output_names_up_to_255_bytes(cli: CLI, tmp_path: Path, length: int) -> None:
    for suffix, stem in ((".json", "r"), (".md", "é")):  # a multi-byte name is cut on bytes, not characters
        base = stem * ((length - len(suffix)) // len(stem.encode())) + suffix
        base = "r" * (length - len(base.encode())) + base
        assert len(base.encode()) == length
        target = tmp_path / base
        cli("analyze", SPEC, "-o", target).expect(0)
        assert target.stat().st_size > 1000
        cli("analyze", SPEC, "-o", target).expect(0)  # replacing an existing one too
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
