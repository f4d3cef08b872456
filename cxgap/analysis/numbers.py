"""Percentages and rounding, the same everywhere: one decimal, half up."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_TENTH = Decimal("0.1")


def round1(value: float) -> float:
    """Round to one decimal, half away from zero (12.25 -> 12.3), as people do by hand."""
    return float(Decimal(repr(value)).quantize(_TENTH, rounding=ROUND_HALF_UP)) + 0.0


def percent(part: float, whole: float) -> float:
    """``part`` as a percentage of ``whole`` (unrounded); 0 when there is no whole."""
    return part * 100.0 / whole if whole else 0.0
