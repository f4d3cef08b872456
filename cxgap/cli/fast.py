"""`cxgap validate` without loading Typer.

Pre-commit and CI run `cxgap validate FILE...` on every change, so its
start-up is what users feel: Typer costs ~45 ms of it (it builds pydantic
adapters for every command's parameters). The plain forms of `validate`,
`[-q|--quiet] [--max-bytes N] [--lang L] PATH...`, run from here; any other word on the
line (help, an unknown option, a bad value) goes to the full command line,
which parses and reports it exactly as for every other command.
"""

from __future__ import annotations

import os
import sys

from cxgap.cli.inputs import expand_paths
from cxgap.i18n import messages, speaking, speaking_lang
from cxgap.language import LANGS, asked, from_environment
from cxgap.limits import DEFAULT_MAX_BYTES, MAX_MAX_BYTES
from cxgap.problems import InputError, capped


def validate_files(paths: list[str], max_bytes: int = DEFAULT_MAX_BYTES, quiet: bool = False,
                   lang: str | None = None) -> int:
    """Validate each spec; problems to stderr, `ok` lines to stdout, in ``lang`` (--lang), else the spec's
    `journey.lang`, else the environment's language. Exit code 0 or 2."""
    lang = asked(lang)
    with speaking(lang or from_environment(os.environ), explicit=lang is not None):
        return _validate(paths, max_bytes, quiet)


def _validate(paths: list[str], max_bytes: int, quiet: bool) -> int:
    from cxgap.spec import load_spec

    files, _ = expand_paths(paths)
    failed = 0
    for path in files:
        try:
            loaded = load_spec(path, max_bytes)
        except InputError as err:
            failed += 1
            for problem in capped(err.problems):
                sys.stderr.write(f"{problem}\n")
            continue
        if not quiet:
            spec = loaded.spec
            lang, explicit = speaking_lang()
            with speaking(spec.journey.lang if spec.journey.lang and not explicit else lang, explicit):
                c = messages()
                sys.stdout.write(c.t("validate.ok", source=loaded.source,
                                     customer=c.t("count.customer_touchpoints", count=len(spec.customer_touchpoints)),
                                     company=c.t("count.company_touchpoints", count=len(spec.company_touchpoints)))
                                 + "\n")
    if failed and len(files) > 1:
        sys.stderr.write(messages().t("validate.failed", count=failed, total=len(files)) + "\n")
    return 2 if failed else 0


def parse_validate(args: list[str]) -> tuple[list[str], int, bool, str | None] | None:
    """(paths, max_bytes, quiet, lang) for a plain `validate` command line, else None."""
    if not args or args[0] != "validate":
        return None
    paths: list[str] = []
    max_bytes = DEFAULT_MAX_BYTES
    quiet = False
    lang: str | None = None
    rest = iter(args[1:])
    for arg in rest:
        if arg in ("-q", "--quiet"):
            quiet = True
        elif arg in ("--lang", "-l") or arg.startswith("--lang="):
            lang = arg.partition("=")[2] if "=" in arg else next(rest, "")
            if lang not in LANGS:
                return None
        elif arg == "--max-bytes" or arg.startswith("--max-bytes="):
            value = arg.partition("=")[2] if "=" in arg else next(rest, "")
            if not value.isdigit() or not 1 <= int(value) <= MAX_MAX_BYTES:  # the full CLI says what is wrong
                return None
            max_bytes = int(value)
        elif arg == "--":
            paths.extend(rest)
        elif arg.startswith("-") and arg != "-":
            return None
        else:
            paths.append(arg)
    return (paths, max_bytes, quiet, lang) if paths else None
