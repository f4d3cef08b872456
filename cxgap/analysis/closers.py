"""Which planned or retired company touchpoints would close a gap if they were active.

A gap about a customer touchpoint (`uncovered`, `stage_mismatch`) names the
inactive frontstage touchpoints that would meet it; a `dark_stage` those that
would run at the stage or meet one of its customer touchpoints; a backstage
or support `no_impact` gap the inactive touchpoints it supports that would
have impact. Planned ones are what is already on the roadmap ("planned:
demo-request"); retired ones used to close it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from cxgap.analysis.blueprint import Blueprint
from cxgap.analysis.matching import match
from cxgap.analysis.result import Gap
from cxgap.model import CompanyTouchpoint, CustomerTouchpoint, Status

_CUSTOMER_KINDS = ("uncovered", "stage_mismatch")


def _lit_stages(
    customer: Sequence[CustomerTouchpoint], inactive: Sequence[CompanyTouchpoint], meets: dict[str, tuple[str, ...]],
) -> dict[str, list[str]]:
    """Stage -> the inactive frontstage touchpoints that would light it: running there, or meeting one of its
    customer touchpoints."""
    stage_of = {ct.id: ct.stage for ct in customer}
    at_stage: dict[str, list[str]] = {}
    for co in inactive:
        if co.frontstage:
            for stage in (*co.stages, *(stage_of[ct_id] for ct_id in meets.get(co.id, ()))):
                at_stage.setdefault(stage, []).append(co.id)
    return {stage: list(dict.fromkeys(ids)) for stage, ids in at_stage.items()}


def with_closers(
    gaps: list[Gap], customer: Sequence[CustomerTouchpoint], inactive: Sequence[CompanyTouchpoint],
    plan: Blueprint, canon: Callable[[str], str],
) -> list[Gap]:
    """The gaps, each with the inactive company touchpoints that would close it."""
    open_ids = {g.subject for g in gaps if g.kind in _CUSTOMER_KINDS}
    dark = {g.subject for g in gaps if g.kind == "dark_stage"}
    # only the customer touchpoints a gap is about, or in a dark stage, need matching again
    relevant = [ct for ct in customer if ct.id in open_ids or ct.stage in dark]
    met_by, meets = match(relevant, inactive, canon)
    by_id = {co.id: co for co in inactive}
    at_stage = _lit_stages(relevant, inactive, meets)

    def would_have_impact(co: CompanyTouchpoint) -> bool:
        if co.frontstage:
            return bool(meets.get(co.id))
        return any(plan.has_impact(s) for s in co.supports or ())

    def closers(gap: Gap) -> Sequence[str]:
        if gap.kind in _CUSTOMER_KINDS:
            return met_by.get(gap.subject, ())
        if gap.kind == "dark_stage":
            return at_stage.get(gap.subject, ())
        if gap.kind == "no_impact":
            return [s for s in gap.params.get("supports") or () if s in by_id and would_have_impact(by_id[s])]
        return ()

    out = []
    for gap in gaps:
        ids = closers(gap)
        if ids:
            planned = tuple(sorted(i for i in ids if by_id[i].status is Status.planned))
            retired = tuple(sorted(i for i in ids if by_id[i].status is Status.retired))
            gap = replace(gap, planned=planned, retired=retired)
        out.append(gap)
    return out
