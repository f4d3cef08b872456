"""Gap messages and recommendations in the reader's language.

A gap carries raw params (ids, numbers); here they become names and figures
as a strategist reads them, and fill the catalog's templates.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cxgap.analysis.result import Analysis, Gap, MetricResult, Notice
from cxgap.analysis.rules import rule_for
from cxgap.i18n import Catalog
from cxgap.problems import Problem


def with_unit(text: str, unit: str | None) -> str:
    """`45` and `%` -> `45%`; `9` and `days` -> `9 days`."""
    if not unit:
        return text
    return text + unit if unit in ("%", "‰", "°") else f"{text} {unit}"


def value_text(catalog: Catalog, metric: MetricResult) -> str:
    """A measured value with its unit (`45%`, `3.2 days`); n/a when not measured."""
    text = catalog.number(metric.value)
    return text if metric.value is None else with_unit(text, metric.unit)


def subject_label(analysis: Analysis, subject: str, catalog: Catalog) -> str:
    if subject in ("customers", "journey"):
        return catalog.t(f"subject.{subject}")
    for stage in analysis.stages:
        if stage.id == subject:
            return catalog.stage_name(stage)
    return analysis.touchpoint_label(subject)


def method_text(metric: MetricResult | dict[str, Any], catalog: Catalog) -> str:
    method = metric.method if isinstance(metric, MetricResult) else metric["method"]
    responses = metric.responses if isinstance(metric, MetricResult) else metric.get("responses")
    if method != "source":
        if responses is None:
            return catalog.t(f"method.{method}", responses="?", count=0)
        return catalog.t(f"method.{method}", responses=responses, count=responses)
    if isinstance(metric, MetricResult):
        margin, files, low = metric.margin, [ref.file for ref in metric.sources], metric.low_sample
    else:
        margin, files, low = metric.get("margin"), metric.get("files", []), bool(metric.get("low_sample"))
    text = catalog.t("method.source" if margin is not None else "method.source_no_margin", responses=responses,
                     margin=catalog.number(margin), files=catalog.list_sep.join(files))
    return text + (catalog.t("method.low_sample") if low else "")


def metric_name(catalog: Catalog, metric: str) -> str:
    """NPS, CSAT, … in the reader's language; a metric of the user's own keeps its slug."""
    return catalog.t(f"metric.{metric}") if metric in METRIC_KEYS else metric


def metric_scale(catalog: Catalog, metric: str) -> str:
    return catalog.t(f"metric.{metric}.scale") if metric in METRIC_KEYS else catalog.t("metric.top_box.scale")


METRIC_KEYS = frozenset(("nps", "csat", "ces", "churn", "retention"))


COUNTED = {"customer_touchpoints": "unit.touchpoint"}
"""Gap params that are counts of something, and the catalog key that names them with the plural form."""


def _params(gap: Gap, analysis: Analysis, catalog: Catalog) -> dict[str, Any]:
    p: dict[str, Any] = {}
    for key, value in gap.params.items():
        if key in COUNTED:
            p[key] = catalog.t(COUNTED[key], count=value)
        elif isinstance(value, float):
            p[key] = catalog.number(value)
        else:
            p[key] = value
    if gap.stage is not None:
        p["stage"] = catalog.stage_name(analysis.stage(gap.stage))
    if "other_stages" in gap.params:
        names = (catalog.stage_name(analysis.stage(s)) for s in gap.params["other_stages"])
        p["other_stages"] = catalog.list_sep.join(names)
    if "supports" in gap.params:
        p["supports"] = catalog.list_sep.join(analysis.touchpoint_label(i) for i in gap.params["supports"])
        p["lane"] = catalog.t(f"lane.{gap.params['lane']}")
    if "evidence" in gap.params:
        p["evidence"] = catalog.t(f"evidence.{gap.params['evidence']}")
    p.update(_experience_params(gap, analysis, catalog))
    if "metric" in gap.params:
        p.update(_metric_params(gap, analysis, catalog, p))
    return p


def _metric_params(gap: Gap, analysis: Analysis, catalog: Catalog, p: dict[str, Any]) -> dict[str, Any]:
    """A metric's name, subject and method; its value and target with their unit."""
    out = {"metric": metric_name(catalog, gap.params["metric"]),
           "subject": subject_label(analysis, gap.subject, catalog), "method": method_text(gap.params, catalog)}
    unit = gap.params.get("unit")
    for key in ("value", "target"):
        if unit and isinstance(gap.params.get(key), float):
            out[key] = with_unit(p[key], unit)
    return out


def gap_message(gap: Gap, analysis: Analysis, catalog: Catalog) -> str:
    """The gap's message, whether a moment of truth raised it, then the inactive touchpoints that would
    close it and, when accepted, why."""
    text = catalog.t(rule_for(gap.kind).keys(gap)[0], **_params(gap, analysis, catalog))
    mark = gap.params.get("moment_of_truth")
    if mark:
        text += catalog.t(f"gap.moment_of_truth.{mark}")
    notes = gap_notes(gap, catalog)
    return catalog.t("label.with_notes", text=text, notes=notes) if notes else text


def gap_notes(gap: Gap, catalog: Catalog) -> str:
    """`(planned: demo-request)`, `(retired: fax)`, `Accepted until 2027-06-30: reason`; "" when none."""
    parts = []
    if gap.planned:
        parts.append(catalog.t("label.planned_closers", ids=catalog.list_sep.join(gap.planned)))
    if gap.retired:
        parts.append(catalog.t("label.retired_closers", ids=catalog.list_sep.join(gap.retired)))
    text = catalog.t("label.notes", notes=catalog.t("label.notes_sep").join(parts)) if parts else ""
    if gap.accepted is not None:
        label = catalog.t("label.accepted_until", until=gap.accepted.until.isoformat()) if gap.accepted.until \
            else catalog.t("label.accepted")
        text = catalog.t("label.with_notes", text=text, notes=catalog.t("label.accepted_note", label=label,
                                                                         reason=gap.accepted.reason)).strip()
    return text


def notice_lines(analysis: Analysis, lang: str) -> list[Problem]:
    """A warning (``file:line:col: warning: ...``) for each expired or stale acceptance, for standard error."""
    catalog = Catalog(lang)
    return [Problem(analysis.source, n.line, n.column, catalog.t("notice.line", message=notice_text(n, catalog)),
                    code=n.code) for n in analysis.notices]


def notice_text(notice: Notice, catalog: Catalog) -> str:
    """An expired or stale acceptance, in the reader's language."""
    return catalog.t(f"notice.{notice.code}", gap=notice.gap, until=notice.until.isoformat() if notice.until else "")
def _experience_params(gap: Gap, analysis: Analysis, catalog: Catalog) -> dict[str, Any]:
    """Pain points quoted, who meets the touchpoint by name, and how a friction feels (DESIGN.md §5)."""
    p: dict[str, Any] = {}
    if "pain_points" in gap.params:
        p["pain_points"] = joined(gap.params["pain_points"], catalog)
    if "met_by" in gap.params:
        p["met_by"] = catalog.list_sep.join(analysis.touchpoint_label(i) for i in gap.params["met_by"])
    if gap.kind == "friction":
        emotion = gap.params.get("emotion")
        p["feeling"] = "" if emotion is None or emotion >= 0 else catalog.t(
            "gap.friction.feeling", feeling=catalog.t(f"emotion.{emotion}"), emotion=emotion)
    return p


SHOWN = 10
"""At most this many items of one list a spec writes (a touchpoint's pain points or opportunities, a
persona's motivations) are written out in a report's prose, map card or table cell; the rest are counted
(`… and 3 more`). A real map has one to five; the cap keeps a touchpoint with millions of pain points
from turning into a report of hundreds of megabytes (issue 13). JSON and the CSV data columns carry
every item."""


def some(items: Sequence[str]) -> tuple[Sequence[str], int]:
    """The first :data:`SHOWN` items and how many are left out."""
    return items[:SHOWN], max(0, len(items) - SHOWN)


def joined(texts: Sequence[str], catalog: Catalog, quote: bool = True) -> str:
    """Pain points (or other words of customers), quoted unless ``quote`` is false, and joined:
    "a"; "b"; … and 3 more."""
    head, more = some(texts)
    parts = [catalog.t("text.quote", text=t) for t in head] if quote else list(head)
    if more:
        parts.append(catalog.t("text.more_items", count=more))
    return catalog.t("text.quote_sep").join(parts)


BUSINESS_ADVICE = frozenset(("uncovered", "no_impact"))
"""Gap kinds whose recommendation names a spec key (`meets`): reports for people
outside the spec (HTML, handout, PDF) use their ``gap.<kind>.advice`` text instead."""


def gap_recommendation(gap: Gap, analysis: Analysis, catalog: Catalog, business: bool = False) -> str:
    """The recommendation; ``business`` words it without spec keys (see :data:`BUSINESS_ADVICE`)."""
    key = f"gap.{gap.kind}.advice" if business and gap.kind in BUSINESS_ADVICE else rule_for(gap.kind).keys(gap)[1]
    return catalog.t(key, **_params(gap, analysis, catalog))


def name_id(catalog: Catalog, name: str, ident: str) -> str:
    """`Live demo (demo)`; the id alone when the spec gives no name (the name is the id then)."""
    return ident if name == ident else catalog.t("fmt.name_id", name=name, id=ident)


def kind_label(kind: str, catalog: Catalog) -> str:
    return catalog.t(rule_for(kind).label_key)
