"""Cross-reference checks a schema cannot express: unique ids, and every
`stage`, `meets`, `personas`, `persona_importance`, `thesis.persona` and target subject naming
something that exists. Stage references are resolved to canonical ids here.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterable
from typing import Any

from cxgap.document import Document
from cxgap.i18n import messages
from cxgap.model import CUSTOMER_METRICS, SURVEY_METRICS, CompanyTouchpoint, Spec
from cxgap.problems import PathItem, Problem, shorten
from cxgap.stages import StageIndex, fold


def _ids(doc: Document, groups: Iterable[tuple[str, list[Any]]], what: str) -> tuple[set[str], list[Problem]]:
    c = messages()
    seen: dict[str, tuple[str, int]] = {}
    problems = []
    for key, items in groups:
        for i, item in enumerate(items):
            if item.id in seen:
                other_key, j = seen[item.id]
                line = doc.locate((other_key, j, "id"))[0]
                problems.append(doc.problem((key, i, "id"), c.t("problem.duplicate_id", what=c.t(f"what.{what}"),
                                                                 id=shorten(item.id), line=line), "duplicate-id"))
            else:
                seen[item.id] = (key, i)
    return set(seen), problems


def _choices(names: Iterable[str], limit: int = 12) -> str:
    items = sorted(names)
    c = messages()
    text = c.join(shorten(i, 40)[1:-1] for i in items[:limit])
    more = c.t("problem.more_names", count=f"{len(items) - limit:,}") if len(items) > limit else ""
    return text + more if items else c.t("problem.none_defined")


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
                shown = messages().join(shorten(n, 40)[1:-1] for n in names[:12])
                more = messages().t("problem.more_names", count=f"{len(names) - 12:,}") if len(names) > 12 else ""
                self._text = shown + more
            else:
                self._text = _choices(names)
        return self._text


def _stage_names(stages: StageIndex, lang: str) -> str:
    """Each stage's name in ``lang`` with its short words: ``初始品牌考慮 (考慮, 品牌考慮)``."""
    c = messages()
    out = []
    for _, texts in stages.names_in(lang)[:12]:
        name, *words = texts
        out.append(c.t("stage.with_words", name=name, words=c.join(words)) if words else name)
    more = len(stages.stages) - 12
    return c.join(out) + (c.t("problem.more_names", count=f"{more:,}") if more > 0 else "")


def unknown_stage(stages: StageIndex, ref: str, choices: object) -> str:
    """The message for a stage reference that names no stage: in the script it is
    written in, the stage names and words of that script, and a "did you mean"."""
    c = messages()
    lang, close = stages.hint(ref)
    did_you_mean = c.t("problem.did_you_mean", name=shorten(close)) if close else ""
    if lang is None:
        expected = c.t("problem.stage_id_or_name", choices=choices)
    else:
        expected = c.t("problem.stage_name", choices=_stage_names(stages, lang))
    return c.t("problem.unknown_stage", stage=shorten(ref), hint=did_you_mean, expected=expected)


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
            bad(where, messages().t("problem.duplicate_stage", stage=shorten(name)), "duplicate-stage")
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
    c = messages()
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
                problems.append(doc.problem(("measures", i, "touchpoint"), c.t(
                    "problem.unknown_touchpoint", id=shorten(m.touchpoint)), "unknown-touchpoint"))
                continue
            if (m.touchpoint, m.metric) in given:
                problems.append(doc.problem(("measures", i, "metric"), c.t(
                    "problem.measure_given_twice", metric=m.metric, touchpoint=shorten(m.touchpoint)),
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
            problems.append(doc.problem(("measures", i, "metric"), c.t(
                f"problem.measured_twice.{level}", metric=m.metric, line=line), "duplicate-measure"))
        seen.setdefault(key, i)
    return problems


def check_links(doc: Document, spec: Spec, customer_ids: set[str], tp_ids: set[str]) -> list[Problem]:
    """`meets` only on frontstage touchpoints, naming customer touchpoints; `supports` only on backstage and
    support touchpoints, naming company touchpoints."""
    problems: list[Problem] = []
    c = messages()
    company_ids = {t.id for t in spec.company_touchpoints}
    suggest = _suggester()
    for i, co in enumerate(spec.company_touchpoints):
        where = ("company_touchpoints", i)
        if co.meets is not None and not co.frontstage:
            problems.append(doc.problem((*where, "meets"), c.t("problem.meets_backstage", lane=co.lane.value),
                                        "meets-backstage"))
        for j, m in enumerate(co.meets or []):
            if m not in customer_ids:
                hint = c.t("problem.is_company") if m in tp_ids else suggest(m, customer_ids)
                problems.append(doc.problem((*where, "meets", j), c.t("problem.dangling_meets", id=shorten(m),
                                                                       hint=hint), "dangling-meets"))
        if co.supports is not None and co.frontstage:
            problems.append(doc.problem((*where, "supports"), c.t("problem.supports_frontstage"),
                                        "supports-frontstage"))
        for j, m in enumerate(co.supports or []):
            if m not in company_ids:
                hint = c.t("problem.is_customer") if m in customer_ids else suggest(m, company_ids)
                problems.append(doc.problem((*where, "supports", j), c.t("problem.dangling_supports", id=shorten(m),
                                                                          hint=hint), "dangling-supports"))
    return problems


SUGGESTED = 20
"""How many dangling `meets`/`supports` names of one spec get a "did you mean": each lookup compares the name
with every id, so a spec of thousands of broken links stays fast."""
SUGGEST_AMONG = 5_000
"""No suggestion among more ids than this (one lookup would cost more than the check itself)."""


def _suggester() -> Callable[[str, Collection[str]], str]:
    """A function giving " (did you mean 'x'?)" for a misspelt id, for the first :data:`SUGGESTED` calls."""
    left = [SUGGESTED]

    def hint(ref: str, pool: Collection[str]) -> str:
        if left[0] <= 0 or len(ref) > 100 or len(pool) > SUGGEST_AMONG:
            return ""
        left[0] -= 1
        close = difflib.get_close_matches(ref, sorted(pool), n=1, cutoff=0.6)
        return messages().t("problem.did_you_mean", name=shorten(close[0])) if close else ""

    return hint


def check_accept(doc: Document, spec: Spec) -> list[Problem]:
    """One `accept` entry per gap (an entry naming no current gap is a warning of the analysis, not an error)."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(spec.accept):
        if entry.gap in seen:
            line = doc.locate(("accept", seen[entry.gap], "gap"))[0]
            problems.append(doc.problem(("accept", i, "gap"), messages().t(
                "problem.accepted_twice", gap=shorten(entry.gap), line=line), "duplicate-accept"))
        seen.setdefault(entry.gap, i)
    return problems


# One flat pass per kind of reference, read top to bottom like the format itself; the experience-layer,
# blueprint and survey-source issues are changing these checks now, so it is split after they land.
def check_references(doc: Document, spec: Spec, stages: StageIndex) -> list[Problem]:  # noqa: C901, PLR0912
    problems: list[Problem] = []
    c = messages()

    def bad(path: tuple[PathItem, ...], message: str, code: str, *, key: bool = False) -> None:
        problems.append(doc.problem(path, message, code, key=key))

    def stage_id(path: tuple[PathItem, ...], name: str) -> str:
        """The canonical id of a stage reference; an unknown one is reported and kept as written."""
        resolved = stages.resolve(name)
        if resolved is None:
            bad(path, unknown_stage(stages, name, stage_choices), "unknown-stage")
            return name
        return resolved

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
        ct.stage = stage_id(("customer_touchpoints", i, "stage"), ct.stage)
    for i, co in enumerate(spec.company_touchpoints):
        _resolve_company_stages(co, ("company_touchpoints", i, "stage"), stages, stage_choices, bad)
    for i, ct in enumerate(spec.customer_touchpoints):
        for j, p in enumerate(ct.personas or []):
            if p not in persona_ids:
                bad(("customer_touchpoints", i, "personas", j),
                    c.t("problem.unknown_persona", persona=shorten(p), choices=persona_choices), "unknown-persona")
        for p in ct.persona_importance:
            if p not in persona_ids:
                bad(("customer_touchpoints", i, "persona_importance", p), c.t(
                    "problem.unknown_persona_importance", persona=shorten(p), choices=persona_choices),
                    "unknown-persona", key=True)
            elif ct.personas is not None and p not in ct.personas:
                bad(("customer_touchpoints", i, "persona_importance", p), c.t(
                    "problem.persona_not_here", persona=shorten(p), choices=c.join(ct.personas)),
                    "unknown-persona", key=True)
    problems += check_links(doc, spec, customer_ids, tp_ids)
    if spec.thesis and spec.thesis.persona and spec.thesis.persona not in persona_ids:
        bad(("thesis", "persona"), c.t("problem.unknown_persona", persona=shorten(spec.thesis.persona),
                                       choices=persona_choices), "unknown-persona")
    problems += check_measures(doc, spec, stages, customer_ids, stage_choices)
    for i, target in enumerate(spec.targets):
        if target.touchpoint is not None and target.touchpoint not in customer_ids:
            bad(("targets", i, "touchpoint"), c.t("problem.unknown_touchpoint", id=shorten(target.touchpoint)),
                "unknown-touchpoint")
        if target.stage is not None:
            target.stage = stage_id(("targets", i, "stage"), target.stage)
        if target.metric in CUSTOMER_METRICS and spec.customers is None:
            bad(("targets", i, "metric"), c.t("problem.no_customers", metric=target.metric), "no-customers")
        elif target.metric not in KNOWN_METRICS and target.metric not in measured:
            bad(("targets", i, "metric"), c.t("problem.unknown_metric", metric=shorten(target.metric), choices=(
                _choices(measured) if measured else c.t("problem.no_measures"))), "unknown-metric")
    problems += check_accept(doc, spec)
    problems += _source_references(doc, spec, stages, customer_ids)
    for i, question in enumerate(spec.questions):
        if question.stage is not None:
            question.stage = stage_id(("questions", i, "stage"), question.stage)
    seen_alias: dict[str, str] = {}
    for name, aliases in spec.channels.items():
        for alias in (name, *aliases):
            k = fold(alias)
            if k in seen_alias and seen_alias[k] != name:
                bad(("channels", name), c.t("problem.channel_alias", alias=shorten(alias), first=repr(seen_alias[k]),
                                            second=repr(name)), "channel-alias")
            seen_alias.setdefault(k, name)
    return problems


def _source_references(doc: Document, spec: Spec, stages: StageIndex, customer_ids: set[str]) -> list[Problem]:
    """A source's touchpoint, stage and map name what exists; a metric given both in
    the spec and by a source for the same touchpoint is an error naming both."""
    problems: list[Problem] = []
    c = messages()
    by_id = {ct.id: (i, ct) for i, ct in enumerate(spec.customer_touchpoints)}
    for i, source in enumerate(spec.sources):
        if source.touchpoint is not None:
            if source.touchpoint not in customer_ids:
                problems.append(doc.problem(("sources", i, "touchpoint"), c.t(
                    "problem.unknown_touchpoint", id=shorten(source.touchpoint)), "unknown-touchpoint"))
            else:
                j, ct = by_id[source.touchpoint]
                typed = typed_metric(ct, source.metric)
                if typed is not None:
                    line = doc.locate(("customer_touchpoints", j, "metrics", typed))[0]
                    problems.append(doc.problem(("sources", i, "metric"), c.t(
                        "problem.metric_twice", metric=source.metric, id=repr(ct.id),
                        where=f"customer_touchpoints[{j}].metrics.{typed}", line=line), "metric-twice"))
        if source.stage is not None:
            resolved = stages.resolve(source.stage)
            if resolved is None:
                problems.append(doc.problem(("sources", i, "stage"), unknown_stage(
                    stages, source.stage, _Choices((s.id for s in stages.stages), keep_order=True)), "unknown-stage"))
            else:
                source.stage = resolved
        for key, target in (source.map or {}).items():
            if target not in customer_ids:
                problems.append(doc.problem(("sources", i, "map", key), c.t(
                    "problem.map_target", value=shorten(key), target=shorten(target)), "unknown-touchpoint"))
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
