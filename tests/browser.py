"""Headless-Chromium helpers for tests that check rendered reports in a real browser.

Plain functions, no pytest fixtures: import them from a test and guard the test with
``pytest.mark.skipif(chromium_path() is None, reason=...)``. Independent of cxgap's code.

- :func:`chromium_path` finds the browser;
- :func:`render_dom` returns the DOM after the page's scripts ran (``--dump-dom``);
- :func:`print_pdf` prints a page to PDF and returns its page count (pure-Python count);
- :func:`print_scales` says whether Chromium shrank the printed content to fit the page;
- :func:`mermaid_parse` / :func:`mermaid_parse_many` check Mermaid text with the real
  mermaid.js 11 (npm package cached in ``tests/.cache``, see :func:`mermaid_js`);
- :func:`xss_fired` reports every script the page would run, see its docstring.

Every browser run uses a fresh throw-away profile and no network, and is killed (with its
whole process group) after :data:`TIMEOUT_S` seconds.
"""

from __future__ import annotations

import contextlib
import fcntl
import html
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote

TIMEOUT_S = 60
"""Wall-clock limit of one browser run, in seconds."""

CACHE_DIR = Path(__file__).resolve().parent / ".cache"
"""npm prefix of the cached mermaid package (git-ignored)."""

MERMAID_SPEC = "mermaid@11"
MERMAID_MAJOR = "11"

_BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_BASE_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
)
# Chromium's stderr is full of harmless complaints about D-Bus, GPU and the like
# when run in a container; they are dropped from error messages.
_NOISE = re.compile(r"dbus|Fontconfig|gpu|GPU|viz_main|sandbox|ALSA|shm|unexpected operator|^\s*$")


class BrowserError(RuntimeError):
    """Chromium is missing, failed, timed out, or the page did not produce its result."""


# --------------------------------------------------------------------------- basics


def chromium_path() -> str | None:
    """The Chromium (or Chrome) executable: ``$CHROMIUM`` if set, else the first of
    chromium, chromium-browser, google-chrome on PATH or in /usr/bin; None if there is none."""
    env = os.environ.get("CHROMIUM")
    if env and shutil.which(env):
        return shutil.which(env)
    for name in _BROWSER_NAMES:
        found = shutil.which(name) or shutil.which(name, path="/usr/bin")
        if found:
            return found
    return None


def _require_chromium() -> str:
    exe = chromium_path()
    if exe is None:
        raise BrowserError("no Chromium found (looked for chromium, chromium-browser, google-chrome)")
    return exe


def _stderr_tail(stderr: str, lines: int = 15) -> str:
    kept = [line for line in stderr.splitlines() if not _NOISE.search(line)]
    return "\n".join(kept[-lines:]) or "(no stderr output)"


def _run_chromium(extra: Sequence[str], target: Path, *, timeout_s: float = TIMEOUT_S) -> str:
    """Run Chromium once on ``file://target`` with a fresh profile; return its stdout.

    Raises BrowserError, with the interesting part of stderr, on failure or timeout."""
    exe = _require_chromium()
    if not target.is_file():
        raise BrowserError(f"no such page: {target}")
    with tempfile.TemporaryDirectory(prefix="cxgap-chromium-", ignore_cleanup_errors=True) as profile:
        cmd = [exe, *_BASE_FLAGS, f"--user-data-dir={profile}", *extra, target.resolve().as_uri()]
        env = {**os.environ, "HOME": profile}  # crash dumps and caches stay in the tmp dir
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,  # own process group: a timeout kills renderers too
        )
        try:
            out, err = proc.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            _out, err = proc.communicate()
            raise BrowserError(
                f"Chromium did not finish within {timeout_s:g} s on {target}\n"
                f"command: {' '.join(cmd)}\n{_stderr_tail(err.decode(errors='replace'))}"
            ) from None
        finally:
            # The browser may leave helper processes behind in its group; end them.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
    if proc.returncode != 0:
        raise BrowserError(
            f"Chromium exited with code {proc.returncode} on {target}\n"
            f"command: {' '.join(cmd)}\n{_stderr_tail(err.decode(errors='replace'))}"
        )
    return out.decode("utf-8", errors="replace")


def render_dom(html_path: Path, *, budget_ms: int = 5000) -> str:
    """Load ``html_path`` in headless Chromium and return the serialized DOM after its
    scripts ran (``--dump-dom``).

    ``budget_ms`` is Chromium's *virtual* time budget: timers and animations are
    fast-forwarded, so a large budget costs little real time. A typical page takes
    about one second. Raises BrowserError on failure or after 60 s."""
    return _run_chromium([f"--virtual-time-budget={budget_ms}", "--dump-dom"], Path(html_path))


# --------------------------------------------------------------------------- PDF

_PAGE_OBJ = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)


def pdf_page_count(pdf: bytes) -> int:
    """Number of page objects (``/Type /Page``, not ``/Pages``) in a PDF.

    Looks in the plain file first, then inside Flate-compressed streams (where object
    streams would hide them). Pure Python; good for the PDFs Chromium writes."""
    count = len(_PAGE_OBJ.findall(pdf))
    if count:
        return count
    for match in _STREAM.finditer(pdf):
        with contextlib.suppress(zlib.error):
            count += len(_PAGE_OBJ.findall(zlib.decompress(match.group(1))))
    return count


_CM = rb"([-\d.]+) 0 0 -?[-\d.]+ [-\d.]+ [-\d.]+ cm"
_PAGE_TRANSFORM = re.compile(rb"\A" + _CM + rb"\b.*?\b" + _CM, re.S)


def print_scales(pdf: bytes) -> list[float]:
    """How much Chromium scaled each printed page's content: 1.0 is true size.

    Chromium shrinks a whole document when any of its content is wider than the page,
    type and all; each page's content stream then opens with a smaller CSS-px-to-pt
    transform than 0.75 (the product of its first two ``cm`` operators)."""
    scales = []
    for match in _STREAM.finditer(pdf):
        with contextlib.suppress(zlib.error):
            found = _PAGE_TRANSFORM.search(zlib.decompress(match.group(1))[:300])
            if found:
                scales.append(round(abs(float(found.group(1)) * float(found.group(2))) / 0.75, 3))
    return scales


def print_pdf(html_path: Path, pdf_path: Path, *, budget_ms: int = 5000) -> int:
    """Print ``html_path`` to ``pdf_path`` as headless Chromium does (the page's own
    ``@page`` size, else Letter; no header or footer) and return the page count.

    Takes about one second. Raises BrowserError if no PDF pages come out."""
    pdf_path = Path(pdf_path)
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    pdf_path.unlink(missing_ok=True)
    _run_chromium(
        [f"--virtual-time-budget={budget_ms}", "--no-pdf-header-footer", f"--print-to-pdf={pdf_path.resolve()}"],
        Path(html_path),
    )
    if not pdf_path.is_file():
        raise BrowserError(f"Chromium wrote no PDF for {html_path}")
    pages = pdf_page_count(pdf_path.read_bytes())
    if pages == 0:
        raise BrowserError(f"no pages found in {pdf_path}")
    return pages


# --------------------------------------------------------------------------- result transport


def _page_result(dom: str, attr: str) -> object:
    """Read the JSON the page stored, URI-encoded, in attribute ``attr`` of <html>."""
    match = re.search(rf'\b{re.escape(attr)}="([^"]*)"', dom)
    if match is None:
        raise BrowserError(f"the page did not finish (no {attr} in the DOM):\n{dom[:2000]}")
    return json.loads(unquote(html.unescape(match.group(1))))


def _js_literal(value: object) -> str:
    """``value`` as a JavaScript literal that is safe inside an HTML <script> element."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# --------------------------------------------------------------------------- Mermaid


def mermaid_js() -> Path:
    """Path of mermaid.min.js from the npm package ``mermaid@11`` cached in tests/.cache.

    Installs it with npm on first use (about 10 s; tests/ci-browser-setup.sh does this
    ahead of time in CI). A file lock keeps parallel test workers from racing."""
    script = CACHE_DIR / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
    if script.is_file():
        return script
    npm = shutil.which("npm")
    if npm is None:
        raise BrowserError("mermaid.js is not cached in tests/.cache and npm is not installed")
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    with open(CACHE_DIR / ".install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not script.is_file():
            done = subprocess.run(
                [npm, "install", "--prefix", str(CACHE_DIR), MERMAID_SPEC, "--no-audit", "--no-fund"],
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
            )
            if done.returncode != 0 or not script.is_file():
                raise BrowserError(f"npm install {MERMAID_SPEC} failed:\n{done.stdout}\n{done.stderr}")
    return script


def mermaid_version() -> str:
    """Version of the cached mermaid package, e.g. ``"11.4.1"``."""
    package = mermaid_js().parents[1] / "package.json"
    version = json.loads(package.read_text(encoding="utf-8"))["version"]
    assert isinstance(version, str)
    return version


_MERMAID_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>mermaid parse</title>
<script src="{src}"></script></head>
<body><script>
(async () => {{
  const texts = {texts};
  const results = [];
  try {{
    mermaid.initialize({{ startOnLoad: false, securityLevel: "strict" }});
    for (const text of texts) {{
      try {{
        await mermaid.parse(text);
        results.push([true, "OK"]);
      }} catch (err) {{
        results.push([false, String((err && err.message) || err)]);
      }}
    }}
  }} catch (err) {{
    results.length = 0;
    results.push("mermaid failed to load: " + String((err && err.message) || err));
  }}
  document.documentElement.setAttribute("data-results", encodeURIComponent(JSON.stringify(results)));
}})();
</script></body></html>
"""


def mermaid_parse_many(texts: Sequence[str], *, budget_ms: int = 10000) -> list[tuple[bool, str]]:
    """Parse each text with the real mermaid.js 11 (``mermaid.parse``) in one browser run.

    Returns, per text, ``(True, "OK")`` or ``(False, error message)``; a Jison parse error
    reads like ``Parse error on line 3: ... Expecting ..., got ...``. Only the syntax
    (and what the parser's database checks) is checked, nothing is drawn. About 1.5 s for
    the whole batch."""
    if not texts:
        return []
    script = mermaid_js()
    with tempfile.TemporaryDirectory(prefix="cxgap-mermaid-") as tmp:
        page = Path(tmp) / "parse.html"
        page.write_text(
            _MERMAID_PAGE.format(src=html.escape(script.as_uri()), texts=_js_literal(list(texts))), encoding="utf-8"
        )
        result = _page_result(render_dom(page, budget_ms=budget_ms), "data-results")
    if not isinstance(result, list) or len(result) != len(texts) or isinstance(result[0], str):
        raise BrowserError(f"mermaid parse page failed: {result!r}")
    return [(bool(ok), str(message)) for ok, message in result]


def mermaid_parse(text: str) -> tuple[bool, str]:
    """Parse one Mermaid diagram with mermaid.js 11: ``(True, "OK")`` or ``(False, message)``."""
    return mermaid_parse_many([text])[0]


# --------------------------------------------------------------------------- XSS

_SENTINEL = """<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="script-src 'nonce-{nonce}' 'report-sample'">
<base href="{base}">
<script nonce="{nonce}">
(() => {{
  const found = [];
  const me = document.currentScript;
  const root = document.documentElement;
  const save = (done) => root.setAttribute("data-cxgap-xss",
      encodeURIComponent(JSON.stringify({{done: done, found: found}})));
  const note = (what) => {{ if (!found.includes(what)) found.push(what); save(false); }};
  document.addEventListener("securitypolicyviolation", (e) => {{
    note("script blocked (" + e.violatedDirective + ", " + (e.blockedURI || "inline") + "): " + (e.sample || ""));
  }}, true);
  for (const name of ["alert", "confirm", "prompt", "print", "open"]) {{
    window[name] = (...args) => {{ note("call: " + name + "(" + args.map(String).join(", ") + ")"); }};
  }}
  for (const name of ["log", "info", "warn", "error", "debug"]) {{
    console[name] = (...args) => {{ note("call: console." + name + "(" + args.map(String).join(", ") + ")"); }};
  }}
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "");
  const URL_ATTRS = ["href", "src", "action", "formaction", "data", "xlink:href", "srcdoc"];
  const scan = (doc, where) => {{
    for (const el of doc.querySelectorAll("*")) {{
      if (el === me) continue;
      if (el.tagName.toLowerCase() === "script") {{
        note(where + "script element: " + (el.getAttribute("src") || el.textContent.trim().slice(0, 60)));
      }}
      for (const attr of el.attributes) {{
        const name = attr.name.toLowerCase();
        if (name.startsWith("on")) {{
          note(where + "event-handler attribute: " + describe(el) + "[" + name + "]=" + attr.value.slice(0, 60));
        }} else if (URL_ATTRS.includes(name)) {{
          const value = attr.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
          if (value.startsWith("javascript:") || value.startsWith("vbscript:")
              || (value.startsWith("data:text/html") && name !== "href")) {{
            note(where + "script URL: " + describe(el) + "[" + name + "]=" + attr.value.slice(0, 60));
          }}
        }}
      }}
    }}
    for (const frame of doc.querySelectorAll("iframe, frame")) {{
      let inner = null;
      try {{ inner = frame.contentDocument; }} catch (e) {{ inner = null; }}
      if (inner) scan(inner, where + describe(frame) + " > ");
    }}
  }};
  save(false);
  window.addEventListener("load", () => setTimeout(() => {{ scan(document, ""); save(true); }}, 50));
}})();
</script>
"""

_DOCTYPE = re.compile(r"\A(\ufeff?\s*(?:<!--.*?-->\s*)*<!doctype[^>]*>)", re.I | re.S)


def xss_fired(html_path: Path, *, budget_ms: int = 3000) -> list[str]:
    """What in the page would run script; an empty list means the page is inert.

    The page is copied to a temporary file with these put first (right after the
    doctype, so the page cannot get in ahead of them): a Content-Security-Policy
    ``script-src 'nonce-<random>' 'report-sample'``, a ``<base>`` pointing at the page's
    own folder (relative URLs resolve as before; a ``<base>`` of the page's own is thus
    ignored), and a sentinel script carrying the nonce. Nothing of the page's own runs,
    but every attempt is recorded. Findings, one string each, of these kinds:

    - ``script blocked (directive, source): code``: the browser refused to run page
      script: an inline or external ``<script>`` (``script-src-elem``), any inline
      event-handler attribute such as ``<img src=x onerror=...>`` or
      ``<div onmouseover=...>`` (``script-src-attr``; Chromium checks these as the
      parser sets them, whether or not the event ever fires), a ``javascript:`` URL it
      navigated to, ``eval``-style code. CSP gives the first 40 characters of the code.
    - ``call: alert(...)``: ``alert``/``confirm``/``prompt``/``print``/``open`` or
      ``console.*`` was called, should anything get past the policy (they are replaced by
      recorders).
    - After the load event, a scan of the live DOM (and of same-origin iframes such as
      ``srcdoc`` ones) for what needs a user or a click to fire:
      ``script element: ...`` (any ``<script>`` the page has), ``event-handler
      attribute: tag[onx]=...`` (any ``on*`` attribute, e.g. ``onmouseover``), and
      ``script URL: tag[attr]=...`` (``javascript:``/``vbscript:`` in href, src,
      action, formaction, data, xlink:href, srcdoc; ``data:text/html`` outside href).

    Only elements the HTML parser really built count, so escaped text such as
    ``&lt;script&gt;alert(1)&lt;/script&gt;`` or ``onerror=`` in plain text is inert
    and yields nothing. Because the page's scripts never run, they cannot add elements
    or change the DOM; a report that legitimately contains script is reported too.
    Not covered: CSS-only tricks and code in cross-origin frames (a ``data:`` iframe
    is reported by its URL instead). About one second per page."""
    source = Path(html_path).read_text(encoding="utf-8")
    nonce = secrets.token_hex(16)
    base = Path(html_path).resolve().parent.as_uri() + "/"
    sentinel = _SENTINEL.format(nonce=nonce, base=html.escape(base))
    match = _DOCTYPE.match(source)
    patched = (match.group(1) + sentinel + source[match.end() :]) if match else (sentinel + source)
    with tempfile.TemporaryDirectory(prefix="cxgap-xss-") as tmp:
        copy = Path(tmp) / "page.html"
        copy.write_text(patched, encoding="utf-8")
        dom = render_dom(copy, budget_ms=budget_ms)
    result = _page_result(dom, "data-cxgap-xss")
    if not isinstance(result, dict) or not result.get("done"):
        found = result.get("found") if isinstance(result, dict) else result
        raise BrowserError(f"the page never finished loading, findings so far: {found!r}")
    found = result["found"]
    assert isinstance(found, list)
    return [str(item) for item in found]
