"""`cxgap sources`: what each survey source contributed (rows read, skipped,
unmatched, answers per touchpoint, the figures)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from cxgap.cli.app import app
from cxgap.cli.inputs import expand_paths
from cxgap.cli.options import Lang, MaxBytes, Output, Paths, choice, metavar
from cxgap.limits import DEFAULT_MAX_BYTES

FORMATS = ("text", "json")


@app.command()
def sources(
    paths: Paths,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar=metavar(FORMATS), callback=choice(FORMATS))] = "text",
    output: Output = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    lang: Lang = None,
) -> None:
    # --help: help.sources* in the catalogs. Each spec is listed in its own journey.lang unless --lang says otherwise.
    from cxgap.atomic import write_output
    from cxgap.i18n import speaking, speaking_lang
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
            loaded = load_spec(path, max_bytes)
            current, explicit = speaking_lang()
            with speaking(current if explicit else loaded.spec.journey.lang or current, explicit):
                loaded, read = with_sources(loaded)
                parts.append(text(loaded, read))
        except InputError as err:
            for problem in err.problems:
                sys.stderr.write(f"{problem}\n")
            failed = True
            continue
        for warning in read.warnings if read else ():
            sys.stderr.write(f"{warning}\n")
        items.append(as_dict(loaded, read))
    if items or not failed:
        write_output(output, json_text(items) if fmt == "json" and items else "".join(parts))
    if failed:
        raise typer.Exit(2)
