"""One event told again in several sentences of one article is one timeline entry, each sentence kept
as a report with its evidence; a plan is not dated by the day it was announced (issue 14, item 2).
A fictional article, its events written by hand (no model needed), and the seeds end to end."""

from __future__ import annotations

from datetime import date

import pytest

from newsweave.analyze.timeline import render_timeline, story_timeline
from newsweave.model import Actor, Article, Event, Extraction, Span, Timex
from newsweave.store import Store

TEXT = ("Premier Anna Sorvik said on Monday she planned a summit with President Tomas Adeyemi after a phone call "
        "between the two leaders. Sorvik called her call with Adeyemi productive. "
        "Monday's call had made progress, the premier said. Aides of the premier also met on Monday.")
MONDAY = "2031-05-05"


def _sentence(n: int) -> Span:
    starts = [0, TEXT.index("Sorvik called"), TEXT.index("Monday's call"), TEXT.index("Aides of")]
    ends = [*starts[1:], len(TEXT)]
    start, end = starts[n], ends[n]
    words = TEXT[start:end].rstrip()
    return Span(start, start + len(words), words)


def _leaders(*, both_sources=False):
    sorvik, adeyemi = Actor("Anna Sorvik", code="VLD"), Actor("Tomas Adeyemi", code="MRL")
    return ([sorvik, adeyemi], []) if both_sources else ([sorvik], [adeyemi])


def _store(path) -> tuple[Store, str]:
    store = Store(path)
    article = Article(text=TEXT, published=date(2031, 5, 6), outlet="Fjord Wire")
    aid = store.add_article(article).article_id
    timexes = []
    for n in (0, 2, 3):
        start = TEXT.index("Monday", _sentence(n).start)
        timexes.append(Timex(start, start + 6, "Monday", "DATE", MONDAY))
    phone = [Event("CONSULT", _sentence(n), source=s, target=t, mode="phone", time=MONDAY, status="occurred")
             for n, (s, t) in ((0, _leaders(both_sources=True)), (1, _leaders()), (2, _leaders(both_sources=True)))]
    events = [
        Event("AGREE", _sentence(0), source=_leaders()[0], target=_leaders()[1], status="occurred"),
        # The summit she planned: the sentence's Monday is the day she said so, not the summit's.
        Event("CONSULT", _sentence(0), source=_leaders()[0], target=_leaders()[1], status="planned"),
        *phone,
        Event("CONSULT", _sentence(3), source=[Actor("Aides")], time=MONDAY, status="occurred"),
    ]
    store.save_extraction(aid, Extraction(article=article, timexes=timexes, events=events))
    store.assign_story(aid, "s")
    store.save_story("s", "Sorvik and Adeyemi")
    return store, "s"


def test_one_call_told_in_three_sentences_is_one_entry_with_three_reports(tmp_path):
    store, story = _store(tmp_path / "r.db")
    d = story_timeline(store, story)
    monday = [e for e in d["entries"] if e["date"] == MONDAY]
    calls = [e for e in monday if e["what"].startswith("CONSULT (phone)")]
    assert len(calls) == 1, [e["what"] for e in monday]
    (call,) = calls
    told = sorted({r["evidence"]["start"] for r in call["reports"]})
    assert told == [_sentence(n).start for n in range(3)]
    for r in call["reports"]:  # every sentence kept with its words
        assert TEXT[r["evidence"]["start"]:r["evidence"]["end"]] == r["evidence"]["text"]
    # An event of another type in the same sentence, and the aides' meeting (other people), stay apart.
    assert any(e["what"].startswith("AGREE") for e in monday)
    assert any("Aides" in e["what"] for e in monday if e is not call)
    assert "told in 3 sentences" in render_timeline(d)


def test_a_plan_is_not_dated_by_the_day_it_was_announced(tmp_path):
    store, story = _store(tmp_path / "p.db")
    d = story_timeline(store, story)
    # Neither an entry nor a report of one (it used to sit under the AGREE of its sentence, dated Monday).
    assert not [r for e in d["entries"] for r in e["reports"] if r["kind"] == "plan"]
    (summit,) = d["undated_plans"]
    assert "Sorvik" in summit["what"] and "Adeyemi" in summit["what"]
    assert "planned, no date yet" in render_timeline(d)


@pytest.mark.slow
def test_the_seeds_thursday_call_is_one_entry(tmp_path, seeds_dir):
    from newsweave.jobs import ingest_paths, process_store
    from newsweave.store import list_stories

    with Store(tmp_path / "s.db", create=True) as store:
        ingest_paths(store, [str(seeds_dir)])
        process_store(store)
        story = list_stories(store, limit=1)[0]["id"]
        d = story_timeline(store, story)
    thursday = [e for e in d["entries"] if e["date"] == "2025-10-16"]
    calls = [e for e in thursday if e["what"].startswith("CONSULT")]
    assert len(calls) == 1 and calls[0]["what"].startswith("CONSULT (phone)")
    sentences = {r["sentence"] for r in calls[0]["reports"]}
    assert any("Thursday's conversation" in s for s in sentences)
    assert sum("called his conversation with Putin" in s for s in sentences) == 2
    # The summit Trump said on Thursday he was planning is not dated Thursday: it has no date yet.
    assert not [e for e in thursday if e["kind"] == "plan"]
    assert any("Budapest" in p["what"] for p in d["undated_plans"])


def _two_outlets(path, days: tuple[str, str], status: str = "occurred") -> tuple[Store, str]:
    """Two outlets, each with one CONSULT between the same two leaders, on the days given."""
    store = Store(path)
    for n, (outlet, day) in enumerate(zip(("Fjord Wire", "Lake Courier"), days)):
        text = f"Anna Sorvik and Tomas Adeyemi met on {day}. Report {n} of the meeting."
        article = Article(text=text, published=date(2031, 10, 20), outlet=outlet)
        aid = store.add_article(article).article_id
        start = text.index(day)
        events = [Event("CONSULT", Span(0, text.index(".") + 1, text[:text.index(".") + 1]),
                        source=_leaders(both_sources=True)[0], time=day, status=status)]
        store.save_extraction(aid, Extraction(article=article, events=events,
                                              timexes=[Timex(start, start + len(day), day, "DATE", day)]))
        store.assign_story(aid, "s")
    store.save_story("s", "Sorvik and Adeyemi")
    return store, "s"


@pytest.mark.parametrize(("days", "entries"), [
    (("2031-08-15", "2031-10-16"), 2),  # a meeting in August and one in October: two happenings
    (("2031-10-15", "2031-10-16"), 1),  # a day apart: one meeting the outlets disagree on
])
def test_one_kind_of_event_of_the_same_people_is_one_happening_only_on_near_days(tmp_path, days, entries):
    store, story = _two_outlets(tmp_path / "n.db", days)
    found = [e for e in story_timeline(store, story)["entries"] if e["kind"] == "event"]
    assert len(found) == entries
    if entries == 1:
        assert found[0]["conflict"] and {x["date"] for x in found[0]["dates"]} == set(days)
    else:
        assert [e["outlets"] for e in found] == [["Fjord Wire"], ["Lake Courier"]]


def test_two_calls_of_the_same_countries_between_other_people_are_two_happenings(tmp_path):
    store = Store(tmp_path / "c.db")
    texts = [("Fjord Wire", "Anna Sorvik called Tomas Adeyemi on 2031-10-16.", "Anna Sorvik", "Tomas Adeyemi"),
             ("Lake Courier", "Ole Brenn called Ines Kalu on 2031-10-16.", "Ole Brenn", "Ines Kalu")]
    for outlet, text, one, two in texts:
        article = Article(text=text, published=date(2031, 10, 17), outlet=outlet)
        aid = store.add_article(article).article_id
        actors = [Actor(one, code="VLD", entity_id=f"e-{one}"), Actor(two, code="MRL", entity_id=f"e-{two}")]
        event = Event("CONSULT", Span(0, len(text), text), source=actors, mode="phone", time="2031-10-16",
                      status="occurred")
        start = text.index("2031")
        store.save_extraction(aid, Extraction(article=article, events=[event],
                                              timexes=[Timex(start, start + 10, "2031-10-16", "DATE", "2031-10-16")]))
        store.assign_story(aid, "s")
    store.save_story("s", "Calls")
    found = [e for e in story_timeline(store, "s")["entries"] if e["kind"] == "event"]
    assert len(found) == 2  # same countries and day, different people
