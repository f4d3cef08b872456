"""Text for an 80-column terminal (a reviewer read every command at `COLUMNS=80`): `rules` and `stages`
fit 80 columns in every language (Chinese counted two a character, no line begins with closing
punctuation), and the table's lists wrap under their own text, not at column 0."""

from __future__ import annotations

import pytest
from conftest import CLI, DATA

from cxgap.cjk import display_width, wrap

CLOSING = "，。、；：！？）」』》"


@pytest.mark.parametrize("lang", ["en", "zh-CN", "zh-TW"])
@pytest.mark.parametrize("command", [("rules",), ("stages",)])
def test_rules_and_stages_fit_80_columns(cli: CLI, command: tuple[str, ...], lang: str) -> None:
    out = cli(*command, "--lang", lang).expect(0).out
    wide = [line for line in out.splitlines() if display_width(line) > 80]
    assert wide == [], wide
    assert not [line for line in out.splitlines() if line.strip()[:1] and line.strip()[0] in CLOSING]
    if command == ("rules",):  # the doc's paragraphs are one text, re-wrapped: a sentence runs on
        assert "moment of truth. The message quotes the" in out.replace("\n    ", " ") or lang != "en"


def test_a_closing_mark_takes_the_character_before_it_to_the_next_line() -> None:
    text = "一二三四五，六七"
    assert wrap(text, 10) == ["一二三四", "五，六七"]  # not "一二三四五，" (12 columns) nor "，六七"
    assert wrap("一二三四，六七", 10) == ["一二三四，", "六七"]  # it fits: it stays
    assert wrap("abcdefghij，x", 10) == ["abcdefghij，", "x"]  # a Latin word is not split: it hangs


def test_table_lists_wrap_under_their_own_text(cli: CLI) -> None:
    out = cli("analyze", DATA / "valid" / "experience.yaml", "--width", "60").expect(0).out
    fix_first = out.split("Fix first:")[1].split("\n\n")[0].splitlines()[1:]
    assert fix_first[0].startswith("  - ") and all(line.startswith(("  - ", "    ")) for line in fix_first), fix_first
    recs = out.split("Recommendations")[1].split("\n\n")[0].splitlines()[1:]
    heads = [line for line in recs if not line.startswith("   ")]
    assert [h.split(":")[0].strip() for h in heads] == ["Stop", "Start", "Shift", "Fix", "Keep"], recs
    assert len(recs) > len(heads)  # some list wraps, and its next lines are indented under its text:
    for head, *more in _blocks(recs):
        assert all(line.startswith(" " * (head.index(":") + 2)) for line in more), (head, more)


def _blocks(lines: list[str]) -> list[list[str]]:
    out: list[list[str]] = []
    for line in lines:
        if line.startswith("   ") and out:
            out[-1].append(line)
        else:
            out.append([line])
    return out
