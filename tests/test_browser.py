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


def _build_store(path: Path, inputs: list[Path], *, hostile: bool) -> None:
    """Ingest ``inputs`` (and, for the escaping tests, an article full of markup) and process them."""
    from newsweave.ingest import read_inputs
    from newsweave.jobs import ingest_articles, process_store
    from newsweave.model import Article
    from newsweave.store import Store

    with Store(path) as store:
        report = ingest_articles(store, read_inputs([str(p) for p in inputs]))
        assert not report.failed, report.failed
        if hostile:
            ingest_articles(store, [Article(text=f"Officials said {HOSTILE} was posted. \"{HOSTILE},\" one said.",
                                            title=f"Hostile {HOSTILE}", outlet=HOSTILE,
                                            published=date(2025, 10, 18))])
        process_store(store)


def _serve(db: Path, token: str | None = None):
    """Serve ``db`` with uvicorn in a thread on a free loopback port; yields the base URL."""
    import uvicorn

    from newsweave.api import create_app

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db, token=token), host="127.0.0.1", port=port,
                                        log_level="warning"))
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


def _need_chromium(path: str = CHROMIUM) -> None:
    # A failure, not a skip: a suite that passes with the browser tests skipped says nothing about the
    # web UI. `make test` installs Chromium where it can; `-m "not browser"` leaves these tests out.
    if not Path(path).exists():
        pytest.fail(f"{path} is missing: install it with `sudo apt-get install -y chromium` (`make test` does "
                    "when run as root), or leave the browser tests out with -m 'not browser'")


@pytest.fixture(scope="module")
def server(tmp_path_factory, seeds_dir):
    """The seed reports (read from ../shared at run time) and a hostile article, processed for real."""
    _need_chromium()
    db = tmp_path_factory.mktemp("browser") / "seeds.db"
    _build_store(db, [seeds_dir], hostile=True)
    yield from _serve(db)


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory, demo_path):
    """The bundled fictional demo articles only: what the screenshots in docs/ show."""
    _need_chromium()
    db = tmp_path_factory.mktemp("browser-demo") / "demo.db"
    _build_store(db, [demo_path], hostile=False)
    yield from _serve(db)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _shot(page, tmp_path: Path, name: str, *, for_docs: bool = False) -> Path:
    """A full-page screenshot under tmp_path; docs screenshots (of fictional demo pages only, since
    article text from elsewhere never goes into the repository) are also copied to $NEWSWEAVE_SCREENSHOTS."""
    out = tmp_path / name
    page.screenshot(path=str(out), full_page=True)
    keep = os.environ.get("NEWSWEAVE_SCREENSHOTS")
    if keep and for_docs:
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
    seed_story = next(s for s in stories if any(a["wire"] == "AFP" for a in s["articles"]))
    assert seed_story["article_count"] == 2  # the AFP and the TASS report, one story
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


def test_demo_pages_for_the_docs(demo_server, browser, tmp_path):
    """The README's screenshots, taken of the fictional demo: story list, a story, an entity, an article."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = _watch(page)
    page.goto(demo_server + "/")
    _shot(page, tmp_path, "stories.png", for_docs=True)
    stories = page.request.get(demo_server + "/stories.json").json()["stories"]
    summit = next(s for s in stories if any("Sorvik plans summit" in a["title"] for a in s["articles"]))
    page.goto(f"{demo_server}/stories/{summit['id']}")
    page.wait_for_selector("section#timeline")
    assert page.locator("svg.timeline-chart").count() == 1
    _shot(page, tmp_path, "story.png", for_docs=True)
    entities = page.request.get(demo_server + "/entities.json").json()
    rows = entities["entities"] if isinstance(entities, dict) else entities
    sorvik = next(e for e in rows if e["name"] == "Elena Sorvik")
    page.goto(f"{demo_server}/entities/{sorvik['id']}")
    assert page.locator("a.evidence").count() >= 1
    _shot(page, tmp_path, "entity.png", for_docs=True)
    first = summit["articles"][0]["id"]
    page.goto(f"{demo_server}/articles/{first}")
    _shot(page, tmp_path, "article.png", for_docs=True)
    page.goto(demo_server + "/plans")
    _shot(page, tmp_path, "plans.png", for_docs=True)
    assert not seen["dialogs"] and not seen["errors"], seen
