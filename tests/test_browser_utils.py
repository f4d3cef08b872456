"""Tests of the headless-browser helpers in tests/browser.py themselves."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import (
    BrowserError,
    chromium_path,
    mermaid_parse,
    mermaid_parse_many,
    mermaid_version,
    pdf_page_count,
    print_pdf,
    render_dom,
    xss_fired,
)

needs_chromium = pytest.mark.skipif(
    chromium_path() is None,
    reason="no headless Chromium (install it: apt-get install chromium, or run tests/ci-browser-setup.sh)",
)
pytestmark = [pytest.mark.browser, needs_chromium]

VALID_JOURNEY = """\
journey
    title Buying a CRM
    section Evaluation
      Read reviews: 3: Buyer
      Live demo: 5: Buyer, Sales rep
    section Purchase
      Sign contract: 2: Buyer, Legal
"""

# A task line without the ": score: actors" part.
BROKEN_JOURNEY = """\
journey
    title Buying a CRM
    section Evaluation
      Read reviews 3 Buyer
"""


def _page(tmp_path: Path, body: str, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>{body}</body></html>',
        encoding="utf-8",
    )
    return path


def test_chromium_path_is_executable() -> None:
    path = chromium_path()
    assert path is not None
    assert Path(path).is_file()


def test_render_dom_sees_what_scripts_wrote(tmp_path: Path) -> None:
    page = _page(
        tmp_path,
        '<div id="out">static</div>'
        "<script>setTimeout(() => { document.getElementById('out').textContent = 'written by JS 中文'; }, 500);"
        "</script>",
    )
    dom = render_dom(page)
    assert '<div id="out">written by JS 中文</div>' in dom


def test_render_dom_missing_page_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BrowserError, match="no such page"):
        render_dom(tmp_path / "absent.html")


def test_print_pdf_counts_pages(tmp_path: Path) -> None:
    page = _page(tmp_path, "".join(f'<p style="height: 90vh">screen {i}</p>' for i in range(3)))
    pages = print_pdf(page, tmp_path / "out" / "page.pdf")
    assert pages >= 2
    assert pdf_page_count((tmp_path / "out" / "page.pdf").read_bytes()) == pages


def test_print_pdf_short_page_is_one_page(tmp_path: Path) -> None:
    assert print_pdf(_page(tmp_path, "<p>short</p>"), tmp_path / "short.pdf") == 1


def test_pdf_page_count_ignores_pages_tree() -> None:
    pdf = b"1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >> 2 0 obj <</Type/Page>> 3 0 obj <</Type /Page >>"
    assert pdf_page_count(pdf) == 2


def test_mermaid_is_version_11() -> None:
    assert mermaid_version().startswith("11.")


def test_mermaid_accepts_valid_journey() -> None:
    assert mermaid_parse(VALID_JOURNEY) == (True, "OK")


def test_mermaid_rejects_broken_journey_with_message() -> None:
    ok, message = mermaid_parse(BROKEN_JOURNEY)
    assert not ok
    assert "Parse error on line 4" in message


def test_mermaid_parse_many_keeps_order() -> None:
    texts = [BROKEN_JOURNEY, VALID_JOURNEY, "not a diagram", "flowchart LR\n  a --> b\n"]
    results = mermaid_parse_many(texts)
    assert [ok for ok, _ in results] == [False, True, False, True]
    assert "No diagram type detected" in results[2][1]
    assert mermaid_parse_many([]) == []


def test_xss_fired_catches_img_onerror(tmp_path: Path) -> None:
    found = xss_fired(_page(tmp_path, "<p>hello</p><img src=x onerror=alert(1)>"))
    assert any(f.startswith("script blocked") and "alert(1)" in f for f in found), found
    assert "event-handler attribute: img[onerror]=alert(1)" in found


def test_xss_fired_quiet_on_escaped_markup(tmp_path: Path) -> None:
    page = _page(
        tmp_path,
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>"
        '<a href="https://example.com/?q=%3Cscript%3E">link</a><img src="missing.png" alt="onerror=alert(1)">',
    )
    assert xss_fired(page) == []


def test_xss_fired_catches_scripts_handlers_and_urls(tmp_path: Path) -> None:
    page = _page(
        tmp_path,
        "<script>document.title = 'pwned'</script>"
        '<div onmouseover="alert(2)">hover</div>'
        '<a href=" JaVaScript:alert(3)">click</a>'
        "<iframe srcdoc=\"<b onclick='alert(4)'>x</b>\"></iframe>",
    )
    found = xss_fired(page)
    assert "script element: document.title = 'pwned'" in found
    assert "event-handler attribute: div[onmouseover]=alert(2)" in found
    assert "script URL: a[href]= JaVaScript:alert(3)" in found
    assert "iframe > event-handler attribute: b[onclick]=alert(4)" in found
