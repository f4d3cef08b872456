"""`--format github`: GitHub Actions workflow commands, so that findings show
as annotations on the lines of the pull request.

* ``::error`` for what fails the check: the score under ``min_score`` (at the
  ``journey:`` line), each gap at or above ``fail_on`` (at its touchpoint or
  stage), and every problem of a spec that does not load;
* ``::warning`` for gaps below the threshold that are still ``medium`` or
  worse: worth a look in review, not a failure; and for each expired or
  stale `accept` entry (at its line). Accepted gaps are not annotated: the
  verdict line says how many there are. ``low`` and ``info`` gaps are
  not annotated (GitHub shows only 10 annotations of each kind per step, and
  they would crowd out the ones that matter); ``cxgap analyze`` lists them.

Each spec's verdict and the summary are plain lines in the log. Values are
escaped as the Actions runner expects: ``%``, CR and LF everywhere, and ``:``
and ``,`` in properties.
"""

from __future__ import annotations

import os

from cxgap.gate import texts
from cxgap.gate.check import STATUSES, CheckRun, SpecCheck
from cxgap.gate.locations import gap_location, journey_location
from cxgap.gate.policy import at_or_above
from cxgap.levels import Severity

WARN_FROM = Severity.medium
"""Gaps below the threshold but this severe or worse become warnings."""


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def repo_path(path: str) -> str:
    """Annotations need the path from the repository root: make an absolute
    path under the working directory relative, and use forward slashes."""
    if os.path.isabs(path):
        rel = os.path.relpath(path)
        if not rel.startswith(".."):
            path = rel
    return path.replace(os.sep, "/")


def command(level: str, file: str, line: int | None, col: int | None, title: str, message: str) -> str:
    props = [f"file={escape_property(repo_path(file))}"]
    if line is not None:
        props.append(f"line={line}")
    if col is not None:
        props.append(f"col={col}")
    props.append(f"title={escape_property(title)}")
    return f"::{level} {','.join(props)}::{escape_data(message)}"


def spec_lines(check: SpecCheck) -> list[str]:
    if check.analysis is None or check.verdict is None:
        out = [command("error", p.file, p.line or None, p.col or None,  # line 0: the whole spec, no position
                       texts.catalog().t("check.title.invalid"), texts.problem_text(p)) for p in check.problems]
        return [*out, texts.headline(check)]
    analysis, verdict = check.analysis, check.verdict
    out = []
    if not verdict.score_ok:
        line, col = journey_location(analysis)
        out.append(command("error", check.source, line, col, "cxgap: min_score", texts.min_score_text(verdict)))
    if not verdict.experience_ok:
        line, col = journey_location(analysis)
        out.append(command("error", check.source, line, col, "cxgap: min_experience",
                           texts.min_experience_text(verdict)))
    breaking = set(verdict.breaking)
    for gap in analysis.gaps:
        if gap.accepted is not None:
            continue  # the team accepted it: the headline counts it
        if gap in breaking:
            level = "error"
        elif at_or_above(gap.severity, WARN_FROM):
            level = "warning"
        else:
            continue
        line, col = gap_location(analysis, gap)
        out.append(command(level, check.source, line, col, f"cxgap: {texts.gap_head(gap)}",
                           texts.gap_text(analysis, gap)))
    for notice in analysis.notices:
        title = texts.catalog().t("check.title.accept_expired" if notice.code == "accept_expired"
                                  else "check.title.stale_acceptance")
        out.append(command("warning", check.source, notice.line, notice.column, title, texts.notice_text(notice)))
    return [*out, texts.headline(check)]


def render(run: CheckRun) -> str:
    out = [line for check in run.checks for line in spec_lines(check)]
    if len(run.checks) > 1:
        out.append(texts.summary({s: run.count(s) for s in STATUSES}))
    return "\n".join(out) + "\n"
