"""Rows of a survey export (CSV or xlsx), its header rows, and finding a column
by its header text or its letter."""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from cxgap.i18n import messages
from cxgap.sources.text import MAX_LINE

csv.field_size_limit(MAX_LINE)

_LETTERS = re.compile(r"^[A-Za-z]{1,3}$")
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Text compared ignoring case and runs of white space (a header, a touchpoint name, a filter value)."""
    return _SPACE.sub(" ", text).strip().casefold()


def letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def letter_index(text: str) -> int | None:
    if not _LETTERS.match(text):
        return None
    n = 0
    for ch in text.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


class ColumnNotFound(Exception):
    pass


@dataclass(frozen=True)
class Header:
    """The header rows of an export, column by column."""

    cells: tuple[tuple[str, ...], ...]
    """For each column, its header cells (one per header row)."""

    @property
    def width(self) -> int:
        return len(self.cells)

    def title(self, index: int) -> str:
        """A column's name for messages: its letter and its longest header cell."""
        cells = [c.strip() for c in self.cells[index] if c.strip()] if index < self.width else []
        name = max(cells, key=len) if cells else ""
        if len(name) > 50:
            name = name[:49] + "…"
        return messages().t("source.column_title", letter=letter(index), name=repr(name)) if name else letter(index)

    def find(self, wanted: str, key: str) -> int:
        """The column whose header cells include ``wanted`` (ignoring case and spacing), else
        the column with that letter; :class:`ColumnNotFound` lists the headers found."""
        target = fold(wanted)
        hits = [i for i, cells in enumerate(self.cells) if any(fold(c) == target for c in cells)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            c = messages()
            raise ColumnNotFound(c.t("source.column_ambiguous", option=key, wanted=repr(wanted), count=len(hits),
                                     letters=c.join(letter(i) for i in hits[:10])))
        index = letter_index(wanted.strip())
        if index is not None and (index < self.width or not self.cells):
            return index
        raise ColumnNotFound(messages().t("source.no_column", option=key, wanted=repr(wanted), headers=self._listing()))

    def _listing(self, limit: int = 40) -> str:
        c = messages()
        if not self.width:
            return c.t("source.no_header_row")
        shown = [self.title(i) for i in range(min(self.width, limit))]
        if self.width > limit:
            shown.append(c.t("source.more_headers", count=self.width - limit))
        return c.join(shown)


def sniff_delimiter(first_line: str) -> str:
    """Comma, semicolon (Excel in much of Europe) or tab (Excel's "Unicode text"): the most frequent
    in the header line, outside quotes."""
    bare = re.sub(r'"[^"]*"', "", first_line)
    counts = {d: bare.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


_RARE = ("\x00", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
"""Characters that end a line for ``str.splitlines`` but not for the CSV parser (or that it refuses)."""



class CsvTable:
    """A CSV export read as a stream: its header, then blocks of data rows.

    A block without quotes (most of a typical export) is split by ``str.split`` (in C, about three
    times faster than the CSV parser, and the same result for unquoted text), and its width is
    checked by counting separators; a block with quotes goes through the ``csv`` module.
    """

    def __init__(self, chunks: Iterator[str], header_rows: int) -> None:
        first = next(chunks, "")
        self.delimiter = sniff_delimiter(first[: first.find("\n") + 1 or len(first)])
        head = io.StringIO(first, newline="")
        reader = csv.reader(head, delimiter=self.delimiter)
        self.header = read_header(reader, header_rows)
        self.header_lines = reader.line_num
        self._chunks = itertools.chain([first[head.tell():]], chunks)
        self._fast: LinePattern | None = None

    def blocks(self, wanted: Sequence[int]) -> Iterator[list[list[str]]]:
        """The data rows, a block (about a megabyte) at a time, blank lines left out.

        A block whose every line is unquoted and as wide as the header is not handed out: its wanted
        cells are counted right here by one regular expression (:meth:`counted` gives the result)."""
        d = self.delimiter
        width = self.header.width
        fast = LinePattern(width, d, wanted) if width and max(wanted) < width else None
        self._fast = fast
        for chunk in self._chunks:
            if '"' in chunk or any(c in chunk for c in _RARE):
                yield list(filter(None, csv.reader(io.StringIO(chunk, newline=""), delimiter=d)))
            elif fast is None or not fast.count(chunk):
                yield list(map(str.split, filter(None, chunk.splitlines()), itertools.repeat(d)))

    def counted(self) -> Counter[tuple[int, tuple[str, ...]]]:
        """(width, wanted cells in column order) -> rows, for the blocks :meth:`blocks` counted itself."""
        return self._fast.cells() if self._fast is not None else Counter()


class LinePattern:
    """Lines of exactly ``width`` unquoted cells: the ``wanted`` cells of each, counted.

    Each run of adjacent wanted columns is one group (``Touchpoint,9``), so that a typical line
    costs one string and one hash; the distinct values are split into cells at the end."""

    def __init__(self, width: int, delimiter: str, wanted: Sequence[int]) -> None:
        self.width = width
        self.delimiter = delimiter
        field = f"[^{re.escape(delimiter)}\\r\\n]*"
        sep = re.escape(delimiter)
        parts: list[str] = []
        i = 0
        while i < width:
            j = i
            if i in wanted:
                while j + 1 < width and j + 1 in wanted:
                    j += 1
                parts.append("(" + sep.join([field] * (j - i + 1)) + ")")
            else:
                parts.append(field)
            i = j + 1
        self.pattern = re.compile("^" + sep.join(parts) + "\\r?$", re.MULTILINE)
        self.raw: Counter[str | tuple[str, ...]] = Counter()

    def count(self, chunk: str) -> bool:
        """Count the chunk's lines if every one of them matches (else count nothing)."""
        found = self.pattern.findall(chunk)
        if len(found) != chunk.count("\n") + (not chunk.endswith("\n")):
            return False
        self.raw.update(found)  # in C
        return True

    def cells(self) -> Counter[tuple[int, tuple[str, ...]]]:
        out: Counter[tuple[int, tuple[str, ...]]] = Counter()
        d = self.delimiter
        for key, n in self.raw.items():
            groups = (key,) if isinstance(key, str) else key
            out[(self.width, tuple(cell for group in groups for cell in group.split(d)))] += n
        return out


_CSV_REASONS = tuple((re.compile(pattern), key) for pattern, key in (
    (r"field larger than field limit \((?P<limit>\d+)\)", "csv.field_too_large"),
    (r"line contains NUL", "csv.nul"),
    (r"new-line character seen in unquoted field.*", "csv.newline_unquoted"),
    (r"unexpected end of data", "csv.unexpected_end"),
    (r"'(?P<expected>.)' expected after '(?P<after>.)'", "csv.expected_after"),
))
"""Python's csv errors -> catalog key (named groups fill its placeholders)."""


def csv_reason(err: csv.Error) -> str:
    """Why Python's csv module gave up, in the run's language (a text it does not know stays as Python wrote it)."""
    text = str(err)
    for pattern, key in _CSV_REASONS:
        match = pattern.fullmatch(text)
        if match:
            return messages().t(key, **match.groupdict())
    return text


def numbered_csv_rows(chunks: Iterator[str], header_rows: int) -> Iterator[tuple[int, list[str]]]:
    """Data rows with the line each ends on (the slow path, for reporting problems)."""
    first = next(chunks, "")
    delimiter = sniff_delimiter(first[: first.find("\n") + 1 or len(first)])
    lines = itertools.chain.from_iterable(io.StringIO(c, newline="") for c in itertools.chain([first], chunks))
    reader = csv.reader(lines, delimiter=delimiter)
    for _ in itertools.islice(reader, header_rows):
        pass
    for row in reader:
        if row:
            yield reader.line_num, row


def read_header(rows: Iterator[Sequence[str]], count: int) -> Header:
    header_rows = [list(r) for r in itertools.islice(rows, count)]
    width = max((len(r) for r in header_rows), default=0)
    cells = tuple(tuple(r[i] if i < len(r) else "" for r in header_rows) for i in range(width))
    return Header(cells)
