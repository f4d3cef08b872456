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
    assert "\n- `c0`, met by lounge\n" in md  # the fix list
    html = cli("analyze", "-f", "html", path).expect(0).out
    assert "<li>c0, met by lounge</li>" in html  # no id span after a text that is the id


def test_a_named_touchpoint_keeps_its_id_beside_its_name(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "named.yaml"
    path.write_text(spec(tmp_path, emotion=-2).read_text(encoding="utf-8").replace(
        "{id: c0,", "{id: c0, name: Waiting lounge,"), encoding="utf-8")
    md = cli("analyze", "-f", "markdown", path).expect(0).out
    html = cli("analyze", "-f", "html", path).expect(0).out
    # the id beside the customer touchpoint's name, not after the company touchpoint's
    assert "\n- Waiting lounge (`c0`), met by lounge\n" in md
    assert '<li>Waiting lounge <span class="mono muted">c0</span>, met by lounge</li>' in html
    zh = cli("analyze", "-f", "html", "--lang", "zh-CN", path).expect(0).out
    assert '<li>Waiting lounge <span class="mono muted">c0</span>（由 lounge 覆盖）</li>' in zh


def test_fill_escapes_spec_text_and_refuses_a_text_with_markup_of_its_own() -> None:
    from markupsafe import Markup

    from cxgap.i18n import Catalog
    from cxgap.render.templating import markup_filler

    fill = markup_filler(Catalog("en"))
    assert fill("rec.fix.item", name=Markup("<b>a</b>"), met_by="<script>") == "<b>a</b>, met by &lt;script&gt;"
    with pytest.raises(ValueError, match="markup characters"):
        fill("load.merge")


PAINS_NO_EMOTION = {"en": "But customers name pain points at 2 customer touchpoints it meets",
                    "zh-CN": "但在其覆盖的客户触点中，有 2 个被客户提出痛点",
                    "zh-TW": "但在其涵蓋的顧客接觸點中，有 2 個被顧客提出痛點"}


def pains_spec(tmp_path: Path, emotion: str = "") -> Path:
    """Three met touchpoints, two naming pain points; no emotion unless ``emotion`` (on the third)."""
    path = tmp_path / f"pains{len(emotion)}.yaml"
    path.write_text(
        "version: 1\njourney: {title: Settling}\ncustomer_touchpoints:\n"
        "  - {id: track, stage: experience, channel: portal, importance: 4, evidence: interview,"
        " pain_points: [Opaque status tracking]}\n"
        "  - {id: missed, stage: experience, channel: web, importance: 4, evidence: interview,"
        " pain_points: [Missed benefits]}\n"
        f"  - {{id: calm, stage: experience, channel: phone, importance: 4, evidence: interview{emotion}}}\n"
        "company_touchpoints:\n"
        "  - {id: portal, stage: experience, channel: portal, effort: 3}\n"
        "  - {id: web, stage: experience, channel: web, effort: 3}\n"
        "  - {id: phone, stage: experience, channel: phone, effort: 3}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", list(PAINS_NO_EMOTION))
def test_pain_points_without_emotions_are_not_called_well_aligned(cli: CLI, tmp_path: Path, lang: str) -> None:
    """A real map (the VA's transition journey) records pain points and no emotion scale: every touchpoint
    met and hurting read "well aligned" with a score of 100."""
    text = verdict(cli, pains_spec(tmp_path), lang)
    assert WELL_ALIGNED[lang] not in text and PRESENT_BUT[lang][0] in text and PAINS_NO_EMOTION[lang] in text, text
    # with an emotion given elsewhere the experience is measured, and the unfelt pains are still counted
    felt = verdict(cli, pains_spec(tmp_path, ", emotion: 2"), lang)
    assert WELL_ALIGNED[lang] not in felt and PRESENT_BUT[lang][0] in felt, felt
    assert ("Customers also name pain points at 2 customer touchpoints it meets that give no emotion"
            if lang == "en" else "另有 2 个" if lang == "zh-CN" else "另有 2 個") in felt, felt


def test_one_unfelt_pain_is_worded_in_the_singular(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "one.yaml"
    path.write_text("version: 1\njourney: {title: One}\ncustomer_touchpoints:\n"
                    "  - {id: a, stage: experience, channel: web, pain_points: [slow]}\n"
                    "company_touchpoints:\n  - {id: w, stage: experience, channel: web}\n", encoding="utf-8")
    assert "at one customer touchpoint it meets, and no emotion says how much it hurts" in verdict(cli, path)


def test_a_pain_point_at_a_neutral_feeling_is_named_not_called_hurting(cli: CLI, tmp_path: Path) -> None:
    out = cli("analyze", "-f", "markdown", pains_spec(tmp_path, ", emotion: 0, pain_points: [slow]")).expect(0).out
    [calm] = [line for line in out.splitlines() if "(`friction:calm`)" in line]
    assert "customers still name pain points there" in calm and "still hurts" not in calm, calm
    [track] = [line for line in out.splitlines() if "(`friction:track`)" in line]
    assert "and it still hurts" in track, track  # no emotion given: the pain points are what hurts


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
