"""`effort_imbalance`: effort spread unlike where customers put their weight.

Raised for a stage whose share of active effort differs from its share of
customer importance by more than 15 points (over- or under-invested). Medium.
"""

from __future__ import annotations

from collections.abc import Iterator

from cxgap.analysis.numbers import round1
from cxgap.analysis.result import Gap
from cxgap.analysis.rules.base import Context, Rule, Subject
from cxgap.levels import Severity

KIND = "effort_imbalance"
THRESHOLD = 15.0


def check(ctx: Context) -> Iterator[Gap]:
    for stage in ctx.stages:
        score = ctx.stage_scores[stage.id]
        diff = score.effort_share - score.importance_share
        if abs(diff) > THRESHOLD:
            yield Gap(KIND, Severity.medium, stage.id, stage.id, {
                "effort_share": score.effort_share, "importance_share": score.importance_share,
                "difference": round1(abs(diff)), "direction": "over" if diff > 0 else "under",
            })


RULE = Rule(
    kind=KIND,
    subject=Subject.stage,
    check=check,
    raised_for="a stage whose effort share and importance share differ by more than 15 points (of the rounded shares)",
    severity="medium",
    doc=__doc__,
    text_keys=lambda gap: (f"gap.{KIND}.message.{gap.params['direction']}",
                           f"gap.{KIND}.recommendation.{gap.params['direction']}"),
    catalog_keys=tuple(f"gap.{KIND}.{part}.{d}" for part in ("message", "recommendation") for d in ("over", "under")),
)
