"""The CI policy: when does a journey pass `cxgap check`?

Three rules, each from the spec's ``policy:`` block unless a flag overrides it:

* ``min_score``: the alignment score must be at least this (default: no minimum);
* ``min_experience``: the experience score must be at least this (default: no
  minimum); a spec that gives no emotion passes it, with a note;
* ``fail_on``: no gap may be of this severity or worse (default ``critical``;
  ``none`` turns the rule off).

Pure: an :class:`~cxgap.analysis.result.Analysis` and a :class:`Policy` in,
a :class:`Verdict` with every reason out. No I/O, no text for humans.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cxgap.analysis.result import Analysis, Gap
from cxgap.levels import FailOn, Severity
from cxgap.model import Policy as SpecPolicy

Origin = Literal["default", "spec", "flag"]
"""Where a threshold came from."""

DEFAULT_FAIL_ON = FailOn.critical
"""`cxgap check` without a spec policy or a flag: fail on critical gaps only."""


def severity_of(fail_on: FailOn) -> Severity | None:
    """The severity a ``fail_on`` value names; None for ``none`` (the gate is off)."""
    return None if fail_on is FailOn.none else Severity(fail_on.value)


def at_or_above(severity: Severity, threshold: Severity | None) -> bool:
    """Is ``severity`` as bad as ``threshold`` or worse? Never, when the gate is off."""
    return threshold is not None and severity.rank <= threshold.rank


@dataclass(frozen=True)
class Policy:
    """The thresholds that apply to one spec, and where each came from."""

    min_score: float | None = None
    fail_on: FailOn = DEFAULT_FAIL_ON
    min_score_origin: Origin = "default"
    fail_on_origin: Origin = "default"
    min_experience: float | None = None
    min_experience_origin: Origin = "default"

    @property
    def threshold(self) -> Severity | None:
        return severity_of(self.fail_on)

    def breaks(self, gap: Gap) -> bool:
        """Does this gap, alone, fail the check?"""
        return at_or_above(gap.severity, self.threshold)


def resolve_fail_on(spec: SpecPolicy | None, flag: FailOn | None, default: FailOn) -> tuple[FailOn, Origin]:
    """The flag, else the spec's ``fail_on``, else ``default``."""
    if flag is not None:
        return flag, "flag"
    if spec is not None and spec.fail_on is not None:
        return spec.fail_on, "spec"
    return default, "default"


def _resolve_minimum(flag: float | None, spec_value: float | None) -> tuple[float | None, Origin]:
    if flag is not None:
        return flag, "flag"
    if spec_value is not None:
        return spec_value, "spec"
    return None, "default"


def resolve(
    spec: SpecPolicy | None, *, min_score: float | None = None, fail_on: FailOn | None = None,
    min_experience: float | None = None,
) -> Policy:
    """The policy for one spec: each flag given overrides the spec's value."""
    score: float | None
    score_origin: Origin
    if min_score is not None:
        score, score_origin = min_score, "flag"
    elif spec is not None and spec.min_score is not None:
        score, score_origin = spec.min_score, "spec"
    else:
        score, score_origin = None, "default"
    severity, severity_origin = resolve_fail_on(spec, fail_on, DEFAULT_FAIL_ON)
    experience, experience_origin = _resolve_minimum(min_experience, spec.min_experience if spec else None)
    return Policy(score, severity, score_origin, severity_origin, experience, experience_origin)


@dataclass(frozen=True)
class Reason:
    """One thing that broke the policy: the score, or one gap."""

    rule: Literal["min_score", "min_experience", "fail_on"]
    gap: Gap | None = None


@dataclass(frozen=True)
class Verdict:
    """Pass or fail, and why."""

    policy: Policy
    score: float
    reasons: tuple[Reason, ...]
    experience: float | None = None
    """The experience score; None when the spec gives no emotion (min_experience then passes, with a note)."""

    @property
    def passed(self) -> bool:
        return not self.reasons

    @property
    def score_ok(self) -> bool:
        return not any(r.rule == "min_score" for r in self.reasons)

    @property
    def experience_ok(self) -> bool:
        return not any(r.rule == "min_experience" for r in self.reasons)

    @property
    def breaking(self) -> tuple[Gap, ...]:
        """The gaps at or above ``fail_on``, most severe first."""
        return tuple(r.gap for r in self.reasons if r.gap is not None)


def evaluate(analysis: Analysis, policy: Policy) -> Verdict:
    """Apply the policy to an analysis: the score rules first, then each gap in report order."""
    reasons: list[Reason] = []
    score = analysis.scores.score
    experience = analysis.scores.experience
    if policy.min_score is not None and score < policy.min_score:
        reasons.append(Reason("min_score"))
    if policy.min_experience is not None and experience is not None and experience < policy.min_experience:
        reasons.append(Reason("min_experience"))
    reasons.extend(Reason("fail_on", gap) for gap in analysis.gaps if gap.counts and policy.breaks(gap))
    return Verdict(policy, score, tuple(reasons), experience)
