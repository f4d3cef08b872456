"""`cxgap analyze`: the gap analysis, in any report format."""

from __future__ import annotations

import os
import shutil
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


def terminal_width(output: str | None, width: int | None) -> int | None:
    """``--width``, else, for a report on standard output, the terminal's width
    (``COLUMNS`` when set, as with every terminal program); None for a file."""
    if width is not None or output not in (None, "-"):
        return width
    return max(40, shutil.get_terminal_size((0, 0)).columns) if _known_width() else None


def _known_width() -> bool:
    if os.environ.get("COLUMNS", "").isdigit():
        return True
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns > 0
    except (OSError, ValueError, AttributeError):
        return False


def use_color(output: str | None) -> bool:
    return (output in (None, "-") and sys.stdout.isatty() and "NO_COLOR" not in os.environ
            and os.environ.get("TERM") != "dumb")


@app.command()
def analyze(
    paths: Paths,
    fmt: Annotated[str | None, format_option(FORMATS)] = None,
    output: Output = None,
    persona: Persona = None,
    lang: Lang = None,
    min_severity: MinSeverity = Severity.info,
    show_all: Annotated[bool, typer.Option("--all")] = False,
    width: Annotated[int | None, typer.Option("--width", min=40)] = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    # --help: help.analyze* in the catalogs
    from cxgap.atomic import write_output
    from cxgap.i18n import catalog
    from cxgap.report import ReportRequest, build_report

    fmt = choose_format(FORMATS, fmt, output, DEFAULT_FORMAT, strict=True)
    if fmt == "pdf":
        from cxgap.render.pdf import ensure_available
        ensure_available()  # refuse before the analysis, not after
    files, _ = expand_paths(paths)
    request = ReportRequest(files, fmt, persona, lang, min_severity, show_all,
                            color=use_color(output) and fmt == DEFAULT_FORMAT,
                            width=terminal_width(output, width), max_bytes=max_bytes)
    report = with_progress(len(files), lambda step: build_report(request, step))
    for warning in report.warnings:
        sys.stderr.write(f"{warning}\n")
    c = catalog(report.lang)  # a whole spec's problem (line 0) is worded in the specs' language
    for problem in report.problems:
        sys.stderr.write(c.t("cli.error", message=problem.message) + "\n" if problem.line == 0 else f"{problem}\n")
    if report.text is not None:
        write_output(output, report.text)
    if report.exit_code:
        raise typer.Exit(report.exit_code)
