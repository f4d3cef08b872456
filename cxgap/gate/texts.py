"""The English sentences of the CI reports: verdicts, policy, gap messages.

Gap messages come from the English catalog, the same text `cxgap analyze`
prints, so a gap reads the same in a terminal, a PR annotation and a JUnit
report.
"""

from __future__ import annotations

from functools import cache

from cxgap.analysis.result import Analysis, Gap
from cxgap.gate.check import SpecCheck
from cxgap.gate.policy import Origin, Policy, Verdict
from cxgap.i18n import Catalog
from cxgap.problems import Problem, format_path
from cxgap.render.texts import gap_message

_ORIGIN = {
    "min_score": {"flag": "--min-score", "spec": "spec policy", "default": "default"},
    "fail_on": {"flag": "--fail-on", "spec": "spec policy", "default": "default"},
}


@cache
def catalog() -> Catalog:
    return Catalog("en")


def number(value: float | None) -> str:
    """12.0 -> 12, 74.8 -> 74.8, None -> n/a."""
    return catalog().number(value)


def signed(delta: float) -> str:
    """A change as people write it: +2.5, -4.6, ±0."""
    if delta == 0:
        return "±0"
    return f"+{number(delta)}" if delta > 0 else f"-{number(-delta)}"


def origin(rule: str, where: Origin) -> str:
    return _ORIGIN[rule][where]


def gap_text(analysis: Analysis, gap: Gap) -> str:
    return gap_message(gap, analysis, catalog())


def problem_text(problem: Problem) -> str:
    """A problem without its file and line (for formats that carry those apart)."""
    where = format_path(problem.path)
    return f"{where}: {problem.message}" if where else problem.message


def min_score_text(verdict: Verdict) -> str:
    policy = verdict.policy
    return (f"alignment score {number(verdict.score)} is below the minimum {number(policy.min_score)} "
            f"({origin('min_score', policy.min_score_origin)})")


def score_rule_text(verdict: Verdict) -> str:
    policy = verdict.policy
    if policy.min_score is None:
        return f"score {number(verdict.score)} (no min_score)"
    sign = ">=" if verdict.score_ok else "<"
    where = origin("min_score", policy.min_score_origin)
    return f"score {number(verdict.score)} {sign} min {number(policy.min_score)} ({where})"


def severity_rule_text(verdict: Verdict, total_gaps: int) -> str:
    policy = verdict.policy
    where = origin("fail_on", policy.fail_on_origin)
    if policy.threshold is None:
        return f"severity gate off ({where}; {total_gaps} gaps)"
    n = len(verdict.breaking)
    counted = f"{n} gap{'s' if n != 1 else ''}" if n else "no gaps"
    rest = total_gaps - n
    tail = f"; {rest} less severe" if rest else ""
    return f"{counted} at or above {policy.fail_on.value} ({where}){tail}"


def fail_on_text(verdict: Verdict) -> str:
    """The outcome of the ``fail_on`` rule in one sentence."""
    policy = verdict.policy
    if policy.threshold is None:
        return "the severity gate is off (fail_on: none)"
    n = len(verdict.breaking)
    if not n:
        return f"no gap at or above {policy.fail_on.value}"
    where = origin("fail_on", policy.fail_on_origin)
    return f"{n} gap{'s' if n != 1 else ''} at or above {policy.fail_on.value} ({where})"


def headline(check: SpecCheck) -> str:
    """``journeys/x.yaml: FAIL  score 74.8 < min 80 (spec policy); 2 gaps at or above high (default)``."""
    if check.verdict is None or check.analysis is None:
        n = len(check.problems)
        return f"{check.source}: INVALID  not checked ({n} problem{'s' if n != 1 else ''})"
    verdict = check.verdict
    return (f"{check.source}: {check.status.upper()}  {score_rule_text(verdict)}; "
            f"{severity_rule_text(verdict, len(check.analysis.gaps))}")


def policy_text(policy: Policy) -> str:
    score = "none" if policy.min_score is None else number(policy.min_score)
    return (f"min_score {score} ({origin('min_score', policy.min_score_origin)}), "
            f"fail_on {policy.fail_on.value} ({origin('fail_on', policy.fail_on_origin)})")


def summary(counts: dict[str, int]) -> str:
    total = sum(counts.values())
    parts = [f"{counts['pass']} passed", f"{counts['fail']} failed"]
    if counts["invalid"]:
        parts.append(f"{counts['invalid']} invalid")
    return f"{total} spec{'s' if total != 1 else ''} checked: {', '.join(parts)}"
