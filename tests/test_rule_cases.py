"""Gap rules as data: each `tests/data/rules/<kind>/<case>.yaml` is a small spec
whose header comment says what edge it covers, and `<case>.expected.json`
beside it lists, by hand, the gaps of that kind it must raise: their ids,
severities and message keys (sorted by id). Nothing here is regenerated: a
wrong figure in a rule fails its case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA

from cxgap.analysis import analyze
from cxgap.analysis.rules import RULES, rule_for
from cxgap.spec import load_spec

RULE_CASES = DATA / "rules"
CASES = sorted(RULE_CASES.glob("*/*.yaml"))


def test_every_case_names_a_rule_and_has_its_expectation() -> None:
    assert CASES
    for case in CASES:
        assert case.parent.name in RULES, case
        assert case.with_suffix(".expected.json").is_file(), case
        assert case.read_text(encoding="utf-8").startswith("# "), f"{case}: say what edge it covers"


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_rule_case(case: Path) -> None:
    kind = case.parent.name
    analysis = analyze(load_spec(str(case)))
    got = sorted([g.id, g.severity.value, rule_for(kind).keys(g)[0]] for g in analysis.gaps if g.kind == kind)
    expected = json.loads(case.with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert got == expected
