"""Plain data straight from libyaml's parse events, with no node tree.

Building from events instead of composed nodes keeps memory to the data and a
compact table of positions (:class:`~cxgap.document.Positions`), needs no
recursion (libyaml's own composer recurses in C and crashes the process at
about 30,000 nested levels), and lets the loader stop the parser the moment a
limit is crossed, before libyaml does any more work:

* every scalar is the text the user wrote (``id: 10`` is ``"10"``, ``owner:
  NO`` is ``"NO"``); only a plain ``~``/``null``/empty value is None;
* duplicate mapping keys, unknown tags (``!!python/...``), aliases to nothing
  or to the node that contains them, and keys that are not text are problems
  (collected, and building goes on);
* mappings and lists nested deeper than :data:`~cxgap.limits.MAX_DEPTH`,
  more nodes than :func:`~cxgap.limits.max_nodes` allows for the input limit,
  aliases expanding to more than :data:`~cxgap.limits.MAX_ALIAS_NODES` nodes
  or to more text than the input limit, and a second document stop the parse
  at once.
"""

from __future__ import annotations

import re
from typing import Any

from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from cxgap.cjk import join_folds
from cxgap.document import Positions, pack
from cxgap.i18n import messages
from cxgap.limits import BYTES_PER_NODE, DEFAULT_MAX_BYTES, MAX_ALIAS_NODES, MAX_COLLECTED, MAX_DEPTH, max_nodes
from cxgap.problems import Problem, shorten, worded

_YAML = "tag:yaml.org,2002:"
_MAP_TAGS = frozenset((None, "!", _YAML + "map"))
_SEQ_TAGS = frozenset((None, "!", _YAML + "seq"))
_TEXT_TAGS = frozenset((None, "!", *(_YAML + t for t in ("str", "int", "float", "bool", "timestamp", "binary"))))
_NULL_TAG = _YAML + "null"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters other than tab and line breaks: only a double-quoted
escape (``"\\e[2J"``) can write them, and in a report they would be terminal
escape sequences."""


class _Sentinel:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


_NO_KEY = _Sentinel("no key yet")
_MERGE = _Sentinel("<<")
_SKIP = _Sentinel("a refused key: drop its value")
_OPEN = _Sentinel("an anchored container still being built")


class Stop(Exception):
    """A limit was crossed: the parse stops here (the problem is recorded)."""


class _Frame:
    """A mapping or list being built."""

    __slots__ = ("anchor", "container", "firsts", "is_map", "key", "key_pos", "merges", "pos", "positions", "size",
                 "tag_ok")

    def __init__(self, container: Any, is_map: bool, pos: int, anchor: str | None, tag_ok: bool) -> None:
        self.container = container
        self.is_map = is_map
        self.pos = pos
        self.anchor = anchor
        self.tag_ok = tag_ok
        self.positions: list[int] = []
        self.size = 1
        self.key: object = _NO_KEY
        self.key_pos = 0
        self.merges: list[tuple[Any, int, int]] | None = None
        self.firsts: dict[str, int] | None = None


def _tag_name(tag: str) -> str:
    name = tag.replace(_YAML, "!!")
    name = name if len(name) <= 80 else name[:79] + "…"
    return name if name.isprintable() else repr(name)


def _pos(event: Event) -> int:
    mark: Any = event.start_mark
    return pack(int(mark.line), int(mark.column))


class EventBuilder:
    """Builds one document's data from parse events, collecting problems.

    :meth:`run` pulls events and hands each to its handler (``_on_scalar``,
    ``_on_start``, ``_on_end``, ``_on_alias``; the hot cases of ``_on_scalar``
    are inlined, see 6); a handler that finishes a value passes it to
    :meth:`_put`, which stores it in the open container.
    The invariants the handlers keep:

    1. **Positions by identity.** :class:`~cxgap.document.Positions` knows a
       container by ``id()``. Every finished container that holds something
       is added, and a container the builder drops (a refused tag, a refused
       key, a mapping used as a key) dies right after it was added. So when a
       later container reuses a dead one's id, its own ``add`` comes later and
       overwrites the stale entry: every id of a non-empty container the
       finished data holds maps to its own positions. An empty one is not
       added (3.5 million ``[]`` would cost 600 MiB of entries), and
       :meth:`~cxgap.document.Positions.locate` never looks one up.
    2. **Own keys first.** A mapping's ``positions`` hold its own keys only,
       in order (key, value, key, value...). ``<<`` merges are applied when
       the mapping ends, with ``setdefault``, so merged keys come after the
       own ones in dict order and the first ``len(positions) // 2`` keys are
       exactly the positioned ones (:meth:`Positions.locate` relies on it).
    3. **One key pending.** ``frame.key`` is ``_NO_KEY`` while a mapping waits
       for a key, then the key text, ``_MERGE`` or ``_SKIP`` until its value
       arrives; ``_put`` resets it. Values under ``_SKIP`` are dropped.
    4. **Sizes count expanded nodes.** ``frame.size`` is 1 plus the sizes of
       its values, aliases included at the size of what they expand to, and
       an anchor remembers ``(value, size)``; the alias limit adds those sizes,
       so nested aliases are charged for their full expansion. The text an
       alias repeats is added to ``text_size`` after that check (so the walk
       in :meth:`_expand_text` is bounded).
    5. **``_OPEN`` anchors.** An anchored container is ``_OPEN`` in
       ``anchors`` until it ends: an alias to it from inside is a cycle.
    6. **Hot paths inline.** Three cases make up almost every event of a
       spec and are handled in :meth:`_document`'s loop without a call: a
       plain list item, a plain key and a plain value for a pending key
       ("plain": no tag, no anchor, no control character, and not a ``>``
       folded scalar with CJK text, whose line breaks :meth:`_folded` joins). A key takes that
       path only when it is neither a duplicate nor ``<<`` and its mapping has
       no ``firsts`` index; everything else goes through the handlers and
       :meth:`_key`, and the result is the same either way (the tests in
       ``tests/test_yamlbuild.py`` compare both). ``frame.firsts`` (key ->
       first position) is built only at a mapping's first duplicate key and
       kept up to date from then on.
    7. **Nodes counted by the loop.** :meth:`_document` pulls at most
       ``max_nodes`` events with ``for ... in range()``: the count costs the
       hot paths nothing, and the event after the last one allowed is where
       the node limit is reported (a mapping or list is two events).
    """

    def __init__(self, name: str, max_text: int = DEFAULT_MAX_BYTES, text_size: int = 0, source: str = "") -> None:
        self.name = name
        self.source = source
        """The text being parsed (for the typography of folded scalars)."""
        self.problems: list[Problem] = []
        self.positions = Positions()
        self.alias_nodes = 0
        self.omitted = 0
        self.anchors: dict[str, Any] = {}
        self.max_text = max_text
        """Largest size of the document's text after alias expansion (the input limit)."""
        self.max_nodes = max_nodes(max_text)
        """Most parse events the document may have (a mapping or list is two: its start and its end)."""
        self.text_size = text_size
        """The document's own text (an upper bound of its scalars), plus what aliases add."""
        self.stack: list[_Frame] = []
        """The open containers around the innermost one, outermost first."""
        self.root: Any = None

    def fail(self, pos: int, message: str, code: str) -> None:
        if len(self.problems) >= MAX_COLLECTED:  # counted, not kept: memory stays bounded
            self.omitted += 1
            return
        self.problems.append(Problem(self.name, (pos >> 32) + 1, (pos & 0xFFFFFFFF) + 1, message, (), code))

    def stop(self, pos: int, message: str, code: str) -> Stop:
        self.problems.append(Problem(self.name, (pos >> 32) + 1, (pos & 0xFFFFFFFF) + 1, message, (), code))
        return Stop(message)

    def run(self, get_event: Any) -> Any:
        """The data of the stream's only document (None for an empty stream)."""
        event = get_event()  # StreamStartEvent
        event = get_event()
        if type(event) is StreamEndEvent:
            return None
        data = self._document(get_event)
        event = get_event()
        if type(event) is DocumentStartEvent:
            raise self.stop(_pos(event), messages().t("load.second_document"), "second-document")
        return data

    def _document(self, get_event: Any) -> Any:
        on_start, on_end, on_scalar, on_alias = self._on_start, self._on_end, self._on_scalar, self._on_alias
        frame: _Frame | None = None  # the innermost open container; the ones around it are on self.stack
        for _ in range(self.max_nodes):  # the node limit, counted for free (invariant 7)
            event = get_event()
            cls = type(event)
            if cls is ScalarEvent:  # the two hot paths stay inline (invariant 6); the rest is _on_scalar's
                if (frame is not None and event.tag is None and event.anchor is None
                        and (event.style != '"' or not _CONTROL.search(event.value))
                        and (event.style != ">" or event.value.isascii())):
                    text = event.value
                    if not frame.is_map:  # a plain list item
                        mark = event.start_mark
                        frame.container.append(None if not event.style and text in _NULLS else text)
                        frame.positions.append(mark.line << 32 | mark.column)
                        frame.size += 1
                        continue
                    key = frame.key
                    if key is _NO_KEY:  # a plain key
                        if text not in frame.container and text != "<<" and frame.firsts is None:
                            frame.key = text
                            mark = event.start_mark
                            frame.key_pos = mark.line << 32 | mark.column
                            continue
                    elif type(key) is str:  # a plain value for a key
                        mark = event.start_mark
                        frame.container[key] = None if not event.style and text in _NULLS else text
                        positions = frame.positions
                        positions.append(frame.key_pos)
                        positions.append(mark.line << 32 | mark.column)
                        frame.size += 1
                        frame.key = _NO_KEY
                        continue
                on_scalar(event, frame)
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                frame = on_end(frame)
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                frame = on_start(event, cls is MappingStartEvent, frame)
            elif cls is AliasEvent:
                on_alias(event, frame)
            elif cls is DocumentEndEvent:
                return self.root
            # libyaml emits nothing else inside a document
        event = get_event()
        if type(event) is DocumentEndEvent:  # exactly at the limit
            return self.root
        raise self._too_many_nodes(_pos(event))

    def _too_many_nodes(self, pos: int) -> Stop:
        limit = self.max_nodes
        english = (f"more than {limit:,} YAML nodes (keys, values and aliases; a mapping or list counts twice): "
                   f"one per {BYTES_PER_NODE} bytes of the input limit of {self.max_text:,} bytes, and a journey "
                   "spec has one per 10 bytes; expected fewer, smaller values, or raise --max-bytes if the file is "
                   "genuine")
        return self.stop(pos, worded("problem.too_many_nodes", None, english, limit=f"{limit:,}",
                                     per=BYTES_PER_NODE, max_bytes=f"{self.max_text:,}"), "too-many-nodes")

    def _folded(self, event: Any, text: str) -> str:
        """A ``>`` folded scalar: a line break between two CJK characters
        joins them without the space YAML puts there (Chinese has none)."""
        if text.isascii() or not self.source:
            return text
        return join_folds(text, self.source[event.start_mark.index:event.end_mark.index])

    def _control(self, pos: int, text: str) -> None:
        match = _CONTROL.search(text)
        assert match is not None
        self.fail(pos, messages().t("load.control_character", code=f"{ord(match.group()):04X}"), "control-character")

    def _on_scalar(self, event: Any, frame: _Frame | None) -> None:
        mark = event.start_mark
        pos = mark.line << 32 | mark.column
        text = event.value
        tag = event.tag
        if event.style == '"' and _CONTROL.search(text):
            self._control(pos, text)
        elif event.style == ">":
            text = self._folded(event, text)
        if frame is not None and frame.is_map and frame.key is _NO_KEY:  # a key, not on the fast path
            if tag not in _TEXT_TAGS and tag != _NULL_TAG:
                self.fail(pos, messages().t("load.tag_on_key", tag=_tag_name(tag)), "tag")
                frame.key = _SKIP
            else:
                self._key(frame, text, pos, not event.style and tag is None)
            if event.anchor is not None:
                self.anchors[event.anchor] = (text, 1)
            return
        if tag is None:
            value = None if not event.style and text in _NULLS else text
        elif tag in _TEXT_TAGS:
            value = text
        elif tag == _NULL_TAG:
            value = None
        else:
            self.fail(pos, messages().t("load.tag_code", tag=_tag_name(tag)), "tag")
            value = None
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        self._put(frame, value, pos, 1)

    def _on_start(self, event: Any, is_map: bool, frame: _Frame | None) -> _Frame:
        """A mapping or list opens: it becomes the open container."""
        mark = event.start_mark
        pos = mark.line << 32 | mark.column
        stack = self.stack
        if len(stack) + (frame is not None) >= MAX_DEPTH:
            raise self.stop(pos, messages().t("load.too_deep", limit=MAX_DEPTH), "too-deep")
        tag = event.tag
        tag_ok = tag is None or tag in (_MAP_TAGS if is_map else _SEQ_TAGS)
        if not tag_ok:
            self.fail(pos, messages().t("load.tag_collection", tag=_tag_name(tag)), "tag")
        anchor = event.anchor
        if anchor is not None:
            self.anchors[anchor] = _OPEN
        if frame is not None:
            stack.append(frame)
        return _Frame({} if is_map else [], is_map, pos, anchor, tag_ok)

    def _on_end(self, done: _Frame | None) -> _Frame | None:
        """The open container ends: it goes into its parent, which is open again."""
        assert done is not None
        stack = self.stack
        frame = stack.pop() if stack else None
        value = done.container
        if done.merges:
            self._merge(done)
        if value:  # an empty one has no positions (invariant 1)
            self.positions.add(value, done.positions)
        size = done.size
        if not done.tag_ok:
            value = None
        if done.anchor is not None and self.anchors.get(done.anchor) is _OPEN:
            self.anchors[done.anchor] = (value, size)
        if frame is not None and not frame.is_map:  # _put's list case, inline: the most common end
            frame.container.append(value)
            frame.positions.append(done.pos)
            frame.size += size
        else:
            self._put(frame, value, done.pos, size)
        return frame

    def _on_alias(self, event: Any, frame: _Frame | None) -> None:
        pos = _pos(event)
        entry = self.anchors.get(event.anchor)
        if entry is None:
            name = _tag_name(str(event.anchor))
            self.fail(pos, messages().t("load.unknown_alias", name=name), "alias")
            value, size = None, 1
        elif entry is _OPEN:
            self.fail(pos, messages().t("load.alias_cycle"), "alias-cycle")
            value, size = None, 1
        else:
            value, size = entry
            self.alias_nodes += size
            if self.alias_nodes > MAX_ALIAS_NODES:
                raise self.stop(pos, messages().t("load.alias_nodes", limit=f"{MAX_ALIAS_NODES:,}"), "alias-bomb")
            self._expand_text(pos, value)
        self._put(frame, value, pos, size)

    def _put(self, frame: _Frame | None, value: Any, pos: int, size: int) -> None:
        """A finished value (of ``size`` nodes, written at ``pos``) goes into the open container ``frame``."""
        if frame is None:
            self.root = value
            self.positions.root = pos
        elif not frame.is_map:
            frame.container.append(value)
            frame.positions.append(pos)
            frame.size += size
        else:
            key = frame.key
            if key is _NO_KEY:  # a mapping, list or alias used as a key
                self._key(frame, value, pos, False)
                return
            if type(key) is str:
                frame.container[key] = value
                frame.positions.append(frame.key_pos)
                frame.positions.append(pos)
                frame.size += size
            elif key is _MERGE:
                if frame.merges is None:
                    frame.merges = []
                frame.merges.append((value, size, pos))
            frame.key = _NO_KEY

    def _key(self, frame: _Frame, text: Any, pos: int, plain: bool) -> None:
        """A key arrives in a mapping: remember it until its value comes."""
        if not isinstance(text, str):
            self.fail(pos, messages().t("load.key_not_text"), "key")
            frame.key = _SKIP
        elif text == "<<" and plain:
            frame.key = _MERGE
        elif text in frame.container:
            firsts = frame.firsts
            if firsts is None:
                firsts = frame.firsts = dict(zip(frame.container, frame.positions[0::2], strict=True))
            first = (firsts[text] >> 32) + 1
            english = (f"duplicate key {shorten(text)} (first at line {first}); YAML would silently keep only the "
                       "last one")
            self.fail(pos, worded("problem.duplicate_key", None, english, field=shorten(text), line=first),
                      "duplicate-key")
            frame.key = _SKIP
        else:
            frame.key = text
            frame.key_pos = pos
            if frame.firsts is not None:
                frame.firsts[text] = pos

    def _expand_text(self, pos: int, value: Any) -> None:
        """Count the text an alias repeats: a 1 MiB scalar aliased 9,000 times
        is 9 GiB of names to every report, from a file under the limit. The
        walk is bounded: the alias node limit was checked first."""
        size = 0
        todo = [value]
        while todo:
            item = todo.pop()
            if type(item) is str:
                size += len(item)
            elif type(item) is dict:
                size += sum(len(k) for k in item)
                todo.extend(item.values())
            elif type(item) is list:
                todo.extend(item)
        self.text_size += size
        if self.text_size > self.max_text:
            raise self.stop(pos, messages().t("load.alias_text", limit=f"{self.max_text:,}"), "alias-bomb")

    def _merge(self, frame: _Frame) -> None:
        """Apply ``<<`` merge keys: keys of the mapping itself win."""
        out = frame.container
        for value, size, pos in frame.merges or ():
            sources = value if isinstance(value, list) else [value]
            for source in sources:
                if not isinstance(source, dict):
                    self.fail(pos, messages().t("load.merge"), "merge")
                    continue
                for k, v in source.items():
                    out.setdefault(k, v)
            frame.size += size
