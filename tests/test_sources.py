"""Survey sources (DESIGN.md §6): real-looking exports in, figures with n and margin out.

Every expected figure below is computed by hand from the files in
tests/data/sources/ (the comments show the arithmetic), never read back from cxgap.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import CLI, ROOT

from cxgap.model import CustomerTouchpoint
from cxgap.sources.collect import parse_answer
from cxgap.sources.table import letter, letter_index
from cxgap.xref import typed_metric

SOURCES = Path("tests/data/sources")
"""Relative to the repository root (the tests that use it run there: `at_root`), as reports name files."""


def metrics(cli: CLI, spec: Path) -> dict[tuple[str, str], dict[str, Any]]:
    out = json.loads(cli("analyze", spec, "--format", "json").expect(0).out)
    return {(m["metric"], m["touchpoint"] or m["stage"] or "journey"): m for m in out["metrics"]}


def margin_nps(promoters: int, detractors: int, n: int) -> float:
    p, d = promoters / n, detractors / n
    return round(1.96 * math.sqrt((p + d - (p - d) ** 2) / n) * 100, 1)


def test_qualtrics_nps_three_header_rows_filter_map_and_name(cli: CLI, at_root: Path) -> None:
    got = metrics(cli, SOURCES / "journey.yaml")
    chat = got[("nps", "live-chat")]
    # Enterprise answers for "Live chat": 10 9 9 8 7 6 3 10 0 9 -> 5 promoters, 3 detractors of 10.
    assert (chat["value"], chat["n"], chat["margin"]) == (20.0, 10, 54.0) == (20.0, 10, margin_nps(5, 3, 10))
    assert chat["source"] == [{"file": "tests/data/sources/qualtrics-nps.csv", "rows": 17}]
    assert chat["low_sample"] is True
    # "Phone" reaches phone-support through `map`: 9 10 5 8 -> 2 promoters, 1 detractor of 4.
    phone = got[("nps", "phone-support")]
    assert (phone["value"], phone["n"], phone["margin"]) == (25.0, 4, margin_nps(2, 1, 4)) == (25.0, 4, 81.3)


def test_surveymonkey_csat_two_header_rows(cli: CLI, at_root: Path) -> None:
    csat = metrics(cli, SOURCES / "journey.yaml")[("csat", "helpdesk-visit")]
    # 5 4 4 3 5 2 4 1 5 5 (and a blank): 7 of 10 are 4-5.
    s = 0.7
    assert (csat["value"], csat["n"], csat["margin"]) == (70.0, 10, round(1.96 * math.sqrt(s * (1 - s) / 10) * 100, 1))
    assert csat["margin"] == 28.4


def test_excel_bom_ces_by_column_letter_for_a_stage(cli: CLI, at_root: Path) -> None:
    ces = metrics(cli, SOURCES / "journey.yaml")[("ces", "loyalty")]
    answers = [7, 6, 5, 7, 4, 6]
    mean = sum(answers) / 6
    sd = math.sqrt(sum((a - mean) ** 2 for a in answers) / 5)
    assert (ces["value"], ces["n"], ces["margin"]) == (5.8, 6, round(1.96 * sd / math.sqrt(6), 1)) == (5.8, 6, 0.9)
    assert ces["target_min"] == 6 and ces["met"] is False


def test_top_box_measure_for_the_journey(cli: CLI, at_root: Path) -> None:
    box = metrics(cli, SOURCES / "journey.yaml")[("easy-contact", "journey")]
    # 6 or 7 in 7 6 5 7 4 6: 4 of 6.
    s = 4 / 6
    assert (box["value"], box["n"], box["margin"]) == (66.7, 6, round(1.96 * math.sqrt(s * (1 - s) / 6) * 100, 1))


def test_xlsx_typeform_export_skips_a_formula_cell(cli: CLI, at_root: Path) -> None:
    pytest.importorskip("python_calamine")
    nps = metrics(cli, SOURCES / "journey.yaml")[("nps", "self-checkout")]
    # 10 10 9 2, then "=5+5" (a formula without a saved value) and a blank: skipped.
    assert (nps["value"], nps["n"], nps["margin"]) == (50.0, 4, margin_nps(3, 1, 4))
    listing = cli("sources", SOURCES / "journey.yaml").expect(0).out
    assert "typeform-nps.xlsx (xlsx): nps, touchpoint self-checkout" in listing
    assert "rows read 6; answers used 4; skipped 2 (blank 2" in listing


def test_gb18030_export_with_chinese_headers_and_names(cli: CLI, at_root: Path) -> None:
    got = metrics(cli, SOURCES / "zh" / "journey.yaml")
    store = got[("nps", "store")]
    # 门店: 10 9 7 3 "10分" -> 3 promoters, 1 detractor of 5.
    assert (store["value"], store["n"], store["margin"]) == (40.0, 5, margin_nps(3, 1, 5))
    listing = cli("sources", SOURCES / "zh" / "journey.yaml").expect(0).out
    assert "(csv, gb18030)" in listing
    assert "skipped 2 (blank 1, not a number 1" in listing  # "" and "(跳过)"


def test_a_below_target_from_a_source_names_its_file_and_margin(cli: CLI, at_root: Path) -> None:
    chat = metrics(cli, SOURCES / "journey.yaml")[("nps", "live-chat")]
    out = json.loads(cli("analyze", SOURCES / "journey.yaml", "-f", "json").expect(0).out)
    message = {g["id"]: g["message"] for g in out["gaps"]}["below_target:live-chat:nps"]
    assert str(SOURCES / "qualtrics-nps.csv") in message and f"± {chat['margin']:g} " in message


def test_low_sample_caps_below_target_at_medium_and_is_marked(cli: CLI, at_root: Path) -> None:
    out = json.loads(cli("analyze", SOURCES / "journey.yaml", "-f", "json").expect(0).out)
    gaps = {g["id"]: g for g in out["gaps"]}
    assert gaps["below_target:live-chat:nps"]["severity"] == "medium"  # 20 < 40, but n = 10
    assert gaps["below_target:loyalty:ces"]["severity"] == "medium"
    assert "below_target:phone-support:nps" not in gaps  # 25 >= 20
    assert "low sample" in gaps["below_target:live-chat:nps"]["message"]
    for fmt in ("markdown", "html", "csv", "table"):
        assert "low sample" in cli("analyze", SOURCES / "journey.yaml", "-f", fmt).expect(0).out, fmt
    handout = cli("handout", SOURCES / "journey.yaml").expect(0).out
    assert "low sample" in handout
    zh = cli("analyze", SOURCES / "zh" / "journey.yaml", "-f", "markdown", "--lang", "zh-CN").expect(0).out
    assert "样本量小" in zh


def test_a_large_sample_keeps_below_target_high(cli: CLI, tmp_path: Path) -> None:
    rows = ["score"] + ["10"] * 10 + ["0"] * 30  # NPS (10 - 30) / 40 = -50, n = 40
    (tmp_path / "s.csv").write_text("\n".join(rows) + "\n")
    spec = _spec(tmp_path, "  - {file: s.csv, metric: nps, answer: score, touchpoint: a}\n",
                 "targets:\n  - {metric: nps, min: 0, touchpoint: a}\n")
    out = json.loads(cli("analyze", spec, "-f", "json").expect(0).out)
    gap = next(g for g in out["gaps"] if g["id"] == "below_target:a:nps")
    assert gap["severity"] == "high"
    m = out["metrics"][0]
    assert (m["value"], m["n"], m["low_sample"]) == (-50.0, 40, False)


def test_a_target_on_a_slug_only_a_source_measures(cli: CLI, tmp_path: Path) -> None:
    # A custom slug fed by a survey export is a measured slug: a journey target on it is allowed and
    # judged against the sourced share. 4 or 5 in 5 4 2 1 3: 2 of 5 = 40.0 %, under the 50 minimum.
    (tmp_path / "s.csv").write_text("ease\n5\n4\n2\n1\n3\n")
    spec = _spec(tmp_path, "  - {file: s.csv, metric: easy-contact, answer: ease, top_box: [4, 5], scale: [1, 5]}\n",
                 "targets:\n  - {metric: easy-contact, min: 50}\n")
    out = json.loads(cli("analyze", spec, "-f", "json").expect(0).out)
    row = next(m for m in out["metrics"] if m["metric"] == "easy-contact")
    assert (row["value"], row["n"], row["target_min"], row["met"]) == (40.0, 5, 50, False)
    assert "below_target:journey:easy-contact" in {g["id"] for g in out["gaps"]}


def test_unmatched_values_are_reported_once_with_their_count(cli: CLI, at_root: Path) -> None:
    result = cli("analyze", SOURCES / "journey.yaml", "-f", "json").expect(0)
    lines = [line for line in result.err.splitlines() if "Kiosk" in line]
    assert len(lines) == 1
    assert lines[0].startswith("tests/data/sources/journey.yaml:21:")
    assert "answers: 1" in lines[0]
    listing = cli("sources", SOURCES / "journey.yaml", "-f", "json").expect(0).out
    first = json.loads(listing)["sources"][0]
    assert first["unmatched"] == {"Kiosk": 1}
    assert (first["rows"], first["used"], first["blank"], first["filtered"]) == (17, 14, 1, 1)
    assert first["touchpoints"] == {"live-chat": 10, "phone-support": 4}


# --- helpers for generated specs -----------------------------------------------------------------


def _spec(folder: Path, sources: str, extra: str = "") -> Path:
    spec = folder / "journey.yaml"
    spec.write_text(
        "version: 1\njourney: {title: T}\n"
        "customer_touchpoints:\n"
        "  - {id: a, name: Alpha, stage: loyalty, channel: chat}\n"
        "  - {id: b, name: Beta, stage: loyalty, channel: phone}\n"
        "company_touchpoints:\n  - {id: c, stage: loyalty, channel: chat}\n"
        f"sources:\n{sources}{extra}",
        encoding="utf-8",
    )
    return spec


# --- hostile sources ---------------------------------------------------------------------------


def test_missing_file(cli: CLI, tmp_path: Path) -> None:
    spec = _spec(tmp_path, "  - {file: nowhere.csv, metric: nps, answer: A}\n")
    err = cli("analyze", spec).expect(2).err
    assert f"{spec}:9:12: sources[0].file: 'nowhere.csv' no such file" in err
    assert "Traceback" not in err


def test_path_escaping_the_spec_folder_is_refused(cli: CLI, tmp_path: Path) -> None:
    inner = tmp_path / "repo" / "journeys"
    inner.mkdir(parents=True)
    (tmp_path / "secret.csv").write_text("A\n9\n")
    spec = _spec(inner, "  - {file: ../../secret.csv, metric: nps, answer: A}\n")
    err = cli("analyze", spec).expect(2).err
    assert "sources[0].file" in err and "leads outside the spec's folder" in err
    # An absolute path is the user's explicit choice, and is read.
    spec = _spec(inner, f"  - {{file: '{tmp_path / 'secret.csv'}', metric: nps, answer: A, touchpoint: a}}\n")
    assert json.loads(cli("analyze", spec, "-f", "json").expect(0).out)["metrics"][0]["n"] == 1


def test_symlink_out_of_the_folder_and_to_dev_zero(cli: CLI, tmp_path: Path) -> None:
    (tmp_path / "zero.csv").symlink_to("/dev/zero")
    spec = _spec(tmp_path, "  - {file: zero.csv, metric: nps, answer: A}\n")
    err = cli("analyze", spec).expect(2).err
    assert "zero.csv" in err and "leads outside" in err
    # Inside the folder, a link to a device is still not a file.
    os.mknod(tmp_path / "fifo.csv", 0o600 | __import__("stat").S_IFIFO)
    spec = _spec(tmp_path, "  - {file: fifo.csv, metric: nps, answer: A}\n")
    err = cli("analyze", spec).expect(2).err
    assert "not a regular file" in err


def test_symlink_to_dev_zero_given_absolute(cli: CLI, tmp_path: Path) -> None:
    (tmp_path / "zero.csv").symlink_to("/dev/zero")
    spec = _spec(tmp_path, f"  - {{file: '{tmp_path / 'zero.csv'}', metric: nps, answer: A}}\n")
    err = cli("analyze", spec).expect(2).err
    assert "is a device, pipe or socket, not a regular file" in err


@pytest.mark.slow
def test_a_2_gb_line_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as f:
        f.write(b"A,B\n9,")
        f.truncate(2 * 1024**3)  # sparse: 2 GiB on paper, nothing on disk, and no line end
    spec = _spec(tmp_path, "  - {file: big.csv, metric: nps, answer: A, touchpoint: a}\n")
    limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)); "
    code = limit + "import sys; from cxgap.cli.run import main; sys.argv = ['cxgap', 'analyze', sys.argv[1]]; main()"
    done = subprocess.run([sys.executable, "-c", code, str(spec)], capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 2, done.stderr
    assert f"{big}:2:1: line longer than 4,194,304 characters" in done.stderr
    assert "Traceback" not in done.stderr


def test_ragged_rows_are_problems_with_their_row(cli: CLI, tmp_path: Path) -> None:
    (tmp_path / "r.csv").write_text("Who,Score,Note\nAlpha,9,ok\nAlpha\nBeta,7,x,extra\nBeta,8,fine\n")
    spec = _spec(tmp_path, "  - {file: r.csv, metric: nps, answer: Score, touchpoint_column: Who}\n")
    err = cli("analyze", spec).expect(2).err
    assert f"{tmp_path / 'r.csv'}:3:2: the row has 1 cell, too few to reach column B; expected 3 cells" in err
    assert f"{tmp_path / 'r.csv'}:4:4: the row has 4 cells, the header 3" in err


def test_formula_cells_are_text_never_numbers(cli: CLI, tmp_path: Path) -> None:
    (tmp_path / "f.csv").write_text('Who,Score\nAlpha,=1+9\nAlpha,"=HYPERLINK(""http://x"",""9"")"\n'
                                    "=cmd|' /C calc'!A0,9\nAlpha,9\n")
    spec = _spec(tmp_path, "  - {file: f.csv, metric: nps, answer: Score, touchpoint_column: Who}\n")
    result = cli("sources", spec, "-f", "json").expect(0)
    src = json.loads(result.out)["sources"][0]
    assert (src["non_numeric"], src["used"]) == (2, 1)
    assert src["unmatched"] == {"=cmd|' /C calc'!A0": 1}
    assert "\"=cmd|' /C calc'!A0\" names no customer touchpoint" in result.err
    csv_report = cli("analyze", spec, "-f", "csv").expect(0).out
    assert "\n=" not in csv_report and ",=" not in csv_report


def test_a_column_that_does_not_exist_lists_the_headers(cli: CLI, tmp_path: Path) -> None:
    (tmp_path / "q.csv").write_text("Respondent,How likely?,Channel\n1,9,Alpha\n")
    spec = _spec(tmp_path, "  - {file: q.csv, metric: nps, answer: How likley?, touchpoint_column: Channel}\n")
    err = cli("analyze", spec).expect(2).err
    assert f"{spec}:9:40: sources[0].answer:" in err
    assert "no column 'How likley?'" in err
    assert "Headers found: A ('Respondent'), B ('How likely?'), C ('Channel')" in err


def test_out_of_range_answers_name_file_row_and_column(cli: CLI, tmp_path: Path) -> None:
    (tmp_path / "o.csv").write_text("Who,Score\nAlpha,9\nAlpha,11\nBeta,7.5\nBeta,7\n")
    spec = _spec(tmp_path, "  - {file: o.csv, metric: nps, answer: B, touchpoint_column: A}\n")
    err = cli("analyze", spec).expect(2).err
    assert f"{tmp_path / 'o.csv'}:3:2: B ('Score'): answer '11' is outside the nps scale; expected a whole number " \
           "from 0 to 10" in err
    assert f"{tmp_path / 'o.csv'}:4:2: B ('Score'): answer '7.5'" in err


def test_same_metric_typed_and_sourced_is_an_error_naming_both(cli: CLI, tmp_path: Path) -> None:
    (tmp_path / "s.csv").write_text("Who,Score\nAlpha,9\n")
    spec = tmp_path / "journey.yaml"
    spec.write_text(
        "version: 1\njourney: {title: T}\ncustomer_touchpoints:\n"
        "  - {id: a, name: Alpha, stage: loyalty, channel: chat, metrics: {nps: 30}}\n"
        "sources:\n  - {file: s.csv, metric: nps, answer: Score, touchpoint: a}\n"
        "  - {file: s.csv, metric: nps, answer: Score, touchpoint_column: Who}\n")
    err = cli("analyze", spec).expect(2).err
    assert f"{spec}:6:27: sources[0].metric: nps of 'a' is both typed in the spec " \
           "(customer_touchpoints[0].metrics.nps, line 4) and fed by this source" in err
    assert "both typed in the spec" in cli("validate", spec).expect(2).err
    spec.write_text(spec.read_text().replace("  - {file: s.csv, metric: nps, answer: Score, touchpoint: a}\n", ""))
    err = cli("analyze", spec).expect(2).err
    assert "sources[0].metric: nps of 'a' is both typed in the spec (customer_touchpoints[0].metrics.nps" in err


def test_spec_keys_are_checked(cli: CLI, tmp_path: Path) -> None:
    cases = {
        "{file: s.csv, metric: easy, answer: A}": "give top_box",
        "{file: s.csv, metric: nps, answer: A, top_box: [9, 10]}": "nps has its own formula",
        "{file: s.csv, metric: nps, answer: A, touchpoint: a, stage: loyalty}": "not several: touchpoint, stage",
        "{file: s.csv, metric: nps, answer: A, map: {x: a}}": "give touchpoint_column too",
        "{file: s.csv, metric: nps, answer: A, encoding: klingon}": "unknown encoding 'klingon'",
        "{file: s.csv, metric: nps, answer: A, touchpoint: zz}": "unknown touchpoint 'zz'",
        "{file: s.csv, metric: nps, answer: A, touchpoint_column: B, map: {x: zz}}": "which is no customer",
        "{file: s.csv, metric: nps, answer: A, colour: red}": "unknown key 'colour'",
    }
    for entry, message in cases.items():
        spec = _spec(tmp_path, f"  - {entry}\n")
        err = cli("validate", spec).expect(2).err
        assert message in err, (entry, err)


def test_missing_xlsx_extra_names_it(cli: CLI, at_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "python_calamine", None)  # as if the extra were not installed
    err = cli("analyze", SOURCES / "journey.yaml").expect(2).err
    assert "pip install 'cxgap[xlsx]'" in err
    assert "tests/data/sources/journey.yaml:" in err


def test_utf8_then_gb18030_fallback_after_the_first_block(cli: CLI, tmp_path: Path) -> None:
    ascii_rows = "".join(f"Alpha,{i % 11}\n" for i in range(120_000))  # > 1 MB of plain ASCII first
    (tmp_path / "g.csv").write_bytes(("Who,Score\n" + ascii_rows + "Alpha,10\n在线客服,9\n").encode("gb18030"))
    spec = _spec(tmp_path, "  - {file: g.csv, metric: nps, answer: Score, touchpoint_column: Who,"
                 " map: {在线客服: b}}\n")
    src = json.loads(cli("sources", spec, "-f", "json").expect(0).out)["sources"][0]
    assert src["encoding"] == "gb18030"
    assert src["touchpoints"] == {"a": 120_001, "b": 1}


def test_undecodable_text_says_which_encodings_were_tried(cli: CLI, tmp_path: Path) -> None:
    (tmp_path / "u.csv").write_bytes(b"Who,Score\nAlpha,9\n\x81\x20,9\n")
    spec = _spec(tmp_path, "  - {file: u.csv, metric: nps, answer: Score, touchpoint_column: Who}\n")
    err = cli("analyze", spec).expect(2).err
    assert "not UTF-8 nor GB18030" in err and "Traceback" not in err


def test_semicolons_crlf_and_quoted_line_breaks(cli: CLI, tmp_path: Path) -> None:
    (tmp_path / "e.csv").write_bytes(b'Who;Score;Comment\r\nAlpha;9;"two\r\nlines"\r\nAlpha;6;x\r\n')
    spec = _spec(tmp_path, "  - {file: e.csv, metric: nps, answer: Score, touchpoint_column: Who}\n")
    m = json.loads(cli("analyze", spec, "-f", "json").expect(0).out)["metrics"][0]
    assert (m["value"], m["n"]) == (0.0, 2)


def test_column_letters_and_answer_labels() -> None:
    assert [letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    assert [letter_index(t) for t in ("A", "z", "AA", "ZZ", "A1", "ABCD")] == [0, 25, 26, 701, None, None]
    assert [parse_answer(t) for t in ("9", " 10 ", "9.0", "10 - Extremely likely", "0 = Not at all", "10分",
                                      "n/a", "", "=1+9", "Very 5")] == [9, 10, 9, 10, 0, 10, None, None, None, None]


def test_diff_reads_sources_at_each_revision(cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=tmp_path, check=True,
                       capture_output=True)

    def export(*answers: tuple[int, int]) -> None:
        rows = "".join(f"Alpha,{score}\n" * count for score, count in answers)
        (tmp_path / "surveys" / "nps.csv").write_text("Who,Score\n" + rows)

    (tmp_path / "surveys").mkdir()
    _spec(tmp_path, "  - {file: surveys/nps.csv, metric: nps, answer: Score, touchpoint_column: Who}\n",
          "targets:\n  - {metric: nps, min: 10, touchpoint: a}\n")
    export((3, 20), (10, 20))  # October: NPS 0, n 40, margin 1.96 × √(1 / 40) × 100 = 31.0
    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "October")
    export((10, 40))  # November: NPS 100, margin 0
    git("commit", "-q", "-am", "November")
    monkeypatch.chdir(tmp_path)
    out = json.loads(cli("diff", "HEAD~1:journey.yaml", "HEAD:journey.yaml", "-f", "json").expect(0).out)
    assert [g["id"] for g in out["closed"]] == ["below_target:a:nps"]
    assert out["metrics"] == [{
        "metric": "nps", "subject": "a", "before": 0.0, "after": 100.0, "delta": 100.0, "n_before": 40,
        "n_after": 40, "margin_before": 31.0, "margin_after": 0.0, "noise": 31.0, "beyond_noise": True,
        "low_sample": False}]
    # The working tree's export is not what HEAD~1 reads: the base keeps October's answers.
    export((3, 19), (10, 21))  # NPS 5, margin 31.0: a change of 5 is within the noise √(31² + 31²) = 43.8
    out = json.loads(cli("diff", "HEAD~1:journey.yaml", "journey.yaml", "-f", "json").expect(0).out)
    assert out["closed"] == [] and out["opened"] == []
    assert (out["metrics"][0]["delta"], out["metrics"][0]["noise"], out["metrics"][0]["beyond_noise"]) == (5.0, 43.8,
                                                                                                        False)
    text = cli("diff", "HEAD~1:journey.yaml", "journey.yaml").expect(0).out
    assert "  nps Alpha: 0 -> 5 (+5), n 40, beyond the noise: no (± 43.8)" in text
    md = cli("diff", "HEAD~1:journey.yaml", "HEAD:journey.yaml", "-f", "markdown").expect(0).out
    assert "| nps | Alpha | 0 | 100 | +100 | 40 | yes (± 31) |" in md


def test_sources_command_text(cli: CLI, at_root: Path) -> None:
    out = cli("sources", SOURCES / "journey.yaml").expect(0).out
    assert out.startswith("tests/data/sources/journey.yaml: 5 sources\n")
    assert "sources[0] tests/data/sources/qualtrics-nps.csv (csv, utf-8 with BOM): nps, per touchpoint" in out
    assert "rows read 17; answers used 14; skipped 1" in out
    assert "live-chat" in out and "n=10" in out and "nps 20 ± 54" in out
    assert (ROOT / "tests").is_dir()


def test_source_problems_in_chinese(cli: CLI, tmp_path: Path) -> None:
    """The problems the Chinese `sources` transcripts cannot hold (paths of this machine, a fifo, a bad workbook)
    are worded by the catalogs too, in either script."""
    (tmp_path / "zero.csv").symlink_to("/dev/zero")
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip")
    os.mkfifo(tmp_path / "fifo.csv")
    spec = _spec(tmp_path, "".join(f"  - {{file: {name}, metric: nps, answer: A}}\n"
                                   for name in ("zero.csv", "fifo.csv", "../x.csv", "bad.xlsx")))
    err = cli("sources", spec, "--lang", "zh-CN").expect(2).err
    assert "是指向规格文件所在目录之外的链接" in err and "是设备、管道或套接字，不是普通文件" in err
    assert "'../x.csv' 指向规格文件所在目录" in err and "不是 xlsx 工作簿" in err
    assert "leads outside" not in err and "expected" not in err
    err = cli("sources", spec, "--lang", "zh-TW").expect(2).err
    assert "是裝置、管線或通訊端" in err and "不是 xlsx 活頁簿" in err
    assert "is a link that leads outside" in cli("sources", spec, "--lang", "en").expect(2).err


def test_typed_metric_names_the_key_a_touchpoint_types_a_survey_metric_under() -> None:
    """What "both typed in the spec" points at: the figure's key, or its answers' key; nothing for a metric
    no touchpoint types (churn) or a touchpoint without metrics."""
    ct = CustomerTouchpoint.model_validate({"id": "a", "stage": "loyalty", "channel": "chat",
                                            "metrics": {"csat_responses": [5, 4], "ces": 3.5}})
    assert [typed_metric(ct, m) for m in ("nps", "csat", "ces", "churn")] == [None, "csat_responses", "ces", None]
    bare = CustomerTouchpoint.model_validate({"id": "b", "stage": "loyalty", "channel": "chat"})
    assert typed_metric(bare, "nps") is None
