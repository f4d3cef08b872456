"""Where findings point, and `check` over standard input and big directories."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest
from conftest import CLI, DATA, ROOT

from cxgap.analysis import analyze
from cxgap.gate.locations import gap_location, journey_location
from cxgap.spec import load_spec_text

SHOP = DATA / "gate" / "shop.yaml"

DEFAULT_STAGES = """version: 1
journey:
  id: plain
  title: Default stages
customer_touchpoints:
  - id: search
    stage: trigger
    channel: search
    importance: 5
  - id: forum
    stage: consideration
    channel: forums
customers: {period: 2026-Q1, start: 100, lost: 20, new: 10, end: 90}
targets:
  - {metric: churn, max: 5}
company_touchpoints:
  - id: mail
    stage: loyalty
    channel: direct mail
    effort: 2
"""


def line(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


def test_each_kind_of_gap_points_at_its_subject() -> None:
    a = analyze(load_spec_text("plain.yaml", DEFAULT_STAGES))
    where = {g.id: gap_location(a, g) for g in a.gaps}
    search, forum, mail = (line(DEFAULT_STAGES, f"  - id: {x}") for x in ("search", "forum", "mail"))
    assert where["uncovered:search"] == (search, 5)
    assert where["no_impact:mail"] == (mail, 5)
    # Default stages: a stage gap points at the stage's first customer touchpoint, else its first company one.
    assert where["dark_stage:trigger"] == (search, 5)
    assert where["dark_stage:consideration"] == where["uncovered:forum"] == (forum, 5)
    assert where["effort_imbalance:loyalty"] == (mail, 5)
    # A stage with nothing at all points at the journey.
    assert where["unmapped_stage:decision"] == journey_location(a) == (line(DEFAULT_STAGES, "  id: plain"), 3)
    assert where["below_target:customers:churn"] == (line(DEFAULT_STAGES, "customers: {period: 2026-Q1, start: 100, "
                                                          "lost: 20, new: 10, end: 90}"), 12)


def test_a_whole_journey_target_gap_points_at_its_target() -> None:
    # A reviewer's CI annotation for "csi 72, below 85" pointed at `id:` under `journey:`, not at the target.
    text = DEFAULT_STAGES.replace("targets:\n", "targets:\n  - {metric: csat, min: 4.5, stage: trigger}\n"
                                  "  - {metric: csat, min: 3}\n  - {metric: csat, min: 4.5}\n"
                                  ) + "measures:\n  - {metric: csat, value: 4}\n"
    a = analyze(load_spec_text("plain.yaml", text))
    [gap] = [g for g in a.gaps if g.id == "below_target:journey:csat"]
    assert gap_location(a, gap) == (line(text, "  - {metric: csat, min: 4.5}"), 5)  # the one that applies: the last


def test_stage_gaps_point_at_the_stage_when_the_spec_defines_its_stages() -> None:
    text = SHOP.read_text(encoding="utf-8").replace("  - id: evaluation\n", "  - id: evaluation\n  - id: loyalty\n")
    a = analyze(load_spec_text("shop.yaml", text))
    [gap] = [g for g in a.gaps if g.id == "unmapped_stage:loyalty"]
    assert gap_location(a, gap) == (line(text, "  - id: loyalty"), 5)


def test_check_reads_standard_input(cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SHOP.read_bytes())))
    r = cli("check", "-f", "json", "-").expect(0)
    [result] = json.loads(r.out)["results"]
    assert (result["source"], result["status"], result["score"]) == ("<stdin>", "pass", 84.6)


def test_a_big_directory_has_no_progress_bar_when_piped(cli: CLI, tmp_path: Path) -> None:
    for i in range(24):  # more than the progress bar's threshold, and parallel
        shutil.copyfile(SHOP if i % 2 else ROOT / "journeys" / "b2b-crm.yaml", tmp_path / f"j{i:02}.yaml")
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "broken.yaml").write_text("version: 2\n", encoding="utf-8")
    r = cli("check", "-f", "json", tmp_path).expect(2)
    broken = str(tmp_path / "nested" / "broken.yaml")
    assert r.err.splitlines() and all(line.startswith(f"{broken}:") for line in r.err.splitlines())  # no bar
    data = json.loads(r.out)
    assert data["summary"] == {"pass": 12, "fail": 12, "invalid": 1}
    assert [x["source"] for x in data["results"]][-1] == str(tmp_path / "nested" / "broken.yaml")
    assert data["results"][-1]["problems"][0]["line"] == 1
