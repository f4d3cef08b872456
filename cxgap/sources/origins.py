"""Where a source's bytes come from: a file beside the spec, or the same file at
the git revision the spec was read from (``cxgap diff main:journeys/b2b.yaml …``).

A relative ``file`` is read relative to the spec and must stay inside the
spec's folder tree (``../../etc/passwd`` and a symbolic link that leads out
are refused); an absolute path is read as given. Only regular files are read:
a FIFO, a device (``/dev/zero``) or a directory is refused before reading.
"""

from __future__ import annotations

import os
import posixpath
import stat
import subprocess
import tempfile
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from cxgap.gitsafe import GIT_TIMEOUT, run_git
from cxgap.i18n import messages, os_reason
from cxgap.problems import display_name


class Unreadable(Exception):
    """The source file cannot be used; the message says why and what was expected."""


class Origin(Protocol):
    @property
    def name(self) -> str:
        """How messages name the file (the path as the user would write it)."""

    def open(self) -> BinaryIO: ...


@dataclass(frozen=True)
class FileOrigin:
    name: str
    path: str

    def open(self) -> BinaryIO:
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except FileNotFoundError:
            raise Unreadable(messages().t("source.no_file")) from None
        except IsADirectoryError:
            raise Unreadable(messages().t("source.is_directory")) from None
        except OSError as err:
            raise Unreadable(messages().t("source.unreadable", reason=os_reason(err))) from None
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            os.close(fd)
            raise Unreadable(messages().t("source.is_directory" if stat.S_ISDIR(mode) else "source.not_regular"))
        return os.fdopen(fd, "rb")


@dataclass(frozen=True)
class GitOrigin:
    """``ref:path`` from git; ``path`` is from the repository root. git runs as
    for the spec itself (:func:`cxgap.gitsafe.run_git`): the repository's
    configured programs, lazy fetches and text conversions stay off."""

    name: str
    ref: str
    path: str

    def open(self) -> BinaryIO:
        spec = f"{self.ref}:{self.path}"
        try:
            found = run_git(["cat-file", "--batch-check"], stdin=f"{spec}\n".encode())
        except (OSError, subprocess.TimeoutExpired) as err:
            raise Unreadable(messages().t("source.git_failed", error=str(err))) from None
        parts = found.stdout.decode("utf-8", "replace").split()
        if found.returncode != 0 or len(parts) != 3 or parts[-1] == "missing":
            raise Unreadable(messages().t("source.not_at_revision", ref=self.ref) if self.ref
                             else messages().t("source.not_in_index"))
        if parts[1] != "blob":
            raise Unreadable(messages().t("source.not_a_file_at_revision", kind=parts[1], ref=self.ref))
        out = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the caller, who closes it
        try:
            done = run_git(["cat-file", "blob", parts[0]], stdout=out, timeout=GIT_TIMEOUT * 10)
        except (OSError, subprocess.TimeoutExpired) as err:
            out.close()
            raise Unreadable(messages().t("source.git_failed", error=str(err))) from None
        if done.returncode != 0:
            out.close()
            error = done.stderr.decode("utf-8", "replace").strip()[:200]
            raise Unreadable(messages().t("source.git_failed", error=error))
        out.seek(0)
        return out


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def file_origin(spec_source: str, file: str) -> FileOrigin:
    """The origin of ``file`` named by the spec at ``spec_source`` (``-``: the current directory)."""
    if os.path.isabs(file):
        return FileOrigin(display_name(file), file)
    folder = os.path.abspath(os.getcwd() if spec_source in ("-", "<stdin>") else os.path.dirname(spec_source) or ".")
    path = os.path.normpath(os.path.join(folder, file))
    if not _inside(path, folder):
        raise Unreadable(messages().t("source.outside_folder", folder=folder))
    real_folder = os.path.realpath(folder)
    if os.path.lexists(path) and not _inside(os.path.realpath(path), real_folder):
        raise Unreadable(messages().t("source.link_outside", target=os.path.realpath(path)))
    # Named as the spec was: `journeys/surveys/x.csv` for `journeys/b2b.yaml` (absolute for an absolute spec).
    named = os.path.join(os.path.dirname(spec_source), file)
    shown = file if spec_source in ("-", "<stdin>") else os.path.normpath(named)
    return FileOrigin(display_name(shown), path)


def git_origin(ref: str, spec_path: str, file: str) -> Origin:
    """The origin of ``file`` named by the spec ``ref:spec_path`` (``spec_path`` from the repository root)."""
    if os.path.isabs(file):
        return FileOrigin(display_name(file), file)
    relative = spec_path.startswith(("./", "../"))  # REF:./PATH is relative to the current directory
    folder = posixpath.normpath(posixpath.dirname(spec_path)) if posixpath.dirname(spec_path) else ""
    path = posixpath.normpath(posixpath.join(folder, file.replace(os.sep, "/")))
    escapes = path == ".." or path.startswith("../") if folder in ("", ".") else not path.startswith(folder + "/")
    if escapes:
        raise Unreadable(messages().t("source.outside_folder_git"))
    if relative and not path.startswith("../"):
        path = "./" + path
    return GitOrigin(display_name(f"{ref}:{path}"), ref, path)
