"""Our copy of the scoring rules agrees with ../shared/eval/score.py on the same outputs."""

import importlib.util
import json
import random

import pytest

from newsweave.eval.scoring import score


@pytest.fixture(scope="module")
def shared_score(shared_dir):
    spec = importlib.util.spec_from_file_location("shared_score", shared_dir / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gold(shared_dir, rel, n=25):
    with open(shared_dir / "data" / rel, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()][:n]
    return {d["id"]: d for d in docs}


def _perturbed(gold, task, seed=7):
    """A plausible system output: gold items kept, dropped, shifted and relabelled at random."""
    rnd = random.Random(seed)
    out = {}
    for did, d in gold.items():
        g = d["gold"]
        if task == "attribution":
            atts = []
            for a in g["attributions"]:
                if rnd.random() < 0.2:
                    continue
                shift = rnd.choice([0, 0, 1, -1])
                atts.append({r: [{"start": max(0, s + shift), "end": e} for s, e in a[r]] for r in ("source", "cue", "content")})
            out[did] = {"id": did, "attributions": atts}
        elif task == "timex":
            out[did] = {"id": did, "timexes": [
                {**t, "end": t["end"] + rnd.choice([0, 0, 2]), "value": t["value"] if rnd.random() < 0.8 else "X"}
                for t in g["timexes"] if rnd.random() < 0.9]}
        elif task in ("cluster", "entities"):
            out[did] = {"id": did, "story_id": rnd.choice([g["story"], "other"]),
                        "entities": [{"start": m["start"], "end": m["end"], "entity_id": rnd.choice([m["instance"], "x"])}
                                     for m in g["entity_mentions"]]}
        else:
            out[did] = {"id": did, "events": [{"type": rnd.choice([e["type"], "AGREE"]), "source": e["source"],
                                               "target": []} for e in g["events"]]}
    return out


@pytest.mark.parametrize("task,rel", [
    ("attribution", "attribution/polnear-dev.jsonl"),
    ("timex", "timex/timebank.jsonl"),
    ("cluster", "clustering/ecbplus-dev.jsonl"),
    ("entities", "clustering/ecbplus-dev.jsonl"),
    ("events", "events/plover-gsr-dev.jsonl"),
])
def test_our_scorer_matches_the_shared_one(shared_dir, shared_score, task, rel):
    gold = _gold(shared_dir, rel)
    system = _perturbed(gold, task)
    theirs = shared_score.TASKS[task](gold, system)
    ours = score(task, gold, system)
    ours.pop("missing_docs")
    assert ours == theirs
