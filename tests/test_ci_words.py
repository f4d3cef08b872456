"""The CI reporters name a gap's severity in the run's language (a reviewer's Chinese pull request
showed `cxgap: critical friction:等车` as the annotation title and in the JUnit failure), while the
JUnit test case names stay the same in every language, so a CI dashboard keeps one history per gap."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import CLI, ROOT

SPEC = ROOT / "journeys" / "clinic-first-visit.yaml"
CRITICAL = {"en": "critical", "zh-CN": "严重", "zh-TW": "嚴重"}


@pytest.mark.parametrize("lang", list(CRITICAL))
def test_annotation_titles_and_junit_failures_name_the_severity_in_the_language(cli: CLI, lang: str) -> None:
    github = cli("check", "-f", "github", "--lang", lang, SPEC).expect(1).out
    titles = [line.split("title=")[1].split("::")[0] for line in github.splitlines() if line.startswith("::error")]
    assert titles and all(t.startswith(f"cxgap%3A {CRITICAL[lang]} ") for t in titles if "min_" not in t), titles
    junit = ET.fromstring(cli("check", "-f", "junit", "--lang", lang, SPEC).expect(1).out)
    failures = [(case.get("name", ""), case.find("failure")) for case in junit.iter("testcase")
                if case.find("failure") is not None and case.get("name", "").startswith("critical ")]
    assert failures
    for name, failure in failures:
        assert failure is not None and f": {CRITICAL[lang]} {name.split(' ', 1)[1]}: " in (failure.text or "")


WARNING = {"en": "warning: ", "zh-CN": "警告：", "zh-TW": "警告："}
STALE = {"en": "which is no current gap", "zh-CN": "已不是当前缺口", "zh-TW": "已不是目前的缺口"}


@pytest.mark.parametrize("lang", list(WARNING))
def test_a_stale_acceptance_is_warned_of_in_the_spec_language(cli: CLI, tmp_path: Path, lang: str) -> None:
    """`check` (text) and `analyze` say "warning" in the spec's `journey.lang`, as they say "error" (a reviewer's
    zh-TW spec printed `warning:` among lines that all were Chinese)."""
    spec = tmp_path / "s.yaml"
    spec.write_text(f"version: 1\njourney: {{title: t, lang: {lang}}}\ncustomer_touchpoints:\n"
                    "  - {id: a, stage: trigger, channel: web}\n"
                    "accept:\n  - {gap: 'uncovered:gone', reason: old, until: 2026-01-01}\n", encoding="utf-8")
    out = cli("check", spec, "--fail-on", "none").expect(0).out
    warned = [line for line in out.splitlines() if STALE[lang] in line]
    assert len(warned) == 1 and warned[0].startswith(f"{spec}:6:5: {WARNING[lang]}"), out
    err = cli("analyze", spec).expect(0).err
    assert f"s.yaml:6:5: {WARNING[lang]}" in err and STALE[lang] in err, err
    if lang != "en":
        assert "warning" not in out + err, out + err
