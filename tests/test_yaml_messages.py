"""libyaml's syntax messages in the run's language: every kind of broken YAML,
run with --lang zh-CN and zh-TW, keeps its `file:line:col:` and exit code 2 and
leaves no English sentence; English keeps libyaml's own words; a message the
tables do not know is shown as libyaml wrote it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CLI
from test_chinese_output import _english_left

from cxgap.i18n import load_catalog, speaking
from cxgap.yamlmessages import CONTEXTS, PROBLEMS, syntax_text

BROKEN = {
    # kind: (text, the English libyaml says, line, column)
    "mapping values": ("version: 1\njourney:\n  title: a: b\n", "mapping values are not allowed in this context", 3,
                       11),
    "simple key": ("version: 1\njourney\ntitle: t\n", "could not find expected ':' (while scanning a simple key)", 3,
                   1),
    "bad token": ("version: 1\njourney: @x\n", "found character that cannot start any token", 2, 10),
    "block end": ("version: 1\njourney:\n  title: t\n id: x\n", "did not find expected key (while parsing a block "
                  "mapping)", 4, 2),
    "sequence entry": ("version: 1\njourney: {title: t}\n- a\n", "did not find expected key", 3, 1),
    "unclosed quote": ('version: 1\njourney: {title: "t}\n', "found unexpected end of stream (while scanning a "
                       "quoted scalar)", 3, 1),
    "escape": ('version: 1\njourney: {title: "\\q"}\n', "found unknown escape character (while parsing a quoted "
               "scalar)", 2, 19),
    "hex escape": ('version: 1\njourney: {title: "\\xZZ"}\n', "did not find expected hexdecimal number", 2, 21),
    "flow sequence": ("version: 1\npersonas: [a, b\njourney: {title: t}\n", "did not find expected ',' or ']' "
                      "(while parsing a flow sequence)", 3, 8),
    "flow mapping": ("version: 1\njourney: {title: t\nid: x\n", "did not find expected ',' or '}' (while parsing "
                     "a flow mapping)", 3, 3),
    "node content": ("version: 1\npersonas: [,]\n", "did not find expected node content (while parsing a flow "
                     "node)", 2, 12),
    "document start": ("'a' 'b'\n", "did not find expected <document start>", 1, 5),
    "alias": ("version: 1\njourney: *\n", "did not find expected alphabetic or numeric character (while scanning "
              "an alias)", 2, 11),
    "anchor": ("version: 1\njourney: &\n", "did not find expected alphabetic or numeric character", 2, 11),
    "tag": ("version: 1\njourney: !<x\n", "did not find the expected '>' (while scanning a tag)", 2, 13),
    "tag handle": ("version: 1\njourney: !x!y 1\n", "found undefined tag handle (while parsing a node)", 2, 10),
    "directive": ("%FOO bar\n--- 1\n", "found unknown directive name (while scanning a directive)", 1, 5),
    "yaml version": ("%YAML 2.0\n--- 1\n", "found incompatible YAML document", 1, 1),
    "indentation indicator": ("version: 1\ndescription: |0\n  x\n", "found an indentation indicator equal to 0", 2, 15),
    "block scalar": ("version: 1\ndescription: |x\n  x\n", "did not find expected comment or line break", 2, 15),
    "document indicator": ('version: 1\njourney: {title: "x\n---\n"}\n', "found unexpected document indicator", 3, 1),
    "tab": ("version: 1\njourney:\n\ttitle: t\n", "a tab character where YAML expects spaces", 3, 1),
    "control character": ("version: 1\njourney: {title: \x07}\n", "is not allowed in YAML: control characters are "
                          "not allowed", 2, 18),
}


@pytest.mark.parametrize("kind", list(BROKEN))
def test_broken_yaml_in_english_keeps_libyaml_words(cli: CLI, tmp_path: Path, kind: str) -> None:
    text, english, line, col = BROKEN[kind]
    spec = tmp_path / "broken.yaml"
    spec.write_bytes(text.encode())
    err = cli("validate", spec, "--lang", "en").expect(2).err
    assert f"broken.yaml:{line}:{col}: " in err and english in err, err


@pytest.mark.parametrize("lang", ["zh-CN", "zh-TW"])
@pytest.mark.parametrize("kind", list(BROKEN))
def test_broken_yaml_in_chinese_leaves_no_english(cli: CLI, tmp_path: Path, kind: str, lang: str) -> None:
    text, _, line, col = BROKEN[kind]
    spec = tmp_path / "broken.yaml"
    spec.write_bytes(text.encode())
    err = cli("validate", spec, "--lang", lang).expect(2).err
    assert err.startswith(f"{spec}:{line}:{col}: YAML "), err
    assert "Traceback" not in err
    assert _english_left(f"$ cxgap validate {spec}\n{err}") == [], err


def test_every_table_entry_has_its_texts() -> None:
    en = load_catalog("en")
    keys = {f"yaml.problem.{key}" for key, _ in PROBLEMS} | {f"yaml.context.{key}" for key in CONTEXTS.values()}
    assert sorted(k for k in keys if k not in en) == []
    assert sorted(k for k in en if k.startswith(("yaml.problem.", "yaml.context.")) and k not in keys) == []


def test_libyaml_english_is_its_own_words() -> None:
    """en.json holds libyaml's texts, so English output is libyaml's message unchanged."""
    en = load_catalog("en")
    for key in {key for key, _ in PROBLEMS} - {"block_end"}:  # block_end: PyYAML's pure-Python parser only
        text = en[f"yaml.problem.{key}"].format(close="]")
        assert any(pattern.fullmatch(text) for k, pattern in PROBLEMS if k == key), key
    for said, key in CONTEXTS.items():
        assert en[f"yaml.context.{key}"] in CONTEXTS, said


def test_pure_python_variants_and_unknown_messages() -> None:
    with speaking("zh-CN"):
        assert syntax_text("found character '@' that cannot start any token", "while scanning for the next token") \
            == "这个字符不能作为任何 YAML 记号的开头（读取下一个记号时）"
        assert syntax_text("mapping values are not allowed here", None) == "此处不允许映射值（`键: 值`）"
        assert syntax_text("expected ',' or ']', but got '<stream end>'", "while parsing a flow sequence") \
            == "找不到应有的 ',' 或 ']'（解析方括号中的列表时）"
        # a message libyaml may add one day: kept as written, its known context still translated
        assert syntax_text("found something new", "while parsing a block mapping") \
            == "found something new（解析缩进的映射时）"
        assert syntax_text(None, "while parsing a node") is None
    assert re.search("[a-z]", syntax_text("found something new", None) or "")
