"""The core of `cxgap handout`: a request in, the printable workshop page out.

The command line only builds the :class:`HandoutRequest`, writes the page and
prints the warnings; everything between (choosing HTML or PDF from the output
name, loading the spec with its survey sources, analysing, rendering, printing
to PDF) happens here.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from cxgap.analysis import analyze
from cxgap.clock import today
from cxgap.i18n import messages, speaking_spec
from cxgap.language import choose
from cxgap.limits import DEFAULT_MAX_BYTES
from cxgap.problems import Problem, UsageError
from cxgap.registry import FOREIGN_SUFFIXES
from cxgap.render.handout import TOP_GAPS, render_handout
from cxgap.sources import with_sources
from cxgap.spec import load_spec

_PAGE_SUFFIXES = (".html", ".htm", ".pdf")


@dataclass(frozen=True)
class HandoutRequest:
    path: str
    """One spec file; ``-`` reads standard input."""
    output: str | None = None
    """Where the page goes (its suffix chooses HTML or PDF); None or ``-``: standard output, HTML."""
    lang: str | None = None
    """--lang; None: the spec's journey.lang, else the environment's language."""
    persona: str | None = None
    top: int = TOP_GAPS
    max_bytes: int = DEFAULT_MAX_BYTES

    @property
    def suffix(self) -> str:
        return os.path.splitext(self.output)[1].lower() if self.output not in (None, "-") else ""


def build_handout(request: HandoutRequest, warn: Callable[[Problem], object]) -> str | bytes:
    """The handout page: HTML text, or PDF bytes for an output ending in ``.pdf``.

    Bad requests (a report suffix other than HTML or PDF, a directory, PDF
    without its extra) are refused before anything is read. ``warn`` hears
    the survey sources' warnings as soon as the spec is loaded, before the
    analysis may refuse the persona.
    """
    suffix = request.suffix
    if suffix in FOREIGN_SUFFIXES and suffix not in _PAGE_SUFFIXES:
        raise UsageError(messages().t("handout.suffix", output=request.output, suffix=suffix))
    if suffix == ".pdf":
        from cxgap.render.pdf import ensure_available
        ensure_available()
    if request.path != "-" and os.path.isdir(request.path):
        raise UsageError(messages().t("handout.directory", path=request.path))
    loaded, read = with_sources(load_spec(request.path, request.max_bytes))
    for warning in read.warnings if read else ():
        warn(warning)
    with speaking_spec(loaded.spec.journey.lang):  # an unknown persona is worded in the spec's language
        analysis = analyze(loaded, request.persona, today())
    page = render_handout(analysis, choose(request.lang, (analysis.spec.journey.lang,), os.environ), request.top)
    if suffix == ".pdf":
        from cxgap.render.pdf import html_to_pdf
        return html_to_pdf(page)
    return page
