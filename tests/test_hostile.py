"""Hostile and broken specs (tests/hostile/, see hostile_cases.py): every
command answers each of them with its result or with `file:line:col:
message` and exit 2; never a traceback, never exit 3, never a change to the
input, within seconds."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import pytest
from conftest import CLI
from hostile_cases import HOSTILE, Case, cases, fingerprint, invalid_cases, leftovers, valid_cases

from cxgap.limits import DEFAULT_MAX_BYTES

COMMANDS: dict[str, tuple[str, ...]] = {
    "validate": ("validate", "{}"),
    "analyze-json": ("analyze", "{}", "-f", "json"),
    "analyze-csv": ("analyze", "{}", "-f", "csv"),
    "analyze-markdown": ("analyze", "{}", "-f", "markdown"),
    "analyze-html": ("analyze", "{}", "-f", "html"),
    "analyze-table": ("analyze", "{}", "-f", "table", "--all"),
    "check": ("check", "{}"),
    "handout": ("handout", "{}"),
    "diff": ("diff", "{}", "{}"),
}
"""Every command that reads a spec, with the spec's place marked `{}`."""
SECONDS = 10.0
"""CPU seconds a command may take on one spec (CPU, not wall time: a busy machine stretches the clock)."""


def _args(command: str, path: Path) -> list[str]:
    return [str(path) if a == "{}" else a for a in COMMANDS[command]]


def test_the_corpus_is_there() -> None:
    assert len(invalid_cases()) >= 50 and len(valid_cases()) >= 10
    assert not [p.name for p in HOSTILE.glob("*.expected") if not p.with_suffix(".yaml").exists()]


@pytest.mark.parametrize("case", cases(), ids=lambda c: c.name)
def test_validate_gives_the_expected_outcome(cli: CLI, case: Case) -> None:
    start = time.process_time()
    result = cli("validate", case.path).expect(case.exit)
    assert time.process_time() - start < SECONDS
    assert "Traceback" not in result.err
    missing = case.missing(result.err, str(case.path))
    assert not missing, f"not printed: {missing}\n--- stderr\n{result.err}"
    for line in result.err.splitlines():
        assert line.startswith(f"{case.path}:"), line
        assert len(line) < 600, f"a problem line of {len(line)} characters"


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("case", invalid_cases(), ids=lambda c: c.name)
def test_every_command_refuses_a_bad_spec_the_same_way(cli: CLI, case: Case, command: str) -> None:
    before = fingerprint([case.path])
    start = time.process_time()
    result = cli(*_args(command, case.path)).expect(2)
    assert time.process_time() - start < SECONDS
    assert "Traceback" not in result.err + result.out
    # `check` reports problems in its own format on stdout (the CI log); the others on stderr.
    shown = result.out + result.err if command == "check" else result.err
    first = case.expected[:1]
    assert not Case(case.path, 2, first).missing(shown, str(case.path)), f"{first} not shown:\n{shown[:2000]}"
    assert fingerprint([case.path]) == before, "the input changed"


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("case", valid_cases(), ids=lambda c: c.name)
def test_every_command_handles_an_odd_but_valid_spec(cli: CLI, case: Case, command: str) -> None:
    before = fingerprint([case.path])
    start = time.process_time()
    result = cli(*_args(command, case.path))
    assert time.process_time() - start < SECONDS
    assert result.code in ((0, 1) if command == "check" else (0,)), result.err
    assert "Traceback" not in result.err + result.out
    assert fingerprint([case.path]) == before, "the input changed"


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown", "html"])
def test_markup_and_templates_in_every_text_field_stay_text(cli: CLI, tmp_path: Path, fmt: str) -> None:
    """The renderers own escaping; here: the run succeeds and nothing was expanded or executed."""
    out = tmp_path / f"report.{fmt}"
    cli("analyze", HOSTILE / "xss-everywhere.yaml", "-f", fmt, "-o", out).expect(0)
    text = out.read_text(encoding="utf-8")
    assert "{{ 7*7 }}" in text or "{{ 7*7 }}".replace(" ", "") in text or "&#123;" in text
    assert "<script>alert(" not in text if fmt in ("html", "markdown") else True
    assert leftovers(tmp_path) == []


def test_a_spec_on_stdin(cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    def feed(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))

    feed((HOSTILE / "alias-legit.yaml").read_bytes())
    assert "<stdin>: ok" in cli("validate", "-").expect(0).out
    feed((HOSTILE / "billion-laughs.yaml").read_bytes())
    assert "<stdin>:6:29: aliases expand to more than 100,000 nodes" in cli("validate", "-").expect(2).err
    feed((HOSTILE / "utf16-le-bom.yaml").read_bytes())
    assert '"format"' in cli("analyze", "-", "-f", "json").expect(0).out
    feed(b"x" * 2000)
    err = cli("validate", "--max-bytes", "1000", "-").expect(2).err
    assert "<stdin>:1:1: file is larger than the limit of 1,000 bytes" in err


def test_missing_files_and_directories_where_a_file_is_expected(cli: CLI, tmp_path: Path) -> None:
    missing = tmp_path / "no-such.yaml"
    for command in COMMANDS:
        result = cli(*_args(command, missing)).expect(2)
        assert f"{missing}:1:1: cannot read the file: No such file or directory" in result.out + result.err
    folder = tmp_path / "specs.yaml"
    folder.mkdir()
    (folder / "inner.yaml").write_text("version: 1\njourney: {title: T}\n", encoding="utf-8")
    assert f"{folder}:1:1: is a directory; expected a YAML file" in cli("diff", folder, folder).expect(2).err
    assert "a handout is for one spec file" in cli("handout", folder).expect(2).err
    empty = tmp_path / "empty-dir"
    empty.mkdir()
    assert "no *.yaml or *.yml files under" in cli("validate", empty).expect(2).err


def test_a_file_over_max_bytes_is_refused_unread(cli: CLI, tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:  # sparse: NUL bytes that are never read
        fh.truncate(DEFAULT_MAX_BYTES + 1)
    for command in COMMANDS:
        result = cli(*_args(command, big)).expect(2)
        assert f"{big}:1:1: file is {DEFAULT_MAX_BYTES + 1:,} bytes, more than the limit of {DEFAULT_MAX_BYTES:,} " \
            "bytes; raise it with --max-bytes" in result.out + result.err
    small = HOSTILE / "xss-everywhere.yaml"
    assert "more than the limit of 100 bytes" in cli("validate", "--max-bytes", "100", small).expect(2).err
