"""The metric rows of an analysis, level by level (DESIGN.md §2 targets, §5 "Measures and targets", §6).

Each test states one part of the rule and checks every field a report shows of a row: the metric, its
subject, its stage, the value, how it was computed (`method`), the number of answers or values, the
unit and the target that applies. The expected values are worked out by hand in the comments.
"""

from __future__ import annotations

from dataclasses import replace

from cxgap.analysis import analyze
from cxgap.analysis.result import MetricResult
from cxgap.figures import Figure, SourceRef
from cxgap.loaded import LoadedSpec
from cxgap.spec import load_spec_text

Row = tuple[str, str, str | None, float | None, str, int | None, str | None, float | None, float | None]


def _rows(metrics: tuple[MetricResult, ...]) -> list[Row]:
    return [(m.metric, m.subject, m.stage, m.value, m.method, m.responses, m.unit, m.target_min, m.target_max)
            for m in metrics]


def _load(body: str) -> LoadedSpec:
    return load_spec_text("metrics.yaml", "version: 1\njourney: {title: metrics}\n" + body)


TOUCHPOINTS = """
customer_touchpoints:
  - {id: chat, stage: decision, channel: chat, metrics: {nps: 30}}
  - {id: web, stage: trigger, channel: web, metrics: {nps: 10}}
  - {id: app, stage: trigger, channel: app, metrics: {nps: 20}}
measures:
  - {metric: csat, responses: [5, 4, 2, 1], unit: "%", touchpoint: chat}
  - {metric: easy-contact, value: 45, unit: "%", touchpoint: chat}
  - {metric: easy-contact, value: 70, touchpoint: web}
targets:
  - {metric: ces, min: 5, touchpoint: chat}
  - {metric: csat, min: 60}
"""


def test_touchpoint_rows_in_stage_order_then_id_with_their_measures_and_targets() -> None:
    """Touchpoints in stage order, then by id (app and web at trigger before chat at decision, although
    chat sorts before web by id); each touchpoint's metrics in the order nps, csat, ces, then measure
    slugs by name. A measure on a touchpoint joins its row set with the touchpoint and its stage (web has
    no target of its own, and its measure still shows); raw answers give the formula's value and their
    count (csat 5, 4, 2, 1: two of four answers are 4 or 5 = 50%). A touchpoint's own target that nothing
    measures is a "not measured" row of that touchpoint (chat's ces); a target for every touchpoint
    (csat min 60) bounds each touchpoint's value of that metric."""
    rows = _rows(analyze(_load(TOUCHPOINTS)).metrics)
    assert rows == [
        ("nps", "app", "trigger", 20.0, "given", None, None, None, None),
        ("nps", "web", "trigger", 10.0, "given", None, None, None, None),
        ("easy-contact", "web", "trigger", 70.0, "given", None, None, None, None),
        ("nps", "chat", "decision", 30.0, "given", None, None, None, None),
        ("csat", "chat", "decision", 50.0, "answers", 4, "%", 60.0, None),
        ("ces", "chat", "decision", None, "not_measured", None, None, 5.0, None),
        ("easy-contact", "chat", "decision", 45.0, "given", None, "%", None, None),
    ]


STAGES = """
customer_touchpoints:
  - {id: web, stage: trigger, channel: web, metrics: {nps: 10}}
  - {id: app, stage: trigger, channel: app, metrics: {nps_responses: [10, 9, 0, 0]}}
  - {id: desk, stage: evaluation, channel: desk}
measures:
  - {metric: csat, responses: [5, 4, 2, 1], stage: evaluation}
  - {metric: easy-contact, value: 45, unit: "%"}
  - {metric: nps, responses: [10, 10, 0]}
targets:
  - {metric: nps, min: 40, stage: trigger}
  - {metric: nps, min: 0, stage: evaluation}
  - {metric: easy-contact, min: 50, stage: decision}
  - {metric: easy-contact, min: 50}
  - {metric: csat, min: 60}
  - {metric: nps, min: 20}
"""


def test_stage_journey_rows_and_which_target_applies() -> None:
    """Stage rows follow the touchpoint rows, in stage order (trigger, evaluation, decision: not by name),
    then by metric; then the journey's measures (nps, then slugs by name), subject "journey".

    - trigger's nps: one touchpoint gives a value, one raw answers, so the stage takes the mean of the two
      touchpoint values, counting values: app (2 promoters - 2 detractors of 4 = 0) and web 10 -> 5.0, n 2.
    - evaluation's csat: a stage measure without a stage target is still a row, and the target for the
      whole journey (csat min 60) bounds it.
    - evaluation's nps: a stage target where no touchpoint measures nps is a "not measured" row.
    - decision's easy-contact: a stage target for a slug the stage does not measure: "not measured".
    - a journey measure of a metric takes the general target of that metric (easy-contact 45 against 50,
      nps 33.3 against 20), and the touchpoints' own nps values are then left without it."""
    rows = _rows(analyze(_load(STAGES)).metrics)
    assert rows == [
        ("nps", "app", "trigger", 0.0, "answers", 4, None, None, None),
        ("nps", "web", "trigger", 10.0, "given", None, None, None, None),
        ("nps", "trigger", "trigger", 5.0, "mean_of_values", 2, None, 40.0, None),
        ("csat", "evaluation", "evaluation", 50.0, "answers", 4, None, 60.0, None),
        ("nps", "evaluation", "evaluation", None, "not_measured", None, None, 0.0, None),
        ("easy-contact", "decision", "decision", None, "not_measured", None, None, 50.0, None),
        ("nps", "journey", None, 33.3, "answers", 3, None, 20.0, None),
        ("easy-contact", "journey", None, 45.0, "given", None, "%", 50.0, None),
    ]


def test_a_general_target_bounds_every_touchpoint_until_a_journey_measure_takes_it() -> None:
    """Without a journey measure of nps, the target for every touchpoint bounds each touchpoint's nps."""
    spec = STAGES.replace("  - {metric: nps, responses: [10, 10, 0]}\n", "")
    bounded = {(m.subject, m.target_min) for m in analyze(_load(spec)).metrics if m.metric == "nps"}
    assert bounded == {("app", 20.0), ("web", 20.0), ("trigger", 40.0), ("evaluation", 0.0)}


def test_survey_figures_at_a_touchpoint_and_a_stage() -> None:
    """A touchpoint's figure is a row of that touchpoint at its stage; a stage's figure takes the target
    for every touchpoint when the stage has none of its own (DESIGN.md §6: results join the measures)."""
    loaded = _load("""
customer_touchpoints:
  - {id: web, stage: trigger, channel: web}
targets:
  - {metric: csat, min: 60}
""")
    ref = (SourceRef("survey.csv", 40),)
    figures = (Figure("csat", 80.0, 12.4, 40, ref, touchpoint="web"),
               Figure("csat", 55.0, 15.4, 40, ref, stage="trigger"))
    a = analyze(replace(loaded, figures=figures))
    assert [(r[:6], r[7], m.margin) for r, m in zip(_rows(a.metrics), a.metrics, strict=True)] == [
        (("csat", "web", "trigger", 80.0, "source", 40), 60.0, 12.4),
        (("csat", "trigger", "trigger", 55.0, "source", 40), 60.0, 15.4),
    ]
