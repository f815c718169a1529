"""The store's typed read models (``newsweave.store.views``) and what the read path takes from them."""

from __future__ import annotations

from datetime import date

import pytest
from test_compare import _hand_store

from newsweave.analyze.compare import compare_outlets
from newsweave.analyze.plans import store_plans
from newsweave.analyze.timeline import story_timeline
from newsweave.model import Actor, Article, Event, Extraction, Span
from newsweave.store import Store, article_detail, story_detail
from newsweave.store.views import (
    ArticleView,
    StoryView,
    article_view,
    events_view,
    story_view,
)


def test_views_hold_the_documented_shapes(tmp_path):
    store = _hand_store(tmp_path / "v.db")
    view = story_view(store, "bridge")
    assert isinstance(view, StoryView) and view.to_json() == story_detail(store, "bridge")
    assert [a["id"] for a in view.originals] == [a["id"] for a in view.articles if a["copy_of"] is None]
    copy = next(a for a in view.articles if a["copy_of"] is not None)
    assert view.reprints() == {copy["copy_of"]: ["Coast Herald"]}
    for a in view.articles:
        article = article_view(store, a["id"])
        assert isinstance(article, ArticleView) and article.to_json() == article_detail(store, a["id"])


def test_one_view_serves_both_analyses_reading_each_article_once(tmp_path):
    store = _hand_store(tmp_path / "v.db")
    reads: list[int] = []

    def read(article_id: int) -> ArticleView:
        reads.append(article_id)
        return article_view(store, article_id)

    view = StoryView.from_detail(story_detail(store, "bridge"), read)
    assert story_timeline(view) == story_timeline(store, "bridge")
    assert compare_outlets(view) == compare_outlets(store, "bridge")
    assert sorted(reads) == sorted(a["id"] for a in view.originals)  # the copy is never read


def test_an_agency_dateline_is_known_to_the_article_view(tmp_path):
    text = "WASHINGTON, October 17. /TASS/. The talks in Budapest will open on Monday, officials said."
    with Store(tmp_path / "d.db") as store:
        aid = store.add_article(Article(text=text, published=date(2025, 10, 17), wire="TASS")).article_id
        view = article_view(store, aid)
    assert view.dateline is not None and text[view.dateline[0]:view.dateline[1]].startswith("WASHINGTON")
    assert view.in_dateline(0) and not view.in_dateline(text.index("The talks"))


def test_plan_history_keeps_each_events_own_offsets(tmp_path):
    """The same words twice in one article: each update points at its own event, not at the last one
    with those words (the offsets used to be looked up again by the evidence text)."""
    sentence = "Estonia and Latvia will hold a summit in Parnu."
    text = f"{sentence} Officials confirmed it. {sentence}"
    first, second = text.index(sentence), text.rindex(sentence)

    def summit(start: int, time: str | None) -> Event:
        return Event(type="CONSULT", evidence=Span(start, start + len(sentence), sentence), place="Parnu", time=time,
                     source=[Actor("Estonia", code="EST")], target=[Actor("Latvia", code="LVA")], status="planned")

    with Store(tmp_path / "p.db") as store:
        article = Article(text=text, published=date(2032, 2, 2), outlet="Baltic Wire")
        aid = store.add_article(article).article_id
        ex = Extraction(article=article)
        ex.events = [summit(first, None), summit(second, "2032-03-12")]
        store.save_extraction(aid, ex)
        (plan,) = store_plans(store, today=date(2032, 3, 1))
        assert store_plans(events_view(store), today=date(2032, 3, 1)) == [plan]
    assert [u["change"] for u in plan["history"]] == ["announced", "dated"]
    assert [(u["start"], u["end"]) for u in plan["history"]] == [
        (first, first + len(sentence)), (second, second + len(sentence))]
    for u in plan["history"]:
        assert text[u["start"]:u["end"]] == u["evidence"]


def test_one_renderer_registry_serves_the_cli_and_the_web(tmp_path):
    from newsweave.api.views import stories_page, story_page
    from newsweave.renderers import registered, render, template

    store = _hand_store(tmp_path / "r.db")
    detail = story_detail(store, "bridge")
    assert {"json", "text", "html"} <= set(registered()["story"]) and "text" in registered()["stories"]
    text = render("story", "text", detail)
    assert text.splitlines()[0].startswith("[bold cyan]bridge[/] [bold]Elm Street bridge[/]")
    assert all(f"#{a['id']}" in text for a in detail["articles"]) and "Ada Brenner" in text
    assert story_page(store, "bridge").template == template("story")
    assert stories_page(store, {}).template == template("stories")
    assert render("stories", "json", [{"id": "bridge"}]) == '[\n  {\n    "id": "bridge"\n  }\n]'
    with pytest.raises(KeyError, match=r"story \(json/text/html\)"):
        render("story", "csv", detail)


def test_the_digest_reads_the_store_overview(tmp_path):
    from newsweave.analyze.digest import digest
    from newsweave.store.views import store_overview

    store = _hand_store(tmp_path / "o.db")
    overview = store_overview(store)
    assert overview.counts == {"articles": 3, "stories": 1, "quotes": 3, "entities": 0}
    d = digest(overview)
    assert d == digest(store) and d["story_digests"][0]["id"] == "bridge"
    assert d["top_speakers"] == [{"speaker": "Mayor Ada Brenner", "quotes": 3}]
