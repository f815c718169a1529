"""The web UI and HTTP API through Starlette's in-process client: every route as HTML and JSON,
escaping of stored text, guarded writes, upload limits, 404s, and the OpenAPI document.

The store is filled by hand (``Store.add_article`` + ``save_extraction`` + story links) from articles
written here, so these tests are fast and do not depend on the extraction stages; one slow test runs
the real pipeline end to end.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient

from newsweave.api import create_app
from newsweave.api.highlight import Highlight, highlight_text
from newsweave.api.openapi import JSON_ROUTES
from newsweave.extract.statement_dates import statement_dates_stage
from newsweave.model import (
    Actor,
    Article,
    Attribution,
    Entity,
    Event,
    Extraction,
    Mention,
    Span,
    Timex,
)
from newsweave.settings import Settings
from newsweave.store import Store

XSS = "<script>alert(1)</script>"

TEXT_A = (
    "Mayor Ana Lopez said on Monday that the harbour bridge will reopen on 3 March. "
    "\"We are ready,\" Lopez told reporters in Portville."
)
TEXT_B = (
    "The city council said the bridge would reopen on 10 March, a week later than announced. "
    "Council speaker Tom Reed said: \"Safety comes first.\""
)
TEXT_X = f"Officials said {XSS} was found. \"{XSS} & more,\" said {XSS}."


def _span(text: str, needle: str, after: int = 0) -> Span:
    start = text.index(needle, after)
    return Span(start, start + len(needle), needle)


def _mention(text: str, needle: str, label: str, entity_id: str | None, after: int = 0) -> Mention:
    s = _span(text, needle, after)
    return Mention(s.start, s.end, s.text, label, entity_id=entity_id)


def _fill(store: Store) -> dict:
    a = Article(text=TEXT_A, published=date(2025, 2, 24), outlet="Harbour Times", title="Bridge to reopen",
                url="https://example.org/a")
    b = Article(text=TEXT_B, published=date(2025, 2, 25), outlet="Portville Post", title=None,
                url="https://example.org/b")
    x = Article(text=TEXT_X, published=date(2025, 2, 26), outlet=XSS, title=f"Title {XSS}", wire="AFP")
    ids = {k: store.add_article(v).article_id for k, v in {"a": a, "b": b, "x": x}.items()}
    store.save_entities([
        Entity("Q-lopez", "Ana Lopez", "PERSON", {"Ana Lopez", "Lopez"}),
        Entity("Q-reed", "Tom Reed", "PERSON", {"Tom Reed"}),
        Entity("Q-xss", XSS, "PERSON", {XSS}),
    ])

    ex_a = Extraction(article=a)
    ex_a.mentions = [_mention(TEXT_A, "Ana Lopez", "PERSON", "Q-lopez"),
                     _mention(TEXT_A, "Lopez", "PERSON", "Q-lopez", after=20),
                     _mention(TEXT_A, "Portville", "GPE", None)]
    quote_a = _span(TEXT_A, "We are ready,")
    ex_a.attributions = [
        Attribution(content=[_span(TEXT_A, "the harbour bridge will reopen on 3 March")], kind="indirect",
                    source=_span(TEXT_A, "Mayor Ana Lopez"), cue=_span(TEXT_A, "said"),
                    speaker=ex_a.mentions[0]),
        Attribution(content=[quote_a], kind="direct", source=_span(TEXT_A, "Lopez", after=quote_a.end),
                    cue=_span(TEXT_A, "told"), speaker=ex_a.mentions[1]),
    ]
    ex_a.timexes = [Timex(*_span(TEXT_A, "Monday").to_json().values(), type="DATE", value="2025-02-24"),
                    Timex(*_span(TEXT_A, "3 March").to_json().values(), type="DATE", value="2025-03-03")]
    ex_a.events = [Event(type="COOPERATE", evidence=_span(TEXT_A, "will reopen on 3 March"),
                         source=[Actor("Portville", code="PVL")], time="2025-03-03", status="planned",
                         claimed_by="Ana Lopez")]

    ex_b = Extraction(article=b)
    ex_b.mentions = [_mention(TEXT_B, "Tom Reed", "PERSON", "Q-reed"), _mention(TEXT_B, "city council", "ORG", None)]
    ex_b.attributions = [
        Attribution(content=[_span(TEXT_B, "Safety comes first.")], kind="direct",
                    source=_span(TEXT_B, "Council speaker Tom Reed"), cue=_span(TEXT_B, "said:"),
                    speaker=ex_b.mentions[0]),
    ]
    ex_b.timexes = [Timex(*_span(TEXT_B, "10 March").to_json().values(), type="DATE", value="2025-03-10")]
    ex_b.events = [Event(type="COOPERATE", evidence=_span(TEXT_B, "would reopen on 10 March"),
                         source=[Actor("Portville", code="PVL")], time="2025-03-10", status="planned")]

    ex_x = Extraction(article=x)
    ex_x.mentions = [_mention(TEXT_X, XSS, "PERSON", "Q-xss", after=TEXT_X.index("said", 30))]
    ex_x.attributions = [Attribution(content=[_span(TEXT_X, f"{XSS} & more,")], kind="direct",
                                     source=ex_x.mentions[0].to_span(), speaker=ex_x.mentions[0])]

    for key, ex in (("a", ex_a), ("b", ex_b), ("x", ex_x)):
        statement_dates_stage(ex, Settings())  # as `process` runs it after attribution
        store.save_extraction(ids[key], ex)
        store.set_mention_entities(ids[key], ex)
    for key in ("a", "b"):
        store.assign_story(ids[key], "S-bridge")
    store.assign_story(ids["x"], "S-xss")
    store.save_story("S-bridge", "Harbour bridge reopening")
    store.save_story("S-xss", f"Story {XSS}")
    return ids


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "news.db"
    with Store(path) as store:
        ids = _fill(store)
    return path, ids


@pytest.fixture(scope="module")
def client(db_path):
    path, _ = db_path
    with TestClient(create_app(path, token=None)) as c:
        yield c


@pytest.fixture(scope="module")
def ids(db_path):
    return db_path[1]


def _pages(ids):
    return [
        "/", "/stories", "/stories/S-bridge", f"/articles/{ids['a']}", f"/articles/{ids['x']}",
        "/entities", "/entities/Q-lopez", "/plans", "/search?q=bridge", "/stories/S-xss",
    ]


def test_every_page_in_both_formats(client, ids):
    for page in _pages(ids):
        html = client.get(page)
        assert html.status_code == 200, page
        assert html.headers["content-type"].startswith("text/html")
        path, _, query = page.partition("?")
        json_path = ("/index" if path == "/" else path) + ".json" + (f"?{query}" if query else "")
        js = client.get(json_path)
        assert js.status_code == 200, json_path
        assert js.headers["content-type"] == "application/json"
        assert js.json()


def test_stories_list_newest_first_with_filters(client, ids):
    data = client.get("/stories.json").json()
    assert [s["id"] for s in data["stories"]] == ["S-xss", "S-bridge"]
    bridge = data["stories"][1]
    assert bridge["outlets"] == ["Harbour Times", "Portville Post"]
    assert bridge["article_count"] == 2 and bridge["first"] == "2025-02-24" and bridge["last"] == "2025-02-25"
    only = client.get("/stories.json", params={"outlet": "portville post"}).json()["stories"]
    assert [s["id"] for s in only] == ["S-bridge"]
    assert client.get("/stories.json", params={"until": "2025-02-24"}).json()["stories"][0]["id"] == "S-bridge"
    paged = client.get("/stories.json", params={"limit": 1}).json()
    assert len(paged["stories"]) == 1 and paged["next_offset"] == 1
    assert client.get("/stories.json", params={"limit": "many"}).status_code == 400
    assert client.get("/stories", params={"since": "yesterday"}).status_code == 400


def test_story_page_sections_and_evidence_links(client, ids):
    data = client.get("/stories/S-bridge.json").json()
    assert {g["speaker"] for g in data["speakers"]} == {"Ana Lopez", "Tom Reed"}
    assert data["comparison"]["voice_share"] == {"Harbour Times": {"Ana Lopez": 2}, "Portville Post": {"Tom Reed": 1}}
    # The two reports give the reopening different dates: a conflict the reader should see.
    assert data["conflicts"]
    assert {d["date"] for d in data["conflicts"][0]["dates"]} == {"2025-03-03", "2025-03-10"}
    assert data["plans"] and all(p["history"] for p in data["plans"])
    html = client.get("/stories/S-bridge").text
    for heading in ("Articles", "Timeline", "Who said what", "Outlets compared", "Entities", "Plans"):
        assert f"<h2>{heading}" in html
    assert "<svg" in html and "timeline-chart" in html and "voice-chart" in html
    q = _span(TEXT_A, "We are ready,")
    start = TEXT_A.index("We are ready,")
    # The direct quote's evidence link lands on its span in the article.
    quote = next(x for x in data["quotes"] if x["kind"] == "direct" and x["article_id"] == ids["a"])
    link = f"/articles/{ids['a']}#c{quote['start']}-{quote['end']}"
    assert link in html
    article = client.get(f"/articles/{ids['a']}").text
    m = re.search(rf'<mark [^>]*id="c{quote["start"]}-{quote["end"]}"[^>]*>(.*?)</mark>', article, re.DOTALL)
    assert m, "evidence anchor missing"
    assert start >= quote["start"] and q.text in re.sub(r"<[^>]+>", "", article)


def test_article_highlights_in_place(client, ids):
    data = client.get(f"/articles/{ids['a']}.json").json()
    assert data["text"] == TEXT_A and len(data["attributions"]) == 2 and data["story_id"] == "S-bridge"
    html = client.get(f"/articles/{ids['a']}").text
    body = html.split('<div class="article-text">', 1)[1].split("</div>", 1)[0]
    # Removing the marks gives back exactly the (escaped) article text: offsets were respected.
    assert re.sub(r"</?mark[^>]*>", "", body) == TEXT_A.replace('"', "&#34;")
    assert 'class="hl-timex hl-timex-DATE"' in body and 'class="hl-quote"' in body and 'class="hl-speaker"' in body


def test_highlight_nesting_and_crossing_is_well_formed():
    text = "abcdefghij"
    html = str(highlight_text(text, [Highlight(0, 6, "q", anchor=True), Highlight(4, 9, "t", anchor=True),
                                     Highlight(1, 3, "n"), Highlight(5, 5, "empty"), Highlight(8, 99, "bad")]))
    assert re.sub(r"</?mark[^>]*>", "", html) == text
    assert html.count("<mark") == html.count("</mark>")
    assert html.count('id="c4-9"') == 1  # a span reopened after a crossing keeps one id


def test_stored_xss_stays_inert(client, ids):
    pages = ["/", "/stories", "/stories/S-xss", f"/articles/{ids['x']}", "/entities", "/entities/Q-xss",
             "/search?q=script", "/search?q=officials"]
    for page in pages:
        html = client.get(page).text
        assert "<script" not in html.lower(), page
    story = client.get("/stories/S-xss").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in story
    search = client.get("/search.json", params={"q": "officials"}).json()["results"]
    assert search and any(p["match"] for p in search[0]["snippet_parts"])
    # Unknown pages echo nothing unescaped either.
    assert "<script" not in client.get(f"/stories/{XSS}").text.lower()


def test_security_headers(client):
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/style.css").status_code == 200


def test_not_found_in_both_formats(client):
    for path in ("/stories/nope", "/articles/999999", "/articles/abc", "/articles/99999999999999999999999",
                 "/articles/-1", "/entities/nobody", "/no/such/page"):
        assert client.get(path).status_code == 404, path
        r = client.get(path + ".json")
        assert r.status_code == 404, path
        assert r.json()["error"]


def test_writes_refused_without_token(client):
    r = client.post("/articles", json={"text": "A new article.", "outlet": "X"})
    assert r.status_code == 403
    assert "NEWSWEAVE_TOKEN" in r.json()["error"]


def test_writes_with_token(tmp_path):
    path = tmp_path / "w.db"
    with Store(path):
        pass
    app = create_app(path, token="s3cret", max_upload_bytes=2000)
    with TestClient(app) as c:
        body = {"text": "Harbour bridge opened at last, officials said.", "outlet": "Harbour Times",
                "published": "2025-03-11", "title": "Open"}
        assert c.post("/articles", json=body).status_code == 401
        assert c.post("/articles", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
        ok = c.post("/articles", json=body, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 201 and ok.json()["new"] == 1
        again = c.post("/articles", json=body, headers={"Authorization": "Bearer s3cret"})
        assert again.json()["duplicate"] == 1
        bad = c.post("/articles", json={"title": "no text"}, headers={"Authorization": "Bearer s3cret"})
        assert bad.status_code == 400
        big = c.post("/articles", json={"text": "x" * 5000}, headers={"Authorization": "Bearer s3cret"})
        assert big.status_code == 413
        upload = c.post("/articles", files={"file": ("big.txt", b"y " * 3000, "text/plain")},
                        headers={"Authorization": "Bearer s3cret"})
        assert upload.status_code == 413
        line = b'{"text": "The ferry service resumed on Tuesday, the port said.", "outlet": "Harbour Times",' \
               b' "published": "2025-03-12", "title": "Ferry back"}\n'
        uploaded = c.post("/articles", files={"file": ("new.jsonl", line, "application/x-ndjson")},
                          headers={"Authorization": "Bearer s3cret"})
        assert uploaded.status_code == 201, uploaded.text
        assert uploaded.json()["new"] == 1
        broken = c.post("/articles", content=b"--x\r\nContent-Disposition: form-data; name=\"file\"\r\r\n\r\n--x--",
                        headers={"Authorization": "Bearer s3cret", "Content-Type": "multipart/form-data; boundary=x"})
        assert broken.status_code == 400
        assert c.get("/search.json", params={"q": "harbour"}).json()["results"]


def test_token_from_environment(tmp_path, monkeypatch):
    path = tmp_path / "e.db"
    with Store(path):
        pass
    monkeypatch.setenv("NEWSWEAVE_TOKEN", "from-env")
    with TestClient(create_app(path)) as c:
        r = c.post("/articles", json={"text": "Env token works."}, headers={"Authorization": "Bearer from-env"})
        assert r.status_code == 201


def test_openapi_lists_every_json_route(client, ids):
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    app_routes = {r.path for r in client.app.routes if getattr(r, "path", "").endswith(".json")}
    assert app_routes <= set(doc["paths"]), app_routes - set(doc["paths"])
    assert set(JSON_ROUTES) == set(doc["paths"])
    assert "post" in doc["paths"]["/articles"]


@pytest.mark.slow
def test_real_pipeline_story_page(tmp_path):
    """Articles written here, run through the real extraction and linking, then served."""
    from newsweave.jobs import ingest_articles, process_store

    path = tmp_path / "real.db"
    texts = [
        ("Harbour Times", date(2025, 2, 24), ("Mayor Ana Lopez said on Monday that the harbour bridge in Portville "
         "will reopen on March 3. \"We are ready,\" Lopez told reporters.")),
        ("Portville Post", date(2025, 2, 25), ("The harbour bridge in Portville will reopen on March 10, the city "
         "council said on Tuesday. \"Safety comes first,\" council speaker Tom Reed said.")),
    ]
    with Store(path) as store:
        ingest_articles(store, [Article(text=t, published=d, outlet=o) for o, d, t in texts])
        process_store(store)
    with TestClient(create_app(path)) as c:
        stories = c.get("/stories.json").json()["stories"]
        assert stories
        for s in stories:
            assert c.get(f"/stories/{s['id']}").status_code == 200
            detail = c.get(f"/stories/{s['id']}.json").json()
            for a in detail["articles"]:
                assert c.get(f"/articles/{a['id']}").status_code == 200


def test_plans_flag_overdue(db_path):
    from newsweave.api.sections import plans_section

    path, _ = db_path
    with Store(path, create=False, readonly=True) as store:
        late = plans_section(store, today=date(2026, 1, 1))["plans"]
        early = plans_section(store, today=date(2025, 2, 1))["plans"]
    assert any(p["overdue"] for p in late)
    assert not any(p["overdue"] for p in early)


def test_css_outlet_colours_match_chart_palette():
    from pathlib import Path

    from newsweave.api.charts import OUTLET_PALETTE

    css = (Path(__file__).resolve().parent.parent / "src/newsweave/api/static/style.css").read_text()
    found = dict(re.findall(r"\.oc(\d) \{ --c: (#[0-9A-Fa-f]{6}); \}", css))
    assert [found[str(i)].upper() for i in range(len(OUTLET_PALETTE))] == [c.upper() for c in OUTLET_PALETTE]


# ---------------------------------------------------------------------------------------------- caching
def _fresh_store(tmp_path):
    path = tmp_path / "cache.db"
    with Store(path) as store:
        ids = _fill(store)
    return path, ids


def test_story_page_etag_304_and_new_version_after_processing(tmp_path):
    path, _ = _fresh_store(tmp_path)
    with TestClient(create_app(path)) as c:
        first = c.get("/stories/S-bridge")
        etag = first.headers["etag"]
        assert first.status_code == 200 and first.headers["cache-control"] == "no-cache"
        again = c.get("/stories/S-bridge", headers={"if-none-match": etag})
        assert again.status_code == 304 and again.content == b""
        assert c.get("/stories/S-bridge.json").headers["etag"] != etag  # one tag per format
        # `newsweave process` re-saving the story with a new title moves its version: the cached page goes
        with Store(path) as store:
            store.save_story("S-bridge", "Bridge reopening postponed")
        changed = c.get("/stories/S-bridge", headers={"if-none-match": etag})
        assert changed.status_code == 200 and changed.headers["etag"] != etag
        assert "Bridge reopening postponed" in changed.text
        assert c.get("/stories/S-bridge.json").json()["title"] == "Bridge reopening postponed"
        # the story list is cached per version of all stories, so it shows the new title too
        assert "Bridge reopening postponed" in c.get("/stories").text


def test_uncached_pages_answer_if_none_match(client, ids):
    page = client.get(f"/articles/{ids['a']}")
    assert client.get(f"/articles/{ids['a']}", headers={"if-none-match": page.headers["etag"]}).status_code == 304
    assert client.get(f"/articles/{ids['a']}", headers={"if-none-match": '"other"'}).status_code == 200


def test_large_story_sections_say_how_to_get_them(tmp_path, monkeypatch):
    from newsweave.api import sections

    monkeypatch.setitem(sections.ANALYSIS_MAX_ARTICLES, "timeline", 1)
    monkeypatch.setitem(sections.ANALYSIS_MAX_ARTICLES, "compare", 1)
    path, _ = _fresh_store(tmp_path)
    with TestClient(create_app(path)) as c:
        data = c.get("/stories/S-bridge.json").json()
        assert data["timeline"] == [] and "newsweave timeline S-bridge" in data["timeline_skipped"]
        assert "newsweave compare S-bridge" in data["comparison"]["skipped"]
        assert data["comparison"]["articles_per_outlet"]  # the cheap parts of the section stay
        assert len(data["quotes"]) == 3
        html = c.get("/stories/S-bridge").text
        assert "newsweave timeline S-bridge" in html and "newsweave compare S-bridge" in html


def test_search_window_ranks_only_the_newest_matches(tmp_path):
    from newsweave.store import search_articles

    with Store(tmp_path / "w.db") as store:
        best = store.add_article(Article(text="Ferry ferry ferry ferry ferry strike.", outlet="A")).article_id
        for n in range(14):
            store.add_article(Article(text=f"Report {n}: the ferry ran late again on a long day of delays.",
                                      outlet="B"))
        assert search_articles(store, "ferry", limit=1)[0]["id"] == best
        # window=1 is raised to 10 x (offset + limit): the newest 10 matches, the oldest (best) is not one
        windowed = search_articles(store, "ferry", limit=1, window=1)
        assert windowed[0]["id"] != best
        assert len(search_articles(store, "ferry", limit=20, window=1)) == 15


def test_workers_share_rendered_story_pages(tmp_path, monkeypatch):
    """A page one server process rendered serves the others; a new story version is rendered afresh."""
    from newsweave.api import views as api_views

    path, _ = _fresh_store(tmp_path)
    shared = tmp_path / "pages.sqlite"
    with TestClient(create_app(path, shared_pages=shared)) as first:
        page = first.get("/stories/S-bridge")
        assert page.status_code == 200

    def must_not_render(*args, **kwargs):
        raise AssertionError("rendered again although another worker had the page")

    monkeypatch.setattr(api_views, "story_page", must_not_render)
    with TestClient(create_app(path, shared_pages=shared)) as second:
        again = second.get("/stories/S-bridge")
        assert again.status_code == 200 and again.content == page.content
        assert second.get("/stories/S-bridge.json").json()["id"] == "S-bridge"  # both formats were kept
        with Store(path) as store:
            store.save_story("S-bridge", "Bridge reopening postponed")
        with pytest.raises(AssertionError, match="rendered again"):
            second.get("/stories/S-bridge")  # a new version is not in any cache


def test_story_page_lists_the_first_rows_with_a_show_all_link(tmp_path, monkeypatch):
    """A first render does bounded work: the HTML shows the first rows of a long list and links to all of
    them (``?lists=all``); the JSON has every row either way."""
    from newsweave.api import views as api_views

    path, _ = _fresh_store(tmp_path)
    with TestClient(create_app(path)) as c:
        entries = c.get("/stories/S-bridge.json").json()["timeline"]
        assert len(entries) > 1
        monkeypatch.setitem(api_views.STORY_PAGE_LISTS, "timeline", 1)
        short = c.get("/stories/S-bridge?kind=direct").text  # a query of its own: not the page cached above
        assert short.count('<tr class="kind-') == 1
        assert f"{len(entries) - 1} more dated items" in short and 'href="?kind=direct&amp;lists=all#timeline"' in short
        whole = c.get("/stories/S-bridge?kind=direct&lists=all").text
        assert whole.count('<tr class="kind-') == len(entries) and "more dated items" not in whole
        assert len(c.get("/stories/S-bridge.json?lists=all").json()["timeline"]) == len(entries)
        assert c.get("/stories/S-bridge?lists=some").status_code == 400


def test_a_server_process_settles_its_heap_after_start_up(tmp_path, monkeypatch):
    """`serve --workers N` builds each worker's app with app_from_environment, which then freezes what
    start-up made, so full collections during first renders skip it (benchmarks/first_render.py --as-server)."""
    import gc
    import sys

    from newsweave.api.app import SERVE_DB_ENV, app_from_environment

    Store(tmp_path / "s.db", create=True).close()
    monkeypatch.setenv(SERVE_DB_ENV, str(tmp_path / "s.db"))
    switch = sys.getswitchinterval()
    gc.unfreeze()
    try:
        app = app_from_environment()
        assert gc.get_freeze_count() > 0
        assert TestClient(app, base_url="http://127.0.0.1").get("/stories").status_code == 200
    finally:
        gc.unfreeze()
        sys.setswitchinterval(switch)
