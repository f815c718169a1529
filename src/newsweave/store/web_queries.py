"""Read queries only the web UI and the plan views need: events with their articles, names, story versions.

Kept apart from ``queries.py`` (the CLI's documented shapes) so the web can grow without touching them;
the same rule holds: values travel as parameters, never spliced into SQL text.
"""

from __future__ import annotations

import json
from typing import Any

from .db import Store

__all__ = ["entity_names", "events_with_articles", "stories_version", "story_version"]

def events_with_articles(store: Store, *, story_id: str | None = None) -> list[dict[str, Any]]:
    """Every event (of one story, or of the store) with its article's outlet, date and story and its
    evidence text, oldest report first: what plan tracking reads."""
    sql = (
        'SELECT e.article_id, e.start, e."end", e.type, e.mode, e.source, e.target, e.time, e.place, e.status,'
        " e.claimed_by, coalesce(a.outlet, a.wire) AS outlet, a.published, s.story_id,"
        ' substr(a.text, e.start + 1, e."end" - e.start) AS evidence FROM events e JOIN articles a ON a.id = e.article_id'
        " LEFT JOIN article_story s ON s.article_id = e.article_id"
    )
    params: tuple = ()
    if story_id is not None:
        sql += " WHERE s.story_id = ?"
        params = (story_id,)
    sql += " ORDER BY coalesce(a.published, '9999'), e.article_id, e.start"
    return [{**dict(r), "source": json.loads(r["source"]), "target": json.loads(r["target"])}
            for r in store.db.execute(sql, params)]


def story_version(store: Store, story_id: str) -> str | None:
    """A value that changes whenever a story's articles or extractions change (its ``updated_at``)."""
    row = store.db.execute("SELECT updated_at, (SELECT count(*) FROM article_story WHERE story_id = ?)"
                           " FROM stories WHERE id = ?", (story_id, story_id)).fetchone()
    return f"{row[0]}/{row[1]}" if row else None


def stories_version(store: Store) -> str:
    """A value that changes whenever any story is created, changed, merged away or gains an article:
    the newest ``updated_at``, the number of stories and the highest article id linked to a story
    (each an index lookup, so it is cheap however large the store)."""
    row = store.db.execute("SELECT (SELECT max(updated_at) FROM stories), (SELECT count(*) FROM stories),"
                           " (SELECT max(article_id) FROM article_story)").fetchone()
    return f"{row[0]}/{row[1]}/{row[2]}"


def entity_names(store: Store, ids) -> dict[str, str]:
    """Canonical names of the given entity ids (ids the store does not know are left out)."""
    ids = sorted(set(ids))
    out: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        out.update(store.db.execute(f"SELECT id, name FROM entities WHERE id IN ({','.join('?' * len(chunk))})",
                                    chunk).fetchall())
    return out
