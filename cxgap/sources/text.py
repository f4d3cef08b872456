"""Survey exports as text: the encoding, and lines of bounded length.

``auto`` reads a BOM (UTF-8, UTF-16), else UTF-8, else GB18030 (问卷星 and
Excel on Chinese Windows save CSV in GB18030/GBK); the caller retries with
GB18030 when UTF-8 fails (:class:`Undecodable`). Lines are handed to the CSV
parser in blocks of about a megabyte, cut at line ends, so that a file of any
size is read in constant memory and a line longer than :data:`MAX_LINE`
characters (a 2 GB line, ``/dev/zero`` behind a name) stops the read at that
limit instead of filling the memory.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import BinaryIO

MAX_LINE = 4 * 1024 * 1024
"""Longest line of an export, in characters (a row with long free-text answers is a few kilobytes)."""
BLOCK = 1 << 20

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


class Undecodable(Exception):
    def __init__(self, codec: str, line: int, offset: int) -> None:
        super().__init__(codec)
        self.codec = codec
        self.line = line
        self.offset = offset


class LineTooLong(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def pick_codec(head: bytes, encoding: str) -> tuple[str, int]:
    """The codec to read with and how many BOM bytes to skip."""
    for bom, codec in _BOMS:
        if head.startswith(bom) and (encoding == "auto" or codecs.lookup(encoding).name.startswith(codec[:6])):
            return codec, len(bom)
    return ("utf-8" if encoding == "auto" else encoding), 0


def blocks(stream: BinaryIO, codec: str, skip: int = 0) -> Iterator[str]:
    """The text of ``stream`` in blocks of whole records: each block ends at a line end outside
    quotes (an even number of ``"`` before it), so a quoted answer with line breaks stays in one block."""
    decoder = codecs.getincrementaldecoder(codec)("strict")
    if skip:
        stream.read(skip)
    carry = ""
    line = 1
    offset = skip
    sep = ""
    while True:
        raw = stream.read(BLOCK)
        final = not raw
        try:
            text = carry + decoder.decode(raw, final)
        except UnicodeDecodeError as err:
            good = raw[: max(err.start, 0)].decode(codec, errors="replace")
            raise Undecodable(codec, line + carry.count(sep or "\n") + good.count(sep or "\n"),
                              offset + max(err.start, 0)) from None
        offset += len(raw)
        if not sep:
            # Line ends: \n (and \r\n); a file with \r alone (old Mac Excel) is cut at \r.
            sep = "\n" if "\n" in text or "\r" not in text else "\r"
        cut = len(text) if final else _record_end(text, sep)
        chunk, carry = text[:cut], text[cut:]
        if len(carry) > MAX_LINE:
            raise LineTooLong(line + chunk.count(sep))
        if chunk:
            line += chunk.count(sep)
            yield chunk
        if final:
            return


def _record_end(text: str, sep: str) -> int:
    """Just after the last line end of ``text`` that is outside quotes (0: none)."""
    cut = text.rfind(sep) + 1
    if '"' not in text:
        return cut
    quotes = text.count('"', 0, cut)
    while cut and quotes % 2:  # walk back line by line: each character is counted once
        before = text.rfind(sep, 0, cut - 1) + 1
        quotes -= text.count('"', before, cut)
        cut = before
    return cut
