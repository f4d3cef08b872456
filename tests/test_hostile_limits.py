"""The limits hold for inputs too big to keep as files: deep nesting, huge
scalars, files at and over --max-bytes, files with 100,000 problems; and,
in a child process under a 1 GiB address-space limit, nothing crashes, hangs
or prints a traceback (README.md, "Limits and safety")."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CLI
from hostile_cases import HOSTILE, Case, big_spec, invalid_cases, needs_rlimit, run_capped

from cxgap.limits import DEFAULT_MAX_BYTES

HEAD = "version: 1\njourney:\n  title: T\n"
GENERATED: dict[str, tuple[Callable[[], str], int, str]] = {
    "flow-20000": (lambda: HEAD + "x-deep: " + "[" * 20_000 + "]" * 20_000 + "\n", 2,
                   "4:265: brackets nested deeper than 256 levels"),
    "flow-mapping-20000": (lambda: HEAD + "x-deep: " + "{a: " * 20_000 + "}" * 20_000 + "\n", 2,
                           "brackets nested deeper than 256 levels"),
    "flow-interleaved-20000": (lambda: HEAD + "x-deep: " + "[a, " * 20_000 + "]" * 20_000 + "\n", 2,
                               "brackets nested deeper than 256 levels"),
    "block-sequence-20000": (lambda: HEAD + "x-deep:\n" + "- " * 20_000 + "x\n", 2,
                             "5:127: mappings and lists nested deeper than 64 levels"),
    "block-sequence-1000000": (lambda: HEAD + "x-deep:\n" + "- " * 1_000_000 + "x\n", 2,
                               "5:127: mappings and lists nested deeper than 64 levels"),
    "block-mapping-4500": (lambda: HEAD + "x-deep:\n" + "".join(" " * i + "k:\n" for i in range(1, 4500)), 2,
                           "mappings and lists nested deeper than 64 levels"),
    "scalar-10mb": (lambda: HEAD + "  description: " + "x" * 10_000_000 + "\n", 0, ""),
    "scalar-10mb-key": (lambda: HEAD + "  ? " + "k" * 10_000_000 + "\n  : 1\n", 2,
                        "4:5: journey['kkkkkkkkkk"),
    "scalar-2kb-simple-key": (lambda: HEAD + '  "' + "k" * 2000 + '": 1\n', 2,
                              "a key longer than 1024 characters"),
    "unknown-keys-100000": (lambda: HEAD + "".join(f"k{i}: {i}\n" for i in range(100_000)), 2,
                            "… and 99,900 more problems (only the first 100 are shown)"),
    "duplicate-keys-100000": (lambda: HEAD + "x-dup:\n" + "  k: v\n" * 100_000, 2, "… and 99,899 more problems"),
    "bad-touchpoints-20000": (lambda: HEAD + "customer_touchpoints:\n" + "".join(
        f"  - {{id: c{i}, stage: trigger, channel: web, importance: 9}}\n" for i in range(20_000)) +
        "company_touchpoints:\n" + "".join(
        f"  - {{id: k{i}, stage: trigger, channel: web, meets: [c{i}, nobody]}}\n" for i in range(20_000)), 2,
        "… and "),
    "unknown-references-20000": (lambda: HEAD + "personas:\n" + "".join(
        f"  - {{id: p{i}, name: P}}\n" for i in range(20_000)) + "customer_touchpoints:\n" + "".join(
        f"  - {{id: c{i}, stage: s{i}, channel: web, personas: [q{i}]}}\n" for i in range(20_000)), 2,
        "… (19,988 more)"),
}
"""name: (text, exit code of validate, text the output must hold)."""


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("generated")
    out = {}
    for name, (make, _, _) in GENERATED.items():
        path = folder / f"{name}.yaml"
        path.write_text(make(), encoding="utf-8")
        assert path.stat().st_size <= DEFAULT_MAX_BYTES, name
        out[name] = path
    return out


def test_a_20_mb_scalar_is_refused_by_default_and_processed_when_allowed(cli: CLI, tmp_path: Path) -> None:
    spec = tmp_path / "scalar.yaml"
    spec.write_text(HEAD + "  description: " + "x" * 20_000_000 + "\n", encoding="utf-8")
    assert "more than the limit of" in cli("validate", spec).expect(2).err
    start = time.process_time()
    cli("validate", "--max-bytes", "25000000", spec).expect(0)
    cli("analyze", "--max-bytes", "25000000", spec, "-f", "json", "-o", tmp_path / "a.json").expect(0)
    assert time.process_time() - start < 10


@pytest.mark.parametrize("name", list(GENERATED))
def test_generated_input_in_seconds(cli: CLI, generated: dict[str, Path], name: str) -> None:
    _, code, text = GENERATED[name]
    start = time.process_time()
    result = cli("validate", generated[name]).expect(code)
    assert time.process_time() - start < 10
    assert text in result.err and "Traceback" not in result.err
    assert len(result.err.splitlines()) <= 101 and len(result.err) < 100_000


@needs_rlimit
def test_the_whole_corpus_under_1_gib(tmp_path: Path) -> None:
    code, _, err, _, _ = run_capped("validate", HOSTILE)
    assert code == 2 and "Traceback" not in err and "out of memory" not in err
    for case in invalid_cases():
        assert not Case(case.path, 2, case.expected[:1]).missing(err, str(case.path)), case.name
    code, _, err, _, _ = run_capped("analyze", HOSTILE, "-f", "json", "-o", tmp_path / "all.json")
    assert code == 2 and "Traceback" not in err and (tmp_path / "all.json").exists()


@needs_rlimit
@pytest.mark.parametrize("name", list(GENERATED))
def test_generated_input_under_1_gib(generated: dict[str, Path], name: str) -> None:
    code, _, err, seconds, _ = run_capped("validate", generated[name])
    assert code == GENERATED[name][1], err[-2000:]
    assert "Traceback" not in err and "out of memory" not in err and seconds < 20


@needs_rlimit
@pytest.mark.slow
def test_the_largest_accepted_spec_under_1_gib(tmp_path: Path) -> None:
    spec = tmp_path / "largest.yaml"
    text = big_spec(64_000)
    spec.write_text(text, encoding="utf-8")
    assert DEFAULT_MAX_BYTES * 0.95 < len(text.encode()) <= DEFAULT_MAX_BYTES
    code, out, err, _, peak = run_capped("validate", spec)
    assert code == 0 and "ok (32000 customer touchpoints" in out and peak < 400, (peak, err[-2000:])
    code, _, err, _, peak = run_capped("analyze", spec, "-f", "html", "-o", tmp_path / "report.html")
    assert code == 0 and "Traceback" not in err and peak < 700, (peak, err[-2000:])


@needs_rlimit
def test_problems_are_counted_not_collected(tmp_path: Path) -> None:
    """A 10 MiB spec of 640,000 unknown keys: every one is counted, a thousand are kept."""
    spec = tmp_path / "unknown.yaml"
    lines, size, n = [HEAD], len(HEAD), 0
    while size < DEFAULT_MAX_BYTES - 100:
        line = f"k{n}: {n}\n"
        lines.append(line)
        size += len(line)
        n += 1
    spec.write_text("".join(lines), encoding="utf-8")
    code, _, err, _, peak = run_capped("validate", spec, timeout=120)
    assert code == 2 and f"… and {n - 100:,} more problems (only the first 100 are shown)" in err, err[-500:]
    assert "out of memory" not in err and peak < 512, peak  # 1,190 MiB before the cap, 865 before the budget
