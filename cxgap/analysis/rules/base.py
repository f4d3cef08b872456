"""What every gap rule sees, and the small shared helpers of the rules."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from cxgap.analysis.blueprint import Blueprint
from cxgap.analysis.result import Gap, MetricResult, StageScore
from cxgap.levels import Severity
from cxgap.model import CompanyTouchpoint, CustomerTouchpoint
from cxgap.stages import Stage


@dataclass(frozen=True)
class Context:
    """The overlay of the two maps, ready for the rules to read."""

    stages: tuple[Stage, ...]
    customer: tuple[CustomerTouchpoint, ...]
    active: tuple[CompanyTouchpoint, ...]
    met_by: dict[str, tuple[str, ...]]
    stage_scores: dict[str, StageScore]
    total_effort: float
    metrics: tuple[MetricResult, ...]
    mismatch: dict[str, tuple[str, ...]]
    """Uncovered customer touchpoint id -> other stages where the company is on its channel."""
    blueprint: Blueprint
    """Impact and reach of the active company touchpoints, in every lane."""
    serving_elsewhere: frozenset[str] = frozenset()
    """Ids of ``mismatch`` whose channel meets customers at its other stages (extend it, do not move it)."""


class Subject(str, Enum):
    """What a kind of gap is about: it decides where the gap points in the file and how reports name it."""

    customer_touchpoint = "customer_touchpoint"
    company_touchpoint = "company_touchpoint"
    stage = "stage"
    metric = "metric"
    """A measured metric: its touchpoint (``params["touchpoint"]``), its stage, or ``customers``."""

    @property
    def is_touchpoint(self) -> bool:
        return self in (Subject.customer_touchpoint, Subject.company_touchpoint)


TextKeys = Callable[[Gap], tuple[str, str]]
"""A gap -> the catalog keys of its message and its recommendation."""


@dataclass(frozen=True)
class Rule:
    """One kind of gap, and everything the rest of cxgap knows about it.

    The engine runs ``check``; reports name the subject by ``subject`` and take
    the gap's texts from the catalog keys ``text_keys`` gives (by default
    ``gap.<kind>.message`` and ``gap.<kind>.recommendation``); ``cxgap rules``
    and the README's table list ``raised_for``, ``severity`` and ``doc``.
    """

    kind: str
    subject: Subject
    check: Callable[[Context], Iterable[Gap]]
    raised_for: str
    """One line: what the gap is raised for."""
    severity: str
    """Its default severity, as the user reads it (`critical`, or how it is chosen)."""
    doc: str | None
    """The user documentation: the rule module's docstring."""
    text_keys: TextKeys | None = None
    catalog_keys: tuple[str, ...] = ()
    """Every message and recommendation key ``text_keys`` may give (default: the two plain ones)."""

    def keys(self, gap: Gap) -> tuple[str, str]:
        """The catalog keys of this gap's message and recommendation."""
        if self.text_keys is not None:
            return self.text_keys(gap)
        return f"gap.{self.kind}.message", f"gap.{self.kind}.recommendation"

    @property
    def label_key(self) -> str:
        return f"kind.{self.kind}"

    @property
    def all_keys(self) -> tuple[str, ...]:
        """Every catalog key the rule uses: its label, its messages and recommendations."""
        texts = self.catalog_keys or (f"gap.{self.kind}.message", f"gap.{self.kind}.recommendation")
        return (self.label_key, *texts)

    @property
    def documentation(self) -> str:
        return inspect.cleandoc(self.doc or self.raised_for)


_BY_IMPORTANCE = {5: Severity.critical, 4: Severity.high, 3: Severity.medium, 2: Severity.low, 1: Severity.low}
_ORDER = tuple(Severity)


def severity_for_importance(importance: int) -> Severity:
    """5 critical, 4 high, 3 medium, 1-2 low."""
    return _BY_IMPORTANCE[importance]


def one_step_below(severity: Severity) -> Severity:
    return _ORDER[min(_ORDER.index(severity) + 1, len(_ORDER) - 1)]


def one_step_up(severity: Severity) -> Severity:
    """One step more severe, never above critical."""
    return _ORDER[max(_ORDER.index(severity) - 1, 0)]


def touchpoint_gap(kind: str, severity: Severity, ct: CustomerTouchpoint, **params: Any) -> Gap:
    """A gap about a customer touchpoint: at its stage, naming its label, channel and importance, then ``params``."""
    return Gap(kind, severity, ct.id, ct.stage,
               {"name": ct.label, "channel": ct.channel, "importance": ct.importance, **params})
