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
    path: Annotated[str, typer.Argument()],
    output: Annotated[str | None, typer.Option("--output", "-o")] = None,
    lang: Lang = None,
    persona: Annotated[str | None, typer.Option("--persona", "-p")] = None,
    top: Annotated[int, typer.Option("--top", min=0, max=100)] = 10,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    # --help: help.handout* in the catalogs
    from cxgap.atomic import write_output
    from cxgap.handout import HandoutRequest, build_handout

    request = HandoutRequest(path, output, lang, persona, top, max_bytes)
    page = build_handout(request, warn=lambda warning: sys.stderr.write(f"{warning}\n"))
    write_output(output, page)
