"""Starter specs for `cxgap init`, shipped as package data."""

from __future__ import annotations

from importlib import resources

_PACKAGE = "cxgap.data.starters"


def list_templates() -> list[str]:
    files = resources.files(_PACKAGE)
    return sorted(p.name.removesuffix(".yaml") for p in files.iterdir() if p.name.endswith(".yaml"))


def render_template(name: str, schema_path: str) -> str:
    text = resources.files(_PACKAGE).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return f"# yaml-language-server: $schema={schema_path}\n" + text
