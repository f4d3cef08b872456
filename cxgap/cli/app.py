"""The Typer application and its global options."""

from __future__ import annotations

from typing import Annotated

import typer

from cxgap import __version__
from cxgap.cli.options import Lang

app = typer.Typer(
    name="cxgap",
    help="Customer-journey gap analyzer: lay the company's touchpoints over the customer's and report the gaps.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

settings = {"traceback": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cxgap {__version__}")
        raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    traceback: Annotated[
        bool, typer.Option("--traceback", help="On an internal error (exit 3), print the full Python traceback.")
    ] = False,
    lang: Lang = None,  # read from the command line before Typer starts (cxgap.cli.run): `cxgap --lang zh-CN -h`
) -> None:
    """Customer-journey gap analyzer.

    Exit codes: 0 success, 1 a check or regression gate failed, 2 bad input or
    usage, 3 internal error.
    """
    settings["traceback"] = traceback
