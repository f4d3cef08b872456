"""What changed in the overlay itself between two revisions of a spec (DESIGN.md §5 "Policy and diff").

Gaps opened and closed say what a change did; a reviewer also needs to see
how: touchpoints added, removed, renamed (same id, new name) or moved (to
another stage, channel or lane); `meets` and `supports` links added or
removed; status and effort changes. A pull request that closes a gap only by
declaring a link shows that link here. Pure: no I/O, no text for humans.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from cxgap.model import CompanyTouchpoint, CustomerTouchpoint, Spec

Side = Literal["customer", "company"]
TouchpointChangeKind = Literal["added", "removed", "renamed", "moved", "status", "effort", "importance"]


@dataclass(frozen=True)
class TouchpointChange:
    """One touchpoint added, removed or changed; ``field`` says what moved (stage, channel, lane)."""

    kind: TouchpointChangeKind
    side: Side
    id: str
    before: str | float | None = None
    after: str | float | None = None
    field: str = ""


@dataclass(frozen=True)
class LinkChange:
    """A declared `meets` or `supports` link from a company touchpoint, added or removed."""

    link: Literal["meets", "supports"]
    source: str
    target: str
    added: bool


@dataclass(frozen=True)
class OverlayDiff:
    touchpoints: tuple[TouchpointChange, ...]
    links: tuple[LinkChange, ...]

    @property
    def changed(self) -> bool:
        return bool(self.touchpoints or self.links)


Touchpoint = CustomerTouchpoint | CompanyTouchpoint


def _stages(tp: Touchpoint) -> str:
    return ", ".join(tp.stages) if isinstance(tp, CompanyTouchpoint) else tp.stage


def _changes(side: Side, old: Sequence[Touchpoint], new: Sequence[Touchpoint]) -> list[TouchpointChange]:
    before = {tp.id: tp for tp in old}
    after = {tp.id: tp for tp in new}
    out: list[TouchpointChange] = []
    for tp in new:
        if tp.id not in before:
            out.append(TouchpointChange("added", side, tp.id, after=tp.label))
    for tp in old:
        if tp.id not in after:
            out.append(TouchpointChange("removed", side, tp.id, before=tp.label))
    for tp in new:
        was = before.get(tp.id)
        if was is not None:
            out += _kept(side, was, tp)
    return out


def _kept(side: Side, was: Touchpoint, tp: Touchpoint) -> list[TouchpointChange]:
    """What changed in a touchpoint kept under the same id."""
    pairs: list[tuple[TouchpointChangeKind, str | float, str | float, str]] = [
        ("renamed", was.label, tp.label, ""), ("moved", _stages(was), _stages(tp), "stage"),
        ("moved", was.channel, tp.channel, "channel"),
    ]
    if isinstance(was, CompanyTouchpoint) and isinstance(tp, CompanyTouchpoint):
        pairs += [("moved", was.lane.value, tp.lane.value, "lane"), ("status", was.status.value, tp.status.value, ""),
                  ("effort", was.effort, tp.effort, "")]
    elif isinstance(was, CustomerTouchpoint) and isinstance(tp, CustomerTouchpoint):
        pairs.append(("importance", float(was.importance), float(tp.importance), ""))
    return [TouchpointChange(kind, side, tp.id, old, new, field) for kind, old, new, field in pairs if old != new]


def _links(old: Sequence[CompanyTouchpoint], new: Sequence[CompanyTouchpoint]) -> list[LinkChange]:
    out: list[LinkChange] = []
    for link in ("meets", "supports"):
        def declared(tps: Sequence[CompanyTouchpoint], link: str = link) -> dict[tuple[str, str], None]:
            return dict.fromkeys((co.id, target) for co in tps for target in getattr(co, link) or ())

        was, now = declared(old), declared(new)
        out.extend(LinkChange(link, s, t, True) for (s, t) in now if (s, t) not in was)
        out.extend(LinkChange(link, s, t, False) for (s, t) in was if (s, t) not in now)
    return out


def overlay_diff(base: Spec, head: Spec) -> OverlayDiff:
    """The overlay changes from ``base`` to ``head``, in head order (removed ones in base order)."""
    return OverlayDiff(
        touchpoints=(*_changes("customer", base.customer_touchpoints, head.customer_touchpoints),
                     *_changes("company", base.company_touchpoints, head.company_touchpoints)),
        links=tuple(_links(base.company_touchpoints, head.company_touchpoints)),
    )
