"""Every output shows the experience layer (DESIGN.md §5): headline, stage table, curve, Fix, CI gate, diff."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import CLI, DATA

FELT = DATA / "valid" / "experience.yaml"
PLAIN = DATA / "valid" / "hand-computed.yaml"


def test_table_headline_pairs_alignment_and_experience_and_leads_with_fix(cli: CLI) -> None:
    out = cli("analyze", FELT, "--width", "120").expect(0).out
    head = out.split("Stages")[0]
    assert "Alignment score 91.7   Experience 44.3" in head
    assert 'Phone the practice (e1), met by Phone line: "Queue at 8 am"; "Line busy for an hour"' in head
    assert "Experience" in out.split("Stages")[1].split("Gaps")[0]  # the stage table's column
    assert "9.4" in out.split("Stages")[1].split("Gaps")[0]


def test_narrow_terminal_stacks_stages_with_their_experience(cli: CLI) -> None:
    out = cli("analyze", FELT, "--width", "80").expect(0).out
    assert "Alignment score 91.7   Experience 44.3" in out
    stages = out.split("Stages")[1].split("Gaps")[0]
    assert "Experience 9.4 · Coverage" in stages  # the request stage, stacked below 110 columns


def test_a_spec_without_emotions_says_experience_is_not_measured(cli: CLI, tmp_path: Path) -> None:
    assert "Experience: not measured" in cli("analyze", PLAIN).expect(0).out
    md = cli("analyze", PLAIN, "-f", "markdown").expect(0).out
    assert "Experience: not measured" in md
    assert "Task scores are the customer's emotion" not in md  # the diagram keeps the coverage score
    html = tmp_path / "r.html"
    cli("analyze", PLAIN, "-o", html).expect(0)
    page = html.read_text(encoding="utf-8")
    assert "no experience curve to draw" in page and '<svg class="curve"' not in page
    assert page.count('<svg class="ring"') == 1 and 'class="ring-none"' in page  # no experience ring either
    assert "Customers rate the experience" not in md and "/100** · Coverage" in md.splitlines()[2]


def test_markdown_scores_diagram_note_and_pain_points(cli: CLI) -> None:
    md = cli("analyze", FELT, "-f", "markdown").expect(0).out
    assert md.splitlines()[2].startswith("**Alignment score 91.7/100** · **Experience 44.3/100** · Coverage 84%")
    # the verdict pairs them too: present where customers are (91.7), but they rate the experience poorly
    assert "is present where its customers are" in md and "customers rate the experience poorly, 44.3/100" in md
    assert "| **91.7** | **44.3** | 84% | 100% |" in md
    assert "Task scores are the customer's emotion + 3" in md
    assert '| Request | Phone the practice (`e1`) · **Moment of truth** | -2 very negative |' in md
    fix = md.split("### Fix")[1].split("### Keep")[0]
    assert 'Phone the practice (`e1`), met by Phone line: "Queue at 8 am"' in fix


def test_html_draws_the_curve_over_the_map(cli: CLI, tmp_path: Path) -> None:
    html = tmp_path / "r.html"
    cli("analyze", FELT, "-o", html).expect(0)
    page = html.read_text(encoding="utf-8")
    assert page.count('<svg class="ring"') == 2 and 'aria-label="Experience 44.3"' in page  # side by side
    curve = page.split('<svg class="curve"')[1].split("</svg>")[0]
    # three stage means (request 9.4, appointment 80, follow_up 25) joined by one line; 6 touchpoint points
    assert curve.count('class="curve-mean"') == 3 and curve.count('class="curve-point"') == 6
    assert 'd="M50 82.5 L150 26 L250 70"' in curve  # y = 10 + (100 - value) x 0.8
    assert "&#34;Queue at 8 am&#34;" in page or "&quot;Queue at 8 am&quot;" in page
    assert "Call-back at a chosen time" in page  # opportunities on the card


def test_csv_carries_experience_columns(cli: CLI) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("analyze", FELT, "-f", "csv").expect(0).out)))
    first = rows[0]
    assert (first["id"], first["experience"], first["stage_experience"], first["emotion"]) == (
        "friction:e1", "44.3", "9.4", "-2")
    assert first["pain_points"] == "Queue at 8 am | Line busy for an hour" and first["moment_of_truth"] == "true"


def test_chinese_labels(cli: CLI) -> None:
    cn = cli("analyze", FELT, "-f", "markdown", "--lang", "zh-CN").expect(0).out
    tw = cli("analyze", FELT, "-f", "markdown", "--lang", "zh-TW").expect(0).out
    assert "体验" in cn and "痛点" in cn and "修复" in cn and "“Queue at 8 am”" in cn
    assert "體驗" in tw and "痛點" in tw and "修復" in tw and "「Queue at 8 am」" in tw


def test_persona_view_lists_who_serves_other_personas(cli: CLI) -> None:
    md = cli("analyze", FELT, "-f", "markdown", "--persona", "night").expect(0).out
    assert "### Serves other personas (left out of this view)" in md
    assert "- Video clinic (`k4`)" in md and "no_impact:k4" not in md


def test_check_min_experience(cli: CLI) -> None:
    fail = cli("check", FELT, "--fail-on", "none").expect(1).out  # policy.min_experience: 50
    assert "experience 44.3 < min 50 (spec policy)" in fail
    assert "policy min_experience: experience 44.3 is below the minimum 50 (spec policy)" in fail
    ok = cli("check", FELT, "--fail-on", "none", "--min-experience", "44.3").expect(0).out
    assert "experience 44.3 >= min 44.3 (--min-experience)" in ok
    plain = cli("check", PLAIN, "--fail-on", "none", "--min-experience", "90").expect(0).out
    assert "experience not measured" in plain
    data = json.loads(cli("check", FELT, "--fail-on", "none", "-f", "json").expect(1).out)
    reason = data["results"][0]["reasons"][0]
    assert (reason["rule"], reason["experience"], reason["min_experience"]) == ("min_experience", 44.3, 50)


def test_diff_reports_the_experience_change_as_a_regression(cli: CLI, tmp_path: Path) -> None:
    head = tmp_path / "head.yaml"
    # the appointment letter (e7, importance 4) goes from +2 to -1: (975 - 4 x 75) / 22 = 30.68 -> 30.7
    head.write_text(FELT.read_text(encoding="utf-8").replace("emotion: 2}", "emotion: -1}"), encoding="utf-8")
    out = cli("diff", FELT, head, "--fail-on-regression").expect(1).out
    assert "experience 44.3 -> 30.7 (-13.6)" in out
    assert "+ medium friction:e7" in out and "the experience fell from 44.3 to 30.7" in out
    data = json.loads(cli("diff", FELT, head, "-f", "json").expect(0).out)
    assert data["summary"]["experience"]["before"] == 44.3 and data["recommendations"]["fix"]["added"] == ["e7"]


def test_a_met_touchpoint_that_still_hurts_is_not_painted_as_working(cli: CLI) -> None:
    """The map cards of the HTML report and the handout: a met touchpoint to fix is coloured as a gap
    (`hurting`), not the green of a met touchpoint; one that is met and does not hurt keeps the green."""
    import re

    for command in (("analyze", "-f", "html"), ("handout",)):
        html = cli(*command, FELT).expect(0).out
        classes = {name: cls for cls, name in re.findall(
            r'<div class="tp (cover-\d[^"]*)">\s*<div class="tp-name">([^<]+)<', html)}
        # e1 (emotion -2, pain points) and e3 (emotion +1 and a pain point) are met and to fix
        assert classes["Phone the practice"] == "cover-5 hurting", classes
        assert classes["Consultation"] == "cover-5 hurting", classes
        # met and not hurting: the green of a touchpoint that works
        assert classes["Appointment letter"] == "cover-5" and classes["Video consultation"] == "cover-4", classes
    assert "✓ met, still hurting: fix" in cli("analyze", "-f", "html", FELT).expect(0).out  # in the legend


def test_default_stage_mindsets_are_called_the_methods_b2b_examples(cli: CLI, tmp_path: Path) -> None:
    """A gift-buying map on the default stages showed "a project group builds a long list of brands" as its
    customers' mindset: the map's note says these are the method's B2B examples; a spec's own mindsets
    are not called examples."""
    note = "B2B examples: write your customers"
    default = tmp_path / "default.yaml"
    default.write_text("version: 1\njourney: {title: Gift}\ncustomer_touchpoints:\n"
                       "  - {id: a, stage: trigger, channel: web}\n", encoding="utf-8")
    own = tmp_path / "own.yaml"
    own.write_text("version: 1\njourney: {title: Gift}\nstages:\n  - {id: browse, name: Browse, mindset: Wants ideas}\n"
                   "customer_touchpoints:\n  - {id: a, stage: browse, channel: web}\n", encoding="utf-8")
    for command in (("analyze", "-f", "html"), ("handout",)):
        assert note in cli(*command, default).expect(0).out
        out = cli(*command, own).expect(0).out
        assert note not in out and "Wants ideas" in out
    assert "B2B 範例" in cli("handout", "--lang", "zh-TW", default).expect(0).out
