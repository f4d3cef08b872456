"""Browser checks of issue 14: axe-core on the report and the handout (English and
Chinese, light and dark theme), and the Markdown's Mermaid diagram parsed and drawn by
mermaid.js 11 within its width budget, for the shipped journeys and a 450-touchpoint spec."""

from __future__ import annotations

import html
import re
import tempfile
from pathlib import Path

import pytest
from axe import AXE, axe_violations, serious
from bigspec import big_spec
from browser import _js_literal, _page_result, chromium_path, mermaid_js, render_dom
from conftest import CLI

from cxgap.render.mermaid import MAX_TASKS, WIDTH_BUDGET

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(chromium_path() is None, reason="needs headless Chromium (sh tests/ci-browser-setup.sh)"),
]


@pytest.mark.skipif(not AXE.is_file(), reason="axe-core is not cached (sh tests/ci-browser-setup.sh)")
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("command", ["analyze", "handout"])
@pytest.mark.parametrize("dark", [False, True])
def test_axe_finds_no_serious_violation(cli: CLI, at_root: Path, tmp_path: Path, lang: str, command: str,
                                        dark: bool) -> None:
    page = tmp_path / f"{command}.html"
    cli(command, "journeys/retail-omnichannel.yaml" if lang != "en" else "journeys/b2b-crm.yaml", "--lang", lang,
        "-o", page).expect(0)
    found = serious(axe_violations(page, dark=dark))
    assert found == [], found


_DRAW = """<!doctype html><html><head><meta charset="utf-8"><script src="{src}"></script></head><body><script>
(async () => {{
  const texts = {texts}; const out = [];
  mermaid.initialize({{ startOnLoad: false, securityLevel: "strict" }});
  for (const [i, t] of texts.entries()) {{
    try {{ const r = await mermaid.render("m" + i, t); const d = document.createElement("div"); d.innerHTML = r.svg;
      out.push([true, d.querySelector("svg").getAttribute("viewBox")]); }}
    catch (e) {{ out.push([false, String(e && e.message || e)]); }}
  }}
  document.documentElement.setAttribute("data-drawn", encodeURIComponent(JSON.stringify(out)));
}})();
</script></body></html>"""


def _drawn_widths(texts: list[str]) -> list[tuple[bool, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "draw.html"
        page.write_text(_DRAW.format(src=html.escape(mermaid_js().as_uri()), texts=_js_literal(texts)),
                        encoding="utf-8")
        result = _page_result(render_dom(page, budget_ms=30000), "data-drawn")
    assert isinstance(result, list)
    return [(bool(ok), str(info)) for ok, info in result]


def test_mermaid_reads_at_github_width(cli: CLI, at_root: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(big_spec(), encoding="utf-8")
    texts = []
    for spec, lang in (("journeys/b2b-crm.yaml", "en"), ("journeys/retail-omnichannel.yaml", "zh-CN"),
                       ("journeys/saas-subscription.yaml", "zh-TW"), (str(big), "en"), (str(big), "zh-CN")):
        out = cli("analyze", spec, "-f", "markdown", "--lang", lang).expect(0).out
        block = re.search(r"```mermaid\n(.*?)```", out, re.S)
        assert block is not None
        texts.append(block.group(1))
        assert len([line for line in block.group(1).splitlines() if line.startswith("      ")]) <= MAX_TASKS
    for ok, info in _drawn_widths(texts):
        assert ok, info
        width = float(info.split()[2])
        assert width <= WIDTH_BUDGET, f"{width:.0f} px is over the budget of {WIDTH_BUDGET} px"


_MEASURE = """<script>
window.addEventListener("load", () => {
  const cells = [...document.querySelectorAll("table.gaps tr.gap-row td:last-child")];
  const right = Math.max(...cells.map((c) => c.getBoundingClientRect().right));
  const score = document.querySelector(".scorecard").getBoundingClientRect().top;
  const title = document.querySelector(".hero h1").getBoundingClientRect().top;
  document.documentElement.setAttribute("data-measure", encodeURIComponent(JSON.stringify(
    {right: right, width: window.innerWidth, cells: cells.length, scoreFirst: score < title})));
});
</script>
"""


_PHONE = """<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0">
<iframe id="phone" src="{src}" width="390" height="844" style="border:0"></iframe>
<script>
const f = document.getElementById("phone");
const copy = () => {{
  const v = f.contentDocument && f.contentDocument.documentElement.getAttribute("data-measure");
  if (v) document.documentElement.setAttribute("data-measure", v); else setTimeout(copy, 100);
}};
f.addEventListener("load", () => setTimeout(copy, 50));
</script></body></html>"""


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_phone_shows_the_whole_gap_table(cli: CLI, at_root: Path, tmp_path: Path, lang: str) -> None:
    page = tmp_path / "report.html"
    cli("analyze", "journeys/retail-omnichannel.yaml", "--lang", lang, "-o", page).expect(0)
    text = re.sub(r"<meta[^>]*http-equiv=[\"']?content-security-policy[^>]*>", "", page.read_text(encoding="utf-8"),
                  flags=re.I)
    page.write_text(text.replace("</body>", _MEASURE + "</body>", 1), encoding="utf-8")
    # headless Chromium's window is at least 500 px wide: a 390 px iframe is the phone's viewport
    frame = tmp_path / "phone.html"
    frame.write_text(_PHONE.format(src=html.escape(page.as_uri())), encoding="utf-8")
    from browser import _run_chromium

    dom = _run_chromium(["--window-size=800,900", "--allow-file-access-from-files", "--virtual-time-budget=8000",
                         "--dump-dom"], frame)
    measured = _page_result(dom, "data-measure")
    assert isinstance(measured, dict) and measured["cells"] > 0
    assert measured["width"] <= 400 and measured["right"] <= measured["width"], measured
    assert measured["scoreFirst"], "on a phone the score comes first"
