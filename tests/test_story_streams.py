"""Stories and people on dated fictional streams written apart from the code (tests/data), against the
TF-IDF batch peer: the story window and the surname rules are measured here, since ECB+ has no dates."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from newsweave.settings import Settings

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"


def _bench(name: str):
    sys.path.insert(0, str(REPO / "benchmarks"))
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def test_a_story_stays_open_for_follow_ups_weeks_later():
    # A hearing, then the verdict five weeks on: one story, as an analyst reads it.
    assert Settings().story_window_days >= 35


@pytest.mark.eval
@pytest.mark.parametrize("name", ["stories_fictional_blind1", "people_fictional_blind1"])
def test_stories_beat_the_tfidf_batch_peer_on_dated_streams(shared_dir, name):
    streams, people = _bench("story_stream_eval"), _bench("people_eval")
    rows = people.load(DATA / f"{name}.jsonl")
    assign = {k: o["story_id"] for k, o in people.extract(rows).items()}
    ours = people._bcubed([(r["story"], assign[r["id"]]) for r in rows])
    ce = streams.cluster_eval
    cut, _ = ce.tune_baseline(ce.scorer(), ce.load_split("train"))
    peer_assign = ce.baseline_clusters([{"id": r["id"], "text": streams._text(r)} for r in rows], cut)
    peer = people._bcubed([(r["story"], peer_assign[r["id"]]) for r in rows])
    assert ours["f1"] > peer["f1"], f"{name}: stories {ours} not above the TF-IDF peer {peer}"


@pytest.mark.eval
def test_no_person_entity_mixes_two_people_of_the_fictional_set(shared_dir):
    people = _bench("people_eval")
    rows = people.load(DATA / "people_fictional_blind1.jsonl")
    figures, _ = people.score(rows, people.extract(rows))
    assert figures["mixed_mention_share"] <= 0.01, figures
    assert figures["bcubed"]["p"] >= 0.99 and figures["bcubed"]["r"] >= 0.85, figures
