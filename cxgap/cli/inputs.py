"""Command-line paths to spec files: directories expand to every spec under them."""

from __future__ import annotations

import os

from cxgap.i18n import messages, os_reason
from cxgap.problems import UsageError, display_name, worded

SPEC_SUFFIXES = (".yaml", ".yml")


def expand_paths(paths: list[str]) -> tuple[list[str], bool]:
    """The spec files named by ``paths``, in a stable order, and whether any
    path was a directory (which asks for a portfolio summary)."""
    files: list[str] = []
    any_dir = False
    for path in paths:
        if path != "-" and os.path.isdir(path):
            any_dir = True
            found = sorted(_walk(path))
            if not found:
                name = display_name(path)
                raise UsageError(worded("problem.no_specs", None, f"no *.yaml or *.yml files under {name}", path=name))
            files.extend(found)
        else:
            files.append(path)
    return files, any_dir


def _unreadable(err: OSError) -> None:
    c = messages()
    where = display_name(str(err.filename)) if err.filename is not None else c.t("cli.a_directory")
    raise UsageError(c.t("cli.unreadable_directory", directory=where, reason=os_reason(err)))


def _walk(top: str) -> list[str]:
    """Spec files under ``top``, hidden ones left out. A directory that cannot
    be read stops the run (exit 2): skipping it silently would pass a gate
    that never saw its specs. A FIFO or device named like a spec is listed
    and then refused unread by the loader, as one failed spec."""
    out: list[str] = []
    for root, dirs, names in os.walk(top, onerror=_unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out.extend(os.path.join(root, n) for n in names if n.endswith(SPEC_SUFFIXES) and not n.startswith("."))
    return out
