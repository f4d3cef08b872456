"""The experience layer through the service blueprint: one reach, the blueprint's, for keep and personas.

tests/data/blueprint/experience-lanes.yaml, by hand:

  x1 [5] is met by f1 and hurts (emotion -1, a pain point): friction, so x1 is to fix.
  keep = reaches an important (4-5), met touchpoint not in fix:
    f1 -> x1 (in fix): not kept;  b1 -> f1 -> x1: not kept either (the fix names them)
    f2 -> x2, b2 -> f2 -> x2, f3 -> x3, b3 -> f3, f2 -> x3, x2: kept
  by effort: f3 5, f2 3, b3 2, b2 1.
  day's view: x3 is night only; f3 reaches only x3, so it serves other personas and leaves the view;
    b3 reaches x3 and x2 (day's), so it stays.
  night's view: x2 is day only; f2 and b2 reach only x2 and leave; b3 still reaches x3 and stays.
"""

from __future__ import annotations

from conftest import DATA

from cxgap.analysis import analyze
from cxgap.spec import load_spec

SPEC = str(DATA / "blueprint" / "experience-lanes.yaml")


def test_fix_and_keep_through_backstage() -> None:
    a = analyze(load_spec(SPEC))
    assert a.recommendations.fix == ("x1",)
    assert a.recommendations.keep == ("f3", "f2", "b3", "b2")
    assert a.recommendations.stop == ()
    assert a.reach("b1") == {"x1"} and a.reach("b3") == {"x2", "x3"}


def test_persona_view_leaves_out_backstage_serving_other_personas() -> None:
    day = analyze(load_spec(SPEC), "day")
    assert [co.id for co in day.serves_other_personas] == ["f3"]
    assert {co.id for co in day.company} == {"f1", "f2", "b1", "b2", "b3"}
    night = analyze(load_spec(SPEC), "night")
    assert [co.id for co in night.serves_other_personas] == ["f2", "b2"]
    # b3 supports f2 too, which left the view: what is left of its reach is x3, night's
    assert "b3" in night.recommendations.keep and not any(g.subject == "b3" for g in night.gaps)
