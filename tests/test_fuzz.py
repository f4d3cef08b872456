"""Fuzzing: random and mutated specs through the loader and the whole CLI.

Whatever the input, cxgap answers with exit 0 or 2 (never 3, the exit code
of a bug), prints no traceback, and answers quickly. Inputs that once broke
a property live on in tests/hostile/ as regression data. Examples per
property are kept small for CI; set CXGAP_FUZZ_EXAMPLES to fuzz longer.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from contextlib import redirect_stderr, redirect_stdout
from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml
from hostile_cases import HOSTILE, ROOT, env_for_subprocess
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxgap.cli.run import run
from cxgap.problems import InputError
from cxgap.yamlload import decode, load_text

EXAMPLES = int(os.environ.get("CXGAP_FUZZ_EXAMPLES", "0"))
SEEDS = [*sorted((ROOT / "journeys").glob("*.yaml")), HOSTILE / "alias-legit.yaml", HOSTILE / "xss-everywhere.yaml"]
SEED_TEXT = [p.read_bytes() for p in SEEDS]
SEED_DATA = [yaml.safe_load(t) for t in SEED_TEXT]
COMMANDS = [("analyze", "-f", "json"), ("analyze", "-f", "csv"), ("analyze", "-f", "markdown"),
            ("analyze", "-f", "html"), ("analyze", "-f", "table"), ("check",), ("handout",), ("diff", "{}")]
SNIPPETS = ["<<: *a", "&a", "*a", "- - -", "[[[", "]]}", "!!python/name:os.system", "!!str", "\t", "---", "...",
            "? ", ": ", "key: |", 'x: "\\e[2J"', "x: '", '"', "#", "%YAML 1.1", "\ufeff", "\x85", "\u2028",
            "id: dup", "stage: nowhere", "meets: [nobody]", "importance: 9", "nps_responses: []", "- {", "{a: 1",
            "x-deep: " + "[" * 70, "effort: .inf", "version: 2", "<<: [*a, *b]"]


def examples(default: int) -> int:
    return EXAMPLES or default


FUZZ = settings(deadline=timedelta(seconds=30), suppress_health_check=[HealthCheck.too_slow], derandomize=not EXAMPLES,
                database=None)


def cli(*args: str) -> tuple[int, str, str]:
    """Run cxgap in-process, as its console script would, capturing the output."""
    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    saved = os.environ.pop("GITHUB_ACTIONS", None)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = run(list(args))
            out.flush()
    finally:
        if saved is not None:
            os.environ["GITHUB_ACTIONS"] = saved
    return code, out.buffer.getvalue().decode("utf-8", "replace"), err.getvalue()


def assert_sane(code: int, out: str, err: str) -> None:
    assert code in (0, 1, 2), f"exit {code}\n{err[-3000:]}"
    assert "Traceback" not in err and "internal error" not in err, err[-3000:]
    assert len(err.splitlines()) <= 2 * 102, "more than the capped number of problems"


def run_spec(tmp: Path, data: bytes, *command: str) -> tuple[int, str, str]:
    spec = tmp / "spec.yaml"
    spec.write_bytes(data)
    args = [str(spec) if a == "{}" else a for a in command]
    start = time.process_time()
    result = cli(args[0], str(spec), *args[1:])
    assert time.process_time() - start < 5, f"{command} took {time.process_time() - start:.1f} s"
    return result


# --- the loader ------------------------------------------------------------

@settings(FUZZ, max_examples=examples(300))
@given(st.binary(max_size=400) | st.sampled_from(SEED_TEXT).map(lambda b: b[:300]))
def test_loader_takes_any_bytes(raw: bytes) -> None:
    try:
        doc = load_text("f.yaml", decode("f.yaml", raw))
    except InputError as err:
        assert all(p.line >= 1 and p.col >= 1 for p in err.problems)
        return
    assert doc.data is None or isinstance(doc.data, (dict, list, str))


TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12).filter(
    lambda s: s not in ("", "~", "null", "Null", "NULL", "<<"))
TREES = st.recursive(TEXT, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
                     max_leaves=20)


@settings(FUZZ, max_examples=examples(200))
@given(TREES, st.sampled_from([None, True, False]))
def test_loader_reads_what_pyyaml_writes(tree: Any, flow: bool | None) -> None:
    """Differential: what PyYAML writes, cxgap reads as PyYAML's untyped loader does."""
    text = yaml.safe_dump(tree, allow_unicode=True, default_flow_style=flow)
    try:
        doc = load_text("t.yaml", text)
    except InputError as err:  # escaped control characters: refused on purpose
        assert all(p.code == "control-character" for p in err.problems), err
        return
    assert doc.data == yaml.load(text, Loader=yaml.CBaseLoader)
    lines = len(text.splitlines()) + 1  # libyaml also breaks lines at NEL, LS and PS

    def walk(value: Any, path: tuple[str | int, ...]) -> None:
        line, col = doc.locate(path)
        assert 1 <= line <= lines and col >= 1
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for k, v in items:
            walk(v, (*path, k))

    walk(doc.data, ())


# --- the whole command line ------------------------------------------------

@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A journey spec with a few random edits: bytes, lines, indentation."""
    lines = draw(st.sampled_from(SEED_TEXT)).split(b"\n")
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["flip", "delete", "duplicate", "indent", "dedent", "swap", "insert", "cut"]))
        if op == "flip" and lines[i]:
            j = draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:j] + bytes([draw(st.integers(0, 255))]) + lines[i][j + 1:]
        elif op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "indent":
            lines[i] = b" " * draw(st.integers(1, 4)) + lines[i]
        elif op == "dedent":
            lines[i] = lines[i][draw(st.integers(1, 4)):]
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            indent = b" " * draw(st.sampled_from([0, 2, 4, 6]))
            lines.insert(i, indent + draw(st.sampled_from(SNIPPETS)).encode())
        elif op == "cut":
            lines = lines[: i + 1]
    return b"\n".join(lines)


@settings(FUZZ, max_examples=examples(150),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated(), st.sampled_from(COMMANDS))
def test_cli_takes_mutated_specs(tmp_path_factory: Any, data: bytes, command: tuple[str, ...]) -> None:
    tmp = tmp_path_factory.mktemp("m")
    code, out, err = run_spec(tmp, data, "validate")
    assert_sane(code, out, err)
    code, out, err = run_spec(tmp, data, *command)
    assert_sane(code, out, err)


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20),
    st.sampled_from(["", "~", "yes", "NO", "1e309", "-0", "0x1F", "2024-01-02", ".nan", "-.inf", "<script>x</script>",
                     "{{7*7}}", "trigger", "loyalty", "觸發", "web", "a:b", " ", "solver-sam", "interview", "planned",
                     "nps", "high", "none", "5", "0", "-1", "101", "1.5", "\u202e", "x" * 300]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.sampled_from(["id", "stage", "channel", "name", "importance", "effort", "meets", "personas", "metrics",
                     "nps", "csat", "ces", "nps_responses", "min", "max", "x-y", "<<", "status"]) | st.text(max_size=8),
    inner, max_size=3), max_leaves=6)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for k, v in items:
        out += _paths(v, (*path, k))
    return out


@st.composite
def edited(draw: st.DrawFn) -> bytes:
    """A journey spec with a random YAML value in a random field (or a field removed or added)."""
    data = yaml.safe_load(yaml.safe_dump(draw(st.sampled_from(SEED_DATA))))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(data)))
        if not path:
            continue
        parent = data
        for item in path[:-1]:
            parent = parent[item]
        op = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        if op == "replace":
            parent[path[-1]] = draw(VALUES)
        elif op == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=10))] = draw(VALUES)
        else:
            parent.append(draw(VALUES))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()


@settings(FUZZ, max_examples=examples(150))
@given(edited(), st.sampled_from(COMMANDS))
def test_cli_takes_random_values_in_every_field(tmp_path_factory: Any, data: bytes, command: tuple[str, ...]) -> None:
    tmp = tmp_path_factory.mktemp("v")
    code, out, err = run_spec(tmp, data, "validate")
    assert_sane(code, out, err)
    assert code in (0, 2)
    code, out, err = run_spec(tmp, data, *command)
    assert_sane(code, out, err)


@settings(FUZZ, max_examples=examples(8))
@given(mutated() | edited())
def test_cli_in_a_real_process(tmp_path_factory: Any, data: bytes) -> None:
    spec = tmp_path_factory.mktemp("p") / "spec.yaml"
    spec.write_bytes(data)
    for args in (["validate", str(spec)], ["analyze", str(spec), "-f", "json"]):
        proc = subprocess.run([sys.executable, "-m", "cxgap", *args], capture_output=True, timeout=30,
                              env=env_for_subprocess())
        err = proc.stderr.decode("utf-8", "replace")
        assert proc.returncode in (0, 2) and "Traceback" not in err, err[-3000:]
