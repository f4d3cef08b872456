"""`cxgap diff` report formats, in one registry: the `--format` choices are its keys.

Each format is a module with ``render(result: DiffResult) -> str``, imported
only when chosen. Adding a format is adding a module and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from cxgap.registry import FormatEntry, load_renderer

if TYPE_CHECKING:  # the CLI reads the keys at start-up: keep this import light
    from cxgap.gate.compare import DiffResult

    DiffReporter = Callable[[DiffResult], str]

DIFF_REPORTERS: dict[str, FormatEntry] = {
    "text": FormatEntry("cxgap.gate.diff_reporters.text", (".txt",)),
    "json": FormatEntry("cxgap.gate.diff_reporters.json_report", (".json",)),
    "markdown": FormatEntry("cxgap.gate.diff_reporters.markdown", (".md", ".markdown")),
}


def get_diff_reporter(name: str) -> DiffReporter:
    render: DiffReporter = load_renderer(DIFF_REPORTERS, name)
    return render
