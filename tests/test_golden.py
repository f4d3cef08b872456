"""Every report format, rendered by the real CLI, byte for byte as committed in
tests/golden/ (and the samples in examples/). On a difference: check the diff,
then run ``python tests/regen_goldens.py`` and commit what it writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from regen_goldens import CASES, ROOT, diff, expected_files, render_all, stale

HINT = "if the change is intended, run: python tests/regen_goldens.py (then review and commit the diff)"


@pytest.fixture(scope="module")
def files() -> dict[Path, bytes]:
    return expected_files(render_all())


def test_goldens_match(files: dict[Path, bytes]) -> None:
    wrong = [p for p, data in files.items() if not p.exists() or p.read_bytes() != data]
    report = "\n".join(diff(p, files[p]) for p in wrong)
    assert not wrong, f"{len(wrong)} golden file(s) differ: {[str(p.relative_to(ROOT)) for p in wrong]}\n{HINT}\n" \
                      f"{report}"


def test_no_stale_goldens(files: dict[Path, bytes]) -> None:
    old = stale(files)
    assert not old, f"golden files no case produces: {old}\n{HINT}"


def test_goldens_cover_every_format() -> None:
    names = {c.name for c in CASES}
    for suffix in ("table.txt", "md", "html", "json", "csv", "handout.html"):
        assert f"b2b-crm.en.{suffix}" in names
    for journey, lang in (("retail-omnichannel", "zh-CN"), ("saas-subscription", "zh-TW")):
        assert {f"{journey}.{lang}.md", f"{journey}.{lang}.html"} <= names


def test_goldens_do_not_depend_on_the_checkout(files: dict[Path, bytes]) -> None:
    for path, data in files.items():
        assert str(ROOT).encode() not in data, f"{path.name} names the checkout directory"


def test_rendering_twice_gives_the_same_bytes(files: dict[Path, bytes]) -> None:
    again = render_all([c for c in CASES if c.name in ("b2b-crm.en.html", "b2b-crm.en.handout.html")])
    for name, data in again.items():
        assert files[ROOT / "tests" / "golden" / name] == data, f"{name} is not deterministic"
