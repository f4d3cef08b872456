"""Alias string amplification: a small spec whose one large scalar is aliased
thousands of times would be gigabytes of text to every report. The expanded
text is bounded by the input limit and refused at the alias that crosses it;
in a directory run such a file is one failed spec among the others."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import CLI
from hostile_cases import needs_rlimit, run_capped

from cxgap.i18n import Catalog
from cxgap.render.texts import SHOWN, joined

VALID = "version: 1\njourney: {title: Fine}\ncustomer_touchpoints:\n  - {id: a, stage: trigger, channel: web}\n" \
        "company_touchpoints:\n  - {id: b, stage: trigger, channel: web}\n"


def amplifier(touchpoints: int = 9000, scalar: int = 1 << 20) -> str:
    """The reviewer's file: one 1 MiB scalar, aliased as the name of 9,000 touchpoints (1.6 MB)."""
    lines = ["version: 1", "journey:", "  title: T", f"x-big: &big {'x' * scalar}", "customer_touchpoints:"]
    lines += [f"  - {{id: c{i}, stage: trigger, channel: web, name: *big}}" for i in range(touchpoints)]
    return "\n".join([*lines, "company_touchpoints: []"]) + "\n"


def test_refused_at_the_alias_that_crosses_the_limit(cli: CLI, tmp_path: Path) -> None:
    spec = tmp_path / "amp.yaml"
    spec.write_text(amplifier(), encoding="utf-8")
    assert spec.stat().st_size < 2_000_000
    for command in ("validate", "analyze", "check", "handout"):
        err = cli(command, spec).expect(2).err
        # the file (1.6 MB) and 9 aliases of 1 MiB cross 10 MiB: the 9th alias, line 5 + 9, column of `*big`
        assert f"{spec}:14:50: aliases expand the document to more than 10,485,760 characters" in err, err


def test_the_limit_follows_max_bytes(cli: CLI, tmp_path: Path) -> None:
    spec = tmp_path / "amp.yaml"
    spec.write_text(amplifier(touchpoints=20, scalar=1000), encoding="utf-8")
    cli("validate", spec).expect(0)
    err = cli("validate", "--max-bytes", "5000", spec).expect(2).err
    assert "more than 5,000 characters of text" in err


def test_keys_and_merge_keys_count_too(cli: CLI, tmp_path: Path) -> None:
    spec = tmp_path / "merge.yaml"
    body = "".join(f"  - {{<<: *m, id: c{i}, stage: trigger, channel: web}}\n" for i in range(30))
    spec.write_text(f"version: 1\njourney: {{title: T}}\nx-m: &m {{x-{'k' * 400}: {'v' * 600}}}\n"
                    f"customer_touchpoints:\n{body}company_touchpoints: []\n", encoding="utf-8")
    err = cli("validate", "--max-bytes", "20000", spec).expect(2).err
    assert "aliases expand the document to more than 20,000 characters" in err


@needs_rlimit
def test_a_directory_run_reports_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "a-fine.yaml").write_text(VALID, encoding="utf-8")
    (folder / "b-amp.yaml").write_text(amplifier(), encoding="utf-8")
    (folder / "c-fine.yaml").write_text(VALID, encoding="utf-8")
    for command in ("analyze", "check"):
        out = tmp_path / f"{command}.json"
        code, _, err, seconds, peak = run_capped(command, folder, "-f", "json", "-o", out)
        assert code == 2 and "Traceback" not in err and "out of memory" not in err, err[-2000:]
        assert "b-amp.yaml:14:50: aliases expand" in err and seconds < 10 and peak < 512
        report = json.loads(out.read_text(encoding="utf-8"))
        text = json.dumps(report)
        assert "a-fine.yaml" in text and "c-fine.yaml" in text and "b-amp.yaml" in text
    junit = tmp_path / "check.xml"
    code, _, err, _, _ = run_capped("check", folder, "-o", junit)
    xml = junit.read_text(encoding="utf-8")
    assert code == 2 and xml.count("<testsuite ") == 3 and "aliases expand the document" in xml


def long_lists(items: int) -> str:
    """A valid spec whose one touchpoint and one persona each write ``items`` one-word list items: small
    in bytes, and before the cap every item was written into every report, once per place it appears
    (2.5 million pain points in a 5 MB spec made a 115 MB HTML report in 36 s and 659 MiB)."""
    many = "[" + ", ".join(f"p{i}" for i in range(items)) + "]"
    return ("version: 1\njourney: {title: Long lists}\n"
            f"personas:\n  - {{id: pat, name: Pat, motivations: {many}, pain_points: {many}, preferences: {many}}}\n"
            "customer_touchpoints:\n"
            f"  - {{id: a, stage: trigger, channel: web, emotion: -2, pain_points: {many}, opportunities: {many}}}\n"
            "company_touchpoints:\n  - {id: b, stage: trigger, channel: web, meets: [a]}\n")


def test_reports_show_a_list_s_first_items_and_count_the_rest(cli: CLI, tmp_path: Path) -> None:
    items = 20_000
    spec = tmp_path / "long.yaml"
    spec.write_text(long_lists(items), encoding="utf-8")
    last_shown, first_hidden = f"p{SHOWN - 1}", f"p{SHOWN}"
    runs: dict[str, tuple[str, ...]] = {f"analyze-{fmt}": ("analyze", "-f", fmt)
                                        for fmt in ("html", "markdown", "table")}
    runs["handout"] = ("handout",)
    for name, (command, *args) in runs.items():
        for lang, more in (("en", f"… and {items - SHOWN:,} more"), ("zh-TW", f"……另有 {items - SHOWN:,} 條")):
            out = tmp_path / f"{name}-{lang}.{'html' if 'html' in name or command == 'handout' else 'txt'}"
            cli(command, *args, "--lang", lang, "-o", out, spec).expect(0)
            text = out.read_text(encoding="utf-8")
            # every item is 2-6 characters: 20,000 of them written once would be 100 kB
            assert len(text) < 100_000, f"{name} {lang}: {len(text):,} characters"
            assert first_hidden not in text.replace(f"{first_hidden}0", ""), name  # p10 only as in p100..
            if command == "analyze":  # the handout asks about the first pain points; the report quotes them
                flat = "".join(text.split())  # the terminal table wraps lines
                assert last_shown in text and "".join(more.split()) in flat, f"{name} {lang}"
    data = json.loads(cli("analyze", "-f", "json", spec).expect(0).out)
    [tp] = data["customer_touchpoints"]
    assert len(tp["pain_points"]) == items  # the data keeps every item


def test_the_cap_is_exact() -> None:
    catalog = Catalog("en")
    words = [f"w{i}" for i in range(SHOWN + 1)]
    assert joined(words[:SHOWN], catalog) == "; ".join(f'"w{i}"' for i in range(SHOWN))
    assert joined(words, catalog) == "; ".join(f'"w{i}"' for i in range(SHOWN)) + "; … and 1 more"
    assert joined(words[:2], catalog, quote=False) == "w0; w1"
