"""Report formats, in one registry: the `--format` choices are its keys.

Each format is a module with ``render(analyses, options) -> str``; it is
imported only when chosen, so Rich and Jinja2 load only when they render.
Adding a format is adding a module and one entry here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from cxgap.analysis.result import Analysis

FORMATS: dict[str, str] = {
    "table": "cxgap.render.table",
    "markdown": "cxgap.render.markdown",
    "html": "cxgap.render.html",
    "json": "cxgap.render.json_report",
    "csv": "cxgap.render.csv_report",
}


@dataclass(frozen=True)
class RenderOptions:
    lang: str = "en"
    show_all: bool = False
    """Terminal table: show every gap, not only the most severe 50."""
    color: bool = False
    width: int | None = None
    errors: Sequence[dict[str, Any]] = field(default=())
    """Specs that could not be analysed (directory runs), as problem dicts."""


Renderer = Callable[[Sequence[Analysis], RenderOptions], str]


def get_renderer(name: str) -> Renderer:
    module = importlib.import_module(FORMATS[name])
    render: Renderer = module.render
    return render
