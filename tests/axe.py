"""axe-core in headless Chromium: the accessibility check of the HTML reports (issue 14).

axe-core comes from npm (``axe-core@4``), cached in tests/.cache by
tests/ci-browser-setup.sh, never fetched at test time. The report is copied with
axe's script added before ``</body>`` (and a Content-Security-Policy meta tag
removed, which would block it), loaded in Chromium, and axe's violations are
read back from the DOM. ``dark=True`` checks the ``prefers-color-scheme: dark``
theme (Chromium's ``--force-dark-mode`` turns the media query on)."""

from __future__ import annotations

import html
import re
import tempfile
from pathlib import Path
from typing import Any

from browser import CACHE_DIR, BrowserError, _page_result, _run_chromium

AXE = CACHE_DIR / "node_modules" / "axe-core" / "axe.min.js"
_CSP = re.compile(r"<meta[^>]*http-equiv=[\"']?content-security-policy[^>]*>", re.I)
_RUN = """<script src="{src}"></script>
<script>
axe.run(document, {{resultTypes: ["violations"]}}).then((r) => {{
  const out = r.violations.map((v) => ({{id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => (n.target.join(" ") + " :: " + (n.failureSummary || "")).slice(0, 300)),
    count: v.nodes.length}}));
  document.documentElement.setAttribute("data-axe", encodeURIComponent(JSON.stringify(out)));
}}, (e) => document.documentElement.setAttribute("data-axe", encodeURIComponent(JSON.stringify(String(e)))));
</script>
"""


def axe_violations(page: Path, *, dark: bool = False, width: int = 1280) -> list[dict[str, Any]]:
    """axe-core's violations on ``page``: dicts with id, impact, help, nodes (first 5), count."""
    if not AXE.is_file():
        raise BrowserError(f"axe-core is not cached at {AXE}; run sh tests/ci-browser-setup.sh")
    text = _CSP.sub("", page.read_text(encoding="utf-8"))
    text = text.replace("</body>", _RUN.format(src=html.escape(AXE.as_uri())) + "</body>", 1)
    with tempfile.TemporaryDirectory(prefix="cxgap-axe-") as tmp:
        copy = Path(tmp) / page.name
        copy.write_text(text, encoding="utf-8")
        flags = [f"--window-size={width},900", "--virtual-time-budget=30000", "--dump-dom"]
        if dark:
            flags.append("--force-dark-mode")
        dom = _run_chromium(flags, copy, timeout_s=120)
    result = _page_result(dom, "data-axe")
    if not isinstance(result, list):
        raise BrowserError(f"axe-core failed: {result!r}")
    return result


def serious(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v.get("impact") in ("serious", "critical")]
