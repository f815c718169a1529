"""Following sources: poll every source once (:func:`poll_sources`), or again and again (:func:`watch`).

A poll fetches each source conditionally (ETag / Last-Modified), lists its items, skips the ones
handled before, fetches and extracts the rest and stores them through ``ingest_articles``, then
records the source's state. One source's failure (HTTP status, timeout, not a feed, blocked by
robots.txt, too large) is recorded on that source and logged, and the poll goes on.

Crash safety: an item is recorded as handled in the same transaction that stores its article, so a
watcher killed at any point loses nothing (unrecorded items are fetched again next time) and
duplicates nothing (the store keeps one article per URL and per text). Ctrl-C stops at once: a fetch
in flight is abandoned, the open transaction rolls back.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from .errors import ConfigError, IngestError
from .ingest.web import Discovery, FeedItem, Fetcher, discover, fetch_items
from .jobs import ProcessReport, ingest_articles, process_store
from .settings import Settings
from .store import Store
from .store.sources import known_item_urls, list_sources, record_item, record_poll

__all__ = ["PollReport", "parse_interval", "poll_sources", "watch"]

log = logging.getLogger("newsweave.watch")

# Failures worth trying again at the next poll; any other failure of an item is final for that item.
_TRANSIENT = {"timeout", "network", "stopped"}


@dataclass
class PollReport:
    """One poll: sources answered, unchanged (304) and failed, and the items stored, seen before or failed."""

    sources: int = 0
    unchanged: int = 0
    failed: list[IngestError] = field(default_factory=list)
    new: int = 0
    duplicate: int = 0
    skipped: int = 0  # items handled by an earlier poll
    item_failures: list[IngestError] = field(default_factory=list)
    new_ids: list[int] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.sources} sources ({self.unchanged} unchanged, {len(self.failed)} failed): {self.new} new, "
                f"{self.duplicate} duplicate, {self.skipped} seen before, {len(self.item_failures)} items failed")


def describe(exc: IngestError) -> str:
    """A source's error as `sources list` shows it: the kind of failure, then the reason."""
    kind = getattr(exc, "kind", None) or "unreadable"
    return f"{kind}: {exc.reason}"


def poll_sources(store: Store, fetcher: Fetcher | None = None, *, only: list[int] | None = None) -> PollReport:
    """Poll every source (or the ids in ``only``) once and store what is new; see the module docstring."""
    fetcher = fetcher or Fetcher()
    report = PollReport()
    for source in list_sources(store):
        if only is not None and source["id"] not in only:
            continue
        report.sources += 1
        try:
            found = discover(fetcher, source["url"], etag=source["etag"], last_modified=source["last_modified"])
        except IngestError as exc:
            if getattr(exc, "kind", None) == "stopped":
                raise KeyboardInterrupt from exc
            record_poll(store, source["id"], error=describe(exc))
            report.failed.append(exc)
            log.warning("source %s: %s", source["url"], describe(exc))
            continue
        if found.not_modified:
            report.unchanged += 1
            record_poll(store, source["id"], etag=found.etag, last_modified=found.last_modified)
            log.info("source %s: not modified", source["url"])
            continue
        _store_items(store, fetcher, source["id"], found, report)
        for problem in found.problems:
            log.warning("source %s: %s", source["url"], describe(problem))
        record_poll(store, source["id"], kind=found.kind, title=found.title, etag=found.etag,
                    last_modified=found.last_modified)
    return report


def _store_items(store: Store, fetcher: Fetcher, source_id: int, found: Discovery, report: PollReport) -> None:
    if found.page is not None:
        pages = [(FeedItem(found.url), found.page)]
    else:
        known = known_item_urls(store, source_id, [item.url for item in found.items])
        report.skipped += len(known)
        pages = fetch_items(fetcher, [item for item in found.items if item.url not in known])
    for item, result in pages:
        if isinstance(result, IngestError):
            report.item_failures.append(result)
            log.warning("item %s: %s", item.url, describe(result))
            if getattr(result, "kind", None) not in _TRANSIENT and getattr(result, "status", None) not in (408, 429) \
                    and not (getattr(result, "status", None) or 0) >= 500:
                record_item(store, source_id, item.url, problem=describe(result))
            continue
        with store.atomic():
            stored = ingest_articles(store, [result])
            if stored.failed:
                report.item_failures.extend(stored.failed)
                continue
            record_item(store, source_id, item.url, article_id=stored.new_ids[0] if stored.new_ids else None)
        report.new += stored.new
        report.duplicate += stored.duplicate
        report.new_ids.extend(stored.new_ids)


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Seconds in an interval written ``90``, ``30s``, ``15m``, ``2h`` or ``1d``."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", str(text).lower())
    if not match or float(match.group(1)) <= 0:
        raise ConfigError(f"bad interval {text!r}: write a positive number with s, m, h or d (15m, 1h)")
    return float(match.group(1)) * _UNITS[match.group(2) or "s"]


def watch(store: Store, *, every: float = 900.0, once: bool = False, fetcher: Fetcher | None = None,
          settings: Settings | None = None, stop: threading.Event | None = None,
          on_poll: Callable[[PollReport, ProcessReport | None], None] | None = None) -> None:
    """Poll all sources every ``every`` seconds (once with ``once``), processing what each poll stored.

    Returns when ``stop`` is set (or after one poll with ``once``); Ctrl-C raises KeyboardInterrupt
    with every committed article kept.
    """
    fetcher = fetcher or Fetcher()
    stop = stop or fetcher.stop
    while True:
        report = poll_sources(store, fetcher)
        processed = process_store(store, settings) if report.new else None
        if on_poll:
            on_poll(report, processed)
        if once or stop.wait(every):
            return
