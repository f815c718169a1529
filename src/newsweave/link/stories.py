"""Online story clustering: put each new article into an existing story or start a new one.

An article is described by ``ArticleFeatures``: weighted content words (lemmas where a parse is at hand,
numbers and years kept, since two events of one topic are often told apart by their dates and counts),
the names it mentions, its date and title. ``StoryClusterer.add`` then

1. retrieves candidate stories through an inverted index over the article's most telling words and
   names, restricted to stories active within ``settings.story_window_days`` of the article's date;
2. scores the closest candidates (by centroid) member by member — cosine similarity of the article to
   each of a story's latest ``RECENT_MEMBERS`` articles, words weighted by a softened inverse document
   frequency learnt online — and joins the best story above ``threshold``, or starts a story.

Each story keeps at most ``MAX_STORY_TERMS`` centroid terms and ``RECENT_MEMBERS`` member vectors, and a
story whose newest article is older than the time window (counted back from the latest article date
seen) **retires**: it leaves the index and drops its vectors, and no later article joins it. So the
cost of one ``add``, and what the clusterer holds beyond the article-to-story map, depend on the stories
of the window, not on the corpus. Articles without a date are compared with every live story (undated
stories never retire: a corpus without dates is a corpus of one time slice).

The state is kept incrementally (``state_changes`` / ``from_records``, see ``link/state.py`` and the
record families in ``StoryClusterer``'s docstring); ``to_state`` / ``from_state`` give it whole.

``cluster_stories`` is the batch form: it feeds articles in date order through the same ``add``, so its
answer is the one-by-one answer. History records (``created``, ``joined``, ``merged``, ``split``, ``copy``)
are kept so a store can show how a story grew. A story **splits** when its recent members no longer hang
together: once the article that linked two groups leaves the recent ones, the group without the newest
article becomes a story of its own (``_split_apart``).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import numpy as np

from ..errors import ConfigError
from ..model import Extraction, Story
from ..settings import Settings
from .state import ChangeTracker, StateDelta
from .story_features import (
    _STOP,
    _WORD,
    ArticleFeatures,
    _cosine,
    _dot,
    _meta_of,
    _name_counts,
    _prune,
    _StoryState,
    _title_of,
    _top,
    _unit,
    features_from_text,
)

__all__ = [
    "DEFAULT_ENTITY_WEIGHT",
    "DEFAULT_THRESHOLD",
    "ArticleFeatures",
    "StoryClusterer",
    "cluster_stories",
    "features_for",
    "features_from_text",
]

# Tuned on ECB+ train (benchmarks/cluster_eval.py --tune: the setting whose F1, averaged with its two
# neighbouring thresholds, is highest, so that a sharp lucky peak is not chosen); see
# benchmarks/results/linking.md. PROPER_BOOST and LEAD_BOOST below come from the same search; the
# threshold was chosen again with IDF_POWER (--tune-idf, same plateau rule).
DEFAULT_THRESHOLD = 0.29
DEFAULT_ENTITY_WEIGHT = 0.0
DEFAULT_MERGE_THRESHOLD = 1.0  # story-to-story centroid similarity at which two stories merge (1: never)
# Inverse document frequency is softened (raised to this power): it is learnt online from the articles
# seen so far, so early on it is noisy, and the word weights below already favour names, numbers and
# the lead. Chosen on ECB+ train with the threshold (benchmarks/cluster_eval.py --tune-idf).
IDF_POWER = 0.6
MAX_STORY_TERMS = 300  # centroid terms kept per story: bounds the cost of one comparison
QUERY_TERMS = 12  # the article's highest-weighted words and names used to find candidate stories
MAX_CANDIDATES = 20
RECENT_MEMBERS = 30  # members compared one by one (the latest ones: a story's present state)
# A story whose recent members fall apart into groups with no link (similarity >= threshold) between
# them splits: each group of at least this many members without the newest article becomes a story.
MIN_SPLIT = 2
SHORTLIST = 5  # candidate stories compared member by member, chosen by centroid similarity
# Proper nouns and numbers count this many times a common word: two events of one topic share its
# vocabulary but differ in who, where and how many.
PROPER_BOOST = 3
NUMBER_BOOST = 3  # years and counts ("23 pirates", "2011") tell two events of one topic apart
TRIGGER_BOOST = 1  # the main verbs of the lead sentences
LINKAGE = "max"  # "max", "topk" (mean of the TOP_K closest members), "average" or "centroid"
TOP_K = 2
BLEND = 0.5  # weight of the closest member in "blend" (the rest: the centroid)
LEAD_CHARS = 300
LEAD_BOOST = 2

_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"})


def features_for(extraction: Extraction, key: str | None = None) -> ArticleFeatures:
    """Story features of one extracted article: content lemmas of its parse, and its named mentions."""
    art = extraction.article
    key = key if key is not None else str(art.id)
    names = [m.text for m in extraction.mentions if m.kind == "name" and m.label in _NAME_LABELS]
    doc = extraction.doc
    if doc is None:
        return features_from_text(key, art.text, title=art.title, published=art.published,
                                  outlet=art.outlet, names=names)
    terms: Counter[str] = Counter()
    for tok in doc:
        if tok.is_stop or tok.is_punct or tok.is_space or tok.pos_ not in _CONTENT_POS:
            continue
        if tok.like_url or tok.like_email:
            continue
        lemma = (tok.lemma_ or tok.text).lower().strip()
        # Numbers are kept only when they can tell events apart: years and multi-digit counts.
        if tok.pos_ == "NUM" and not (lemma.isdigit() and len(lemma) >= 2):
            continue
        if len(lemma) < 2:
            continue
        weight = NUMBER_BOOST if tok.pos_ == "NUM" else PROPER_BOOST if tok.pos_ == "PROPN" else 1
        if tok.pos_ == "VERB" and tok.dep_ == "ROOT" and tok.idx < LEAD_CHARS:
            weight = TRIGGER_BOOST  # the lead's main verb says what happened
        # The lead (headline and first sentences) says what the story is; later text adds background.
        terms[lemma] += weight * (LEAD_BOOST if tok.idx < LEAD_CHARS else 1)
    if art.title:
        for w in _WORD.findall(art.title):
            if w.lower() not in _STOP:
                terms[w.lower()] += 1
    return ArticleFeatures(key, dict(terms), _name_counts(names), art.published, _title_of(art.text, art.title),
                           art.outlet)


def _record_key(key: tuple[str, Any]) -> str:
    # Names share the df counter with words under a NUL prefix; stored keys get their own family
    # instead, so that no stored key holds a control character.
    family, name = key
    if family == "df" and name.startswith("\x00"):
        return f"dfn:{name[1:]}"
    return f"{family}:{name}"


class StoryClusterer:
    """Assigns articles to stories one at a time (see the module docstring for the method).

    Stored incrementally (``state_changes`` / ``from_records``, see ``link/state.py``) as records of
    these families: ``story:<id>`` (a live story's centroid, dates, title and the keys of its recent
    members; a retired story's final record keeps no vectors), ``art:<article key>`` (``[story id,
    position in the story]``), ``vec:<article key>`` (the unit vectors of a story's recent member and
    its ``[date, title, outlet]``, which a story split off needs,
    dropped once it leaves the story's latest ``RECENT_MEMBERS`` or the story retires), ``df:<word>``
    and ``dfn:<name>`` (document frequencies) and ``hist:<n>`` (the n-th history entry).
    """

    def __init__(self, settings: Settings | None = None, *, threshold: float = DEFAULT_THRESHOLD,
                 entity_weight: float = DEFAULT_ENTITY_WEIGHT, merge_threshold: float = DEFAULT_MERGE_THRESHOLD,
                 id_prefix: str = "s"):
        if not 0.0 <= threshold <= 1.0:
            raise ConfigError(f"threshold must be between 0 and 1, got {threshold}")
        if not 0.0 <= entity_weight <= 1.0:
            raise ConfigError(f"entity_weight must be between 0 and 1, got {entity_weight}")
        self.settings = settings or Settings()
        self.threshold = threshold
        self.entity_weight = entity_weight
        self.merge_threshold = merge_threshold
        self.id_prefix = id_prefix
        self._df: Counter[str] = Counter()  # document frequency of words and ("\x00" + name)
        self._n_docs = 0
        self._stories: dict[str, _StoryState] = {}
        self._assigned: dict[str, str] = {}
        self._pos: dict[str, int] = {}  # article key -> its position in its story's members
        self._next = 1
        self.history: list[dict[str, Any]] = []
        # Inverted index over the live stories (those still inside the time window).
        self._postings: dict[str, set[str]] = defaultdict(set)
        self._indexed_terms: dict[str, set[str]] = {}
        self._expiry: list[tuple[date, str]] = []  # (last date, story id) heap
        self._latest: date | None = None
        self._changes = ChangeTracker()  # keys: (family, name); see the class docstring
        self._ids: dict[str, int] = {}  # term -> id in the vectorised member comparison
        self._buf = np.zeros(1024)  # the current article's word weights by term id (zero elsewhere)
        # (date, title, outlet) of the articles whose vectors are kept: what a story split off needs.
        self._meta: dict[str, tuple[date | None, str, str | None]] = {}

    # -- public ------------------------------------------------------------------------------------
    @property
    def assignments(self) -> dict[str, str]:
        """Story id of every article added, by key."""
        return dict(self._assigned)

    def story_of(self, key: str) -> str | None:
        return self._assigned.get(key)

    def stories(self) -> list[Story]:
        """Every story as a ``Story`` record (``article_ids`` holds int-like keys only; see ``members``)."""
        return [self._story_record(st) for st in self._stories.values()]

    def story(self, story_id: str) -> Story | None:
        """One story as a ``Story`` record (``None`` for an unknown id); costs that story, not the corpus."""
        st = self._stories.get(story_id)
        return self._story_record(st) if st is not None else None

    @staticmethod
    def _story_record(st: _StoryState) -> Story:
        ids = [int(k) for k in st.members if str(k).isdigit()]
        return Story(id=st.id, title=st.title, article_ids=ids, outlets=list(st.outlets), first=st.first,
                     last=st.last)

    def members(self, story_id: str) -> list[str]:
        """Keys of the articles in one story, in the order they were added."""
        return list(self._stories[story_id].members)

    def live_stories(self) -> int:
        """How many stories can still be joined (not retired by the time window)."""
        return len(self._indexed_terms)

    def add(self, key: str, features: ArticleFeatures) -> str:
        """Put the article into a story and return that story's id (the same id again for a known key)."""
        if key in self._assigned:
            return self._assigned[key]
        words, names = self._count(features)
        best_id, best_sim = None, 0.0
        candidates = self._candidates(words, names, features.published)
        if LINKAGE != "centroid" and len(candidates) > SHORTLIST:
            # Member-by-member comparison is the costly part: only the stories whose centroids are
            # closest get it, so one add costs the same however large the stories grow.
            candidates = heapq.nlargest(SHORTLIST, candidates, key=lambda sid: self._centroid_sim(
                words, names, self._stories[sid]))
        row = self._load(words)
        near: set[str] = set()
        try:
            for sid in candidates:
                st = self._stories[sid]
                sim = self._similarity(words, names, st)
                if sim > best_sim:
                    best_id, best_sim = sid, sim
            best = self._stories[best_id] if best_id is not None and best_sim >= self.threshold else None
            if best is not None and best.links is not None and best.recent:
                near = self._member_sims(names, best) >= self.threshold  # the members it links to
                near = {k for k, ok in zip(best.recent_keys, near.tolist(), strict=True) if ok}
        finally:
            self._buf[row[0]] = 0.0
        if best is not None:
            if best.links is not None:
                best.links[key] = near
            if self._join(best_id, key, features, words, names, best_sim, row):
                self._split_apart(best_id, key)
            return self._merge_similar(best_id, features.published)
        return self._create(key, features, words, names, row)

    def _count(self, features: ArticleFeatures) -> tuple[dict[str, float], dict[str, float]]:
        """Take a new article into the clock and the document frequencies; return its weighted vectors."""
        self._advance_clock(features.published)
        self._n_docs += 1
        touch = self._changes.touch
        for t in features.terms:
            self._df[t] += 1
            touch(("df", t))
        for n in features.names:
            self._df["\x00" + n] += 1
            touch(("df", "\x00" + n))
        return self._vectors(features)

    def _merge_similar(self, sid: str, when: date | None) -> str:
        """Fold into ``sid`` any story its grown centroid now matches: two early halves of one story."""
        if self.merge_threshold >= 1.0:
            return sid
        st = self._stories[sid]
        for other in self._candidates(_unit(st.terms), _unit(st.names), when):
            if other == sid or other not in self._stories:
                continue
            o = self._stories[other]
            sim = self._pair(st.terms, st.names, o.terms, o.names)
            if sim >= self.merge_threshold:
                keep, gone = (sid, other) if len(st.members) >= len(o.members) else (other, sid)
                self.merge(keep, gone, reason=f"similarity {sim:.3f}")
                sid, st = keep, self._stories[keep]
        return sid

    def attach(self, key: str, original: str, features: ArticleFeatures) -> str:
        """Put a copy of article ``original`` into the original's story, whatever its words score.

        A copy of an article whose story has retired (a reprint weeks later) still joins that story,
        as a member only: the retired story stays out of the index and keeps no vectors.
        """
        if key in self._assigned:
            return self._assigned[key]
        sid = self._assigned[original]
        words, names = self._count(features)
        self._join(sid, key, features, words, names, 1.0)
        self._stories[sid].links = None  # a copy's links were not scored
        self.history[-1]["action"] = "copy"
        self.history[-1]["original"] = original
        return sid

    # -- scoring -------------------------------------------------------------------------------------
    def _idf(self, term: str) -> float:
        return (math.log((1 + self._n_docs) / (1 + self._df.get(term, 0))) + 1.0) ** IDF_POWER

    def _vectors(self, f: ArticleFeatures) -> tuple[dict[str, float], dict[str, float]]:
        words = _unit({t: (1 + math.log(c)) * self._idf(t) for t, c in f.terms.items() if c > 0})
        names = _unit({n: (1 + math.log(c)) * self._idf("\x00" + n) for n, c in f.names.items() if c > 0})
        return words, names

    def _similarity(self, words: dict[str, float], names: dict[str, float], st: _StoryState) -> float:
        """The article's similarity to a story (the article's words must be loaded: ``_load``)."""
        if LINKAGE == "centroid" or not st.recent:
            return self._centroid_sim(words, names, st)
        sims = self._member_sims(names, st)
        if LINKAGE == "average":
            return float(sims.mean())
        if LINKAGE == "max":
            return float(sims.max())
        if LINKAGE == "blend":
            # The closest member, checked against the story as a whole.
            return BLEND * float(sims.max()) + (1 - BLEND) * self._centroid_sim(words, names, st)
        # "topk": mean of the closest few members: one look-alike member alone does not pull an article in.
        top = heapq.nlargest(TOP_K, sims.tolist())
        return sum(top) / len(top)

    # The member-by-member comparison is vectorised: every term has an integer id, the article's word
    # weights sit in a dense buffer indexed by id (``_load``), and each recent member is an array of
    # term ids with their weights, sorted by term so that the sums come out bit for bit the same in a
    # clusterer rebuilt from its records (whose ids are numbered in another order).
    def _term_id(self, term: str) -> int:
        i = self._ids.get(term)
        if i is None:
            i = self._ids[term] = len(self._ids) + 1  # id 0 stays unused: the weight of an empty row
        return i

    def _row(self, words: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
        if not words:
            return np.zeros(1, np.int64), np.zeros(1)
        terms = sorted(words)
        get = self._ids.get
        ids = [get(t) or self._term_id(t) for t in terms]
        return np.array(ids, np.int64), np.array([words[t] for t in terms], np.float64)

    def _load(self, words: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
        """Put the article's word weights in the buffer; returns its row (clear with ``_buf[row[0]] = 0``)."""
        row = self._row(words)
        if len(self._buf) <= len(self._ids):
            self._buf = np.zeros(2 * len(self._ids) + 1024)
        self._buf[row[0]] = row[1]
        return row

    def _member_sims(self, names: dict[str, float], st: _StoryState) -> np.ndarray:
        if st.packed is None:
            starts = np.cumsum([0] + [len(r[0]) for r in st.rows[:-1]])
            st.packed = (np.concatenate([r[0] for r in st.rows]), np.concatenate([r[1] for r in st.rows]), starts)
        ids, vals, starts = st.packed
        sims = np.add.reduceat(vals * self._buf[ids], starts)
        if names and self.entity_weight:
            name_sims = np.array([_dot(names, n) if n else 0.0 for _, n in st.recent])
            has = np.array([bool(n) for _, n in st.recent])
            sims = np.where(has, (1 - self.entity_weight) * sims + self.entity_weight * name_sims, sims)
        return sims

    def _centroid_sim(self, words, names, st: _StoryState) -> float:
        # The centroid's norm is kept up to date on join, so this is one pass over the article's words.
        key = (len(st.members), id(st.terms))
        if st.norms is None or st.norms[0] != key:
            st.norms = (key, math.sqrt(sum(v * v for v in st.terms.values())) or 1.0,
                        math.sqrt(sum(v * v for v in st.names.values())) or 1.0)
        text_sim = _dot(words, st.terms) / st.norms[1]
        if not names or not st.names or not self.entity_weight:
            return text_sim
        return (1 - self.entity_weight) * text_sim + self.entity_weight * _dot(names, st.names) / st.norms[2]

    def _pair(self, words, names, w2, n2) -> float:
        text_sim = _cosine(words, w2)
        if not names or not n2:
            return text_sim
        return (1 - self.entity_weight) * text_sim + self.entity_weight * _cosine(names, n2)

    def _candidates(self, words: dict[str, float], names: dict[str, float], when: date | None) -> list[str]:
        query = _top(words.items(), QUERY_TERMS)
        query += _top((("\x00" + k, v) for k, v in names.items()), QUERY_TERMS // 2)
        votes: Counter[str] = Counter()
        for term, weight in query:
            for sid in self._postings.get(term, ()):
                votes[sid] += weight
        out = []
        window = timedelta(days=self.settings.story_window_days)
        # Ties in the vote go by story id, not by set order, so a clusterer rebuilt from its records
        # picks the same candidates as the live one.
        for sid, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
            st = self._stories[sid]
            if (when is not None and st.last is not None and st.first is not None
                    and (when - st.last > window or st.first - when > window)):
                continue
            out.append(sid)
            if len(out) >= MAX_CANDIDATES:
                break
        return out

    # -- bookkeeping ---------------------------------------------------------------------------------
    def _create(self, key: str, f: ArticleFeatures, words, names, row=None) -> str:
        sid = f"{self.id_prefix}{self._next}"
        self._next += 1
        st = _StoryState(sid, dict(words), dict(names), [key], [f.outlet] if f.outlet else [],
                         f.published, f.published, f.title or key)
        st.title_score = _cosine(words, st.terms)
        st.recent = [(words, names)]
        st.recent_keys = [key]
        st.rows = [row if row is not None else self._row(words)]
        st.links = {key: set()}
        self._stories[sid] = st
        self._assigned[key] = sid
        self._pos[key] = 0
        self._meta[key] = (f.published, f.title, f.outlet)
        self._reindex(st)
        self._changes.touch_all((("story", sid), ("art", key), ("vec", key)))
        self._log({"action": "created", "story": sid, "article": key})
        return sid

    def _join(self, sid: str, key: str, f: ArticleFeatures, words, names, sim: float, row=None) -> bool:
        """Add the article to story ``sid``; True when an older member's vector left the recent ones."""
        st = self._stories[sid]
        dropped = False
        touch = self._changes.touch
        if not st.retired:
            for t, v in words.items():
                st.terms[t] = st.terms.get(t, 0.0) + v
            for n, v in names.items():
                st.names[n] = st.names.get(n, 0.0) + v
            st.terms = _prune(st.terms, MAX_STORY_TERMS)
            st.names = _prune(st.names, MAX_STORY_TERMS // 3)
            st.recent = (st.recent + [(words, names)])[-RECENT_MEMBERS:]
            st.rows = (st.rows + [row if row is not None else self._row(words)])[-RECENT_MEMBERS:]
            st.packed = None
            keys = st.recent_keys + [key]
            for gone in keys[:-RECENT_MEMBERS]:
                touch(("vec", gone))  # out of the recent members: its record is dropped
                self._meta.pop(gone, None)
                dropped = True
            st.recent_keys = keys[-RECENT_MEMBERS:]
            touch(("vec", key))
            self._meta[key] = (f.published, f.title, f.outlet)
        st.members.append(key)
        if f.outlet and f.outlet not in st.outlets:
            st.outlets.append(f.outlet)
        if f.published:
            st.first = min(st.first, f.published) if st.first else f.published
            st.last = max(st.last, f.published) if st.last else f.published
        # The story is titled by its most central article seen so far.
        central = _cosine(words, st.terms)
        if f.title and central > st.title_score:
            st.title, st.title_score = f.title, central
        self._assigned[key] = sid
        self._pos[key] = len(st.members) - 1
        if not st.retired:
            self._reindex(st)
        touch(("story", sid))
        touch(("art", key))
        self._log({"action": "joined", "story": sid, "article": key, "similarity": round(sim, 4)})
        return dropped

    def _log(self, entry: dict[str, Any]) -> None:
        self.history.append(entry)
        self._changes.touch(("hist", len(self.history) - 1))

    def _reindex(self, st: _StoryState) -> None:
        # A story is findable by its strongest words and names only: keeps postings short.
        top = {t for t, _ in _top(st.terms.items(), QUERY_TERMS * 3)}
        top |= {"\x00" + n for n, _ in _top(st.names.items(), QUERY_TERMS)}
        old = self._indexed_terms.get(st.id, set())
        for t in old - top:
            self._postings[t].discard(st.id)
            if not self._postings[t]:
                del self._postings[t]
        for t in top - old:
            self._postings[t].add(st.id)
        self._indexed_terms[st.id] = top
        if st.last is not None:
            heapq.heappush(self._expiry, (st.last, st.id))

    def _unindex(self, sid: str) -> None:
        for t in self._indexed_terms.pop(sid, set()):
            self._postings[t].discard(sid)
            if not self._postings[t]:
                del self._postings[t]

    def _advance_clock(self, when: date | None) -> None:
        """Retire the stories whose last article is older than the window (measured from the latest date).

        A retired story leaves the index and drops its vectors: no later article can join it, so what
        one ``add`` costs and what the clusterer holds per story depend on the stories of the window,
        not on the corpus.
        """
        if when is None:
            return
        if self._latest is None or when > self._latest:
            self._latest = when
        # min(): an article dated in the first days of year 1 has no horizon before it (date.min)
        horizon = self._latest - timedelta(days=min(self.settings.story_window_days, self._latest.toordinal() - 1))
        while self._expiry and self._expiry[0][0] < horizon:
            last, sid = heapq.heappop(self._expiry)
            st = self._stories.get(sid)
            if st is None or st.retired or st.last is None or st.last > last:
                continue  # a stale heap entry: the story has grown, merged or retired since
            self._retire(st)

    def _retire(self, st: _StoryState) -> None:
        self._unindex(st.id)
        for k in st.recent_keys:
            self._changes.drop(("vec", k))
            self._meta.pop(k, None)
        st.terms, st.names, st.recent, st.recent_keys, st.norms = {}, {}, [], [], None
        st.rows, st.packed, st.links = [], None, None
        st.retired = True
        self._changes.touch(("story", st.id))

    def merge(self, keep: str, other: str, reason: str = "manual") -> None:
        """Fold story ``other`` into ``keep`` (an editor's decision, or a later re-clustering)."""
        a, b = self._stories[keep], self._stories.pop(other)
        touch = self._changes.touch
        for t, v in b.terms.items():
            a.terms[t] = a.terms.get(t, 0.0) + v
        for n, v in b.names.items():
            a.names[n] = a.names.get(n, 0.0) + v
        a.terms = _prune(a.terms, MAX_STORY_TERMS)
        a.names = _prune(a.names, MAX_STORY_TERMS // 3)
        a.recent = (a.recent + b.recent)[-RECENT_MEMBERS:]
        a.rows, a.packed, a.links = (a.rows + b.rows)[-RECENT_MEMBERS:], None, None
        keys = a.recent_keys + b.recent_keys
        a.recent_keys = keys[-RECENT_MEMBERS:]
        for k in keys[:-RECENT_MEMBERS]:
            self._meta.pop(k, None)
        for k in keys:
            touch(("vec", k))  # kept ones are re-put under their new story, the rest dropped
        for k in b.members:
            self._assigned[k] = keep
            self._pos[k] = len(a.members)
            a.members.append(k)
            touch(("art", k))
        a.outlets += [o for o in b.outlets if o not in a.outlets]
        dates = [d for d in (a.first, a.last, b.first, b.last) if d]
        a.first, a.last = (min(dates), max(dates)) if dates else (None, None)
        self._unindex(other)
        touch(("story", other))
        touch(("story", keep))
        if a.retired:
            # Folded into a retired story: it stays retired, so the other's vectors go too.
            for k in a.recent_keys:
                self._changes.drop(("vec", k))
                self._meta.pop(k, None)
            a.terms, a.names, a.recent, a.recent_keys, a.norms = {}, {}, [], [], None
            a.rows = []
        else:
            self._reindex(a)
        self._log({"action": "merged", "story": keep, "from": other, "reason": reason})

    # -- splits ------------------------------------------------------------------------------------
    def _split_apart(self, sid: str, newest: str) -> None:
        """Split off the groups of ``sid``'s recent members that no longer link to the newest article's.

        Members link when their similarity reaches the join threshold (the test ``add`` applies). A new
        article always links to a member, so the links can only come apart when an older member's
        vector leaves the recent ones — the article that bridged two groups, say. Each other group of
        at least ``MIN_SPLIT`` members becomes a story; lone members and those without vectors stay.
        """
        st = self._stories[sid]
        if len(st.recent_keys) < 2 * MIN_SPLIT:
            return
        groups = self._linked_groups(st)
        at = st.recent_keys.index(newest)
        parts = [[st.recent_keys[i] for i in g] for g in groups if at not in g and len(g) >= MIN_SPLIT]
        for keys in parts:
            self._split(sid, keys)

    def _linked_groups(self, st: _StoryState) -> list[list[int]]:
        """Connected groups (positions in ``st.recent``) of the graph of member links."""
        n = len(st.recent)
        parent = list(range(n))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        keys = st.recent_keys
        if st.links is None:
            # Scored as ``add`` scores a newer article against the older members (the same vectorised
            # sums), so links known since the join and links rebuilt here are the same.
            st.links = {}
            for j, (words, names) in enumerate(st.recent):
                row = self._load(words)
                try:
                    sims = self._member_sims(names, st)[:j]
                finally:
                    self._buf[row[0]] = 0.0
                st.links[keys[j]] = {keys[i] for i in np.nonzero(sims >= self.threshold)[0].tolist()}
        else:
            live = set(keys)
            for k in [k for k in st.links if k not in live]:
                del st.links[k]  # left the recent members: its links go with it
        at = {k: i for i, k in enumerate(keys)}
        for j, k in enumerate(keys):
            for other in st.links.get(k, ()):
                i = at.get(other)
                if i is None:
                    continue
                a, b = find(i), find(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        groups: dict[int, list[int]] = defaultdict(list)
        for i in range(n):
            groups[find(i)].append(i)
        return list(groups.values())

    def _split(self, sid: str, moved: list[str]) -> str:
        """Move the recent members ``moved`` of story ``sid`` into a new story; returns its id."""
        old, out = self._stories[sid], set(moved)
        new_id = f"{self.id_prefix}{self._next}"
        self._next += 1
        touch = self._changes.touch
        pairs = [(k, v, r) for k, v, r in zip(old.recent_keys, old.recent, old.rows, strict=True) if k in out]
        old_pairs = [(k, v, r) for k, v, r in zip(old.recent_keys, old.recent, old.rows, strict=True) if k not in out]
        old.recent_keys = [k for k, _, _ in old_pairs]
        old.recent, old.rows = [v for _, v, _ in old_pairs], [r for _, _, r in old_pairs]
        old.packed, old.norms, old.links = None, None, None
        terms: dict[str, float] = {}
        names: dict[str, float] = {}
        for _, (w, n), _ in pairs:
            for vec, total, centroid in ((w, terms, old.terms), (n, names, old.names)):
                for t, v in vec.items():
                    total[t] = total.get(t, 0.0) + v
                    if t in centroid:  # the centroid is pruned: only what it still holds is taken out
                        centroid[t] -= v
        old.terms = {t: v for t, v in old.terms.items() if v > 1e-9}
        old.names = {t: v for t, v in old.names.items() if v > 1e-9}
        metas = [self._meta.get(k, (None, "", None)) for k, _, _ in pairs]
        dates = [m[0] for m in metas if m[0] is not None]
        outlets = list(dict.fromkeys(m[2] for m in metas if m[2]))
        new = _StoryState(new_id, _prune(terms, MAX_STORY_TERMS), _prune(names, MAX_STORY_TERMS // 3),
                          [k for k in old.members if k in out], outlets, min(dates, default=None),
                          max(dates, default=None), moved[0], recent=[v for _, v, _ in pairs],
                          recent_keys=[k for k, _, _ in pairs], rows=[r for _, _, r in pairs])
        self._retitle(new)
        if old.title in {m[1] for m in metas}:
            old.title_score = 0.0
            self._retitle(old)
        old.members = [k for k in old.members if k not in out]
        self._stories[new_id] = new
        for story in (old, new):
            for i, k in enumerate(story.members):
                if self._pos.get(k) != i or self._assigned.get(k) != story.id:
                    self._pos[k], self._assigned[k] = i, story.id
                    touch(("art", k))
            self._reindex(story)
            touch(("story", story.id))
        self._log({"action": "split", "story": new_id, "from": sid, "articles": list(new.members)})
        return new_id

    def _retitle(self, st: _StoryState) -> None:
        # The most central recent member with a known title, as ``_join`` titles a growing story.
        for k, (words, _) in zip(st.recent_keys, st.recent, strict=True):
            title = self._meta.get(k, (None, "", None))[1]
            central = _cosine(words, st.terms)
            if title and central > st.title_score:
                st.title, st.title_score = title, central

    def _meta_json(self, key: str) -> list:
        when, title, outlet = self._meta.get(key, (None, "", None))
        return [when.isoformat() if when else None, title, outlet]

    # -- state -------------------------------------------------------------------------------------
    def _header(self) -> dict[str, Any]:
        return {
            "version": 2, "threshold": self.threshold, "entity_weight": self.entity_weight,
            "merge_threshold": self.merge_threshold,
            "id_prefix": self.id_prefix, "window_days": self.settings.story_window_days,
            "n_docs": self._n_docs, "next": self._next, "history": len(self.history),
            "latest": self._latest.isoformat() if self._latest else None,
        }

    def to_state(self) -> dict[str, Any]:
        """Plain JSON of everything ``add`` depends on (the whole state; see ``state_changes``)."""
        state = self._header()
        state.update({
            "df": dict(self._df),
            "stories": [{**st.to_json(), "recent_meta": [self._meta_json(k) for k in st.recent_keys]}
                        for st in self._stories.values()],
            "assigned": dict(self._assigned), "history": self.history,
        })
        return state

    def state_changes(self) -> StateDelta:
        """The header and the records put or dropped since the last call (see ``link/state.py``).

        Records are fresh JSON-ready values (not live objects), one per touched key: a batch costs
        the stories, articles and words it touched, not the corpus.
        """
        return self._changes.delta(self._header(), self._record_of, _record_key)

    def _record_of(self, key: tuple[str, Any]) -> Any:
        family, name = key
        if family == "df":
            return self._df.get(name)
        if family == "art":
            sid = self._assigned.get(name)
            return None if sid is None else [sid, self._pos[name]]
        if family == "story":
            st = self._stories.get(name)
            return None if st is None else st.record()
        if family == "vec":
            sid = self._assigned.get(name)
            st = self._stories.get(sid) if sid is not None else None
            if st is None or name not in st.recent_keys:
                return None
            w, n = st.recent[st.recent_keys.index(name)]
            return [dict(w), dict(n), self._meta_json(name)]
        if family == "hist":
            return dict(self.history[name]) if name < len(self.history) else None
        raise ValueError(f"unknown record family {family!r}")

    @classmethod
    def from_records(cls, header: dict[str, Any], records: Iterable[tuple[str, Any]],
                     settings: Settings | None = None) -> StoryClusterer:
        """Rebuild from ``state_changes`` headers and records (the latest of each key, in any order)."""
        settings = settings or Settings(story_window_days=header.get("window_days", 7))
        sc = cls(settings, threshold=header["threshold"], entity_weight=header["entity_weight"],
                 merge_threshold=header.get("merge_threshold", DEFAULT_MERGE_THRESHOLD),
                 id_prefix=header.get("id_prefix", "s"))
        sc._n_docs = header["n_docs"]
        sc._next = header["next"]
        sc._latest = date.fromisoformat(header["latest"]) if header.get("latest") else None
        stories, arts, vecs, hist = {}, {}, {}, {}
        for key, rec in records:
            family, _, name = key.partition(":")
            if family == "df":
                sc._df[name] = rec
            elif family == "dfn":
                sc._df["\x00" + name] = rec
            elif family == "art":
                arts[name] = rec
            elif family == "story":
                stories[name] = rec
            elif family == "vec":
                vecs[name] = rec
            elif family == "hist":
                hist[int(name)] = rec
            else:
                raise ValueError(f"unknown story record {key!r}: was it saved by a newer newsweave?")
        sc.history = [hist[i] for i in range(len(hist))]
        by_story: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for k, (sid, pos) in arts.items():
            by_story[sid].append((pos, k))
            sc._assigned[k] = sid
            sc._pos[k] = pos
        # Stories in the order they were made, as the live clusterer holds them.
        for sid in sorted(stories, key=lambda s: (len(s), s)):
            d = stories[sid]
            keys = list(d.get("recent") or [])
            st = _StoryState(sid, dict(d.get("terms") or {}), dict(d.get("names") or {}),
                             [k for _, k in sorted(by_story.get(sid, []))], list(d["outlets"]),
                             date.fromisoformat(d["first"]) if d["first"] else None,
                             date.fromisoformat(d["last"]) if d["last"] else None, d["title"],
                             d.get("title_score", 0.0), [(dict(vecs[k][0]), dict(vecs[k][1])) for k in keys],
                             keys, bool(d.get("retired", False)))
            sc._stories[sid] = st
            st.rows = [sc._row(w) for w, _ in st.recent]
            for k in keys:
                sc._meta[k] = _meta_of(vecs[k][2] if len(vecs[k]) > 2 else None)
            if not st.retired:
                sc._reindex(st)
        return sc

    @classmethod
    def from_state(cls, state: dict[str, Any], settings: Settings | None = None) -> StoryClusterer:
        """Rebuild a clusterer from ``to_state()`` output (the index is rebuilt from the stories).

        Everything it holds counts as not yet reported: its first ``state_changes()`` puts every record,
        which is how a store moves from a whole saved state to records.
        """
        settings = settings or Settings(story_window_days=state.get("window_days", 7))
        sc = cls(settings, threshold=state["threshold"], entity_weight=state["entity_weight"],
                 merge_threshold=state.get("merge_threshold", DEFAULT_MERGE_THRESHOLD),
                 id_prefix=state.get("id_prefix", "s"))
        sc._df = Counter(state["df"])
        sc._n_docs = state["n_docs"]
        sc._next = state["next"]
        sc._assigned = dict(state["assigned"])
        sc.history = list(state["history"])
        sc._latest = date.fromisoformat(state["latest"]) if state.get("latest") else None
        touch = sc._changes.touch
        for d in state["stories"]:
            st = _StoryState.from_json(d)
            st.rows = [sc._row(w) for w, _ in st.recent]
            metas = d.get("recent_meta") or [None] * len(st.recent_keys)
            sc._meta.update((k, _meta_of(m)) for k, m in zip(st.recent_keys, metas, strict=False))
            sc._stories[st.id] = st
            for i, k in enumerate(st.members):
                sc._pos[k] = i
                touch(("art", k))
            for k in st.recent_keys:
                touch(("vec", k))
            touch(("story", st.id))
            if not st.retired:
                sc._reindex(st)
        touch_all = sc._changes.touch_all
        touch_all(("df", t) for t in sc._df)
        touch_all(("hist", i) for i in range(len(sc.history)))
        sc._advance_clock(sc._latest)
        return sc


def cluster_stories(extractions: Iterable[Extraction] | Iterable[ArticleFeatures],
                    settings: Settings | None = None, **options) -> dict[str, str]:
    """Story id of every article, feeding them in date order (undated ones last, in input order).

    Accepts ``Extraction``s (keyed by ``article.id``, else by input position) or ready ``ArticleFeatures``.
    Options are passed to ``StoryClusterer`` (``threshold``, ``entity_weight``).
    """
    feats = []
    for i, item in enumerate(extractions):
        if isinstance(item, ArticleFeatures):
            feats.append(item)
        else:
            key = str(item.article.id) if item.article.id is not None else str(i)
            feats.append(features_for(item, key))
    order = sorted(range(len(feats)), key=lambda i: (feats[i].published is None, feats[i].published or date.min, i))
    sc = StoryClusterer(settings, **options)
    for i in order:
        sc.add(feats[i].key, feats[i])
    # Read at the end: a later article can split (or merge) the story an earlier one joined.
    return {feats[i].key: sc.story_of(feats[i].key) for i in order}
