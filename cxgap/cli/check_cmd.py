"""`cxgap check`: the CI gate. Exit 0 pass, 1 fail, 2 invalid input."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from typing import Annotated

import typer

from cxgap.cli.app import app
from cxgap.cli.inputs import expand_paths
from cxgap.cli.progress import with_progress
from cxgap.cli.spec_cmds import MaxBytes
from cxgap.gate.reporters import REPORTERS
from cxgap.levels import FailOn
from cxgap.limits import DEFAULT_MAX_BYTES


def choice(registry: Mapping[str, object]) -> Callable[[str | None], str | None]:
    """An option callback that accepts exactly the keys of a format registry."""

    def check(value: str | None) -> str | None:
        if value is not None and value not in registry:
            raise typer.BadParameter(f"{value!r} is not one of: {', '.join(registry)}")
        return value

    return check


def metavar(registry: Mapping[str, object]) -> str:
    return "[" + "|".join(registry) + "]"


_BY_SUFFIX = {".xml": "junit", ".json": "json", ".txt": "text"}


def choose_format(fmt: str | None, output: str | None) -> str:
    """--format, else from the -o suffix, else github annotations inside GitHub Actions, else text."""
    if fmt is not None:
        return fmt
    if output not in (None, "-"):
        return _BY_SUFFIX.get(os.path.splitext(output or "")[1].lower(), "text")
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "text"


Output = Annotated[str | None, typer.Option("--output", "-o", help="Write the report to this file (atomically).")]
Persona = Annotated[str | None, typer.Option("--persona", "-p", help="Only this persona's customer touchpoints.")]


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Spec files or directories; - reads standard input.")],
    min_score: Annotated[float | None, typer.Option(
        "--min-score", min=0, max=100, help="Fail when the alignment score is below this (overrides the spec's "
        "policy.min_score).")] = None,
    fail_on: Annotated[FailOn | None, typer.Option(
        "--fail-on", help="Fail when a gap of this severity or worse exists; none turns this off (overrides the "
        "spec's policy.fail_on; default critical).")] = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", metavar=metavar(REPORTERS), callback=choice(REPORTERS),
        help="Report format (default: from the -o suffix; github inside GitHub Actions; else text).")] = None,
    output: Output = None,
    persona: Persona = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """Check journey specs against their policy: exit 0 pass, 1 fail, 2 invalid input.

    The policy comes from each spec's policy block (min_score, fail_on);
    the flags override it. Without either: fail on critical gaps only.
    """
    from cxgap.atomic import write_output
    from cxgap.batch import analyze_files
    from cxgap.gate import texts
    from cxgap.gate.check import STATUSES, check_outcomes
    from cxgap.gate.reporters import get_reporter
    from cxgap.levels import FailOn
    from cxgap.problems import capped

    name = choose_format(fmt, output)
    files, _ = expand_paths(paths)
    outcomes = with_progress(len(files), lambda step: analyze_files(files, persona, max_bytes, step))
    run = check_outcomes(outcomes, min_score=min_score, fail_on=FailOn(fail_on.value) if fail_on else None)
    for check in run.checks:  # bad input reads the same for every command: file:line:col on stderr
        for problem in capped(list(check.problems)):
            sys.stderr.write(f"{problem}\n")
    write_output(output, get_reporter(name)(run))
    if output not in (None, "-"):
        sys.stderr.write(f"cxgap: wrote {output} ({texts.summary({s: run.count(s) for s in STATUSES})})\n")
    raise typer.Exit(run.exit_code)
