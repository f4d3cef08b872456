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
