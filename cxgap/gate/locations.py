"""Where in the spec file a gap is: the line an annotation points at.

A touchpoint gap points at that touchpoint. A stage gap points at the stage's
entry under ``stages:`` when the spec defines its stages, else at the first
touchpoint of that stage (customer first), else at ``journey:``. A metric gap
points at its touchpoint, stage, ``customers:`` block, or, for a whole-journey
target, that entry under ``targets:``.
"""

from __future__ import annotations

from cxgap.analysis.result import Analysis, Gap
from cxgap.analysis.rules import Subject, rule_for
from cxgap.loaded import journey_target_key

Location = tuple[int, int]


def journey_location(analysis: Analysis) -> Location:
    """The ``journey:`` key: where whole-spec findings (the score) point."""
    return analysis.lines.get("", (1, 1))


def stage_location(analysis: Analysis, stage: str) -> Location:
    lines = analysis.lines
    if analysis.spec.stages is not None and stage in lines:
        return lines[stage]
    ids = [ct.id for ct in analysis.spec.customer_touchpoints if ct.stage == stage]
    ids += [co.id for co in analysis.company if co.stage == stage]
    for tp_id in ids:
        if tp_id in lines:
            return lines[tp_id]
    return journey_location(analysis)


def gap_location(analysis: Analysis, gap: Gap) -> Location:
    lines = analysis.lines
    subject = rule_for(gap.kind).subject
    if subject is Subject.stage:
        return stage_location(analysis, gap.subject)
    if subject is Subject.metric:
        touchpoint = gap.params.get("touchpoint")
        if isinstance(touchpoint, str) and touchpoint in lines:
            return lines[touchpoint]
        if gap.subject == "customers":
            return lines.get("customers", journey_location(analysis))
        if gap.subject == "journey":  # a whole-journey target: its entry under `targets:`
            return lines.get(journey_target_key(str(gap.params["metric"])), journey_location(analysis))
        return stage_location(analysis, gap.subject)
    if gap.subject in lines:
        return lines[gap.subject]
    return stage_location(analysis, gap.stage) if gap.stage else journey_location(analysis)
