"""The diff gate cannot be steered by the pull request it judges, with real
git in a temporary repository: a committed file named like the base
(`origin/main:journeys/b2b.yaml`), a repository configuration that would run
programs (`core.fsmonitor`, hooks), and a repository git refuses as owned by
someone else."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CLI, DATA

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

BASE = DATA / "gate" / "shop.yaml"
HEAD = DATA / "gate" / "shop-v2.yaml"  # a regression of BASE (score 84.6 -> 67.4)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false",
                           *args], cwd=repo, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def pull_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """origin/main holds journeys/b2b.yaml; the checked-out pull request regresses it and also
    commits a file named `origin/main:journeys/b2b.yaml` holding a copy of its own version."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    upstream, work = tmp_path / "upstream", tmp_path / "work"
    (upstream / "journeys").mkdir(parents=True)
    git(upstream, "init", "-q", "-b", "main")
    shutil.copyfile(BASE, upstream / "journeys" / "b2b.yaml")
    git(upstream, "add", "-A")
    git(upstream, "commit", "-q", "-m", "base")
    git(tmp_path, "clone", "-q", str(upstream), str(work))
    git(work, "checkout", "-q", "-b", "pr")
    shutil.copyfile(HEAD, work / "journeys" / "b2b.yaml")
    (work / "origin" / "main:journeys").mkdir(parents=True)
    shutil.copyfile(HEAD, work / "origin" / "main:journeys" / "b2b.yaml")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "regress, and plant a fake base")
    monkeypatch.chdir(work)
    return work


def test_a_planted_file_cannot_replace_the_base(cli: CLI, pull_request: Path) -> None:
    r = cli("diff", "--fail-on-regression", "origin/main:journeys/b2b.yaml", "journeys/b2b.yaml").expect(2)
    assert "origin/main:journeys/b2b.yaml is ambiguous: it is a file, and 'origin/main' is a git revision" in r.err
    assert "./origin/main:journeys/b2b.yaml for the file" in r.err
    commit = git(pull_request, "rev-parse", "origin/main").strip()
    cli("diff", "--fail-on-regression", f"{commit}:journeys/b2b.yaml", "journeys/b2b.yaml").expect(1)
    (pull_request / "origin" / "main:journeys" / "b2b.yaml").unlink()
    cli("diff", "--fail-on-regression", "origin/main:journeys/b2b.yaml", "journeys/b2b.yaml").expect(1)


def test_repository_configured_programs_do_not_run(cli: CLI, pull_request: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    script = tmp_path / "fsmonitor.sh"
    script.write_text(f"#!/bin/sh\necho \"$0 $*\" >> {marker}\n", encoding="utf-8")
    script.chmod(0o755)
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    for hook in ("post-checkout", "post-index-change", "reference-transaction"):
        shutil.copyfile(script, hooks / hook)
        (hooks / hook).chmod(0o755)
    git(pull_request, "config", "core.fsmonitor", str(script))
    git(pull_request, "config", "core.hooksPath", str(hooks))
    (pull_request / "origin" / "main:journeys" / "b2b.yaml").unlink()
    cli("diff", "--fail-on-regression", "origin/main:journeys/b2b.yaml", ":journeys/b2b.yaml").expect(1)
    assert not marker.exists(), marker.read_text(encoding="utf-8")
    git(pull_request, "status", "--short")  # the control: git itself runs the configured program
    assert marker.exists()


def test_dubious_ownership_is_reported_with_the_fix(cli: CLI, pull_request: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")  # git's own switch for this check
    (pull_request / "origin" / "main:journeys" / "b2b.yaml").unlink()
    r = cli("diff", "origin/main:journeys/b2b.yaml", "journeys/b2b.yaml").expect(2)
    assert "'dubious ownership'" in r.err and "Traceback" not in r.err
    assert f"git config --global --add safe.directory {pull_request}" in r.err
