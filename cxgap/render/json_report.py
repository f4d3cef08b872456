"""`--format json`: the machine contract of DESIGN.md §4 (sorted keys, stable).

Indented for people, except the per-touchpoint rows of DESIGN.md §5
(`customer_touchpoints`, `company_touchpoints`): one row a line. A spec of
10,000 touchpoints has some 30,000 ids in those rows; with one id a line
(``json``'s indented encoder, which is pure Python) they would quadruple the
output and more than double the time to write it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from cxgap.analysis.result import Analysis
from cxgap.i18n import Catalog
from cxgap.render import RenderOptions
from cxgap.render.data import analysis_dict, portfolio_dict

ROW_LISTS = ("customer_touchpoints", "company_touchpoints")
"""Lists written one entry a line: one row per touchpoint keeps a 10,000-touchpoint report small and
fast to write (json's indenting encoder is pure Python; each list goes through the C encoder)."""


def _rows(rows: list[Any], indent: str) -> str:
    """The rows one a line, through one C-encoder call for the whole list: every row is a flat mapping
    whose first key is "id", and `}, {"id": ` cannot occur inside a JSON string (its quote would be
    escaped there), so the split falls between rows only."""
    if not rows:
        return "[]"
    body = _ROW.encode(rows)[1:-1].replace('}, {"id": ', "},\n" + indent + '  {"id": ')
    return "[\n" + indent + "  " + body + "\n" + indent + "]"


_ROW = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))
"""One encoder for every list (json.dumps would build one per call)."""


def dumps(data: dict[str, Any]) -> str:
    """The document indented by two spaces, its per-touchpoint lists one row a line; deterministic."""
    held: list[list[Any]] = []

    def hold(obj: dict[str, Any]) -> dict[str, Any]:
        out = dict(obj)
        for key in ROW_LISTS:
            if isinstance(out.get(key), list):
                held.append(out[key])
                out[key] = f"\x00rows:{len(held) - 1}\x00"
        return out

    shallow = hold(data)
    if isinstance(shallow.get("journeys"), list):
        shallow["journeys"] = [hold(j) for j in shallow["journeys"]]
    text = json.dumps(shallow, ensure_ascii=False, indent=2)

    def splice(match: re.Match[str]) -> str:
        return match.group(1) + match.group(2) + _rows(held[int(match.group(3))], match.group(1))

    return _HELD.sub(splice, text)


_HELD = re.compile(r'^( *)("(?:customer|company)_touchpoints": )"\\u0000rows:(\d+)\\u0000"', re.M)


def render(analyses: Sequence[Analysis], options: RenderOptions) -> str:
    catalog = Catalog(options.lang)
    if len(analyses) == 1 and not options.errors:
        data = analysis_dict(analyses[0], catalog)
    else:
        data = portfolio_dict(analyses, catalog, options.errors)
    return dumps(data) + "\n"
