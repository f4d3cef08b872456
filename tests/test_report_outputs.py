"""Where reports go: the terminal's width, the -o suffix, and PDF (issue 14)."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import pytest
from conftest import CLI, ROOT
from rich.cells import cell_len

JOURNEYS = ROOT / "journeys"


@pytest.mark.parametrize("columns", [80, 100, 160])
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_terminal_report_fits_the_terminal(cli: CLI, monkeypatch: pytest.MonkeyPatch, columns: int,
                                           lang: str) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    out = cli("analyze", JOURNEYS, "--lang", lang, "--all").expect(0).out
    widths = [cell_len(line) for line in out.splitlines()]
    assert max(widths) <= columns, max(zip(widths, out.splitlines(), strict=True))
    stacked = columns < 110
    assert ("| Severity" in out or "| 严重程度" in out) is not stacked  # the gap table, or stacked gap blocks
    assert ("→ " in out) is stacked


def test_width_option_beats_the_terminal(cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    out = cli("analyze", JOURNEYS / "b2b-crm.yaml", "--width", "72").expect(0).out
    assert max(cell_len(line) for line in out.splitlines()) <= 72


@pytest.mark.parametrize("name", ["report.docx", "report.yaml", "report.xlsx"])
def test_unknown_suffix_is_refused(cli: CLI, tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    result = cli("analyze", JOURNEYS / "b2b-crm.yaml", "-o", target).expect(2)
    assert "does not write" in result.err and not target.exists()


def test_suffix_and_format_must_agree(cli: CLI, tmp_path: Path) -> None:
    cli("analyze", JOURNEYS / "b2b-crm.yaml", "-o", tmp_path / "r.json", "-f", "markdown").expect(2)
    cli("analyze", JOURNEYS / "b2b-crm.yaml", "-o", tmp_path / "r.pdf", "-f", "json").expect(2)
    cli("analyze", JOURNEYS / "b2b-crm.yaml", "-o", tmp_path / "r.log", "-f", "json").expect(0)  # explicit
    assert not (tmp_path / "r.json").exists() and not (tmp_path / "r.pdf").exists()
    cli("handout", JOURNEYS / "b2b-crm.yaml", "-o", tmp_path / "h.md").expect(2)


def _without_weasyprint(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise ImportError("No module named 'weasyprint'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)


@pytest.mark.parametrize("command", ["analyze", "handout"])
def test_pdf_without_the_extra_is_refused(cli: CLI, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                          command: str) -> None:
    _without_weasyprint(monkeypatch)
    target = tmp_path / "out.pdf"
    result = cli(command, JOURNEYS / "b2b-crm.yaml", "-o", target).expect(2)
    assert "cxgap[pdf]" in result.err and "Traceback" not in result.err
    assert not target.exists()


@pytest.mark.slow
@pytest.mark.parametrize("command", ["analyze", "handout"])
def test_pdf_is_a_real_pdf(cli: CLI, tmp_path: Path, command: str) -> None:
    pytest.importorskip("weasyprint", reason="the pdf extra is not installed (pip install '.[pdf]')")
    target = tmp_path / "out.pdf"
    cli(command, JOURNEYS / "b2b-crm.yaml", "-o", target).expect(0)
    data = target.read_bytes()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]
