"""The Typer application and its global options.

Every help text of the command line (the app's, each command's, each option's and argument's) is a catalog
text, ``help.<command>[.<parameter>]`` (``help.param.<parameter>`` for the options several commands share),
put on the commands in the run's language by :func:`cxgap.cli.clitext.localise`; none is written here.
"""

from __future__ import annotations

from typing import Annotated

import typer

from cxgap import __version__
from cxgap.cli.options import Lang

app = typer.Typer(
    name="cxgap",
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
        bool, typer.Option("--version", callback=_version, is_eager=True)
    ] = False,
    traceback: Annotated[
        bool, typer.Option("--traceback")
    ] = False,
    lang: Lang = None,  # read from the command line before Typer starts (cxgap.cli.run): `cxgap --lang zh-CN -h`
) -> None:
    # Exit codes: 0 success, 1 a check or regression gate failed, 2 bad input or usage, 3 internal error.
    settings["traceback"] = traceback
