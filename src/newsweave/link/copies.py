"""Near-duplicates and wire copies: which articles reprint or re-edit an earlier one.

A reprint of an agency report (AFP's text in three papers) is one source, not three confirmations, so
every later copy points at the first-seen article of its text. Two bands of word-shingle similarity:

* ``copy``    — the same report, reprinted (Jaccard >= ``copy_threshold``, or the same wire credit and
                at least ``version_threshold``);
* ``version`` — an edited re-publication: a trimmed, updated or re-headlined text
                (``version_threshold`` <= Jaccard < ``copy_threshold``).

Candidates come from MinHash LSH (datasketch), so adding an article costs the same however many are
stored. The state is the per-article signature plus who copies whom; ``to_state()`` is plain JSON and
``from_state()`` rebuilds the LSH index from it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError
from ..model import Article

__all__ = ["CopyDetector", "CopyMatch", "shingles", "signature"]

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
    for sh in shingles(text):
        mh.update(sh.encode("utf-8"))
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

    def __init__(self, *, copy_threshold: float = 0.8, version_threshold: float = 0.5):
        if not 0.0 < version_threshold <= copy_threshold <= 1.0:
            raise ConfigError(
                "need 0 < version_threshold <= copy_threshold <= 1, got "
                f"version_threshold={version_threshold}, copy_threshold={copy_threshold}")
        self.copy_threshold = copy_threshold
        self.version_threshold = version_threshold
        self._signatures: dict[str, list[int]] = {}
        self._wires: dict[str, str | None] = {}
        self._matches: dict[str, CopyMatch] = {}
        self._lsh = None

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
        return key in self._signatures

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
        if key in self._signatures:
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
        self._store(key, sig, mh, wire)
        if best is None or best[0] < self.version_threshold:
            return None
        sim, other = best
        original = self.original_of(other)
        same_wire = wire is not None and wire == self._wires.get(original)
        kind = "copy" if sim >= self.copy_threshold or same_wire else "version"
        match = CopyMatch(key=key, original=original, kind=kind, similarity=float(sim))
        self._matches[key] = match
        return match

    def _store(self, key: str, sig: list[int], mh, wire: str | None) -> None:
        self._signatures[key] = sig
        self._wires[key] = wire
        self._index().insert(key, mh)

    # -- state ---------------------------------------------------------------------------------
    def to_state(self) -> dict[str, Any]:
        """Plain JSON: thresholds, signatures in insertion order, wire credits and matches."""
        return {
            "version": 1,
            "copy_threshold": self.copy_threshold,
            "version_threshold": self.version_threshold,
            "articles": [[k, self._signatures[k], self._wires[k]] for k in self._signatures],
            "matches": [m.to_json() for m in self._matches.values()],
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> CopyDetector:
        """Rebuild a detector (and its LSH index) from ``to_state()`` output."""
        det = cls(copy_threshold=state["copy_threshold"], version_threshold=state["version_threshold"])
        for key, sig, wire in state["articles"]:
            det._store(key, list(sig), _from_signature(sig), wire)
        for m in state["matches"]:
            det._matches[m["key"]] = CopyMatch(m["key"], m["original"], m["kind"], float(m["similarity"]))
        return det
