"""Regenerate the golden reports in tests/golden/ and the samples in examples/.

Run from anywhere: ``python tests/regen_goldens.py`` (``--check`` compares
instead of writing and exits 1 on a difference). examples/README.md, which
links the samples, is written by hand. Every file comes from the
real command line, ``python -m cxgap ...`` run in the repository root with
relative paths, so the sources named in the reports do not depend on where
the checkout lives. Never edit a golden file by hand: change the code, run
this, and review the diff.
"""

from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
EXAMPLES = ROOT / "examples"
TABLE_WIDTH = "100"


@dataclass(frozen=True)
class Case:
    name: str
    """File name in tests/golden/."""
    args: tuple[str, ...]
    """cxgap arguments (the output file is added)."""
    env: tuple[tuple[str, str], ...] = ()
    """Environment variables of the run (beyond LANG=C.UTF-8 and no CXGAP_LANG)."""
    transcript: bool = False
    """Record the exit code, standard output and standard error instead of an output file."""


def _cases() -> list[Case]:
    cases = []
    journeys = (("b2b-crm", "en"), ("retail-omnichannel", "zh-CN"), ("saas-subscription", "zh-TW"))
    for journey, lang in journeys:
        spec = f"journeys/{journey}.yaml"
        analyze = ("analyze", spec, "--lang", lang)
        cases += [
            Case(f"{journey}.{lang}.table.txt", (*analyze, "-f", "table", "--width", TABLE_WIDTH, "--all")),
            Case(f"{journey}.{lang}.md", (*analyze, "-f", "markdown")),
            Case(f"{journey}.{lang}.html", (*analyze, "-f", "html")),
            Case(f"{journey}.{lang}.handout.html", ("handout", spec, "--lang", lang)),
        ]
    cases += [
        Case("b2b-crm.en.json", ("analyze", "journeys/b2b-crm.yaml", "-f", "json")),
        Case("b2b-crm.en.csv", ("analyze", "journeys/b2b-crm.yaml", "-f", "csv")),
        Case("b2b-crm.solver-sam.en.md", ("analyze", "journeys/b2b-crm.yaml", "-f", "markdown", "--persona",
                                          "solver-sam")),
        Case("portfolio.en.md", ("analyze", "journeys", "-f", "markdown")),
        Case("hostile.en.md", ("analyze", "tests/data/reports/hostile.yaml", "-f", "markdown")),
        Case("hostile.en.html", ("analyze", "tests/data/reports/hostile.yaml", "-f", "html")),
    ]
    return cases + _command_cases()


_ZH_RUNS = (("zh-CN", ("--lang", "zh-CN"), ()), ("zh-TW", ("--lang", "zh-TW"), ()),
            ("LANG-zh_TW", (), (("LANG", "zh_TW.UTF-8"),)))
"""Every command runs with --lang zh-CN, --lang zh-TW, and with no flag under LANG=zh_TW.UTF-8."""


def _command_cases() -> list[Case]:
    """Every command, in Chinese, as the terminal shows it (exit code, stdout, stderr)."""
    commands = {
        "validate": ("validate", "journeys/b2b-crm.yaml", "tests/data/zh/stage-words-tw.yaml",
                     "tests/data/invalid/zh-unknown-stage.yaml", "tests/data/invalid/misspelled-key.yaml",
                     "tests/data/invalid/customers-balance.yaml", "tests/data/invalid/wrong-type.yaml",
                     "tests/data/invalid/target-subjects.yaml"),
        "check.text": ("check", "journeys/b2b-crm.yaml", "tests/data/zh/stage-words-cn.yaml",
                       "tests/data/invalid/duplicate-id.yaml"),
        "check.github": ("check", "journeys/b2b-crm.yaml", "tests/data/invalid/dangling-meets.yaml", "-f", "github"),
        "check.junit": ("check", "tests/data/gate/shop.yaml", "tests/data/invalid/dangling-persona.yaml",
                        "--min-score", "90", "-f", "junit"),
        "check.json": ("check", "tests/data/gate/shop-v2.yaml", "--fail-on", "medium", "-f", "json"),
        "diff.text": ("diff", "tests/data/gate/shop.yaml", "tests/data/gate/shop-v2.yaml"),
        "diff.markdown": ("diff", "tests/data/gate/shop.yaml", "tests/data/gate/shop-v2.yaml", "-f", "markdown",
                          "--fail-on-regression"),
        "init": ("init", "-", "--template", "retail"),
        "stages": ("stages",),
        "analyze.table": ("analyze", "tests/data/zh/stage-words-cn.yaml", "--width", TABLE_WIDTH),
        "rules": ("rules",),
        "rules.json": ("rules", "-f", "json"),
        "help": ("--help",),
        "check.help": ("check", "--help"),
        "sources": ("sources", "tests/data/sources/journey.yaml", "tests/data/sources/zh/journey.yaml",
                    "tests/data/sources/broken/journey.yaml"),
    }
    return [Case(f"cli.{name}.{run}.txt", (*args, *flag), env, transcript=True)
            for name, args in commands.items() for run, flag, env in _ZH_RUNS]


CASES = _cases()

EXAMPLE_FILES = {
    "b2b-crm.md": "b2b-crm.en.md",
    "b2b-crm.html": "b2b-crm.en.html",
    "b2b-crm.handout.html": "b2b-crm.en.handout.html",
    "retail-omnichannel.zh-CN.html": "retail-omnichannel.zh-CN.html",
    "saas-subscription.zh-TW.md": "saas-subscription.zh-TW.md",
}
"""examples/ file -> the golden file it copies."""



def _env() -> dict[str, str]:
    """The environment of a run: no colour or terminal settings leak in."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("FORCE_COLOR", "NO_COLOR", "COLUMNS", "LINES", "CLICOLOR_FORCE", "GITHUB_ACTIONS",
                        "TTY_COMPATIBLE", "TTY_INTERACTIVE")}
    env["PYTHONIOENCODING"] = "utf-8"
    for var in ("CXGAP_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):  # the language is the case's choice
        env.pop(var, None)
    env["LANG"] = "C.UTF-8"
    return env


def render_case(case: Case, out_dir: Path) -> bytes:
    """Run the CLI for one case into ``out_dir``; return the file's bytes."""
    if case.transcript:
        return transcript(case)
    out = out_dir / case.name
    cmd = [sys.executable, "-m", "cxgap", *case.args, "-o", str(out)]
    done = subprocess.run(cmd, cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[2:])} exited {done.returncode}\n{done.stdout}\n{done.stderr}")
    return out.read_bytes()


def transcript(case: Case) -> bytes:
    """``$ cxgap ARGS``, the exit code, then standard output and standard error as the user sees them."""
    cmd = [sys.executable, "-m", "cxgap", *case.args]
    env = {**_env(), **dict(case.env)}
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, timeout=120, check=False)
    if done.returncode not in (0, 1, 2):
        raise RuntimeError(f"{' '.join(cmd[2:])} exited {done.returncode}\n{done.stderr.decode(errors='replace')}")
    head = " ".join(f"{k}={v}" for k, v in case.env)
    text = (f"$ {head + ' ' if head else ''}cxgap {' '.join(case.args)}\n"
            f"--- exit {done.returncode}\n--- stdout\n{done.stdout.decode()}--- stderr\n{done.stderr.decode()}")
    return text.encode()


def render_all(cases: Iterable[Case] = CASES) -> dict[str, bytes]:
    """Every case, rendered afresh (in parallel), by golden file name."""
    cases = list(cases)
    with tempfile.TemporaryDirectory(prefix="cxgap-golden-") as tmp, ThreadPoolExecutor(4) as pool:
        outputs = list(pool.map(lambda c: render_case(c, Path(tmp)), cases))
    return {case.name: data for case, data in zip(cases, outputs, strict=True)}


def expected_files(rendered: dict[str, bytes]) -> dict[Path, bytes]:
    """Every file this script owns, with its content."""
    files = {GOLDEN / name: data for name, data in rendered.items()}
    files.update({EXAMPLES / name: rendered[golden] for name, golden in EXAMPLE_FILES.items()})
    return files


def diff(path: Path, want: bytes, limit: int = 80) -> str:
    """A unified diff of ``path`` against what it should hold (at most ``limit`` lines)."""
    have = path.read_bytes() if path.exists() else b""
    lines = list(difflib.unified_diff(
        have.decode("utf-8", errors="replace").splitlines(keepends=True),
        want.decode("utf-8", errors="replace").splitlines(keepends=True),
        fromfile=f"{path.relative_to(ROOT)} (committed)", tofile=f"{path.relative_to(ROOT)} (rendered now)",
    ))
    more = f"... {len(lines) - limit} more diff lines\n" if len(lines) > limit else ""
    return "".join(lines[:limit]) + more


def stale(files: dict[Path, bytes]) -> list[Path]:
    """Golden files that no case produces any more."""
    return sorted(p for p in GOLDEN.glob("*") if p.is_file() and p not in files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write; exit 1 on a difference")
    args = parser.parse_args(argv)
    files = expected_files(render_all())
    changed = [p for p, data in files.items() if not p.exists() or p.read_bytes() != data]
    old = stale(files)
    if args.check:
        for path in changed:
            sys.stdout.write(diff(path, files[path]))
        for path in old:
            sys.stdout.write(f"stale golden file: {path.relative_to(ROOT)}\n")
        return 1 if changed or old else 0
    GOLDEN.mkdir(parents=True, exist_ok=True)
    EXAMPLES.mkdir(parents=True, exist_ok=True)
    for path in changed:
        path.write_bytes(files[path])
        print(f"wrote {path.relative_to(ROOT)}")
    for path in old:
        path.unlink()
        print(f"removed stale {path.relative_to(ROOT)}")
    print(f"{len(files)} files, {len(changed)} changed, {len(old)} removed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
