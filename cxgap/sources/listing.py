"""`cxgap sources`: what each survey source of a spec contributed, as text or JSON."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from cxgap.figures import Figure
from cxgap.i18n import Catalog, messages
from cxgap.problems import shorten
from cxgap.sources import SourcesRead
from cxgap.sources.collect import WITH_BOM, SourceReport
from cxgap.spec import LoadedSpec


def _feeds(report: SourceReport, c: Catalog) -> str:
    s = report.source
    if s.touchpoint_column is not None:
        return c.t("sources.feeds.column", column=shorten(s.touchpoint_column, 50))
    if s.touchpoint is not None:
        return c.t("sources.feeds.touchpoint", id=s.touchpoint)
    if s.stage is not None:
        return c.t("sources.feeds.stage", id=s.stage)
    return c.t("sources.feeds.journey")


def _figure_line(f: Figure, c: Catalog) -> str:
    subject = f.touchpoint or f.stage or c.t("sources.journey")
    margin = f"± {f.margin:g}" if f.margin is not None else f"± {c.t('label.na')}"
    low = f"  {c.t('sources.low_sample')}" if f.low_sample else ""
    pad = " " * max(0, 30 - _width(subject))
    return f"    {subject}{pad} n={f.n:<9,} {f.metric} {f.value:g} {margin}{low}"


def _width(text: str) -> int:
    """Columns a terminal gives the text (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _kind(report: SourceReport, c: Catalog) -> str:
    kind = report.source.kind.value
    if kind == report.encoding:
        return kind
    encoding = report.encoding.removesuffix(WITH_BOM)
    shown = c.t("sources.with_bom", encoding=encoding) if encoding != report.encoding else encoding
    return f"{kind}{c.list_sep}{shown}"


def text(loaded: LoadedSpec, read: SourcesRead | None) -> str:
    """The listing in the language messages are made in now."""
    c = messages()
    lines = [c.t("sources.count", count=len(loaded.spec.sources), source=loaded.source)]
    if read is None:
        return lines[0] + "\n"
    for r in read.reports:
        lines.append(c.t("sources.entry", index=r.index, file=r.file, kind=_kind(r, c), metric=r.source.metric,
                         feeds=_feeds(r, c)))
        lines.append(c.t("sources.rows", rows=f"{r.rows:,}", used=f"{r.used:,}", skipped=f"{r.skipped:,}",
                         blank=f"{r.blank:,}", non_numeric=f"{r.non_numeric:,}", no_touchpoint=f"{r.no_subject:,}",
                         filtered=f"{r.filtered:,}", unmatched=f"{sum(r.unmatched.values()):,}"))
        for value, count in sorted(r.unmatched.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(c.t("sources.unmatched", value=shorten(value, 60), count=f"{count:,}"))
        for f in read.figures:
            if f.metric == r.source.metric and (f.level, f.touchpoint or f.stage or "") in r.counts:
                lines.append(_figure_line(f, c))
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
