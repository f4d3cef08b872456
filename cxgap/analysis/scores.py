"""Coverage, focus and alignment score, overall and per stage (DESIGN.md §2).

* coverage: importance of met customer touchpoints / importance of all;
* focus: effort of active company touchpoints that meet something / effort of
  all active company touchpoints;
* score: the geometric mean sqrt(coverage x focus).

All in % with one decimal. Overall, an empty denominator gives 0; per stage
it gives None (shown as "n/a"), since there is nothing to measure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from cxgap.analysis.numbers import percent, round1
from cxgap.analysis.result import Scores, StageScore
from cxgap.model import CompanyTouchpoint, CustomerTouchpoint
from cxgap.stages import Stage


def overall(
    customer: Sequence[CustomerTouchpoint],
    active: Sequence[CompanyTouchpoint],
    met_by: dict[str, tuple[str, ...]],
    meets: dict[str, tuple[str, ...]],
) -> Scores:
    importance = sum(ct.importance for ct in customer)
    met = sum(ct.importance for ct in customer if met_by[ct.id])
    effort = sum(co.effort for co in active)
    useful = sum(co.effort for co in active if meets[co.id])
    coverage = percent(met, importance)
    focus = percent(useful, effort)
    return Scores(round1(math.sqrt(coverage * focus)), round1(coverage), round1(focus))


def per_stage(
    stages: Sequence[Stage],
    customer: Sequence[CustomerTouchpoint],
    active: Sequence[CompanyTouchpoint],
    met_by: dict[str, tuple[str, ...]],
    meets: dict[str, tuple[str, ...]],
) -> dict[str, StageScore]:
    imp: dict[str, int] = {s.id: 0 for s in stages}
    met: dict[str, int] = dict(imp)
    n_ct: dict[str, int] = dict(imp)
    eff: dict[str, float] = {s.id: 0.0 for s in stages}
    useful: dict[str, float] = dict(eff)
    n_co: dict[str, int] = dict(imp)
    for ct in customer:
        imp[ct.stage] += ct.importance
        n_ct[ct.stage] += 1
        if met_by[ct.id]:
            met[ct.stage] += ct.importance
    for co in active:
        eff[co.stage] += co.effort
        n_co[co.stage] += 1
        if meets[co.id]:
            useful[co.stage] += co.effort
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
        )
        for s in stages
    }
