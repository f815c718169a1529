"""The data story clustering works on: what it reads from one article (``ArticleFeatures``: ``features_for``
from the extraction's ``story_words``, with the word weights tuned with the clusterer, or the parse-free
``features_from_text``), what it keeps per story (``StoryState``), and sparse-vector helpers.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from ..settings import StoryConfig

if TYPE_CHECKING:
    from ..model import Extraction

__all__ = ["ArticleFeatures", "StoryState", "cosine", "dot", "features_for", "features_from_text", "meta_of",
           "prune", "recalled_months", "top", "unit"]

_WEIGHT = itemgetter(1)

WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d{2,}")
# A compact English stop list for the parse-free path (the parsed path uses spaCy's is_stop).
STOP_WORDS = frozenset(["a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "said", "says", "say", "told", "one", "two", "new", "year", "years", "last", "first", "week", "day", "time", "people", "would", "could", "may", "might"])


@dataclass(slots=True)
class ArticleFeatures:
    """What story clustering looks at in one article."""

    key: str
    terms: dict[str, float]  # content word -> count
    names: dict[str, float] = field(default_factory=dict)  # normalised entity name -> count
    published: date | None = None
    title: str = ""
    outlet: str | None = None
    recalls: frozenset[str] = frozenset()  # earlier months ("YYYY-MM") its time expressions name

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "terms": self.terms, "names": self.names,
                "published": self.published.isoformat() if self.published else None,
                "title": self.title, "outlet": self.outlet, "recalls": sorted(self.recalls)}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ArticleFeatures:
        pub = date.fromisoformat(d["published"]) if d.get("published") else None
        return cls(d["key"], dict(d["terms"]), dict(d.get("names") or {}), pub, d.get("title") or "", d.get("outlet"),
                   frozenset(d.get("recalls") or ()))


_MONTH = re.compile(r"(\d{4})-(\d{2})(?:$|-)")


def recalled_months(values: Iterable[str | None], published: date | None) -> frozenset[str]:
    """The months before ``published``'s own that time values name at a month's or a day's precision
    ("in February" = 2025-02, "on June 14" = 2025-06-14): when a follow-up says its story happened. A
    year ("last year") or a week says too little to tell one story's months from another's."""
    if published is None:
        return frozenset()
    own = f"{published.year:04d}-{published.month:02d}"
    return frozenset(m.group(0)[:7] for v in values if v and (m := _MONTH.match(v)) and m.group(0)[:7] < own)


# Words by which a headline or lead tells its event as one more of its kind ("strike again", "a second data
# breach", "this time over cranes"): the earlier month it names is the other event's, not its story's.
_RECURRENCE = re.compile(r"\b(?:again|another|anew|once more|this time|yet more|(?:second|third|fourth|fifth)"
                         r"(?! (?:day|week|month|year|round|half|quarter|straight|consecutive|largest|biggest)s?\b))\b",
                         re.IGNORECASE)


def tells_a_recurrence(title: str, text: str, lead: int = 300) -> bool:
    """Whether the headline or the lead's first ``lead`` characters tell the event as a recurrence."""
    return bool(_RECURRENCE.search(title) or _RECURRENCE.search(text[:lead]))


def _name_key(text: str) -> str:
    text = text.lower().replace("’s", "").replace("'s", "")
    return " ".join(re.findall(r"\w+", text))


PERSON_MARK = "@"  # a person's name word counts twice: as a name ("jackson") and as a person ("@jackson")


def name_counts(names: Iterable[str], persons: Iterable[str] = ()) -> dict[str, float]:
    # Names count word by word, so "Wladimir Klitschko" and a later "Klitschko" meet. A person's words
    # count again under PERSON_MARK: two reports of one kind of event (an arrest, a firing) share the
    # team, the place and the charge, and tell two stories apart by who it happened to (see story_model).
    counts: Counter[str] = Counter()
    for mark, group in (("", names), (PERSON_MARK, persons)):
        for n in group:
            for w in _name_key(n).split():
                if w not in STOP_WORDS and len(w) > 1:
                    counts[mark + w] += 1
    return dict(counts)


def title_of(text: str, title: str | None) -> str:
    if title and title.strip():
        return " ".join(title.split())
    from ..ingest.headline import headline

    # No headline given: the lede's first sentence after any dateline, abbreviations and URLs read right.
    return headline(text)


def features_from_text(key: str, text: str, *, title: str | None = None, published: date | None = None,
                       outlet: str | None = None, names: Iterable[str] = (),
                       persons: Iterable[str] = ()) -> ArticleFeatures:
    """Features without a parse: lower-cased words minus stop words, plus any names given.

    Used where spaCy would cost too much (the scale benchmark) and as the fallback of ``features_for``.
    """
    terms = Counter(w.lower() for w in WORD.findall(f"{title or ''}\n{text}") if w.lower() not in STOP_WORDS)
    return ArticleFeatures(key, dict(terms), name_counts(names, persons), published, title_of(text, title), outlet)


_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"})


def features_for(extraction: Extraction, key: str | None = None, config: StoryConfig | None = None) -> ArticleFeatures:
    """Story features of one extracted article: the content lemmas its parse gave (``story_words``,
    weighted by ``config``), and its named mentions. Without ``story_words``: the text's words."""
    config = config or StoryConfig()
    art = extraction.article
    key = key if key is not None else str(art.id)
    names = [m.text for m in extraction.mentions if m.kind == "name" and m.label in _NAME_LABELS]
    persons = [m.text for m in extraction.mentions if m.kind == "name" and m.label == "PERSON"]
    words = extraction.story_words
    recalls = recalled_months((t.value for t in extraction.timexes), art.published)
    if recalls and tells_a_recurrence(title_of(art.text, art.title), art.text):
        recalls = frozenset()  # "Dockworkers strike again ..., this time over cranes": last June's was another
    if words is None:
        return replace(features_from_text(key, art.text, title=art.title, published=art.published,
                                          outlet=art.outlet, names=names, persons=persons), recalls=recalls)
    terms: Counter[str] = Counter()
    lead = config.lead_chars
    boost = {"NUM": config.number_boost, "PROPN": config.proper_boost}
    for lemma, tokens in words.items():
        total = 0
        for idx, kind in tokens:
            weight = boost.get(kind, 1)
            if kind == "ROOT_VERB" and idx < lead:
                weight = config.trigger_boost  # the lead's main verb says what happened
            # The lead (headline and first sentences) says what the story is; later text adds background.
            total += weight * (config.lead_boost if idx < lead else 1)
        terms[lemma] = total
    if art.title:
        for w in WORD.findall(art.title):
            if w.lower() not in STOP_WORDS:
                terms[w.lower()] += 1
    return ArticleFeatures(key, dict(terms), name_counts(names, persons), art.published, title_of(art.text, art.title),
                           art.outlet, recalls)


@dataclass(slots=True)
class StoryState:
    id: str
    terms: dict[str, float]  # summed unit article vectors (words), pruned to the config's max_story_terms
    names: dict[str, float]
    members: list[str]
    outlets: list[str]
    first: date | None
    last: date | None
    title: str
    title_score: float = 0.0
    recent: list = field(default_factory=list)  # (words, names) unit vectors of the latest members
    recent_keys: list[str] = field(default_factory=list)  # whose vectors ``recent`` holds, in step
    retired: bool = False  # out of the time window for good: no vectors, not indexed, joined by nothing
    norms: tuple | None = None  # cached centroid norms, keyed by the story's size
    rows: list = field(default_factory=list)  # the recent word vectors as (term ids, weights) arrays
    # ``rows`` (and, for the learned similarity, the members' names, title words and numbers) packed for one
    # vectorised pass; None: to rebuild
    packed: tuple | None = None
    # Recent member -> the earlier recent members it links to (similarity >= threshold); kept up to date
    # on join, None where not known (a rebuilt clusterer, after a copy, merge or split: rebuilt on use).
    links: dict | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "terms": self.terms, "names": self.names, "members": self.members,
                "outlets": self.outlets, "first": self.first.isoformat() if self.first else None,
                "last": self.last.isoformat() if self.last else None, "title": self.title,
                "title_score": self.title_score, "recent": [[w, n] for w, n in self.recent],
                "recent_keys": self.recent_keys, "retired": self.retired}  # (+ "recent_meta": see to_state)

    def record(self) -> dict[str, Any]:
        """The story's stored record: ``to_json`` less the members and recent vectors (kept per article)."""
        d = {"id": self.id, "outlets": list(self.outlets), "first": self.first.isoformat() if self.first else None,
             "last": self.last.isoformat() if self.last else None, "title": self.title,
             "title_score": self.title_score}
        if self.retired:
            d["retired"] = True
        else:
            d.update(terms=dict(self.terms), names=dict(self.names), recent=list(self.recent_keys))
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> StoryState:
        recent = [(dict(w), dict(n)) for w, n in d.get("recent") or []]
        members = list(d.get("members") or [])
        # States saved before ``recent_keys`` existed: the recent vectors are the latest members'.
        keys = d.get("recent_keys")
        keys = list(keys) if keys is not None else (members[-len(recent):] if recent else [])
        return cls(d["id"], dict(d.get("terms") or {}), dict(d.get("names") or {}), members,
                   list(d["outlets"]), date.fromisoformat(d["first"]) if d["first"] else None,
                   date.fromisoformat(d["last"]) if d["last"] else None, d["title"], d.get("title_score", 0.0),
                   recent, keys, bool(d.get("retired", False)))


def unit(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {k: v / norm for k, v in vec.items()} if norm else {}


def dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    get = b.get
    return sum(v * get(k, 0.0) for k, v in a.items())


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    if not dot:
        return 0.0
    nb = math.sqrt(sum(v * v for v in b.values()))
    na = math.sqrt(sum(v * v for v in a.values()))
    return dot / (na * nb) if na and nb else 0.0


def top(items: Iterable[tuple[str, float]], n: int) -> list[tuple[str, float]]:
    # The n highest-weighted items, ties in input order: heapq.nlargest's answer, sorted in C (faster here).
    return sorted(items, key=_WEIGHT, reverse=True)[:n]


def prune(vec: dict[str, float], keep: int) -> dict[str, float]:
    if len(vec) <= keep:
        return vec
    return dict(top(vec.items(), keep))


def meta_of(rec: list | None) -> tuple[date | None, str, str | None]:
    # Records saved before splits existed carry no meta: a split-off story is then titled by a key.
    if not rec:
        return None, "", None
    return (date.fromisoformat(rec[0]) if rec[0] else None), rec[1] or "", rec[2]
