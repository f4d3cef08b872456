"""Validation through cxgap/budget.py: long lists and mappings are validated in
chunks, and the problems are the same as pydantic's own, at the same places,
with the rest counted exactly (the 10 MiB cases are in test_hostile_memory.py)."""

from __future__ import annotations

import pytest

from cxgap.budget import CHUNK
from cxgap.problems import InputError
from cxgap.spec import load_spec_text

HEAD = "version: 1\njourney:\n  title: T\n"


def touchpoints(n: int, wrong: set[int]) -> str:
    lines = [HEAD, "customer_touchpoints:\n"]
    for i in range(n):
        importance = "lots" if i in wrong else "3"
        lines.append(f"  - {{id: c{i}, stage: trigger, channel: web, importance: {importance}}}\n")
    return "".join(lines)


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_spec_text("j.yaml", text)
    return [str(p) for p in caught.value.problems]


def test_a_long_valid_list_keeps_every_item_in_order() -> None:
    loaded = load_spec_text("j.yaml", touchpoints(3 * CHUNK + 7, set()))
    assert [t.id for t in loaded.spec.customer_touchpoints] == [f"c{i}" for i in range(3 * CHUNK + 7)]


def test_problems_in_later_chunks_keep_their_index_and_line() -> None:
    wrong = {CHUNK + 3, 3 * CHUNK + 6}
    found = problems(touchpoints(3 * CHUNK + 7, wrong))
    assert [p.split(": ")[0:2] for p in found] == [
        [f"j.yaml:{5 + i}:{55 + len(str(i))}", f"customer_touchpoints[{i}].importance"] for i in sorted(wrong)]


def test_a_long_mapping_is_checked_key_by_key() -> None:
    channels = "".join(f"  c{i}: [web]\n" if i != CHUNK + 9 else f"  c{i}: web\n" for i in range(2 * CHUNK))
    found = problems(HEAD + "channels:\n" + channels)
    assert len(found) == 1 and found[0].startswith(f"j.yaml:{5 + CHUNK + 9}:9: channels.c{CHUNK + 9}: expected a list")


def test_beyond_the_budget_problems_are_counted_exactly() -> None:
    found = problems(touchpoints(1500, set(range(1500))))
    assert found[0].startswith("j.yaml:5:56: customer_touchpoints[0].importance")
    assert found[-1].endswith("… and 1,400 more problems (only the first 100 are shown)")


def test_unknown_keys_beyond_the_budget_are_counted_with_the_rest() -> None:
    text = touchpoints(10, {9}) + "".join(f"k{i}: 1\n" for i in range(1200))
    found = problems(text)
    # 1,200 unknown keys and one wrong importance: 1,201 problems, 100 shown.
    assert found[-1].endswith("… and 1,101 more problems (only the first 100 are shown)")
    assert found[0].startswith("j.yaml:14:56: customer_touchpoints[9].importance")
