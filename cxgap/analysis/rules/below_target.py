"""`below_target`: a metric misses its target (under its `min`, over its `max`).

One gap per measured metric that misses: `below_target:<subject>:<metric>`,
where the subject is the touchpoint, the stage, `journey` for a measure of the
whole journey, or `customers` for churn and retention. High; medium when the
figure is a low sample (fewer than 30 answers from survey sources): too few
answers to be sure of a miss.
"""

from __future__ import annotations

from collections.abc import Iterator

from cxgap.analysis.result import Gap
from cxgap.analysis.rules.base import Context, Rule, Subject
from cxgap.levels import Severity

KIND = "below_target"


def check(ctx: Context) -> Iterator[Gap]:
    for m in ctx.metrics:
        if m.met is not False:
            continue
        low = m.target_min is not None and m.value is not None and m.value < m.target_min
        yield Gap(KIND, Severity.medium if m.low_sample else Severity.high, m.subject, m.stage, {
            "metric": m.metric, "value": m.value, "bound": "min" if low else "max",
            "target": m.target_min if low else m.target_max, "method": m.method, "responses": m.responses,
            "touchpoint": m.touchpoint, "margin": m.margin, "low_sample": m.low_sample,
            "files": [ref.file for ref in m.sources], "unit": m.unit,
        }, id_suffix=f":{m.metric}")


def _text_keys(gap: Gap) -> tuple[str, str]:
    """Churn and retention (subject `customers`) speak of the whole customer base."""
    whole = ".customers" if gap.subject == "customers" else ""
    return f"gap.{KIND}.message{whole}.{gap.params['bound']}", f"gap.{KIND}.recommendation{whole}"


RULE = Rule(
    kind=KIND,
    subject=Subject.metric,
    check=check,
    raised_for="a metric under its `min` (or over its `max`)",
    severity="high (medium on a low sample: fewer than 30 answers from survey sources)",
    doc=__doc__,
    text_keys=_text_keys,
    catalog_keys=(
        *(f"gap.{KIND}.message{whole}.{bound}" for whole in ("", ".customers") for bound in ("min", "max")),
        f"gap.{KIND}.recommendation", f"gap.{KIND}.recommendation.customers",
    ),
)
