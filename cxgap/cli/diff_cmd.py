"""`cxgap diff`: what a change does to a journey. Exit 0; 1 on regression
with --fail-on-regression; 2 bad input."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from cxgap.cli.app import app
from cxgap.cli.options import Lang, MaxBytes, Output, Persona, choose_format, format_option
from cxgap.gate.diff_reporters import DIFF_REPORTERS
from cxgap.levels import FailOn
from cxgap.limits import DEFAULT_MAX_BYTES


@app.command()
def diff(
    base: Annotated[str, typer.Argument(metavar="BASE")],  # a spec file, or REF:PATH read from git
    head: Annotated[str, typer.Argument(metavar="HEAD")],
    fmt: Annotated[str | None, format_option(DIFF_REPORTERS)] = None,
    fail_on_regression: Annotated[bool, typer.Option("--fail-on-regression")] = False,
    fail_on: Annotated[FailOn | None, typer.Option("--fail-on")] = None,
    output: Output = None,
    persona: Persona = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    lang: Lang = None,
) -> None:
    # --help: help.diff* in the catalogs
    from cxgap.atomic import write_output
    from cxgap.gate.diff_reporters import get_diff_reporter
    from cxgap.gate.diff_reporters.common import regression_text, threshold_text
    from cxgap.gate.diff_run import DiffRequest, diff_revisions
    from cxgap.gate.texts import catalog
    from cxgap.i18n import speaking
    from cxgap.language import asked

    fmt = choose_format(DIFF_REPORTERS, fmt, output, "text")
    request = DiffRequest(base, head, persona, fail_on, max_bytes, lang)
    result = diff_revisions(request)
    for warning in result.warnings:
        sys.stderr.write(f"{warning}\n")
    with speaking(result.lang, explicit=asked(lang) is not None):  # the report speaks the run's language
        write_output(output, get_diff_reporter(fmt)(result))
        if fail_on_regression and result.regressed:
            c = catalog()
            reasons = c.t("diff.policy_sep").join(regression_text(result, r) for r in result.regressions)
            sys.stderr.write(c.t("diff.regression_line", threshold=threshold_text(result), reasons=reasons) + "\n")
            raise typer.Exit(1)
