"""The benchmark's environment and measurement: the venv, the tools, and one
process per run, reaped with ``os.wait4`` for its wall time and peak RSS."""

from __future__ import annotations

import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
VENV = BENCH / ".venv"
OUT = BENCH / "out"
BIN = VENV / "bin"
PY = BIN / "python"

PEERS = ("yamllint", "check-jsonschema")

BARE_CODE = "import yaml,sys; yaml.load(open(sys.argv[1],'rb'), Loader=yaml.CSafeLoader)"


CHILD_ENV: dict[str, str] = {}
"""The environment of every measured process (set by :func:`prepare`)."""


def sh(argv: list[str | Path]) -> None:
    print("  $", " ".join(str(a) for a in argv), file=sys.stderr, flush=True)
    subprocess.run([str(a) for a in argv], check=True, text=True)


def _copy_source(dest: Path) -> Path:
    """A clean copy of what the package build needs, so the build writes nothing into the work tree."""
    src = dest / "cxgap-src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE", "setup.cfg", "setup.py", "MANIFEST.in"):
        if (REPO / name).is_file():
            shutil.copy2(REPO / name, src / name)
    if not (src / "README.md").exists():  # pyproject names it; a stub keeps the build going
        (src / "README.md").write_text("cxgap\n", encoding="utf-8")
    shutil.copytree(
        REPO / "cxgap",
        src / "cxgap",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"),
    )
    return src


def ensure_venv(install: bool) -> None:
    fresh = not PY.exists()
    if fresh:
        print(f"creating {VENV.relative_to(REPO)}", file=sys.stderr)
        sh([sys.executable, "-m", "venv", VENV])
    if not (fresh or install):
        return
    with tempfile.TemporaryDirectory(prefix="cxgap-bench-") as tmp:
        src = _copy_source(Path(tmp))
        pip: list[str | Path] = [PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        # dependencies of cxgap and the peers, from the index by name
        sh([*pip, src, *PEERS])
        # and always the current working tree of cxgap itself (same version number, new code)
        sh([*pip, "--force-reinstall", "--no-deps", src])


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(VENV)
    env["NO_COLOR"] = "1"
    env.setdefault("LC_ALL", "C.UTF-8")
    return env


def venv_python(code: str) -> str:
    r = subprocess.run([str(PY), "-c", code], capture_output=True, text=True, env=child_env())
    return (r.stdout or r.stderr).strip()


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = next(
            f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        mem = "?"
    versions = venv_python(
        "import sys, platform, importlib.metadata as m, yaml\n"
        "v = lambda n: m.version(n)\n"
        "print(f'Python {platform.python_version()} ({platform.python_implementation()}); '"
        "f'cxgap {v(\"cxgap\")}, PyYAML {yaml.__version__} (libyaml {getattr(yaml, \"__with_libyaml__\", False)}), '"
        "f'pydantic {v(\"pydantic\")}, yamllint {v(\"yamllint\")}, check-jsonschema {v(\"check-jsonschema\")}')"
    )
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": mem,
        "os": f"{platform.system()} {platform.release()}",
        "software": versions,
    }


@dataclass
class Tool:
    name: str
    argv: list[str]  # with {F} for the spec and {O} for an output file
    peer: bool = False


@dataclass
class Runs:
    times: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.times) and not self.failures

    def median(self) -> float | None:
        return statistics.median(self.times) if self.ok else None

    def peak_mib(self) -> float | None:
        return max(self.rss_kib) / 1024 if self.ok else None


def tools() -> list[Tool]:
    return [
        Tool("cxgap validate", [str(BIN / "cxgap"), "validate", "{F}"]),
        Tool("cxgap analyze --format json", [str(BIN / "cxgap"), "analyze", "{F}", "--format", "json", "-o", "{O}"]),
        Tool("yamllint -d relaxed", [str(BIN / "yamllint"), "-d", "relaxed", "{F}"], peer=True),
        Tool("check-jsonschema", [str(BIN / "check-jsonschema"), "--schemafile", str(OUT / "schema.json"), "{F}"],
             peer=True),
        Tool("python CSafeLoader (bare)", [str(PY), "-c", BARE_CODE, "{F}"], peer=True),
    ]


def run_once(argv: list[str], timeout: float) -> tuple[float, int, int, str]:
    """Run ``argv``; return (wall seconds, peak RSS KiB of that process, exit code, tail of stderr)."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err,
                                env=CHILD_ENV)
        timer = threading.Timer(timeout, lambda: os.kill(proc.pid, signal.SIGKILL))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        err.seek(0)
        tail = err.read()[-2000:].decode("utf-8", "replace").strip()
    if proc.returncode == -signal.SIGKILL and wall >= timeout:
        tail = f"killed after {timeout:.0f} s timeout"
    return wall, usage.ru_maxrss, proc.returncode, tail


def measure(spec: Path, selected: list[Tool], repeat: int, warmup: bool, timeout: float,
            cxgap_extra: list[str]) -> dict[str, Runs]:
    out_file = OUT / f"{spec.stem}.analysis.json"
    runs = {t.name: Runs() for t in selected}
    broken: set[str] = set()
    rounds = ([-1] if warmup else []) + list(range(repeat))
    for r in rounds:
        k = max(r, 0) % len(selected)
        order = selected[k:] + selected[:k]  # rotate who goes first, round by round
        for t in order:
            if t.name in broken:
                continue
            argv = [a.replace("{F}", str(spec)).replace("{O}", str(out_file)) for a in t.argv]
            if t.name.startswith("cxgap"):
                argv += cxgap_extra
            wall, rss, rc, tail = run_once(argv, timeout)
            label = "warm-up" if r < 0 else f"run {r + 1}/{repeat}"
            status = "ok" if rc == 0 else f"exit {rc}"
            print(f"    {label:>9}  {t.name:<28} {wall:8.3f} s {rss / 1024:8.1f} MiB  {status}",
                  file=sys.stderr, flush=True)
            if rc != 0:
                msg = tail.splitlines()[-1] if tail else ""
                runs[t.name].failures.append(f"exit {rc}: {msg}"[:300])
                broken.add(t.name)  # n/a for this size; don't waste more rounds on it
                continue
            if r >= 0:
                runs[t.name].times.append(wall)
                runs[t.name].rss_kib.append(rss)
    return runs
