"""`cxgap sources`: what each survey source of a spec contributed, as text or JSON."""

from __future__ import annotations

import json
from typing import Any

from cxgap.figures import Figure
from cxgap.problems import shorten
from cxgap.sources import SourcesRead
from cxgap.sources.collect import SourceReport
from cxgap.spec import LoadedSpec


def _feeds(report: SourceReport) -> str:
    s = report.source
    if s.touchpoint_column is not None:
        return f"per touchpoint, from column {shorten(s.touchpoint_column, 50)}"
    if s.touchpoint is not None:
        return f"touchpoint {s.touchpoint}"
    if s.stage is not None:
        return f"stage {s.stage}"
    return "the whole journey"


def _figure_line(f: Figure) -> str:
    subject = f.touchpoint or f.stage or "(journey)"
    margin = f"± {f.margin:g}" if f.margin is not None else "± n/a"
    low = "  low sample" if f.low_sample else ""
    return f"    {subject:<30} n={f.n:<9,} {f.metric} {f.value:g} {margin}{low}"


def text(loaded: LoadedSpec, read: SourcesRead | None) -> str:
    lines = [f"{loaded.source}: {len(loaded.spec.sources)} source{'s' if len(loaded.spec.sources) != 1 else ''}"]
    if read is None:
        return lines[0] + "\n"
    for r in read.reports:
        kind = r.source.kind.value if r.source.kind.value == r.encoding else f"{r.source.kind.value}, {r.encoding}"
        lines.append(f"  sources[{r.index}] {r.file} ({kind}): {r.source.metric}, "
                     f"{_feeds(r)}")
        lines.append(f"    rows read {r.rows:,}; answers used {r.used:,}; skipped {r.skipped:,} (blank {r.blank:,}, "
                     f"not a number {r.non_numeric:,}, no touchpoint {r.no_subject:,}); left out by where "
                     f"{r.filtered:,}; naming no touchpoint {sum(r.unmatched.values()):,}")
        for value, count in sorted(r.unmatched.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"      unmatched {shorten(value, 60)}: {count:,}")
        for f in read.figures:
            if f.metric == r.source.metric and (f.level, f.touchpoint or f.stage or "") in r.counts:
                lines.append(_figure_line(f))
    return "\n".join(lines) + "\n"


def as_dict(loaded: LoadedSpec, read: SourcesRead | None) -> dict[str, Any]:
    reports = read.reports if read else ()
    figures = read.figures if read else ()
    return {
        "format": "cxgap-sources/1",
        "spec": loaded.source,
        "sources": [
            {
                "index": r.index, "file": r.file, "format": r.source.kind.value, "encoding": r.encoding,
                "metric": r.source.metric, "rows": r.rows, "used": r.used, "skipped": r.skipped,
                "blank": r.blank, "non_numeric": r.non_numeric, "no_touchpoint": r.no_subject,
                "filtered": r.filtered, "unmatched": dict(sorted(r.unmatched.items())),
                "touchpoints": {tp: sum(c.values()) for (level, tp), c in sorted(r.counts.items())
                                if level == "touchpoint"},
            }
            for r in reports
        ],
        "figures": [
            {"metric": f.metric, "touchpoint": f.touchpoint, "stage": f.stage, "value": f.value, "n": f.n,
             "margin": f.margin, "low_sample": f.low_sample,
             "source": [{"file": ref.file, "rows": ref.rows} for ref in f.sources]}
            for f in figures
        ],
    }


def json_text(items: list[dict[str, Any]]) -> str:
    body: Any = items[0] if len(items) == 1 else {"format": "cxgap-sources/1", "specs": items}
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
