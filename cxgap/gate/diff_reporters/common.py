"""What every diff format says the same way: figures, stages, regressions."""

from __future__ import annotations

from collections.abc import Callable

from cxgap.analysis.result import Analysis, Gap
from cxgap.gate import texts
from cxgap.gate.compare import Change, DiffResult, MetricChange, PolicyChange, Regression, StageChange
from cxgap.gate.overlay import LinkChange, TouchpointChange

STAGE_FIELDS = ("coverage", "focus", "importance_share", "effort_share", "customer_touchpoints",
                "company_touchpoints", "experience")
PERCENT_FIELDS = frozenset({"coverage", "focus", "importance_share", "effort_share"})


def label(name: str) -> str:
    """A figure's name in the run's language (``diff.<name>``): coverage, focus, experience ..."""
    return texts.catalog().t(f"diff.{name}")


def severity(value: str) -> str:
    return texts.catalog().severity(value)


def list_name(name: str) -> str:
    """A recommendation list's name (Start, Stop, Fix ...) in the run's language."""
    c = texts.catalog()
    return c.t(f"rec.{name}") if c.has(f"rec.{name}") else name


def figure(value: float | None, percent: bool = False) -> str:
    if value is None:
        return texts.catalog().t("label.na")
    return texts.number(value) + ("%" if percent else "")


def change_text(change: Change, percent: bool = False, arrow: str = "->") -> str:
    """``66.7% -> 33.3% (-33.4)``; just the value when it did not change."""
    if not change.changed:
        return figure(change.after, percent)
    text = f"{figure(change.before, percent)} {arrow} {figure(change.after, percent)}"
    delta = change.delta
    return texts.catalog().t("diff.change", text=text, delta=texts.signed(delta)) if delta is not None else text


def stage_name(stage: StageChange) -> str:
    return texts.catalog().stage_name(stage.stage)


def stage_of(analysis: Analysis, gap: Gap) -> str:
    return texts.catalog().stage_name(analysis.stage(gap.stage)) if gap.stage else ""


def plain(text: str) -> str:
    return text


def regression_text(result: DiffResult, regression: Regression, code: Callable[[str], str] = plain) -> str:
    """One reason for the regression; ``code`` formats gap ids (Markdown wants them as code)."""
    t = texts.catalog().t
    if regression.kind in ("score", "experience"):
        c = result.comparison.score if regression.kind == "score" else result.comparison.experience
        return t(f"diff.{regression.kind}_fell", before=figure(c.before), after=figure(c.after),
                 delta=texts.signed(c.delta or 0))
    assert regression.gap is not None
    gap = regression.gap
    if regression.kind == "opened":
        return t("diff.opened_gap", severity=severity(gap.severity.value), gap=code(gap.id))
    before = severity(regression.before.value) if regression.before else "?"
    return t("diff.escalated", gap=code(gap.id), before=before, after=severity(gap.severity.value))


def threshold_text(result: DiffResult, code: Callable[[str], str] = plain) -> str:
    return texts.catalog().t("diff.threshold", rule=code("fail_on: " + result.fail_on.value),
                             origin=texts.origin("fail_on", result.fail_on_origin))


def policy_change_text(change: PolicyChange, arrow: str = "->") -> str:
    def show(value: float | str | None) -> str:
        if value is None:
            return texts.catalog().t("diff.unset")
        return texts.number(value) if isinstance(value, float) else value

    return f"{change.rule} {show(change.before)} {arrow} {show(change.after)}"


def touchpoint_change_text(
    ch: TouchpointChange, code: Callable[[str], str] = plain, arrow: str = "->", text: Callable[[str], str] = plain,
) -> str:
    """``company touchpoint `demo-request` added (Demo request)``, ``... moved: stage evaluation -> decision``;
    ``code`` formats ids, ``text`` the spec's own words (Markdown escapes both)."""
    c = texts.catalog()
    what = c.t(f"diff.side.{ch.side}", id=code(ch.id))

    def show(value: str | float | None) -> str:
        if isinstance(value, float):
            return texts.number(value)
        if ch.kind == "status" and value is not None and c.has(f"status.{value}"):
            return c.t(f"status.{value}")
        return f"“{text(str(value))}”" if ch.kind == "renamed" else text(str(value))

    if ch.kind == "added":
        return c.t("diff.tp.added", what=what, after=show(ch.after))
    if ch.kind == "removed":
        return c.t("diff.tp.removed", what=what, before=show(ch.before))
    if ch.kind == "moved":
        return c.t("diff.tp.moved", what=what, field=ch.field, before=show(ch.before), arrow=arrow,
                   after=show(ch.after))
    return c.t(f"diff.tp.{ch.kind}", what=what, before=show(ch.before), arrow=arrow, after=show(ch.after))


def link_change_text(ch: LinkChange, code: Callable[[str], str] = plain) -> str:
    """``link added: `front-desk` meets `check-in```."""
    change = "added" if ch.added else "removed"
    return texts.catalog().t(f"diff.link.{change}", source=code(ch.source), link=ch.link, target=code(ch.target))


def counts_text(analysis: Analysis) -> str:
    counts = analysis.gap_counts()
    return " / ".join(str(n) for n in counts.values())


def metric_subject(result: DiffResult, change: MetricChange) -> str:
    """The metric's subject as a reader knows it: a touchpoint's name, a stage's name, "the whole journey"."""
    from cxgap.render.texts import subject_label

    c = result.comparison
    analysis = c.head if change.after is not None else c.base
    return subject_label(analysis, change.subject, texts.catalog())


def n_text(change: MetricChange, arrow: str = "->") -> str:
    n = change.n
    def show(v: float | None) -> str:
        return "–" if v is None else f"{v:,.0f}"
    return show(n.after) if not n.changed else f"{show(n.before)} {arrow} {show(n.after)}"


def noise_text(change: MetricChange) -> str:
    """Whether the change is larger than the sampling noise, and the noise."""
    verdict = change.beyond_noise
    if verdict is None:
        return texts.catalog().t("label.na")
    answer = "yes" if verdict else "no"
    return texts.catalog().t(f"diff.noise.{answer}", noise=texts.number(change.noise or 0))


def low_sample(change: MetricChange) -> bool:
    return bool((change.before and change.before.low_sample) or (change.after and change.after.low_sample))
