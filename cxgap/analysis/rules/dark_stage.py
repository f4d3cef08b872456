"""`dark_stage`: customers are active at a stage where the company is absent.

Raised for a stage with customer touchpoints where no active frontstage
company touchpoint runs and none of its customer touchpoints is met (a
`meets` from another stage lights it; backstage work alone does not).
Always critical.
"""

from __future__ import annotations

from collections.abc import Iterator

from cxgap.analysis.result import Gap
from cxgap.analysis.rules.base import Context, Rule, Subject
from cxgap.levels import Severity

KIND = "dark_stage"


def check(ctx: Context) -> Iterator[Gap]:
    for stage in ctx.stages:
        score = ctx.stage_scores[stage.id]
        if score.customer_touchpoints and not score.frontstage_touchpoints and not score.met_touchpoints:
            yield Gap(KIND, Severity.critical, stage.id, stage.id, {
                "customer_touchpoints": score.customer_touchpoints, "importance_share": score.importance_share,
            })


RULE = Rule(
    kind=KIND,
    subject=Subject.stage,
    check=check,
    raised_for="a stage with customer touchpoints, no active frontstage company touchpoint and nothing met",
    severity="critical",
    doc=__doc__,
)
