"""`cxgap sources`: what each survey source contributed (rows read, skipped,
unmatched, answers per touchpoint, the figures)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from cxgap.cli.app import app
from cxgap.cli.inputs import expand_paths
from cxgap.cli.options import MaxBytes, Output, Paths, choice, metavar
from cxgap.limits import DEFAULT_MAX_BYTES

FORMATS = ("text", "json")


@app.command()
def sources(
    paths: Paths,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar=metavar(FORMATS), callback=choice(FORMATS),
                                     help="text (default) or json.")] = "text",
    output: Output = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """List what each survey source of a spec contributed: rows read, answers used and skipped,
    values naming no touchpoint, and the figure (n, value, margin) per touchpoint, stage or journey."""
    from cxgap.atomic import write_output
    from cxgap.problems import InputError
    from cxgap.sources import with_sources
    from cxgap.sources.listing import as_dict, json_text, text
    from cxgap.spec import load_spec

    files, _ = expand_paths(paths)
    parts: list[str] = []
    items = []
    failed = False
    for path in files:
        try:
            loaded, read = with_sources(load_spec(path, max_bytes))
        except InputError as err:
            for problem in err.problems:
                sys.stderr.write(f"{problem}\n")
            failed = True
            continue
        for warning in read.warnings if read else ():
            sys.stderr.write(f"{warning}\n")
        parts.append(text(loaded, read))
        items.append(as_dict(loaded, read))
    if items or not failed:
        write_output(output, json_text(items) if fmt == "json" and items else "".join(parts))
    if failed:
        raise typer.Exit(2)
