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
        raise UsageError(f"{display_name(arg)} is ambiguous: it is a file, and {display_name(ref)!r} is a git "
                         f"revision. Write ./{display_name(arg)} for the file, or {commit}:{display_name(path)} "
                         "to read the spec from git (and rename the file: names like REF:PATH are taken for git)")
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
        raise NoGit(f"cannot read {display_name(arg)}: it is not a file, and git (needed for REF:PATH) is not "
                    "installed or not on PATH") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"cannot read {display_name(arg)}: git did not answer within {GIT_TIMEOUT:g} "
                         "seconds") from None
    if done.returncode != 0 and b"dubious ownership" in done.stderr:
        raise UsageError(_dubious(arg, done.stderr.decode("utf-8", "replace")))
    return done


def _dubious(arg: str, message: str) -> str:
    match = re.search(r"dubious ownership in repository at '([^']*)'", message)
    where = match.group(1) if match else "the current directory's repository"
    return (f"cannot read {display_name(arg)}: git refuses the repository at {display_name(where)} because it "
            "is owned by another user ('dubious ownership', common in CI containers); if you trust it, run: git "
            f"config --global --add safe.directory {display_name(where)}")


def _first_line(raw: bytes) -> str:
    lines = raw.decode("utf-8", errors="replace").strip().splitlines()
    return lines[-1] if lines else ""


def read_blob(arg: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of the file ``PATH`` at git revision ``REF``, for ``arg`` = ``REF:PATH``."""
    ref, path = arg.split(":", 1)
    if not path:
        raise UsageError(f"{arg}: no path after ':'; expected REF:PATH, e.g. main:journeys/b2b.yaml")
    if ref.startswith("-") or "\n" in arg or "\r" in arg:
        raise UsageError(f"{arg!r} is not a file, nor a usable REF:PATH (a revision cannot start with '-' "
                         "and neither part may contain a line break)")
    if _git(arg, ["rev-parse", "--git-dir"]).returncode != 0:
        raise UsageError(f"{arg} is not a file, and the current directory is not inside a git repository, "
                         "so it cannot be read as REF:PATH")
    where = ref or "the index"
    if ref and _git(arg, ["rev-parse", "--verify", "--quiet", f"{ref}^{{object}}"]).returncode != 0:
        fetch = f"git fetch origin {ref.removeprefix('origin/')}" if ref.startswith("origin/") else "git fetch"
        raise UsageError(f"{arg}: unknown git revision {ref!r}; expected a branch, tag or commit (a CI checkout "
                         f"may be shallow or lack other branches: fetch it first, e.g. `{fetch}`)")
    found = _git(arg, ["cat-file", "--batch-check"], stdin=f"{ref}:{path}\n".encode())
    parts = _first_line(found.stdout).split()
    if found.returncode != 0 or len(parts) != 3 or parts[-1] == "missing":
        hint = "" if path.startswith(("./", "../")) else (
            f"; paths after ':' start at the repository root (use {ref}:./{path} for one relative to the "
            "current directory)")
        raise UsageError(f"{arg}: {path!r} does not exist at {where}{hint}")
    sha, kind, size = parts
    if kind != "blob":
        raise UsageError(f"{arg}: {path!r} is a {'directory' if kind == 'tree' else kind} at {where}; "
                         "expected a spec file")
    if int(size) > max_bytes:
        raise InputError([Problem(
            display_name(arg), 1, 1,
            f"file is larger than the limit of {max_bytes:,} bytes; raise it with --max-bytes if the file is genuine",
            code="too-large",
        )])
    blob = _git(arg, ["cat-file", "blob", sha])
    if blob.returncode != 0:
        raise UsageError(f"cannot read {arg}: git says: {_first_line(blob.stderr)}")
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
