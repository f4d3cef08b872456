"""What an analysis produces: plain, language-neutral values.

Messages are not stored here: a gap carries its kind, subject and the
numbers behind it (``params``); reports turn them into text in the chosen
language through the catalogs in :mod:`cxgap.i18n`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from cxgap.figures import LOW_SAMPLE, SourceRef
from cxgap.levels import Severity
from cxgap.model import CompanyTouchpoint, CustomerTouchpoint, Persona, Spec, Thesis
from cxgap.stages import Stage

if TYPE_CHECKING:
    from cxgap.analysis.blueprint import Blueprint

SEVERITIES: tuple[Severity, ...] = tuple(Severity)


@dataclass(frozen=True)
class Acceptance:
    """Why the team accepted a gap (an `accept` entry in force)."""

    reason: str
    until: dt.date | None = None


@dataclass(frozen=True)
class Gap:
    """One difference between the customer's map and the company's."""

    kind: str
    severity: Severity
    subject: str
    stage: str | None
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    id_suffix: str = ""
    accepted: Acceptance | None = field(default=None, compare=False)
    """Set when an `accept` entry in force names this gap: listed, but left out of counts and gates."""
    planned: tuple[str, ...] = field(default=(), compare=False)
    """Planned company touchpoints that would close this gap if they were active."""
    retired: tuple[str, ...] = field(default=(), compare=False)
    """Retired company touchpoints that would close it (that used to)."""

    @property
    def counts(self) -> bool:
        """Whether it counts toward severity counts, `fail_on` and regressions (not accepted)."""
        return self.accepted is None

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.subject}{self.id_suffix}"


@dataclass(frozen=True)
class Notice:
    """A warning about the spec that does not stop the analysis (an expired or stale acceptance)."""

    code: str
    """`accept_expired` or `accept_stale`."""
    gap: str
    line: int
    column: int
    until: dt.date | None = None


@dataclass(frozen=True)
class StageScore:
    stage: str
    coverage: float | None
    """% of this stage's customer importance met; None when no customer touchpoints."""
    focus: float | None
    """% of this stage's active company effort that meets something; None when no active effort."""
    importance_share: float
    effort_share: float
    customer_touchpoints: int
    company_touchpoints: int
    importance: int
    effort: float
    frontstage_touchpoints: int = 0
    """Active frontstage company touchpoints running at this stage."""
    met_touchpoints: int = 0
    """Customer touchpoints of this stage that some company touchpoint meets."""
    experience: float | None = None
    """Importance-weighted mean experience value of this stage's touchpoints that give an emotion (the curve)."""


@dataclass(frozen=True)
class MetricResult:
    """One measured metric, and its target when one applies."""

    metric: str
    value: float | None
    method: str
    """How it was computed: `given`, `answers`, `pooled_answers`, `mean_of_values`, `customers`."""
    responses: int | None = None
    touchpoint: str | None = None
    stage: str | None = None
    target_min: float | None = None
    target_max: float | None = None
    margin: float | None = None
    """The 95% margin of error, in the metric's own points (figures from survey sources)."""
    sources: tuple[SourceRef, ...] = ()
    """The survey exports the answers came from, with the rows read from each."""
    level: str = ""
    """"journey" for a whole-journey figure; else the subject is the touchpoint, the stage or the customers."""

    @property
    def low_sample(self) -> bool:
        """A figure from survey sources with fewer than 30 answers."""
        return bool(self.sources) and self.responses is not None and self.responses < LOW_SAMPLE
    unit: str | None = None
    """Shown after the value in reports (`%` for churn and retention, or a measure's `unit`)."""
    scope: str = ""
    """`journey` for a measure of the whole journey; else the subject is the touchpoint, the stage or
    (churn, retention) the customer base."""

    @property
    def has_target(self) -> bool:
        return self.target_min is not None or self.target_max is not None

    @property
    def met(self) -> bool | None:
        if self.value is None or not self.has_target:
            return None
        if self.target_min is not None and self.value < self.target_min:
            return False
        return not (self.target_max is not None and self.value > self.target_max)

    @property
    def subject(self) -> str:
        return self.touchpoint or self.stage or self.scope or ("journey" if self.level == "journey" else "customers")


@dataclass(frozen=True)
class Scores:
    score: float
    coverage: float
    focus: float
    experience: float | None = None
    """The experience score (DESIGN.md §5); None when no touchpoint gives an emotion. Never part of `score`."""


@dataclass(frozen=True)
class Recommendations:
    stop: tuple[str, ...] = ()
    start: tuple[str, ...] = ()
    shift: tuple[str, ...] = ()
    fix: tuple[str, ...] = ()
    """Met customer touchpoints with a friction or below_target gap (DESIGN.md §5)."""
    keep: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, list[str]]:
        return {"stop": list(self.stop), "start": list(self.start), "shift": list(self.shift), "fix": list(self.fix),
                "keep": list(self.keep)}


@dataclass(frozen=True)
class Analysis:
    """The gap analysis of one journey (for one persona, or all)."""

    journey_id: str
    title: str
    source: str
    spec: Spec
    stages: tuple[Stage, ...]
    persona: Persona | None
    thesis: Thesis | None
    customer: tuple[CustomerTouchpoint, ...]
    """The customer touchpoints analysed (only the persona's, with --persona)."""
    company: tuple[CompanyTouchpoint, ...]
    """Every company touchpoint, whatever its status, except those that serve only other personas."""
    scores: Scores
    stage_scores: tuple[StageScore, ...]
    gaps: tuple[Gap, ...]
    recommendations: Recommendations
    metrics: tuple[MetricResult, ...]
    met_by: dict[str, tuple[str, ...]]
    """Customer touchpoint id -> active company touchpoints that meet it."""
    meets: dict[str, tuple[str, ...]]
    """Active company touchpoint id -> customer touchpoints it meets."""
    blueprint: Blueprint
    """Impact and reach of the active company touchpoints, in every lane."""
    lines: dict[str, tuple[int, int]] = field(default_factory=dict)
    mismatch: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Customer touchpoint met by no one -> the other stages where the company is active on its channel."""
    shown: tuple[Severity, ...] = SEVERITIES
    """The severities reported: all of them, or the most severe ones with ``--min-severity``."""
    notices: tuple[Notice, ...] = ()
    """Warnings about the spec: expired and stale acceptances."""
    serves_other_personas: tuple[CompanyTouchpoint, ...] = ()
    """With --persona: active company touchpoints left out because they reach only other personas."""

    @property
    def experience(self) -> float | None:
        return self.scores.experience

    def gap_counts(self) -> dict[str, int]:
        """Gaps per shown severity, worst first, accepted gaps left out; severities left out by
        ``--min-severity`` are not keys."""
        counts = {s.value: 0 for s in self.shown}
        for gap in self.gaps:
            if gap.accepted is None:
                counts[gap.severity.value] += 1
        return counts

    @property
    def accepted_count(self) -> int:
        return sum(1 for gap in self.gaps if gap.accepted is not None)

    def reach(self, co_id: str) -> frozenset[str]:
        """The customer touchpoints an active company touchpoint reaches, in any lane (DESIGN.md §5)."""
        return self.blueprint.reach(co_id)

    def has_impact(self, co_id: str) -> bool:
        """Whether an active company touchpoint has impact (meets someone, or supports one that does)."""
        return self.blueprint.has_impact(co_id)

    def stage(self, stage_id: str) -> Stage:
        for s in self.stages:
            if s.id == stage_id:
                return s
        raise KeyError(stage_id)

    @cached_property
    def labels(self) -> dict[str, str]:
        """Touchpoint id -> its display name."""
        labels = {tp.id: tp.label for tp in self.spec.customer_touchpoints}
        labels.update((tp.id, tp.label) for tp in self.spec.company_touchpoints)
        return labels

    def touchpoint_label(self, tp_id: str) -> str:
        return self.labels.get(tp_id, tp_id)
