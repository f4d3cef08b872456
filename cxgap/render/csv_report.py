"""`--format csv`: a header row, then one row per gap (every gap, every journey)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from cxgap.analysis.result import Analysis
from cxgap.i18n import Catalog
from cxgap.render import RenderOptions
from cxgap.render.data import gap_rows

GAP_COLUMNS = ("id", "kind", "severity", "stage", "subject", "message", "recommendation")
COLUMNS = ("journey", "source", "persona", *GAP_COLUMNS, "accepted", "accepted_until", "planned", "retired",
           "experience", "stage_experience", "emotion", "pain_points", "moment_of_truth")
"""`accepted`: the reason an accepted gap was accepted (empty: it counts); `planned`, `retired`: the
inactive company touchpoints that would close the gap, separated by spaces. The last five (DESIGN.md §5):
the journey's and the gap's stage's experience, and for a gap on a customer touchpoint its emotion, pain
points (joined by " | ") and whether it is a moment of truth."""
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""What a spreadsheet may read as the start of a formula (with the full-width
forms some locales' spreadsheets convert)."""
_BREAKS = re.compile("\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


def _cell(value: object) -> str:
    """Text from a spec (or a file name) as one inert cell.

    Line breaks of every kind become spaces: a quoted CR or LF is valid CSV,
    but line-based tools and some spreadsheets start a new record at it, and
    a line inside a cell may itself start a formula. A cell that starts with
    a formula character, also after leading blanks, gets a ``'`` in front.
    Numbers cxgap computed stay numbers (an emotion of -2 is no formula)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = "" if value is None else str(value)
    if not text:
        return text
    text = _BREAKS.sub(" ", text)
    return "'" + text if text.lstrip(" ").startswith(_FORMULA_START) else text


def render(analyses: Sequence[Analysis], options: RenderOptions) -> str:
    catalog = Catalog(options.lang)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for analysis in analyses:
        persona = analysis.persona.id if analysis.persona else ""
        felt = {ct.id: ct for ct in analysis.customer}
        curve = {s.stage: s.experience for s in analysis.stage_scores}
        for gap, row in zip(analysis.gaps, gap_rows(analysis, catalog), strict=True):
            accepted = row["accepted"] or {}
            ct = felt.get(gap.params["touchpoint"] if gap.kind == "below_target" else gap.subject)
            extra = (analysis.scores.experience, curve.get(gap.stage) if gap.stage else None,
                     ct.emotion if ct else None, " | ".join(ct.pain_points) if ct else None,
                     ("true" if ct.moment_of_truth else "false") if ct else None)
            writer.writerow([_cell(v) for v in (
                analysis.journey_id, analysis.source, persona, *(row[k] for k in GAP_COLUMNS),
                accepted.get("reason"), accepted.get("until"), " ".join(row["planned"]), " ".join(row["retired"]),
                *extra,
            )])
    return out.getvalue()
