"""Report files are written atomically: a failed or interrupted run leaves the
previous report as it was and no temporary file behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import CLI

import cxgap.handout
import cxgap.render.html
import cxgap.render.markdown
from cxgap.analysis.result import Analysis
from cxgap.render import RenderOptions

ROOT = Path(__file__).resolve().parent.parent
B2B = str(ROOT / "journeys" / "b2b-crm.yaml")
OLD = "the previous report\n"


def _broken(*_args: object, **_kwargs: object) -> str:
    raise RuntimeError("renderer broke half-way")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp") or p.name.startswith("."))


@pytest.mark.parametrize("module, name, suffix", [
    (cxgap.render.html, "render", "html"),
    (cxgap.render.markdown, "render", "md"),
])
def test_analyze_keeps_the_old_report_when_rendering_fails(
    cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: object, name: str, suffix: str,
) -> None:
    out = tmp_path / f"report.{suffix}"
    out.write_text(OLD, encoding="utf-8")
    monkeypatch.setattr(module, name, _broken)
    result = cli("analyze", B2B, "-o", out).expect(3)
    assert "internal error" in result.err and "renderer broke" in result.err
    assert out.read_text(encoding="utf-8") == OLD
    assert _leftovers(tmp_path) == []


def test_handout_keeps_the_old_file_when_rendering_fails(
    cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "handout.html"
    out.write_text(OLD, encoding="utf-8")
    monkeypatch.setattr(cxgap.handout, "render_handout", _broken)  # where the handout core calls it
    cli("handout", B2B, "-o", out).expect(3)
    assert out.read_text(encoding="utf-8") == OLD
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("command", [("analyze", "-f", "html"), ("handout",)])
def test_a_failed_write_keeps_the_old_file_and_no_temp_file(
    cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...],
) -> None:
    out = tmp_path / "out.html"
    out.write_text(OLD, encoding="utf-8")

    def full_disk(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    result = cli(command[0], B2B, *command[1:], "-o", out).expect(2)
    assert "No space left on device" in result.err and "Traceback" not in result.err
    assert out.read_text(encoding="utf-8") == OLD
    assert _leftovers(tmp_path) == []


def test_an_interrupted_write_keeps_the_old_file(cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.md"
    out.write_text(OLD, encoding="utf-8")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    cli("analyze", B2B, "-f", "markdown", "-o", out).expect(130)
    assert out.read_text(encoding="utf-8") == OLD
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("args, marker", [
    (("analyze", B2B, "-f", "html"), "</html>"),
    (("analyze", B2B, "-f", "markdown"), "```mermaid"),
    (("handout", B2B, "--lang", "zh-TW"), "顧客訪談問題"),
])
def test_a_successful_run_replaces_the_file_whole(
    cli: CLI, tmp_path: Path, args: tuple[str, ...], marker: str,
) -> None:
    out = tmp_path / "out.file"
    out.write_text(OLD, encoding="utf-8")
    out.chmod(0o640)
    cli(*args, "-o", out).expect(0)
    text = out.read_text(encoding="utf-8")
    assert marker in text and OLD not in text
    assert out.stat().st_mode & 0o777 == 0o640
    assert _leftovers(tmp_path) == []


def test_handout_to_stdout_and_usage_errors(cli: CLI, tmp_path: Path) -> None:
    assert "<!doctype html>" in cli("handout", B2B).expect(0).out
    assert "a handout is for one spec file" in cli("handout", str(ROOT / "journeys")).expect(2).err
    assert "unknown persona" in cli("handout", B2B, "--persona", "nobody").expect(2).err
    missing = tmp_path / "no-such-dir" / "h.html"
    assert "does not exist" in cli("handout", B2B, "-o", missing).expect(2).err


def test_renderers_return_text_without_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rendering is pure: only the command layer writes (atomically)."""
    from cxgap.analysis import analyze
    from cxgap.spec import load_spec

    monkeypatch.chdir(tmp_path)
    analysis: Analysis = analyze(load_spec(B2B))
    for render in (cxgap.render.html.render, cxgap.render.markdown.render):
        assert render([analysis], RenderOptions())
    assert cxgap.render.handout.render_handout(analysis)
    assert list(tmp_path.iterdir()) == []
