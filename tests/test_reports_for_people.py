"""Reports for the boardroom, the pull request and the workshop room (issue 14):
the executive first screen, business wording, shared paths, the Markdown for
GitHub, the capped Mermaid diagram, the portfolio and the interview sheet."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bigspec import big_spec
from conftest import CLI, ROOT

from cxgap.analysis import analyze
from cxgap.render.executive import key_findings
from cxgap.render.mermaid import MAX_TASKS, capped_tasks, short_label
from cxgap.render.view import GapRow
from cxgap.spec import load_spec

JOURNEYS = ROOT / "journeys"
B2B = JOURNEYS / "b2b-crm.yaml"


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big-journey.yaml"
    path.write_text(big_spec(), encoding="utf-8")
    return path


def _row(kind: str, stage: str, severity: str = "high") -> GapRow:
    return GapRow(id=f"{kind}:{stage}", kind=kind, kind_label=kind, severity=severity, severity_label=severity,
                  stage=stage, stage_id=stage, subject="", message="", recommendation="")


def test_key_findings_vary_by_kind_and_stage() -> None:
    gaps = [_row("uncovered", "a", "critical"), _row("uncovered", "a"), _row("uncovered", "b"),
            _row("no_impact", "a"), _row("stage_mismatch", "c", "medium"), _row("assumption", "d", "info")]
    chosen = key_findings(gaps)
    assert [(g.kind, g.stage_id) for g in chosen] == [("uncovered", "a"), ("no_impact", "a"),
                                                        ("stage_mismatch", "c")]
    assert key_findings([_row("uncovered", "a"), _row("uncovered", "a")])[1].kind == "uncovered"  # fills up


def test_first_screen_order_and_business_words(cli: CLI, at_root: Path) -> None:
    html = cli("analyze", B2B, "-f", "html").expect(0).out
    positions = [html.index(marker) for marker in
                 ('class="verdict"', 'class="moves"', 'class="findings"', 'class="thesis"', '<section class="map')]
    assert positions == sorted(positions)
    verdict = re.search(r'<p class="verdict">(.*?)</p>', html, re.S)
    score = analyze(load_spec(str(B2B))).scores.score
    assert verdict and f"{score}/100" in verdict.group(1) and "worst gap" in verdict.group(1)
    moves = re.findall(r'<li class="move move-(\w+)">', html)
    assert sorted(moves) == ["fix", "shift", "start", "stop"]  # most urgent first: see tests/test_verdict.py
    assert "frees 30 effort" in html and "wins back" in html
    for text in (html, cli("handout", B2B).expect(0).out):
        assert "meets</code>" not in text and "`meets`" not in text
    markdown = cli("analyze", B2B, "-f", "markdown").expect(0).out
    assert "`meets`" in markdown and "\\`" not in markdown  # the spec hint stays, as code, unescaped


def test_shared_reports_hide_the_local_folder(cli: CLI, tmp_path: Path) -> None:
    spec = tmp_path / "secret-folder" / "journey.yaml"
    spec.parent.mkdir()
    shutil.copy(B2B, spec)
    for args in (("analyze", "-f", "html"), ("analyze", "-f", "markdown"), ("handout",)):
        out = cli(*args[:1], spec, *args[1:]).expect(0).out
        assert "secret-folder" not in out and "journey.yaml" in out


def test_markdown_for_github(cli: CLI, at_root: Path, big: Path) -> None:
    for spec in (B2B, big):
        out = cli("analyze", spec, "-f", "markdown").expect(0).out
        lines = out.splitlines()
        assert lines[2].startswith("**") and "/100**" in lines[2] and "🔴" in lines[2] and lines[3] == ""
        assert "\\`" not in out
        tasks = [line for line in out.split("```mermaid")[1].split("```")[0].splitlines()
                 if line.startswith("      ")]
        assert 0 < len(tasks) <= MAX_TASKS
    # the big spec folds: gaps beyond the severe ones, long lists, and the touchpoints left out of the diagram
    assert out.count("<details>") >= 3 and out.count("</details>") == out.count("<details>")
    assert "more customer touchpoints are not in the diagram" in out


def test_capped_tasks_favour_importance_in_every_stage(big: Path) -> None:
    a = analyze(load_spec(str(big)))
    shown, rest = capped_tasks(a)
    assert len(shown) == MAX_TASKS and len(shown) + len(rest) == len(a.customer)
    assert len({ct.stage for ct in shown}) == min(MAX_TASKS, len({ct.stage for ct in a.customer}))
    for ct in shown:  # each is its stage's most important
        assert ct.importance == max(o.importance for o in a.customer if o.stage == ct.stage)
    assert short_label("门店试用体验第一百二十三步的长名字", 12) == "门店试用体…"
    assert short_label("short") == "short"


def test_portfolio_html_opens_with_the_table(cli: CLI, at_root: Path) -> None:
    html = cli("analyze", JOURNEYS, "-f", "html").expect(0).out
    assert html.index('class="report portfolio"') < html.index('id="journey-1"')
    anchors = re.findall(r'<a href="#(journey-\d+)">', html)
    assert len(anchors) == len(list(JOURNEYS.glob("*.yaml"))) and all(f'id="{a}"' in html for a in anchors)


QUESTIONS_SPEC = """\
version: 1
journey: {id: gp, title: GP practice appointment}
stages:
  - {id: request, name: Asking for an appointment, mindset: Worried and short of time.}
  - {id: visit, name: The visit}
customer_touchpoints:
  - {id: phone-line, stage: request, channel: phone, name: Phone line at 8 am, importance: 5, evidence: interview}
  - {id: online-form, stage: request, channel: web, name: Online request form, importance: 3}
  - {id: waiting-room, stage: visit, channel: in person, name: Waiting room, importance: 4, evidence: survey}
company_touchpoints:
  - {id: reception, stage: visit, channel: in person, effort: 3}
questions:
  - {stage: request, text: What time of day do you try to reach us?}
  - {text: Who helps you book for a relative?}
"""


def test_interview_sheet_is_built_from_the_spec(cli: CLI, tmp_path: Path) -> None:
    spec = tmp_path / "gp.yaml"
    spec.write_text(QUESTIONS_SPEC, encoding="utf-8")
    html = cli("handout", spec).expect(0).out
    sheet = html[html.index('class="questions"'):]
    asked = [re.sub(r"&#3\d;|&quot;", "'", q) for q in re.findall(r'<li class="question"><p>(.*?)</p>', sheet)]
    assert asked[0] == "What time of day do you try to reach us? (Asking for an appointment)"
    assert asked[1] == "Who helps you book for a relative?"
    text = " ".join(asked)
    assert "Worried and short of time." in text  # the spec's own mindset
    assert "did you use Online request form (web)" in text  # an assumption touchpoint
    assert "last time you needed Phone line at 8 am" in text  # important and unmet
    assert "free trial" not in text.lower() and "product" not in text.lower()  # no B2B software defaults
    bad = spec.read_text(encoding="utf-8").replace("{stage: request, text", "{stage: nowhere, text")
    spec.write_text(bad, encoding="utf-8")
    err = cli("handout", spec).expect(2).err
    assert re.search(r"gp\.yaml:13:13: .*unknown stage 'nowhere'", err), err
