"""The event builder's invariants and the performance tricks it carries.

Each trick is guarded by what it promises, not by a time: the hot paths are
taken (and give what the handlers give), the garbage collector is paused while
building, positions live in one flat array, the key index is built only for
large mappings, a limit stops the parser at once, and no node tree is kept.
The one timed guard, :func:`test_analyze_is_not_slower_than_a_bare_load`,
compares two processes of the same run by CPU time, so a busy machine slows
both alike.
"""

from __future__ import annotations

import gc
import importlib
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hostile_cases import HOSTILE, ROOT, env_for_subprocess
from yaml import events

from cxgap import problems, yamlbuild
from cxgap.limits import DEFAULT_MAX_BYTES, MAX_ALIAS_NODES, MAX_COLLECTED, MAX_DEPTH, MIN_NODES, max_nodes
from cxgap.problems import InputError
from cxgap.yamlbuild import EventBuilder, _Frame, _pos
from cxgap.yamlload import _Parser, load_text  # type: ignore[attr-defined]  # the parser class chosen at import

SAMPLES = [*sorted((ROOT / "journeys").glob("*.yaml")), *sorted(HOSTILE.glob("*.yaml"))]

TRICKY = """\
base: &base {a: 1, b: [x, ~, "", null]}
own:
  <<: *base
  a: 2
  "<<": quoted merge is a key
dup: {k: 1, k: 2, j: 3, j: 4, l: 5}
tagged: !!str 10
refused: !!python/object {x: 1}
after: []
keyed: {? [1, 2] : v, w: 1}
anchored_key: {&k name: 1, *k : 2}
items: [1, "two", &i three, *i, !!null x]
esc: "\\e[2J"
quoted_null: "~"
"""


class HandlersOnly(EventBuilder):
    """The builder without its inline hot paths: every event through its handler. Like the builder it
    pulls at most the node limit's count of events: a mutant of ``run`` that reads past the end of the
    stream (where libyaml returns None for ever) once kept a ``while True`` here looping without end."""

    def _document(self, get_event: Any) -> Any:
        frame: _Frame | None = None
        for _ in range(self.max_nodes):
            event = get_event()
            cls = type(event)
            if cls is events.ScalarEvent:
                self._on_scalar(event, frame)
            elif cls is events.MappingEndEvent or cls is events.SequenceEndEvent:
                frame = self._on_end(frame)
            elif cls is events.MappingStartEvent or cls is events.SequenceStartEvent:
                frame = self._on_start(event, cls is events.MappingStartEvent, frame)
            elif cls is events.AliasEvent:
                self._on_alias(event, frame)
            elif cls is events.DocumentEndEvent:
                return self.root
        raise self._too_many_nodes(_pos(get_event()))


def build(text: str, builder: type[EventBuilder] = EventBuilder, **options: Any) -> EventBuilder:
    """``text`` built by ``builder`` (its keyword ``options``: limits, the text's size)."""
    b = builder("t.yaml", **options)
    parser: Any = _Parser(text)
    try:
        b.run(parser.get_event)
    finally:
        parser.dispose()
    return b


def every_path(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(data, dict):
        for k, v in data.items():
            out += every_path(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += every_path(v, (*path, i))
    return out


def snapshot(b: EventBuilder) -> tuple[Any, list[Any], list[Any]]:
    data = b.root
    where = [(p, b.positions.locate(data, p), b.positions.locate(data, p, key=True)) for p in every_path(data)]
    return data, where, [(p.line, p.col, p.message, p.code) for p in b.problems]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_inline_hot_paths_build_what_the_handlers_build(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        fast = build(text)
    except (yamlbuild.Stop, Exception) as exc:  # noqa: BLE001 - both builders must fail alike
        with pytest.raises(type(exc)):
            build(text, HandlersOnly)
        return
    assert snapshot(fast) == snapshot(build(text, HandlersOnly))


def test_tricky_document_builds_alike_and_as_documented() -> None:
    fast = build(TRICKY)
    assert snapshot(fast) == snapshot(build(TRICKY, HandlersOnly))
    data = fast.root
    assert data["own"] == {"a": "2", "<<": "quoted merge is a key", "b": ["x", None, "", None]}
    assert list(data["own"])[:2] == ["a", "<<"], "own keys come before merged ones (invariant 2)"
    assert data["dup"] == {"k": "1", "j": "3", "l": "5"}
    assert data["tagged"] == "10" and data["refused"] is None and data["after"] == []
    assert data["items"] == ["1", "two", "three", "three", None]
    assert data["quoted_null"] == "~"
    codes = [p.code for p in fast.problems]
    assert codes.count("duplicate-key") == 3 and "tag" in codes and "key" in codes and "control-character" in codes
    dups = [(p.line, p.message.split(" (")[0], p.message.split("first at ")[1][:7]) for p in fast.problems
            if p.code == "duplicate-key"]
    assert dups == [(6, "duplicate key 'k'", "line 6)"), (6, "duplicate key 'j'", "line 6)"),
                    (11, "duplicate key 'name'", "line 11")]


def test_plain_spec_never_leaves_the_hot_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """A spec without tags, anchors or duplicates is built by the inline paths alone."""
    calls: list[str] = []
    for name in ("_on_scalar", "_key", "_merge"):
        original = getattr(EventBuilder, name)

        def spy(self: EventBuilder, *args: Any, _name: str = name, _original: Any = original) -> Any:
            calls.append(_name)
            return _original(self, *args)

        monkeypatch.setattr(EventBuilder, name, spy)
    text = (ROOT / "journeys" / "b2b-crm.yaml").read_text(encoding="utf-8")
    assert "&" not in text and "!!" not in text
    b = build(text)
    assert b.root["customer_touchpoints"] and calls == []
    build("a: &x 1\nb: *x\n")
    assert calls, "the spy sees the slow path (else the test above proves nothing)"


def test_firsts_index_is_built_only_at_the_first_duplicate(monkeypatch: pytest.MonkeyPatch) -> None:
    frames: list[_Frame] = []
    original = EventBuilder._on_end

    def spy(self: EventBuilder, done: _Frame | None) -> _Frame | None:
        assert done is not None
        frames.append(done)
        return original(self, done)

    monkeypatch.setattr(EventBuilder, "_on_end", spy)
    build("clean: {a: 1, b: 2}\ndup: {a: 1, b: 2, a: 3, c: 4}\n")
    by_keys = {tuple(f.container): f for f in frames if f.is_map}
    assert by_keys[("a", "b")].firsts is None
    firsts = by_keys[("a", "b", "c")].firsts
    assert firsts is not None and [(k, (v >> 32) + 1) for k, v in firsts.items()] == [("a", 2), ("b", 2), ("c", 2)]


def test_garbage_collector_is_paused_while_building_and_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    original = EventBuilder.run

    def spy(self: EventBuilder, get_event: Any) -> Any:
        seen.append(gc.isenabled())
        return original(self, get_event)

    monkeypatch.setattr(EventBuilder, "run", spy)
    assert gc.isenabled()
    load_text("t.yaml", "a: 1\n")
    assert seen == [False] and gc.isenabled()
    with pytest.raises(InputError):
        load_text("t.yaml", "a: 1\n---\nb: 2\n")
    assert gc.isenabled(), "re-enabled after a failed build too"


def test_positions_are_one_flat_array_and_every_container_but_empty_ones_has_an_entry() -> None:
    b = build(TRICKY)
    flat = b.positions._flat
    assert flat.typecode == "q"
    containers = [p for p in every_path(b.root) if isinstance(_at(b.root, p), (dict, list))]
    assert any(not _at(b.root, p) for p in containers), "TRICKY has an empty list (else the test proves less)"
    for path in containers:
        assert (id(_at(b.root, path)) in b.positions._offsets) == bool(_at(b.root, path)), path
    assert all(isinstance(v, int) for v in b.positions._offsets.values())


def test_empty_containers_cost_no_entry_and_never_read_a_dead_ones() -> None:
    """3.5 million ``[]`` made 600 MiB of entries; an empty container may reuse
    the id of a dropped one that has an entry, so locate must not look it up."""
    doc = load_text("t.yaml", "x: [" + "[], " * 1000 + "{}]\n")
    assert len(doc.positions._offsets) == 2  # the top mapping and the list
    refused = "".join(f"r{i}: !!omap [1, 2, 3]\ne{i}: []\n" for i in range(50))
    doc = load_text("t.yaml", refused)
    for i in range(50):
        where = (2 * i + 2, len(f"e{i}: ") + 1)  # the empty list itself: nothing in it has a position
        assert doc.locate([f"e{i}", 2]) == where and doc.locate([f"e{i}", 0], key=True) == where


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for item in path:
        data = data[item]
    return data


def test_dropped_container_leaves_no_stale_positions() -> None:
    """Invariant 1: a refused list dies, the next (empty) list may reuse its id."""
    text = "a: !!omap [1, 2, 3, 4, 5]\nb: []\nc: !!set {x: 1, y: 2}\nd: {}\n"
    doc = load_text("t.yaml", text)
    assert doc.data["b"] == [] and doc.data["d"] == {}
    assert doc.locate(["b", 3]) == (2, 4)
    assert doc.locate(["d", "x"]) == (4, 4)


def test_key_index_is_built_only_for_large_mappings() -> None:
    small = load_text("t.yaml", "".join(f"k{i}: {i}\n" for i in range(32)))
    assert small.locate(["k31"]) == (32, 6) and small.positions._keys == {}
    large = load_text("t.yaml", "".join(f"k{i}: {i}\n" for i in range(33)))
    assert large.locate(["k32"]) == (33, 6) and len(large.positions._keys) == 1
    assert large.locate(["k0"]) == (1, 5) and len(large.positions._keys) == 1, "built once, then reused"


def test_a_limit_stops_the_parser_at_once() -> None:
    depth = MAX_DEPTH * 20
    text = "a:\n" + "".join(" " * (2 * i + 2) + f"k{i}:\n" for i in range(depth)) + " " * (2 * depth + 2) + "x\n"
    parser: Any = _Parser(text)
    count = 0

    def counting() -> Any:
        nonlocal count
        count += 1
        return parser.get_event()

    b = EventBuilder("t.yaml")
    with pytest.raises(yamlbuild.Stop):
        b.run(counting)
    parser.dispose()
    assert count <= 2 * MAX_DEPTH + 5, f"{count} events pulled for a limit crossed at depth {MAX_DEPTH}"
    assert [p.code for p in b.problems] == ["too-deep"]


def test_no_node_tree_is_kept() -> None:
    """Building keeps the data and a flat position table, not libyaml's nodes:
    peak memory stays a few times the text (a composed node tree is about 30×)."""
    text = _big(2_000)
    tracemalloc.start()
    try:
        doc = load_text("t.yaml", text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert doc.data["customer_touchpoints"]
    assert peak < 12 * len(text.encode()), f"peak {peak:,} bytes for {len(text):,} bytes of YAML"


def _big(touchpoints: int) -> str:
    from hostile_cases import big_spec

    return big_spec(touchpoints)


# The performance guard ----------------------------------------------------------------------------------------

GUARD_TOUCHPOINTS = 10_000
MAX_RATIO = 1.0
"""``cxgap analyze --format json`` of the 10,000-touchpoint bench spec may take
at most this many times the CPU of a bare ``yaml.load(..., CSafeLoader)`` of the
same file (both as fresh processes, run in pairs). The bench goal is 0.8× wall
time (bench/README.md, goal 2); this test reads 0.75-0.85× on the development
machine. The guard leaves room for CI machines, and still fails when the loader
or the engine loses its tricks (the pure-Python builder alone is about a third
of a bare load)."""


ROUNDS = (7, 15)
"""Pairs of runs (analyze, then bare): 7, and up to 15 when the median of 7 is
over the limit. The verdict is the median of the pairs' ratios: a busy machine
inflates single runs of either side, and a CI run once read 1.10× as
best-of-five of each, because one bare run landed in a quiet moment that no
analyze run met, while the median of its pairs read 0.94×. A real slowdown
moves every pair, so more pairs do not hide it."""


def _bench_generate() -> Any:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        for module in ("generate", "run"):
            try:
                found = importlib.import_module(module).generate
            except (ImportError, AttributeError):
                continue
            return found
    finally:
        sys.path.remove(str(ROOT / "bench"))
    raise AssertionError("bench/ has no generate(n) for the guard's spec")


def _cpu_seconds(argv: list[str], env: dict[str, str]) -> float:
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.stderr is not None
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    assert proc.returncode == 0, err[-2000:]
    return usage.ru_utime + usage.ru_stime


def _compiled_env(cache: Path) -> dict[str, str]:
    """Both sides read compiled bytecode, as an installed cxgap does: with
    PYTHONDONTWRITEBYTECODE set (as on some CI machines) an editable checkout
    compiles every cxgap module on every start (0.16 s here) while PyYAML's
    bytecode came with its install. One warm-up run of each fills this cache."""
    env = env_for_subprocess()
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def median_ratio(pairs: list[tuple[float, float]]) -> float:
    """The median of ``a / b`` over the pairs."""
    ratios = sorted(a / b for a, b in pairs)
    middle = len(ratios) // 2
    return ratios[middle] if len(ratios) % 2 else (ratios[middle - 1] + ratios[middle]) / 2


def test_median_ratio_is_the_middle_pair_and_ignores_one_outlier() -> None:
    assert median_ratio([(2.0, 2.0)]) == 1.0
    assert median_ratio([(1.0, 2.0), (3.0, 2.0)]) == 1.0
    # the CI run that failed as best-of-five: one quiet bare run (1.83) decided it
    ci = [(2.31, 2.43), (2.02, 2.51), (2.05, 2.19), (2.23, 2.48), (2.30, 1.83)]
    assert min(a for a, _ in ci) / min(b for _, b in ci) > 1.0
    assert 0.93 < median_ratio(ci) < 0.95
    assert median_ratio([(1.3, 1.0)] * 4 + [(0.5, 1.0)]) == 1.3  # a real slowdown still shows


@pytest.mark.perf
@pytest.mark.slow
def test_analyze_is_not_slower_than_a_bare_load(tmp_path: Path) -> None:
    spec = tmp_path / "spec-10000.yaml"
    spec.write_text(_bench_generate()(GUARD_TOUCHPOINTS), encoding="utf-8")
    analyze = [sys.executable, "-m", "cxgap", "analyze", str(spec), "--format", "json", "-o", str(tmp_path / "a.json")]
    bare = [sys.executable, "-c", "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)",
            str(spec)]
    env = _compiled_env(tmp_path / "pycache")
    _cpu_seconds(analyze, env), _cpu_seconds(bare, env)  # warm-up: compiles into the cache, not counted
    pairs: list[tuple[float, float]] = []
    while len(pairs) < ROUNDS[0] or (median_ratio(pairs) > MAX_RATIO and len(pairs) < ROUNDS[1]):
        pairs.append((_cpu_seconds(analyze, env), _cpu_seconds(bare, env)))
    assert (tmp_path / "a.json").stat().st_size > 0
    ratio = median_ratio(pairs)
    assert ratio <= MAX_RATIO, f"analyze took {ratio:.2f}× the CPU of a bare load (limit {MAX_RATIO}×): {pairs}"


def _counting(text: str) -> tuple[Any, Any, list[int]]:
    parser: Any = _Parser(text)
    pulled = [0]

    def get_event() -> Any:
        pulled[0] += 1
        return parser.get_event()

    return parser, get_event, pulled


def _pulling(text: str) -> tuple[Any, Any, list[type[events.Event]]]:
    """A parser and its event source, recording the class of each event pulled; pulling past the end of
    the stream (libyaml then returns None, again and again) fails at once."""
    parser: Any = _Parser(text)
    pulled: list[type[events.Event]] = []

    def get_event() -> Any:
        assert events.StreamEndEvent not in pulled, f"pulled past the end of the stream: {pulled}"
        event = parser.get_event()
        pulled.append(type(event))
        return event

    return parser, get_event, pulled


@pytest.mark.parametrize(("text", "data", "count"), [
    ("# only a comment\n", None, 2),  # stream start and end: no document
    ("a: 1\n", {"a": "1"}, 8),  # stream, document, mapping: starts and ends; the key and the value
    ("--- [x]\n...\n", ["x"], 7),  # an explicit document with its end marker
])
def test_run_pulls_the_stream_to_its_end_and_never_past_it(text: str, data: Any, count: int) -> None:
    """``run`` reads the stream start, the one document and the stream end, nothing before or after."""
    parser, get_event, pulled = _pulling(text)
    try:
        assert EventBuilder("t.yaml").run(get_event) == data
    finally:
        parser.dispose()
    assert len(pulled) == count and pulled[0] is events.StreamStartEvent and pulled[-1] is events.StreamEndEvent


@pytest.mark.parametrize("text", ["a: 1\n---\nb: 2\n", "a: 1\n...\n---\nb: 2\n"], ids=["marker", "after-end"])
def test_a_second_document_stops_at_its_start_with_its_code_and_position(text: str) -> None:
    """The ``---`` of the second document is the problem's position; the loader stops there."""
    parser, get_event, pulled = _pulling(text)
    b = EventBuilder("t.yaml")
    try:
        with pytest.raises(yamlbuild.Stop):
            b.run(get_event)
    finally:
        parser.dispose()
    line = text.split("\n").index("---") + 1
    assert [(p.line, p.col, p.code, p.message) for p in b.problems] == [
        (line, 1, "second-document", "a second YAML document (`---`) found; a journey spec is one document")]
    assert pulled[-1] is events.DocumentStartEvent, "stopped at the second document's start"
    with pytest.raises(InputError) as caught:
        load_text("t.yaml", text)
    assert [(p.line, p.col, p.code) for p in caught.value.problems] == [(line, 1, "second-document")]


def test_the_node_limit_stops_the_parser_at_the_node_that_crosses_it() -> None:
    """Invariant 7: one node per 4 bytes of the input limit, a mapping or list counting twice."""
    limit = max_nodes(400_000)
    assert limit == 100_000 and max_nodes(DEFAULT_MAX_BYTES) == 2_621_440 and max_nodes(1000) == MIN_NODES
    # the mapping, `x` and the list are nodes 1-3, so item j is node j + 4, written at column 5 + 3j
    parser, get_event, pulled = _counting("x: [" + "1, " * 200_000 + "1]\n")
    b = EventBuilder("t.yaml", 400_000)
    with pytest.raises(yamlbuild.Stop):
        b.run(get_event)
    parser.dispose()
    assert pulled[0] <= limit + 3, "stopped at once"
    [problem] = b.problems
    j = limit + 1 - 4
    assert (problem.code, problem.line, problem.col) == ("too-many-nodes", 1, 5 + 3 * j)
    assert problem.message.startswith("more than 100,000 YAML nodes") and "--max-bytes" in problem.message


@pytest.mark.parametrize(("items", "refused"), [(100_000 - 5, False), (100_000 - 4, True)])
def test_the_node_limit_counts_ends_too_and_allows_exactly_the_limit(items: int, refused: bool) -> None:
    """A mapping, a key, a list of ``items`` and the two ends: ``items + 5`` nodes."""
    text = "x: [" + "1, " * (items - 1) + "1]\n"
    if refused:
        with pytest.raises(InputError) as caught:
            load_text("t.yaml", text, 400_000)
        assert [p.code for p in caught.value.problems] == ["too-many-nodes"]
        assert caught.value.problems[0].line == 2, "the end of the mapping (after the list's end) crossed it"
    else:
        assert len(load_text("t.yaml", text, 400_000).data["x"]) == items


def test_tiny_containers_count_twice() -> None:
    """``[],`` is three bytes and two nodes: 3.5 million of them cost 25 s and 930 MiB."""
    text = "x: [" + "[], " * 60_000 + "[]]\n"
    with pytest.raises(InputError) as caught:
        load_text("t.yaml", text, 400_000)
    problem = caught.value.problems[0]
    # nodes 1-3 as above, then list k is nodes 4 + 2k and 5 + 2k: node 100,001 is the `]` of list 49,998
    assert (problem.code, problem.line, problem.col) == ("too-many-nodes", 1, 6 + 4 * 49_998)


PROBLEMS = [
    ('a: "x\\e"\n', [(1, 4, "control-character", "control character U+001B")]),
    ("? !!python/name:os.system k\n: 1\n", [(1, 3, "tag", "!!python/name:os.system")]),
    ("a: !!python/name:os.system x\n", [(1, 4, "tag", "!!python/name:os.system")]),
    ("a: !!omap [1]\n", [(1, 4, "tag", "!!omap")]),
    ("a: !!python/%0Aname x\n", [(1, 4, "tag", "tag '!!python/\\nname';")]),  # shown escaped, quoted
    ("a: !!" + "n" * 100 + " x\n", [(1, 4, "tag", "tag !!" + "n" * 77 + "…;")]),  # cut to 80 characters
    ("a: !!" + "n" * 78 + " x\n", [(1, 4, "tag", "tag !!" + "n" * 78 + ";")]),  # 80: kept whole
    ("a: !!" + "n" * 79 + " x\n", [(1, 4, "tag", "tag !!" + "n" * 77 + "…;")]),  # 81: cut
    ("a: !!set {x: 1}\n", [(1, 4, "tag", "!!set")]),
    ("{[1]: 2}\n", [(1, 2, "key", "")]),
    ("a: 1\nb: 2\na: 3\n", [(3, 1, "duplicate-key", "first at line 1")]),
    ("a: *nowhere\n", [(1, 4, "alias", "nowhere")]),
    ("a: &x [1, *x]\n", [(1, 11, "alias-cycle", "")]),
    ("a: {<<: [1, {b: 2}], c: 3}\n", [(1, 9, "merge", "")]),
    ("a: {<<: x}\n", [(1, 9, "merge", "")]),
    ("a:\n  x\nb: 1\na: 2\n", [(4, 1, "duplicate-key", "first at line 1")]),  # the key's line, not its value's
]


@pytest.mark.parametrize(("text", "expected"), PROBLEMS, ids=[p[1][0][2] + str(i) for i, p in enumerate(PROBLEMS)])
def test_each_problem_has_its_code_and_position(text: str, expected: list[tuple[int, int, str, str]]) -> None:
    """The code of a problem is what `check -f json` and the SARIF rule id carry; both builders agree."""
    for builder in (EventBuilder, HandlersOnly):
        b = build(text, builder)
        assert [(p.line, p.col, p.code) for p in b.problems] == [e[:3] for e in expected], builder
        assert all(e[3] in p.message for p, e in zip(b.problems, expected, strict=True))


def test_a_merge_skips_what_is_not_a_mapping_and_merges_the_rest() -> None:
    b = build("m: &m {b: 2}\na: {<<: [1, *m, {d: 4}], c: 3}\n")
    assert b.root["a"] == {"c": "3", "b": "2", "d": "4"}
    assert [p.code for p in b.problems] == ["merge"]


def test_problems_past_the_collected_limit_are_counted_not_kept() -> None:
    b = build("a: 1\n" + "a: 2\n" * (MAX_COLLECTED + 2))
    assert (len(b.problems), b.omitted) == (MAX_COLLECTED, 2)
    assert b.problems[-1].line == MAX_COLLECTED + 1  # the first ones are kept


def test_a_refused_tag_leaves_no_value() -> None:
    assert build("a: !!python/name:os.system x\nb: !!null x\n").root == {"a": None, "b": None}


def test_duplicate_key_in_the_builders_own_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Before any catalog is loaded (the builder used as a library) the message is its own English."""
    monkeypatch.setattr(problems, "_WORDING", [])
    [problem] = build("ab: 1\nab: 2\n").problems
    assert problem.message == "duplicate key 'ab' (first at line 1); YAML would silently keep only the last one"


def test_aliases_are_charged_their_full_expansion() -> None:
    """Invariant 4: x is a list of 4 nodes (itself, a plain item, an anchored item, an unknown alias), an
    alias to it adds 4; an anchored scalar, an anchored key and a tagged scalar add 1 each; y holds an alias
    to itself (refused, 1 node), so y is 2; a list in a list and a mapping's values count too."""
    b = build("a: &x [p, &s q, *nope]\nb: *x\nc: *s\nd: &y [*y]\ne: *y\nf: {&k h: 1, i: *k}\nj: &t !!str v\nk: *t\n"
              "m: &m [[1, 2]]\nn: *m\np: &p {u: [1], v: [2]}\nq: *p\n")
    assert b.alias_nodes == 4 + 1 + 2 + 1 + 1 + 4 + 5  # m: itself and its list of 3; p: itself, 2 lists of 2
    assert [p.code for p in b.problems] == ["alias", "alias-cycle"]


def _with_limit(text: str, max_text: int) -> EventBuilder:
    return build(text, max_text=max_text, text_size=len(text))


def test_alias_text_counts_keys_values_and_items_and_stops_past_the_limit() -> None:
    """An alias repeats the text of its keys and scalars, at any depth: ab + e + cd + fgh = 8 characters,
    added to the document's own text."""
    text = "x: &x {ab: [cd, {e: fgh}, ~]}\ny: *x\n"
    assert _with_limit(text, len(text) + 8).text_size == len(text) + 8  # exactly the limit: allowed
    b = EventBuilder("t.yaml", max_text=len(text) + 7, text_size=len(text))
    parser: Any = _Parser(text)
    with pytest.raises(yamlbuild.Stop):
        b.run(parser.get_event)
    parser.dispose()
    [problem] = b.problems
    assert (problem.line, problem.col, problem.code) == (2, 4, "alias-bomb")
    assert f"{len(text) + 7:,}" in problem.message


def test_the_alias_node_limit_allows_exactly_its_count() -> None:
    """A list of 9,999 items is 10,000 nodes: ten aliases to it reach the limit of 100,000, one more scalar
    crosses it, at the alias that does."""
    head = "x: &x [" + ", ".join(["a"] * (MAX_ALIAS_NODES // 10 - 1)) + "]\ns: &s b\n"
    ten = "".join(f"y{i}: *x\n" for i in range(10))
    assert build(head + ten).alias_nodes == MAX_ALIAS_NODES
    b = EventBuilder("t.yaml")
    parser: Any = _Parser(head + ten + "z: *s\n")
    with pytest.raises(yamlbuild.Stop):
        b.run(parser.get_event)
    parser.dispose()
    assert [(p.line, p.col, p.code) for p in b.problems] == [(13, 4, "alias-bomb")]
    assert f"{MAX_ALIAS_NODES:,}" in b.problems[0].message


def test_explicit_collection_tags_are_plain_data() -> None:
    b = build("a: !!map {x: 1}\nb: !!seq [1]\nc: ! {y: 2}\nd: ! [3]\n")
    assert b.root == {"a": {"x": "1"}, "b": ["1"], "c": {"y": "2"}, "d": ["3"]} and b.problems == []
    refused = build("a: !!seq {x: 1}\nb: !!map [1]\n")
    assert refused.root == {"a": None, "b": None} and [p.code for p in refused.problems] == ["tag", "tag"]


def test_an_anchor_defined_again_inside_keeps_the_later_definition() -> None:
    """The outer ``&x`` ends after the inner one was defined: ``*x`` is the inner, later one."""
    assert build("a: &x [&x b]\nc: *x\n").root == {"a": ["b"], "c": "b"}


def test_an_alias_to_a_merge_key_text_is_a_key_not_a_merge() -> None:
    """Only a plain ``<<`` written as a key merges; an alias whose value is ``<<`` is the key "<<"."""
    b = build("a: &m <<\nb: {*m : x}\n")
    assert b.root == {"a": "<<", "b": {"<<": "x"}} and b.problems == []


@pytest.mark.parametrize("catalogs", [True, False], ids=["catalogs", "no-catalogs"])
def test_the_node_limit_message_names_the_limit_the_ratio_and_the_input_limit(
    catalogs: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not catalogs:
        monkeypatch.setattr(problems, "_WORDING", [])
    b = EventBuilder("t.yaml", max_text=1_000_000)
    parser: Any = _Parser("[" + "1, " * max_nodes(1_000_000) + "]\n")
    with pytest.raises(yamlbuild.Stop):
        b.run(parser.get_event)
    parser.dispose()
    [problem] = b.problems
    assert problem.code == "too-many-nodes"
    assert problem.message == (
        f"more than {max_nodes(1_000_000):,} YAML nodes (keys, values and aliases; a mapping or list counts twice): "
        "one per 4 bytes of the input limit of 1,000,000 bytes, and a journey spec has one per 10 bytes; expected "
        "fewer, smaller values, or raise --max-bytes if the file is genuine")
