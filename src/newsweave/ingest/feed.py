"""RSS and Atom feeds saved as files: one article per entry, via feedparser.

An entry's text is its full content where the feed carries it (``content:encoded``, Atom
``<content>``), else its summary, with HTML turned into plain paragraphs. Its date is the
``published`` (else ``updated``) date as written, its outlet the feed's title, its id the entry's
``guid``/``id`` (else derived from its link). An unreadable date leaves ``published`` None and is
kept in ``extra["unreadable_date"]``. Entries without text are reported one by one, as
``path#N`` for the Nth entry.

Hostile XML: a feed that declares entities in a DTD (``<!ENTITY …>``) is refused before parsing.
Entity declarations are what "billion laughs" expansion bombs and external-entity file reads need,
and real feeds do not use them. (feedparser also strips unsafe declarations and never fetches
external entities, and the size limit bounds the input; this check makes the refusal explicit.)
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from ..errors import IngestError
from ..model import Article
from .dates import DateError, check_published, parse_date
from .html import html_to_text
from .records import ReadOptions, finish_article
from .source import Source

__all__ = ["read_feed"]

_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)


def refuse_entities(data: bytes, name: str) -> None:
    first = _FIRST_ELEMENT.search(data)
    prolog = data[: first.start()] if first else data
    if _ENTITY_DECLARATION.search(prolog):
        raise IngestError(
            name,
            "the feed declares XML entities (<!ENTITY …>), which newsweave refuses: they can expand to "
            "gigabytes ('billion laughs') or read local files; remove the DOCTYPE's entity declarations",
        )


def read_feed(source: Source, options: ReadOptions) -> Iterator[Article | IngestError]:
    """One article per entry of an RSS or Atom feed."""
    import feedparser

    data = source.read_all(options.max_file_bytes, "feed")
    refuse_entities(data, source.name)
    # A stream, never a string: feedparser fetches strings that look like URLs.
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({problem})" if problem else ""
        yield IngestError(source.name, f"the feed has no entries{detail}; check that it is an RSS or Atom file")
        return
    outlet = clean_field(parsed.feed.get("title")) if parsed.get("feed") else None
    for number, entry in enumerate(entries, start=1):
        origin = f"{source.name}#{number}"
        text = html_to_text(entry_markup(entry))
        if not text:
            yield IngestError(origin, "this feed entry has no text (no content and no summary)")
            continue
        published, unreadable = entry_date(entry)
        article = Article(
            text=text,
            id=clean_field(entry.get("id")) or None,
            published=published,
            outlet=outlet,
            title=clean_field(entry.get("title")),
            url=clean_field(entry.get("link")),
            origin=origin,
        )
        if unreadable:  # a feed's date is machine-written metadata: keep the entry, say what was dropped
            article.extra["unreadable_date"] = unreadable
        author = clean_field(entry.get("author"))
        if author:
            article.extra["author"] = author
        yield finish_article(article, identity=source.identity, locator=f"#{number}")


def entry_markup(entry) -> str:
    contents = [c.get("value") or "" for c in entry.get("content") or []]
    best = max(contents, key=len, default="")
    summary = entry.get("summary") or ""
    return best if len(best) >= len(summary) else summary


def entry_date(entry) -> tuple[object, str | None]:
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        try:
            return parse_date(raw), None
        except DateError:
            parsed = entry.get(f"{key}_parsed")  # feedparser reads more date styles (in UTC)
            if parsed:
                from datetime import date

                try:  # the same range as every other publication date
                    return check_published(date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)), None
                except ValueError:
                    pass
            return None, str(raw)[:200]
    return None, None


def clean_field(value) -> str | None:
    if not value:
        return None
    text = " ".join(str(value).split())
    return text or None
