"""`no_impact`: the company is where customers are not.

Raised for an active company touchpoint without impact: a frontstage one that
meets no customer touchpoint, or a backstage or support one that supports
nothing with impact (its message says what it supports). Severity by its
share of all active effort (its whole effort, whatever its stages): 20% or
more high, 5% or more medium, else low. These are the candidates to stop.
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
        if ctx.blueprint.has_impact(co.id):
            continue
        share = percent(co.effort, ctx.total_effort)
        severity = Severity.high if share >= 20 else Severity.medium if share >= 5 else Severity.low
        params = {"name": co.label, "channel": co.channel, "effort": co.effort, "effort_share": round1(share)}
        if not co.frontstage:
            params["lane"] = co.lane.value
            params["supports"] = list(co.supports or ())
        yield Gap(KIND, severity, co.id, co.home_stage, params)


def _text_keys(gap: Gap) -> tuple[str, str]:
    """A backstage or support touchpoint's message says what it supports."""
    if "lane" not in gap.params:
        return f"gap.{KIND}.message", f"gap.{KIND}.recommendation"
    message = f"gap.{KIND}.message.backstage" if gap.params["supports"] else f"gap.{KIND}.message.backstage_alone"
    return message, f"gap.{KIND}.recommendation.backstage"


RULE = Rule(
    kind=KIND,
    subject=Subject.company_touchpoint,
    check=check,
    raised_for="an active company touchpoint without impact: it meets no customer touchpoint, or (backstage, "
    "support) supports none that does",
    severity="effort share ≥ 20% high, ≥ 5% medium, else low",
    doc=__doc__,
    text_keys=_text_keys,
    catalog_keys=(f"gap.{KIND}.message", f"gap.{KIND}.recommendation", f"gap.{KIND}.message.backstage",
                  f"gap.{KIND}.message.backstage_alone", f"gap.{KIND}.recommendation.backstage"),
)
