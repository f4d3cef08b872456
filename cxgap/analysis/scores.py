"""Coverage, focus and alignment score, overall and per stage (DESIGN.md §2, §5).

* coverage: importance of met customer touchpoints / importance of all (only
  frontstage touchpoints meet);
* focus: effort of active company touchpoints with impact, in any lane /
  effort of all active company touchpoints;
* score: the geometric mean sqrt(coverage x focus).

A company touchpoint that runs at several stages counts at each of them, its
effort split evenly across them (for effort shares and per-stage focus).

All in % with one decimal. Overall, an empty denominator gives 0; per stage
it gives None (shown as "n/a"), since there is nothing to measure.
"""

from __future__ import annotations

import math
from collections.abc import Container, Sequence

from cxgap.analysis.numbers import percent, round1
from cxgap.analysis.result import Scores, StageScore
from cxgap.model import CompanyTouchpoint, CustomerTouchpoint, Lane
from cxgap.stages import Stage


def overall(
    customer: Sequence[CustomerTouchpoint],
    active: Sequence[CompanyTouchpoint],
    met_by: dict[str, tuple[str, ...]],
    impact: Container[str],
) -> Scores:
    importance = sum(ct.importance for ct in customer)
    met = sum(ct.importance for ct in customer if met_by[ct.id])
    effort = sum(co.effort for co in active)
    useful = sum(co.effort for co in active if co.id in impact)
    coverage = percent(met, importance)
    focus = percent(useful, effort)
    return Scores(round1(math.sqrt(coverage * focus)), round1(coverage), round1(focus))


def per_stage(
    stages: Sequence[Stage],
    customer: Sequence[CustomerTouchpoint],
    active: Sequence[CompanyTouchpoint],
    met_by: dict[str, tuple[str, ...]],
    impact: Container[str],
) -> dict[str, StageScore]:
    imp: dict[str, int] = {s.id: 0 for s in stages}
    met: dict[str, int] = dict(imp)
    n_ct: dict[str, int] = dict(imp)
    eff: dict[str, float] = {s.id: 0.0 for s in stages}
    useful: dict[str, float] = dict(eff)
    n_co: dict[str, int] = dict(imp)
    n_front: dict[str, int] = dict(imp)
    n_met: dict[str, int] = dict(imp)
    for ct in customer:
        imp[ct.stage] += ct.importance
        n_ct[ct.stage] += 1
        if met_by[ct.id]:
            met[ct.stage] += ct.importance
            n_met[ct.stage] += 1
    for co in active:
        stage = co.stage
        where = (stage,) if isinstance(stage, str) else stage
        share = co.effort / len(where)
        front = co.lane is Lane.frontstage
        useful_here = co.id in impact
        for stage in where:
            eff[stage] += share
            n_co[stage] += 1
            if front:
                n_front[stage] += 1
            if useful_here:
                useful[stage] += share
    total_imp = sum(imp.values())
    total_eff = sum(eff.values())
    return {
        s.id: StageScore(
            stage=s.id,
            coverage=round1(percent(met[s.id], imp[s.id])) if n_ct[s.id] else None,
            focus=round1(percent(useful[s.id], eff[s.id])) if n_co[s.id] else None,
            importance_share=round1(percent(imp[s.id], total_imp)),
            effort_share=round1(percent(eff[s.id], total_eff)),
            customer_touchpoints=n_ct[s.id],
            company_touchpoints=n_co[s.id],
            importance=imp[s.id],
            effort=eff[s.id],
            frontstage_touchpoints=n_front[s.id],
            met_touchpoints=n_met[s.id],
        )
        for s in stages
    }
