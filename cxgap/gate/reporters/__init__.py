"""`cxgap check` report formats, in one registry: the `--format` choices are its keys.

Each format is a module with ``render(run: CheckRun) -> str``, imported only
when chosen. Adding a format is adding a module and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from cxgap.registry import FormatEntry, load_renderer

if TYPE_CHECKING:  # the CLI reads the keys at start-up: keep this import light
    from cxgap.gate.check import CheckRun

    Reporter = Callable[[CheckRun], str]

REPORTERS: dict[str, FormatEntry] = {
    "text": FormatEntry("cxgap.gate.reporters.text", (".txt",)),
    "json": FormatEntry("cxgap.gate.reporters.json_report", (".json",)),
    "github": FormatEntry("cxgap.gate.reporters.github"),
    "junit": FormatEntry("cxgap.gate.reporters.junit", (".xml",)),
}


def get_reporter(name: str) -> Reporter:
    render: Reporter = load_renderer(REPORTERS, name)
    return render
