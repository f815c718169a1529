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

__all__ = ["ChangeTracker", "StateDelta"]


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
