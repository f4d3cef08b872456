"""Read one source: its answers, counted per subject (touchpoint, stage or journey).

The hot loop runs in C: rows stream from the CSV parser through
``operator.itemgetter`` into a ``Counter`` of distinct (row length, answer,
touchpoint, filter cells) tuples, so a million answers cost one pass of the
parser and a few thousand distinct tuples are interpreted afterwards. Rows are
located again (a second, slower pass) only when something must be reported
with its row: an answer out of range, a ragged row.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import BinaryIO

from cxgap.i18n import messages
from cxgap.limits import MAX_PROBLEMS
from cxgap.model import Source, SourceFormat
from cxgap.sources.origins import Origin
from cxgap.sources.table import (
    ColumnNotFound,
    CsvTable,
    Header,
    csv_reason,
    fold,
    letter,
    numbered_csv_rows,
    read_header,
)
from cxgap.sources.text import MAX_LINE, LineTooLong, Undecodable, blocks, pick_codec
from cxgap.sources.xlsx import BadWorkbook, MissingExtra, xlsx_rows

Subject = tuple[str, str]
"""("touchpoint", id), ("stage", id) or ("journey", "")."""

_NUMBER = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*(?:分|points?|pts?)?\s*(?:[-–—=:：(（]\s*\D.*)?$", re.IGNORECASE)


def parse_answer(text: str) -> float | None:
    """A number, or a label that starts with one: "9", "9.0", "10 - Extremely likely", "9分"."""
    m = _NUMBER.match(text)
    return float(m.group(1)) if m else None


class SourceProblem(Exception):
    """A problem of the export itself, at a row and column (0: unknown)."""

    def __init__(self, message: str, row: int = 1, col: int = 1, code: str = "source") -> None:
        super().__init__(message)
        self.message = message
        self.row = row
        self.col = col
        self.code = code


class SpecKeyProblem(Exception):
    """A problem best shown at a key of the source in the spec (a column that does not exist)."""

    def __init__(self, key: str, message: str, code: str = "source-column") -> None:
        super().__init__(message)
        self.key = key
        self.message = message
        self.code = code


@dataclass
class SourceReport:
    """What one source contributed."""

    index: int
    source: Source
    file: str
    encoding: str = ""
    rows: int = 0
    """Data rows read (header rows and blank lines not counted)."""
    filtered: int = 0
    """Rows left out by `where`."""
    blank: int = 0
    non_numeric: int = 0
    no_subject: int = 0
    """Rows whose touchpoint cell is blank."""
    unmatched: dict[str, int] = field(default_factory=dict)
    counts: dict[Subject, Counter[float]] = field(default_factory=dict)
    problems: list[SourceProblem] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return self.blank + self.non_numeric + self.no_subject

    @property
    def used(self) -> int:
        return sum(sum(c.values()) for c in self.counts.values())


@dataclass(frozen=True)
class Columns:
    answer: int
    touchpoint: int | None
    where: tuple[tuple[int, frozenset[str]], ...]

    @property
    def wanted(self) -> list[int]:
        """The columns read, in column order (each once)."""
        out = {self.answer, *(i for i, _ in self.where)}
        if self.touchpoint is not None:
            out.add(self.touchpoint)
        return sorted(out)


def _columns(source: Source, header: Header) -> Columns:
    def find(wanted: str, key: str) -> int:
        try:
            return header.find(wanted, key)
        except ColumnNotFound as err:
            raise SpecKeyProblem(key, str(err)) from None

    answer = find(source.answer, "answer")
    tp = find(source.touchpoint_column, "touchpoint_column") if source.touchpoint_column is not None else None
    where = []
    for name, wanted in (source.where or {}).items():
        values = [wanted] if isinstance(wanted, str) else wanted
        where.append((find(name, "where"), frozenset(fold(v) for v in values)))
    return Columns(answer, tp, tuple(where))


WITH_BOM = " with BOM"
"""Said after the encoding of an export that starts with a byte-order mark (the listing words it)."""

Distinct = Counter[tuple[int, tuple[str, ...]]]
"""(row length, the cells a source needs, in column order) -> how many rows hold them."""
Blocks = Iterator[list[list[str]]]


def _getter(indexes: list[int]) -> Callable[[Sequence[str]], tuple[str, ...]]:
    if len(indexes) == 1:
        return itemgetter(indexes[0], indexes[0])  # a tuple, like the other cases
    return itemgetter(*indexes)


def _batches(rows: Iterator[list[str]], size: int = 10_000) -> Blocks:
    while batch := [r for r in itertools.islice(rows, size) if any(r)]:
        yield batch


def _open_table(source: Source, stream: BinaryIO, codec: str | None
                ) -> tuple[Header, Columns, Blocks, Callable[[], Distinct], str]:
    """The header, the columns the source reads, the blocks of data rows, what was counted without
    handing out rows (call it after the blocks), and the encoding read (or "xlsx")."""
    if source.kind is SourceFormat.xlsx:
        rows = _xlsx(stream)
        header = read_header(rows, source.header_rows)
        return header, _columns(source, header), _batches(rows), Counter, "xlsx"
    head = stream.read(4)
    stream.seek(0)
    picked, skip = pick_codec(head, source.encoding)
    table = CsvTable(blocks(stream, codec or picked, skip), source.header_rows)
    columns = _columns(source, table.header)
    encoding = (codec or picked) + (WITH_BOM if skip else "")
    return table.header, columns, table.blocks(columns.wanted), table.counted, encoding


def _xlsx(stream: BinaryIO) -> Iterator[list[str]]:
    try:
        return xlsx_rows(stream)[0]
    except MissingExtra as err:
        raise SpecKeyProblem("format" if stream else "file", str(err), "missing-extra") from None
    except BadWorkbook as err:
        raise SourceProblem(str(err), code="source-format") from None


def _numbered(source: Source, stream: BinaryIO, codec: str) -> Iterator[tuple[int, list[str]]]:
    """Data rows with their line (CSV) or sheet row (xlsx): the slow path, for reporting problems."""
    if source.kind is SourceFormat.xlsx:
        rows, first = xlsx_rows(stream)
        numbered = enumerate(rows, first)
        for _ in itertools.islice(numbered, source.header_rows):
            pass
        yield from ((n, row) for n, row in numbered if any(row))
        return
    head = stream.read(4)
    stream.seek(0)
    _, skip = pick_codec(head, source.encoding)
    yield from numbered_csv_rows(blocks(stream, codec, skip), source.header_rows)


def _tally(batches: Blocks, getter: Callable[[Sequence[str]], tuple[str, ...]], width: int) -> tuple[Distinct, int]:
    """Distinct (row length, needed cells) with their counts, and how many rows were too short to hold them."""
    counts: Distinct = Counter()
    short = 0
    for rows in batches:
        if not rows:
            continue
        if width and min(map(len, rows)) == width == max(map(len, rows)):
            keys: Iterator[tuple[int, tuple[str, ...]]] = zip(itertools.repeat(width), map(getter, rows))
        else:
            keys = zip(map(len, rows), map(getter, rows), strict=True)
        while True:
            try:
                counts.update(keys)  # the hot loop, in C
                break
            except IndexError:
                short += 1
    return counts, short


class Reading:
    """One pass over one source, with the state shared by its passes."""

    def __init__(self, index: int, source: Source, origin: Origin, resolve: Callable[[str], str | None]) -> None:
        self.report = SourceReport(index, source, origin.name)
        self.source = source
        self.origin = origin
        self.resolve = resolve
        self.low, self.high = source.valid_range
        self.whole = source.metric in ("nps", "csat", "ces")
        self._answers: dict[str, float | str] = {}

    def answer(self, text: str) -> float | str:
        """The answer as a number, or why it is not used: "blank", "text", "range"."""
        got = self._answers.get(text)
        if got is None:
            value = parse_answer(text) if text.strip() else None
            if not text.strip():
                got = "blank"
            elif value is None:
                got = "text"
            elif not self.low <= value <= self.high or (self.whole and not value.is_integer()):
                got = "range"
            else:
                got = value
            self._answers[text] = got
        return got

    def subject(self, cell: str | None) -> Subject | str:
        s = self.source
        if s.touchpoint is not None:
            return ("touchpoint", s.touchpoint)
        if s.stage is not None:
            return ("stage", s.stage)
        if cell is None:
            return ("journey", "")
        if not cell.strip():
            return "blank"
        found = self.resolve(cell)
        return ("touchpoint", found) if found is not None else "unmatched"

    def run(self, codec: str | None = None) -> SourceReport:
        with self.origin.open() as stream:
            try:
                header, columns, batches, counted, self.report.encoding = _open_table(self.source, stream, codec)
                counts, short = _tally(batches, _getter(columns.wanted), header.width)
                counts.update(counted())
            except csv.Error:
                self._locate_csv_error()
                raise
        self._interpret(counts, short, columns, header)
        return self.report

    def _interpret(self, counts: Distinct, short: int, columns: Columns,
                   header: Header) -> None:
        r = self.report
        width = header.width if self.source.header_rows else 0
        at = {col: k for k, col in enumerate(columns.wanted)}
        answer = at[columns.answer]
        tp = at.get(columns.touchpoint) if columns.touchpoint is not None else None
        where = [(at[col], allowed) for col, allowed in columns.where]
        ragged = 0
        out_of_range: set[str] = set()
        for (length, cells), count in counts.items():
            r.rows += count
            if width and length != width:
                ragged += count
                continue
            if any(fold(cells[k]) not in allowed for k, allowed in where):
                r.filtered += count
                continue
            got = self.answer(cells[answer])
            if got == "blank":
                r.blank += count
                continue
            if got == "text":
                r.non_numeric += count
                continue
            if got == "range":
                out_of_range.add(cells[answer])
                continue
            subject = self.subject(cells[tp] if tp is not None else None)
            if subject == "blank":
                r.no_subject += count
            elif subject == "unmatched":
                value = cells[tp] if tp is not None else ""
                r.unmatched[value] = r.unmatched.get(value, 0) + count
            else:
                assert isinstance(subject, tuple) and isinstance(got, float)
                r.counts.setdefault(subject, Counter())[got] += count
        r.rows += short
        if ragged or short or out_of_range:
            self._locate(columns, header, width, out_of_range)

    def _locate(self, columns: Columns, header: Header, width: int, out_of_range: set[str]) -> None:
        """A second pass that finds the rows of the problems the first one counted."""
        c = messages()
        range_key = "source.out_of_range_whole" if self.whole else "source.out_of_range_number"
        need = max(columns.wanted) + 1
        found = 0
        with self.origin.open() as stream:
            for line, row in _numbered(self.source, stream, self.report.encoding.removesuffix(WITH_BOM)):
                if found > MAX_PROBLEMS:
                    break
                if len(row) < need:
                    found += 1
                    self.report.problems.append(SourceProblem(
                        c.t("source.row_too_short", count=len(row), column=letter(need - 1), width=width or need),
                        line, len(row) + 1, "ragged-row"))
                elif width and len(row) != width:
                    found += 1
                    self.report.problems.append(SourceProblem(
                        c.t("source.row_width", count=len(row), width=width), line, min(len(row), width) + 1,
                        "ragged-row"))
                elif row[columns.answer] in out_of_range:
                    found += 1
                    self.report.problems.append(SourceProblem(
                        c.t(range_key, column=header.title(columns.answer),
                            answer=repr(row[columns.answer].strip()[:40]), metric=self.source.metric,
                            low=f"{self.low:g}", high=f"{self.high:g}"), line, columns.answer + 1, "out-of-range"))

    def _locate_csv_error(self) -> None:
        """Where the CSV parser gave up, found again with line numbers."""
        line = 1
        try:
            with self.origin.open() as stream:
                for number, _row in _numbered(self.source, stream, self.report.encoding.removesuffix(WITH_BOM)):
                    line = number
        except csv.Error as err:
            raise SourceProblem(messages().t("source.csv", error=csv_reason(err)), line + 1, 1, "csv") from None


def read_source(index: int, source: Source, origin: Origin, resolve: Callable[[str], str | None]) -> SourceReport:
    """Read one source; problems of the export are in the report, problems that stop it are raised."""
    try:
        try:
            return Reading(index, source, origin, resolve).run()
        except Undecodable as err:
            if source.encoding != "auto" or err.codec != "utf-8" or source.kind is SourceFormat.xlsx:
                raise
            return Reading(index, source, origin, resolve).run("gb18030")
    except Undecodable as err:
        c, offset = messages(), f"{err.offset:,}"
        text = (c.t("source.not_utf8_gb18030", offset=offset) if source.encoding == "auto"
                else c.t("source.not_encoding", codec=err.codec, offset=offset))
        raise SourceProblem(text, err.line, 1, "encoding") from None
    except LineTooLong as err:
        raise SourceProblem(messages().t("source.line_too_long", limit=f"{MAX_LINE:,}"), err.line, 1,
                            "line-too-long") from None


def touchpoint_resolver(
    ids: Iterable[tuple[str, str | None]], mapping: dict[str, str] | None
) -> Callable[[str], str | None]:
    """A cell -> customer touchpoint id: `map` (exactly, then ignoring case and spacing), then an id, then a name."""
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for tp_id, name in ids:
        exact.setdefault(tp_id, tp_id)
        folded.setdefault(fold(tp_id), tp_id)
        if name:
            folded.setdefault(fold(name), tp_id)
    for key, tp_id in (mapping or {}).items():
        exact[key] = tp_id
        folded[fold(key)] = tp_id

    def resolve(cell: str) -> str | None:
        return exact.get(cell) or folded.get(fold(cell))

    return resolve
