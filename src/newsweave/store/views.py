"""Typed read models: what the read path (``newsweave.analyze``, the API, the CLI) gets from the store.

A :class:`StoryView` is built once from one read of a story (``queries.story_detail``); the articles
an analysis needs are read on first use, each once, and kept in the view, so the timeline and the
outlet comparison of one page share them. An :class:`ArticleView` is one article with everything
extracted from it, offsets into its text, plus what the write path knew that the read path would
otherwise work out again (the span of the agency dateline that opens the text).

``to_json()`` gives the documented JSON shapes (``article_detail``, ``story_detail``) unchanged, so
a view is a typed handle on the same data, not a second format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..ingest.credit import parse_credit
from ..model import outlet_of
from .db import Store
from .queries import article_detail, list_quotes, list_stories, story_detail
from .web_queries import entity_names, events_with_articles

__all__ = ["ArticleView", "EventsView", "StoreOverview", "StoryView", "article_view", "as_story_view", "events_view",
           "store_overview", "story_view"]

Row = dict[str, Any]


def _dateline(text: str) -> tuple[int, int] | None:
    # The rule that ingest applies when it reads an agency credit ("WASHINGTON, October 17. /TASS/.").
    credit = parse_credit(text)
    if credit.datelined and credit.span is not None:
        return credit.span.start, credit.span.end
    return None


@dataclass(frozen=True, slots=True)
class ArticleView:
    """One stored article and its extractions (mentions, timexes, attributions, events), offsets into ``text``."""

    id: int
    title: str
    outlet: str | None
    wire: str | None
    published: str | None
    url: str | None
    copy_of: int | None
    copy_kind: str | None
    text: str
    origin: str | None
    ext_id: str | None
    story_id: str | None
    processed: bool
    author: str | None
    language: str | None
    mentions: list[Row]
    timexes: list[Row]
    attributions: list[Row]
    events: list[Row]
    dateline: tuple[int, int] | None = None

    @classmethod
    def from_detail(cls, detail: Mapping[str, Any]) -> ArticleView:
        """The view of an ``article_detail`` record."""
        return cls(**{name: detail[name] for name in _ARTICLE_FIELDS}, dateline=_dateline(detail["text"]))

    def in_dateline(self, offset: int) -> bool:
        """Whether ``offset`` lies in the dateline that opens the text (where it was filed, not a claim)."""
        return self.dateline is not None and self.dateline[0] <= offset < self.dateline[1]

    def to_json(self) -> dict[str, Any]:
        """The ``article_detail`` shape (the API's ``/articles/N.json`` and ``newsweave article --json``)."""
        return {name: getattr(self, name) for name in _ARTICLE_FIELDS}


_ARTICLE_FIELDS = ("id", "title", "outlet", "wire", "published", "url", "copy_of", "copy_kind", "text", "origin",
                   "ext_id", "story_id", "processed", "author", "language", "mentions", "timexes",
                   "attributions", "events")


@dataclass(slots=True)
class StoryView:
    """One story: its article summaries, quotes, dated items, events and entities, and its articles on demand.

    ``articles`` are the listing rows (id, title, outlet, wire, published, url, copy_of, copy_kind), oldest
    first; :meth:`article` gives the full :class:`ArticleView` of one, read once and kept.
    """

    id: str
    title: str | None
    first: str | None
    last: str | None
    articles: list[Row]
    quotes: list[Row]
    timexes: list[Row]
    events: list[Row]
    entities: list[Row]
    detail: dict[str, Any] = field(repr=False)
    read_article: Callable[[int], ArticleView] = field(repr=False, compare=False)
    _read: dict[int, ArticleView] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_detail(cls, detail: dict[str, Any], read_article: Callable[[int], ArticleView]) -> StoryView:
        """The view of a ``story_detail`` record; ``read_article`` reads one article's view by id."""
        return cls(id=detail["id"], title=detail.get("title"), first=detail.get("first"), last=detail.get("last"),
                   articles=detail["articles"], quotes=detail["quotes"], timexes=detail["timexes"],
                   events=detail["events"], entities=detail["entities"], detail=detail, read_article=read_article)

    @property
    def originals(self) -> list[Row]:
        """The independent reports: articles that are not wire copies of another."""
        return [a for a in self.articles if a["copy_of"] is None]

    def reprints(self) -> dict[int, list[str]]:
        """For each original article id, the outlets that reprinted it."""
        out: dict[int, list[str]] = {}
        for a in self.articles:
            if a["copy_of"] is not None:
                out.setdefault(a["copy_of"], []).append(outlet_of(a))
        return out

    def article(self, article_id: int) -> ArticleView:
        """The full view of one of the story's articles, read from the store the first time only."""
        found = self._read.get(article_id)
        if found is None:
            found = self._read[article_id] = self.read_article(article_id)
        return found

    def to_json(self) -> dict[str, Any]:
        """The ``story_detail`` shape (the CLI's ``show --json``)."""
        return self.detail


def article_view(store: Store, article_id: int) -> ArticleView:
    """The typed view of one article (raises ``StoreError`` naming it when there is none)."""
    return ArticleView.from_detail(article_detail(store, article_id))


def story_view(store: Store, story_id: str, detail: dict[str, Any] | None = None) -> StoryView:
    """The typed view of one story; ``detail`` is its ``story_detail`` when the caller has already read it."""
    if detail is None:
        detail = story_detail(store, story_id)
    return StoryView.from_detail(detail, lambda article_id: article_view(store, article_id))


def as_story_view(story: StoryView | Store, story_id: str | None = None) -> StoryView:
    """What an analysis of one story (``analyze.timeline``, ``analyze.compare``) reads: ``story`` itself when it
    is a view (its articles read once and kept in it, so the analyses of one page share them), else the view of
    ``story_id`` read from the store ``story`` (the form scripts and tests use)."""
    if isinstance(story, StoryView):
        return story
    if story_id is None:
        raise TypeError("as_story_view: give a StoryView, or a store and a story id")
    return story_view(story, story_id)


@dataclass(slots=True)
class EventsView:
    """Every stored event of one story (``story_id``) or of the store (None), with its article's outlet, date
    and story and its evidence words, oldest report first (``web_queries.events_with_articles``): what plan
    tracking reads. ``names`` gives the canonical names of the entity ids asked for (unknown ids left out)."""

    story_id: str | None
    events: list[Row]
    names: Callable[[Iterable[str]], dict[str, str]] = field(repr=False, compare=False)


def events_view(store: Store, story_id: str | None = None) -> EventsView:
    """The events of one story (or of the whole store) as plan tracking reads them."""
    return EventsView(story_id, events_with_articles(store, story_id=story_id), lambda ids: entity_names(store, ids))


@dataclass(slots=True)
class StoreOverview:
    """What the digest reads: the newest ``stories`` (listing rows), the store's ``counts`` (articles, stories,
    quotes, entities), every quote, and each story's view on demand (``story``)."""

    stories: list[Row]
    counts: dict[str, int]
    quotes: list[Row]
    story: Callable[[str], StoryView] = field(repr=False, compare=False)


def store_overview(store: Store, *, stories: int = 10) -> StoreOverview:
    """The overview of a store with its ``stories`` newest stories."""
    counts = {"articles": store.count("articles"), "stories": store.count("stories"),
              "quotes": store.count("attributions"), "entities": store.count("entities")}
    return StoreOverview(list_stories(store, limit=stories), counts, list_quotes(store, limit=10**9),
                         lambda story_id: story_view(store, story_id))
