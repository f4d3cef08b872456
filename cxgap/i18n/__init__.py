"""Every text cxgap shows, kept as data: one JSON catalog per language.

Labels, headings, gap messages, recommendations, stage names and mindsets of
the default stages, CI verdicts and validation messages all come from here.
A language is its catalog file, ``<lang>.json``: :func:`languages` lists the
files, so a new language is one file and nothing else. ``en.json`` is the
reference: every other catalog has exactly its keys and placeholders (the
tests check every key of every catalog).

Besides the texts, a catalog says how its language writes:

* ``lang.name``: the language's own name;
* ``lang.list_sep``: between the items of a list (``", "``, ``"、"``);
* ``lang.plural``: its plural forms, ``"one other"`` (English) or
  ``"other"`` (Chinese, which has one form).

A text that depends on a number has one key per form, ``<key>.one`` and
``<key>.other``; :meth:`Catalog.t` picks the form by the ``count`` parameter
(``t("unit.touchpoint", count=1)`` gives "1 touchpoint"). A key that no
catalog has is a programming error: :meth:`Catalog.t` raises ``KeyError``.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from cxgap.cjk import format_spaced
from cxgap.problems import UsageError, use_wording

if TYPE_CHECKING:
    from cxgap.stages import Stage

REFERENCE = "en"
FORMS = ("one", "other")
"""Plural forms a catalog can name in ``lang.plural`` (CLDR's names). A
language with more forms (few, many) needs its rule in :func:`plural_form`."""

CATALOG_DIRS: list[Traversable | Path] = [resources.files("cxgap.i18n")]
"""Where catalogs are found; tests add a directory to try a throwaway language."""


@cache
def languages() -> tuple[str, ...]:
    """The languages there are catalogs for, English first."""
    found = {entry.name.removesuffix(".json") for d in CATALOG_DIRS for entry in d.iterdir()
             if entry.name.endswith(".json")}
    return (REFERENCE, *sorted(found - {REFERENCE}))


class _Languages(Sequence[str]):
    """:func:`languages` as a sequence that is read each time it is used (for option choices)."""

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return languages()[index]

    def __len__(self) -> int:
        return len(languages())

    def __iter__(self) -> Iterator[str]:
        return iter(languages())

    def __contains__(self, value: object) -> bool:
        return value in languages()

    def __repr__(self) -> str:
        return repr(languages())


LANGS: Sequence[str] = _Languages()


@cache
def load_catalog(lang: str) -> dict[str, str]:
    for d in CATALOG_DIRS:
        entry = d.joinpath(f"{lang}.json")
        if entry.is_file():
            data: dict[str, str] = json.loads(entry.read_text(encoding="utf-8"))
            return data
    raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(languages())}")


def reload() -> None:
    """Forget what was read (after :data:`CATALOG_DIRS` changed)."""
    languages.cache_clear()
    load_catalog.cache_clear()
    catalog.cache_clear()


def plural_form(forms: Sequence[str], count: float) -> str:
    """The form of ``count`` in a language with these ``forms``."""
    if "one" in forms and count == 1:
        return "one"
    return "other"


def stage_names() -> dict[str, dict[str, str]]:
    """Every default stage's name in every language, ``{id: {lang: name}}``
    (a spec may use any of them)."""
    out: dict[str, dict[str, str]] = {}
    for lang in languages():
        for key, text in load_catalog(lang).items():
            if key.startswith("stage.") and key.endswith(".name"):
                out.setdefault(key[6:-5], {})[lang] = text
    return out


class _Params(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Catalog:
    """The texts of one language."""

    def __init__(self, lang: str = REFERENCE) -> None:
        if lang not in languages():
            raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(languages())}")
        self.lang = lang
        self._texts = load_catalog(lang)
        self._fallback = load_catalog(REFERENCE)
        self.list_sep = self.t("lang.list_sep")
        self.forms = tuple(self.t("lang.plural").split())

    def has(self, key: str) -> bool:
        return key in self._fallback or f"{key}.other" in self._fallback

    def _text(self, key: str) -> str:
        text = self._texts.get(key) or self._fallback.get(key)
        if text is None:
            raise KeyError(f"no text {key!r} in the {self.lang} catalog")
        return text

    def t(self, key: str, **params: Any) -> str:
        """The text of ``key``, its ``{placeholders}`` filled; a plural key by ``count``."""
        if key not in self._fallback and f"{key}.other" in self._fallback:
            count = params.get("count")
            if not isinstance(count, (int, float)):
                raise KeyError(f"{key!r} has plural forms and needs a numeric count, got {count!r}")
            key = f"{key}.{plural_form(self.forms, count)}"
            if key not in self._texts:  # a language with fewer forms than English
                key = f"{key.rsplit('.', 1)[0]}.other"
        text = self._text(key)
        if not params:
            return text
        if self.lang != REFERENCE:  # a space where the catalog's Chinese meets a Latin name: 改进 Live demo
            return format_spaced(text, params)
        return text.format_map(_Params(params))

    def join(self, items: Iterable[str]) -> str:
        return self.list_sep.join(items)

    def stage_name(self, stage: Stage) -> str:
        if not stage.own_name:
            text = self._texts.get(f"stage.{stage.id}.name")
            if text:
                return text
        return stage.name(self.lang)

    def stage_mindset(self, stage: Stage) -> str:
        if not stage.own_mindset:
            text = self._texts.get(f"stage.{stage.id}.mindset")
            if text:
                return text
        return stage.mindset(self.lang)

    def severity(self, severity: str) -> str:
        return self.t(f"severity.{severity}")

    def number(self, value: float | None) -> str:
        """A figure as people write it: 12.0 -> 12, 12.5 -> 12.5; None -> n/a."""
        if value is None:
            return self.t("label.na")
        return f"{value:g}" if abs(value) < 1e15 else f"{value:.0f}"


@cache
def catalog(lang: str) -> Catalog:
    return Catalog(lang)


_SPEAKING: ContextVar[tuple[str, bool]] = ContextVar("cxgap_speaking", default=(REFERENCE, False))
"""The language of messages (problems, errors, CI reports) and whether --lang chose it."""


@contextmanager
def speaking(lang: str, explicit: bool = False) -> Iterator[None]:
    """Messages made inside this block are in ``lang``; ``explicit`` when the
    user asked for it (--lang), so that a spec's own `journey.lang` does not
    override it."""
    token = _SPEAKING.set((lang, explicit))
    try:
        yield
    finally:
        _SPEAKING.reset(token)


@contextmanager
def speaking_spec(lang: str | None) -> Iterator[None]:
    """Messages made inside this block are in a spec's own `journey.lang` (``lang``), unless --lang chose
    the run's language or the spec names none; a UsageError raised inside carries that language, so
    that the line saying it ("cxgap：错误：…") is worded in it too."""
    spoken, explicit = speaking_lang()
    chosen = spoken if explicit or lang is None else lang
    with speaking(chosen, explicit):
        try:
            yield
        except UsageError as exc:
            exc.lang = exc.lang or chosen
            raise


def speaking_lang() -> tuple[str, bool]:
    return _SPEAKING.get()


def messages() -> Catalog:
    """The catalog of the language messages are made in now."""
    return catalog(_SPEAKING.get()[0])


OS_REASONS = {
    errno.ENOENT: "enoent", errno.EACCES: "eacces", errno.EPERM: "eperm", errno.EISDIR: "eisdir",
    errno.ENOTDIR: "enotdir", errno.ENOSPC: "enospc", errno.EROFS: "erofs", errno.ELOOP: "eloop",
    errno.ENAMETOOLONG: "enametoolong", errno.EEXIST: "eexist", errno.EBUSY: "ebusy", errno.ETXTBSY: "etxtbsy",
    errno.EMFILE: "emfile", errno.ENFILE: "enfile", errno.EIO: "eio", errno.EDQUOT: "edquot", errno.EXDEV: "exdev",
    errno.EFBIG: "efbig", errno.ENXIO: "enxio", errno.EAGAIN: "eagain", errno.EPIPE: "epipe", errno.EBADF: "ebadf",
    errno.ENOTEMPTY: "enotempty", errno.EINVAL: "einval", errno.ENOMEM: "enomem", errno.ENODEV: "enodev",
}
"""The operating system's reasons that cxgap words itself (``os.<name>`` in the catalogs; English is the
C library's own text). A reason not listed here is shown as the system wrote it."""


def os_reason(err: BaseException) -> str:
    """Why the system refused a read or write, in the run's language: ``Permission denied``, 权限不够.

    Only the system's own text is replaced (``strerror`` as the C library words the ``errno``); a reason
    an ``OSError`` was given by hand, or an ``errno`` not in :data:`OS_REASONS`, stays as written."""
    number, text = getattr(err, "errno", None), getattr(err, "strerror", None)
    if number in OS_REASONS and (text is None or text == os.strerror(number)):
        return messages().t(f"os.{OS_REASONS[number]}")
    return text or str(err)


def _word(key: str, count: int | None, **params: Any) -> str:
    c = messages()
    return c.t(key, **params) if count is None else c.t(key, count=count, **params)


use_wording(_word)
