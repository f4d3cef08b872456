"""The command line's own words follow the language: usage errors and the fixed words of --help
(cxgap/cli/clitext.py), by --lang (read before Typer starts, so even a usage error before the
command's options speaks it), CXGAP_LANG or the locale. English stays Click's own text."""

from __future__ import annotations

import re

import pytest
from conftest import CLI
from test_chinese_output import _english_left

USAGE_ERRORS = {
    # args: (English Click says, zh-CN, zh-TW)
    ("check",): ("Error: Missing argument 'PATHS...'.", "错误：缺少参数 'PATHS...'。", "錯誤：缺少參數 'PATHS...'。"),
    ("check", "x.yaml", "--nope"): ("Error: No such option: --nope", "错误：没有这个选项：--nope",
                                    "錯誤：沒有這個選項：--nope"),
    ("check", "x.yaml", "-f", "nope"): (
        "Error: Invalid value for '--format' / '-f': 'nope' is not one of: text, json, github, junit",
        "错误：'--format' / '-f' 的值无效：'nope' 不是以下之一：text、json、github、junit",
        "錯誤：'--format' / '-f' 的值無效：'nope' 不是以下之一：text、json、github、junit"),
    ("check", "x.yaml", "--fail-on", "bad"): (
        "Error: Invalid value for '--fail-on': Value error, 'bad' is not one of 'critical', 'high', 'medium', 'low',",
        "'bad' 不是以下之一：'critical'、'high'、'medium'、'low'、'info'、'none'",
        "'bad' 不是以下之一：'critical'、'high'、'medium'、'low'、'info'、'none'"),
    ("rules", "extra"): ("Error: Got unexpected extra argument(s) (extra)", "错误：多出了意外的参数（extra）",
                         "錯誤：多出了意外的參數（extra）"),
    ("chek",): ("Error: No such command 'chek'. Did you mean 'check', 'schema'?",
                "错误：没有这个命令 'chek'。你是不是要用 'check'、'schema'？",
                "錯誤：沒有這個命令 'chek'。你是不是要用 'check'、'schema'？"),
    ("check", "x.yaml", "--min-score"): ("Error: Option '--min-score' requires an argument.",
                                        "错误：选项 '--min-score' 需要一个值。",
                                        "錯誤：選項 '--min-score' 需要一個值。"),
}


def _leaks(err: str) -> list[str]:
    """English words left, the user's own arguments and option names aside."""
    return _english_left("$ cxgap\n" + re.sub(r"'[^']*'|\b(PATHS|chek|extra|text|json|github|junit|rules)\b", " ", err))


@pytest.mark.parametrize("args", list(USAGE_ERRORS), ids=" ".join)
def test_usage_errors_in_english_are_clicks(cli: CLI, args: tuple[str, ...]) -> None:
    err = cli("--lang", "en", *args).expect(2).err
    assert USAGE_ERRORS[args][0] in err
    if args != ("check", "x.yaml", "--min-score"):  # Click shows no usage line for an option's missing value
        assert err.startswith(f"Usage: cxgap {args[0] if args[0] != 'chek' else ''}".rstrip())
        assert "Try 'cxgap" in err and "-h' for help." in err


@pytest.mark.parametrize(("lang", "column"), [("zh-CN", 1), ("zh-TW", 2)])
@pytest.mark.parametrize("args", list(USAGE_ERRORS), ids=" ".join)
def test_usage_errors_in_chinese(cli: CLI, args: tuple[str, ...], lang: str, column: int) -> None:
    err = cli("--lang", lang, *args).expect(2).err  # --lang before the command: read all the same
    assert USAGE_ERRORS[args][column] in err, err
    assert "Usage" not in err and "Error" not in err and _leaks(err) == [], err


def test_usage_errors_follow_cxgap_lang_and_the_locale(cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXGAP_LANG", "zh-CN")
    assert "用法：cxgap check [选项]" in cli("check").expect(2).err
    monkeypatch.delenv("CXGAP_LANG")
    monkeypatch.setenv("LANG", "zh_TW.UTF-8")
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    err = cli("check").expect(2).err
    assert "用法：cxgap check [選項]" in err and "執行 'cxgap check -h' 查看說明。" in err


@pytest.mark.parametrize(("lang", "words", "english"), [
    ("zh-CN", ("用法：cxgap sources [选项] PATHS...", "参数：", "选项：", "显示这条帮助并退出。", "[必填]",
               "[默认：text]"), ("Usage", "Options:", "Arguments:", "Show this message", "[required]", "default:")),
    ("zh-TW", ("用法：cxgap sources [選項] PATHS...", "參數：", "選項：", "顯示這則說明並結束。", "[必填]",
               "[預設：text]"), ("Usage", "Options:", "Arguments:", "Show this message", "[required]", "default:")),
    ("en", ("Usage: cxgap sources [OPTIONS] PATHS...", "Arguments:", "Options:", "Show this message and exit.",
            "[required]", "[default: text]"), ("用法", "选项")),
])
def test_help_screen_words(cli: CLI, lang: str, words: tuple[str, ...], english: tuple[str, ...]) -> None:
    out = cli("sources", "--help", "--lang", lang).expect(0).out
    for word in words:
        assert word in out, out
    for word in english:
        assert word not in out, out


def test_the_app_help_lists_commands_in_the_language(cli: CLI) -> None:
    out = cli("--lang", "zh-TW", "-h").expect(0).out
    assert out.startswith("用法：cxgap [選項] 命令 [參數]...") and "\n命令：\n" in out and "\n選項：\n" in out
    out = cli("-h").expect(0).out
    assert out.startswith("Usage: cxgap [OPTIONS] COMMAND [ARGS]...") and "\nCommands:\n" in out


ARGUMENTS = {
    # command: (its arguments in the usage line, as Click writes them; the first required one, named by the
    # missing-argument error; None when the command runs without one)
    "analyze": ("PATHS...", "PATHS..."), "check": ("PATHS...", "PATHS..."), "validate": ("PATHS...", "PATHS..."),
    "sources": ("PATHS...", "PATHS..."), "diff": ("BASE HEAD", "BASE"), "handout": ("PATH", "PATH"),
    "init": ("[FILE]", None), "schema": ("", None), "stages": ("", None), "rules": ("", None),
}
USAGE = {"en": "Usage: cxgap {command} [OPTIONS]", "zh-CN": "用法：cxgap {command} [选项]",
         "zh-TW": "用法：cxgap {command} [選項]"}
MISSING = {"en": "Error: Missing argument '{name}'.", "zh-CN": "错误：缺少参数 '{name}'。",
           "zh-TW": "錯誤：缺少參數 '{name}'。"}


@pytest.mark.parametrize("lang", list(USAGE))
@pytest.mark.parametrize("command", list(ARGUMENTS))
def test_usage_lines_name_arguments_as_click_does(cli: CLI, command: str, lang: str) -> None:
    """`PATHS...`, `BASE HEAD`, `PATH`, `[FILE]`, never a template-like `{paths}` (Typer's own usage line), in the
    usage line of --help and of a usage error, and in the missing-argument error."""
    arguments, required = ARGUMENTS[command]
    usage = f"{USAGE[lang].format(command=command)} {arguments}".rstrip() + "\n"
    out = cli(command, "--help", "--lang", lang).expect(0).out
    assert out.startswith(usage), out
    if required is None:
        return
    err = cli(command, "--lang", lang).expect(2).err
    assert err.startswith(usage) and MISSING[lang].format(name=required) in err, err
    assert "{" not in err, err


def test_every_command_is_in_the_usage_table() -> None:
    from test_chinese_output import COMMANDS

    assert sorted(ARGUMENTS) == COMMANDS


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Error: No such option: --forma (Possible options: --format)"),
    ("zh-CN", "错误：没有这个选项：--forma（可能的选项：--format）"),
    ("zh-TW", "錯誤：沒有這個選項：--forma（可能的選項：--format）"),
])
def test_a_misspelt_option_lists_the_possible_ones_without_a_space_before_a_full_width_bracket(
        cli: CLI, lang: str, text: str) -> None:
    assert text in cli("check", "x.yaml", "--forma", "--lang", lang).expect(2).err
