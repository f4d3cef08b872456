"""`assumption`: a customer touchpoint nobody has evidence for.

Raised for a customer touchpoint whose evidence is `assumption`: worth an
interview before money follows it. Info.
"""

from __future__ import annotations

from collections.abc import Iterator

from cxgap.analysis.result import Gap
from cxgap.analysis.rules.base import Context, Rule, Subject, touchpoint_gap
from cxgap.levels import Severity
from cxgap.model import Evidence

KIND = "assumption"


def check(ctx: Context) -> Iterator[Gap]:
    for ct in ctx.customer:
        if ct.evidence is Evidence.assumption:
            yield touchpoint_gap(KIND, Severity.info, ct)


RULE = Rule(
    kind=KIND,
    subject=Subject.customer_touchpoint,
    check=check,
    raised_for="a customer touchpoint whose evidence is `assumption`",
    severity="info",
    doc=__doc__,
)
