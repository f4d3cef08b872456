"""Safe, bounded, line-aware YAML loading.

The text is checked before libyaml sees it (size, encoding, flow-bracket
depth), composed into nodes by libyaml's C parser, and then built into plain
Python data by our own small constructor, which

* keeps every scalar as the text the user wrote (``id: 10`` is ``"10"``,
  ``owner: NO`` is ``"NO"``); only a plain ``~``/``null``/empty value is None,
* refuses duplicate mapping keys, unknown tags (``!!python/...``), nesting
  deeper than :data:`MAX_DEPTH` and alias expansion beyond
  :data:`MAX_ALIAS_NODES`,
* collects every problem it finds instead of stopping at the first.

The composed node tree is kept so that a path in the document can be turned
back into a line and column (:func:`locate`) when something is wrong.
"""

from __future__ import annotations

import codecs
import gc
import os
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cxgap.limits import DEFAULT_MAX_BYTES, MAX_ALIAS_NODES, MAX_DEPTH, MAX_FLOW_DEPTH
from cxgap.problems import InputError, PathItem, Problem, shorten

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_NULL = "tag:yaml.org,2002:null"
_DEFAULT_TAGS = {ScalarNode: _STR, SequenceNode: _SEQ, MappingNode: _MAP}
_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")
) | {"!"}
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_FLOW = re.compile(r"[\[\]{}]")

try:  # pragma: no branch - the C parser ships with PyYAML's wheels
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - a PyYAML built without libyaml
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.resolver import BaseResolver
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer, BaseResolver):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            BaseResolver.__init__(self)


class _Composer(_Parser):
    """libyaml's composer with no implicit typing: every plain scalar is text."""

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        return _DEFAULT_TAGS[kind]

    def descend_resolver(self, parent: Any, index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


@dataclass
class Document:
    """A loaded YAML document: its data, and the nodes that know the lines."""

    source: str
    data: Any
    root: Node | None
    problems: list[Problem] = field(default_factory=list)

    def problem(self, path: Sequence[PathItem], message: str, code: str = "invalid", *, key: bool = False) -> Problem:
        line, col = locate(self.root, path, key=key)
        return Problem(self.source, line, col, message, tuple(path), code)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: building a large tree of new objects
    otherwise triggers it over and over for nothing (nodes hold no cycles)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, bytes]:
    """Read a file (or stdin for ``-``) read-only, refusing more than ``max_bytes``."""
    if path == "-":
        raw = sys.stdin.buffer.read(max_bytes + 1)
        name = "<stdin>"
    else:
        name = path
        try:
            if os.path.isdir(path):
                raise InputError([Problem(name, 1, 1, "is a directory; expected a YAML file", code="io")])
            with open(path, "rb") as fh:
                raw = fh.read(max_bytes + 1)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise InputError([Problem(name, 1, 1, f"cannot read the file: {reason}", code="io")]) from None
    if len(raw) > max_bytes:
        raise InputError([Problem(
            name, 1, 1,
            f"file is larger than the limit of {max_bytes:,} bytes; raise it with --max-bytes if the file is genuine",
            code="too-large",
        )])
    return name, raw


def _line_col_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    col = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(name: str, raw: bytes) -> str:
    """UTF-8 with or without BOM; UTF-16/32 only with their BOM."""
    enc = next((e for bom, e in _BOMS if raw.startswith(bom)), "utf-8")
    try:
        return raw.decode(enc)
    except UnicodeDecodeError as exc:
        line, col = _line_col_of_byte(raw, exc.start) if enc == "utf-8" else (1, 1)
        bad = raw[exc.start: exc.start + 1].hex()
        raise InputError([Problem(
            name, line, col,
            f"invalid {enc.upper().replace('-SIG', '')} at byte offset {exc.start} (byte 0x{bad}); "
            "expected UTF-8 text: save the file as UTF-8",
            code="encoding",
        )]) from None


def _check_flow_depth(name: str, text: str) -> None:
    """Refuse absurd ``[``/``{`` nesting before libyaml sees it (it crashes)."""
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return
    depth = 0
    for match in _FLOW.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_FLOW_DEPTH:
                pos = match.start()
                line = text.count("\n", 0, pos) + 1
                col = pos - (text.rfind("\n", 0, pos) + 1) + 1
                raise InputError([Problem(
                    name, line, col,
                    f"brackets nested deeper than {MAX_FLOW_DEPTH} levels; a journey spec needs a handful",
                    code="too-deep",
                )])
        elif depth:
            depth -= 1


def _yaml_problem(name: str, text: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if isinstance(exc, yaml.reader.ReaderError):
        pos = exc.position
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        return Problem(name, line, col, f"character {exc.character!r} (U+{exc.character:04X}) is not allowed "
                       "in YAML: {exc.reason}; expected printable text".replace("{exc.reason}", exc.reason),
                       code="yaml")
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    what = (f"{problem} ({context})" if context else problem) if problem else str(exc).splitlines()[0]
    if "expected a single document" in str(exc):
        what = "a second YAML document (`---`) found; a journey spec is one document"
    return Problem(name, line, col, f"invalid YAML: {what}", code="yaml")


def compose(name: str, text: str) -> Node | None:
    """Compose the text into a node tree with libyaml."""
    _check_flow_depth(name, text)
    parser = _Composer(text)
    try:
        with gc_paused():
            return parser.get_single_node()
    except yaml.YAMLError as exc:
        raise InputError([_yaml_problem(name, text, exc)]) from None
    except RecursionError:
        raise InputError([Problem(name, 1, 1, f"nesting deeper than {MAX_DEPTH} levels", code="too-deep")]) from None
    finally:
        parser.dispose()


class _Builder:
    """Builds plain data from nodes, collecting problems as it goes."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.done: dict[int, tuple[Any, int]] = {}
        self.active: set[int] = set()
        self.alias_nodes = 0
        self.over_budget = False

    def fail(self, node: Node, message: str, code: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.name, mark.line + 1, mark.column + 1, message, (), code))

    def build(self, node: Node, depth: int) -> tuple[Any, int]:
        key = id(node)
        seen = self.done.get(key)
        if seen is not None:  # an alias: shared, but counted as expanded
            self.alias_nodes += seen[1]
            if self.alias_nodes > MAX_ALIAS_NODES and not self.over_budget:
                self.over_budget = True
                self.fail(node, f"aliases expand to more than {MAX_ALIAS_NODES:,} nodes; refusing to expand "
                          "them (an alias bomb?)", "alias-bomb")
            return seen
        if key in self.active:
            self.fail(node, "an alias refers to the node that contains it; expected a tree, not a cycle", "alias-cycle")
            return None, 1
        if depth > MAX_DEPTH:
            self.fail(node, f"nested deeper than {MAX_DEPTH} levels; a journey spec needs a handful", "too-deep")
            return None, 1
        if self.over_budget:
            return None, 1
        self.active.add(key)
        cls = type(node)
        if cls is ScalarNode:
            result = self.scalar(node), 1
        elif cls is MappingNode:
            result = self.mapping(node, depth)
        else:
            result = self.sequence(node, depth)
        self.active.discard(key)
        self.done[key] = result
        return result

    def scalar(self, node: Node) -> str | None:
        tag = node.tag
        value: str = node.value
        if tag == _STR:
            return None if not getattr(node, "style", None) and value in _NULLS else value
        if tag == _NULL:
            return None
        if tag not in _SCALAR_TAGS:
            self.fail(node, f"unsupported tag {tag.replace('tag:yaml.org,2002:', '!!')}; cxgap reads plain YAML data "
                      "and never runs code", "tag")
            return None
        return value

    def _check_tag(self, node: Node, default: str) -> bool:
        if node.tag != default:
            self.fail(node, f"unsupported tag {node.tag.replace('tag:yaml.org,2002:', '!!')}; expected a plain "
                      "mapping or list", "tag")
            return False
        return True

    def _duplicate(self, mapping: Node, key_node: Node) -> None:
        key = key_node.value
        first = next(k for k, _ in mapping.value if type(k) is ScalarNode and k.value == key)
        self.fail(key_node, f"duplicate key {shorten(key)} (first at line {first.start_mark.line + 1}); "
                  "YAML would silently keep only the last one", "duplicate-key")

    def sequence(self, node: Node, depth: int) -> tuple[Any, int]:
        if not self._check_tag(node, _SEQ):
            return None, 1
        out: list[Any] = []
        append = out.append
        size = 1
        for child in node.value:
            if type(child) is ScalarNode and child.tag == _STR:  # the common case, inline
                text = child.value
                append(None if not child.style and text in _NULLS else text)
                size += 1
                continue
            value, n = self.build(child, depth + 1)
            append(value)
            size += n
        return out, size

    def mapping(self, node: Node, depth: int) -> tuple[Any, int]:
        if not self._check_tag(node, _MAP):
            return None, 1
        out: dict[str, Any] = {}
        merges: list[Node] = []
        size = 1
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                self.fail(key_node, "a key must be plain text, not a mapping or list", "key")
                continue
            key = key_node.value
            if key == "<<" and not key_node.style:
                merges.append(value_node)
                continue
            if key in out:
                self._duplicate(node, key_node)
                continue
            if type(value_node) is ScalarNode and value_node.tag == _STR:  # the common case, inline
                text = value_node.value
                out[key] = None if not value_node.style and text in _NULLS else text
                size += 1
                continue
            value, n = self.build(value_node, depth + 1)
            out[key] = value
            size += n
        for merge in merges:
            sources = merge.value if type(merge) is SequenceNode else [merge]
            for src in sources:
                data, n = self.build(src, depth + 1)
                if not isinstance(data, dict):
                    self.fail(src, "a merge key (<<) takes a mapping or a list of mappings", "merge")
                    continue
                self.alias_nodes += n
                for k, v in data.items():
                    out.setdefault(k, v)
        return out, size


def build(name: str, root: Node | None) -> tuple[Any, list[Problem]]:
    """Plain data from a node tree, and the problems found on the way."""
    if root is None:
        return None, []
    builder = _Builder(name)
    with gc_paused():
        data, _ = builder.build(root, 1)
    return data, builder.problems


def load_text(name: str, text: str) -> Document:
    root = compose(name, text)
    data, problems = build(name, root)
    return Document(name, data, root, problems)


def load_document(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read, decode, compose and build one YAML file (``-`` for stdin)."""
    name, raw = read_bytes(path, max_bytes)
    return load_text(name, decode(name, raw))


def locate(root: Node | None, path: Sequence[PathItem], *, key: bool = False) -> tuple[int, int]:
    """The 1-based line and column of the node at ``path`` (or of the deepest
    node on the way there when the path goes further than the document).
    With ``key``, the mark of the last mapping key rather than its value."""
    node = root
    if node is None:
        return 1, 1
    mark = node.start_mark
    for i, item in enumerate(path):
        last = i == len(path) - 1
        nxt: Node | None = None
        if isinstance(node, MappingNode) and isinstance(item, str):
            for k, v in node.value:
                if isinstance(k, ScalarNode) and k.value == item:
                    if last and key:
                        return k.start_mark.line + 1, k.start_mark.column + 1
                    nxt = v
                    break
        elif isinstance(node, SequenceNode) and isinstance(item, int) and 0 <= item < len(node.value):
            nxt = node.value[item]
        if nxt is None:
            break
        node = nxt
        mark = node.start_mark
    return mark.line + 1, mark.column + 1
