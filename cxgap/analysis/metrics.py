"""NPS, CSAT, CES, churn and retention, and their targets.

* NPS from raw 0-10 answers: % promoters (9-10) minus % detractors (0-6).
* CSAT from raw 1-5 answers: % of answers that are 4 or 5.
* CES from raw 1-7 answers: the mean answer (higher is easier).
* churn = lost / start; retention = (end - new) / start, both in %.

Beyond these, `measures` give any metric (a slug) at a touchpoint, a stage or
the whole journey: a value, or raw answers for nps, csat and ces.

A target names a touchpoint (its `metrics` value or a measure on it), a stage
(a measure on the stage; else, for nps/csat/ces, the stage's answers pooled
when every touchpoint there has raw answers, else the mean of the touchpoint
values), or neither (a journey measure of that metric; else every touchpoint
and stage value of it; for churn and retention, all customers). A
touchpoint's or stage's own target wins over a general one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from cxgap.analysis.numbers import round1
from cxgap.analysis.result import MetricResult
from cxgap.figures import Figure
from cxgap.model import SURVEY_METRICS, CustomerTouchpoint, Measure, Metrics, Spec, Target


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


def measured_value(m: Measure) -> MetricResult:
    """The value of one `measures` entry (its subject filled in by the caller)."""
    if m.responses is not None:
        return MetricResult(m.metric, round1(_FORMULA[m.metric](m.responses)), "answers", len(m.responses),
                            unit=m.unit)
    assert m.value is not None  # the model requires a value or responses
    return MetricResult(m.metric, round1(m.value), "given", unit=m.unit)


def _metric_order(name: str) -> tuple[int, str]:
    return (SURVEY_METRICS.index(name), "") if name in SURVEY_METRICS else (len(SURVEY_METRICS), name)


@dataclass
class _Index:
    """The spec's targets and measures, by level (touchpoint, stage, journey)."""

    by_tp: dict[tuple[str, str], Target] = field(default_factory=dict)
    tp_targets: dict[str, list[str]] = field(default_factory=dict)
    """Touchpoint id -> the metrics its own targets name."""
    by_stage: dict[tuple[str, str], Target] = field(default_factory=dict)
    general: dict[str, Target] = field(default_factory=dict)
    tp_measures: dict[str, list[Measure]] = field(default_factory=dict)
    stage_measures: dict[tuple[str, str], Measure] = field(default_factory=dict)
    journey_measures: dict[str, Measure] = field(default_factory=dict)
    tp_figures: dict[str, list[Figure]] = field(default_factory=dict)
    stage_figures: dict[tuple[str, str], Figure] = field(default_factory=dict)
    journey_figures: dict[str, Figure] = field(default_factory=dict)
    """Figures from survey sources (DESIGN.md §6), at the same three levels as measures."""

    @classmethod
    def of(cls, spec: Spec, figures: Sequence[Figure] = ()) -> _Index:
        ix = cls()
        ix.add_figures(figures)
        for t in spec.targets:
            if t.touchpoint is not None:
                ix.by_tp[(t.touchpoint, t.metric)] = t
                ix.tp_targets.setdefault(t.touchpoint, []).append(t.metric)
            elif t.stage is not None:
                ix.by_stage[(t.stage, t.metric)] = t
            else:
                ix.general[t.metric] = t
        for m in spec.measures:
            if m.touchpoint is not None:
                ix.tp_measures.setdefault(m.touchpoint, []).append(m)
            elif m.stage is not None:
                ix.stage_measures[(m.stage, m.metric)] = m
            else:
                ix.journey_measures[m.metric] = m
        return ix

    def add_figures(self, figures: Sequence[Figure]) -> None:
        for f in figures:
            if f.touchpoint is not None:
                self.tp_figures.setdefault(f.touchpoint, []).append(f)
            elif f.stage is not None:
                self.stage_figures[(f.stage, f.metric)] = f
            elif f.level == "journey":
                self.journey_figures[f.metric] = f

    def general_for(self, name: str) -> Target | None:
        """A target for the whole journey applies to each value only when no journey measure takes it."""
        if name in self.journey_measures or name in self.journey_figures:
            return None
        return self.general.get(name)


def _touchpoint_rows(ix: _Index, ct: CustomerTouchpoint) -> list[MetricResult]:
    if ct.id not in ix.tp_measures and ct.id not in ix.tp_targets and ct.id not in ix.tp_figures:  # the common case
        out = []
        for name in SURVEY_METRICS:
            got = measure(ct.metrics, name) if ct.metrics is not None else None
            if got is not None:
                out.append(_bounded(MetricResult(name, got[0], got[1], got[2], ct.id, ct.stage),
                                    ix.general_for(name)))
        return out
    values: dict[str, MetricResult] = {}
    for name in SURVEY_METRICS:
        got = measure(ct.metrics, name) if ct.metrics is not None else None
        if got is not None:
            values[name] = MetricResult(name, got[0], got[1], got[2], ct.id, ct.stage)
    for m in ix.tp_measures.get(ct.id, ()):
        values[m.metric] = replace(measured_value(m), touchpoint=ct.id, stage=ct.stage)
    for f in ix.tp_figures.get(ct.id, ()):
        values[f.metric] = _from_figure(f, ct.stage)
    names = set(values).union(ix.tp_targets.get(ct.id, ()))
    return [
        _bounded(values.get(name) or MetricResult(name, None, "not_measured", None, ct.id, ct.stage),
                 ix.by_tp.get((ct.id, name)) or ix.general_for(name))
        for name in sorted(names, key=_metric_order)
    ]


def _stage_row(ix: _Index, customer: Sequence[CustomerTouchpoint], stage: str, name: str) -> MetricResult:
    target = ix.by_stage.get((stage, name))
    if (stage, name) in ix.stage_figures:
        return _bounded(_from_figure(ix.stage_figures[(stage, name)]), target or ix.general_for(name))
    if (stage, name) in ix.stage_measures:
        result = measured_value(ix.stage_measures[(stage, name)])
        target = target or ix.general_for(name)
    elif name in SURVEY_METRICS:
        result = _stage_value([ct for ct in customer if ct.stage == stage], name)
    else:
        result = MetricResult(name, None, "not_measured")
    return _bounded(replace(result, stage=stage), target)


def compute_metrics(
    spec: Spec, customer: Sequence[CustomerTouchpoint], stage_order: dict[str, int],
    figures: Sequence[Figure] = (),
) -> list[MetricResult]:
    """Every measured metric and every target, in report order: per touchpoint (stage order), per
    stage, the whole journey, then the customer base. See DESIGN.md §5 "Measures and targets".
    Figures from survey sources join as a touchpoint's, a stage's or the journey's value."""
    ix = _Index.of(spec, figures)
    out: list[MetricResult] = []
    for ct in sorted(customer, key=lambda ct: (stage_order.get(ct.stage, 1 << 30), ct.id)):
        out += _touchpoint_rows(ix, ct)
    stage_keys = set(ix.by_stage) | set(ix.stage_measures) | set(ix.stage_figures)
    for stage, name in sorted(stage_keys, key=lambda k: (stage_order.get(k[0], 0), k[1])):
        out.append(_stage_row(ix, customer, stage, name))
    for name in sorted(ix.journey_measures, key=_metric_order):
        result = replace(measured_value(ix.journey_measures[name]), scope="journey")
        out.append(_bounded(result, ix.general.get(name)))
    for name, fig in sorted(ix.journey_figures.items()):
        out.append(_bounded(_from_figure(fig), ix.general.get(name)))
    if spec.customers is not None:
        c = spec.customers
        churn = MetricResult("churn", round1(c.lost * 100.0 / c.start), "customers", c.start)
        retention = MetricResult("retention", round1((c.end - c.new) * 100.0 / c.start), "customers", c.start)
        out.append(_bounded(churn, ix.general.get("churn")))
        out.append(_bounded(retention, ix.general.get("retention")))
    return out
