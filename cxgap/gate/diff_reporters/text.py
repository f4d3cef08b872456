"""`cxgap diff --format text`: the change, for a terminal or a CI log."""

from __future__ import annotations

from cxgap.gate import texts
from cxgap.gate.compare import DiffResult
from cxgap.gate.diff_reporters.common import (
    PERCENT_FIELDS,
    STAGE_LABELS,
    change_text,
    link_change_text,
    low_sample,
    metric_subject,
    n_text,
    noise_text,
    policy_change_text,
    regression_text,
    stage_name,
    threshold_text,
    touchpoint_change_text,
)
from cxgap.levels import Severity


def _gap_counts(result: DiffResult) -> str:
    before = result.comparison.base.gap_counts()
    after = result.comparison.head.gap_counts()
    return ", ".join(f"{s.value} {before[s.value]} -> {after[s.value]}" if before[s.value] != after[s.value]
                     else f"{s.value} {after[s.value]}" for s in Severity)


def _gap_lines(result: DiffResult) -> list[str]:
    c = result.comparison
    out = []
    if c.opened:
        out.append(f"opened ({len(c.opened)}):")
        out.extend(f"  + {g.severity.value} {g.id}: {texts.gap_text(c.head, g)}" for g in c.opened)
    if c.closed:
        out.append(f"closed ({len(c.closed)}):")
        out.extend(f"  - {g.severity.value} {g.id}: {texts.gap_text(c.base, g)}" for g in c.closed)
    if c.severity_changed:
        out.append(f"severity changed ({len(c.severity_changed)}):")
        out.extend(f"  ~ {ch.id}: {ch.before.severity.value} -> {ch.after.severity.value}"
                   for ch in c.severity_changed)
    if not c.gaps_changed:
        out.append("gaps: no change")
    return out


def _other_lines(result: DiffResult) -> list[str]:
    """Stage figures, recommendation lists and policy that changed."""
    c = result.comparison
    out = []
    if c.changed_stages:
        out.append("stages:")
        for st in c.changed_stages:
            parts = [f"{STAGE_LABELS[name]} {change_text(getattr(st, name), name in PERCENT_FIELDS)}"
                     for name in STAGE_LABELS if getattr(st, name).changed]
            out.append(f"  {stage_name(st)}: {', '.join(parts)}")
    if c.recommendations:
        out.append("recommendations:")
        for lst in c.recommendations:
            moves = [f"+ {x}" for x in lst.added] + [f"- {x}" for x in lst.removed]
            out.append(f"  {lst.name}: {', '.join(moves)}")
    if c.metrics:
        out.append("metrics:")
        for m in c.metrics:
            low = ", low sample" if low_sample(m) else ""
            out.append(f"  {m.metric} {metric_subject(result, m)}: {change_text(m.value)}, n {n_text(m)}, "
                       f"beyond the noise: {noise_text(m)}{low}")
    if c.overlay.changed:
        n = len(c.overlay.touchpoints) + len(c.overlay.links)
        out.append(f"overlay ({n} change{'s' if n != 1 else ''}):")
        marks = {"added": "+", "removed": "-"}
        out.extend(f"  {marks.get(ch.kind, '~')} {touchpoint_change_text(ch)}" for ch in c.overlay.touchpoints)
        out.extend(f"  {'+' if ch.added else '-'} {link_change_text(ch)}" for ch in c.overlay.links)
    if c.policy:
        out.append("policy: " + "; ".join(policy_change_text(p) for p in c.policy))
    return out


def render(result: DiffResult) -> str:
    c = result.comparison
    base, head = c.base, c.head
    persona = f" (persona {head.persona.id})" if head.persona else ""
    out = [
        f"{head.journey_id}: {head.title}{persona}",
        f"  base: {base.source}",
        f"  head: {head.source}",
        f"score     {change_text(c.score)}",
        f"coverage  {change_text(c.coverage, percent=True)}",
        f"focus     {change_text(c.focus, percent=True)}",
        f"experience {change_text(c.experience)}",
        f"gaps      {_gap_counts(result)}",
        *_gap_lines(result),
        *_other_lines(result),
    ]
    if result.regressed:
        out.append(f"REGRESSION ({threshold_text(result)}):")
        out.extend(f"  {regression_text(result, r)}" for r in result.regressions)
    else:
        out.append(f"no regression ({threshold_text(result)})")
    return "\n".join(out) + "\n"
