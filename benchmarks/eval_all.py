"""Score every dev split through `newsweave extract` and print (or pin) the figures.

    python benchmarks/eval_all.py            # print the figures as a markdown table
    python benchmarks/eval_all.py --pin      # also write them to benchmarks/baseline.json (the CI gate)

Dev splits only: the test splits are held out.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from newsweave.evaluate import evaluate

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

RUNS = [
    ("attribution", "data/attribution/polnear-dev.jsonl",
     ["source_exact.f1", "cue_exact.f1", "content_exact.f1", "source_overlap.f1", "cue_overlap.f1",
      "content_overlap.f1", "who_said_what.f1"]),
    ("timex", "data/timex/timebank.jsonl", ["strict.f1", "relaxed.f1", "value.f1", "type_accuracy"]),
    ("timex", "data/timex/aquaint.jsonl", ["strict.f1", "relaxed.f1", "value.f1", "type_accuracy"]),
    ("cluster", "data/clustering/ecbplus-dev.jsonl", ["bcubed.f1"]),
    ("entities", "data/clustering/ecbplus-dev.jsonl", ["bcubed.f1", "bcubed.p", "mention_recall"]),
    ("events", "data/events/plover-gsr-dev.jsonl",
     ["type.f1", "type_top1_accuracy", "source_code.f1", "target_code.f1"]),
]


def _get(result, dotted):
    for part in dotted.split("."):
        result = result[part]
    return float(result)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description="Dev figures of every task through the contract, as a table; "
                                                 "--pin writes them to benchmarks/baseline.json (the CI gate).")
    parser.add_argument("--task", action="append", choices=sorted({t for t, _, _ in RUNS}),
                        help="run only this task (repeatable); --pin then updates only its runs")
    parser.add_argument("--pin", action="store_true", help="write the figures to benchmarks/baseline.json")
    args = parser.parse_args(argv)
    baseline_path = ROOT / "benchmarks" / "baseline.json"
    runs = []
    print("| task | dev file | figure | value |\n| --- | --- | --- | --- |")
    for task, gold, keys in RUNS:
        if args.task and task not in args.task:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            result = evaluate(task, SHARED / gold, Path(tmp) / "out.jsonl")
            took = time.perf_counter() - t0
        figures = {k: round(_get(result, k), 4) for k in keys}
        for k, v in figures.items():
            print(f"| {task} | {Path(gold).name} | {k} | {v:.3f} |")
        print(f"<!-- {task} {gold}: {took:.1f}s -->", file=sys.stderr)
        runs.append({"task": task, "gold": gold, "figures": figures})
    if args.pin:
        if args.task:  # keep the pins of the tasks not run
            fresh = {(r["task"], r["gold"]): r for r in runs}
            old = json.loads(baseline_path.read_text(encoding="utf-8"))["runs"]
            runs = [fresh.pop((r["task"], r["gold"]), r) for r in old] + list(fresh.values())
        baseline_path.write_text(json.dumps({"noise": 0.01, "runs": runs}, indent=2) + "\n", encoding="utf-8")
        print("pinned in benchmarks/baseline.json", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
