"""`--format html`: one self-contained page to hand to a CMO.

Inline CSS and inline SVG charts; no script, no web font, no external style
or image, so the file opens anywhere, offline, and prints (A4; the journey
map on a landscape page). Several journeys give one report each, then a
portfolio table. Every spec string reaches the page only through Jinja2's
autoescaping (see :mod:`cxgap.render.templating`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cxgap import __version__
from cxgap.analysis.result import Analysis
from cxgap.i18n import Catalog
from cxgap.render import RenderOptions
from cxgap.render.charts import Chart, Curve, coverage_chart, experience_curve, shares_chart
from cxgap.render.data import portfolio_rows
from cxgap.render.executive import Executive, executive
from cxgap.render.templating import markup_filler, render_template
from cxgap.render.view import JourneyView, SeverityCount, error_rows, journey_view, pct, shared_source

RING = 314.16
"""Circumference of the score ring (r = 50)."""


@dataclass(frozen=True)
class Ring:
    """A score ring: the arc's length along the circumference, and its colour."""
    dash: float
    color: str
    circumference: float = RING


def ring(score: float) -> Ring:
    return Ring(round(RING * score / 100, 2), score_color(score))


@dataclass(frozen=True)
class ReportJourney:
    view: JourneyView
    coverage: Chart
    shares: Chart
    executive: Executive
    score_ring: Ring
    experience_ring: Ring | None
    """None when the experience is not measured."""
    curve: Curve | None


@dataclass(frozen=True)
class PortfolioRow:
    anchor: str
    """The id of the journey's section in this page."""
    journey_id: str
    title: str
    source: str
    score: str
    experience: str
    coverage: str
    focus: str
    counts: tuple[SeverityCount, ...]


def score_color(score: float) -> str:
    """The colour of the score ring: red below 50, amber below 75, green from 75."""
    return "#b42318" if score < 50 else "#d49a00" if score < 75 else "#17754a"


def report_journey(a: Analysis, c: Catalog) -> ReportJourney:
    v = journey_view(a, c, business=True)
    return ReportJourney(
        view=v, coverage=coverage_chart(v.stages, c.t("label.na")), shares=shares_chart(v.stages),
        executive=executive(a, c, v.gaps), score_ring=ring(v.score_value),
        experience_ring=ring(v.experience_value) if v.experience_value is not None else None,
        curve=experience_curve(v.stages),
    )


def _portfolio(analyses: Sequence[Analysis], c: Catalog) -> list[PortfolioRow]:
    """Worst first, each row linking to its journey's section (``journey-N``, in input order)."""
    position = {id(a): i for i, a in enumerate(analyses, 1)}
    return [
        PortfolioRow(
            anchor=f"journey-{position[id(a)]}", journey_id=a.journey_id, title=a.title,
            source=shared_source(a.source), score=c.number(a.scores.score), experience=c.number(a.scores.experience),
            coverage=pct(c, a.scores.coverage), focus=pct(c, a.scores.focus),
            counts=tuple(SeverityCount(k, c.severity(k), n) for k, n in a.gap_counts().items()),
        )
        for a in portfolio_rows(analyses)
    ]


def render(analyses: Sequence[Analysis], options: RenderOptions) -> str:
    c = Catalog(options.lang)
    journeys = [report_journey(a, c) for a in analyses]
    if len(analyses) == 1:
        doc_title = c.t("label.report") + c.t("fmt.colon") + analyses[0].title
    else:
        doc_title = c.t("label.report") + c.t("fmt.colon") + c.t("label.portfolio")
    return render_template(
        "report.html", lang=c.lang, t=c.t, fill=markup_filler(c), colon=c.t("fmt.colon"), list_sep=c.list_sep,
        version=__version__,
        doc_title=doc_title,
        journeys=journeys,
        portfolio=_portfolio(analyses, c) if len(analyses) > 1 or options.errors else [],
        errors=error_rows(options.errors),
    )
