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
    r = cli("diff", "--lang", "zh-TW", "origin/main:journeys/b2b.yaml", "journeys/b2b.yaml").expect(2)
    assert "git 拒絕位於" in r.err and f"請執行：git config --global --add safe.directory {pull_request}" in r.err


def test_survey_sources_at_a_revision_run_no_repository_program(cli: CLI, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """`cxgap diff` reads a spec's survey export at the spec's revision with the same git
    safety as the spec: a partial clone whose promisor remote is an `ext::` command (run by
    a lazy fetch of the export's missing object), an fsmonitor and a textconv driver run nothing."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    repo, marker = tmp_path / "repo", tmp_path / "ran"
    (repo / "surveys").mkdir(parents=True)
    (repo / "journey.yaml").write_text(
        "version: 1\njourney: {title: T}\ncustomer_touchpoints:\n  - {id: a, name: Alpha, stage: loyalty, "
        "channel: chat}\ncompany_touchpoints:\n  - {id: c, stage: loyalty, channel: chat, meets: [a]}\nsources:\n"
        "  - {file: surveys/nps.csv, metric: nps, answer: Score, touchpoint: a}\n", encoding="utf-8")
    (repo / "surveys" / "nps.csv").write_text("Score\n9\n10\n", encoding="utf-8")
    (repo / ".gitattributes").write_text("*.csv diff=evil\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "spec and export")
    monkeypatch.chdir(repo)
    cli("diff", "HEAD:journey.yaml", "HEAD:journey.yaml").expect(0)  # the export is read from git

    script = tmp_path / "program.sh"
    script.write_text(f"#!/bin/sh\necho \"$0 $*\" >> {marker}\ncat \"$1\" 2>/dev/null\n", encoding="utf-8")
    script.chmod(0o755)
    blob = git(repo, "rev-parse", "HEAD:surveys/nps.csv").strip()
    (repo / ".git" / "objects" / blob[:2] / blob[2:]).unlink()  # as in a blobless partial clone
    for key, value in (("core.repositoryformatversion", "1"), ("extensions.partialClone", "evil"),
                       ("remote.evil.promisor", "true"), ("remote.evil.url", f"ext::{script} fetch"),
                       ("protocol.ext.allow", "always"), ("core.fsmonitor", str(script)),
                       ("diff.evil.textconv", str(script))):
        git(repo, "config", key, value)
    r = cli("diff", "HEAD:journey.yaml", "HEAD:journey.yaml").expect(2)
    assert "HEAD:journey.yaml:8:12: sources[0].file: 'surveys/nps.csv' does not exist at revision HEAD" in r.err
    assert "Traceback" not in r.err
    assert not marker.exists(), marker.read_text(encoding="utf-8")
    # The control: git itself runs the configured program to fetch the missing export.
    subprocess.run(["git", "cat-file", "--batch-check"], input=b"HEAD:surveys/nps.csv\n", cwd=repo,
                   capture_output=True, check=False)
    assert marker.exists()
