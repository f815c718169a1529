"""Story analyses kept per story version: what `newsweave process` computed for the stories it changed.

A row holds one analysis (``kind``: ``timeline``, ``compare``) of one story as JSON, with the story's
version when it was computed (``web_queries.story_version``: its ``updated_at`` and article count,
which processing and every applied correction move). A row is read only while that version is the
story's current one; a stale row is replaced the next time `process` changes the story.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from .db import Store

__all__ = ["drop_story_analyses", "save_story_analysis", "stored_story_analysis"]


def save_story_analysis(store: Store, story_id: str, kind: str, version: str, value: dict[str, Any]) -> None:
    """Keep ``value`` (JSON-ready) as the ``kind`` analysis of ``story_id`` at ``version``."""
    body = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    with store.atomic() as db:
        db.execute("INSERT INTO story_analyses(story_id, kind, version, body, computed_at) VALUES (?,?,?,?,?)"
                   " ON CONFLICT(story_id, kind) DO UPDATE SET version = excluded.version, body = excluded.body,"
                   " computed_at = excluded.computed_at",
                   (story_id, kind, version, body, datetime.now(UTC).isoformat(timespec="seconds")))


def stored_story_analysis(store: Store, story_id: str, kind: str, version: str | None) -> dict[str, Any] | None:
    """The ``kind`` analysis of ``story_id`` computed at ``version``; None when there is none or it is stale."""
    if version is None:
        return None
    try:
        row = store.db.execute("SELECT body FROM story_analyses WHERE story_id = ? AND kind = ? AND version = ?",
                               (story_id, kind, version)).fetchone()
    except sqlite3.OperationalError as exc:  # a store opened read-only before the table existed: nothing kept yet
        if "no such table" in str(exc):
            return None
        raise
    return json.loads(row[0]) if row else None


def drop_story_analyses(store: Store, story_ids: Iterable[str]) -> None:
    """Forget the analyses of stories that are gone (merged into another)."""
    ids = sorted(set(story_ids))
    with store.atomic() as db:
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            db.execute(f"DELETE FROM story_analyses WHERE story_id IN ({','.join('?' * len(chunk))})", chunk)
