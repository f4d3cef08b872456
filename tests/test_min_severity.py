"""`analyze --min-severity S`: gaps less severe than S are left out, and so are
their counts (not shown as 0), in every report; stop/start/shift list only the
touchpoints whose gap is shown; keep and the scores do not change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CLI, ROOT

from cxgap.levels import Severity

JOURNEYS = ROOT / "journeys"
SPEC = JOURNEYS / "b2b-crm.yaml"
FROM_GAPS = {"stop": "no_impact", "start": "uncovered", "shift": "stage_mismatch"}


def _json(cli: CLI, *args: str | Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(cli("analyze", *args, "--format", "json").expect(0).out)
    return data


@pytest.mark.parametrize("level", list(Severity))
def test_json_counts_and_gaps_of_the_shown_severities_only(cli: CLI, level: Severity) -> None:
    full = _json(cli, SPEC)
    cut = _json(cli, SPEC, "--min-severity", level.value)
    shown = [s.value for s in Severity if s.rank <= level.rank]
    assert isinstance(full["gaps"], list) and isinstance(cut["gaps"], list)
    assert cut["gaps"] == [g for g in full["gaps"] if g["severity"] in shown]
    summary, full_summary = cut["summary"], full["summary"]
    assert isinstance(summary, dict) and isinstance(full_summary, dict)
    assert list(summary["gaps"]) == shown  # hidden severities are absent, not 0
    assert summary["gaps"] == {s: n for s, n in full_summary["gaps"].items() if s in shown}
    assert {k: summary[k] for k in ("score", "coverage", "focus")} == {
        k: full_summary[k] for k in ("score", "coverage", "focus")}


@pytest.mark.parametrize("level", ["critical", "high", "medium"])
def test_recommendations_follow_the_shown_gaps(cli: CLI, level: str) -> None:
    full = _json(cli, SPEC)
    cut = _json(cli, SPEC, "--min-severity", level)
    assert isinstance(full["recommendations"], dict) and isinstance(cut["recommendations"], dict)
    assert isinstance(cut["gaps"], list)
    shown = {(g["kind"], g["subject"]) for g in cut["gaps"]}
    for key, kind in FROM_GAPS.items():
        assert cut["recommendations"][key] == [i for i in full["recommendations"][key] if (kind, i) in shown]
    assert cut["recommendations"]["keep"] == full["recommendations"]["keep"]
    hidden = sum(len(full["recommendations"][k]) - len(cut["recommendations"][k]) for k in FROM_GAPS)
    if level == "critical":
        assert hidden > 0, "the shipped journey should have a stop/start/shift below critical"


def test_the_table_header_names_only_the_shown_severities(cli: CLI) -> None:
    out = cli("analyze", SPEC, "--min-severity", "high").expect(0).out
    header = next(line for line in out.splitlines() if "critical" in line and "high" in line)
    assert "medium" not in header and " low " not in header and "info" not in header
    full = cli("analyze", SPEC).expect(0).out
    assert "info" in next(line for line in full.splitlines() if "critical" in line and "high" in line)


def test_markdown_and_html_counts_of_the_shown_severities_only(cli: CLI) -> None:
    md = cli("analyze", SPEC, "--min-severity", "high", "--format", "markdown").expect(0).out
    def words(line: str) -> list[str]:  # table cells without their severity glyphs
        return [cell.split()[-1] for cell in line.strip("|").split("|") if cell.strip()]

    counts_header = next(line for line in md.splitlines() if line.startswith("|") and words(line)[:1] == ["critical"])
    assert words(counts_header) == ["critical", "high"]
    html = cli("analyze", SPEC, "--min-severity", "high", "--format", "html").expect(0).out
    counts = html.split('class="counts"', 1)[1].split("</ul>", 1)[0]
    assert "critical" in counts and "high" in counts and "medium" not in counts and "info" not in counts


def test_portfolio_counts_of_the_shown_severities_only(cli: CLI) -> None:
    data = _json(cli, JOURNEYS, "--min-severity", "medium")
    assert isinstance(data["portfolio"], list) and len(data["portfolio"]) == len(list(JOURNEYS.glob("*.yaml")))
    assert all(list(row["gaps"]) == ["critical", "high", "medium"] for row in data["portfolio"])
    md = cli("analyze", JOURNEYS, "--min-severity", "medium", "--format", "markdown").expect(0).out
    header = md.split("# Portfolio", 1)[1].splitlines()[2]
    assert header.endswith("| critical | high | medium |"), header
    table = cli("analyze", JOURNEYS, "--min-severity", "medium", "--width", "200").expect(0).out
    portfolio = table.split("Portfolio", 1)[1]
    assert "medium" in portfolio and "info" not in portfolio
