"""Write reports atomically: a temporary file in the target's directory, then
a rename. An interrupted or failed run never leaves a half-written report and
never destroys the previous one."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile

from cxgap.problems import UsageError


def write_output(path: str | None, text: str) -> None:
    """Write ``text`` to ``path``, or to standard output for None or ``-``."""
    if path is None or path == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_atomic(path, text.encode("utf-8"))


def write_atomic(path: str, data: bytes) -> None:
    target = os.path.abspath(path)
    if os.path.isdir(target):
        raise UsageError(f"cannot write {path}: it is a directory; expected a file name")
    directory = os.path.dirname(target)
    if not os.path.isdir(directory):
        raise UsageError(f"cannot write {path}: directory {os.path.dirname(path) or '.'} does not exist")
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
