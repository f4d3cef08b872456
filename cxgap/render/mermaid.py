"""The journey as a Mermaid ``journey`` diagram, for Markdown reports.

One ``section`` per stage that has customer touchpoints (a stage nobody has
researched has nothing to draw; the stage table and its ``unmapped_stage``
gap say so). Each task is a customer touchpoint. Its score is how the
customer feels there, as Mermaid's faces mean it: emotion + 3 (1 very
negative .. 5 very positive; 3 where no emotion is given), see
:func:`task_score`. A journey that gives no emotion at all keeps the coverage
score of :mod:`cxgap.render.coverage` (5 = met and important, 1 = important
and not met), as before the experience layer. Its actors are who is there:
the customer always, and the teams (owners) of the active company touchpoints
that meet it, only where one does.

Text from the spec is made safe for Mermaid's journey lexer, which ends a
task name at ``:``, ``#``, ``;`` or a line break, reads ``%%`` as a comment
or directive, and takes a task that starts with ``title``, ``section``,
``journey`` or ``accDescr {`` as that keyword (such a task is put in
quotes); ``<`` and ``>`` become ``‹ ›``. See :func:`mermaid_text`.
"""

from __future__ import annotations

import re
import unicodedata

from cxgap.analysis.result import Analysis
from cxgap.i18n import Catalog
from cxgap.model import CompanyTouchpoint, CustomerTouchpoint, Status
from cxgap.render.coverage import coverage_scores

_REPLACE = str.maketrans({
    ":": "∶",  # U+2236 RATIO: reads as a colon, is not Mermaid's separator
    "#": "＃",
    ";": ",",
    "`": "'",
    "%": "％",  # `%%` starts a comment or an init directive
    "<": "‹",  # no markup, whatever the renderer does with labels
    ">": "›",
    "\u2028": " ",
    "\u2029": " ",
})
_SPACE = re.compile(r"\s+")
_KEYWORD_START = re.compile(r"(?i)(journey\b|title\s|section\s|acc(title|descr)\s*[:{])")
_ACTOR_DROP = str.maketrans({",": " ", "∶": " "})


def mermaid_text(text: str, fallback: str = "?", task: bool = True) -> str:
    """``text`` as one line that Mermaid's journey lexer reads as plain text.
    A ``task`` that would start with a keyword is put in quotes."""
    clean = _SPACE.sub(" ", text.translate(_REPLACE)).strip()
    clean = "".join(ch for ch in clean if ch.isprintable())
    if not clean:
        return fallback
    if task and _KEYWORD_START.match(clean):
        clean = f"“{clean}”"
    return clean


ACTOR_COLUMNS = 16
"""An actor's longest name in columns: Mermaid widens its left margin to the longest actor."""


def mermaid_actor(text: str) -> str:
    """An actor name: like task text, without commas (they separate actors), and short."""
    return short_label(_SPACE.sub(" ", mermaid_text(text).translate(_ACTOR_DROP)).strip(), ACTOR_COLUMNS) or "?"


MAX_TASKS = 7
"""Tasks drawn at the most. With :data:`LAYOUT` a task is 112 px wide, so the
diagram stays under :data:`WIDTH_BUDGET` px for any spec: GitHub shows it at
its column width (about 900 px) without shrinking the text to nothing. The
rest of the touchpoints are listed under the diagram."""
LABEL_COLUMNS = 26
"""A task label's longest width in columns (a CJK character counts two); longer ones are cut with …."""
WIDTH_BUDGET = 1200
"""The rendered diagram's width in px at the most (checked with mermaid.js in the tests)."""
LAYOUT = ('%%{init: {"journey": {"width": 100, "taskMargin": 12, "leftMargin": 90, "diagramMarginX": 10, '
          '"taskFontSize": 13}}}%%')
"""Mermaid's journey layout, narrower than its defaults (150 px tasks, 50 px apart)."""


def _pain(ct: CustomerTouchpoint) -> int:
    """How painful a touchpoint is for the cap's order: a negative emotion, then pain points."""
    emotion = ct.emotion
    return (-emotion if emotion is not None and emotion < 0 else 0) * 10 + len(ct.pain_points)


def capped_tasks(analysis: Analysis, limit: int = MAX_TASKS) -> tuple[list[CustomerTouchpoint],
                                                                        list[CustomerTouchpoint]]:
    """The customer touchpoints the diagram draws, and the rest (both in stage order).

    Each stage's touchpoints are ranked most important first, then most painful,
    then as the spec lists them; the ranks are taken round by round over the
    stages (every stage's first, then every stage's second, ...), the stages
    that weigh most first within a round, until ``limit`` are chosen."""
    order = {s.id: i for i, s in enumerate(analysis.stages)}
    position = {ct.id: i for i, ct in enumerate(analysis.customer)}
    by_stage: dict[str, list[CustomerTouchpoint]] = {}
    for ct in analysis.customer:
        by_stage.setdefault(ct.stage, []).append(ct)
    if len(analysis.customer) <= limit:
        return list(analysis.customer), []
    weight = {stage: sum(ct.importance for ct in tps) for stage, tps in by_stage.items()}
    for tps in by_stage.values():
        tps.sort(key=lambda ct: (-ct.importance, -_pain(ct), position[ct.id]))
    stages = sorted(by_stage, key=lambda st: (-weight[st], order.get(st, 0)))
    chosen: set[str] = set()
    rank = 0
    while len(chosen) < limit:
        for st in stages:
            if rank < len(by_stage[st]) and len(chosen) < limit:
                chosen.add(by_stage[st][rank].id)
        rank += 1
    shown = [ct for ct in analysis.customer if ct.id in chosen]
    rest = [ct for ct in analysis.customer if ct.id not in chosen]
    key = lambda ct: (order.get(ct.stage, 0), position[ct.id])  # noqa: E731
    return sorted(shown, key=key), sorted(rest, key=key)


def short_label(text: str, columns: int = LABEL_COLUMNS) -> str:
    """``text`` cut to ``columns`` display columns (CJK counts two), with … when cut."""
    width = 0
    for i, ch in enumerate(text):
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        if width > columns - 1 and i < len(text) - 1:
            return text[:i].rstrip() + "…"
    return text


def felt(analysis: Analysis) -> bool:
    """Whether any customer touchpoint of the view gives an emotion (the diagram then draws emotions)."""
    return any(ct.emotion is not None for ct in analysis.customer)


def task_score(emotion: int | None) -> int:
    """Mermaid's 1-5 task score for an emotion: emotion + 3; 3 (neutral) where none is given."""
    return 3 if emotion is None else emotion + 3


def task_scores(analysis: Analysis) -> dict[str, int]:
    """Each customer touchpoint's task score: how customers feel there when the spec gives emotions,
    else how well the company covers it (see :func:`coverage_scores`)."""
    if felt(analysis):
        return {ct.id: task_score(ct.emotion) for ct in analysis.customer}
    return coverage_scores(analysis)


def journey_diagram(analysis: Analysis, catalog: Catalog, limit: int = MAX_TASKS) -> str:
    """The Mermaid source (without the code fence), ending in a newline: at most
    ``limit`` tasks (see :func:`capped_tasks`), with short labels."""
    shown, _ = capped_tasks(analysis, limit)
    drawn = {ct.id for ct in shown}
    scores = task_scores(analysis)
    company = {co.id: co for co in analysis.company if co.status is Status.active}
    customer_actor = mermaid_actor(catalog.t("label.customer"))
    company_actor = mermaid_actor(catalog.t("label.company"))
    team_actors: dict[int, list[str]] = {}
    title = mermaid_text(short_label(analysis.title, 60), analysis.journey_id, task=False)
    lines = [LAYOUT, "journey", f"    title {title}"]
    for stage in analysis.stages:
        tps = [ct for ct in shown if ct.stage == stage.id and ct.id in drawn]
        if not tps:
            continue
        section = mermaid_text(short_label(catalog.stage_name(stage)), stage.id, task=False)
        lines.append(f"    section {section}")
        for ct in tps:
            met_by = analysis.met_by.get(ct.id, ())
            actors = team_actors.get(id(met_by))
            if actors is None:  # touchpoints met by channel share one tuple: work it out once
                actors = team_actors[id(met_by)] = _actors(met_by, company, customer_actor, company_actor)
            name = mermaid_text(short_label(ct.label), ct.id)
            lines.append(f"      {name}: {scores[ct.id]}: {', '.join(actors)}")
    return "\n".join(lines) + "\n"


MAX_ACTORS = 6
"""Actors named on one task at the most: the customer and five teams."""


def _actors(met_by: tuple[str, ...], company: dict[str, CompanyTouchpoint], customer: str, fallback: str) -> list[str]:
    actors = [customer]
    for co_id in met_by:
        owner = company[co_id].owner
        actor = mermaid_actor(owner) if owner else fallback
        if actor not in actors:
            actors.append(actor)
            if len(actors) == MAX_ACTORS:
                break
    return actors
