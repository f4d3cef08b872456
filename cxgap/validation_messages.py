"""Turn pydantic's validation errors into messages a strategist understands:
what is wrong, what was expected, and a short rendering of what was found."""

from __future__ import annotations

import difflib
import re
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from cxgap import model
from cxgap.problems import shorten

_EXPECTED = {
    "int_parsing": "expected a whole number",
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "finite_number": "expected a finite number (not nan or inf)",
    "int_parsing_size": "expected a whole number of sensible size",
    "string_type": "expected text",
    "list_type": "expected a list (`- item` lines or `[a, b]`)",
    "dict_type": "expected a mapping (`key: value` lines)",
    "model_type": "expected a mapping (`key: value` lines)",
    "model_attributes_type": "expected a mapping (`key: value` lines)",
    "string_too_short": "expected non-empty text",
    "string_pattern_mismatch": "expected an identifier without spaces or colons",
    "string_too_long": "expected at most 200 characters",
}


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the last key of ``loc``."""
    current: Any = model.Spec
    for item in loc[:-1]:
        if isinstance(item, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(item)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _known_keys(loc: tuple[Any, ...]) -> list[str]:
    owner = _model_at(loc)
    return sorted(owner.model_fields) if owner is not None else []


_NUMBER = re.compile(r"[-+]?[0-9]{1,30}(\.[0-9]{1,30})?")


def found(value: Any) -> str:
    """What the file holds, short: numbers as written, text quoted."""
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        return value
    return shorten(value)


def describe(error: ErrorDetails, data: Any) -> tuple[str, bool]:
    """The message for one error, and whether it is about a key (not a value)."""
    kind = error["type"]
    loc = tuple(error["loc"])
    value = error.get("input")
    if kind == "extra_forbidden":
        name = str(loc[-1])
        known = _known_keys(loc)
        hint = difflib.get_close_matches(name, known, n=1) if len(name) <= 100 else []
        did_you_mean = f" (did you mean {hint[0]!r}?)" if hint else ""
        return (f"unknown key {shorten(name)}{did_you_mean}; expected one of: {', '.join(known)} "
                "(or an `x-` key of your own)", True)
    if kind == "missing":
        return f"missing required key {loc[-1]!r}", False
    if kind in ("enum", "literal_error"):
        expected = error.get("ctx", {}).get("expected", "")
        return f"expected one of {expected}, got {shorten(value)}", False
    if kind == "value_error":
        msg = str(error["msg"]).removeprefix("Value error, ")
        return msg, False
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return f"{_range_text(loc)}, got {found(value)}", False
    if kind in _EXPECTED:
        return f"{_EXPECTED[kind]}, got {found(value)}", False
    return f"{error['msg']}, got {found(value)}", False


_RANGES = {
    "importance": "expected a whole number from 1 (minor) to 5 (critical)",
    "effort": "expected a number above 0 (relative cost or budget)",
    "nps": "expected an NPS from -100 to 100",
    "csat": "expected a CSAT percentage from 0 to 100",
    "ces": "expected a CES mean from 1 to 7",
    "nps_responses": "expected NPS answers from 0 to 10",
    "csat_responses": "expected CSAT answers from 1 to 5",
    "ces_responses": "expected CES answers from 1 to 7",
    "min_score": "expected a score from 0 to 100",
    "age": "expected an age from 0 to 150",
    "start": "expected a number of customers above 0",
}


def _range_text(loc: tuple[Any, ...]) -> str:
    for item in reversed(loc):
        if isinstance(item, str):
            return _RANGES.get(item, "value out of range")
    return "value out of range"
