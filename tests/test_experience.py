"""The experience layer (DESIGN.md §5) on data/valid/experience.yaml, every figure by hand.

Experience value of an emotion: (emotion + 2) x 25, so -2 -> 0, -1 -> 25, 0 -> 50, +1 -> 75, +2 -> 100.
The touchpoints (importance, emotion -> value):

  request      e1 [5] -2 -> 0      e2 [3] -1 -> 25 (night only; night importance 5)
  appointment  e3 [4] +1 -> 75     e4 [2]  0 -> 50 (day only)     e7 [4] +2 -> 100
  follow_up    e5 [4] -1 -> 25     e6 [3] no emotion (not counted)
"""

from __future__ import annotations

import json

import pytest
from conftest import DATA

from cxgap.analysis import analyze
from cxgap.analysis.result import Analysis
from cxgap.i18n import Catalog
from cxgap.render.data import analysis_dict
from cxgap.render.texts import gap_message
from cxgap.spec import LoadedSpec, load_spec


@pytest.fixture(scope="module")
def loaded() -> LoadedSpec:
    return load_spec(str(DATA / "valid" / "experience.yaml"))


@pytest.fixture(scope="module")
def everyone(loaded: LoadedSpec) -> Analysis:
    return analyze(loaded)


@pytest.fixture(scope="module")
def night(loaded: LoadedSpec) -> Analysis:
    return analyze(loaded, "night")


def test_experience_overall(everyone: Analysis) -> None:
    # 5x0 + 3x25 + 4x75 + 2x50 + 4x100 + 4x25 = 0 + 75 + 300 + 100 + 400 + 100 = 975
    # weights 5 + 3 + 4 + 2 + 4 + 4 = 22 (e6 gives no emotion); 975 / 22 = 44.318 -> 44.3
    assert everyone.scores.experience == 44.3


def test_experience_is_not_blended_into_alignment(everyone: Analysis) -> None:
    # importance 5+3+4+2+4+4+3 = 25; met: all but e5 [4] -> 21/25 = 84.0
    # effort 10+4+20+3+2+1 = 40, all meets something -> 100; sqrt(84 x 100) = 91.65 -> 91.7
    assert (everyone.scores.coverage, everyone.scores.focus, everyone.scores.score) == (84.0, 100.0, 91.7)


def test_experience_curve(everyone: Analysis) -> None:
    curve = {s.stage: s.experience for s in everyone.stage_scores}
    # request: (5x0 + 3x25) / 8 = 75 / 8 = 9.375 -> 9.4
    # appointment: (4x75 + 2x50 + 4x100) / 10 = 800 / 10 = 80.0
    # follow_up: only e5 gives an emotion: 25.0
    assert curve == {"request": 9.4, "appointment": 80.0, "follow_up": 25.0}


def test_friction_and_moment_of_truth_severities(everyone: Analysis) -> None:
    assert [(g.id, g.severity.value) for g in everyone.gaps] == [
        # e1: importance 5 -> high; emotion -2 -> critical; moment of truth, never above critical
        ("friction:e1", "critical"),
        # NPS 10 < 30 -> high; e6 is a moment of truth -> critical (follow_up; ids sort b < u)
        ("below_target:e6:nps", "critical"),
        # e5 nobody meets: importance 4 -> high; moment of truth -> critical
        ("uncovered:e5", "critical"),
        # effort shares: request 14/40 = 35, appointment 24/40 = 60, follow_up 2/40 = 5
        # importance shares: 8/25 = 32, 10/25 = 40, 7/25 = 28 -> appointment +20, follow_up -23
        ("effort_imbalance:appointment", "medium"),
        # e3: pain points with a positive emotion still hurt; importance 4 -> medium
        ("friction:e3", "medium"),
        ("effort_imbalance:follow_up", "medium"),
        # e2: importance 3 -> low; emotion -1 does not raise
        ("friction:e2", "low"),
    ]
    # e4 (emotion 0, no pain) and e7 (+2) are met and give no friction
    assert not {"friction:e4", "friction:e7", "friction:e6"} & {g.id for g in everyone.gaps}


def test_messages_quote_pain_points_and_name_who_meets(everyone: Analysis) -> None:
    c = Catalog("en")
    gaps = {g.id: g for g in everyone.gaps}
    friction = gap_message(gaps["friction:e1"], everyone, c)
    assert '"Queue at 8 am"; "Line busy for an hour"' in friction and "met by Phone line" in friction
    assert "very negative" in friction and "moment of truth" in friction
    uncovered = gap_message(gaps["uncovered:e5"], everyone, c)
    assert '"Never told what happens next"' in uncovered and "one step more severe" in uncovered
    assert "Crowded waiting room" in gap_message(gaps["friction:e3"], everyone, Catalog("zh-TW"))
    assert "「Crowded waiting room」" in gap_message(gaps["friction:e3"], everyone, Catalog("zh-TW"))


def test_fix_and_the_changed_keep_rule(everyone: Analysis) -> None:
    r = everyone.recommendations
    # most severe first (e1, e6 critical), then most important (e1 [5] before e6 [3]); e3 medium; e2 low
    assert r.fix == ("e1", "e6", "e3", "e2")
    # importance 4-5, met, not in fix: only e7 -> k6. k1 and k3 reach only touchpoints in fix, so they are
    # in neither keep nor stop; k4 reaches only e4 [2]
    assert r.keep == ("k6",)
    assert r.stop == ()
    assert r.start == ("e5",)


def test_persona_view(night: Analysis) -> None:
    # night sees e1, e2 (importance 5 for night), e3, e5, e6, e7; k4 reaches only e4 (day): left out
    assert [co.id for co in night.serves_other_personas] == ["k4"]
    assert "k4" not in {co.id for co in night.company}
    assert "no_impact:k4" not in {g.id for g in night.gaps}
    # 5x0 + 5x25 + 4x75 + 4x100 + 4x25 = 0 + 125 + 300 + 400 + 100 = 925; weights 5+5+4+4+4 = 22 -> 42.045 -> 42.0
    assert night.scores.experience == 42.0
    # request (5x0 + 5x25) / 10 = 12.5; appointment (300 + 400) / 8 = 87.5; follow_up 25.0
    assert [s.experience for s in night.stage_scores] == [12.5, 87.5, 25.0]
    # importance 5+5+4+4+3+4 = 25, met 21 -> 84.0; effort without k4: 37, all useful -> 100
    assert (night.scores.coverage, night.scores.focus) == (84.0, 100.0)
    # effort shares without k4: request 14/37 = 37.8, appointment 21/37 = 56.8, follow_up 2/37 = 5.4
    assert [s.effort_share for s in night.stage_scores] == [37.8, 56.8, 5.4]
    gaps = {g.id: g.severity.value for g in night.gaps}
    # e2 now weighs 5 for night -> high (it was low for everyone)
    assert gaps["friction:e2"] == "high"
    # fix: e1 (critical, 5), e6 (critical, 3), e2 (high), e3 (medium)
    assert night.recommendations.fix == ("e1", "e6", "e2", "e3")
    assert night.recommendations.keep == ("k6",)


def test_json_additions(everyone: Analysis) -> None:
    d = json.loads(json.dumps(analysis_dict(everyone, Catalog("en"))))  # as the JSON report writes it
    assert d["summary"]["experience"] == 44.3
    assert [s["experience"] for s in d["stages"]] == [9.4, 80.0, 25.0]
    assert d["recommendations"]["fix"] == ["e1", "e6", "e3", "e2"]
    rows = {r["id"]: r for r in d["customer_touchpoints"]}
    assert rows["e1"] == {
        "id": "e1", "stage": "request", "channel": "phone", "importance": 5, "evidence": "interview",
        "emotion": -2, "pain_points": ["Queue at 8 am", "Line busy for an hour"], "moment_of_truth": True,
        "opportunities": ["Call-back at a chosen time"], "state": "met", "met_by": ["k1"],
    }
    assert rows["e5"]["state"] == "uncovered" and rows["e6"]["emotion"] is None
    companies = {r["id"]: r for r in d["company_touchpoints"]}
    assert companies["k1"]["meets"] == ["e1"] and companies["k1"]["impact"] is True


def test_no_emotion_means_no_experience() -> None:
    a = analyze(load_spec(str(DATA / "valid" / "hand-computed.yaml")))
    assert a.scores.experience is None
    assert all(s.experience is None for s in a.stage_scores)
    assert a.recommendations.fix == ("c6",)  # below its NPS target, met: fix even without emotions
