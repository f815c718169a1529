"""The story page's working tools in a real headless Chromium, over the fictional demo articles (processed
for real) with the fictional outlet metadata of examples/outlets.toml: a filter narrows the quotes, a
collapsed section opens, the coverage matrix and the attention chart render, the entity list toggles
between names and everything, and a coarse date is drawn as a span. Screenshots of these pages go to
$NEWSWEAVE_SCREENSHOTS (docs/screenshots) when it is set."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import test_browser
from test_browser import _build_store, _need_chromium, _serve, _shot, _watch

browser = test_browser.browser  # the same Chromium fixture

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OUTLETS = Path(__file__).resolve().parent.parent / "examples" / "outlets.toml"


@pytest.fixture(scope="module")
def story_server(tmp_path_factory, demo_path):
    from newsweave.ingest.outlets import read_outlets_file
    from newsweave.store import Store
    from newsweave.store.outlets import import_outlets

    _need_chromium()
    db = tmp_path_factory.mktemp("browser-story") / "demo.db"
    _build_store(db, [demo_path], hostile=False)
    with Store(db) as store:
        import_outlets(store, read_outlets_file(OUTLETS), origin=OUTLETS.name)
    yield from _serve(db)


def _summit(page, base: str) -> dict:
    stories = page.request.get(base + "/stories.json").json()["stories"]
    return next(s for s in stories if any("Sorvik plans summit" in a["title"] for a in s["articles"]))


def _element_shot(locator, tmp_path: Path, name: str) -> None:
    """A screenshot of one part of a demo page, kept for the docs like test_browser._shot's."""
    out = tmp_path / name
    # The page's sticky top bar would cover the part's heading in a picture of the part alone.
    locator.page.evaluate("document.querySelector('header.top').style.position = 'static'")
    locator.screenshot(path=str(out))
    assert out.stat().st_size > 3000
    keep = os.environ.get("NEWSWEAVE_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(out, Path(keep) / name)


def test_a_filter_narrows_the_quotes(story_server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = _watch(page)
    summit = _summit(page, story_server)
    page.goto(f"{story_server}/stories/{summit['id']}")
    every = page.locator("section#quotes ul.quotes > li").count()
    detail = page.request.get(f"{story_server}/stories/{summit['id']}.json").json()
    speaker = detail["speakers"][0]
    assert every == len(detail["quotes"]) and speaker["count"] < every
    page.select_option('form.story-filters select[name="speaker"]', speaker["entity_id"] or speaker["speaker"])
    page.click("form.story-filters button")
    page.wait_for_url(re.compile(r"speaker="))
    shown = page.locator("section#quotes ul.quotes > li")
    assert shown.count() == speaker["count"]
    assert page.locator("section#quotes .speaker-group h3 a, section#quotes .speaker-group h3").first.inner_text() \
        .startswith(speaker["speaker"])
    assert "Filtered:" in page.inner_text("p.filtered-note")
    # The form shows what is applied; a second filter narrows further, both kept in the link.
    assert page.locator('select[name="speaker"]').input_value() == (speaker["entity_id"] or speaker["speaker"])
    outlet = min(speaker["outlets"])
    page.select_option('form.story-filters select[name="outlet"]', outlet)
    page.click("form.story-filters button")
    page.wait_for_url(re.compile(r"outlet=.*speaker=|speaker=.*outlet="))
    metas = page.locator("section#quotes .quote-meta .chip").all_inner_texts()
    assert metas and set(metas) == {outlet} and len(metas) == speaker["outlets"][outlet]
    _shot(page, tmp_path, "story-filtered.png", for_docs=True)
    page.click("a.clear-filters")
    page.wait_for_url(re.compile(rf"/stories/{summit['id']}$"))
    assert page.locator("section#quotes ul.quotes > li").count() == every
    assert not seen["dialogs"] and not seen["errors"], seen


def test_a_collapsed_section_opens(story_server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = _watch(page)
    summit = _summit(page, story_server)
    page.goto(f"{story_server}/stories/{summit['id']}")
    closed = page.locator("section#comparison details.more")
    assert closed.count() == 1 and closed.get_attribute("open") is None
    summary = closed.locator("summary").inner_text()
    assert re.match(r"Only in one outlet: \d+ claims", summary)
    inside = closed.locator(".outlet-col").first
    assert not inside.is_visible()
    closed.locator("summary").click()
    assert inside.is_visible() and closed.get_attribute("open") is not None
    assert not seen["dialogs"] and not seen["errors"], seen


def test_coverage_matrix_and_attention_chart_render(story_server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = _watch(page)
    summit = _summit(page, story_server)
    detail = page.request.get(f"{story_server}/stories/{summit['id']}.json").json()
    page.goto(f"{story_server}/stories/{summit['id']}")
    matrix = page.locator("section#coverage table.coverage").first
    assert matrix.is_visible()
    heads = [h.strip() for h in matrix.locator("th.outlet-head").all_text_contents()]
    assert heads == detail["coverage"]["outlets"]
    rows = detail["coverage"]["rows"][:12]
    assert matrix.locator("tbody tr").count() == len(rows)
    assert matrix.locator("td.carried").count() == sum(len(r["carried"]) for r in rows)
    assert matrix.locator("td.missing").count() == sum(len(r["missing"]) for r in rows)
    box = matrix.bounding_box()
    assert box and box["width"] > 600 and box["height"] > 60
    _element_shot(page.locator("section#coverage"), tmp_path, "story-coverage.png")
    # Attention: one bar per outlet and day with articles, drawn at a visible size.
    chart = page.locator("section#attention svg.attention-chart")
    bars = chart.locator("rect.att-bar")
    expected = sum(len(days) for days in detail["attention"]["outlets"].values())
    assert expected and bars.count() == expected
    assert all(bars.nth(i).bounding_box()["height"] > 2 for i in range(bars.count()))
    titles = chart.locator("rect.att-bar title").all_text_contents()
    assert all(re.match(r"\d{4}-\d{2}-\d{2} · .+: \d+ articles?$", t) for t in titles)
    _element_shot(page.locator("section#attention"), tmp_path, "story-attention.png")
    # A date known only to its week or month is a bar over its span, not a dot on its first day.
    spans = page.locator("svg.timeline-chart a.span-mark")
    assert spans.count() >= 1
    assert re.search(r"\((week|month|other|quarter|year): \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\)",
                     spans.first.locator("title").text_content())
    _element_shot(page.locator("section#timeline figure"), tmp_path, "story-timeline.png")
    # The outlets' metadata from the (fictional) sources file is on the page.
    assert "owner: Ledger Media Trust" in page.inner_text("header.story-head")
    _shot(page, tmp_path, "story.png")
    # The entity page and the search page draw attention too.
    sorvik = next(e for e in detail["entities"] if e["name"] == "Elena Sorvik")
    page.goto(f"{story_server}/entities/{sorvik['id']}")
    assert page.locator("svg.attention-chart rect.att-bar").count() >= 1
    page.goto(f"{story_server}/search?q=summit")
    assert page.locator("svg.attention-chart rect.att-bar").count() >= 1
    assert not seen["dialogs"] and not seen["errors"], seen


def test_entity_list_toggle(story_server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = _watch(page)
    summit = _summit(page, story_server)
    page.goto(f"{story_server}/stories/{summit['id']}?kind=direct")
    names = page.locator("section#entities ul.entity-cloud li > a").all_inner_texts()
    assert names and all(any(ch.isupper() for ch in n) for n in names)  # names only: no "leaders", "talks"
    page.click("section#entities a.toggle")
    page.wait_for_url(re.compile(r"entities=all"))
    assert "kind=direct" in page.url  # the other filters stay
    every = page.locator("section#entities ul.entity-cloud li > a").all_inner_texts()
    assert set(names) < set(every)
    assert any(n == n.lower() for n in every)  # common nouns and descriptions are listed now
    page.click("section#entities a.toggle")
    page.wait_for_url(re.compile(r"^(?!.*entities=all)"))
    assert page.locator("section#entities ul.entity-cloud li > a").all_inner_texts() == names
    assert not seen["dialogs"] and not seen["errors"], seen
