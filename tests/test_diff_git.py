"""`cxgap diff REF:PATH ...`: revisions read from a real, temporary git repository."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CLI, DATA

from cxgap.gate.revisions import is_revision

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

BASE = DATA / "gate" / "shop.yaml"
HEAD = DATA / "gate" / "shop-v2.yaml"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=cxgap tests", "-c", "user.email=tests@cxgap.example", "-c", "commit.gpgsign=false",
         *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with two commits of journeys/shop.yaml (shop.yaml, then shop-v2.yaml), run from its root."""
    root = tmp_path / "repo"
    (root / "journeys").mkdir(parents=True)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    git(root, "init", "-q", "-b", "main")
    spec = root / "journeys" / "shop.yaml"
    shutil.copyfile(BASE, spec)
    git(root, "add", "journeys/shop.yaml")
    git(root, "commit", "-q", "-m", "first revision")
    shutil.copyfile(HEAD, spec)
    git(root, "commit", "-q", "-am", "second revision")
    monkeypatch.chdir(root)
    return root


def test_ref_path_against_the_working_tree(cli: CLI, repo: Path) -> None:
    r = cli("diff", "-f", "json", "HEAD~1:journeys/shop.yaml", "journeys/shop.yaml").expect(0)
    data = json.loads(r.out)
    assert data["base"]["source"] == "HEAD~1:journeys/shop.yaml"
    assert data["summary"]["score"] == {"before": 84.6, "after": 67.4, "delta": -17.2}
    assert [g["id"] for g in data["opened"]] == ["uncovered:demo"]
    assert [g["id"] for g in data["closed"]] == ["uncovered:reviews"]


def test_both_sides_from_git_and_the_same_as_files(cli: CLI, repo: Path) -> None:
    from_git = cli("diff", "--fail-on-regression", "main~1:journeys/shop.yaml", "main:journeys/shop.yaml").expect(1)
    from_files = cli("diff", "--fail-on-regression", BASE, HEAD).expect(1)
    strip = [line for line in from_files.out.splitlines() if not line.startswith(("  base:", "  head:"))]
    assert [line for line in from_git.out.splitlines() if not line.startswith(("  base:", "  head:"))] == strip


def test_paths_relative_to_the_current_directory_and_the_index(
    cli: CLI, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "journeys")
    r = cli("diff", "-f", "json", "HEAD~1:./shop.yaml", "shop.yaml").expect(0)
    assert json.loads(r.out)["summary"]["score"]["before"] == 84.6
    r = cli("diff", "-f", "json", ":./shop.yaml", "HEAD~1:./shop.yaml").expect(0)  # ':' alone: the index
    assert json.loads(r.out)["summary"]["score"] == {"before": 67.4, "after": 84.6, "delta": 17.2}


def test_a_file_named_like_ref_path_cannot_replace_the_revision(cli: CLI, repo: Path) -> None:
    """A pull request that commits a file named `HEAD~1:journeys/shop.yaml` must not become its own base."""
    odd = repo / "HEAD~1:journeys"
    odd.mkdir()
    shutil.copyfile(HEAD, odd / "shop.yaml")
    r = cli("diff", "-f", "json", "HEAD~1:journeys/shop.yaml", "journeys/shop.yaml").expect(2)
    commit = git(repo, "rev-parse", "HEAD~1").strip()
    assert "HEAD~1:journeys/shop.yaml is ambiguous: it is a file, and 'HEAD~1' is a git revision" in r.err
    assert "Write ./HEAD~1:journeys/shop.yaml for the file" in r.err and f"{commit}:journeys/shop.yaml" in r.err
    r = cli("diff", "-f", "json", "./HEAD~1:journeys/shop.yaml", "journeys/shop.yaml").expect(0)
    assert json.loads(r.out)["summary"]["score"]["delta"] == 0  # the file, as asked
    r = cli("diff", "-f", "json", f"{commit}:journeys/shop.yaml", "journeys/shop.yaml").expect(0)
    assert json.loads(r.out)["summary"]["score"]["delta"] == -17.2  # git's base, as asked
    odd2 = repo / "nosuch:journeys"
    odd2.mkdir()
    shutil.copyfile(HEAD, odd2 / "shop.yaml")
    assert not is_revision("nosuch:journeys/shop.yaml")  # no such revision: the file


def test_missing_ref_path_and_not_a_repository(cli: CLI, repo: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    r = cli("diff", "nosuch:journeys/shop.yaml", "journeys/shop.yaml").expect(2)
    assert "unknown git revision 'nosuch'" in r.err and "Traceback" not in r.err
    r = cli("diff", "origin/main:journeys/shop.yaml", "journeys/shop.yaml").expect(2)
    assert "git fetch origin main" in r.err
    r = cli("diff", "HEAD~1:journeys/gone.yaml", "journeys/shop.yaml").expect(2)
    assert "'journeys/gone.yaml' does not exist at HEAD~1" in r.err
    r = cli("diff", "HEAD:journeys", "journeys/shop.yaml").expect(2)
    assert "is a directory at HEAD" in r.err
    r = cli("diff", "--", "--output=x:y", "journeys/shop.yaml").expect(2)
    assert "is not a file, nor a usable REF:PATH" in r.err
    assert not (repo / "x").exists()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    r = cli("diff", "HEAD~1:journeys/shop.yaml", repo / "journeys" / "shop.yaml").expect(2)
    assert "not inside a git repository" in r.err


def test_an_invalid_revision_names_its_lines(cli: CLI, repo: Path) -> None:
    spec = repo / "journeys" / "shop.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("importance: 4", "importance: 9"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "a broken revision")
    r = cli("diff", "HEAD~1:journeys/shop.yaml", "HEAD:journeys/shop.yaml").expect(2)
    line = spec.read_text(encoding="utf-8").splitlines().index("    importance: 9") + 1
    assert f"HEAD:journeys/shop.yaml:{line}:17: customer_touchpoints[1].importance:" in r.err


def test_max_bytes_applies_to_revisions(cli: CLI, repo: Path) -> None:
    r = cli("diff", "--max-bytes", "100", "HEAD~1:journeys/shop.yaml", BASE).expect(2)
    assert "HEAD~1:journeys/shop.yaml:1:1: file is larger than the limit of 100 bytes" in r.err


@pytest.mark.parametrize(("lang", "words"), [
    ("zh-CN", ("未知的 git 版本 'nosuch'", "在 HEAD~1 中不存在", "在 HEAD 中是目录", "不是可用的 REF:PATH", "有歧义")),
    ("zh-TW", ("未知的 git 版本 'nosuch'", "在 HEAD~1 中不存在", "在 HEAD 中是目錄", "不是可用的 REF:PATH", "有歧義")),
])
def test_revision_messages_in_chinese(cli: CLI, repo: Path, lang: str, words: tuple[str, ...]) -> None:
    from test_chinese_output import _english_left

    odd = repo / "HEAD~1:journeys"
    odd.mkdir()
    shutil.copyfile(HEAD, odd / "shop.yaml")
    errors = [cli("diff", "--lang", lang, base, "journeys/shop.yaml").expect(2).err
              for base in ("nosuch:journeys/shop.yaml", "HEAD~1:journeys/gone.yaml", "HEAD:journeys", "--",
                           "HEAD~1:journeys/shop.yaml")]
    errors[3] = cli("diff", "--lang", lang, "--", "--output=x:y", "journeys/shop.yaml").expect(2).err
    text = "\n".join(errors)
    for word in words:
        assert word in text
    users = re.sub(r"HEAD(~1)?|journeys|nosuch|[0-9a-f]{40}", " ", text)  # revisions, paths and commits
    assert _english_left("$ cxgap diff\n" + users) == [], text
