"""An analysis as the reader sees it: every figure formatted, every label in
the chosen language, every name resolved. Shared by the Markdown, HTML and
handout renderers, which only lay it out (and escape it, each its own way).

All text here is plain, unescaped text: Markdown escapes it cell by cell,
Jinja2 autoescapes it.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from cxgap.analysis.result import Analysis, Gap, MetricResult
from cxgap.analysis.rules import Subject, rule_for
from cxgap.i18n import Catalog
from cxgap.model import CompanyTouchpoint, Persona, Status
from cxgap.problems import Problem, format_path
from cxgap.render.coverage import coverage_scores
from cxgap.render.texts import (
    gap_message,
    gap_recommendation,
    kind_label,
    method_text,
    metric_name,
    metric_scale,
    subject_label,
    value_text,
    with_unit,
)

METRIC_NAMES = ("nps", "csat", "ces", "churn", "retention")
T = TypeVar("T")
MAP_CELL = 6
"""Cards shown in one cell of the HTML map and the handout's journey (issue 14): a cell with more shows
the worst first and folds the rest ("+N met"), so a 300-touchpoint map stays a page or two."""
VISIBLE_ITEMS = 10
"""Items shown of a recommendation list in the HTML report; the rest are folded ("N more")."""
LONG_GAP_TABLE = 20
"""Past this many gaps, the HTML gap table folds the low and info ones (and any beyond
:data:`GAP_ROWS`)."""
GAP_ROWS = 50
"""Gap table rows shown at the most before the rest are folded."""
DENSE_MAP = 30
"""Past this many cards on the map, the printed map condenses its cards, so that the shipped journeys (40 to
50 cards) print their map on one landscape page in every language (issue 14)."""


@dataclass(frozen=True)
class CustomerCard:
    id: str
    name: str
    channel: str
    importance: int
    evidence: str
    assumed: bool
    met: bool
    cover: str
    """`met`, `mismatch` (right channel, wrong stage) or `uncovered`."""
    cover_label: str
    score: int
    """1-5, see :mod:`cxgap.render.coverage`."""
    met_by: tuple[str, ...] = ()
    """Names of the active company touchpoints that meet it: the overlay, made visible."""
    emotion: int | None = None
    emotion_label: str = ""
    pain_points: tuple[str, ...] = ()
    opportunities: tuple[str, ...] = ()
    moment_of_truth: bool = False
    fix: bool = False
    """Met, and still hurting or under target: in the fix list."""


@dataclass(frozen=True)
class CompanyCard:
    id: str
    name: str
    channel: str
    stage: str
    """Its stage, or every stage it runs at."""
    owner: str
    effort: str
    status: str
    status_label: str
    impact: bool
    lane: str = "frontstage"
    lane_label: str = ""
    supports: tuple[tuple[str, str], ...] = ()
    """(name, id) of each company touchpoint it supports (backstage and support lanes)."""
    several: bool = False
    """Whether it runs at several stages (its card then names them)."""
    anchor: bool = True
    """Whether this card carries the touchpoint's HTML anchor (only at its first stage: ids are unique)."""
    effort_value: float = 0.0


@dataclass(frozen=True)
class GapRow:
    id: str
    kind: str
    kind_label: str
    severity: str
    severity_label: str
    stage: str
    stage_id: str
    subject: str
    """The touchpoint's name, or "" when the subject is a stage or all customers."""
    message: str
    recommendation: str


@dataclass(frozen=True)
class StageView:
    id: str
    name: str
    mindset: str
    coverage: str
    focus: str
    importance_share: str
    effort_share: str
    coverage_value: float | None
    importance_share_value: float
    effort_share_value: float
    customer: tuple[CustomerCard, ...]
    company: tuple[CompanyCard, ...]
    """The active frontstage company touchpoints running at this stage."""
    gaps: tuple[GapRow, ...]
    backstage: tuple[CompanyCard, ...] = ()
    support: tuple[CompanyCard, ...] = ()
    experience: str = ""
    experience_value: float | None = None
    mindset_example: bool = False
    """The mindset is the method's B2B example of a default stage, not one the spec wrote."""

    @property
    def customer_cell(self) -> Fold[CustomerCard]:
        """The customer cards of the map cell: all in spec order, or past :data:`MAP_CELL` the worst first
        (unmet and most important, then met and hurting, then met) with the rest folded."""
        return fold(self.customer, _worst_customer_first)

    def company_cell(self, lane: str) -> Fold[CompanyCard]:
        """A lane's company cards: past :data:`MAP_CELL`, those without impact first, then by effort."""
        lanes = {"frontstage": self.company, "backstage": self.backstage, "support": self.support}
        return fold(lanes[lane], lambda co: (co.impact, -co.effort_value))

    @property
    def gap_cell(self) -> Fold[GapRow]:
        """The stage's gaps (most severe first, as the report lists them), past :data:`MAP_CELL` folded."""
        return fold(self.gaps, None)

    @property
    def gap_tally(self) -> tuple[tuple[str, str, int], ...]:
        """(severity, its label, how many) of the stage's gaps, most severe first: what a condensed printed
        map shows in place of the gap chips."""
        counts = Counter((g.severity, g.severity_label) for g in self.gaps)  # in first-seen order
        return tuple((severity, label, n) for (severity, label), n in counts.items())


@dataclass(frozen=True)
class Fold(Generic[T]):
    """Items to show and items folded away under "+N …"."""
    shown: tuple[T, ...]
    folded: tuple[T, ...] = ()

    @property
    def all_met(self) -> bool:
        """Every folded item is a met customer touchpoint (the fold then reads "+N met")."""
        return all(getattr(item, "met", False) for item in self.folded)


def fold(items: tuple[T, ...], worst_first: Callable[[T], Any] | None, cap: int = MAP_CELL) -> Fold[T]:
    """``items`` as they are when at most ``cap``; else sorted by ``worst_first`` (stable) and cut at ``cap``."""
    if len(items) <= cap:
        return Fold(items)
    ordered = sorted(items, key=worst_first) if worst_first else list(items)
    return Fold(tuple(ordered[:cap]), tuple(ordered[cap:]))


def _worst_customer_first(tp: CustomerCard) -> tuple[bool, int, bool, int, int]:
    hurting = tp.fix or bool(tp.pain_points) or (tp.emotion or 0) < 0
    return (tp.met, tp.score, not hurting, tp.emotion or 0, -tp.importance)


@dataclass(frozen=True)
class RecList:
    key: str
    label: str
    help: str
    items: tuple[tuple[str, str, str], ...]
    """(name, id, met by) of each touchpoint: its label (its id when it has no name), its id, and for a
    fix the company touchpoints already there, joined ("" otherwise). Reports write the name and id as
    they write any touchpoint's, then put them into ``rec.fix.item`` with the met-by names."""

    @property
    def listed(self) -> Fold[tuple[str, str, str]]:
        """The first :data:`VISIBLE_ITEMS` items, the rest folded."""
        return fold(self.items, None, VISIBLE_ITEMS)


@dataclass(frozen=True)
class MetricRow:
    metric: str
    subject: str
    value: str
    target: str
    met: bool | None
    met_text: str
    method: str
    scale: str


@dataclass(frozen=True)
class SeverityCount:
    severity: str
    label: str
    count: int


@dataclass(frozen=True)
class JourneyView:
    journey_id: str
    title: str
    source: str
    owner: str
    description: str
    persona: str
    thesis: str
    goals: tuple[str, ...]
    kpis: tuple[str, ...]
    score: str
    coverage: str
    focus: str
    score_value: float
    coverage_value: float
    focus_value: float
    experience: str
    """The experience score as shown ("n/a" when not measured)."""
    experience_value: float | None
    counts: tuple[SeverityCount, ...]
    stages: tuple[StageView, ...]
    gaps: tuple[GapRow, ...]
    recommendations: tuple[RecList, ...]
    metrics: tuple[MetricRow, ...]
    inactive: tuple[CompanyCard, ...]
    personas: tuple[Persona, ...]
    """The persona chosen with --persona, or every persona of the spec."""
    lanes: tuple[str, ...] = ()
    """The blueprint lanes below the frontstage that the spec uses (`backstage`, `support`)."""
    accepted: int = 0
    """Gaps accepted by the team (listed, not counted)."""
    serves_other_personas: tuple[CompanyCard, ...] = ()
    """With --persona: active company touchpoints left out, as they reach only other personas."""

    @property
    def experience_measured(self) -> bool:
        return self.experience_value is not None

    @property
    def dense_map(self) -> bool:
        """More than :data:`DENSE_MAP` cards on the map (a company touchpoint counts in each of its stages)."""
        cards = sum(len(s.customer) + len(s.company) + len(s.backstage) + len(s.support) for s in self.stages)
        return cards > DENSE_MAP

    @property
    def gap_table(self) -> Fold[GapRow]:
        """The HTML gap table: every gap; past :data:`LONG_GAP_TABLE`, the critical, high and medium ones
        (at most :data:`GAP_ROWS`) with the rest folded."""
        if len(self.gaps) <= LONG_GAP_TABLE:
            return Fold(self.gaps)
        serious = [g for g in self.gaps if g.severity in ("critical", "high", "medium")][:GAP_ROWS]
        chosen = {id(g) for g in serious}
        return Fold(tuple(serious), tuple(g for g in self.gaps if id(g) not in chosen))


@dataclass(frozen=True)
class ErrorRow:
    where: str
    """``file:line:col``; "" for a problem with the whole spec, whose message names the file."""
    message: str


def error_rows(errors: Sequence[Problem]) -> tuple[ErrorRow, ...]:
    """Specs that could not be analysed (directory runs); line 0 is a problem with the whole spec."""
    out = []
    for p in errors:
        where = f"{p.file}:{p.line}" + (f":{p.col}" if p.col else "") if p.line else ""
        message = f"{format_path(p.path)}: {p.message}" if p.path else p.message
        out.append(ErrorRow(where, message))
    return tuple(out)


def shared_source(source: str) -> str:
    """The spec's path as a shared report shows it: as given on the command line
    when relative, else only the file name (no local folders in a report that
    leaves the machine)."""
    return os.path.basename(source) if os.path.isabs(source) else source


def pct(c: Catalog, value: float | None) -> str:
    return c.number(value) + ("%" if value is not None else "")


def target_text(c: Catalog, m: MetricResult) -> str:
    parts = [f"≥ {with_unit(c.number(m.target_min), m.unit)}" if m.target_min is not None else "",
             f"≤ {with_unit(c.number(m.target_max), m.unit)}" if m.target_max is not None else ""]
    return " – ".join(p for p in parts if p)


def kpi_text(c: Catalog, kpi: str) -> str:
    return c.t(f"metric.{kpi}") if kpi in METRIC_NAMES else kpi


def _company_card(a: Analysis, c: Catalog, co: CompanyTouchpoint, anchor: bool = True) -> CompanyCard:
    return CompanyCard(
        id=co.id, name=co.label, channel=co.channel, stage=c.list_sep.join(c.stage_name(a.stage(s)) for s in co.stages),
        owner=co.owner or "",
        effort=c.number(co.effort), status=co.status.value, status_label=c.t(f"status.{co.status.value}"),
        impact=a.has_impact(co.id) if co.status is Status.active else False,
        lane=co.lane.value, lane_label=c.t(f"lane.{co.lane.value}"),
        supports=tuple((a.touchpoint_label(i), i) for i in co.supports or ()), several=len(co.stages) > 1,
        anchor=anchor, effort_value=co.effort,
    )


def _touchpoint_subject(g: Gap, a: Analysis) -> str:
    """The name of the touchpoint a gap is about; "" for a stage or for all customers."""
    subject = rule_for(g.kind).subject
    if subject.is_touchpoint:
        return a.touchpoint_label(g.subject)
    touchpoint = g.params.get("touchpoint") if subject is Subject.metric else None
    return a.touchpoint_label(touchpoint) if isinstance(touchpoint, str) else ""


def gap_rows(a: Analysis, c: Catalog, business: bool = False) -> tuple[GapRow, ...]:
    return tuple(
        GapRow(
            id=g.id, kind=g.kind, kind_label=kind_label(g.kind, c), severity=g.severity.value,
            severity_label=c.severity(g.severity.value), stage=c.stage_name(a.stage(g.stage)) if g.stage else "",
            stage_id=g.stage or "", subject=_touchpoint_subject(g, a),
            message=gap_message(g, a, c), recommendation=gap_recommendation(g, a, c, business),
        )
        for g in a.gaps
    )


def _stages(a: Analysis, c: Catalog, gaps: tuple[GapRow, ...]) -> tuple[StageView, ...]:
    scores = coverage_scores(a)

    def cover(ct_id: str) -> str:
        return "met" if a.met_by.get(ct_id) else "mismatch" if ct_id in a.mismatch else "uncovered"

    out = []
    fix = set(a.recommendations.fix)
    for st in a.stage_scores:
        stage = a.stage(st.stage)
        customer = tuple(
            CustomerCard(
                id=ct.id, name=ct.label, channel=ct.channel, importance=ct.importance,
                evidence=c.t(f"evidence.{ct.evidence.value}"), assumed=ct.evidence.value == "assumption",
                met=bool(a.met_by.get(ct.id)), cover=cover(ct.id), cover_label=c.t(f"cover.{cover(ct.id)}"),
                score=scores[ct.id], met_by=tuple(a.touchpoint_label(i) for i in a.met_by.get(ct.id, ())),
                emotion=ct.emotion, emotion_label=c.t(f"emotion.{ct.emotion}") if ct.emotion is not None else "",
                pain_points=tuple(ct.pain_points), opportunities=tuple(ct.opportunities),
                moment_of_truth=ct.moment_of_truth, fix=ct.id in fix,
            )
            for ct in a.customer if ct.stage == st.stage
        )
        running = [co for co in a.company if co.status is Status.active and st.stage in co.stages]
        lanes = {lane: tuple(_company_card(a, c, co, co.home_stage == st.stage) for co in running
                             if co.lane.value == lane)
                 for lane in ("frontstage", "backstage", "support")}
        out.append(StageView(
            id=st.stage, name=c.stage_name(stage), mindset=c.stage_mindset(stage), coverage=pct(c, st.coverage),
            focus=pct(c, st.focus), importance_share=pct(c, st.importance_share),
            effort_share=pct(c, st.effort_share), coverage_value=st.coverage,
            importance_share_value=st.importance_share, effort_share_value=st.effort_share,
            customer=customer, company=lanes["frontstage"], gaps=tuple(g for g in gaps if g.stage_id == st.stage),
            backstage=lanes["backstage"], support=lanes["support"],
            experience=c.number(st.experience), experience_value=st.experience,
            mindset_example=bool(c.stage_mindset(stage)) and not stage.own_mindset,
        ))
    return tuple(out)


def met_by_names(a: Analysis, c: Catalog, tp_id: str) -> str:
    """The company touchpoints that meet ``tp_id``, joined."""
    return c.list_sep.join(a.touchpoint_label(i) for i in a.met_by.get(tp_id, ()))


def rec_item_name(a: Analysis, c: Catalog, key: str, tp_id: str, name: str | None = None) -> str:
    """A touchpoint's ``name`` (default: its label) in a recommendation list; a fix also names the company
    touchpoints already there (they are in neither keep nor stop)."""
    name = a.touchpoint_label(tp_id) if name is None else name
    return c.t("rec.fix.item", name=name, met_by=met_by_names(a, c, tp_id)) if key == "fix" else name


def _recommendations(a: Analysis, c: Catalog) -> tuple[RecList, ...]:
    return tuple(
        RecList(key=key, label=c.t(f"rec.{key}"), help=c.t(f"rec.{key}.help"),
                items=tuple((a.touchpoint_label(i), i, met_by_names(a, c, i) if key == "fix" else "") for i in ids))
        for key, ids in a.recommendations.as_dict().items()
    )


def _metrics(a: Analysis, c: Catalog) -> tuple[MetricRow, ...]:
    return tuple(
        MetricRow(
            metric=metric_name(c, m.metric), subject=subject_label(a, m.subject, c), value=value_text(c, m),
            target=target_text(c, m), met=m.met,
            met_text="" if m.met is None else c.t("label.yes") if m.met else c.t("label.no"),
            method=method_text(m, c), scale=metric_scale(c, m.metric),
        )
        for m in a.metrics
    )


def journey_view(a: Analysis, c: Catalog, business: bool = False) -> JourneyView:
    """``business``: for readers outside the spec (HTML, handout, PDF): recommendations
    without spec keys. Every view shows the spec's path as :func:`shared_source` does."""
    gaps = gap_rows(a, c, business)
    info = a.spec.journey
    thesis = a.thesis
    return JourneyView(
        journey_id=a.journey_id, title=a.title, source=shared_source(a.source), owner=info.owner or "",
        description=info.description or "",
        persona=a.persona.name if a.persona else c.t("label.all_personas"),
        thesis=thesis.statement if thesis else "", goals=tuple(thesis.goals) if thesis else (),
        kpis=tuple(kpi_text(c, k) for k in thesis.kpis) if thesis else (),
        score=c.number(a.scores.score), coverage=pct(c, a.scores.coverage), focus=pct(c, a.scores.focus),
        score_value=a.scores.score, coverage_value=a.scores.coverage, focus_value=a.scores.focus,
        experience=c.number(a.scores.experience), experience_value=a.scores.experience,
        counts=tuple(SeverityCount(s, c.severity(s), n) for s, n in a.gap_counts().items()),
        stages=_stages(a, c, gaps), gaps=gaps, recommendations=_recommendations(a, c), metrics=_metrics(a, c),
        inactive=tuple(_company_card(a, c, co) for co in a.company if co.status is not Status.active),
        personas=(a.persona,) if a.persona else tuple(a.spec.personas),
        lanes=tuple(lane for lane in ("backstage", "support")
                    if any(co.lane.value == lane and co.status is Status.active for co in a.company)),
        accepted=a.accepted_count,
        serves_other_personas=tuple(_company_card(a, c, co) for co in a.serves_other_personas),
    )
