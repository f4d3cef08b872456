"""`cxgap check` report formats: GitHub annotations, JUnit XML, text."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import CLI, DATA
from junitparser import Error, Failure, JUnitXml, Skipped

from cxgap.cli.check_cmd import choose_format
from cxgap.gate.reporters import REPORTERS, get_reporter
from cxgap.gate.reporters.github import escape_data, escape_property
from cxgap.gate.reporters.junit import clean
from cxgap.problems import InputError
from cxgap.spec import load_spec

SHOP = DATA / "gate" / "shop.yaml"
REL = "tests/data/gate/shop.yaml"
"""Annotations name files from the repository root: the github tests run there (`at_root`)."""
SHOP_LINES = SHOP.read_text(encoding="utf-8").splitlines()


def line_of(text: str) -> int:
    return SHOP_LINES.index(text) + 1


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text("version: 1\njourney: {id: b, title: B}\ncustomer_touchpoints:\n"
                    "  - {id: a, stage: nowhere, channel: web}\n", encoding="utf-8")
    return path


def test_every_registered_format_renders() -> None:
    assert list(REPORTERS) == ["text", "json", "github", "junit"]
    for name in REPORTERS:
        assert callable(get_reporter(name))


# --- github ---------------------------------------------------------------------------------------

def test_escaping_follows_the_actions_runner() -> None:
    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("cxgap: high uncovered:x, 50%\n") == "cxgap%3A high uncovered%3Ax%2C 50%25%0A"


def test_github_errors_point_at_the_touchpoint_line(cli: CLI, at_root: Path) -> None:
    r = cli("check", "--format", "github", "--fail-on", "medium", REL).expect(1)
    lines = r.out.splitlines()
    assert lines[0] == (
        f"::error file={REL},line={line_of('  - id: mail')},col=5,title=cxgap%3A medium no_impact%3Amail"
        "::mail (direct mail, effort 1, 12.5%25 of all effort) meets no customer touchpoint.")
    assert lines[1].startswith(f"{REL}: FAIL")
    assert len(lines) == 2  # the low gap (uncovered:reviews) is not annotated


def test_github_warns_about_medium_gaps_below_the_threshold(cli: CLI, at_root: Path) -> None:
    r = cli("check", "--format", "github", REL).expect(0)
    assert r.out.splitlines()[0].startswith(f"::warning file={REL},line={line_of('  - id: mail')},col=5,")
    assert "::error" not in r.out


def test_github_min_score_error_points_at_the_journey(cli: CLI, at_root: Path) -> None:
    r = cli("check", "--format", "github", "--min-score", "90", REL).expect(1)
    assert (f"::error file={REL},line={line_of('journey:') + 1},col=3,title=cxgap%3A min_score"
            "::alignment score 84.6 is below the minimum 90 (--min-score)") in r.out.splitlines()


def test_github_is_chosen_inside_github_actions(
    cli: CLI, at_root: Path, monkeypatch: pytest.MonkeyPatch, broken: Path
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    r = cli("check", REL, broken).expect(2)
    assert r.out.startswith("::warning file=")
    assert (f"::error file={broken},line=4,col=20,title=cxgap%3A invalid spec::customer_touchpoints[0].stage: "
            in r.out)
    assert r.out.splitlines()[-1] == "2 specs checked: 1 passed, 0 failed, 1 invalid"
    # An explicit format, or a report file, wins over the environment.
    assert cli("check", "--format", "text", REL).expect(0).out.startswith(f"{REL}: PASS")
    assert choose_format(None, "report.xml") == "junit"
    assert choose_format(None, None) == "github"
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert choose_format(None, None) == "text"


def test_github_paths_are_relative_to_the_working_directory(cli: CLI, at_root: Path) -> None:
    r = cli("check", "-f", "github", SHOP.resolve()).expect(0)
    assert r.out.startswith("::warning file=tests/data/gate/shop.yaml,")


# --- junit ----------------------------------------------------------------------------------------

def test_junit_is_read_by_a_real_junit_parser(cli: CLI, tmp_path: Path, broken: Path) -> None:
    report = tmp_path / "report.xml"
    cli("check", "--format", "junit", "--fail-on", "low", "--min-score", "90", SHOP, broken, "-o", report).expect(2)
    xml = JUnitXml.fromfile(str(report))
    assert (xml.tests, xml.failures, xml.errors, xml.skipped) == (5, 4, 1, 0)
    shop, bad = list(xml)
    assert shop.name == str(SHOP) and bad.name == str(broken)
    cases = {case.name: case for case in shop}
    assert list(cases) == ["policy min_score", "policy fail_on", "medium no_impact:mail", "low uncovered:reviews"]
    [min_score] = cases["policy min_score"].result
    assert isinstance(min_score, Failure) and min_score.type == "min_score"
    assert min_score.message == "alignment score 84.6 is below the minimum 90 (--min-score)"
    [gap] = cases["medium no_impact:mail"].result
    assert isinstance(gap, Failure) and gap.type == "no_impact"
    assert gap.message == "mail (direct mail, effort 1, 12.5% of all effort) meets no customer touchpoint."
    properties = shop.properties()  # type: ignore[no-untyped-call]  # junitparser leaves it unannotated
    assert {p.name: p.value for p in properties}["score"] == "84.6"
    [load] = list(bad)
    [error] = load.result
    assert isinstance(error, Error) and error.type == "invalid"
    assert "customer_touchpoints[0].stage" in (error.message or "")


def test_junit_passing_spec_and_skipped_rules(cli: CLI) -> None:
    r = cli("check", "-f", "junit", "--fail-on", "none", SHOP).expect(0)
    xml = JUnitXml.fromstring(r.out)
    [suite] = list(xml)
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (2, 0, 0, 2)
    assert all(isinstance(case.result[0], Skipped) for case in suite)


def test_junit_structure(cli: CLI, broken: Path) -> None:
    """What JUnit consumers rely on: counts that match the cases, a name and a
    class on every case, a message and a type on every failure and error."""
    root = ET.fromstring(cli("check", "-f", "junit", "--fail-on", "info", SHOP, broken).expect(2).out)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 2
    for suite in suites:
        cases = suite.findall("testcase")
        assert {child.tag for child in suite} <= {"properties", "testcase"}
        assert int(suite.get("tests", "-1")) == len(cases)
        for tag, attr in (("failure", "failures"), ("error", "errors"), ("skipped", "skipped")):
            assert int(suite.get(attr, "-1")) == sum(1 for c in cases if c.find(tag) is not None)
        for case in cases:
            assert case.get("name") and case.get("classname") and case.get("time") == "0"
            assert len(case) <= 1
            for outcome in case:
                assert outcome.tag in ("failure", "error", "skipped")
                assert outcome.get("message")
                if outcome.tag != "skipped":
                    assert outcome.get("type")
    assert int(root.get("tests", "-1")) == sum(int(s.get("tests", "0")) for s in suites)


def test_junit_drops_characters_xml_cannot_carry() -> None:
    assert clean("a\x01b\tc\ud800") == "a\ufffdb\tc\ufffd"


def test_junit_and_json_are_deterministic(cli: CLI) -> None:
    for fmt in ("junit", "json"):
        assert cli("check", "-f", fmt, SHOP).out == cli("check", "-f", fmt, SHOP).out


INVALID_SPECS = sorted((DATA / "invalid").glob("*.yaml"))


@pytest.mark.parametrize("spec", INVALID_SPECS, ids=lambda p: p.stem)
def test_check_json_gives_the_code_of_every_problem(cli: CLI, spec: Path) -> None:
    """Each problem of `check -f json` carries the code the loader gave it, in the order `validate` prints them."""
    with pytest.raises(InputError) as raised:
        load_spec(str(spec))
    expected = [(p.line, p.col, p.code, p.message) for p in raised.value.problems]
    assert expected and all(code and code.replace("-", "_").isidentifier() for _, _, code, _ in expected)
    data = json.loads(cli("check", "-f", "json", spec).expect(2).out)
    (result,) = data["results"]
    assert result["status"] == "invalid"
    got = [(p["line"], p["column"], p["code"], p["message"]) for p in result["problems"]]
    assert got == expected
