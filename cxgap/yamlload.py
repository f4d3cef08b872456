"""Safe, bounded, line-aware YAML loading.

Each step keeps the next one safe:

1. :func:`read_bytes` reads the file read-only and refuses more than
   ``--max-bytes`` (:data:`~cxgap.limits.DEFAULT_MAX_BYTES`) without reading it;
2. :func:`decode` accepts UTF-8 (with or without BOM) and UTF-16/32 with a
   BOM, and reports invalid UTF-8 with its byte offset;
3. :func:`check_flow_depth` refuses absurd ``[``/``{`` nesting before libyaml
   sees the text at all;
4. libyaml's C parser turns the text into events, and
   :class:`~cxgap.yamlbuild.EventBuilder` builds plain data from them (every
   scalar stays text), stopping the parser as soon as nesting, alias expansion
   or a second document crosses a limit.

The result is a :class:`~cxgap.document.Document`: the data, the position of
every value in it, and the problems found on the way.
"""

from __future__ import annotations

import codecs
import contextlib
import gc
import os
import re
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import accumulate, compress, count, islice, repeat
from operator import lt, sub
from typing import Any

import yaml

from cxgap.atomic import protect
from cxgap.document import Document, Positions
from cxgap.i18n import messages, os_reason
from cxgap.limits import DEFAULT_MAX_BYTES, MAX_FLOW_DEPTH
from cxgap.problems import InputError, Problem, display_name, worded
from cxgap.yamlbuild import EventBuilder, Stop

__all__ = ["DEFAULT_MAX_BYTES", "Document", "Positions", "decode", "gc_paused", "load_document", "load_text",
           "read_bytes"]

_FLOW = re.compile(r"[\[\]{}]")
_PARENS = bytes.maketrans(b"[{]}", b"(())")
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))
_STEP = [0] * 256
_STEP[ord("(")] = 1
_STEP[ord(")")] = -1
_SCAN = 1 << 20
"""Brackets whose depths are in memory at once (a list of ints) in :func:`_first_too_deep`."""
_BLANK = re.compile(r"\s*\Z")
_MAX_SIMPLE_KEY = 1024
"""libyaml's limit on the length of a plain ``key:`` (YAML's "implicit key")."""

try:  # pragma: no branch - the C parser ships with PyYAML's wheels
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - a PyYAML built without libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)

        def dispose(self) -> None:
            pass


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: building a large tree of new objects
    otherwise triggers it over and over for nothing (the data holds no cycles)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _too_large(name: str, max_bytes: int, size: int | None = None) -> InputError:
    what = f"{size:,} bytes, more" if size is not None else "larger"
    english = f"file is {what} than the limit of {max_bytes:,} bytes; raise it with --max-bytes if the file is genuine"
    key = "problem.too_large" if size is not None else "problem.too_large.unknown"
    message = worded(key, None, english, size=f"{size or 0:,}", limit=f"{max_bytes:,}")
    return InputError([Problem(name, 1, 1, message, code="too-large")])


_CHUNK = 1 << 20
_KINDS = ((stat.S_ISFIFO, "load.kind.fifo"), (stat.S_ISCHR, "load.kind.character_device"),
          (stat.S_ISBLK, "load.kind.block_device"), (stat.S_ISSOCK, "load.kind.socket"))


def _read_limited(read: Any, max_bytes: int, expected: int = _CHUNK) -> bytes:
    """Read up to ``max_bytes + 1`` bytes, a chunk at a time: memory follows
    what is there, never the limit (``--max-bytes 1000000000`` on an 11 KB
    file allocates 11 KB)."""
    chunks: list[bytes] = []
    total = 0
    size = max(1, min(expected, _CHUNK))
    while total <= max_bytes:
        chunk = read(min(size, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        size = _CHUNK
    return b"".join(chunks)


def _read_stdin(max_bytes: int) -> bytes:
    stdin = sys.stdin
    if stdin is None:  # the process was started with standard input closed
        raise InputError([Problem("<stdin>", 1, 1, messages().t("load.stdin_closed"), code="io")])
    with contextlib.suppress(OSError, ValueError, AttributeError):  # a replaced sys.stdin may have no descriptor
        protect(os.fstat(stdin.fileno()))  # `-o /dev/stdin` must not replace the spec being read
    reader = getattr(stdin, "buffer", None)
    try:
        return _read_limited(reader.read if reader is not None else stdin.read, max_bytes)
    except OSError as exc:
        raise InputError([Problem("<stdin>", 1, 1, messages().t("load.stdin_error", reason=os_reason(exc)),
                                  code="io")]) from None


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, bytes]:
    """Read a file (or stdin for ``-``) read-only, refusing more than ``max_bytes``.

    A FIFO, device or socket is refused before a byte is read: opening does
    not wait for a writer (``O_NONBLOCK``), and reading one could block
    forever or never end. Standard input is ``-``."""
    if path == "-":
        raw = _read_stdin(max_bytes)
        name = "<stdin>"
    else:
        name = display_name(path)
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        except IsADirectoryError:
            raise InputError([Problem(name, 1, 1, messages().t("load.directory"), code="io")]) from None
        except OSError as exc:
            reason = os_reason(exc)
            raise InputError([Problem(name, 1, 1, messages().t("load.unreadable", reason=reason), code="io")]) from None
        try:
            st = os.fstat(fd)
            if stat.S_ISDIR(st.st_mode):
                raise InputError([Problem(name, 1, 1, messages().t("load.directory"), code="io")])
            if not stat.S_ISREG(st.st_mode):
                c = messages()
                kind = c.t(next((k for test, k in _KINDS if test(st.st_mode)), "load.kind.special"))
                raise InputError([Problem(name, 1, 1, c.t("load.not_regular", kind=kind), code="io")])
            if st.st_size > max_bytes:
                raise _too_large(name, max_bytes, st.st_size)
            protect(st)
            os.set_blocking(fd, True)
            with os.fdopen(fd, "rb", buffering=0, closefd=False) as fh:
                raw = _read_limited(fh.read, max_bytes, st.st_size + 1)
        except OSError as exc:
            reason = os_reason(exc)
            raise InputError([Problem(name, 1, 1, messages().t("load.unreadable", reason=reason), code="io")]) from None
        finally:
            os.close(fd)
    if len(raw) > max_bytes:
        raise _too_large(name, max_bytes)
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
    if enc == "utf-8" and 0 in raw[:2]:
        offset = raw.index(0)
        raise InputError([Problem(name, 1, 1, messages().t("load.nul", offset=offset), code="encoding")])
    skip = len(codecs.BOM_UTF8) if enc == "utf-8-sig" else 0
    try:
        return raw[skip:].decode("utf-8") if skip else raw.decode(enc)
    except UnicodeDecodeError as exc:
        # UTF-8 is decoded after its BOM, so that the offset, line and column
        # of a bad byte are those of the file (the BOM is no column).
        start = exc.start + skip
        line, col = _line_col_of_byte(raw[skip:], exc.start) if enc.startswith("utf-8") else (1, 1)
        bad = raw[start: start + 1].hex()
        raise InputError([Problem(
            name, line, col,
            messages().t("load.invalid_encoding", encoding=enc.upper().replace("-SIG", ""), offset=start, byte=bad),
            code="encoding",
        )]) from None


def check_flow_depth(name: str, text: str) -> None:
    """Refuse absurd ``[``/``{`` nesting before libyaml sees the text.

    libyaml slows quadratically with flow nesting (4 s at 30,000 levels) and
    its composer crashes the process beyond that. This scan is textual: it
    also counts brackets inside quoted text and comments, so its limit
    (:data:`~cxgap.limits.MAX_FLOW_DEPTH`) is looser than the real nesting
    limit, which the event builder enforces exactly.
    """
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return
    brackets = text.encode("utf-8", "surrogatepass").translate(_PARENS, _NOT_BRACKETS)
    if _shallow(brackets):
        return
    deep = _first_too_deep(brackets)
    if deep is None:
        return
    match = next(islice(_FLOW.finditer(text), deep, None))
    pos = match.start()
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    raise InputError([Problem(
        name, line, col,
        messages().t("load.brackets_too_deep", limit=MAX_FLOW_DEPTH),
        code="too-deep",
    )])


def _shallow(brackets: bytes) -> bool:
    """Whether ``brackets`` (``(`` for each ``[``/``{``, ``)`` for each
    ``]``/``}``) surely stay within :data:`~cxgap.limits.MAX_FLOW_DEPTH`.

    Each pass removes the innermost pairs, so the passes count how deep the
    closed brackets nest; the open ones left at the end add at most their
    number. A file of 7 million brackets (``[[],[],…]``) takes two passes,
    in C (the scan bracket by bracket took 3 s)."""
    passes = 0
    while b"()" in brackets:
        if passes == MAX_FLOW_DEPTH:
            return False
        brackets = brackets.replace(b"()", b"")
        passes += 1
    return passes + brackets.count(b"(") <= MAX_FLOW_DEPTH


def _first_too_deep(brackets: bytes) -> int | None:
    """The index of the first bracket that opens more than
    :data:`~cxgap.limits.MAX_FLOW_DEPTH` levels, or None.

    A closing bracket closes one level, if one is open: the depth is the
    running sum of +1 and -1 less the lowest that sum has been (0 at the
    start). Computed a chunk at a time by iterators that run in C."""
    total = low = 0
    for start in range(0, len(brackets), _SCAN):
        sums = list(accumulate(map(_STEP.__getitem__, brackets[start:start + _SCAN]), initial=total))
        del sums[0]
        lows = accumulate(sums, min, initial=low)
        next(lows)
        depths = map(sub, sums, lows)
        deep = next(compress(count(start), map(lt, repeat(MAX_FLOW_DEPTH), depths)), None)
        if deep is not None:
            return deep
        total, low = sums[-1], min(low, min(sums))
    return None


def _yaml_problem(name: str, text: str, exc: yaml.YAMLError) -> Problem:
    from cxgap.yamlmessages import problem_text, syntax_text  # its tables compile only when a spec is broken

    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if isinstance(exc, yaml.reader.ReaderError):
        pos = exc.position
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        return Problem(name, line, col, messages().t("load.bad_character", char=repr(exc.character),
                                                     code=f"{exc.character:04X}", reason=problem_text(exc.reason)),
                       code="yaml")
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    what = syntax_text(problem, context) or str(exc).splitlines()[0]
    index = getattr(mark, "index", -1)
    if 0 <= index < len(text) and text[index] == "\t":
        what = worded("problem.tab", None, "a tab character where YAML expects spaces; YAML does not allow tabs "
                      "for indentation: indent with spaces")
    elif col > _MAX_SIMPLE_KEY and (problem == "mapping values are not allowed in this context"
                                    or context == "while scanning a simple key"):
        what = messages().t("load.long_key", limit=_MAX_SIMPLE_KEY)
    return Problem(name, line, col, worded("problem.invalid_yaml", None, f"invalid YAML: {what}", what=what),
                   code="yaml")


def load_text(name: str, text: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Parse and build one YAML document; raises :class:`InputError` when
    the text is not YAML or crosses a limit (nesting, aliases, documents).
    Aliases may not expand the document's text beyond ``max_bytes``."""
    if _BLANK.match(text):  # only whitespace (tabs included, which libyaml would refuse): an empty file
        return Document(name, None)
    check_flow_depth(name, text)
    builder = EventBuilder(name, max_bytes, len(text), text)
    parser: Any = _Parser(text)
    try:
        with gc_paused():
            data = builder.run(parser.get_event)
    except yaml.YAMLError as exc:
        raise InputError([*builder.problems, _yaml_problem(name, text, exc)], builder.omitted) from None
    except Stop:
        raise InputError(builder.problems, builder.omitted) from None
    finally:
        parser.dispose()
    return Document(name, data, builder.positions, builder.problems, builder.omitted)


def load_document(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read, decode, parse and build one YAML file (``-`` for stdin)."""
    name, raw = read_bytes(path, max_bytes)
    return load_text(name, decode(name, raw), max_bytes)
