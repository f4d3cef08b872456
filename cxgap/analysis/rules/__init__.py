"""The gap rules, one module each, in one registry.

Adding a kind of gap is adding a module with a ``RULE`` and one entry here.
"""

from __future__ import annotations

from cxgap.analysis.rules import (
    assumption,
    below_target,
    dark_stage,
    effort_imbalance,
    no_impact,
    stage_mismatch,
    uncovered,
    unmapped_stage,
)
from cxgap.analysis.rules.base import Context, Rule

RULES: tuple[Rule, ...] = (
    uncovered.RULE,
    stage_mismatch.RULE,
    no_impact.RULE,
    dark_stage.RULE,
    unmapped_stage.RULE,
    effort_imbalance.RULE,
    below_target.RULE,
    assumption.RULE,
)

GAP_KINDS: tuple[str, ...] = tuple(rule.kind for rule in RULES)

__all__ = ["GAP_KINDS", "RULES", "Context", "Rule"]
