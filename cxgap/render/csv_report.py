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
COLUMNS = ("journey", "source", "persona", *GAP_COLUMNS, "accepted", "accepted_until", "planned", "retired")
"""`accepted`: the reason an accepted gap was accepted (empty: it counts); `planned`, `retired`: the
inactive company touchpoints that would close the gap, separated by spaces."""
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""What a spreadsheet may read as the start of a formula (with the full-width
forms some locales' spreadsheets convert)."""
_BREAKS = re.compile("\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


def _cell(value: object) -> str:
    """Text from a spec (or a file name) as one inert cell.

    Line breaks of every kind become spaces: a quoted CR or LF is valid CSV,
    but line-based tools and some spreadsheets start a new record at it, and
    a line inside a cell may itself start a formula. A cell that starts with
    a formula character, also after leading blanks, gets a ``'`` in front."""
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
        for row in gap_rows(analysis, catalog):
            accepted = row["accepted"] or {}
            writer.writerow([_cell(v) for v in (
                analysis.journey_id, analysis.source, persona, *(row[k] for k in GAP_COLUMNS),
                accepted.get("reason"), accepted.get("until"), " ".join(row["planned"]), " ".join(row["retired"]),
            )])
    return out.getvalue()
