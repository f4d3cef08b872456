"""A loaded YAML document: plain data, and where each value was written.

The loader keeps no node tree (it costs about 30 bytes of memory per byte of
YAML). Instead :class:`Positions` keeps, for every mapping and list of the
data, the packed line and column of each of its keys and items, in one flat
array of integers: about a tenth of the memory, enough to point any problem at
its line (:meth:`Document.locate`).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from cxgap.problems import PathItem, Problem

_SHIFT = 32
_COL = (1 << _SHIFT) - 1
_INDEXED_FROM = 32
"""Mappings with more keys than this get a key index the first time a key is looked up."""


def pack(line: int, col: int) -> int:
    """A 0-based line and column as one integer (columns below 2**32)."""
    return line << _SHIFT | col


def unpack(pos: int) -> tuple[int, int]:
    """The 1-based line and column of a packed position."""
    return (pos >> _SHIFT) + 1, (pos & _COL) + 1


class Positions:
    """Where the keys and items of each container of a document were written.

    For a mapping: the key's and the value's position of each of its own keys,
    in the mapping's order (merged ``<<`` keys come after them and have no
    positions of their own). For a list: each item's position. Containers are
    known by identity: the data they belong to keeps them alive. Empty ones
    have no entry (nothing in them has a position).
    """

    __slots__ = ("_flat", "_keys", "_offsets", "root")

    def __init__(self) -> None:
        self._flat = array("q")
        self._offsets: dict[int, int] = {}
        self._keys: dict[int, dict[str, int]] = {}
        self.root = 0

    def add(self, container: object, positions: list[int]) -> None:
        flat = self._flat
        self._offsets[id(container)] = len(flat)
        flat.append(len(positions))
        flat.fromlist(positions)

    def _key_index(self, mapping: dict[str, Any], key: str, own: int) -> int | None:
        if own <= _INDEXED_FROM:
            for i, k in enumerate(mapping):
                if i >= own:
                    return None
                if k == key:
                    return i
            return None
        index = self._keys.get(id(mapping))
        if index is None:
            index = self._keys[id(mapping)] = {k: i for i, k in zip(range(own), mapping, strict=False)}
        return index.get(key)

    def locate(self, data: Any, path: Sequence[PathItem], *, key: bool = False) -> tuple[int, int]:
        """The 1-based line and column of the value at ``path`` (or of the
        deepest value on the way there when the path goes further than the
        document). With ``key``, the position of the last mapping key."""
        pos = self.root
        value = data
        flat = self._flat
        last = len(path) - 1
        for i, item in enumerate(path):
            # an empty container has no entry, and its id may be a dead one's (yamlbuild, invariant 1)
            offset = self._offsets.get(id(value)) if isinstance(value, (dict, list)) and value else None
            if offset is None:
                break
            count = flat[offset]
            if isinstance(value, dict) and isinstance(item, str):
                j = self._key_index(value, item, count // 2)
                if j is None:
                    break
                if key and i == last:
                    return unpack(flat[offset + 1 + 2 * j])
                pos = flat[offset + 2 + 2 * j]
                value = value[item]
            elif isinstance(value, list) and isinstance(item, int) and 0 <= item < count:
                pos = flat[offset + 1 + item]
                value = value[item]
            else:
                break
        return unpack(pos)


@dataclass
class Document:
    """A loaded YAML document: its data, where each value was written, and
    the problems found while building it."""

    source: str
    data: Any
    positions: Positions = field(default_factory=Positions)
    problems: list[Problem] = field(default_factory=list)
    omitted: int = 0
    """Problems found while building but not kept (beyond :data:`~cxgap.limits.MAX_COLLECTED`)."""

    def locate(self, path: Sequence[PathItem], *, key: bool = False) -> tuple[int, int]:
        return self.positions.locate(self.data, path, key=key)

    def problem(self, path: Sequence[PathItem], message: str, code: str = "invalid", *, key: bool = False) -> Problem:
        line, col = self.locate(path, key=key)
        return Problem(self.source, line, col, message, tuple(path), code)
