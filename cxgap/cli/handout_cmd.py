"""`cxgap handout`: the printable workshop handout of one journey (A4 HTML)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from cxgap.cli.app import app
from cxgap.cli.options import Lang, MaxBytes
from cxgap.limits import DEFAULT_MAX_BYTES


@app.command()
def handout(
    path: Annotated[str, typer.Argument(help="One spec file; - reads standard input.")],
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write the handout to this file "
                                               "(atomically; .html, or .pdf with cxgap[pdf]); default: standard "
                                               "output.")] = None,
    lang: Lang = None,
    persona: Annotated[str | None, typer.Option("--persona", "-p", help="Only this persona: its card and its "
                                                "customer touchpoints.")] = None,
    top: Annotated[int, typer.Option("--top", min=0, max=100, help="How many of the most severe gaps to put up "
                                     "for discussion.")] = 10,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """Write a printable A4 workshop handout (HTML): persona cards, thesis, the journey,
    the top gaps with room for notes, and customer interview questions."""
    from cxgap.atomic import write_output
    from cxgap.handout import HandoutRequest, build_handout

    request = HandoutRequest(path, output, lang, persona, top, max_bytes)
    page = build_handout(request, warn=lambda warning: sys.stderr.write(f"{warning}\n"))
    write_output(output, page)
