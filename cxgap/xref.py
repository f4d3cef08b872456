"""Cross-reference checks a schema cannot express: unique ids, and every
`stage`, `meets`, `personas`, `thesis.persona` and target subject naming
something that exists. Stage references are resolved to canonical ids here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxgap.document import Document
from cxgap.model import Spec
from cxgap.problems import PathItem, Problem, shorten
from cxgap.stages import StageIndex, fold


def _ids(doc: Document, groups: Iterable[tuple[str, list[Any]]], what: str) -> tuple[set[str], list[Problem]]:
    seen: dict[str, tuple[str, int]] = {}
    problems = []
    for key, items in groups:
        for i, item in enumerate(items):
            if item.id in seen:
                other_key, j = seen[item.id]
                line = doc.locate((other_key, j, "id"))[0]
                problems.append(doc.problem((key, i, "id"), f"duplicate {what} id {shorten(item.id)} (first used at "
                                            f"line {line}); expected ids unique across the file", "duplicate-id"))
            else:
                seen[item.id] = (key, i)
    return set(seen), problems


def _choices(names: Iterable[str], limit: int = 12) -> str:
    items = sorted(names)
    text = ", ".join(shorten(i, 40)[1:-1] for i in items[:limit])
    return text + (f", … ({len(items) - limit:,} more)" if len(items) > limit else "") if items else "(none defined)"


class _Choices:
    """The "expected one of" text of a kind of reference, made once per spec
    (a spec with 50,000 bad references must not sort 50,000 names each time)."""

    def __init__(self, names: Iterable[str], keep_order: bool = False) -> None:
        self._names = names
        self._keep_order = keep_order
        self._text: str | None = None

    def __str__(self) -> str:
        if self._text is None:
            names = list(self._names)
            if self._keep_order:
                shown = ", ".join(shorten(n, 40)[1:-1] for n in names[:12])
                self._text = shown + (f", … ({len(names) - 12:,} more)" if len(names) > 12 else "")
            else:
                self._text = _choices(names)
        return self._text


# One flat pass per kind of reference, read top to bottom like the format itself; the experience-layer,
# blueprint and survey-source issues are changing these checks now, so it is split after they land.
def check_references(doc: Document, spec: Spec, stages: StageIndex) -> list[Problem]:  # noqa: C901, PLR0912
    problems: list[Problem] = []

    def bad(path: tuple[PathItem, ...], message: str, code: str) -> None:
        problems.append(doc.problem(path, message, code))

    if spec.stages is not None:
        _, dup = _ids(doc, [("stages", spec.stages)], "stage")
        problems += dup
    persona_ids, dup = _ids(doc, [("personas", spec.personas)], "persona")
    problems += dup
    tp_ids, dup = _ids(doc, [("customer_touchpoints", spec.customer_touchpoints),
                             ("company_touchpoints", spec.company_touchpoints)], "touchpoint")
    problems += dup
    customer_ids = {t.id for t in spec.customer_touchpoints}
    persona_choices = _Choices(persona_ids)
    stage_choices = _Choices((s.id for s in stages.stages), keep_order=True)

    groups: list[tuple[str, list[Any]]] = [("customer_touchpoints", spec.customer_touchpoints),
                                           ("company_touchpoints", spec.company_touchpoints)]
    for key, items in groups:
        for i, tp in enumerate(items):
            resolved = stages.resolve(tp.stage)
            if resolved is None:
                bad((key, i, "stage"), f"unknown stage {shorten(tp.stage)}; expected a stage id or name: "
                    f"{stage_choices}", "unknown-stage")
            else:
                tp.stage = resolved
    for i, ct in enumerate(spec.customer_touchpoints):
        for j, p in enumerate(ct.personas or []):
            if p not in persona_ids:
                bad(("customer_touchpoints", i, "personas", j), f"unknown persona {shorten(p)}; expected one of: "
                    f"{persona_choices}", "unknown-persona")
    for i, co in enumerate(spec.company_touchpoints):
        for j, m in enumerate(co.meets or []):
            if m not in customer_ids:
                hint = " (that is a company touchpoint)" if m in tp_ids else ""
                bad(("company_touchpoints", i, "meets", j), f"`meets` names {shorten(m)}, which is no customer "
                    f"touchpoint{hint}; expected a customer touchpoint id", "dangling-meets")
    if spec.thesis and spec.thesis.persona and spec.thesis.persona not in persona_ids:
        bad(("thesis", "persona"), f"unknown persona {shorten(spec.thesis.persona)}; expected one of: "
            f"{persona_choices}", "unknown-persona")
    for i, target in enumerate(spec.targets):
        if target.touchpoint is not None and target.touchpoint not in customer_ids:
            bad(("targets", i, "touchpoint"), f"unknown touchpoint {shorten(target.touchpoint)}; expected a "
                "customer touchpoint id", "unknown-touchpoint")
        if target.stage is not None:
            resolved = stages.resolve(target.stage)
            if resolved is None:
                bad(("targets", i, "stage"), f"unknown stage {shorten(target.stage)}; expected one of: "
                    f"{stage_choices}", "unknown-stage")
            else:
                target.stage = resolved
        if target.metric.value in ("churn", "retention") and spec.customers is None:
            bad(("targets", i, "metric"), f"a {target.metric.value} target needs a `customers:` block "
                "(start, lost, new, end)", "no-customers")
    problems += _source_references(doc, spec, stages, customer_ids)
    for i, question in enumerate(spec.questions):
        if question.stage is not None:
            resolved = stages.resolve(question.stage)
            if resolved is None:
                bad(("questions", i, "stage"), f"unknown stage {shorten(question.stage)}; expected one of: "
                    f"{stage_choices}", "unknown-stage")
            else:
                question.stage = resolved
    seen_alias: dict[str, str] = {}
    for name, aliases in spec.channels.items():
        for alias in (name, *aliases):
            k = fold(alias)
            if k in seen_alias and seen_alias[k] != name:
                bad(("channels", name), f"channel {shorten(alias)} is listed under both {seen_alias[k]!r} and "
                    f"{name!r}; expected each alias under one channel", "channel-alias")
            seen_alias.setdefault(k, name)
    return problems


def _source_references(doc: Document, spec: Spec, stages: StageIndex, customer_ids: set[str]) -> list[Problem]:
    """A source's touchpoint, stage and map name what exists; a metric given both in
    the spec and by a source for the same touchpoint is an error naming both."""
    problems: list[Problem] = []
    by_id = {ct.id: (i, ct) for i, ct in enumerate(spec.customer_touchpoints)}
    for i, source in enumerate(spec.sources):
        if source.touchpoint is not None:
            if source.touchpoint not in customer_ids:
                problems.append(doc.problem(("sources", i, "touchpoint"), f"unknown touchpoint "
                                            f"{shorten(source.touchpoint)}; expected a customer touchpoint id",
                                            "unknown-touchpoint"))
            else:
                j, ct = by_id[source.touchpoint]
                typed = typed_metric(ct, source.metric)
                if typed is not None:
                    line = doc.locate(("customer_touchpoints", j, "metrics", typed))[0]
                    problems.append(doc.problem(("sources", i, "metric"), f"{source.metric} of {ct.id!r} is both "
                                                f"typed in the spec (customer_touchpoints[{j}].metrics.{typed}, "
                                                f"line {line}) and fed by this source; expected one of them",
                                                "metric-twice"))
        if source.stage is not None:
            resolved = stages.resolve(source.stage)
            if resolved is None:
                problems.append(doc.problem(("sources", i, "stage"), f"unknown stage {shorten(source.stage)}; "
                                            "expected a stage id or name", "unknown-stage"))
            else:
                source.stage = resolved
        for key, target in (source.map or {}).items():
            if target not in customer_ids:
                problems.append(doc.problem(("sources", i, "map", key), f"map sends {shorten(key)} to "
                                            f"{shorten(target)}, which is no customer touchpoint; expected a "
                                            "customer touchpoint id", "unknown-touchpoint"))
    return problems


def typed_metric(ct: Any, metric: str) -> str | None:
    """The key under which a customer touchpoint types ``metric`` in the spec, if it does."""
    metrics = ct.metrics
    if metrics is None or metric not in ("nps", "csat", "ces"):
        return None
    if getattr(metrics, metric) is not None:
        return metric
    if getattr(metrics, f"{metric}_responses") is not None:
        return f"{metric}_responses"
    return None
