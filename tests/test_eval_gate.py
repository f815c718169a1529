"""The evaluation gate: dev-set figures may not fall below the pinned baseline (trafilatura's practice).

`benchmarks/baseline.json` pins, per task and dev file, the figures `newsweave eval` measured; a change that
lowers one by more than the noise allowance fails here until the baseline is lowered on purpose. Raise the
baseline when a change improves a figure (`python benchmarks/eval_all.py --pin`).
"""

import json
from pathlib import Path

import pytest

from newsweave.evaluate import evaluate

BASELINE = json.loads((Path(__file__).resolve().parent.parent / "benchmarks" / "baseline.json").read_text())
NOISE = BASELINE["noise"]


def _lookup(result: dict, dotted: str) -> float:
    value = result
    for part in dotted.split("."):
        value = value[part]
    return float(value)


@pytest.mark.eval
@pytest.mark.slow
@pytest.mark.parametrize("run", BASELINE["runs"], ids=lambda r: f"{r['task']}:{Path(r['gold']).stem}")
def test_dev_figures_hold(run, shared_dir, tmp_path):
    result = evaluate(run["task"], shared_dir / run["gold"], tmp_path / "out.jsonl")
    assert result["missing_docs"] == 0 and result["failed_lines"] == 0
    low = {k: (_lookup(result, k), v) for k, v in run["figures"].items() if _lookup(result, k) < v - NOISE}
    assert not low, f"below the pinned baseline (measured, pinned): {low}"
