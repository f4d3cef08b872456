"""`cxgap diff --format json`: the change as data (``cxgap-diff/1``), stable keys, deterministic."""

from __future__ import annotations

import json
from typing import Any

from cxgap.analysis.result import Analysis, Gap
from cxgap.gate import texts
from cxgap.gate.compare import Change, DiffResult
from cxgap.gate.diff_reporters.common import (
    STAGE_FIELDS,
    link_change_text,
    low_sample,
    regression_text,
    stage_name,
    touchpoint_change_text,
)

FORMAT = "cxgap-diff/1"


def change(c: Change) -> dict[str, Any]:
    return {"before": c.before, "after": c.after, "delta": c.delta}


def side(analysis: Analysis) -> dict[str, Any]:
    return {"source": analysis.source, "journey": analysis.journey_id, "title": analysis.title,
            "score": analysis.scores.score, "experience": analysis.scores.experience, "gaps": analysis.gap_counts(),
            "accepted": analysis.accepted_count}


def gap(analysis: Analysis, g: Gap) -> dict[str, Any]:
    return {"id": g.id, "kind": g.kind, "severity": g.severity.value, "stage": g.stage, "subject": g.subject,
            "message": texts.gap_text(analysis, g), "accepted": g.accepted is not None}


def render(result: DiffResult) -> str:
    c = result.comparison
    data = {
        "format": FORMAT,
        "base": side(c.base),
        "head": side(c.head),
        "persona": c.head.persona.id if c.head.persona else None,
        "summary": {"score": change(c.score), "coverage": change(c.coverage), "focus": change(c.focus),
                    "experience": change(c.experience)},
        "opened": [gap(c.head, g) for g in c.opened],
        "closed": [gap(c.base, g) for g in c.closed],
        "severity_changed": [{**gap(c.head, ch.after), "before": ch.before.severity.value,
                              "after": ch.after.severity.value} for ch in c.severity_changed],
        "stages": [{"id": st.stage.id, "name": stage_name(st),
                    **{name: change(getattr(st, name)) for name in STAGE_FIELDS}} for st in c.changed_stages],
        "recommendations": {lst.name: {"added": list(lst.added), "removed": list(lst.removed)}
                            for lst in c.recommendations},
        "policy": [{"rule": p.rule, "before": p.before, "after": p.after} for p in c.policy],
        "metrics": [{"metric": m.metric, "subject": m.subject, **change(m.value),
                     "n_before": m.n.before, "n_after": m.n.after,
                     "margin_before": m.before.margin if m.before else None,
                     "margin_after": m.after.margin if m.after else None,
                     "noise": m.noise, "beyond_noise": m.beyond_noise, "low_sample": low_sample(m)}
                    for m in c.metrics],
        "overlay": {
            "touchpoints": [{"change": ch.kind, "side": ch.side, "id": ch.id, "field": ch.field or None,
                             "before": ch.before, "after": ch.after, "message": touchpoint_change_text(ch)}
                            for ch in c.overlay.touchpoints],
            "links": [{"change": "added" if ch.added else "removed", "link": ch.link, "source": ch.source,
                       "target": ch.target, "message": link_change_text(ch)} for ch in c.overlay.links],
        },
        "regression": {
            "regressed": result.regressed,
            "fail_on": result.fail_on.value,
            "fail_on_origin": result.fail_on_origin,
            "reasons": [{"kind": r.kind, "gap": r.gap.id if r.gap else None,
                         "before": r.before.value if r.before else None,
                         "message": regression_text(result, r)} for r in result.regressions],
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
