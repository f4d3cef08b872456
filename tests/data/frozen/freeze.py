"""Record the engine's analysis of the seeded specs of tests/specgen.py.

Run once, on main before issue 11 (re-recorded on aefdc28, after the service blueprint
of issue 12 changed dark_stage, so only issue 11 differs), to write
before-experience.json; it is the "before" that tests/test_experience_properties.py
compares with. Do not re-run it after the engine changed: the point is to keep
what the engine said before the experience layer.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from specgen import random_spec, summary  # noqa: E402  (tests/ is not a package)

from cxgap.analysis import analyze  # noqa: E402
from cxgap.model import Spec  # noqa: E402
from cxgap.spec import LoadedSpec  # noqa: E402
from cxgap.stages import DEFAULT_STAGES  # noqa: E402

SEEDS = range(300)


def main() -> None:
    out = {}
    for seed in SEEDS:
        loaded = LoadedSpec(f"gen-{seed}.yaml", Spec.model_validate(random_spec(seed)), DEFAULT_STAGES)
        out[str(seed)] = summary(analyze(loaded))
    (HERE / "before-experience.json").write_text(json.dumps(out, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
