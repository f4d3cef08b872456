"""The core of `cxgap diff`: two revisions in, a judged comparison out.

The command line builds a :class:`DiffRequest`, renders the
:class:`~cxgap.gate.compare.DiffResult` with the chosen reporter and maps
``regressed`` to its exit code; loading both sides, analysing, comparing and
choosing the regression threshold happen here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

from cxgap.analysis import analyze
from cxgap.clock import today
from cxgap.gate.compare import DiffResult, compare, judge
from cxgap.gate.policy import resolve_fail_on
from cxgap.gate.revisions import load_side
from cxgap.i18n import speaking_spec
from cxgap.language import choose
from cxgap.levels import FailOn
from cxgap.limits import DEFAULT_MAX_BYTES
from cxgap.loaded import LoadedSpec
from cxgap.problems import InputError, Problem

DIFF_DEFAULT_FAIL_ON = FailOn.high
"""The regression threshold when neither --fail-on nor HEAD's policy sets one."""


@dataclass(frozen=True)
class DiffRequest:
    base: str
    head: str
    """Each a spec file, or ``REF:PATH`` read from git."""
    persona: str | None = None
    fail_on: FailOn | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    lang: str | None = None
    """--lang; None: HEAD's journey.lang, else the environment's language."""


def _load_both(request: DiffRequest) -> tuple[LoadedSpec, LoadedSpec, tuple[Problem, ...]]:
    """Both sides (each with its survey sources, read at its revision) and their warnings,
    or one InputError with the problems of both."""
    loaded: list[LoadedSpec] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for arg in (request.base, request.head):
        try:
            spec, read = load_side(arg, request.max_bytes)
        except InputError as err:
            problems.extend(err.problems)
            continue
        loaded.append(spec)
        warnings.extend(read.warnings if read else ())
    if problems:
        raise InputError(problems)
    return loaded[0], loaded[1], tuple(warnings)


def diff_revisions(request: DiffRequest) -> DiffResult:
    base, head, warnings = _load_both(request)
    day = today()
    with speaking_spec(head.spec.journey.lang):  # an unknown persona is worded in the language of the diff
        before, after = analyze(base, request.persona, day), analyze(head, request.persona, day)
    threshold, origin = resolve_fail_on(after.spec.policy, request.fail_on, DIFF_DEFAULT_FAIL_ON)
    lang = choose(request.lang, (after.spec.journey.lang,), os.environ)
    return replace(judge(compare(before, after), threshold, origin, lang), warnings=warnings)
