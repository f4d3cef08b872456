"""A loaded spec: what loading hands to the analysis, free of any I/O.

:mod:`cxgap.spec` reads and validates files into a :class:`LoadedSpec`; the
analysis takes it from here, so that the analysis never imports the loader.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cxgap.model import Spec
from cxgap.stages import Stage

if TYPE_CHECKING:
    from cxgap.figures import Figure


@dataclass
class LoadedSpec:
    """A valid spec, ready for analysis."""

    source: str
    spec: Spec
    stages: tuple[Stage, ...]
    lines: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Line and column of each touchpoint, stage, persona and of `journey`."""
    source_lines: tuple[dict[str, tuple[int, int]], ...] = ()
    """For each entry of `sources`: the line and column of the entry ("") and of each of its keys."""
    figures: tuple[Figure, ...] = ()
    """What the survey sources measured (attached by :func:`cxgap.sources.with_sources`)."""

    @property
    def journey_id(self) -> str:
        return self.spec.journey.id or default_journey_id(self.source)

    @property
    def title(self) -> str:
        return self.spec.journey.title

    def line_of(self, subject: str | None) -> tuple[int, int]:
        if subject is not None and subject in self.lines:
            return self.lines[subject]
        return self.lines.get("", (1, 1))

    def source_line(self, index: int, key: str = "") -> tuple[int, int]:
        if index < len(self.source_lines):
            keys = self.source_lines[index]
            return keys.get(key) or keys.get("", (1, 1))
        return self.lines.get("", (1, 1))


def journey_target_key(metric: str) -> str:
    """The key in :attr:`LoadedSpec.lines` of the whole-journey target of ``metric`` (an id has no
    space, so it names no touchpoint, stage or persona)."""
    return f"target {metric}"


def default_journey_id(source: str) -> str:
    if source in ("-", "<stdin>"):
        return "stdin"
    base = os.path.basename(source)
    for ext in (".yaml", ".yml"):
        if base.endswith(ext):
            return base[: -len(ext)]
    return base


def accept_key(index: int) -> str:
    """The key of an `accept` entry in :attr:`LoadedSpec.lines` (no id holds a colon)."""
    return f"accept:{index}"
