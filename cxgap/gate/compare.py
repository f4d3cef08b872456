"""`cxgap diff` as values: what a change to a spec does to the journey.

Two analyses of the same journey (a base and a head revision) are compared
by their stable gap ids (DESIGN.md §2): gaps opened, closed and changed in
severity; score, coverage and focus before and after; per-stage changes;
changes to the stop/start/shift/keep lists; and the spec's own policy.

A **regression** is a lower score, a lower experience, or a gap newly at or above the
``fail_on`` threshold: opened at that severity or worse, or escalated to it
from below. An accepted gap is never a regression. The overlay's own changes
(touchpoints, declared links, status, effort) are listed too. Pure: no I/O, no text for humans.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

from cxgap.analysis.numbers import round1
from cxgap.analysis.result import Analysis, Gap, MetricResult, StageScore
from cxgap.gate.overlay import OverlayDiff, overlay_diff
from cxgap.gate.policy import Origin, at_or_above, severity_of
from cxgap.levels import FailOn, Severity
from cxgap.problems import Problem
from cxgap.stages import Stage

LISTS = ("stop", "start", "shift", "fix", "keep")
STAGE_FIELDS = ("coverage", "focus", "importance_share", "effort_share", "customer_touchpoints", "company_touchpoints",
                "experience")


@dataclass(frozen=True)
class Change:
    """One figure before and after (None: not measurable, e.g. a stage with no touchpoints)."""

    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round1(self.after - self.before)

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class SeverityChange:
    before: Gap
    after: Gap

    @property
    def id(self) -> str:
        return self.after.id

    @property
    def worse(self) -> bool:
        return self.after.severity.rank < self.before.severity.rank


@dataclass(frozen=True)
class StageChange:
    stage: Stage
    coverage: Change
    focus: Change
    importance_share: Change
    effort_share: Change
    customer_touchpoints: Change
    company_touchpoints: Change
    experience: Change

    @property
    def changed(self) -> bool:
        return any(getattr(self, name).changed for name in STAGE_FIELDS)


@dataclass(frozen=True)
class ListChange:
    """Ids that joined or left one recommendation list."""

    name: str
    added: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True)
class PolicyChange:
    rule: Literal["min_score", "min_experience", "fail_on"]
    before: float | str | None
    after: float | str | None
    """None: not set in that revision's ``policy:`` block."""


@dataclass(frozen=True)
class MetricChange:
    """One measured metric of one subject in both revisions (None: not measured in that one).

    Whether a change is more than sampling noise: two independent samples, each with its 95%
    margin, differ significantly (at about 95%) when the difference exceeds ``√(m₁² + m₂²)``."""

    metric: str
    subject: str
    before: MetricResult | None
    after: MetricResult | None

    @property
    def value(self) -> Change:
        return Change(self.before.value if self.before else None, self.after.value if self.after else None)

    @property
    def n(self) -> Change:
        return Change(self.before.responses if self.before else None, self.after.responses if self.after else None)

    @property
    def noise(self) -> float | None:
        """The 95% margin of the difference, when both figures have a margin."""
        if self.before is None or self.after is None or self.before.margin is None or self.after.margin is None:
            return None
        return round1(math.sqrt(self.before.margin ** 2 + self.after.margin ** 2))

    @property
    def beyond_noise(self) -> bool | None:
        delta, noise = self.value.delta, self.noise
        if delta is None or noise is None:
            return None
        return abs(delta) > noise


@dataclass(frozen=True)
class Comparison:
    base: Analysis
    head: Analysis
    score: Change
    coverage: Change
    focus: Change
    experience: Change
    """None on a side that gives no emotion."""
    opened: tuple[Gap, ...]
    """Gaps only in the head, in report order (most severe first)."""
    closed: tuple[Gap, ...]
    """Gaps only in the base, in report order."""
    severity_changed: tuple[SeverityChange, ...]
    stages: tuple[StageChange, ...]
    """Every stage of either revision, head order first; see ``StageChange.changed``."""
    recommendations: tuple[ListChange, ...]
    """Only the lists that changed."""
    policy: tuple[PolicyChange, ...]
    """The spec's own ``policy:`` values that changed (a review should notice a loosened gate)."""
    metrics: tuple[MetricChange, ...] = ()
    """Measured metrics whose value or number of answers changed, in head report order."""
    overlay: OverlayDiff = field(default_factory=lambda: OverlayDiff((), ()))
    """Touchpoints and declared links that changed (see :mod:`cxgap.gate.overlay`)."""

    @property
    def changed_stages(self) -> tuple[StageChange, ...]:
        return tuple(s for s in self.stages if s.changed)

    @property
    def gaps_changed(self) -> bool:
        return bool(self.opened or self.closed or self.severity_changed)


def _stage_change(stage: Stage, before: StageScore | None, after: StageScore | None) -> StageChange:
    def change(name: str) -> Change:
        return Change(getattr(before, name) if before else None, getattr(after, name) if after else None)

    return StageChange(stage, *(change(name) for name in STAGE_FIELDS))


def _stages(base: Analysis, head: Analysis) -> tuple[StageChange, ...]:
    before = {s.stage: s for s in base.stage_scores}
    after = {s.stage: s for s in head.stage_scores}
    order = [*head.stages, *(s for s in base.stages if s.id not in after)]
    return tuple(_stage_change(stage, before.get(stage.id), after.get(stage.id)) for stage in order)


def _lists(base: Analysis, head: Analysis) -> tuple[ListChange, ...]:
    out = []
    for name in LISTS:
        old, new = getattr(base.recommendations, name), getattr(head.recommendations, name)
        old_ids, new_ids = set(old), set(new)
        added = tuple(x for x in new if x not in old_ids)
        removed = tuple(x for x in old if x not in new_ids)
        if added or removed:
            out.append(ListChange(name, added, removed))
    return tuple(out)


def _policy(base: Analysis, head: Analysis) -> tuple[PolicyChange, ...]:
    old, new = base.spec.policy, head.spec.policy
    out = []
    score_before, score_after = old.min_score if old else None, new.min_score if new else None
    if score_before != score_after:
        out.append(PolicyChange("min_score", score_before, score_after))
    exp_before, exp_after = old.min_experience if old else None, new.min_experience if new else None
    if exp_before != exp_after:
        out.append(PolicyChange("min_experience", exp_before, exp_after))
    fail_before = old.fail_on.value if old and old.fail_on else None
    fail_after = new.fail_on.value if new and new.fail_on else None
    if fail_before != fail_after:
        out.append(PolicyChange("fail_on", fail_before, fail_after))
    return tuple(out)


def _metrics(base: Analysis, head: Analysis) -> tuple[MetricChange, ...]:
    def key(m: MetricResult) -> tuple[str, str]:
        return m.metric, m.subject

    before = {key(m): m for m in base.metrics}
    after = {key(m): m for m in head.metrics}
    order = [*after, *(k for k in before if k not in after)]
    out = []
    for k in order:
        change = MetricChange(k[0], k[1], before.get(k), after.get(k))
        if change.value.changed or change.n.changed:
            out.append(change)
    return tuple(out)


def compare(base: Analysis, head: Analysis) -> Comparison:
    """What changed from ``base`` to ``head`` (two revisions of one journey)."""
    before = {g.id: g for g in base.gaps}
    after = {g.id: g for g in head.gaps}
    return Comparison(
        base=base,
        head=head,
        score=Change(base.scores.score, head.scores.score),
        coverage=Change(base.scores.coverage, head.scores.coverage),
        focus=Change(base.scores.focus, head.scores.focus),
        experience=Change(base.scores.experience, head.scores.experience),
        opened=tuple(g for g in head.gaps if g.id not in before),
        closed=tuple(g for g in base.gaps if g.id not in after),
        severity_changed=tuple(
            SeverityChange(before[g.id], g) for g in head.gaps if g.id in before and before[g.id].severity != g.severity
        ),
        stages=_stages(base, head),
        recommendations=_lists(base, head),
        policy=_policy(base, head),
        metrics=_metrics(base, head),
        overlay=overlay_diff(base.spec, head.spec),
    )


@dataclass(frozen=True)
class Regression:
    """One reason the head is worse than the base."""

    kind: Literal["score", "experience", "opened", "escalated"]
    gap: Gap | None = None
    before: Severity | None = None
    """For ``escalated``: the severity in the base."""


@dataclass(frozen=True)
class DiffResult:
    """A comparison judged against a ``fail_on`` threshold."""

    comparison: Comparison
    fail_on: FailOn
    fail_on_origin: Origin
    regressions: tuple[Regression, ...]
    warnings: tuple[Problem, ...] = ()
    """What loading the two sides said without failing (survey answers naming no touchpoint)."""
    lang: str = "en"
    """The language of the report."""

    @property
    def regressed(self) -> bool:
        return bool(self.regressions)


def regressions(comparison: Comparison, fail_on: FailOn) -> tuple[Regression, ...]:
    """A lower score; a lower experience; each opened gap at or above ``fail_on``; each gap escalated to it
    from below. (Experience measured on one side only is no regression: nothing to compare.)"""
    threshold = severity_of(fail_on)
    out: list[Regression] = []
    delta = comparison.score.delta
    if delta is not None and delta < 0:
        out.append(Regression("score"))
    felt = comparison.experience.delta
    if felt is not None and felt < 0:
        out.append(Regression("experience"))
    out.extend(Regression("opened", gap) for gap in comparison.opened
               if gap.counts and at_or_above(gap.severity, threshold))
    out.extend(
        Regression("escalated", ch.after, ch.before.severity)
        for ch in comparison.severity_changed
        if ch.after.counts and at_or_above(ch.after.severity, threshold)
        and not at_or_above(ch.before.severity, threshold)
    )
    return tuple(out)


def judge(comparison: Comparison, fail_on: FailOn, origin: Origin, lang: str = "en") -> DiffResult:
    return DiffResult(comparison, fail_on, origin, regressions(comparison, fail_on), lang=lang)

