"""PDF output (``-o FILE.pdf``): the HTML report or handout, printed by WeasyPrint.

WeasyPrint is an optional extra (``pip install 'cxgap[pdf]'``): it needs the
Pango text library of the system (Debian/Ubuntu ``libpango-1.0-0
libpangoft2-1.0-0``, macOS ``brew install pango``; see the README). Without
it a PDF is refused with exit code 2 and a message naming the extra, never
written in another format. The page layout is the one the HTML already has
for print (``@page`` rules: A4, the journey map on a landscape page, page
numbers and a running title), so the PDF and a browser's print agree.

Fonts come from the system (fontconfig); nothing is fetched: WeasyPrint is
given a URL fetcher that refuses every URL, and the reports reference none.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from cxgap.i18n import messages
from cxgap.problems import UsageError

if TYPE_CHECKING:
    from cxgap.analysis.result import Analysis
    from cxgap.render import RenderOptions



def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"cxgap reports load nothing from outside: {url[:80]}")


def _weasyprint() -> Any:
    try:
        import weasyprint  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError as exc:  # not installed
        raise UsageError(messages().t("pdf.extra")) from exc
    except OSError as exc:  # installed, but the system libraries (Pango) are missing: the loader's words
        raise UsageError(messages().t("pdf.system_library", hint=messages().t("pdf.extra"), error=str(exc))) from exc
    return weasyprint


def ensure_available() -> None:
    """Refuse early (exit 2, naming the extra) when PDF output cannot be written."""
    _weasyprint()


def html_to_pdf(html: str) -> bytes:
    """The printed form of one of cxgap's HTML documents, as PDF bytes."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=html, url_fetcher=_no_fetch).render()
    data: bytes = document.write_pdf()
    return data


def page_count(html: str) -> int:
    """How many pages the document prints on (used by the tests and the README's figures)."""
    return len(_weasyprint().HTML(string=html, url_fetcher=_no_fetch).render().pages)


def render(analyses: Sequence[Analysis], options: RenderOptions) -> bytes:
    """``--format pdf`` / ``-o FILE.pdf``: the HTML report, printed."""
    ensure_available()
    from cxgap.render import html

    return html_to_pdf(html.render(analyses, options))
