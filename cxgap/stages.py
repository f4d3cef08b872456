"""The stage model: the seven life-cycle stages of DOMAIN.md.

Every stage has a canonical id, a name in each supported language and the
customer's mindset at that stage. A spec may name a stage by its id, its
English name or either Chinese name; everything downstream sees the id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

LANGS = ("en", "zh-CN", "zh-TW")


@dataclass(frozen=True)
class Stage:
    """One stage of the journey as the analysis sees it."""

    id: str
    names: dict[str, str]
    mindsets: dict[str, str]
    phase: str = ""

    def name(self, lang: str = "en") -> str:
        return self.names.get(lang) or self.names["en"]

    def mindset(self, lang: str = "en") -> str:
        return self.mindsets.get(lang) or self.mindsets.get("en", "")


def _stage(id_: str, phase: str, en: str, cn: str, tw: str, m_en: str, m_cn: str, m_tw: str) -> Stage:
    return Stage(id_, {"en": en, "zh-CN": cn, "zh-TW": tw}, {"en": m_en, "zh-CN": m_cn, "zh-TW": m_tw}, phase)


DEFAULT_STAGES: tuple[Stage, ...] = (
    _stage(
        "out_of_market", "before", "Out of market", "市场外", "市場外",
        "Wants a more productive team, has no plan to buy yet, open to inspiration.",
        "希望团队更高效，尚无购买计划，乐于接受启发。",
        "希望團隊更有效率，尚無購買計畫，樂於接受啟發。",
    ),
    _stage(
        "trigger", "before", "Trigger", "触发", "觸發",
        "An event such as falling sales or rising complaints forces a change.",
        "销售下滑或投诉增加等事件迫使其寻求改变。",
        "業績下滑或客訴增加等事件迫使其尋求改變。",
    ),
    _stage(
        "consideration", "before", "Initial brand consideration", "初始品牌考虑", "初始品牌考慮",
        "A project group builds a long list of brands.",
        "项目小组列出候选品牌的长名单。",
        "專案小組列出候選品牌的長名單。",
    ),
    _stage(
        "evaluation", "during", "Active evaluation", "积极评估", "積極評估",
        "The long list becomes a short list; demos; looks for trust, expertise and scalability.",
        "长名单缩减为短名单；观看演示；看重信任、专业和可扩展性。",
        "長名單縮減為短名單；觀看展示；重視信任、專業與可擴充性。",
    ),
    _stage(
        "decision", "during", "Purchase decision", "购买决策", "購買決策",
        "Picks a vendor, signs, sets success criteria, KPIs and a rollout plan.",
        "选定供应商并签约，设定成功标准、KPI 和上线计划。",
        "選定供應商並簽約，設定成功標準、KPI 與導入計畫。",
    ),
    _stage(
        "experience", "after", "Experience", "体验", "體驗",
        "Wants to be up and running fast, everyone trained, help when needed.",
        "希望快速上手、全员培训到位、需要时能获得帮助。",
        "希望快速上手、全員完成培訓、需要時能獲得協助。",
    ),
    _stage(
        "loyalty", "after", "Loyalty", "忠诚", "忠誠",
        "Sees results, rolls out company-wide, keeps getting value.",
        "看到成效，在全公司推广，持续获得价值。",
        "看到成效，在全公司推廣，持續獲得價值。",
    ),
)

DEFAULT_STAGE_IDS = tuple(s.id for s in DEFAULT_STAGES)
_BY_ID = {s.id: s for s in DEFAULT_STAGES}

_SPACE = re.compile(r"[\s_\-]+")


def fold(text: str) -> str:
    """How stage names and channels are compared: case-folded, with white
    space, `-` and `_` removed (``Direct-Mail`` = ``direct mail``)."""
    return _SPACE.sub("", text).casefold()


def custom_stage(stage_id: str, name: str | None, mindset: str | None) -> Stage:
    """A stage from a spec's own `stages:` list; a known id keeps its translations."""
    base = _BY_ID.get(stage_id)
    if base is None:
        label = name or stage_id
        return Stage(stage_id, {"en": label}, {"en": mindset or ""})
    names = dict(base.names)
    mindsets = dict(base.mindsets)
    if name:
        names = dict.fromkeys(LANGS, name)
    if mindset:
        mindsets = dict.fromkeys(LANGS, mindset)
    return Stage(stage_id, names, mindsets, base.phase)


class StageIndex:
    """Resolves a stage reference (id or name in any language) to a stage id."""

    def __init__(self, stages: Iterable[Stage]) -> None:
        self.stages: tuple[Stage, ...] = tuple(stages)
        self.order = {s.id: i for i, s in enumerate(self.stages)}
        self._keys: dict[str, str] = {}
        for s in self.stages:
            for text in (*s.names.values(), s.id):
                self._keys.setdefault(fold(text), s.id)
            base = _BY_ID.get(s.id)
            if base is not None:
                for text in base.names.values():
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
