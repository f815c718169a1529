"""Online story clustering: put each new article into an existing story or start a new one.

An article is described by ``ArticleFeatures`` (``link/story_features.py``): weighted content words
(lemmas where a parse is at hand, numbers and years kept, since two events of one topic are often told
apart by their dates and counts), the names it mentions, its date and title. ``StoryClusterer.add`` then

1. retrieves candidate stories through an inverted index over the article's most telling words and
   names, restricted to stories active within ``settings.story_window_days`` of the article's date,
   or, for ``recall_days``, stories of a month the article's time expressions name ("the crash in
   February": a follow-up months on says when its story happened, a look-alike is news of its own);
2. scores the closest candidates (by centroid) member by member against each of a story's latest
   ``recent_members`` articles, and joins the story of the closest member if that similarity reaches the
   threshold, or starts a story. The similarity is named in the config: ``learned.v1`` (default), a
   logistic model over the word cosine, the name cosine, the titles and the numbers of the pair, fitted
   on ECB+ train (``link/story_model.py``), or ``cosine.v1``, the word cosine alone. Words are weighted
   by a softened inverse document frequency learnt online.

Every knob is in ``StoryConfig`` (``settings.stories``); a clusterer records its config in its saved
header. Each story keeps at most ``max_story_terms`` centroid terms and ``recent_members`` member
vectors, and a story whose newest article is older than the time window and ``recall_days`` (counted
back from the latest article date seen) **retires**: it leaves the index and drops its vectors, and no later article joins
it. So the cost of one ``add``, and what the clusterer holds beyond the article-to-story map, depend on
the stories of the window, not on the corpus. Articles without a date are compared with every live
story (undated stories never retire: a corpus without dates is a corpus of one time slice).

The state is kept incrementally (``state_changes`` / ``from_records``, see ``link/state.py`` and
``link/story_records.py``). ``cluster_stories`` is the batch form: it feeds articles in date order
through the same ``add``, so its answer is the one-by-one answer. History records (``created``,
``joined``, ``merged``, ``split``, ``copy``) are kept so a store can show how a story grew. A story
**splits** when its recent members no longer hang together (``link/story_splits.py``).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import numpy as np

from ..model import Extraction, Story
from ..settings import Settings, StoryConfig
from .state import ChangeTracker
from .story_features import (
    ArticleFeatures,
    StoryState,
    cosine,
    dot,
    features_for,
    features_from_text,
    prune,
    top,
    unit,
)
from .story_model import (
    COSINE_THRESHOLD,
    PairSide,
    StoryModel,
    load_model,
    pair_features,
    person_overlaps,
    side_of,
)
from .story_records import StoryRecords
from .story_splits import StorySplits

__all__ = [
    "ArticleFeatures",
    "StoryClusterer",
    "StoryConfig",
    "cluster_stories",
    "features_for",
    "features_from_text",
]

LEARNED = "newsweave.stories.learned.v1"


class StoryClusterer(StorySplits, StoryRecords):
    """Assigns articles to stories one at a time (see the module docstring for the method).

    ``settings.stories`` (a ``StoryConfig``) holds every knob. Stored incrementally as records of
    these families: ``story:<id>`` (a live story's centroid, dates, title and the keys of its recent
    members; a retired story's final record keeps no vectors), ``art:<article key>`` (``[story id,
    position in the story]``), ``vec:<article key>`` (the unit vectors of a story's recent member and
    its ``[date, title, outlet]``, which a story split off needs,
    dropped once it leaves the story's latest ``recent_members`` or the story retires), ``df:<word>``
    and ``dfn:<name>`` (document frequencies) and ``hist:<n>`` (the n-th history entry).
    """

    def __init__(self, settings: Settings | None = None, *, id_prefix: str = "s", model: StoryModel | None = None):
        """``model``: the learned similarity's weights (default: the fitted model shipped with newsweave)."""
        self.settings = settings or Settings()
        self.config = config = self.settings.stories
        self.model = (model or load_model()) if config.similarity == LEARNED else None
        default = self.model.threshold if self.model is not None else COSINE_THRESHOLD
        self.threshold = config.threshold if config.threshold is not None else default
        self.entity_weight = config.entity_weight
        self.merge_threshold = config.merge_threshold
        self.id_prefix = id_prefix
        self._df: Counter[str] = Counter()  # document frequency of words and ("\x00" + name)
        self._n_docs = 0
        self._stories: dict[str, StoryState] = {}
        self._assigned: dict[str, str] = {}
        self._pos: dict[str, int] = {}  # article key -> its position in its story's members
        self._next = 1
        self.history: list[dict[str, Any]] = []
        self._history_base = 0  # history entries before those in ``history`` (a store-backed clusterer skips them)
        self._reader = None  # a store's record reader (see ``lazy``): what was read may be forgotten after a save
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
        self._sides: dict[str, PairSide] = {}  # the learned similarity's view of those articles
        self._name_rows: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # their names as (term ids, weights)
        self._side_rows_of: dict[str, tuple] = {}  # their title words and numbers, likewise

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
    def _story_record(st: StoryState) -> Story:
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
        words, names = self.observe(features)
        side = self._side(key, words, features.title) if self.model is not None else None
        best_id, best_sims = None, None
        candidates = self._candidates(words, names, features.published, features.recalls)
        if len(candidates) > self.config.shortlist:
            # Member-by-member comparison is the costly part: only the stories whose centroids are
            # closest get it, so one add costs the same however large the stories grow.
            candidates = heapq.nlargest(self.config.shortlist, candidates, key=lambda sid: self._centroid_sim(
                words, names, self._stories[sid]))
        row = self._load(words)
        best_sim = 0.0
        try:
            for sid in candidates:
                sims = self._member_sims(key, names, side, self._stories[sid], features.published)
                sim = float(sims.max()) if len(sims) else 0.0
                if sim > best_sim:
                    best_id, best_sim, best_sims = sid, sim, sims
        finally:
            self._buf[row[0]] = 0.0
        if best_id is None or best_sim < self.threshold:
            return self._create(key, features, words, names, row)
        best = self._stories[best_id]
        if best.links is not None:
            # The members it links to: what a later split reads.
            best.links[key] = {k for k, ok in zip(best.recent_keys, (best_sims >= self.threshold).tolist(),
                                                  strict=True) if ok}
        if self._join(best_id, key, features, words, names, best_sim, row):
            self._split_apart(best_id, key)
        return self._merge_similar(best_id, features.published)

    def observe(self, features: ArticleFeatures) -> tuple[dict[str, float], dict[str, float]]:
        """Take a new article into the clock and the document frequencies; return its weighted unit vectors
        (words, names), as the similarity compares them. ``add`` calls it; a model fit calls it alone."""
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

    def attach(self, key: str, original: str, features: ArticleFeatures) -> str:
        """Put a copy of article ``original`` into the original's story, whatever its words score.

        A copy of an article whose story has retired (a reprint weeks later) still joins that story,
        as a member only: the retired story stays out of the index and keeps no vectors.
        """
        if key in self._assigned:
            return self._assigned[key]
        sid = self._assigned[original]
        words, names = self.observe(features)
        self._join(sid, key, features, words, names, 1.0)
        self._stories[sid].links = None  # a copy's links were not scored
        self.history[-1]["action"] = "copy"
        self.history[-1]["original"] = original
        return sid

    # -- scoring -------------------------------------------------------------------------------------
    def _idf(self, term: str) -> float:
        return (math.log((1 + self._n_docs) / (1 + self._df.get(term, 0))) + 1.0) ** self.config.idf_power

    def _vectors(self, f: ArticleFeatures) -> tuple[dict[str, float], dict[str, float]]:
        words = unit({t: (1 + math.log(c)) * self._idf(t) for t, c in f.terms.items() if c > 0})
        names = unit({n: (1 + math.log(c)) * self._idf("\x00" + n) for n, c in f.names.items() if c > 0})
        return words, names

    def _side(self, key: str, words: dict[str, float], title: str) -> PairSide:
        # A pure function of the article's own words and title: cached while its vectors are kept.
        side = self._sides.get(key)
        if side is None:
            side = self._sides[key] = side_of(words, title)
        return side

    def _forget(self, key: str) -> None:
        """Drop what is kept of an article whose vectors left its story's recent members."""
        self._meta.pop(key, None)
        self._sides.pop(key, None)
        self._name_rows.pop(key, None)
        self._side_rows_of.pop(key, None)

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
        self._fit_buffer()
        self._buf[row[0]] = row[1]
        return row

    def _fit_buffer(self) -> None:
        # Grown with its contents: an article's words stay loaded while its names are loaded beside them.
        if len(self._buf) <= len(self._ids):
            grown = np.zeros(2 * len(self._ids) + 1024)
            grown[:len(self._buf)] = self._buf
            self._buf = grown

    def _sums(self, pack: tuple[np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
        # Each member's row times what the buffer holds at its term ids, summed member by member.
        ids, vals, starts = pack
        return np.add.reduceat(vals * self._buf[ids], starts)

    def _side_rows(self, key: str, side: PairSide) -> tuple:
        """The article's title words and numbers as rows of ones (term ids "\x01"+word, "\x02"+number)."""
        rows = self._side_rows_of.get(key)
        if rows is None:
            rows = self._side_rows_of[key] = (self._row(dict.fromkeys(("\x01" + w for w in side.title), 1.0)),
                                              self._row(dict.fromkeys(("\x02" + n for n in side.numbers), 1.0)))
            self._fit_buffer()
        return rows

    def _name_row(self, key: str, names: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
        # Names take term ids of their own ("\x00" + name: no word starts so), cached while the vectors are kept.
        row = self._name_rows.get(key)
        if row is None:
            row = self._name_rows[key] = self._row({"\x00" + n: v for n, v in names.items()})
        return row

    def _member_sims(self, key: str, names: dict[str, float], side: PairSide | None, st: StoryState,
                     when: date | None = None) -> np.ndarray:
        """The loaded article's similarity to each of ``st``'s recent members (the article ``key``'s words
        must be in the buffer: ``_load``); ``when`` is its date, which the learned similarity reads."""
        if not st.rows:
            return np.zeros(0)
        if st.packed is None and self.model is None:
            st.packed = (_pack(st.rows),)
        elif st.packed is None:
            keys = st.recent_keys
            names_rows = [self._name_row(k, n) for k, (_, n) in zip(keys, st.recent, strict=True)]
            sides = [self._side(k, w, self._meta.get(k, (None, "", None))[1])
                     for k, (w, _) in zip(keys, st.recent, strict=True)]
            title_rows, number_rows = zip(*(self._side_rows(k, side) for k, side in zip(keys, sides, strict=True)))
            st.packed = (_pack(st.rows), _pack(names_rows), _pack(title_rows), _pack(number_rows),
                         np.array([len(side.title) for side in sides], dtype=float),
                         np.array([bool(n) for _, n in st.recent]), np.array([bool(side.numbers) for side in sides]))
            self._fit_buffer()
        sims = self._sums(st.packed[0])
        if self.model is not None:
            _, names_pack, titles_pack, numbers_pack, title_sizes, named, numbered = st.packed
            # Names, title words and numbers are loaded beside the words (term ids of their own) and
            # summed over the members the same way: the name cosines and the shared title words and numbers.
            title_row, number_row = self._side_rows(key, side)
            loaded = [self._load({"\x00" + n: v for n, v in names.items()}), title_row, number_row]
            for r in loaded[1:]:
                self._buf[r[0]] = r[1]
            try:
                name_sims = self._sums(names_pack) if names else np.zeros(len(sims))
                title_shared, numbers_shared = self._sums(titles_pack), self._sums(numbers_pack)
            finally:
                for r in loaded:
                    self._buf[r[0]] = 0.0
            return self._near_in_time(self.model.probability(pair_features(
                sims, name_sims, named & bool(names), title_shared, title_sizes + len(side.title),
                numbers_shared, numbered & bool(side.numbers), *person_overlaps(names, [n for _, n in st.recent]))),
                when, st.recent_keys)
        if names and self.entity_weight:
            name_sims = np.array([dot(names, n) if n else 0.0 for _, n in st.recent])
            has = np.array([bool(n) for _, n in st.recent])
            sims = np.where(has, (1 - self.entity_weight) * sims + self.entity_weight * name_sims, sims)
        return sims

    def _near_in_time(self, probs: np.ndarray, when: date | None, keys: list[str]) -> np.ndarray:
        """``probs`` with the odds of members published within ``near_days`` of ``when`` multiplied by
        ``near_odds``, of those more than ``far_days`` away by ``far_odds`` (see ``StoryConfig``): a function
        of the pair's two dates, so a link scored at a join and one a split scores again agree."""
        days, odds = self.config.near_days, self.config.near_odds
        far, far_odds = self.config.far_days, self.config.far_odds
        if (not days or odds == 1) and (not far or far_odds == 1) or when is None:
            return probs
        gaps = np.array([abs((when - d).days) if (d := self._meta.get(k, (None,))[0]) is not None else -1
                         for k in keys])
        scale = np.ones(len(keys))
        if days and odds != 1:
            scale[(gaps >= 0) & (gaps <= days)] = odds
        if far and far_odds != 1:
            scale[gaps > far] = far_odds
        if (scale == 1).all():
            return probs
        p = np.clip(probs, 1e-12, 1 - 1e-12)
        shifted = scale * p / (1 - p)
        return shifted / (1 + shifted)

    def _centroid_sim(self, words, names, st: StoryState) -> float:
        # The centroid's norm is kept up to date on join, so this is one pass over the article's words.
        key = (len(st.members), id(st.terms))
        if st.norms is None or st.norms[0] != key:
            st.norms = (key, math.sqrt(sum(v * v for v in st.terms.values())) or 1.0,
                        math.sqrt(sum(v * v for v in st.names.values())) or 1.0)
        text_sim = dot(words, st.terms) / st.norms[1]
        if not names or not st.names or not self.entity_weight:
            return text_sim
        return (1 - self.entity_weight) * text_sim + self.entity_weight * dot(names, st.names) / st.norms[2]

    def _candidates(self, words: dict[str, float], names: dict[str, float], when: date | None,
                    recalls: frozenset[str] = frozenset()) -> list[str]:
        n = self.config.query_terms
        query = top(words.items(), n)
        query += top((("\x00" + k, v) for k, v in names.items()), n // 2)
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
                    and (when - st.last > window and not _recalled(recalls, st) or st.first - when > window)):
                continue
            out.append(sid)
            if len(out) >= self.config.max_candidates:
                break
        return out
    # -- bookkeeping ---------------------------------------------------------------------------------
    def _create(self, key: str, f: ArticleFeatures, words, names, row=None) -> str:
        sid = f"{self.id_prefix}{self._next}"
        self._next += 1
        st = StoryState(sid, dict(words), dict(names), [key], [f.outlet] if f.outlet else [],
                         f.published, f.published, f.title or key)
        st.title_score = cosine(words, st.terms)
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
            st.terms = prune(st.terms, self.config.max_story_terms)
            st.names = prune(st.names, self.config.max_story_terms // 3)
            st.recent = (st.recent + [(words, names)])[-self.config.recent_members:]
            st.rows = (st.rows + [row if row is not None else self._row(words)])[-self.config.recent_members:]
            st.packed = None
            keys = st.recent_keys + [key]
            for gone in keys[:-self.config.recent_members]:
                touch(("vec", gone))  # out of the recent members: its record is dropped
                self._forget(gone)
                dropped = True
            st.recent_keys = keys[-self.config.recent_members:]
            touch(("vec", key))
            self._meta[key] = (f.published, f.title, f.outlet)
        st.members.append(key)
        if f.outlet and f.outlet not in st.outlets:
            st.outlets.append(f.outlet)
        if f.published:
            st.first = min(st.first, f.published) if st.first else f.published
            st.last = max(st.last, f.published) if st.last else f.published
        # The story is titled by its most central article seen so far.
        central = cosine(words, st.terms)
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
        self._changes.touch(("hist", self._history_base + len(self.history) - 1))

    def _reindex(self, st: StoryState) -> None:
        # A story is findable by its strongest words and names only: keeps postings short.
        strong = {t for t, _ in top(st.terms.items(), self.config.query_terms * 3)}
        strong |= {"\x00" + n for n, _ in top(st.names.items(), self.config.query_terms)}
        old = self._indexed_terms.get(st.id, set())
        for t in old - strong:
            self._postings[t].discard(st.id)
            if not self._postings[t]:
                del self._postings[t]
        for t in strong - old:
            self._postings[t].add(st.id)
        self._indexed_terms[st.id] = strong
        if st.last is not None:
            heapq.heappush(self._expiry, (st.last, st.id))

    def _unindex(self, sid: str) -> None:
        for t in self._indexed_terms.pop(sid, set()):
            self._postings[t].discard(sid)
            if not self._postings[t]:
                del self._postings[t]

    def _advance_clock(self, when: date | None) -> None:
        """Retire the stories whose last article is older than the window and the reach of a recall
        (``recall_days``), measured from the latest date.

        A retired story leaves the index and drops its vectors: no later article can join it, so what
        one ``add`` costs and what the clusterer holds per story depend on the stories of the window,
        not on the corpus.
        """
        if when is None:
            return
        if self._latest is None or when > self._latest:
            self._latest = when
        # min(): an article dated in the first days of year 1 has no horizon before it (date.min)
        reach = max(self.settings.story_window_days, self.config.recall_days)
        horizon = self._latest - timedelta(days=min(reach, self._latest.toordinal() - 1))
        while self._expiry and self._expiry[0][0] < horizon:
            last, sid = heapq.heappop(self._expiry)
            # Only what is held: every live story is, and a store-backed clusterer need not read back a
            # retired (or merged) one to find its stale heap entry stale.
            st = dict.get(self._stories, sid)
            if st is None or st.retired or st.last is None or st.last > last:
                continue  # a stale heap entry: the story has grown, merged or retired since
            self._retire(st)

    def _retire(self, st: StoryState) -> None:
        self._unindex(st.id)
        for k in st.recent_keys:
            self._changes.drop(("vec", k))
            self._forget(k)
        st.terms, st.names, st.recent, st.recent_keys, st.norms = {}, {}, [], [], None
        st.rows, st.packed, st.links = [], None, None
        st.retired = True
        self._changes.touch(("story", st.id))


def _recalled(recalls: frozenset[str], st: StoryState) -> bool:
    """Whether an article names a month of the story's (which the window no longer reaches on its own);
    months written "YYYY-MM" sort as they fall."""
    first, last = f"{st.first:%Y-%m}", f"{st.last:%Y-%m}"
    return any(first <= month <= last for month in recalls)


def _pack(rows: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    # Rows concatenated, with where each starts: one vectorised pass sums every member (np.add.reduceat).
    starts = np.cumsum([0] + [len(r[0]) for r in rows[:-1]])
    return np.concatenate([r[0] for r in rows]), np.concatenate([r[1] for r in rows]), starts


def cluster_stories(extractions: Iterable[Extraction] | Iterable[ArticleFeatures],
                    settings: Settings | None = None, model: StoryModel | None = None) -> dict[str, str]:
    """Story id of every article, feeding them in date order (undated ones last, in input order).

    Accepts ``Extraction``s (keyed by ``article.id``, else by input position) or ready ``ArticleFeatures``.
    The clusterer's knobs are ``settings.stories``; ``model`` stands in for the shipped learned model.
    """
    feats = []
    for i, item in enumerate(extractions):
        if isinstance(item, ArticleFeatures):
            feats.append(item)
        else:
            key = str(item.article.id) if item.article.id is not None else str(i)
            feats.append(features_for(item, key, (settings or Settings()).stories))
    order = sorted(range(len(feats)), key=lambda i: (feats[i].published is None, feats[i].published or date.min, i))
    sc = StoryClusterer(settings, model=model)
    for i in order:
        sc.add(feats[i].key, feats[i])
    # Read at the end: a later article can split (or merge) the story an earlier one joined.
    return {feats[i].key: sc.story_of(feats[i].key) for i in order}
