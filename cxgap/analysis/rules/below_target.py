"""`below_target`: a metric misses its target (under its `min`, over its `max`).

One gap per measured metric that misses: `below_target:<subject>:<metric>`,
where the subject is the touchpoint, the stage, or `customers` for churn and
retention. High.
"""

from __future__ import annotations

from collections.abc import Iterator

from cxgap.analysis.result import Gap
from cxgap.analysis.rules.base import Context, Rule
from cxgap.levels import Severity


def check(ctx: Context) -> Iterator[Gap]:
    for m in ctx.metrics:
        if m.met is not False:
            continue
        low = m.target_min is not None and m.value is not None and m.value < m.target_min
        yield Gap("below_target", Severity.high, m.subject, m.stage, {
            "metric": m.metric, "value": m.value, "bound": "min" if low else "max",
            "target": m.target_min if low else m.target_max, "method": m.method, "responses": m.responses,
            "touchpoint": m.touchpoint,
        }, id_suffix=f":{m.metric}")


RULE = Rule("below_target", check, "a metric under its target (or over its max)")
