"""Which language cxgap speaks when `--lang` is not given.

First found: the `--lang` option; the spec's `journey.lang`; the
`CXGAP_LANG` environment variable; the POSIX locale (the first of
`LC_ALL`, `LC_MESSAGES`, `LANG` that is set decides: `zh_CN`/`zh_SG` give
zh-CN, `zh_TW`/`zh_HK`/`zh_MO` give zh-TW, anything else English); else
English.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from cxgap.i18n import LANGS, catalog, speaking_lang
from cxgap.problems import UsageError

__all__ = ["LANGS", "choose", "from_environment", "from_locale", "parse"]
DEFAULT = "en"

_REGIONS = {"cn": "zh-CN", "sg": "zh-CN", "hans": "zh-CN", "tw": "zh-TW", "hk": "zh-TW", "mo": "zh-TW",
            "hant": "zh-TW"}


def parse(text: str) -> str | None:
    """A language tag or POSIX locale name as cxgap's language, or None when
    it names another language: ``zh_TW.UTF-8`` -> zh-TW, ``zh-Hans`` ->
    zh-CN, ``en_GB`` -> en, ``C`` -> en, ``fr_FR`` -> None."""
    name = text.split(".", 1)[0].split("@", 1)[0].replace("_", "-").strip().casefold()
    if name in ("", "c", "posix") or name == "en" or name.startswith("en-"):
        return "en"
    parts = name.split("-")
    if parts[0] != "zh":
        return None
    for script in ("hans", "hant"):  # a script subtag says more than a region
        if script in parts:
            return _REGIONS[script]
    return next((_REGIONS[part] for part in parts[1:] if part in _REGIONS), "zh-CN")


def from_locale(environ: Mapping[str, str]) -> str:
    """The language of the POSIX locale: the first of LC_ALL, LC_MESSAGES,
    LANG that is set decides; a locale of another language gives English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var)
        if value:
            return parse(value) or DEFAULT
    return DEFAULT


def from_environment(environ: Mapping[str, str]) -> str:
    """CXGAP_LANG, else the POSIX locale, else English. A CXGAP_LANG that names no language cxgap speaks is a
    UsageError, worded in the locale's language (the one the run would speak without it)."""
    value = environ.get("CXGAP_LANG")
    if value:
        lang = parse(value)
        if lang is None:
            c = catalog(from_locale(environ))
            raise UsageError(c.t("cli.bad_cxgap_lang", value=repr(value), choices=c.join(LANGS)))
        return lang
    return from_locale(environ)


def asked(flag: str | None) -> str | None:
    """The language the user asked for: the command's ``--lang``, else one given before the command
    (``cxgap --lang zh-TW check``: the run speaks it explicitly, see :func:`cxgap.i18n.speaking`)."""
    if flag:
        return flag
    spoken, explicit = speaking_lang()
    return spoken if explicit else None


def choose(flag: str | None, spec_langs: Iterable[str | None], environ: Mapping[str, str]) -> str:
    """The language of a run: ``--lang`` (see :func:`asked`); else the specs' ``journey.lang``
    (when the specs name one and only one); else the environment."""
    flag = asked(flag)
    if flag:
        return flag
    named = {lang for lang in spec_langs if lang}
    if len(named) == 1:
        return named.pop()
    return from_environment(environ)
