"""`cxgap rules`: the gap rules of the registry, as text, a Markdown table or JSON.

The README's table of gap kinds is the Markdown form, generated (a test keeps
the README equal to it).
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI reads RULE_FORMATS at start-up: keep this import light
    from cxgap.analysis.rules import Rule


def _rules() -> Iterable[Rule]:
    from cxgap.analysis.rules import RULES

    return RULES.values()


def text() -> str:
    out = []
    for rule in _rules():
        out.append(f"{rule.kind}  ({rule.subject.value.replace('_', ' ')}; default severity: {rule.severity})")
        out.append(textwrap.indent(rule.documentation, "    "))
        out.append("")
    return "\n".join(out)


def markdown() -> str:
    """The README's table: kind, what it is raised for, its default severity."""
    lines = ["| gap kind | raised for | severity |", "|---|---|---|"]
    lines += [f"| `{r.kind}` | {r.raised_for} | {r.severity} |" for r in _rules()]
    return "\n".join(lines) + "\n"


def json_text() -> str:
    data = [
        {"kind": r.kind, "subject": r.subject.value, "raised_for": r.raised_for, "severity": r.severity,
         "documentation": r.documentation}
        for r in _rules()
    ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


RULE_FORMATS: dict[str, Callable[[], str]] = {"text": text, "markdown": markdown, "json": json_text}
