"""The sentences of the CI reports: verdicts, policy, gap messages.

Every sentence is a ``ci.*`` text of the catalogs, in the run's language,
with its plural forms; gap messages are the same texts `cxgap
analyze` prints, so a gap reads the same in a terminal, a PR annotation and a
JUnit report.
"""

from __future__ import annotations

from cxgap.analysis.result import Analysis, Gap, Notice
from cxgap.gate.check import SpecCheck
from cxgap.gate.policy import Origin, Policy, Verdict
from cxgap.i18n import Catalog, messages
from cxgap.problems import Problem, format_path
from cxgap.render.texts import gap_message
from cxgap.render.texts import notice_text as render_notice_text


def catalog() -> Catalog:
    """The catalog of the run's language (``--lang``, the spec's `journey.lang`, the environment)."""
    return messages()


def number(value: float | None) -> str:
    """12.0 -> 12, 74.8 -> 74.8, None -> n/a."""
    return catalog().number(value)


def signed(delta: float) -> str:
    """A change as people write it: +2.5, -4.6, ±0."""
    if delta == 0:
        return "±0"
    return f"+{number(delta)}" if delta > 0 else f"-{number(-delta)}"


def origin(rule: str, where: Origin) -> str:
    if where == "flag":
        return "--" + rule.replace("_", "-")
    return catalog().t(f"ci.origin.{where}")


def gap_text(analysis: Analysis, gap: Gap) -> str:
    return gap_message(gap, analysis, catalog())


def gap_head(gap: Gap) -> str:
    """The gap's severity in the run's language and its id: `严重 friction:wait` (an annotation's title, the
    head of a JUnit failure)."""
    return f"{catalog().severity(gap.severity.value)} {gap.id}"


def problem_text(problem: Problem) -> str:
    """A problem without its file and line (for formats that carry those apart)."""
    where = format_path(problem.path)
    return catalog().t("ci.problem", where=where, message=problem.message) if where else problem.message


def min_score_text(verdict: Verdict) -> str:
    policy = verdict.policy
    return catalog().t("ci.min_score", score=number(verdict.score), min=number(policy.min_score),
                       origin=origin("min_score", policy.min_score_origin))


def score_rule_text(verdict: Verdict) -> str:
    policy = verdict.policy
    if policy.min_score is None:
        return catalog().t("ci.score_rule.unset", score=number(verdict.score))
    return catalog().t("ci.score_rule", score=number(verdict.score), sign=">=" if verdict.score_ok else "<",
                       min=number(policy.min_score), origin=origin("min_score", policy.min_score_origin))


def min_experience_text(verdict: Verdict) -> str:
    policy = verdict.policy
    return catalog().t("ci.min_experience", experience=number(verdict.experience), min=number(policy.min_experience),
                       origin=origin("min_experience", policy.min_experience_origin))


def experience_rule_text(verdict: Verdict) -> str:
    """The min_experience rule in a few words; "" when no minimum is set."""
    policy = verdict.policy
    if policy.min_experience is None:
        return ""
    if verdict.experience is None:
        return catalog().t("ci.experience_rule.unmeasured", min=number(policy.min_experience))
    return catalog().t("ci.experience_rule", experience=number(verdict.experience),
                       sign=">=" if verdict.experience_ok else "<", min=number(policy.min_experience),
                       origin=origin("min_experience", policy.min_experience_origin))


def severity_rule_text(verdict: Verdict, total_gaps: int) -> str:
    policy = verdict.policy
    c = catalog()
    where = origin("fail_on", policy.fail_on_origin)
    if policy.threshold is None:
        return c.t("ci.severity_rule.off", origin=where, count=total_gaps)
    n = len(verdict.breaking)
    rest = c.t("ci.severity_rule.rest", count=total_gaps - n) if total_gaps - n else ""
    if not n:
        return c.t("ci.severity_rule.zero", level=catalog().severity(policy.fail_on.value), origin=where, rest=rest)
    return c.t("ci.severity_rule", count=n, level=catalog().severity(policy.fail_on.value), origin=where, rest=rest)


def fail_on_text(verdict: Verdict) -> str:
    """The outcome of the ``fail_on`` rule in one sentence."""
    policy = verdict.policy
    if policy.threshold is None:
        return catalog().t("ci.fail_on.off")
    n = len(verdict.breaking)
    if not n:
        return catalog().t("ci.fail_on.zero", level=catalog().severity(policy.fail_on.value))
    return catalog().t("ci.fail_on", count=n, level=catalog().severity(policy.fail_on.value),
                       origin=origin("fail_on", policy.fail_on_origin))


def headline(check: SpecCheck) -> str:
    """``journeys/x.yaml: FAIL  score 74.8 < min 80 (spec policy); 2 gaps at or above high (default)``,
    then how many gaps are accepted and which acceptances expired."""
    if check.verdict is None or check.analysis is None:
        return catalog().t("ci.invalid", source=check.source, count=len(check.problems))
    verdict, analysis = check.verdict, check.analysis
    counted = sum(1 for g in analysis.gaps if g.counts)
    experience = experience_rule_text(verdict)
    key = "ci.headline.experience" if experience else "ci.headline"
    return catalog().t(key, source=check.source, status=catalog().t(f"check.status.{check.status}"),
                       score_rule=score_rule_text(verdict), experience_rule=experience,
                       severity_rule=severity_rule_text(verdict, counted)) + acceptance_text(analysis)


def acceptance_text(analysis: Analysis) -> str:
    """``; 2 gaps accepted (not counted); acceptance expired: no_impact:fax``, or "" when none."""
    c = catalog()
    n = analysis.accepted_count
    text = c.t("ci.accepted", count=n) if n else ""
    expired = expired_acceptances(analysis)
    if expired:
        text += c.t("ci.accept_expired", gaps=c.join(expired))
    return text


def expired_acceptances(analysis: Analysis) -> list[str]:
    return [n.gap for n in analysis.notices if n.code == "accept_expired"]


def notice_text(notice: Notice) -> str:
    return render_notice_text(notice, catalog())


def policy_text(policy: Policy) -> str:
    c = catalog()
    score = c.t("ci.policy.no_score") if policy.min_score is None else number(policy.min_score)
    key = "ci.policy" if policy.min_experience is None else "ci.policy.experience"
    return c.t(key, score=score, score_origin=origin("min_score", policy.min_score_origin),
               experience=number(policy.min_experience),
               experience_origin=origin("min_experience", policy.min_experience_origin),
               level=policy.fail_on.value, level_origin=origin("fail_on", policy.fail_on_origin))


def summary(counts: dict[str, int]) -> str:
    c = catalog()
    total = sum(counts.values())
    parts = [c.t("ci.summary.passed", count=counts["pass"]), c.t("ci.summary.failed", count=counts["fail"])]
    if counts["invalid"]:
        parts.append(c.t("ci.summary.invalid", count=counts["invalid"]))
    return c.t("ci.summary", count=total, parts=c.join(parts))
