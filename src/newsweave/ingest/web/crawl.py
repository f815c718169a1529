"""From URLs to articles: what each URL is (:func:`discover`) and the article pages it leads to (:func:`fetch_items`).

A feed or sitemap gives article links; a homepage gives the feeds it advertises, whose links are
followed; a sitemap index gives its sitemaps (two levels at most); an article page is itself the
article. Each article page is fetched and extracted with trafilatura (:func:`~newsweave.ingest.html.page_article`);
what the page does not say (headline, date, author, outlet) is taken from the feed's entry; a page
that cannot be fetched or read falls back to the entry's own text when the feed carries some.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from ...errors import IngestError
from ...model import Article
from ..html import decode_page, page_article
from ..records import finish_article
from .discover import (
    FeedItem,
    advertised_feeds,
    classify,
    is_article_page,
    read_listing,
)
from .fetcher import Fetcher, FetchError, FetchOptions, Response

__all__ = ["Discovery", "discover", "fetch_items", "read_urls"]

# A feed entry with at least this many words of its own is an article even when its page is out of reach.
_MIN_FEED_WORDS = 40
_MAX_CHILD_LISTINGS = 10


@dataclass(slots=True)
class Discovery:
    """What one URL turned out to be and what it leads to.

    ``kind``: ``feed``, ``sitemap``, ``homepage`` or ``article``; ``items``: article links found
    (feeds and sitemaps); ``page``: the article itself (an article page); ``problems``: child
    feeds or sitemaps that failed. ``not_modified``: the server answered 304 to a conditional GET.
    """

    url: str
    kind: str | None = None
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    items: list[FeedItem] = field(default_factory=list)
    page: Article | IngestError | None = None
    problems: list[IngestError] = field(default_factory=list)


def discover(fetcher: Fetcher, url: str, *, etag: str | None = None,
             last_modified: str | None = None) -> Discovery:
    """Fetch ``url`` (conditionally when validators are given) and say what it is; raises IngestError."""
    response = fetcher.get(url, etag=etag, last_modified=last_modified)
    found = Discovery(url, etag=response.headers.get("etag") or etag,
                      last_modified=response.headers.get("last-modified") or last_modified)
    if response.not_modified:
        found.not_modified = True
        return found
    kind = classify(response.body, response.content_type)
    if kind == "html":
        markup, encoding = decode_page(response.body, response.charset)
        feeds = advertised_feeds(markup, response.url)
        if is_article_page(markup) or not feeds:
            found.kind = "article"
            found.page = _page(markup, encoding, response, None)
            return found
        found.kind = "homepage"
        for feed_url in feeds[:_MAX_CHILD_LISTINGS]:
            _add_listing(fetcher, feed_url, found, depth=1)
    elif kind in ("feed", "jsonfeed", "sitemap"):
        listing = read_listing(response.body, kind, response.url)
        found.kind, found.title = listing.kind, listing.title
        found.items.extend(listing.items)
        for child in listing.sitemaps[:_MAX_CHILD_LISTINGS]:
            _add_listing(fetcher, child, found, depth=1)
    else:
        raise FetchError(url, "not-a-feed", f"not a feed, sitemap or HTML page (Content-Type "
                         f"{response.content_type or 'missing'}); check the URL")
    found.items = _unique(found.items)
    if found.kind == "sitemap":
        # A site's sitemap may list years of pages in any order: the newest are the news.
        found.items.sort(key=lambda item: item.published or date.min, reverse=True)
    found.items = found.items[: fetcher.options.max_items]
    if not found.items and not found.problems and found.kind != "article":
        raise FetchError(url, "not-a-feed", f"the {found.kind} lists no article links")
    if not found.items and found.problems:
        raise found.problems[0]
    return found


def _add_listing(fetcher: Fetcher, url: str, found: Discovery, depth: int) -> None:
    try:
        response = fetcher.get(url)
        kind = classify(response.body, response.content_type)
        listing = read_listing(response.body, kind, response.url)
    except IngestError as exc:
        found.problems.append(exc)
        return
    found.title = found.title or listing.title
    found.items.extend(listing.items)
    if depth < 2:
        for child in listing.sitemaps[:_MAX_CHILD_LISTINGS]:
            _add_listing(fetcher, child, found, depth + 1)


def _unique(items: list[FeedItem]) -> list[FeedItem]:
    seen: dict[str, FeedItem] = {}
    for item in items:
        seen.setdefault(item.url, item)
    return list(seen.values())


def fetch_items(fetcher: Fetcher, items: Iterable[FeedItem]) -> Iterator[tuple[FeedItem, Article | IngestError]]:
    """Fetch and extract each item's page, ``options.workers`` at a time (politeness per host kept), in order.

    Stops cleanly on KeyboardInterrupt: pending fetches are cancelled and waits end at once.
    """
    items = list(items)
    if not items:
        return
    pool = ThreadPoolExecutor(max_workers=min(fetcher.options.workers, len(items)), thread_name_prefix="fetch")
    try:
        futures = [pool.submit(_item_article, fetcher, item) for item in items]
        for item, future in zip(items, futures):
            yield item, future.result()
    except BaseException:
        fetcher.abort()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _item_article(fetcher: Fetcher, item: FeedItem) -> Article | IngestError:
    try:
        response = fetcher.get(item.url)
        if classify(response.body, response.content_type) != "html":
            raise FetchError(item.url, "not-a-page", f"the link is not an HTML page ({response.content_type})")
        markup, encoding = decode_page(response.body, response.charset)
        result = _page(markup, encoding, response, item)
    except IngestError as exc:
        result = exc
    if isinstance(result, IngestError) and len(item.text.split()) >= _MIN_FEED_WORDS:
        article = Article(text=item.text, title=item.title, published=item.published,
                          outlet=item.outlet or _host_outlet(item.url), url=item.url, origin=item.url)
        article.extra["from_feed"] = f"the page could not be used ({result.reason})"
        if item.author:
            article.extra["author"] = item.author
        return finish_article(article, identity=item.url)
    return result


def _page(markup: str, encoding: str, response: Response, item: FeedItem | None) -> Article | IngestError:
    article = page_article(markup, name=response.url, identity=response.url, encoding=encoding)
    if isinstance(article, IngestError):
        return article
    canonical = article.url if article.url and article.url.lower().startswith(("http://", "https://")) else None
    article.url = canonical or response.url
    if item is not None:
        article.title = article.title or item.title
        article.published = article.published or item.published
        article.outlet = article.outlet or item.outlet
        if item.author:
            article.extra.setdefault("author", item.author)
    article.outlet = article.outlet or _host_outlet(response.url)
    article.id = None  # derived again from the final URL
    return finish_article(article, identity=response.url)


def _host_outlet(url: str) -> str | None:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def read_urls(urls: Iterable[str], *, options: FetchOptions | None = None, fetcher: Fetcher | None = None,
              skip: Callable[[list[str]], set[str]] | None = None) -> Iterator[Article | IngestError]:
    """The articles behind each URL (feed, sitemap, homepage or page), errors as values.

    ``skip`` is given the item URLs of each feed or sitemap and returns those not to fetch (already
    stored), so running the same feed again fetches only what is new.
    """
    fetcher = fetcher or Fetcher(options)
    for url in urls:
        try:
            found = discover(fetcher, url)
        except IngestError as exc:
            yield exc
            continue
        yield from found.problems
        if found.page is not None:
            yield found.page
            continue
        items = found.items
        if skip is not None:
            done = skip([item.url for item in items])
            items = [item for item in items if item.url not in done]
        for _item, result in fetch_items(fetcher, items):
            yield result
