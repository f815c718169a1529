"""The analyst's controls in a real headless Chromium: correcting a story's title and rejecting a quote
from the pages where they are read, undoing a correction, and the search page's filters, sort and
facets. Over the fictional demo articles, processed for real, served with a write token."""

from __future__ import annotations

import re

import pytest
import test_browser
from test_browser import _build_store, _need_chromium, _serve, _shot, _watch

browser = test_browser.browser  # the same Chromium fixture

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TOKEN = "desk-token-0123"


@pytest.fixture(scope="module")
def desk_server(tmp_path_factory, demo_path):
    _need_chromium()
    db = tmp_path_factory.mktemp("browser-desk") / "demo.db"
    _build_store(db, [demo_path], hostile=False)
    yield from _serve(db, token=TOKEN)


def test_correct_a_story_and_a_quote_from_their_page_then_undo(desk_server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = _watch(page)
    stories = page.request.get(desk_server + "/stories.json").json()["stories"]
    summit = next(s for s in stories if any("Sorvik plans summit" in a["title"] for a in s["articles"]))
    page.goto(f"{desk_server}/stories/{summit['id']}")
    page.click("text=Correct this story")
    page.wait_for_url(f"**/corrections?story={summit['id']}")
    form = page.locator("form.correction", has=page.locator('input[value="rename-story"]'))
    form.locator('input[name="title"]').fill("Valdoria–Marenland summit")
    form.locator('input[name="note"]').fill("a clearer title")
    form.locator('input[name="token"]').fill(TOKEN)
    form.locator("button").click()
    page.wait_for_url("**/corrections")
    assert "is titled 'Valdoria–Marenland summit'" in page.inner_text("table.corrections")
    _shot(page, tmp_path, "corrections.png", for_docs=True)
    page.goto(f"{desk_server}/stories/{summit['id']}")
    assert page.inner_text("h1") == "Valdoria–Marenland summit"

    quotes = len(page.request.get(f"{desk_server}/stories/{summit['id']}.json").json()["quotes"])
    page.locator("section#quotes a.correct").first.click()
    page.wait_for_url("**/corrections?quote=*")
    form = page.locator("form.correction", has=page.locator('input[value="reject-quote"]'))
    form.locator('input[name="token"]').fill(TOKEN)
    form.locator("button").click()
    page.wait_for_url("**/corrections")
    after = page.request.get(f"{desk_server}/stories/{summit['id']}.json").json()["quotes"]
    assert len(after) == quotes - 1

    # Undo the title: the newest correction is listed first, so the title's undo form is the second.
    undo = page.locator("table.corrections tr", has_text="is titled").locator("form")
    undo.locator('input[name="token"]').fill(TOKEN)
    undo.locator("button").click()
    page.wait_for_url("**/corrections")
    page.goto(f"{desk_server}/stories/{summit['id']}")
    assert page.inner_text("h1") == summit["title"]

    # A wrong token changes nothing.
    page.goto(f"{desk_server}/corrections?story={summit['id']}")
    form = page.locator("form.correction", has=page.locator('input[value="rename-story"]'))
    form.locator('input[name="title"]').fill("Not allowed")
    form.locator('input[name="token"]').fill("wrong")
    form.locator("button").click()
    page.goto(f"{desk_server}/stories/{summit['id']}")
    assert page.inner_text("h1") == summit["title"]
    assert not seen["dialogs"], seen


def test_search_filters_sort_and_facets(desk_server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = _watch(page)
    page.goto(desk_server + "/search")
    page.fill('form.filters input[name="q"]', "strikes")
    page.select_option('select[name="sort"]', "date")
    page.click("form.filters button")
    page.wait_for_url("**/search?q=strikes*")
    dates = [re.search(r"\d{4}-\d{2}-\d{2}", t).group(0) for t in page.locator("ol.results .quote-meta").all_inner_texts()]
    assert len(dates) >= 2 and dates == sorted(dates, reverse=True)  # newest first
    assert page.locator(".snippet mark").first.inner_text().lower() == "strike"  # a word form of "strikes"
    _shot(page, tmp_path, "search.png", for_docs=True)
    facet = page.locator("p.facets a").first
    outlet = facet.locator(".chip").inner_text()
    facet.click()
    page.wait_for_url("**outlet=*")
    assert page.locator('input[name="outlet"]').input_value() == outlet
    shown = {m.locator(".chip").inner_text() for m in page.locator("ol.results .quote-meta").all()}
    assert shown == {outlet}
    page.fill('form.filters input[name="q"]', "zeppelin")
    page.click("form.filters button")
    assert "Nothing matched" in page.inner_text("main")
    assert not seen["dialogs"] and not seen["errors"], seen
