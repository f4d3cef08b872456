"""`cxgap analyze`: the gap analysis, in any report format."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from cxgap.cli.app import app
from cxgap.cli.inputs import expand_paths
from cxgap.cli.options import Lang, MaxBytes, MinSeverity, Output, Paths, Persona, choose_format, format_option
from cxgap.levels import Severity
from cxgap.limits import DEFAULT_MAX_BYTES
from cxgap.render import FORMATS
from cxgap.render.progress import with_progress

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
    from cxgap.report import ReportRequest, build_report

    fmt = choose_format(FORMATS, fmt, output, DEFAULT_FORMAT)
    files, _ = expand_paths(paths)
    request = ReportRequest(files, fmt, persona, lang, min_severity, show_all,
                            color=use_color(output) and fmt == DEFAULT_FORMAT, width=width, max_bytes=max_bytes)
    report = with_progress(len(files), lambda step: build_report(request, step))
    for warning in report.warnings:
        sys.stderr.write(f"{warning}\n")
    for problem in report.problems:
        sys.stderr.write(f"cxgap: error: {problem.message}\n" if problem.line == 0 else f"{problem}\n")
    if report.text is not None:
        write_output(output, report.text)
    if report.exit_code:
        raise typer.Exit(report.exit_code)
