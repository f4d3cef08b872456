"""The text catalogs: every language has every text of en.json, in each of its
plural forms, with the same placeholders; no code asks for a key that does not
exist; and a language is one catalog file, as a throwaway one proves."""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CLI, ROOT

from cxgap import i18n
from cxgap.i18n import FORMS, LANGS, Catalog, languages, load_catalog

I18N = ROOT / "cxgap" / "i18n"
CODE = ROOT / "cxgap"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def base(key: str) -> str:
    head, _, last = key.rpartition(".")
    return head if last in FORMS else key


def texts(lang: str) -> dict[str, dict[str, str]]:
    """A catalog as {base key: {form or "": text}}."""
    out: dict[str, dict[str, str]] = {}
    for key, text in load_catalog(lang).items():
        form = key.rpartition(".")[2] if base(key) != key else ""
        out.setdefault(base(key), {})[form] = text
    return out


def test_languages_are_the_catalog_files() -> None:
    assert sorted(LANGS) == sorted(p.stem for p in I18N.glob("*.json"))
    assert LANGS[0] == "en" and {"zh-CN", "zh-TW"} <= set(LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_of_english_in_every_form_of_the_language(lang: str) -> None:
    en, other = texts("en"), texts(lang)
    forms = load_catalog(lang)["lang.plural"].split()
    assert set(forms) <= set(FORMS) and "other" in forms
    assert sorted(set(en) - set(other)) == [], f"{lang}.json lacks texts"
    assert sorted(set(other) - set(en)) == [], f"{lang}.json has texts en.json does not"
    wrong = {key: sorted(other[key]) for key in en
             if set(other[key]) != ({""} if set(en[key]) == {""} else set(forms))}
    assert wrong == {}, f"{lang}.json: plural forms differ from its lang.plural {forms}: {wrong}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_has_the_placeholders_of_english(lang: str) -> None:
    """Same placeholders as English (its `other` form for plural texts); a `one`
    form may leave out `{count}` ("the top gap")."""
    en, other = texts("en"), texts(lang)
    wrong = {}
    for key, forms in other.items():
        expected = placeholders(en[key].get("other", en[key].get("", "")))
        for form, text in forms.items():
            found = placeholders(text)
            if found != expected and not (form == "one" and found == expected - {"count"}):
                wrong[f"{key}.{form}".rstrip(".")] = (sorted(expected), sorted(found))
    assert wrong == {}, f"{lang}.json: placeholders differ (en, {lang}): {wrong}"


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_is_one_text_per_line_of_plain_strings(lang: str) -> None:
    raw = (I18N / f"{lang}.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    assert all(isinstance(v, str) and v for v in data.values())
    assert len(raw.splitlines()) == len(data) + 2, "one key per line keeps merges easy"


@pytest.mark.parametrize("lang", ["zh-CN", "zh-TW"])
def test_chinese_catalogs_are_translated(lang: str) -> None:
    """Texts that must differ from English do (a copied-over catalog would pass the key test)."""
    en, other = load_catalog("en"), load_catalog(lang)
    same = [k for k in other if en.get(k) == other[k] and re.search(r"[A-Za-z]{4,}", other[k])]
    assert same == [], f"{lang}.json: untranslated: {same}"
    assert re.search(r"[\u4e00-\u9fff]", other["stage.trigger.name"] + other["stage.trigger.mindset"])


def test_simplified_and_traditional_differ() -> None:
    cn, tw = load_catalog("zh-CN"), load_catalog("zh-TW")
    assert cn["label.customer_touchpoints"] != tw["label.customer_touchpoints"]
    assert "觸" in tw["label.customer_touchpoints"] and "触" in cn["label.customer_touchpoints"]
    assert cn["stage.trigger.name"] == "触发" and tw["stage.trigger.name"] == "觸發"


def _used_keys() -> Iterator[tuple[str, str]]:
    """Literal keys in t("...") / c.t("...") / _label(c, "...") calls anywhere in cxgap and its templates."""
    pattern = re.compile(r"""\bt\(\s*f?['"]([a-z_]+(?:\.[a-z0-9_{}]+)+)['"]"""
                         r"""|_label(?:led)?\(c,\s*['"]([a-z_.0-9]+)['"]""")
    for path in [*CODE.rglob("*.py"), *CODE.rglob("*.html")]:
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            yield str(path.relative_to(ROOT)), match.group(1) or match.group(2)


def test_every_key_the_code_uses_exists() -> None:
    en = Catalog("en")
    used = list(_used_keys())
    assert len(used) > 50, "found too few catalog keys: the pattern is wrong"
    missing = [(where, key) for where, key in used if "{" not in key and not en.has(key)]
    assert missing == []
    patterns = {key for _, key in used if "{" in key}
    for pattern in patterns:
        regex = re.compile(re.sub(r"\\\{[a-z_.\\\[\]'\"]+\\\}", "[a-z0-9_]+", re.escape(pattern)) + r"(\.(one|other))?")
        assert any(regex.fullmatch(k) for k in load_catalog("en")), f"no key matches {pattern}"


def test_a_missing_key_is_an_error_not_a_silent_key() -> None:
    with pytest.raises(KeyError, match=r"no\.such\.key"):
        Catalog("zh-CN").t("no.such.key")
    assert Catalog("zh-TW").t("label.report") == "顧客旅程缺口分析"


@pytest.mark.parametrize(("lang", "one", "many"), [
    ("en", "1 touchpoint", "2 touchpoints"),
    ("zh-CN", "1 个触点", "2 个触点"),
    ("zh-TW", "1 個接觸點", "2 個接觸點"),
])
def test_plural_forms(lang: str, one: str, many: str) -> None:
    c = Catalog(lang)
    assert c.t("unit.touchpoint", count=1) == one
    assert c.t("unit.touchpoint", count=2) == many
    assert c.t("unit.touchpoint", count=0) == many.replace("2", "0")
    with pytest.raises(KeyError, match="count"):
        c.t("unit.touchpoint")


def test_one_touchpoint_reads_in_the_singular(cli: CLI, tmp_path: Path) -> None:
    spec = tmp_path / "one.yaml"
    spec.write_text("version: 1\njourney:\n  title: One\ncustomer_touchpoints:\n"
                    "  - {id: c1, stage: trigger, channel: web, name: Reads, importance: 4, evidence: survey}\n"
                    "company_touchpoints:\n"
                    "  - {id: k1, stage: loyalty, channel: email, name: Mails, effort: 2}\n", encoding="utf-8")
    out = cli("analyze", spec, "--format", "markdown", "--all").expect(0).out
    assert "Trigger stage (1 touchpoint, 100% of importance)" in out
    assert "1 touchpoints" not in out


THROWAWAY = {
    "lang.name": "Pig Latin",
    "lang.list_sep": " / ",
    "lang.plural": "one other",
    "stage.trigger.name": "Iggertray",
    "label.report": "Ustomercay ourneyjay apgay analysisay",
}


@pytest.fixture
def pig_latin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A throwaway language: one catalog file (English texts, a few translated), nothing else."""
    catalog = {**load_catalog("en"), **THROWAWAY}
    (tmp_path / "x-pig.json").write_text(json.dumps(catalog, ensure_ascii=False, indent=2), encoding="utf-8")
    monkeypatch.setattr(i18n, "CATALOG_DIRS", [*i18n.CATALOG_DIRS, tmp_path])
    i18n.reload()
    yield "x-pig"
    monkeypatch.undo()
    i18n.reload()


def test_a_new_language_is_one_catalog_file(pig_latin: str, cli: CLI, tmp_path: Path) -> None:
    assert pig_latin in languages() and pig_latin in LANGS
    c = Catalog(pig_latin)
    assert c.list_sep == " / ", "its own list separator, not the Chinese one"
    out = cli("analyze", ROOT / "journeys" / "b2b-crm.yaml", "--lang", pig_latin, "--format", "markdown").expect(0).out
    assert "Ustomercay ourneyjay apgay analysisay" in out and "Iggertray" in out
    stages = cli("stages", "--lang", pig_latin).expect(0).out
    assert "Iggertray" in stages
    spec = (ROOT / "journeys" / "b2b-crm.yaml").read_text(encoding="utf-8")
    renamed = tmp_path / "named.yaml"
    renamed.write_text(re.sub(r"stage: trigger\b", "stage: Iggertray", spec), encoding="utf-8")
    assert "Iggertray" in renamed.read_text(encoding="utf-8")
    cli("validate", renamed).expect(0)


GLOSSARY = {
    # language: {concept: (the term cxgap uses, a pattern of the term it does not)}
    "zh-CN": {"customer": ("客户", r"顾客"), "touchpoint": ("触点", r"接触点"),
              "company touchpoint": ("公司触点", r"企业触点")},
    "zh-TW": {"customer": ("顧客", r"客戶(?!成功)"), "touchpoint": ("接觸點", r"(?<!接)觸點"),
              "company touchpoint": ("公司接觸點", r"企業接觸點")},
}
"""One Chinese word per concept: zh-CN says 客户, 触点 and 公司触点 (most of its texts did), zh-TW 顧客, 接觸點
and 公司接觸點.
`客戶成功` (Customer Success) is a team's name in the starters, not the concept."""


@pytest.mark.parametrize("lang", sorted(GLOSSARY))
def test_one_chinese_term_per_concept(lang: str) -> None:
    starters = sorted((CODE / "data" / "starters" / lang).glob("*.yaml"))
    assert starters
    sources = [(f"{lang}.json", (I18N / f"{lang}.json").read_text(encoding="utf-8")),
               *((p.name, p.read_text(encoding="utf-8")) for p in starters)]
    for concept, (term, other) in GLOSSARY[lang].items():
        assert term in sources[0][1], f"{lang}.json does not use {term} for {concept}"
        found = [(name, line) for name, text in sources for line in text.splitlines() if re.search(other, line)]
        assert found == [], f"{concept} is {term} in {lang}, not {other}: {found}"


def test_the_glossary_check_finds_the_other_term() -> None:
    assert re.search(GLOSSARY["zh-TW"]["touchpoint"][1], "公司觸點") and not re.search(
        GLOSSARY["zh-TW"]["touchpoint"][1], "公司接觸點")
    assert re.search(GLOSSARY["zh-CN"]["customer"][1], "顾客说")


CJK_AND_PLACEHOLDER = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef] \{\w+\}|"
                                 r"\{\w+\} [\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang.startswith("zh")])
def test_chinese_texts_leave_the_space_around_a_placeholder_to_format_spaced(lang: str) -> None:
    """`已由 {name} 覆盖` spaced a Chinese name (已由 搜索结果网格 覆盖); format_spaced puts a space only
    where a value's Latin edge meets Chinese."""
    spaced = {key: text for key, text in load_catalog(lang).items() if CJK_AND_PLACEHOLDER.search(text)}
    assert spaced == {}
