"""The two sides of `cxgap diff`: a spec file, or ``REF:PATH`` read from git.

``REF:PATH`` is read as ``git show REF:PATH`` takes it:
``main:journeys/b2b.yaml``, ``origin/main:journeys/b2b.yaml``,
``HEAD~1:./b2b.yaml`` (``./``: relative to the current directory; otherwise
from the repository root), or ``:journeys/b2b.yaml`` (the staged version).

Which one an argument is cannot be steered by the pull request under test:

* ``-``, a path starting with ``/`` or ``./``, or one without ``:`` is a file;
* ``REF:PATH`` whose ``REF`` names a revision of the repository is read from
  git, and if a file of that very name exists too (a committed file called
  ``origin/main:journeys/b2b.yaml`` would otherwise replace the base of the
  gate), the argument is refused as ambiguous, with how to write each form;
* otherwise an existing file is the file, and anything else is reported as
  an unknown revision.

git runs through :func:`cxgap.gitsafe.run_git`, as the survey sources read
at a revision do: a subprocess with a list of arguments (never a shell),
reading local objects only, with the repository's own hooks and helpers off
(``core.fsmonitor``, ``core.hooksPath``, replace refs, lazy fetches): a
repository's configuration is content of the pull request too. The blob is
read with ``git cat-file`` (the exact bytes ``git show`` prints for a file,
without text conversion), after checking its size against ``--max-bytes``.
Every failure is a clear message and exit code 2: git missing, not a
repository, a repository git refuses as of "dubious ownership" (with the
fix), an unknown revision, a path that does not exist at it.
"""

from __future__ import annotations

import os
import re
import subprocess

from cxgap.gitsafe import GIT_TIMEOUT, run_git
from cxgap.i18n import messages
from cxgap.limits import DEFAULT_MAX_BYTES
from cxgap.loaded import LoadedSpec
from cxgap.problems import InputError, Problem, UsageError, display_name
from cxgap.sources import SourcesRead, locate_at_revision, with_sources
from cxgap.spec import load_spec, load_spec_text
from cxgap.yamlload import decode


class NoGit(UsageError):
    """git is not installed."""


def _explicit_file(arg: str) -> bool:
    return arg == "-" or ":" not in arg or arg.startswith(("/", "./", "../"))


def is_revision(arg: str) -> bool:
    """Is this argument ``REF:PATH`` rather than a file? (Raises :class:`UsageError` when it is both.)"""
    if _explicit_file(arg):
        return False
    ref, path = arg.split(":", 1)
    exists = os.path.lexists(arg)
    if not _names_revision(arg, ref):
        return not exists
    if exists:
        commit = _rev_parse(arg, ref) or ref
        raise UsageError(messages().t("git.ambiguous", arg=display_name(arg), ref=repr(display_name(ref)),
                                      commit=commit, path=display_name(path)))
    return True


def _names_revision(arg: str, ref: str) -> bool:
    """Whether ``ref`` is a revision here ('' is the index: any repository has one)."""
    if ref.startswith("-") or "\n" in arg or "\r" in arg:
        return False
    try:
        inside = _git(arg, ["rev-parse", "--git-dir"]).returncode == 0
    except NoGit:  # no git: nothing names a revision
        return False
    return inside and (not ref or _rev_parse(arg, ref) is not None)


def _rev_parse(arg: str, ref: str) -> str | None:
    found = _git(arg, ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{object}}"])
    return found.stdout.decode("ascii", "replace").strip() or None if found.returncode == 0 else None


def _git(arg: str, args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        done = run_git(args, stdin=stdin)
    except FileNotFoundError:
        raise NoGit(messages().t("git.missing", arg=display_name(arg))) from None
    except subprocess.TimeoutExpired:
        raise UsageError(messages().t("git.timeout", arg=display_name(arg), seconds=f"{GIT_TIMEOUT:g}")) from None
    if done.returncode != 0 and b"dubious ownership" in done.stderr:
        raise UsageError(_dubious(arg, done.stderr.decode("utf-8", "replace")))
    return done


def _dubious(arg: str, message: str) -> str:
    match = re.search(r"dubious ownership in repository at '([^']*)'", message)
    where = display_name(match.group(1)) if match else messages().t("git.dubious_here")
    return messages().t("git.dubious", arg=display_name(arg), where=where)


def _first_line(raw: bytes) -> str:
    lines = raw.decode("utf-8", errors="replace").strip().splitlines()
    return lines[-1] if lines else ""


def read_blob(arg: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of the file ``PATH`` at git revision ``REF``, for ``arg`` = ``REF:PATH``."""
    ref, path = arg.split(":", 1)
    c = messages()
    if not path:
        raise UsageError(c.t("git.no_path", arg=arg))
    if ref.startswith("-") or "\n" in arg or "\r" in arg:
        raise UsageError(c.t("git.unusable", arg=repr(arg)))
    if _git(arg, ["rev-parse", "--git-dir"]).returncode != 0:
        raise UsageError(c.t("git.not_a_repository", arg=arg))
    where = ref or c.t("git.the_index")
    if ref and _git(arg, ["rev-parse", "--verify", "--quiet", f"{ref}^{{object}}"]).returncode != 0:
        fetch = f"git fetch origin {ref.removeprefix('origin/')}" if ref.startswith("origin/") else "git fetch"
        raise UsageError(c.t("git.unknown_revision", arg=arg, ref=repr(ref), fetch=fetch))
    found = _git(arg, ["cat-file", "--batch-check"], stdin=f"{ref}:{path}\n".encode())
    parts = _first_line(found.stdout).split()
    if found.returncode != 0 or len(parts) != 3 or parts[-1] == "missing":
        if path.startswith(("./", "../")):
            raise UsageError(c.t("git.path_missing", arg=arg, path=repr(path), where=where))
        raise UsageError(c.t("git.path_missing_root", arg=arg, path=repr(path), where=where,
                             relative=f"{ref}:./{path}"))
    sha, kind, size = parts
    if kind != "blob":
        raise UsageError(c.t("git.not_a_file", arg=arg, path=repr(path), where=where,
                             kind=c.t("git.directory") if kind == "tree" else kind))
    if int(size) > max_bytes:
        raise InputError([Problem(display_name(arg), 1, 1, c.t("problem.too_large.unknown", limit=f"{max_bytes:,}"),
                                  code="too-large")])
    blob = _git(arg, ["cat-file", "blob", sha])
    if blob.returncode != 0:
        raise UsageError(c.t("git.failed", arg=arg, error=_first_line(blob.stderr)))
    return blob.stdout


def load_side(arg: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[LoadedSpec, SourcesRead | None]:
    """Load one side of a diff: the file ``arg``, or ``REF:PATH`` from git (problems name it as given),
    with its survey sources read from the same place: beside the file, or at the same revision."""
    if not is_revision(arg):
        return with_sources(load_spec(arg, max_bytes))
    name = display_name(arg)
    loaded = load_spec_text(name, decode(name, read_blob(arg, max_bytes)), max_bytes)
    ref, path = arg.split(":", 1)
    return with_sources(loaded, locate_at_revision(ref, path))
