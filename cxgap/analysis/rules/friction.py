"""`friction`: the company is there, and it still hurts.

Raised for a customer touchpoint that is met and has pain points or an
emotion of -1 or -2. Severity by importance: 5 high, 4 medium, 3 and below
low; one step up when the emotion is -2 (and one more at a moment of truth).
The message quotes the pain points and names the company touchpoints that
meet it; at a neutral or good emotion (0 to 2) it says customers name pain
points there rather than that the step hurts. These are the touchpoints to
**fix**, not to keep.
"""

from __future__ import annotations

from collections.abc import Iterator

from cxgap.analysis.result import Gap
from cxgap.analysis.rules.base import Context, Rule, Subject, one_step_up, touchpoint_gap
from cxgap.levels import Severity

KIND = "friction"

_BY_IMPORTANCE = {5: Severity.high, 4: Severity.medium, 3: Severity.low, 2: Severity.low, 1: Severity.low}


def severity_for(importance: int, emotion: int | None) -> Severity:
    severity = _BY_IMPORTANCE[importance]
    return one_step_up(severity) if emotion == -2 else severity


def check(ctx: Context) -> Iterator[Gap]:
    for ct in ctx.customer:
        hurts = bool(ct.pain_points) or (ct.emotion is not None and ct.emotion < 0)
        if not hurts or not ctx.met_by[ct.id]:
            continue
        yield touchpoint_gap(KIND, severity_for(ct.importance, ct.emotion), ct, emotion=ct.emotion,
                             pain_points=list(ct.pain_points), met_by=list(ctx.met_by[ct.id]))


def _text_keys(gap: Gap) -> tuple[str, str]:
    """Without pain points the message speaks of the feeling alone; with pain points at a neutral or
    good feeling (emotion 0 to 2) it says customers name them, not that the step hurts."""
    emotion = gap.params.get("emotion")
    if not gap.params.get("pain_points"):
        variant = ".no_pains"
    elif isinstance(emotion, int) and emotion >= 0:
        variant = ".mild"
    else:
        variant = ""
    return f"gap.{KIND}.message{variant}", f"gap.{KIND}.recommendation"


RULE = Rule(
    kind=KIND,
    subject=Subject.customer_touchpoint,
    check=check,
    raised_for="a met customer touchpoint with pain points or an emotion of -1 or -2",
    severity="importance 5 high, 4 medium, 1–3 low; one step up at emotion -2 and at a moment of truth",
    doc=__doc__,
    text_keys=_text_keys,
    catalog_keys=(f"gap.{KIND}.message", f"gap.{KIND}.message.no_pains", f"gap.{KIND}.message.mild",
                  f"gap.{KIND}.recommendation"),
)
