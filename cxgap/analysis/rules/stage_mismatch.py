"""`stage_mismatch`: the right channel at the wrong stage.

Raised for an uncovered customer touchpoint whose channel the company uses
(actively) at another stage, replacing its `uncovered` gap, one severity step
below it: the fix is to shift effort, not to start from nothing. Where the
channel already meets customers at its other stages, moving it would uncover
them: the recommendation says to extend the channel to the stage instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from cxgap.analysis.result import Gap
from cxgap.analysis.rules.base import (
    Context,
    Rule,
    Subject,
    one_step_below,
    severity_for_importance,
    touchpoint_gap,
)

KIND = "stage_mismatch"


def check(ctx: Context) -> Iterator[Gap]:
    for ct in ctx.customer:
        other = ctx.mismatch.get(ct.id)
        if other is None:
            continue
        yield touchpoint_gap(KIND, one_step_below(severity_for_importance(ct.importance)), ct,
                             other_stages=list(other), serving=ct.id in ctx.serving_elsewhere)


def _text_keys(gap: Gap) -> tuple[str, str]:
    extend = ".extend" if gap.params.get("serving") else ""
    return f"gap.{KIND}.message", f"gap.{KIND}.recommendation{extend}"


RULE = Rule(
    kind=KIND,
    subject=Subject.customer_touchpoint,
    check=check,
    raised_for="an uncovered customer touchpoint whose channel the company uses at another stage "
    "(replaces its `uncovered`)",
    severity="one step below its `uncovered` severity",
    doc=__doc__,
    text_keys=_text_keys,
    catalog_keys=(f"gap.{KIND}.message", f"gap.{KIND}.recommendation", f"gap.{KIND}.recommendation.extend"),
)
