"""git as a reader of local objects, never a runner of the repository's programs.

Every git command cxgap runs (a spec at a revision for `cxgap diff`, the
survey exports beside it at the same revision) goes through :func:`run_git`,
so that there is one place for these rules. A repository's configuration is
content of the pull request under test: ``core.fsmonitor`` names a program,
``core.hooksPath`` a folder of them, and a partial clone's promisor remote
fetches a missing object lazily through any URL, ``ext::sh -c …`` included.
So git runs

* as a subprocess with a list of arguments, never through a shell;
* with ``core.fsmonitor`` and hooks off, no untracked cache, no replace
  objects, no protocol allowed (no network, no ``ext::`` command) and no lazy
  fetch, no prompt and no optional locks (a read must not write the index);
* within :data:`GIT_TIMEOUT` seconds.

Commands that print file contents use ``git cat-file``, which applies no
text conversion (``diff.*.textconv``) and no filters.
"""

from __future__ import annotations

import os
import subprocess
from typing import IO

GIT_TIMEOUT = 60.0
"""Seconds any one git command may take (a local read; never the network)."""

SAFE_OPTIONS = ("-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "core.untrackedCache=false",
                "-c", "protocol.allow=never", "--no-replace-objects")
"""Options before every git command: no fsmonitor program, no hooks, no
network, no replacement objects, whatever the repository's config says."""
SAFE_ENV = {"GIT_NO_LAZY_FETCH": "1", "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0",
            "GIT_NO_REPLACE_OBJECTS": "1"}
"""Environment for every git command: no lazy fetch of missing objects, no
password prompt, no optional index writes, no replace refs."""


def run_git(args: list[str], *, stdin: bytes | None = None, stdout: IO[bytes] | None = None,
            timeout: float = GIT_TIMEOUT) -> subprocess.CompletedProcess[bytes]:
    """Run ``git ARGS`` with the safety options; stdout and stderr are captured
    (stdout goes to ``stdout`` instead when given, for large blobs). Raises
    :class:`FileNotFoundError` when git is not installed and
    :class:`subprocess.TimeoutExpired` when it takes longer than ``timeout``."""
    return subprocess.run(["git", *SAFE_OPTIONS, *args], input=stdin,
                          stdout=stdout if stdout is not None else subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=timeout, check=False, env={**os.environ, **SAFE_ENV})
