"""Search: word forms through the stemming index (also for stores built before it), the query syntax,
filters, facets and sort, and the bounds that keep one query from tying up the store or the server."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import date

import pytest

from newsweave.errors import StoreError
from newsweave.model import Article
from newsweave.store import Store, search_articles
from newsweave.store.migrations import MIGRATIONS
from newsweave.store.queries import SearchStopped, fts_query, search_facets

TEXTS = [
    ("Kyiv asks for Tomahawks", "Ukraine asked again for Tomahawks on Friday, officials said.", "Harbour Times", 10),
    ("Putin posts on Truth Social", "Putin and Trump spoke; the call was first reported on Truth Social.",
     "Portville Post", 12),
    ("Dock strike ends", "The dock strike ended after workers voted.", "Harbour Times", 14),
]


def _fill(store: Store) -> list[int]:
    return [store.add_article(Article(text=text, title=title, outlet=outlet, published=date(2025, 10, day))).article_id
            for title, text, outlet, day in TEXTS]


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "s.db") as s:
        _fill(s)
        yield s


def test_word_forms_match(store):
    hits = search_articles(store, "Tomahawk")
    assert [h["title"] for h in hits] == ["Kyiv asks for Tomahawks"]
    assert "[Tomahawks]" in hits[0]["snippet"]
    assert search_articles(store, "strikes")[0]["title"] == "Dock strike ends"


def test_a_store_made_before_stemming_gets_its_index_rebuilt(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for name, migrate in MIGRATIONS:
        if name < "006":  # the schema as it was before word forms
            db.executescript(migrate())
            db.execute("INSERT INTO _migrations VALUES (?, datetime('now'))", (name,))
    db.execute("INSERT INTO articles(content_hash, text, words, ingested_at) VALUES ('h', 'They want Tomahawks.', 3, 'x')")
    assert db.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Tomahawk'").fetchone()[0] == 0
    db.close()
    with Store(path) as store:  # opening applies the migration in place
        assert [h["id"] for h in search_articles(store, "Tomahawk")] == [1]
        store.add_article(Article(text="More Tomahawks were promised."))  # the triggers write the new index
        assert len(search_articles(store, "tomahawk")) == 2


def test_operators_are_not_words(store):
    hits = search_articles(store, 'Putin AND "Truth Social"')
    assert [h["title"] for h in hits] == ["Putin posts on Truth Social"]
    marked = [p["text"].lower() for p in hits[0]["snippet_parts"] if p["match"]]
    assert set(marked) == {"putin", "truth social"}  # the phrase is marked whole, "and" not at all
    assert {h["title"] for h in search_articles(store, "Tomahawks OR strike")} == {
        "Kyiv asks for Tomahawks", "Dock strike ends"}
    assert search_articles(store, "Putin NOT Trump") == []
    assert search_articles(store, "Putin -Trump") == []
    assert [h["title"] for h in search_articles(store, "Tomah*")] == ["Kyiv asks for Tomahawks"]


@pytest.mark.parametrize(("query", "message"), [
    ("NOT Trump", "NOT needs a word before it"),
    ("Putin OR NOT Trump", "cannot read OR NOT"),
    ('"" ()', "nothing to search for"),
    (" ".join(["word"] * 33), "has 33 words; at most 32"),
    ("x" * 513, "513 characters long; at most 512"),
])
def test_queries_it_cannot_read_are_refused_with_a_reason(store, query, message):
    with pytest.raises(StoreError, match=message):
        fts_query(query)


def test_a_two_thousand_word_query_is_refused_at_once(store):
    start = time.monotonic()
    with pytest.raises(StoreError, match="at most"):
        search_articles(store, " ".join(["a"] * 2000))
    assert time.monotonic() - start < 1


def test_a_search_stops_at_its_time_limit_or_when_its_asker_has_gone(store):
    with store.atomic():  # enough matches that the query runs thousands of SQLite steps
        for n in range(300):
            store.add_article(Article(text=f"Report {n}: officials said the strike goes on.", outlet="Wire"))
    with pytest.raises(SearchStopped, match="longer than 0 s"):
        search_articles(store, "officials OR strike OR said", time_limit=0)
    with pytest.raises(SearchStopped, match="client left"):
        search_articles(store, "officials OR strike OR said", cancelled=lambda: True, time_limit=None)
    assert search_articles(store, "strike")  # the handler is removed afterwards


def test_filters_sort_and_facets(store):
    assert [h["title"] for h in search_articles(store, "said OR reported OR voted", sort="date")] == [
        "Dock strike ends", "Putin posts on Truth Social", "Kyiv asks for Tomahawks"]
    only = search_articles(store, "said OR reported OR voted", outlet="harbour times")
    assert {h["outlet"] for h in only} == {"Harbour Times"} and len(only) == 2
    assert [h["title"] for h in search_articles(store, "said OR reported OR voted", since="2025-10-11",
                                                until="2025-10-13")] == ["Putin posts on Truth Social"]
    facets = search_facets(store, "said OR reported OR voted", outlet="Harbour Times")
    assert facets == {"total": 2, "outlets": {"Harbour Times": 2, "Portville Post": 1}, "months": {"2025-10": 2}}
    with pytest.raises(StoreError, match="unknown sort"):
        search_articles(store, "strike", sort="size")


def test_web_search_filters_facets_and_refusals(tmp_path, store):
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient

    from newsweave.api import create_app

    empty = tmp_path / "empty.db"
    Store(empty).close()
    with TestClient(create_app(store.path)) as client:
        data = client.get("/search.json", params={"q": "Tomahawk", "sort": "date"}).json()
        assert [r["title"] for r in data["results"]] == ["Kyiv asks for Tomahawks"]
        assert data["facets"]["outlets"] == {"Harbour Times": 1} and data["store_empty"] is False
        none = client.get("/search", params={"q": "zeppelin"})
        assert "Nothing matched" in none.text
        start = time.monotonic()
        long = client.get("/search.json", params={"q": " ".join(["a"] * 2000)})
        assert long.status_code == 400 and "at most 512" in long.json()["error"]
        assert time.monotonic() - start < 2
        assert client.get("/search.json", params={"q": "x", "sort": "size"}).status_code == 400
        assert client.get("/search.json", params={"q": "x", "since": "17/10/2025"}).status_code == 400
    with TestClient(create_app(empty)) as client:
        assert client.get("/search.json", params={"q": "zeppelin"}).json()["store_empty"] is True
        assert "holds no articles yet" in client.get("/search", params={"q": "zeppelin"}).text


def test_the_server_tells_a_search_its_client_has_gone():
    """The watcher of a search request: once the ASGI server says the client disconnected, the work
    running in its thread sees ``CLIENT_GONE`` turn true (the search's progress handler then stops it)."""
    import anyio
    from starlette.requests import Request

    from newsweave.api import views
    from newsweave.api.app import _while_connected

    left = threading.Event()

    async def receive():  # as uvicorn's: a message when there is one, else wait (cancellable)
        if left.is_set():
            return {"type": "http.disconnect"}
        await anyio.sleep_forever()

    def work():
        gone = views.CLIENT_GONE.get()
        threading.Timer(0.1, left.set).start()
        deadline = time.monotonic() + 5
        while not gone():
            assert time.monotonic() < deadline, "the work was never told"
            time.sleep(0.01)
        return "stopped"

    request = Request({"type": "http", "method": "GET", "path": "/search", "headers": [], "query_string": b""},
                      receive)
    assert anyio.run(_while_connected, request, work) == "stopped"
    assert views.CLIENT_GONE.get() is None


def test_the_story_list_tells_an_empty_store_from_no_match(tmp_path, store):
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient

    from newsweave.api import create_app

    empty = tmp_path / "empty.db"
    Store(empty).close()
    with TestClient(create_app(empty)) as client:
        assert client.get("/stories.json").json()["store_empty"] is True
        assert "the store holds no articles" in client.get("/stories").text
    with TestClient(create_app(store.path)) as client:  # articles, none processed into stories
        assert client.get("/stories.json").json()["store_empty"] is False
        assert "process the stored articles" in client.get("/stories").text
        assert "No story matched these filters" in client.get("/stories", params={"outlet": "Nowhere"}).text


def test_a_real_server_stops_a_search_whose_client_hung_up(tmp_path, store, monkeypatch):
    """Over uvicorn and a real socket: the client sends a search and hangs up; the search's work is told
    within a fraction of a second (the view here waits for that, as SQLite's progress handler does)."""
    import socket

    import uvicorn

    from newsweave.api import create_app, views

    told = threading.Event()

    def slow_search(store, params):
        gone = views.CLIENT_GONE.get()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if gone is not None and gone():
                told.set()
                raise StoreError("stopped")
            time.sleep(0.01)
        return views.Page("search.html", {})

    monkeypatch.setattr(views, "search_page", slow_search)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store.path), host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
        client = socket.create_connection(("127.0.0.1", port))
        client.sendall(b"GET /search.json?q=strike HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        time.sleep(0.3)
        client.close()
        assert told.wait(3), "the search was never told its client had gone"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
