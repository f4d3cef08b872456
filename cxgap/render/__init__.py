"""Report formats, in one registry: the `--format` choices are its keys.

Each format is a module with ``render(analyses, options) -> str`` and its
`-o` suffixes; it is
imported only when chosen, so Rich and Jinja2 load only when they render.
Adding a format is adding a module and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cxgap.registry import FormatEntry, load_renderer

if TYPE_CHECKING:  # the CLI reads the keys at start-up: keep this import light
    from cxgap.analysis.result import Analysis
    from cxgap.problems import Problem

FORMATS: dict[str, FormatEntry] = {
    "table": FormatEntry("cxgap.render.table", (".txt",)),
    "markdown": FormatEntry("cxgap.render.markdown", (".md", ".markdown")),
    "html": FormatEntry("cxgap.render.html", (".html", ".htm")),
    "json": FormatEntry("cxgap.render.json_report", (".json",)),
    "csv": FormatEntry("cxgap.render.csv_report", (".csv",)),
    "pdf": FormatEntry("cxgap.render.pdf", (".pdf",)),
}
"""Format name -> its module and `-o` suffixes. The first entry is the default on a terminal."""


@dataclass(frozen=True)
class RenderOptions:
    lang: str = "en"
    show_all: bool = False
    """Terminal table: show every gap, not only the most severe 50."""
    color: bool = False
    width: int | None = None
    errors: Sequence[Problem] = field(default=())
    """Why specs could not be analysed (directory runs)."""


Renderer = Callable[[Sequence["Analysis"], RenderOptions], "str | bytes"]
"""A format's ``render``: text, or bytes for a binary format (PDF)."""


def get_renderer(name: str) -> Renderer:
    render: Renderer = load_renderer(FORMATS, name)
    return render
