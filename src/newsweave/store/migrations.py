"""The store's schema, built by named migrations (functions returning their SQL) applied in order and recorded in ``_migrations``.

A migration is never edited once released: a schema change is a new function appended to
``MIGRATIONS``, so an old database is brought up to date by running only what it has not seen.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

__all__ = ["MIGRATIONS", "apply_migrations"]


def m001_articles() -> str:
    return (
        """
        CREATE TABLE articles (
            id            INTEGER PRIMARY KEY,
            ext_id        TEXT,
            url           TEXT,
            content_hash  TEXT NOT NULL,
            published     TEXT,
            outlet        TEXT,
            wire          TEXT,
            title         TEXT,
            text          TEXT NOT NULL,
            origin        TEXT,
            words         INTEGER NOT NULL,
            ingested_at   TEXT NOT NULL,
            processed_at  TEXT,
            made_by       TEXT
        );
        -- One article per URL, and per text within an outlet: a page fetched twice with a changed footer is
        -- one article, while the same agency text printed by two outlets is two articles (a wire copy,
        -- which linking marks as such).
        CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;
        CREATE UNIQUE INDEX articles_text ON articles(content_hash, coalesce(outlet, ''));
        CREATE INDEX articles_unprocessed ON articles(id) WHERE processed_at IS NULL;
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_outlet ON articles(outlet);

        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        END;
        CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        """
    )


def m002_extractions() -> str:
    return (
        """
        CREATE TABLE entities (
            id       TEXT PRIMARY KEY,
            name     TEXT NOT NULL,
            type     TEXT,
            code     TEXT,
            aliases  TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX entities_name ON entities(name COLLATE NOCASE);

        CREATE TABLE mentions (
            id          INTEGER PRIMARY KEY,
            article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start       INTEGER NOT NULL,
            "end"       INTEGER NOT NULL,
            text        TEXT NOT NULL,
            label       TEXT,
            kind        TEXT,
            chain       INTEGER,
            entity_id   TEXT
        );
        CREATE INDEX mentions_article ON mentions(article_id);
        CREATE INDEX mentions_entity ON mentions(entity_id);

        CREATE TABLE attributions (
            id                 INTEGER PRIMARY KEY,
            article_id         INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq                INTEGER NOT NULL,
            start              INTEGER NOT NULL,
            "end"              INTEGER NOT NULL,
            kind               TEXT NOT NULL,
            source_start       INTEGER, source_end INTEGER, source_text TEXT,
            cue_start          INTEGER, cue_end INTEGER, cue_text TEXT,
            content            TEXT NOT NULL,
            content_text       TEXT NOT NULL,
            speaker_text       TEXT,
            speaker_entity_id  TEXT,
            channel_text       TEXT,
            parent_seq         INTEGER,
            date               TEXT
        );
        CREATE INDEX attributions_article ON attributions(article_id);
        CREATE INDEX attributions_speaker ON attributions(speaker_entity_id);
        CREATE VIRTUAL TABLE attributions_fts USING fts5(
            content_text, speaker_text, content='attributions', content_rowid='id'
        );
        CREATE TRIGGER attributions_ai AFTER INSERT ON attributions BEGIN
            INSERT INTO attributions_fts(rowid, content_text, speaker_text)
            VALUES (new.id, new.content_text, new.speaker_text);
        END;
        CREATE TRIGGER attributions_ad AFTER DELETE ON attributions BEGIN
            INSERT INTO attributions_fts(attributions_fts, rowid, content_text, speaker_text)
            VALUES ('delete', old.id, old.content_text, old.speaker_text);
        END;

        CREATE TABLE timexes (
            id          INTEGER PRIMARY KEY,
            article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start       INTEGER NOT NULL,
            "end"       INTEGER NOT NULL,
            text        TEXT NOT NULL,
            type        TEXT NOT NULL,
            value       TEXT,
            anchored    INTEGER NOT NULL DEFAULT 1,
            mod         TEXT
        );
        CREATE INDEX timexes_article ON timexes(article_id);

        CREATE TABLE events (
            id          INTEGER PRIMARY KEY,
            article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start       INTEGER NOT NULL,
            "end"       INTEGER NOT NULL,
            type        TEXT NOT NULL,
            mode        TEXT,
            source      TEXT NOT NULL DEFAULT '[]',
            target      TEXT NOT NULL DEFAULT '[]',
            time        TEXT,
            place       TEXT,
            status      TEXT NOT NULL,
            claimed_by  TEXT
        );
        CREATE INDEX events_article ON events(article_id);
        """
    )


def m003_stories() -> str:
    return (
        """
        CREATE TABLE stories (
            id          TEXT PRIMARY KEY,
            title       TEXT NOT NULL,
            first       TEXT,
            last        TEXT,
            updated_at  TEXT NOT NULL
        );
        CREATE TABLE article_story (
            article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            story_id    TEXT NOT NULL
        );
        CREATE INDEX article_story_story ON article_story(story_id);
        -- A wire copy points at the first-seen article of the same agency report.
        CREATE TABLE copies (
            article_id         INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            source_article_id  INTEGER NOT NULL REFERENCES articles(id),
            kind               TEXT NOT NULL,
            similarity         REAL
        );
        CREATE TABLE story_history (
            id        INTEGER PRIMARY KEY,
            story_id  TEXT NOT NULL,
            at        TEXT NOT NULL,
            kind      TEXT NOT NULL,
            detail    TEXT NOT NULL DEFAULT '{}'
        );
        -- The cross-article linkers' state, saved in the same transaction as the batch it reflects.
        CREATE TABLE link_state (
            name   TEXT PRIMARY KEY,
            state  TEXT NOT NULL
        );
        """
    )


def m004_link_records() -> str:
    return (
        """
        -- The linkers' state kept incrementally: each linker's small header in link_state, its records
        -- (one story, one entity, one signature ...) here, upserted per batch for what the batch changed.
        -- The whole-state row of the first version is no longer written.
        CREATE TABLE link_records (
            linker  TEXT NOT NULL,
            key     TEXT NOT NULL,
            record  TEXT NOT NULL,
            PRIMARY KEY (linker, key)
        ) WITHOUT ROWID;
        """
    )


def m005_story_recency() -> str:
    # The story list (web front page, `newsweave stories`) orders by latest activity; with this index
    # SQLite reads the newest page of stories in order instead of sorting every story per request.
    # The expression must stay identical to the ORDER BY in store.queries.list_stories. IF NOT EXISTS:
    # stores built while this was briefly numbered 004 already have the index. stories_updated makes the
    # web's "has any story changed" check (store.web_queries.stories_version) a lookup, not a scan.
    return ("CREATE INDEX IF NOT EXISTS stories_recent ON stories(coalesce(last, '') DESC, updated_at DESC, id);\n"
            "CREATE INDEX IF NOT EXISTS stories_updated ON stories(updated_at);")


def m008_corrections() -> str:
    # The analyst's decisions, kept apart from what the linkers write so that reprocessing and linking
    # never lose them: store.corrections re-applies every active one after each linked batch. ``before``
    # holds what an application replaced, so that an undo can put it back.
    return (
        """
        CREATE TABLE IF NOT EXISTS corrections (
            id         INTEGER PRIMARY KEY,
            kind       TEXT NOT NULL,
            target     TEXT NOT NULL,
            value      TEXT NOT NULL DEFAULT '{}',
            note       TEXT,
            made_at    TEXT NOT NULL,
            undone_at  TEXT,
            before     TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX IF NOT EXISTS corrections_active ON corrections(id) WHERE undone_at IS NULL;
        """
    )


def m009_search_stemming() -> str:
    # Word forms: "Tomahawk" finds "Tomahawks" (porter stemming over the same unicode61 tokens). The
    # index is rebuilt in place from the articles; the triggers name the table, so they keep working.
    return (
        """
        DROP TABLE IF EXISTS articles_fts;
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
        );
        INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
        DROP TABLE IF EXISTS attributions_fts;
        CREATE VIRTUAL TABLE attributions_fts USING fts5(
            content_text, speaker_text, content='attributions', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2'
        );
        INSERT INTO attributions_fts(attributions_fts) VALUES ('rebuild');
        """
    )


def m006_process_failures() -> str:
    # An article that a stage or the linker could not process: recorded with its error so that one
    # article never stops `process` for the whole store; a plain rerun skips it, --retry-failed
    # tries again (``attempts`` counts the tries). The row goes when the article is processed.
    return (
        """
        CREATE TABLE IF NOT EXISTS process_failures (
            article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            stage       TEXT NOT NULL,
            error       TEXT NOT NULL,
            message     TEXT NOT NULL,
            failed_at   TEXT NOT NULL,
            attempts    INTEGER NOT NULL DEFAULT 1
        );
        """
    )


def m007_sources() -> str:
    # The feeds, sitemaps and pages `newsweave watch` polls, with what a polite poll needs to remember:
    # the validators for a conditional GET, the last error (shown by `sources list`), and every item URL
    # already handled, so a second poll fetches and stores nothing it has seen. An item is recorded in the
    # transaction that stores its article: a watcher killed in between fetches it again next time, and the
    # store's URL rule keeps that from becoming a duplicate.
    return (
        """
        CREATE TABLE IF NOT EXISTS sources (
            id             INTEGER PRIMARY KEY,
            url            TEXT NOT NULL UNIQUE,
            kind           TEXT,
            title          TEXT,
            added_at       TEXT NOT NULL,
            last_fetch     TEXT,
            last_ok        TEXT,
            etag           TEXT,
            last_modified  TEXT,
            errors         INTEGER NOT NULL DEFAULT 0,
            last_error     TEXT,
            items_seen     INTEGER NOT NULL DEFAULT 0,
            articles       INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE IF NOT EXISTS source_items (
            source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            url         TEXT NOT NULL,
            seen_at     TEXT NOT NULL,
            article_id  INTEGER REFERENCES articles(id) ON DELETE SET NULL,
            problem     TEXT,
            PRIMARY KEY (source_id, url)
        ) WITHOUT ROWID;
        """
    )


def m007b_article_author_language() -> str:
    # What a fetched page says of itself beyond outlet, title and date: its author (byline or feed
    # author) and language (the page's metadata or <html lang>). Empty for articles read from files.
    return "ALTER TABLE articles ADD COLUMN author TEXT;\nALTER TABLE articles ADD COLUMN language TEXT;"


def m010_outlet_metadata() -> str:
    # What the user knows of each outlet (from a sources file they provide: `newsweave outlets import`):
    # country, owner, language and, only if the user has one, a lean label. Nothing here is built in;
    # the name is matched case-insensitively to an article's outlet (or wire).
    return (
        """
        CREATE TABLE IF NOT EXISTS outlets (
            name         TEXT PRIMARY KEY COLLATE NOCASE,
            country      TEXT,
            owner        TEXT,
            language     TEXT,
            lean         TEXT,
            origin       TEXT NOT NULL,
            imported_at  TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS outlets_country ON outlets(country COLLATE NOCASE);
        """
    )


def m011_story_analyses() -> str:
    # A story's timeline and outlet comparison as `process` computed them when it last changed the story,
    # so a first view of its page reads them; `version` is the story's version then (`story_version`):
    # a row whose version is not the story's current one is stale and not read.
    return (
        """
        CREATE TABLE IF NOT EXISTS story_analyses (
            story_id     TEXT NOT NULL,
            kind         TEXT NOT NULL,
            version      TEXT NOT NULL,
            body         TEXT NOT NULL,
            computed_at  TEXT NOT NULL,
            PRIMARY KEY (story_id, kind)
        );
        """
    )


MIGRATIONS: list[tuple[str, Callable[[], str]]] = [
    ("001_articles", m001_articles),
    ("002_extractions", m002_extractions),
    ("003_stories", m003_stories),
    ("004_link_records", m004_link_records),
    ("005_story_recency", m005_story_recency),
    ("008_corrections", m008_corrections),
    ("009_search_stemming", m009_search_stemming),
    ("006_process_failures", m006_process_failures),
    ("007_sources", m007_sources),
    ("007b_article_author_language", m007b_article_author_language),
    ("010_outlet_metadata", m010_outlet_metadata),
    ("011_story_analyses", m011_story_analyses),
]


def apply_migrations(db: sqlite3.Connection) -> list[str]:
    """Apply the migrations ``db`` has not seen, each in its own transaction; return their names."""
    db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in db.execute("SELECT name FROM _migrations")}
    applied = []
    for name, migrate in MIGRATIONS:
        if name in done:
            continue
        # One script so that the schema change and its record commit together (executescript would
        # commit a transaction opened outside it before running).
        script = f"BEGIN IMMEDIATE;\n{migrate()}\nINSERT INTO _migrations(name, applied_at) VALUES ('{name}', datetime('now'));\nCOMMIT;"
        try:
            db.executescript(script)
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied
