"""The gap rules, one module each, in one registry.

Each rule module owns its kind, its subject type, its catalog keys and its
user documentation (its docstring); see :class:`Rule`. Adding a kind of gap is
adding a module with a ``RULE``, one entry here and its texts in the catalogs.
The engine runs the rules in this order; ``cxgap rules`` lists them.
"""

from __future__ import annotations

from cxgap.analysis.rules import (
    assumption,
    below_target,
    dark_stage,
    effort_imbalance,
    friction,
    no_impact,
    stage_mismatch,
    uncovered,
    unmapped_stage,
)
from cxgap.analysis.rules.base import Context, Rule, Subject

RULES: dict[str, Rule] = {rule.kind: rule for rule in (
    uncovered.RULE,
    stage_mismatch.RULE,
    friction.RULE,
    no_impact.RULE,
    dark_stage.RULE,
    unmapped_stage.RULE,
    effort_imbalance.RULE,
    below_target.RULE,
    assumption.RULE,
)}
"""Gap kind -> its rule."""


def rule_for(kind: str) -> Rule:
    return RULES[kind]


__all__ = ["RULES", "Context", "Rule", "Subject", "rule_for"]
