"""Who a plan's news comes from, third parties' comments, "no date yet" and when a plan is overdue
(issue 14, item 2), over fictional events."""

from __future__ import annotations

from datetime import date

from newsweave.analyze.plans import store_plans, track_plans
from newsweave.model import Actor, Event, Span
from newsweave.renderers import render
from newsweave.store.views import EventsView


def _event(status, text, *, people=("NOR", "FIN"), claimed_by=None, place=None, time=None, mode=None):
    return Event(type="CONSULT", evidence=Span(0, len(text), text), mode=mode, time=time, place=place,
                 status=status, source=[Actor(text=f"{p} minister", code=p) for p in people[:1]],
                 target=[Actor(text=f"{p} minister", code=p) for p in people[1:]], claimed_by=claimed_by)


def test_a_plan_told_in_the_reporters_voice_is_announced_by_the_outlet_not_a_participant():
    # "Preparations will start with a phone call between the ministers": nobody is quoted.
    call = _event("planned", "Preparations will start with a phone call between the NOR and FIN ministers.",
                  mode="phone")
    (plan,) = track_plans([("a1", "Fjord Wire", "2031-05-02", call)])
    assert plan.history[0].announced_by == "Fjord Wire"


def test_the_speaker_it_is_attributed_to_announces_it_and_a_pronoun_never_does():
    said = _event("planned", "The ministers will meet in Bergen, the Norwegian envoy said.",
                  claimed_by="Norwegian envoy", place="Bergen")
    (plan,) = track_plans([("a1", "Fjord Wire", "2031-05-02", said)])
    assert plan.history[0].announced_by == "Norwegian envoy"
    he = _event("planned", "He said the ministers will meet in Bergen.", claimed_by="He", place="Bergen")
    (plan,) = track_plans([("a2", "Lake Post", "2031-05-02", he)])
    assert plan.history[0].announced_by == "Lake Post"


def test_one_announcer_in_two_spellings_is_written_as_first_seen():
    items = [
        ("a1", "Fjord Wire", "2031-05-02", _event("planned", "The ministers will meet, Yuri Dalsky said.",
                                                  claimed_by="Yuri Dalsky", place="Bergen"), "s1"),
        ("a2", "Lake Post", "2031-05-03", _event("planned", "The ministers will meet in Bergen, Yury Dalsky said.",
                                                 claimed_by="Yury Dalsky", place="Bergen"), "s1"),
    ]
    (plan,) = track_plans(items)
    assert [u.announced_by for u in plan.history] == ["Yuri Dalsky", "Yuri Dalsky"]


def test_a_third_partys_hopes_are_a_comment_not_an_update():
    items = [
        ("a1", "Fjord Wire", "2031-05-02", _event("planned", "The ministers will meet, the Norwegian envoy said.",
                                                  claimed_by="Norwegian envoy"), "s1"),
        ("a2", "Lake Post", "2031-05-03", _event("planned", "The upcoming meeting in Bergen may open trade, "
                                                 "Professor Ann Lee said.", claimed_by="Professor Ann Lee",
                                                 place="Bergen", people=("NOR", "FIN", "SWE")), "s1"),
    ]
    (plan,) = track_plans(items)
    assert [u.change for u in plan.history] == ["announced"]
    assert [(c.change, c.announced_by, c.outlet) for c in plan.comments] == [
        ("commented", "Professor Ann Lee", "Lake Post")]
    # A comment announces nothing: it adds no place and no participant to the plan.
    assert plan.place is None and "SWE" not in plan.participants
    assert plan.to_json()["comments"][0]["evidence"].startswith("The upcoming meeting")


def _row(article_id, published, story_id, status, time=None, place="Bergen", people=("NOR", "FIN")):
    text = f"Sentence {article_id} about the ministers of {' and '.join(people)}."
    return {"article_id": article_id, "start": 0, "end": len(text), "evidence": text, "type": "CONSULT",
            "mode": None, "time": time, "place": place, "status": status, "claimed_by": None,
            "source": [{"text": people[0], "code": people[0]}], "target": [{"text": p, "code": p} for p in people[1:]],
            "outlet": "Fjord Wire", "published": published, "story_id": story_id}


def _view(rows):
    return EventsView(None, rows, lambda ids: {})


def test_overdue_is_judged_as_of_the_latest_report_of_the_plans_story():
    rows = [
        # Story s1 went on after the week the meeting was due, with no news of it: overdue.
        _row(1, "2021-01-10", "s1", "planned", time="2021-W05"),
        _row(2, "2021-03-01", "s1", "occurred", place="Oslo", people=("DNK", "ISL")),
        # Story s2's last report came before its meeting was due: nothing says it is late.
        _row(3, "2021-01-10", "s2", "planned", time="2021-W05", people=("EST", "LVA")),
    ]
    plans = {p["story_id"]: p for p in store_plans(_view(rows))}
    assert plans["s1"]["overdue"] and plans["s1"]["as_of"] == "2021-03-01"
    assert not plans["s2"]["overdue"] and plans["s2"]["as_of"] == "2021-01-10"
    # A day given (`newsweave plans --today`) judges every plan as of that day.
    late = store_plans(_view(rows), today=date(2021, 2, 15))
    assert all(p["overdue"] and p["as_of"] == "2021-02-15" for p in late)


def test_the_plans_text_says_no_date_yet_and_what_overdue_was_judged_against():
    rows = [_row(1, "2021-01-10", "s1", "planned"), _row(2, "2021-01-10", "s2", "planned", time="2021-W05",
                                                         people=("EST", "LVA"))]
    text = render("plans", "text", store_plans(_view(rows), today=date(2021, 3, 1)))
    assert "due ?" not in text and "no date yet" in text
    assert "OVERDUE[/] (no news of it by 2021-03-01)" in text


def test_a_participant_or_an_earlier_announcer_is_no_third_party_even_uncoded():
    def said(text, claimed_by, people):
        return Event(type="CONSULT", evidence=Span(0, len(text), text), status="planned", place="Port Elsin",
                     source=[Actor(text=p) for p in people[:1]], target=[Actor(text=p) for p in people[1:]],
                     claimed_by=claimed_by)

    items = [("a1", "Ledger", "2031-05-02", said("Prime Minister Elena Sorvik said she would meet Tomas Adeyemi.",
                                                 "Prime Minister Elena Sorvik", ("Elena Sorvik", "Tomas Adeyemi")), "s1"),
             ("a2", "Courier", "2031-05-03", said("The summit in Port Elsin will go ahead, Tomas Adeyemi said.",
                                                  "Tomas Adeyemi", ()), "s1"),
             ("a3", "Courier", "2031-05-04", said("The summit in Port Elsin is on, Elena Sorvik said.",
                                                  "Elena Sorvik", ()), "s1"),
             ("a4", "Courier", "2031-05-04", said("The summit in Port Elsin will be a turning point, "
                                                  "Professor Ann Lee said.", "Professor Ann Lee", ()), "s1")]
    (plan,) = track_plans(items)
    assert [(u.change, u.announced_by) for u in plan.history] == [
        ("announced", "Prime Minister Elena Sorvik"), ("confirmed", "Tomas Adeyemi"), ("confirmed", "Elena Sorvik")]
    assert [c.announced_by for c in plan.comments] == ["Professor Ann Lee"]
