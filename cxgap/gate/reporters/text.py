"""`--format text`: per spec PASS/FAIL/INVALID, then what broke the policy,
one finding a line as ``file:line:col: severity gap-id: message`` (editors and
terminals jump to it), then a summary when more than one spec was checked."""

from __future__ import annotations

from cxgap.gate import texts
from cxgap.gate.check import STATUSES, CheckRun, SpecCheck
from cxgap.gate.locations import gap_location, journey_location


def spec_lines(check: SpecCheck) -> list[str]:
    lines = [texts.headline(check)]
    if check.analysis is None or check.verdict is None:
        return lines  # its problems go to standard error, as with every command
    analysis, verdict = check.analysis, check.verdict
    if not verdict.score_ok:
        line, col = journey_location(analysis)
        lines.append(f"{check.source}:{line}:{col}: policy min_score: {texts.min_score_text(verdict)}")
    if not verdict.experience_ok:
        line, col = journey_location(analysis)
        lines.append(f"{check.source}:{line}:{col}: policy min_experience: {texts.min_experience_text(verdict)}")
    for gap in verdict.breaking:
        line, col = gap_location(analysis, gap)
        severity = texts.catalog().severity(gap.severity.value)
        lines.append(f"{check.source}:{line}:{col}: {severity} {gap.id}: {texts.gap_text(analysis, gap)}")
    for notice in analysis.notices:
        warning = texts.catalog().t("notice.line", message=texts.notice_text(notice))
        lines.append(f"{check.source}:{notice.line}:{notice.column}: {warning}")
    return lines


def render(run: CheckRun) -> str:
    out = [line for check in run.checks for line in spec_lines(check)]
    if len(run.checks) > 1:
        out.append(texts.summary({s: run.count(s) for s in STATUSES}))
    return "\n".join(out) + "\n"
