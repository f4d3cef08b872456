"""The JSON Schema of the journey spec format, generated from the models.

Two adjustments make it agree with cxgap's loader for every valid spec:
text fields also accept what YAML tools read as numbers or booleans (cxgap
keeps ``id: 10`` as the text "10"), and an optional key may be left empty
(``owner:`` is null).
"""

from __future__ import annotations

import json
from typing import Any

from cxgap import __version__
from cxgap.i18n import catalog, load_catalog, stage_names
from cxgap.model import Spec
from cxgap.stages import DEFAULT_STAGES

SCHEMA_ID = "https://cxgap.invalid/schema/journey-v1.json"
_TEXT_TYPES = ["string", "number", "boolean"]


def _loosen(node: Any) -> Any:
    if isinstance(node, dict):
        out = {k: _loosen(v) for k, v in node.items()}
        if out.get("type") == "string" and "enum" not in out and "const" not in out:
            out["type"] = _TEXT_TYPES
        if out.get("type") == "object" and "properties" in out:
            required = set(out.get("required", []))
            for name, prop in out["properties"].items():
                if name not in required and not _nullable(prop):
                    out["properties"][name] = {"anyOf": [prop, {"type": "null"}]}
        return out
    if isinstance(node, list):
        return [_loosen(v) for v in node]
    return node


def _nullable(prop: dict[str, Any]) -> bool:
    return any(alt.get("type") == "null" for alt in prop.get("anyOf", []))


def _drop_titles(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _drop_titles(v) for k, v in node.items() if not (k == "title" and isinstance(v, str))}
    if isinstance(node, list):
        return [_drop_titles(v) for v in node]
    return node


def _described(node: Any, texts: dict[str, str]) -> Any:
    """``node`` with each ``description`` the models wrote in English replaced by its translation."""
    if isinstance(node, dict):
        return {k: texts.get(v, v) if k == "description" and isinstance(v, str) else _described(v, texts)
                for k, v in node.items()}
    if isinstance(node, list):
        return [_described(v, texts) for v in node]
    return node


def descriptions(lang: str) -> dict[str, str]:
    """The models' English field descriptions -> their text in ``lang`` (``schema.text.*`` in the catalogs:
    the English entries mirror the models, and a test keeps every description of the models there)."""
    english, c = catalog("en"), catalog(lang)
    return {english.t(key): c.t(key) for key in load_catalog("en") if key.startswith("schema.text.")}


def build_schema(lang: str = "en") -> dict[str, Any]:
    """The schema; ``lang`` words its title, its stage description and the
    description of every field (editors show them on hover)."""
    c = catalog(lang)
    raw = Spec.model_json_schema(mode="validation")
    translations = stage_names()
    schema = _loosen(_drop_titles(raw))
    if lang != "en":
        schema = _described(schema, descriptions(lang))
    names = sorted({n for s in DEFAULT_STAGES
                    for n in (s.id, *s.names.values(), *translations.get(s.id, {}).values(),
                              *(w for ws in s.words.values() for w in ws))})
    for ref in ("CustomerTouchpoint", "CompanyTouchpoint"):
        prop = schema["$defs"][ref]["properties"]["stage"]
        prop["description"] = c.t("schema.stage", names=c.join(names))
        prop["examples"] = [s.id for s in DEFAULT_STAGES]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": c.t("schema.title"),
        "description": c.t("schema.description", version=__version__),
        **schema,
    }


def schema_text(lang: str = "en") -> str:
    return json.dumps(build_schema(lang), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
