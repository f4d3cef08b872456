"""libyaml's syntax messages in the run's language.

libyaml (and PyYAML's pure-Python parser, its fallback) says what is wrong in
two English parts: a *problem* ("mapping values are not allowed in this
context") and a *context* ("while scanning a simple key"). Each known part is
a catalog key, ``yaml.problem.<name>`` or ``yaml.context.<name>``; the English
catalog holds libyaml's own words, so English output is libyaml's message as
before. The pure-Python parser words some problems differently and names the
character it found ("found character '@' that cannot start any token"); those
variants map to the same keys (the column already points at the character).
A part that is not in the tables (a libyaml release with a new message) is
shown as libyaml wrote it, never dropped.

The catalogs are reached through :func:`cxgap.problems.worded`, as everywhere
in the loader: this module imports no catalog itself.
"""

from __future__ import annotations

import re

from cxgap.problems import worded

PROBLEMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((key, re.compile(pattern)) for key, pattern in (
    ("mapping_values", r"mapping values are not allowed (in this context|here)"),
    ("sequence_entries", r"block sequence entries are not allowed (in this context|here)"),
    ("expected_colon", r"could not find expected ':'"),
    ("bad_token", r"found character (.+ )?that cannot start any token"),
    ("expected_key", r"did not find expected key"),
    ("block_end", r"expected <block end>, but found .*"),
    ("expected_dash", r"did not find expected '-' indicator"),
    ("end_of_stream", r"found unexpected end of stream"),
    ("unknown_escape", r"found unknown escape character.*"),
    ("hex_number", r"did not find expected hexdecimal number|expected escape sequence of \d+ hexadecimal numbers.*"),
    ("unicode_escape", r"found invalid Unicode character escape code"),
    ("flow_end", r"did not find expected ',' or '(?P<close>[]}])'"),
    ("flow_end", r"expected ',' or '(?P<close>[]}])', but got .*"),
    ("node_content", r"did not find expected node content|expected the node content, but found .*"),
    ("document_start", r"did not find expected <document start>|expected '<document start>', but found .*"),
    ("document_indicator", r"found unexpected document (indicator|separator)"),
    ("alphanumeric", r"did not find expected alphabetic or numeric character|expected alphabetic or numeric "
                     r"character, but found .*"),
    ("expected_angle", r"did not find the expected '>'|expected '>', but found .*"),
    ("expected_bang", r"did not find expected '!'|expected '!', but found .*"),
    ("expected_space", r"did not find expected whitespace or line break|expected ' ', but found .*"),
    ("tag_handle", r"found undefined tag handle.*"),
    ("uri_escape", r"did not find URI escaped octet|expected URI escape sequence.*"),
    ("directive_name", r"found unknown directive name|did not find expected directive name"),
    ("incompatible", r"found incompatible YAML document.*"),
    ("duplicate_yaml", r"found duplicate %?YAML directive"),
    ("duplicate_tag", r"found duplicate %?TAG directive.*"),
    ("indentation_zero", r"found an indentation indicator equal to 0|expected indentation indicator in the range "
                         r"1-9, but found 0"),
    ("comment_or_break", r"did not find expected comment or line break|expected (chomping or indentation "
                         r"indicators|a comment or a line break), but found .*"),
    ("tab_indentation", r"found a tab character (that violates? indentation|where an indentation space is "
                        r"expected)"),
    ("unexpected_colon", r"found unexpected ':'"),
    ("control_characters", r"control characters are not allowed|special characters are not allowed"),
))
"""Catalog key (``yaml.problem.<key>``) -> what libyaml or PyYAML says; a named group fills the
placeholder of that name."""

CONTEXTS: dict[str, str] = {
    "while scanning a simple key": "simple_key",
    "while scanning for the next token": "next_token",
    "while parsing a block mapping": "block_mapping",
    "while parsing a block collection": "block_collection",
    "while parsing a block node": "block_node",
    "while parsing a flow node": "flow_node",
    "while parsing a node": "node",
    "while parsing a flow sequence": "flow_sequence",
    "while parsing a flow mapping": "flow_mapping",
    "while scanning a quoted scalar": "scanning_quoted",
    "while parsing a quoted scalar": "parsing_quoted",
    "while scanning a double-quoted scalar": "parsing_quoted",
    "while scanning a plain scalar": "plain_scalar",
    "while scanning a block scalar": "block_scalar",
    "while scanning an alias": "alias",
    "while scanning an anchor": "anchor",
    "while scanning a tag": "tag",
    "while parsing a tag": "tag",
    "while scanning a directive": "directive",
    "while scanning a %YAML directive": "directive",
    "while scanning a %TAG directive": "directive",
}
"""What libyaml or PyYAML says -> catalog key (``yaml.context.<key>``)."""


def problem_text(problem: str) -> str:
    """A libyaml problem in the run's language; unknown ones as libyaml wrote them."""
    for key, pattern in PROBLEMS:
        match = pattern.fullmatch(problem)
        if match:  # a named group is a placeholder of the text: the bracket that was expected
            return worded(f"yaml.problem.{key}", None, problem, **match.groupdict())
    return problem


def context_text(context: str) -> str:
    key = CONTEXTS.get(context)
    return worded(f"yaml.context.{key}", None, context) if key else context


def syntax_text(problem: str | None, context: str | None) -> str | None:
    """``problem (context)`` as the run's language writes it; None without a problem."""
    if not problem:
        return None
    what = problem_text(problem)
    if not context:
        return what
    where = context_text(context)
    return worded("yaml.with_context", None, f"{what} ({where})", problem=what, context=where)
