"""`cxgap diff --format markdown`: a pull-request comment.

A headline with the score change and the verdict, a table of the scores,
then the opened, closed and re-rated gaps, the stages that changed and the
recommendation lists that moved. Text from the spec is escaped: ``|`` cannot
break a table, HTML is shown as text, Markdown marks are literal. Long
tables stop at ``MAX_ROWS`` and say how many rows were left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cxgap.analysis.result import Analysis, Gap
from cxgap.gate import texts
from cxgap.gate.compare import Change, DiffResult
from cxgap.gate.diff_reporters.common import (
    PERCENT_FIELDS,
    STAGE_FIELDS,
    change_text,
    counts_text,
    figure,
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
    stage_of,
    threshold_text,
    touchpoint_change_text,
)
from cxgap.gate.overlay import OverlayDiff
from cxgap.render.markdown import md

MAX_ROWS = 50
ARROW = "→"
_TICKS = re.compile("`+")


def md_text(text: str) -> str:
    """Spec text as literal Markdown on one line: the same escaping as the
    analyze report's (:func:`cxgap.render.markdown.md`): no table breaks, no
    HTML, no emphasis or math, no lists, no mentions, no links, no bidi
    overrides."""
    return md(text)


def md_code(text: str, *, in_table: bool = True) -> str:
    """An id or a path as inline code that its own backticks (or a ``|`` in a table) cannot break."""
    text = "".join(ch for ch in " ".join(text.split()) if ch.isprintable())
    if in_table:
        text = text.replace("|", "\\|")
    fence = "`" * (max((len(m) for m in _TICKS.findall(text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _code(text: str) -> str:
    return md_code(text, in_table=False)


def table(header: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> list[str]:
    align = align or "-" * len(header)
    marks = {"-": "---", "r": "---:", "c": ":---:"}
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(marks[a] for a in align) + "|"]
    out.extend("| " + " | ".join(row) + " |" for row in rows[:MAX_ROWS])
    if len(rows) > MAX_ROWS:
        out.append("")
        out.append(texts.catalog().t("diff.md.more_rows", count=len(rows) - MAX_ROWS))
    return out


def _row(label: str, change: Change, percent: bool = False) -> list[str]:
    delta = change.delta
    shown = "±0" if delta == 0 else (texts.signed(delta) if delta is not None else "")
    return [label, figure(change.before, percent), figure(change.after, percent), f"**{shown}**" if delta else shown]


def _gap_rows(analysis: Analysis, gaps: Sequence[Gap]) -> list[list[str]]:
    return [[severity(g.severity.value), md_code(g.id), md_text(stage_of(analysis, g)),
             md_text(texts.gap_text(analysis, g))] for g in gaps]


def _overlay(overlay: OverlayDiff) -> list[str]:
    """Touchpoints and declared links that changed, one bullet each (``MAX_ROWS`` of each at most)."""
    if not overlay.changed:
        return []
    n = len(overlay.touchpoints) + len(overlay.links)
    out = ["", "#### " + texts.catalog().t("diff.md.overlay", count=n), ""]
    out += [f"- {touchpoint_change_text(ch, _code, ARROW, md_text)}" for ch in overlay.touchpoints[:MAX_ROWS]]
    out += [f"- {'➕' if ch.added else '➖'} {link_change_text(ch, _code)}" for ch in overlay.links[:MAX_ROWS]]
    left = max(0, len(overlay.touchpoints) - MAX_ROWS) + max(0, len(overlay.links) - MAX_ROWS)
    if left:
        out += ["", texts.catalog().t("diff.md.more_rows", count=left)]
    return out


def headline(result: DiffResult) -> str:
    c = result.comparison
    t = texts.catalog().t
    verdict = t("diff.md.regressed") if result.regressed else t("diff.md.not_regressed")
    score = change_text(c.score, arrow=ARROW)
    persona = t("diff.persona", persona=md_text(c.head.persona.id)) if c.head.persona else ""
    return t("diff.md.headline", title=md_text(c.head.title), persona=persona, score=score, verdict=verdict)


def render(result: DiffResult) -> str:
    c = result.comparison
    cat = texts.catalog()
    t = cat.t
    base, head = c.base, c.head
    out = [headline(result), "",
           f"{md_code(base.source, in_table=False)} {ARROW} {md_code(head.source, in_table=False)}", ""]
    before, after, change = t("diff.md.before"), t("diff.md.after"), t("diff.md.change")
    out += table(["", before, after, change], [
        _row(t("label.score"), c.score), _row(t("label.coverage"), c.coverage, True),
        _row(t("label.focus"), c.focus, True), _row(t("diff.md.experience"), c.experience),
        [t("diff.md.gap_counts"), counts_text(base), counts_text(head), ""],
    ], "-rrr")
    out.append("")
    if result.regressed:
        out.append(t("diff.md.regression", threshold=threshold_text(result, _code)))
        out.extend(f"- {regression_text(result, r, _code)}" for r in result.regressions)
    else:
        out.append(t("diff.md.no_regression", threshold=threshold_text(result, _code)))
    if c.policy:
        changes = t("diff.policy_sep").join(policy_change_text(p, ARROW) for p in c.policy)
        out += ["", t("diff.md.policy_changed", changes=md_text(changes))]
    if not c.gaps_changed:
        out += ["", t("diff.md.no_gap_change")]
    for key, analysis, gaps in (("diff.md.opened", head, c.opened), ("diff.md.closed", base, c.closed)):
        if gaps:
            out += ["", "#### " + t(key, count=len(gaps)), ""]
            out += table([t("label.severity"), t("diff.md.gap"), t("label.stage"), t("diff.md.what")],
                         _gap_rows(analysis, gaps))
    if c.severity_changed:
        out += ["", "#### " + t("diff.md.severity_changed", count=len(c.severity_changed)), ""]
        out += table([t("diff.md.gap"), t("label.stage"), before, after], [
            [md_code(ch.id), md_text(stage_of(head, ch.after)), severity(ch.before.severity.value),
             severity(ch.after.severity.value)]
            for ch in c.severity_changed])
    if c.changed_stages:
        out += ["", "#### " + t("diff.md.stages"), ""]
        out += table([t("label.stage"), *(label(name).capitalize() for name in STAGE_FIELDS)], [
            [md_text(stage_name(st)), *(change_text(getattr(st, name), name in PERCENT_FIELDS, ARROW)
                                        for name in STAGE_FIELDS)]
            for st in c.changed_stages])
    if c.metrics:
        out += ["", "#### " + t("diff.md.metrics", count=len(c.metrics)), ""]
        out += table([t("diff.md.metric"), t("diff.md.subject"), before, after, change, t("diff.md.answers"),
                      t("diff.md.beyond_noise")], [
            [md_text(m.metric), md_text(metric_subject(result, m)), figure(m.value.before), figure(m.value.after),
             texts.signed(m.value.delta) if m.value.delta is not None else "",
             n_text(m, ARROW) + (t("diff.md.low_sample") if low_sample(m) else ""), noise_text(m)]
            for m in c.metrics], "--rrrr-")
    out += _overlay(c.overlay)
    if c.recommendations:
        out += ["", "#### " + t("diff.md.recommendations"), ""]
        out += table([t("diff.md.list"), t("diff.md.added"), t("diff.md.removed")], [
            [list_name(lst.name), cat.join(md_code(x) for x in lst.added),
             cat.join(md_code(x) for x in lst.removed)] for lst in c.recommendations])
    return "\n".join(out) + "\n"
