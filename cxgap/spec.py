"""Load a journey spec: YAML -> plain data -> pydantic models -> cross-references.

Every problem, from YAML syntax to a dangling `meets`, comes back as a
:class:`~cxgap.problems.Problem` pointing at its line; all problems of a file
are reported together. A spec that loads is a :class:`LoadedSpec`: the
validated model, with stage references resolved to canonical stage ids, and
the line of every touchpoint for annotations.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from cxgap.budget import OMITTED, ProblemBudget, budgeted
from cxgap.i18n import messages, speaking, speaking_lang, stage_names
from cxgap.language import LANGS
from cxgap.limits import DEFAULT_MAX_BYTES, MAX_COLLECTED, MAX_PROBLEMS
from cxgap.loaded import LoadedSpec as LoadedSpec  # also importable from here, as before
from cxgap.loaded import accept_key, journey_target_key
from cxgap.loaded import default_journey_id as default_journey_id
from cxgap.model import Spec
from cxgap.problems import InputError, PathItem, Problem
from cxgap.stages import DEFAULT_STAGES, Stage, StageIndex, custom_stage
from cxgap.validation_messages import describe
from cxgap.xref import check_references
from cxgap.yamlload import Document, gc_paused, load_document, load_text


def _expect_mapping(doc: Document) -> None:
    if isinstance(doc.data, dict):
        return
    problems = list(doc.problems)
    if doc.data is None and not problems:
        problems.append(Problem(doc.source, 1, 1, messages().t("problem.empty"), code="empty"))
    elif doc.data is not None:
        c = messages()
        kind = c.t("kind.list") if isinstance(doc.data, list) else c.t("kind.scalar")
        line, col = doc.locate(())
        problems.append(Problem(doc.source, line, col, c.t("problem.not_mapping", kind=kind), code="type"))
    raise InputError(problems)


_FULL_DETAIL = 10_000
"""Up to this many validation errors pydantic's full details are read;
beyond, only their type and place (the value is looked up for the few that
are worded), so that memory follows the problems kept, not those found."""


def _value_at(data: Any, path: tuple[PathItem, ...]) -> Any:
    for item in path:
        found = ((isinstance(data, dict) and item in data)
                 or (isinstance(data, list) and isinstance(item, int) and 0 <= item < len(data)))
        if not found:
            return None
        data = data[item]
    return data


def _validation_problems(doc: Document, err: ValidationError) -> tuple[list[Problem], int]:
    """One problem per validation error, the first :data:`MAX_COLLECTED` by
    position (and how many more there are). Only the first ones are worded:
    a file with 100,000 errors must not spend seconds on messages nobody sees.
    Validation under a :class:`~cxgap.budget.ProblemBudget` raises about
    :data:`MAX_COLLECTED` errors at most, and markers where it only counted."""
    full = err.error_count() <= _FULL_DETAIL
    errors = err.errors(include_url=False) if full else err.errors(include_url=False, include_context=False,
                                                                   include_input=False)
    errors = [e for e in errors if e["type"] != OMITTED]
    located = []
    for i, e in enumerate(errors):
        loc: tuple[PathItem, ...] = tuple(x for x in e["loc"] if isinstance(x, (str, int)))
        line, col = doc.locate(loc, key=e["type"] == "extra_forbidden")
        located.append((line, col, i))
    located.sort()
    out = []
    for rank, (line, col, i) in enumerate(located[:MAX_COLLECTED]):
        e = errors[i]
        loc = tuple(x for x in e["loc"] if isinstance(x, (str, int)))
        if rank <= MAX_PROBLEMS:
            if not full:
                e = {**e, "input": _value_at(doc.data, loc)}
            message = describe(e, doc.data)[0]
        else:
            message = e["msg"]
        out.append(Problem(doc.source, line, col, message, loc, e["type"]))
    return out, max(0, len(located) - MAX_COLLECTED)


def build_stages(spec: Spec) -> tuple[Stage, ...]:
    if spec.stages is None:
        return DEFAULT_STAGES
    return tuple(custom_stage(s.id, s.name, s.mindset) for s in spec.stages)


def _line_index(doc: Document, spec: Spec) -> dict[str, tuple[int, int]]:
    lines: dict[str, tuple[int, int]] = {"": doc.locate(("journey",))}
    groups: Iterable[tuple[str, list[Any]]] = (
        ("stages", spec.stages or []),
        ("personas", spec.personas),
        ("customer_touchpoints", spec.customer_touchpoints),
        ("company_touchpoints", spec.company_touchpoints),
    )
    for key, items in groups:
        for i, item in enumerate(items):
            lines.setdefault(item.id, doc.locate((key, i)))
    for i in range(len(spec.accept)):
        lines[accept_key(i)] = doc.locate(("accept", i))
    for i, target in enumerate(spec.targets):  # a whole-journey target: where its gap points
        if target.touchpoint is None and target.stage is None:  # the last one applies (analysis.metrics)
            lines[journey_target_key(target.metric)] = doc.locate(("targets", i))
    if "customers" in doc.data:
        lines.setdefault("customers", doc.locate(("customers",)))
    return lines


_LISTS = ("personas", "stages", "customer_touchpoints", "company_touchpoints", "targets", "sources", "measures",
          "accept")
_OPTIONAL = ("personas", "thesis", "stages", "customers", "targets", "channels", "policy", "sources", "measures",
             "accept")


def _prune(data: dict[str, Any], err: ValidationError) -> tuple[dict[str, Any], dict[str, list[int]], set[str]] | None:
    """The data without the list items and optional sections that failed; for
    each pruned list, the original index of each kept item; the ids of the
    dropped items. None when a required part failed."""
    drop_items: dict[str, set[int]] = {}
    drop_keys: set[str] = set()
    for e in err.errors(include_url=False, include_context=False, include_input=False):
        loc = e["loc"]
        if len(loc) >= 2 and loc[0] in _LISTS and isinstance(loc[1], int):
            drop_items.setdefault(str(loc[0]), set()).add(loc[1])
        elif loc and loc[0] in _OPTIONAL:
            drop_keys.add(str(loc[0]))
        else:
            return None
    pruned = {k: v for k, v in data.items() if k not in drop_keys}
    kept: dict[str, list[int]] = {}
    dropped: set[str] = set()
    for key, indexes in drop_items.items():
        items = pruned.get(key)
        if not isinstance(items, list):
            continue
        for i in indexes:
            item = items[i] if i < len(items) else None
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                dropped.add(item["id"])
        kept[key] = [i for i in range(len(items)) if i not in indexes]
        pruned[key] = [items[i] for i in kept[key]]
    return pruned, kept, dropped


def _names_one_of(data: Any, path: tuple[PathItem, ...], names: set[str]) -> bool:
    """Whether the value at ``path`` is one of ``names`` (a reference to a dropped item)."""
    value = data
    for item in path:
        if isinstance(value, dict) and isinstance(item, str):
            value = value.get(item)
        elif isinstance(value, list) and isinstance(item, int) and 0 <= item < len(value):
            value = value[item]
        else:
            return False
    return isinstance(value, str) and value in names


def _check_what_is_valid(doc: Document, err: ValidationError) -> list[Problem]:
    """Reference problems among the parts that did validate, so that a file's
    problems are all reported at once. References to dropped items are not
    reported: those items have problems of their own."""
    pruned = _prune(doc.data, err)
    if pruned is None:
        return []
    data, kept, dropped = pruned
    try:
        spec = Spec.model_validate(data)
    except ValidationError:
        return []
    out = []
    for p in check_references(doc, spec, StageIndex(build_stages(spec), stage_names())):
        if _names_one_of(data, p.path, dropped):
            continue
        path = p.path
        if len(path) >= 2 and isinstance(path[0], str) and path[0] in kept and isinstance(path[1], int):
            path = (path[0], kept[path[0]][path[1]], *path[2:])
            p = doc.problem(path, p.message, p.code)
        out.append(p)
    return out


def validate_document(doc: Document) -> LoadedSpec:
    """Turn a loaded document into a valid spec, or raise with every problem
    (in the spec's own `journey.lang`, unless --lang chose another)."""
    lang, explicit = speaking_lang()
    own = _own_lang(doc.data)
    if own is None or explicit or own == lang:
        return _validate(doc)
    with speaking(own):
        return _validate(doc)


def _own_lang(data: Any) -> str | None:
    journey = data.get("journey") if isinstance(data, dict) else None
    lang = journey.get("lang") if isinstance(journey, dict) else None
    return lang if lang in LANGS else None


def _validate(doc: Document) -> LoadedSpec:
    problems = list(doc.problems)
    _expect_mapping(doc)
    bound = ProblemBudget(max(0, MAX_COLLECTED - len(problems)))
    try:
        with gc_paused(), budgeted(bound):
            spec = Spec.model_validate(doc.data)
    except ValidationError as err:
        # A value the loader refused (a bad tag, say) also fails validation: say it once.
        seen = {(p.line, p.col) for p in problems}
        found, omitted = _validation_problems(doc, err)
        problems.extend(p for p in found if (p.line, p.col) not in seen)
        del found
        if not bound.omitted:  # beyond MAX_COLLECTED problems, the references are not worth a second validation
            problems.extend(_check_what_is_valid(doc, err))
        raise InputError(problems, doc.omitted + omitted + bound.omitted) from None
    if bound.omitted:  # problems only counted (the loader's own filled the budget): still not a valid spec
        raise InputError(problems or [doc.problem((), messages().t("problem.kept_too_many"), "more-problems")],
                         doc.omitted + bound.omitted)
    stages = build_stages(spec)
    problems.extend(check_references(doc, spec, StageIndex(stages, stage_names())))
    if problems:
        raise InputError(problems, doc.omitted)
    return LoadedSpec(doc.source, spec, stages, _line_index(doc, spec), _source_lines(doc, spec))


def _source_lines(doc: Document, spec: Spec) -> tuple[dict[str, tuple[int, int]], ...]:
    out = []
    for i, source in enumerate(spec.sources):
        keys = {"": doc.locate(("sources", i))}
        for key in source.model_fields_set:
            keys[key] = doc.locate(("sources", i, key))
        out.append(keys)
    return tuple(out)


def load_spec(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedSpec:
    """Load and validate one spec file (``-`` reads standard input)."""
    return validate_document(load_document(path, max_bytes))


def load_spec_text(name: str, text: str, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedSpec:
    """Load and validate a spec given as text (git revisions, tests)."""
    return validate_document(load_text(name, text, max_bytes))
