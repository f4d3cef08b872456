"""`cxgap check` report formats, in one registry: the `--format` choices are its keys.

Each format is a module with ``render(run: CheckRun) -> str``, imported only
when chosen. Adding a format is adding a module and one entry here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI reads the keys at start-up: keep this import light
    from cxgap.gate.check import CheckRun

    Reporter = Callable[[CheckRun], str]

REPORTERS: dict[str, str] = {
    "text": "cxgap.gate.reporters.text",
    "json": "cxgap.gate.reporters.json_report",
    "github": "cxgap.gate.reporters.github",
    "junit": "cxgap.gate.reporters.junit",
}


def get_reporter(name: str) -> Reporter:
    module = importlib.import_module(REPORTERS[name])
    render: Reporter = module.render
    return render
