"""Accepted gaps (DESIGN.md §5 "Accepted gaps"): the `accept` entries of a spec, like a linter's `noqa`.

An entry in force marks its gap accepted (listed with its reason, left out of
the counts, `fail_on` and diff regressions; scores do not change). From the
day after its `until` the gap counts again, with a warning that the
acceptance expired. An entry that names no current gap is a stale-entry
warning, not an error (with ``--persona`` the gap may belong to another view,
so staleness is judged only in the all-persona view).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from cxgap.analysis.result import Acceptance, Gap, Notice
from cxgap.loaded import accept_key
from cxgap.model import Accept


def apply_acceptances(
    gaps: list[Gap], entries: Sequence[Accept], today: dt.date, lines: dict[str, tuple[int, int]],
    check_stale: bool = True,
) -> tuple[list[Gap], tuple[Notice, ...]]:
    if not entries:
        return gaps, ()
    by_gap = {entry.gap: (i, entry) for i, entry in enumerate(entries)}
    notices: list[Notice] = []
    found: set[str] = set()
    out = []
    for gap in gaps:
        named = by_gap.get(gap.id)
        if named is not None:
            i, entry = named
            found.add(gap.id)
            if entry.until is not None and today > entry.until:
                notices.append(Notice("accept_expired", gap.id, *lines.get(accept_key(i), (1, 1)), entry.until))
            else:
                gap = replace(gap, accepted=Acceptance(entry.reason, entry.until))
        out.append(gap)
    if check_stale:
        for gap_id, (i, entry) in by_gap.items():
            if gap_id not in found:
                notices.append(Notice("accept_stale", gap_id, *lines.get(accept_key(i), (1, 1)), entry.until))
    notices.sort(key=lambda n: (n.line, n.column, n.gap))
    return out, tuple(notices)
