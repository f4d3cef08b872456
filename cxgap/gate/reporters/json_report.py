"""`--format json`: the verdict and its reasons, per spec and overall.

``format`` is ``cxgap-check/1``; keys are stable and the output is
deterministic. Each reason names its rule; a gap reason carries the gap as
`cxgap analyze` reports it, plus its line and column.
"""

from __future__ import annotations

import json
from typing import Any

from cxgap.gate import texts
from cxgap.gate.check import STATUSES, CheckRun, SpecCheck
from cxgap.gate.locations import gap_location, journey_location
from cxgap.gate.policy import Policy

FORMAT = "cxgap-check/1"


def policy_dict(policy: Policy) -> dict[str, Any]:
    return {
        "min_score": policy.min_score,
        "min_experience": policy.min_experience,
        "fail_on": policy.fail_on.value,
        "origin": {"min_score": policy.min_score_origin, "min_experience": policy.min_experience_origin,
                   "fail_on": policy.fail_on_origin},
    }


def check_dict(check: SpecCheck) -> dict[str, Any]:
    base: dict[str, Any] = {"source": check.source, "status": check.status}
    if check.analysis is None or check.verdict is None:
        return {**base, "journey": None, "problems": [p.to_dict() for p in check.problems]}
    analysis, verdict = check.analysis, check.verdict
    reasons: list[dict[str, Any]] = []
    if not verdict.score_ok:
        line, col = journey_location(analysis)
        reasons.append({"rule": "min_score", "score": verdict.score, "min_score": verdict.policy.min_score,
                        "line": line, "column": col, "message": texts.min_score_text(verdict)})
    if not verdict.experience_ok:
        line, col = journey_location(analysis)
        reasons.append({"rule": "min_experience", "experience": verdict.experience,
                        "min_experience": verdict.policy.min_experience, "line": line, "column": col,
                        "message": texts.min_experience_text(verdict)})
    for gap in verdict.breaking:
        line, col = gap_location(analysis, gap)
        reasons.append({"rule": "fail_on", "gap": gap.id, "kind": gap.kind, "severity": gap.severity.value,
                        "stage": gap.stage, "subject": gap.subject, "line": line, "column": col,
                        "message": texts.gap_text(analysis, gap)})
    s = analysis.scores
    return {
        **base,
        "journey": analysis.journey_id,
        "persona": analysis.persona.id if analysis.persona else None,
        "score": s.score,
        "coverage": s.coverage,
        "focus": s.focus,
        "experience": s.experience,
        "gaps": analysis.gap_counts(),
        "accepted": [{"gap": g.id, "severity": g.severity.value, "reason": g.accepted.reason,
                      "until": g.accepted.until.isoformat() if g.accepted.until else None}
                     for g in analysis.gaps if g.accepted is not None],
        "warnings": [{"code": n.code, "gap": n.gap, "line": n.line, "column": n.column,
                      "message": texts.notice_text(n)} for n in analysis.notices],
        "policy": policy_dict(verdict.policy),
        "reasons": reasons,
    }


def render(run: CheckRun) -> str:
    data = {
        "format": FORMAT,
        "status": run.status,
        "exit_code": run.exit_code,
        "summary": {s: run.count(s) for s in STATUSES},
        "results": [check_dict(c) for c in run.checks],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
