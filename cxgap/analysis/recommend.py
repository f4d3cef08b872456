"""Stop, start, shift, keep (DESIGN.md §2), each a list of touchpoint ids.

* stop: no-impact company touchpoints, largest effort first;
* start: uncovered customer touchpoints, most important first;
* shift: customer touchpoints with a stage mismatch, most important first;
* keep: company touchpoints that reach a customer touchpoint of importance 4
  or 5 (a backstage or support touchpoint reaches what the touchpoints it
  supports reach), largest effort first.

Ties are broken by stage order (a touchpoint at several stages: its first),
then by id. Accepted gaps recommend nothing: the team decided they are right.

With ``--min-severity``, stop, start and shift list only the touchpoints whose
gap is still shown (:func:`restrict`); keep follows from no gap and stays.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from cxgap.analysis.blueprint import Blueprint
from cxgap.analysis.result import Gap, Recommendations
from cxgap.model import CompanyTouchpoint, CustomerTouchpoint


def recommend(
    gaps: Sequence[Gap],
    customer: Sequence[CustomerTouchpoint],
    active: Sequence[CompanyTouchpoint],
    plan: Blueprint,
    order: dict[str, int],
) -> Recommendations:
    meets = plan.meets
    ct_by_id = {ct.id: ct for ct in customer}
    co_by_id = {co.id: co for co in active}

    def by_effort(ids: list[str]) -> tuple[str, ...]:
        return tuple(sorted(ids, key=lambda i: (-co_by_id[i].effort, order[co_by_id[i].home_stage], i)))

    def by_importance(ids: list[str]) -> tuple[str, ...]:
        return tuple(sorted(ids, key=lambda i: (-ct_by_id[i].importance, order[ct_by_id[i].stage], i)))

    important = {ct.id for ct in customer if ct.importance >= 4}
    has_important: dict[int, bool] = {}  # touchpoints matched by channel share one tuple per bucket

    def meets_important(co_id: str) -> bool:
        targets = meets[co_id]
        found = has_important.get(id(targets))
        if found is None:
            found = has_important[id(targets)] = any(c in important for c in targets)
        return found

    def reaches_important(co: CompanyTouchpoint) -> bool:
        if co.id not in plan.supports:  # frontstage
            return meets_important(co.id)
        return any(meets_important(front) for front in plan.frontstage_reach(co.id))

    open_gaps = [g for g in gaps if g.accepted is None]
    return Recommendations(
        stop=by_effort([g.subject for g in open_gaps if g.kind == FROM_GAPS["stop"]]),
        start=by_importance([g.subject for g in open_gaps if g.kind == FROM_GAPS["start"]]),
        shift=by_importance([g.subject for g in open_gaps if g.kind == FROM_GAPS["shift"]]),
        keep=by_effort([co.id for co in active if reaches_important(co)]),
    )


FROM_GAPS = {"stop": "no_impact", "start": "uncovered", "shift": "stage_mismatch"}
"""The lists that follow from one kind of gap each: a touchpoint is listed for its gap."""


def restrict(recommendations: Recommendations, shown: Collection[Gap]) -> Recommendations:
    """The lists that follow from gaps, keeping only the touchpoints whose gap is in ``shown``."""
    kept = {(g.kind, g.subject) for g in shown}
    return replace(recommendations, **{
        key: tuple(i for i in getattr(recommendations, key) if (kind, i) in kept) for key, kind in FROM_GAPS.items()
    })
