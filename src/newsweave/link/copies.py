"""Near-duplicates and wire copies: which articles reprint or re-edit an earlier one.

A reprint of an agency report (AFP's text in three papers) is one source, not three confirmations, so
every later copy points at the first-seen article of its text. Two bands of word-shingle similarity:

* ``copy``    — the same report, reprinted (Jaccard >= ``copy_threshold``, or the same wire credit and
                at least ``version_threshold``);
* ``version`` — an edited re-publication: a trimmed, updated or re-headlined text
                (``version_threshold`` <= Jaccard < ``copy_threshold``).

The bands and the window are ``settings.CopyConfig`` (``settings.copies``).

Candidates come from MinHash LSH (datasketch), so adding an article costs the same however many are
stored. Only articles of the last ``window_days`` (by publication date; at most ``max_active`` of them)
stay candidates: a reprint follows its source within days, and the index, the memory and the saved
state then stay bounded however large the corpus grows. The state is the active articles' signatures
plus who copies whom; ``to_state()`` is plain JSON and ``from_state()`` rebuilds the LSH index from it;
``state_changes()`` / ``from_records()`` are the incremental form the store keeps (see ``state.py``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..model import Article
from ..settings import CopyConfig
from .state import ChangeTracker, RecordTable, StateDelta

__all__ = ["CopyDetector", "CopyMatch", "shingles", "signature"]

# The signature's format, not tuning values: stored signatures are compared only with their own kind.
NUM_PERM = 64
SHINGLE_WORDS = 5
_SCHEME = "affine32"  # named so that stored signatures stay comparable across datasketch releases
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class CopyMatch:
    """``key`` is a ``kind`` ("copy" or "version") of ``original`` with estimated word-shingle Jaccard ``similarity``."""

    key: str
    original: str
    kind: str
    similarity: float

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "original": self.original, "kind": self.kind,
                "similarity": round(self.similarity, 4)}


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Overlapping runs of ``size`` words of the normalised text (lower case, NFKC, punctuation dropped)."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def _minhash(text: str):
    from datasketch import (
        MinHash,  # imported on first use: datasketch pulls in numpy and scipy
    )

    mh = MinHash(num_perm=NUM_PERM, seed=1, scheme=_SCHEME)
    found = shingles(text)
    if found:
        # One vectorised pass over all shingles: the same hash values as update() one by one, ~6x faster.
        mh.update_batch([sh.encode("utf-8") for sh in found])
    return mh


def signature(article: Article | str) -> list[int]:
    """The MinHash signature of an article's text, as plain ints that a store can keep."""
    text = article if isinstance(article, str) else article.text
    return [int(v) for v in _minhash(text).hashvalues]


def _from_signature(sig: list[int]):
    import numpy as np
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, scheme=_SCHEME, hashvalues=np.array(sig, dtype=np.uint64))


def _wire_key(wire: str | None) -> str | None:
    return wire.strip().upper() if wire and wire.strip() else None


class CopyDetector:
    """Marks each added article as a copy or version of an earlier one, or as an original.

    ``add`` answers in time independent of how many articles were added (LSH buckets, then at most a
    few signature comparisons). Always points at the *first-seen* original, never at another copy, so
    a chain of reprints collapses onto one source.
    """

    def __init__(self, config: CopyConfig | None = None):
        self.config = config = config or CopyConfig()
        self.copy_threshold = config.copy_threshold
        self.version_threshold = config.version_threshold
        self.window_days = config.window_days
        self.max_active = config.max_active
        # The active articles, in the order added: key -> signature, wire credit, publication date.
        self._signatures: dict[str, list[int]] = {}
        self._wires: dict[str, str | None] = {}
        self._dates: dict[str, date | None] = {}
        self._order: deque[str] = deque()
        self._latest: date | None = None
        self._seq = 0
        self._seqs: dict[str, int] = {}
        self._matches: dict[str, CopyMatch] = {}
        self._lsh = None
        self._changes = ChangeTracker()

    # -- the index -----------------------------------------------------------------------------
    def _index(self):
        if self._lsh is None:
            from datasketch import MinHashLSH

            # The LSH threshold sits at the version band: anything that could be a version is a candidate.
            self._lsh = MinHashLSH(threshold=self.version_threshold, num_perm=NUM_PERM)
        return self._lsh

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, key: str) -> bool:
        return key in self._signatures or key in self._matches

    @property
    def matches(self) -> dict[str, CopyMatch]:
        """Every copy or version found so far, by the key of the later article."""
        return dict(self._matches)

    def original_of(self, key: str) -> str:
        """The first-seen article whose text ``key`` reprints (``key`` itself for an original)."""
        m = self._matches.get(key)
        return m.original if m else key

    # -- adding --------------------------------------------------------------------------------
    def add(self, key: str, article: Article, *, sig: list[int] | None = None) -> CopyMatch | None:
        """Add ``article`` under ``key``; return how it copies an earlier article, or None for an original.

        Pass ``sig`` (from ``signature()``) when it is already stored, to skip re-hashing the text.
        Adding a key a second time returns its earlier answer.
        """
        if key in self._signatures or key in self._matches:
            return self._matches.get(key)
        sig = list(sig) if sig is not None else signature(article)
        mh = _from_signature(sig)
        wire = _wire_key(article.wire)
        best: tuple[float, str] | None = None
        for other in self._index().query(mh):
            sim = mh.jaccard(_from_signature(self._signatures[other]))
            # Ties go to the earlier article so the first-seen source wins.
            if best is None or sim > best[0]:
                best = (sim, other)
        self._store(key, sig, mh, wire, article.published)
        self._retire_old()
        if best is None or best[0] < self.version_threshold:
            return None
        sim, other = best
        original = self.original_of(other)
        same_wire = wire is not None and wire == self._wires.get(original)
        kind = "copy" if sim >= self.copy_threshold or same_wire else "version"
        match = CopyMatch(key=key, original=original, kind=kind, similarity=float(sim))
        self._matches[key] = match
        self._changes.touch(("m", key))
        return match

    def _store(self, key: str, sig: list[int], mh, wire: str | None, published: date | None,
               seq: int | None = None) -> None:
        self._signatures[key] = sig
        self._wires[key] = wire
        self._dates[key] = published
        self._order.append(key)
        if seq is None:
            self._seq += 1
            seq = self._seq
        self._seq = max(self._seq, seq)
        self._seqs[key] = seq
        if published is not None and (self._latest is None or published > self._latest):
            self._latest = published
        self._index().insert(key, mh)
        self._changes.touch(("a", key))

    def _retire_old(self) -> None:
        """Drop articles that left the window (or exceed ``max_active``) from the candidates.

        Articles come in roughly date order, so the oldest sit at the front of ``_order``; one out of
        order (older than the window on arrival) goes at the next sweep that reaches it.
        """
        # An article dated in the first days of year 1 has no horizon before it (date.min).
        horizon = (self._latest - timedelta(days=min(self.window_days, self._latest.toordinal() - 1))
                   if self._latest else None)
        while self._order:
            key = self._order[0]
            published = self._dates[key]
            too_many = len(self._signatures) > self.max_active
            expired = horizon is not None and published is not None and published < horizon
            if not (too_many or expired):
                break
            self._order.popleft()
            self._index().remove(key)
            for table in (self._signatures, self._wires, self._dates, self._seqs):
                table.pop(key, None)
            self._changes.drop(("a", key))

    # -- state ---------------------------------------------------------------------------------
    def to_state(self) -> dict[str, Any]:
        """Plain JSON: thresholds, signatures in insertion order, wire credits and matches."""
        return {
            **self._header(),
            "articles": [[k, self._signatures[k], self._wires[k], _iso(self._dates[k])] for k in self._order],
            "matches": [m.to_json() for m in self._matches.values()],
        }

    def _header(self) -> dict[str, Any]:
        return {"version": 2, "copy_threshold": self.copy_threshold, "version_threshold": self.version_threshold,
                "window_days": self.window_days, "max_active": self.max_active, "seq": self._seq,
                "latest": _iso(self._latest)}

    @classmethod
    def _from_header(cls, header: dict[str, Any]) -> CopyDetector:
        # The store's own values: a detector goes on with the bands and window its records were made with.
        default = CopyConfig()
        det = cls(CopyConfig(copy_threshold=header["copy_threshold"], version_threshold=header["version_threshold"],
                             window_days=header.get("window_days", default.window_days),
                             max_active=header.get("max_active", default.max_active)))
        det._latest = _date(header.get("latest"))
        return det

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> CopyDetector:
        """Rebuild a detector (and its LSH index) from ``to_state()`` output."""
        det = cls._from_header(state)
        for key, sig, wire, *published in state["articles"]:
            det._store(key, list(sig), _from_signature(sig), wire, _date(published[0]) if published else None)
        for m in state["matches"]:
            det._matches[m["key"]] = _match_of(m)
        det._seq = max(det._seq, state.get("seq", 0))
        det._changes = ChangeTracker()
        return det

    def state_changes(self) -> StateDelta:
        """The header and the records changed since the last call: ``a:<key>`` articles, ``m:<key>`` matches."""
        def record_of(item):
            family, key = item
            if family == "a":
                if key not in self._signatures:
                    return None
                return {"sig": self._signatures[key], "wire": self._wires[key], "published": _iso(self._dates[key]),
                        "seq": self._seqs[key]}
            match = self._matches.get(key)
            return match.to_json() if match else None

        delta = self._changes.delta(self._header(), record_of, key_name=lambda item: f"{item[0]}:{item[1]}")
        if isinstance(self._matches, RecordTable):
            self._matches.forget()  # a store-backed detector: the store holds them, read again when asked for
        return delta

    @classmethod
    def from_records(cls, header: dict[str, Any], records: Iterable[tuple[str, dict[str, Any]]]) -> CopyDetector:
        """Rebuild from ``state_changes()`` output accumulated in a store (header + every record)."""
        det = cls._from_header(header)
        articles = []
        for name, record in records:
            family, _, key = name.partition(":")
            if family == "a":
                articles.append((record["seq"], key, record))
            elif family == "m":
                det._matches[key] = _match_of(record)
        return det._with_articles(header, articles)

    @classmethod
    def lazy(cls, header: dict[str, Any], load, records) -> CopyDetector:
        """A detector over a store's records that holds the signatures of its window and reads matches on demand.

        ``records(family, where)`` gives the stored ``(key, record)`` pairs of one family
        (``Store.load_records``): start-up reads the ``a:`` records, the articles still in the window
        (those that leave it are dropped from the store as they leave, so these stay bounded);
        ``load(key)`` reads a ``m:`` match (who copies whom, one per copy ever found) when an article's
        original is asked for, and what was read is forgotten after each save. In all it answers it is
        ``from_records`` over the same records.
        """
        det = cls._from_header(header)
        def read(_family: str, key: str) -> CopyMatch | None:
            record = load(f"m:{key}")
            return None if record is None else _match_of(record)

        det._matches = RecordTable("m")
        det._matches.load = read
        articles = [(record["seq"], name.partition(":")[2], record) for name, record in records("a", None)]
        return det._with_articles(header, articles)

    def _with_articles(self, header: dict[str, Any], articles: list) -> CopyDetector:
        for seq, key, record in sorted(articles, key=lambda a: a[0]):
            sig = record["sig"]
            self._store(key, list(sig), _from_signature(sig), record["wire"], _date(record["published"]), seq=seq)
        self._seq = max(self._seq, header.get("seq", 0))
        self._latest = _date(header.get("latest")) or self._latest
        self._changes = ChangeTracker()
        return self


def _match_of(record: dict[str, Any]) -> CopyMatch:
    return CopyMatch(record["key"], record["original"], record["kind"], float(record["similarity"]))


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
