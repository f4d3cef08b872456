"""The ecosystem files work with the real tools: the pre-commit manifest and the
example config validate, the hooks run under `pre-commit try-repo`, and the
example workflow's diff script writes the pull-request comment."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import DATA, ROOT

PRE_COMMIT = shutil.which("pre-commit") or (
    str(Path(sys.executable).parent / "pre-commit") if (Path(sys.executable).parent / "pre-commit").exists() else None)
CXGAP_BIN = Path(sys.executable).parent
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
needs_pre_commit = pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed (pip install '.[dev]')")

SHOP = DATA / "gate" / "shop.yaml"
SHOP_V2 = DATA / "gate" / "shop-v2.yaml"


def env(**extra: str) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PRE_COMMIT"))}
    out["PATH"] = f"{CXGAP_BIN}{os.pathsep}{out.get('PATH', '')}"
    out.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@cxgap.example", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@cxgap.example", GIT_CONFIG_NOSYSTEM="1", **extra)
    return out


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args], cwd=cwd,
                          env=env(), capture_output=True, text=True, check=True)
    return done.stdout


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@needs_pre_commit
def test_manifest_and_example_config_validate() -> None:
    assert PRE_COMMIT is not None
    for command, path in (("validate-manifest", ROOT / ".pre-commit-hooks.yaml"),
                          ("validate-config", ROOT / "examples" / "pre-commit-config.yml")):
        done = subprocess.run([PRE_COMMIT, command, str(path)], capture_output=True, text=True, env=env())
        assert done.returncode == 0, done.stdout + done.stderr
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(hooks) == {"cxgap-validate", "cxgap-check"}
    assert all(h["language"] == "python" and h["types"] == ["yaml"] for h in hooks.values())


def _pypi_reachable() -> bool:
    if os.environ.get("PIP_INDEX_URL") or os.environ.get("PIP_NO_INDEX"):
        return True
    try:
        socket.create_connection(("pypi.org", 443), timeout=3).close()
    except OSError:
        return False
    return True


def _hooks_repo(tmp_path: Path) -> Path:
    """This repository as the tests see it (the working tree's package and
    manifest), committed in a scratch repository: try-repo installs from git."""
    repo = tmp_path / "cxgap"
    repo.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    shutil.copytree(ROOT / "cxgap", repo / "cxgap", ignore=ignore)
    for name in ("pyproject.toml", ".pre-commit-hooks.yaml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copyfile(ROOT / name, repo / name)
    if not (repo / "README.md").exists():
        (repo / "README.md").write_text("# cxgap\n", encoding="utf-8")
    git(repo, "init", "-q")
    commit_all(repo, "cxgap")
    return repo


@pytest.mark.slow
@needs_git
@needs_pre_commit
def test_pre_commit_try_repo_runs_both_hooks(tmp_path: Path) -> None:
    if not _pypi_reachable():
        pytest.skip("pre-commit builds the hook environment with pip: PyPI is not reachable")
    assert PRE_COMMIT is not None
    hooks = _hooks_repo(tmp_path)
    consumer = tmp_path / "journeys-repo"
    (consumer / "journeys").mkdir(parents=True)
    (consumer / ".github" / "workflows").mkdir(parents=True)
    shutil.copyfile(SHOP, consumer / "journeys" / "shop.yaml")
    shutil.copyfile(ROOT / "examples" / "github-actions.yml", consumer / ".github" / "workflows" / "journeys.yml")
    git(consumer, "init", "-q")
    commit_all(consumer, "specs")

    def try_repo() -> subprocess.CompletedProcess[str]:
        return subprocess.run([PRE_COMMIT, "try-repo", str(hooks), "--all-files", "--color", "never"],
                              cwd=consumer, env=env(), capture_output=True, text=True, timeout=600)

    done = try_repo()
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    assert "cxgap validate" in report and "cxgap check" in report
    assert "Failed" not in report  # the workflow YAML is not taken for a spec

    critical = SHOP.read_text(encoding="utf-8").replace("    importance: 2\n", "    importance: 5\n")
    (consumer / "journeys" / "shop.yaml").write_text(critical, encoding="utf-8")
    done = try_repo()
    report = done.stdout + done.stderr
    assert done.returncode == 1, report
    assert "journeys/shop.yaml: FAIL" in report
    assert "critical uncovered:reviews" in report


def _workflow_step(name: str) -> str:
    workflow = yaml.safe_load((ROOT / "examples" / "github-actions.yml").read_text(encoding="utf-8"))
    [step] = [s for s in workflow["jobs"]["cxgap"]["steps"] if s.get("name") == name]
    script: str = step["run"]
    return script


MINIMAL = """version: 1
journey: {id: old, title: Old journey}
customer_touchpoints:
  - {id: a, stage: trigger, channel: web}
company_touchpoints:
  - {id: b, stage: trigger, channel: web}
"""


@needs_git
@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_example_workflow_writes_the_pr_comment(tmp_path: Path) -> None:
    """The workflow's own diff script, run against a pull-request branch of a scratch repository:
    one spec changed, one removed, one added, one renamed (compared across the rename)."""
    upstream = tmp_path / "upstream"
    specs = upstream / "journeys"
    specs.mkdir(parents=True)
    shutil.copyfile(SHOP, specs / "shop.yaml")
    shutil.copyfile(SHOP, specs / "b.yaml")
    (specs / "old.yaml").write_text(MINIMAL, encoding="utf-8")
    git(upstream, "init", "-q")
    commit_all(upstream, "base")
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", str(upstream), str(work))
    git(work, "checkout", "-q", "-b", "change")
    shutil.copyfile(SHOP_V2, work / "journeys" / "shop.yaml")
    (work / "journeys" / "old.yaml").unlink()
    shutil.copyfile(ROOT / "journeys" / "b2b-crm.yaml", work / "journeys" / "新 journey.yaml")
    (work / "journeys" / "b.yaml").rename(work / "journeys" / "b renamed.yaml")
    (work / "README.txt").write_text("not a spec\n", encoding="utf-8")
    commit_all(work, "change")
    output, summary = tmp_path / "output", tmp_path / "summary"
    done = subprocess.run(["bash", "-c", _workflow_step("Diff the changed specs")], cwd=work, capture_output=True,
                          text=True, timeout=120, env=env(SPECS="journeys", BASE_REF="main",
                                                          GITHUB_OUTPUT=str(output), GITHUB_STEP_SUMMARY=str(summary)))
    assert done.returncode == 0, done.stdout + done.stderr
    comment = (work / "comment.md").read_text(encoding="utf-8")
    assert comment.startswith("<!-- cxgap-diff -->\n")
    assert "### `journeys/old.yaml`: removed" in comment
    assert "### `journeys/新 journey.yaml`: new journey" in comment
    assert "    journeys/新 journey.yaml: FAIL  score 75.4" in comment
    assert "### cxgap: Shop journey: score 84.6 → 67.4 (-17.2) · ⚠️ regression" in comment
    assert "| high | `uncovered:demo` |" in comment
    assert "### cxgap: Shop journey: score 84.6 · ✅ no regression" in comment  # the renamed copy
    assert "`origin/main:journeys/b.yaml` → `journeys/b renamed.yaml`" in comment
    assert output.read_text(encoding="utf-8") == "changed=4\n"
    assert summary.read_text(encoding="utf-8") == comment
