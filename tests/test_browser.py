"""The web UI in a real headless Chromium: the story page of the seed articles, following a quote
to its highlighted evidence, and stored markup staying inert.

Needs Debian's ``chromium`` (/usr/bin/chromium) and the ``playwright`` Python package (no browser
download: we launch the system Chromium). Screenshots go to the test's tmp_path, and also to the
folder named by ``NEWSWEAVE_SCREENSHOTS`` when set (``docs/screenshots`` for the docs).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
import warnings
from datetime import date
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(2)>'


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _seed_articles(seeds_dir: Path) -> list:
    """The seed files as articles: through newsweave.ingest where it exists, else their date header."""
    from newsweave.model import Article

    try:
        from newsweave.ingest import read_inputs
    except ImportError:
        read_inputs = None
    if read_inputs is not None:
        return [a for a in read_inputs([str(seeds_dir)]) if isinstance(a, Article)]
    out = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        m = re.match(r"\s*date (\d{4}-\d{2}-\d{2})\s*", text)
        out.append(Article(text=text[m.end():] if m else text, published=date.fromisoformat(m.group(1)) if m else None,
                           origin=str(path)))
    return out


def _build_store(path: Path, seeds_dir: Path) -> None:
    """The seeds through the real pipeline; while linking is unfinished, extraction only in one story."""
    from newsweave.extract.pipeline import Pipeline
    from newsweave.jobs import ingest_articles, process_store
    from newsweave.model import Article
    from newsweave.settings import Settings
    from newsweave.store import Store

    with Store(path) as store:
        ingest_articles(store, _seed_articles(seeds_dir))
        ingest_articles(store, [Article(text=f"Officials said {HOSTILE} was posted. \"{HOSTILE},\" one said.",
                                        title=f"Hostile {HOSTILE}", outlet=HOSTILE, published=date(2025, 10, 18))])
        try:
            process_store(store)
        except Exception as exc:  # noqa: BLE001 - linking is being built in parallel; the UI test goes on
            warnings.warn(f"process_store failed ({exc!r}); extraction only, one story", stacklevel=1)
            ids = store.unprocessed_ids()
            articles = dict(store.articles(ids))
            for aid, ex in zip(ids, Pipeline(Settings()).run(articles[i] for i in ids)):
                ex.doc = None
                store.save_extraction(aid, ex)
                store.assign_story(aid, "seeds")
            store.save_story("seeds", "Seed articles")


@pytest.fixture(scope="module")
def server(tmp_path_factory, seeds_dir):
    pytest.importorskip("playwright")
    uvicorn = pytest.importorskip("uvicorn")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium")
    from newsweave.api import create_app

    db = tmp_path_factory.mktemp("browser") / "seeds.db"
    _build_store(db, seeds_dir)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            pytest.fail("the test server did not start in 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _shot(page, tmp_path: Path, name: str) -> Path:
    out = tmp_path / name
    page.screenshot(path=str(out), full_page=True)
    keep = os.environ.get("NEWSWEAVE_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(out, Path(keep) / name)
    assert out.stat().st_size > 5000
    return out


def _watch(page) -> dict:
    seen = {"dialogs": [], "errors": []}
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    return seen


def test_story_page_and_quote_evidence(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = _watch(page)
    page.goto(server + "/")
    _shot(page, tmp_path, "stories.png")
    stories = page.request.get(server + "/stories.json").json()["stories"]
    seed_story = max(stories, key=lambda s: s["article_count"])
    page.click(f'a[href="/stories/{seed_story["id"]}"]')
    page.wait_for_selector("h1")
    assert page.inner_text("h1") == seed_story["title"]
    for section in ("articles", "timeline", "quotes", "comparison", "entities"):
        assert page.locator(f"section#{section}").count() == 1, section
    assert page.locator("svg.timeline-chart").count() == 1
    assert page.locator("svg.voice-chart").count() == 1
    _shot(page, tmp_path, "story.png")

    # Follow the first quote of the "who said what" section to its evidence.
    detail = page.request.get(f"{server}/stories/{seed_story['id']}.json").json()
    first = detail["speakers"][0]["quotes"][0]
    link = page.locator("section#quotes a.evidence").first
    href = link.get_attribute("href")
    assert href == f"/articles/{first['article_id']}#c{first['start']}-{first['end']}"
    link.click()
    page.wait_for_url(re.compile(r"/articles/\d+#c\d+-\d+$"))
    target = page.locator(":target")
    assert target.count() == 1
    article_text = page.request.get(f"{server}/articles/{first['article_id']}.json").json()["text"]
    assert target.inner_text() == article_text[first["start"]:first["end"]]
    outline = target.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline == "solid", "the evidence span is not visibly highlighted"
    assert target.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight }")
    _shot(page, tmp_path, "article.png")
    assert not seen["dialogs"] and not seen["errors"], seen


def test_stored_markup_is_inert_in_a_browser(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = _watch(page)
    hits = page.request.get(server + "/search.json?q=officials+posted").json()["results"]
    assert hits
    for path in ["/", f"/articles/{hits[0]['id']}", "/search?q=officials+posted", "/entities", "/plans"]:
        page.goto(server + path)
        page.wait_for_load_state("load")
    assert page.locator("script").count() == 0
    page.goto(f"{server}/articles/{hits[0]['id']}")
    assert "<script>" in page.inner_text(".article-text")  # shown as text
    assert page.locator(".article-text img").count() == 0
    assert not seen["dialogs"], seen["dialogs"]


def test_plans_and_search_pages_render(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/plans")
    assert page.inner_text("h1") == "Plans"
    _shot(page, tmp_path, "plans.png")
    page.goto(server + "/search?q=Budapest")
    assert page.locator("ol.results li").count() >= 1
    assert page.locator(".snippet mark").count() >= 1
    _shot(page, tmp_path, "search.png")


def test_entity_page_shows_aliases_quotes_and_stories(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = _watch(page)
    entities = page.request.get(server + "/entities.json").json()
    rows = entities["entities"] if isinstance(entities, dict) else entities
    ushakov = next(e for e in rows if "Ushakov" in e["name"])
    page.goto(f"{server}/entities/{ushakov['id']}")
    page.wait_for_selector("h1")
    assert "Ushakov" in page.inner_text("h1")
    body = page.inner_text("body")
    assert "Yury Ushakov" in body or "Yuri Ushakov" in body
    assert page.locator("a.evidence").count() >= 1  # his quotes link to their evidence
    _shot(page, tmp_path, "entity.png")
    assert not seen["dialogs"] and not seen["errors"], seen
