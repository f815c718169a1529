"""The SQLite store: migrations, idempotent adds, nested transactions, extraction rows, search."""

import sqlite3
from datetime import date

import pytest

from newsweave.errors import StoreError
from newsweave.model import (
    Actor,
    Article,
    Attribution,
    Event,
    Extraction,
    Mention,
    Span,
    Timex,
)
from newsweave.store import Store, article_detail, list_quotes, search_articles
from newsweave.store.migrations import MIGRATIONS


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.db") as s:
        yield s


def _article(text="Mayor Ines Halvorsen said the water rose fast.", **kw):
    return Article(text=text, published=date(2026, 3, 3), outlet="Northern Ledger", **kw)


def test_schema_is_built_by_recorded_migrations_in_wal_mode(store):
    names = [r[0] for r in store.db.execute("SELECT name FROM _migrations ORDER BY name")]
    assert names == sorted(name for name, _ in MIGRATIONS)  # applied in list order, which need not be by name
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_applies_nothing_twice(tmp_path):
    Store(tmp_path / "t.db").close()
    with Store(tmp_path / "t.db") as s:
        assert s.db.execute("SELECT count(*) FROM _migrations").fetchone()[0] == len(MIGRATIONS)


def test_same_text_or_same_url_is_stored_once(store):
    first = store.add_article(_article(url="https://example.org/a"))
    again = store.add_article(_article(text="Mayor  Ines Halvorsen said the water rose fast. "))
    same_url = store.add_article(_article(text="An updated text.", url="https://example.org/a"))
    assert first.new and not again.new and not same_url.new
    assert again.article_id == same_url.article_id == first.article_id
    assert store.count("articles") == 1


def test_the_same_agency_text_from_another_outlet_is_another_article(store):
    first = store.add_article(_article())
    reprint = store.add_article(Article(text=_article().text, outlet="Coastline Times"))
    assert first.new and reprint.new and reprint.article_id != first.article_id


def test_failed_inner_block_rolls_back_only_its_savepoint(store):
    with store.atomic():
        store.add_article(_article("one"))
        with pytest.raises(RuntimeError):
            with store.atomic():
                store.add_article(_article("two"))
                raise RuntimeError("boom")
    assert [a.text for _, a in store.articles()] == ["one"]


def test_outer_failure_leaves_no_half_batch(store):
    with pytest.raises(RuntimeError):
        with store.atomic():
            store.add_article(_article("one"))
            raise RuntimeError("interrupted")
    assert store.count("articles") == 0


def test_extraction_rows_keep_article_and_offsets_and_replace_on_rerun(store):
    aid = store.add_article(_article()).article_id
    text = store.article(aid).text
    speaker = Mention(6, 20, "Ines Halvorsen", "PERSON", entity_id="e1")
    ex = Extraction(
        article=store.article(aid),
        mentions=[speaker],
        attributions=[Attribution(content=[Span(30, 46, text[30:46])], kind="indirect",
                                  source=Span(6, 20, "Ines Halvorsen"), cue=Span(21, 25, "said"), speaker=speaker)],
        timexes=[Timex(0, 5, "Mayor", "DATE", "2026-03-03")],
        events=[Event(type="CONSULT", evidence=Span(0, 46, text[:46]), source=[Actor("Ines Halvorsen", "VAL")])],
    )
    store.save_extraction(aid, ex)
    store.save_extraction(aid, ex)  # re-processing replaces, never duplicates
    detail = article_detail(store, aid)
    assert len(detail["mentions"]) == 1 and len(detail["attributions"]) == 1 and len(detail["events"]) == 1
    quote = detail["attributions"][0]
    assert text[quote["start"]:quote["end"]].startswith("Ines Halvorsen")
    assert quote["speaker_entity_id"] == "e1"
    assert list_quotes(store, speaker="halvorsen")[0]["content"][0]["text"] == text[30:46]
    assert list_quotes(store, text="water")  # quotes are full-text searchable
    assert store.unprocessed_ids() == []


def test_search_uses_fts_and_survives_query_syntax(store):
    store.add_article(_article())
    store.add_article(_article("Dock workers in Harlow Bay walked off the job."))
    hits = search_articles(store, 'harlow "bay')
    assert [h["title"] for h in hits] == ["Dock workers in Harlow Bay walked off the job."]
    assert "[Harlow]" in hits[0]["snippet"]
    with pytest.raises(StoreError, match="nothing to search"):
        search_articles(store, '"" ()')


def test_missing_database_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="newsweave ingest"):
        Store(tmp_path / "absent.db", create=False)


def test_a_file_that_is_not_sqlite_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="not a usable newsweave database"):
        Store(bad)


def test_no_sql_from_strings_in_queries(store):
    store.add_article(_article("Robert'); DROP TABLE articles;-- said hello"))
    assert search_articles(store, "Robert'); DROP TABLE articles;--")
    assert store.count("articles") == 1
    with pytest.raises(StoreError):
        store.count("articles; DROP TABLE articles")
    assert isinstance(store.db, sqlite3.Connection)
