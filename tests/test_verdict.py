"""The first screen's verdict and top moves, as a reviewer read them on real journey maps
(cxgap/render/executive.py):
- a journey customers rate lower than its alignment is "present where its customers are ... but",
  never "well aligned" (the lesson of the last round: a map where the company is present and
  customers suffer was called aligned); in every language;
- a map mostly made of assumptions says its scores are hypotheses (50 % of importance and up);
- top moves lead with the most urgent (the worst open gap on the move's touchpoint), not always "stop";
- a touchpoint without a name is written as its id once, not `a (a)`;
- `init` says how to write the schema file its first line points editors at."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLI

WELL_ALIGNED = {"en": "is well aligned with its customers", "zh-CN": "与客户契合良好", "zh-TW": "與顧客契合良好"}
PRESENT_BUT = {"en": ("is present where its customers are", "But being there is not serving them"),
               "zh-CN": ("在客户所在之处都有布局", "但在场不等于服务好"),
               "zh-TW": ("在顧客所在之處都有佈局", "但在場不等於服務好")}
ASSUMED = "of what customers value is assumed, not researched"


def spec(tmp_path: Path, emotion: int, evidence: tuple[str, ...] = ("interview",), extra: str = "") -> Path:
    customers = "".join(
        f"  - {{id: c{i}, stage: experience, channel: lounge, importance: 3, emotion: {emotion}, evidence: {ev}}}\n"
        for i, ev in enumerate(evidence))
    path = tmp_path / f"s{emotion}{len(evidence)}{len(extra)}.yaml"
    path.write_text("version: 1\njourney: {title: Repair}\ncustomer_touchpoints:\n" + customers + extra
                    + "company_touchpoints:\n  - {id: lounge, stage: experience, channel: lounge, effort: 10}\n",
                    encoding="utf-8")
    return path


def verdict(cli: CLI, path: Path, lang: str = "en") -> str:
    out = cli("analyze", "-f", "markdown", "--lang", lang, path).expect(0).out
    [line] = [line for line in out.splitlines() if line.startswith(("**Verdict**", "**结论**", "**結論**"))]
    return line


@pytest.mark.parametrize("lang", list(PRESENT_BUT))
def test_present_but_hurting_is_not_called_well_aligned(cli: CLI, tmp_path: Path, lang: str) -> None:
    hurting = verdict(cli, spec(tmp_path, emotion=-2), lang)
    assert WELL_ALIGNED[lang] not in hurting and all(words in hurting for words in PRESENT_BUT[lang]), hurting
    happy = verdict(cli, spec(tmp_path, emotion=2), lang)
    assert WELL_ALIGNED[lang] in happy and PRESENT_BUT[lang][1] not in happy, happy


def test_mixed_experience_under_high_alignment_says_but(cli: CLI, tmp_path: Path) -> None:
    mixed = verdict(cli, spec(tmp_path, emotion=0))  # emotion 0 is 50/100: the mid band
    assert "is present where its customers are" in mixed and "But customers rate the experience as mixed" in mixed


@pytest.mark.parametrize(("evidence", "warned"), [
    (("assumption",), True),
    (("assumption", "interview"), True),  # exactly 50 % of the importance
    (("assumption", "interview", "survey"), False),  # 33 %
    (("interview",), False),
])
def test_a_mostly_assumed_map_says_its_scores_are_hypotheses(cli: CLI, tmp_path: Path, evidence: tuple[str, ...],
                                                             warned: bool) -> None:
    text = verdict(cli, spec(tmp_path, emotion=2, evidence=evidence))
    assert (ASSUMED in text) is warned, text


def test_top_moves_lead_with_the_most_urgent(cli: CLI, tmp_path: Path) -> None:
    # c0 (importance 5, emotion -2: a critical friction gap) is to fix; `vip` touches no customer (a medium
    # no_impact): stop comes before fix in the lists' order, the critical fix leads the moves
    path = spec(tmp_path, emotion=-2)
    path.write_text(path.read_text(encoding="utf-8").replace("importance: 3", "importance: 5")
                    + "  - {id: vip, stage: experience, channel: vip lane, effort: 1}\n", encoding="utf-8")
    out = cli("analyze", "-f", "markdown", path).expect(0).out
    gaps = {line.split("`")[1]: line for line in out.splitlines() if "(`friction:c0`)" in line
            or "(`no_impact:vip`)" in line}
    assert "critical" in gaps["friction:c0"] and "medium" in gaps["no_impact:vip"], gaps
    moves = out.split("**Top moves**:")[1].split("\n\n")[1].splitlines()
    assert [m.split("**")[1] for m in moves] == ["Fix", "Stop"], moves
    # the terms of a move are joined as the language writes them
    zh = cli("analyze", "-f", "markdown", "--lang", "zh-CN", path).expect(0).out
    fix = next(line for line in zh.splitlines() if line.startswith("- **修复**"))
    assert "；" in fix and "; " not in fix, fix


def test_a_touchpoint_without_a_name_is_its_id_once(cli: CLI, tmp_path: Path) -> None:
    path = spec(tmp_path, emotion=-2)
    md = cli("analyze", "-f", "markdown", path).expect(0).out
    table = cli("analyze", path).expect(0).out
    assert "| `c0` |" in md and "| c0 (`c0`) |" not in md  # the pain points table
    assert "c0 (c0)" not in table and "- c0, met by" in table
    assert "\n- c0, met by lounge\n" in md  # the fix list
    html = cli("analyze", "-f", "html", path).expect(0).out
    assert "<li>c0, met by lounge</li>" in html  # no id span after a text that is the id


def test_a_named_touchpoint_keeps_its_id_beside_its_name(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "named.yaml"
    path.write_text(spec(tmp_path, emotion=-2).read_text(encoding="utf-8").replace(
        "{id: c0,", "{id: c0, name: Waiting lounge,"), encoding="utf-8")
    md = cli("analyze", "-f", "markdown", path).expect(0).out
    html = cli("analyze", "-f", "html", path).expect(0).out
    assert "\n- Waiting lounge, met by lounge (`c0`)\n" in md
    assert '<li>Waiting lounge, met by lounge <span class="mono muted">c0</span></li>' in html


def test_init_says_how_to_write_the_schema_its_first_line_names(cli: CLI, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    err = cli("init", "journey.yaml").expect(0).err
    assert "cxgap schema -o cxgap.schema.json" in err
    assert Path("journey.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=cxgap.schema.json")
    cli("schema", "-o", "cxgap.schema.json").expect(0)
    assert "cxgap schema" not in cli("init", "second.yaml").expect(0).err
    Path("sub").mkdir()
    assert "cxgap schema -o sub/cxgap.schema.json" in cli("init", "sub/third.yaml", "--lang", "zh-TW").expect(0).err
