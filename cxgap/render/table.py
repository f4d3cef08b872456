"""`--format table`: the terminal report (Rich). Colour on a terminal, plain
text when piped or with NO_COLOR. Shows the 50 most severe gaps unless asked
for all: Rich needs seconds per thousand rows.

The report is as wide as the terminal (the command line passes its width, or
``--width``); below :data:`STACKED_BELOW` columns the stage and gap tables
become stacked blocks, one per stage or gap, since four columns of prose do
not fit. No line is ever wider than the width (CJK characters count two)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from cxgap.analysis.result import Analysis
from cxgap.cjk import display_width, wrap
from cxgap.i18n import Catalog
from cxgap.render import RenderOptions
from cxgap.render.data import portfolio_rows, shown_severities
from cxgap.render.texts import (
    gap_message,
    gap_recommendation,
    joined,
    method_text,
    metric_name,
    name_id,
    subject_label,
    value_text,
    with_unit,
)
from cxgap.render.view import error_rows, rec_item_name

TOP_GAPS = 50
FIX_FIRST = 5
"""How many touchpoints to fix the header names, with their pain points."""
DEFAULT_WIDTH = 120
"""The width when none is given (output to a file or a pipe without COLUMNS)."""
STACKED_BELOW = 110
"""Below this many columns, stages and gaps are stacked blocks instead of tables."""
SEVERITY_STYLE = {"critical": "bold white on red", "high": "bold red", "medium": "yellow", "low": "cyan", "info": "dim"}


def _num(catalog: Catalog, value: float | None, suffix: str = "") -> str:
    return catalog.number(value) + (suffix if value is not None else "")


def _header(console: Console, a: Analysis, c: Catalog) -> None:
    colon = c.t("fmt.colon")
    console.print(Text(f"{c.t('label.report')}{colon}{a.title}", style="bold"))
    console.print(f"{c.t('label.source')}{colon}{a.source}    {c.t('label.persona')}{colon}"
                  f"{a.persona.name if a.persona else c.t('label.all_personas')}", markup=False)
    if a.thesis is not None:
        console.print(Text(f"{c.t('label.thesis')}{colon}", style="bold") + Text(a.thesis.statement))
    s = a.scores
    counts = a.gap_counts()
    experience = (Text(f"{c.t('label.experience')} {c.number(s.experience)}", style="bold")
                  if s.experience is not None else Text(c.t("label.experience.not_measured")))
    console.print(Text(f"{c.t('label.score')} {c.number(s.score)}   ", style="bold") + experience)
    console.print(
        Text(f"{c.t('label.coverage')} {c.number(s.coverage)}%   {c.t('label.focus')} {c.number(s.focus)}%   ")
        + Text(f"{c.t('label.gaps')}{colon}" + "  ".join(f"{c.severity(k)} {v}" for k, v in counts.items()))
    )
    if a.accepted_count:
        console.print(Text(c.t("label.accepted_count", count=a.accepted_count), style="dim"))
    _fix_first(console, a, c)


def _hanging(console: Console, head: str, body: str, indent: int = 0, bold: bool = False) -> Text:
    """``head`` then ``body``, its further lines under the start of ``body``, not at the left edge: the
    body is broken by display width first (:func:`cxgap.cjk.wrap`: Chinese between any two characters,
    Latin at spaces), because Rich starts a wrapped line at the edge and moves a run of Chinese that does
    not fit whole to the next line (``indent``: the padding the text is printed in)."""
    width = display_width(head)
    lines = wrap(body, max(console.width - indent - width, 10)) or [""]
    text = head + ("\n" + " " * width).join(lines)
    return Text(text) if not bold else Text.assemble((head, "bold"), text[len(head):])


def _fix_first(console: Console, a: Analysis, c: Catalog) -> None:
    """The first screen says where it hurts: the top of the fix list, with the customers' words."""
    fix = a.recommendations.fix
    if not fix:
        return
    console.print(Text(c.t("label.fix_first") + c.t("fmt.colon").rstrip(), style="bold"))
    pains = {ct.id: ct.pain_points for ct in a.customer if ct.id in set(fix[:FIX_FIRST])}
    for tp_id in fix[:FIX_FIRST]:
        line = rec_item_name(a, c, "fix", tp_id, name_id(c, a.touchpoint_label(tp_id), tp_id))
        if pains.get(tp_id):
            line += c.t("fmt.colon") + joined(pains[tp_id], c)
        console.print(_hanging(console, "  - ", line))
    if len(fix) > FIX_FIRST:
        console.print(Text("    " + c.t("label.fix_more", count=len(fix) - FIX_FIRST)))


def _stages(a: Analysis, c: Catalog, boxed: box.Box) -> Table:
    table = Table(title=c.t("label.stages"), box=boxed, title_justify="left")
    for key in ("label.stage", "label.customer_touchpoints", "label.company_touchpoints", "label.coverage",
                "label.focus", "label.importance_share", "label.effort_share", "label.experience"):
        table.add_column(c.t(key), justify="left" if key == "label.stage" else "right")
    for st in a.stage_scores:
        table.add_row(c.stage_name(a.stage(st.stage)), str(st.customer_touchpoints), str(st.company_touchpoints),
                      _num(c, st.coverage, "%"), _num(c, st.focus, "%"), _num(c, st.importance_share, "%"),
                      _num(c, st.effort_share, "%"), c.number(st.experience))
    return table


def _gaps(a: Analysis, c: Catalog, boxed: box.Box, show_all: bool, color: bool) -> tuple[Table, int]:
    table = Table(title=c.t("label.gaps"), box=boxed, title_justify="left", show_lines=False)
    table.add_column(c.t("label.severity"), no_wrap=True)
    table.add_column(c.t("label.stage"), no_wrap=True)
    table.add_column(c.t("label.gap"), overflow="fold")
    table.add_column(c.t("label.recommendation"), overflow="fold")
    shown = a.gaps if show_all else a.gaps[:TOP_GAPS]
    for gap in shown:
        sev = gap.severity.value
        stage = c.stage_name(a.stage(gap.stage)) if gap.stage else ""
        table.add_row(
            Text(c.severity(sev), style=SEVERITY_STYLE[sev] if color else ""),
            stage,
            Text(f"{gap.id}\n", style="bold") + Text(gap_message(gap, a, c)),
            Text(gap_recommendation(gap, a, c)),
        )
    return table, len(a.gaps) - len(shown)


def _stacked_stages(console: Console, a: Analysis, c: Catalog) -> None:
    colon = c.t("fmt.colon")
    console.print(Text(c.t("label.stages"), style="bold"))
    for n, st in enumerate(a.stage_scores, 1):
        felt = f"{c.t('label.experience')} {c.number(st.experience)} · " if a.scores.experience is not None else ""
        figures = (
            f"{felt}{c.t('label.coverage')} {_num(c, st.coverage, '%')} · {c.t('label.focus')} {_num(c, st.focus, '%')}"
            f" · {c.t('label.importance_share')} {_num(c, st.importance_share, '%')}"
            f" · {c.t('label.effort_share')} {_num(c, st.effort_share, '%')}"
            f" · {c.t('label.customer_touchpoints')}{colon}{st.customer_touchpoints}"
            f" · {c.t('label.company_touchpoints')}{colon}{st.company_touchpoints}"
        )
        console.print(Text(f"{n}. {c.stage_name(a.stage(st.stage))}", style="bold"))
        console.print(Padding(Text(figures), (0, 0, 0, 3), expand=False))


def _stacked_gaps(console: Console, a: Analysis, c: Catalog, show_all: bool, color: bool) -> int:
    console.print(Text(c.t("label.gaps"), style="bold"))
    shown = a.gaps if show_all else a.gaps[:TOP_GAPS]
    for gap in shown:
        sev = gap.severity.value
        head = Text(c.severity(sev), style=SEVERITY_STYLE[sev] if color else "")
        if gap.stage:
            head += Text(" · " + c.stage_name(a.stage(gap.stage)))
        head += Text(" · ") + Text(gap.id, style="bold")
        console.print(head)
        console.print(Padding(_hanging(console, "", gap_message(gap, a, c), indent=3), (0, 0, 0, 3), expand=False))
        console.print(Padding(_hanging(console, "→ ", gap_recommendation(gap, a, c), indent=3), (0, 0, 0, 3),
                              expand=False))
    return len(a.gaps) - len(shown)


def _recommendations(console: Console, a: Analysis, c: Catalog) -> None:
    console.print(Text(c.t("label.recommendations"), style="bold"))
    for key, ids in a.recommendations.as_dict().items():
        sep = c.t("text.quote_sep") if key == "fix" else c.list_sep  # a fix's own list of who meets it has commas
        names = sep.join(
            rec_item_name(a, c, key, i, name_id(c, a.touchpoint_label(i), i)) for i in ids)
        names = names or c.t("label.none")
        console.print(_hanging(console, f"  {c.t('rec.' + key)}{c.t('fmt.colon')}", names, bold=True))


def _serves_others(console: Console, a: Analysis, c: Catalog) -> None:
    if a.serves_other_personas:
        names = c.list_sep.join(name_id(c, co.label, co.id) for co in a.serves_other_personas)
        console.print(_hanging(console, f"  {c.t('label.serves_other_personas')}{c.t('fmt.colon')}", names, bold=True))


def _metrics(a: Analysis, c: Catalog, boxed: box.Box) -> Table:
    table = Table(title=c.t("label.metrics"), box=boxed, title_justify="left")
    for key in ("label.metric", "label.subject", "label.value", "label.target", "label.met", "label.method"):
        table.add_column(c.t(key))
    for m in a.metrics:
        bounds = (("≥", m.target_min), ("≤", m.target_max))
        target = " – ".join(f"{sign} {with_unit(c.number(v), m.unit)}" for sign, v in bounds if v is not None)
        met = "" if m.met is None else c.t("label.yes") if m.met else c.t("label.no")
        table.add_row(metric_name(c, m.metric), subject_label(a, m.subject, c), value_text(c, m), target, met,
                      method_text(m, c))
    return table


def _one(console: Console, a: Analysis, c: Catalog, options: RenderOptions, boxed: box.Box) -> None:
    _header(console, a, c)
    console.print()
    stacked = console.width < STACKED_BELOW
    if stacked:
        _stacked_stages(console, a, c)
        console.print()
    else:
        console.print(_stages(a, c, boxed))
    if a.gaps:
        if stacked:
            hidden = _stacked_gaps(console, a, c, options.show_all, options.color)
        else:
            table, hidden = _gaps(a, c, boxed, options.show_all, options.color)
            console.print(table)
        if hidden:
            console.print(c.t("label.more_gaps", count=hidden))
    else:
        console.print(c.t("label.no_gaps"))
    console.print()
    _recommendations(console, a, c)
    _serves_others(console, a, c)
    if a.metrics:
        console.print()
        console.print(_metrics(a, c, boxed))


def _portfolio(a_list: Sequence[Analysis], c: Catalog, boxed: box.Box, narrow: bool) -> Table:
    """Worst journey first; on a narrow terminal without the source column."""
    table = Table(title=c.t("label.portfolio"), box=boxed, title_justify="left")
    keys = ("label.journey", "label.score", "label.coverage", "label.focus", "label.experience") if narrow else (
        "label.journey", "label.source", "label.score", "label.coverage", "label.focus", "label.experience")
    for key in keys:
        table.add_column(c.t(key), overflow="fold")
    for sev in shown_severities(a_list):
        table.add_column(c.severity(sev), justify="right")
    for a in portfolio_rows(a_list):
        counts = a.gap_counts()
        source = () if narrow else (a.source,)
        table.add_row(a.journey_id, *source, c.number(a.scores.score), c.number(a.scores.coverage),
                      c.number(a.scores.focus), c.number(a.scores.experience), *(str(v) for v in counts.values()))
    return table


def render(analyses: Sequence[Analysis], options: RenderOptions) -> str:
    catalog = Catalog(options.lang)
    out = io.StringIO()
    console = Console(file=out, width=options.width or DEFAULT_WIDTH, force_terminal=options.color,
                      no_color=not options.color, color_system="standard" if options.color else None,
                      highlight=False, emoji=False, markup=False, soft_wrap=False)
    boxed = box.ROUNDED if options.color else box.ASCII2
    for i, analysis in enumerate(analyses):
        if i:
            console.print()
            console.rule()
        _one(console, analysis, catalog, options, boxed)
    if len(analyses) > 1:
        console.print()
        console.print(_portfolio(analyses, catalog, boxed, console.width < STACKED_BELOW))
    if options.errors:
        console.print()
        console.print(Text(catalog.t("label.errors"), style="bold"))
        for row in error_rows(options.errors):
            where = f"{row.where}{catalog.t('fmt.colon')}" if row.where else ""
            console.print(Text(f"  {where}{row.message}"))
    text = out.getvalue()
    if options.color:
        return text
    return "\n".join(line.rstrip(" ") for line in text.split("\n"))
