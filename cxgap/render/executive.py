"""The executive first screen: a one-sentence verdict, the top moves and the key
findings, in business words (no spec keys). Shared by the HTML report, its
PDF, the handout and the Markdown headline.

* **Verdict**: how aligned the journey is (the score band), what share of what
  customers value is met, how customers rate the experience (when measured: a
  journey they rate lower than its alignment is "present ... but", never "well
  aligned"; pain points at met touchpoints that give no emotion keep it at
  "present" too, and are counted), whether the map is mostly assumed, and the
  worst gap with where it is.
* **Moves**: the first item of each recommendation list (stop, start, shift,
  and fix where the analysis has one), most urgent first (the worst open gap on
  its touchpoint; a tie keeps that order), each with the effort it frees or needs
  and the customer importance it wins back, as coverage points; and how many
  more the list holds.
* **Findings**: the most severe gaps, chosen for variety: a new kind at a new
  stage first, then a new kind, then a new stage, then the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cxgap.analysis.numbers import round1
from cxgap.analysis.result import SEVERITIES, Analysis
from cxgap.i18n import Catalog
from cxgap.model import Status
from cxgap.render.view import GapRow

KEY_FINDINGS = 3
"""How many gaps the first screen leads with."""
MOVE_KINDS = ("stop", "start", "shift", "fix")


@dataclass(frozen=True)
class Move:
    key: str
    """stop, start, shift or fix."""
    label: str
    name: str
    stage: str
    effort: str
    """The effort the move frees or needs, as a phrase."""
    gain: str
    """The importance it wins back, as a phrase."""
    more: int
    """How many more touchpoints the same list holds."""


@dataclass(frozen=True)
class Executive:
    verdict: str
    moves: tuple[Move, ...]
    findings: tuple[GapRow, ...]


BANDS = ("low", "mid", "high")
ASSUMED_WARNING = 50.0
"""From this share of customer importance resting on `assumption` evidence, the verdict says the scores
are hypotheses (a map of nothing but assumptions scored 100, "well aligned")."""


def score_band(score: float) -> str:
    return "low" if score < 50 else "mid" if score < 75 else "high"


def unfelt_pains(a: Analysis) -> int:
    """How many met customer touchpoints name pain points and give no emotion.

    Pain points are what hurts even where nobody scored the feeling: a map of
    them without emotions has no experience score, and must not read "well
    aligned" for it (real maps often record pains and no emotion scale)."""
    return sum(1 for ct in a.customer if ct.pain_points and ct.emotion is None and a.met_by.get(ct.id))


def assumed_share(a: Analysis) -> float:
    """The share (0-100) of customer importance whose evidence is an assumption."""
    total = sum(ct.importance for ct in a.customer)
    assumed = sum(ct.importance for ct in a.customer if ct.evidence.value == "assumption")
    return round1(100 * assumed / total) if total else 0.0


def verdict(a: Analysis, c: Catalog, findings: Sequence[GapRow]) -> str:
    s = a.scores

    def then(text: str, sentence: str) -> str:  # a space between sentences in English, none in Chinese
        return c.t("lang.sentences", first=text, then=sentence)

    band = score_band(s.score)
    felt = score_band(s.experience) if s.experience is not None else None
    # Alignment and experience side by side, never one blended figure. Being present where customers
    # are is not being aligned with them: when they rate the experience lower than the alignment band,
    # the verdict says "present ... but", never "well aligned".
    # Pain points at met touchpoints that give no emotion hurt too: they keep the verdict at "present".
    worse = felt is not None and BANDS.index(felt) < BANDS.index(band)
    pained = unfelt_pains(a)
    lead = f"present.{band}" if (worse or pained) and band != "low" else band
    text = c.t(f"exec.verdict.{lead}", title=a.title, score=c.number(s.score), coverage=c.number(s.coverage),
               focus=c.number(s.focus))
    if s.experience is not None:
        feeling = f"but.{felt}" if worse else felt
        text = then(text, c.t(f"exec.verdict.experience.{feeling}", experience=c.number(s.experience)))
        if pained:
            text = then(text, c.t("exec.verdict.pains.also", count=pained))
    elif pained:
        text = then(text, c.t("exec.verdict.pains", count=pained))
    assumed = assumed_share(a)
    if assumed >= ASSUMED_WARNING:
        text = then(text, c.t("exec.verdict.assumed", share=c.number(assumed)))
    worst = findings[0] if findings else None
    if worst is None:
        return then(text, c.t("exec.verdict.no_gaps"))
    if worst.subject and worst.stage:
        key = "exec.verdict.worst"
    elif worst.stage:
        key = "exec.verdict.worst_stage"
    else:
        key = "exec.verdict.worst_journey"
    return then(text, c.t(key, severity=worst.severity_label, kind=worst.kind_label,
                          subject=worst.subject or c.t("subject.customers"), stage=worst.stage))


def key_findings(gaps: Sequence[GapRow], limit: int = KEY_FINDINGS) -> tuple[GapRow, ...]:
    """The most severe gaps, varied by kind and stage (``gaps`` come most severe first)."""
    pool = [g for g in gaps if g.severity in ("critical", "high", "medium")] or list(gaps)
    chosen: list[GapRow] = []
    kinds: set[str] = set()
    stages: set[str] = set()
    for rule in range(4):  # new kind and new stage, new kind, new stage, any
        for g in pool:
            if len(chosen) == limit:
                break
            fresh_kind, fresh_stage = g.kind not in kinds, g.stage_id not in stages
            wanted = (fresh_kind and fresh_stage, fresh_kind, fresh_stage, True)[rule]
            if wanted and all(g is not other for other in chosen):
                chosen.append(g)
                kinds.add(g.kind)
                stages.add(g.stage_id)
    order = {id(g): i for i, g in enumerate(pool)}
    return tuple(sorted(chosen, key=lambda g: order[id(g)]))


def _moves(a: Analysis, c: Catalog) -> tuple[Move, ...]:
    active = [co for co in a.company if co.status is Status.active]
    total_effort = sum(co.effort for co in active) or 1.0
    useful = sum(co.effort for co in active if a.meets.get(co.id))
    total_importance = sum(ct.importance for ct in a.customer) or 1
    customer = {ct.id: ct for ct in a.customer}
    company = {co.id: co for co in active}
    efforts = sorted(co.effort for co in active)
    typical = efforts[len(efforts) // 2] if efforts else None
    lists = a.recommendations.as_dict()
    worst: dict[str, int] = {}
    for gap in a.gaps:  # most severe first (the engine's order): the first open gap of a subject is its worst
        if gap.counts:
            worst.setdefault(gap.subject, gap.severity.rank)
    out: list[Move] = []
    urgency: list[int] = []
    for key in MOVE_KINDS:
        ids = lists.get(key) or []
        if not ids:
            continue
        first = ids[0]
        if key == "stop" and first in company:
            co = company[first]
            focus = round1(100 * useful / (total_effort - co.effort)) if total_effort > co.effort else 100.0
            effort = c.t("exec.move.frees", effort=c.number(co.effort),
                         share=c.number(round1(100 * co.effort / total_effort)))
            gain = c.t("exec.move.focus_to", focus=c.number(focus))
            stage = c.stage_name(a.stage(co.home_stage))
        elif first in customer:
            ct = customer[first]
            points = c.number(round1(100 * ct.importance / total_importance))
            gain = c.t("exec.move.wins", points=points)
            if key == "start":
                effort = (c.t("exec.move.needs_typical", effort=c.number(typical)) if typical is not None
                          else c.t("exec.move.needs"))
            elif key == "shift":
                effort = c.t("exec.move.moves", channel=ct.channel)
            else:  # fix: the touchpoint is met already, so it wins back no coverage; it stops hurting
                effort = c.t("exec.move.fix")
                gain = c.t("exec.move.fix_gain", importance=ct.importance)
            stage = c.stage_name(a.stage(ct.stage))
        else:
            continue
        out.append(Move(key=key, label=c.t(f"rec.{key}"), name=a.touchpoint_label(first), stage=stage,
                        effort=effort, gain=gain, more=len(ids) - 1))
        urgency.append(worst.get(first, len(SEVERITIES)))
    # most urgent first: by the worst open gap on the move's touchpoint, then stop, start, shift, fix
    # (a reviewer saw "stop the VIP channel", a low gap, lead a critical fix)
    return tuple(move for _, move in sorted(zip(urgency, out, strict=True), key=lambda pair: pair[0]))


def executive(a: Analysis, c: Catalog, gaps: Sequence[GapRow]) -> Executive:
    findings = key_findings(gaps)
    worst = tuple(gaps[:1])
    return Executive(verdict=verdict(a, c, worst), moves=_moves(a, c), findings=findings)
