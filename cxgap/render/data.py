"""An analysis as plain data: the JSON contract of DESIGN.md §4, also the
source of the CSV rows and of the portfolio summary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cxgap.analysis.result import Analysis, Notice
from cxgap.i18n import Catalog
from cxgap.model import Evidence, Status
from cxgap.problems import Problem
from cxgap.render.texts import gap_message, gap_recommendation, method_text, notice_text

FORMAT = "cxgap-analysis/1"
PORTFOLIO_FORMAT = "cxgap-portfolio/1"


def gap_rows(analysis: Analysis, catalog: Catalog) -> list[dict[str, Any]]:
    return [
        {
            "id": gap.id,
            "kind": gap.kind,
            "severity": gap.severity.value,
            "stage": gap.stage,
            "subject": gap.subject,
            "message": gap_message(gap, analysis, catalog),
            "recommendation": gap_recommendation(gap, analysis, catalog),
            "accepted": {"reason": gap.accepted.reason,
                         "until": gap.accepted.until.isoformat() if gap.accepted.until else None}
            if gap.accepted else None,
            "planned": list(gap.planned),
            "retired": list(gap.retired),
        }
        for gap in analysis.gaps
    ]


def customer_touchpoints(analysis: Analysis) -> list[dict[str, Any]]:
    """The customer's side of the overlay: each touchpoint, whether it is met, and by whom.
    (Tuples and the model's own lists go to the encoder as they are: no copies of 10,000 rows.)"""
    met_by, mismatch = analysis.met_by, analysis.mismatch
    evidence = {e: e.value for e in Evidence}
    return [
        {
            "id": ct.id, "stage": ct.stage, "channel": ct.channel, "importance": ct.importance,
            "evidence": evidence[ct.evidence], "emotion": ct.emotion, "pain_points": ct.pain_points,
            "moment_of_truth": ct.moment_of_truth, "opportunities": ct.opportunities,
            "state": "met" if met_by[ct.id] else "mismatched" if ct.id in mismatch else "uncovered",
            "met_by": met_by[ct.id],
        }
        for ct in analysis.customer
    ]


def company_touchpoints(analysis: Analysis) -> list[dict[str, Any]]:
    """The company's side: each touchpoint with its lane, what it meets and supports, and its impact."""
    supports = analysis.blueprint.supports
    impact = analysis.blueprint.impact
    meets = analysis.meets
    status = {st: st.value for st in Status}
    return [
        {
            "id": co.id, "stages": (co.stage,) if isinstance(co.stage, str) else co.stage, "channel": co.channel,
            "lane": co.lane.value, "effort": co.effort, "status": status[co.status], "meets": meets.get(co.id, ()),
            "supports": supports.get(co.id, ()) if co.status is Status.active else co.supports or (),
            "impact": co.status is Status.active and co.id in impact,
        }
        for co in analysis.company
    ]


def analysis_dict(analysis: Analysis, catalog: Catalog) -> dict[str, Any]:
    s = analysis.scores
    return {
        "format": FORMAT,
        "journey": {"id": analysis.journey_id, "title": analysis.title, "source": analysis.source},
        "persona": analysis.persona.id if analysis.persona else None,
        "lang": catalog.lang,
        "thesis": analysis.thesis.model_dump(mode="json") if analysis.thesis else None,
        "summary": {"score": s.score, "coverage": s.coverage, "focus": s.focus, "experience": s.experience,
                    "gaps": analysis.gap_counts(), "accepted": analysis.accepted_count},
        "stages": [
            {
                "id": st.stage,
                "name": catalog.stage_name(analysis.stage(st.stage)),
                "coverage": st.coverage,
                "focus": st.focus,
                "importance_share": st.importance_share,
                "effort_share": st.effort_share,
                "customer_touchpoints": st.customer_touchpoints,
                "company_touchpoints": st.company_touchpoints,
                "experience": st.experience,
            }
            for st in analysis.stage_scores
        ],
        "gaps": gap_rows(analysis, catalog),
        "recommendations": analysis.recommendations.as_dict(),
        "metrics": [
            {
                "metric": m.metric,
                "touchpoint": m.touchpoint,
                "stage": m.stage,
                "value": m.value,
                "target": m.target_min if m.target_min is not None else m.target_max,
                "target_min": m.target_min,
                "target_max": m.target_max,
                "met": m.met,
                "method": m.method,
                "method_text": method_text(m, catalog),
                "responses": m.responses,
                "n": m.responses,
                "margin": m.margin,
                "low_sample": m.low_sample,
                "source": [{"file": ref.file, "rows": ref.rows} for ref in m.sources] or None,
                "unit": m.unit,
            }
            for m in analysis.metrics
        ],
        "measures": [m.model_dump(mode="json") for m in analysis.spec.measures],
        "customer_touchpoints": customer_touchpoints(analysis),
        "company_touchpoints": company_touchpoints(analysis),
        "warnings": [notice_dict(n, analysis, catalog) for n in analysis.notices],
    }


def notice_dict(notice: Notice, analysis: Analysis, catalog: Catalog) -> dict[str, Any]:
    return {"code": notice.code, "gap": notice.gap, "file": analysis.source, "line": notice.line,
            "column": notice.column, "message": notice_text(notice, catalog)}


def portfolio_rows(analyses: Sequence[Analysis]) -> list[Analysis]:
    """Worst first: lowest score, then most critical and high gaps, then id."""
    def key(a: Analysis) -> tuple[float, int, int, str, str]:
        counts = a.gap_counts()
        return (a.scores.score, -counts.get("critical", 0), -counts.get("high", 0), a.journey_id, a.source)
    return sorted(analyses, key=key)


def problem_dict(problem: Problem) -> dict[str, object]:
    """A problem as JSON; one about a whole spec (line 0, e.g. an unknown persona) has only file and message."""
    return problem.to_dict() if problem.line else {"file": problem.file, "message": problem.message}


def shown_severities(analyses: Sequence[Analysis]) -> tuple[str, ...]:
    """The severity columns of a portfolio: those every journey shows (one ``--min-severity`` for all)."""
    return tuple(s.value for s in analyses[0].shown) if analyses else ()


def portfolio_dict(
    analyses: Sequence[Analysis], catalog: Catalog, errors: Sequence[Problem] = ()
) -> dict[str, Any]:
    return {
        "format": PORTFOLIO_FORMAT,
        "lang": catalog.lang,
        "portfolio": [
            {
                "journey": a.journey_id,
                "title": a.title,
                "source": a.source,
                "persona": a.persona.id if a.persona else None,
                "score": a.scores.score,
                "coverage": a.scores.coverage,
                "focus": a.scores.focus,
                "experience": a.scores.experience,
                "gaps": a.gap_counts(),
            }
            for a in portfolio_rows(analyses)
        ],
        "journeys": [analysis_dict(a, catalog) for a in analyses],
        "errors": [problem_dict(p) for p in errors],
    }
