"""Lay the company's touchpoints over the customer's (DESIGN.md §2).

A company touchpoint meets a customer touchpoint when its `meets` names it;
without `meets`, when both are at the same stage on the same channel.
Channels are the same after folding case, white space, `-` and `_`, or when
the spec's `channels` aliases make them so. Nothing else is guessed. Only
active company touchpoints meet anything. Linear in the number of
touchpoints: customer touchpoints are indexed by (stage, channel).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from cxgap.model import CompanyTouchpoint, CustomerTouchpoint, Status
from cxgap.stages import fold


def channel_folder(aliases: dict[str, list[str]]) -> Callable[[str], str]:
    """A function mapping a channel to its canonical, folded form."""
    table = {}
    for name, others in aliases.items():
        for alias in (name, *others):
            table[fold(alias)] = fold(name)

    cache: dict[str, str] = {}

    def canon(channel: str) -> str:
        found = cache.get(channel)
        if found is None:
            key = fold(channel)
            found = cache[channel] = table.get(key, key)
        return found

    return canon


def match(
    customer: Iterable[CustomerTouchpoint],
    company: Iterable[CompanyTouchpoint],
    canon: Callable[[str], str],
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """(customer id -> company ids meeting it, active company id -> customer ids it meets)."""
    index: dict[tuple[str, str], list[str]] = defaultdict(list)
    met_by: dict[str, list[str]] = {}
    for ct in customer:
        index[(ct.stage, canon(ct.channel))].append(ct.id)
        met_by[ct.id] = []
    meets: dict[str, tuple[str, ...]] = {}
    for co in company:
        if co.status is not Status.active:
            continue
        if co.meets is not None:
            targets = tuple(dict.fromkeys(m for m in co.meets if m in met_by))
        else:
            targets = tuple(index.get((co.stage, canon(co.channel)), ()))
        meets[co.id] = targets
        for ct_id in targets:
            met_by[ct_id].append(co.id)
    return {k: tuple(v) for k, v in met_by.items()}, meets
