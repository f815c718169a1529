"""The SQLite store: one connection per ``Store``, WAL mode, migrations on open, nestable ``atomic()``.

Every write goes through a ``Store`` method, so there is one writer path and no SQL elsewhere.
Values always travel as parameters; the only SQL text built at run time is from fixed column names.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import StoreError, StoreFull
from ..model import Article, Attribution, Entity, Extraction
from ..names import PRONOUNS
from .migrations import apply_migrations

__all__ = ["Store", "AddOutcome"]


@dataclass(frozen=True, slots=True)
class AddOutcome:
    """What happened to one article offered to the store."""

    article_id: int
    new: bool  # False: the same text or URL was already stored under article_id


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


class Store:
    """A newsweave database file.

    ``Store(path)`` opens (and creates, unless ``create=False``) the database and brings its schema
    up to date. Readers may use the file concurrently with one writer (WAL).
    """

    def __init__(self, path: str | Path, *, create: bool = True, readonly: bool = False):
        self.path = Path(path)
        if not create and not self.path.exists():
            raise StoreError(f"no newsweave database at {self.path}: run `newsweave ingest` first, or pass --db")
        try:
            if readonly:
                uri = f"file:{self.path.resolve()}?mode=ro"
                self.db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA busy_timeout = 30000")
            if not readonly:
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
                apply_migrations(self.db)
        except sqlite3.DatabaseError as exc:
            if _is_full(exc):  # a migration that did not fit: rolled back like any transaction
                raise StoreFull(f"{self.path}: the disk is full ({exc}); the store was not changed: "
                                "free some space and run the command again") from exc
            raise StoreError(f"{self.path}: not a usable newsweave database ({exc})") from exc
        self._depth = 0
        self._lock = threading.RLock()

    # ------------------------------------------------------------------ transactions
    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """A transaction; nested calls become savepoints, so an inner failure undoes only its part.

        A full disk (or the store's size limit) raises ``StoreFull`` at every depth, after the
        transaction is rolled back: what the store held before it began is intact."""
        with self._lock:
            name = f"sp{self._depth}"
            try:
                self.db.execute("BEGIN IMMEDIATE" if self._depth == 0 else f"SAVEPOINT {name}")
            except sqlite3.Error as exc:
                raise self._full(exc) from exc
            self._depth += 1
            try:
                yield self.db
            except BaseException as exc:
                self._depth -= 1
                self._undo(name)
                if isinstance(exc, sqlite3.Error) and _is_full(exc):
                    raise self._full(exc) from exc
                raise
            else:
                self._depth -= 1
                try:
                    self.db.execute("COMMIT" if self._depth == 0 else f"RELEASE {name}")
                except sqlite3.Error as exc:
                    self._undo(name)
                    raise self._full(exc) from exc

    def _undo(self, savepoint: str) -> None:
        if not self.db.in_transaction:
            return  # SQLite already rolled the whole transaction back (it may, on a full disk)
        try:
            if self._depth == 0:
                self.db.execute("ROLLBACK")
            else:
                self.db.execute(f"ROLLBACK TO {savepoint}")
                self.db.execute(f"RELEASE {savepoint}")
        except sqlite3.OperationalError:
            # "no such savepoint": an error rolled back more than this savepoint; the error that
            # caused it is the one to report, and the outer level rolls back what is left.
            pass

    def _full(self, exc: sqlite3.Error) -> Exception:
        """``StoreFull`` for a full disk, else ``exc`` itself (to be raised by the caller)."""
        if not _is_full(exc):
            return exc
        return StoreFull(
            f"{self.path}: the disk is full ({exc}). What was being written was rolled back and everything "
            "stored before it is intact: nothing was lost. Free some space and run the command again; it "
            "goes on where it stopped."
        )

    # ------------------------------------------------------------------ articles
    def add_article(self, article: Article) -> AddOutcome:
        """Store ``article`` unless its URL, or its text (normalised) from the same outlet, is already stored."""
        digest = article.content_hash
        with self.atomic() as db:
            row = db.execute(
                "SELECT id FROM articles WHERE (content_hash = ? AND coalesce(outlet, '') = coalesce(?, ''))"
                " OR (url IS NOT NULL AND url = ?) LIMIT 1",
                (digest, article.outlet, article.url),
            ).fetchone()
            if row:
                return AddOutcome(row["id"], False)
            cur = db.execute(
                "INSERT INTO articles(ext_id, url, content_hash, published, outlet, wire, title, text, origin,"
                " words, ingested_at, author, language) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    article.id,
                    article.url,
                    digest,
                    article.published.isoformat() if article.published else None,
                    article.outlet,
                    article.wire,
                    article.title,
                    article.text,
                    article.origin,
                    article.word_count,
                    _now(),
                    _text_or_none(article.extra.get("author")),
                    _text_or_none(article.extra.get("language")),
                ),
            )
            return AddOutcome(cur.lastrowid, True)

    def article(self, article_id: int) -> Article:
        row = self.db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise StoreError(f"no article with id {article_id}")
        return _article_from_row(row)

    def articles(self, ids: Iterable[int] | None = None) -> Iterator[tuple[int, Article]]:
        """Stored articles (all, or those with the given ids) in id order."""
        if ids is None:
            rows = self.db.execute("SELECT * FROM articles ORDER BY id")
        else:
            wanted = sorted(set(ids))
            rows = (
                r
                for i in range(0, len(wanted), 500)
                for r in self.db.execute(
                    f"SELECT * FROM articles WHERE id IN ({','.join('?' * len(wanted[i:i + 500]))}) ORDER BY id",
                    wanted[i : i + 500],
                )
            )
        for row in rows:
            yield row["id"], _article_from_row(row)

    def unprocessed_ids(self, *, retry_failed: bool = False) -> list[int]:
        """Ids of articles not yet processed, oldest publication first (the order online linking wants).

        Articles whose processing failed are left out (a rerun would fail again) unless ``retry_failed``."""
        skip = "" if retry_failed else " AND id NOT IN (SELECT article_id FROM process_failures)"
        return [
            r[0]
            for r in self.db.execute(
                f"SELECT id FROM articles WHERE processed_at IS NULL{skip} ORDER BY coalesce(published, ''), id"
            )
        ]

    def record_failure(self, article_id: int, stage: str, error: str, message: str) -> None:
        """Record that processing article ``article_id`` failed in ``stage`` (a retry counts an attempt)."""
        with self.atomic() as db:
            db.execute(
                "INSERT INTO process_failures(article_id, stage, error, message, failed_at) VALUES (?,?,?,?,?)"
                " ON CONFLICT(article_id) DO UPDATE SET stage=excluded.stage, error=excluded.error,"
                " message=excluded.message, failed_at=excluded.failed_at, attempts=attempts + 1",
                (article_id, stage, error, message[:2000], _now()),
            )

    def process_failures(self) -> list[dict]:
        """The articles processing failed on, with the stage, error class, message, when and attempts."""
        rows = self.db.execute(
            "SELECT f.article_id, a.ext_id, a.origin, f.stage, f.error, f.message, f.failed_at, f.attempts"
            " FROM process_failures f JOIN articles a ON a.id = f.article_id ORDER BY f.article_id"
        )
        return [dict(r) for r in rows]

    def count(self, table: str) -> int:
        if table not in _TABLES:
            raise StoreError(f"unknown table {table!r}; known: {', '.join(sorted(_TABLES))}")
        return self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    # ------------------------------------------------------------------ extractions
    def save_extraction(self, article_id: int, ex: Extraction) -> None:
        """Replace what is stored as extracted from one article and mark it processed."""
        with self.atomic() as db:
            for table in ("mentions", "attributions", "timexes", "events", "process_failures"):
                db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
            db.executemany(
                'INSERT INTO mentions(article_id, start, "end", text, label, kind, chain, entity_id)'
                " VALUES (?,?,?,?,?,?,?,?)",
                [(article_id, m.start, m.end, m.text, m.label, m.kind, m.chain, m.entity_id) for m in ex.mentions],
            )
            rows = []
            for seq, a in enumerate(ex.attributions):
                rows.append(
                    (
                        article_id, seq, a.start, a.end, a.kind,
                        *(_span_cols(a.source)), *(_span_cols(a.cue)),
                        json.dumps([c.to_json() for c in a.content]),
                        " … ".join(c.text for c in a.content),
                        _speaker_text(a),
                        a.speaker.entity_id if a.speaker else None,
                        a.channel.text if a.channel else None,
                        a.parent,
                        a.date,
                    )
                )
            db.executemany(
                'INSERT INTO attributions(article_id, seq, start, "end", kind, source_start, source_end, source_text,'
                " cue_start, cue_end, cue_text, content, content_text, speaker_text, speaker_entity_id,"
                " channel_text, parent_seq, date) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                rows,
            )
            db.executemany(
                'INSERT INTO timexes(article_id, start, "end", text, type, value, anchored, mod) VALUES (?,?,?,?,?,?,?,?)',
                [(article_id, t.start, t.end, t.text, t.type, t.value, int(t.anchored), t.mod) for t in ex.timexes],
            )
            db.executemany(
                'INSERT INTO events(article_id, start, "end", type, mode, source, target, time, place, status,'
                " claimed_by) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        article_id, e.evidence.start, e.evidence.end, e.type, e.mode,
                        json.dumps([_actor_json(x) for x in e.source]),
                        json.dumps([_actor_json(x) for x in e.target]),
                        e.time, e.place, e.status, e.claimed_by,
                    )
                    for e in ex.events
                ],
            )
            db.execute(
                "UPDATE articles SET processed_at = ?, made_by = ? WHERE id = ?",
                (_now(), json.dumps(ex.made_by, sort_keys=True), article_id),
            )

    # ------------------------------------------------------------------ linking
    def save_entities(self, entities: Iterable[Entity]) -> None:
        with self.atomic() as db:
            db.executemany(
                "INSERT INTO entities(id, name, type, code, aliases) VALUES (?,?,?,?,?)"
                " ON CONFLICT(id) DO UPDATE SET name=excluded.name, type=excluded.type, code=excluded.code,"
                " aliases=excluded.aliases",
                [(e.id, e.name, e.type, e.code, json.dumps(sorted(e.aliases))) for e in entities],
            )

    def assign_story(self, article_id: int, story_id: str) -> None:
        with self.atomic() as db:
            db.execute(
                "INSERT INTO article_story(article_id, story_id) VALUES (?, ?)"
                " ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id",
                (article_id, story_id),
            )

    def save_story(self, story_id: str, title: str) -> None:
        """Create or retitle a story and refresh its date range from its articles."""
        with self.atomic() as db:
            first, last = db.execute(
                "SELECT min(a.published), max(a.published) FROM article_story s JOIN articles a ON a.id = s.article_id"
                " WHERE s.story_id = ?",
                (story_id,),
            ).fetchone()
            db.execute(
                "INSERT INTO stories(id, title, first, last, updated_at) VALUES (?,?,?,?,?)"
                " ON CONFLICT(id) DO UPDATE SET title=excluded.title, first=excluded.first, last=excluded.last,"
                " updated_at=excluded.updated_at",
                (story_id, title, first, last, _now()),
            )

    def drop_empty_stories(self, ids: Iterable[str] | None = None) -> None:
        """Delete stories left without articles: only among ``ids`` when given (a batch's, cheap), else all."""
        with self.atomic() as db:
            if ids is None:
                db.execute("DELETE FROM stories WHERE id NOT IN (SELECT DISTINCT story_id FROM article_story)")
                return
            db.executemany("DELETE FROM stories WHERE id = ? AND NOT EXISTS "
                           "(SELECT 1 FROM article_story WHERE story_id = ?)", ((i, i) for i in ids))

    def add_story_history(self, story_id: str, kind: str, detail: dict) -> None:
        with self.atomic() as db:
            db.execute(
                "INSERT INTO story_history(story_id, at, kind, detail) VALUES (?,?,?,?)",
                (story_id, _now(), kind, json.dumps(detail, sort_keys=True)),
            )

    def mark_copy(self, article_id: int, source_article_id: int, kind: str, similarity: float | None) -> None:
        with self.atomic() as db:
            db.execute(
                "INSERT INTO copies(article_id, source_article_id, kind, similarity) VALUES (?,?,?,?)"
                " ON CONFLICT(article_id) DO UPDATE SET source_article_id=excluded.source_article_id,"
                " kind=excluded.kind, similarity=excluded.similarity",
                (article_id, source_article_id, kind, similarity),
            )

    def set_mention_entities(self, article_id: int, ex: Extraction) -> None:
        """Record the corpus-wide entity ids the linker gave to one article's mentions and speakers."""
        with self.atomic() as db:
            db.executemany(
                'UPDATE mentions SET entity_id = ? WHERE article_id = ? AND start = ? AND "end" = ?',
                [(m.entity_id, article_id, m.start, m.end) for m in ex.mentions],
            )
            db.executemany(
                "UPDATE attributions SET speaker_entity_id = ? WHERE article_id = ? AND seq = ?",
                [
                    (a.speaker.entity_id, article_id, seq)
                    for seq, a in enumerate(ex.attributions)
                    if a.speaker is not None
                ],
            )

    def merge_stories(self, into: str, other: str) -> None:
        """Move every article of story ``other`` into story ``into`` (the linker merged them)."""
        with self.atomic() as db:
            db.execute("UPDATE article_story SET story_id = ? WHERE story_id = ?", (into, other))
            db.execute("UPDATE story_history SET story_id = ? WHERE story_id = ?", (into, other))
            db.execute("DELETE FROM stories WHERE id = ?", (other,))

    def split_story(self, story_id: str, new_id: str, article_ids: Iterable[int], title: str | None = None) -> None:
        """Move ``article_ids`` out of story ``story_id`` into a new story ``new_id`` (the linker split it).

        The new story's row is created here (titled ``title``, else its id, until ``save_story`` retitles
        it); the history of ``story_id`` stays with it.
        """
        ids = [int(a) for a in article_ids]
        with self.atomic() as db:
            db.executemany("UPDATE article_story SET story_id = ? WHERE article_id = ? AND story_id = ?",
                           ((new_id, a, story_id) for a in ids))
            db.execute("INSERT INTO stories(id, title, updated_at) VALUES (?,?,?) ON CONFLICT(id) DO NOTHING",
                       (new_id, title or new_id, _now()))
        for sid in (story_id, new_id):  # both date ranges change
            row = self.db.execute("SELECT title FROM stories WHERE id = ?", (sid,)).fetchone()
            if row is not None:
                self.save_story(sid, row[0])

    def merge_entities(self, into: str, other: str) -> None:
        """Point every mention and speaker of entity ``other`` at entity ``into`` (the linker merged them)."""
        with self.atomic() as db:
            db.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", (into, other))
            db.execute("UPDATE attributions SET speaker_entity_id = ? WHERE speaker_entity_id = ?", (into, other))
            db.execute("DELETE FROM entities WHERE id = ?", (other,))

    def split_entity(self, entity_id: str, new_id: str, article_ids: Iterable[int]) -> None:
        """Point the mentions and speakers of entity ``entity_id`` in ``article_ids`` at entity ``new_id`` (the
        linker undid a merge that a later article contradicted)."""
        ids = [int(a) for a in article_ids]
        with self.atomic() as db:
            db.executemany("UPDATE mentions SET entity_id = ? WHERE entity_id = ? AND article_id = ?",
                           ((new_id, entity_id, a) for a in ids))
            db.executemany("UPDATE attributions SET speaker_entity_id = ? WHERE speaker_entity_id = ? AND article_id = ?",
                           ((new_id, entity_id, a) for a in ids))

    def load_state(self, name: str) -> dict | None:
        row = self.db.execute("SELECT state FROM link_state WHERE name = ?", (name,)).fetchone()
        return json.loads(row[0]) if row else None

    def save_state(self, name: str, state: dict) -> None:
        with self.atomic() as db:
            db.execute(
                "INSERT INTO link_state(name, state) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET state=excluded.state",
                (name, json.dumps(state)),
            )

    def load_records(self, linker: str, family: str | None = None, *, where: tuple[str, Any] | None = None
                     ) -> Iterator[tuple[str, dict]]:
        """Stored records of one linker, as ``(key, record)`` (see ``link/state.py``): every one, or those
        of one ``family`` (keys ``"<family>:..."``, a range of the primary key), and of those only the ones
        whose JSON value at ``where[0]`` (a JSON path, ``"$[0]"``) is ``where[1]`` (a list: any of its
        values; ``None``: no such value), filtered inside SQLite, so the rest is never parsed."""
        sql, args = "SELECT key, record FROM link_records WHERE linker = ?", [linker]
        if family is not None:
            sql += " AND key >= ? AND key < ?"
            args += [f"{family}:", f"{family};"]  # ";" sorts right after ":"
        if where is not None:
            path, value = where
            if value is None:
                sql += " AND json_extract(record, ?) IS NULL"
                args.append(path)
            else:
                values = list(value) if isinstance(value, (list, tuple, set, frozenset)) else [value]
                if not values:
                    return
                sql += f" AND json_extract(record, ?) IN ({', '.join('?' * len(values))})"
                args += [path, *values]
        for key, record in self.db.execute(sql, args):
            yield key, json.loads(record)

    def load_record(self, linker: str, key: str):
        """One stored record of one linker (``None`` when there is none): a linker reads its records on demand."""
        row = self.db.execute("SELECT record FROM link_records WHERE linker = ? AND key = ?", (linker, key)).fetchone()
        return json.loads(row[0]) if row else None

    def save_changes(self, linker: str, delta) -> None:
        """Apply one linker's ``StateDelta``: its header, then upserts and deletes of its records."""
        with self.atomic() as db:
            self.save_state(linker, delta.header)
            db.executemany("DELETE FROM link_records WHERE linker = ? AND key = ?",
                           ((linker, key) for key in delta.drop))
            db.executemany(
                "INSERT INTO link_records(linker, key, record) VALUES (?, ?, ?) "
                "ON CONFLICT(linker, key) DO UPDATE SET record = excluded.record",
                ((linker, key, json.dumps(record, separators=(",", ":"))) for key, record in delta.put.items()))


_TABLES = {"articles", "mentions", "attributions", "timexes", "events", "entities", "stories", "article_story",
           "copies", "story_history", "process_failures"}


def _is_full(exc: sqlite3.Error) -> bool:
    # SQLITE_FULL: no space left on the device, or the store's max_page_count reached
    return getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "disk is full" in str(exc)


def _span_cols(span) -> tuple:
    return (span.start, span.end, span.text) if span is not None else (None, None, None)


def _actor_json(actor) -> dict:
    return {k: getattr(actor, k) for k in ("text", "code", "sector", "entity_id", "start", "end")}


def _text_or_none(value) -> str | None:
    return " ".join(value.split())[:500] or None if isinstance(value, str) else None


def _article_from_row(row: sqlite3.Row) -> Article:
    extra = {key: row[key] for key in ("author", "language") if key in row.keys() and row[key]}
    return Article(
        text=row["text"],
        id=row["ext_id"],
        published=date.fromisoformat(row["published"]) if row["published"] else None,
        outlet=row["outlet"],
        title=row["title"],
        url=row["url"],
        wire=row["wire"],
        origin=row["origin"],
        extra=extra,
    )


def _speaker_text(a: Attribution) -> str | None:
    """The speaker as readers are shown it: the resolved speaker, else the source as written ("a senior
    official"), but never a bare pronoun that coreference tied to no one: "they" is not a speaker."""
    if a.speaker is not None:
        return a.speaker.text
    if a.source is None or a.source.text.strip().lower() in PRONOUNS:
        return None
    return a.source.text
