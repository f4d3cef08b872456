"""`cxgap analyze`: the gap analysis, in any report format."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from typing import Annotated

import typer

from cxgap.cli.app import app
from cxgap.cli.inputs import expand_paths
from cxgap.cli.options import Lang, MaxBytes, MinSeverity, Output, Paths, Persona, choose_format, format_option
from cxgap.cli.progress import with_progress
from cxgap.levels import Severity
from cxgap.limits import DEFAULT_MAX_BYTES
from cxgap.problems import UsageError
from cxgap.render import FORMATS

DEFAULT_FORMAT = "table"


def use_color(output: str | None) -> bool:
    return (output in (None, "-") and sys.stdout.isatty() and "NO_COLOR" not in os.environ
            and os.environ.get("TERM") != "dumb")


@app.command()
def analyze(
    paths: Paths,
    fmt: Annotated[str | None, format_option(FORMATS, DEFAULT_FORMAT)] = None,
    output: Output = None,
    persona: Persona = None,
    lang: Lang = "en",
    min_severity: MinSeverity = Severity.info,
    show_all: Annotated[bool, typer.Option("--all", help="Terminal table: show every gap, not the top 50.")] = False,
    width: Annotated[int | None, typer.Option("--width", min=40, help="Terminal table width.")] = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """Analyse journey specs: gaps, scores and stop/start/shift/keep recommendations."""
    from cxgap.atomic import write_output
    from cxgap.batch import analyze_files
    from cxgap.render import RenderOptions, get_renderer

    fmt = choose_format(FORMATS, fmt, output, DEFAULT_FORMAT)
    files, _ = expand_paths(paths)
    outcomes = with_progress(len(files), lambda step: analyze_files(files, persona, max_bytes, step))
    if len(outcomes) == 1 and outcomes[0].error:
        raise UsageError(outcomes[0].error)
    threshold = min_severity.rank
    analyses = []
    errors = []
    for outcome in outcomes:
        for problem in outcome.problems:
            sys.stderr.write(f"{problem}\n")
            errors.append(problem.to_dict())
        if outcome.error:
            sys.stderr.write(f"cxgap: error: {outcome.error}\n")
            errors.append({"file": outcome.path, "message": outcome.error})
        if outcome.analysis is not None:
            a = outcome.analysis
            analyses.append(replace(a, gaps=tuple(g for g in a.gaps if g.severity.rank <= threshold)))
    if not analyses:
        raise typer.Exit(2)
    options = RenderOptions(lang=lang, show_all=show_all, color=use_color(output) and fmt == DEFAULT_FORMAT,
                            width=width, errors=tuple(errors))
    write_output(output, get_renderer(fmt)(analyses, options))
    if errors:
        raise typer.Exit(2)
