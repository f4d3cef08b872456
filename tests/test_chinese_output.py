"""Every command speaks Chinese: no English message text in the zh transcripts
of tests/golden/cli.*.txt (written by tests/regen_goldens.py, checked byte for
byte by test_golden.py), except ids, keys, allowed values and the user's own
words; and English uses the right singular and plural forms."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CLI, ROOT
from regen_goldens import CASES

from cxgap.analysis.rules import RULES
from cxgap.i18n import LANGS, Catalog, load_catalog
from cxgap.levels import FailOn, Severity
from cxgap.model import CUSTOMER_METRICS, SURVEY_METRICS, Evidence, Lane, Spec, Status
from cxgap.stages import DEFAULT_STAGE_IDS

GOLDEN = ROOT / "tests" / "golden"
ZH_TRANSCRIPTS = sorted(GOLDEN / c.name for c in CASES if c.transcript)

ALLOWED = {
    # the product, formats, metrics and abbreviations people write in Chinese too
    "cxgap", "CI", "NPS", "CSAT", "CES", "KPI", "App", "app", "APP", "id", "ID", "B2B", "SaaS", "UTF", "utf",
    "yaml", "YAML", "json", "xml", "version", "encoding", "Excel", "Trello", "Instagram", "Threads", "LINE",
    # GitHub workflow commands and JUnit XML are machine syntax; JUnit test case names are identifiers
    "error", "warning", "file", "line", "col", "title", "testsuites", "testsuite", "testcase", "properties",
    "property", "name", "value", "classname", "time", "tests", "failures", "errors", "skipped", "failure",
    "message", "type", "load", "spec", "policy", "journey", "score", "coverage", "focus",
    # the starter's modeline and commands
    "language", "server", "schema", "init", "validate", "analyze", "check", "stages", "lang", "persona",
    "template", "force", "en", "zh", "CN", "TW",
    # YAML values and JUnit property names
    "true", "false", "accepted",
    # survey exports: file formats, the byte-order mark, encoding names (cp1252, big5, gb18030) and git
    "csv", "CSV", "xlsx", "BOM", "cp", "big", "gb", "git", "zip", "NUL",
    # report formats and the names of tools, standards and variables a Chinese text names as they are
    "JSON", "HTML", "html", "PDF", "pdf", "Markdown", "README", "GitHub", "Actions", "Python", "URL", "LANG",
    "Schema", "WeasyPrint", "pip", "install",
    # pre-commit and the key of its hooks' arguments
    "pre", "args",
}


def _spec_words() -> set[str]:
    """Keys and allowed values of the spec format: a message may name them as written."""
    words: set[str] = set()

    def fields(model: Any) -> None:
        for name, info in model.model_fields.items():
            words.update(name.split("_"))
            words.add(name)
            inner = getattr(info.annotation, "__args__", ()) or (info.annotation,)
            for arg in (*inner, *(a for i in inner for a in getattr(i, "__args__", ()))):
                if isinstance(arg, type) and hasattr(arg, "model_fields") and arg is not model:
                    fields(arg)

    fields(Spec)
    for enum in (Evidence, Status, Lane, Severity, FailOn):
        words.update(m.value for m in enum)
    words.update((*SURVEY_METRICS, *CUSTOMER_METRICS))
    words.update(part for kind in RULES for part in (kind, *kind.split("_")))  # gap kinds, as in gap ids
    words.update(("responses", "min", "max", "meets", "gap", "uncovered", "stage", "mismatch", "impact", "dark",
                  "unmapped", "effort", "imbalance", "below", "target", "assumption", "customers", "churn"))
    return words


def _user_words(transcript: str) -> set[str]:
    """Every word of the specs the command read: the user's words stay as written."""
    words: set[str] = set()
    for path in re.findall(r"\S+\.yaml", transcript.splitlines()[0]):
        spec = ROOT / path
        try:
            if not spec.exists():
                continue
        except OSError:  # a name too long for the system
            continue
        try:
            data = yaml.safe_load(spec.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            data = spec.read_text(encoding="utf-8")
        words.update(re.findall(r"[A-Za-z][A-Za-z0-9]*", json.dumps(data, ensure_ascii=False, default=str)))
    if " init " in transcript.splitlines()[0] + " ":  # the starter's own ids are identifiers
        starter = yaml.safe_load(transcript.split("--- stdout\n", 1)[1].split("--- stderr\n", 1)[0]) or {}
        words.update(re.findall(r"[A-Za-z]+", str((starter.get("journey") or {}).get("id"))))
        for key in ("personas", "customer_touchpoints", "company_touchpoints"):
            for item in starter.get(key) or []:
                words.update(re.findall(r"[A-Za-z]+", str(item.get("id"))))
    return words


def _english_left(transcript: str) -> list[str]:
    lines = transcript.splitlines()
    body = "\n".join(line for line in lines[1:] if not line.startswith("--- "))
    body = re.sub(r"%[0-9A-F]{2}", " ", body)  # escapes of GitHub workflow commands
    body = re.sub(r"\S+\.(ya?ml|csv|xlsx)(:\d+:\d+)?", " ", body)  # paths (specs, survey exports) and positions
    body = re.sub(r"`[^`]*`", " ", body)  # code: keys, commands, ids
    body = re.sub(r"'[^']*'", " ", body)  # quoted values from the spec
    body = re.sub(r"\b[\w-]+:[\w:.-]+", " ", body)  # gap ids (kind:subject)
    body = re.sub(r"--?[\w-]+", " ", body)  # flags
    body = re.sub(r"\b\w+(\[\d+\])?(\.\w+(\[\d+\])?)+", " ", body)  # paths in the document
    body = re.sub(r"\b\w*_\w*\b", " ", body)  # identifiers with underscores
    body = re.sub(r"\b\w+(-\w+)+\b", " ", body)  # identifiers with hyphens
    allowed = ALLOWED | _spec_words() | _user_words(transcript) | set(DEFAULT_STAGE_IDS)
    return sorted({w for w in re.findall(r"[A-Za-z]{2,}", body) if w not in allowed})


def test_every_command_has_chinese_transcripts() -> None:
    commands = {p.name.split(".")[1] for p in ZH_TRANSCRIPTS}
    assert {"validate", "check", "diff", "init", "stages", "analyze", "sources", "rules"} <= commands
    for run in ("zh-CN", "zh-TW", "LANG-zh_TW"):
        assert sum(1 for p in ZH_TRANSCRIPTS if f".{run}." in p.name) >= 8


@pytest.mark.parametrize("path", ZH_TRANSCRIPTS, ids=lambda p: p.name)
def test_no_english_leaks_into_chinese_output(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if ".json." in path.name:  # a machine format: keys and enums stay English; the messages are Chinese
        body = json.loads(text.split("--- stdout\n", 1)[1].split("--- stderr\n", 1)[0])
        messages = ([value for rule in body for key, value in rule.items() if key not in ("kind", "subject")]
                    if isinstance(body, list) else  # `rules -f json`: the texts of each rule
                    [r["message"] for res in body["results"] for r in res.get("reasons", [])])
        assert messages
        text = text.splitlines()[0] + "\n" + "\n".join(messages)
    if ".help." in path.name:  # a --help screen: usage placeholders, choice lists and ids aside
        assert _help_leaks(text.split("--- stdout\n", 1)[1]) == [], f"English words in {path.name}"
        return
    assert _english_left(text) == [], f"English words in {path.name}"


@pytest.mark.parametrize("path", ZH_TRANSCRIPTS, ids=lambda p: p.name)
def test_chinese_transcripts_are_in_their_script(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    traditional = ".zh-TW." in path.name or ".LANG-zh_TW." in path.name
    tw, cn = ("檢查", "規格", "顧客", "階段", "通過", "觸發"), ("检查", "规格", "客户", "阶段", "通过", "触发")
    marks = tw if traditional else cn
    assert any(m in text for m in marks), path.name


def test_the_leak_check_finds_english() -> None:
    """The check above would fail on an untranslated message."""
    left = _english_left("$ cxgap check x.yaml\n--- stdout\nx.yaml:1:1: 缺口 alignment score is below\n")
    assert left == ["alignment", "is"]


@pytest.mark.parametrize(("count", "text"), [
    (0, "0 customer touchpoints, 0 company touchpoints"),
    (1, "1 customer touchpoint, 1 company touchpoint"),
    (2, "2 customer touchpoints, 2 company touchpoints"),
])
def test_english_plural_forms_in_validate(cli: CLI, tmp_path: Path, count: int, text: str) -> None:
    customer = "".join(f"  - {{id: c{i}, stage: trigger, channel: web}}\n" for i in range(count))
    company = "".join(f"  - {{id: k{i}, stage: trigger, channel: web}}\n" for i in range(count))
    spec = tmp_path / "s.yaml"
    spec.write_text(f"version: 1\njourney: {{title: t}}\ncustomer_touchpoints:\n{customer}"
                    f"company_touchpoints:\n{company}", encoding="utf-8")
    assert f"ok ({text})" in cli("validate", spec).expect(0).out


@pytest.mark.parametrize(("count", "text"), [(0, "0 gaps"), (1, "1 gap"), (2, "2 gaps")])
def test_english_plural_forms_in_catalog_texts(count: int, text: str) -> None:
    c = Catalog("en")
    assert c.t("ci.severity_rule.off", count=count, origin="default") == f"severity gate off (default; {text})"


@pytest.mark.parametrize(("count", "word"), [(0, "touchpoints"), (1, "touchpoint"), (2, "touchpoints")])
def test_english_plural_forms_in_gap_messages(count: int, word: str) -> None:
    c = Catalog("en")
    text = c.t("gap.dark_stage.message", stage="Trigger", customer_touchpoints=c.t("unit.touchpoint", count=count),
               importance_share="10")
    assert f"({count} {word}, 10% of importance)" in text


@pytest.mark.parametrize(("count", "text"), [(0, "0 specs checked"), (1, "1 spec checked"), (2, "2 specs checked")])
def test_english_plural_forms_in_the_check_summary(count: int, text: str) -> None:
    from cxgap.gate.texts import summary

    assert summary({"pass": count, "fail": 0, "invalid": 0}).startswith(text)


@pytest.mark.parametrize("lang", LANGS)
def test_plural_keys_come_in_pairs(lang: str) -> None:
    keys = set(load_catalog(lang))
    for key in keys:
        if key.endswith(".one"):
            assert key[:-4] + ".other" in keys, key


def test_problems_follow_the_spec_language(cli: CLI, tmp_path: Path) -> None:
    spec = tmp_path / "tw.yaml"
    spec.write_text("version: 1\njourney: {title: t, lang: zh-TW}\ncustomer_touchpoints:\n"
                    "  - {id: a, stage: 考量, channel: 官網}\n  - {id: b, stage: 評估, channel: 官網, importance: 9}\n",
                    encoding="utf-8")
    err = cli("validate", spec).expect(2).err
    assert "未知的階段 '考量'" in err and "應為 1（次要）到 5（關鍵）之間的整數" in err
    err = cli("validate", spec, "--lang", "en").expect(2).err
    assert "unknown stage '考量'" in err and "expected a whole number from 1 (minor) to 5 (critical)" in err


# --- --help and the command line's own errors ---------------------------------------------------------------

HELP_RUNS: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "zh-CN": (("--lang", "zh-CN"), {}),
    "zh-TW": (("--lang", "zh-TW"), {}),
    "CXGAP_LANG": ((), {"CXGAP_LANG": "zh-CN"}),
    "LANG-zh_TW": ((), {"LANG": "zh_TW.UTF-8"}),
}
"""How a Chinese team gets its language: the flag, the variable, or a Chinese locale and no flag."""


def _app() -> Any:
    from typer.main import get_command

    from cxgap.cli import commands  # noqa: F401  (registers every command)
    from cxgap.cli.app import app

    return get_command(app)


COMMANDS = sorted(_app().commands)


def _help_ids() -> set[str]:
    """Words --help names as identifiers: commands, arguments (`PATHS`, `BASE`), format and template names."""
    from cxgap.gate.diff_reporters import DIFF_REPORTERS
    from cxgap.gate.reporters import REPORTERS
    from cxgap.render import FORMATS
    from cxgap.render.rules_list import RULE_FORMATS
    from cxgap.templates import list_templates

    app = _app()
    ids = set(COMMANDS) | set(FORMATS) | set(REPORTERS) | set(DIFF_REPORTERS) | set(RULE_FORMATS)
    ids |= set(list_templates())
    for command in app.commands.values():
        ids |= {w for p in command.params if p.param_type_name == "argument" for w in (p.name.upper(), p.metavar) if w}
    return ids


def _help_leaks(out: str) -> list[str]:
    """English words in a --help screen, identifiers aside (usage placeholders, choice lists, ids)."""
    body = re.sub(r"[\[<][\w.|-]+(\|[\w.-]+)+[\]>]", " ", out)
    return [w for w in _english_left("$ cxgap\n" + body) if w not in _help_ids()]


@pytest.mark.parametrize("run", HELP_RUNS)
@pytest.mark.parametrize("command", ["", *COMMANDS], ids=lambda c: c or "cxgap")
def test_no_english_in_chinese_help(cli: CLI, monkeypatch: pytest.MonkeyPatch, command: str, run: str) -> None:
    flags, env = HELP_RUNS[run]
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    out = cli(*([command] if command else []), "--help", *flags).expect(0).out
    assert _help_leaks(out) == [], out
    traditional = run in ("zh-TW", "LANG-zh_TW")
    assert ("選項：" if traditional else "选项：") in out, out


@pytest.mark.parametrize("command", ["", *COMMANDS], ids=lambda c: c or "cxgap")
def test_the_help_check_finds_english_help(cli: CLI, command: str) -> None:
    """The check above fails when a help text goes back to English: every English --help screen trips it."""
    out = cli(*([command] if command else []), "--help", "--lang", "en").expect(0).out
    assert len(_help_leaks(out)) >= 3, out


def test_every_command_and_parameter_has_its_help_text() -> None:
    """Each command's help and summary and each parameter's help are catalog texts, in every language."""
    from cxgap.cli.clitext import param_help

    app = _app()
    for lang in LANGS:
        texts, c = load_catalog(lang), Catalog(lang)
        for name, command in (("cxgap", app), *app.commands.items()):
            assert f"help.{name}" in texts
            assert name == "cxgap" or f"help.{name}.summary" in texts
            for param in command.params:
                text = param_help(c, name, param.name)
                assert text in texts.values() and text, (lang, name, param.name)


def test_chinese_help_is_wrapped_by_display_width(cli: CLI) -> None:
    """A Chinese character takes two columns: no help line is wider than the terminal's 80."""
    from cxgap.cjk import display_width

    for command in ("", *COMMANDS):
        out = cli(*([command] if command else []), "--help", "--lang", "zh-TW").expect(0).out
        wide = [line for line in out.splitlines() if display_width(line) > 80]
        assert wide == [], wide


def test_english_help_is_clicks_layout(cli: CLI) -> None:
    out = cli("check", "--help").expect(0).out
    assert "  --min-score <float range>       Fail when the alignment score is below this\n" in out
    out = cli("--help").expect(0).out  # (the commands' order is their import order: tests may change it)
    assert "\nCommands:\n" in out, out
    assert "\n  analyze   Analyse journey specs: gaps, scores and what to do.\n" in out, out


SPEC = "version: 1\njourney: {title: t}\ncustomer_touchpoints:\n  - {id: a, stage: trigger, channel: web}\n"

ERRORS: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    # what goes wrong: (arguments, environment), run in a directory made by `in_tmp`
    "missing file": (("validate", "missing.yaml"), {}),
    "missing file, analyze": (("analyze", "missing.yaml"), {}),
    "not a directory": (("validate", "spec.yaml/inner.yaml"), {}),
    "name too long": (("check", "x" * 300 + ".yaml"), {}),
    "broken yaml": (("check", "broken.yaml"), {}),
    "unknown stage": (("validate", "stage.yaml"), {}),
    "bad option": (("analyze", "spec.yaml", "--bogus"), {}),
    "above the range": (("check", "spec.yaml", "--min-score", "200"), {}),
    "below the range": (("analyze", "spec.yaml", "--width", "3"), {}),
    "bad choice": (("check", "spec.yaml", "--fail-on", "bad"), {}),
    "bad CXGAP_TODAY": (("check", "spec.yaml"), {"CXGAP_TODAY": "tomorrow"}),
    "no such output directory": (("analyze", "spec.yaml", "-o", "nowhere/r.md"), {}),
    "output is a directory": (("analyze", "spec.yaml", "-o", "reports"), {}),
    "output is the input": (("analyze", "spec.yaml", "-o", "spec.yaml", "-f", "markdown"), {}),
    "full device": (("analyze", "spec.yaml", "-o", "/dev/full", "-f", "markdown"), {}),
    "option names a file": (("validate", "-q", "spec.yaml"), {}),
    "refused -o suffix": (("analyze", "spec.yaml", "-o", "r.docx"), {}),
    "refused handout suffix": (("handout", "spec.yaml", "-o", "r.md"), {}),
    "PDF extra missing": (("analyze", "spec.yaml", "-o", "r.pdf"), {}),
    "handout of a directory": (("handout", "reports"), {}),
    "unknown template": (("init", "-", "-t", "nope"), {}),
    "file exists": (("init", "spec.yaml"), {}),
    "unknown command": (("chek",), {}),
}


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory with a valid, a broken and a wrongly staged spec, a file named like an option, a folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # the PDF extra is not installed
    (tmp_path / "spec.yaml").write_text(SPEC, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("version: 1\njourney: {title: t\n  x: [\n", encoding="utf-8")
    (tmp_path / "stage.yaml").write_text(SPEC.replace("trigger", "nowhere"), encoding="utf-8")
    (tmp_path / "-q").write_text("", encoding="utf-8")
    (tmp_path / "reports").mkdir()
    return tmp_path


@pytest.mark.parametrize("run", HELP_RUNS)
@pytest.mark.parametrize("case", ERRORS)
def test_no_english_in_chinese_errors(cli: CLI, in_tmp: Path, monkeypatch: pytest.MonkeyPatch, case: str,
                                      run: str) -> None:
    args, env = ERRORS[case]
    flags, lang_env = HELP_RUNS[run]
    for var, value in {**env, **lang_env}.items():
        monkeypatch.setenv(var, value)
    result = cli(*args, *flags)
    assert result.code == 2, result
    err = re.sub(r"\{\w+\}|/dev/full|(?<![\w/])\.[a-z]+\b", " ", result.err)  # placeholders, a device, suffixes
    left = [w for w in _english_left(f"$ cxgap {' '.join(args)}\n--- stdout\n{result.out}--- stderr\n{err}")
            if w not in _help_ids() | {"bogus", "nope", "chek", "tomorrow", "reports", "nowhere", "YYYY"}]
    assert left == [], result.err
    assert re.search("[\u4e00-\u9fff]", result.err), result.err


@pytest.mark.parametrize("case", ["missing file", "not a directory", "name too long", "full device",
                                  "bad CXGAP_TODAY", "output is a directory", "option names a file"])
def test_the_error_check_finds_english(cli: CLI, in_tmp: Path, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    """The same errors in English trip the check: it would fail on an untranslated one."""
    args, env = ERRORS[case]
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    result = cli(*args).expect(2)
    assert _english_left(f"$ cxgap {' '.join(args)}\n--- stdout\n--- stderr\n{result.err}"), result.err


@pytest.mark.parametrize(("lang", "words"), [
    ("zh-CN", ("CXGAP_LANG 是 'klingon'，cxgap 不会这种语言", "cxgap：错误：")),
    ("zh-TW", ("CXGAP_LANG 是 'klingon'，cxgap 不會這種語言", "cxgap：錯誤：")),
    ("en", ("CXGAP_LANG is 'klingon', a language cxgap does not speak", "cxgap: error: ")),
])
def test_an_unreadable_cxgap_lang_is_said_in_the_locales_language(cli: CLI, monkeypatch: pytest.MonkeyPatch,
                                                                    lang: str, words: tuple[str, ...]) -> None:
    monkeypatch.setenv("CXGAP_LANG", "klingon")
    monkeypatch.setenv("LANG", {"zh-CN": "zh_CN.UTF-8", "zh-TW": "zh_TW.UTF-8", "en": "C.UTF-8"}[lang])
    err = cli("validate", "x.yaml").expect(2).err
    for word in words:
        assert word in err, err


@pytest.mark.parametrize(("lang", "text"), [
    ("zh-CN", "cxgap：被信号 SIGTERM 终止"), ("zh-TW", "cxgap：被訊號 SIGTERM 終止"),
    ("en", "cxgap: terminated by SIGTERM"),
])
def test_a_terminating_signal_is_said_in_the_language(capsys: pytest.CaptureFixture[str], lang: str,
                                                      text: str) -> None:
    import signal

    from cxgap.atomic import Terminated
    from cxgap.cli.run import _guarded

    def terminated() -> int:
        raise Terminated(signal.SIGTERM)

    assert _guarded(terminated, False, ["--lang", lang]) == 128 + signal.SIGTERM
    assert capsys.readouterr().err == text + "\n"


@pytest.mark.parametrize(("lang", "text"), [
    ("zh-CN", "cxgap：已中止"), ("zh-TW", "cxgap：已中止"), ("en", "cxgap: aborted"),
])
def test_an_aborted_command_is_said_in_the_language(cli: CLI, monkeypatch: pytest.MonkeyPatch, lang: str,
                                                    text: str) -> None:
    import typer

    from cxgap.cli import spec_cmds

    def abort(*_args: object) -> object:
        raise typer.Abort

    monkeypatch.setattr(spec_cmds, "_template_names", abort)  # as Click does when a prompt is cancelled
    assert cli("init", "-", "--lang", lang).expect(130).err == text + "\n"


@pytest.mark.parametrize(("lang", "text"), [
    ("zh-CN", "无法读取目录 locked：权限不够；目录下的每个规格都要检查"),
    ("zh-TW", "無法讀取目錄 locked：權限不足；目錄下的每個規格都要檢查"),
    ("en", "cannot read the directory locked: Permission denied; every spec under a directory is checked"),
])
def test_a_directory_that_cannot_be_listed_is_said_in_the_language(cli: CLI, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch, lang: str,
                                                                    text: str) -> None:
    """(As root every directory can be listed: the walk is told it could not, as the OS tells it.)"""
    import errno
    import os

    def walk(top: str, onerror: Any = None) -> Any:
        if onerror is not None:
            onerror(PermissionError(errno.EACCES, os.strerror(errno.EACCES), "locked"))
        return iter(())

    monkeypatch.chdir(tmp_path)
    (tmp_path / "locked").mkdir()
    monkeypatch.setattr(os, "walk", walk)
    err = cli("check", "locked", "--lang", lang).expect(2).err
    assert text in err, err


def test_every_os_reason_has_its_text_and_english_is_the_systems() -> None:
    import errno
    import os

    from cxgap.i18n import OS_REASONS, os_reason, speaking

    assert {errno.ENOENT, errno.EACCES, errno.EISDIR, errno.ENOTDIR, errno.ENOSPC, errno.EROFS, errno.ELOOP,
            errno.ENAMETOOLONG, errno.EEXIST, errno.EPERM} <= set(OS_REASONS)
    for number, name in OS_REASONS.items():
        err = OSError(number, os.strerror(number))
        with speaking("en"):
            assert os_reason(err) == Catalog("en").t(f"os.{name}")
            if __import__("sys").platform.startswith("linux"):  # the C library's words, as before
                assert os_reason(err) == os.strerror(number)
        for lang in ("zh-CN", "zh-TW"):
            with speaking(lang):
                reason = os_reason(err)
            assert reason == load_catalog(lang)[f"os.{name}"] and re.search("[\u4e00-\u9fff]", reason)


def test_an_os_reason_cxgap_does_not_know_stays_as_written() -> None:
    import errno
    import os

    from cxgap.i18n import os_reason, speaking

    with speaking("zh-TW"):
        assert os_reason(PermissionError(errno.EACCES, os.strerror(errno.EACCES))) == "權限不足"
        assert os_reason(OSError(errno.EBADF, "standard output is closed")) == "standard output is closed"
        assert os_reason(OSError(errno.ECHILD, os.strerror(errno.ECHILD))) == os.strerror(errno.ECHILD)
        assert os_reason(OSError("no errno at all")) == "no errno at all"


@pytest.mark.parametrize(("lang", "csv_text", "zip_text"), [
    ("en", "field larger than field limit (10)", "File is not a zip file"),
    ("zh-CN", "字段超过了长度上限（10）", "文件不是 zip 压缩包"),
    ("zh-TW", "欄位超過了長度上限（10）", "檔案不是 zip 壓縮檔"),
])
def test_python_csv_and_zip_errors_in_the_language(lang: str, csv_text: str, zip_text: str) -> None:
    import csv
    import io
    import zipfile

    from cxgap.i18n import speaking
    from cxgap.sources.table import csv_reason
    from cxgap.sources.xlsx import _zip_reason

    limit = csv.field_size_limit(10)
    try:
        list(csv.reader(io.StringIO('"' + "x" * 20 + '"\n', newline="")))
    except csv.Error as err:
        csv_error = err
    finally:
        csv.field_size_limit(limit)
    try:
        zipfile.ZipFile(io.BytesIO(b"not a workbook"))
    except zipfile.BadZipFile as err:
        zip_error = err
    with speaking(lang):
        assert csv_reason(csv_error) == csv_text
        assert _zip_reason(zip_error) == zip_text
        assert csv_reason(csv.Error("something new")) == "something new"


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("分析旅程规格：缺口、得分和行动建议。", 10, ["分析旅程规", "格：缺口、", "得分和行动", "建议。"]),
    # a closing mark that would pass the edge takes the character before it down ("下。"); after a Latin
    # word it has nothing to take and stays ("critical）")
    ("略去严重程度（默认 critical）以下。", 14, ["略去严重程度", "（默认", "critical）以", "下。"]),
    ("plain English words stay whole", 12, ["plain", "English", "words stay", "whole"]),
])
def test_wrapping_by_display_width(text: str, width: int, lines: list[str]) -> None:
    """Two columns a character; closing punctuation never starts a line, opening never ends one."""
    from cxgap.cjk import wrap

    assert wrap(text, width) == lines


def _descriptions(node: Any, found: list[str]) -> list[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                found.append(value)
            else:
                _descriptions(value, found)
    elif isinstance(node, list):
        for value in node:
            _descriptions(value, found)
    return found


def test_every_schema_description_is_a_catalog_text() -> None:
    """The models' English descriptions are mirrored in en.json (schema.text.*): a new or changed one fails
    here until it is copied there and translated."""
    from cxgap.schema import build_schema

    english = set(_descriptions(build_schema("en"), []))
    mirrored = {text for key, text in load_catalog("en").items() if key.startswith("schema.text.")}
    stage = {d for d in english if d.startswith("A stage id, name or short word")}  # schema.stage, with the names
    assert english - stage - mirrored == set()
    assert mirrored - english == set(), "a schema.text entry no model uses any more"


@pytest.mark.parametrize("lang", ["zh-CN", "zh-TW"])
def test_no_english_in_the_chinese_schema(cli: CLI, lang: str) -> None:
    """Editors show these on hover: in Chinese, only ids, keys, values and the English stage names are Latin."""
    schema = json.loads(cli("schema", "--lang", lang).expect(0).out)
    texts = _descriptions(schema, [schema["title"]])
    assert len(texts) > 50
    body = "\n".join(t.split("例如")[0] for t in texts)  # the stage description's examples are the names to write
    values = {"auto", "GB", "DESIGN", "md", "AA", "YYYY", "easy"}  # a value, a codec, a file, a column, a format
    left = [w for w in _english_left(f"$ cxgap schema\n{body}") if w not in values]
    assert left == [], left
    latin = [t for t in texts if not re.search("[\u4e00-\u9fff]", t)]
    assert latin == []
