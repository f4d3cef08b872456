"""`--format csv`: a header row, then one row per gap (every gap, every journey)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from cxgap.analysis.result import Analysis
from cxgap.i18n import Catalog
from cxgap.render import RenderOptions
from cxgap.render.data import gap_rows

COLUMNS = ("journey", "source", "persona", "id", "kind", "severity", "stage", "subject", "message", "recommendation")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    """Text from a spec never runs as a spreadsheet formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def render(analyses: Sequence[Analysis], options: RenderOptions) -> str:
    catalog = Catalog(options.lang)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for analysis in analyses:
        persona = analysis.persona.id if analysis.persona else ""
        for row in gap_rows(analysis, catalog):
            writer.writerow([_cell(v) for v in (analysis.journey_id, analysis.source, persona, *row.values())])
    return out.getvalue()
