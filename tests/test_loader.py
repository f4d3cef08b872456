"""The loader keeps what the user wrote, and reads what users write."""

from __future__ import annotations

import io
import random
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CLI

from cxgap.i18n import Catalog
from cxgap.limits import MAX_FLOW_DEPTH
from cxgap.problems import InputError
from cxgap.spec import load_spec, load_spec_text
from cxgap.yamlload import check_flow_depth, load_text

MINIMAL = """version: 1
journey:
  title: T
customer_touchpoints:
  - {id: a, stage: trigger, channel: web}
"""


def test_plain_scalars_stay_text() -> None:
    data = load_text("t", "id: 10\nowner: NO\ndate: 2024-01-02\nf: 1.50\nb: yes\nn: ~\ne:\nq: ''\n").data
    assert data == {"id": "10", "owner": "NO", "date": "2024-01-02", "f": "1.50", "b": "yes", "n": None,
                    "e": None, "q": ""}


def test_text_fields_keep_yaml_11_lookalikes() -> None:
    spec = load_spec_text("t.yaml", """version: 1
journey: {id: 2024-01-02, title: 10, owner: NO}
personas: [{id: 007, name: on}]
customer_touchpoints:
  - {id: 1e3, stage: trigger, channel: null channel, personas: ["007"]}
""").spec
    assert spec.journey.id == "2024-01-02"
    assert spec.journey.title == "10"
    assert spec.journey.owner == "NO"
    assert spec.personas[0].id == "007" and spec.personas[0].name == "on"
    assert spec.customer_touchpoints[0].id == "1e3"


def test_numbers_are_parsed_where_numbers_are_expected() -> None:
    spec = load_spec_text("t.yaml", MINIMAL.replace("channel: web}", "channel: web, importance: 5}")).spec
    assert spec.customer_touchpoints[0].importance == 5


@pytest.mark.parametrize("name", ["trigger", "Trigger", "TRIGGER", "触发", "觸發"])
def test_stage_named_in_any_language_becomes_its_id(name: str) -> None:
    spec = load_spec_text("t.yaml", MINIMAL.replace("stage: trigger", f"stage: {name}")).spec
    assert spec.customer_touchpoints[0].stage == "trigger"


def test_english_stage_name_with_other_spacing() -> None:
    text = MINIMAL.replace("stage: trigger", "stage: initial-brand_consideration")
    assert load_spec_text("t.yaml", text).spec.customer_touchpoints[0].stage == "consideration"


def test_custom_stage_list_replaces_the_default() -> None:
    text = MINIMAL.replace("customer_touchpoints:", "stages:\n  - {id: discover}\n  - {id: trigger, name: Spark}\n"
                           "customer_touchpoints:")
    loaded = load_spec_text("t.yaml", text)
    assert [s.id for s in loaded.stages] == ["discover", "trigger"]
    assert Catalog("zh-CN").stage_name(loaded.stages[1]) == "Spark"
    with pytest.raises(InputError, match="unknown stage 'loyalty'"):
        load_spec_text("t.yaml", text.replace("stage: trigger", "stage: loyalty"))


def test_custom_stage_with_default_id_keeps_translations() -> None:
    text = MINIMAL.replace("customer_touchpoints:", "stages:\n  - {id: trigger}\ncustomer_touchpoints:")
    stage = load_spec_text("t.yaml", text).stages[0]
    assert Catalog("zh-TW").stage_name(stage) == "觸發" and Catalog("zh-TW").stage_mindset(stage).startswith("業績下滑")


def test_company_stages_resolve_in_place_keeping_their_shape() -> None:
    """A company touchpoint's one stage stays one id, its list of stages stays the list of all their ids."""
    text = MINIMAL + ("company_touchpoints:\n  - {id: k1, stage: Trigger, channel: web}\n"
                      "  - {id: k2, stage: [Trigger, active evaluation, loyalty], channel: web}\n")
    k1, k2 = load_spec_text("t.yaml", text).spec.company_touchpoints
    assert k1.stage == "trigger"
    assert k2.stage == ["trigger", "evaluation", "loyalty"]


def _only_problem(text: str) -> str:
    with pytest.raises(InputError) as raised:
        load_spec_text("t.yaml", text)
    (problem,) = raised.value.problems
    return problem.message


def _stages(count: int, line: Callable[[int], str]) -> str:
    return "stages:\n" + "".join(f"  - {line(i)}\n" for i in range(count, 0, -1))


@pytest.mark.parametrize("count", [12, 13])
def test_expected_one_of_lists_show_twelve_names_then_count_the_rest(count: int) -> None:
    """Personas sorted, stages in the spec's order (here s13 or s12 first), twelve of them, then
    "… (N more)" only when there are more than twelve (DESIGN: "expected one of" in every message)."""
    personas = "personas:\n" + "".join(f"  - {{id: p{i:02}, name: P}}\n" for i in range(count, 0, -1))
    shown = [f"{i:02}" for i in range(1, 13)]
    more = ", … (1 more)" if count > 12 else ""
    text = MINIMAL.replace("customer_touchpoints:", personas + "customer_touchpoints:")
    assert _only_problem(text.replace("channel: web}", "channel: web, personas: [nobody]}")) == (
        "unknown persona 'nobody'; expected one of: " + ", ".join(f"p{i}" for i in shown) + more)
    text = MINIMAL.replace("customer_touchpoints:", _stages(count, lambda i: f"{{id: s{i:02}}}") +
                           "customer_touchpoints:")
    order = [f"{i:02}" for i in range(count, count - 12, -1)]
    assert _only_problem(text.replace("stage: trigger", "stage: nowhere")) == (
        "unknown stage 'nowhere'; expected a stage id or name: " + ", ".join(f"s{i}" for i in order) + more)
    assert _only_problem(MINIMAL.replace("stage: trigger", "stage: nowhere")) == (
        "unknown stage 'nowhere'; expected a stage id or name: out_of_market, trigger, consideration, evaluation, "
        "decision, experience, loyalty")


@pytest.mark.parametrize("count", [12, 13])
def test_a_stage_written_in_chinese_lists_twelve_chinese_names_then_counts_the_rest(count: int) -> None:
    """The stage names in the reference's script (a stage with no words of its own shows its name alone),
    twelve in the spec's order, then "… (N more)" only past twelve; the default stages, fewer, end with
    the last of them."""
    text = MINIMAL.replace("customer_touchpoints:", _stages(
        count, lambda i: f"{{id: s{i:02}, name: {{en: S{i}, zh-CN: 阶段{i}}}}}") + "customer_touchpoints:")
    names = ", ".join(f"阶段{i}" for i in range(count, count - 12, -1))
    more = ", … (1 more)" if count > 12 else ""
    assert _only_problem(text.replace("stage: trigger", "stage: 阶段零")) == (
        f"unknown stage '阶段零' (did you mean '阶段9'?); expected a stage name: {names}{more}")
    assert _only_problem(MINIMAL.replace("stage: trigger", "stage: 快乐")) == (
        "unknown stage '快乐'; expected a stage name: 市场外 (市场之外, 未入市), 触发 (触发点, 契机), "
        "初始品牌考虑 (考虑, 品牌考虑, 初始考虑), 积极评估 (评估, 主动评估), 购买决策 (决策, 购买), 体验 (使用体验), "
        "忠诚 (忠诚度)")


def test_x_keys_are_allowed_everywhere() -> None:
    text = MINIMAL.replace("channel: web}", "channel: web, x-jira: CX-12}") + "x-owner-team: {a: 1}\n"
    assert load_spec_text("t.yaml", text).spec.customer_touchpoints[0].id == "a"


def test_empty_optional_key_is_absent() -> None:
    spec = load_spec_text("t.yaml", MINIMAL + "personas:\ntargets:\n").spec
    assert spec.personas == [] and spec.targets == []


def test_merge_keys_and_anchors() -> None:
    text = """version: 1
journey: {title: T}
x-defaults: &defaults {stage: loyalty, channel: chat, importance: 4}
customer_touchpoints:
  - {<<: *defaults, id: a}
  - {<<: *defaults, id: b, importance: 2}
"""
    cts = load_spec_text("t.yaml", text).spec.customer_touchpoints
    assert [(c.id, c.stage, c.importance) for c in cts] == [("a", "loyalty", 4), ("b", "loyalty", 2)]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_bom_files(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(MINIMAL.replace("title: T", "title: 旅程").encode(encoding))
    assert load_spec(str(path)).title == "旅程"


def test_crlf_line_endings_keep_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(MINIMAL.replace("channel: web", "channel: web, importance: 7").replace("\n", "\r\n").encode())
    with pytest.raises(InputError) as info:
        load_spec(str(path))
    assert info.value.problems[0].line == 5


def test_stdin(cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(MINIMAL.encode())))
    result = cli("analyze", "-", "--format", "json").expect(0)
    assert '"source": "<stdin>"' in result.out
    assert '"id": "stdin"' in result.out


def test_journey_id_defaults_to_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "my-journey.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert load_spec(str(path)).journey_id == "my-journey"


def test_line_index_points_at_touchpoints() -> None:
    loaded = load_spec_text("t.yaml", MINIMAL)
    assert loaded.line_of("a") == (5, 5)
    assert loaded.line_of("nothing") == loaded.line_of(None)


def _slow_flow_depth(text: str) -> int | None:
    """The bracket pre-scan as documented, one bracket at a time: the offset of
    the first ``[``/``{`` that opens more than MAX_FLOW_DEPTH levels."""
    depth = 0
    for i, c in enumerate(text):
        if c in "[{":
            depth += 1
            if depth > MAX_FLOW_DEPTH:
                return i
        elif c in "]}" and depth:
            depth -= 1
    return None


def _offset(text: str, line: int, col: int) -> int:
    return sum(len(row) + 1 for row in text.split("\n")[:line - 1]) + col - 1


@pytest.mark.parametrize("seed", range(40))
def test_the_bracket_prescan_finds_what_a_bracket_by_bracket_scan_finds(seed: int) -> None:
    """The pre-scan runs in C (a few passes over the brackets alone); it must
    refuse exactly where the documented scan would, and nowhere else. The
    shapes mix deep runs, stray closers and unclosed openers, the cases where
    its quick bound is not enough and the exact scan decides."""
    rng = random.Random(seed)
    parts = []
    for _ in range(rng.randrange(5, 40)):
        n = rng.randrange(1, 120)
        parts.append(rng.choice(["[" * n, "]" * n, "{a: " * n + "}" * n, "[]," * n, "é\n" * n, "x" * n]))
    text = "".join(parts)
    expected = _slow_flow_depth(text)
    try:
        check_flow_depth("t.yaml", text)
    except InputError as exc:
        problem = exc.problems[0]
        assert expected is not None and _offset(text, problem.line, problem.col) == expected
        assert "brackets nested deeper than 256 levels" in problem.message
    else:
        assert expected is None


def test_the_bracket_prescan_finds_a_deep_bracket_after_millions() -> None:
    """Millions of shallow brackets (seconds when scanned one by one) take the
    quick path; a deep one after them is still found, at its place."""
    text = "x: [" + "[], " * 1_000_000 + "[]]\n" + "y: '" + "[" * 300 + "'\n"
    with pytest.raises(InputError) as caught:
        check_flow_depth("t.yaml", text)
    assert (caught.value.problems[0].line, caught.value.problems[0].col) == (2, 5 + 256)
    check_flow_depth("t.yaml", "x: [" + "[], " * 1_000_000 + "[]]\n")


def test_a_misspelt_link_gets_a_did_you_mean_for_the_first_twenty(tmp_path: Path) -> None:
    """`meets: [add]` beside a customer touchpoint `ad` says "did you mean 'ad'?"; a spec of many broken
    links stays fast: only the first :data:`cxgap.xref.SUGGESTED` look for a close id."""
    from cxgap.xref import SUGGESTED

    broken = ", ".join(f"tp-{i:03d}x" for i in range(SUGGESTED + 5))
    customers = "".join(f"  - {{id: tp-{i:03d}, stage: trigger, channel: web}}\n" for i in range(SUGGESTED + 5))
    path = tmp_path / "links.yaml"
    path.write_text("version: 1\njourney: {title: T}\ncustomer_touchpoints:\n" + customers
                    + f"company_touchpoints:\n  - {{id: k1, stage: trigger, channel: web, meets: [{broken}]}}\n"
                    "  - {id: b1, stage: trigger, channel: ops, lane: backstage, supports: [k11]}\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_spec(str(path))
    texts = [p.message for p in err.value.problems]
    meets = [t for t in texts if "`meets`" in t]
    assert len(meets) == SUGGESTED + 5
    assert all(f"names 'tp-{i:03d}x'" in t and f"(did you mean 'tp-{i:03d}'?)" in t
               for i, t in enumerate(meets[:SUGGESTED]))
    assert not any("did you mean" in t for t in meets[SUGGESTED:])
    [supports] = [t for t in texts if "`supports`" in t]  # the budget is spent: no lookup for it either
    assert "did you mean" not in supports
