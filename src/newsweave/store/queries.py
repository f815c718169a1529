"""Read views over the store, returned as plain JSON-ready dicts.

These shapes are the documented ``--json`` output of the CLI and the JSON of the HTTP API, so a
field is only ever added, never renamed or removed.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any

from ..errors import StoreError
from .db import Store

__all__ = [
    "article_detail",
    "display_title",
    "entity_detail",
    "fts_query",
    "list_entities",
    "list_quotes",
    "list_stories",
    "search_articles",
    "story_detail",
]

def display_title(title: str | None, text: str, limit: int = 110) -> str:
    """The article's title, or the headline read from its text (see ``ingest.headline``) when it has none."""
    from ..ingest.headline import headline

    if title and title.strip():
        return title.strip()
    return headline(text, limit)


def fts_query(query: str) -> str:
    """Turn a user's words into an FTS5 query that cannot be a syntax error: each word quoted, all required."""
    words = re.findall(r"\w+", query, flags=re.UNICODE)
    if not words:
        raise StoreError(f"nothing to search for in {query!r}: give at least one word")
    return " ".join(f'"{w}"' for w in words)


def _article_summary(row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "title": display_title(row["title"], row["text"]),
        "outlet": row["outlet"],
        "wire": row["wire"],
        "published": row["published"],
        "url": row["url"],
        "copy_of": row["copy_of"],
        "copy_kind": row["copy_kind"],
    }


_ARTICLE_COLS = (
    "a.id, a.title, a.text, a.outlet, a.wire, a.published, a.url, c.source_article_id AS copy_of, c.kind AS copy_kind"
)


def list_stories(
    store: Store,
    *,
    outlet: str | None = None,
    entity: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Stories, most recent activity first, each with its articles, outlets and date range."""
    where, params = [], []
    if outlet:
        where.append(
            "s.id IN (SELECT x.story_id FROM article_story x JOIN articles y ON y.id = x.article_id"
            " WHERE lower(y.outlet) = lower(?) OR lower(y.wire) = lower(?))"
        )
        params += [outlet, outlet]
    if entity:
        where.append(
            "s.id IN (SELECT x.story_id FROM article_story x JOIN mentions m ON m.article_id = x.article_id"
            " JOIN entities e ON e.id = m.entity_id WHERE e.id = ? OR lower(e.name) = lower(?))"
        )
        params += [entity, entity]
    if since:
        where.append("coalesce(s.last, '') >= ?")
        params.append(since)
    if until:
        where.append("coalesce(s.first, '') <= ?")
        params.append(until)
    sql = "SELECT s.* FROM stories s"
    if where:
        sql += " WHERE " + " AND ".join(where)
    # Matches the stories_recent index (migration 005), so the newest page is read, not sorted.
    sql += " ORDER BY coalesce(s.last, '') DESC, s.updated_at DESC, s.id LIMIT ? OFFSET ?"
    return _story_summaries(store, [dict(r) for r in store.db.execute(sql, (*params, limit, offset))])


# A title is made from the start of the text only when the article has none: a list then reads no
# article text at all (long texts sit on overflow pages; a list of big stories would read megabytes).
_LIST_ARTICLE_COLS = _ARTICLE_COLS.replace(
    "a.text", "CASE WHEN a.title IS NULL OR trim(a.title) = '' THEN substr(a.text, 1, 2000) ELSE '' END AS text")


def _story_summaries(store: Store, stories: list[dict]) -> list[dict[str, Any]]:
    """The listing shape of the given ``stories`` rows: articles, outlets, counts, dates."""
    if not stories:
        return []
    ids = [s["id"] for s in stories]
    by_story: dict[str, list] = defaultdict(list)
    marks = ",".join("?" * len(ids))
    for row in store.db.execute(
        f"SELECT s.story_id, {_LIST_ARTICLE_COLS} FROM article_story s JOIN articles a ON a.id = s.article_id"
        f" LEFT JOIN copies c ON c.article_id = a.id WHERE s.story_id IN ({marks})"
        " ORDER BY coalesce(a.published, ''), a.id",
        ids,
    ):
        by_story[row["story_id"]].append(_article_summary(row))
    out = []
    for s in stories:
        articles = by_story[s["id"]]
        out.append(
            {
                "id": s["id"],
                "title": s["title"],
                "article_count": len(articles),
                "independent_reports": sum(1 for a in articles if a["copy_of"] is None),
                "outlets": sorted({a["outlet"] or a["wire"] or "unknown" for a in articles}),
                "first": s["first"],
                "last": s["last"],
                "articles": articles,
            }
        )
    return out


def story_detail(store: Store, story_id: str) -> dict[str, Any]:
    """One story: its articles, quotes, dated items, events and entities."""
    row = store.db.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        raise StoreError(f"no story {story_id!r}: `newsweave stories` lists them")
    (story,) = _story_summaries(store, [dict(row)])
    article_ids = [a["id"] for a in story["articles"]]
    story["quotes"] = list_quotes(store, story=story_id)
    story["timexes"] = _rows(
        store,
        'SELECT t.article_id, t.start, t."end", t.text, t.type, t.value, t.anchored, coalesce(a.outlet, a.wire) AS outlet,'
        " a.published"
        " FROM timexes t JOIN articles a ON a.id = t.article_id WHERE t.article_id IN ({ids})"
        " ORDER BY t.value, t.article_id, t.start",
        article_ids,
    )
    story["events"] = [
        {**e, "source": json.loads(e["source"]), "target": json.loads(e["target"])}
        for e in _rows(
            store,
            'SELECT e.article_id, e.start, e."end", e.type, e.mode, e.source, e.target, e.time, e.place, e.status,'
            " e.claimed_by, coalesce(a.outlet, a.wire) AS outlet, a.published FROM events e JOIN articles a ON a.id = e.article_id"
            " WHERE e.article_id IN ({ids}) ORDER BY coalesce(e.time, a.published, ''), e.article_id, e.start",
            article_ids,
        )
    ]
    story["entities"] = _rows(
        store,
        "SELECT e.id, e.name, e.type, e.code, count(*) AS mentions FROM mentions m JOIN entities e"
        " ON e.id = m.entity_id WHERE m.article_id IN ({ids}) GROUP BY e.id ORDER BY mentions DESC, e.name",
        article_ids,
    )
    return story


def _rows(store: Store, sql: str, ids: list[int]) -> list[dict[str, Any]]:
    if not ids:
        return []
    return [dict(r) for r in store.db.execute(sql.format(ids=",".join("?" * len(ids))), ids)]


def article_detail(store: Store, article_id: int) -> dict[str, Any]:
    """One article with everything extracted from it, offsets into its text."""
    row = store.db.execute(
        f"SELECT {_ARTICLE_COLS}, a.origin, a.ext_id, a.processed_at, s.story_id FROM articles a"
        " LEFT JOIN copies c ON c.article_id = a.id LEFT JOIN article_story s ON s.article_id = a.id WHERE a.id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        raise StoreError(f"no article {article_id}: `newsweave search` or `newsweave stories` find them")
    out = _article_summary(row)
    out.update(text=row["text"], origin=row["origin"], ext_id=row["ext_id"], story_id=row["story_id"],
               processed=row["processed_at"] is not None)
    q = store.db.execute
    out["mentions"] = [dict(r) for r in q(
        'SELECT start, "end", text, label, kind, chain, entity_id FROM mentions WHERE article_id = ? ORDER BY start',
        (article_id,))]
    out["timexes"] = [dict(r) for r in q(
        'SELECT start, "end", text, type, value, anchored, mod FROM timexes WHERE article_id = ? ORDER BY start',
        (article_id,))]
    out["attributions"] = [_quote(r) for r in q(
        "SELECT a.*, NULL AS outlet, NULL AS published, " + _SPEAKER_NAME + " AS speaker_name FROM attributions a"
        " LEFT JOIN entities e ON e.id = a.speaker_entity_id WHERE article_id = ? ORDER BY seq",
        (article_id,))]
    out["events"] = [
        {**dict(r), "source": json.loads(r["source"]), "target": json.loads(r["target"])}
        for r in q('SELECT start, "end", type, mode, source, target, time, place, status, claimed_by FROM events'
                   " WHERE article_id = ? ORDER BY start", (article_id,))
    ]
    return out


# A named entity's canonical name stands for "he" or "The US President"; an entity known only by a
# description ("union") reads better as the words the article used ("The union").
_SPEAKER_NAME = "CASE WHEN e.type = 'NOMINAL' THEN NULL ELSE e.name END"


def _quote(r) -> dict[str, Any]:
    def span(prefix):
        if r[f"{prefix}_start"] is None:
            return None
        return {"start": r[f"{prefix}_start"], "end": r[f"{prefix}_end"], "text": r[f"{prefix}_text"]}

    return {
        "article_id": r["article_id"],
        "kind": r["kind"],
        "speaker": r["speaker_text"],
        # The resolved speaker's canonical name ("Donald Trump" for "he" or "The US President").
        "speaker_name": r["speaker_name"] or r["speaker_text"],
        "speaker_entity_id": r["speaker_entity_id"],
        "source": span("source"),
        "cue": span("cue"),
        "content": json.loads(r["content"]),
        "channel": r["channel_text"],
        "date": r["date"],
        "outlet": r["outlet"],
        "published": r["published"],
        "start": r["start"],
        "end": r["end"],
    }


def list_quotes(
    store: Store,
    *,
    story: str | None = None,
    speaker: str | None = None,
    outlet: str | None = None,
    text: str | None = None,
    limit: int = 10_000,
) -> list[dict[str, Any]]:
    """Attributions with outlet and date, filtered by story, speaker (name or entity id), outlet or words."""
    where, params = [], []
    sql = (
        "SELECT q.*, coalesce(a.outlet, a.wire) AS outlet, a.published, " + _SPEAKER_NAME + " AS speaker_name"
        " FROM attributions q"
        " JOIN articles a ON a.id = q.article_id"
        " LEFT JOIN entities e ON e.id = q.speaker_entity_id"
    )
    if story:
        where.append("q.article_id IN (SELECT article_id FROM article_story WHERE story_id = ?)")
        params.append(story)
    if speaker:
        where.append(
            "(q.speaker_entity_id = ? OR lower(q.speaker_text) LIKE lower(?) OR lower(e.name) LIKE lower(?)"
            " OR lower(e.aliases) LIKE lower(?))"
        )
        params += [speaker, f"%{speaker}%", f"%{speaker}%", f"%{speaker}%"]
    if outlet:
        where.append("(lower(a.outlet) = lower(?) OR lower(a.wire) = lower(?))")
        params += [outlet, outlet]
    if text:
        where.append("q.id IN (SELECT rowid FROM attributions_fts WHERE attributions_fts MATCH ?)")
        params.append(fts_query(text))
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY coalesce(a.published, ''), q.article_id, q.seq LIMIT ?"
    return [_quote(r) for r in store.db.execute(sql, (*params, limit))]


# Control characters cannot appear in stored article text we care about, so they mark matches
# unambiguously; literal "[" or "]" in an article would make FTS5's usual markers ambiguous.
_OPEN, _CLOSE = "\x02", "\x03"


def _snippet_parts(raw: str) -> list[dict[str, Any]]:
    parts = []
    for i, chunk in enumerate(raw.split(_OPEN)):
        if i == 0:
            pieces = [(chunk, False)]
        else:
            match, _, rest = chunk.partition(_CLOSE)
            pieces = [(match, True), (rest, False)]
        parts += [{"text": t, "match": m} for t, m in pieces if t]
    return parts


def search_articles(store: Store, query: str, *, limit: int = 20, offset: int = 0,
                    window: int | None = None) -> list[dict[str, Any]]:
    """Full-text search over titles and texts, best match first.

    Each hit has ``snippet`` (matches in "[…]", as the CLI prints it) and ``snippet_parts``
    (``[{"text", "match"}]``), so a page can escape every piece and mark the matches itself.
    ``window`` ranks only the most recently stored ``window`` matching articles (at least ten times
    ``offset + limit``): ranking costs about a microsecond per match, so a common word in a store of a
    million articles would take a third of a second; None ranks every match.
    """
    match = fts_query(query)
    floor = 0
    if window is not None:
        window = max(window, 10 * (offset + limit))
        # Walking the match list newest first and stopping after ``window`` reads no text and no ranks.
        row = store.db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC"
                               " LIMIT 1 OFFSET ?", (match, window - 1)).fetchone()
        floor = row[0] if row else 0
    # The best ``limit`` rows are picked from the index alone (rowid and rank); snippets, which read
    # and re-tokenise the text, are then made for those rows only, not for every match.
    sql = (
        "WITH top AS (SELECT rowid AS id, rank FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ?"
        " ORDER BY rank LIMIT ? OFFSET ?)"
        f" SELECT {_ARTICLE_COLS}, s.story_id, snippet(articles_fts, 1, ?, ?, '…', 16) AS snippet, top.rank"
        " FROM top JOIN articles_fts ON articles_fts.rowid = top.id JOIN articles a ON a.id = top.id"
        " LEFT JOIN copies c ON c.article_id = a.id LEFT JOIN article_story s ON s.article_id = a.id"
        " WHERE articles_fts MATCH ? ORDER BY top.rank, a.id"
    )
    out = []
    for row in store.db.execute(sql, (match, floor, limit, offset, _OPEN, _CLOSE, match)):
        parts = _snippet_parts(row["snippet"] or "")
        item = _article_summary(row)
        item.update(story_id=row["story_id"],
                    snippet="".join(f"[{p['text']}]" if p["match"] else p["text"] for p in parts),
                    snippet_parts=parts)
        out.append(item)
    return out


def list_entities(store: Store, *, limit: int = 1000) -> list[dict[str, Any]]:
    """Entities by mention count, with aliases and mention counts per outlet."""
    rows = store.db.execute(
        "SELECT e.id, e.name, e.type, e.code, e.aliases, count(m.id) AS mentions FROM entities e"
        " LEFT JOIN mentions m ON m.entity_id = e.id GROUP BY e.id ORDER BY mentions DESC, e.name LIMIT ?",
        (limit,),
    ).fetchall()
    per_outlet: dict[str, dict[str, int]] = defaultdict(dict)
    for r in store.db.execute(
        "SELECT m.entity_id, coalesce(a.outlet, a.wire, 'unknown') AS outlet, count(*) AS n FROM mentions m"
        " JOIN articles a ON a.id = m.article_id WHERE m.entity_id IS NOT NULL GROUP BY m.entity_id, outlet"
    ):
        per_outlet[r["entity_id"]][r["outlet"]] = r["n"]
    return [
        {**{k: r[k] for k in ("id", "name", "type", "code", "mentions")}, "aliases": json.loads(r["aliases"]),
         "mentions_by_outlet": per_outlet.get(r["id"], {})}
        for r in rows
    ]


def entity_detail(store: Store, key: str) -> dict[str, Any]:
    """One entity by id, name or alias: aliases, mentions per outlet, its quotes and its stories."""
    row = store.db.execute(
        "SELECT * FROM entities WHERE id = ? OR lower(name) = lower(?) ORDER BY id = ? DESC LIMIT 1",
        (key, key, key),
    ).fetchone()
    if row is None:
        for cand in store.db.execute("SELECT * FROM entities WHERE lower(aliases) LIKE lower(?)", (f"%{key}%",)):
            if key.lower() in (a.lower() for a in json.loads(cand["aliases"])):
                row = cand
                break
    if row is None:
        raise StoreError(f"no entity {key!r}: `newsweave entities` lists them")
    (summary,) = [e for e in list_entities(store, limit=1_000_000) if e["id"] == row["id"]]
    summary["quotes"] = list_quotes(store, speaker=row["id"])
    summary["stories"] = [
        dict(r)
        for r in store.db.execute(
            "SELECT DISTINCT st.id, st.title, st.first, st.last FROM mentions m JOIN article_story s"
            " ON s.article_id = m.article_id JOIN stories st ON st.id = s.story_id WHERE m.entity_id = ?"
            " ORDER BY st.last DESC",
            (row["id"],),
        )
    ]
    return summary
