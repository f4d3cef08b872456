"""NPS, CSAT, CES, churn and retention, and their targets.

* NPS from raw 0-10 answers: % promoters (9-10) minus % detractors (0-6).
* CSAT from raw 1-5 answers: % of answers that are 4 or 5.
* CES from raw 1-7 answers: the mean answer (higher is easier).
* churn = lost / start; retention = (end - new) / start, both in %.

A target names a touchpoint, a stage (the stage's answers pooled when every
touchpoint there has raw answers, else the mean of the touchpoint values),
or neither (every touchpoint that measures the metric; for churn and
retention, all customers). A touchpoint's own target wins over a general one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from cxgap.analysis.numbers import round1
from cxgap.analysis.result import MetricResult
from cxgap.figures import Figure
from cxgap.model import CustomerTouchpoint, Metrics, Spec, Target

SURVEY_METRICS = ("nps", "csat", "ces")


def nps(answers: Sequence[int]) -> float:
    promoters = sum(1 for a in answers if a >= 9)
    detractors = sum(1 for a in answers if a <= 6)
    return (promoters - detractors) * 100.0 / len(answers)


def csat(answers: Sequence[int]) -> float:
    return sum(1 for a in answers if a >= 4) * 100.0 / len(answers)


def ces(answers: Sequence[int]) -> float:
    return sum(answers) / len(answers)


_FORMULA = {"nps": nps, "csat": csat, "ces": ces}


def measure(metrics: Metrics, name: str) -> tuple[float, str, int | None] | None:
    """(value, method, number of answers) of one metric of a touchpoint, if measured."""
    given = getattr(metrics, name)
    if given is not None:
        return round1(given), "given", None
    answers = getattr(metrics, f"{name}_responses")
    if answers:
        return round1(_FORMULA[name](answers)), "answers", len(answers)
    return None


def _bounded(result: MetricResult, target: Target | None) -> MetricResult:
    if target is None:
        return result
    return replace(result, target_min=target.min, target_max=target.max)


def _stage_value(cts: Sequence[CustomerTouchpoint], name: str) -> MetricResult:
    measured = [ct.metrics for ct in cts if ct.metrics is not None and measure(ct.metrics, name) is not None]
    if not measured:
        return MetricResult(name, None, "not_measured")
    pooled = [getattr(m, f"{name}_responses") for m in measured]
    if all(pooled):
        answers = [a for group in pooled for a in group]
        return MetricResult(name, round1(_FORMULA[name](answers)), "pooled_answers", len(answers))
    values = [v[0] for m in measured if (v := measure(m, name)) is not None]
    return MetricResult(name, round1(sum(values) / len(values)), "mean_of_values", len(values))


def _from_figure(f: Figure, stage: str | None = None) -> MetricResult:
    return MetricResult(f.metric, f.value, "source", f.n, f.touchpoint, f.stage or stage, margin=f.margin,
                        sources=f.sources, level=f.level)


def _touchpoint_metrics(
    ct: CustomerTouchpoint, names: Sequence[str], by_tp: dict[tuple[str, str], Target],
    general: dict[str, Target], figures: dict[tuple[str, str], Figure],
) -> list[MetricResult]:
    out = []
    for name in names:
        target = by_tp.get((ct.id, name)) or general.get(name)
        fig = figures.get((ct.id, name))
        if fig is not None:
            out.append(_bounded(_from_figure(fig, ct.stage), target))
            continue
        got = measure(ct.metrics, name) if ct.metrics is not None and name in SURVEY_METRICS else None
        if got is None:
            if (ct.id, name) in by_tp:
                out.append(_bounded(MetricResult(name, None, "not_measured", None, ct.id, ct.stage), target))
            continue
        value, method, n = got
        out.append(_bounded(MetricResult(name, value, method, n, ct.id, ct.stage), target))
    return out


def compute_metrics(
    spec: Spec, customer: Sequence[CustomerTouchpoint], stage_order: dict[str, int],
    figures: Sequence[Figure] = (),
) -> list[MetricResult]:
    """Every measured metric with its target. Figures from survey sources join as a touchpoint's
    metric, a stage's value (instead of the pooled one) or the journey's value (which a target
    without touchpoint or stage then applies to, instead of each touchpoint)."""
    by_tp: dict[tuple[str, str], Target] = {}
    by_stage: dict[tuple[str, str], Target] = {}
    general: dict[str, Target] = {}
    for t in spec.targets:
        if t.touchpoint is not None:
            by_tp[(t.touchpoint, t.metric.value)] = t
        elif t.stage is not None:
            by_stage[(t.stage, t.metric.value)] = t
        else:
            general[t.metric.value] = t
    at_tp = {(f.touchpoint, f.metric): f for f in figures if f.touchpoint is not None}
    at_stage = {(f.stage, f.metric): f for f in figures if f.stage is not None}
    at_journey = {f.metric: f for f in figures if f.level == "journey"}
    ordered = sorted(customer, key=lambda ct: (stage_order.get(ct.stage, 1 << 30), ct.id))
    names = (*SURVEY_METRICS, *sorted({f.metric for f in figures} - set(SURVEY_METRICS)))
    # A journey figure takes the general target: it is the journey's value, not each touchpoint's.
    per_touchpoint = {name: t for name, t in general.items() if name not in at_journey}
    out = [m for ct in ordered for m in _touchpoint_metrics(ct, names, by_tp, per_touchpoint, at_tp)]
    stage_keys = sorted(set(by_stage) | set(at_stage), key=lambda k: (stage_order.get(k[0] or "", 0), k[1]))
    for stage, name in stage_keys:
        assert stage is not None
        fig = at_stage.get((stage, name))
        result = _from_figure(fig) if fig is not None else replace(
            _stage_value([ct for ct in customer if ct.stage == stage], name), stage=stage)
        out.append(_bounded(result, by_stage.get((stage, name))))
    for name, fig in sorted(at_journey.items()):
        out.append(_bounded(_from_figure(fig), general.get(name)))
    if spec.customers is not None:
        c = spec.customers
        churn = MetricResult("churn", round1(c.lost * 100.0 / c.start), "customers", c.start)
        retention = MetricResult("retention", round1((c.end - c.new) * 100.0 / c.start), "customers", c.start)
        out.append(_bounded(churn, general.get("churn")))
        out.append(_bounded(retention, general.get("retention")))
    return out
