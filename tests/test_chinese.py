"""Chinese as a first language: stage words, both scripts, folded CJK
paragraphs, custom stage names in three languages, the language default.

The specs under tests/data/zh/ are the test data: each carries an
``x-expect`` block (an extension key cxgap ignores) saying what it must
resolve to, so a new case is a new file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CLI, DATA

from cxgap.analysis import analyze
from cxgap.cjk import format_spaced, join_folds, script, simplified
from cxgap.i18n import Catalog
from cxgap.language import choose, from_environment, from_locale, parse
from cxgap.problems import UsageError
from cxgap.spec import load_spec
from cxgap.stages import DEFAULT_STAGES, StageIndex

ZH = sorted((DATA / "zh").glob("*.yaml"))


def _expect(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    expect: dict[str, Any] = data["x-expect"]
    return expect


def test_there_are_chinese_specs() -> None:
    assert len(ZH) >= 4
    assert len([p for p in ZH if "stages" in _expect(p)]) >= 3


@pytest.mark.parametrize("path", [p for p in ZH if "stages" in _expect(p)], ids=lambda p: p.name)
def test_stage_references_resolve(path: Path) -> None:
    loaded = load_spec(str(path))
    spec = loaded.spec
    got: dict[str, str | list[str]] = {tp.id: tp.stage for tp in spec.customer_touchpoints}
    got.update({tp.id: tp.stage for tp in spec.company_touchpoints})
    assert got == _expect(path)["stages"]


@pytest.mark.parametrize("path", [p for p in ZH if "met" in _expect(p)], ids=lambda p: p.name)
def test_channels_meet_across_scripts(path: Path) -> None:
    analysis = analyze(load_spec(str(path)))
    for customer_id, company_ids in _expect(path)["met"].items():
        assert sorted(analysis.met_by[customer_id]) == sorted(company_ids), customer_id


@pytest.mark.parametrize("path", [p for p in ZH if "text" in _expect(p)], ids=lambda p: p.name)
def test_folded_paragraphs(path: Path) -> None:
    loaded = load_spec(str(path))
    data = loaded.spec.model_dump()
    for where, text in _expect(path)["text"].items():
        value: Any = data
        for part in where.split("."):
            value = value[int(part)] if part.isdigit() else value[part]
        assert value == text, where


@pytest.mark.parametrize("path", [p for p in ZH if "names" in _expect(p)], ids=lambda p: p.name)
def test_custom_stage_names_by_language(path: Path) -> None:
    stages = load_spec(str(path)).stages
    expect = _expect(path)
    for lang, names in expect["names"].items():
        assert [Catalog(lang).stage_name(s) for s in stages] == names, lang
    for lang, mindsets in expect.get("mindsets", {}).items():
        assert [Catalog(lang).stage_mindset(s) for s in stages] == mindsets, lang


def test_custom_stage_names_reach_the_reports(cli: CLI) -> None:
    spec = DATA / "zh" / "custom-stage-names.yaml"
    assert "| 預約 |" in cli("analyze", spec, "-f", "markdown", "--lang", "zh-TW").expect(0).out
    assert "| 预约 |" in cli("analyze", spec, "-f", "markdown", "--lang", "zh-CN").expect(0).out
    assert "| Booking |" in cli("analyze", spec, "-f", "markdown", "--lang", "en").expect(0).out


def test_every_stage_word_has_both_scripts() -> None:
    index = StageIndex(DEFAULT_STAGES)
    for stage in DEFAULT_STAGES:
        cn, tw = stage.words["zh-CN"], stage.words["zh-TW"]
        assert [simplified(w) for w in tw] == list(cn), stage.id
        for word in (*cn, *tw, *stage.words["en"], *stage.names.values()):
            assert index.resolve(word) == stage.id, word


def test_stage_words_are_listed(cli: CLI) -> None:
    out = cli("stages", "--lang", "zh-TW").expect(0).out
    for stage in DEFAULT_STAGES:
        for word in stage.words["zh-TW"]:
            assert word in out
    assert "初始品牌考慮（考慮、品牌考慮、初始考慮）" in out
    assert "考虑" in cli("stages", "--lang", "zh-CN").expect(0).out


def test_ids_stay_exact() -> None:
    """Ids are identifiers: 臺北 and 台北 are two ids, and a stage id is not folded."""
    text = """version: 1
journey: {title: t}
customer_touchpoints:
  - {id: 臺北, stage: 評估, channel: 門市}
  - {id: 台北, stage: 评估, channel: 门市}
company_touchpoints:
  - {id: store, stage: evaluation, channel: 門市, meets: [臺北]}
"""
    from cxgap.spec import load_spec_text

    analysis = analyze(load_spec_text("ids.yaml", text))
    assert analysis.met_by["臺北"] == ("store",)
    assert analysis.met_by["台北"] == ()


def test_a_channel_alias_in_both_scripts_is_one_alias(cli: CLI, tmp_path: Path) -> None:
    spec = tmp_path / "alias.yaml"
    spec.write_text("version: 1\njourney: {title: t}\nchannels:\n  客服: [電話]\n  電話客服: [电话]\n",
                    encoding="utf-8")
    err = cli("validate", spec).expect(2).err
    assert "channel '电话' is listed under both '客服' and '電話客服'" in err


@pytest.mark.parametrize(("text", "lang"), [
    ("zh_TW.UTF-8", "zh-TW"), ("zh_HK.UTF-8", "zh-TW"), ("zh_MO", "zh-TW"), ("zh-Hant", "zh-TW"),
    ("zh_CN.UTF-8", "zh-CN"), ("zh_SG.GB2312", "zh-CN"), ("zh", "zh-CN"), ("zh-Hans-TW", "zh-CN"),
    ("en_US.UTF-8", "en"), ("C.UTF-8", "en"), ("POSIX", "en"), ("fr_FR", None), ("de", None),
])
def test_locale_names(text: str, lang: str | None) -> None:
    assert parse(text) == lang


def test_the_first_locale_variable_set_decides() -> None:
    assert from_locale({"LC_ALL": "C", "LANG": "zh_TW.UTF-8"}) == "en"
    assert from_locale({"LC_ALL": "", "LC_MESSAGES": "zh_CN.UTF-8", "LANG": "zh_TW.UTF-8"}) == "zh-CN"
    assert from_locale({"LANG": "zh_HK.UTF-8"}) == "zh-TW"
    assert from_locale({"LANG": "fr_FR.UTF-8"}) == "en"
    assert from_locale({}) == "en"


def test_default_language_order() -> None:
    env = {"CXGAP_LANG": "zh-CN", "LANG": "zh_TW.UTF-8"}
    assert choose("en", ["zh-TW"], env) == "en"
    assert choose(None, ["zh-TW"], env) == "zh-TW"
    assert choose(None, [None], env) == "zh-CN"
    assert choose(None, ["zh-TW", "zh-CN"], env) == "zh-CN"  # specs disagree: the environment decides
    assert choose(None, [], {"LANG": "zh_TW.UTF-8"}) == "zh-TW"
    assert choose(None, [], {}) == "en"
    with pytest.raises(UsageError, match="CXGAP_LANG is 'klingon'"):
        from_environment({"CXGAP_LANG": "klingon"})


def test_the_spec_language_and_the_locale_pick_the_report_language(cli: CLI, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("CXGAP_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_TW.UTF-8")
    spec = DATA / "zh" / "stage-words-cn.yaml"
    assert "## 階段" in cli("analyze", spec, "-f", "markdown").expect(0).out
    tagged = tmp_path / "tagged.yaml"
    tagged.write_text(spec.read_text(encoding="utf-8").replace("  id: cn-b2b\n", "  id: cn-b2b\n  lang: zh-CN\n"),
                      encoding="utf-8")
    assert "## 阶段" in cli("analyze", tagged, "-f", "markdown").expect(0).out
    assert "## Stages" in cli("analyze", tagged, "-f", "markdown", "--lang", "en").expect(0).out
    monkeypatch.setenv("CXGAP_LANG", "zh-CN")
    assert "## 阶段" in cli("analyze", spec, "-f", "markdown").expect(0).out


def test_script_of_text() -> None:
    assert script("電話客服") == "zh-TW"
    assert script("电话客服") == "zh-CN"
    assert script("phone") is None
    assert simplified("Phone") == "Phone"
    assert simplified("臺灣 電話") == "台湾 电话"


def test_a_fold_joins_only_where_a_line_broke() -> None:
    source = ">\n  中文\n  字 与\n  词\n"
    assert join_folds("中文 字 与 词\n", source) == "中文字 与词\n"
    assert join_folds("a b\n", ">\n  a\n  b\n") == "a b\n"
    assert join_folds("中 文\n", ">\n  不\n  对\n") == "中 文\n"  # does not line up: left as it is


def test_template_and_value_get_a_space_between_scripts() -> None:
    assert format_spaced("改进{name}", {"name": "Asks for an appointment"}) == "改进 Asks for an appointment"
    assert format_spaced("共{n}个", {"n": 2}) == "共 2 个"
    assert format_spaced("「{name}」未覆盖", {"name": "demo"}) == "「demo」未覆盖"
    assert format_spaced("{a}{b}", {"a": "中", "b": "x"}) == "中x"  # the user's own words stay as written
    assert format_spaced("{missing}", {}) == "{missing}"


@pytest.mark.parametrize(("template", "params", "text"), [
    ("已由{name}覆盖", {"name": "搜索结果网格"}, "已由搜索结果网格覆盖"),  # Chinese meets Chinese: no space
    ("已由{name}覆盖", {"name": "Live demo"}, "已由 Live demo 覆盖"),
    ("{stage}階段", {"stage": "Thriving (12+ months after separation)"}, "Thriving (12+ months after separation) 階段"),
    ("未知的阶段{stage}（", {"stage": "'x'"}, "未知的阶段 'x'（"),  # Latin quotes, then CJK punctuation: none
    ("变化{delta}分", {"delta": "+2.5"}, "变化 +2.5 分"),
    ("占{share}的", {"share": "63.6%"}, "占 63.6% 的"),
    ("（{name}）", {"name": "Live demo"}, "（Live demo）"),
    ("{a}{b}", {"a": "中", "b": "x"}, "中x"),
])
def test_format_spaced_decides_from_the_value_s_edges(template: str, params: dict[str, str], text: str) -> None:
    assert format_spaced(template, params) == text


def test_format_spaced_reads_markup_by_its_visible_text() -> None:
    """An HTML report's value is escaped or wrapped in a span: its tags and entities are not its edges."""
    from markupsafe import Markup, escape

    span = Markup('官网落地页 <span class="mono">web</span>')  # seen: 官网落地页 web
    assert format_spaced("（由{name}覆盖）", {"name": span}) == f"（由{span} 覆盖）"
    assert format_spaced("由{name}覆盖", {"name": Markup("<b>官网</b>")}) == "由<b>官网</b>覆盖"
    assert format_spaced("由{name}覆盖", {"name": Markup("<b>Live demo</b>")}) == "由 <b>Live demo</b> 覆盖"
    assert format_spaced("阶段{stage}（", {"stage": escape("'x'")}) == "阶段 &#39;x&#39;（"


def test_chinese_names_get_no_spaces_in_reports(cli: CLI, tmp_path: Path) -> None:
    spec = tmp_path / "s.yaml"
    spec.write_text("version: 1\njourney: {title: t, lang: zh-CN}\ncustomer_touchpoints:\n"
                    "  - {id: grid, name: 浏览搜索结果, stage: evaluation, channel: 官网, importance: 4,"
                    " pain_points: [太慢]}\n"
                    "company_touchpoints:\n  - {id: g, name: 搜索结果网格, stage: evaluation, channel: 官网,"
                    " meets: [grid]}\n", encoding="utf-8")
    out = cli("analyze", spec, "-f", "markdown").expect(0).out
    assert "已由搜索结果网格覆盖" in out and "（由搜索结果网格覆盖）" in out, out
    assert "已由 搜索结果网格" not in out, out


def test_the_terminal_report_wraps_chinese_by_display_width(cli: CLI) -> None:
    """Rich breaks lines only at spaces: a run of Chinese moved whole to the next line and left `  -` alone
    on its own. Every line now fits the width, and a list item's further lines hang under its text."""
    from cxgap.cjk import display_width

    out = cli("analyze", DATA.parent.parent / "journeys" / "retail-omnichannel.yaml", "--lang", "zh-CN", "-f",
              "table", "--width", "80", "--all").expect(0).out
    lines = out.splitlines()
    assert [line for line in lines if display_width(line) > 80] == []
    assert "  -" not in lines
    fixes = lines[lines.index("优先修复：") + 1:]
    assert fixes[0].startswith("  - ") and fixes[1].startswith("    ") and not fixes[1].startswith("     "), fixes


@pytest.mark.parametrize("lang", ["zh-CN", "zh-TW"])
@pytest.mark.parametrize("template", ["b2b", "retail", "saas"])
def test_chinese_starters_are_the_english_journey_in_chinese(template: str, lang: str) -> None:
    """Same ids, stages, links and gaps as the English starter; Chinese comments and content."""
    from cxgap.spec import load_spec_text
    from cxgap.templates import render_template

    english = analyze(load_spec_text("en.yaml", render_template(template, "s.json")))
    text = render_template(template, "s.json", lang)
    chinese = analyze(load_spec_text(f"{lang}.yaml", text))
    assert [g.id for g in chinese.gaps] == [g.id for g in english.gaps]
    assert chinese.met_by == english.met_by
    assert chinese.scores == english.scores
    assert chinese.spec.journey.lang == lang
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert sum(1 for line in comments if script(line) is not None) >= len(comments) * 0.8
    content = [chinese.title, *(tp.name for tp in chinese.spec.customer_touchpoints if tp.name)]
    assert all(script(text) is not None for text in content)
    if lang == "zh-TW":
        assert script(chinese.title) == "zh-TW"


def test_init_writes_the_starter_in_the_language(cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("CXGAP_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    assert "顧客接觸點" in cli("init", "-", "--lang", "zh-TW").expect(0).out
    assert "客户触点" in cli("init", "-", "--lang", "zh-CN").expect(0).out
    monkeypatch.setenv("LANG", "zh_TW.UTF-8")
    assert "顧客接觸點" in cli("init", "-").expect(0).out
    assert "customer touchpoints" in cli("init", "-", "--lang", "en").expect(0).out


# --- lists in messages: the catalog's separator (、 in Chinese), English unchanged ---------------------------

LIST_SPECS = (  # problems of validation, then problems of references (checked once the spec validates)
    """version: 1
journey: {{title: t, lang: {lang}}}
policy: {{fail_on: bad}}
customer_touchpoints:
  - {{id: a, stage: trigger, channel: web, improtance: 3}}
sources:
  - {{file: x.csv, metric: nps, answer: q, touchpoint: a, stage: trigger}}
""",
    """version: 1
journey: {{title: t, lang: {lang}}}
personas: [{{id: sam, name: Sam}}, {{id: kim, name: Kim}}, {{id: lee, name: Lee}}]
customer_touchpoints:
  - {{id: a, stage: nowhere, channel: web, personas: [sam, zed]}}
  - {{id: b, stage: trigger, channel: web, personas: [sam, lee], persona_importance: {{kim: 3}}}}
""")
LISTS = {
    # what the list is of: (English, Chinese with {sep} between the items)
    "keys": ("channel, description, emotion", "channel{sep}description{sep}emotion"),
    "severities": ("'critical', 'high', 'medium'", "'critical'{sep}'high'{sep}'medium'"),
    "subjects": ("not several: touchpoint, stage", "touchpoint{sep}stage"),
    "stages": ("out_of_market, trigger, consideration", "out_of_market{sep}trigger{sep}consideration"),
    "personas": ("expected one of: kim, lee, sam", "kim{sep}lee{sep}sam"),
    "personas of the touchpoint": ("its `personas`: sam, lee", "sam{sep}lee"),
}


@pytest.mark.parametrize("lang", ["en", "zh-CN", "zh-TW"])
def test_lists_in_problems_use_the_catalog_separator(cli: CLI, tmp_path: Path, lang: str) -> None:
    """`应为以下之一：channel、description、…`: a Chinese message lists with 、, not an ASCII comma."""
    err = ""
    for i, text in enumerate(LIST_SPECS):
        spec = tmp_path / f"s{i}.yaml"
        spec.write_text(text.format(lang=lang), encoding="utf-8")
        err += cli("validate", spec).expect(2).err.replace(str(spec), "")
    for english, chinese in LISTS.values():
        assert (english if lang == "en" else chinese.format(sep="、")) in err, err
    if lang != "en":
        assert ", " not in err, err


@pytest.mark.parametrize(("args", "english", "chinese"), [
    (("check", "{spec}", "-f", "nope"), "text, json, github, junit", "text、json、github、junit"),
    (("init", "-", "-t", "nope"), "b2b, retail, saas", "b2b、retail、saas"),
    (("analyze", "{spec}", "--persona", "x"), "known personas: kim, sam", "kim、sam"),
])
def test_lists_in_command_line_errors_use_the_catalog_separator(cli: CLI, tmp_path: Path, args: tuple[str, ...],
                                                               english: str, chinese: str) -> None:
    spec = tmp_path / "s.yaml"
    spec.write_text("version: 1\njourney: {title: t}\npersonas: [{id: sam, name: S}, {id: kim, name: K}]\n"
                    "customer_touchpoints:\n"
                    "  - {id: a, stage: trigger, channel: web}\n", encoding="utf-8")
    args = tuple(a.format(spec=spec) for a in args)
    assert english in cli(*args).expect(2).err
    assert chinese in cli(*args, "--lang", "zh-TW").expect(2).err


def test_the_schema_lists_stage_words_with_the_catalog_separator(cli: CLI) -> None:
    import json

    schema = json.loads(cli("schema", "--lang", "zh-CN").expect(0).out)
    description = schema["$defs"]["CustomerTouchpoint"]["properties"]["stage"]["description"]
    assert "consideration、decision" in description and ", " not in description, description
