"""The CI reporters name a gap's severity in the run's language (a reviewer's Chinese pull request
showed `cxgap: critical friction:等车` as the annotation title and in the JUnit failure), while the
JUnit test case names stay the same in every language, so a CI dashboard keeps one history per gap."""

from __future__ import annotations

import xml.etree.ElementTree as ET

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
