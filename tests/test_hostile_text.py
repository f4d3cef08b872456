"""Spec text in the reports people read and paste: Markdown for pull-request
comments (no blocks, mentions or links from spec text; analyze and diff
escape alike) and CSV for spreadsheets (no new record from a CR, no formula
from any cell)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from conftest import CLI
from hostile_cases import HOSTILE

from cxgap.gate.diff_reporters.markdown import md_text
from cxgap.render.csv_report import _cell
from cxgap.render.markdown import md

SPEC = HOSTILE / "markdown-blocks-mentions-urls.yaml"
MENTION = re.compile(r"@[\w-]")
BARE_URL = re.compile(r"(?i)\b(?:https?://|www\.)")
TEXTS = ["---", "- x", "1. x", "12) x", "+ y", "===", "@octocat and @org/team", "https://evil.example/x",
         "HTTP://X", "www.evil.example", "a@b.example", "fix #12", "$x$", "a\u202eb\u2066c", "**b** _i_ `c` [l](u)",
         "<b>x</b> & | ~"]


@pytest.mark.parametrize("text", TEXTS)
def test_md_is_inert(text: str) -> None:
    out = md(text)
    assert not re.match(r"(?:[-+=*>#]|\d+[.)])", out), out  # no list, heading, quote or break
    assert not MENTION.search(out) and not BARE_URL.search(out) and not re.search(r"#\d", out)
    assert not any(ch in out for ch in "\u202e\u2066<>") and not re.search(r"(?<!\\)[*_`$\[\]~]", out)


@pytest.mark.parametrize("text", TEXTS)
def test_diff_markdown_escapes_exactly_what_analyze_markdown_escapes(text: str) -> None:
    assert md_text(text) == md(text)


def _paragraphs(markdown: str) -> list[str]:
    """The lines outside code blocks (the Mermaid diagram is code: no mentions, no links there)."""
    out, fenced = [], False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced:
            out.append(line)
    return out


def test_analyze_and_diff_markdown_neither_notify_nor_link_out(cli: CLI, tmp_path: Path) -> None:
    analyze = cli("analyze", SPEC, "-f", "markdown").expect(0).out
    diff = cli("diff", HOSTILE / "alias-legit.yaml", SPEC, "-f", "markdown").expect(0).out
    for report in (analyze, diff):
        text = "\n".join(_paragraphs(report))
        assert "octocat" in text and "evil.example" in text  # shown, as text
        assert not MENTION.search(text) and not BARE_URL.search(text) and "#12" not in text
        assert "\u202e" not in report
    lines = _paragraphs(analyze)
    assert "\\---" in lines and "> **Experience thesis**: 1\\. x" in lines
    assert any(line.endswith("**Owner**: \\- x") for line in lines)


def test_csv_records_and_formulas(cli: CLI) -> None:
    out = cli("analyze", SPEC, "-f", "csv").expect(0).out
    rows = list(csv.reader(io.StringIO(out)))
    assert len(rows) == len(out.splitlines()) == 1 + 13  # one line per record: no CR or LF inside a cell
    assert "\r" not in out
    for row in rows[1:]:
        for cell in row:
            assert not cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r")), cell


@pytest.mark.parametrize(("text", "cell"), [
    ("=1+1", "'=1+1"), ("a\r=cmd", "a =cmd"), ("a\n@SUM(1)", "a @SUM(1)"), ("x\r\ny", "x y"), (" =1", "' =1"),
    ("\t=1", "'\t=1"), ("\r=1", "' =1"), ("-2", "'-2"), ("\uff1dSUM(1)", "'\uff1dSUM(1)"), ("a\u2028b", "a b"),
    ("plain", "plain"),
])
def test_csv_cell(text: str, cell: str) -> None:
    assert _cell(text) == cell
