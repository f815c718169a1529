"""Plan tracking over hand-built events from several fictional articles."""

from __future__ import annotations

import json
from datetime import date

import pytest

from newsweave.analyze.plans import Plan, PlanUpdate, overdue, track_plans
from newsweave.model import Actor, Event, Span


def _event(status, time=None, place=None, type="CONSULT", claimed_by=None, mode=None, people=("NOR", "FIN")):
    text = "fictional sentence"
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
