"""Moments of truth raise the gaps on them (DESIGN.md §5).

A customer touchpoint marked `moment_of_truth` makes or breaks the
relationship: every `uncovered`, `stage_mismatch`, `friction` and
`below_target` gap on it is one step more severe (never above critical).
`assumption` stays info.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from cxgap.analysis.result import Gap
from cxgap.analysis.rules.base import one_step_up
from cxgap.levels import Severity

RAISED = frozenset({"uncovered", "stage_mismatch", "friction", "below_target"})


def touchpoint_of(gap: Gap) -> str | None:
    """The customer touchpoint a gap is on, for the kinds a moment of truth raises."""
    if gap.kind == "below_target":  # its subject may be a stage, `journey` or `customers`
        touchpoint: str | None = gap.params["touchpoint"]
        return touchpoint
    return gap.subject if gap.kind in RAISED else None


def raise_moments(gaps: Iterable[Gap], moments: set[str]) -> list[Gap]:
    """The gaps, with those on a moment of truth one step up and marked ``moment_of_truth``
    ("raised", or "critical" when it already was)."""
    out = []
    for gap in gaps:
        if moments and touchpoint_of(gap) in moments:
            mark = "critical" if gap.severity is Severity.critical else "raised"
            gap = replace(gap, severity=one_step_up(gap.severity), params={**gap.params, "moment_of_truth": mark})
        out.append(gap)
    return out
