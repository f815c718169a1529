"""The PLOVER manual's lines between PROTEST, COERCE, ASSAULT and FIGHT (and AGREE beside them), on
snippets written for these tests (tests/data/events_fictional.jsonl: fictional places and people)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.extract.events import doc_events
from newsweave.extract.events_scorer import manual_reading

pytestmark = pytest.mark.slow

SNIPPETS = [json.loads(line) for line in
            (Path(__file__).parent / "data" / "events_fictional.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]


def test_snippets_are_marked_fictional():
    assert len(SNIPPETS) >= 30 and all(s["fictional"] is True for s in SNIPPETS)


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[s["id"] for s in SNIPPETS])
def test_main_event_follows_the_manual(nlp, snippet):
    events = doc_events(nlp(snippet["text"]), [], "2030-01-01")
    assert events, f"no event for {snippet['text']!r}"
    assert events[0].type == snippet["type"], snippet["text"]


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        # The same verb on both sides of the lines: who acts on whom decides.
        ("Troops killed twenty rebels in the hills above Ostra.", "FIGHT"),
        ("Gunmen killed twenty villagers in the hills above Ostra.", "ASSAULT"),
        ("Police fired on the protesters in the main square.", "COERCE"),
        ("Soldiers fired on rebel positions across the river.", "FIGHT"),
        ("Protesters fired shots at the parliament building and burned cars.", "PROTEST"),
        ("Rebels wounded two soldiers in a bomb attack on a convoy.", "ASSAULT"),
    ],
)
def test_actors_decide_the_type_of_force(nlp, text, type_):
    assert doc_events(nlp(text), [], "2030-01-01")[0].type == type_


def test_a_condemned_bombing_stays_a_condemnation(nlp):
    # The bombing is what was condemned: the main event is the verbal act.
    events = doc_events(nlp("The Velmoran government condemned the bombing of the market."), [], "2030-01-01")
    assert events[0].type == "DISAPPROVE"


def test_no_reading_for_a_sentence_without_conflict(nlp):
    sent = next(nlp("The ministers discussed the harvest over lunch.").sents)
    assert manual_reading(sent) is None


@pytest.mark.parametrize("name", ["events_fictional_unseen.jsonl", "events_fictional_blind.jsonl"])
def test_snippets_written_apart_from_the_rules(nlp, name):
    """Two sets written after the rules, each scored once before any fix it prompted (0.80 and 0.80,
    benchmarks/results/events.md); a floor against regressions, not sets to tune on."""
    unseen = [json.loads(line) for line in
              (Path(__file__).parent / "data" / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    right = 0
    for s in unseen:
        events = doc_events(nlp(s["text"]), [], None)
        right += bool(events) and events[0].type == s["type"]
    assert right / len(unseen) >= 0.75


@pytest.mark.parametrize("text", [
    "The fight against inflation will be long, the minister said.",
    "The company faces a long legal battle over its patents.",
    "Shares rallied on Monday after the central bank cut rates.",
    "The stock market rally continued for a third day.",
    "The team fought back to win the final.",
    "The senator attacked the governor's tax plan in a long speech.",
    "The campaign is targeting young voters in the suburbs.",
    "The bank fired two hundred employees last year.",
    "Coal-fired power plants emit most of the country's carbon dioxide.",
    "Lawmakers killed the bill in committee.",
])
def test_figurative_fighting_and_rallies_are_no_events(nlp, text):
    assert [e.type for e in doc_events(nlp(text), [], None)] == []
