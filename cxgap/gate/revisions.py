"""The two sides of `cxgap diff`: a spec file, or ``REF:PATH`` read from git.

An argument names a file when that file exists (or is ``-``); otherwise, if
it contains ``:``, it is a git revision and a path, as ``git show REF:PATH``
takes them: ``main:journeys/b2b.yaml``, ``origin/main:journeys/b2b.yaml``,
``HEAD~1:./b2b.yaml`` (``./``: relative to the current directory; otherwise
from the repository root), or ``:journeys/b2b.yaml`` (the staged version).

git runs as a subprocess with a list of arguments (never a shell). The blob is
read with ``git cat-file`` (the exact bytes ``git show`` prints for a file,
without text conversion), after checking its size against ``--max-bytes``.
Every failure is a clear message and exit code 2: git missing, not a
repository, an unknown revision, a path that does not exist at it.
"""

from __future__ import annotations

import os
import subprocess

from cxgap.limits import DEFAULT_MAX_BYTES
from cxgap.loaded import LoadedSpec
from cxgap.problems import InputError, Problem, UsageError, display_name
from cxgap.spec import load_spec, load_spec_text
from cxgap.yamlload import decode

GIT_TIMEOUT = 60.0
"""Seconds any one git command may take (a local read; never the network)."""


def is_revision(arg: str) -> bool:
    """Is this argument ``REF:PATH`` rather than a file?"""
    return arg != "-" and ":" in arg and not os.path.exists(arg)


def _git(arg: str, args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], input=stdin, capture_output=True, timeout=GIT_TIMEOUT, check=False)
    except FileNotFoundError:
        raise UsageError(f"cannot read {arg}: it is not a file, and git (needed for REF:PATH) is not installed "
                         "or not on PATH") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"cannot read {arg}: git did not answer within {GIT_TIMEOUT:g} seconds") from None


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


def load_side(arg: str, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedSpec:
    """Load one side of a diff: the file ``arg``, or ``REF:PATH`` from git (problems name it as given)."""
    if not is_revision(arg):
        return load_spec(arg, max_bytes)
    name = display_name(arg)
    return load_spec_text(name, decode(name, read_blob(arg, max_bytes)), max_bytes)
