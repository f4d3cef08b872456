"""Cross-reference checks a schema cannot express: unique ids, and every
`stage`, `meets`, `personas`, `persona_importance`, `thesis.persona` and target subject naming
something that exists. Stage references are resolved to canonical ids here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from cxgap.document import Document
from cxgap.model import CUSTOMER_METRICS, SURVEY_METRICS, CompanyTouchpoint, Spec
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


def _stage_names(stages: StageIndex, lang: str) -> str:
    """Each stage's name in ``lang`` with its short words: ``初始品牌考慮 (考慮, 品牌考慮)``."""
    out = []
    for _, texts in stages.names_in(lang)[:12]:
        name, *words = texts
        out.append(f"{name} ({', '.join(words)})" if words else name)
    more = len(stages.stages) - 12
    return ", ".join(out) + (f", … ({more:,} more)" if more > 0 else "")


def unknown_stage(stages: StageIndex, ref: str, choices: object) -> str:
    """The message for a stage reference that names no stage: in the script it is
    written in, the stage names and words of that script, and a "did you mean"."""
    lang, close = stages.hint(ref)
    did_you_mean = f" (did you mean {shorten(close)}?)" if close else ""
    expected = f"a stage id or name: {choices}" if lang is None else "a stage name: " + _stage_names(stages, lang)
    return f"unknown stage {shorten(ref)}{did_you_mean}; expected {expected}"


KNOWN_METRICS = (*SURVEY_METRICS, *CUSTOMER_METRICS)


def _resolve_company_stages(
    co: CompanyTouchpoint, path: tuple[PathItem, ...], stages: StageIndex, choices: object,
    bad: Callable[[tuple[PathItem, ...], str, str], None],
) -> None:
    """Resolve a company touchpoint's stage, or each of its stages, to canonical ids (in place)."""
    names = [co.stage] if isinstance(co.stage, str) else co.stage
    resolved: list[str] = []
    for j, name in enumerate(names):
        where = path if isinstance(co.stage, str) else (*path, j)
        found = stages.resolve(name)
        if found is None:
            bad(where, unknown_stage(stages, name, choices), "unknown-stage")
        elif found in resolved:
            bad(where, f"stage {shorten(name)} is listed twice; expected distinct stages", "duplicate-stage")
        else:
            resolved.append(found)
    if len(resolved) == len(names):
        co.stage = resolved[0] if isinstance(co.stage, str) else resolved


def check_measures(
    doc: Document, spec: Spec, stages: StageIndex, customer_ids: set[str], stage_choices: object
) -> list[Problem]:
    """Each measure names an existing touchpoint or stage, once per subject and metric, and does not
    repeat a metric the touchpoint already gives under `metrics`."""
    problems: list[Problem] = []
    given = {
        (ct.id, name)
        for ct in spec.customer_touchpoints if ct.metrics is not None
        for name in SURVEY_METRICS
        if getattr(ct.metrics, name) is not None or getattr(ct.metrics, f"{name}_responses") is not None
    }
    seen: dict[tuple[str, str, str], int] = {}
    for i, m in enumerate(spec.measures):
        level, subject = "journey", ""
        if m.touchpoint is not None:
            level, subject = "touchpoint", m.touchpoint
            if m.touchpoint not in customer_ids:
                problems.append(doc.problem(("measures", i, "touchpoint"), f"unknown touchpoint "
                                f"{shorten(m.touchpoint)}; expected a customer touchpoint id", "unknown-touchpoint"))
                continue
            if (m.touchpoint, m.metric) in given:
                problems.append(doc.problem(("measures", i, "metric"), f"{m.metric} of {shorten(m.touchpoint)} is "
                                "given twice, here and in the touchpoint's `metrics`; expected one of them",
                                "duplicate-measure"))
        elif m.stage is not None:
            resolved = stages.resolve(m.stage)
            if resolved is None:
                problems.append(doc.problem(("measures", i, "stage"), unknown_stage(stages, m.stage, stage_choices),
                                            "unknown-stage"))
                continue
            m.stage = resolved
            level, subject = "stage", resolved
        key = (level, subject, m.metric)
        if key in seen:
            line = doc.locate(("measures", seen[key]))[0]
            problems.append(doc.problem(("measures", i, "metric"), f"{m.metric} is measured twice for the same "
                            f"{level} (first at line {line}); expected one measure per metric and subject",
                            "duplicate-measure"))
        seen.setdefault(key, i)
    return problems


def check_links(doc: Document, spec: Spec, customer_ids: set[str], tp_ids: set[str]) -> list[Problem]:
    """`meets` only on frontstage touchpoints, naming customer touchpoints; `supports` only on backstage and
    support touchpoints, naming company touchpoints."""
    problems: list[Problem] = []
    company_ids = {t.id for t in spec.company_touchpoints}
    for i, co in enumerate(spec.company_touchpoints):
        where = ("company_touchpoints", i)
        if co.meets is not None and not co.frontstage:
            problems.append(doc.problem((*where, "meets"), f"a {co.lane.value} touchpoint does not meet customers "
                            "directly; expected `supports` naming the company touchpoints it enables",
                            "meets-backstage"))
        for j, m in enumerate(co.meets or []):
            if m not in customer_ids:
                hint = " (that is a company touchpoint)" if m in tp_ids else ""
                problems.append(doc.problem((*where, "meets", j), f"`meets` names {shorten(m)}, which is no "
                                f"customer touchpoint{hint}; expected a customer touchpoint id", "dangling-meets"))
        if co.supports is not None and co.frontstage:
            problems.append(doc.problem((*where, "supports"), "a frontstage touchpoint meets customers (`meets`); "
                            "expected `lane: backstage` or `lane: support` on a touchpoint that `supports` others",
                            "supports-frontstage"))
        for j, m in enumerate(co.supports or []):
            if m not in company_ids:
                hint = " (that is a customer touchpoint: a frontstage touchpoint `meets` it)" \
                    if m in customer_ids else ""
                problems.append(doc.problem((*where, "supports", j), f"`supports` names {shorten(m)}, which is no "
                                f"company touchpoint{hint}; expected a company touchpoint id", "dangling-supports"))
    return problems


def check_accept(doc: Document, spec: Spec) -> list[Problem]:
    """One `accept` entry per gap (an entry naming no current gap is a warning of the analysis, not an error)."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(spec.accept):
        if entry.gap in seen:
            line = doc.locate(("accept", seen[entry.gap], "gap"))[0]
            problems.append(doc.problem(("accept", i, "gap"), f"gap {shorten(entry.gap)} is accepted twice (first "
                            f"at line {line}); expected one entry per gap", "duplicate-accept"))
        seen.setdefault(entry.gap, i)
    return problems


# One flat pass per kind of reference, read top to bottom like the format itself; the experience-layer,
# blueprint and survey-source issues are changing these checks now, so it is split after they land.
def check_references(doc: Document, spec: Spec, stages: StageIndex) -> list[Problem]:  # noqa: C901, PLR0912, PLR0915
    problems: list[Problem] = []

    def bad(path: tuple[PathItem, ...], message: str, code: str, *, key: bool = False) -> None:
        problems.append(doc.problem(path, message, code, key=key))

    if spec.stages is not None:
        _, dup = _ids(doc, [("stages", spec.stages)], "stage")
        problems += dup
    persona_ids, dup = _ids(doc, [("personas", spec.personas)], "persona")
    problems += dup
    tp_ids, dup = _ids(doc, [("customer_touchpoints", spec.customer_touchpoints),
                             ("company_touchpoints", spec.company_touchpoints)], "touchpoint")
    problems += dup
    customer_ids = {t.id for t in spec.customer_touchpoints}
    measured = {m.metric for m in spec.measures} | {s.metric for s in spec.sources}
    persona_choices = _Choices(persona_ids)
    stage_choices = _Choices((s.id for s in stages.stages), keep_order=True)

    for i, ct in enumerate(spec.customer_touchpoints):
        resolved = stages.resolve(ct.stage)
        if resolved is None:
            bad(("customer_touchpoints", i, "stage"), unknown_stage(stages, ct.stage, stage_choices), "unknown-stage")
        else:
            ct.stage = resolved
    for i, co in enumerate(spec.company_touchpoints):
        _resolve_company_stages(co, ("company_touchpoints", i, "stage"), stages, stage_choices, bad)
    for i, ct in enumerate(spec.customer_touchpoints):
        for j, p in enumerate(ct.personas or []):
            if p not in persona_ids:
                bad(("customer_touchpoints", i, "personas", j), f"unknown persona {shorten(p)}; expected one of: "
                    f"{persona_choices}", "unknown-persona")
        for p in ct.persona_importance:
            if p not in persona_ids:
                bad(("customer_touchpoints", i, "persona_importance", p), f"unknown persona {shorten(p)} in "
                    f"`persona_importance`; expected one of: {persona_choices}", "unknown-persona", key=True)
            elif ct.personas is not None and p not in ct.personas:
                bad(("customer_touchpoints", i, "persona_importance", p), f"`persona_importance` names persona "
                    f"{shorten(p)}, who does not use this touchpoint; expected one of its `personas`: "
                    f"{', '.join(ct.personas)}", "unknown-persona", key=True)
    problems += check_links(doc, spec, customer_ids, tp_ids)
    if spec.thesis and spec.thesis.persona and spec.thesis.persona not in persona_ids:
        bad(("thesis", "persona"), f"unknown persona {shorten(spec.thesis.persona)}; expected one of: "
            f"{persona_choices}", "unknown-persona")
    problems += check_measures(doc, spec, stages, customer_ids, stage_choices)
    for i, target in enumerate(spec.targets):
        if target.touchpoint is not None and target.touchpoint not in customer_ids:
            bad(("targets", i, "touchpoint"), f"unknown touchpoint {shorten(target.touchpoint)}; expected a "
                "customer touchpoint id", "unknown-touchpoint")
        if target.stage is not None:
            resolved = stages.resolve(target.stage)
            if resolved is None:
                bad(("targets", i, "stage"), unknown_stage(stages, target.stage, stage_choices), "unknown-stage")
            else:
                target.stage = resolved
        if target.metric in CUSTOMER_METRICS and spec.customers is None:
            bad(("targets", i, "metric"), f"a {target.metric} target needs a `customers:` block "
                "(start, lost, new, end)", "no-customers")
        elif target.metric not in KNOWN_METRICS and target.metric not in measured:
            bad(("targets", i, "metric"), f"no measure provides {shorten(target.metric)}; expected nps, csat, ces, "
                f"churn, retention or a measured slug: {_choices(measured) if measured else '(no measures)'}",
                "unknown-metric")
    problems += check_accept(doc, spec)
    problems += _source_references(doc, spec, stages, customer_ids)
    for i, question in enumerate(spec.questions):
        if question.stage is not None:
            resolved = stages.resolve(question.stage)
            if resolved is None:
                bad(("questions", i, "stage"), unknown_stage(stages, question.stage, stage_choices), "unknown-stage")
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
                problems.append(doc.problem(("sources", i, "stage"), unknown_stage(
                    stages, source.stage, _Choices((s.id for s in stages.stages), keep_order=True)), "unknown-stage"))
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
