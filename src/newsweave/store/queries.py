"""Read queries over the store, returned as plain JSON-ready dicts (``views.py`` builds its typed views from them).

These shapes are the documented ``--json`` output of the CLI and the JSON of the HTTP API, so a
field is only ever added, never renamed or removed.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

from ..errors import StoreError
from ..model import outlet_of
from .db import Store

__all__ = [
    "SearchStopped",
    "article_detail",
    "display_title",
    "entity_detail",
    "fts_query",
    "list_entities",
    "list_quotes",
    "list_stories",
    "search_articles",
    "search_facets",
    "store_is_empty",
    "story_detail",
]


def display_title(title: str | None, text: str, limit: int = 110) -> str:
    """The article's title, or the headline read from its text (see ``ingest.headline``) when it has none."""
    from ..ingest.headline import headline

    if title and title.strip():
        return title.strip()
    return headline(text, limit)


# Bounds on what one search may ask and cost: a query of thousands of words made SQLite work for minutes.
MAX_QUERY_TERMS = 32
MAX_QUERY_CHARS = 512
SEARCH_SECONDS = 2.0
SEARCH_SORTS = ("relevance", "date")
_OPERATORS = ("AND", "OR", "NOT")
# A quoted phrase (its closing quote may be missing), a -word, an operator or a word with an optional prefix star.
_QUERY_TOKEN = re.compile(r'"([^"]*)"?|(-)?(\w+)(\*)?', re.UNICODE)


def fts_query(query: str) -> str:
    """Turn a user's query into an FTS5 query that cannot be a syntax error (see README, "Search syntax").

    Words are all required; ``"two words"`` is a phrase; ``AND``, ``OR`` and ``NOT`` in capitals are
    operators (``NOT`` and a leading ``-`` exclude a word); ``word*`` matches words starting so. Everything
    else (brackets, punctuation, ``column:`` filters) is read as spaces. Word forms match through the
    stemming index ("Tomahawk" finds "Tomahawks"). At most ``MAX_QUERY_TERMS`` words and
    ``MAX_QUERY_CHARS`` characters, so that one request cannot tie up the store.
    """
    if len(query) > MAX_QUERY_CHARS:
        raise StoreError(f"the search is {len(query)} characters long; at most {MAX_QUERY_CHARS}: "
                         "search for the few words that matter")
    items: list[tuple[str, str]] = []  # ("op", AND|OR|NOT) or ("term", FTS5 text)
    terms = 0
    for m in _QUERY_TOKEN.finditer(query):
        phrase, minus, word, star = m.groups()
        if phrase is not None:
            words = re.findall(r"\w+", phrase, flags=re.UNICODE)
            if not words:
                continue
            terms += len(words)
            text = '"' + " ".join(words) + '"'
        elif word in _OPERATORS and not star:
            items.append(("op", word))
            continue
        else:
            terms += 1
            text = f'"{word}"' + (" *" if star else "")
        if minus:
            items.append(("op", "NOT"))
        items.append(("term", text))
    if terms > MAX_QUERY_TERMS:
        raise StoreError(f"the search has {terms} words; at most {MAX_QUERY_TERMS}: search for the few words that matter")
    out: list[str] = []
    pending: str | None = None  # the operator waiting for its right-hand term
    for kind, text in items:
        if kind == "op":
            if pending == "AND" and text == "NOT" or pending is None:
                pending = text
            elif pending != text and not (pending == "NOT" and text == "AND"):
                raise StoreError(f"cannot read {pending} {text} in {query!r}: put a word between operators")
            continue
        if pending == "NOT" and not out:
            raise StoreError(f"NOT needs a word before it in {query!r}: write it as 'Putin NOT Trump'")
        if out and pending in ("OR", "NOT"):
            out.append(pending)
        out.append(text)
        pending = None
    if not out:
        raise StoreError(f"nothing to search for in {query!r}: give at least one word")
    return " ".join(out)


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
    country: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Stories, most recent activity first, each with its articles, outlets and date range. ``country``:
    only stories with an article from an outlet the user placed there (``newsweave outlets import``)."""
    where, params = [], []
    if country:
        where.append(
            "s.id IN (SELECT x.story_id FROM article_story x JOIN articles y ON y.id = x.article_id"
            " JOIN outlets o ON o.name = coalesce(y.outlet, y.wire) WHERE o.country = ? COLLATE NOCASE)"
        )
        params.append(country.strip())
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
                "outlets": sorted({outlet_of(a) for a in articles}),
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
        # Counted per entity first, then each entity read once (not once per mention: a real 23-article
        # story has ~6,000 linked mentions of ~1,600 entities).
        "SELECT e.id, e.name, e.type, e.code, c.n AS mentions FROM (SELECT entity_id, count(*) AS n FROM mentions"
        " WHERE article_id IN ({ids}) AND entity_id IS NOT NULL GROUP BY entity_id) c JOIN entities e"
        " ON e.id = c.entity_id ORDER BY mentions DESC, e.name",
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
        f"SELECT {_ARTICLE_COLS}, a.origin, a.ext_id, a.processed_at, a.author, a.language, s.story_id FROM articles a"
        " LEFT JOIN copies c ON c.article_id = a.id LEFT JOIN article_story s ON s.article_id = a.id WHERE a.id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        raise StoreError(f"no article {article_id}: `newsweave search` or `newsweave stories` find them")
    out = _article_summary(row)
    out.update(text=row["text"], origin=row["origin"], ext_id=row["ext_id"], story_id=row["story_id"],
               processed=row["processed_at"] is not None, author=row["author"], language=row["language"])
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
        "id": r["id"],  # what `newsweave correct set-speaker/reject-quote` take; last, so CSV columns keep their order
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


class SearchStopped(StoreError):
    """A search stopped before it finished: it ran out of time, or the client that asked has gone."""


@contextmanager
def _time_limit(store: Store, seconds: float | None, cancelled: Callable[[], bool] | None):
    """Stop the statements run inside after ``seconds`` or once ``cancelled()`` says the asker has gone
    (SQLite's progress handler, checked every few thousand steps)."""
    if seconds is None and cancelled is None:
        yield
        return
    deadline = time.monotonic() + seconds if seconds is not None else None
    why: list[str] = []

    def check() -> int:
        if cancelled is not None and cancelled():
            why.append("cancelled")
            return 1
        if deadline is not None and time.monotonic() > deadline:
            why.append("time")
            return 1
        return 0

    store.db.set_progress_handler(check, 2000)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if not why:
            raise
        if why[0] == "cancelled":
            raise SearchStopped("the search was stopped: its client left") from exc
        raise SearchStopped(f"the search took longer than {seconds:g} s and was stopped: add words or filters "
                         "(outlet, dates, story) to narrow it") from exc
    finally:
        store.db.set_progress_handler(None, 0)


def _search_filters(outlet: str | None, since: str | None, until: str | None, story: str | None,
                    entity: str | None) -> tuple[str, list]:
    """SQL conditions on the article ``a`` of a match, and their parameters."""
    where, params = [], []
    if outlet:
        where.append("(lower(a.outlet) = lower(?) OR lower(a.wire) = lower(?))")
        params += [outlet, outlet]
    if since:
        where.append("a.published >= ?")
        params.append(since)
    if until:
        where.append("a.published <= ?")
        params.append(until)
    if story:
        where.append("a.id IN (SELECT article_id FROM article_story WHERE story_id = ?)")
        params.append(story)
    if entity:
        where.append("a.id IN (SELECT m.article_id FROM mentions m JOIN entities e ON e.id = m.entity_id"
                     " WHERE e.id = ? OR lower(e.name) = lower(?))")
        params += [entity, entity]
    return "".join(f" AND {w}" for w in where), params


def search_articles(store: Store, query: str, *, limit: int = 20, offset: int = 0, window: int | None = None,
                    outlet: str | None = None, since: str | None = None, until: str | None = None,
                    story: str | None = None, entity: str | None = None, sort: str = "relevance",
                    time_limit: float | None = SEARCH_SECONDS,
                    cancelled: Callable[[], bool] | None = None) -> list[dict[str, Any]]:
    """Full-text search over titles and texts, best match (or, ``sort="date"``, newest) first.

    The query syntax is :func:`fts_query`'s. ``outlet``, ``since``/``until`` (publication dates,
    YYYY-MM-DD), ``story`` and ``entity`` (id or name) narrow the matches. Each hit has ``snippet``
    (matches in "[…]", as the CLI prints it) and ``snippet_parts`` (``[{"text", "match"}]``), so a page
    can escape every piece and mark the matches itself. ``window`` ranks only the most recently stored
    ``window`` matching articles (at least ten times ``offset + limit``): ranking costs about a
    microsecond per match, so a common word in a store of a million articles would take a third of a
    second; None ranks every match. The work stops with a ``StoreError`` after ``time_limit`` seconds,
    or as soon as ``cancelled()`` is true (a web client that left).
    """
    if sort not in SEARCH_SORTS:
        raise StoreError(f"unknown sort {sort!r}; choose {' or '.join(SEARCH_SORTS)}")
    match = fts_query(query)
    conditions, params = _search_filters(outlet, since, until, story, entity)
    # The articles table is joined only when a filter or the date order needs it: the match list and the
    # ranks come from the index alone.
    article = " JOIN articles a ON a.id = articles_fts.rowid"
    matches = f"FROM articles_fts{article if conditions else ''} WHERE articles_fts MATCH ?{conditions}"
    ranked = f"FROM articles_fts{article if conditions or sort == 'date' else ''} WHERE articles_fts MATCH ?{conditions}"
    order = "rank" if sort == "relevance" else "coalesce(a.published, '') DESC, a.id DESC"
    out = []
    with _time_limit(store, time_limit, cancelled):
        floor = 0
        if window is not None:
            window = max(window, 10 * (offset + limit))
            # Walking the match list newest first and stopping after ``window`` reads no text and no ranks.
            row = store.db.execute(f"SELECT articles_fts.rowid {matches} ORDER BY articles_fts.rowid DESC"
                                   " LIMIT 1 OFFSET ?", (match, *params, window - 1)).fetchone()
            floor = row[0] if row else 0
        # The best ``limit`` rows are picked from the index alone (rowid and rank); snippets, which read
        # and re-tokenise the text, are then made for those rows only, not for every match.
        sql = (
            f"WITH top AS (SELECT articles_fts.rowid AS id, {'rank' if sort == 'relevance' else 'NULL AS rank'}, row_number() OVER (ORDER BY {order}) AS pos"
            f" {ranked} AND articles_fts.rowid >= ? ORDER BY {order} LIMIT ? OFFSET ?)"
            f" SELECT {_ARTICLE_COLS}, s.story_id, snippet(articles_fts, 1, ?, ?, '…', 16) AS snippet, top.rank"
            " FROM top JOIN articles_fts ON articles_fts.rowid = top.id JOIN articles a ON a.id = top.id"
            " LEFT JOIN copies c ON c.article_id = a.id LEFT JOIN article_story s ON s.article_id = a.id"
            " WHERE articles_fts MATCH ? ORDER BY top.pos"
        )
        for row in store.db.execute(sql, (match, *params, floor, limit, offset, _OPEN, _CLOSE, match)):
            parts = _snippet_parts(row["snippet"] or "")
            item = _article_summary(row)
            item.update(story_id=row["story_id"],
                        snippet="".join(f"[{p['text']}]" if p["match"] else p["text"] for p in parts),
                        snippet_parts=parts)
            out.append(item)
    return out


def search_facets(store: Store, query: str, *, window: int | None = None, outlet: str | None = None,
                  since: str | None = None, until: str | None = None, story: str | None = None,
                  entity: str | None = None, time_limit: float | None = SEARCH_SECONDS,
                  cancelled: Callable[[], bool] | None = None, with_articles: bool = False) -> dict[str, Any]:
    """How the matches of a search (with the other filters) spread over outlets and months, and how many
    there are: ``{"total", "outlets": {name: n}, "months": {"YYYY-MM": n}}``, and with ``with_articles``
    ``"articles": [(published, outlet)]``, one pair per counted match (what an attention chart counts);
    with ``window`` only the newest ``window`` matches are counted (``total`` then says at most that)."""
    match = fts_query(query)
    conditions, params = _search_filters(None, since, until, story, entity)
    inner = (f"SELECT coalesce(a.outlet, a.wire, 'unknown') AS outlet, substr(a.published, 1, 7) AS month,"
             " a.published"
             f" FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ?{conditions}"
             " ORDER BY articles_fts.rowid DESC" + (" LIMIT ?" if window is not None else ""))
    args = (match, *params, *([window] if window is not None else []))
    with _time_limit(store, time_limit, cancelled):
        rows = store.db.execute(inner, args).fetchall()
    outlets: dict[str, int] = defaultdict(int)
    months: dict[str, int] = defaultdict(int)
    total = 0
    articles: list[tuple[str | None, str]] = []
    for r in rows:
        outlets[r["outlet"]] += 1
        if not outlet or outlet.lower() == r["outlet"].lower():
            total += 1
            articles.append((r["published"], r["outlet"]))
            if r["month"]:
                months[r["month"]] += 1
    facets = {"total": total, "outlets": dict(sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))),
              "months": dict(sorted(months.items()))}
    return {**facets, "articles": articles} if with_articles else facets


def store_is_empty(store: Store) -> bool:
    """True when the store holds no article at all (so "nothing matched" would mislead)."""
    return store.db.execute("SELECT NOT EXISTS (SELECT 1 FROM articles)").fetchone()[0] == 1


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
