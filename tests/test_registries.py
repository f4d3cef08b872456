"""One registry per extension point: a format or a gap rule is one module and
one entry. These tests add throwaway ones at test time and see them work
through the command line, with no other change anywhere."""

from __future__ import annotations

import json
import re
import sys
import types
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from conftest import CLI, ROOT

from cxgap.analysis.result import Analysis, Gap
from cxgap.analysis.rules import RULES, Context, Rule, Subject
from cxgap.gate.diff_reporters import DIFF_REPORTERS
from cxgap.gate.reporters import REPORTERS
from cxgap.i18n import LANGS, load_catalog
from cxgap.levels import Severity
from cxgap.registry import FormatEntry, Registry
from cxgap.render import FORMATS, RenderOptions
from cxgap.render.rules_list import markdown

SPEC = ROOT / "journeys" / "b2b-crm.yaml"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _install_module(monkeypatch: pytest.MonkeyPatch, name: str, **attrs: object) -> None:
    module = types.ModuleType(name)
    for key, value in attrs.items():
        setattr(module, key, value)
    monkeypatch.setitem(sys.modules, name, module)


def _register(monkeypatch: pytest.MonkeyPatch, registry: Registry, name: str, module: str, suffix: str) -> None:
    assert isinstance(registry, dict)
    monkeypatch.setitem(registry, name, FormatEntry(module, (suffix,)))


# --- report formats -------------------------------------------------------------------------------------------

def _render_ids(analyses: Sequence[Analysis], options: RenderOptions) -> str:
    return "".join(f"{g.id}\n" for a in analyses for g in a.gaps)


@pytest.fixture
def ids_format(monkeypatch: pytest.MonkeyPatch) -> None:
    _install_module(monkeypatch, "throwaway_ids_format", render=_render_ids)
    _register(monkeypatch, FORMATS, "ids", "throwaway_ids_format", ".ids")


@pytest.mark.usefixtures("ids_format")
def test_a_new_report_format_is_accepted_by_format(cli: CLI) -> None:
    out = cli("analyze", SPEC, "--format", "ids").expect(0).out
    expected = [g["id"] for g in json.loads(cli("analyze", SPEC, "--format", "json").expect(0).out)["gaps"]]
    assert out.splitlines() == expected and expected


@pytest.mark.usefixtures("ids_format")
def test_a_new_report_format_is_picked_by_its_suffix(cli: CLI, tmp_path: Path) -> None:
    out = tmp_path / "report.IDS"
    cli("analyze", SPEC, "-o", out).expect(0)
    assert out.read_text(encoding="utf-8").splitlines()[0].count(":") >= 1
    assert "ids" in cli("analyze", "--help").expect(0).out


def test_an_unregistered_format_is_refused_with_the_choices(cli: CLI) -> None:
    err = cli("analyze", SPEC, "--format", "ids").expect(2).err
    assert "'ids' is not one of: " + ", ".join(FORMATS) in err


def test_check_and_diff_formats_come_from_their_registries(
    cli: CLI, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    _install_module(monkeypatch, "throwaway_check_format", render=lambda run: f"checked {len(run.checks)}\n")
    _register(monkeypatch, REPORTERS, "count", "throwaway_check_format", ".count")
    _install_module(monkeypatch, "throwaway_diff_format", render=lambda result: f"regressed={result.regressed}\n")
    _register(monkeypatch, DIFF_REPORTERS, "flag", "throwaway_diff_format", ".flag")
    assert cli("check", SPEC, "--format", "count").out == "checked 1\n"
    report = tmp_path / "gate.count"
    cli("check", SPEC, "-o", report)
    assert report.read_text(encoding="utf-8") == "checked 1\n"
    assert cli("diff", SPEC, SPEC, "--format", "flag").expect(0).out == "regressed=False\n"
    report = tmp_path / "change.flag"
    cli("diff", SPEC, SPEC, "-o", report).expect(0)
    assert report.read_text(encoding="utf-8") == "regressed=False\n"


@pytest.mark.parametrize("registry", [FORMATS, REPORTERS, DIFF_REPORTERS])
def test_no_suffix_belongs_to_two_formats(registry: Registry) -> None:
    suffixes = [s for entry in registry.values() for s in entry.suffixes]
    assert len(suffixes) == len(set(suffixes))
    assert all(s.startswith(".") and s == s.lower() for s in suffixes)


# --- gap rules ------------------------------------------------------------------------------------------------

def _ownerless(ctx: Context) -> Iterator[Gap]:
    for co in ctx.active:
        if co.owner is None:
            yield Gap("ownerless", Severity.low, co.id, co.home_stage, {"name": co.label})


OWNERLESS = Rule(
    kind="ownerless", subject=Subject.company_touchpoint, check=_ownerless,
    raised_for="an active company touchpoint that names no owning team", severity="low",
    doc="`ownerless`: nobody answers for this touchpoint.\n\nA throwaway rule of the registry tests.",
)


@pytest.fixture
def ownerless(monkeypatch: pytest.MonkeyPatch) -> Rule:
    monkeypatch.setitem(RULES, OWNERLESS.kind, OWNERLESS)
    for lang in LANGS:  # its texts, as a catalog file would give them
        catalog = load_catalog(lang)
        monkeypatch.setitem(catalog, "kind.ownerless", "Ownerless")
        monkeypatch.setitem(catalog, "gap.ownerless.message", "{name} has no owner.")
        monkeypatch.setitem(catalog, "gap.ownerless.recommendation", "Name the team that runs {name}.")
    return OWNERLESS


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    path = tmp_path / "shop.yaml"
    path.write_text(
        "version: 1\njourney: {id: shop, title: Shop}\n"
        "customer_touchpoints:\n  - {id: chat, stage: loyalty, channel: chat, evidence: support}\n"
        "company_touchpoints:\n"
        "  - {id: helpdesk, stage: loyalty, channel: chat, owner: support}\n"
        "  - {id: flyers, stage: trigger, channel: print, name: Flyers}\n"
        "  - {id: old-ads, stage: trigger, channel: tv, status: retired}\n", encoding="utf-8")
    return path


@pytest.mark.usefixtures("ownerless")
def test_a_new_rule_raises_its_gaps_in_json(cli: CLI, shop: Path) -> None:
    data = json.loads(cli("analyze", shop, "--format", "json").expect(0).out)
    gaps = [g for g in data["gaps"] if g["kind"] == "ownerless"]
    assert [(g["id"], g["severity"], g["stage"], g["message"]) for g in gaps] == [
        ("ownerless:flyers", "low", "trigger", "Flyers has no owner."),
    ]
    without = {g["id"] for g in data["gaps"]} - {"ownerless:flyers"}
    assert "no_impact:flyers" in without  # the other rules still run beside it


@pytest.mark.usefixtures("ownerless")
def test_a_new_rule_reaches_every_report_and_the_rules_command(cli: CLI, shop: Path) -> None:
    assert "Ownerless (`ownerless:flyers`): Flyers has no owner." in cli("analyze", shop, "-f", "markdown").out
    gate = json.loads(cli("check", shop, "--format", "json", "--fail-on", "low").expect(1).out)
    assert "ownerless:flyers" in json.dumps(gate)
    annotations = cli("check", shop, "--format", "github", "--fail-on", "low").expect(1).out
    assert re.search(r"::error file=[^,]*shop.yaml,line=7,col=5,title=cxgap%3A low ownerless%3Aflyers::", annotations)
    listed = cli("rules").expect(0).out
    assert "ownerless  (company touchpoint; default severity: low)" in listed
    assert "nobody answers for this touchpoint" in listed
    assert "| `ownerless` | an active company touchpoint that names no owning team | low |" in cli(
        "rules", "--format", "markdown").expect(0).out


def test_the_readme_table_of_rules_is_the_generated_one() -> None:
    block = re.search(r"<!-- rules table:[^\n]*-->\n(.*?)<!-- end of rules table -->", README, re.S)
    assert block is not None, "README.md lost its generated rules table"
    assert block.group(1) == markdown(), "regenerate it: cxgap rules --format markdown"


def test_rules_json_lists_every_registered_rule(cli: CLI) -> None:
    data = json.loads(cli("rules", "--format", "json").expect(0).out)
    assert [r["kind"] for r in data] == list(RULES)
    assert all(r["documentation"] and r["severity"] and r["subject"] for r in data)


@pytest.mark.parametrize("lang", LANGS)
def test_every_rule_has_its_texts_in_every_catalog(lang: str) -> None:
    catalog = load_catalog(lang)
    missing = [key for rule in RULES.values() for key in rule.all_keys if key not in catalog]
    assert not missing


def test_every_rule_is_documented_by_its_module() -> None:
    for kind, rule in RULES.items():
        assert rule.kind == kind
        assert rule.doc and rule.doc.lstrip().startswith(f"`{kind}`"), kind


def test_english_rule_texts_in_the_catalog_mirror_the_registry() -> None:
    """English is the registry's own (`raised_for`, `severity`, the module docstring); en.json holds the
    same texts so that every catalog has every key: when a docstring changes, copy it into en.json and
    translate it in the others."""
    from cxgap.analysis.rules import RULES
    from cxgap.i18n import load_catalog

    en = load_catalog("en")
    for rule in RULES.values():
        assert en[f"rule.{rule.kind}.raised_for"] == rule.raised_for, rule.kind
        assert en[f"rule.{rule.kind}.severity"] == rule.severity, rule.kind
        assert en[f"rule.{rule.kind}.doc"] == rule.documentation, rule.kind
    assert sorted({k.split(".")[1] for k in en if k.startswith("rule.")}) == sorted(RULES)


@pytest.mark.parametrize("lang", ["zh-CN", "zh-TW"])
def test_rules_in_chinese_document_every_rule(cli: CLI, lang: str) -> None:
    from cxgap.analysis.rules import RULES
    from cxgap.i18n import load_catalog

    out = cli("rules", "--lang", lang).expect(0).out
    texts = load_catalog(lang)
    for rule in RULES.values():
        assert texts[f"rule.{rule.kind}.doc"].splitlines()[0] in out
        assert rule.documentation.splitlines()[0] not in out
    table = cli("rules", "-f", "markdown", "--lang", lang).expect(0).out
    assert table.startswith(f"| {texts['rules.table.kind']} |") and texts["rule.dark_stage.raised_for"] in table
