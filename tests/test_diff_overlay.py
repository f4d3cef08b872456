"""`cxgap diff` shows what changed in the overlay itself (issue 12): one case per kind of change, each
checked in every diff format (text, JSON, Markdown). The base is tests/data/blueprint/lanes.yaml; each
case edits one line of it."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pytest
from conftest import DATA

from cxgap.analysis import analyze
from cxgap.gate.compare import compare, judge
from cxgap.gate.diff_reporters import DIFF_REPORTERS, get_diff_reporter
from cxgap.levels import FailOn
from cxgap.spec import load_spec_text

BASE = (DATA / "blueprint" / "lanes.yaml").read_text(encoding="utf-8")
TODAY = dt.date(2027, 1, 1)
FAX = "- {id: old-fax, stage: leave, channel: fax, effort: 1}"
PLANNED = "- {id: feedback-email, stage: leave, channel: email, status: planned, effort: 1}"


@dataclass(frozen=True)
class Case:
    name: str
    old: str
    new: str
    text: str
    """The line `diff --format text` prints for the change."""
    json_entry: dict[str, object]
    """A subset of the JSON overlay entry."""
    markdown: str
    reverse: bool = False
    """Diff head -> base instead (a removal is an addition read backwards)."""


CASES = [
    Case("company touchpoint added", FAX, FAX + "\n  - {id: sms, stage: leave, channel: sms, name: SMS reminder}",
         "+ company touchpoint sms added (SMS reminder)",
         {"change": "added", "side": "company", "id": "sms", "after": "SMS reminder"},
         "- company touchpoint `sms` added (SMS reminder)"),
    Case("customer touchpoint removed", "  - {id: feedback, stage: leave, channel: email, importance: 1, "
         "evidence: interview}\n", "", "- customer touchpoint feedback removed (was feedback)",
         {"change": "removed", "side": "customer", "id": "feedback", "before": "feedback"},
         "- customer touchpoint `feedback` removed (was feedback)"),
    Case("renamed", FAX, FAX.replace("effort: 1", "effort: 1, name: Fax line"),
         "~ company touchpoint old-fax renamed: “old-fax” -> “Fax line”",
         {"change": "renamed", "id": "old-fax", "before": "old-fax", "after": "Fax line"},
         "- company touchpoint `old-fax` renamed: “old-fax” → “Fax line”"),
    Case("moved to another stage", "{id: housekeeping, stage: stay,", "{id: housekeeping, stage: [stay, leave],",
         "~ company touchpoint housekeeping moved: stage stay -> stay, leave",
         {"change": "moved", "field": "stage", "id": "housekeeping", "before": "stay", "after": "stay, leave"},
         "- company touchpoint `housekeeping` moved: stage stay → stay, leave"),
    Case("moved to another channel", FAX, FAX.replace("channel: fax", "channel: letter"),
         "~ company touchpoint old-fax moved: channel fax -> letter",
         {"change": "moved", "field": "channel", "before": "fax", "after": "letter"},
         "- company touchpoint `old-fax` moved: channel fax → letter"),
    Case("meets link added", FAX, FAX.replace("effort: 1", "effort: 1, meets: [feedback]"),
         "+ link added: old-fax meets feedback",
         {"change": "added", "link": "meets", "source": "old-fax", "target": "feedback"},
         "- ➕ link added: `old-fax` meets `feedback`"),
    Case("meets link removed", FAX, FAX.replace("effort: 1", "effort: 1, meets: [feedback]"),
         "- link removed: old-fax meets feedback",
         {"change": "removed", "link": "meets", "source": "old-fax", "target": "feedback"},
         "- ➖ link removed: `old-fax` meets `feedback`", reverse=True),
    Case("supports link added", "supports: [feedback-email]", "supports: [feedback-email, front-desk]",
         "+ link added: survey-tool supports front-desk",
         {"change": "added", "link": "supports", "source": "survey-tool", "target": "front-desk"},
         "- ➕ link added: `survey-tool` supports `front-desk`"),
    Case("supports link removed", "supports: [rota-a, housekeeping]", "supports: [rota-a]",
         "- link removed: rota-b supports housekeeping",
         {"change": "removed", "link": "supports", "source": "rota-b", "target": "housekeeping"},
         "- ➖ link removed: `rota-b` supports `housekeeping`"),
    Case("status change", PLANNED, PLANNED.replace("planned", "active"),
         "~ company touchpoint feedback-email status: planned -> active",
         {"change": "status", "id": "feedback-email", "before": "planned", "after": "active"},
         "- company touchpoint `feedback-email` status: planned → active"),
    Case("effort change", "channel: front desk, effort: 10}", "channel: front desk, effort: 12.5}",
         "~ company touchpoint front-desk effort: 10 -> 12.5",
         {"change": "effort", "id": "front-desk", "before": 10.0, "after": 12.5},
         "- company touchpoint `front-desk` effort: 10 → 12.5"),
]


def outputs(case: Case) -> dict[str, str]:
    assert case.old in BASE, case.name
    texts = [BASE, BASE.replace(case.old, case.new)]
    if case.reverse:
        texts.reverse()
    base, head = (analyze(load_spec_text(name, text), today=TODAY) for name, text in zip(("base", "head"), texts,
                                                                                          strict=True))
    result = judge(compare(base, head), FailOn.high, "default")
    return {fmt: get_diff_reporter(fmt)(result) for fmt in DIFF_REPORTERS}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_overlay_change_in_every_diff_format(case: Case) -> None:
    out = outputs(case)
    assert set(out) == {"text", "json", "markdown"}, "a new diff format must show the overlay too"
    assert f"  {case.text}\n" in out["text"]
    overlay = json.loads(out["json"])["overlay"]
    entries = overlay["links"] if "link" in case.json_entry else overlay["touchpoints"]
    assert any(case.json_entry.items() <= entry.items() for entry in entries), entries
    assert f"\n{case.markdown}\n" in out["markdown"]


def test_a_gap_closed_only_by_a_declared_link_shows_the_link() -> None:
    out = outputs(CASES[5])
    text = out["text"]
    assert "  - low no_impact:old-fax:" in text and "  - low uncovered:feedback:" in text
    assert "overlay (1 change):\n  + link added: old-fax meets feedback\n" in text
    data = json.loads(out["json"])
    assert [g["id"] for g in data["closed"]] == ["no_impact:old-fax", "uncovered:feedback"]
    assert data["overlay"]["links"][0]["message"] == "link added: old-fax meets feedback"


def test_no_overlay_change_no_overlay_section() -> None:
    base = analyze(load_spec_text("base", BASE), today=TODAY)
    result = judge(compare(base, base), FailOn.high, "default")
    assert "overlay" not in get_diff_reporter("text")(result)
    assert "#### Overlay" not in get_diff_reporter("markdown")(result)
    assert json.loads(get_diff_reporter("json")(result))["overlay"] == {"touchpoints": [], "links": []}
