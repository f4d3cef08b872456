"""Starter specs for `cxgap init`, shipped as package data: ``NAME.yaml`` in
English, ``zh-CN/NAME.yaml`` and ``zh-TW/NAME.yaml`` with Chinese comments and
example content."""

from __future__ import annotations

from importlib import resources

_PACKAGE = "cxgap.data.starters"


def list_templates() -> list[str]:
    files = resources.files(_PACKAGE)
    return sorted(p.name.removesuffix(".yaml") for p in files.iterdir() if p.name.endswith(".yaml"))


def render_template(name: str, schema_path: str, lang: str = "en") -> str:
    files = resources.files(_PACKAGE)
    translated = files.joinpath(lang, f"{name}.yaml")
    starter = translated if lang != "en" and translated.is_file() else files.joinpath(f"{name}.yaml")
    text = starter.read_text(encoding="utf-8")
    return f"# yaml-language-server: $schema={schema_path}\n" + text
