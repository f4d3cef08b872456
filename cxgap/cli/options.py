"""The options several commands share, defined once: format, output, language,
persona, severity filter and input size limit.

A ``--format`` option takes its choices from a format registry
(:mod:`cxgap.registry`) when it runs, so a format added to the registry is
accepted, listed and picked from its ``-o`` suffix with no change here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from typing import Annotated, Any

import typer

from cxgap.i18n import LANGS, messages
from cxgap.levels import Severity
from cxgap.limits import MAX_MAX_BYTES
from cxgap.problems import UsageError
from cxgap.registry import FOREIGN_SUFFIXES, Registry, format_for_suffix


def choice(names: Collection[str]) -> Callable[[str | None], str | None]:
    """An option callback that accepts exactly the names in ``names``, read when the option is parsed."""

    def check(value: str | None) -> str | None:
        if value is not None and value not in names:
            raise typer.BadParameter(messages().t("cli.not_one_of", value=repr(value), choices=messages().join(names)))
        return value

    return check


def metavar(names: Collection[str]) -> str:
    return "[" + "|".join(names) + "]"


def format_option(registry: Registry) -> Any:
    """``--format/-f`` over the keys of ``registry``; without it the format comes from ``choose_format``."""
    return typer.Option("--format", "-f", metavar=metavar(registry), callback=choice(registry))


def choose_format(registry: Registry, fmt: str | None, output: str | None, default: str,
                  strict: bool = False) -> str:
    """``--format``, else the format whose suffix ``-o`` has, else ``default``.

    Refused (exit 2): an ``-o`` suffix that another format of ``registry`` owns
    while ``--format`` says otherwise (``.txt`` excepted: any text will do);
    without ``--format``, a suffix that names a format the registry does not
    write (:data:`FOREIGN_SUFFIXES`), or with ``strict`` any suffix it does not own."""
    suffix = "" if output in (None, "-") else os.path.splitext(output or "")[1].lower()
    named = format_for_suffix(registry, output) if suffix else None
    if fmt is not None:
        if named is not None and named != fmt and suffix != ".txt":
            raise UsageError(messages().t("cli.suffix_conflict", output=output, suffix=suffix, named=named, fmt=fmt))
        return fmt
    if not suffix or named is not None:
        return named or default
    if strict or suffix in FOREIGN_SUFFIXES:
        known = " ".join(sorted({x for entry in registry.values() for x in entry.suffixes}))
        raise UsageError(messages().t("cli.suffix_unknown", output=output, suffix=suffix, known=known))
    return default


# Help texts: help.param.<name> in the catalogs (see cxgap.cli.app).
Paths = Annotated[list[str], typer.Argument()]
Output = Annotated[str | None, typer.Option("--output", "-o")]
Persona = Annotated[str | None, typer.Option("--persona", "-p")]
Lang = Annotated[str | None, typer.Option("--lang", "-l", metavar=metavar(LANGS), callback=choice(LANGS))]
"""``--lang``: None when not given, so that the spec's ``journey.lang`` and the environment can decide."""
MinSeverity = Annotated[Severity, typer.Option("--min-severity")]
MaxBytes = Annotated[int, typer.Option("--max-bytes", min=1, max=MAX_MAX_BYTES)]
