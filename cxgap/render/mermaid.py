"""The journey as a Mermaid ``journey`` diagram, for Markdown reports.

One ``section`` per stage that has customer touchpoints (a stage nobody has
researched has nothing to draw; the stage table and its ``unmapped_stage``
gap say so). Each task is a customer touchpoint; its score is the coverage
score of :mod:`cxgap.render.coverage` (5 = met and important, 1 = important
and not met); its actors are the customer and the teams (owners) of the
active company touchpoints that meet it.

Text from the spec is made safe for Mermaid's journey lexer, which ends a
task name at ``:``, ``#``, ``;`` or a line break, reads ``%%`` as a comment
or directive, and takes a task that starts with ``title``, ``section``,
``journey`` or ``accDescr {`` as that keyword (such a task is put in
quotes); ``<`` and ``>`` become ``‹ ›``. See :func:`mermaid_text`.
"""

from __future__ import annotations

import re

from cxgap.analysis.result import Analysis
from cxgap.i18n import Catalog
from cxgap.model import CompanyTouchpoint, Status
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


def mermaid_actor(text: str) -> str:
    """An actor name: like task text, and without commas (they separate actors)."""
    return _SPACE.sub(" ", mermaid_text(text).translate(_ACTOR_DROP)).strip() or "?"


def journey_diagram(analysis: Analysis, catalog: Catalog) -> str:
    """The Mermaid source (without the code fence), ending in a newline."""
    scores = coverage_scores(analysis)
    company = {co.id: co for co in analysis.company if co.status is Status.active}
    customer_actor = mermaid_actor(catalog.t("label.customer"))
    company_actor = mermaid_actor(catalog.t("label.company"))
    team_actors: dict[int, list[str]] = {}
    lines = ["journey", f"    title {mermaid_text(analysis.title, analysis.journey_id, task=False)}"]
    for stage in analysis.stages:
        tps = [ct for ct in analysis.customer if ct.stage == stage.id]
        if not tps:
            continue
        lines.append(f"    section {mermaid_text(catalog.stage_name(stage), stage.id, task=False)}")
        for ct in tps:
            met_by = analysis.met_by.get(ct.id, ())
            actors = team_actors.get(id(met_by))
            if actors is None:  # touchpoints met by channel share one tuple: work it out once
                actors = team_actors[id(met_by)] = _actors(met_by, company, customer_actor, company_actor)
            name = mermaid_text(ct.label, ct.id)
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
