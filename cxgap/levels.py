"""Severity levels and the `fail_on` gate, free of heavy imports so that the
command line can offer them as choices without loading pydantic."""

from __future__ import annotations

from enum import Enum


class Severity(str, Enum):
    """How bad a gap is, worst first."""

    critical = "critical"
    high = "high"
    medium = "medium"
    low = "low"
    info = "info"

    @property
    def rank(self) -> int:
        """0 for critical ... 4 for info: sorts the worst first."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {s: i for i, s in enumerate(Severity)}


class FailOn(str, Enum):
    """The severity from which a gap fails the CI gate; `none` turns it off."""

    critical = "critical"
    high = "high"
    medium = "medium"
    low = "low"
    info = "info"
    none = "none"
