"""`no_impact`: the company is where customers are not.

Raised for an active company touchpoint that meets no customer touchpoint.
Severity by its share of all active effort: 20% or more high, 5% or more
medium, else low. These are the candidates to stop.
"""

from __future__ import annotations

from collections.abc import Iterator

from cxgap.analysis.numbers import percent, round1
from cxgap.analysis.result import Gap
from cxgap.analysis.rules.base import Context, Rule, Subject
from cxgap.levels import Severity

KIND = "no_impact"


def check(ctx: Context) -> Iterator[Gap]:
    for co in ctx.active:
        if ctx.meets.get(co.id):
            continue
        share = percent(co.effort, ctx.total_effort)
        severity = Severity.high if share >= 20 else Severity.medium if share >= 5 else Severity.low
        yield Gap(KIND, severity, co.id, co.stage, {
            "name": co.label, "channel": co.channel, "effort": co.effort, "effort_share": round1(share),
            "owner": co.owner,
        })


RULE = Rule(
    kind=KIND,
    subject=Subject.company_touchpoint,
    check=check,
    raised_for="an active company touchpoint that meets no customer touchpoint",
    severity="effort share ≥ 20% high, ≥ 5% medium, else low",
    doc=__doc__,
)
