"""The jobs a user runs over a store: ingest files, process what is new, and summarise the result.

``ingest_paths`` and ``process_store`` are resumable and idempotent: an article is stored once
(same normalised text or same URL), each batch is one transaction, and processing picks up the
articles not yet processed — so a run killed half-way is finished by running it again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import BinaryIO, TextIO

from .errors import IngestError, StoreError
from .model import Article, Extraction
from .settings import Settings
from .store import Store

__all__ = ["IngestReport", "ProcessReport", "ingest_paths", "ingest_articles", "process_store"]

Progress = Callable[[int], None]


@dataclass
class IngestReport:
    """Counts of one ingest run, and the reason for every input that failed."""

    new: int = 0
    duplicate: int = 0
    failed: list[IngestError] = field(default_factory=list)
    new_ids: list[int] = field(default_factory=list)

    def summary(self) -> str:
        return f"{self.new} new, {self.duplicate} duplicate, {len(self.failed)} failed"


@dataclass
class ProcessReport:
    processed: int = 0
    stories: int = 0
    copies: int = 0

    def summary(self) -> str:
        return f"{self.processed} processed, {self.stories} stories touched, {self.copies} copies found"


def ingest_articles(store: Store, items: Iterable[Article | IngestError], *, batch_size: int = 200,
                    progress: Progress | None = None) -> IngestReport:
    """Store articles (skipping ones already stored), one transaction per batch; errors are collected."""
    report = IngestReport()
    batch: list[Article] = []

    def flush() -> None:
        with store.atomic():
            for article in batch:
                try:
                    outcome = store.add_article(article)
                except (sqlite3.Error, ValueError, StoreError) as exc:
                    # One unstorable article (its savepoint rolled back) must not end the batch.
                    report.failed.append(IngestError(article.origin or str(article.id), f"could not be stored: {exc}"))
                    continue
                if outcome.new:
                    report.new += 1
                    report.new_ids.append(outcome.article_id)
                else:
                    report.duplicate += 1
        if progress:
            progress(len(batch))
        batch.clear()

    for item in items:
        if isinstance(item, IngestError):
            report.failed.append(item)
            if progress:
                progress(1)
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return report


def ingest_paths(store: Store, paths: Iterable[str], *, fields=None, stdin: TextIO | BinaryIO | None = None,
                 progress: Progress | None = None, batch_size: int = 200) -> IngestReport:
    """Read every input (files, directories, ``-`` for stdin) and store its articles."""
    from .ingest import read_inputs

    return ingest_articles(store, read_inputs(list(paths), fields=fields, stdin=stdin), progress=progress,
                           batch_size=batch_size)


def store_linked(store: Store, linker, aid: int, ex: Extraction, touched: set[str], gone: set[str]):
    """Link one extracted article and store its rows, links and the merges its linking caused.

    Call inside the batch's transaction. ``touched`` collects the stories whose stored row must be
    written (and, for merged-away ones, dropped) by ``linker.save``; ``gone`` the stories merged away.
    """
    decision = linker.add(aid, ex)
    ex.doc = None
    store.save_extraction(aid, ex)
    for kind, into, other in linker.merges:
        (store.merge_stories if kind == "story" else store.merge_entities)(into, other)
        if kind == "story":
            touched.update((into, other))
            gone.add(other)
    for new_id, old_id, moved in linker.splits:
        # Earlier articles whose links to the rest of their story are gone now form a story of their own.
        store.split_story(old_id, new_id, moved)
        touched.update((old_id, new_id))
        store.add_story_history(new_id, "split", {"story": new_id, "from": old_id, "articles": moved})
    store.assign_story(aid, decision.story_id)
    touched.add(decision.story_id)
    if decision.copy_of is not None:
        store.mark_copy(aid, decision.copy_of, decision.copy_kind, decision.copy_similarity)
    for kind, detail in decision.history:
        store.add_story_history(decision.story_id, kind, detail)
    return decision


def process_store(store: Store, settings: Settings | None = None, *, progress: Progress | None = None,
                  limit: int | None = None) -> ProcessReport:
    """Extract and link every stored article not yet processed, oldest first, one transaction per batch."""
    from .extract.pipeline import Pipeline
    from .link.online import OnlineLinker

    settings = settings or Settings()
    ids = store.unprocessed_ids()
    if limit is not None:
        ids = ids[:limit]
    report = ProcessReport()
    if not ids:
        return report
    pipeline = Pipeline(settings)
    linker = OnlineLinker.from_store(store, settings)
    touched: set[str] = set()
    step = max(settings.batch_size, 16)
    # Worker processes (each loading the model) are started once per read chunk, not per batch.
    read = step if settings.workers == 1 else step * settings.workers * 16
    for r in range(0, len(ids), read):
        chunk = dict(store.articles(ids[r : r + read]))
        keyed = [(aid, chunk[aid]) for aid in ids[r : r + read] if aid in chunk]
        results = zip((k for k, _ in keyed), pipeline.run(a for _, a in keyed))
        while extractions := list(islice(results, step)):
            _commit_batch(store, linker, extractions, touched, report)
            if progress:
                progress(len(extractions))
    report.stories = len(touched)
    return report


def _commit_batch(store: Store, linker, extractions: list[tuple[int, Extraction]], touched: set[str],
                  report: ProcessReport) -> None:
    # Extraction rows, links and the linker's state commit together: a crash mid-batch leaves
    # the batch unprocessed, and the next run does it again from the same state.
    batch: set[str] = set()
    gone: set[str] = set()
    with store.atomic():
        for aid, ex in extractions:
            decision = store_linked(store, linker, aid, ex, batch, gone)
            if decision.copy_of is not None:
                report.copies += 1
        linker.save(store, batch)
    touched |= batch
    touched -= gone
    report.processed += len(extractions)
