"""Invariants of the analysis on random journeys (hypothesis)."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from cxgap.analysis import analyze
from cxgap.loaded import LoadedSpec
from cxgap.model import Spec
from cxgap.stages import DEFAULT_STAGE_IDS, DEFAULT_STAGES

CHANNELS = ["web", "events", "social", "chat", "email", "Social Media", "social-media"]


@st.composite
def journeys(draw: st.DrawFn) -> dict[str, Any]:
    n_ct = draw(st.integers(0, 12))
    cts = [
        {
            "id": f"c{i}",
            "stage": draw(st.sampled_from(DEFAULT_STAGE_IDS)),
            "channel": draw(st.sampled_from(CHANNELS)),
            "importance": draw(st.integers(1, 5)),
            "evidence": draw(st.sampled_from(["interview", "assumption", "survey"])),
        }
        for i in range(n_ct)
    ]
    n_co = draw(st.integers(0, 10))
    cos = []
    for i in range(n_co):
        co: dict[str, Any] = {
            "id": f"k{i}",
            "stage": draw(st.sampled_from(DEFAULT_STAGE_IDS)),
            "channel": draw(st.sampled_from(CHANNELS)),
            "effort": draw(st.floats(0.1, 50, allow_nan=False)),
            "status": draw(st.sampled_from(["active", "active", "planned", "retired"])),
        }
        if len(cts) > 0 and draw(st.booleans()):
            co["meets"] = draw(st.lists(st.sampled_from([c["id"] for c in cts]), max_size=3))
        cos.append(co)
    return {"version": 1, "journey": {"title": "random"}, "customer_touchpoints": cts, "company_touchpoints": cos}


def _loaded(data: dict[str, Any]) -> LoadedSpec:
    return LoadedSpec("random.yaml", Spec.model_validate(data), DEFAULT_STAGES)


def _in_range(value: float | None) -> bool:
    return value is None or 0.0 <= value <= 100.0


@given(journeys())
@settings(max_examples=150, deadline=None)
def test_scores_stay_within_0_and_100(data: dict[str, Any]) -> None:
    a = analyze(_loaded(data))
    assert all(_in_range(v) for v in (a.scores.score, a.scores.coverage, a.scores.focus))
    for s in a.stage_scores:
        assert all(_in_range(v) for v in (s.coverage, s.focus, s.importance_share, s.effort_share))


@given(journeys())
@settings(max_examples=150, deadline=None)
def test_gap_ids_unique_and_recommendations_follow_gaps(data: dict[str, Any]) -> None:
    a = analyze(_loaded(data))
    ids = [g.id for g in a.gaps]
    assert len(ids) == len(set(ids))
    kinds = {g.subject for g in a.gaps if g.kind == "uncovered"}
    assert set(a.recommendations.start) == kinds
    assert set(a.recommendations.shift) == {g.subject for g in a.gaps if g.kind == "stage_mismatch"}
    assert set(a.recommendations.stop) == {g.subject for g in a.gaps if g.kind == "no_impact"}
    # every customer touchpoint is either met, uncovered or mismatched, never two of these
    for ct in a.customer:
        states = [bool(a.met_by[ct.id]), ct.id in kinds, ct.id in a.recommendations.shift]
        assert sum(states) == 1


@given(journeys(), st.data())
@settings(max_examples=150, deadline=None)
def test_meeting_an_uncovered_touchpoint_never_lowers_coverage(data: dict[str, Any], draw: st.DataObject) -> None:
    before = analyze(_loaded(data))
    uncovered = [ct.id for ct in before.customer if not before.met_by[ct.id]]
    if not uncovered:
        return
    target = draw.draw(st.sampled_from(uncovered))
    stage = next(ct["stage"] for ct in data["customer_touchpoints"] if ct["id"] == target)
    data["company_touchpoints"].append({"id": "new", "stage": stage, "channel": "x", "meets": [target]})
    after = analyze(_loaded(data))
    assert after.scores.coverage >= before.scores.coverage
    assert after.met_by[target] == ("new",)


@given(journeys(), st.data())
@settings(max_examples=150, deadline=None)
def test_retiring_an_unmatched_activity_never_lowers_focus(data: dict[str, Any], draw: st.DataObject) -> None:
    before = analyze(_loaded(data))
    useless = [g.subject for g in before.gaps if g.kind == "no_impact"]
    if not useless:
        return
    target = draw.draw(st.sampled_from(useless))
    for co in data["company_touchpoints"]:
        if co["id"] == target:
            co["status"] = "retired"
    after = analyze(_loaded(data))
    assert after.scores.focus >= before.scores.focus
    assert f"no_impact:{target}" not in {g.id for g in after.gaps}


RANK = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}


def _severity(analysis: Any, gap_id: str) -> int:
    return next(RANK[g.severity.value] for g in analysis.gaps if g.id == gap_id)


@given(journeys(), st.data())
@settings(max_examples=150, deadline=None)
def test_more_importance_on_an_uncovered_touchpoint_never_lowers_its_gap_or_raises_the_scores(
        data: dict[str, Any], draw: st.DataObject) -> None:
    before = analyze(_loaded(data))
    open_gaps = [g for g in before.gaps if g.kind in ("uncovered", "stage_mismatch")]
    if not open_gaps:
        return
    gap = draw.draw(st.sampled_from(open_gaps))
    ct = next(c for c in data["customer_touchpoints"] if c["id"] == gap.subject)
    if ct["importance"] == 5:
        return
    ct["importance"] += draw.draw(st.integers(1, 5 - ct["importance"]))
    after = analyze(_loaded(data))
    assert _severity(after, gap.id) >= _severity(before, gap.id)
    assert after.scores.coverage <= before.scores.coverage
    assert after.scores.score <= before.scores.score
    assert after.scores.focus == before.scores.focus


@given(journeys(), st.data())
@settings(max_examples=150, deadline=None)
def test_more_effort_on_a_no_impact_touchpoint_never_lowers_its_gap_or_raises_focus(
        data: dict[str, Any], draw: st.DataObject) -> None:
    before = analyze(_loaded(data))
    useless = [g for g in before.gaps if g.kind == "no_impact"]
    if not useless:
        return
    gap = draw.draw(st.sampled_from(useless))
    co = next(c for c in data["company_touchpoints"] if c["id"] == gap.subject)
    co["effort"] += draw.draw(st.floats(0.1, 100, allow_nan=False))
    after = analyze(_loaded(data))
    assert _severity(after, gap.id) >= _severity(before, gap.id)
    assert after.scores.focus <= before.scores.focus
    assert after.scores.coverage == before.scores.coverage


@given(journeys(), st.integers(1, 5))
@settings(max_examples=150, deadline=None)
def test_an_unmet_new_customer_touchpoint_never_raises_coverage_or_score(data: dict[str, Any], imp: int) -> None:
    before = analyze(_loaded(data))
    data["customer_touchpoints"].append({"id": "unmet", "stage": "loyalty", "channel": "nowhere at all",
                                         "importance": imp, "evidence": "survey"})
    after = analyze(_loaded(data))
    assert after.scores.coverage <= (before.scores.coverage if before.customer else 100)
    if before.customer:
        assert after.scores.score <= before.scores.score
    assert "uncovered:unmet" in {g.id for g in after.gaps}


def test_output_is_byte_identical_across_runs_and_hash_seeds() -> None:
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        for fmt in ("json", "csv"):
            proc = subprocess.run(
                [sys.executable, "-m", "cxgap", "analyze", "journeys", "--format", fmt],
                cwd=ROOT, env=env, capture_output=True, check=True,
            )
            outputs.add((fmt, proc.stdout))
    assert len(outputs) == 2
