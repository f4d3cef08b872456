"""`cxgap check`: the CI gate. Exit 0 pass, 1 fail, 2 invalid input."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from cxgap.cli import options
from cxgap.cli.app import app
from cxgap.cli.inputs import expand_paths
from cxgap.cli.options import Lang, MaxBytes, Output, Paths, Persona
from cxgap.gate.reporters import REPORTERS
from cxgap.levels import FailOn
from cxgap.limits import DEFAULT_MAX_BYTES
from cxgap.render.progress import with_progress


def choose_format(fmt: str | None, output: str | None) -> str:
    """--format, else from the -o suffix, else github annotations inside GitHub Actions, else text."""
    if fmt is None and output in (None, "-") and os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return options.choose_format(REPORTERS, fmt, output, "text")


@app.command()
def check(
    paths: Paths,
    min_score: Annotated[float | None, typer.Option("--min-score", min=0, max=100)] = None,
    min_experience: Annotated[float | None, typer.Option("--min-experience", min=0, max=100)] = None,
    fail_on: Annotated[FailOn | None, typer.Option("--fail-on")] = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", metavar=options.metavar(REPORTERS), callback=options.choice(REPORTERS))] = None,
    output: Output = None,
    persona: Persona = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    lang: Lang = None,
) -> None:
    # --help: help.check* in the catalogs. The policy comes from each spec's policy block (min_score,
    # min_experience, fail_on); the flags override it. Without either: fail on critical gaps only.
    from cxgap.atomic import write_output
    from cxgap.batch import analyze_files
    from cxgap.gate import texts
    from cxgap.gate.check import STATUSES, check_outcomes
    from cxgap.gate.reporters import get_reporter
    from cxgap.i18n import catalog, speaking
    from cxgap.language import asked, choose
    from cxgap.levels import FailOn
    from cxgap.problems import capped, display_name

    name = choose_format(fmt, output)
    files, _ = expand_paths(paths)
    outcomes = with_progress(len(files), lambda step: analyze_files(files, persona, max_bytes, step))
    chosen = choose(lang, (o.lang for o in outcomes), os.environ)
    run = check_outcomes(outcomes, min_score=min_score, fail_on=FailOn(fail_on.value) if fail_on else None,
                         min_experience=min_experience)
    for outcome in outcomes:
        for warning in outcome.warnings:
            sys.stderr.write(f"{warning}\n")
    c = catalog(chosen)
    for check in run.checks:  # bad input reads the same for every command: file:line:col on stderr
        for problem in capped(list(check.problems)):  # a whole spec's (line 0) as `analyze` says it
            sys.stderr.write(c.t("cli.error", message=problem.message) + "\n" if problem.line == 0 else f"{problem}\n")
    with speaking(chosen, explicit=asked(lang) is not None):  # the reports speak the run's language
        write_output(output, get_reporter(name)(run))
        if output not in (None, "-"):
            counts = texts.summary({s: run.count(s) for s in STATUSES})
            sys.stderr.write(texts.catalog().t("check.wrote", path=display_name(output or ""), summary=counts)
                             + "\n")
    raise typer.Exit(run.exit_code)
