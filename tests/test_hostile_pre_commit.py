"""pre-commit option injection, with real git and the real pre-commit in a
temporary repository: a pull request commits a file named
`--output=journeys/victim.yaml` (a file `victim.yaml` in a folder
`--output=journeys`). pre-commit passes it after the hook's args; the hooks'
`args: [--]` keeps it a file name, and without `--` (args of the user's own)
cxgap refuses it instead of taking it as `--output` and overwriting a spec.

The hooks are the manifest's own (entry, args, types, exclude), run as
`language: system` on this checkout's cxgap, so no hook environment is built."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT
from hostile_cases import fingerprint
from test_ci_examples import PRE_COMMIT, SHOP, env, git, needs_git, needs_pre_commit

pytestmark = [needs_git, needs_pre_commit]


def _config(args: list[str] | None) -> str:
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hooks: list[dict[str, Any]] = []
    for hook in manifest:
        local = {k: hook[k] for k in ("id", "name", "entry", "types", "exclude", "args") if k in hook}
        local["language"] = "system"
        if args is not None and hook["id"] == "cxgap-check":  # flags for the check, as the README shows
            local["args"] = args
        hooks.append(local)
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}, sort_keys=False)


@pytest.mark.parametrize("args", [None, ["--fail-on", "none", "--"], ["--fail-on", "none"]],
                         ids=["manifest-args", "own-args-with-dashes", "own-args-without-dashes"])
def test_a_file_named_like_an_option_never_becomes_one(tmp_path: Path, args: list[str] | None) -> None:
    assert PRE_COMMIT is not None
    repo = tmp_path / "repo"
    (repo / "journeys").mkdir(parents=True)
    (repo / "--output=journeys").mkdir()
    victim = repo / "journeys" / "victim.yaml"
    shutil.copyfile(SHOP, victim)
    shutil.copyfile(SHOP, repo / "--output=journeys" / "victim.yaml")
    (repo / ".pre-commit-config.yaml").write_text(_config(args), encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a spec, and a file named like an option")
    before = fingerprint([victim])
    done = subprocess.run([PRE_COMMIT, "run", "--all-files", "--verbose", "--color", "never"], cwd=repo,
                          capture_output=True, text=True, timeout=300, env=env(PRE_COMMIT_HOME=str(tmp_path / "cache")),
                          check=False)
    report = done.stdout + done.stderr
    assert fingerprint([victim]) == before, report
    assert "Traceback" not in report
    if args is None or "--" in args:  # the planted file is checked as the spec it is
        assert done.returncode == 0, report
        assert "--output=journeys/victim.yaml: PASS" in report
    else:  # without --, cxgap refuses the ambiguous argument
        assert done.returncode == 1, report
        assert "--output=journeys/victim.yaml is an option and also names an existing file" in report
