"""Gap rules as data: each `tests/data/rules/<kind>/<case>.yaml` is a small spec
whose header comment says what edge it covers, and `<case>.expected.json`
beside it lists, by hand, the gaps of that kind it must raise, in the order
the reports list them (most severe first, then stage order, then id): their
ids, severities, message keys and recommendation keys. Where a case is about
the order of a recommendation list too, the file is an object
`{"gaps": [...], "recommendations": {"start": [...], ...}}`. Nothing here is
regenerated: a wrong figure, key or order in a rule fails its case."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA

from cxgap.analysis import analyze
from cxgap.analysis.rules import RULES, rule_for
from cxgap.i18n import Catalog, languages
from cxgap.render.texts import gap_message, gap_recommendation, with_unit
from cxgap.spec import load_spec

RULE_CASES = DATA / "rules"
CASES = sorted(RULE_CASES.glob("*/*.yaml"))


def _expected(case: Path) -> tuple[list[list[str]], dict[str, list[str]]]:
    data: Any = json.loads(case.with_suffix(".expected.json").read_text(encoding="utf-8"))
    if isinstance(data, list):
        return data, {}
    assert set(data) <= {"gaps", "recommendations"}, case
    return data["gaps"], data.get("recommendations", {})


def test_every_case_names_a_rule_and_has_its_expectation() -> None:
    assert CASES
    for case in CASES:
        assert case.parent.name in RULES, case
        assert case.with_suffix(".expected.json").is_file(), case
        assert case.read_text(encoding="utf-8").startswith("# "), f"{case}: say what edge it covers"


def test_every_rule_has_cases() -> None:
    assert {case.parent.name for case in CASES} == set(RULES)


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_rule_case(case: Path) -> None:
    kind = case.parent.name
    rule = rule_for(kind)
    analysis = analyze(load_spec(str(case)))
    gaps, recommendations = _expected(case)
    assert [[g.id, g.severity.value, *rule.keys(g)] for g in analysis.gaps if g.kind == kind] == gaps
    for name, ids in recommendations.items():
        assert list(getattr(analysis.recommendations, name)) == ids, name


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_gap_of_a_case_has_texts_its_rule_declares(case: Path) -> None:
    """Whatever kind it is, a gap's message and recommendation keys are among those its rule lists
    (and `tests/test_catalogs.py` holds every catalog to those)."""
    for gap in analyze(load_spec(str(case))).gaps:
        rule = rule_for(gap.kind)
        assert set(rule.keys(gap)) <= set(rule.all_keys), gap.id


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_gap_text_of_a_case_is_filled(case: Path) -> None:
    """Each gap's message and recommendations, in every language, fill all their placeholders: the rule
    gives each gap every parameter its texts name (a missing one would show as `{name}`, an empty one as
    `None`)."""
    analysis = analyze(load_spec(str(case)))
    for lang in languages():
        catalog = Catalog(lang)
        for gap in analysis.gaps:
            for text in (gap_message(gap, analysis, catalog), gap_recommendation(gap, analysis, catalog),
                         gap_recommendation(gap, analysis, catalog, business=True)):
                assert not re.search(r"\{\w+\}", text) and "None" not in text, (lang, gap.id, text)


def test_below_target_messages_name_the_answers_and_the_unit() -> None:
    analysis = analyze(load_spec(str(RULE_CASES / "below_target" / "answers-and-units.yaml")))
    c = Catalog("en")
    texts = {g.id: gap_message(g, analysis, c) for g in analysis.gaps if g.kind == "below_target"}
    assert c.t("method.answers", responses=5, count=5) in texts["below_target:c1:nps"]
    wait = texts["below_target:trigger:wait"]
    assert with_unit(c.number(12.0), "min") in wait and with_unit(c.number(10.0), "min") in wait


def test_friction_messages_say_how_it_feels() -> None:
    """friction:c4 of friction/severity (emotion -2) names the feeling; friction:c3 (no emotion) does not."""
    analysis = analyze(load_spec(str(RULE_CASES / "friction" / "severity.yaml")))
    c = Catalog("en")
    texts = {g.id: gap_message(g, analysis, c) for g in analysis.gaps if g.kind == "friction"}
    feeling = c.t("gap.friction.feeling", feeling=c.t("emotion.-2"), emotion=-2)
    assert feeling in texts["friction:c4"] and c.t("emotion.-2") not in texts["friction:c3"]
