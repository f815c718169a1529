"""Fetching from the web against a real HTTP server on 127.0.0.1 (tests/loopback.py); no traffic leaves the machine.

Feeds (RSS, Atom, JSON Feed), sitemaps, homepages and article pages; robots.txt, conditional GET,
429/500 with retries, slow and oversized responses, redirect loops, wrong charsets, gzip; sources
and polling with per-source errors; the seed articles as pages becoming one story (slow).
"""

from __future__ import annotations

import json
from html import escape
from itertools import pairwise

import pytest
from click.testing import CliRunner
from loopback import Route, Site

from newsweave.cli import cli
from newsweave.ingest.web import Fetcher, FetchError, FetchOptions, read_urls
from newsweave.ingest.web.opml import read_opml, write_opml
from newsweave.store import Store
from newsweave.store.sources import add_source, list_sources
from newsweave.watch import parse_interval, poll_sources

FAST = {"delay": 0.0, "backoff": 0.01, "timeout": 2.0}

PARAGRAPHS = [
    "The harbour council of Lindmark voted on Tuesday to rebuild the old north pier before the winter storms.",
    "Council chair Ada Brennholt said the work would begin in March and cost about four million crowns.",
    "Fishermen who use the pier every morning welcomed the decision but asked for a temporary landing stage.",
    "The council will publish the tender next week and expects the first bids by the end of the month.",
]


def page(headline: str, site: str, paragraphs=PARAGRAPHS, *, published="2025-10-17", title=None,
         og_type="article", charset="utf-8", extra_head="") -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f'<!doctype html><html lang="en"><head><meta charset="{charset}"><title>{escape(title or headline)}</title>'
            f'<meta property="og:title" content="{escape(headline)}">'
            f'<meta property="og:site_name" content="{escape(site)}">'
            f'<meta property="og:type" content="{og_type}">'
            f'<meta property="article:published_time" content="{published}T09:00:00Z">{extra_head}</head>'
            f"<body><nav>Home | World</nav><article><h1>{escape(headline)}</h1>{body}</article>"
            f"<footer>Contact us</footer></body></html>")


def rss(site: Site, items, title="Lindmark Courier") -> str:
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{site.url(path)}</link><guid>{site.url(path)}</guid>"
        f"<pubDate>Fri, 17 Oct 2025 09:00:00 GMT</pubDate><author>desk@example.invalid (News Desk)</author></item>"
        for t, path in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{entries}</channel></rss>'


@pytest.fixture()
def site():
    server = Site()
    server.routes["/robots.txt"] = Route("User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"})
    yield server
    server.close()


@pytest.fixture()
def fetcher():
    return Fetcher(FetchOptions(**FAST))


def html_route(markup: str, **kw) -> Route:
    kw.setdefault("headers", {"Content-Type": "text/html; charset=utf-8"})
    return Route(markup, **kw)


def test_a_feed_gives_its_pages_with_headline_outlet_date_author_and_canonical_url(site, fetcher):
    site.routes["/feed.xml"] = Route(rss(site, [("Feed title one", "/a"), ("Feed title two", "/b")]),
                                     headers={"Content-Type": "application/rss+xml"})
    site.routes["/a"] = html_route(page("Lindmark votes to rebuild the north pier", "Lindmark Courier",
                                        extra_head=f'<link rel="canonical" href="{site.url("/news/a")}">'))
    site.routes["/b"] = html_route(page("", "", [("Second story text about the ferry timetable, which changes "
                                                  "in November for the winter season on the island route.")] * 3,
                                        title="", og_type="website", published=""))
    found = list(read_urls([site.url("/feed.xml")], fetcher=fetcher))
    assert all(not isinstance(x, FetchError) for x in found), found
    a, b = found
    assert a.title == "Lindmark votes to rebuild the north pier" and a.outlet == "Lindmark Courier"
    assert a.url == site.url("/news/a") and str(a.published) == "2025-10-17"
    assert a.extra["language"] == "en" and "Ada Brennholt" in a.text and "Contact us" not in a.text
    # The page says nothing of itself: the feed's entry fills headline, date, author and outlet.
    assert b.title == "Feed title two" and b.outlet == "Lindmark Courier" and str(b.published) == "2025-10-17"
    assert "News Desk" in b.extra["author"] and b.url == site.url("/b")
    user_agent = site.log[0][1]["User-Agent"]
    assert user_agent.startswith("newsweave/") and "no contact set" in user_agent


def test_contact_goes_into_the_user_agent(site):
    site.routes["/a"] = html_route(page("Pier vote", "Courier"))
    list(read_urls([site.url("/a")], fetcher=Fetcher(FetchOptions(contact="ops@example.invalid", **FAST))))
    assert all("ops@example.invalid" in headers["User-Agent"] for _, headers in site.log)


def test_a_page_disallowed_by_robots_is_never_requested(site, fetcher):
    site.routes["/feed.xml"] = Route(rss(site, [("Open", "/a"), ("Closed", "/private/b")]))
    site.routes["/a"] = html_route(page("Open story", "Courier"))
    site.routes["/private/b"] = html_route(page("Closed story", "Courier"))
    found = list(read_urls([site.url("/feed.xml")], fetcher=fetcher))
    assert [x.title for x in found if not isinstance(x, FetchError)] == ["Open story"]
    refused = [x for x in found if isinstance(x, FetchError)]
    assert refused[0].kind == "robots" and "robots.txt" in refused[0].reason
    assert "/private/b" not in site.paths() and site.paths().count("/robots.txt") == 1


def test_an_unreachable_robots_file_skips_the_host(site, fetcher):
    site.routes["/robots.txt"] = Route("down", 503)
    site.routes["/a"] = html_route(page("Story", "Courier"))
    (error,) = list(read_urls([site.url("/a")], fetcher=fetcher))
    assert isinstance(error, FetchError) and error.kind == "robots" and "503" in error.reason
    assert "/a" not in site.paths()


def test_per_host_politeness_two_connections_and_a_delay_between_starts(site):
    paths = [f"/p{i}" for i in range(6)]
    site.routes["/feed.xml"] = Route(rss(site, [(p, p) for p in paths]))
    for p in paths:
        site.routes[p] = html_route(page(f"Story {p}", "Courier"), delay=0.3)
    fetcher = Fetcher(FetchOptions(delay=0.0, workers=6, timeout=5))
    assert len(list(read_urls([site.url("/feed.xml")], fetcher=fetcher))) == 6
    assert site.most_active == 2  # six threads, one host: never more than two requests at once
    spaced = Fetcher(FetchOptions(delay=0.25, workers=4, timeout=5))
    before = len(site.starts)
    for p in paths[:3]:
        spaced.get(site.url(p))
    starts = site.starts[before:]
    assert all(b - a >= 0.2 for a, b in pairwise(starts))  # 0.25 s apart when sent; arrival jitters


def test_a_robots_crawl_delay_is_honoured(site):
    site.routes["/robots.txt"] = Route("User-agent: *\nCrawl-delay: 1\n")  # whole seconds, as robotparser reads it
    site.routes["/a"] = html_route(page("Story", "Courier"))
    fetcher = Fetcher(FetchOptions(delay=0.0, timeout=5))
    for _ in range(3):
        fetcher.get(site.url("/a"))
    starts = site.starts[1:]  # after robots.txt
    assert len(starts) == 3 and all(b - a >= 0.9 for a, b in pairwise(starts))


def test_an_unreachable_host_is_a_network_error_and_robots_rules_expire(site):
    import socket

    with socket.socket() as probe:  # a loopback port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/feed.xml"
    (error,) = list(read_urls([closed], fetcher=Fetcher(FetchOptions(**FAST, retries=1))))
    assert error.kind == "network" and "connection failed" in error.reason and "robots.txt" in error.reason
    site.routes["/a"] = html_route(page("Story", "Courier"))
    fetcher = Fetcher(FetchOptions(**FAST, robots_ttl=0))
    fetcher.get(site.url("/a"))
    site.routes["/robots.txt"] = Route("User-agent: *\nDisallow: /a\n")  # the site changes its rules
    with pytest.raises(FetchError, match="robots.txt disallows"):
        fetcher.get(site.url("/a"))
    assert site.paths().count("/a") == 1


def test_429_and_500_are_retried_with_backoff_then_reported(site, fetcher):
    site.routes["/a"] = Route(sequence=[Route("busy", 429, {"Retry-After": "0"}),
                                        html_route(page("After a retry", "Courier"))])
    site.routes["/b"] = Route("broken", 500)
    ok, failed = list(read_urls([site.url("/a"), site.url("/b")], fetcher=fetcher))
    assert ok.title == "After a retry"
    assert isinstance(failed, FetchError) and failed.status == 500 and "HTTP 500" in failed.reason
    assert site.paths().count("/b") == 1 + fetcher.options.retries


def test_slow_oversized_and_looping_responses_fail_clearly(site):
    fetcher = Fetcher(FetchOptions(delay=0, timeout=0.3, retries=1, backoff=0.01, max_bytes=50_000))
    site.routes["/slow"] = html_route(page("Slow", "Courier"), delay=2.0)
    site.routes["/big"] = html_route("<html><body>" + "x" * 60_000 + "</body></html>")
    site.routes["/big-unlabelled"] = html_route("<html><body>" + "y" * 60_000 + "</body></html>", length=False)
    site.routes["/bomb"] = html_route("<html><body>" + "z" * 2_000_000 + "</body></html>", gzip=True)
    for i in range(7):  # a chain longer than max_redirects (5)
        site.routes[f"/hop{i}"] = Route(status=301, headers={"Location": f"/hop{i + 1}"})
    site.routes["/loop1"] = Route(status=302, headers={"Location": "/loop2"})
    site.routes["/loop2"] = Route(status=302, headers={"Location": "/loop1"})
    kinds = {}
    for path in ("/slow", "/big", "/big-unlabelled", "/bomb", "/loop1", "/hop0"):
        with pytest.raises(FetchError) as caught:
            fetcher.get(site.url(path))
        kinds[path] = caught.value.kind
    assert kinds == {"/slow": "timeout", "/big": "too-large", "/big-unlabelled": "too-large", "/bomb": "too-large",
                     "/loop1": "redirects", "/hop0": "redirects"}
    assert site.paths().count("/slow") == 2  # one retry after the timeout


def test_redirects_gzip_and_wrong_charsets(site, fetcher):
    site.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    site.routes["/new"] = html_route(page("Moved story", "Courier"), gzip=True)
    # Header says Latin-1, the page is UTF-8; header says UTF-8, the page is windows-1252.
    site.routes["/utf8"] = Route(page("Malmö café reopens", "Courier").encode("utf-8"),
                                 headers={"Content-Type": "text/html; charset=iso-8859-1"})
    site.routes["/cp1252"] = Route(page("Café “strike” ends", "Courier", charset="windows-1252").encode("cp1252"),
                                   headers={"Content-Type": "text/html; charset=utf-8"})
    moved, utf8, cp1252 = list(read_urls([site.url(p) for p in ("/old", "/utf8", "/cp1252")], fetcher=fetcher))
    assert moved.title == "Moved story" and moved.url == site.url("/new")
    assert utf8.title == "Malmö café reopens"
    assert cp1252.title == "Café “strike” ends"


def test_sitemaps_news_sitemaps_and_indexes(site, fetcher):
    site.routes["/sitemap.xml"] = Route(
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f'<sitemap><loc>{site.url("/news-sitemap.xml")}</loc></sitemap></sitemapindex>')
    site.routes["/news-sitemap.xml"] = Route(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f'<url><loc>{site.url("/s1")}</loc><news:news><news:publication><news:name>Island Post</news:name>'
        '</news:publication><news:publication_date>2025-10-16</news:publication_date>'
        '<news:title>Ferry timetable changes</news:title></news:news></url></urlset>')
    site.routes["/s1"] = html_route(page("", "", title="", og_type="website", published=""))
    (article,) = list(read_urls([site.url("/sitemap.xml")], fetcher=fetcher))
    assert (article.title, article.outlet, str(article.published)) == ("Ferry timetable changes", "Island Post",
                                                                       "2025-10-16")


def test_a_long_sitemap_gives_its_newest_pages_first(site):
    days = ["2019-01-05", "2025-10-17", "2021-06-01", "2025-10-16"]
    site.routes["/sitemap.xml"] = Route(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f'<url><loc>{site.url(f"/d{i}")}</loc><lastmod>{day}</lastmod></url>' for i, day in enumerate(days))
        + "</urlset>")
    for i in range(len(days)):
        site.routes[f"/d{i}"] = html_route(page(f"Page {i}", "Courier", published=days[i]))
    fetcher = Fetcher(FetchOptions(max_items=2, **FAST))
    assert [a.title for a in read_urls([site.url("/sitemap.xml")], fetcher=fetcher)] == ["Page 1", "Page 3"]


def test_a_homepage_leads_to_its_advertised_feed_and_json_feeds_are_read(site, fetcher):
    site.routes["/"] = html_route(
        '<html><head><title>Courier</title><link rel="alternate" type="application/feed+json" href="/feed.json">'
        "</head><body><p>Latest news</p></body></html>")
    site.routes["/feed.json"] = Route(json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": "Courier JSON",
        "items": [{"id": "1", "url": site.url("/j1"), "title": "Pier vote", "date_published": "2025-10-15T08:00:00Z",
                   "authors": [{"name": "Ada Reporter"}]}]}), headers={"Content-Type": "application/feed+json"})
    site.routes["/j1"] = html_route(page("Pier vote passes", "Courier"))
    (article,) = list(read_urls([site.url("/")], fetcher=fetcher))
    assert article.title == "Pier vote passes" and article.extra["author"] == "Ada Reporter"


def test_not_a_feed_is_a_clear_error(site, fetcher):
    site.routes["/data.bin"] = Route(b"\x00\x01binary", headers={"Content-Type": "application/octet-stream"})
    (error,) = list(read_urls([site.url("/data.bin")], fetcher=fetcher))
    assert error.kind == "not-a-feed" and "not a feed" in error.reason and error.origin == site.url("/data.bin")


def test_polling_sources_records_errors_skips_seen_items_and_uses_conditional_get(site, fetcher, tmp_path):
    site.routes["/feed.xml"] = Route(rss(site, [("One", "/a"), ("Two", "/b")]), etag='"v1"')
    site.routes["/a"] = html_route(page("Story one", "Courier"))
    site.routes["/b"] = html_route(page("Story two", "Courier", PARAGRAPHS[::-1]))
    with Store(tmp_path / "s.db") as store:
        add_source(store, site.url("/feed.xml"))
        add_source(store, site.url("/gone.xml"))
        first = poll_sources(store, fetcher)
        assert (first.new, len(first.failed)) == (2, 1)
        good, bad = list_sources(store)
        assert (good["kind"], good["items_seen"], good["articles"], good["errors"]) == ("feed", 2, 2, 0)
        assert good["etag"] == '"v1"'
        assert bad["errors"] == 1 and bad["last_error"] == "http: HTTP 404 Not Found"
        # Unchanged feed: a 304, no page fetched.
        before = len(site.log)
        second = poll_sources(store, fetcher)
        assert second.unchanged == 1 and second.new == 0
        assert [p for p in site.paths()[before:] if p in ("/a", "/b")] == []
        assert site.log[-2][1].get("If-None-Match") == '"v1"' or site.log[-1][1].get("If-None-Match") == '"v1"'
        # A changed feed (new ETag) with one new item: only the new page is fetched.
        site.routes["/feed.xml"] = Route(rss(site, [("One", "/a"), ("Two", "/b"), ("Three", "/c")]), etag='"v2"')
        site.routes["/c"] = html_route(page("Story three", "Courier", PARAGRAPHS[1:]))
        before = len(site.log)
        third = poll_sources(store, fetcher)
        assert (third.new, third.skipped) == (1, 2)
        assert [p for p in site.paths()[before:] if p not in ("/feed.xml", "/gone.xml")] == ["/c"]
        assert store.count("articles") == 3


def test_a_killed_poll_loses_and_duplicates_nothing(site, fetcher, tmp_path):
    site.routes["/feed.xml"] = Route(rss(site, [("One", "/a"), ("Two", "/b")]))
    site.routes["/a"] = html_route(page("Story one", "Courier"))
    site.routes["/b"] = html_route(page("Story two", "Courier", PARAGRAPHS[::-1]))
    with Store(tmp_path / "s.db") as store:
        source_id, _ = add_source(store, site.url("/feed.xml"))
        # Killed between storing the article and marking its item: the item record is missing.
        first = poll_sources(store, fetcher)
        assert first.new == 2
        with store.atomic() as db:
            db.execute("DELETE FROM source_items WHERE source_id = ?", (source_id,))
        again = poll_sources(store, fetcher)
        assert again.new == 0 and store.count("articles") == 2


def test_ctrl_c_stops_watch_at_once_and_the_next_poll_finishes_the_job(site, tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    site.routes["/feed.xml"] = Route(rss(site, [("One", "/a"), ("Two", "/slow")]))
    site.routes["/a"] = html_route(page("Story one", "Courier"))
    site.routes["/slow"] = html_route(page("Story two", "Courier", PARAGRAPHS[::-1]), delay=30)
    db = tmp_path / "w.db"
    with Store(db) as store:
        add_source(store, site.url("/feed.xml"))
    env = {**os.environ, "NEWSWEAVE_CONTACT": "tests@example.invalid"}
    watcher = subprocess.Popen([sys.executable, "-m", "newsweave.cli", "--db", str(db), "watch", "--delay", "0"],
                               stderr=subprocess.PIPE, text=True, env=env)
    started = time.monotonic()

    def stored() -> int:
        with Store(db, readonly=True) as reader:
            return reader.count("articles")

    # Interrupted once the fast page is stored and the slow one is in flight.
    while not ("/slow" in site.paths() and stored() == 1) and time.monotonic() - started < 60:
        time.sleep(0.05)
    watcher.send_signal(signal.SIGINT)
    interrupted = time.monotonic()
    _, err = watcher.communicate(timeout=30)
    assert watcher.returncode == 130 and "stopped" in err and "Traceback" not in err
    assert time.monotonic() - interrupted < 5  # the slow response (30 s) is cut off, not waited for
    site.routes["/slow"].delay = 0
    with Store(db) as store:
        assert store.count("articles") == 1
        again = poll_sources(store, Fetcher(FetchOptions(**FAST)))
        assert (again.new, again.skipped) == (1, 1) and store.count("articles") == 2


def test_ingest_url_from_the_cli_twice(site, tmp_path):
    site.routes["/feed.xml"] = Route(rss(site, [("One", "/a")]))
    site.routes["/a"] = html_route(page("Story one", "Courier"))
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    first = runner.invoke(cli, ["--db", db, "ingest", site.url("/feed.xml"), "--contact", "me@example.invalid"])
    assert first.exit_code == 0, first.output
    assert "1 new, 0 duplicate, 0 failed" in first.output
    second = runner.invoke(cli, ["--db", db, "ingest", site.url("/feed.xml")])
    assert "0 new, 0 duplicate, 0 failed" in second.output
    assert site.paths().count("/a") == 1  # the stored page is not fetched again
    from newsweave.store.queries import article_detail

    with Store(db) as store:  # what the page and its feed said of the article is kept
        stored = article_detail(store, 1)
        assert (stored["title"], stored["outlet"], stored["language"]) == ("Story one", "Courier", "en")
        assert "News Desk" in stored["author"] and store.article(1).extra["language"] == "en"


def test_sources_commands_and_opml(site, tmp_path):
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    opml = tmp_path / "subs.opml"
    opml.write_text(write_opml([{"url": site.url("/feed.xml"), "title": "Courier"},
                                {"url": site.url("/gone.xml"), "title": None}]), encoding="utf-8")
    assert read_opml(opml) == [(site.url("/feed.xml"), "Courier"), (site.url("/gone.xml"), site.url("/gone.xml"))]
    out = runner.invoke(cli, ["--db", db, "sources", "import", str(opml)])
    assert "2 new sources" in out.output, out.output
    site.routes["/feed.xml"] = Route(rss(site, [("One", "/a")]))
    site.routes["/a"] = html_route(page("Story one", "Courier"))
    with Store(db) as store:
        poll_sources(store, Fetcher(FetchOptions(**FAST)))
    listed = runner.invoke(cli, ["--db", db, "sources", "list"])
    assert "last error: http: HTTP 404 Not Found" in listed.output and "1 articles" in listed.output
    rows = json.loads(runner.invoke(cli, ["--db", db, "sources", "list", "--json"]).output)
    assert [r["articles"] for r in rows] == [1, 0]
    assert runner.invoke(cli, ["--db", db, "sources", "remove", "2"]).exit_code == 0
    exported = runner.invoke(cli, ["--db", db, "sources", "export"]).output
    assert site.url("/feed.xml") in exported and site.url("/gone.xml") not in exported
    bad = tmp_path / "bad.opml"
    bad.write_text("<html><body>no</body></html>", encoding="utf-8")
    failed = runner.invoke(cli, ["--db", db, "sources", "import", str(bad)])
    assert failed.exit_code == 1 and str(bad) in failed.output and "not an OPML file" in failed.output


def test_intervals():
    assert [parse_interval(x) for x in ("90", "30s", "15m", "2h")] == [90, 30, 900, 7200]
    with pytest.raises(ValueError, match="bad interval"):
        parse_interval("soon")


@pytest.mark.slow
def test_seed_articles_as_pages_become_one_story_with_their_headlines_and_outlets(site, seeds_dir, tmp_path):
    from newsweave.store.queries import list_stories
    from newsweave.watch import watch

    # The two seed texts (read at test time, never copied here) as pages of two outlets of our own.
    pages = {"/world/summit-budapest": ("Trump plans Budapest meeting with Putin after phone call", "Harbour Gazette"),
             "/news/sister-cities-trade": ("Summit may open new trade chances, US sister-cities chief says",
                                           "Capital Ledger")}
    seeds = sorted(seeds_dir.glob("*.txt"))
    assert len(seeds) == 2
    for (path, (headline, outlet)), seed in zip(pages.items(), seeds):
        header, _, body = seed.read_text(encoding="utf-8").strip().partition("\n")
        day, first = header.split(None, 2)[1], header.split(None, 2)[2]
        paragraphs = [first] + [p for p in body.split("\n\n") if p.strip()]
        site.routes[path] = html_route(page(headline, outlet, paragraphs, published=day))
    site.routes["/private/leak"] = html_route(page("Never to be fetched", "Harbour Gazette"))
    site.routes["/feed.xml"] = Route(rss(site, [(h, p) for p, (h, _) in pages.items()] + [("Leak", "/private/leak")]),
                                     etag='"f1"')
    fetcher = Fetcher(FetchOptions(**FAST))
    with Store(tmp_path / "live.db") as store:
        add_source(store, site.url("/feed.xml"))
        polls = []
        watch(store, once=True, fetcher=fetcher, on_poll=lambda poll, processed: polls.append((poll, processed)))
        (poll, processed), = polls
        assert poll.new == 2 and processed.processed == 2
        stories = [s for s in list_stories(store) if s["articles"]]
        assert len(stories) == 1, stories
        (story,) = stories
        articles = story["articles"]
        assert sorted((a["title"], a["outlet"]) for a in articles) == sorted(pages.values())
        assert story["title"] in {headline for headline, _ in pages.values()}
        # A second poll (the feed unchanged, then re-served without its ETag) stores nothing new.
        assert poll_sources(store, fetcher).new == 0
        site.routes["/feed.xml"].etag = None
        again = poll_sources(store, fetcher)
        assert (again.new, again.skipped) == (0, 3) and store.count("articles") == 2  # the robots-blocked item too
    assert "/private/leak" not in site.paths()
    # each page fetched once (in either order: two connections per host fetch them side by side)
    assert sorted(p for p in site.paths() if p in pages) == sorted(pages)


def test_the_web_ui_shows_sources_and_their_errors(site, fetcher, tmp_path):
    from starlette.testclient import TestClient

    from newsweave.api.app import create_app

    site.routes["/feed.xml"] = Route(rss(site, [("One", "/a")]))
    site.routes["/a"] = html_route(page("Story one", "Courier"))
    db = tmp_path / "ui.db"
    with Store(db) as store:
        add_source(store, site.url("/feed.xml"))
        add_source(store, site.url("/slow.xml"))
        site.routes["/slow.xml"] = Route("<rss/>", delay=1.0)
        poll_sources(store, Fetcher(FetchOptions(delay=0, timeout=0.2, retries=0)))
    with TestClient(create_app(db, token=None)) as client:
        data = client.get("/sources.json").json()
        assert [(s["url"], s["articles"], s["errors"]) for s in data["sources"]] == [
            (site.url("/feed.xml"), 1, 0), (site.url("/slow.xml"), 0, 1)]
        assert data["sources"][1]["last_error"].startswith("timeout: timed out after 0.2 s")
        html = client.get("/sources").text
        assert "1 failed in a row: timeout: timed out after 0.2 s" in html and site.url("/feed.xml") in html
        assert client.post("/sources").status_code in (403, 405)  # read-only


def test_watch_once_from_the_cli_reports_a_failing_source_and_goes_on(site, tmp_path):
    db = str(tmp_path / "w.db")
    runner = CliRunner()
    runner.invoke(cli, ["--db", db, "sources", "add", site.url("/gone.xml"), site.url("/feed.xml")])
    site.routes["/feed.xml"] = Route(rss(site, [("Closed", "/private/x")]))
    result = runner.invoke(cli, ["--db", db, "watch", "--once", "--delay", "0"])
    assert result.exit_code == 0, result.output
    assert "watch: 2 sources (0 unchanged, 1 failed): 0 new" in result.output
    listed = runner.invoke(cli, ["--db", db, "sources", "list"]).output
    assert "last error: http: HTTP 404 Not Found" in listed and "[feed]" in listed
    bad = runner.invoke(cli, ["--db", db, "watch", "--every", "soon"])
    assert bad.exit_code == 1 and "bad interval 'soon'" in bad.output


def test_an_atom_feed(site, fetcher):
    site.routes["/atom.xml"] = Route(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Island Post</title>'
        f'<entry><title>Ferry timetable changes</title><link href="{site.url("/f1")}"/><id>urn:f1</id>'
        "<updated>2025-10-14T07:00:00Z</updated><author><name>Ola Ferry</name></author></entry></feed>",
        headers={"Content-Type": "application/atom+xml"})
    site.routes["/f1"] = html_route(page("", "", title="", og_type="website", published=""))
    (article,) = list(read_urls([site.url("/atom.xml")], fetcher=fetcher))
    assert (article.title, article.outlet, str(article.published), article.extra["author"]) == (
        "Ferry timetable changes", "Island Post", "2025-10-14", "Ola Ferry")
