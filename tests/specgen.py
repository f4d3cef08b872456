"""Seeded random journey specs (plain data), the same for a seed on every machine.

Used by tests/data/frozen/freeze.py to record what the engine said about them
before the experience layer (issue 11), and by tests/test_experience_properties.py
to check that a spec without any experience key still gets exactly that analysis;
:func:`summary` is what both of them take from an analysis.
"""

from __future__ import annotations

import random
from typing import Any

from cxgap.analysis.result import Analysis

STAGES = ("out_of_market", "trigger", "consideration", "evaluation", "decision", "experience", "loyalty")
CHANNELS = ("web", "events", "social", "chat", "email", "Social Media", "social-media", "phone")
PERSONAS = ("ann", "bo", "cy")


def random_spec(seed: int) -> dict[str, Any]:
    """A valid spec without any §5 key: personas, meets, planned/retired touchpoints, metrics, targets."""
    rnd = random.Random(seed)
    cts: list[dict[str, Any]] = []
    for i in range(rnd.randint(0, 14)):
        ct: dict[str, Any] = {
            "id": f"c{i}", "stage": rnd.choice(STAGES), "channel": rnd.choice(CHANNELS),
            "importance": rnd.randint(1, 5), "evidence": rnd.choice(("interview", "assumption", "survey")),
        }
        if rnd.random() < 0.4:
            ct["personas"] = sorted(rnd.sample(PERSONAS, rnd.randint(1, 2)))
        if rnd.random() < 0.25:
            ct["metrics"] = {"nps": rnd.randint(-60, 80)}
        cts.append(ct)
    cos: list[dict[str, Any]] = []
    for i in range(rnd.randint(0, 12)):
        co: dict[str, Any] = {
            "id": f"k{i}", "stage": rnd.choice(STAGES), "channel": rnd.choice(CHANNELS),
            "effort": rnd.choice((0.5, 1, 2, 3, 5, 8, 13, 40)),
            "status": rnd.choice(("active", "active", "active", "planned", "retired")),
        }
        if cts and rnd.random() < 0.35:
            co["meets"] = sorted({rnd.choice(cts)["id"] for _ in range(rnd.randint(1, 3))})
        cos.append(co)
    spec: dict[str, Any] = {
        "version": 1, "journey": {"id": f"gen-{seed}", "title": f"Generated {seed}"},
        "personas": [{"id": p, "name": p.title()} for p in PERSONAS],
        "customer_touchpoints": cts, "company_touchpoints": cos,
    }
    if rnd.random() < 0.5:
        spec["targets"] = [{"metric": "nps", "min": rnd.choice((0, 20, 40))}]
    return spec


def summary(a: Analysis) -> dict[str, Any]:
    """What tests/data/frozen/freeze.py recorded of an analysis, and what the test compares with it."""
    return {
        "scores": [a.scores.score, a.scores.coverage, a.scores.focus],
        "stages": [[s.stage, s.coverage, s.focus, s.importance_share, s.effort_share] for s in a.stage_scores],
        "gaps": [[g.id, g.severity.value] for g in a.gaps],
        "recommendations": {k: list(v) for k, v in a.recommendations.as_dict().items() if k != "fix"},
        "met_by": {k: list(v) for k, v in sorted(a.met_by.items())},
    }
