"""``newsweave check``: verify a store's integrity and repair what can be repaired.

Checks SQLite's own ``integrity_check`` and foreign keys, rows whose article is gone, stories with no
articles, processed articles with no story, and that both FTS5 indexes agree with their tables.
Repairs delete orphan rows, rebuild the FTS indexes, and send half-linked articles back to be processed
(``newsweave process`` then redoes them), so no repair loses an article; the store is then checked
again, and it is ok when nothing is left. Articles that processing failed on (``newsweave failures``)
are reported but are no fault of the store.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from .db import Store

__all__ = ["CheckReport", "check_store"]

_CHILD_TABLES = ("mentions", "attributions", "timexes", "events", "article_story", "copies")


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    # after a repair: what a second check still finds (None when nothing was repaired)
    remaining: list[str] | None = None
    failed_articles: int = 0  # articles `process` recorded as failed

    @property
    def ok(self) -> bool:
        return not (self.problems if self.remaining is None else self.remaining)

    def to_json(self) -> dict:
        return {"ok": self.ok, "problems": self.problems, "repaired": self.repaired,
                "remaining": self.problems if self.remaining is None else self.remaining,
                "failed_articles": self.failed_articles}


def _fts_in_sync(db: sqlite3.Connection, table: str) -> bool:
    try:
        db.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")
        return True
    except sqlite3.DatabaseError:
        return False


def check_store(store: Store, *, repair: bool = False) -> CheckReport:
    """Check ``store``; with ``repair``, fix what can be fixed without losing an article and check again."""
    report = _check(store, repair)
    if report.repaired:
        # One fault can show as two problems (an orphan row also breaks a foreign key) and be fixed
        # by one repair: what is left is what a fresh check finds.
        report.remaining = _check(store, False).problems
    report.failed_articles = store.count("process_failures")
    return report


def _check(store: Store, repair: bool) -> CheckReport:
    report = CheckReport()
    db = store.db
    result = [r[0] for r in db.execute("PRAGMA integrity_check")]
    if result != ["ok"]:
        report.problems.append("sqlite integrity_check: " + "; ".join(result[:5]))
    fk = db.execute("PRAGMA foreign_key_check").fetchall()
    if fk:
        report.problems.append(f"{len(fk)} rows break a foreign key")
    for table in _CHILD_TABLES:
        n = db.execute(
            f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
        if n:
            report.problems.append(f"{n} {table} rows whose article is gone")
            if repair:
                with store.atomic():
                    db.execute(f"DELETE FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)")
                report.repaired.append(f"deleted {n} orphan {table} rows")
    empty = db.execute("SELECT count(*) FROM stories WHERE id NOT IN (SELECT story_id FROM article_story)").fetchone()[0]
    if empty:
        report.problems.append(f"{empty} stories without articles")
        if repair:
            store.drop_empty_stories()
            report.repaired.append(f"dropped {empty} empty stories")
    unlinked = db.execute(
        "SELECT count(*) FROM articles WHERE processed_at IS NOT NULL AND id NOT IN (SELECT article_id FROM article_story)"
    ).fetchone()[0]
    if unlinked:
        report.problems.append(f"{unlinked} processed articles without a story")
        if repair:
            with store.atomic():
                db.execute("UPDATE articles SET processed_at = NULL WHERE processed_at IS NOT NULL"
                           " AND id NOT IN (SELECT article_id FROM article_story)")
            report.repaired.append(f"sent {unlinked} articles back to `newsweave process`")
    for fts in ("articles_fts", "attributions_fts"):
        if not _fts_in_sync(db, fts):
            report.problems.append(f"full-text index {fts} out of sync")
            if repair:
                with store.atomic():
                    db.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
                report.repaired.append(f"rebuilt {fts}")
    return report
