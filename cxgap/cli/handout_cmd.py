"""`cxgap handout`: the printable workshop handout of one journey (A4 HTML)."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from cxgap.cli.app import app
from cxgap.cli.options import Lang, MaxBytes
from cxgap.limits import DEFAULT_MAX_BYTES
from cxgap.problems import UsageError
from cxgap.registry import FOREIGN_SUFFIXES


@app.command()
def handout(
    path: Annotated[str, typer.Argument(help="One spec file; - reads standard input.")],
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write the handout to this file "
                                               "(atomically; .html, or .pdf with cxgap[pdf]); default: standard "
                                               "output.")] = None,
    lang: Lang = "en",
    persona: Annotated[str | None, typer.Option("--persona", "-p", help="Only this persona: its card and its "
                                                "customer touchpoints.")] = None,
    top: Annotated[int, typer.Option("--top", min=0, max=100, help="How many of the most severe gaps to put up "
                                     "for discussion.")] = 10,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """Write a printable A4 workshop handout (HTML): persona cards, thesis, the journey,
    the top gaps with room for notes, and customer interview questions."""
    from cxgap.analysis import analyze
    from cxgap.atomic import write_output
    from cxgap.clock import today
    from cxgap.render.handout import render_handout
    from cxgap.sources import with_sources
    from cxgap.spec import load_spec

    suffix = os.path.splitext(output)[1].lower() if output not in (None, "-") else ""
    if suffix in FOREIGN_SUFFIXES and suffix not in (".html", ".htm", ".pdf"):
        raise UsageError(f"{output}: a handout is written as HTML (.html) or PDF (.pdf), not as {suffix}")
    if suffix == ".pdf":
        from cxgap.render.pdf import ensure_available
        ensure_available()
    if path != "-" and os.path.isdir(path):
        raise UsageError(f"{path} is a directory; a handout is for one spec file")
    loaded, read = with_sources(load_spec(path, max_bytes))
    for warning in read.warnings if read else ():
        sys.stderr.write(f"{warning}\n")
    analysis = analyze(loaded, persona, today())
    page = render_handout(analysis, lang, top)
    if suffix == ".pdf":
        from cxgap.render.pdf import html_to_pdf
        write_output(output, html_to_pdf(page))
    else:
        write_output(output, page)
