"""`unmapped_stage`: nobody asked customers about this stage.

Raised for a stage with no customer touchpoints recorded at all (whatever
the company does there). Medium.
"""

from __future__ import annotations

from collections.abc import Iterator

from cxgap.analysis.result import Gap
from cxgap.analysis.rules.base import Context, Rule, Subject
from cxgap.levels import Severity

KIND = "unmapped_stage"


def check(ctx: Context) -> Iterator[Gap]:
    for stage in ctx.stages:
        if not ctx.stage_scores[stage.id].customer_touchpoints:
            yield Gap(KIND, Severity.medium, stage.id, stage.id)


RULE = Rule(
    kind=KIND,
    subject=Subject.stage,
    check=check,
    raised_for="a stage with no customer touchpoints: nobody asked customers",
    severity="medium",
    doc=__doc__,
)
