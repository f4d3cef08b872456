"""The handout's interview sheet, built from the spec (issue 14).

1. The spec's own ``questions`` (DESIGN.md §5), in their order: the team's.
2. Per stage with customer touchpoints, in stage order: one question from the
   stage's mindset as the spec writes it (do customers recognise it?; the
   built-in mindsets describe a B2B purchase, so without one the question asks
   what the customer was trying to get done there), then for its assumption
   touchpoints "When you were at …, did you use …?", for its pain points
   (the experience layer's ``pain_points``) "Tell me about the last time …",
   and for its important touchpoints that nobody meets "Tell me about the last
   time you needed …"; at most :data:`PER_STAGE` a stage, most important first.
3. Five stage-neutral questions for any service (a clinic, a hotel, a shop, a
   software vendor): the catalog's ``handout.question.1`` to ``.5``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from cxgap.analysis.result import Analysis
from cxgap.i18n import Catalog
from cxgap.model import CustomerTouchpoint

PER_STAGE = 3
"""Generated questions per stage at the most."""
GENERIC = 5
"""The stage-neutral prompts: catalog keys ``handout.question.1`` to ``.5``."""


@dataclass(frozen=True)
class QuestionGroup:
    title: str
    questions: tuple[str, ...]


def _stage_questions(a: Analysis, c: Catalog, stage_id: str, tps: list[CustomerTouchpoint]) -> list[str]:
    stage = a.stage(stage_id)
    name = c.stage_name(stage)
    out: list[str] = []
    ranked = sorted(tps, key=lambda ct: -ct.importance)  # stable: spec order within one importance
    pains = ((ct, p) for ct in ranked for p in (getattr(ct, "pain_points", None) or ()))
    for ct, pain in islice(pains, 2):
        out.append(c.t("handout.q.pain", pain=pain.strip().rstrip(".。"), name=ct.label))
    for ct in ranked:
        if ct.evidence.value == "assumption":
            out.append(c.t("handout.q.assumption", stage=name, name=ct.label, channel=ct.channel))
    for ct in ranked:
        if ct.importance >= 4 and not a.met_by.get(ct.id) and ct.evidence.value != "assumption":
            out.append(c.t("handout.q.unmet", name=ct.label, channel=ct.channel))
    stage = a.stage(stage_id)
    # the built-in mindsets describe a B2B purchase: only the spec's own are asked (in the handout's language)
    mindset = c.stage_mindset(stage) if stage.own_mindset else ""
    if mindset:
        out.insert(0, c.t("handout.q.mindset", mindset=mindset.strip()))
    else:
        out.insert(0, c.t("handout.q.stage", stage=name))
    return list(dict.fromkeys(out))[:PER_STAGE]


def interview_questions(a: Analysis, c: Catalog) -> tuple[QuestionGroup, ...]:
    groups: list[QuestionGroup] = []
    own = a.spec.questions
    if own:
        texts = []
        for q in own:
            where = c.stage_name(a.stage(q.stage)) if q.stage else ""
            texts.append(f"{q.text} ({where})" if where and c.lang == "en" else
                         f"{q.text}（{where}）" if where else q.text)
        groups.append(QuestionGroup(c.t("handout.questions.team"), tuple(texts)))
    for stage in a.stages:
        tps = [ct for ct in a.customer if ct.stage == stage.id]
        if tps:
            asked = _stage_questions(a, c, stage.id, tps)
            if asked:
                groups.append(QuestionGroup(c.stage_name(stage), tuple(asked)))
    generic = tuple(c.t(f"handout.question.{i}") for i in range(1, GENERIC + 1))
    groups.append(QuestionGroup(c.t("handout.questions.general"), generic))
    return tuple(groups)
