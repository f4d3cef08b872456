"""Problems are values: one type for everything wrong with an input.

A problem knows its file, line and column (1-based), the path inside the
document (``customer_touchpoints[3].importance``), a short code and a message
that says what is wrong and what was expected. Loading collects problems;
only :class:`InputError` stops a run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

PathItem = str | int


def format_path(path: Sequence[PathItem]) -> str:
    """``("customer_touchpoints", 3, "importance")`` -> ``customer_touchpoints[3].importance``."""
    out = ""
    for item in path:
        if isinstance(item, int):
            out += f"[{item}]"
        else:
            out += f".{item}" if out else str(item)
    return out


def shorten(value: object, limit: int = 60) -> str:
    """A short, single-line rendering of a value for an error message.

    Never renders more than ``limit`` characters of it, however large or
    deeply nested the value is.
    """
    if isinstance(value, str):
        text = value
        if len(text) > limit:
            text = text[: limit - 1] + "…"
        text = text.replace("\n", "\\n").replace("\r", "\\r")
        return repr(text) if text else "''"
    if isinstance(value, dict):
        return f"a mapping with {len(value)} key{'s' if len(value) != 1 else ''}"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if value is None:
        return "nothing (null)"
    text = repr(value)
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
        return f"{self.file}:{self.line}:{self.col}: {prefix}{self.message}"

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.col,
            "path": format_path(self.path),
            "code": self.code,
            "message": self.message,
        }


class InputError(Exception):
    """The input cannot be used; carries every problem found in it."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """Bad command-line usage or an unusable path: exit code 2 with this message."""
