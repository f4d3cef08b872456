"""File names are data, not commands. The names are built at run time (they
cannot live in git on every system): line breaks carrying GitHub Actions
workflow commands, terminal escape sequences (an OSC 52 clipboard write, a
screen clear), bytes that are not UTF-8, a leading ``::``. Every output
channel of every command shows them escaped; none executes or breaks."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hostile_cases import ROOT, env_for_subprocess

from cxgap.problems import display_name

SPEC = ROOT / "journeys" / "b2b-crm.yaml"
NAMES = [
    b"x\n::stop-commands::pwned\n::error file=a.yaml,line=1::forged.yaml",
    b"\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07\x1b[2J\x1b[H.yaml",
    b"caf\xe9-\xff.yaml",
    b"::warning::forged.yaml",
    b"r\rcarriage.yaml",
    b"bidi-\xe2\x80\xaeevil.yaml",
]
RAW = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xe2\x80[\xaa-\xae]|\xc2[\x80-\x9f]")
"""Control characters (other than tab and LF), C1 controls and bidi overrides: never in any output."""


def cxgap(*args: str | bytes | Path, cwd: Path, env: dict[str, str] | None = None) -> tuple[int, bytes, bytes]:
    proc = subprocess.run([sys.executable, "-m", "cxgap", *map(os.fsencode, args)], cwd=cwd, capture_output=True,
                          env=env or env_for_subprocess(), timeout=60, check=False)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    folder = tmp_path / "journeys"
    folder.mkdir()
    for name in NAMES:
        shutil.copyfile(SPEC, os.path.join(os.fsencode(folder), name))
    (folder / "broken.yaml").write_text("version: 1\njourney: [\n", encoding="utf-8")
    shutil.copyfile(folder / "broken.yaml", os.path.join(os.fsencode(folder), b"\x1b[31mbroken\n::error::x.yaml"))
    return folder


def _clean(data: bytes) -> str:
    assert not RAW.search(data), RAW.search(data)
    return data.decode("utf-8")  # valid UTF-8, or this raises


def test_display_name() -> None:
    assert display_name("journeys/b2b.yaml") == "journeys/b2b.yaml"
    assert display_name("a\nb\x1b[2J\u202e.yaml") == "a\\nb\\x1b[2J\\u202e.yaml"
    assert display_name(os.fsdecode(b"caf\xe9.yaml")) == "caf\\xe9.yaml"
    assert display_name("::error::x.yaml") == "./::error::x.yaml"
    assert display_name(display_name("::a\n")) == display_name("::a\n")


@pytest.mark.parametrize("command", [["validate"], ["check"], ["check", "-f", "github"], ["check", "-f", "json"],
                                     ["check", "-f", "junit"], ["analyze"], ["analyze", "-f", "json"],
                                     ["analyze", "-f", "csv"], ["analyze", "-f", "markdown"],
                                     ["analyze", "-f", "html"]])
def test_every_channel_escapes_file_names(specs: Path, command: list[str]) -> None:
    code, out, err = cxgap(*command, "journeys", cwd=specs.parent)
    assert code == 2 and b"Traceback" not in err
    text, errors = _clean(out), _clean(err)
    for line in (text + errors).splitlines():
        if line.lstrip().startswith("::"):  # only our annotations, each with its properties escaped
            assert command[-1] == "github" and re.match(r"::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=",
                                                        line), line
    assert "stop-commands::pwned" not in text.replace("%3A", ":") or "\\n::stop-commands" in text.replace("%3A", ":")
    shown = text + errors
    if command[-1] == "json":
        json.loads(text)
        shown = shown.replace("\\\\", "\\")  # JSON doubles the backslash of each escape
    if command[-1] == "markdown":
        shown = re.sub(r"\\(.)", r"\1", text) + errors  # Markdown escapes backslashes and brackets
    assert "caf\\xe9-\\xff.yaml" in shown and "\\x1b]52;c;" in shown
    if command[-1] == "junit":
        assert len(ElementTree.fromstring(text).findall("testsuite")) == len(NAMES) + 2
    if command[-1] == "csv":
        assert len(list(csv.reader(io.StringIO(text)))) == len(text.splitlines())


def test_github_annotations_escape_properties_and_messages_as_actions_core(specs: Path) -> None:
    code, out, _ = cxgap("check", "--format", "github", specs / os.fsdecode(NAMES[0]), cwd=specs.parent)
    lines = _clean(out).splitlines()
    assert code == 1 and all(not line.startswith("::stop-commands") for line in lines)
    assert any(line.startswith("::warning file=") and "x\\n%3A%3Astop-commands%3A%3Apwned\\n%3A%3Aerror file="
               "a.yaml%2Cline=1%3A%3Aforged.yaml," in line for line in lines), lines[:3]
    assert lines[-1].startswith(f"{specs}/x\\n::stop-commands::pwned\\n::error file=")  # the headline: escaped


@pytest.mark.parametrize("suffix", [".json", ".md", ".html", ".csv"])
def test_output_files_with_names_that_are_not_utf8(specs: Path, suffix: str) -> None:
    source = os.path.join(os.fsencode(specs), NAMES[2])
    target = os.fsencode(specs.parent) + b"/r\xe9port\x1b[2J" + suffix.encode()
    code, out, err = cxgap("analyze", source, "-o", target, cwd=specs.parent)
    assert code == 0, err
    assert out == b"" and os.path.exists(target)
    _clean(Path(os.fsdecode(target)).read_bytes())
    code, _, err = cxgap("check", "--fail-on", "none", source, "-o", target + b".xml", cwd=specs.parent)
    assert code == 0 and b"cxgap: wrote " in err and b"r\\xe9port\\x1b[2J" in _clean(err).encode()
