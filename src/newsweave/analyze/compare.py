"""How the outlets covering one story differ: what they all report, what only one reports, whom each quotes.

Each independent article (a wire copy, ``copy_of`` set, is a reprint and not a second outlet
confirming anything) is split into sentence-level *claims*. Claims of different outlets are matched
by meaning with what is cheap and robust on news prose: TF-IDF cosine over content words, plus the
names, numbers and dates two sentences share. A matched pair whose numbers, dates or speakers differ
is a *disagreement*.

Sentences and content words come from ``newsweave.text``, shared with the timeline.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Container, Iterable
from typing import Any

from ..model import outlet_of
from ..settings import CompareConfig
from ..store.views import ArticleView, StoryView, as_story_view
from ..text import WORD, content_words, split_sentences
from ..timex3 import value_contains

DEFAULT_CONFIG = CompareConfig()

__all__ = [
    "claim_similarity",
    "compare_outlets",
    "match_claims",
    "render_comparison",
    "voice_share",
]

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15", "twenty": "20", "thirty": "30",
    "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90",
    "hundred": "100", "thousand": "1000", "dozen": "12",
}

Span = dict[str, Any]


_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}


def _numbers(text: str) -> set[str]:
    """The quantities a sentence states, as numbers: "12 million" → 12000000, "Forty" → 40."""
    tokens = [w.lower() for w in WORD.findall(text)]
    out = set()
    for i, tok in enumerate(tokens):
        if tok[0].isdigit():
            try:
                value = float(tok.replace(",", ""))
            except ValueError:
                continue
        elif tok in _NUMBER_WORDS:
            value = float(_NUMBER_WORDS[tok])
        else:
            continue
        if i + 1 < len(tokens) and tokens[i + 1] in _SCALES:
            value *= _SCALES[tokens[i + 1]]
        elif tok in _SCALES and i > 0 and (tokens[i - 1][0].isdigit() or tokens[i - 1] in _NUMBER_WORDS):
            continue  # the scale of the number before it, already counted
        out.add(f"{value:g}" if value < 1e15 else str(int(value)))
    return out


class _Claim:
    __slots__ = ("article_id", "context_dates", "dates", "names", "numbers", "outlet", "span", "speakers", "tf", "vec", "words")

    def __init__(self, outlet: str, article_id: int, span: Span):
        self.outlet, self.article_id, self.span = outlet, article_id, span
        self.words = content_words(span["text"])
        self.tf = Counter(self.words)
        self.names: set[str] = set()
        self.numbers: set[str] = set()
        self.dates: set[str] = set()
        self.context_dates: set[str] = set()  # its own dates, or those of the paragraph so far
        self.speakers: set[str] = set()
        self.vec: dict[str, float] = {}

    def to_json(self) -> dict[str, Any]:
        return {"outlet": self.outlet, "article_id": self.article_id, **self.span}


def _name_key(mention: dict[str, Any]) -> str:
    # Corpus-wide identity when the linker gave one; otherwise a person's surname (so "Yuri Ushakov"
    # and "Yury Ushakov" agree) or the lower-cased name.
    if mention.get("entity_id"):
        return str(mention["entity_id"])
    words = re.findall(r"[\w'-]+", mention["text"].lower().replace("’", "'"))
    words = [w.removesuffix("'s") for w in words if w not in ("the", "'s")]
    if not words:
        return mention["text"].lower()
    return words[-1] if mention.get("label") == "PERSON" else " ".join(words)


def claim_similarity(a: _Claim, b: _Claim, config: CompareConfig = DEFAULT_CONFIG) -> float:
    """How alike two claims are, 0..1: TF-IDF cosine, raised by the names, numbers and dates they share
    (the weights are ``config``'s)."""
    cos = sum(w * b.vec.get(t, 0.0) for t, w in a.vec.items())
    # Shared names count against the shorter list: a long sentence naming five people still
    # restates a short one about two of them.
    shared_names = len(a.names & b.names)
    fewer_names = min(len(a.names), len(b.names)) or 1
    bonus = config.name_bonus * shared_names / fewer_names
    if a.numbers & b.numbers:
        bonus += config.number_bonus
    if a.dates & b.dates:
        bonus += config.date_bonus
    score = cos + bonus * (1.0 if cos > config.bonus_from_cosine else 0.0)
    if a.context_dates and b.context_dates and not _dates_compatible(a.context_dates, b.context_dates):
        # Alike words about different days ("Thursday's conversation" vs "the talks" of an August
        # summit) are usually different happenings; a close restatement still matches, as a
        # disagreement about the date.
        score -= config.other_day_penalty
    if a.speakers and b.speakers and not (a.speakers & b.speakers):
        # Different people saying alike words are usually saying different things; only a near
        # restatement counts (and is then reported as a disagreement about who said it).
        score -= config.other_speaker_penalty
    return max(0.0, min(1.0, score))


# What the names, numbers and dates two claims share can add to their cosine (see claim_similarity);
# the bonus only counts above this cosine, and the penalties only lower a score.
# Claims are read from an article's first characters only: extraction parses no further (Settings'
# max_parse_chars), so names, dates and speakers are known only there, and a 10 MB text made the comparison
# (run by `process` for every changed story) work for minutes.
MAX_ARTICLE_CHARS = 200_000


class _Starts:
    """Items (mentions, timexes) of one article by start offset: those starting inside a sentence are
    found by bisection, not by scanning every item for every sentence."""

    def __init__(self, items: Iterable[dict[str, Any]]):
        self.items = sorted(items, key=lambda x: x["start"])
        self.starts = [x["start"] for x in self.items]

    def within(self, lo: int, hi: int) -> list[dict[str, Any]]:
        return self.items[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]


def _candidates(claims: list[_Claim], threshold: float, config: CompareConfig) -> list[list[int]]:
    """For each claim, in increasing order, the claims of other outlets that may reach ``threshold`` with it.

    Every other claim is left out only when it provably cannot: a score of ``threshold`` needs a
    cosine of ``threshold - config.max_bonus``, and at least ``min(threshold, config.bonus_from_cosine)``
    (below it the bonus does not count). Candidates are found by the all-pairs prefix filter (Bayardo et al. 2007): a
    claim's words, frequent first, whose weights times the largest weight any claim gives them add
    up to less than that cosine cannot reach it alone, so only claims sharing one of its other
    words are looked at, and only those whose cosine reaches it are kept. This makes the
    comparison near-linear in claims where comparing every pair was quadratic (a minute at 400 articles).
    """
    need = max(min(threshold, config.bonus_from_cosine), threshold - config.max_bonus)
    # Float sums of the same products in another order differ by far less than this margin.
    need -= 1e-9
    df = Counter(t for c in claims for t in c.vec)
    maxw: dict[str, float] = defaultdict(float)
    for c in claims:
        for t, w in c.vec.items():
            maxw[t] = max(maxw[t], w)
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for j, c in enumerate(claims):
        for t, w in c.vec.items():
            postings[t].append((j, w))
    out = []
    for c in claims:
        terms = sorted(c.vec, key=lambda t: (-df[t], t))
        prefix = 0.0  # the most the unindexed words can add to a cosine with this claim
        k = 0
        while k < len(terms) and prefix + c.vec[terms[k]] * maxw[terms[k]] < need:
            prefix += c.vec[terms[k]] * maxw[terms[k]]
            k += 1
        acc: dict[int, float] = defaultdict(float)
        for t in terms[k:]:
            w = c.vec[t]
            for j, wj in postings[t]:
                acc[j] += w * wj
        unindexed = [(t, c.vec[t]) for t in terms[:k]]
        keep = []
        for j, v in acc.items():
            if v + prefix < need or claims[j].outlet == c.outlet:
                continue
            # The cosine itself (the indexed words' part plus the rest) settles most candidates
            # more cheaply than scoring them.
            other = claims[j].vec
            if v + sum(w * other.get(t, 0.0) for t, w in unindexed) >= need:
                keep.append(j)
        keep.sort()
        out.append(keep)
    return out


def voice_share(quotes: Iterable[dict[str, Any]], *, skip_articles: Container[int] = ()) -> dict[str, list[dict]]:
    """Voice share, the one definition the CLI (``compare``) and the story page use: per outlet, the
    speakers its quotes give a voice to, each with ``quotes`` (how many), ``words`` (how many words they
    run to) and ``share`` (its quotes over the outlet's quotes that have a speaker), most quoted first.

    A quote without a speaker is left out; quotes in ``skip_articles`` (wire copies: the original's
    quotes, carried again) are not counted twice. ``quotes`` carry ``outlet`` and, where resolved,
    ``speaker_name``; one speaker is one linked entity whatever the words that named it.
    """
    per: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for q in quotes:
        key = _speaker_key(q)
        if key is None or q.get("article_id") in skip_articles:
            continue
        entry = per[q.get("outlet") or "unknown"].setdefault(
            key, {"speaker": q.get("speaker_name") or q.get("speaker"), "quotes": 0, "words": 0})
        entry["quotes"] += 1
        entry["words"] += sum(len(c["text"].split()) for c in q["content"])
    out: dict[str, list[dict]] = {}
    for outlet, entries in sorted(per.items()):
        total = sum(e["quotes"] for e in entries.values())
        ranked = sorted(entries.values(), key=lambda e: (-e["quotes"], -e["words"], e["speaker"] or ""))
        out[outlet] = [{**e, "share": round(e["quotes"] / total, 3)} for e in ranked]
    return out


def _speaker_key(quote: dict[str, Any]) -> str | None:
    if quote.get("speaker_entity_id"):
        return str(quote["speaker_entity_id"])
    if quote.get("speaker"):
        return _name_key({"text": quote["speaker"], "label": "PERSON"})
    return None


def _dates_compatible(a: set[str], b: set[str]) -> bool:
    return any(value_contains(x, y) or value_contains(y, x) for x in a for y in b)




def compare_outlets(story: StoryView, story_id: str | None = None, *,
                    config: CompareConfig | None = None) -> dict[str, Any]:
    """The statements of one story aligned across outlets.

    Returns ``{story_id, outlets: [{outlet, articles, claims, shared, only_here, voice}], shared_claims,
    disagreements}``; ``config`` (``settings.CompareConfig``) holds the similarity two claims need to
    count as the same claim (see :func:`claim_similarity`) and the content words a sentence needs to
    count as a claim. ``story`` is the story's view: see ``store.views.as_story_view``.
    """
    config = config or DEFAULT_CONFIG
    story = as_story_view(story, story_id)
    story_id = story.id
    originals = story.originals
    reprints = {str(k): v for k, v in story.reprints().items()}

    claims: list[_Claim] = []
    quotes: list[dict[str, Any]] = []
    articles_by_outlet: dict[str, list[int]] = defaultdict(list)
    for a in originals:
        detail = story.article(a["id"])
        outlet = outlet_of(a)
        articles_by_outlet[outlet].append(a["id"])
        quotes += [{**q, "outlet": outlet} for q in detail.attributions]
        text = detail.text
        context: set[str] = set()
        previous_end = 0
        mention_starts = _Starts(detail.mentions)
        timex_starts = _Starts(detail.timexes)
        seen: set[str] = set()
        for sent in split_sentences(text[:MAX_ARTICLE_CHARS]):
            if sent["text"] in seen:
                continue  # a paragraph printed twice in one article is one claim
            seen.add(sent["text"])
            if "\n" in text[previous_end:sent["start"]]:
                context = set()  # a new paragraph starts without the previous one's dates
            previous_end = sent["end"]
            if detail.dateline and detail.dateline[0] <= sent["start"] and sent["end"] <= detail.dateline[1]:
                continue  # "WASHINGTON, October 17. /TASS/." says where the report was filed, not a claim
            claim = _Claim(outlet, a["id"], sent)
            if len(claim.words) < config.min_words:
                continue
            lo, hi = sent["start"], sent["end"]
            in_sentence_mentions = mention_starts.within(lo, hi)
            in_sentence_timexes = timex_starts.within(lo, hi)
            claim.names = {_name_key(m) for m in in_sentence_mentions if m.get("kind", "name") == "name"}
            # Numbers are read with the dates blanked out: the 15 of "August 15" is a day, not a quantity.
            plain = list(sent["text"])
            for t in in_sentence_timexes:
                for k in range(t["start"] - sent["start"], min(t["end"], sent["end"]) - sent["start"]):
                    plain[k] = " "
            claim.numbers = _numbers("".join(plain))
            claim.dates = {t["value"] for t in in_sentence_timexes if t["type"] == "DATE" and t["anchored"]
                           and t["value"][:1].isdigit()}
            context = claim.dates or context
            claim.context_dates = set(context)
            claim.speakers = {
                k for q in detail.attributions
                if q["start"] < sent["end"] and sent["start"] < q["end"] and (k := _speaker_key(q))
            }
            claims.append(claim)

    _weigh(claims)
    # One outlet has no one to share a claim with: its claims are all its own, nothing to match.
    pairs = match_claims(claims, config.threshold, config=config) if len(articles_by_outlet) > 1 else []

    # Matched claims are grouped with union-find.
    parent = list(range(len(claims)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, _ in pairs:
        parent[find(i)] = find(j)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(claims)):
        groups[find(i)].append(i)
    sims_of_group: dict[int, list[float]] = defaultdict(list)
    for i, _, s in pairs:
        sims_of_group[find(i)].append(s)
    shared_claims = []
    shared_index: set[int] = set()
    for members in groups.values():
        outlets = sorted({claims[i].outlet for i in members})
        if len(outlets) < 2:
            continue
        shared_index.update(members)
        sims = sims_of_group.get(find(members[0]), [])
        shared_claims.append({
            "outlets": outlets,
            "similarity": round(max(sims), 3) if sims else None,
            "claims": [claims[i].to_json() for i in sorted(members, key=lambda k: (claims[k].outlet, claims[k].span["start"]))],
        })
    shared_claims.sort(key=lambda g: (-len(g["outlets"]), -(g["similarity"] or 0)))

    disagreements = []
    for i, j, s in sorted(pairs, key=lambda p: -p[2]):
        a, b = claims[i], claims[j]
        what = []
        if a.numbers and b.numbers and not (a.numbers & b.numbers):
            what.append({"about": "numbers", a.outlet: sorted(a.numbers), b.outlet: sorted(b.numbers)})
        if a.dates and b.dates and not _dates_compatible(a.dates, b.dates):
            what.append({"about": "dates", a.outlet: sorted(a.dates), b.outlet: sorted(b.dates)})
        if a.speakers and b.speakers and not (a.speakers & b.speakers):
            what.append({"about": "speakers",
                         a.outlet: sorted(_speaker_names(story.article(a.article_id), a)),
                         b.outlet: sorted(_speaker_names(story.article(b.article_id), b))})
        for w in what:
            disagreements.append({**w, "similarity": round(s, 3), "claims": [a.to_json(), b.to_json()]})

    voice = voice_share(quotes)
    claims_of_outlet: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        claims_of_outlet[c.outlet].append(i)
    outlets = []
    for outlet, ids in articles_by_outlet.items():
        mine = claims_of_outlet[outlet]
        outlets.append({
            "outlet": outlet,
            "articles": ids,
            "reprinted_by": sorted({o for i in ids for o in reprints.get(str(i), [])}),
            "claims": len(mine),
            "shared": sum(1 for i in mine if i in shared_index),
            "only_here": [claims[i].to_json() for i in mine if i not in shared_index],
            "voice": voice.get(outlet, []),
        })
    outlets.sort(key=lambda o: o["outlet"])
    return {"story_id": story_id, "title": story.title, "outlets": outlets,
            "shared_claims": shared_claims, "disagreements": disagreements}


def _weigh(claims: list[_Claim]) -> None:
    """Set each claim's unit TF-IDF vector."""
    # TF-IDF over the story's own claims: a word every outlet uses ("Putin" in a Putin story) says little.
    df = Counter(t for c in claims for t in set(c.tf))
    n = len(claims) or 1
    for c in claims:
        vec = {t: (1 + math.log(f)) * math.log((1 + n) / (1 + df[t])) + 1e-9 for t, f in c.tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        c.vec = {t: v / norm for t, v in vec.items()}


def match_claims(claims: list[_Claim], threshold: float, *, all_pairs: bool = False,
                 config: CompareConfig = DEFAULT_CONFIG) -> list[tuple[int, int, float]]:
    """The matched claim pairs ``(i, j, similarity)``, ``i < j``, of weighed claims of several outlets.

    A pair counts when each claim is the other's best match in the other's outlet (mutual best
    match), so one broad sentence cannot absorb every claim of another outlet. Only the pairs that
    can reach ``threshold`` are scored (see ``_candidates``); ``all_pairs`` scores every pair, the
    reference that gives the same answer.
    """
    best: dict[tuple[int, str], tuple[float, int]] = {}
    if all_pairs or threshold <= 0:
        candidates: list = [range(len(claims))] * len(claims)
    else:
        candidates = _candidates(claims, threshold, config)
    # The candidates of each claim come in increasing order, as when comparing every pair, so ties
    # go the same way.
    for i, a in enumerate(claims):
        for j in candidates[i]:
            b = claims[j]
            if b.outlet == a.outlet:
                continue
            s = claim_similarity(a, b, config)
            if s >= threshold and s > best.get((i, b.outlet), (0.0, -1))[0]:
                best[(i, b.outlet)] = (s, j)
    best_pairs: dict[tuple[int, int], float] = {}
    for (i, _), (s, j) in best.items():
        if best.get((j, claims[i].outlet), (0.0, -1))[1] == i:
            best_pairs[(min(i, j), max(i, j))] = s
    return [(i, j, s) for (i, j), s in best_pairs.items()]


def _speaker_names(detail: ArticleView, claim: _Claim) -> set[str]:
    return {
        q["speaker"] for q in detail.attributions
        if q["speaker"] and q["start"] < claim.span["end"] and claim.span["start"] < q["end"]
    }


def _cut(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def render_comparison(d: dict[str, Any]) -> str:
    """The comparison as plain text for a terminal."""
    lines = [f"Story {d['story_id']}" + (f": {d['title']}" if d.get("title") else ""), ""]
    for o in d["outlets"]:
        extra = f", reprinted by {', '.join(o['reprinted_by'])}" if o.get("reprinted_by") else ""
        lines.append(f"{o['outlet']} ({len(o['articles'])} article(s){extra}): {o['claims']} claims, "
                     f"{o['shared']} shared, {len(o['only_here'])} only here")
        if o["voice"]:
            lines.append("  quotes: " + "; ".join(
                f"{v['speaker']} {v['quotes']}× {v['words']} words ({v['share']:.0%})" for v in o["voice"]))
        for c in o["only_here"]:
            lines.append(f"  only here: {_cut(c['text'])}")
        lines.append("")
    if d["shared_claims"]:
        lines.append("Reported by several outlets:")
        for g in d["shared_claims"]:
            lines.append(f"  [{', '.join(g['outlets'])}]")
            for c in g["claims"]:
                lines.append(f"    {c['outlet']}: {_cut(c['text'])}")
        lines.append("")
    if d["disagreements"]:
        lines.append("Disagreements:")
        for x in d["disagreements"]:
            sides = [f"{k}: {', '.join(v)}" for k, v in x.items() if k not in ("about", "similarity", "claims")]
            lines.append(f"  {x['about']} differ — " + " vs ".join(sides))
            for c in x["claims"]:
                lines.append(f"    {c['outlet']}: {_cut(c['text'])}")
    else:
        lines.append("No disagreements found.")
    return "\n".join(lines).rstrip() + "\n"
