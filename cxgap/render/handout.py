"""`cxgap handout`: a printable A4 workbook for a journey-mapping workshop.

The persona card(s), the experience thesis, the journey (one row per stage,
so that it fits a portrait page), the most severe gaps, each with lined room
for notes, and customer interview questions built from the spec (see
:mod:`cxgap.render.questions`) with room for answers. Cards never split across pages (``break-inside: avoid``), and the
questions start on a sheet of their own. Like the HTML report: inline CSS
only, autoescaped, no script.
"""

from __future__ import annotations

from cxgap import __version__
from cxgap.analysis.result import Analysis
from cxgap.i18n import Catalog
from cxgap.render.questions import interview_questions
from cxgap.render.templating import render_template
from cxgap.render.view import journey_view

TOP_GAPS = 10
"""How many gaps the handout puts up for discussion, most severe first."""
NOTE_LINES = 3
ANSWER_LINES = 3
"""Lines of room under each interview question."""


def render_handout(analysis: Analysis, lang: str = "en", top: int = TOP_GAPS) -> str:
    c = Catalog(lang)
    view = journey_view(analysis, c, business=True)
    return render_template(
        "handout.html", lang=c.lang, t=c.t, colon=c.t("fmt.colon"), version=__version__, j=view,
        top_gaps=view.gaps[:max(0, top)],
        question_groups=interview_questions(analysis, c),
        note_lines=NOTE_LINES, answer_lines=ANSWER_LINES, list_sep=c.list_sep,
    )
