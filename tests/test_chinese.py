"""Chinese text in both scripts: channels and aliases compared across
Traditional and Simplified characters, ids kept exact, folded CJK paragraphs
joined without spaces. The specs under tests/data/zh/ carry what they must
give in an ``x-expect`` block (an extension key cxgap ignores)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CLI, DATA

from cxgap.analysis import analyze
from cxgap.cjk import format_spaced, join_folds, script, simplified
from cxgap.spec import load_spec, load_spec_text

ZH = sorted((DATA / "zh").glob("*.yaml"))


def _expect(path: Path) -> dict[str, Any]:
    expect: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))["x-expect"]
    return expect


@pytest.mark.parametrize("path", [p for p in ZH if "met" in _expect(p)], ids=lambda p: p.name)
def test_channels_meet_across_scripts(path: Path) -> None:
    analysis = analyze(load_spec(str(path)))
    for customer_id, company_ids in _expect(path)["met"].items():
        assert sorted(analysis.met_by[customer_id]) == sorted(company_ids), customer_id


@pytest.mark.parametrize("path", [p for p in ZH if "text" in _expect(p)], ids=lambda p: p.name)
def test_folded_paragraphs(path: Path) -> None:
    data = load_spec(str(path)).spec.model_dump()
    for where, text in _expect(path)["text"].items():
        value: Any = data
        for part in where.split("."):
            value = value[int(part)] if part.isdigit() else value[part]
        assert value == text, where


def test_ids_stay_exact() -> None:
    """Ids are identifiers: 臺北 and 台北 are two ids."""
    text = """version: 1
journey: {title: t}
customer_touchpoints:
  - {id: 臺北, stage: evaluation, channel: 門市}
  - {id: 台北, stage: evaluation, channel: 门市}
company_touchpoints:
  - {id: store, stage: evaluation, channel: 門市, meets: [臺北]}
"""
    analysis = analyze(load_spec_text("ids.yaml", text))
    assert analysis.met_by["臺北"] == ("store",)
    assert analysis.met_by["台北"] == ()


def test_a_channel_alias_in_both_scripts_is_one_alias(cli: CLI, tmp_path: Path) -> None:
    spec = tmp_path / "alias.yaml"
    spec.write_text("version: 1\njourney: {title: t}\nchannels:\n  客服: [電話]\n  電話客服: [电话]\n",
                    encoding="utf-8")
    assert "'电话'" in cli("validate", spec).expect(2).err


def test_script_of_text() -> None:
    assert script("電話客服") == "zh-TW"
    assert script("电话客服") == "zh-CN"
    assert script("phone") is None
    assert simplified("Phone") == "Phone"
    assert simplified("臺灣 電話") == "台湾 电话"


def test_a_fold_joins_only_where_a_line_broke() -> None:
    assert join_folds("中文 字 与 词\n", ">\n  中文\n  字 与\n  词\n") == "中文字 与词\n"
    assert join_folds("a b\n", ">\n  a\n  b\n") == "a b\n"
    assert join_folds("中 文\n", ">\n  不\n  对\n") == "中 文\n"  # does not line up: left as it is


def test_template_and_value_get_a_space_between_scripts() -> None:
    assert format_spaced("改进{name}", {"name": "Asks for an appointment"}) == "改进 Asks for an appointment"
    assert format_spaced("共{n}个", {"n": 2}) == "共 2 个"
    assert format_spaced("「{name}」未覆盖", {"name": "demo"}) == "「demo」未覆盖"
    assert format_spaced("{a}{b}", {"a": "中", "b": "x"}) == "中x"
    assert format_spaced("{missing}", {}) == "{missing}"
