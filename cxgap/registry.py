"""Format registries: one per extension point whose keys drive the command line.

A registry maps a format name (the ``--format`` choice) to the module that
renders it and the ``-o`` suffixes that pick it. The module is imported only
when the format is used, so the command line can list the choices without
loading Rich, Jinja2 or the analysis.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FormatEntry:
    """One report format: the module with its ``render`` function, and the output suffixes it owns."""

    module: str
    suffixes: tuple[str, ...] = ()


Registry = Mapping[str, FormatEntry]

FOREIGN_SUFFIXES = frozenset((
    ".doc", ".docx", ".odt", ".rtf", ".pages", ".xls", ".xlsx", ".ods", ".numbers", ".ppt", ".pptx", ".odp",
    ".key", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".tif", ".tiff", ".epub", ".ps", ".eps", ".tex",
    ".yaml", ".yml", ".toml", ".rst", ".adoc", ".org", ".pdf", ".xml", ".md", ".markdown", ".html", ".htm",
    ".json", ".csv", ".txt",
))
"""Suffixes that name a document, image or data format. One that the command's
registry does not own is refused for ``-o`` without ``--format``: a file named
.docx (or .pdf where no PDF is written) never silently holds another format."""


def format_for_suffix(registry: Registry, output: str | None) -> str | None:
    """The format whose suffixes include the suffix of ``output`` (case-insensitive), else None."""
    suffix = os.path.splitext(output or "")[1].lower()
    if not suffix:
        return None
    for name, entry in registry.items():
        if suffix in entry.suffixes:
            return name
    return None


def load_renderer(registry: Registry, name: str) -> Any:
    """The ``render`` function of a registered format (imported now, not before)."""
    return importlib.import_module(registry[name].module).render
