"""`--format junit`: JUnit XML, as Jenkins, GitLab, Azure Pipelines, CircleCI
and the test-report actions of GitHub read it.

One ``<testsuite>`` per spec (named by its path), with the scores and the
policy as properties (with the number of accepted gaps and the expired
acceptances). Its test cases: one per policy rule (``policy min_score``,
``policy fail_on``; skipped when the rule is off), one per gap at or above
``fail_on``, each failing with the gap's message, and one per accepted gap at
or above ``fail_on``, skipped with the reason it was accepted. A spec that does
not load is a test suite with one test case in error, listing its problems.
Output is deterministic (no timestamps, ``time="0"``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from cxgap.gate import texts
from cxgap.gate.check import CheckRun, SpecCheck
from cxgap.gate.locations import gap_location, journey_location
from cxgap.loaded import default_journey_id

_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    """Text that XML 1.0 can carry: characters it forbids become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _case(suite: ET.Element, classname: str, name: str, file: str, line: int) -> ET.Element:
    return ET.SubElement(suite, "testcase", {"classname": clean(classname), "name": clean(name), "file": clean(file),
                                             "line": str(line), "time": "0"})


def _outcome(case: ET.Element, tag: str, message: str, kind: str, detail: str) -> None:
    element = ET.SubElement(case, tag, {"message": clean(message), "type": kind})
    element.text = clean(detail)


def _suite(root: ET.Element, check: SpecCheck) -> ET.Element:
    return ET.SubElement(root, "testsuite", {"name": clean(check.source), "time": "0"})


def _properties(suite: ET.Element, values: dict[str, str]) -> None:
    props = ET.SubElement(suite, "properties")
    for name, value in values.items():
        ET.SubElement(props, "property", {"name": name, "value": clean(value)})


def invalid_suite(root: ET.Element, check: SpecCheck) -> None:
    suite = _suite(root, check)
    first = check.problems[0] if check.problems else None
    case = _case(suite, f"cxgap.{default_journey_id(check.source)}", "load spec", check.source,
                 first.line or 1 if first else 1)  # a problem with the whole spec (line 0): its start
    c = texts.catalog()
    summary = c.t("check.invalid_spec", problem=texts.problem_text(first)) if first else c.t("check.invalid_spec.bare")
    if len(check.problems) > 1:
        summary += c.t("check.more_problems", count=len(check.problems) - 1)
    _outcome(case, "error", summary, "invalid", "\n".join(str(p) for p in check.problems))


def _policy_cases(suite: ET.Element, classname: str, check: SpecCheck, line: int) -> None:
    """One case per policy rule: min_score, min_experience, fail_on (skipped when the rule is off)."""
    verdict = check.verdict
    assert verdict is not None
    policy = verdict.policy
    case = _case(suite, classname, "policy min_score", check.source, line)
    if policy.min_score is None:
        ET.SubElement(case, "skipped", {"message": texts.catalog().t("check.no_min_score")})
    elif not verdict.score_ok:
        message = texts.min_score_text(verdict)
        _outcome(case, "failure", message, "min_score", f"{check.source}:{line}: {message}")
    if policy.min_experience is not None:  # only where the rule is set: reports without it stay as they were
        case = _case(suite, classname, "policy min_experience", check.source, line)
        if verdict.experience is None:
            ET.SubElement(case, "skipped", {"message": texts.experience_rule_text(verdict)})
        elif not verdict.experience_ok:
            message = texts.min_experience_text(verdict)
            _outcome(case, "failure", message, "min_experience", f"{check.source}:{line}: {message}")
    case = _case(suite, classname, "policy fail_on", check.source, line)
    if policy.threshold is None:
        ET.SubElement(case, "skipped", {"message": texts.fail_on_text(verdict)})
    elif verdict.breaking:
        _outcome(case, "failure", texts.fail_on_text(verdict), "fail_on", "\n".join(g.id for g in verdict.breaking))


def spec_suite(root: ET.Element, check: SpecCheck) -> None:
    analysis, verdict = check.analysis, check.verdict
    assert analysis is not None and verdict is not None
    policy = verdict.policy
    suite = _suite(root, check)
    s = analysis.scores
    _properties(suite, {
        "journey": analysis.journey_id, "score": texts.number(s.score), "coverage": texts.number(s.coverage),
        "focus": texts.number(s.focus), "policy": texts.policy_text(policy),
        **({"experience": texts.number(s.experience)} if s.experience is not None else {}),
        "accepted": str(analysis.accepted_count), "expired_acceptances": ", ".join(texts.expired_acceptances(analysis)),
    })
    classname = f"cxgap.{analysis.journey_id}"
    line, _ = journey_location(analysis)
    _policy_cases(suite, classname, check, line)
    for gap in verdict.breaking:
        line, col = gap_location(analysis, gap)
        message = texts.gap_text(analysis, gap)
        case = _case(suite, classname, f"{gap.severity.value} {gap.id}", check.source, line)
        _outcome(case, "failure", message, gap.kind,
                 f"{check.source}:{line}:{col}: {texts.gap_head(gap)}: {message}")
    for gap in analysis.gaps:
        if gap.accepted is not None and policy.breaks(gap):  # would fail, but the team accepted it
            line, _ = gap_location(analysis, gap)
            case = _case(suite, classname, f"{gap.severity.value} {gap.id}", check.source, line)
            reason = texts.catalog().t("check.accepted_reason", reason=gap.accepted.reason)
            ET.SubElement(case, "skipped", {"message": clean(reason)})


def _count(element: ET.Element) -> None:
    """Set tests/failures/errors/skipped on a suite from its cases (or a root from its suites)."""
    cases = element.iter("testcase")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for case in cases:
        totals["tests"] += 1
        for tag, key in (("failure", "failures"), ("error", "errors"), ("skipped", "skipped")):
            if case.find(tag) is not None:
                totals[key] += 1
    for key, value in totals.items():
        element.set(key, str(value))


def render(run: CheckRun) -> str:
    root = ET.Element("testsuites", {"name": "cxgap check", "time": "0"})
    for check in run.checks:
        if check.verdict is None:
            invalid_suite(root, check)
        else:
            spec_suite(root, check)
    for suite in root.iter("testsuite"):
        _count(suite)
    _count(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
