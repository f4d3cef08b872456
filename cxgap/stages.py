"""The stage model: the seven life-cycle stages of DOMAIN.md.

Every stage has a canonical id, an English name, the customer's mindset at
that stage and the short words people write for it (考虑/考慮 for
consideration, 忠诚度/忠誠度 for loyalty); the catalogs name it in every
language. A spec may name a stage by its id, its name in any language or one
of its words, in either Chinese script; everything downstream sees the id.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cxgap.cjk import script, simplified


@dataclass(frozen=True)
class Stage:
    """One stage of the journey as the analysis sees it.

    ``names`` and ``mindsets`` hold the English texts of a default stage; its
    names in other languages live in the catalogs (``stage.<id>.name``, read by
    ``cxgap.i18n.Catalog.stage_name``). A name or mindset the spec gives is
    ``own_name``/``own_mindset``: it is shown as written, one text for every
    language or a text per language (a language left out falls back to another
    one given). ``words`` are the short forms people write for the stage, per
    language: vocabulary a spec may use, not texts cxgap shows.
    """

    id: str
    names: dict[str, str]
    mindsets: dict[str, str]
    phase: str = ""
    own_name: bool = False
    own_mindset: bool = False
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def name(self, lang: str = "en") -> str:
        return _pick(self.names, lang) or self.id

    def mindset(self, lang: str = "en") -> str:
        return _pick(self.mindsets, lang)


def _pick(texts: Mapping[str, str], lang: str) -> str:
    """The text in ``lang``; else in the other Chinese script for a Chinese
    language; else English; else any text given."""
    order = (lang, "zh-TW" if lang == "zh-CN" else "zh-CN", "en") if lang != "en" else ("en", "zh-CN", "zh-TW")
    for key in order:
        if texts.get(key):
            return texts[key]
    return next((t for t in texts.values() if t), "")


def _stage(id_: str, phase: str, en: str, mindset: str,
           words: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] = ((), (), ())) -> Stage:
    return Stage(id_, {"en": en}, {"en": mindset}, phase,
                 words={"en": words[0], "zh-CN": words[1], "zh-TW": words[2]})


DEFAULT_STAGES: tuple[Stage, ...] = (
    _stage("out_of_market", "before", "Out of market",
           "Wants a more productive team, has no plan to buy yet, open to inspiration.",
           (("out of the market",), ("市场之外", "未入市"), ("市場之外", "未入市"))),
    _stage("trigger", "before", "Trigger", "An event such as falling sales or rising complaints forces a change.",
           ((), ("触发点", "契机"), ("觸發點", "契機"))),
    _stage("consideration", "before", "Initial brand consideration", "A project group builds a long list of brands.",
           (("brand consideration",), ("考虑", "品牌考虑", "初始考虑"), ("考慮", "品牌考慮", "初始考慮"))),
    _stage("evaluation", "during", "Active evaluation",
           "The long list becomes a short list; demos; looks for trust, expertise and scalability.",
           ((), ("评估", "主动评估"), ("評估", "主動評估"))),
    _stage("decision", "during", "Purchase decision",
           "Picks a vendor, signs, sets success criteria, KPIs and a rollout plan.",
           (("purchase",), ("决策", "购买"), ("決策", "購買"))),
    _stage("experience", "after", "Experience", "Wants to be up and running fast, everyone trained, help when needed.",
           ((), ("使用体验",), ("使用體驗",))),
    _stage("loyalty", "after", "Loyalty", "Sees results, rolls out company-wide, keeps getting value.",
           ((), ("忠诚度",), ("忠誠度",))),
)

DEFAULT_STAGE_IDS = tuple(s.id for s in DEFAULT_STAGES)
_BY_ID = {s.id: s for s in DEFAULT_STAGES}

_SPACE = re.compile(r"[\s_\-]+")


def fold(text: str) -> str:
    """How stage names and channels are compared: case-folded, with white
    space, `-` and `_` removed (``Direct-Mail`` = ``direct mail``), and
    Traditional characters read as Simplified ones (電話客服 = 电话客服)."""
    return simplified(_SPACE.sub("", text).casefold())


def custom_stage(stage_id: str, name: str | Mapping[Any, str] | None,
                 mindset: str | Mapping[Any, str] | None) -> Stage:
    """A stage from a spec's own `stages:` list. A name or mindset is one text
    for every language, or a mapping by language; a default stage id keeps its
    translations and words where the spec gives none."""
    base = _BY_ID.get(stage_id)
    names, mindsets = _by_lang(name), _by_lang(mindset)
    if base is None:
        return Stage(stage_id, names or {"en": stage_id}, mindsets, own_name=True, own_mindset=True)
    return Stage(stage_id, names or base.names, mindsets or base.mindsets, base.phase,
                 own_name=bool(names), own_mindset=bool(mindsets), words=base.words)


def _by_lang(text: str | Mapping[Any, str] | None) -> dict[str, str]:
    if not text:
        return {}
    if isinstance(text, str):
        return {"en": text}
    return {lang: value for lang, value in text.items() if value}


class StageIndex:
    """Resolves a stage reference (id, name in any language, or one of a
    stage's words, in either Chinese script) to a stage id.

    ``translations`` are the names of the default stages by language
    (``cxgap.i18n.stage_names()``: ``{id: {lang: name}}``): a spec may name a
    stage in any of them.
    """

    def __init__(self, stages: Iterable[Stage], translations: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self.stages: tuple[Stage, ...] = tuple(stages)
        self.order = {s.id: i for i, s in enumerate(self.stages)}
        self._keys: dict[str, str] = {}
        self._translations = translations or {}
        for s in self.stages:
            for text in (*s.names.values(), s.id, *_words(s)):
                self._keys.setdefault(fold(text), s.id)
            base = _BY_ID.get(s.id)
            if base is not None:
                for text in (*base.names.values(), *self._translations.get(s.id, {}).values()):
                    self._keys.setdefault(fold(text), s.id)
        self._by_id = {s.id: s for s in self.stages}
        self._hints: dict[str, tuple[str | None, str | None]] = {}

    def resolve(self, ref: str) -> str | None:
        if ref in self._by_id:
            return ref
        return self._keys.get(fold(ref))

    def get(self, stage_id: str) -> Stage:
        return self._by_id[stage_id]

    def choices(self) -> str:
        return ", ".join(s.id for s in self.stages)

    def name_in(self, stage: Stage, lang: str) -> str:
        """The stage's name in ``lang``: its own name, else the catalog's, else English."""
        if not stage.own_name:
            found = self._translations.get(stage.id, {}).get(lang)
            if found:
                return found
        return stage.name(lang)

    def names_in(self, lang: str) -> list[tuple[Stage, list[str]]]:
        """Each stage with its name and words in ``lang`` (name first)."""
        out = []
        for s in self.stages:
            texts = [self.name_in(s, lang), *s.words.get(lang, ())]
            out.append((s, list(dict.fromkeys(t for t in texts if t))))
        return out

    def hint(self, ref: str) -> tuple[str | None, str | None]:
        """For a reference that resolves to nothing: the script it is written
        in (None when it has no Chinese characters) and the closest stage
        name or word in that script ("did you mean"), if any is close."""
        found = self._hints.get(ref)
        if found is None:
            close: list[str]
            lang = script(ref)
            if lang is None:
                candidates = [t for s in self.stages for t in (s.id, s.name("en"), *s.words.get("en", ()))]
                key = ref.casefold()
                pool = {c.casefold(): c for c in candidates}
                close = difflib.get_close_matches(key, list(pool), n=1, cutoff=0.6) if len(ref) <= 100 else []
                found = (None, pool[close[0]] if close else None)
            else:
                pool = {t: t for _, texts in self.names_in(lang) for t in texts}
                close = difflib.get_close_matches(ref, list(pool), n=1, cutoff=0.5) if len(ref) <= 100 else []
                found = (lang, close[0] if close else None)
            self._hints[ref] = found
        return found


def _words(stage: Stage) -> Iterable[str]:
    for words in stage.words.values():
        yield from words
