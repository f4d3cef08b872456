"""The commands that need no analysis, and the CLI's contract: exit codes,
messages on stderr, no tracebacks, a fast start."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import CLI, DATA, ROOT

from cxgap import __version__
from cxgap.i18n import Catalog, load_catalog
from cxgap.stages import DEFAULT_STAGES


def test_version(cli: CLI) -> None:
    assert cli("--version").expect(0).out.strip() == f"cxgap {__version__}"


def test_python_dash_m_and_console_script() -> None:
    proc = subprocess.run([sys.executable, "-m", "cxgap", "--version"], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == f"cxgap {__version__}"


def test_version_imports_nothing_heavy() -> None:
    code = ("import sys; from cxgap.cli import run; run(['--version']); "
            "print(sorted(m for m in ('rich', 'jinja2', 'pydantic', 'yaml') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip().endswith("[]"), proc.stdout


def test_help_lists_every_command(cli: CLI) -> None:
    out = cli("--help").expect(0).out
    for command in ("analyze", "validate", "schema", "init", "stages"):
        assert command in out


def test_usage_error_exits_2(cli: CLI) -> None:
    result = cli("analyze").expect(2)
    assert "Missing argument" in result.err
    cli("no-such-command").expect(2)
    cli("analyze", DATA / "valid" / "hand-computed.yaml", "--format", "docx").expect(2)


def test_internal_error_is_one_line_and_exit_3(cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    from cxgap.analysis import scores

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaputt")

    monkeypatch.setattr(scores, "overall", boom)
    result = cli("analyze", DATA / "valid" / "hand-computed.yaml").expect(3)
    assert result.err.count("\n") == 1 and "internal error" in result.err and "Traceback" not in result.err
    result = cli("--traceback", "analyze", DATA / "valid" / "hand-computed.yaml").expect(3)
    assert "Traceback" in result.err and "kaputt" in result.err


def test_schema_is_valid_json_schema(cli: CLI) -> None:
    schema = json.loads(cli("schema").expect(0).out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False


def _check_jsonschema(schema: Path, spec: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    return subprocess.run([exe, "--schemafile", str(schema), str(spec)], capture_output=True, text=True)


def test_check_jsonschema_accepts_valid_and_rejects_misspelled(cli: CLI, tmp_path: Path) -> None:
    schema = tmp_path / "schema.json"
    cli("schema", "-o", schema).expect(0)
    for spec in [*sorted((ROOT / "journeys").glob("*.yaml")), DATA / "valid" / "hand-computed.yaml"]:
        proc = _check_jsonschema(schema, spec)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    text = (ROOT / "journeys" / "retail-omnichannel.yaml").read_text(encoding="utf-8")
    assert "stage: 积极评估" in text  # Chinese stage names are accepted by the schema too
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("channel:", "chanel:", 1), encoding="utf-8")
    proc = _check_jsonschema(schema, bad)
    assert proc.returncode == 1, proc.stdout


@pytest.mark.parametrize("template", ["b2b", "retail", "saas"])
def test_init_writes_a_valid_commented_starter(cli: CLI, tmp_path: Path, template: str) -> None:
    path = tmp_path / "journey.yaml"
    cli("init", path, "--template", template).expect(0)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=cxgap.schema.json\n")
    assert text.count("#") > 20
    cli("validate", path).expect(0)


def test_init_refuses_to_overwrite(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "journey.yaml"
    path.write_text("mine", encoding="utf-8")
    result = cli("init", path).expect(2)
    assert "--force" in result.err
    assert path.read_text(encoding="utf-8") == "mine"
    cli("init", path, "--force").expect(0)
    assert path.read_text(encoding="utf-8") != "mine"


def test_init_unknown_template(cli: CLI, tmp_path: Path) -> None:
    assert "expected one of: b2b, retail, saas" in cli("init", tmp_path / "x.yaml", "-t", "nope").expect(2).err


@pytest.mark.parametrize("lang", ["en", "zh-CN", "zh-TW"])
def test_stages_in_each_language(cli: CLI, lang: str) -> None:
    out = cli("stages", "--lang", lang).expect(0).out
    texts = load_catalog(lang)
    # each stage: its line, then its mindset, wrapped to 80 columns under it (tests/test_terminal_width.py)
    blocks = re.split(r"\n(?=\S)", out.rstrip("\n"))
    assert len(blocks) == len(DEFAULT_STAGES)
    for block, stage in zip(blocks, DEFAULT_STAGES, strict=True):
        head, *mindset = block.splitlines()
        words = stage.words.get(lang, ())
        c = Catalog(lang)
        name = texts[f"stage.{stage.id}.name"]
        shown = c.t("stage.with_words", name=name, words=c.join(words)) if words else name
        assert head.split(None, 1) == [stage.id, shown]
        sep = " " if lang == "en" else ""
        assert sep.join(line.strip() for line in mindset) == texts[f"stage.{stage.id}.mindset"]


def test_missing_file_and_directory_without_specs(cli: CLI, tmp_path: Path) -> None:
    assert "cannot read the file" in cli("validate", tmp_path / "nope.yaml").expect(2).err
    assert "no *.yaml or *.yml files" in cli("validate", tmp_path).expect(2).err


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "json"])
def test_a_broken_spec_in_a_directory_is_listed_in_the_report(cli: CLI, tmp_path: Path, fmt: str) -> None:
    shutil.copyfile(DATA / "valid" / "hand-computed.yaml", tmp_path / "good.yaml")
    (tmp_path / "broken.yaml").write_text("version: 1\n", encoding="utf-8")
    report = tmp_path / "report.out"
    result = cli("analyze", tmp_path, "--format", fmt, "-o", report).expect(2)
    assert f"{tmp_path / 'broken.yaml'}:1:1: journey: missing required key 'journey'" in result.err
    text = report.read_text(encoding="utf-8")
    assert "Hand-computed journey" in text and "broken.yaml" in text
