"""The translation catalogs: every language has exactly the keys of en.json, with
the same placeholders, and the reports use no key that is missing."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from cxgap.i18n import LANGS, Catalog, load_catalog

I18N = Path(__file__).resolve().parent.parent / "cxgap" / "i18n"
RENDER = Path(__file__).resolve().parent.parent / "cxgap" / "render"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_language_has_a_catalog_file() -> None:
    assert sorted(p.stem for p in I18N.glob("*.json")) == sorted(LANGS)


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang != "en"])
def test_catalog_has_exactly_the_keys_of_english(lang: str) -> None:
    en, other = load_catalog("en"), load_catalog(lang)
    assert sorted(set(en) - set(other)) == [], f"{lang}.json lacks keys"
    assert sorted(set(other) - set(en)) == [], f"{lang}.json has keys en.json does not"


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang != "en"])
def test_catalog_has_the_same_placeholders(lang: str) -> None:
    en, other = load_catalog("en"), load_catalog(lang)
    wrong = {key: (sorted(placeholders(en[key])), sorted(placeholders(other[key])))
             for key in en if key in other and placeholders(en[key]) != placeholders(other[key])}
    assert wrong == {}, f"{lang}.json: placeholders differ (en, {lang}): {wrong}"


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_values_are_non_empty_text(lang: str) -> None:
    data = json.loads((I18N / f"{lang}.json").read_text(encoding="utf-8"))
    assert all(isinstance(v, str) and v for v in data.values())


@pytest.mark.parametrize("lang", ["zh-CN", "zh-TW"])
def test_chinese_catalogs_are_translated(lang: str) -> None:
    """Labels that must differ from English do (a copied-over catalog would pass the key test)."""
    en, other = load_catalog("en"), load_catalog(lang)
    same = [k for k in en if en[k] == other[k] and re.search(r"[A-Za-z]{4,}", en[k])]
    assert same == [], f"{lang}.json: untranslated: {same}"


def test_simplified_and_traditional_differ() -> None:
    cn, tw = load_catalog("zh-CN"), load_catalog("zh-TW")
    assert cn["label.customer_touchpoints"] != tw["label.customer_touchpoints"]
    assert "觸" in tw["label.customer_touchpoints"] and "触" in cn["label.customer_touchpoints"]


def test_every_key_the_templates_and_renderers_use_exists() -> None:
    """Literal t('...') keys in templates and c.t("...") / _label(c, "...") in renderers."""
    en = load_catalog("en")
    pattern = re.compile(r"""\bt\(\s*['"]([a-z_]+(?:\.[a-z0-9_]+)+)['"]|_label(?:led)?\(c,\s*['"]([a-z_.0-9]+)['"]""")
    used: set[str] = set()
    for path in [*RENDER.glob("*.py"), *(RENDER / "templates").glob("*.html")]:
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            used.add(match.group(1) or match.group(2))
    assert used, "found no catalog keys: the pattern is wrong"
    assert sorted(used - set(en)) == []


def test_missing_key_falls_back_to_english_then_to_the_key() -> None:
    assert Catalog("zh-CN").t("no.such.key") == "no.such.key"
    assert Catalog("zh-TW").t("label.report") == "顧客旅程缺口分析"
