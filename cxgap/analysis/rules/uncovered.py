"""`uncovered`: customers are where the company is not.

Raised for a customer touchpoint that no active company touchpoint meets,
unless the company uses its channel at another stage (then it is a
`stage_mismatch` instead). Severity by importance: 5 critical, 4 high,
3 medium, 1-2 low; one step up at a moment of truth. The message quotes the
touchpoint's pain points, when the research recorded any.
"""

from __future__ import annotations

from collections.abc import Iterator

from cxgap.analysis.result import Gap
from cxgap.analysis.rules.base import Context, Rule, Subject, severity_for_importance, touchpoint_gap

KIND = "uncovered"


def check(ctx: Context) -> Iterator[Gap]:
    for ct in ctx.customer:
        if ctx.met_by[ct.id] or ct.id in ctx.mismatch:
            continue
        yield touchpoint_gap(KIND, severity_for_importance(ct.importance), ct, evidence=ct.evidence.value,
                             pain_points=list(ct.pain_points))


def _text_keys(gap: Gap) -> tuple[str, str]:
    """With pain points, the message quotes them."""
    pains = ".pains" if gap.params.get("pain_points") else ""
    return f"gap.{KIND}.message{pains}", f"gap.{KIND}.recommendation"


RULE = Rule(
    kind=KIND,
    subject=Subject.customer_touchpoint,
    check=check,
    raised_for="a customer touchpoint no active company touchpoint meets",
    severity="importance 5 critical, 4 high, 3 medium, 1–2 low; one step up at a moment of truth",
    doc=__doc__,
    text_keys=_text_keys,
    catalog_keys=(f"gap.{KIND}.message", f"gap.{KIND}.message.pains", f"gap.{KIND}.recommendation"),
)
