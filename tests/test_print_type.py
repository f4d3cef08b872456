"""Print type is never under 7 pt (issue 14): the report and the handout laid out for
paper by WeasyPrint (the `cxgap[pdf]` extra, the same engine `-o FILE.pdf` uses), every
text box's font size measured, for a shipped journey in English and Chinese and for a
300 + 150 touchpoint spec."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bigspec import big_spec
from conftest import CLI, ROOT

weasyprint = pytest.importorskip("weasyprint", reason="the pdf extra (pip install 'cxgap[pdf]') is not installed")

MIN_PT = 7.0


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", None) or ():
        yield from _boxes(child)


def _smallest_text(page: Path) -> list[tuple[float, str]]:
    """(size in pt, text) of every printed text box under :data:`MIN_PT`."""
    document = weasyprint.HTML(filename=str(page)).render()
    small = []
    for printed in document.pages:
        for box in _boxes(printed._page_box):
            if type(box).__name__ == "TextBox" and box.text.strip():
                pt = box.style["font_size"] * 0.75  # CSS px to pt
                if pt < MIN_PT - 1e-6:
                    small.append((round(pt, 2), box.text[:30]))
    return small


@pytest.mark.parametrize("command", ["analyze", "handout"])
@pytest.mark.parametrize("spec, lang", [("journeys/b2b-crm.yaml", "en"), ("journeys/retail-omnichannel.yaml", "zh-CN"),
                                        ("big", "en")])
def test_print_type_is_at_least_7_pt(cli: CLI, tmp_path: Path, command: str, spec: str, lang: str) -> None:
    path = ROOT / spec
    if spec == "big":
        path = tmp_path / "big.yaml"
        path.write_text(big_spec(), encoding="utf-8")
    page = tmp_path / f"{command}.html"
    cli(command, path, "--lang", lang, "-o", page).expect(0)
    small = _smallest_text(page)
    assert small == [], f"{len(small)} text boxes under {MIN_PT} pt, e.g. {small[:5]}"
