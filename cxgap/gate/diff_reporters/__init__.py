"""`cxgap diff` report formats, in one registry: the `--format` choices are its keys.

Each format is a module with ``render(result: DiffResult) -> str``, imported
only when chosen. Adding a format is adding a module and one entry here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI reads the keys at start-up: keep this import light
    from cxgap.gate.compare import DiffResult

    DiffReporter = Callable[[DiffResult], str]

DIFF_REPORTERS: dict[str, str] = {
    "text": "cxgap.gate.diff_reporters.text",
    "json": "cxgap.gate.diff_reporters.json_report",
    "markdown": "cxgap.gate.diff_reporters.markdown",
}


def get_diff_reporter(name: str) -> DiffReporter:
    module = importlib.import_module(DIFF_REPORTERS[name])
    render: DiffReporter = module.render
    return render
