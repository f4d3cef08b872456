"""The standard streams of a real run, made safe before anything is read or
written (the console script calls :func:`guard_standard_streams`).

* A descriptor 0, 1 or 2 the process was started without (``cxgap ... >&-``)
  is opened on ``/dev/null`` first, so that no spec or report opened later
  can take its number and receive what was meant for the terminal.
* Closed standard output: writing to it is an error, exit 2 (``cannot write
  to standard output: it is closed``); a command that writes only to ``-o``
  does not need it.
* Closed standard error: messages are lost, the exit code is what it would
  have been (2 for an invalid spec, never 0 or 1 instead).
* Closed standard input: ``-`` is a problem, exit 2 (see ``read_bytes``).
* A broken pipe (``cxgap validate DIR | head -1``): the reader stopped
  reading; the rest of the output is discarded and the run goes on to its
  own verdict, so the exit code still says whether a later spec failed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from typing import Any, TextIO

from cxgap.problems import UsageError


class ClosedStream:
    """Standard output when the process was started without one: writing is a usage error (exit 2)."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, _text: str) -> int:
        from cxgap.i18n import messages

        raise UsageError(messages().t("write.stdout_closed"))

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


class PipeGuard:
    """Standard output that turns a broken pipe into silence: once the reader
    has gone, later writes are discarded instead of ending the run."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.broken = False

    def write(self, text: str) -> int:
        if not self.broken:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self._break()
        return len(text)

    def flush(self) -> None:
        if not self.broken:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._break()

    def _break(self) -> None:
        self.broken = True
        quiet_stdout()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def quiet_stdout() -> None:
    """After a closed pipe, point descriptor 1 at /dev/null: Python's own flush at exit then succeeds."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)


def _fd_closed(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError as exc:
        return exc.errno == errno.EBADF
    return False


def guard_standard_streams() -> None:
    closed = [fd for fd in (0, 1, 2) if _fd_closed(fd)]
    for fd in closed:
        with contextlib.suppress(OSError):
            got = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
            if got != fd:
                os.dup2(got, fd)
                os.close(got)
    if 1 in closed or sys.stdout is None:
        sys.stdout = ClosedStream()
    else:
        sys.stdout = PipeGuard(sys.stdout)
    if 2 in closed or sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the life of the process
