"""How well the company covers each customer touchpoint, on the 1-5 scale of a
Mermaid ``journey`` diagram (and the colour of a touchpoint in the HTML grid).

The scale reads like the gap model, from the customer's side:

====  ==================================================================
5     met by an active company touchpoint, and important (importance 4-5)
4     met by an active company touchpoint (importance 1-3)
3     not met, and minor (importance 1-2); or an importance-3 touchpoint
      the company serves on the same channel at another stage
2     not met, importance 3; or an importance 4-5 touchpoint the company
      serves on the same channel at another stage (a stage mismatch)
1     not met, and important (importance 4-5): a critical or high gap
====  ==================================================================

So 1 and 2 are the ``uncovered`` gaps rated critical/high and medium, and a
stage mismatch (the right channel at the wrong stage) scores one step better
than an outright absence, as its gap is one severity step lower.
"""

from __future__ import annotations

from cxgap.analysis.result import Analysis
from cxgap.model import CustomerTouchpoint

SCALE = (1, 2, 3, 4, 5)


def coverage_score(ct: CustomerTouchpoint, met: bool, mismatch: bool) -> int:
    """The 1-5 score of one customer touchpoint (see the module docstring)."""
    if met:
        return 5 if ct.importance >= 4 else 4
    base = 1 if ct.importance >= 4 else 2 if ct.importance == 3 else 3
    return min(base + 1, 3) if mismatch else base


def coverage_scores(analysis: Analysis) -> dict[str, int]:
    """Customer touchpoint id -> its 1-5 coverage score."""
    return {
        ct.id: coverage_score(ct, bool(analysis.met_by.get(ct.id)), ct.id in analysis.mismatch)
        for ct in analysis.customer
    }
