"""Figures computed from survey answers: the value, how many answers (n) and
the 95% margin of error (DESIGN.md §6). Pure arithmetic over answer counts,
kept out of :mod:`cxgap.sources` (which reads files) so that the analysis
can use it without importing anything that does I/O.

* NPS: % promoters (9-10) minus % detractors (0-6); margin
  ``1.96 × √((p + d − (p − d)²) / n) × 100`` with p, d the two shares.
* CSAT, and a top-box metric of your own: the share of answers that count, in %;
  margin ``1.96 × √(s(1 − s) / n) × 100``.
* CES: the mean answer; margin ``1.96 × sd / √n`` (sample standard deviation;
  none for a single answer).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

Z95 = 1.96
LOW_SAMPLE = 30
"""Fewer answers than this is a low sample: marked in reports, and a missed target is at most medium."""


def _round1(value: float) -> float:
    # One decimal, half away from zero: the rule of analysis.numbers.round1 (the analysis layer sits above this one).
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)) + 0.0


def nps_of(counts: Mapping[float, int]) -> tuple[float, float]:
    n = sum(counts.values())
    p = sum(c for a, c in counts.items() if a >= 9) / n
    d = sum(c for a, c in counts.items() if a <= 6) / n
    return (p - d) * 100, Z95 * math.sqrt(max(p + d - (p - d) ** 2, 0.0) / n) * 100


def share_of(counts: Mapping[float, int], box: Collection[float]) -> tuple[float, float]:
    n = sum(counts.values())
    s = sum(c for a, c in counts.items() if a in box) / n
    return s * 100, Z95 * math.sqrt(s * (1 - s) / n) * 100


def mean_of(counts: Mapping[float, int]) -> tuple[float, float | None]:
    n = sum(counts.values())
    mean = sum(a * c for a, c in counts.items()) / n
    if n < 2:
        return mean, None
    var = sum(c * (a - mean) ** 2 for a, c in counts.items()) / (n - 1)
    return mean, Z95 * math.sqrt(var) / math.sqrt(n)


CSAT_BOX = (4.0, 5.0)


def compute(metric: str, counts: Mapping[float, int], top_box: Collection[float] | None) -> tuple[float, float | None]:
    """(value, margin) of ``metric`` from answer counts (at least one answer), unrounded."""
    if metric == "nps":
        return nps_of(counts)
    if metric == "ces":
        return mean_of(counts)
    return share_of(counts, CSAT_BOX if metric == "csat" else frozenset(top_box or ()))


@dataclass(frozen=True)
class SourceRef:
    """Where a figure's answers came from: a file and how many of its rows were read."""

    file: str
    rows: int


@dataclass(frozen=True)
class Figure:
    """One metric of one subject (a touchpoint, a stage, or the whole journey) from survey sources."""

    metric: str
    value: float
    margin: float | None
    n: int
    sources: tuple[SourceRef, ...]
    touchpoint: str | None = None
    stage: str | None = None
    source_index: int = 0
    """Index of the first `sources` entry that feeds it (for the line in the spec)."""

    @property
    def low_sample(self) -> bool:
        return self.n < LOW_SAMPLE

    @property
    def level(self) -> str:
        return "touchpoint" if self.touchpoint else "stage" if self.stage else "journey"


def figure(metric: str, counts: Mapping[float, int], top_box: Collection[float] | None, sources: tuple[SourceRef, ...],
           touchpoint: str | None = None, stage: str | None = None, source_index: int = 0) -> Figure:
    value, margin = compute(metric, counts, top_box)
    return Figure(metric, _round1(value), None if margin is None else _round1(margin), sum(counts.values()),
                  sources, touchpoint, stage, source_index)
