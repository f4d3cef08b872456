"""Large specs read like small ones (issue 14): a 300 + 150 touchpoint spec's HTML map
shows at most six cards a cell, the worst first, and folds the rest ("+N met"); the
gap table folds the low and info gaps; recommendation lists show ten items and fold
the rest; the first screen is as short as a small spec's. A shipped journey's map,
whose cells are small, is drawn whole and in spec order."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bigspec import big_spec
from conftest import CLI, ROOT

from cxgap.cli.run import run
from cxgap.render.view import DENSE_MAP, GAP_ROWS, MAP_CELL, VISIBLE_ITEMS

FOLD = re.compile(r'<details class="fold"><summary>([^<]+)</summary>(.*?)</details>', re.S)


@pytest.fixture(scope="module")
def big_report(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("big")
    spec, out = tmp / "big.yaml", tmp / "report.html"
    spec.write_text(big_spec(), encoding="utf-8")
    assert run(["analyze", str(spec), "-o", str(out)]) == 0  # once for the module: the cli fixture is per test
    return out.read_text(encoding="utf-8")


def _cells(page: str) -> list[str]:
    grid = re.split(r'<section class="map[^"]*">', page)[1].split("</section>")[0]
    return re.split(r'<div class="(?:cell|lane-head)[^"]*"[^>]*>', grid)[1:]


def _scores(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<div class="tp cover-(\d)', html)]


def test_big_map_cells_show_the_worst_first_and_fold_the_rest(big_report: str) -> None:
    folded_cells = 0
    for cell in _cells(big_report):
        shown = FOLD.sub("", cell)
        assert shown.count('<div class="tp ') <= MAP_CELL and shown.count('class="gap-chip') <= MAP_CELL
        fold = FOLD.search(cell)
        if fold is None or not _scores(fold.group(2)):
            continue
        folded_cells += 1
        # the worst first: no card shown scores better (higher) than one folded away
        assert max(_scores(shown)) <= min(_scores(fold.group(2))), cell[:300]
        n = len(_scores(fold.group(2)))
        label = "met touchpoint" if n == 1 else "met touchpoints"
        assert fold.group(1) in (f"+{n} {label}", f"+{n} more")
        if fold.group(1).endswith("met touchpoints"):
            assert set(_scores(fold.group(2))) <= {4, 5}  # "+N met" folds met cards only
    assert folded_cells >= 3


def test_big_gap_table_folds_the_low_and_info_gaps(big_report: str) -> None:
    table, rest = big_report.split('<table class="gaps">', 1)[1].split("</table>", 1)
    shown = re.findall(r'<tr class="gap-row gap-(\w+)">', table)
    assert shown and set(shown) <= {"critical", "high", "medium"} and len(shown) <= GAP_ROWS
    summary = re.search(r'<details class="fold fold-table"><summary>(\d+) more gaps \(lower severity\)</summary>',
                        rest)
    assert summary is not None
    folded = re.findall(r'<tr class="gap-row gap-(\w+)">', rest.split("</details>")[0])
    assert len(folded) == int(summary.group(1)) and {"low", "info"} <= set(folded)


def test_big_recommendation_lists_show_ten_and_fold_the_rest(big_report: str) -> None:
    cards = re.findall(r'<div class="rec-card rec-(\w+)">.*?<span class="rec-count">(\d+)</span>(.*?)\n      </div>',
                       big_report, re.S)
    assert cards and any(int(count) > VISIBLE_ITEMS for _, count, _ in cards)
    for key, count, body in cards:
        n = int(count)
        assert FOLD.sub("", body).count("<li>") == min(n, VISIBLE_ITEMS), key
        if n > VISIBLE_ITEMS:
            assert f"<summary>+{n - VISIBLE_ITEMS} more</summary>" in body, key


def test_first_screen_of_a_big_spec_is_as_short_as_a_small_one(cli: CLI, tmp_path: Path, big_report: str) -> None:
    out = tmp_path / "small.html"
    cli("analyze", ROOT / "journeys" / "b2b-crm.yaml", "-o", out).expect(0)

    def first_screen(page: str) -> str:
        return re.sub(r"<[^>]+>", "", re.split(r'<section class="map[^"]*">', page.split("<body", 1)[1])[0])

    assert len(first_screen(big_report)) < 1.5 * len(first_screen(out.read_text(encoding="utf-8")))
    assert len(big_report) < 450_000


def test_a_shipped_journey_is_drawn_whole_in_spec_order(cli: CLI, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    cli("analyze", ROOT / "journeys" / "b2b-crm.yaml", "-o", out).expect(0)
    page = out.read_text(encoding="utf-8")
    assert not any("<details" in cell for cell in _cells(page))  # every card in its cell
    names = [n for cell in _cells(page) for n in re.findall(r'<div class="tp-name">([^<]+)</div>', cell)]
    assert names.index("Industry conferences (SaaStr, regional RevOps meetups)") < names.index(
        "Thought-leadership newsletters and podcasts")


def test_running_title_is_a_safe_css_string(cli: CLI, tmp_path: Path) -> None:
    """The printed pages carry the journey's title at the top (issue 14); spec text cannot leave the string."""
    from cxgap.render.templating import css_string

    hostile = 'Evil"; } body { display: none } </style><script>alert(1)</script>'
    escaped = str(css_string(hostile))
    assert escaped.startswith('"') and escaped.endswith('"') and '"' not in escaped[1:-1]
    assert "<" not in escaped and ">" not in escaped and "}" not in escaped and ";" not in escaped
    assert escaped[1:5] == "Evil" and "\\22 " in escaped  # the quote, as a CSS escape
    assert str(css_string("x" * 200)).count("x") == 89  # cut, with an ellipsis
    out = tmp_path / "report.html"
    cli("analyze", ROOT / "journeys" / "clinic-first-visit.yaml", "-o", out).expect(0)
    assert '@top-left { content: "Customer journey gap analysis\\3a  A patient\\27 s first visit' in out.read_text(
        encoding="utf-8")


def _map_cards(spec_json: dict[str, object]) -> int:
    """Cards on the map, counted from the JSON: a customer touchpoint once, an active company touchpoint once
    in each of its stages."""
    customer = spec_json["customer_touchpoints"]
    company = spec_json["company_touchpoints"]
    assert isinstance(customer, list) and isinstance(company, list)
    active = [co for co in company if co.get("status", "active") == "active"]
    return len(customer) + sum(len(co["stages"]) if isinstance(co.get("stages"), list) else 1 for co in active)


@pytest.mark.parametrize("spec", ["journeys/b2b-crm.yaml", "journeys/clinic-first-visit.yaml"])
def test_a_map_past_dense_map_cards_prints_condensed(cli: CLI, at_root: Path, spec: str) -> None:
    """Past DENSE_MAP cards the map section is marked for the condensed print layout, and each stage's gap
    cell carries the tally of its gaps by severity that the condensed print shows instead of the chips."""
    data = json.loads(cli("analyze", spec, "-f", "json").expect(0).out)
    page = cli("analyze", spec, "-f", "html").expect(0).out
    dense = _map_cards(data) > DENSE_MAP
    assert ('<section class="map map-dense">' in page) is dense
    tallies = [part.split("</div>")[0] for part in page.split('<span class="gap-tally">')[1:]]
    if not dense:
        assert tallies == []
        return
    by_stage: dict[str, dict[str, int]] = {}
    for gap in data["gaps"]:
        if gap["stage"]:
            by_stage.setdefault(gap["stage"], {}).setdefault(gap["severity"], 0)
            by_stage[gap["stage"]][gap["severity"]] += 1
    shown = [dict(re.findall(r'class="sev sev-(\w+)">.*?(\d+)</span>', t, re.S)) for t in tallies]
    expected = [{k: str(n) for k, n in by_stage.get(stage["id"], {}).items()} for stage in data["stages"]
                if by_stage.get(stage["id"])]
    assert shown == expected
