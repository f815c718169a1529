"""Plan tracking over hand-built events from several fictional articles."""

from __future__ import annotations

import itertools
import json
from datetime import date

import pytest

from newsweave.analyze.plans import Plan, PlanUpdate, overdue, track_plans
from newsweave.model import Actor, Event, Span

_SENTENCES = itertools.count(1)


def _event(status, time=None, place=None, type="CONSULT", claimed_by=None, mode=None, people=("NOR", "FIN")):
    # Each event its own sentence: the same sentence in two articles is a wire copy.
    text = f"fictional sentence {next(_SENTENCES)}"
    return Event(type=type, evidence=Span(0, len(text), text), mode=mode, time=time, place=place, status=status,
                 source=[Actor(text=p, code=p) for p in people[:1]],
                 target=[Actor(text=p, code=p) for p in people[1:]], claimed_by=claimed_by)


def _story():
    # A Norway–Finland summit: proposed, planned, dated, postponed, then cancelled.
    return [
        ("a1", "Daily Fjord", date(2031, 3, 1), _event("proposed", claimed_by="Norwegian envoy")),
        ("a2", "Lake Post", date(2031, 3, 3), _event("planned", place="Tampere", claimed_by="Finnish PM")),
        ("a3", "Daily Fjord", date(2031, 3, 5), _event("planned", time="2031-04-10", place="Tampere")),
        ("a4", "Wire Nord", date(2031, 4, 2), _event("planned", time="2031-05-20", claimed_by="Finnish PM")),
        ("a5", "Lake Post", date(2031, 5, 1), _event("cancelled", claimed_by="Norwegian foreign ministry")),
    ]


def test_plan_lifecycle_across_articles():
    plans = track_plans(_story())
    assert len(plans) == 1
    plan = plans[0]
    assert plan.type == "CONSULT"
    assert set(plan.participants) == {"NOR", "FIN"}
    assert plan.place == "Tampere"
    assert [u.change for u in plan.history] == ["proposed", "planned", "dated", "postponed", "cancelled"]
    assert [u.status for u in plan.history] == ["proposed", "planned", "dated", "postponed", "cancelled"]
    assert plan.status == "cancelled"
    assert plan.due == "2031-05-20"
    assert [u.article_id for u in plan.history] == ["a1", "a2", "a3", "a4", "a5"]
    assert plan.history[0].announced_by == "Norwegian envoy"
    assert plan.history[4].outlet == "Lake Post"


def test_items_are_read_in_date_order():
    shuffled = list(reversed(_story()))
    assert [u.article_id for u in track_plans(shuffled)[0].history] == ["a1", "a2", "a3", "a4", "a5"]


def test_held_plan_and_an_earlier_meeting_elsewhere():
    items = [
        ("b1", "X", "2031-06-01", _event("planned", time="2031-06-15", place="Oslo")),
        # An earlier meeting in another city is not this plan being held.
        ("b2", "Y", "2031-06-02", _event("occurred", time="2031-02-10", place="Helsinki")),
        ("b3", "X", "2031-06-15", _event("occurred", time="2031-06-15", place="Oslo")),
    ]
    plan = track_plans(items)[0]
    assert plan.status == "held"
    assert [u.article_id for u in plan.history] == ["b1", "b3"]


def test_repeated_announcement_confirms_and_other_participants_make_a_new_plan():
    items = [
        ("c1", "X", "2031-01-01", _event("planned")),
        ("c2", "Y", "2031-01-02", _event("planned", claimed_by="Finnish spokesman")),
        ("c3", "Y", "2031-01-03", _event("planned", people=("EST", "LVA"))),
        ("c4", "Y", "2031-01-04", _event("planned", type="AID", people=("NOR", "FIN"))),
    ]
    plans = track_plans(items)
    assert [p.status for p in plans] == ["confirmed", "planned", "planned"]
    assert plans[1].participants == ["EST", "LVA"]
    assert plans[2].type == "AID"


def test_intent_and_occurred_events_alone_open_no_plan():
    items = [("d1", "X", "2031-01-01", _event("occurred", type="AGREE")),
             ("d2", "X", "2031-01-01", _event("occurred")),
             ("d3", "X", "2031-01-01", _event("planned", type="THREATEN"))]
    assert track_plans(items) == []


def test_phone_call_plan_not_matched_by_a_visit():
    items = [("e1", "X", "2031-01-01", _event("planned", mode="phone")),
             ("e2", "X", "2031-01-02", _event("occurred", mode="visit"))]
    plan = track_plans(items)[0]
    assert plan.status == "planned" and len(plan.history) == 1


def test_overdue_flags_plans_past_due_without_news():
    items = [
        ("f1", "X", "2031-01-01", _event("planned", time="2031-01-20")),
        ("f2", "X", "2031-01-01", _event("planned", time="2031-03-01", people=("EST", "LVA"))),
        ("f3", "X", "2031-01-01", _event("planned", time="2031-01-10", people=("DNK", "ISL"))),
        ("f4", "X", "2031-01-12", _event("occurred", time="2031-01-10", people=("DNK", "ISL"))),
    ]
    plans = track_plans(items)
    late = overdue(plans, date(2031, 2, 1))
    assert [p.participants for p in late] == [["NOR", "FIN"]]
    assert overdue(plans, "2031-01-15") == []


def test_week_and_month_due_dates():
    items = [("g1", "X", "2031-01-01", _event("planned", time="2031-02")),
             ("g2", "X", "2031-01-05", _event("planned", time="2031-02-14"))]
    plan = track_plans(items)[0]
    assert plan.due == "2031-02-14" and plan.history[-1].change == "dated"
    assert overdue(track_plans([("h1", "X", "2031-01-01", _event("planned", time="2031-W05"))]), "2031-02-06")


def test_plans_are_json_serialisable():
    plan = track_plans(_story())[0]
    data = json.loads(json.dumps(plan.to_json()))
    assert data["status"] == "cancelled"
    assert data["first_seen"] == "2031-03-01" and data["last_news"] == "2031-05-01"
    assert len(data["history"]) == 5 and data["history"][1]["announced_by"] == "Finnish PM"
    assert isinstance(plan, Plan) and isinstance(plan.history[0], PlanUpdate)


def test_same_day_report_of_a_meeting_does_not_hold_the_plan():
    items = [("i1", "X", "2031-06-01", _event("planned", place="Oslo")),
             ("i2", "X", "2031-06-01", _event("occurred"))]  # "they met before" in the same news
    assert track_plans(items)[0].status == "planned"


def test_city_and_its_country_are_one_venue():
    items = [("j1", "X", "2031-06-01", _event("planned", place="Budapest")),
             ("j2", "Y", "2031-06-02", _event("planned", place="Hungary"))]
    plans = track_plans(items)
    assert len(plans) == 1 and plans[0].status == "confirmed" and plans[0].place == "Budapest"


def test_plan_needs_participants_or_place():
    assert track_plans([("k1", "X", "2031-01-01", _event("planned", people=()))]) == []


@pytest.mark.slow
def test_seed_articles_give_the_budapest_summit_plan(nlp, seeds_dir):
    import re

    from newsweave.extract.events import doc_events

    items = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        header = re.match(r"\s*date (\d{4}-\d{2}-\d{2})\s*", text)
        body = text[header.end():] if header else text
        published = header.group(1) if header else None
        for event in doc_events(nlp(body), [], published):
            items.append((path.stem, path.stem, published, event))
    plans = track_plans(items)
    summit = [p for p in plans if p.type == "CONSULT" and p.place in ("Budapest", "Hungary")
              and {"USA", "RUS"} <= set(p.participants)]
    assert summit, [p.to_json() for p in plans]
    assert summit[0].status in ("planned", "confirmed", "dated")
    assert len({u.article_id for u in summit[0].history}) == 2  # both seed articles report it
    phone = [p for p in plans if p.mode == "phone" and p.status == "planned"]
    assert phone and {"USA", "RUS"} <= set(phone[0].participants)  # the Rubio–Lavrov call


# ---------------------------------------------------------------------------- stories and status cues


def _said(status, text, time=None, place=None, people=(), mode=None):
    """An event as the event stage reports it from ``text`` (a sentence written for these tests)."""
    return Event(type="CONSULT", evidence=Span(0, len(text), text), mode=mode, time=time, place=place,
                 status=status, source=[Actor(text=p, code=p) for p in people[:1]],
                 target=[Actor(text=p, code=p) for p in people[1:]])


def _harbour_story():
    # A fictional Estonia–Latvia summit in Parnu, followed through one story (id "s7").
    return [
        ("m1", "Baltic Wire", "2032-02-02", _said("planned", "The Estonian premier will meet the Latvian "
                                                  "premier in Parnu in two weeks.", "2032-W08", "Parnu",
                                                  ("EST", "LVA")), "s7"),
        ("m2", "Gulf Post", "2032-02-04", _said("planned", "The talks in Parnu have been pushed back to "
                                                 "March, aides said.", "2032-03", "Parnu"), "s7"),
        ("m3", "Baltic Wire", "2032-02-06", _said("planned", "The summit will now open on March 12, the "
                                                   "premier's office said.", "2032-03-12"), "s7"),
    ]


def test_news_naming_nobody_follows_the_plan_of_its_story():
    plan = track_plans(_harbour_story())[0]
    assert [u.change for u in plan.history] == ["announced", "postponed", "dated"]
    assert [u.due for u in plan.history] == ["2032-W08", "2032-03", "2032-03-12"]
    assert plan.status == "dated" and plan.story_id == "s7"
    assert plan.to_json()["story_id"] == "s7"


def test_a_plan_never_takes_news_from_another_story():
    items = _harbour_story()
    other = ("n1", "Gulf Post", "2032-02-05", _said("planned", "A summit in Parnu between the two premiers "
                                                    "is delayed until April.", "2032-04", "Parnu",
                                                    ("EST", "LVA")), "s9")
    plans = track_plans([*items, other])
    assert [u.article_id for u in plans[0].history] == ["m1", "m2", "m3"]
    assert len(plans) == 2 and plans[1].story_id == "s9"


def test_without_story_ids_news_naming_nobody_and_no_place_is_left_alone():
    items = [item[:4] for item in _harbour_story()]  # the old four-member items still work
    plan = track_plans(items)[0]
    assert [u.article_id for u in plan.history] == ["m1", "m2"]


def test_an_undated_plain_mention_in_the_story_is_not_taken_for_the_plan():
    # "advisers will meet on Friday" names no one the linker codes and no place: another meeting.
    items = [*_harbour_story()[:1],
             ("m4", "Gulf Post", "2032-02-03", _said("planned", "Advisers will meet on Friday to draft "
                                                     "the agenda.", "2032-02-06"), "s7")]
    assert [u.article_id for u in track_plans(items)[0].history] == ["m1"]


@pytest.mark.parametrize(
    ("status", "text", "time", "change", "plan_status"),
    [
        ("planned", "The Parnu summit was put off until further notice.", None, "postponed", "postponed"),
        ("planned", "Officials said the summit had been rescheduled for March 20.", "2032-03-20", "postponed",
         "postponed"),
        ("planned", "The gathering was moved to April, a spokesman said.", "2032-04", "postponed", "postponed"),
        ("planned", "Organisers said the summit was brought forward to February 7.", "2032-02-07", "rescheduled",
         "dated"),
        ("cancelled", "The summit has been scrapped.", None, "cancelled", "cancelled"),
        ("cancelled", "Both governments called off the summit.", None, "cancelled", "cancelled"),
        ("occurred", "The summit took place on February 17 as planned.", "2032-02-17", "held", "held"),
        ("denied", "The Latvian side denied that any summit had been agreed.", None, "denied", "dated"),
    ],
)
def test_status_cues_change_the_plan(status, text, time, change, plan_status):
    first = _harbour_story()[0]
    news = ("z1", "Gulf Post", "2032-02-05", _said(status, text, time), "s7")
    plan = track_plans([first, news])[0]
    assert [u.change for u in plan.history] == ["announced", change]
    assert plan.status == plan_status
    if change == "postponed":
        assert plan.due == time  # the new date, or none known
        assert not overdue([plan], "2032-02-20") or time is not None


def test_a_postponement_denied_or_negated_is_no_postponement():
    first = _harbour_story()[0]
    news = ("z2", "Gulf Post", "2032-02-05", _said("planned", "The summit in Parnu will not be postponed, the "
                                                   "premier said.", None, "Parnu"), "s7")
    assert track_plans([first, news])[0].history[-1].change == "reported"
    news = ("z3", "Gulf Post", "2032-02-05", _said("planned", "Work on the summit in Parnu will begin without "
                                                   "delay.", None, "Parnu"), "s7")
    assert track_plans([first, news])[0].history[-1].change == "reported"


def test_a_wire_copy_is_one_update_with_its_copies():
    text = "The premiers of Estonia and Latvia will hold a summit in Parnu on March 12, officials said."
    items = [("w1", "Baltic Wire", "2032-02-02", _said("planned", "The premiers will meet in Parnu.", None, "Parnu",
                                                       ("EST", "LVA")), "s7"),
             ("w2", "Gulf Post", "2032-02-03", _said("planned", text, "2032-03-12", "Parnu", ("EST", "LVA")), "s7"),
             ("w3", "Tallinn Daily", "2032-02-03", _said("planned", text, "2032-03-12", "Parnu", ("EST", "LVA")), "s7")]
    plan = track_plans(items)[0]
    assert [u.article_id for u in plan.history] == ["w1", "w2"]
    assert plan.history[1].copies == ["w3"] and plan.to_json()["history"][1]["copies"] == ["w3"]


@pytest.mark.slow
def test_demo_story_plan_is_postponed_then_dated(tmp_path, demo_path):
    """End to end over examples/demo.jsonl (fictional): ingest, process, then plans from the store."""
    from newsweave.analyze.plans import store_plans
    from newsweave.jobs import ingest_paths, process_store
    from newsweave.store import Store

    with Store(tmp_path / "store.db", create=True) as store:
        ingest_paths(store, [str(demo_path)])
        process_store(store)
        plans = store_plans(store, today=date(2026, 3, 7))
    summit = [p for p in plans if p["place"] == "Port Elsin" and any(
        u["article_id"] and u["change"] == "postponed" for u in p["history"])]
    assert len(summit) == 1, plans
    history = summit[0]["history"]
    changes = [u["change"] for u in history]
    assert changes[0] == "announced" and history[0]["due"] == "2026-W11"
    assert changes[-2:] == ["postponed", "dated"], history
    assert (history[-2]["date"], history[-2]["due"]) == ("2026-03-05", "2026-04")
    assert (history[-1]["date"], history[-1]["due"]) == ("2026-03-06", "2026-04-14")
    assert all(u["announced_by"] for u in history[-2:])
    assert summit[0]["status"] == "dated" and summit[0]["due"] == "2026-04-14" and not summit[0]["overdue"]
