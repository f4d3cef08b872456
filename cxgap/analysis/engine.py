"""The gap analysis: pure functions from a loaded spec to an :class:`Analysis`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from cxgap.analysis import experience, scores
from cxgap.analysis.accept import apply_acceptances
from cxgap.analysis.blueprint import blueprint
from cxgap.analysis.closers import with_closers
from cxgap.analysis.matching import channel_folder, match
from cxgap.analysis.metrics import compute_metrics
from cxgap.analysis.moments import raise_moments
from cxgap.analysis.recommend import recommend, restrict
from cxgap.analysis.result import SEVERITIES, Analysis, Gap
from cxgap.analysis.rules import RULES, Context
from cxgap.levels import Severity
from cxgap.loaded import LoadedSpec
from cxgap.model import CompanyTouchpoint, CustomerTouchpoint, Lane, Status
from cxgap.problems import UsageError, worded


def mismatches(
    customer: tuple[CustomerTouchpoint, ...],
    active: tuple[CompanyTouchpoint, ...],
    met_by: dict[str, tuple[str, ...]],
    canon: Callable[[str], str],
    order: dict[str, int],
) -> dict[str, tuple[str, ...]]:
    """Uncovered customer touchpoint -> the other stages where the company is on its channel (frontstage)."""
    stages_by_channel: dict[str, set[str]] = {}
    for co in active:
        if co.lane is Lane.frontstage:
            stage = co.stage
            found = stages_by_channel.setdefault(canon(co.channel), set())
            if isinstance(stage, str):
                found.add(stage)
            else:
                found.update(stage)
    out = {}
    for ct in customer:
        if met_by[ct.id]:
            continue
        other = stages_by_channel.get(canon(ct.channel), set()) - {ct.stage}
        if other:
            out[ct.id] = tuple(sorted(other, key=order.__getitem__))
    return out


def serving_elsewhere(
    mismatch: dict[str, tuple[str, ...]],
    customer: tuple[CustomerTouchpoint, ...],
    active: tuple[CompanyTouchpoint, ...],
    meets: dict[str, tuple[str, ...]],
    canon: Callable[[str], str],
) -> frozenset[str]:
    """The customer touchpoints of ``mismatch`` whose channel the company runs, at another stage, on a
    frontstage touchpoint that meets customers there: moving that effort would uncover them, so the
    advice is to extend the channel to the stage, not to move it."""
    busy = {canon(co.channel) for co in active if co.lane is Lane.frontstage and meets.get(co.id)}
    return frozenset(ct.id for ct in customer if ct.id in mismatch and canon(ct.channel) in busy)


def select_customer(loaded: LoadedSpec, persona: str | None) -> tuple[CustomerTouchpoint, ...]:
    """The customer touchpoints of one persona's view, each with its `persona_importance` for that
    persona where given (DESIGN.md §5); every customer touchpoint for None."""
    cts = loaded.spec.customer_touchpoints
    if persona is None:
        return tuple(cts)
    out = []
    for ct in cts:
        if ct.personas is None or persona in ct.personas:
            importance = ct.persona_importance.get(persona, ct.importance)
            out.append(ct if importance == ct.importance else ct.model_copy(update={"importance": importance}))
    return tuple(out)


def serving_other_personas(
    loaded: LoadedSpec,
    customer: tuple[CustomerTouchpoint, ...],
    active: tuple[CompanyTouchpoint, ...],
    canon: Callable[[str], str],
) -> set[str]:
    """Active company touchpoints whose reach in the all-persona view is not empty but holds no
    touchpoint of this persona's view: they serve other personas (DESIGN.md §5, "Personas")."""
    _, all_meets = match(loaded.spec.customer_touchpoints, active, canon)
    plan = blueprint(active, all_meets)
    mine = {ct.id for ct in customer}
    out = set()
    for co in active:
        reached = plan.reach(co.id)
        if reached and mine.isdisjoint(reached):
            out.add(co.id)
    return out


def analyze(loaded: LoadedSpec, persona: str | None = None, today: dt.date | None = None) -> Analysis:
    """The gap analysis of one spec, for one persona or (None) for all.

    ``today`` decides which acceptances are in force (default: the local date; the commands pass
    :func:`cxgap.clock.today`, which reads ``CXGAP_TODAY``, since the analysis reads no environment).
    """
    spec = loaded.spec
    persona_model = None
    if persona is not None:
        known = {p.id: p for p in spec.personas}
        if persona not in known:
            none = worded("problem.no_personas", None, "none (the spec defines no personas)")
            names = worded("lang.list_sep", None, ", ").join(sorted(known)) or none
            raise UsageError(worded("problem.unknown_persona_run", None, f"{loaded.source}: unknown persona "
                                    f"{persona!r}; known personas: {names}", source=loaded.source,
                                    persona=repr(persona), names=names))
        persona_model = known[persona]
    stages = loaded.stages
    order = {s.id: i for i, s in enumerate(stages)}
    customer = select_customer(loaded, persona)
    company = tuple(spec.company_touchpoints)
    active = tuple(co for co in company if co.status is Status.active)
    canon = channel_folder(spec.channels)
    others: tuple[CompanyTouchpoint, ...] = ()
    if persona is not None:
        left_out = serving_other_personas(loaded, customer, active, canon)
        if left_out:
            others = tuple(co for co in active if co.id in left_out)
            active = tuple(co for co in active if co.id not in left_out)
            company = tuple(co for co in company if co.id not in left_out)
    met_by, meets = match(customer, active, canon)
    plan = blueprint(active, meets)
    curve = experience.curve(stages, customer)
    stage_scores = {
        sid: replace(score, experience=curve[sid])
        for sid, score in scores.per_stage(stages, customer, active, met_by, plan.impact).items()
    }
    metrics = tuple(compute_metrics(spec, customer, order, loaded.figures))
    mismatch = mismatches(customer, active, met_by, canon, order)
    ctx = Context(
        stages=stages, customer=customer, active=active, met_by=met_by,
        stage_scores=stage_scores, total_effort=sum(co.effort for co in active), metrics=metrics,
        mismatch=mismatch, blueprint=plan,
        serving_elsewhere=serving_elsewhere(mismatch, customer, active, meets, canon),
    )
    gaps: list[Gap] = [gap for rule in RULES.values() for gap in rule.check(ctx)]
    gaps = raise_moments(gaps, {ct.id for ct in customer if ct.moment_of_truth})
    inactive = tuple(co for co in company if co.status is not Status.active)
    if inactive:
        gaps = with_closers(gaps, customer, inactive, plan, canon)
    gaps, notices = apply_acceptances(gaps, spec.accept, today or dt.date.today(), loaded.lines,
                                      check_stale=persona is None)
    last = len(stages)
    gaps.sort(key=lambda g: (g.severity.rank, order.get(g.stage, last) if g.stage else last, g.id))
    return Analysis(
        journey_id=loaded.journey_id,
        title=loaded.title,
        source=loaded.source,
        spec=spec,
        stages=stages,
        persona=persona_model,
        thesis=spec.thesis,
        customer=customer,
        company=company,
        scores=replace(scores.overall(customer, active, met_by, plan.impact),
                       experience=experience.experience(customer)),
        stage_scores=tuple(stage_scores[s.id] for s in stages),
        gaps=tuple(gaps),
        recommendations=recommend(gaps, customer, active, met_by, plan, order),
        metrics=metrics,
        met_by=met_by,
        meets=meets,
        lines=loaded.lines,
        mismatch=ctx.mismatch,
        blueprint=plan,
        notices=notices,
        serves_other_personas=others,
    )


def at_least(analysis: Analysis, severity: Severity) -> Analysis:
    """The analysis as ``--min-severity`` shows it: only gaps of ``severity`` or worse, counts of only those
    severities (the others are left out, not zero), and stop/start/shift only for the gaps shown.
    Scores do not change: they measure the journey, not the report."""
    if severity is SEVERITIES[-1]:
        return analysis
    gaps = tuple(g for g in analysis.gaps if g.severity.rank <= severity.rank)
    return replace(analysis, gaps=gaps, shown=SEVERITIES[:severity.rank + 1],
                   recommendations=restrict(analysis.recommendations, gaps))
