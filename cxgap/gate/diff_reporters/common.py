"""What every diff format says the same way: figures, stages, regressions."""

from __future__ import annotations

from collections.abc import Callable

from cxgap.analysis.result import Analysis, Gap
from cxgap.gate import texts
from cxgap.gate.compare import Change, DiffResult, MetricChange, PolicyChange, Regression, StageChange
from cxgap.gate.overlay import LinkChange, TouchpointChange

STAGE_LABELS = {
    "coverage": "coverage",
    "focus": "focus",
    "importance_share": "importance share",
    "effort_share": "effort share",
    "customer_touchpoints": "customer touchpoints",
    "company_touchpoints": "company touchpoints",
    "experience": "experience",
}
PERCENT_FIELDS = frozenset({"coverage", "focus", "importance_share", "effort_share"})


def figure(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "n/a"
    return texts.number(value) + ("%" if percent else "")


def change_text(change: Change, percent: bool = False, arrow: str = "->") -> str:
    """``66.7% -> 33.3% (-33.4)``; just the value when it did not change."""
    if not change.changed:
        return figure(change.after, percent)
    text = f"{figure(change.before, percent)} {arrow} {figure(change.after, percent)}"
    delta = change.delta
    return f"{text} ({texts.signed(delta)})" if delta is not None else text


def stage_name(stage: StageChange) -> str:
    return texts.catalog().stage_name(stage.stage)


def stage_of(analysis: Analysis, gap: Gap) -> str:
    return texts.catalog().stage_name(analysis.stage(gap.stage)) if gap.stage else ""


def plain(text: str) -> str:
    return text


def regression_text(result: DiffResult, regression: Regression, code: Callable[[str], str] = plain) -> str:
    """One reason for the regression; ``code`` formats gap ids (Markdown wants them as code)."""
    if regression.kind == "score":
        c = result.comparison.score
        return f"the alignment score fell from {figure(c.before)} to {figure(c.after)} ({texts.signed(c.delta or 0)})"
    if regression.kind == "experience":
        e = result.comparison.experience
        return f"the experience fell from {figure(e.before)} to {figure(e.after)} ({texts.signed(e.delta or 0)})"
    assert regression.gap is not None
    gap = regression.gap
    if regression.kind == "opened":
        return f"opened {gap.severity.value} gap {code(gap.id)}"
    before = regression.before.value if regression.before else "?"
    return f"{code(gap.id)} escalated from {before} to {gap.severity.value}"


def threshold_text(result: DiffResult, code: Callable[[str], str] = plain) -> str:
    return f"{code('fail_on: ' + result.fail_on.value)}, {texts.origin('fail_on', result.fail_on_origin)}"


def policy_change_text(change: PolicyChange, arrow: str = "->") -> str:
    def show(value: float | str | None) -> str:
        if value is None:
            return "unset"
        return texts.number(value) if isinstance(value, float) else value

    return f"{change.rule} {show(change.before)} {arrow} {show(change.after)}"


_SIDE = {"customer": "customer touchpoint", "company": "company touchpoint"}


def touchpoint_change_text(
    ch: TouchpointChange, code: Callable[[str], str] = plain, arrow: str = "->", text: Callable[[str], str] = plain,
) -> str:
    """``company touchpoint `demo-request` added (Demo request)``, ``... moved: stage evaluation -> decision``;
    ``code`` formats ids, ``text`` the spec's own words (Markdown escapes both)."""
    what = f"{_SIDE[ch.side]} {code(ch.id)}"

    def show(value: str | float | None) -> str:
        if isinstance(value, float):
            return texts.number(value)
        return f"“{text(str(value))}”" if ch.kind == "renamed" else text(str(value))

    if ch.kind == "added":
        return f"{what} added ({show(ch.after)})"
    if ch.kind == "removed":
        return f"{what} removed (was {show(ch.before)})"
    if ch.kind == "moved":
        return f"{what} moved: {ch.field} {show(ch.before)} {arrow} {show(ch.after)}"
    label = {"renamed": "renamed", "status": "status", "effort": "effort", "importance": "importance"}[ch.kind]
    return f"{what} {label}: {show(ch.before)} {arrow} {show(ch.after)}"


def link_change_text(ch: LinkChange, code: Callable[[str], str] = plain) -> str:
    """``link added: `front-desk` meets `check-in```."""
    return f"link {'added' if ch.added else 'removed'}: {code(ch.source)} {ch.link} {code(ch.target)}"


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
        return "n/a"
    return f"{'yes' if verdict else 'no'} (± {texts.number(change.noise or 0)})"


def low_sample(change: MetricChange) -> bool:
    return bool((change.before and change.before.low_sample) or (change.after and change.after.low_sample))
