"""Translations, kept as data: one JSON catalog per language.

Every label, heading, gap message and recommendation of every report comes
from here; stage names come from the stage model. ``en.json`` is the
reference: every other catalog must have exactly its keys.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from cxgap.stages import Stage

LANGS = ("en", "zh-CN", "zh-TW")


@cache
def load_catalog(lang: str) -> dict[str, str]:
    text = resources.files("cxgap.i18n").joinpath(f"{lang}.json").read_text(encoding="utf-8")
    data: dict[str, str] = json.loads(text)
    return data


class _Params(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Catalog:
    """The texts of one language."""

    def __init__(self, lang: str = "en") -> None:
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
        self.lang = lang
        self._texts = load_catalog(lang)
        self._fallback = load_catalog("en")
        self.list_sep = "、" if lang != "en" else ", "

    def t(self, key: str, **params: Any) -> str:
        text = self._texts.get(key) or self._fallback.get(key) or key
        return text.format_map(_Params(params)) if params else text

    def stage_name(self, stage: Stage) -> str:
        return stage.name(self.lang)

    def severity(self, severity: str) -> str:
        return self.t(f"severity.{severity}")

    def number(self, value: float | None) -> str:
        """A figure as people write it: 12.0 -> 12, 12.5 -> 12.5; None -> n/a."""
        if value is None:
            return self.t("label.na")
        return f"{value:g}" if abs(value) < 1e15 else f"{value:.0f}"
