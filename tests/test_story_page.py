"""The story page as a place to work: filters on the page's own route (HTML and JSON alike), the coverage
matrix, attention over time (story, entity, search), named entities by default, evidence links that say
what they point to, and coarse or missing dates drawn as such. Over the hand-filled store of test_api
(real SQLite, the real app through the in-process client)."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient
from test_api import TEXT_A, TEXT_B, _fill

from newsweave.analyze.attention import attention
from newsweave.analyze.coverage import coverage_matrix
from newsweave.api import create_app
from newsweave.api.charts import timeline_svg
from newsweave.api.sections import chart_items
from newsweave.model import Entity
from newsweave.store import Store
from newsweave.store.outlets import import_outlets


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = tmp_path_factory.mktemp("story-page") / "news.db"
    with Store(path) as store:
        _fill(store)
        # A description the linker kept as an entity: listed only when all entities are asked for.
        store.save_entities([Entity("Q-council", "city council", "NOMINAL", {"city council"})])
        store.db.execute("UPDATE mentions SET entity_id = 'Q-council' WHERE text = 'city council'")
        store.db.commit()
        import_outlets(store, [{"name": "Harbour Times", "country": "PV", "owner": "Harbour Media", "language": "en",
                                "lean": None},
                               {"name": "portville post", "country": "XY", "owner": None, "language": "en",
                                "lean": "centre (per the user's register)"}], origin="test")
    with TestClient(create_app(path)) as c:
        yield c


def _quotes(client, query: str = "") -> list[dict]:
    return client.get(f"/stories/S-bridge.json{query}").json()["quotes"]


def test_filters_narrow_quotes_in_json_and_html(client):
    assert len(_quotes(client)) == 3
    assert {q["outlet"] for q in _quotes(client, "?outlet=Portville+Post")} == {"Portville Post"}
    assert {q["kind"] for q in _quotes(client, "?kind=direct")} == {"direct"} and len(_quotes(client, "?kind=direct")) == 2
    assert {q["speaker_entity_id"] for q in _quotes(client, "?speaker=Q-lopez")} == {"Q-lopez"}
    assert len(_quotes(client, "?speaker=tom+reed")) == 1  # a name, without regard to case
    assert [q["outlet"] for q in _quotes(client, "?country=pv")] == ["Harbour Times", "Harbour Times"]
    assert [q["published"] for q in _quotes(client, "?since=2025-02-25&until=2025-02-25")] == ["2025-02-25"]
    data = client.get("/stories/S-bridge.json?outlet=Portville+Post&kind=direct").json()
    assert data["filters"]["outlet"] == ["Portville Post"] and data["filters"]["kind"] == "direct"
    assert data["totals"]["quotes"] == 3 and len(data["quotes"]) == 1
    assert [g["speaker"] for g in data["speakers"]] == ["Tom Reed"]
    assert {a["outlet"] for a in data["articles"]} == {"Portville Post"}
    assert all(set(e["outlets"]) <= {"Portville Post"} for e in data["timeline"])
    html = client.get("/stories/S-bridge?outlet=Portville+Post&kind=direct").text
    quotes = html.split('<section id="quotes">', 1)[1].split("</section>", 1)[0]
    assert "Safety comes first." in quotes and "We are ready" not in quotes
    assert "Filtered: 1 of 2 articles, 1 of 3 quotes" in html
    # The form keeps what was chosen, and offers the story's outlets, speakers, kinds and event types.
    assert re.search(r'<option value="Portville Post" selected>', html)
    assert '<option value="COOPERATE">' in html and '<option value="Q-reed">' in html


def test_event_type_filter_keeps_that_type_only(client):
    data = client.get("/stories/S-bridge.json?event=cooperate").json()
    assert data["events"] and {e["type"] for e in data["events"]} == {"COOPERATE"}
    assert data["timeline"] and all(r["kind"] in ("event", "plan") for e in data["timeline"] for r in e["reports"])
    none = client.get("/stories/S-bridge.json?event=PROTEST").json()
    assert none["events"] == [] and none["timeline"] == [] and none["plans"] == []
    assert "No dated item matches these filters." in client.get("/stories/S-bridge?event=PROTEST").text


@pytest.mark.parametrize(("query", "message"), [
    ("kind=shouted", "kind must be one of direct, indirect, mixed"),
    ("since=yesterday", "since must be a date as YYYY-MM-DD"),
    ("since=2025-03-01&until=2025-02-01", "since (2025-03-01) is after until (2025-02-01)"),
    ("entities=some", "entities must be named or all"),
    ("outlet=" + "x" * 201, "outlet is longer than 200 characters"),
])
def test_bad_filters_are_refused_saying_why(client, query, message):
    answer = client.get(f"/stories/S-bridge.json?{query}")
    assert answer.status_code == 400 and message in answer.json()["error"]
    assert client.get(f"/stories/S-bridge?{query}").status_code == 400


def test_entity_list_is_named_entities_unless_all_are_asked_for(client):
    named = client.get("/stories/S-bridge.json").json()
    assert "city council" not in {e["name"] for e in named["entities"]}
    assert named["totals"]["entities"] == len(named["entities"]) + 1
    every = client.get("/stories/S-bridge.json?entities=all").json()
    assert "city council" in {e["name"] for e in every["entities"]}
    html = client.get("/stories/S-bridge?kind=direct").text
    toggle = re.search(r'<a class="toggle" href="([^"]+)">show all', html).group(1)
    assert toggle == "?kind=direct&amp;entities=all#entities"  # the other filters are kept
    assert "city council" in client.get("/stories/S-bridge?entities=all").text


def test_outlet_metadata_is_shown_on_the_story_page(client):
    data = client.get("/stories/S-bridge.json").json()
    assert data["outlet_info"]["Harbour Times"] == {"country": "PV", "owner": "Harbour Media", "language": "en",
                                                    "lean": None}
    assert data["outlet_info"]["Portville Post"]["lean"] == "centre (per the user's register)"
    html = client.get("/stories/S-bridge").text
    assert "owner: Harbour Media" in html and '<option value="XY">' in html
    # The story list filters by country too.
    assert [s["id"] for s in client.get("/stories.json?country=xy").json()["stories"]] == ["S-bridge"]
    assert client.get("/stories.json?country=DE").json()["stories"] == []


def test_evidence_links_say_outlet_date_and_words(client):
    html = client.get("/stories/S-bridge").text
    quote = next(q for q in _quotes(client) if q["kind"] == "direct" and q["outlet"] == "Harbour Times")
    link = re.search(rf'<a class="evidence" href="/articles/\d+#c{quote["start"]}-{quote["end"]}"[^>]*>([^<]+)</a>', html)
    assert link and link.group(1) == "Harbour Times, 2025-02-24"
    # Timeline reports: outlet, date and the first quoted words, not a bare number.
    reports = re.findall(r'<a class="evidence ev-report" href="[^"]+" title="[^"]+">([^<]+)</a>', html)
    assert reports and all(re.match(r"(Harbour Times|Portville Post), 2025-02-2\d: “.+”", r) for r in reports)
    assert 'class="ev-n"' not in html


def test_coverage_matrix_shows_who_carried_and_who_left_out(client):
    data = client.get("/stories/S-bridge.json").json()
    coverage = data["coverage"]
    assert coverage["outlets"] == ["Harbour Times", "Portville Post"]
    claims = sum(o["claims"] for o in data["comparison"]["outlets"])
    assert claims and len(coverage["rows"]) == claims  # every claim once (none shared in this store)
    for row in coverage["rows"]:
        (outlet,) = row["carried"]
        assert row["missing"] == [o for o in coverage["outlets"] if o != outlet]
        cell = row["carried"][outlet]
        assert cell["text"] in (TEXT_A if outlet == "Harbour Times" else TEXT_B) and not cell["reprint"]
    html = client.get("/stories/S-bridge").text
    table = html.split('<table class="coverage">', 1)[1].split("</table>", 1)[0]
    assert table.count('class="cell carried"') == sum(len(r["carried"]) for r in coverage["rows"][:12])
    assert "not in Portville Post" in table or "not in Harbour Times" in table


def test_coverage_matrix_counts_a_reprint_as_a_copy():
    comparison = {"outlets": [{"outlet": "Wire Daily", "only_here": [
        {"outlet": "Wire Daily", "article_id": 1, "start": 0, "end": 20, "text": "The dam opens Monday."}]},
        {"outlet": "Own Post", "only_here": []}],
        "shared_claims": [{"outlets": ["Own Post", "Wire Daily"], "claims": [
            {"outlet": "Own Post", "article_id": 3, "start": 5, "end": 30, "text": "Farmers protested in Oster."},
            {"outlet": "Wire Daily", "article_id": 1, "start": 21, "end": 50, "text": "Farmers protested at Oster."}]}]}
    articles = [{"id": 1, "outlet": "Wire Daily", "wire": None, "published": "2026-01-01", "copy_of": None},
                {"id": 2, "outlet": "Reprint Gazette", "wire": "CPA", "published": "2026-01-02", "copy_of": 1},
                {"id": 3, "outlet": "Own Post", "wire": None, "published": "2026-01-02", "copy_of": None}]
    matrix = coverage_matrix(comparison, articles)
    assert matrix["outlets"] == ["Own Post", "Reprint Gazette", "Wire Daily"]
    shared, row = matrix["rows"]  # shared claims first
    assert shared["shared"] and set(shared["carried"]) == set(matrix["outlets"]) and shared["missing"] == []
    assert shared["carried"]["Reprint Gazette"]["reprint"] and not shared["carried"]["Own Post"]["reprint"]
    assert row["carried"]["Reprint Gazette"] == {"article_id": 2, "start": 0, "end": 20, "text": "The dam opens Monday.",
                                                 "published": "2026-01-02", "reprint": True}
    assert row["missing"] == ["Own Post"] and row["shared"] is False


def test_attention_counts_articles_per_day_and_per_week_over_a_long_span():
    short = attention([("2026-03-02", "A"), ("2026-03-02", "A"), ("2026-03-04", "B"), (None, "B")])
    assert short["unit"] == "day" and short["periods"] == ["2026-03-02", "2026-03-03", "2026-03-04"]
    assert short["outlets"] == {"A": {"2026-03-02": 2}, "B": {"2026-03-04": 1}} and short["undated"] == 1
    long = attention([("2026-01-01", "A"), ("2026-01-03", "A"), ("2026-06-30", "A")])
    assert long["unit"] == "week" and long["periods"][0] == "2025-12-29"  # weeks start on Monday
    assert long["outlets"]["A"]["2025-12-29"] == 2 and long["total"] == 3


def test_attention_for_story_entity_and_search(client):
    story = client.get("/stories/S-bridge.json").json()["attention"]
    assert story["outlets"] == {"Harbour Times": {"2025-02-24": 1}, "Portville Post": {"2025-02-25": 1}}
    assert 'class="chart attention-chart"' in client.get("/stories/S-bridge").text
    entity = client.get("/entities/Q-lopez.json").json()["attention"]
    assert entity["outlets"] == {"Harbour Times": {"2025-02-24": 1}}
    assert "attention-chart" in client.get("/entities/Q-lopez").text
    search = client.get("/search.json?q=bridge").json()
    assert search["attention"]["total"] == search["facets"]["total"] == 2
    assert "articles" not in search["facets"]
    assert "attention-chart" in client.get("/search?q=bridge").text


def test_month_and_week_dates_are_spans_and_undated_plans_say_so():
    def href(article_id, start, end):
        return f"/articles/{article_id}#c{start}-{end}"

    entries = [{"date": value, "kind": "event", "status": "occurred", "what": f"item {value}", "outlet": "A",
                "article_id": 1, "evidence": {"start": 0, "end": 4}} for value in ("2025-08", "2025-W42", "2025-10-16")]
    plans = [{"label": "CONSULT", "status": "planned", "due": None,
              "history": [{"outlet": "A", "article_id": 1, "start": 5, "end": 9}]}]
    items = chart_items(entries, href, plans)
    month = next(i for i in items if i["label"] == "item 2025-08")
    assert (month["date"], month["until"], month["precision"]) == ("2025-08-01", "2025-08-31", "month")
    svg = str(timeline_svg(items, {"A": 0}))
    assert svg.count('class="span-mark"') == 2 and svg.count('class="day-mark"') == 1
    assert "2025-08 (month: 2025-08-01 to 2025-08-31)" in svg
    assert "no date yet" in svg and svg.count('class="undated-mark"') == 1
    # The day mark is the 16 October item alone: nothing is drawn as a dot on the 1st of August.
    assert "2025-08-01 · A" not in svg


def test_story_page_first_render_reads_the_story_once(client, monkeypatch):
    """The new sections come from the story already read: one story_detail per render."""
    from newsweave.api import views

    calls = []
    real = views.story_detail
    monkeypatch.setattr(views, "story_detail", lambda store, story_id: calls.append(story_id) or real(store, story_id))
    with Store(client.app.state.db_path, create=False, readonly=True) as store:
        views.story_page(store, "S-bridge", {"kind": "direct"})
    assert calls == ["S-bridge"]




@pytest.mark.slow
def test_seed_story_draws_a_week_as_a_span_and_undated_plans_as_such(tmp_path, seeds_dir):
    """The seed reports, processed for real: a date known only to its week (2025-W43) is a bar over the
    week, not a dot on its Monday; the Budapest summit, planned with no date yet, sits in the "no date
    yet" column."""
    from newsweave.jobs import ingest_paths, process_store
    from newsweave.store import list_stories

    path = tmp_path / "seeds.db"
    with Store(path, create=True) as store:
        ingest_paths(store, [str(seeds_dir)])
        process_store(store)
        story = list_stories(store, limit=1)[0]["id"]
    with TestClient(create_app(path)) as c:
        data = c.get(f"/stories/{story}.json").json()
        html = c.get(f"/stories/{story}").text
    weeks = [e["date"] for e in data["timeline"] if e["precision"] == "week"]
    assert weeks
    chart = html.split('<svg class="chart timeline-chart"', 1)[1].split("</svg>", 1)[0]
    for week in weeks:
        assert re.search(rf'class="span-mark"><title>{week} \(week: \d{{4}}-\d{{2}}-\d{{2}} to ', chart), week
    undated = re.findall(r'class="undated-mark"><title>([^<]+)</title>', chart)
    budapest = next(p for p in data["plans"] if p["place"] == "Budapest")
    assert budapest["due"] is None and any(budapest["label"] in t and "no date yet" in t for t in undated)
