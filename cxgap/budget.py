"""How many validation errors one spec may bring into memory.

pydantic collects every error of a document before it returns, each with its
place and the value that failed: a 10 MiB spec of 640,000 unknown keys made
640,000 of them (850 MiB), and one of 5 million wrong list items (`[x,x,x,…]`
for answers) needed 6 GiB. cxgap keeps :data:`~cxgap.limits.MAX_COLLECTED`
problems per file and only counts the rest, so validation keeps no more than
that either:

* every list and dict of the spec format is validated through :data:`BOUNDED`:
  a long one a chunk of :data:`CHUNK` items at a time, and what a container
  raises is trimmed to what the file's :class:`ProblemBudget` has left (the
  rest is counted in ``omitted``);
* unknown keys of a mapping beyond what is left are removed before pydantic
  sees them (:meth:`ProblemBudget.unknown_keys`), and counted.

Errors are kept in the order pydantic finds them (the document's order within
a list or mapping). A container whose errors were all counted, none kept,
raises one :data:`OMITTED` marker error instead, so that validation still
fails; markers are no problems and are not counted.

Outside :func:`budgeted` (a model built in code or in a test) nothing is
bounded and validation is pydantic's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import islice
from typing import Any

from pydantic import ValidationError, ValidatorFunctionWrapHandler, WrapValidator
from pydantic_core import InitErrorDetails, PydanticCustomError

from cxgap.limits import MAX_COLLECTED

CHUNK = 256
"""Items validated at once in a long list or mapping: the errors of one chunk
are in memory before they are trimmed (a few per item)."""
OMITTED = "cxgap_omitted"
"""The error type of a marker: errors were found here and only counted."""


class ProblemBudget:
    """The validation errors of one file: how many are kept (alive in what
    validation raises), how many were found and only counted."""

    __slots__ = ("depth", "kept", "limit", "markers", "omitted")

    def __init__(self, limit: int = MAX_COLLECTED) -> None:
        self.limit = limit
        self.kept = 0
        self.omitted = 0
        self.markers = 0
        """Markers raised and not yet absorbed by an enclosing container."""
        self.depth = 0
        """Bounded containers being validated around the current one."""

    @property
    def left(self) -> int:
        return max(0, self.limit - self.kept)

    def unknown_keys(self, data: dict[str, Any], unknown: list[str]) -> dict[str, Any]:
        """``data`` without the unknown keys beyond what is left (those are counted).
        The ones kept are counted by the container around (or, at the top, by
        the loader, which keeps the first problems by line)."""
        keep = self.left
        if len(unknown) <= keep:
            return data
        dropped = set(unknown[keep:])
        self.omitted += len(dropped)
        return {k: v for k, v in data.items() if k not in dropped}

    def trim(self, err: ValidationError, offset: int, into: list[InitErrorDetails], before: int,
             markers: int) -> bool:
        """Add the errors of ``err`` that fit to ``into`` (list indexes moved by
        ``offset``) and count the others; True when some were counted, not kept.
        ``before`` and ``markers``: the errors kept and the markers alive when
        the container's validation began (the markers raised since are in ``err``)."""
        if before + len(into) >= self.limit:  # nothing fits: count without reading the errors
            self.omitted += err.error_count() - (self.markers - markers)
            self.markers = markers
            return True
        counted = False
        for e in err.errors(include_url=False):
            if e["type"] == OMITTED:
                counted = True
            elif before + len(into) >= self.limit:
                self.omitted += 1
                counted = True
            else:
                loc = e["loc"]
                if offset and loc and isinstance(loc[0], int):
                    loc = (loc[0] + offset, *loc[1:])
                detail = InitErrorDetails(type=e["type"], loc=loc, input=e["input"])
                if "ctx" in e:
                    detail["ctx"] = e["ctx"]
                into.append(detail)
        self.kept = before + len(into)
        self.markers = markers
        return counted


_BUDGET: ContextVar[ProblemBudget | None] = ContextVar("cxgap_budget", default=None)


@contextmanager
def budgeted(budget: ProblemBudget) -> Iterator[ProblemBudget]:
    """Validate with ``budget`` for the file's errors."""
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


def current() -> ProblemBudget | None:
    return _BUDGET.get()


def _chunks(value: list[Any] | dict[str, Any]) -> Iterator[tuple[int, Any]]:
    if isinstance(value, list):
        for start in range(0, len(value), CHUNK):
            yield start, value[start:start + CHUNK]
    else:
        items = iter(value.items())
        while part := dict(islice(items, CHUNK)):
            yield 0, part


def _bounded(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    budget = _BUDGET.get()
    if budget is None or not isinstance(value, (list, dict)):
        return handler(value)
    if budget.depth:
        budget.depth += 1
        try:
            return _validate(budget, value, handler)
        finally:
            budget.depth -= 1
    # A section of the spec (customer_touchpoints, channels…) has a budget of its
    # own, so that the first problems of each are kept: the loader keeps the
    # first of all by line (a few thousand at most are alive at once).
    budget.depth, saved, budget.kept = 1, budget.kept, 0
    try:
        return _validate(budget, value, handler)
    finally:
        budget.depth, budget.kept = 0, saved + budget.kept


def _validate(budget: ProblemBudget, value: list[Any] | dict[str, Any], handler: ValidatorFunctionWrapHandler) -> Any:
    before, markers = budget.kept, budget.markers
    if len(value) <= CHUNK:
        try:
            done = handler(value)
        except ValidationError as err:
            count = err.error_count()
            if before + count <= budget.limit and budget.markers == markers:
                budget.kept = before + count  # the common case: raised as it is
                raise
            kept: list[InitErrorDetails] = []
            budget.trim(err, 0, kept, before, markers)
            del err
            raise _failure(budget, kept) from None
        budget.kept = before  # nothing raised from inside is alive
        return done
    kept = []
    counted = False
    results: list[Any] = []
    merged: dict[str, Any] = {}
    for start, part in _chunks(value):
        try:
            done = handler(part)
        except ValidationError as err:
            counted = budget.trim(err, start, kept, before, markers) or counted
            del err
            continue
        budget.kept = before + len(kept)
        if kept or counted:
            continue  # the container fails: its valid items are not needed
        if isinstance(done, list):
            results.extend(done)
        else:
            merged.update(done)
    if kept or counted:
        raise _failure(budget, kept)
    return results if isinstance(value, list) else merged


def _failure(budget: ProblemBudget, kept: list[InitErrorDetails]) -> ValidationError:
    """The errors kept, or one marker when all were only counted."""
    if not kept:
        budget.markers += 1
        kept = [InitErrorDetails(type=PydanticCustomError(OMITTED, "problems here were counted, not kept"),
                                 loc=(), input=None)]
    return ValidationError.from_exception_data("cxgap", kept)


BOUNDED = WrapValidator(_bounded)
"""Put on every list and dict of the spec format (``Annotated[list[X], BOUNDED]``)."""
