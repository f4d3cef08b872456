"""Load and analyse many specs: each one's result or its problems, in input
order. Broken specs do not stop the others. With many specs, both cores work
(processes, since the work is CPU-bound Python); the output order never
depends on which finishes first."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from cxgap.analysis import Analysis, analyze
from cxgap.clock import today
from cxgap.i18n import speaking, speaking_lang, speaking_spec
from cxgap.problems import InputError, Problem, UsageError, display_name, one_line
from cxgap.spec import load_spec

PARALLEL_FROM = 8
"""Use worker processes from this many specs on (start-up costs ~0.2 s)."""


@dataclass(frozen=True)
class Outcome:
    path: str
    analysis: Analysis | None = None
    problems: tuple[Problem, ...] = ()
    error: str | None = None
    """A usage-level problem with this spec (e.g. an unknown persona)."""
    warnings: tuple[Problem, ...] = ()
    """What the run should say without failing (answers naming no touchpoint)."""
    lang: str | None = None
    """The spec's `journey.lang` (None when it names none or does not load); ``error`` is worded in it."""


def analyze_file(path: str, persona: str | None, max_bytes: int) -> Outcome:
    from cxgap.sources import with_sources

    name = display_name(path)  # a file name is data: reports show it escaped, never raw
    try:
        loaded, read = with_sources(load_spec(path, max_bytes))
    except InputError as err:
        return Outcome(name, problems=tuple(err.problems))
    except UsageError as err:
        return Outcome(name, error=one_line(str(err)))
    own = loaded.spec.journey.lang
    try:
        with speaking_spec(own):  # an unknown persona is the spec's problem: worded in its language
            return Outcome(name, analyze(loaded, persona, today()), warnings=read.warnings if read else (), lang=own)
    except UsageError as err:
        return Outcome(name, error=one_line(str(err)), lang=own)


def _job(args: tuple[str, str | None, int, tuple[str, bool]]) -> Outcome:
    path, persona, max_bytes, (lang, explicit) = args
    with speaking(lang, explicit):  # the language of the run's messages (a worker process starts afresh)
        return analyze_file(path, persona, max_bytes)


def analyze_files(
    paths: Sequence[str],
    persona: str | None,
    max_bytes: int,
    progress: Callable[[int], None] | None = None,
    jobs: int | None = None,
) -> list[Outcome]:
    jobs = jobs if jobs is not None else min(os.cpu_count() or 1, 4)
    speak = speaking_lang()
    work = [(p, persona, max_bytes, speak) for p in paths]
    if len(work) < PARALLEL_FROM or jobs < 2 or "-" in paths:
        results = []
        for item in work:
            results.append(_job(item))
            if progress:
                progress(1)
        return results
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        results = []
        for outcome in pool.map(_job, work, chunksize=max(1, len(work) // (jobs * 4))):
            results.append(outcome)
            if progress:
                progress(1)
        return results
