"""Chinese text: the two scripts, and the typography of joined text.

* :func:`simplified` converts Traditional characters to Simplified ones with
  OpenCC (``t2s``), so that 電話客服 and 电话客服 compare equal. OpenCC is
  imported on the first text that holds a CJK character (an English spec never
  pays for it) and every conversion is cached.
* :func:`script` tells which script a piece of Chinese text is written in.
* :func:`join_folds` undoes the space a YAML ``>`` folded scalar puts where a
  line break sat between two CJK characters: Chinese has no spaces between
  words, so ``建立信任，⏎而不是`` must read ``建立信任，而不是``.
* :func:`format_spaced` fills a message template and puts one space where
  CJK text of the template meets Latin text of a value (``改进 Asks for an
  appointment``), never inside the user's own words.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping
from typing import Any

_CJK_CLASS = (
    "\u2e80-\u2fdf"  # radicals
    "\u3000-\u303f"  # CJK symbols and punctuation (、。「」…)
    "\u3040-\u30ff"  # kana (a Japanese loan in Chinese text joins the same way)
    "\u3100-\u312f\u31a0-\u31bf"  # bopomofo
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # ideographs
    "\uff00-\uffef"  # full-width forms (，！？：；（）)
    "\U00020000-\U0003134f"  # extension ideographs
)
_CJK = re.compile(f"[{_CJK_CLASS}]")
_CJK_SPACE_CJK = re.compile(f"[{_CJK_CLASS}] [{_CJK_CLASS}]")
_PUNCT = re.compile("[\u3000-\u303f\uff00-\uffef]")
_LATIN = re.compile("[A-Za-z0-9]")
_FORMATTER = string.Formatter()

_cache: dict[str, str] = {}
_converter: list[Callable[[str], str]] = []


def has_cjk(text: str) -> bool:
    return not text.isascii() and _CJK.search(text) is not None


def _t2s() -> Callable[[str], str]:
    if not _converter:
        import opencc  # a compiled extension and its dictionaries: ~30 ms, only for Chinese text

        _converter.append(opencc.OpenCC("t2s").convert)
    return _converter[0]


def simplified(text: str) -> str:
    """``text`` with Traditional characters converted to Simplified ones
    (text without CJK characters is returned as it is, without OpenCC)."""
    if text.isascii():
        return text
    found = _cache.get(text)
    if found is None:
        found = _cache[text] = _t2s()(text) if _CJK.search(text) else text
    return found


def script(text: str) -> str | None:
    """``zh-TW`` when ``text`` holds Traditional characters, ``zh-CN`` for
    other Chinese text, None for text without CJK characters."""
    if not has_cjk(text):
        return None
    return "zh-TW" if simplified(text) != text else "zh-CN"


def is_cjk(char: str) -> bool:
    return _CJK.fullmatch(char) is not None


def line_join(left: str, right: str) -> str:
    """What stands for a line break between ``left`` and ``right`` when their lines become one: nothing
    between two CJK characters (Chinese has no spaces between words), else a space."""
    return "" if left and right and is_cjk(left[-1]) and is_cjk(right[0]) else " "


def join_folds(value: str, source: str) -> str:
    """A ``>`` folded scalar's value without the spaces that stand for a line
    break between two CJK characters.

    ``source`` is the scalar as written (from its ``>`` indicator to its
    end). The value is walked line by line against it, so only spaces that a
    fold produced are removed, never a space the user typed; anything that
    does not line up exactly leaves the value unchanged.
    """
    if _CJK_SPACE_CJK.search(value) is None:
        return value
    lines = source.splitlines()[1:]
    indent = next((len(ln) - len(ln.lstrip(" ")) for ln in lines if ln.strip()), 0)
    texts = [ln[indent:] for ln in lines]
    out: list[str] = []
    at = 0
    for i, line in enumerate(texts):
        if not value.startswith(line, at):
            return value
        out.append(line)
        at += len(line)
        following = texts[i + 1] if i + 1 < len(texts) else ""
        if (at < len(value) and value[at] == " " and line and following
                and not line.startswith((" ", "\t")) and not following.startswith((" ", "\t"))):
            out.append(line_join(line, following))
            at += 1
        elif at < len(value) and value[at] == "\n":
            end = at
            while end < len(value) and value[end] == "\n":
                end += 1
            out.append(value[at:end])
            at = end
    if at != len(value):
        out.append(value[at:])
    return "".join(out)


def _cjk_letter(char: str) -> bool:
    return is_cjk(char) and not _PUNCT.match(char)


def _latin_edge(char: str) -> bool:
    """A character of a value that takes a space next to a CJK letter: a Latin letter or digit, or Latin
    punctuation (``Thriving (12+ months)`` then 階段, ``'x'``, ``+2.5``, ``63.6%``)."""
    return (char.isascii() and char.isprintable() and not char.isspace()) or (char.isalnum() and not is_cjk(char))


def _touches(template: str, value: str) -> bool:
    """Whether a space belongs between a character of the template and one of a value (either order): a
    CJK letter of the template and a Latin character of the value, or a Latin letter or digit of the
    template and a CJK letter of the value. CJK punctuation takes no space, nor does the template's own
    Latin punctuation (its brackets and quotes are where the template wants them)."""
    return ((_cjk_letter(template) and _latin_edge(value))
            or (_LATIN.match(template) is not None and _cjk_letter(value)))


def _shown(value: Any, text: str) -> str:
    """The text a reader sees of a value: markup (an HTML report's escaped value or span) without its tags
    and entities."""
    striptags = getattr(value, "striptags", None)
    return str(striptags()) if callable(striptags) else text


def format_spaced(template: str, params: Mapping[str, Any]) -> str:
    """``template.format_map(params)``, with one space wherever a CJK letter
    of the template meets a Latin character of a value, or the other way
    round (``改进{name}`` with "Asks" reads ``改进 Asks``, with 搜索结果网格
    ``改进搜索结果网格``): the catalogs' Chinese texts put no space around a
    placeholder and leave it to this. The values themselves are left as
    written."""
    out: list[str] = []
    shown = ""  # what the reader sees of the value just written ("" after a literal)
    for literal, field, spec, conversion in _FORMATTER.parse(template):
        if literal:
            if shown and _touches(literal[0], shown[-1]):
                out.append(" ")
            out.append(literal)
            shown = ""
        if field is None:
            continue
        if field not in params:
            text, seen = "{" + field + "}", ""
        else:
            value = params[field]
            value = repr(value) if conversion == "r" else str(value) if conversion == "s" else value
            text = format(value, spec or "")
            seen = _shown(value, text) if not spec and not conversion else text
        if seen and out and not shown and out[-1] and _touches(out[-1][-1], seen[0]):
            out.append(" ")
        out.append(text)
        shown = seen or " "  # two values side by side: the user's words, never spaced apart
    return "".join(out)


_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3"
                   "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]")
_WRAP_TOKEN = re.compile(f"\\s+|[{_CJK_CLASS}]|[^\\s{_CJK_CLASS}]+")
_NO_LINE_START = set("，。、；：！？）」』》〉】〕…—,.;:!?)]}%")
"""Characters that may not begin a line (Chinese line-breaking rules): they hang at the end of the previous one."""
_NO_LINE_END = set("（「『《〈【〔([{")


def display_width(text: str) -> int:
    """Terminal columns of ``text``: a CJK (East Asian wide or full-width) character takes two."""
    if text.isascii():
        return len(text)
    return len(text) + len(_WIDE.findall(text))


def wrap(text: str, width: int) -> list[str]:
    """``text`` broken into lines at most ``width`` terminal columns wide: Chinese may break between any two
    characters, Latin text only at a space; closing punctuation never begins a line (the character before
    it goes down with it) and opening punctuation never ends one; a Latin word longer than the line stays
    whole."""
    lines: list[str] = []
    line, used = "", 0
    for token in _WRAP_TOKEN.findall(text):
        if token.isspace():
            if line:  # a run of spaces within a line stays as written (`kind  (subject…)`); a line break is one
                space = " " if "\n" in token else token
                line, used = line + space, used + len(space)
            continue
        size = display_width(token)
        if line.strip() and used + size > width:
            carry = ""
            line = line.rstrip()
            if token[0] in _NO_LINE_START:  # a closing mark neither begins a line nor hangs past its end:
                if len(line) < 2 or not is_cjk(line[-1]):  # the character before it goes down with it
                    line, used = line + token, used + size  # (nothing to take: it stays, as a long word does)
                    continue
                carry, line = line[-1], line[:-1]
            while line and line[-1] in _NO_LINE_END:  # an opening bracket goes down with what it opens
                carry, line = line[-1] + carry, line[:-1]
            lines.append(line.rstrip())
            line, used = carry, display_width(carry)
        line, used = line + token, used + size
    if line.strip():
        lines.append(line.rstrip())
    return lines
