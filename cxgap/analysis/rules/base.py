"""What every gap rule sees, and the small shared helpers of the rules."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

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
    meets: dict[str, tuple[str, ...]]
    stage_scores: dict[str, StageScore]
    total_effort: float
    metrics: tuple[MetricResult, ...]
    mismatch: dict[str, tuple[str, ...]]
    """Uncovered customer touchpoint id -> other stages where the company is on its channel."""


@dataclass(frozen=True)
class Rule:
    """One kind of gap: its name, and the function that finds its gaps."""

    kind: str
    check: Callable[[Context], Iterable[Gap]]
    summary: str


_BY_IMPORTANCE = {5: Severity.critical, 4: Severity.high, 3: Severity.medium, 2: Severity.low, 1: Severity.low}
_ORDER = tuple(Severity)


def severity_for_importance(importance: int) -> Severity:
    """5 critical, 4 high, 3 medium, 1-2 low."""
    return _BY_IMPORTANCE[importance]


def one_step_below(severity: Severity) -> Severity:
    return _ORDER[min(_ORDER.index(severity) + 1, len(_ORDER) - 1)]
