"""Lay the company's touchpoints over the customer's (DESIGN.md §2).

A company touchpoint meets a customer touchpoint when its `meets` names it;
without `meets`, when both are at the same stage on the same channel.
Channels are the same after folding case, white space, `-` and `_`, or when
the spec's `channels` aliases make them so. Nothing else is guessed. Only
frontstage company touchpoints meet anything (the callers choose which: the
engine the active ones, the closers the planned and retired); one that runs at
several stages matches at each of them. Linear in the number of
touchpoints: customer touchpoints are indexed by (stage, channel).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from cxgap.model import CompanyTouchpoint, CustomerTouchpoint
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


def _by_stage_and_channel(
    co: CompanyTouchpoint, channel: str, buckets: dict[tuple[str, str], tuple[str, ...]],
    by_bucket: dict[tuple[str, str], list[str]],
) -> tuple[str, ...]:
    """The customer touchpoints a company touchpoint without `meets` matches, recording it in the buckets
    it joins. One stage: the bucket's own tuple (shared); several: each stage's, in the order listed."""
    if isinstance(co.stage, str):
        key = (co.stage, channel)
        targets = buckets.get(key, ())
        if targets:
            by_bucket[key].append(co.id)
        return targets
    found: list[str] = []
    for stage in co.stage:
        key = (stage, channel)
        if key in buckets:
            by_bucket[key].append(co.id)
            found += buckets[key]
    return tuple(found)


def match(
    customer: Iterable[CustomerTouchpoint],
    company: Iterable[CompanyTouchpoint],
    canon: Callable[[str], str],
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """(customer id -> company ids meeting it, company id -> customer ids it meets).

    Every company touchpoint given matches, whatever its status: the engine
    passes the active ones, :mod:`cxgap.analysis.closers` the planned and
    retired ones (what they would meet if they were active). Backstage and
    support touchpoints meet nobody directly (``()``; see
    :mod:`cxgap.analysis.blueprint`).

    Touchpoints matched by stage and channel share one tuple per (stage,
    channel) bucket, so a bucket with many touchpoints on both sides costs
    memory per touchpoint, not per matched pair.
    """
    index: dict[tuple[str, str], list[str]] = defaultdict(list)
    key_of: dict[str, tuple[str, str]] = {}
    for ct in customer:
        key = (ct.stage, canon(ct.channel))
        index[key].append(ct.id)
        key_of[ct.id] = key
    buckets = {key: tuple(ids) for key, ids in index.items()}
    by_bucket: dict[tuple[str, str], list[str]] = defaultdict(list)
    explicit: dict[str, list[str]] = defaultdict(list)
    meets: dict[str, tuple[str, ...]] = {}
    for co in company:
        if not co.frontstage:
            meets[co.id] = ()
            continue
        if co.meets is not None:
            targets = tuple(dict.fromkeys(m for m in co.meets if m in key_of))
            for ct_id in targets:
                explicit[ct_id].append(co.id)
        else:
            targets = _by_stage_and_channel(co, canon(co.channel), buckets, by_bucket)
        meets[co.id] = targets
    shared = {key: tuple(ids) for key, ids in by_bucket.items()}
    met_by: dict[str, tuple[str, ...]] = {}
    for ct_id, key in key_of.items():
        from_bucket = shared.get(key, ())
        extra = explicit.get(ct_id)
        met_by[ct_id] = tuple(dict.fromkeys((*from_bucket, *extra))) if extra else from_bucket
    return met_by, meets
