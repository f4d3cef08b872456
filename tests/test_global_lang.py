"""``cxgap --lang L COMMAND`` is the same as ``cxgap COMMAND --lang L`` for every command: the
language given before the command is the one the user asked for, so it beats the spec's own
``journey.lang`` and the environment. (A reviewer found it read by usage errors only: `cxgap --lang
zh-TW check` printed English, `cxgap --lang zh-TW analyze` the spec's Simplified Chinese.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLI, ROOT

SPEC = ROOT / "journeys" / "clinic-first-visit.yaml"

# command line after the spec's path is put in: (zh-TW words it must print, on stdout or stderr)
COMMANDS: dict[str, tuple[tuple[str, ...], str]] = {
    "analyze": (("analyze", "{spec}"), "顧客旅程缺口分析"),
    "check": (("check", "{spec}", "--fail-on", "info"), "未通過"),
    "validate": (("validate", "{spec}"), "個顧客接觸點"),
    "handout": (("handout", "{spec}"), "工作坊講義"),
    "diff": (("diff", "{spec}", "{spec}"), "基準"),
    "stages": (("stages",), "市場外"),
    "rules": (("rules",), "顧客在的地方，公司不在"),
}


@pytest.fixture
def spec_in_english(tmp_path: Path) -> Path:
    """The shipped journey with `journey.lang: en`, which a flag must still beat."""
    text = SPEC.read_text(encoding="utf-8").replace("journey:\n", "journey:\n  lang: en\n", 1)
    path = tmp_path / "clinic.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", list(COMMANDS))
@pytest.mark.parametrize("flag", ["--lang", "-l"])
def test_the_language_before_the_command_is_used(cli: CLI, spec_in_english: Path, monkeypatch: pytest.MonkeyPatch,
                                                 name: str, flag: str) -> None:
    monkeypatch.setenv("CXGAP_LANG", "zh-CN")  # the environment loses too
    args, words = COMMANDS[name]
    result = cli(flag, "zh-TW", *(a.replace("{spec}", str(spec_in_english)) for a in args))
    assert result.code in (0, 1), result.err
    assert words in result.out + result.err, (result.out + result.err)[:2000]


def test_the_command_s_own_flag_wins_over_the_one_before_it(cli: CLI, spec_in_english: Path) -> None:
    out = cli("--lang", "zh-TW", "analyze", spec_in_english, "--lang", "zh-CN").out
    assert "客户旅程缺口分析" in out and "顧客旅程缺口分析" not in out


def test_a_path_after_the_double_dash_is_not_a_language(cli: CLI, spec_in_english: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "--lang").write_text(spec_in_english.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "zh-TW").write_text(spec_in_english.read_text(encoding="utf-8"), encoding="utf-8")
    out = cli("validate", "--", "--lang", "zh-TW").expect(0).out
    assert "--lang: ok" in out and "顧客" not in out


# --- an unknown persona: the spec's mistake, said in the spec's language ----------------------------------

PERSONA_SPEC = ("version: 1\njourney: {{title: t, lang: {lang}}}\npersonas:\n  - {{id: sam, name: Sam}}\n"
                "customer_touchpoints:\n  - {{id: a, stage: trigger, channel: web}}\n")
UNKNOWN = {
    "en": "cxgap: error: s.yaml: unknown persona 'x'; known personas: sam\n",
    "zh-CN": "cxgap：错误：s.yaml：未知的客户画像 'x'；已有的客户画像：sam\n",
    "zh-TW": "cxgap：錯誤：s.yaml：未知的人物誌 'x'；已有的人物誌：sam\n",
}
PERSONA_RUNS = {
    "analyze": ("analyze", "s.yaml"), "check": ("check", "s.yaml"), "handout": ("handout", "s.yaml"),
    "diff": ("diff", "s.yaml", "s.yaml"),
}


@pytest.mark.parametrize("command", list(PERSONA_RUNS))
@pytest.mark.parametrize(("spec_lang", "env_lang"), [("zh-CN", None), ("zh-TW", "en"), ("en", "zh-CN")])
def test_an_unknown_persona_is_said_in_the_spec_language(cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         command: str, spec_lang: str, env_lang: str | None) -> None:
    """The spec's `journey.lang` beats CXGAP_LANG (README: its problems are worded in it), "error" included; a
    mistake of the command line is one plain line naming the file once, with no made-up position."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.yaml").write_text(PERSONA_SPEC.format(lang=spec_lang), encoding="utf-8")
    if env_lang:
        monkeypatch.setenv("CXGAP_LANG", env_lang)
    result = cli(*PERSONA_RUNS[command], "--persona", "x").expect(2)
    assert result.err == UNKNOWN[spec_lang], result.err
    result = cli(*PERSONA_RUNS[command], "--persona", "x", "--lang", "zh-TW").expect(2)  # the flag beats both
    assert result.err == UNKNOWN["zh-TW"], result.err


def test_check_reports_an_unknown_persona_without_a_position(cli: CLI, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The verdict line speaks the spec's language; annotations and JUnit name the file, not line 1 col 1."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.yaml").write_text(PERSONA_SPEC.format(lang="zh-CN"), encoding="utf-8")
    assert cli("check", "s.yaml", "--persona", "x").expect(2).out.startswith("s.yaml: 无效")
    github = cli("check", "s.yaml", "--persona", "x", "-f", "github").expect(2).out
    assert "::error file=s.yaml,title=cxgap：无效的规格::s.yaml：未知的客户画像 'x'" in github, github
    junit = cli("check", "s.yaml", "--persona", "x", "-f", "junit").expect(2).out
    assert ">s.yaml：未知的客户画像 'x'；已有的客户画像：sam</error>" in junit, junit


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_a_report_names_the_spec_of_an_unknown_persona_once(cli: CLI, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.yaml").write_text(PERSONA_SPEC.format(lang="en"), encoding="utf-8")
    (tmp_path / "other.yaml").write_text(PERSONA_SPEC.format(lang="en").replace("sam", "x"), encoding="utf-8")
    out = cli("analyze", "s.yaml", "other.yaml", "--persona", "x", "-f", fmt).expect(2).out
    assert "s.yaml: unknown persona" in out.replace("&#39;", "'"), out
    assert "s.yaml: s.yaml" not in out, out
