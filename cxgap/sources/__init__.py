"""Survey sources: exports (CSV, xlsx) whose answers give NPS, CSAT, CES and
top-box figures, with their sample size and margin of error (DESIGN.md §6).

This package reads files; the analysis only sees the :class:`~cxgap.figures.Figure`
values it produces, attached to the loaded spec by :func:`with_sources`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from cxgap.figures import Figure, SourceRef, figure
from cxgap.i18n import messages
from cxgap.problems import InputError, Problem, shorten
from cxgap.sources.collect import SourceProblem, SourceReport, SpecKeyProblem, read_source, touchpoint_resolver
from cxgap.sources.origins import Origin, Unreadable, file_origin, git_origin
from cxgap.spec import LoadedSpec
from cxgap.xref import typed_metric

Locate = Callable[[str], Origin]
"""A source's `file` -> where to read it."""


@dataclass(frozen=True)
class SourcesRead:
    reports: tuple[SourceReport, ...]
    figures: tuple[Figure, ...]
    warnings: tuple[Problem, ...]


def locate_files(spec_source: str) -> Locate:
    return lambda file: file_origin(spec_source, file)


def locate_at_revision(ref: str, spec_path: str) -> Locate:
    return lambda file: git_origin(ref, spec_path, file)


def read_sources(loaded: LoadedSpec, locate: Locate | None = None) -> SourcesRead:
    """Read every source of the spec; raise :class:`InputError` with every problem found."""
    spec = loaded.spec
    locate = locate or locate_files(loaded.source)
    names = [(ct.id, ct.name) for ct in spec.customer_touchpoints]
    problems: list[Problem] = []
    warnings: list[Problem] = []
    reports: list[SourceReport] = []
    for i, source in enumerate(spec.sources):
        def at(key: str, message: str, code: str, i: int = i) -> Problem:
            line, col = loaded.source_line(i, key)
            return Problem(loaded.source, line, col, message, ("sources", i, key), code)

        try:
            origin = locate(source.file)
            report = read_source(i, source, origin, touchpoint_resolver(names, source.map))
        except Unreadable as err:
            problems.append(at("file", f"{shorten(source.file, 200)} {err}", "source-file"))
            continue
        except SpecKeyProblem as err:
            problems.append(at(err.key, f"{origin.name}: {err.message}", err.code))
            continue
        except SourceProblem as err:
            problems.append(Problem(origin.name, err.row, err.col, err.message, (), err.code))
            continue
        problems.extend(Problem(origin.name, p.row, p.col, p.message, (), p.code) for p in report.problems)
        for value, count in sorted(report.unmatched.items(), key=lambda kv: (-kv[1], kv[0])):
            c = messages()
            warnings.append(at("touchpoint_column", c.t("source.unmatched", warning=c.t("notice.warning"),
                                                        file=origin.name, value=shorten(value, 60),
                                                        count=f"{count:,}"), "unmatched"))
        problems.extend(_typed_twice(loaded, report, at))
        reports.append(report)
    if problems:
        raise InputError(problems)
    return SourcesRead(tuple(reports), _figures(reports), tuple(warnings))


def _typed_twice(loaded: LoadedSpec, report: SourceReport, at: Callable[[str, str, str], Problem]) -> list[Problem]:
    """A metric typed in the spec for a touchpoint that a source's touchpoint column also feeds."""
    if report.source.touchpoint_column is None:
        return []
    by_id = {ct.id: (j, ct) for j, ct in enumerate(loaded.spec.customer_touchpoints)}
    out = []
    for level, tp_id in sorted(report.counts):
        j, ct = by_id[tp_id]
        typed = typed_metric(ct, report.source.metric)
        if level == "touchpoint" and typed is not None:
            line = loaded.line_of(tp_id)[0]
            out.append(at("metric", messages().t(
                "source.metric_twice", metric=report.source.metric, id=repr(tp_id),
                where=f"customer_touchpoints[{j}].metrics.{typed}", line=line, file=report.file), "metric-twice"))
    return out


def _figures(reports: list[SourceReport]) -> tuple[Figure, ...]:
    """One figure per (metric, subject); sources feeding the same one are pooled."""
    pooled: dict[tuple[str, str, str], tuple[Counter[float], list[SourceReport]]] = {}
    for report in reports:
        for (level, subject), counts in report.counts.items():
            key = (report.source.metric, level, subject)
            total, feeders = pooled.setdefault(key, (Counter(), []))
            total.update(counts)
            feeders.append(report)
    out = []
    for (metric, level, subject), (counts, feeders) in pooled.items():
        refs = tuple(SourceRef(r.file, r.rows) for r in feeders)
        out.append(figure(metric, counts, feeders[0].source.top_box, refs,
                          touchpoint=subject if level == "touchpoint" else None,
                          stage=subject if level == "stage" else None, source_index=feeders[0].index))
    out.sort(key=lambda f: (f.level, f.touchpoint or f.stage or "", f.metric))
    return tuple(out)


def with_sources(loaded: LoadedSpec, locate: Locate | None = None) -> tuple[LoadedSpec, SourcesRead | None]:
    """The loaded spec with its source figures attached (unchanged when it has no sources)."""
    if not loaded.spec.sources:
        return loaded, None
    read = read_sources(loaded, locate)
    return replace(loaded, figures=read.figures), read
