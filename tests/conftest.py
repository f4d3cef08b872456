"""Shared test helpers: run the real CLI entry point in-process."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from cxgap.cli.run import run

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def expect(self, code: int) -> Result:
        """Assert the exit code, showing stdout and stderr when it surprises."""
        assert self.code == code, f"exit {self.code}, expected {code}\n--- stdout\n{self.out}\n--- stderr\n{self.err}"
        return self


CLI = Callable[..., Result]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> CLI:
    """``cli("analyze", "x.yaml")`` runs cxgap as its console script would."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    for var in ("CXGAP_LANG", "LC_ALL", "LC_MESSAGES"):  # English unless a test asks for another language
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")

    def invoke(*args: str | os.PathLike[str]) -> Result:
        capsys.readouterr()
        code = run([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository root, so that report sources are relative paths."""
    monkeypatch.chdir(ROOT)
    return ROOT
