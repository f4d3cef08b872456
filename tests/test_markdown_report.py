"""The Markdown report: spec text cannot break its tables or render as markup,
and its Mermaid journey is well-formed (the real mermaid.js parse is in
test_browser_reports.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from cxgap.analysis import analyze
from cxgap.i18n import Catalog
from cxgap.model import CustomerTouchpoint
from cxgap.render import RenderOptions
from cxgap.render.coverage import coverage_score
from cxgap.render.markdown import md, md_id, render
from cxgap.render.mermaid import LAYOUT, journey_diagram, mermaid_actor, mermaid_text
from cxgap.spec import load_spec, load_spec_text

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "data" / "reports" / "hostile.yaml"

SPEC = """\
version: 1
journey: {id: esc, title: "Title with | pipe and <b>bold</b>"}
customer_touchpoints:
  - id: a
    stage: trigger
    channel: search
    name: "Search | compare <b>prices</b> & [click](javascript:alert(1))"
    importance: 5
  - id: b
    stage: trigger
    channel: blogs
    name: "first line\\nsecond | line\\r\\nthird"
company_touchpoints:
  - id: c
    stage: trigger
    channel: search
    name: "Ads <img src=x onerror=alert(1)> | *all* `of` them"
    owner: "growth | team"
"""


def _markdown(text: str = SPEC, lang: str = "en") -> str:
    return render([analyze(load_spec_text("esc.yaml", text))], RenderOptions(lang=lang))


def _html(markdown: str) -> str:
    """The Markdown as a GFM renderer with raw HTML enabled shows it (the worst case)."""
    return str(MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown))


def _tables(markdown: str) -> list[list[list[str]]]:
    """Every table, as rows of cells (header row first), from the parsed document."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    tables: list[list[list[str]]] = []
    row: list[str] = []
    for i, tok in enumerate(tokens):
        if tok.type == "table_open":
            tables.append([])
        elif tok.type == "tr_open":
            row = []
        elif tok.type in ("th_open", "td_open"):
            row.append(tokens[i + 1].content)
        elif tok.type == "tr_close":
            tables[-1].append(row)
    return tables


def test_a_pipe_in_a_name_does_not_add_a_column() -> None:
    tables = _tables(_markdown())
    assert tables
    for table in tables:
        assert {len(r) for r in table} == {len(table[0])}, table
    cells = [cell for table in tables for row in table for cell in row]
    assert any("Search | compare" in cell for cell in cells)


def test_html_in_a_name_is_escaped() -> None:
    html = _html(_markdown())
    assert "<b>" not in html and "<img" not in html
    assert "&lt;b&gt;prices&lt;/b&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_markdown_syntax_in_a_name_stays_text() -> None:
    html = _html(_markdown())
    assert "<a " not in html and "<em>all</em>" not in html and "<code>of</code>" not in html
    assert "[click](javascript:alert(1))" in html


def test_newlines_in_a_name_do_not_break_rows() -> None:
    markdown = _markdown()
    assert "first line second \\| line third" in markdown
    rows = [line for line in markdown.splitlines() if "second \\| line" in line]
    assert rows and all(line.startswith(("|", "- ")) for line in rows)


def test_md_escapes() -> None:
    assert md("a|b") == "a\\|b"
    assert md("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert md("x\n\ny\tz") == "x y z"
    assert md("*_`[]~$#!\\") == "\\*\\_\\`\\[\\]\\~\\$\\#\\!\\\\"
    assert md_id("live-demo") == "`live-demo`"
    assert md_id("a|b`c") == "a\\|b\\`c"


@pytest.mark.parametrize("lang", ["en", "zh-CN", "zh-TW"])
def test_report_sections_in_every_language(lang: str) -> None:
    c = Catalog(lang)
    markdown = render([analyze(load_spec(str(ROOT / "journeys" / "b2b-crm.yaml")))], RenderOptions(lang=lang))
    for key in ("label.scores", "label.journey_map", "label.stages", "label.gaps", "label.recommendations",
                "label.metrics", "label.not_active"):
        assert f"## {md(c.t(key))}" in markdown
    assert markdown.count("```mermaid") == 1
    assert markdown.endswith("_\n")


def test_portfolio_has_each_journey_then_the_table() -> None:
    analyses = [analyze(load_spec(str(p))) for p in sorted((ROOT / "journeys").glob("*.yaml"))]
    markdown = render(analyses, RenderOptions())
    assert markdown.count("```mermaid") == len(analyses)
    portfolio = markdown.index("# Portfolio")
    assert all(markdown.index(f"(`{a.journey_id}`)", portfolio) for a in analyses)


# --------------------------------------------------------------------------- Mermaid


@pytest.mark.parametrize("raw, clean", [
    ("Plain name", "Plain name"),
    ("Step 1: demo; #2\nnext", "Step 1∶ demo, ＃2 next"),
    ("50%% off %%{init: {}}%%", "50％％ off ％％{init∶ {}}％％"),
    ("<b>x</b>", "‹b›x‹/b›"),
    ("title Trick", "“title Trick”"),
    ("Section leader", "“Section leader”"),
    ("journey map", "“journey map”"),
    ("accDescr { x", "“accDescr { x”"),
    ("Account executive", "Account executive"),
    ("Titles matter", "Titles matter"),
    ("   \n\t ", "?"),
])
def test_mermaid_text(raw: str, clean: str) -> None:
    assert mermaid_text(raw) == clean


def test_mermaid_actor_has_no_separators() -> None:
    assert mermaid_actor("sales, EMEA: team") == "sales EMEA team"


def test_journey_diagram_shape() -> None:
    a = analyze(load_spec(str(ROOT / "journeys" / "b2b-crm.yaml")))
    text = journey_diagram(a, Catalog("en"), limit=len(a.customer))
    lines = text.splitlines()
    assert lines[0] == LAYOUT and lines[1] == "journey" and lines[2].startswith("    title ")
    sections = [line for line in lines if line.startswith("    section ")]
    assert len(sections) == len({ct.stage for ct in a.customer})
    tasks = [line for line in lines if line.startswith("      ")]
    assert len(tasks) == len(a.customer)
    for task in tasks:
        name, score, actors = task.strip().split(":")
        assert name and score.strip() in {"1", "2", "3", "4", "5"}
        assert actors.strip().split(", ")[0] == "Customer"
    # scores are emotion + 3 (both give -1); actors: the customer, and the team only where one meets it
    assert "      Live demo with their own…: 2: Customer" in lines  # cut to LABEL_COLUMNS; nobody meets it
    assert "      Phone support: 2: Customer, support" in lines


def test_hostile_names_leave_one_task_per_line() -> None:
    a = analyze(load_spec(str(HOSTILE)))
    text = journey_diagram(a, Catalog("en"), limit=len(a.customer))
    tasks = [line for line in text.splitlines() if line.startswith("      ")]
    assert len(tasks) == len(a.customer)
    for task in tasks:
        assert task.count(":") == 2 and not re.search(r"[#;<>`%]", task)


@pytest.mark.parametrize("importance, met, mismatch, score", [
    (5, True, False, 5), (4, True, False, 5), (3, True, False, 4), (1, True, False, 4),
    (5, False, False, 1), (4, False, False, 1), (3, False, False, 2), (2, False, False, 3), (1, False, False, 3),
    (5, False, True, 2), (4, False, True, 2), (3, False, True, 3), (2, False, True, 3),
])
def test_coverage_score(importance: int, met: bool, mismatch: bool, score: int) -> None:
    ct = CustomerTouchpoint(id="x", stage="trigger", channel="c", importance=importance)
    assert coverage_score(ct, met, mismatch) == score


def test_catalog_code_spans_keep_the_spaces_around_them() -> None:
    from cxgap.render.markdown import md_text

    assert md_text("or link an existing one with `meets`.") == "or link an existing one with `meets`."
    assert md_text("`meets` links, then text") == "`meets` links, then text"
    assert md_text("a `x` b") == "a `x` b"
