"""The Jinja2 environment of the HTML reports, made once and on first use.

Templates are package data (``cxgap/render/templates``), read through the
package loader so that they work from a wheel as well as from a checkout.
Autoescaping is on for every template and StrictUndefined turns a misspelt
variable into an error instead of an empty string. Spec text is only ever
passed *to* templates as data: it is never compiled, so ``{{ 7*7 }}`` in a
touchpoint name stays that text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from cxgap.i18n import Catalog
from cxgap.render.texts import some

_CODE = re.compile(r"`([^`<>]+)`")


def code_spans(text: str) -> Markup:
    """Text with `backticked` words as <code>: escaped first, so only our own
    <code> tags are markup and whatever was inside stays inert text."""
    return Markup(_CODE.sub(r"<code>\1</code>", str(escape(text))))


def css_string(text: str, limit: int = 90) -> Markup:
    """``text`` as a quoted CSS string for a ``<style>`` element (the running title of a printed page):
    cut to ``limit`` characters, and every character but letters, digits and spaces written as a CSS
    escape (``\\3c `` for ``<``), so spec text can neither end the string nor the style element."""
    cut = text if len(text) <= limit else text[: limit - 1] + "…"
    return Markup('"' + "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} " for ch in cut) + '"')


@cache
def markup_filler(c: Catalog) -> Callable[..., Markup]:
    """``fill(key, **params)`` for templates: the catalog text of ``key`` with markup in it, where each
    parameter is escaped unless it already is markup (a ``{% set %}`` block of the template). Only for
    texts without markup characters of their own (checked: their words are not escaped)."""

    def fill(key: str, **params: Any) -> Markup:
        if any(ch in c.t(key, **dict.fromkeys(params, "")) for ch in "<>&"):
            raise ValueError(f"{key!r} holds markup characters: fill() cannot write it")
        return Markup(c.t(key, **{k: v if isinstance(v, Markup) else escape(v) for k, v in params.items()}))

    return fill


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("cxgap.render", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "svg", "xml"), default_for_string=True,
                                     default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["code"] = code_spans
    env.filters["css_string"] = css_string
    env.globals["some"] = some
    return env


def render_template(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
