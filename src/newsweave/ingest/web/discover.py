"""What a fetched URL is, and the article links it gives: feeds, sitemaps, homepages, article pages.

* **RSS/Atom** through feedparser (entity declarations refused, as for feed files), **JSON Feed**
  (``version: https://jsonfeed.org/version/1.x``) read directly;
* **sitemaps** (``<urlset>``, with the Google News extension's title, date and publication name) and
  sitemap indexes (``<sitemapindex>``), parsed with entity resolution and network access off;
* **HTML**: an article page (``og:type`` article, ``article:published_time`` or a JSON-LD
  ``NewsArticle``) is itself the article; any other page that advertises feeds
  (``<link rel="alternate" type="application/rss+xml">``) is a homepage whose feeds are followed.

Each link becomes a :class:`FeedItem` carrying what the feed said about it, so the page's own
metadata can be filled in from the feed where the page lacks it.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urljoin

from ...errors import IngestError
from ..dates import DateError, parse_date
from ..feed import clean_field, entry_date, entry_markup, refuse_entities
from ..html import html_to_text
from ..sniff import FEED_ROOT, XML_PROLOG
from .fetcher import is_url

__all__ = ["FeedItem", "Listing", "advertised_feeds", "classify", "is_article_page", "read_listing"]


@dataclass(slots=True)
class FeedItem:
    """One article link and what its feed or sitemap said about it."""

    url: str
    title: str | None = None
    published: date | None = None
    author: str | None = None
    outlet: str | None = None
    text: str = ""  # the entry's own text (content or summary), used when the page gives none


@dataclass(slots=True)
class Listing:
    """The links a feed or sitemap gives; ``sitemaps`` are child sitemaps of a sitemap index."""

    kind: str  # "feed" | "sitemap"
    title: str | None = None
    items: list[FeedItem] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


_SITEMAP_ROOT = re.compile(r"<(?:[\w-]+:)?(?:urlset|sitemapindex)\b", re.IGNORECASE)
_JSON_FEED = re.compile(r'"version"\s*:\s*"https?://jsonfeed\.org/version/', re.IGNORECASE)


def classify(body: bytes, content_type: str = "") -> str:
    """``feed``, ``jsonfeed``, ``sitemap``, ``html`` or ``other``, by content first and media type second."""
    head = body[:65536].decode("utf-8", "replace").lstrip("\ufeff").lstrip()
    if head.startswith("{") and _JSON_FEED.search(head):
        return "jsonfeed"
    if head.startswith("<"):
        rest = head[XML_PROLOG.match(head).end():]
        if FEED_ROOT.match(rest):
            return "feed"
        if _SITEMAP_ROOT.match(rest):
            return "sitemap"
        if "html" in content_type or re.search(r"<(?:!doctype\s+html|html|head|body)\b", head[:4096], re.IGNORECASE):
            return "html"
    if content_type in ("text/html", "application/xhtml+xml"):
        return "html"
    return "other"


def read_listing(body: bytes, kind: str, url: str) -> Listing:
    """The links of a feed (``feed``/``jsonfeed``) or sitemap; raises IngestError naming ``url``."""
    if kind == "feed":
        return _read_feed(body, url)
    if kind == "jsonfeed":
        return _read_json_feed(body, url)
    if kind == "sitemap":
        return _read_sitemap(body, url)
    raise IngestError(url, f"not a feed or sitemap (found {kind})")


def _read_feed(body: bytes, url: str) -> Listing:
    import feedparser

    refuse_entities(body, url)
    parsed = feedparser.parse(io.BytesIO(body), resolve_relative_uris=False, sanitize_html=True)
    entries = parsed.get("entries") or []
    if not entries and parsed.get("bozo") and not parsed.get("feed"):
        raise IngestError(url, f"not a feed: {parsed.get('bozo_exception')}")
    title = clean_field(parsed.feed.get("title")) if parsed.get("feed") else None
    listing = Listing("feed", title)
    for entry in entries:
        link = _link(url, entry.get("link"))
        if not link:
            continue
        published, _unreadable = entry_date(entry)
        listing.items.append(FeedItem(link, clean_field(entry.get("title")), published, clean_field(entry.get("author")),
                                      title, html_to_text(entry_markup(entry))))
    return listing


def _read_json_feed(body: bytes, url: str) -> Listing:
    try:
        feed = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IngestError(url, f"not a JSON Feed: {exc}") from exc
    if not isinstance(feed, dict) or not isinstance(feed.get("items"), list):
        raise IngestError(url, "not a JSON Feed: no 'items' list")
    title = clean_field(feed.get("title"))
    listing = Listing("feed", title)
    for entry in feed["items"]:
        if not isinstance(entry, dict):
            continue
        link = _link(url, entry.get("url") or entry.get("external_url"))
        if not link:
            continue
        authors = entry.get("authors") or ([entry["author"]] if isinstance(entry.get("author"), dict) else [])
        author = next((clean_field(a.get("name")) for a in authors if isinstance(a, dict) and a.get("name")), None)
        text = entry.get("content_text") or html_to_text(entry.get("content_html") or entry.get("summary") or "")
        listing.items.append(FeedItem(link, clean_field(entry.get("title")), _date(entry.get("date_published")), author,
                                      title, str(text or "")))
    return listing


def _read_sitemap(body: bytes, url: str) -> Listing:
    from lxml import etree

    refuse_entities(body, url)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise IngestError(url, f"not a sitemap: {exc}") from exc
    if root is None:
        raise IngestError(url, "not a sitemap: the XML is empty")
    listing = Listing("sitemap")
    local = etree.QName(root).localname
    for node in root:
        if not isinstance(node.tag, str):
            continue
        fields = {}
        for child in node.iter():
            if isinstance(child.tag, str):
                name = etree.QName(child).localname
                fields.setdefault(name, (child.text or "").strip())
        link = _link(url, fields.get("loc"))
        if not link:
            continue
        if local == "sitemapindex":
            listing.sitemaps.append(link)
        else:
            # The news extension: <news:title>, <news:publication_date>, <news:publication><news:name>.
            published = _date(fields.get("publication_date") or fields.get("lastmod"))
            listing.items.append(FeedItem(link, clean_field(fields.get("title")), published, None,
                                          clean_field(fields.get("name"))))
    return listing


_ALTERNATE = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/json")


def advertised_feeds(markup: str, base_url: str) -> list[str]:
    """The feed URLs a page advertises with ``<link rel="alternate" type="…rss+xml|atom+xml|feed+json">``."""
    feeds = []
    for tag in _ALTERNATE.findall(markup[:200_000]):
        attrs = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or "" for m in _ATTR.finditer(tag)}
        if "alternate" in attrs.get("rel", "").lower().split() and attrs.get("type", "").lower() in _FEED_TYPES:
            link = _link(base_url, attrs.get("href"))
            if link and link not in feeds:
                feeds.append(link)
    return feeds


_ARTICLE_MARKS = re.compile(
    r"""<meta\b[^>]*(?:property|name)\s*=\s*["'](?:og:type["'][^>]*content\s*=\s*["']article|article:published_time)"""
    r"""|<meta\b[^>]*content\s*=\s*["']article["'][^>]*property\s*=\s*["']og:type"""
    r"""|"@type"\s*:\s*"(?:News|Blog|Report)?(?:Article|Posting)\"""",
    re.IGNORECASE,
)


def is_article_page(markup: str) -> bool:
    """Whether a page says it is an article (``og:type``, ``article:published_time``, JSON-LD type)."""
    return bool(_ARTICLE_MARKS.search(markup[:200_000]))


def _link(base: str, value) -> str | None:
    if not value or not isinstance(value, str):
        return None
    link = urljoin(base, value.strip()).split("#", 1)[0]
    return link if is_url(link) else None


def _date(value) -> date | None:
    if not value:
        return None
    try:
        return parse_date(str(value)[:10])
    except DateError:
        return None
