"""``newsweave eval``: run the contract on a gold file and score the output in one go."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from .contract import extract_file
from .errors import ConfigError
from .eval.scoring import score
from .settings import Settings

__all__ = ["evaluate", "load_jsonl_by_id"]


def load_jsonl_by_id(path: str | Path) -> dict[str, dict]:
    """A JSONL file of objects with ``id`` as a dict keyed by id."""
    with open(path, encoding="utf-8") as f:
        return {d["id"]: d for d in (json.loads(line) for line in f if line.strip())}


def evaluate(task: str, gold_path: str | Path, output: str | Path | None = None,
             settings: Settings | None = None) -> dict[str, Any]:
    """Extract ``gold_path`` (its gold fields are ignored by extract) and score ``task`` against it."""
    gold = load_jsonl_by_id(gold_path)
    if gold and "gold" not in next(iter(gold.values())):
        raise ConfigError(f"{gold_path}: no 'gold' field — eval needs a gold file from ../shared/data")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(output) if output else Path(tmp) / "system.jsonl"
        report = extract_file(gold_path, out, settings)
        system = load_jsonl_by_id(out)
    result = score(task, gold, system)
    result["failed_lines"] = len(report.errors)
    return result
