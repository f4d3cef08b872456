"""Gap messages and recommendations in the reader's language.

A gap carries raw params (ids, numbers); here they become names and figures
as a strategist reads them, and fill the catalog's templates.
"""

from __future__ import annotations

from typing import Any

from cxgap.analysis.result import Analysis, Gap, MetricResult
from cxgap.i18n import Catalog


def subject_label(analysis: Analysis, subject: str, catalog: Catalog) -> str:
    if subject == "customers":
        return catalog.t("subject.customers")
    for stage in analysis.stages:
        if stage.id == subject:
            return catalog.stage_name(stage)
    return analysis.touchpoint_label(subject)


def method_text(metric: MetricResult | dict[str, Any], catalog: Catalog) -> str:
    method = metric.method if isinstance(metric, MetricResult) else metric["method"]
    responses = metric.responses if isinstance(metric, MetricResult) else metric.get("responses")
    return catalog.t(f"method.{method}", responses=responses if responses is not None else "?")


def _params(gap: Gap, analysis: Analysis, catalog: Catalog) -> dict[str, Any]:
    p: dict[str, Any] = {}
    for key, value in gap.params.items():
        if isinstance(value, float):
            p[key] = catalog.number(value)
        else:
            p[key] = value
    if gap.stage is not None:
        p["stage"] = catalog.stage_name(analysis.stage(gap.stage))
    if "other_stages" in gap.params:
        names = (catalog.stage_name(analysis.stage(s)) for s in gap.params["other_stages"])
        p["other_stages"] = catalog.list_sep.join(names)
    if "evidence" in gap.params:
        p["evidence"] = catalog.t(f"evidence.{gap.params['evidence']}")
    if "metric" in gap.params:
        p["metric"] = catalog.t(f"metric.{gap.params['metric']}")
        p["subject"] = subject_label(analysis, gap.subject, catalog)
        p["method"] = method_text(gap.params, catalog)
    return p


def _key(gap: Gap, part: str) -> str:
    if gap.kind == "effort_imbalance":
        return f"gap.effort_imbalance.{part}.{gap.params['direction']}"
    if gap.kind == "below_target":
        whole = ".customers" if gap.subject == "customers" else ""  # churn and retention: the whole base
        if part == "message":
            return f"gap.below_target.message{whole}.{gap.params['bound']}"
        return f"gap.below_target.recommendation{whole}"
    return f"gap.{gap.kind}.{part}"


def gap_message(gap: Gap, analysis: Analysis, catalog: Catalog) -> str:
    return catalog.t(_key(gap, "message"), **_params(gap, analysis, catalog))


def gap_recommendation(gap: Gap, analysis: Analysis, catalog: Catalog) -> str:
    return catalog.t(_key(gap, "recommendation"), **_params(gap, analysis, catalog))
