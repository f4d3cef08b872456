"""xlsx exports, through the optional extra ``cxgap[xlsx]`` (python-calamine:
a Rust reader, about ten times faster than openpyxl's read-only mode and
without its memory growth on wide sheets; see bench/README.md).

The first sheet is read; each cell becomes the text a CSV export would hold
(9.0 -> "9"). A formula cell gives the value Excel saved with it, never the
formula. The archive is checked before calamine opens it: an xlsx is a zip
file, and one that inflates beyond :data:`MAX_INFLATED` bytes is refused.
"""

from __future__ import annotations

import datetime
import zipfile
from collections.abc import Iterator
from typing import BinaryIO

from cxgap.i18n import messages, os_reason

MAX_INFLATED = 1 << 30
"""Largest total size of an xlsx archive's members once inflated (a zip bomb guard)."""


class MissingExtra(Exception):
    pass


class BadWorkbook(Exception):
    pass


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
        return str(value)
    return "" if value is None else str(value)


_ZIP_REASONS = {
    "File is not a zip file": "zip.not_zip",
    "Truncated file header": "zip.truncated_header",
    "Truncated central directory": "zip.truncated_directory",
    "Bad magic number for file header": "zip.bad_file_header",
    "Bad magic number for central directory": "zip.bad_directory",
}
"""Python's zipfile errors -> catalog key; other texts stay as Python wrote them."""


def _zip_reason(err: Exception) -> str:
    if isinstance(err, OSError):
        return os_reason(err)
    key = _ZIP_REASONS.get(str(err))
    return messages().t(key) if key else str(err)


def xlsx_rows(stream: BinaryIO) -> tuple[Iterator[list[str]], int]:
    """The rows of the first sheet as text, and the sheet row number of the first one (1-based)."""
    try:
        import python_calamine
    except ImportError:
        raise MissingExtra(messages().t("source.xlsx_extra")) from None
    try:
        with zipfile.ZipFile(stream) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise BadWorkbook(messages().t("source.not_xlsx", error=_zip_reason(err))) from None
    if inflated > MAX_INFLATED:
        raise BadWorkbook(messages().t("source.xlsx_inflates", size=f"{inflated:,}", limit=f"{MAX_INFLATED:,}"))
    stream.seek(0)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(stream)
        if not book.sheet_names:
            raise BadWorkbook(messages().t("source.no_sheet"))
        sheet = book.get_sheet_by_index(0)
        start = sheet.start
        rows = sheet.iter_rows()
    except python_calamine.CalamineError as err:
        raise BadWorkbook(messages().t("source.bad_workbook", error=str(err))) from None
    first = start[0] + 1 if start else 1
    pad = start[1] if start else 0
    return ([""] * pad + [_cell(c) for c in row] for row in rows), first
