"""Problems are values: one type for everything wrong with an input.

A problem knows its file, line and column (1-based), the path inside the
document (``customer_touchpoints[3].importance``), a short code and a message
that says what is wrong and what was expected. Loading collects problems;
only :class:`InputError` stops a run.
"""

from __future__ import annotations

import reprlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from cxgap.limits import MAX_PROBLEMS

PathItem = str | int

_KEY_LIMIT = 40


def _path_key(item: str) -> str:
    if len(item) <= _KEY_LIMIT and item.isprintable() and not any(c in item for c in ".[]'\" "):
        return item
    return f"[{shorten(item, _KEY_LIMIT)}]"


def format_path(path: Sequence[PathItem]) -> str:
    """``("customer_touchpoints", 3, "importance")`` -> ``customer_touchpoints[3].importance``.

    A key that is long, or holds dots, brackets, quotes, spaces or control
    characters, is shown shortened and quoted: ``personas[0]['a.b']``.
    """
    out = ""
    for item in path:
        if isinstance(item, int):
            out += f"[{item}]"
        else:
            key = _path_key(item)
            out += key if not out or key.startswith("[") else f".{key}"
    return out


def shorten(value: object, limit: int = 60) -> str:
    """A short, single-line rendering of a value for an error message.

    Never renders more than about ``limit`` characters of it, however large or
    deeply nested the value is; control characters (newlines, terminal escape
    sequences) are shown escaped, never as they are.
    """
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return repr(text)
    if isinstance(value, dict):
        return worded("value.mapping", len(value), f"a mapping with {len(value)} key{'s' if len(value) != 1 else ''}")
    if isinstance(value, list):
        return worded("value.list", len(value), f"a list of {len(value)} item{'s' if len(value) != 1 else ''}")
    if value is None:
        return worded("value.null", None, "nothing (null)")
    text = reprlib.repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input file."""

    file: str
    line: int
    col: int
    message: str
    path: tuple[PathItem, ...] = field(default=(), compare=False)
    code: str = "invalid"

    def __str__(self) -> str:
        where = format_path(self.path)
        prefix = f"{where}: " if where else ""
        message = self.message if self.message.isprintable() else _one_line(self.message)
        if self.line == 0:  # a problem with the whole spec (an unknown persona): its message names the file
            return message
        return f"{display_name(self.file)}:{self.line}:{self.col}: {prefix}{message}"

    def to_dict(self) -> dict[str, object]:
        return {
            "file": display_name(self.file),
            "line": self.line,
            "column": self.col,
            "path": format_path(self.path),
            "code": self.code,
            "message": self.message,
        }


class InputError(Exception):
    """The input cannot be used; carries every problem found in it."""

    def __init__(self, problems: Iterable[Problem], omitted: int = 0) -> None:
        """``omitted``: problems found but not collected (see :data:`~cxgap.limits.MAX_COLLECTED`)."""
        self.problems = capped(sorted(problems), omitted=omitted)
        super().__init__("\n".join(str(p) for p in self.problems))


_WORDING: list[Callable[..., str]] = []


def use_wording(word: Callable[..., str]) -> None:
    """Word this module's few messages through the catalogs: ``word(key, count, **params)``. The
    catalogs register themselves when imported; this module stays free of them (the analysis
    imports it and reads no files)."""
    _WORDING[:] = [word]


def worded(key: str, count: int | None, english: str, **params: object) -> str:
    """The message ``key`` in the language of the run, or ``english`` before the catalogs are loaded."""
    return _WORDING[0](key, count, **params) if _WORDING else english


def capped(problems: list[Problem], limit: int = MAX_PROBLEMS, omitted: int = 0) -> list[Problem]:
    """The first ``limit`` problems, then one that says how many more there are
    (at the position of the first one left out; ``omitted`` more were only
    counted), so that a file with 100,000 problems prints a page, not megabytes."""
    if len(problems) <= limit + 1 and not omitted:
        return problems
    first = problems[min(limit, len(problems) - 1)]
    more = len(problems) - limit + omitted
    return [*problems[:limit], Problem(first.file, first.line, first.col,
                                       worded("problem.more", more, f"… and {more:,} more problems (only the first "
                                              f"{limit} are shown)", limit=limit), code="more-problems")]


def _escape_char(c: str) -> str:
    code = ord(c)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, kept by the file system's surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return repr(c)[1:-1] if code < 0x10000 or c.isprintable() else f"\\U{code:08x}"


def _one_line(text: str) -> str:
    return "".join(c if c.isprintable() else _escape_char(c) for c in text)


def display_name(path: str) -> str:
    """A file name as it may be printed anywhere: on one line, valid UTF-8,
    inert on a terminal. Line breaks, escape sequences (``\\x1b]52;...``, a
    clipboard write), other control and format characters (bidi overrides)
    and bytes that are not UTF-8 are shown as backslash escapes (``\\n``,
    ``\\x1b``, ``\\u202e``, ``\\xff``); an ordinary name is unchanged. Every
    channel escapes this further for its own syntax (annotations, CSV,
    HTML, Markdown).

    A name that starts with ``::`` gets ``./`` in front (the same file): a
    line starting with it would be a GitHub Actions workflow command
    (``::error::``, ``::stop-commands::``) wherever it is printed, and
    problems, headlines and ``ok`` lines all start with the file name."""
    name = path if path.isprintable() else _one_line(path)
    return "./" + name if name.lstrip().startswith("::") else name


def one_line(text: str) -> str:
    """A message for a terminal or a log: non-printable characters escaped (see :func:`display_name`)."""
    return text if text.isprintable() else _one_line(text)


class UsageError(Exception):
    """Bad command-line usage or an unusable path: exit code 2 with this message.

    ``lang``: the language the message is worded in when it is not the run's (a mistake about one spec,
    such as an unknown persona, is worded in the spec's `journey.lang`), so that "error" is said in it too.
    """

    def __init__(self, message: str, lang: str | None = None) -> None:
        super().__init__(message)
        self.lang = lang
