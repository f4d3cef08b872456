"""Every command speaks Chinese: no English message text in the zh transcripts
of tests/golden/cli.*.txt (written by tests/regen_goldens.py, checked byte for
byte by test_golden.py), except ids, keys, allowed values and the user's own
words; and English uses the right singular and plural forms."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CLI, ROOT
from regen_goldens import CASES

from cxgap.analysis.rules import RULES
from cxgap.i18n import LANGS, Catalog, load_catalog
from cxgap.levels import FailOn, Severity
from cxgap.model import CUSTOMER_METRICS, SURVEY_METRICS, Evidence, Lane, Spec, Status
from cxgap.stages import DEFAULT_STAGE_IDS

GOLDEN = ROOT / "tests" / "golden"
ZH_TRANSCRIPTS = sorted(GOLDEN / c.name for c in CASES if c.transcript)

ALLOWED = {
    # the product, formats, metrics and abbreviations people write in Chinese too
    "cxgap", "CI", "NPS", "CSAT", "CES", "KPI", "App", "app", "APP", "id", "ID", "B2B", "SaaS", "UTF", "utf",
    "yaml", "YAML", "json", "xml", "version", "encoding", "Excel", "Trello", "Instagram", "Threads", "LINE",
    # GitHub workflow commands and JUnit XML are machine syntax; JUnit test case names are identifiers
    "error", "warning", "file", "line", "col", "title", "testsuites", "testsuite", "testcase", "properties",
    "property", "name", "value", "classname", "time", "tests", "failures", "errors", "skipped", "failure",
    "message", "type", "load", "spec", "policy", "journey", "score", "coverage", "focus",
    # the starter's modeline and commands
    "language", "server", "schema", "init", "validate", "analyze", "check", "stages", "lang", "persona",
    "template", "force", "en", "zh", "CN", "TW",
    # YAML values and JUnit property names
    "true", "false", "accepted",
    # survey exports: file formats, the byte-order mark, encoding names (cp1252, big5, gb18030) and git
    "csv", "CSV", "xlsx", "BOM", "cp", "big", "gb", "git",
}


def _spec_words() -> set[str]:
    """Keys and allowed values of the spec format: a message may name them as written."""
    words: set[str] = set()

    def fields(model: Any) -> None:
        for name, info in model.model_fields.items():
            words.update(name.split("_"))
            words.add(name)
            inner = getattr(info.annotation, "__args__", ()) or (info.annotation,)
            for arg in (*inner, *(a for i in inner for a in getattr(i, "__args__", ()))):
                if isinstance(arg, type) and hasattr(arg, "model_fields") and arg is not model:
                    fields(arg)

    fields(Spec)
    for enum in (Evidence, Status, Lane, Severity, FailOn):
        words.update(m.value for m in enum)
    words.update((*SURVEY_METRICS, *CUSTOMER_METRICS))
    words.update(part for kind in RULES for part in (kind, *kind.split("_")))  # gap kinds, as in gap ids
    words.update(("responses", "min", "max", "meets", "gap", "uncovered", "stage", "mismatch", "impact", "dark",
                  "unmapped", "effort", "imbalance", "below", "target", "assumption", "customers", "churn"))
    return words


def _user_words(transcript: str) -> set[str]:
    """Every word of the specs the command read: the user's words stay as written."""
    words: set[str] = set()
    for path in re.findall(r"\S+\.yaml", transcript.splitlines()[0]):
        spec = ROOT / path
        if not spec.exists():
            continue
        try:
            data = yaml.safe_load(spec.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            data = spec.read_text(encoding="utf-8")
        words.update(re.findall(r"[A-Za-z][A-Za-z0-9]*", json.dumps(data, ensure_ascii=False, default=str)))
    if " init " in transcript.splitlines()[0] + " ":  # the starter's own ids are identifiers
        starter = yaml.safe_load(transcript.split("--- stdout\n", 1)[1].split("--- stderr\n", 1)[0])
        words.update(re.findall(r"[A-Za-z]+", str(starter["journey"].get("id"))))
        for key in ("personas", "customer_touchpoints", "company_touchpoints"):
            for item in starter.get(key) or []:
                words.update(re.findall(r"[A-Za-z]+", str(item.get("id"))))
    return words


def _english_left(transcript: str) -> list[str]:
    lines = transcript.splitlines()
    body = "\n".join(line for line in lines[1:] if not line.startswith("--- "))
    body = re.sub(r"%[0-9A-F]{2}", " ", body)  # escapes of GitHub workflow commands
    body = re.sub(r"\S+\.(ya?ml|csv|xlsx)(:\d+:\d+)?", " ", body)  # paths (specs, survey exports) and positions
    body = re.sub(r"`[^`]*`", " ", body)  # code: keys, commands, ids
    body = re.sub(r"'[^']*'", " ", body)  # quoted values from the spec
    body = re.sub(r"\b[\w-]+:[\w:.-]+", " ", body)  # gap ids (kind:subject)
    body = re.sub(r"--?[\w-]+", " ", body)  # flags
    body = re.sub(r"\b\w+(\[\d+\])?(\.\w+(\[\d+\])?)+", " ", body)  # paths in the document
    body = re.sub(r"\b\w*_\w*\b", " ", body)  # identifiers with underscores
    body = re.sub(r"\b\w+(-\w+)+\b", " ", body)  # identifiers with hyphens
    allowed = ALLOWED | _spec_words() | _user_words(transcript) | set(DEFAULT_STAGE_IDS)
    return sorted({w for w in re.findall(r"[A-Za-z]{2,}", body) if w not in allowed})


def test_every_command_has_chinese_transcripts() -> None:
    commands = {p.name.split(".")[1] for p in ZH_TRANSCRIPTS}
    assert {"validate", "check", "diff", "init", "stages", "analyze", "sources", "rules"} <= commands
    for run in ("zh-CN", "zh-TW", "LANG-zh_TW"):
        assert sum(1 for p in ZH_TRANSCRIPTS if f".{run}." in p.name) >= 8


@pytest.mark.parametrize("path", ZH_TRANSCRIPTS, ids=lambda p: p.name)
def test_no_english_leaks_into_chinese_output(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if ".json." in path.name:  # a machine format: keys and enums stay English; the messages are Chinese
        body = json.loads(text.split("--- stdout\n", 1)[1].split("--- stderr\n", 1)[0])
        messages = ([value for rule in body for key, value in rule.items() if key not in ("kind", "subject")]
                    if isinstance(body, list) else  # `rules -f json`: the texts of each rule
                    [r["message"] for res in body["results"] for r in res.get("reasons", [])])
        assert messages
        text = text.splitlines()[0] + "\n" + "\n".join(messages)
    assert _english_left(text) == [], f"English words in {path.name}"


@pytest.mark.parametrize("path", ZH_TRANSCRIPTS, ids=lambda p: p.name)
def test_chinese_transcripts_are_in_their_script(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    traditional = ".zh-TW." in path.name or ".LANG-zh_TW." in path.name
    tw, cn = ("檢查", "規格", "顧客", "階段", "通過", "觸發"), ("检查", "规格", "客户", "阶段", "通过", "触发")
    marks = tw if traditional else cn
    assert any(m in text for m in marks), path.name


def test_the_leak_check_finds_english() -> None:
    """The check above would fail on an untranslated message."""
    left = _english_left("$ cxgap check x.yaml\n--- stdout\nx.yaml:1:1: 缺口 alignment score is below\n")
    assert left == ["alignment", "is"]


@pytest.mark.parametrize(("count", "text"), [
    (0, "0 customer touchpoints, 0 company touchpoints"),
    (1, "1 customer touchpoint, 1 company touchpoint"),
    (2, "2 customer touchpoints, 2 company touchpoints"),
])
def test_english_plural_forms_in_validate(cli: CLI, tmp_path: Path, count: int, text: str) -> None:
    customer = "".join(f"  - {{id: c{i}, stage: trigger, channel: web}}\n" for i in range(count))
    company = "".join(f"  - {{id: k{i}, stage: trigger, channel: web}}\n" for i in range(count))
    spec = tmp_path / "s.yaml"
    spec.write_text(f"version: 1\njourney: {{title: t}}\ncustomer_touchpoints:\n{customer}"
                    f"company_touchpoints:\n{company}", encoding="utf-8")
    assert f"ok ({text})" in cli("validate", spec).expect(0).out


@pytest.mark.parametrize(("count", "text"), [(0, "0 gaps"), (1, "1 gap"), (2, "2 gaps")])
def test_english_plural_forms_in_catalog_texts(count: int, text: str) -> None:
    c = Catalog("en")
    assert c.t("ci.severity_rule.off", count=count, origin="default") == f"severity gate off (default; {text})"


@pytest.mark.parametrize(("count", "word"), [(0, "touchpoints"), (1, "touchpoint"), (2, "touchpoints")])
def test_english_plural_forms_in_gap_messages(count: int, word: str) -> None:
    c = Catalog("en")
    text = c.t("gap.dark_stage.message", stage="Trigger", customer_touchpoints=c.t("unit.touchpoint", count=count),
               importance_share="10")
    assert f"({count} {word}, 10% of importance)" in text


@pytest.mark.parametrize(("count", "text"), [(0, "0 specs checked"), (1, "1 spec checked"), (2, "2 specs checked")])
def test_english_plural_forms_in_the_check_summary(count: int, text: str) -> None:
    from cxgap.gate.texts import summary

    assert summary({"pass": count, "fail": 0, "invalid": 0}).startswith(text)


@pytest.mark.parametrize("lang", LANGS)
def test_plural_keys_come_in_pairs(lang: str) -> None:
    keys = set(load_catalog(lang))
    for key in keys:
        if key.endswith(".one"):
            assert key[:-4] + ".other" in keys, key


def test_problems_follow_the_spec_language(cli: CLI, tmp_path: Path) -> None:
    spec = tmp_path / "tw.yaml"
    spec.write_text("version: 1\njourney: {title: t, lang: zh-TW}\ncustomer_touchpoints:\n"
                    "  - {id: a, stage: 考量, channel: 官網}\n  - {id: b, stage: 評估, channel: 官網, importance: 9}\n",
                    encoding="utf-8")
    err = cli("validate", spec).expect(2).err
    assert "未知的階段 '考量'" in err and "應為 1（次要）到 5（關鍵）之間的整數" in err
    err = cli("validate", spec, "--lang", "en").expect(2).err
    assert "unknown stage '考量'" in err and "expected a whole number from 1 (minor) to 5 (critical)" in err
