"""The stage model: the seven life-cycle stages of DOMAIN.md.

Every stage has a canonical id, an English name and the customer's mindset
at that stage; the catalogs name it in every language. A spec may name a
stage by its id or its name in any language; everything downstream sees the id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cxgap.cjk import simplified


@dataclass(frozen=True)
class Stage:
    """One stage of the journey as the analysis sees it.

    ``names`` and ``mindsets`` hold the English texts of a default stage; its
    names in other languages live in the catalogs (``stage.<id>.name``, read by
    ``cxgap.i18n.Catalog.stage_name``). A name or mindset the spec gives is
    ``own_name``/``own_mindset``: it is shown as written, in every language.
    """

    id: str
    names: dict[str, str]
    mindsets: dict[str, str]
    phase: str = ""
    own_name: bool = False
    own_mindset: bool = False

    def name(self, lang: str = "en") -> str:
        return self.names.get(lang) or self.names["en"]

    def mindset(self, lang: str = "en") -> str:
        return self.mindsets.get(lang) or self.mindsets.get("en", "")


def _stage(id_: str, phase: str, en: str, mindset: str) -> Stage:
    return Stage(id_, {"en": en}, {"en": mindset}, phase)


DEFAULT_STAGES: tuple[Stage, ...] = (
    _stage("out_of_market", "before", "Out of market",
           "Wants a more productive team, has no plan to buy yet, open to inspiration."),
    _stage("trigger", "before", "Trigger", "An event such as falling sales or rising complaints forces a change."),
    _stage("consideration", "before", "Initial brand consideration", "A project group builds a long list of brands."),
    _stage("evaluation", "during", "Active evaluation",
           "The long list becomes a short list; demos; looks for trust, expertise and scalability."),
    _stage("decision", "during", "Purchase decision",
           "Picks a vendor, signs, sets success criteria, KPIs and a rollout plan."),
    _stage("experience", "after", "Experience", "Wants to be up and running fast, everyone trained, help when needed."),
    _stage("loyalty", "after", "Loyalty", "Sees results, rolls out company-wide, keeps getting value."),
)

DEFAULT_STAGE_IDS = tuple(s.id for s in DEFAULT_STAGES)
_BY_ID = {s.id: s for s in DEFAULT_STAGES}

_SPACE = re.compile(r"[\s_\-]+")


def fold(text: str) -> str:
    """How stage names and channels are compared: case-folded, with white
    space, `-` and `_` removed (``Direct-Mail`` = ``direct mail``), and
    Traditional characters read as Simplified ones (電話客服 = 电话客服)."""
    return simplified(_SPACE.sub("", text).casefold())


def custom_stage(stage_id: str, name: str | None, mindset: str | None) -> Stage:
    """A stage from a spec's own `stages:` list; a known id keeps its translations."""
    base = _BY_ID.get(stage_id)
    if base is None:
        label = name or stage_id
        return Stage(stage_id, {"en": label}, {"en": mindset or ""}, own_name=True, own_mindset=True)
    return Stage(stage_id, {"en": name} if name else base.names, {"en": mindset} if mindset else base.mindsets,
                 base.phase, own_name=bool(name), own_mindset=bool(mindset))


class StageIndex:
    """Resolves a stage reference (id or name in any language) to a stage id.

    ``translations`` are the names of the default stages in every language
    (``cxgap.i18n.stage_names()``): a spec may name a stage in any of them.
    """

    def __init__(self, stages: Iterable[Stage], translations: Mapping[str, Iterable[str]] | None = None) -> None:
        self.stages: tuple[Stage, ...] = tuple(stages)
        self.order = {s.id: i for i, s in enumerate(self.stages)}
        self._keys: dict[str, str] = {}
        translations = translations or {}
        for s in self.stages:
            for text in (*s.names.values(), s.id):
                self._keys.setdefault(fold(text), s.id)
            base = _BY_ID.get(s.id)
            if base is not None:
                for text in (*base.names.values(), *translations.get(s.id, ())):
                    self._keys.setdefault(fold(text), s.id)
        self._by_id = {s.id: s for s in self.stages}

    def resolve(self, ref: str) -> str | None:
        if ref in self._by_id:
            return ref
        return self._keys.get(fold(ref))

    def get(self, stage_id: str) -> Stage:
        return self._by_id[stage_id]

    def choices(self) -> str:
        return ", ".join(s.id for s in self.stages)
