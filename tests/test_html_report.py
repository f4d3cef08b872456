"""The HTML report and the workshop handout: self-contained, inert, translated.

The browser checks (render, print, XSS in Chromium) are in test_browser_reports.py;
these read the HTML as text and with Python's own HTML parser."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest
from conftest import CLI
from jinja2 import UndefinedError

from cxgap.analysis import analyze
from cxgap.analysis.result import Analysis
from cxgap.i18n import Catalog
from cxgap.render import RenderOptions
from cxgap.render.handout import TOP_GAPS, render_handout
from cxgap.render.html import render
from cxgap.render.templating import environment
from cxgap.spec import load_spec

ROOT = Path(__file__).resolve().parent.parent
B2B = ROOT / "journeys" / "b2b-crm.yaml"
HOSTILE = ROOT / "tests" / "data" / "reports" / "hostile.yaml"
PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
            '" onmouseover="alert(1)', "{{ 7*7 }}", "{% raw %}")


class Elements(HTMLParser):
    """Every start tag and its attributes, as the browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


def _analysis(path: Path = B2B) -> Analysis:
    return analyze(load_spec(str(path)))


def _documents(path: Path, lang: str = "en") -> dict[str, str]:
    a = _analysis(path)
    return {"report": render([a], RenderOptions(lang=lang)), "handout": render_handout(a, lang)}


@pytest.mark.parametrize("kind", ["report", "handout"])
@pytest.mark.parametrize("lang", ["en", "zh-CN", "zh-TW"])
def test_self_contained(kind: str, lang: str) -> None:
    html = _documents(B2B, lang)[kind]
    assert "<script" not in html.lower()
    assert "@import" not in html
    assert not re.search(r"url\(", html), "no url() at all: nothing to fetch"
    doc = parse(html)
    names = {tag for tag, _ in doc.tags}
    assert not names & {"script", "link", "iframe", "object", "embed", "img", "base", "form", "a"}
    for tag, attrs in doc.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert name not in ("src", "href", "xlink:href", "action", "srcset"), (tag, name, value)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html)


@pytest.mark.parametrize("lang, font", [("en", "Noto Sans CJK SC"), ("zh-CN", "PingFang SC"),
                                        ("zh-TW", "PingFang TC")])
def test_language_and_cjk_font_stack(lang: str, font: str) -> None:
    for html in _documents(B2B, lang).values():
        assert f'<html lang="{lang}">' in html
        assert font in html and "Microsoft YaHei" in html and "Noto Sans CJK TC" in html
        assert Catalog(lang).t("label.journey_map") in html


def test_report_has_every_part() -> None:
    html = _documents(B2B)["report"]
    c = Catalog("en")
    for key in ("label.journey_map", "chart.coverage.title", "chart.shares.title", "label.gaps",
                "label.recommendations", "label.metrics", "label.not_active", "label.key_findings"):
        assert c.t(key) in html, key
    assert html.count("<svg") >= 3 and "@media print" in html and "@page" in html
    assert "Booth and talks at SaaStr and RevOps summits" in html  # a retired company touchpoint


def test_severity_has_a_second_cue_besides_colour() -> None:
    """Each gap row carries its severity as a word and as a shape, not only as a colour."""
    html = _documents(B2B)["report"]
    rows = re.findall(r'<tr class="gap-row gap-(\w+)">\s*<td>(.*?)</td>', html, re.S)
    assert len(rows) == len(_analysis().gaps)
    shapes: dict[str, str] = {}
    for severity, cell in rows:
        assert f">{severity}</span>" in cell.replace("\n", "")
        shape = re.search(r"<svg[^>]*>(.*?)</svg>", cell, re.S)
        assert shape is not None
        shapes.setdefault(severity, shape.group(1))
        assert shapes[severity] == shape.group(1)
    assert len(set(shapes.values())) == len(shapes), "every severity has its own shape"


@pytest.mark.parametrize("kind", ["report", "handout"])
def test_spec_text_is_inert(kind: str) -> None:
    html = _documents(HOSTILE)[kind]
    doc = parse(html)
    assert "script" not in {tag for tag, _ in doc.tags}
    assert all(not name.startswith("on") for _, attrs in doc.tags for name, _ in attrs)
    assert all("javascript:" not in (value or "") for _, attrs in doc.tags for _, value in attrs)
    text = "".join(doc.text)
    for payload in PAYLOADS:
        assert payload in text, payload
    assert "{{ 7*7 }}" in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not re.search(r"\b49\b", text)


def test_handout_is_a4_with_notes_and_questions() -> None:
    for lang in ("en", "zh-CN", "zh-TW"):
        c = Catalog(lang)
        html = _documents(B2B, lang)["handout"]
        assert "@page { size: A4;" in html and "break-inside: avoid" in html
        for i in range(1, 6):
            assert c.t(f"handout.question.{i}") in html
        assert html.count('class="gap-card ') == TOP_GAPS
        assert c.t("handout.top_gaps", count=TOP_GAPS) in html
        assert "Solver Sam" in html and "Operations Olivia" in html


def test_handout_for_one_persona_has_one_card() -> None:
    html = render_handout(analyze(load_spec(str(B2B)), "ops-olivia"), "en", top=3)
    assert html.count('<article class="persona">') == 1 and "Operations Olivia" in html
    assert html.count('class="gap-card ') == 3


def test_templates_are_package_data() -> None:
    folder = resources.files("cxgap.render").joinpath("templates")
    names = {p.name for p in folder.iterdir()}
    assert {"report.html", "handout.html", "_macros.html", "_base.css", "_report.css", "_handout.css"} <= names


def test_environment_autoescapes_and_is_strict() -> None:
    env = environment()
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
    with pytest.raises(UndefinedError):
        env.get_template("report.html").render()


def test_output_is_deterministic() -> None:
    first, second = _documents(B2B), _documents(B2B)
    assert first == second


def test_portfolio_lists_the_specs_that_could_not_be_analysed(cli: CLI, tmp_path: Path) -> None:
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "b2b.yaml").write_text(B2B.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "broken.yaml").write_text("version: 1\njourney: {title: Broken}\ncustomer_touchpoints:\n"
                                        "  - {id: a, stage: nowhere, channel: x}\n", encoding="utf-8")
    for fmt, want in (("html", "broken.yaml:4:"), ("markdown", "broken.yaml:4:")):
        out = cli("analyze", folder, "-f", fmt, "--lang", "zh-CN").expect(2).out
        assert want in out and Catalog("zh-CN").t("label.errors") in out and "B2B CRM" in out
