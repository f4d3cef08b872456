"""`assumption`: a customer touchpoint nobody has evidence for.

Raised for a customer touchpoint whose evidence is `assumption`: worth an
interview before money follows it. Info.
"""

from __future__ import annotations

from collections.abc import Iterator

from cxgap.analysis.result import Gap
from cxgap.analysis.rules.base import Context, Rule
from cxgap.levels import Severity
from cxgap.model import Evidence


def check(ctx: Context) -> Iterator[Gap]:
    for ct in ctx.customer:
        if ct.evidence is Evidence.assumption:
            yield Gap("assumption", Severity.info, ct.id, ct.stage, {
                "name": ct.label, "channel": ct.channel, "importance": ct.importance,
            })


RULE = Rule("assumption", check, "a customer touchpoint backed by no evidence")
