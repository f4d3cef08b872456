"""`cxgap validate` without loading Typer.

Pre-commit and CI run `cxgap validate FILE...` on every change, so its
start-up is what users feel: Typer costs ~45 ms of it (it builds pydantic
adapters for every command's parameters). The plain forms of `validate`,
`[-q|--quiet] [--max-bytes N] PATH...`, run from here; any other word on the
line (help, an unknown option, a bad value) goes to the full command line,
which parses and reports it exactly as for every other command.
"""

from __future__ import annotations

import sys

from cxgap.cli.inputs import expand_paths
from cxgap.limits import DEFAULT_MAX_BYTES, MAX_MAX_BYTES
from cxgap.problems import InputError, capped


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def validate_files(paths: list[str], max_bytes: int = DEFAULT_MAX_BYTES, quiet: bool = False) -> int:
    """Validate each spec; problems to stderr, `ok` lines to stdout. Exit code 0 or 2."""
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
            sys.stdout.write(f"{loaded.source}: ok ({_count(len(spec.customer_touchpoints), 'customer touchpoint')}, "
                             f"{_count(len(spec.company_touchpoints), 'company touchpoint')})\n")
    if failed and len(files) > 1:
        sys.stderr.write(f"{failed} of {len(files)} specs invalid\n")
    return 2 if failed else 0


def parse_validate(args: list[str]) -> tuple[list[str], int, bool] | None:
    """(paths, max_bytes, quiet) for a plain `validate` command line, else None."""
    if not args or args[0] != "validate":
        return None
    paths: list[str] = []
    max_bytes = DEFAULT_MAX_BYTES
    quiet = False
    rest = iter(args[1:])
    for arg in rest:
        if arg in ("-q", "--quiet"):
            quiet = True
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
    return (paths, max_bytes, quiet) if paths else None
