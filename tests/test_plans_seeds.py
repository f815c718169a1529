"""The plans a careful reader sees in the two seed articles (../shared/seeds), end to end through the
store: four plans, none merged, none credited to a pronoun, and the undated summit still visible."""

from __future__ import annotations

from datetime import date

import pytest

pytestmark = pytest.mark.slow

_PRONOUNS = {"he", "she", "it", "they", "we", "i", "him", "them"}


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory, seeds_dir):
    from newsweave.jobs import ingest_paths, process_store
    from newsweave.store import Store

    path = tmp_path_factory.mktemp("seeds") / "store.db"
    with Store(path, create=True) as store:
        ingest_paths(store, [str(seeds_dir)])
        process_store(store)
    return path


@pytest.fixture(scope="module")
def plans(seed_store):
    from newsweave.analyze.plans import store_plans
    from newsweave.store import Store

    with Store(seed_store) as store:
        return store_plans(store, today=date(2025, 10, 18))


def _names(plan):
    return " ".join(plan["participant_names"])


def _one(plans, *names):
    found = [p for p in plans if all(n in _names(p) for n in names)]
    assert len(found) == 1, [(p["label"], p["due"]) for p in plans]
    return found[0]


def test_four_plans_none_merged(plans):
    assert len(plans) == 4, [(p["label"], p["due"]) for p in plans]
    assert all(p["type"] == "CONSULT" for p in plans)


def test_the_budapest_summit_has_no_date_yet(plans):
    summit = _one(plans, "Trump", "Putin")
    assert summit["place"] == "Budapest" and summit["due"] is None and not summit["overdue"]
    assert "Zelensky" not in _names(summit)
    history = summit["history"]
    assert history[0]["change"] == "announced" and "Trump" in history[0]["announced_by"]
    assert any(u["change"] == "confirmed" and "Ushakov" in (u["announced_by"] or "") for u in history)
    # A speaker reads alike in every update: the full name, not "Trump" here and a title there, and one
    # spelling (AFP's "Yuri", TASS's "Yury").
    assert {u["announced_by"] for u in history} == {"Donald Trump", "Yuri Ushakov"}
    # Bill Boerum's hopes (a third party) are no update of the plan: kept apart as a comment.
    assert not [u for u in history if "Boerum" in (u["announced_by"] or "")]
    (boerum,) = summit["comments"]
    assert boerum["change"] == "commented" and boerum["announced_by"] == "Bill Boerum"
    assert boerum["outlet"] == "TASS" and boerum["start"] is not None and "upcoming meeting" in boerum["evidence"]


def test_the_advisers_meeting_is_next_week(plans):
    advisers = [p for p in plans if p["due"] == "2025-W43"]
    assert len(advisers) == 1
    assert "Trump" not in _names(advisers[0]) and "Putin" not in _names(advisers[0])
    assert advisers[0]["history"][0]["announced_by"] == "Donald Trump"  # "He added ..." resolved


def test_the_rubio_lavrov_call_and_the_zelensky_meeting(plans):
    call = _one(plans, "Rubio", "Lavrov")
    # "Preparations will start in the next few days, with a phone conversation between ...": due within
    # a week of the Friday 2025-10-17 report.
    assert call["mode"] == "phone" and call["status"] == "dated" and call["due"] == "2025-10-18/2025-10-24"
    zelensky = _one(plans, "Trump", "Zelensky")
    assert "Putin" not in _names(zelensky) and zelensky["place"] == "White House"


def test_no_update_is_credited_to_a_pronoun(plans):
    for p in plans:
        for u in p["history"]:
            assert u["announced_by"] and u["announced_by"].strip().lower() not in _PRONOUNS, p["label"]


def test_thursday_phone_call_is_a_consult_that_occurred(seed_store):
    from newsweave.store import Store
    from newsweave.store.web_queries import events_with_articles

    with Store(seed_store) as store:
        rows = events_with_articles(store)
    def people(r):
        return " ".join(a["text"] for a in [*r["source"], *r["target"]])

    calls = [r for r in rows if r["type"] == "CONSULT" and r["mode"] == "phone" and r["status"] == "occurred"]
    # "after a phone call between the two leaders" and "Thursday's conversation": one call, Trump and Putin's.
    assert calls and all(r["time"] == "2025-10-16" for r in calls)
    assert all("Trump" in people(r) and "Putin" in people(r) for r in calls)


def test_undated_summit_stays_in_timeline_and_digest(seed_store):
    from newsweave.analyze.digest import digest
    from newsweave.analyze.timeline import render_timeline, story_timeline
    from newsweave.store import Store, list_stories

    with Store(seed_store) as store:
        story = list_stories(store, limit=1)[0]["id"]
        tl = story_timeline(store, story)
        d = digest(store)
    summit = [p for p in tl["undated_plans"] if "Budapest" in p["what"]]
    assert len(summit) == 1 and "Putin" in summit[0]["what"]
    assert "Budapest — planned, no date yet" in render_timeline(tl)
    items = [i for s in d["story_digests"] for i in s["timeline"]]
    assert any("Budapest" in i["what"] and "planned, no date yet" in i["what"] for i in items)


def test_undated_summit_on_the_story_page(seed_store):
    from starlette.testclient import TestClient

    from newsweave.api import create_app
    from newsweave.store import Store, list_stories

    with Store(seed_store) as store:
        story = list_stories(store, limit=1)[0]["id"]
    with TestClient(create_app(seed_store, token=None)) as client:
        page = client.get(f"/stories/{story}")
        data = client.get(f"/stories/{story}.json").json()
    assert page.status_code == 200 and "no date yet" in page.text
    summit = [p for p in data["plans"] if p["place"] == "Budapest"]
    assert len(summit) == 1 and summit[0]["due"] is None


def test_the_rubio_lavrov_call_is_announced_by_the_outlet_not_by_rubio(plans):
    # "Preparations will start in the next few days, with a phone conversation between ... Rubio and
    # ... Lavrov": TASS's own sentence, after Ushakov's; Rubio is only named in it.
    call = _one(plans, "Rubio", "Lavrov")
    assert [(u["change"], u["announced_by"]) for u in call["history"]] == [("announced", "TASS")]


def test_no_plan_is_overdue_as_of_its_storys_latest_report(seed_store):
    from newsweave.analyze.plans import store_plans
    from newsweave.renderers import render
    from newsweave.store import Store

    with Store(seed_store) as store:
        plans = store_plans(store)  # no day given: the advisers' week (2025-W43) is after the last report
        late = store_plans(store, today=date(2025, 11, 3))
    assert not any(p["overdue"] for p in plans) and {p["as_of"] for p in plans} == {"2025-10-17"}
    # the advisers' week and the Rubio-Lavrov call's week after the report are both past on 3 November
    assert sorted(p["due"] for p in late if p["overdue"]) == ["2025-10-18/2025-10-24", "2025-W43"]
    text = render("plans", "text", plans)
    assert "due ?" not in text and text.count("no date yet") == 2 and "OVERDUE" not in text
    assert "comment by Bill Boerum" in text


def test_the_boerum_comment_on_the_story_page(seed_store):
    from starlette.testclient import TestClient

    from newsweave.api import create_app
    from newsweave.store import Store, list_stories

    with Store(seed_store) as store:
        story = list_stories(store, limit=1)[0]["id"]
    with TestClient(create_app(seed_store, token=None)) as client:
        page = client.get(f"/stories/{story}").text
        plans_page = client.get("/plans").text
    assert "comment by Bill Boerum, not a participant" in page
    assert "comment by Bill Boerum, not a participant" in plans_page and "latest report of its story" in plans_page
