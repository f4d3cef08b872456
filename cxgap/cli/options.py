"""The options several commands share, defined once: format, output, language,
persona, severity filter and input size limit.

A ``--format`` option takes its choices from a format registry
(:mod:`cxgap.registry`) when it runs, so a format added to the registry is
accepted, listed and picked from its ``-o`` suffix with no change here.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Annotated, Any

import typer

from cxgap.i18n import LANGS
from cxgap.levels import Severity
from cxgap.limits import MAX_MAX_BYTES
from cxgap.registry import Registry, format_for_suffix


def choice(names: Collection[str]) -> Callable[[str | None], str | None]:
    """An option callback that accepts exactly the names in ``names``, read when the option is parsed."""

    def check(value: str | None) -> str | None:
        if value is not None and value not in names:
            raise typer.BadParameter(f"{value!r} is not one of: {', '.join(names)}")
        return value

    return check


def metavar(names: Collection[str]) -> str:
    return "[" + "|".join(names) + "]"


def format_option(registry: Registry, default: str) -> Any:
    """``--format/-f`` over the keys of ``registry``; without it the format comes from ``choose_format``."""
    return typer.Option("--format", "-f", metavar=metavar(registry), callback=choice(registry),
                        help=f"Report format (default: from the -o suffix, else {default}).")


def choose_format(registry: Registry, fmt: str | None, output: str | None, default: str) -> str:
    """``--format``, else the format whose suffix ``-o`` has, else ``default``."""
    if fmt is not None:
        return fmt
    if output in (None, "-"):
        return default
    return format_for_suffix(registry, output) or default


Paths = Annotated[list[str], typer.Argument(help="Spec files or directories; - reads standard input.")]
Output = Annotated[str | None, typer.Option("--output", "-o", help="Write the report to this file (atomically).")]
Persona = Annotated[str | None, typer.Option("--persona", "-p", help="Only this persona's customer touchpoints.")]
Lang = Annotated[str, typer.Option("--lang", "-l", metavar=metavar(LANGS), callback=choice(LANGS),
                                   help="Language of the output.")]
MinSeverity = Annotated[Severity, typer.Option(
    "--min-severity", help="Leave out gaps less severe than this, and their counts.")]
MaxBytes = Annotated[int, typer.Option("--max-bytes", min=1, max=MAX_MAX_BYTES,
                                       help="Refuse input files larger than this many bytes.")]
