"""Write reports atomically: a temporary file in the target's directory, then
a rename. An interrupted or failed run never leaves a half-written report and
never destroys the previous one.

Three cases are not renamed over:

* a device, FIFO or socket (``-o /dev/null``, ``-o /dev/stdout``) is written
  to directly: replacing it would put a regular file where the device was;
* a symbolic link is followed, and the file it points to is replaced: the
  link stays;
* a file this run reads as an input is refused: a report never overwrites the
  spec it came from.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys

from cxgap.i18n import messages, os_reason
from cxgap.problems import UsageError, display_name

_inputs: set[tuple[int, int]] = set()


def protect(st: os.stat_result) -> None:
    """Remember a file read as an input (by device and inode): it is never written."""
    _inputs.add((st.st_dev, st.st_ino))


def forget_inputs() -> None:
    """Start a new run: no input has been read yet."""
    _inputs.clear()


_SPEC_SUFFIXES = (".yaml", ".yml")
_READERS = frozenset(("validate", "analyze", "check", "diff", "handout"))
"""Commands that read specs: whatever they write must not replace one."""
_VALUED = frozenset(("-o", "--output", "-f", "--format", "-p", "--persona", "-l", "--lang", "--max-bytes",
                     "--min-score", "--fail-on", "--min-severity", "--width", "--top", "-t", "--template",
                     "--schema"))
"""Options that take the next argument as their value."""


def protect_arguments(args: list[str]) -> None:
    """Before anything is read or written: protect every input a command line
    names (by device and inode: a hard link, ``/dev/stdin`` or
    ``/proc/self/fd/0`` is the same file), and refuse an argument that reads
    as an option but names an existing file.

    Every file argument is protected, whatever its name (``spec``, ``-x.yaml``
    after ``--``), every spec under a directory argument (worker processes
    read those, and only this process writes), and standard input when ``-``
    is an argument. Option values (the report of ``-o`` among them) are not inputs.

    A committed file named ``--output=journeys/victim.yaml``, passed by a
    hook that does not put ``--`` before file names, would otherwise be taken
    as an option: it is refused (exit 2) with the two ways to write it."""
    words = [a for a in args if not a.startswith("-")]
    if not words or words[0] not in _READERS:
        return
    paths: list[str] = []
    options_end = False
    takes_value = False
    for arg in args:
        if takes_value:  # an option's value (the report of -o among them) is no input
            takes_value = False
        elif options_end or arg == "-" or not arg.startswith("-"):
            paths.append(arg)
        elif arg == "--":
            options_end = True
        else:
            if os.path.lexists(arg):
                raise UsageError(messages().t("cli.option_is_file", arg=display_name(arg)))
            takes_value = arg in _VALUED
    for path in paths:
        _protect_path(path)


def _protect_path(path: str) -> None:
    if path == "-":
        with contextlib.suppress(OSError):
            protect(os.fstat(0))
        return
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return
    if stat.S_ISDIR(st.st_mode):
        for root, _, names in os.walk(path):
            for name in names:
                if name.endswith(_SPEC_SUFFIXES):
                    with contextlib.suppress(OSError):
                        protect(os.stat(os.path.join(root, name)))
    else:
        protect(st)


def write_output(path: str | None, text: str | bytes) -> None:
    """Write ``text`` (or the bytes of a binary format) to ``path``, or to standard output for None or ``-``."""
    if path is None or path == "-":
        try:
            if isinstance(text, bytes):
                sys.stdout.flush()
                sys.stdout.buffer.write(text)
                sys.stdout.buffer.flush()
            else:
                sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise UsageError(messages().t("write.stdout", reason=os_reason(exc))) from None
        return
    write_atomic(path, text if isinstance(text, bytes) else text.encode("utf-8"))


def _fail(path: str, why: str | OSError) -> UsageError:
    """``cannot write PATH: why``; ``why`` a catalog text, or an ``OSError`` worded by :func:`os_reason`."""
    reason = os_reason(why) if isinstance(why, OSError) else why
    return UsageError(messages().t("write.failed", path=display_name(path), reason=reason))


def write_atomic(path: str, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step (see the module's docstring)."""
    if not path:
        raise _fail("''", messages().t("write.no_name"))
    try:  # the file the name leads to, whatever the way (a symlink, /dev/stdin, /proc/self/fd/0)
        reached = os.stat(path)
    except OSError:
        pass
    else:
        if (reached.st_dev, reached.st_ino) in _inputs:
            raise _fail(path, messages().t("write.input"))
    target = os.path.realpath(path) if os.path.islink(path) else path
    st = _existing(path, target)
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_in_place(path, target, data)
        return
    mode = stat.S_IMODE(st.st_mode) if st is not None else _new_file_mode()
    directory = os.path.dirname(target) or "."
    if not os.path.isdir(directory):
        key = "write.parent_not_directory" if os.path.exists(directory) else "write.parent_missing"
        raise _fail(path, messages().t(key, directory=display_name(os.path.dirname(path) or ".")))
    _replace(path, target, directory, data, mode)


def _existing(path: str, target: str) -> os.stat_result | None:
    """The target's status, None when it does not exist; refuses a directory and an input of this run."""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _fail(path, exc) from None
    if stat.S_ISDIR(st.st_mode):
        raise _fail(path, messages().t("write.directory"))
    if (st.st_dev, st.st_ino) in _inputs:
        raise _fail(path, messages().t("write.input"))
    return st


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _replace(path: str, target: str, directory: str, data: bytes, mode: int) -> None:
    """Write a temporary file beside the target, then rename it over the target."""
    import tempfile  # here: `cxgap --version` and friends need no temporary files

    # The temporary name must fit where the target's does: a 255-byte target
    # name leaves no room for a prefix and a suffix, so only its start is kept.
    stem = os.fsdecode(os.fsencode(os.path.basename(target))[:_TEMP_STEM_BYTES])
    blocked = _block_termination()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{stem}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        _unblock(blocked)
        raise _fail(path, messages().t("write.cannot_create", directory=display_name(directory),
                                       reason=os_reason(exc))) from None
    try:
        # A SIGTERM, SIGHUP or SIGQUIT that came while the file was created is
        # raised here, inside the block that removes the temporary file.
        _unblock(blocked)
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
            raise _fail(path, exc) from None
        raise


_TEMP_STEM_BYTES = 200
"""At most this much of the target's name goes into the temporary file's
(``.`` + stem + ``.`` + 8 random characters + ``.tmp`` stays under 255 bytes)."""
TERMINATING = (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)
"""Signals that end a run the way Ctrl-C (SIGINT) does: no temporary file
left, the previous report intact. Only SIGKILL cannot be handled."""


class Terminated(BaseException):
    """A terminating signal arrived: unwind (removing temporary files) and exit 128 + its number."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


def _raise_terminated(signum: int, _frame: object) -> None:
    raise Terminated(signum)


def handle_termination() -> None:
    """Turn SIGTERM, SIGHUP and SIGQUIT into :class:`Terminated` (the console script does this)."""
    for signum in TERMINATING:
        signal.signal(signum, _raise_terminated)


def _block_termination() -> set[int | signal.Signals] | None:
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not on Linux or macOS
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, (signal.SIGINT, *TERMINATING))


def _unblock(previous: set[int | signal.Signals] | None) -> None:
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _write_in_place(path: str, target: str, data: bytes) -> None:
    """A device, FIFO or socket: write to it, never replace it."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK if _is_fifo(target) else os.O_WRONLY)
    except OSError as exc:
        raise _fail(path, exc) from None
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except OSError as exc:
        raise _fail(path, exc) from None
    finally:
        os.close(fd)


def _is_fifo(path: str) -> bool:
    try:
        return stat.S_ISFIFO(os.stat(path).st_mode)
    except OSError:
        return False
