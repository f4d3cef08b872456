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
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from specgen import random_spec  # noqa: E402  (tests/ is not a package)

from cxgap.analysis import analyze  # noqa: E402
from cxgap.analysis.result import Analysis  # noqa: E402
from cxgap.model import Spec  # noqa: E402
from cxgap.spec import LoadedSpec  # noqa: E402
from cxgap.stages import DEFAULT_STAGES  # noqa: E402

SEEDS = range(300)


def summary(a: Analysis) -> dict[str, Any]:
    return {
        "scores": [a.scores.score, a.scores.coverage, a.scores.focus],
        "stages": [[s.stage, s.coverage, s.focus, s.importance_share, s.effort_share] for s in a.stage_scores],
        "gaps": [[g.id, g.severity.value] for g in a.gaps],
        "recommendations": {k: list(v) for k, v in a.recommendations.as_dict().items() if k != "fix"},
        "met_by": {k: list(v) for k, v in sorted(a.met_by.items())},
    }


def main() -> None:
    out = {}
    for seed in SEEDS:
        loaded = LoadedSpec(f"gen-{seed}.yaml", Spec.model_validate(random_spec(seed)), DEFAULT_STAGES)
        out[str(seed)] = summary(analyze(loaded))
    (HERE / "before-experience.json").write_text(json.dumps(out, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
