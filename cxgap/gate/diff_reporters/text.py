"""`cxgap diff --format text`: the change, for a terminal or a CI log."""

from __future__ import annotations

from cxgap.cjk import display_width
from cxgap.gate import texts
from cxgap.gate.compare import DiffResult
from cxgap.gate.diff_reporters.common import (
    PERCENT_FIELDS,
    STAGE_FIELDS,
    change_text,
    label,
    link_change_text,
    list_name,
    low_sample,
    metric_subject,
    n_text,
    noise_text,
    policy_change_text,
    regression_text,
    severity,
    stage_name,
    threshold_text,
    touchpoint_change_text,
)
from cxgap.levels import Severity


def _gap_counts(result: DiffResult) -> str:
    before = result.comparison.base.gap_counts()
    after = result.comparison.head.gap_counts()
    return texts.catalog().join(
        f"{severity(s.value)} {before[s.value]} -> {after[s.value]}" if before[s.value] != after[s.value]
        else f"{severity(s.value)} {after[s.value]}" for s in Severity)


def _gap_lines(result: DiffResult) -> list[str]:
    c = result.comparison
    t = texts.catalog().t
    out = []
    if c.opened:
        out.append(t("diff.opened", count=len(c.opened)))
        out.extend(f"  + {severity(g.severity.value)} {g.id}: {texts.gap_text(c.head, g)}" for g in c.opened)
    if c.closed:
        out.append(t("diff.closed", count=len(c.closed)))
        out.extend(f"  - {severity(g.severity.value)} {g.id}: {texts.gap_text(c.base, g)}" for g in c.closed)
    if c.severity_changed:
        out.append(t("diff.severity_changed", count=len(c.severity_changed)))
        out.extend(f"  ~ {ch.id}: {severity(ch.before.severity.value)} -> {severity(ch.after.severity.value)}"
                   for ch in c.severity_changed)
    if not c.gaps_changed:
        out.append(t("diff.no_gap_change"))
    return out


def _other_lines(result: DiffResult) -> list[str]:
    """Stage figures, recommendation lists and policy that changed."""
    c = result.comparison
    cat = texts.catalog()
    out = []
    if c.changed_stages:
        out.append(cat.t("diff.stages"))
        for st in c.changed_stages:
            parts = [f"{label(name)} {change_text(getattr(st, name), name in PERCENT_FIELDS)}"
                     for name in STAGE_FIELDS if getattr(st, name).changed]
            out.append(cat.t("diff.stage_line", stage=stage_name(st), changes=cat.join(parts)))
    if c.recommendations:
        out.append(cat.t("diff.recommendations"))
        for lst in c.recommendations:
            moves = [f"+ {x}" for x in lst.added] + [f"- {x}" for x in lst.removed]
            out.append(cat.t("diff.stage_line", stage=list_name(lst.name), changes=cat.join(moves)))
    if c.metrics:
        out.append(cat.t("diff.metrics"))
        for m in c.metrics:
            out.append(cat.t("diff.metric_line", metric=m.metric, subject=metric_subject(result, m),
                             change=change_text(m.value), n=n_text(m), noise=noise_text(m),
                             low=cat.t("diff.low_sample") if low_sample(m) else ""))
    if c.overlay.changed:
        n = len(c.overlay.touchpoints) + len(c.overlay.links)
        out.append(cat.t("diff.overlay", count=n))
        marks = {"added": "+", "removed": "-"}
        out.extend(f"  {marks.get(ch.kind, '~')} {touchpoint_change_text(ch)}" for ch in c.overlay.touchpoints)
        out.extend(f"  {'+' if ch.added else '-'} {link_change_text(ch)}" for ch in c.overlay.links)
    if c.policy:
        out.append(cat.t("diff.policy", changes=cat.t("diff.policy_sep").join(policy_change_text(p) for p in c.policy)))
    return out


def render(result: DiffResult) -> str:
    c = result.comparison
    t = texts.catalog().t
    base, head = c.base, c.head
    persona = t("diff.persona", persona=head.persona.id) if head.persona else ""
    figures = {"score": change_text(c.score), "coverage": change_text(c.coverage, percent=True),
               "focus": change_text(c.focus, percent=True), "experience": change_text(c.experience),
               "gaps": _gap_counts(result)}
    labels = {name: label(name) for name in figures}
    column = max(display_width(text) for text in labels.values()) + 1  # a Chinese character takes two columns
    out = [
        f"{head.journey_id}: {head.title}{persona}",
        t("diff.base", source=base.source),
        t("diff.head", source=head.source),
        *(labels[name] + " " * (column - display_width(labels[name])) + text for name, text in figures.items()),
        *_gap_lines(result),
        *_other_lines(result),
    ]
    if result.regressed:
        out.append(t("diff.regression", threshold=threshold_text(result)))
        out.extend(f"  {regression_text(result, r)}" for r in result.regressions)
    else:
        out.append(t("diff.no_regression", threshold=threshold_text(result)))
    return "\n".join(out) + "\n"
