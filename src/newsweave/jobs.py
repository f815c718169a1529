"""The jobs a user runs over a store: ingest files, process what is new, and summarise the result.

``ingest_paths`` and ``process_store`` are resumable and idempotent: an article is stored once
(same normalised text or same URL), each batch is one transaction, and processing picks up the
articles not yet processed — so a run killed half-way is finished by running it again.

An article that a stage or the linker cannot process is recorded in ``process_failures`` with its
error and skipped, so one article never stops the run, nor every rerun; ``retry_failed`` tries again.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import BinaryIO, TextIO

from .errors import IngestError, StoreError, StoreFull
from .extract.pipeline import ArticleFault
from .model import Article, Extraction
from .settings import Settings
from .store import Store

__all__ = ["IngestReport", "ProcessReport", "ingest_paths", "ingest_articles", "process_store"]

Progress = Callable[[int], None]

# The name a failure in cross-article linking is recorded under (the stages have their own).
LINK_STAGE = "newsweave.link.online.v1"


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
    # one per article that could not be processed: {"article_id", "stage", "error", "message"}
    failed: list[dict] = field(default_factory=list)

    def summary(self) -> str:
        text = f"{self.processed} processed, {self.stories} stories touched, {self.copies} copies found"
        if self.failed:
            text += f", {len(self.failed)} failed (`newsweave failures` lists them)"
        return text


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
                except StoreFull:
                    raise  # no article is to blame, and the next one would not fit either
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
                 progress: Progress | None = None, batch_size: int = 200, fetch=None) -> IngestReport:
    """Read every input (files, directories, ``-`` for stdin, http(s) URLs) and store its articles.

    A URL is a feed, sitemap, homepage or article page (see ``newsweave.ingest.web``), fetched under
    ``fetch`` (a ``FetchOptions``); the pages of articles already stored (same URL) are not fetched again.
    """
    from itertools import chain

    from .ingest import read_inputs
    from .ingest.web import is_url, read_urls
    from .store.sources import stored_urls

    paths = list(paths)
    urls = [p for p in paths if is_url(str(p))]
    files = [p for p in paths if not is_url(str(p))]
    items = read_inputs(files, fields=fields, stdin=stdin) if files else iter(())
    if urls:
        items = chain(items, read_urls(urls, options=fetch, skip=lambda found: stored_urls(store, found)))
    return ingest_articles(store, items, progress=progress, batch_size=batch_size)


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
    for new_id, old_id, articles in linker.entity_splits:
        # A merge this article contradicts is undone: the story's earlier mentions of it move.
        store.split_entity(old_id, new_id, articles)
    store.assign_story(aid, decision.story_id)
    touched.add(decision.story_id)
    if decision.copy_of is not None:
        store.mark_copy(aid, decision.copy_of, decision.copy_kind, decision.copy_similarity)
    for kind, detail in decision.history:
        store.add_story_history(decision.story_id, kind, detail)
    return decision


def process_store(store: Store, settings: Settings | None = None, *, progress: Progress | None = None,
                  limit: int | None = None, retry_failed: bool = False) -> ProcessReport:
    """Extract and link every stored article not yet processed, oldest first, one transaction per batch.

    An article whose extraction or linking raises is recorded (``Store.process_failures``) and the
    run goes on; those recorded by earlier runs are skipped unless ``retry_failed``. A second run on
    the same store while one is going raises ``StoreError`` naming the running one."""
    settings = settings or Settings()
    with _process_lock(store):
        return _process(store, settings, progress, limit, retry_failed)


@contextmanager
def _process_lock(store: Store) -> Iterator[None]:
    """Only one ``process`` run per store at a time: two would link the same articles twice.

    An OS lock on a file beside the database (``newsweave.db.process-lock``): the system drops it
    when the holder ends, killed or not, so no stale lock outlives a crash.
    """
    try:
        import fcntl
    except ImportError:  # not a POSIX system: no lock
        yield
        return
    path = Path(f"{store.path}.process-lock")
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        full = exc.errno == errno.ENOSPC
        raise (StoreFull if full else StoreError)(
            f"{path}: cannot create the lock that keeps two `newsweave process` runs apart ({exc.strerror})"
            + ("; nothing was changed: free some space and run the command again" if full else "")) from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise StoreError(f"{store.path} is being processed by `newsweave process` (pid {holder}); "
                             "wait for it to finish, then run again if articles are left") from None
        try:  # the pid only names the holder in the message above: a full disk does not stop the run here
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        except OSError:
            pass
        yield
    finally:
        os.close(fd)  # closing drops the lock


def _process(store: Store, settings: Settings, progress: Progress | None, limit: int | None,
             retry_failed: bool) -> ProcessReport:
    from .extract.pipeline import Pipeline
    from .link.online import OnlineLinker

    ids = store.unprocessed_ids(retry_failed=retry_failed)
    if limit is not None:
        ids = ids[:limit]
    report = ProcessReport()
    if not ids:
        return report
    pipeline = Pipeline(settings)
    linker = OnlineLinker.from_store(store, settings)
    touched: set[str] = set()
    gone: set[str] = set()
    step = max(settings.batch_size, 16)
    # Worker processes (each loading the model) are started once per read chunk, not per batch.
    read = step if settings.workers == 1 else step * settings.workers * 16
    for r in range(0, len(ids), read):
        chunk = dict(store.articles(ids[r : r + read]))
        keyed = [(aid, chunk[aid]) for aid in ids[r : r + read] if aid in chunk]
        results = zip((k for k, _ in keyed), pipeline.run((a for _, a in keyed), isolate=True))
        while extractions := list(islice(results, step)):
            linker = _commit_batch(store, linker, extractions, touched, report, gone)
            if progress:
                progress(len(extractions))
    report.stories = len(touched)
    # Once per run, after the last batch has committed: the changed stories' timeline and comparison,
    # so that the first view of each story page reads them (a failure here loses no processing).
    from .analyze.story_analyses import analyse_stories

    analyse_stories(store, touched, gone=gone)
    return report


class _LinkFailed(Exception):
    def __init__(self, article_id: int, fault):
        self.article_id, self.fault = article_id, fault


def _commit_batch(store: Store, linker, items: list[tuple[int, Extraction | ArticleFault]], touched: set[str],
                  report: ProcessReport, merged_away: set[str] | None = None):
    """Store one batch; return the linker to go on with (a new one when an article failed to link)."""
    from .link.online import OnlineLinker

    faults = [(aid, ex) for aid, ex in items if isinstance(ex, ArticleFault)]
    extractions = [(aid, ex) for aid, ex in items if not isinstance(ex, ArticleFault)]
    while True:
        # Extraction rows, links and the linker's state commit together: a crash mid-batch leaves
        # the batch unprocessed, and the next run does it again from the same state.
        batch: set[str] = set()
        gone: set[str] = set()
        copies = 0
        try:
            with store.atomic():
                for aid, fault in faults:
                    store.record_failure(aid, fault.stage, fault.error, fault.message)
                for aid, ex in extractions:
                    try:
                        decision = store_linked(store, linker, aid, ex, batch, gone)
                    except (sqlite3.Error, StoreError):
                        raise  # the store itself failed (disk full, I/O): no article is to blame
                    except Exception as exc:
                        raise _LinkFailed(aid, ArticleFault.of(ex.article, exc, LINK_STAGE)) from exc
                    if decision.copy_of is not None:
                        copies += 1
                linker.save(store, batch)
        except _LinkFailed as failed:
            # Rolling back only the article's rows (a savepoint) would not do: the linker's memory
            # holds its half-made changes, and the batch's earlier articles are linked only in
            # memory. The batch's transaction is rolled back and the batch redone without that
            # article, from the linker as the store last saved it.
            faults.append((failed.article_id, failed.fault))
            extractions = [(aid, ex) for aid, ex in extractions if aid != failed.article_id]
            # The articles before it get the same ids again (the linker is deterministic from the
            # same state, and reads no parse); those after it were never linked.
            linker = OnlineLinker.from_store(store, linker.settings)
            continue
        break
    for aid, fault in faults:
        report.failed.append({"article_id": aid, "stage": fault.stage, "error": fault.error, "message": fault.message})
    touched |= batch
    touched -= gone
    if merged_away is not None:
        merged_away |= gone
    report.copies += copies
    report.processed += len(extractions)
    return linker
