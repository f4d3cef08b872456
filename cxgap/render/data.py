"""An analysis as plain data: the JSON contract of DESIGN.md §4, also the
source of the CSV rows and of the portfolio summary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cxgap.analysis.result import Analysis
from cxgap.i18n import Catalog
from cxgap.problems import Problem
from cxgap.render.texts import gap_message, gap_recommendation, method_text

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
        }
        for gap in analysis.gaps
    ]


def analysis_dict(analysis: Analysis, catalog: Catalog) -> dict[str, Any]:
    s = analysis.scores
    return {
        "format": FORMAT,
        "journey": {"id": analysis.journey_id, "title": analysis.title, "source": analysis.source},
        "persona": analysis.persona.id if analysis.persona else None,
        "lang": catalog.lang,
        "thesis": analysis.thesis.model_dump(mode="json") if analysis.thesis else None,
        "summary": {"score": s.score, "coverage": s.coverage, "focus": s.focus, "gaps": analysis.gap_counts()},
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
            }
            for m in analysis.metrics
        ],
    }


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
                "gaps": a.gap_counts(),
            }
            for a in portfolio_rows(analyses)
        ],
        "journeys": [analysis_dict(a, catalog) for a in analyses],
        "errors": [problem_dict(p) for p in errors],
    }
