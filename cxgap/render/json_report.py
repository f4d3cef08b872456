"""`--format json`: the machine contract of DESIGN.md §4 (sorted keys, stable)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from cxgap.analysis.result import Analysis
from cxgap.i18n import Catalog
from cxgap.render import RenderOptions
from cxgap.render.data import analysis_dict, portfolio_dict


def render(analyses: Sequence[Analysis], options: RenderOptions) -> str:
    catalog = Catalog(options.lang)
    if len(analyses) == 1 and not options.errors:
        data = analysis_dict(analyses[0], catalog)
    else:
        data = portfolio_dict(analyses, catalog, options.errors)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
