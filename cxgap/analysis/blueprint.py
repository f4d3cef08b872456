"""The service blueprint: which company touchpoints have impact, and whom they reach (DESIGN.md §5).

A frontstage touchpoint has **impact** when it meets a customer touchpoint.
A backstage or support touchpoint has impact when any active touchpoint it
`supports` has impact; `supports` may chain and form cycles, so impact is
reachability over the `supports` links, found by one walk backwards from the
frontstage touchpoints that meet someone (linear in the links).

The **reach** of a company touchpoint is the set of customer touchpoints it
meets, or, for backstage and support, the union of the reach of what it
supports. It is computed on demand over the strongly connected components of
the `supports` graph, so a chain or a cycle of thousands of touchpoints costs
one pass, not one pass per touchpoint.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cxgap.model import CompanyTouchpoint


@dataclass(frozen=True)
class Blueprint:
    """The lanes of the active company touchpoints, and what follows from them."""

    meets: dict[str, tuple[str, ...]]
    """Active company touchpoint id -> customer touchpoints it meets (``()`` for backstage and support)."""
    supports: dict[str, tuple[str, ...]]
    """Active backstage or support touchpoint id -> the active company touchpoints it supports."""
    impact: frozenset[str]
    """Active company touchpoints with impact, in any lane."""
    _fronts: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    def has_impact(self, co_id: str) -> bool:
        return co_id in self.impact

    def frontstage_reach(self, co_id: str) -> frozenset[str]:
        """The active frontstage touchpoints a touchpoint leads to (itself, when frontstage)."""
        if co_id not in self.supports:
            return frozenset((co_id,)) if co_id in self.meets else frozenset()
        if not self._fronts:
            self._fronts.update(_reachable_fronts(self.supports, self.meets))
        return self._fronts[co_id]  # every backstage and support touchpoint has an entry

    def reach(self, co_id: str) -> frozenset[str]:
        """The customer touchpoints an active company touchpoint reaches (empty for an inactive one)."""
        if co_id not in self.supports:
            return frozenset(self.meets.get(co_id, ()))
        return frozenset(ct for front in self.frontstage_reach(co_id) for ct in self.meets[front])


def blueprint(active: Sequence[CompanyTouchpoint], meets: dict[str, tuple[str, ...]]) -> Blueprint:
    """The blueprint of the active company touchpoints, given what the frontstage ones meet."""
    active_ids = {co.id for co in active}
    supports: dict[str, tuple[str, ...]] = {}
    supporters: dict[str, list[str]] = defaultdict(list)
    for co in active:
        if co.frontstage:
            continue
        targets = tuple(dict.fromkeys(s for s in co.supports or () if s in active_ids))
        supports[co.id] = targets
        for s in targets:
            supporters[s].append(co.id)
    return Blueprint(meets, supports, frozenset(_walk_back((co.id for co in active if meets.get(co.id)), supporters)))


def _walk_back(start: Iterable[str], supporters: dict[str, list[str]]) -> set[str]:
    seen = set(start)
    todo = list(seen)
    while todo:
        for s in supporters.get(todo.pop(), ()):
            if s not in seen:
                seen.add(s)
                todo.append(s)
    return seen


# Tarjan's algorithm, iterative (a recursive one would overflow on a long `supports` chain): its index,
# low-link and stack invariants only read right in one piece.
def _reachable_fronts(  # noqa: C901
    supports: dict[str, tuple[str, ...]], meets: dict[str, tuple[str, ...]]
) -> dict[str, frozenset[str]]:
    """Backstage/support id -> the frontstage touchpoints reachable from it (Tarjan's algorithm,
    iterative; components come out sinks first, so each one's successors are done before it)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: dict[str, frozenset[str]] = {}
    for root in supports:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            succ = supports[node]  # only backstage and support touchpoints are walked
            if i < len(succ):
                work.append((node, i + 1))
                nxt = succ[i]
                if nxt not in supports:
                    continue  # a frontstage touchpoint: a leaf
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                out.update(dict.fromkeys(component, _component_reach(component, supports, meets, out)))
    return out


def _component_reach(
    component: list[str], supports: dict[str, tuple[str, ...]], meets: dict[str, tuple[str, ...]],
    done: dict[str, frozenset[str]],
) -> frozenset[str]:
    members = set(component)
    parts: list[frozenset[str]] = []
    fronts: set[str] = set()
    for node in component:
        for nxt in supports[node]:
            if nxt in members:
                continue
            if nxt in supports:
                parts.append(done[nxt])
            elif nxt in meets:
                fronts.add(nxt)
    unique = list({id(p): p for p in parts}.values())
    if not fronts and len(unique) == 1:
        return unique[0]  # a chain shares its successor's set: linear, not quadratic
    return frozenset(fronts).union(*unique)
