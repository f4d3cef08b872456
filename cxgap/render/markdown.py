"""`--format markdown`: a report for pull requests and wikis (GitHub-flavoured
Markdown), with a Mermaid ``journey`` diagram of the customer's touchpoints.

Every text from the spec goes through :func:`md`: it cannot add a table
column (``|``), render as HTML (``<``, ``>``, ``&``), break a row (line
breaks), or turn into emphasis, links, code or math. Several journeys give
one section each, then a portfolio table.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any

from cxgap import __version__
from cxgap.analysis.result import Analysis
from cxgap.i18n import Catalog
from cxgap.problems import Problem
from cxgap.render import RenderOptions
from cxgap.render.data import portfolio_rows, shown_severities
from cxgap.render.executive import executive
from cxgap.render.mermaid import capped_tasks, felt, journey_diagram, task_scores
from cxgap.render.texts import joined
from cxgap.render.view import JourneyView, error_rows, journey_view

_ESCAPE = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|"}
_PUNCT = re.compile(r"([\\`*_\[\]~$#!])")
_BREAKS = re.compile(r"\s+")
_CODE_SAFE = re.compile(r"^[A-Za-z0-9][\w.:/@+-]*$")
_BLOCK_START = re.compile(r"^(?:([-+=])|(\d{1,9})([.)]))")
"""What makes a line a list item, a thematic break or a setext heading underline."""
_NO_LINK = "\u200b"
"""A zero-width space: breaks a mention or an autolink without changing what a reader sees."""
_LINKS = re.compile(r"(@)(?=[\w-])|(?<![\w])(https?|ftp|mailto|xmpp|www)(?=\\?[:.])|(#)(?=\d)", re.IGNORECASE)
"""``@user`` and ``@org/team`` (a PR comment must not notify anyone), the
starts of bare URLs and ``www.`` links GitHub turns into links, ``#123``."""


def md(text: object) -> str:
    """Spec text as inert Markdown inline text, on one line.

    It cannot add a table column, render as HTML, break a row, start a list,
    a heading or a thematic break (``- x``, ``1. x``, ``---``), turn into
    emphasis, links, code or math, mention a user (``@user``), link out
    (``https://...``, ``www.``) or reference an issue (``#12``); bidi
    overrides and other invisible format characters are dropped."""
    s = _BREAKS.sub(" ", str(text)).strip()
    s = _PUNCT.sub(r"\\\1", s)
    s = _BLOCK_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", s)
    s = _LINKS.sub(lambda m: m[0] + _NO_LINK, s)
    return "".join(_ESCAPE.get(ch, ch) for ch in s if ch.isprintable() or ch == _NO_LINK)


_CODE_SPAN = re.compile(r"`([^`<>]+)`")


def md_text(text: str) -> str:
    """Catalog text with `code` spans (spec keys in a hint), as Markdown: each span
    stays a code span when it is a plain identifier, the rest is escaped like
    :func:`md`. No escaped backticks reach the reader."""
    parts = _CODE_SPAN.split(text)
    return "".join(md_id(part) if i % 2 else _md_between(part) for i, part in enumerate(parts))


def _md_between(part: str) -> str:
    """:func:`md` of the text around a code span, keeping the space that separates it from the span."""
    inner = md(part)
    if not inner:
        return " " if part[:1].isspace() else ""
    return (" " if part[:1].isspace() else "") + inner + (" " if part[-1:].isspace() else "")


GLYPHS = {"critical": "🔴", "high": "🟠", "medium": "🟡", "low": "🔵", "info": "⚪"}
"""Severity at a glance, beside its word (the word carries it without colour)."""
VISIBLE_GAPS = 10
"""Gap rows shown before the rest fold into <details>: the most severe, never low or info."""
VISIBLE_ITEMS = 10
"""Items of a recommendation list shown before the rest fold away."""
LONG_TABLE = 8
"""A stage, metric or not-active table with more rows than this folds into <details>."""


def details(summary: str, lines: list[str], open_: bool = False) -> list[str]:
    """GitHub's collapsible block; ``summary`` is plain text from a catalog (HTML-escaped here)."""
    head = "<details open>" if open_ else "<details>"
    return [head, f"<summary>{html.escape(summary)}</summary>", "", *lines, "</details>", ""]


def md_id(text: str) -> str:
    """An identifier as inline code when that is safe, else as escaped text."""
    return f"`{text}`" if _CODE_SAFE.match(text) else md(text)


def table(header: Sequence[str], rows: Iterable[Sequence[str]], align: str = "") -> list[str]:
    """A GFM table; cells are Markdown already (escape them with :func:`md`).
    ``align`` holds one of ``l``/``r`` per column (default left)."""
    marks = {"l": "---", "r": "---:"}
    out = ["| " + " | ".join(header) + " |",
           "|" + "|".join(marks[align[i]] if i < len(align) else "---" for i in range(len(header))) + "|"]
    out.extend("| " + " | ".join(cell or " " for cell in row) + " |" for row in rows)
    return out


def _label(c: Catalog, key: str, **params: Any) -> str:
    return md(c.t(key, **params))


def _labelled(c: Catalog, key: str, value: str, bold: bool = True) -> str:
    """``**Label**: value``, with the language's colon (``：`` in Chinese). The colon
    stays outside the bold: CommonMark does not close ``**`` between ``：`` and a letter."""
    label = f"**{_label(c, key)}**" if bold else _label(c, key)
    return f"{label}{c.t('fmt.colon')}{value}"


def _named(c: Catalog, name: str, tp_id: str) -> str:
    """A touchpoint's escaped name with its id, as the language writes it; the id alone when the spec
    gives no name (the name is the id then: `wait-for-car (wait-for-car)` said it twice)."""
    return md_id(tp_id) if name == tp_id else c.t("fmt.name_id", name=md(name), id=md_id(tp_id))


def headline(v: JourneyView, c: Catalog) -> str:
    """One line: the alignment score beside the experience, coverage, focus and the gap counts with their glyphs."""
    counts = " ".join(f"{GLYPHS[n.severity]} {n.count} {md(n.label)}" for n in v.counts)
    felt = f"**{md(c.t('label.experience'))} {v.experience}/100** · " if v.experience_measured else ""
    return (f"**{md(c.t('label.score'))} {v.score}/100** · {felt}{md(c.t('label.coverage'))} {v.coverage} · "
            f"{md(c.t('label.focus'))} {v.focus} · {counts}")


def _executive(a: Analysis, v: JourneyView, c: Catalog) -> list[str]:
    ex = executive(a, c, v.gaps)
    out = [_labelled(c, "exec.verdict", md(ex.verdict)), ""]
    if ex.moves:
        out += [f"**{_label(c, 'exec.moves')}**{c.t('fmt.colon').rstrip()}", ""]
        for mv in ex.moves:
            text = c.t("label.notes_sep").join((mv.effort, mv.gain))  # "; " in English, "；" in Chinese
            if mv.more:
                text = c.t("label.with_notes", text=text, notes=c.t("label.notes", notes=c.t("exec.move.more",
                                                                                             count=mv.more)))
            out.append(f"- **{md(mv.label)}** {md(mv.name)} · {md(mv.stage)}{c.t('fmt.colon')}{md(text)}")
        out.append("")
    return out


def _header(v: JourneyView, c: Catalog, a: Analysis) -> list[str]:
    out = ["# " + _labelled(c, "label.report", md(v.title), bold=False), "", headline(v, c), ""]
    out += _executive(a, v, c)
    facts = [_labelled(c, "label.source", md(v.source)), _labelled(c, "label.persona", md(v.persona))]
    if v.owner:
        facts.append(_labelled(c, "label.owner", md(v.owner)))
    out += [" · ".join(facts), ""]
    if v.description:
        out += [md(v.description), ""]
    if v.thesis:
        out += ["> " + _labelled(c, "label.thesis", md(v.thesis))]
        if v.goals:
            out += [">", "> " + _labelled(c, "label.goals", "").rstrip(), ">"] + [f"> - {md(g)}" for g in v.goals]
        if v.kpis:
            out += [">", "> " + _labelled(c, "label.kpis", md(c.list_sep.join(v.kpis)))]
        out.append("")
    return out


def _scores(v: JourneyView, c: Catalog) -> list[str]:
    out = [f"## {_label(c, 'label.scores')}", ""]
    out += table([_label(c, "label.score"), _label(c, "label.experience"), _label(c, "label.coverage"),
                  _label(c, "label.focus")],
                 [[f"**{v.score}**", f"**{v.experience}**", v.coverage, v.focus]], "rrrr")
    out += [""] + [f"- {_labelled(c, key, _label(c, key + '.help'))}"
                   for key in ("label.score", "label.experience", "label.coverage", "label.focus")] + [""]
    if not v.experience_measured:
        out += [f"_{_label(c, 'label.experience.not_measured')}_", ""]
    out += table([f"{GLYPHS[n.severity]} {md(n.label)}" for n in v.counts], [[str(n.count) for n in v.counts]],
                 "r" * len(v.counts))
    if v.accepted:
        out += ["", md(c.t("label.accepted_count", count=v.accepted))]
    return [*out, ""]


def _diagram(a: Analysis, c: Catalog) -> list[str]:
    """The capped Mermaid diagram, then the touchpoints it leaves out (folded when many)."""
    help_key = "mermaid.note" if felt(a) else "label.journey_map.help"
    out = [f"## {_label(c, 'label.journey_map')}", "", _label(c, help_key), "",
           "```mermaid", *journey_diagram(a, c).splitlines(), "```", ""]
    _, rest = capped_tasks(a)
    if not rest:
        return out
    scores = task_scores(a)
    items = [f"- {_named(c, ct.label, ct.id)} · {md(c.stage_name(a.stage(ct.stage)))} · {scores[ct.id]}"
             for ct in rest]
    summary = c.t("label.not_in_diagram", count=len(rest), shown=len(a.customer) - len(rest))
    if len(rest) <= LONG_TABLE:
        return [*out, md(summary), "", *items, ""]
    return [*out, *details(summary, [*items, ""])]


def _experience(v: JourneyView, c: Catalog) -> list[str]:
    """Where customers feel what: emotion, pain points, moments of truth and opportunities, stage by stage."""
    rows = []
    for s in v.stages:
        for tp in s.customer:
            if tp.emotion is None and not tp.pain_points and not tp.opportunities and not tp.moment_of_truth:
                continue
            emotion = f"{tp.emotion:+d} {md(tp.emotion_label)}".replace("+0", "0") if tp.emotion is not None else ""
            name = _named(c, tp.name, tp.id) + (f" · **{_label(c, 'label.moment_of_truth')}**"
                                                 if tp.moment_of_truth else "")
            rows.append([md(s.name), name, emotion, md(joined(tp.pain_points, c)),
                         md(joined(tp.opportunities, c, quote=False))])
    if not rows:
        return []
    keys = ("label.stage", "label.customer_touchpoints", "label.emotion", "label.pain_points", "label.opportunities")
    return [f"## {_label(c, 'label.pain_points')}", "", *table([_label(c, k) for k in keys], rows, "lllll"), ""]


def _stages(v: JourneyView, c: Catalog) -> list[str]:
    keys = ("label.stage", "label.customer_touchpoints", "label.company_touchpoints", "label.coverage",
            "label.focus", "label.importance_share", "label.effort_share", "label.experience")
    rows = [[md(s.name), str(len(s.customer)), str(len(s.company)), s.coverage, s.focus, s.importance_share,
             s.effort_share, s.experience] for s in v.stages]
    body = table([_label(c, k) for k in keys], rows, "lrrrrrrr")
    if len(rows) > LONG_TABLE:
        return [f"## {_label(c, 'label.stages')}", "", *details(c.t("label.stages"), [*body, ""])]
    return [f"## {_label(c, 'label.stages')}", "", *body, ""]


def _gaps(v: JourneyView, c: Catalog) -> list[str]:
    out = [f"## {_label(c, 'label.gaps')}", ""]
    if not v.gaps:
        return [*out, _label(c, "label.no_gaps"), ""]
    header = [_label(c, k) for k in ("label.severity", "label.stage", "label.gap", "label.recommendation")]
    rows = []
    for g in v.gaps:
        severity = md(g.severity_label)
        if g.severity in ("critical", "high"):
            severity = f"**{severity}**"
        head = c.t("fmt.name_id", name=md(g.kind_label), id=md_id(g.id))
        rows.append([f"{GLYPHS[g.severity]} {severity}", md(g.stage),
                     f"{head}{c.t('fmt.colon')}{md_text(g.message)}", md_text(g.recommendation)])
    # gaps come most severe first: show the leading critical, high and medium ones, fold the rest
    visible = len(rows)
    if len(rows) > VISIBLE_GAPS:
        severe = sum(1 for g in v.gaps if g.severity in ("critical", "high", "medium"))
        visible = min(severe, VISIBLE_GAPS)
    shown, rest = rows[:visible], rows[visible:]
    if shown:
        out += [*table(header, shown), ""]
    if rest:
        key = "label.more_gaps_folded" if shown else "label.all_gaps_folded"
        out += details(c.t(key, count=len(rest)), [*table(header, rest), ""])
    return out


def _rec_item(c: Catalog, name: str, tp_id: str, met_by: str) -> str:
    """A touchpoint as every list writes it; a fix adds who meets it: `Name (`id`), met by A`."""
    named = _named(c, name, tp_id)
    return c.t("rec.fix.item", name=named, met_by=md(met_by)) if met_by else named


def _recommendations(v: JourneyView, c: Catalog) -> list[str]:
    out = [f"## {_label(c, 'label.recommendations')}", ""]
    pains = {tp.id: tp.pain_points for s in v.stages for tp in s.customer if tp.fix}
    for rec in v.recommendations:
        out += [f"### {md(rec.label)}", "", f"_{md(rec.help)}_", ""]
        items = [f"- {_rec_item(c, name, tp_id, met_by)}"
                 + (f"{c.t('fmt.colon')}{md(joined(pains[tp_id], c))}" if rec.key == "fix" and pains.get(tp_id) else "")
                 for name, tp_id, met_by in rec.items] or [f"- {_label(c, 'label.none')}"]
        out += [*items[:VISIBLE_ITEMS], ""]
        if len(items) > VISIBLE_ITEMS:
            out += details(c.t("exec.more", count=len(items) - VISIBLE_ITEMS), [*items[VISIBLE_ITEMS:], ""])
    if v.serves_other_personas:
        out += [f"### {_label(c, 'label.serves_other_personas')}", ""]
        out += [f"- {_named(c, co.name, co.id)}" for co in v.serves_other_personas] + [""]
    return out


def _metrics(v: JourneyView, c: Catalog) -> list[str]:
    if not v.metrics:
        return []
    keys = ("label.metric", "label.subject", "label.value", "label.target", "label.met", "label.method")
    rows = [[md(m.metric), md(m.subject), m.value, md(m.target), md(m.met_text), md(m.method)] for m in v.metrics]
    body = table([_label(c, k) for k in keys], rows, "llrrll")
    if len(rows) > LONG_TABLE:
        return [f"## {_label(c, 'label.metrics')}", "", *details(c.t("label.metrics"), [*body, ""])]
    return [f"## {_label(c, 'label.metrics')}", "", *body, ""]


def _inactive(v: JourneyView, c: Catalog) -> list[str]:
    if not v.inactive:
        return []
    keys = ("label.company_touchpoints", "label.stage", "label.status", "label.owner", "label.effort")
    rows = [[_named(c, co.name, co.id), md(co.stage), md(co.status_label), md(co.owner), co.effort]
            for co in v.inactive]
    body = table([_label(c, k) for k in keys], rows, "llllr")
    if len(rows) > LONG_TABLE:
        return [f"## {_label(c, 'label.not_active')}", "", *details(c.t("label.not_active"), [*body, ""])]
    return [f"## {_label(c, 'label.not_active')}", "", *body, ""]


def render_one(a: Analysis, c: Catalog) -> list[str]:
    v = journey_view(a, c)
    return [*_header(v, c, a), *_scores(v, c), *_diagram(a, c), *_experience(v, c), *_stages(v, c), *_gaps(v, c),
            *_recommendations(v, c), *_metrics(v, c), *_inactive(v, c)]


def _portfolio(analyses: Sequence[Analysis], c: Catalog, errors: Sequence[Problem]) -> list[str]:
    header = [_label(c, k) for k in ("label.journey", "label.source", "label.score", "label.experience",
                                     "label.coverage", "label.focus")]
    header += [md(c.severity(s)) for s in shown_severities(analyses)]
    rows = [[_named(c, a.title, a.journey_id), md(a.source), c.number(a.scores.score),
             c.number(a.scores.experience), c.number(a.scores.coverage) + "%", c.number(a.scores.focus) + "%",
             *(str(n) for n in a.gap_counts().values())] for a in portfolio_rows(analyses)]
    out = [f"# {_label(c, 'label.portfolio')}", "", *table(header, rows, "ll" + "r" * (len(header) - 2)), ""]
    if errors:
        out += [f"## {_label(c, 'label.errors')}", ""]
        out += [f"- {md(e.where) + c.t('fmt.colon') if e.where else ''}{md(e.message)}" for e in error_rows(errors)]
        out.append("")
    return out


def render(analyses: Sequence[Analysis], options: RenderOptions) -> str:
    c = Catalog(options.lang)
    lines: list[str] = []
    for i, a in enumerate(analyses):
        if i:
            lines += ["---", ""]
        lines += render_one(a, c)
    if len(analyses) > 1 or options.errors:
        lines += ["---", "", *_portfolio(analyses, c, options.errors)]
    lines += [f"_{_label(c, 'label.generated_by', version=__version__)}_"]
    return "\n".join(lines) + "\n"
