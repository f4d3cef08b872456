"""The reports in a real browser (headless Chromium): the Markdown's Mermaid
journeys parse with mermaid.js 11, the HTML report and the handout render and
print to A4 PDF, and spec text full of script payloads runs nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bigspec import big_spec
from browser import (
    BrowserError,
    chromium_path,
    mermaid_js,
    mermaid_parse_many,
    print_pdf,
    print_scales,
    render_dom,
    xss_fired,
)
from conftest import CLI

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(chromium_path() is None, reason="no headless Chromium (install it: apt-get install chromium, "
                                                       "or run tests/ci-browser-setup.sh)"),
]

JOURNEYS = (("journeys/b2b-crm.yaml", "en"), ("journeys/retail-omnichannel.yaml", "zh-CN"),
            ("journeys/saas-subscription.yaml", "zh-TW"))
EVERY_LANGUAGE = tuple((spec, lang) for spec, _ in JOURNEYS for lang in ("en", "zh-CN", "zh-TW"))
HOSTILE = "tests/data/reports/hostile.yaml"
A4_PORTRAIT = re.compile(rb"/MediaBox\s*\[\s*0 0 59[45](?:\.\d+)? 84[12](?:\.\d+)?\s*\]")
A4_LANDSCAPE = re.compile(rb"/MediaBox\s*\[\s*0 0 84[12](?:\.\d+)? 59[45](?:\.\d+)?\s*\]")


@pytest.fixture(scope="module")
def mermaid() -> Path:
    try:
        return mermaid_js()
    except BrowserError as err:
        pytest.skip(f"mermaid.js 11 is not available: {err}")


def _mermaid_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```mermaid\n(.*?)^```$", markdown, re.S | re.M)


FELT = "tests/data/valid/experience.yaml"


def test_mermaid_journeys_parse(cli: CLI, at_root: Path, mermaid: Path) -> None:
    blocks: list[tuple[str, str]] = []
    for spec, lang in (*JOURNEYS, ("journeys/b2b-crm.yaml", "zh-TW"), (HOSTILE, "en"), (HOSTILE, "zh-CN")):
        found = _mermaid_blocks(cli("analyze", spec, "-f", "markdown", "--lang", lang).expect(0).out)
        assert len(found) == 1, spec
        blocks.append((f"{spec} ({lang})", found[0]))
    felt = _mermaid_blocks(cli("analyze", FELT, "-f", "markdown").expect(0).out)
    # emotions drive the task scores: e1 (emotion -2) scores 1, e7 (+2) scores 5, e6 (none) scores 3
    assert "Phone the practice: 1: Customer" in felt[0] and "Appointment letter: 5: " in felt[0]
    assert "Prescription at the pharm…: 3: " in felt[0]  # labels are cut to 26 columns
    blocks.append((f"{FELT} (en)", felt[0]))
    portfolio = _mermaid_blocks(cli("analyze", "journeys", "-f", "markdown").expect(0).out)
    blocks += [(f"journeys/ #{i}", text) for i, text in enumerate(portfolio)]
    results = mermaid_parse_many([text for _, text in blocks])
    failed = [f"{name}: {message}\n{text}" for (name, text), (ok, message) in zip(blocks, results, strict=True)
              if not ok]
    assert not failed, "\n\n".join(failed)


def test_mermaid_rejects_what_the_sanitizer_removes(mermaid: Path) -> None:
    """A control: unsanitized spec text does break the journey syntax, so the test above means
    something. (A stray ``:`` or a task starting with ``title`` parses, but as a wrong score or as
    the title: the unit tests of mermaid_text cover those.)"""
    raw = [
        "journey\n    title T\n    section S\n      Phase #2: 3: Customer\n",
        "journey\n    title T\n    section S\n      first\nsecond: 3: Customer\n",
        "journey\n    title T\n    section S\n      one; two: 3: Customer\n",
        "journey\n    title T\n    section S: part\n      Task: 3: Customer\n",
    ]
    results = mermaid_parse_many(raw)
    assert [ok for ok, _ in results] == [False] * len(raw), results


@pytest.mark.parametrize("spec, lang", EVERY_LANGUAGE)
def test_html_report_renders_and_prints(cli: CLI, at_root: Path, tmp_path: Path, spec: str, lang: str) -> None:
    page = tmp_path / "report.html"
    cli("analyze", spec, "--lang", lang, "-o", page).expect(0)
    dom = render_dom(page)
    assert 'class="grid"' in dom and "<svg" in dom and "</main>" in dom
    pdf = tmp_path / "report.pdf"
    pages = print_pdf(page, pdf)
    data = pdf.read_bytes()
    assert 2 <= pages <= 10, pages
    assert A4_PORTRAIT.search(data), "the report prints on A4"
    # the shipped journeys have 40 to 50 cards on the map: past view.DENSE_MAP the printed map condenses,
    # so that it stays on one landscape page in every language
    assert len(A4_LANDSCAPE.findall(data)) == 1, "the journey map prints on one landscape page"
    assert set(print_scales(data)) == {1.0}, "nothing is wider than the page, so Chromium prints at true size"


@pytest.mark.parametrize("spec", ["journeys/clinic-first-visit.yaml", "journeys/hotel-stay-blueprint.yaml"])
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_a_journey_under_40_touchpoints_maps_on_one_page(cli: CLI, at_root: Path, tmp_path: Path, spec: str,
                                                          lang: str) -> None:
    page, pdf = tmp_path / "report.html", tmp_path / "report.pdf"
    cli("analyze", spec, "--lang", lang, "-o", page).expect(0)
    print_pdf(page, pdf)
    assert len(A4_LANDSCAPE.findall(pdf.read_bytes())) == 1


def test_a_big_spec_prints_to_a_readable_size(cli: CLI, tmp_path: Path) -> None:
    """300 + 150 touchpoints: the map's cells fold, so the report and the handout stay a few pages
    (27 and 28 before issue 14's folding)."""
    spec = tmp_path / "big.yaml"
    spec.write_text(big_spec(), encoding="utf-8")
    page, pdf = tmp_path / "report.html", tmp_path / "report.pdf"
    cli("analyze", spec, "-o", page).expect(0)
    assert print_pdf(page, pdf) <= 8
    assert len(A4_LANDSCAPE.findall(pdf.read_bytes())) <= 2, "the map takes a page or two"
    assert set(print_scales(pdf.read_bytes())) == {1.0}
    handout = tmp_path / "handout.html"
    cli("handout", spec, "-o", handout).expect(0)
    assert print_pdf(handout, tmp_path / "handout.pdf") <= 8
    assert set(print_scales((tmp_path / "handout.pdf").read_bytes())) == {1.0}


@pytest.mark.parametrize("command", [("analyze", "journeys", "-f", "html"),
                                     ("analyze", "journeys", "-f", "html", "--lang", "zh-TW"),
                                     ("analyze", HOSTILE, "-f", "html"), ("handout", HOSTILE)])
def test_nothing_prints_shrunk(cli: CLI, at_root: Path, tmp_path: Path, command: tuple[str, ...]) -> None:
    """Chromium shrinks a whole printed document, type and all, when anything in it is wider than the page
    (the English report printed at 72% before the table heads could wrap): the portfolio's wide table and
    hostile spec text print at true size."""
    page, pdf = tmp_path / "page.html", tmp_path / "page.pdf"
    cli(*command, "-o", page).expect(0)
    print_pdf(page, pdf)
    assert set(print_scales(pdf.read_bytes())) == {1.0}


@pytest.mark.parametrize("spec, lang", [*JOURNEYS, ("journeys/b2b-crm.yaml", "zh-CN")])
def test_handout_prints_to_a_few_a4_pages(cli: CLI, at_root: Path, tmp_path: Path, spec: str, lang: str) -> None:
    page = tmp_path / "handout.html"
    cli("handout", spec, "--lang", lang, "-o", page).expect(0)
    pdf = tmp_path / "handout.pdf"
    pages = print_pdf(page, pdf)
    # up to 7: the interview sheet is built from the spec, a few questions for every stage (issue 14)
    assert 2 <= pages <= 7, f"{spec} ({lang}): {pages} pages"
    boxes = re.findall(rb"/MediaBox\s*\[[^\]]*\]", pdf.read_bytes())
    assert len(boxes) == pages and all(A4_PORTRAIT.match(box) for box in boxes), boxes
    assert set(print_scales(pdf.read_bytes())) == {1.0}


def test_handout_for_one_persona_is_shorter(cli: CLI, at_root: Path, tmp_path: Path) -> None:
    page = tmp_path / "olivia.html"
    cli("handout", "journeys/b2b-crm.yaml", "--persona", "ops-olivia", "--top", "5", "-o", page).expect(0)
    assert 2 <= print_pdf(page, tmp_path / "olivia.pdf") <= 6  # the interview sheet grew (issue 14)


@pytest.mark.parametrize("command", [("analyze", HOSTILE, "-f", "html"), ("handout", HOSTILE),
                                     ("analyze", HOSTILE, "journeys/b2b-crm.yaml", "-f", "html", "--lang", "zh-TW")])
def test_no_payload_runs(cli: CLI, at_root: Path, tmp_path: Path, command: tuple[str, ...]) -> None:
    page = tmp_path / "page.html"
    cli(*command, "-o", page).expect(0)
    assert xss_fired(page) == []
    dom = render_dom(page)
    assert "{{ 7*7 }}" in dom and "{% raw %}" in dom
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert "&lt;img src=x onerror=alert(1)&gt;" in dom
    assert not re.search(r">[^<]*\b49\b", dom), "a template expression was evaluated"
    pages = print_pdf(page, tmp_path / "page.pdf")
    assert pages >= 1


CSP = ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
       "img-src data:; base-uri 'none'; form-action 'none'\">")
INJECTED = ("<script>document.documentElement.setAttribute('data-pwned', 'script')</script>"
            "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned', 'handler')\">")


@pytest.mark.parametrize("command", [("analyze", "-f", "html"), ("handout",)])
def test_the_content_security_policy_blocks_an_injected_script(cli: CLI, at_root: Path, tmp_path: Path,
                                                               command: tuple[str, ...]) -> None:
    """Defence in depth: should an escaping bug ever let markup through, the page's own policy
    (scripts and remote loads forbidden) still keeps it inert. The control page, the same HTML
    without the policy, shows that the injected script does run when nothing stops it."""
    html = cli(command[0], "journeys/b2b-crm.yaml", *command[1:]).expect(0).out
    head = html[: html.index("</head>")]
    assert head.count(CSP) == 1 and head.index(CSP) < head.index("<style")
    guarded, control = tmp_path / "guarded.html", tmp_path / "control.html"
    guarded.write_text(html.replace("</main>", INJECTED + "</main>"), encoding="utf-8")
    control.write_text(guarded.read_text(encoding="utf-8").replace(CSP, ""), encoding="utf-8")
    ran = re.compile(r"<html[^>]*\bdata-pwned=")  # the attribute the injected code sets, not its text
    assert ran.search(render_dom(control))
    assert not ran.search(render_dom(guarded))
