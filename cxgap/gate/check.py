"""`cxgap check` as values: each spec's verdict, or why it could not be checked.

A spec that does not load is a result too (``invalid``), so one broken file
never hides the verdicts of the others. The exit code of the whole run:
2 when any spec is invalid (bad input wins), else 1 when any failed, else 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from cxgap.analysis.result import Analysis
from cxgap.batch import Outcome
from cxgap.gate.policy import Verdict, evaluate, resolve
from cxgap.levels import FailOn
from cxgap.problems import Problem

Status = Literal["pass", "fail", "invalid"]
STATUSES: tuple[Status, ...] = ("pass", "fail", "invalid")

EXIT_PASS = 0
EXIT_FAIL = 1
EXIT_INVALID = 2


@dataclass(frozen=True)
class SpecCheck:
    """The check of one spec file."""

    source: str
    analysis: Analysis | None = None
    verdict: Verdict | None = None
    problems: tuple[Problem, ...] = ()
    """Why the spec could not be checked (empty when it was)."""

    @property
    def status(self) -> Status:
        if self.verdict is None:
            return "invalid"
        return "pass" if self.verdict.passed else "fail"


@dataclass(frozen=True)
class CheckRun:
    """Every spec of one `cxgap check` run, in input order."""

    checks: tuple[SpecCheck, ...]

    def count(self, status: Status) -> int:
        return sum(1 for c in self.checks if c.status == status)

    @property
    def status(self) -> Status:
        if self.count("invalid"):
            return "invalid"
        return "fail" if self.count("fail") else "pass"

    @property
    def exit_code(self) -> int:
        return {"pass": EXIT_PASS, "fail": EXIT_FAIL, "invalid": EXIT_INVALID}[self.status]


def _usage_problem(path: str, error: str) -> Problem:
    """A spec-level usage error (an unknown persona, a mistake of the command line, not of a line of the
    spec) as a problem with the whole file: line 0, its message naming the file as `analyze` says it."""
    return Problem(path, 0, 0, error, code="usage")


def check_outcome(
    outcome: Outcome, *, min_score: float | None = None, fail_on: FailOn | None = None,
    min_experience: float | None = None,
) -> SpecCheck:
    """The verdict for one analysed (or broken) spec; flags override the spec's policy."""
    if outcome.analysis is None:
        problems = outcome.problems
        if outcome.error:
            problems = (*problems, _usage_problem(outcome.path, outcome.error))
        return SpecCheck(outcome.path, problems=problems)
    analysis = outcome.analysis
    policy = resolve(analysis.spec.policy, min_score=min_score, fail_on=fail_on, min_experience=min_experience)
    return SpecCheck(analysis.source, analysis, evaluate(analysis, policy))


def check_outcomes(
    outcomes: Iterable[Outcome], *, min_score: float | None = None, fail_on: FailOn | None = None,
    min_experience: float | None = None,
) -> CheckRun:
    return CheckRun(tuple(check_outcome(o, min_score=min_score, fail_on=fail_on, min_experience=min_experience)
                          for o in outcomes))
