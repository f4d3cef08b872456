"""Invariants of lanes, several stages and accepted gaps on random blueprints (hypothesis, issue 12)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cxgap.analysis import analyze
from cxgap.i18n import Catalog
from cxgap.model import Spec
from cxgap.render.data import analysis_dict
from cxgap.spec import LoadedSpec
from cxgap.stages import DEFAULT_STAGE_IDS, DEFAULT_STAGES

CHANNELS = ["web", "events", "chat", "email", "property system"]
TODAY = dt.date(2027, 1, 1)


@st.composite
def blueprints(draw: st.DrawFn) -> dict[str, Any]:
    """Random journeys whose company touchpoints sit in every lane, at one or several stages, with
    `supports` chains and cycles."""
    cts: list[dict[str, Any]] = [
        {"id": f"c{i}", "stage": draw(st.sampled_from(DEFAULT_STAGE_IDS)), "channel": draw(st.sampled_from(CHANNELS)),
         "importance": draw(st.integers(1, 5)), "evidence": draw(st.sampled_from(["interview", "assumption"]))}
        for i in range(draw(st.integers(0, 10)))
    ]
    n_co = draw(st.integers(0, 10))
    cos = []
    for i in range(n_co):
        stages = draw(st.lists(st.sampled_from(DEFAULT_STAGE_IDS), min_size=1, max_size=3, unique=True))
        co: dict[str, Any] = {
            "id": f"k{i}", "stage": stages[0] if len(stages) == 1 else stages,
            "channel": draw(st.sampled_from(CHANNELS)), "effort": draw(st.floats(0.1, 50, allow_nan=False)),
            "status": draw(st.sampled_from(["active", "active", "active", "planned", "retired"])),
            "lane": draw(st.sampled_from(["frontstage", "frontstage", "backstage", "support"])),
        }
        if co["lane"] == "frontstage":
            wants_meets: bool = draw(st.booleans())
            if cts and wants_meets:
                co["meets"] = draw(st.lists(st.sampled_from([str(c["id"]) for c in cts]), max_size=3))
        else:
            co["supports"] = draw(st.lists(st.sampled_from([f"k{j}" for j in range(n_co)]), max_size=3))
        cos.append(co)
    return {"version": 1, "journey": {"title": "random"}, "customer_touchpoints": cts, "company_touchpoints": cos}


def _loaded(data: dict[str, Any]) -> LoadedSpec:
    return LoadedSpec("random.yaml", Spec.model_validate(data), DEFAULT_STAGES)


@given(blueprints(), st.data())
@settings(max_examples=120, deadline=None)
def test_accepting_a_gap_never_changes_a_score(data: dict[str, Any], pick: st.DataObject) -> None:
    plain = analyze(_loaded(data), today=TODAY)
    if not plain.gaps:
        return
    chosen = pick.draw(st.lists(st.sampled_from([g.id for g in plain.gaps]), min_size=1, unique=True))
    accepted = analyze(_loaded({**data, "accept": [{"gap": g, "reason": "reviewed"} for g in chosen]}), today=TODAY)
    assert accepted.scores == plain.scores
    assert accepted.stage_scores == plain.stage_scores
    assert [g.id for g in accepted.gaps] == [g.id for g in plain.gaps]  # still listed, same order
    assert accepted.accepted_count == len(chosen)
    assert sum(accepted.gap_counts().values()) == sum(plain.gap_counts().values()) - len(chosen)


@given(blueprints())
@settings(max_examples=150, deadline=None)
def test_the_json_overlay_agrees_with_the_gaps(data: dict[str, Any]) -> None:
    a = analyze(_loaded(data), today=TODAY)
    out = json.loads(json.dumps(analysis_dict(a, Catalog("en"))))  # as the report writes it: tuples are arrays
    kinds: dict[str, set[str]] = {}
    for g in out["gaps"]:
        kinds.setdefault(g["kind"], set()).add(g["subject"])
    customer = {c["id"]: c for c in out["customer_touchpoints"]}
    company = {c["id"]: c for c in out["company_touchpoints"]}
    for ct_id in kinds.get("uncovered", set()) | kinds.get("stage_mismatch", set()):
        assert customer[ct_id]["met_by"] == [] and customer[ct_id]["state"] != "met"
    for co_id in kinds.get("no_impact", set()):
        assert company[co_id]["impact"] is False
    for ct in customer.values():
        assert (ct["state"] == "met") == bool(ct["met_by"])
        assert all(company[co]["status"] == "active" and company[co]["lane"] == "frontstage" for co in ct["met_by"])
    for co in company.values():
        if co["status"] == "active" and not co["impact"]:
            assert co["id"] in kinds.get("no_impact", set())
        if co["lane"] != "frontstage":
            assert co["meets"] == []


@given(blueprints())
@settings(max_examples=100, deadline=None)
def test_impact_is_reachability_and_focus_counts_it(data: dict[str, Any]) -> None:
    a = analyze(_loaded(data), today=TODAY)
    active = {co.id: co for co in a.company if co.status.value == "active"}
    # fixed point by brute force: impact = meets someone, or supports an active one with impact
    impact = {i for i, co in active.items() if co.frontstage and a.meets[i]}
    while True:
        more = {i for i, co in active.items() if not co.frontstage and any(s in impact for s in co.supports or ())}
        if more <= impact:
            break
        impact |= more
    assert {i for i in active if a.has_impact(i)} == impact
    total = sum(co.effort for co in active.values())
    useful = sum(active[i].effort for i in impact)
    assert abs(a.scores.focus - (useful * 100 / total if total else 0.0)) <= 0.05 + 1e-9
    # effort split evenly over several stages still adds up to all the effort
    assert abs(sum(s.effort for s in a.stage_scores) - total) <= 1e-6 * max(1.0, total)
