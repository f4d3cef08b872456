"""Turn pydantic's validation errors into messages a strategist understands:
what is wrong, what was expected, and a short rendering of what was found.
The sentences are the ``problem.*`` texts of the catalogs."""

from __future__ import annotations

import difflib
import re
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from cxgap import model
from cxgap.i18n import Catalog, messages
from cxgap.problems import shorten

_EXPECTED = {
    "int_parsing": "whole_number", "int_type": "whole_number", "int_from_float": "whole_number",
    "float_parsing": "number", "float_type": "number", "finite_number": "finite_number",
    "int_parsing_size": "sensible_number", "string_type": "text", "list_type": "list", "dict_type": "mapping",
    "model_type": "mapping", "model_attributes_type": "mapping", "string_too_short": "non_empty",
    "string_pattern_mismatch": "identifier", "string_too_long": "short_text",
    "bool_parsing": "boolean", "bool_type": "boolean",
}
"""pydantic's error type -> the ``problem.expected.*`` text of the catalog."""


def _texts() -> Catalog:
    """Problems are written in the run's language (``--lang``, else the spec's `journey.lang`, else the
    environment's)."""
    return messages()


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
    """The message for one error (in the language messages are made in), and
    whether it is about a key (not a value)."""
    kind = error["type"]
    loc = tuple(error["loc"])
    value = error.get("input")
    t = _texts().t
    if kind == "extra_forbidden":
        name = str(loc[-1])
        known = _known_keys(loc)
        hint = difflib.get_close_matches(name, known, n=1) if len(name) <= 100 else []
        did_you_mean = t("problem.did_you_mean", name=repr(hint[0])) if hint else ""
        return t("problem.unknown_key", name=shorten(name), hint=did_you_mean, known=_texts().join(known)), True
    if kind == "missing":
        return t("problem.missing_key", name=repr(loc[-1])), False
    if kind in ("enum", "literal_error"):
        expected = str(error.get("ctx", {}).get("expected", "")).replace(" or ", f" {t('problem.or')} ")
        expected = expected.replace(", ", _texts().list_sep)  # pydantic's "'a', 'b' or 'c'"
        return t("problem.one_of", expected=expected, found=shorten(value)), False
    if kind in _CUSTOM:
        ctx = {k: _texts().join(v) if isinstance(v, list) else v for k, v in error.get("ctx", {}).items()}
        return t(f"problem.{kind}", **ctx), False
    if kind == "value_error":
        msg = str(error["msg"]).removeprefix("Value error, ")
        return msg, False
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return t("problem.got", expected=_range_text(loc), found=found(value)), False
    if kind in _EXPECTED:
        expected = t(f"problem.expected.{_EXPECTED[kind]}")
        if _EXPECTED[kind] == "whole_number":  # a field with a range says it: "importance: high" -> 1 to 5
            expected = _range_text(loc, expected)
        return t("problem.got", expected=expected, found=found(value)), False
    return t("problem.got", expected=error["msg"], found=found(value)), False


def _range_text(loc: tuple[Any, ...], default: str | None = None) -> str:
    """The range the field at ``loc`` takes (``problem.range.<field>``), else ``default``, else any."""
    c = _texts()
    for i in range(len(loc) - 1, -1, -1):
        item = loc[i]
        if isinstance(item, str):
            if i and loc[i - 1] == "persona_importance":  # {persona id: importance}
                item = "persona_importance"
            if c.has(f"problem.range.{item}"):
                return c.t(f"problem.range.{item}")
            break
    return default if default is not None else c.t("problem.range.any")


_CUSTOM = frozenset((
    "value_and_answers", "no_answers", "lost_above_start", "customers_balance", "target_bounds", "min_above_max",
    "target_one_subject", "all_customers", "version", "measure_from_customers", "measure_value_or_answers",
    "measure_out_of_range", "measure_one_subject", "answers_not_survey", "answers_empty", "answer_out_of_range",
    "source_one_subject", "map_needs_column", "top_box_builtin", "top_box_needed", "scale_needed", "scale_order",
    "top_box_outside", "unknown_encoding", "not_a_date",
))
"""The error types of the models' own checks (``problem.<type>`` in the catalogs)."""
