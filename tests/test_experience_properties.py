"""Invariants of the experience layer on random journeys (hypothesis), and the promise of DESIGN.md §5
that a spec without any of its keys keeps the analysis it had before."""

from __future__ import annotations

import copy
import json
from typing import Any

from conftest import DATA
from hypothesis import given, settings
from hypothesis import strategies as st
from specgen import random_spec, summary
from test_properties import journeys

from cxgap.analysis import analyze
from cxgap.analysis.result import Analysis
from cxgap.model import Spec
from cxgap.spec import LoadedSpec
from cxgap.stages import DEFAULT_STAGES

EMOTIONS = st.one_of(st.none(), st.integers(-2, 2))
PAINS = st.lists(st.sampled_from(["slow", "confusing", "closed at night"]), max_size=2)


def _loaded(data: dict[str, Any]) -> LoadedSpec:
    return LoadedSpec("random.yaml", Spec.model_validate(data), DEFAULT_STAGES)


@st.composite
def felt_journeys(draw: st.DrawFn) -> dict[str, Any]:
    """Random journeys whose customer touchpoints carry emotions, pain points and moments of truth."""
    data = draw(journeys())
    for ct in data["customer_touchpoints"]:
        emotion = draw(EMOTIONS)
        if emotion is not None:
            ct["emotion"] = emotion
        ct["pain_points"] = draw(PAINS)
        ct["moment_of_truth"] = draw(st.booleans())
    return data


@given(felt_journeys())
@settings(max_examples=150, deadline=None)
def test_experience_stays_within_0_and_100(data: dict[str, Any]) -> None:
    a = analyze(_loaded(data))
    felt = [ct for ct in a.customer if ct.emotion is not None]
    assert (a.scores.experience is None) == (not felt)
    for value in (a.scores.experience, *(s.experience for s in a.stage_scores)):
        assert value is None or 0.0 <= value <= 100.0


@given(felt_journeys(), st.data())
@settings(max_examples=150, deadline=None)
def test_raising_one_emotion_never_lowers_experience(data: dict[str, Any], draw: st.DataObject) -> None:
    cts = data["customer_touchpoints"]
    if not cts:
        return
    target = draw.draw(st.sampled_from(cts))
    before = analyze(_loaded(data))
    old = target.get("emotion")
    if old == 2:
        return
    target["emotion"] = draw.draw(st.integers(-2 if old is None else old + 1, 2))
    after = analyze(_loaded(data))
    if old is not None:
        assert after.scores.experience is not None and before.scores.experience is not None
        assert after.scores.experience >= before.scores.experience
        stage = target["stage"]
        b, a = (next(s.experience for s in x.stage_scores if s.stage == stage) for x in (before, after))
        assert a is not None and b is not None and a >= b


@given(felt_journeys(), st.data())
@settings(max_examples=150, deadline=None)
def test_a_pain_point_on_a_met_touchpoint_never_removes_a_gap(data: dict[str, Any], draw: st.DataObject) -> None:
    before = analyze(_loaded(data))
    met = [ct for ct in data["customer_touchpoints"] if before.met_by[ct["id"]]]
    if not met:
        return
    target = draw.draw(st.sampled_from(met))
    target["pain_points"] = [*target["pain_points"], "a new pain"]
    after = analyze(_loaded(data))
    assert {g.id for g in before.gaps} <= {g.id for g in after.gaps}
    assert f"friction:{target['id']}" in {g.id for g in after.gaps}
    assert target["id"] in after.recommendations.fix


@given(felt_journeys())
@settings(max_examples=150, deadline=None)
def test_fix_and_keep_never_overlap_in_what_they_reach(data: dict[str, Any]) -> None:
    a = analyze(_loaded(data))
    fix = set(a.recommendations.fix)
    assert all(a.met_by[i] for i in fix)
    for co_id in a.recommendations.keep:
        assert any(c not in fix for c in a.reach(co_id))
    assert not set(a.recommendations.keep) & set(a.recommendations.stop)


FROZEN = json.loads((DATA / "frozen" / "before-experience.json").read_text(encoding="utf-8"))


@given(st.sampled_from(sorted(FROZEN, key=int)))
@settings(max_examples=300, deadline=None)
def test_a_spec_without_experience_keys_keeps_its_analysis(seed: str) -> None:
    """The engine as it was before issue 11 (frozen by tests/data/frozen/freeze.py on 300 seeded specs
    with personas, meets, planned and retired touchpoints, metrics and targets) agrees field by field.
    The one rule §5 changes for everyone is keep: a touchpoint that now is to fix is no longer kept."""
    a = analyze(LoadedSpec(f"gen-{seed}.yaml", Spec.model_validate(random_spec(int(seed))), DEFAULT_STAGES))
    before = copy.deepcopy(FROZEN[seed])
    now = summary(a)
    assert a.scores.experience is None and all(s.experience is None for s in a.stage_scores)
    assert not [g for g in a.gaps if g.kind == "friction"]
    old_keep = before["recommendations"].pop("keep")
    new_keep = now["recommendations"].pop("keep")
    assert now == before
    fix = set(a.recommendations.fix)
    assert all(g.kind == "below_target" for g in a.gaps if g.params.get("touchpoint") in fix)
    # keep loses exactly the company touchpoints whose important met touchpoints are all to fix
    expected = [k for k in old_keep if any(c not in fix and ct_importance(a, c) >= 4 for c in a.reach(k))]
    assert new_keep == expected
    if not fix:
        assert new_keep == old_keep


def ct_importance(a: Analysis, ct_id: str) -> int:
    return next(ct.importance for ct in a.customer if ct.id == ct_id)
