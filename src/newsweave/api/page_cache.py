"""Rendered pages kept for reuse: in each server process, and shared by the processes of one server.

A story page's first render runs the timeline and outlet comparison (milliseconds to a tenth of a
second); served again it costs a lookup. With ``serve --workers N`` every process used to render each
story once for itself; the shared level (a small SQLite file in a private temporary folder the
serving parent creates) lets a page rendered by one process serve the others. The shared level is a
cache only: when it is busy or broken, the page is rendered as if it were missing.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from collections import OrderedDict
from pathlib import Path

__all__ = ["PageCache", "SharedPages"]


class _MemoryPages:
    """Rendered bodies by key, least recently used dropped first once over ``max_bytes`` (thread-safe)."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        self._items: OrderedDict[tuple, tuple[bytes, str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> tuple[bytes, str] | None:
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def put(self, key: tuple, body: bytes, media_type: str) -> None:
        if len(body) > self.max_bytes // 8:  # one huge page must not empty the cache
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.size -= len(old[0])
            self._items[key] = (body, media_type)
            self.size += len(body)
            while self.size > self.max_bytes:
                _, (dropped, _) = self._items.popitem(last=False)
                self.size -= len(dropped)



class SharedPages:
    """Rendered pages in an SQLite file that every worker process of one server reads and writes."""

    PRUNE_EVERY = 500  # puts between two trims to ``max_rows``

    def __init__(self, path: str | Path, max_rows: int = 20_000):
        self.path = str(path)
        self.max_rows = max_rows
        self._local = threading.local()
        self._puts = 0

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            # A short busy timeout: waiting longer than a render would take defeats the cache.
            db = sqlite3.connect(self.path, timeout=0.05, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=OFF")  # a lost page is rendered again; nothing else is kept here
            db.execute("CREATE TABLE IF NOT EXISTS pages (key BLOB PRIMARY KEY, body BLOB NOT NULL, "
                       "media TEXT NOT NULL, at REAL NOT NULL)")
            self._local.db = db
        return db

    @staticmethod
    def _key(key: tuple) -> bytes:
        return hashlib.blake2b(repr(key).encode("utf-8"), digest_size=16).digest()

    def get(self, key: tuple) -> tuple[bytes, str] | None:
        try:
            row = self._db().execute("SELECT body, media FROM pages WHERE key = ?", (self._key(key),)).fetchone()
        except sqlite3.Error:
            return None
        return (bytes(row[0]), row[1]) if row else None

    def put(self, key: tuple, body: bytes, media_type: str) -> None:
        try:
            db = self._db()
            db.execute("INSERT OR REPLACE INTO pages(key, body, media, at) VALUES (?, ?, ?, ?)",
                       (self._key(key), body, media_type, time.time()))
            self._puts += 1
            if self._puts % self.PRUNE_EVERY == 0:
                db.execute("DELETE FROM pages WHERE at < (SELECT at FROM pages ORDER BY at DESC LIMIT 1 OFFSET ?)",
                           (self.max_rows,))
        except sqlite3.Error:
            pass  # a cache that cannot write is a cache that misses


class PageCache:
    """This process's pages (LRU, ``max_bytes``), then the server's shared pages when there are any."""

    def __init__(self, max_bytes: int, shared: SharedPages | None = None):
        self.memory = _MemoryPages(max_bytes)
        self.shared = shared

    def get(self, key: tuple) -> tuple[bytes, str] | None:
        hit = self.memory.get(key)
        if hit is None and self.shared is not None:
            hit = self.shared.get(key)
            if hit is not None:
                self.memory.put(key, *hit)
        return hit

    def put(self, key: tuple, body: bytes, media_type: str) -> None:
        self.memory.put(key, body, media_type)
        if self.shared is not None:
            self.shared.put(key, body, media_type)
