"""A generated large journey for the report-size tests (issue 14): 300 customer and
150 company touchpoints over the seven default stages, deterministic, as a YAML string.

Names are long and mixed (some Chinese), channels repeat across stages so that
the analysis finds every kind of gap: met, uncovered, wrong stage, no impact."""

from __future__ import annotations

import random

STAGES = ("out_of_market", "trigger", "consideration", "evaluation", "decision", "experience", "loyalty")
CHANNELS = ("web", "email", "phone", "events", "social media", "partner", "in person", "app", "chat", "print")
WORDS = ("onboarding", "pricing", "comparison", "renewal", "support", "review", "referral", "webinar",
         "checklist", "demo", "trial", "contract", "invoice", "training", "community", "newsletter")


def big_spec(customer: int = 300, company: int = 150, seed: int = 14) -> str:
    rng = random.Random(seed)
    out = ["version: 1", "journey:", "  id: big-journey", "  title: Generated journey with many touchpoints",
           "thesis:", "  statement: Customers expect one consistent conversation from first look to renewal.",
           "customer_touchpoints:"]
    for i in range(1, customer + 1):
        stage = STAGES[(i * 7 + rng.randrange(3)) % len(STAGES)]
        name = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {rng.choice(WORDS)} step {i}"
        if i % 9 == 0:
            name = f"门店{rng.choice(('试用', '咨询', '取货', '退换'))}体验第{i}步"
        out += [f"  - id: c{i:03d}", f"    stage: {stage}", f"    channel: {rng.choice(CHANNELS)}",
                f"    name: {name}", f"    importance: {rng.choice((1, 2, 3, 3, 4, 4, 5))}",
                f"    evidence: {rng.choice(('interview', 'survey', 'analytics', 'assumption'))}"]
    out.append("company_touchpoints:")
    for i in range(1, company + 1):
        stage = STAGES[(i * 3 + rng.randrange(4)) % len(STAGES)]
        out += [f"  - id: k{i:03d}", f"    stage: {stage}", f"    channel: {rng.choice(CHANNELS)}",
                f"    name: Team programme {rng.choice(WORDS)} {i}", f"    owner: team {i % 6 + 1}",
                f"    effort: {rng.choice((1, 2, 3, 5, 8, 13))}"]
    return "\n".join(out) + "\n"
