"""Which planned or retired company touchpoints would close a gap (DESIGN.md §5, JSON `gaps[].planned` and
`gaps[].retired`), for each kind of gap that has closers: a customer touchpoint's, a dark stage's and a
backstage touchpoint's without impact."""

from __future__ import annotations

from cxgap.analysis import analyze
from cxgap.spec import load_spec_text

SPEC = """\
version: 1
journey: {title: closers}
stages: [{id: ask}, {id: visit}, {id: pay}]
customer_touchpoints:
  - {id: ask-form, stage: ask, channel: web}
  - {id: visit-desk, stage: visit, channel: desk}
  - {id: pay-card, stage: pay, channel: card}
company_touchpoints:
  - {id: desk, stage: visit, channel: desk, effort: 4}
  # runs at visit, but its meets reaches ask-form: it would light ask, not visit
  - {id: web-form, stage: visit, channel: web, status: planned, meets: [ask-form]}
  - {id: old-web, stage: ask, channel: web, status: retired}
  - {id: kiosk, stage: pay, channel: card, status: retired}
  # active backstage whose supports are all inactive: no impact
  - {id: ledger, stage: pay, channel: ledger, lane: backstage, supports: [till, vault], effort: 2}
  - {id: till, stage: pay, channel: till, lane: backstage, status: planned, supports: [desk]}
  - {id: vault, stage: pay, channel: vault, lane: backstage, status: planned, supports: [kiosk]}
"""


def test_each_gap_names_the_inactive_touchpoints_that_would_close_it() -> None:
    """- uncovered ask-form: web-form (planned) meets it by its link, old-web (retired) by stage and channel;
    - dark stage ask: the same two light it, old-web by running there, web-form by meeting ask-form (its own
      stage, visit, is not dark);
    - pay: kiosk (retired) would meet pay-card and run at pay;
    - ledger supports till and vault, both planned: till would have impact (it supports desk, which meets
      visit-desk), vault would not (kiosk, what it supports, is retired), so only till closes the gap."""
    a = analyze(load_spec_text("closers.yaml", SPEC))
    closers = {g.id: (g.planned, g.retired) for g in a.gaps if g.planned or g.retired}
    assert closers == {
        "uncovered:ask-form": (("web-form",), ("old-web",)),
        "dark_stage:ask": (("web-form",), ("old-web",)),
        "uncovered:pay-card": ((), ("kiosk",)),
        "dark_stage:pay": ((), ("kiosk",)),
        "no_impact:ledger": (("till",), ()),
    }
