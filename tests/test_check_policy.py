"""`cxgap check`: the policy and every path to an exit code.

tests/data/gate/shop.yaml, by hand:
  coverage = met importance / all = (search 5 + demo 4) / (5 + 4 + 2) = 9/11 = 81.8 %
  focus    = useful effort / all  = (ads 3 + demo-team 4) / (3 + 4 + 1) = 7/8 = 87.5 %
  score    = sqrt(81.818 x 87.5) = sqrt(7159.1) = 84.6
  gaps     = no_impact:mail (effort 1/8 = 12.5 % >= 5 %: medium),
             uncovered:reviews (importance 2: low)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CLI, DATA

from cxgap.analysis import analyze
from cxgap.gate.check import CheckRun, SpecCheck
from cxgap.gate.policy import Policy, evaluate, resolve
from cxgap.levels import FailOn, Severity
from cxgap.model import Policy as SpecPolicy
from cxgap.spec import load_spec, load_spec_text

SHOP = DATA / "gate" / "shop.yaml"
SHOP_TEXT = SHOP.read_text(encoding="utf-8")


def with_policy(tmp_path: Path, policy: str, name: str = "shop.yaml", text: str = SHOP_TEXT) -> Path:
    """shop.yaml with a `policy:` block appended."""
    path = tmp_path / name
    path.write_text(text + f"policy:\n{policy}", encoding="utf-8")
    return path


def critical_shop(tmp_path: Path, name: str = "critical.yaml") -> Path:
    """shop.yaml where reviews has importance 5: uncovered:reviews becomes critical."""
    path = tmp_path / name
    text = SHOP_TEXT.replace("    importance: 2\n", "    importance: 5\n")
    assert text != SHOP_TEXT
    path.write_text(text, encoding="utf-8")
    return path


# --- the pure policy -----------------------------------------------------------------------------

def test_defaults_fail_on_critical_and_no_min_score() -> None:
    policy = resolve(None)
    assert policy == Policy(None, FailOn.critical, "default", "default")
    assert policy.threshold is Severity.critical


def test_flags_override_the_spec_policy_one_by_one() -> None:
    spec = SpecPolicy(min_score=70, fail_on=FailOn.high)
    assert resolve(spec) == Policy(70, FailOn.high, "spec", "spec")
    assert resolve(spec, min_score=90) == Policy(90, FailOn.high, "flag", "spec")
    assert resolve(spec, fail_on=FailOn.none) == Policy(70, FailOn.none, "spec", "flag")
    assert resolve(spec, fail_on=FailOn.none).threshold is None


def test_verdict_lists_the_score_then_each_gap_at_or_above_the_threshold() -> None:
    analysis = analyze(load_spec(str(SHOP)))
    assert analysis.scores.score == 84.6
    passed = evaluate(analysis, resolve(None))
    assert passed.passed and passed.reasons == ()
    failed = evaluate(analysis, resolve(None, min_score=85, fail_on=FailOn.low))
    assert not failed.passed
    assert [r.rule for r in failed.reasons] == ["min_score", "fail_on", "fail_on"]
    assert [g.id for g in failed.breaking] == ["no_impact:mail", "uncovered:reviews"]
    # The bar is inclusive: a score equal to min_score passes.
    assert evaluate(analysis, resolve(None, min_score=84.6)).passed
    # fail_on medium catches the medium gap, not the low one.
    assert [g.id for g in evaluate(analysis, resolve(None, fail_on=FailOn.medium)).breaking] == ["no_impact:mail"]


def test_the_run_exit_code_prefers_invalid_over_fail() -> None:
    analysis = analyze(load_spec_text("a.yaml", SHOP_TEXT))
    ok = SpecCheck("a.yaml", analysis, evaluate(analysis, resolve(None)))
    bad = SpecCheck("b.yaml", analysis, evaluate(analysis, resolve(None, min_score=99)))
    broken = SpecCheck("c.yaml")
    assert CheckRun((ok,)).exit_code == 0
    assert CheckRun((ok, bad)).exit_code == 1
    assert CheckRun((ok, bad, broken)).exit_code == 2
    assert CheckRun((broken, ok)).status == "invalid"


# --- the command: every policy path to its exit code ----------------------------------------------

def test_pass_with_the_default_policy(cli: CLI) -> None:
    r = cli("check", SHOP).expect(0)
    assert r.out.startswith(f"{SHOP}: PASS  score 84.6 (no min_score); no gaps at or above critical (default)")


def test_fail_by_min_score_from_the_spec(cli: CLI, tmp_path: Path) -> None:
    path = with_policy(tmp_path, "  min_score: 90\n")
    r = cli("check", path).expect(1)
    assert "FAIL  score 84.6 < min 90 (spec policy)" in r.out
    assert "policy min_score: alignment score 84.6 is below the minimum 90 (spec policy)" in r.out


def test_fail_by_min_score_flag(cli: CLI) -> None:
    r = cli("check", "--min-score", "85", SHOP).expect(1)
    assert "score 84.6 < min 85 (--min-score)" in r.out


def test_fail_on_critical_by_default(cli: CLI, tmp_path: Path) -> None:
    r = cli("check", critical_shop(tmp_path)).expect(1)
    assert ": critical uncovered:reviews: " in r.out


def test_fail_on_from_the_spec(cli: CLI, tmp_path: Path) -> None:
    r = cli("check", with_policy(tmp_path, "  fail_on: medium\n")).expect(1)
    assert ": medium no_impact:mail: " in r.out
    assert "uncovered:reviews" not in r.out  # low: below the threshold


def test_fail_on_none_turns_the_severity_gate_off(cli: CLI, tmp_path: Path) -> None:
    critical = critical_shop(tmp_path)
    r = cli("check", "--fail-on", "none", critical).expect(0)
    assert "severity gate off (--fail-on; " in r.out and ": PASS  " in r.out
    text = critical.read_text(encoding="utf-8")
    r = cli("check", with_policy(tmp_path, "  fail_on: none\n", "off.yaml", text)).expect(0)
    assert "severity gate off (spec policy" in r.out


def test_flags_override_the_spec(cli: CLI, tmp_path: Path) -> None:
    strict = with_policy(tmp_path, "  min_score: 90\n  fail_on: low\n")
    cli("check", strict).expect(1)
    cli("check", "--min-score", "80", strict).expect(1)  # fail_on low still fails
    cli("check", "--fail-on", "critical", strict).expect(1)  # min_score 90 still fails
    r = cli("check", "--min-score", "80", "--fail-on", "critical", strict).expect(0)
    assert "(--min-score)" in r.out and "(--fail-on)" in r.out
    lenient = with_policy(tmp_path, "  fail_on: none\n", "lenient.yaml", critical_shop(tmp_path).read_text())
    cli("check", "--fail-on", "critical", lenient).expect(1)


def test_invalid_spec_exits_2_with_its_problems(cli: CLI, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SHOP_TEXT.replace("importance: 4", "importance: 9"), encoding="utf-8")
    r = cli("check", bad).expect(2)
    assert f"{bad}: INVALID" in r.out
    line = SHOP_TEXT.splitlines().index("    importance: 4") + 1
    assert f"{bad}:{line}:17: customer_touchpoints[1].importance: expected a whole number" in r.err
    assert "Traceback" not in r.err


def test_directory_reports_each_spec_then_a_summary_and_invalid_wins(cli: CLI, tmp_path: Path) -> None:
    (tmp_path / "a-pass.yaml").write_text(SHOP_TEXT, encoding="utf-8")
    critical_shop(tmp_path, "b-fail.yaml")
    cli("check", tmp_path).expect(1)
    (tmp_path / "c-broken.yml").write_text("version: 1\njourney: [\n", encoding="utf-8")
    r = cli("check", tmp_path).expect(2)
    lines = r.out.splitlines()
    assert [line.split(": ")[1].split()[0] for line in lines if ".yaml: " in line or ".yml: " in line] == [
        "PASS", "FAIL", "INVALID"]
    assert lines[-1] == "3 specs checked: 1 passed, 1 failed, 1 invalid"


def test_unknown_persona_is_invalid_input(cli: CLI) -> None:
    r = cli("check", "--persona", "nobody", SHOP).expect(2)
    assert "unknown persona 'nobody'" in r.err


def test_bad_usage_exits_2(cli: CLI) -> None:
    r = cli("check", "--format", "yaml", SHOP).expect(2)
    assert "'yaml' is not one of: text, json, github, junit" in r.err and r.out == ""
    r = cli("check", "--fail-on", "severe", SHOP).expect(2)
    assert "'severe' is not one of 'critical', 'high', 'medium', 'low', 'info', 'none'" in r.err and r.out == ""
    r = cli("check", "--min-score", "101", SHOP).expect(2)
    assert "--min-score" in r.err and "less than or equal to 100" in r.err and r.out == ""
    r = cli("check", "/no/such/file.yaml").expect(2)
    assert "/no/such/file.yaml:1:1: cannot read the file: No such file or directory" in r.err
    assert "/no/such/file.yaml: INVALID  not checked (1 problem)" in r.out


def test_json_verdict_and_reasons(cli: CLI, tmp_path: Path) -> None:
    r = cli("check", "-f", "json", "--fail-on", "medium", "--min-score", "85", SHOP).expect(1)
    data = json.loads(r.out)
    assert data["format"] == "cxgap-check/1"
    assert (data["status"], data["exit_code"], data["summary"]) == ("fail", 1, {"pass": 0, "fail": 1, "invalid": 0})
    [result] = data["results"]
    assert result["policy"] == {"min_score": 85.0, "min_experience": None, "fail_on": "medium",
                                "origin": {"min_score": "flag", "min_experience": "default", "fail_on": "flag"}}
    assert [(x["rule"], x.get("gap")) for x in result["reasons"]] == [("min_score", None),
                                                                       ("fail_on", "no_impact:mail")]
    mail_line = SHOP_TEXT.splitlines().index("  - id: mail") + 1
    assert (result["reasons"][1]["line"], result["reasons"][1]["column"]) == (mail_line, 5)


@pytest.mark.parametrize(("suffix", "start"), [(".json", "{"), (".xml", "<?xml"), (".txt", str(SHOP))])
def test_output_file_format_follows_its_suffix(cli: CLI, tmp_path: Path, suffix: str, start: str) -> None:
    out = tmp_path / f"report{suffix}"
    r = cli("check", SHOP, "-o", out).expect(0)
    assert r.out == ""
    assert out.read_text(encoding="utf-8").startswith(start)
    assert f"wrote {out} (1 spec checked: 1 passed, 0 failed)" in r.err
