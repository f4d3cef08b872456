"""The experience score and the experience curve (DESIGN.md §5, "Experience").

An emotion (-2 .. +2) maps to an experience value ``(emotion + 2) x 25``
(0, 25, 50, 75, 100). **experience** is the importance-weighted mean of that
value over the customer touchpoints that give an emotion, 0-100 with one
decimal; per stage the same over the stage's touchpoints (the experience
curve). None where no touchpoint gives an emotion. It stands beside the
alignment score and is never mixed into it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from cxgap.analysis.numbers import round1
from cxgap.model import CustomerTouchpoint
from cxgap.stages import Stage


def experience_value(emotion: int) -> int:
    """-2 -> 0, -1 -> 25, 0 -> 50, +1 -> 75, +2 -> 100."""
    return (emotion + 2) * 25


def experience(customer: Iterable[CustomerTouchpoint]) -> float | None:
    """The importance-weighted mean experience value; None when no touchpoint gives an emotion."""
    weighted = 0
    weight = 0
    for ct in customer:
        if ct.emotion is not None:
            weighted += ct.importance * experience_value(ct.emotion)
            weight += ct.importance
    return round1(weighted / weight) if weight else None


def curve(stages: Sequence[Stage], customer: Iterable[CustomerTouchpoint]) -> dict[str, float | None]:
    """Stage id -> the experience of that stage's customer touchpoints (None: no emotion given there)."""
    weighted = {s.id: 0 for s in stages}
    weight = dict(weighted)
    for ct in customer:
        if ct.emotion is not None:
            weighted[ct.stage] += ct.importance * experience_value(ct.emotion)
            weight[ct.stage] += ct.importance
    return {s: round1(weighted[s] / weight[s]) if weight[s] else None for s in weighted}
