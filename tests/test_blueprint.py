"""The service blueprint, several stages per touchpoint, measures and accepted gaps (issue 12),
on the hand-computed specs of tests/data/blueprint (the arithmetic is in their comments)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import DATA

from cxgap.analysis import analyze
from cxgap.analysis.blueprint import blueprint
from cxgap.analysis.result import Analysis
from cxgap.batch import analyze_files
from cxgap.clock import today
from cxgap.limits import DEFAULT_MAX_BYTES
from cxgap.model import CompanyTouchpoint
from cxgap.problems import UsageError
from cxgap.spec import load_spec, load_spec_text

BLUEPRINT = DATA / "blueprint"
TODAY = dt.date(2027, 6, 30)


def run(name: str, today: dt.date = TODAY) -> Analysis:
    return analyze(load_spec(str(BLUEPRINT / f"{name}.yaml")), today=today)


def gaps(a: Analysis) -> dict[str, str]:
    return {g.id: g.severity.value for g in a.gaps}


def test_lanes_scores_and_focus() -> None:
    a = run("lanes")
    # impact 31 of 34 active effort; 12 of 15 importance met; sqrt(80 x 91.176) = 85.41
    assert (a.scores.coverage, a.scores.focus, a.scores.score) == (80.0, 91.2, 85.4)


def test_a_chain_and_a_cycle_have_impact() -> None:
    a = run("lanes")
    # chain: pms-vendor -> room-allocation -> front-desk; cycle: rota-a <-> rota-b -> housekeeping
    for co in ("room-allocation", "pms-vendor", "rota-a", "rota-b"):
        assert a.has_impact(co), co
    assert not a.has_impact("survey-tool") and not a.has_impact("old-fax")
    assert a.blueprint.reach("pms-vendor") == {"check-in", "checkout"}
    assert a.blueprint.reach("rota-a") == a.blueprint.reach("rota-b") == {"room"}
    assert a.blueprint.reach("survey-tool") == frozenset()
    assert a.blueprint.reach("feedback-email") == frozenset()  # planned: inactive, so it reaches no one yet
    # what a touchpoint leads to on the frontstage: a frontstage touchpoint leads to itself
    assert a.blueprint.frontstage_reach("pms-vendor") == {"front-desk"}
    assert a.blueprint.frontstage_reach("front-desk") == {"front-desk"}
    assert a.blueprint.frontstage_reach("feedback-email") == frozenset()


def test_backstage_is_kept_not_stopped() -> None:
    a = run("lanes")
    assert a.recommendations.keep == ("front-desk", "room-allocation", "housekeeping", "rota-a", "rota-b",
                                      "pms-vendor")
    assert a.recommendations.stop == ("survey-tool", "old-fax")
    assert "no_impact:room-allocation" not in gaps(a)


def test_backstage_supporting_a_planned_touchpoint() -> None:
    a = run("lanes")
    # 2 / 34 = 5.9% of effort -> medium; 1 / 34 = 2.9% -> low
    assert gaps(a) == {"no_impact:survey-tool": "medium", "uncovered:housekeeping-call": "low",
                       "no_impact:old-fax": "low", "uncovered:feedback": "low"}
    by_id = {g.id: g for g in a.gaps}
    survey = by_id["no_impact:survey-tool"]
    assert survey.params["supports"] == ["feedback-email"] and survey.params["lane"] == "backstage"
    assert survey.planned == ("feedback-email",) and survey.retired == ()
    assert by_id["uncovered:feedback"].planned == ("feedback-email",)
    assert by_id["no_impact:old-fax"].planned == ()


def test_lanes_per_stage_effort_split_and_focus() -> None:
    a = run("lanes")
    got = {s.stage: (s.effort_share, s.focus, s.coverage) for s in a.stage_scores}
    # front-desk's 10 split 5 + 5: arrive 15/34, stay 11/34, leave 8/34 (5 of it with impact)
    assert got == {"arrive": (44.1, 100.0, 100.0), "stay": (32.4, 100.0, 66.7), "leave": (23.5, 62.5, 75.0)}


def test_multistage_touchpoint_is_one_touchpoint() -> None:
    a = run("multistage")
    assert (a.scores.coverage, a.scores.focus, a.scores.score) == (73.3, 100.0, 85.6)
    shares = {s.stage: (s.importance_share, s.effort_share, s.focus) for s in a.stage_scores}
    assert shares == {"arrive": (20.0, 18.2, 100.0), "settle": (33.3, 36.4, 100.0), "thrive": (26.7, 36.4, 100.0),
                      "depart": (13.3, 0.0, None), "return": (6.7, 9.1, 100.0)}
    assert a.met_by["gp"] == ("medical-centres",) and a.met_by["dentist"] == ("medical-centres",)
    # no phantom effort imbalance: the largest difference is 9.7 points
    assert gaps(a) == {"dark_stage:return": "critical", "uncovered:welcome-pack": "medium",
                       "stage_mismatch:reunion": "info"}


def test_dark_stage_is_lit_by_a_meets_from_another_stage() -> None:
    a = run("multistage")
    assert "dark_stage:depart" not in gaps(a)      # exit-survey is met by the portal, at arrive
    assert "dark_stage:return" in gaps(a)          # only backstage work runs there


def test_multistage_gap_uses_first_stage() -> None:
    loaded = load_spec(str(BLUEPRINT / "multistage.yaml"))
    loaded.spec.company_touchpoints[0].meets = []  # medical-centres now meets nobody
    a = analyze(loaded, today=TODAY)
    gap = next(g for g in a.gaps if g.id == "no_impact:medical-centres")
    # its whole effort 40 of 55 = 72.7% -> high, at its first stage
    assert gap.stage == "settle" and gap.severity.value == "high" and gap.params["effort_share"] == 72.7


def test_measures_and_targets() -> None:
    a = run("measures")
    values = {(m.subject, m.metric): (m.value, m.unit, m.met) for m in a.metrics}
    assert values == {
        ("phone-line", "nps"): (25.0, None, False),       # general nps target 30
        ("online-form", "nps"): (0.0, None, False),
        ("consultation", "wait-days"): (9.0, "days", False),
        ("request", "easy-contact"): (45.0, "%", False),
        ("visit", "csat"): (75.0, None, False),
        ("journey", "conversion"): (12.5, "%", True),
    }
    below = sorted(g.id for g in a.gaps if g.kind == "below_target")
    assert below == ["below_target:consultation:wait-days", "below_target:online-form:nps",
                     "below_target:phone-line:nps", "below_target:request:easy-contact", "below_target:visit:csat"]


def test_accepted_gap_in_force() -> None:
    a = run("accept")
    accepted = {g.id: g.accepted for g in a.gaps if g.accepted}
    assert set(accepted) == {"no_impact:fax", "uncovered:phone"}
    assert accepted["no_impact:fax"] is not None and accepted["no_impact:fax"].until == dt.date(2027, 6, 30)
    assert accepted["uncovered:phone"] is not None and accepted["uncovered:phone"].reason == (
        "Phone support closed on purpose; the web form replaces it.")
    assert a.gap_counts() == {"critical": 0, "high": 0, "medium": 0, "low": 0, "info": 0}
    assert a.accepted_count == 2
    assert a.recommendations.stop == () and a.recommendations.start == ()
    assert [(n.code, n.gap) for n in a.notices] == [("accept_stale", "dark_stage:ask")]


def test_accepted_gap_expires_the_day_after() -> None:
    a = run("accept", dt.date(2027, 7, 1))
    assert a.gap_counts()["high"] == 1 and a.accepted_count == 1
    assert [(n.code, n.gap, n.until) for n in a.notices] == [("accept_expired", "no_impact:fax", dt.date(2027, 6, 30)),
                                                             ("accept_stale", "dark_stage:ask", None)]
    assert (a.notices[0].line, a.notices[0].column) == (15, 5)  # the entry, for file:line:col warnings


def test_a_stale_entry_keeps_its_until_date() -> None:
    """The warning about an entry that names no current gap says until when it was meant to hold."""
    text = "version: 1\njourney: {title: stale}\naccept:\n  - {gap: uncovered:gone, reason: Old, until: 2027-01-31}\n"
    a = analyze(load_spec_text("stale.yaml", text), today=TODAY)
    assert [(n.code, n.gap, n.until, n.line) for n in a.notices] == [
        ("accept_stale", "uncovered:gone", dt.date(2027, 1, 31), 4)]


def test_accepting_never_changes_scores() -> None:
    before = run("accept", dt.date(2027, 7, 1))
    after = run("accept")
    assert before.scores == after.scores == after.scores.__class__(55.9, 62.5, 50.0)


def test_cxgap_today_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = str(BLUEPRINT / "accept.yaml")
    monkeypatch.setenv("CXGAP_TODAY", "2027-07-01")
    outcome = analyze_files([spec], None, DEFAULT_MAX_BYTES)[0]
    assert outcome.analysis is not None and outcome.analysis.gap_counts()["high"] == 1
    monkeypatch.setenv("CXGAP_TODAY", "2027-06-30")
    outcome = analyze_files([spec], None, DEFAULT_MAX_BYTES)[0]
    assert outcome.analysis is not None and outcome.analysis.gap_counts()["high"] == 0
    monkeypatch.setenv("CXGAP_TODAY", "30/06/2027")
    with pytest.raises(UsageError, match="CXGAP_TODAY='30/06/2027' is not a date; expected YYYY-MM-DD"):
        today()


def test_a_real_hotel_blueprint_keeps_room_allocation() -> None:
    """journeys/hotel-stay-blueprint.yaml, transcribed from a published blueprint (source in the file)."""
    a = analyze(load_spec(str(DATA.parent.parent / "journeys" / "hotel-stay-blueprint.yaml")), today=TODAY)
    stop = set(a.recommendations.stop)
    assert "room-allocation" in a.recommendations.keep and "room-allocation" not in stop
    assert a.blueprint.reach("room-allocation") == {"check-in"}
    # the registration system runs at check-in and check-out: one touchpoint, effort split 1.5 + 1.5
    assert a.blueprint.reach("registration-system") == {"check-in", "check-out"}
    assert not stop and a.scores.focus == 100.0
    # the blueprint has no frontstage for reservations (the website is physical evidence only)
    assert {"dark_stage:reserve", "uncovered:make-reservation"} <= {g.id for g in a.gaps}


def test_json_writes_the_overlay_one_touchpoint_a_line() -> None:
    from cxgap.i18n import Catalog
    from cxgap.render import RenderOptions
    from cxgap.render.data import analysis_dict
    from cxgap.render.json_report import render

    a = run("lanes")
    text = render([a], RenderOptions())
    assert json.loads(text) == json.loads(json.dumps(analysis_dict(a, Catalog("en"))))
    lines = text.splitlines()
    start = lines.index('  "company_touchpoints": [')
    assert lines[start + 1].startswith('    {"id": "front-desk", "stages": ["arrive", "leave"]')
    assert lines[start + 10] == "  ],"  # nine company touchpoints, one a line
    portfolio = json.loads(render([a, run("accept")], RenderOptions()))
    assert [len(j["customer_touchpoints"]) for j in portfolio["journeys"]] == [5, 2]


def _company(co_id: str, lane: str = "frontstage", supports: list[str] | None = None) -> CompanyTouchpoint:
    return CompanyTouchpoint.model_validate({"id": co_id, "stage": "trigger", "channel": "web", "effort": 1,
                                             "lane": lane, "supports": supports})


def test_every_backstage_touchpoint_gets_its_reach_wherever_the_walk_starts() -> None:
    """b1 -> b2 -> f1 is walked from b1 first, so b2 is done when its own turn comes; b3 -> f2 comes after it
    and is walked too; b4 supports only a touchpoint that is not active (not in the blueprint)."""
    active = [_company("f1"), _company("f2"), _company("b1", "backstage", ["b2"]),
              _company("b2", "support", ["f1"]), _company("b3", "backstage", ["f2"]),
              _company("b4", "backstage", ["gone"])]
    plan = blueprint(active, {"f1": ("c1",), "f2": ("c2", "c3")})
    assert {co.id: plan.reach(co.id) for co in active} == {
        "f1": {"c1"}, "f2": {"c2", "c3"}, "b1": {"c1"}, "b2": {"c1"}, "b3": {"c2", "c3"}, "b4": frozenset()}
    assert [plan.frontstage_reach(b) for b in ("b3", "b2", "b1", "b4")] == [{"f2"}, {"f1"}, {"f1"}, frozenset()]
    assert plan.impact == {"f1", "f2", "b1", "b2", "b3"}


def test_a_backstage_touchpoint_reaches_the_union_of_all_it_supports() -> None:
    """b5 supports two backstage touchpoints (b2 reaching c1, b3 reaching c2 and c3): it reaches all three;
    b6 supports a frontstage touchpoint and a backstage one: it reaches both's; b7 supports only b3 and
    reaches what b3 reaches."""
    active = [_company("f1"), _company("f2"), _company("b2", "support", ["f1"]), _company("b3", "backstage", ["f2"]),
              _company("b5", "backstage", ["b2", "b3"]), _company("b6", "support", ["f1", "b3"]),
              _company("b7", "backstage", ["b3"])]
    plan = blueprint(active, {"f1": ("c1",), "f2": ("c2", "c3")})
    assert plan.reach("b5") == plan.reach("b6") == {"c1", "c2", "c3"}
    assert plan.reach("b7") == {"c2", "c3"}
    assert plan.frontstage_reach("b5") == plan.frontstage_reach("b6") == {"f1", "f2"}
