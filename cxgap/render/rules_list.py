"""`cxgap rules`: the gap rules of the registry, as text, a Markdown table or JSON.

The README's table of gap kinds is the Markdown form in English, generated (a
test keeps the README equal to it). English texts are the registry's own (each
rule's ``raised_for``, ``severity`` and module docstring); other languages
read them from the catalogs, ``rule.<kind>.raised_for|severity|doc``, which
en.json mirrors (a test keeps the mirror equal to the registry).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from cxgap.cjk import display_width, line_join, wrap
from cxgap.i18n import REFERENCE, Catalog, catalog

if TYPE_CHECKING:  # the CLI reads RULE_FORMATS at start-up: keep this import light
    from cxgap.analysis.rules import Rule


def _rules() -> Iterable[Rule]:
    from cxgap.analysis.rules import RULES

    return RULES.values()


def rule_text(rule: Rule, part: str, c: Catalog) -> str:
    """A rule's ``raised_for``, ``severity`` or ``doc`` in the catalog's language. English is the
    registry's own text (the rule module's docstring); other languages read ``rule.<kind>.<part>``
    (a rule without that text yet is shown in English)."""
    key = f"rule.{rule.kind}.{part}"
    if c.lang == REFERENCE or not c.has(key):
        return {"raised_for": rule.raised_for, "severity": rule.severity, "doc": rule.documentation}[part]
    return c.t(key)


WIDTH = 80
"""The plain text is wrapped to 80 terminal columns (Chinese counted two a character), for a terminal
and for a file alike."""


def _paragraphs(doc: str) -> list[str]:
    """The docstring's paragraphs, each one line: a line break inside a paragraph is a space, or nothing
    between two Chinese characters."""
    out = []
    for block in doc.split("\n\n"):
        joined = ""
        for line in block.splitlines():
            line = line.strip()
            joined += (line_join(joined, line) if joined else "") + line
        out.append(joined)
    return out


def _wrapped(paragraph: str, indent: str, hanging: str = "") -> list[str]:
    lines = wrap(paragraph, WIDTH - display_width(indent) - display_width(hanging))
    return [indent + lines[0], *(indent + hanging + line for line in lines[1:])] if lines else [indent]


def text(c: Catalog | None = None) -> str:
    c = c or catalog(REFERENCE)
    out = []
    for rule in _rules():
        out += _wrapped(c.t("rules.head", kind=rule.kind, subject=c.t(f"rules.subject.{rule.subject.value}"),
                            severity=rule_text(rule, "severity", c)), "", "    ")
        paragraphs = _paragraphs(rule_text(rule, "doc", c))
        for i, paragraph in enumerate(paragraphs):
            out += _wrapped(paragraph, "    ") + ([""] if i < len(paragraphs) - 1 else [])
        out.append("")
    return "\n".join(out)


def markdown(c: Catalog | None = None) -> str:
    """The README's table (in English): kind, what it is raised for, its default severity."""
    c = c or catalog(REFERENCE)
    head = (c.t("rules.table.kind"), c.t("rules.table.raised_for"), c.t("rules.table.severity"))
    lines = ["| " + " | ".join(head) + " |", "|---|---|---|"]
    lines += [f"| `{r.kind}` | {rule_text(r, 'raised_for', c)} | {rule_text(r, 'severity', c)} |" for r in _rules()]
    return "\n".join(lines) + "\n"


def json_text(c: Catalog | None = None) -> str:
    c = c or catalog(REFERENCE)
    data = [
        {"kind": r.kind, "subject": r.subject.value, "raised_for": rule_text(r, "raised_for", c),
         "severity": rule_text(r, "severity", c), "documentation": rule_text(r, "doc", c)}
        for r in _rules()
    ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


RULE_FORMATS: dict[str, Callable[[Catalog | None], str]] = {"text": text, "markdown": markdown, "json": json_text}
