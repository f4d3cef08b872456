"""`cxgap diff` of two revisions of a small spec, worked out by hand.

base = tests/data/gate/shop.yaml (see test_check_policy.py):
  score 84.6, coverage 81.8, focus 87.5
  gaps: medium no_impact:mail (effort 1 of 8 = 12.5 %), low uncovered:reviews
head = tests/data/gate/shop-v2.yaml: demo-team retired, mail effort 1 -> 2, review-program added
  active effort = ads 3 + mail 2 + review-program 2 = 7
  coverage = (search 5 + reviews 2) / 11 = 63.6 %   (demo, 4, is no longer met)
  focus    = (ads 3 + review-program 2) / 7 = 71.4 %
  score    = sqrt(63.636 x 71.429) = sqrt(4545.5) = 67.4      change 67.4 - 84.6 = -17.2
  opened:  uncovered:demo (importance 4: high)
  closed:  uncovered:reviews (review-program meets it)
  changed: no_impact:mail medium -> high (effort 2 of 7 = 28.6 % >= 20 %)
  stages:  trigger effort share 3/8 = 37.5 % -> 3/7 = 42.9 %;
           evaluation coverage 4/6 = 66.7 % -> 2/6 = 33.3 %, focus 4/5 = 80 % -> 2/4 = 50 %,
           effort share 62.5 % -> 57.1 %
  lists:   start [reviews] -> [demo]; keep [demo-team, ads] -> [ads]
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CLI, DATA

from cxgap.analysis import analyze
from cxgap.gate.compare import Change, compare, regressions
from cxgap.gate.diff_reporters.markdown import md_code, md_text
from cxgap.levels import FailOn, Severity
from cxgap.spec import load_spec, load_spec_text

BASE = DATA / "gate" / "shop.yaml"
HEAD = DATA / "gate" / "shop-v2.yaml"


def test_compare_by_hand() -> None:
    c = compare(analyze(load_spec(str(BASE))), analyze(load_spec(str(HEAD))))
    assert (c.score, c.coverage, c.focus) == (Change(84.6, 67.4), Change(81.8, 63.6), Change(87.5, 71.4))
    assert c.score.delta == -17.2
    assert [(g.id, g.severity) for g in c.opened] == [("uncovered:demo", Severity.high)]
    assert [(g.id, g.severity) for g in c.closed] == [("uncovered:reviews", Severity.low)]
    assert [(ch.id, ch.before.severity, ch.after.severity, ch.worse) for ch in c.severity_changed] == [
        ("no_impact:mail", Severity.medium, Severity.high, True)]
    trigger, evaluation = c.changed_stages
    assert trigger.stage.id == "trigger" and trigger.effort_share == Change(37.5, 42.9)
    assert not trigger.coverage.changed
    assert (evaluation.coverage, evaluation.focus, evaluation.effort_share) == (
        Change(66.7, 33.3), Change(80.0, 50.0), Change(62.5, 57.1))
    assert evaluation.coverage.delta == -33.4
    assert [(x.name, x.added, x.removed) for x in c.recommendations] == [
        ("start", ("demo",), ("reviews",)), ("keep", (), ("demo-team",))]
    # Regression at the diff default, high: the score fell; demo opened at high; mail escalated to high.
    assert [(r.kind, r.gap.id if r.gap else None) for r in regressions(c, FailOn.high)] == [
        ("score", None), ("opened", "uncovered:demo"), ("escalated", "no_impact:mail")]
    escalated = regressions(c, FailOn.high)[-1]
    assert (escalated.before, escalated.gap.severity if escalated.gap else None) == (Severity.medium, Severity.high)
    # At critical, or with the severity gate off, only the score counts.
    assert [r.kind for r in regressions(c, FailOn.critical)] == ["score"]
    assert [r.kind for r in regressions(c, FailOn.none)] == ["score"]


def test_the_reverse_change_is_no_regression_unless_the_threshold_is_low() -> None:
    # head -> base: the score rises 67.4 -> 84.6; the only opened gap is uncovered:reviews (low).
    c = compare(analyze(load_spec(str(HEAD))), analyze(load_spec(str(BASE))))
    assert c.score.delta == 17.2
    assert regressions(c, FailOn.high) == ()
    assert [(r.kind, r.gap.id if r.gap else None) for r in regressions(c, FailOn.low)] == [
        ("opened", "uncovered:reviews")]


def test_stages_added_and_removed_between_revisions() -> None:
    text = BASE.read_text(encoding="utf-8")
    head = text.replace("  - id: evaluation\n", "  - id: evaluation\n  - id: loyalty\n")
    c = compare(analyze(load_spec_text("a.yaml", text)), analyze(load_spec_text("b.yaml", head)))
    loyalty = next(s for s in c.stages if s.stage.id == "loyalty")
    assert loyalty.coverage == Change(None, None) and loyalty.customer_touchpoints == Change(None, 0)
    assert loyalty.changed and loyalty.customer_touchpoints.delta is None
    assert [g.id for g in c.opened] == ["unmapped_stage:loyalty"]


def test_a_stage_only_in_the_base_is_listed_with_nothing_after() -> None:
    text = BASE.read_text(encoding="utf-8")
    base = text.replace("  - id: evaluation\n", "  - id: evaluation\n  - id: loyalty\n")
    c = compare(analyze(load_spec_text("a.yaml", base)), analyze(load_spec_text("b.yaml", text)))
    loyalty = next(s for s in c.stages if s.stage.id == "loyalty")
    assert loyalty.customer_touchpoints == Change(0, None) and loyalty.coverage == Change(None, None)
    assert [g.id for g in c.closed] == ["unmapped_stage:loyalty"]


def _felt(search: int) -> str:
    """shop.yaml with emotions: search (importance 5) as given, demo (4) and reviews (2) at 0."""
    text = BASE.read_text(encoding="utf-8")
    for tp, emotion in (("search", search), ("demo", 0), ("reviews", 0)):
        text = text.replace(f"  - id: {tp}\n", f"  - id: {tp}\n    emotion: {emotion}\n")
    return text


def test_a_lower_experience_is_a_regression_an_equal_one_is_not() -> None:
    """search +1 -> 0: experience (5 x 75 + 4 x 50 + 2 x 50) / 11 = 61.4 -> 50.0, a fall of 11.4; everything
    else stays, so the fall is the only regression. The same experience twice is none."""
    before, after = analyze(load_spec_text("a.yaml", _felt(1))), analyze(load_spec_text("b.yaml", _felt(0)))
    fell = compare(before, after)
    assert fell.experience == Change(61.4, 50.0)
    assert [(r.kind, r.gap) for r in regressions(fell, FailOn.high)] == [("experience", None)]
    assert regressions(compare(before, before), FailOn.low) == ()
    assert regressions(compare(after, before), FailOn.high) == ()


def test_a_min_experience_change_between_revisions_is_reported() -> None:
    text = BASE.read_text(encoding="utf-8")
    gated = text + "policy:\n  min_experience: 60\n"
    base, head = analyze(load_spec_text("a.yaml", text)), analyze(load_spec_text("b.yaml", gated))
    assert [(p.rule, p.before, p.after) for p in compare(base, head).policy] == [("min_experience", None, 60)]
    assert [(p.rule, p.before, p.after) for p in compare(head, base).policy] == [("min_experience", 60, None)]


def _measured(metrics: dict[str, str]) -> str:
    text = BASE.read_text(encoding="utf-8")
    for tp, given in metrics.items():
        text = text.replace(f"  - id: {tp}\n", f"  - id: {tp}\n    metrics: {given}\n")
    return text


def test_metric_changes_between_revisions() -> None:
    """search's NPS moves 20 -> 40; demo's NPS stays 0 but on 4 answers instead of 2 ((1 - 1)/2, (2 - 2)/4);
    reviews' CSAT is only in the base; search's CES stays 5 and is not listed. Head order first, then what
    only the base measured."""
    base = _measured({"search": "{nps: 20, ces: 5}", "demo": "{nps_responses: [10, 0]}", "reviews": "{csat: 80}"})
    head = _measured({"search": "{nps: 40, ces: 5}", "demo": "{nps_responses: [10, 10, 0, 0]}"})
    c = compare(analyze(load_spec_text("a.yaml", base)), analyze(load_spec_text("b.yaml", head)))
    assert [(m.metric, m.subject, m.value, m.n) for m in c.metrics] == [
        ("nps", "search", Change(20.0, 40.0), Change(None, None)),
        ("nps", "demo", Change(0.0, 0.0), Change(2, 4)),
        ("csat", "reviews", Change(80.0, None), Change(None, None)),
    ]


def test_a_fail_on_change_between_revisions_is_reported() -> None:
    text = BASE.read_text(encoding="utf-8")
    strict, loose = (analyze(load_spec_text(f"{level}.yaml", f"{text}policy:\n  fail_on: {level}\n"))
                     for level in ("low", "critical"))
    assert [(p.rule, p.before, p.after) for p in compare(strict, loose).policy] == [("fail_on", "low", "critical")]
    assert compare(strict, strict).policy == ()


def test_text_diff_and_exit_codes(cli: CLI) -> None:
    r = cli("diff", BASE, HEAD).expect(0)  # a regression, but no --fail-on-regression
    assert "score      84.6 -> 67.4 (-17.2)" in r.out
    assert "  + high uncovered:demo: " in r.out
    assert "  - low uncovered:reviews: " in r.out
    assert "  ~ no_impact:mail: medium -> high" in r.out
    assert "  Active evaluation: coverage 66.7% -> 33.3% (-33.4), focus 80% -> 50% (-30)" in r.out
    assert "  Start: + demo, - reviews" in r.out
    assert "REGRESSION (fail_on: high, default):" in r.out
    r = cli("diff", "--fail-on-regression", BASE, HEAD).expect(1)
    assert r.err.startswith("cxgap: regression (fail_on: high, default): the alignment score fell")
    assert "no regression (fail_on: high, default)" in cli("diff", "--fail-on-regression", HEAD, BASE).expect(0).out
    low = cli("diff", "--fail-on-regression", "--fail-on", "low", HEAD, BASE).expect(1)
    assert "REGRESSION (fail_on: low, --fail-on):" in low.out and "opened low gap uncovered:reviews" in low.out
    same = cli("diff", "--fail-on-regression", BASE, BASE).expect(0)
    assert "gaps: no change" in same.out and "no regression" in same.out


def test_heads_policy_sets_the_threshold_and_the_flag_wins(cli: CLI, tmp_path: Path) -> None:
    head = tmp_path / "shop.yaml"
    head.write_text(BASE.read_text(encoding="utf-8") + "policy:\n  fail_on: low\n", encoding="utf-8")
    r = cli("diff", "--fail-on-regression", HEAD, head).expect(1)  # opened uncovered:reviews (low)
    assert "opened low gap uncovered:reviews" in r.out
    assert "policy: fail_on unset -> low" in r.out
    cli("diff", "--fail-on-regression", "--fail-on", "medium", HEAD, head).expect(0)


def test_json_diff(cli: CLI) -> None:
    data = json.loads(cli("diff", "-f", "json", BASE, HEAD).expect(0).out)
    assert data["format"] == "cxgap-diff/1"
    assert data["summary"]["score"] == {"before": 84.6, "after": 67.4, "delta": -17.2}
    assert [g["id"] for g in data["opened"]] == ["uncovered:demo"]
    assert [g["id"] for g in data["closed"]] == ["uncovered:reviews"]
    assert [(g["id"], g["before"], g["after"]) for g in data["severity_changed"]] == [
        ("no_impact:mail", "medium", "high")]
    assert [s["id"] for s in data["stages"]] == ["trigger", "evaluation"]
    assert data["recommendations"] == {"start": {"added": ["demo"], "removed": ["reviews"]},
                                       "keep": {"added": [], "removed": ["demo-team"]}}
    assert data["regression"]["regressed"] is True
    assert [r["kind"] for r in data["regression"]["reasons"]] == ["score", "opened", "escalated"]


def test_markdown_diff_is_a_pr_comment(cli: CLI, tmp_path: Path) -> None:
    out = tmp_path / "comment.md"
    cli("diff", BASE, HEAD, "-o", out).expect(0)  # the .md suffix picks markdown
    md = out.read_text(encoding="utf-8")
    assert md.startswith("### cxgap: Shop journey: score 84.6 → 67.4 (-17.2) · ⚠️ regression\n")
    assert "| Alignment score | 84.6 | 67.4 | **-17.2** |" in md
    assert "#### Opened gaps (1)" in md and "| high | `uncovered:demo` | Active evaluation |" in md
    assert "#### Closed gaps (1)" in md and "| low | `uncovered:reviews` |" in md
    assert "| `no_impact:mail` | Active evaluation | medium | high |" in md
    assert "| Active evaluation | 66.7% → 33.3% (-33.4) | 80% → 50% (-30) |" in md
    assert "| Start | `demo` | `reviews` |" in md
    # Every table row has as many cells as its header.
    for block in md.split("\n\n"):
        rows = [line for line in block.splitlines() if line.startswith("|")]
        if rows:
            assert len({row.replace("\\|", "").count("|") for row in rows}) == 1, block


def test_markdown_escapes_spec_text(cli: CLI, tmp_path: Path) -> None:
    assert md_text("a | b <script>x</script> *c* _d_ [e](f) `g`\nh") == (
        "a \\| b &lt;script&gt;x&lt;/script&gt; \\*c\\* \\_d\\_ \\[e\\](f) \\`g\\` h")
    assert md_code("a|b") == "`a\\|b`"
    assert md_code("x`y") == "``x`y``"
    assert md_code("`x", in_table=False) == "`` `x ``"
    text = BASE.read_text(encoding="utf-8").replace("title: Shop journey", 'title: "Shop | <b>bold</b>"')
    text = text.replace("    channel: live demo\n    importance: 4", "    name: Demo | <img src=x>\n"
                        "    channel: live demo\n    importance: 4")
    base, head = tmp_path / "a.yaml", tmp_path / "b.yaml"
    base.write_text(text, encoding="utf-8")
    head.write_text(text.replace("    effort: 4\n", "    effort: 4\n    status: retired\n"), encoding="utf-8")
    md = cli("diff", "-f", "markdown", base, head).expect(0).out
    assert md.startswith("### cxgap: Shop \\| &lt;b&gt;bold&lt;/b&gt;: score")
    assert "Customers are at Demo \\| &lt;img src=x&gt; (live demo" in md
    assert "<img" not in md and "<b>" not in md


def test_bad_input_exits_2(cli: CLI, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\njourney: [\n", encoding="utf-8")
    r = cli("diff", bad, HEAD).expect(2)
    assert str(bad) in r.err
    r = cli("diff", "--format", "html", BASE, HEAD).expect(2)
    assert "'html' is not one of: text, json, markdown" in r.err and r.out == ""
    r = cli("diff", "--persona", "nobody", BASE, HEAD).expect(2)
    assert "unknown persona 'nobody'" in r.err and r.out == ""
    cli("diff", tmp_path / "missing.yaml", HEAD).expect(2)


def test_long_markdown_tables_say_how_many_rows_were_left_out() -> None:
    from cxgap.gate.diff_reporters.markdown import MAX_ROWS, table

    lines = table(["A", "B"], [[str(i), "x"] for i in range(MAX_ROWS + 7)], "-r")
    assert lines[:2] == ["| A | B |", "|---|---:|"]
    assert sum(1 for line in lines if line.startswith("| ")) == 1 + MAX_ROWS
    assert lines[-1] == "… and 7 more (run `cxgap diff` locally to see them all)."


NEW_CUSTOMER = ("  - id: podcast\n    stage: trigger\n    channel: podcasts\n    importance: 4\n"
                "    evidence: interview\ncompany_touchpoints:")


def test_opened_gaps_alone_are_a_change_in_every_format(cli: CLI, tmp_path: Path) -> None:
    """Only opened gaps (nothing closed or re-rated): never 'gaps: no change' under them."""
    head = tmp_path / "shop.yaml"
    head.write_text(BASE.read_text(encoding="utf-8").replace("company_touchpoints:", NEW_CUSTOMER, 1),
                    encoding="utf-8")
    text = cli("diff", BASE, head).expect(0).out
    assert "opened (3):\n  + high uncovered:podcast: Customers are at podcast (podcasts, importance 4" in text
    assert "gaps: no change" not in text and "closed (" not in text
    data = json.loads(cli("diff", "-f", "json", BASE, head).expect(0).out)
    assert [g["id"] for g in data["opened"]] == [
        "uncovered:podcast", "effort_imbalance:trigger", "effort_imbalance:evaluation"]
    assert data["closed"] == [] and data["severity_changed"] == []
    markdown = cli("diff", "-f", "markdown", BASE, head).expect(0).out
    assert "uncovered:podcast" in markdown and "no change" not in markdown.split("uncovered:podcast")[0][-200:]


def test_a_min_score_change_between_revisions_is_reported(cli: CLI, tmp_path: Path) -> None:
    head = tmp_path / "shop.yaml"
    head.write_text(BASE.read_text(encoding="utf-8") + "policy:\n  min_score: 80\n", encoding="utf-8")
    text = cli("diff", BASE, head).expect(0).out
    assert "gaps: no change" in text and "policy: min_score unset -> 80" in text
    back = cli("diff", head, BASE).expect(0).out
    assert "policy: min_score 80 -> unset" in back
    data = json.loads(cli("diff", "-f", "json", BASE, head).expect(0).out)
    assert [(p["rule"], p["before"], p["after"]) for p in data["policy"]] == [("min_score", None, 80)]
    markdown = cli("diff", "-f", "markdown", BASE, head).expect(0).out
    assert "min_score" in markdown and "80" in markdown


@pytest.mark.parametrize("lang", ["en", "zh-CN", "zh-TW"])
def test_the_figures_of_the_text_diff_start_in_one_column(cli: CLI, lang: str) -> None:
    """Labels are padded by display width (a Chinese character takes two columns), to the longest label:
    `experience 15.4` and `覆盖率 100%` were one column out of line with the others."""
    from cxgap.cjk import display_width

    out = cli("diff", BASE, HEAD, "--lang", lang, "-f", "text").expect(0).out
    rows = [row.split(None, 1) for row in out.splitlines()[3:8]]  # score, coverage, focus, experience, gaps
    starts = [display_width(row[0]) + len(line) - len(row[0]) - len(row[1])
              for row, line in zip(rows, out.splitlines()[3:8], strict=True)]
    assert starts == [max(display_width(label) for label, _ in rows) + 1] * 5, out
