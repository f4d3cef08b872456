"""The gap analysis on data/valid/hand-computed.yaml, every figure by hand.

The journey (importance in brackets, effort for company touchpoints):

  stage          customer touchpoints                company touchpoints (active unless said)
  out_of_market  c1 events [4], c2 social media [2]  k1 Events 4            -> meets c1
  trigger        c3 search [3] (assumption)          k2 Social_Media 3      -> meets nothing
  consideration  -                                   -
  evaluation     c4 demo [5], c5 content [3]         k3 free trial 12 -> nothing; k4 web 2, meets: [c5]
  decision       -                                   k7 sales team 5 (retired)
  experience     c8 onboarding [3]                   -
  loyalty        c6 live chat [4], c7 Knowledge-Base [2]   k5 helpdesk 3 (alias of live chat) -> c6;
                                                           k6 knowledge base 2 (planned)
"""

from __future__ import annotations

import math
import re

import pytest
from conftest import DATA

from cxgap import problems
from cxgap.analysis import analyze, at_least
from cxgap.analysis.metrics import ces, csat, nps
from cxgap.analysis.numbers import round1
from cxgap.levels import Severity
from cxgap.loaded import LoadedSpec
from cxgap.model import Spec
from cxgap.problems import UsageError
from cxgap.spec import load_spec
from cxgap.stages import DEFAULT_STAGES


@pytest.fixture(scope="module")
def loaded() -> LoadedSpec:
    return load_spec(str(DATA / "valid" / "hand-computed.yaml"))


def test_overall_scores(loaded: LoadedSpec) -> None:
    a = analyze(loaded)
    # importance: 4+2+3+5+3+4+2+3 = 26; met: c1 4 + c5 3 + c6 4 = 11 -> 11/26 = 42.307... -> 42.3
    assert a.scores.coverage == 42.3
    # active effort: 4+3+12+2+3 = 24; effort meeting something: k1 4 + k4 2 + k5 3 = 9 -> 37.5
    assert a.scores.focus == 37.5
    # sqrt(42.3077 * 37.5) = sqrt(1586.54) = 39.83 -> 39.8
    assert a.scores.score == 39.8
    assert a.scores.score == round1(math.sqrt(11 / 26 * 100 * 37.5))


def test_stage_scores(loaded: LoadedSpec) -> None:
    s = {st.stage: st for st in analyze(loaded).stage_scores}
    # out_of_market: met 4 of 6 -> 66.7; effort 4 all useful -> 100; 6/26 -> 23.1; 4/24 -> 16.7
    assert (s["out_of_market"].coverage, s["out_of_market"].focus) == (66.7, 100.0)
    assert (s["out_of_market"].importance_share, s["out_of_market"].effort_share) == (23.1, 16.7)
    # trigger: 0 of 3; k2 useless -> 0; 3/26 -> 11.5; 3/24 -> 12.5
    assert (s["trigger"].coverage, s["trigger"].focus, s["trigger"].importance_share, s["trigger"].effort_share) == (
        0.0, 0.0, 11.5, 12.5)
    # consideration: nothing at all -> n/a
    assert (s["consideration"].coverage, s["consideration"].focus) == (None, None)
    # evaluation: met 3 of 8 -> 37.5; useful 2 of 14 -> 14.3; 8/26 -> 30.8; 14/24 -> 58.3
    assert (s["evaluation"].coverage, s["evaluation"].focus) == (37.5, 14.3)
    assert (s["evaluation"].importance_share, s["evaluation"].effort_share) == (30.8, 58.3)
    # decision: only a retired touchpoint -> no active company touchpoint
    assert s["decision"].company_touchpoints == 0 and s["decision"].focus is None
    # experience: customers there, the company absent
    assert (s["experience"].coverage, s["experience"].focus, s["experience"].effort_share) == (0.0, None, 0.0)
    # loyalty: c6 met via the alias (4 of 6 -> 66.7); k6 is planned and does not count
    assert (s["loyalty"].coverage, s["loyalty"].focus, s["loyalty"].company_touchpoints) == (66.7, 100.0, 1)


def test_stage_counts(loaded: LoadedSpec) -> None:
    """The counts and sums behind each stage's row (the journey map and the JSON stage rows show them)."""
    rows = [(s.stage, s.customer_touchpoints, s.met_touchpoints, s.importance, s.company_touchpoints,
             s.frontstage_touchpoints, s.effort) for s in analyze(loaded).stage_scores]
    assert rows == [
        ("out_of_market", 2, 1, 6, 1, 1, 4.0),    # c1 [4] met by k1, c2 [2]; k1 4
        ("trigger", 1, 0, 3, 1, 1, 3.0),          # c3 [3]; k2 3
        ("consideration", 0, 0, 0, 0, 0, 0.0),
        ("evaluation", 2, 1, 8, 2, 2, 14.0),      # c4 [5], c5 [3] met by k4; k3 12 + k4 2
        ("decision", 0, 0, 0, 0, 0, 0.0),         # k7 is retired
        ("experience", 1, 0, 3, 0, 0, 0.0),       # c8 [3]
        ("loyalty", 2, 1, 6, 1, 1, 3.0),          # c6 [4] met by k5, c7 [2]; k5 3 (k6 is planned)
    ]


def test_several_stages_split_effort_and_focus_adds_up() -> None:
    """k1 runs at trigger and loyalty: its 10 is 5 at each, all of it useful (it meets c1 and c3). Trigger
    has 5 + 2 (k2, meets c2) + 3 (k3, meets nothing) = 10, 7 useful -> focus 70.0, effort share 10/15 ->
    66.7; loyalty 5, all useful -> 100.0, 33.3."""
    spec = Spec.model_validate({
        "version": 1, "journey": {"title": "split"},
        "customer_touchpoints": [
            {"id": "c1", "stage": "trigger", "channel": "web", "importance": 3},
            {"id": "c2", "stage": "trigger", "channel": "email", "importance": 3},
            {"id": "c3", "stage": "loyalty", "channel": "web", "importance": 3},
        ],
        "company_touchpoints": [
            {"id": "k1", "stage": ["trigger", "loyalty"], "channel": "web", "effort": 10},
            {"id": "k2", "stage": "trigger", "channel": "email", "effort": 2},
            {"id": "k3", "stage": "trigger", "channel": "phone", "effort": 3},
        ],
    })
    s = {st.stage: st for st in analyze(LoadedSpec("split.yaml", spec, DEFAULT_STAGES)).stage_scores}
    assert (s["trigger"].effort, s["trigger"].focus, s["trigger"].effort_share) == (10.0, 70.0, 66.7)
    assert (s["loyalty"].effort, s["loyalty"].focus, s["loyalty"].effort_share) == (5.0, 100.0, 33.3)
    assert (s["trigger"].company_touchpoints, s["loyalty"].company_touchpoints) == (3, 1)
    # c1 and c2, both met at trigger: 6 of 6
    assert (s["trigger"].coverage, s["trigger"].met_touchpoints, s["trigger"].importance) == (100.0, 2, 6)


def test_gaps_in_order_with_severities(loaded: LoadedSpec) -> None:
    gaps = [(g.id, g.severity.value) for g in analyze(loaded).gaps]
    assert gaps == [
        ("uncovered:c4", "critical"),            # importance 5
        ("dark_stage:experience", "critical"),   # c8 there, no active company touchpoint
        ("no_impact:k3", "high"),                # 12/24 = 50% of effort >= 20%
        ("below_target:c6:nps", "high"),         # NPS 20 < 30
        ("below_target:customers:churn", "high"),  # churn 14/200 = 7% > 5%
        ("no_impact:k2", "medium"),              # 3/24 = 12.5% >= 5%
        ("uncovered:c3", "medium"),              # importance 3
        ("unmapped_stage:consideration", "medium"),
        ("effort_imbalance:evaluation", "medium"),  # 58.3 - 30.8 = 27.5 > 15
        ("unmapped_stage:decision", "medium"),
        ("uncovered:c8", "medium"),
        ("uncovered:c7", "low"),                 # importance 2; the planned k6 covers nothing
        ("stage_mismatch:c2", "info"),           # social media used at trigger; low one step down
        ("assumption:c3", "info"),
    ]


def test_at_least_high_keeps_the_worse_gaps_and_their_recommendations(loaded: LoadedSpec) -> None:
    """--min-severity high: only critical and high gaps, counted under those two severities; stop, start,
    shift and fix keep only the touchpoints whose gap is shown; keep follows from no gap and stays."""
    full = analyze(loaded)
    a = at_least(full, Severity.high)
    assert [g.id for g in a.gaps] == [
        "uncovered:c4", "dark_stage:experience", "no_impact:k3", "below_target:c6:nps", "below_target:customers:churn",
    ]
    assert a.shown == (Severity.critical, Severity.high)
    assert a.gap_counts() == {"critical": 2, "high": 3}  # medium, low and info left out, not 0
    r = a.recommendations
    assert (r.stop, r.start, r.shift, r.fix, r.keep) == (("k3",), ("c4",), (), ("c6",), ("k1",))
    assert a.scores == full.scores
    assert at_least(full, Severity.info) is full
    # critical only: c6's below_target (high) is hidden, so c6 leaves fix too; k3's no_impact leaves stop
    c = at_least(full, Severity.critical).recommendations
    assert (c.stop, c.start, c.shift, c.fix, c.keep) == ((), ("c4",), (), (), ("k1",))


def _inline(customer: list[dict[str, object]], company: list[dict[str, object]]) -> LoadedSpec:
    spec = Spec.model_validate({"version": 1, "journey": {"title": "inline"},
                                "customer_touchpoints": customer, "company_touchpoints": company})
    return LoadedSpec("inline.yaml", spec, DEFAULT_STAGES)


def test_an_empty_journey_scores_zero_and_measures_no_stage() -> None:
    """Nothing to measure: 0 overall (not an error), n/a per stage, shares of nothing 0."""
    a = analyze(_inline([], []))
    assert (a.scores.score, a.scores.coverage, a.scores.focus) == (0.0, 0.0, 0.0)
    assert {(s.coverage, s.focus, s.importance_share, s.effort_share) for s in a.stage_scores} == {
        (None, None, 0.0, 0.0)}


def test_moment_of_truth_marks_what_it_raised() -> None:
    """c1 (importance 5) is critical already: marked "critical"; c2 (3, medium) is raised to high: marked
    "raised"; c3 is no moment of truth: unmarked, medium."""
    a = analyze(_inline([
        {"id": "c1", "stage": "trigger", "channel": "web", "importance": 5, "moment_of_truth": True},
        {"id": "c2", "stage": "trigger", "channel": "fax", "importance": 3, "moment_of_truth": True},
        {"id": "c3", "stage": "trigger", "channel": "phone", "importance": 3},
    ], []))
    gaps = {g.id: (g.severity.value, g.params.get("moment_of_truth")) for g in a.gaps if g.kind == "uncovered"}
    assert gaps == {"uncovered:c1": ("critical", "critical"), "uncovered:c2": ("high", "raised"),
                    "uncovered:c3": ("medium", None)}


def test_gap_details(loaded: LoadedSpec) -> None:
    gaps = {g.id: g for g in analyze(loaded).gaps}
    assert gaps["stage_mismatch:c2"].params["other_stages"] == ["trigger"]
    assert gaps["no_impact:k3"].params["effort_share"] == 50.0
    assert gaps["effort_imbalance:evaluation"].params["direction"] == "over"
    assert gaps["below_target:customers:churn"].params["bound"] == "max"
    assert "uncovered:c2" not in gaps  # replaced by the stage mismatch


def test_recommendations(loaded: LoadedSpec) -> None:
    r = analyze(loaded).recommendations
    assert r.stop == ("k3", "k2")               # effort 12, then 3
    assert r.start == ("c4", "c3", "c8", "c7")  # 5; 3 at trigger before 3 at experience; 2
    assert r.shift == ("c2",)
    # DESIGN.md §5 (changed keep rule): c6 is met but misses its NPS target, so it is to fix, not to keep;
    # k5 reaches only c6, so it is in neither keep nor stop
    assert r.fix == ("c6",)
    assert r.keep == ("k1",)                    # meets c1 [4]; k4 meets only c5 [3]


def test_metrics(loaded: LoadedSpec) -> None:
    m = [(x.metric, x.subject, x.value, x.method, x.responses, x.met) for x in analyze(loaded).metrics]
    assert m == [
        # promoters 10,9,9,10,9 = 5; detractors 6,3,0 = 3; (5-3)/10 = 20
        ("nps", "c6", 20.0, "answers", 10, False),
        # 4s and 5s: 5,4,5 = 3 of 5 = 60 (no target for the touchpoint itself)
        ("csat", "c7", 60.0, "answers", 5, None),
        # given 5.4 against the all-touchpoint target min 5
        ("ces", "c7", 5.4, "given", None, True),
        # the loyalty stage pools c7's 5 answers: 60 >= 50
        ("csat", "loyalty", 60.0, "pooled_answers", 5, True),
        ("churn", "customers", 7.0, "customers", 200, False),        # 14/200
        ("retention", "customers", 93.0, "customers", 200, None),    # (206-20)/200
    ]


def test_persona_restricts_customer_touchpoints(loaded: LoadedSpec) -> None:
    # bo: c4 (alex only) leaves: importance 21, met 11 -> 52.4; focus unchanged 37.5; sqrt(52.38*37.5) = 44.3
    bo = analyze(loaded, "bo")
    assert (bo.scores.coverage, bo.scores.focus, bo.scores.score) == (52.4, 37.5, 44.3)
    assert "uncovered:c4" not in {g.id for g in bo.gaps}
    # alex: c1 (bo only) leaves: importance 22, met c5 3 + c6 4 = 7 -> 31.8. k1 reaches only c1, bo's:
    # it serves other personas and leaves alex's view (DESIGN.md §5, changed): effort 24 - 4 = 20,
    # useful k4 2 + k5 3 = 5 of 20 -> 25.0; sqrt(31.82*25.0) = 28.2
    alex = analyze(loaded, "alex")
    assert (alex.scores.coverage, alex.scores.focus, alex.scores.score) == (31.8, 25.0, 28.2)
    assert "no_impact:k1" not in {g.id for g in alex.gaps}
    assert [co.id for co in alex.serves_other_personas] == ["k1"]
    assert alex.persona is not None and alex.persona.name == "Alex"


def test_unknown_persona_lists_known_ones(loaded: LoadedSpec) -> None:
    with pytest.raises(UsageError, match="known personas: alex, bo"):
        analyze(loaded, "carol")


def test_metric_formulas() -> None:
    assert nps([9, 10, 7, 8, 0]) == 20.0      # 2 promoters - 1 detractor of 5
    assert nps([6, 6]) == -100.0
    assert csat([1, 2, 3, 4]) == 25.0
    assert ces([1, 7, 4]) == 4.0


def test_round_half_up() -> None:
    assert round1(12.25) == 12.3
    assert round1(0.05) == 0.1
    assert round1(-0.0) == 0.0
    assert repr(round1(-0.04)) == repr(round1(-0.0)) == "0.0"  # never "-0.0" in a report


def test_explicit_meets_overrides_channel(loaded: LoadedSpec) -> None:
    a = analyze(loaded)
    assert a.meets["k4"] == ("c5",)     # channel web matches nothing; meets links it
    assert a.met_by["c6"] == ("k5",)    # helpdesk = live chat through `channels`
    assert "k6" not in a.meets          # planned: listed, never matching


def test_backstage_and_support_touchpoints_meet_nobody_directly() -> None:
    """On the same stage and channel as a customer touchpoint, a backstage and a support touchpoint meet it
    through the frontstage one they support, never directly: their `meets` is empty, `()` (a list in JSON),
    not missing and not None, while their reach holds the customer touchpoint."""
    a = analyze(_inline([{"id": "c1", "stage": "trigger", "channel": "web", "importance": 3}], [
        {"id": "k1", "stage": "trigger", "channel": "web", "effort": 2},
        {"id": "b1", "stage": "trigger", "channel": "web", "effort": 1, "lane": "backstage", "supports": ["k1"]},
        {"id": "s1", "stage": "trigger", "channel": "web", "effort": 1, "lane": "support", "supports": ["b1"]},
    ]))
    assert a.meets == {"k1": ("c1",), "b1": (), "s1": ()}
    assert a.met_by == {"c1": ("k1",)}
    assert [a.blueprint.reach(co) for co in ("k1", "b1", "s1")] == [{"c1"}] * 3


def test_reports_look_up_stages_and_touchpoints_by_id(loaded: LoadedSpec) -> None:
    """A stage id names its stage, an unknown one is a KeyError naming it (a bug, never bad input: loading
    refuses unknown stages); a touchpoint id gives its label, and an id that names no touchpoint is shown as
    written."""
    a = analyze(loaded)
    assert [a.stage(s.id) for s in a.stages] == list(a.stages)
    with pytest.raises(KeyError, match="nowhere"):
        a.stage("nowhere")
    assert {a.touchpoint_label(ct.id) for ct in a.customer} == {ct.label for ct in a.customer}
    assert a.touchpoint_label("nobody") == "nobody"


def test_stage_mismatch_lists_the_other_stages_in_journey_order() -> None:
    """c1 at loyalty is met by no one; the company is on its channel at evaluation and at trigger (k1 at
    both, k2 at trigger again): the other stages come in journey order, trigger before evaluation (not
    alphabetical), each once."""
    a = analyze(_inline([{"id": "c1", "stage": "loyalty", "channel": "web", "importance": 3}], [
        {"id": "k1", "stage": ["evaluation", "trigger"], "channel": "web", "effort": 2},
        {"id": "k2", "stage": "trigger", "channel": "Web", "effort": 1},
    ]))
    assert a.mismatch == {"c1": ("trigger", "evaluation")}
    assert {g.id: g.params["other_stages"] for g in a.gaps if g.kind == "stage_mismatch"} == {
        "stage_mismatch:c1": ["trigger", "evaluation"]}


def _personas(customer: list[dict[str, object]], personas: list[str]) -> LoadedSpec:
    spec = Spec.model_validate({"version": 1, "journey": {"title": "personas"},
                                "personas": [{"id": p, "name": p.title()} for p in personas],
                                "customer_touchpoints": customer, "company_touchpoints": []})
    return LoadedSpec("personas.yaml", spec, DEFAULT_STAGES)


def test_persona_importance_applies_in_that_personas_view_only() -> None:
    """c1 is importance 2, 5 for alex: alex's view weighs it 5 (its uncovered gap is critical), bo's and
    the all-persona view weigh it 2 (low); c2 has no persona importance and keeps its 3 everywhere."""
    loaded = _personas([
        {"id": "c1", "stage": "trigger", "channel": "web", "importance": 2, "persona_importance": {"alex": 5}},
        {"id": "c2", "stage": "trigger", "channel": "fax", "importance": 3},
    ], ["alex", "bo"])
    views = {name: analyze(loaded, name) for name in ("alex", "bo", None)}
    assert {name: [(ct.id, ct.importance) for ct in a.customer] for name, a in views.items()} == {
        "alex": [("c1", 5), ("c2", 3)], "bo": [("c1", 2), ("c2", 3)], None: [("c1", 2), ("c2", 3)]}
    assert {name: next(g.severity.value for g in a.gaps if g.id == "uncovered:c1") for name, a in views.items()} == {
        "alex": "critical", "bo": "low", None: "low"}
    assert views["alex"].stage_scores[1].importance == 8 and views["bo"].stage_scores[1].importance == 5
    assert loaded.spec.customer_touchpoints[0].importance == 2  # the spec itself is not changed
    assert views[None].persona is None and views["bo"].persona is not None


@pytest.mark.parametrize("catalogs", [True, False], ids=["catalogs", "no-catalogs"])
def test_unknown_persona_of_a_spec_without_personas_says_there_are_none(
    catalogs: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same message through the catalogs and, when the analysis is used as a library before any catalog
    is loaded, in its own English."""
    if not catalogs:
        monkeypatch.setattr(problems, "_WORDING", [])
    loaded = _personas([], [])
    with pytest.raises(UsageError, match=r"^personas\.yaml: unknown persona 'carol'; known personas: none \(the "
                                         r"spec defines no personas\)$"):
        analyze(loaded, "carol")
    hand = str(DATA / "valid" / "hand-computed.yaml")
    with pytest.raises(UsageError, match=f"^{re.escape(hand)}: unknown persona 'carol'; known personas: alex, bo$"):
        analyze(load_spec(hand), "carol")


def test_a_personas_view_warns_of_no_stale_acceptance() -> None:
    """c1 is alex's only: bo's view has no uncovered:c1, yet the acceptance is not stale (it names a gap of
    the journey, shown in alex's view and the all-persona one); an acceptance naming no gap of any view is
    stale, once, in the all-persona view only."""
    spec = Spec.model_validate({
        "version": 1, "journey": {"title": "accept"},
        "personas": [{"id": "alex", "name": "Alex"}, {"id": "bo", "name": "Bo"}],
        "customer_touchpoints": [{"id": "c1", "stage": "trigger", "channel": "web", "importance": 3,
                                  "personas": ["alex"]}],
        "company_touchpoints": [],
        "accept": [{"gap": "uncovered:c1", "reason": "later"}, {"gap": "uncovered:gone", "reason": "removed"}],
    })
    loaded = LoadedSpec("accept.yaml", spec, DEFAULT_STAGES)
    assert [(n.code, n.gap) for n in analyze(loaded).notices] == [("accept_stale", "uncovered:gone")]
    assert analyze(loaded, "bo").notices == analyze(loaded, "alex").notices == ()
    assert [g.id for g in analyze(loaded, "alex").gaps if g.accepted] == ["uncovered:c1"]


def test_the_thesis_travels_with_the_analysis() -> None:
    """The reports read the thesis from the analysis (the header's first line)."""
    spec = Spec.model_validate({"version": 1, "journey": {"title": "thesis"}, "customer_touchpoints": [],
                                "company_touchpoints": [], "thesis": {"statement": "One conversation."}})
    a = analyze(LoadedSpec("thesis.yaml", spec, DEFAULT_STAGES))
    assert a.thesis is not None and a.thesis.statement == "One conversation."
    assert analyze(_inline([], [])).thesis is None
