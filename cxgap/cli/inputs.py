"""Command-line paths to spec files: directories expand to every spec under them."""

from __future__ import annotations

import os

from cxgap.problems import UsageError

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
                raise UsageError(f"no *.yaml or *.yml files under {path}")
            files.extend(found)
        else:
            files.append(path)
    return files, any_dir


def _walk(top: str) -> list[str]:
    out: list[str] = []
    for root, dirs, names in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out.extend(os.path.join(root, n) for n in names if n.endswith(SPEC_SUFFIXES) and not n.startswith("."))
    return out
