"""Incremental linker state: what changed since the last save, as keyed records.

A linker's whole state grows with the corpus (every story, entity and signature), so writing it whole
after every batch costs O(corpus) per batch. Each linker instead reports a small **header** (counters
and settings, O(1) in size) and the **records** it changed since its last report, keyed by a stable
string; the store upserts those rows and deletes the dropped ones in the batch's transaction. A
linker rebuilt from the header and all its stored records behaves exactly like the live one.

The contract every linker (``CopyDetector``, ``StoryClusterer``, ``EntityLinker``) follows:

- ``state_changes() -> StateDelta``: the header, plus the records put or dropped since the previous
  call (the first call on a fresh or rebuilt linker reports what it has not yet reported; a linker
  rebuilt by ``from_records`` starts with nothing pending). The call resets the tracking.
- ``from_records(header, records, ...)`` (classmethod): rebuild from the header and an iterable of
  ``(key, record)`` pairs, in any order.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ChangeTracker", "RecordTable", "StateDelta"]


@dataclass
class StateDelta:
    """One linker's changes since its last report: a new header, records to upsert, keys to delete."""

    header: dict[str, Any]
    put: dict[str, Any] = field(default_factory=dict)
    drop: set[str] = field(default_factory=set)

    def __len__(self) -> int:
        return len(self.put) + len(self.drop)


class ChangeTracker:
    """The keys a linker touched since its last report; it turns them into a ``StateDelta``.

    Linkers call ``touch(key)`` whenever the record under ``key`` may have changed and ``drop(key)``
    when it is gone; ``delta(header, record_of)`` builds the records only for touched keys, so a
    batch costs what it changed, not what the linker holds.
    """

    def __init__(self) -> None:
        self._touched: set[Hashable] = set()
        self._dropped: set[Hashable] = set()

    def touch(self, key: Hashable) -> None:
        self._touched.add(key)
        self._dropped.discard(key)

    def touch_all(self, keys: Iterable[Hashable]) -> None:
        for key in keys:
            self.touch(key)

    def drop(self, key: Hashable) -> None:
        self._touched.discard(key)
        self._dropped.add(key)

    def delta(self, header: dict[str, Any], record_of, key_name=str) -> StateDelta:
        """The pending changes; ``record_of(key)`` gives a touched key's record (``None`` = drop it).

        ``key_name(key)`` turns an internal key into the stored string key (a family prefix, say).
        """
        out = StateDelta(header=header)
        for key in self._touched:
            record = record_of(key)
            if record is None:
                out.drop.add(key_name(key))
            else:
                out.put[key_name(key)] = record
        out.drop.update(key_name(key) for key in self._dropped)
        self._touched.clear()
        self._dropped.clear()
        return out


class RecordTable(dict):
    """One of a linker's tables: a dict that, when given a loader, reads a missing key's record from
    the store (``load(family, key)`` gives the record or ``None``) and remembers which keys are absent.

    A store-backed linker (``EntityLinker.lazy``, ``StoryClusterer.lazy``, ``CopyDetector.lazy``) holds
    its tables so: start-up reads no record, and ``forget()`` after a save drops what was read, so memory
    holds what the last batches asked for, not the corpus. ``default`` makes it a defaultdict
    (``keep_default``: the default is stored, as ``defaultdict`` does; else returned only, as ``Counter``
    does). A key popped or deleted counts as absent: the store still holds its record until the save
    that drops it, and reading that back would bring the key back to life.
    """

    __slots__ = ("absent", "default", "family", "keep_default", "load")

    def __init__(self, family: str, default=None, *, keep_default: bool = True, items=()):
        super().__init__(items)
        self.family, self.default, self.keep_default = family, default, keep_default
        self.load = None
        self.absent: set = set()

    def _fetch(self, key) -> bool:
        if self.load is None or key is None or key in self.absent:
            return False
        record = self.load(self.family, key)
        if record is None:
            self.absent.add(key)
            return False
        dict.__setitem__(self, key, record)
        return True

    def __missing__(self, key):
        if self._fetch(key):
            return dict.__getitem__(self, key)
        if self.default is None:
            raise KeyError(key)
        value = self.default()
        if self.keep_default:
            dict.__setitem__(self, key, value)
        return value

    def __contains__(self, key) -> bool:
        return dict.__contains__(self, key) or self._fetch(key)

    def get(self, key, default=None):
        if dict.__contains__(self, key) or self._fetch(key):
            return dict.__getitem__(self, key)
        return default

    def pop(self, key, *default):
        if not dict.__contains__(self, key):
            self._fetch(key)
        value = dict.pop(self, key, *default)
        if self.load is not None:
            self.absent.add(key)
        return value

    def forget(self) -> None:
        """Drop what was read (and what is known absent); the store holds it all."""
        dict.clear(self)
        self.absent.clear()
