"""The sources `newsweave watch` polls (feeds, sitemaps, pages, homepages) and the items each has given.

A source row keeps what a polite poll needs between runs: ETag and Last-Modified for a conditional
GET, when it was last fetched and last fetched without error, how many polls in a row failed and
why the last one did, and counts of items seen and articles stored. ``source_items`` holds every
item URL a source has given that was handled (stored, or failed for good), so a later poll skips it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from ..errors import StoreError
from .db import Store

__all__ = ["add_source", "find_source", "known_item_urls", "list_sources", "record_item", "record_poll",
           "remove_source", "stored_urls"]

_COLUMNS = ("id", "url", "kind", "title", "added_at", "last_fetch", "last_ok", "etag", "last_modified", "errors",
            "last_error", "items_seen", "articles")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def add_source(store: Store, url: str, *, title: str | None = None) -> tuple[int, bool]:
    """Add a source by URL; returns ``(id, new)`` (an existing URL is kept as it is)."""
    with store.atomic() as db:
        row = db.execute("SELECT id FROM sources WHERE url = ?", (url,)).fetchone()
        if row:
            return row["id"], False
        cur = db.execute("INSERT INTO sources(url, title, added_at) VALUES (?, ?, ?)", (url, title, _now()))
        return cur.lastrowid, True


def find_source(store: Store, key: str | int) -> dict[str, Any]:
    """One source by id or URL; raises StoreError naming the key when there is none."""
    text = str(key).strip()
    column = "id" if text.isdigit() else "url"
    row = store.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM sources WHERE {column} = ?",
                           (int(text) if column == "id" else text,)).fetchone()
    if row is None:
        raise StoreError(f"no source {text!r}: `newsweave sources list` shows the ids and URLs")
    return dict(row)


def remove_source(store: Store, key: str | int) -> dict[str, Any]:
    """Remove a source (by id or URL) and its item records; its articles stay. Returns the removed row."""
    source = find_source(store, key)
    with store.atomic() as db:
        db.execute("DELETE FROM sources WHERE id = ?", (source["id"],))
    return source


def list_sources(store: Store) -> list[dict[str, Any]]:
    """Every source, oldest first, as JSON-ready dicts (the shape of ``sources list --json``)."""
    if store.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sources'").fetchone() is None:
        return []  # a store opened read-only (the web UI) that no newer newsweave has migrated yet
    rows = store.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM sources ORDER BY id").fetchall()
    return [dict(r) for r in rows]


def known_item_urls(store: Store, source_id: int, urls: Iterable[str]) -> set[str]:
    """Which of ``urls`` this source has handled already, or that the store holds as an article URL."""
    urls = list(dict.fromkeys(urls))
    known: set[str] = set()
    for start in range(0, len(urls), 500):
        chunk = urls[start : start + 500]
        marks = ",".join("?" * len(chunk))
        known.update(r[0] for r in store.db.execute(
            f"SELECT url FROM source_items WHERE source_id = ? AND url IN ({marks})", (source_id, *chunk)))
    return known | stored_urls(store, [u for u in urls if u not in known])


def stored_urls(store: Store, urls: Iterable[str]) -> set[str]:
    """Which of ``urls`` are the URL of a stored article."""
    urls = list(dict.fromkeys(urls))
    found: set[str] = set()
    for start in range(0, len(urls), 500):
        chunk = urls[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(r[0] for r in store.db.execute(f"SELECT url FROM articles WHERE url IN ({marks})", chunk))
    return found


def record_item(store: Store, source_id: int, url: str, *, article_id: int | None = None,
                problem: str | None = None) -> None:
    """Record that a source's item was handled: stored as ``article_id``, or failed for good (``problem``)."""
    with store.atomic() as db:
        cur = db.execute(
            "INSERT OR IGNORE INTO source_items(source_id, url, seen_at, article_id, problem) VALUES (?,?,?,?,?)",
            (source_id, url, _now(), article_id, problem))
        if cur.rowcount:
            db.execute("UPDATE sources SET items_seen = items_seen + 1, articles = articles + ? WHERE id = ?",
                       (1 if article_id is not None else 0, source_id))


def record_poll(store: Store, source_id: int, *, error: str | None = None, kind: str | None = None,
                title: str | None = None, etag: str | None = None, last_modified: str | None = None) -> None:
    """Record one poll of a source: its validators and kind when it answered, else the error (counted)."""
    now = _now()
    with store.atomic() as db:
        if error is not None:
            db.execute("UPDATE sources SET last_fetch = ?, errors = errors + 1, last_error = ? WHERE id = ?",
                       (now, error, source_id))
            return
        db.execute(
            "UPDATE sources SET last_fetch = ?, last_ok = ?, errors = 0, last_error = NULL,"
            " kind = coalesce(?, kind), title = coalesce(title, ?), etag = ?, last_modified = ? WHERE id = ?",
            (now, now, kind, title, etag, last_modified, source_id))
