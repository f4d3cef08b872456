"""The core of `cxgap analyze`: a request in, a rendered report and its problems out.

The command line only builds the :class:`ReportRequest`, writes the text and
prints the problems; everything between (loading, analysing, the severity
filter, choosing and running the renderer) happens here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cxgap.analysis import at_least
from cxgap.batch import analyze_files
from cxgap.i18n import REFERENCE
from cxgap.language import choose
from cxgap.levels import Severity
from cxgap.limits import DEFAULT_MAX_BYTES
from cxgap.problems import Problem, UsageError
from cxgap.render import RenderOptions, get_renderer
from cxgap.render.texts import notice_lines


@dataclass(frozen=True)
class ReportRequest:
    files: Sequence[str]
    fmt: str
    persona: str | None = None
    lang: str | None = None
    """--lang; None: the specs' journey.lang, else the environment's language."""
    min_severity: Severity = Severity.info
    show_all: bool = False
    color: bool = False
    width: int | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class Report:
    text: str | bytes | None
    """The report (bytes for a binary format: PDF); None when no spec could be analysed."""
    problems: tuple[Problem, ...]
    """Why specs could not be analysed; a problem about a whole spec (e.g. an unknown persona) has line 0."""
    warnings: tuple[Problem, ...] = ()
    """What to say without failing (survey answers naming no touchpoint)."""
    lang: str = REFERENCE
    """The run's language (--lang, else the specs' journey.lang, else the environment's)."""

    @property
    def exit_code(self) -> int:
        return 2 if self.problems else 0


def build_report(request: ReportRequest, progress: Callable[[int], None] | None = None) -> Report:
    outcomes = analyze_files(request.files, request.persona, request.max_bytes, progress)
    lang = choose(request.lang, (o.lang for o in outcomes), os.environ)
    if len(outcomes) == 1 and outcomes[0].error:
        raise UsageError(outcomes[0].error, lang=lang)  # the spec's mistake, said in its language
    problems: list[Problem] = []
    warnings: list[Problem] = []
    analyses = []
    for outcome in outcomes:
        warnings.extend(outcome.warnings)
        problems.extend(outcome.problems)
        if outcome.error:
            problems.append(Problem(outcome.path, 0, 0, outcome.error, code="unusable-spec"))
        if outcome.analysis is not None:
            warnings.extend(notice_lines(outcome.analysis, lang))
            analyses.append(at_least(outcome.analysis, request.min_severity))
    if not analyses:
        return Report(None, tuple(problems), tuple(warnings), lang)
    options = RenderOptions(lang=lang, show_all=request.show_all, color=request.color,
                            width=request.width, errors=tuple(problems))
    return Report(get_renderer(request.fmt)(analyses, options), tuple(problems), tuple(warnings), lang)
