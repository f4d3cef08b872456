"""Stop, start, shift, fix, keep (DESIGN.md §2 and §5), each a list of touchpoint ids.

* stop: no-impact company touchpoints, largest effort first;
* start: uncovered customer touchpoints, most important first;
* shift: customer touchpoints with a stage mismatch, most important first;
* fix: customer touchpoints that are met and have a `friction` or
  `below_target` gap, most severe first, then most important;
* keep: active company touchpoints that reach a customer touchpoint of
  importance 4 or 5 that is met and not in fix (a backstage or support
  touchpoint reaches what the touchpoints it supports reach), largest effort
  first. A company touchpoint that only reaches touchpoints in fix is in
  neither keep nor stop: the fix names it.

Ties are broken by stage order (a touchpoint at several stages: its first),
then by id. Accepted gaps recommend nothing: the team decided they are right.

With ``--min-severity``, stop, start, shift and fix list only the touchpoints
whose gap is still shown (:func:`restrict`); keep follows from no gap and stays.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from cxgap.analysis.blueprint import Blueprint
from cxgap.analysis.moments import touchpoint_of
from cxgap.analysis.result import Gap, Recommendations
from cxgap.model import CompanyTouchpoint, CustomerTouchpoint

FIX_KINDS = frozenset({"friction", "below_target"})


def _fix(gaps: Sequence[Gap], met_by: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Customer touchpoint id -> rank of its most severe friction or below_target gap (met ones only)."""
    worst: dict[str, int] = {}
    for g in gaps:
        if g.kind not in FIX_KINDS:
            continue
        tp = touchpoint_of(g)
        if tp is not None and met_by.get(tp):
            worst[tp] = min(worst.get(tp, g.severity.rank), g.severity.rank)
    return worst


def recommend(
    gaps: Sequence[Gap],
    customer: Sequence[CustomerTouchpoint],
    active: Sequence[CompanyTouchpoint],
    met_by: dict[str, tuple[str, ...]],
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

    open_gaps = [g for g in gaps if g.accepted is None]
    fix = _fix(open_gaps, met_by)
    important = {ct.id for ct in customer if ct.importance >= 4 and met_by[ct.id] and ct.id not in fix}
    has_important: dict[int, bool] = {}  # touchpoints matched by channel share one tuple per bucket

    def meets_important(co_id: str) -> bool:
        targets = meets[co_id]
        found = has_important.get(id(targets))
        if found is None:
            found = has_important[id(targets)] = any(c in important for c in targets)
        return found

    def reaches_important(co: CompanyTouchpoint) -> bool:
        # the blueprint's reach, per frontstage touchpoint reached, so the per-bucket cache holds
        if co.id not in plan.supports:  # frontstage
            return meets_important(co.id)
        return any(meets_important(front) for front in plan.frontstage_reach(co.id))

    return Recommendations(
        stop=by_effort([g.subject for g in open_gaps if g.kind == FROM_GAPS["stop"]]),
        start=by_importance([g.subject for g in open_gaps if g.kind == FROM_GAPS["start"]]),
        shift=by_importance([g.subject for g in open_gaps if g.kind == FROM_GAPS["shift"]]),
        fix=tuple(sorted(fix, key=lambda i: (fix[i], -ct_by_id[i].importance, order[ct_by_id[i].stage], i))),
        keep=by_effort([co.id for co in active if reaches_important(co)]),
    )


FROM_GAPS = {"stop": "no_impact", "start": "uncovered", "shift": "stage_mismatch"}
"""The lists that follow from one kind of gap each: a touchpoint is listed for its gap."""


def restrict(recommendations: Recommendations, shown: Collection[Gap]) -> Recommendations:
    """The lists that follow from gaps, keeping only the touchpoints whose gap is in ``shown``."""
    kept = {(g.kind, g.subject) for g in shown}
    fixing = {touchpoint_of(g) for g in shown if g.kind in FIX_KINDS}
    return replace(recommendations, fix=tuple(i for i in recommendations.fix if i in fixing), **{
        key: tuple(i for i in getattr(recommendations, key) if (kind, i) in kept) for key, kind in FROM_GAPS.items()
    })
