"""Plain-text rules the read side shares: sentences, and the content words two passages are compared on.

The outlet comparison and the timeline both cut an article into sentences and compare sentences by
their content words; this module is the one place those two rules live.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import Any

__all__ = ["BARE_DATELINE", "WORD", "content_words", "dateline_length", "dateline_place", "sentence_at", "split_sentences",
           "without_dateline"]

# Words that end in a full stop without ending a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "sen", "rep", "gov", "pres",
    "st", "sr", "jr", "rev", "hon", "no", "vs", "etc", "inc", "ltd", "co", "corp", "dept", "univ", "approx",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed",
    "thu", "fri", "sat", "sun", "e.g", "i.e", "u.s", "u.k", "u.n", "a.m", "p.m",
}
# A sentence end: terminal punctuation, any closing quotes/brackets, white space, then something
# that can open a sentence (a capital, a digit, an opening quote or bracket).
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[\"“A-Z])")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,]\d+)*")
_STOPWORDS = {
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did",
    "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have",
    "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is",
    "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off",
    "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should",
    "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these",
    "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what",
    "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours",
    "yourself", "yourselves", "said", "says", "say", "told", "tell", "according", "added", "adding", "saying",
    "may", "might", "must", "shall", "like", "well", "us", "one", "per"
}

Span = dict[str, Any]  # {start, end, text}: offsets into the article text


# A dateline: capitals for the place, then an optional region and date, then a dash or colon
# ("WASHINGTON — ", "BERLIN, Germany: "). BARE_DATELINE is that alone (a headline's reader, which reads
# agency credits with its own parser); a sentence shown on its own also loses an agency before the dash
# ("PORT ELSIN, March 3 (CPA) - ") and keeps a dateline that no capital or quote follows.
_PLACE_AND_DATE = r"\A[A-Z][A-Z'.\- ]{1,40}(?:,\s*[A-Z][A-Za-z.\- ]{1,30})?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
_DASH = r"\s*(?:—|–|--?|:)\s+"
BARE_DATELINE = re.compile(_PLACE_AND_DATE + _DASH)
_DATELINE = re.compile(_PLACE_AND_DATE + r"(?:\s*\(\s*[A-Z][\w.\- ]{1,20}\))?" + _DASH + r"(?=[\"“A-Z])")


# The place of an opening dateline, capitals first ("ABUJA, Nigeria", "BOGOTÁ", "SANDAKAN, Sabah"), before
# an optional date and agency ("LAGOS, March 4 (Reuters) -", "DHAKA (The Daily Star) —").
_CAPS = "A-ZÀ-ÖØ-Þ"
_DATELINE_PLACE = re.compile(
    rf"\A\s*(?P<place>[{_CAPS}][{_CAPS}'.\- ]{{1,40}}(?:,\s*[{_CAPS}][^\W\d_]*(?:[ .\-]+[^\W\d_]+){{0,3}})?)"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?(?:\s*\(\s*[^()\n]{1,40}\))?" + _DASH)


def dateline_place(text: str) -> str | None:
    """The place of the dateline ``text`` opens with, as written ("ABUJA, Nigeria (NAN) — The ..." ->
    "ABUJA, Nigeria"), or None where it opens with none: where the reporter files from."""
    match = _DATELINE_PLACE.match(text)
    if match is None:
        return None
    place = match["place"].strip(" ,")
    return place if sum(c.isalpha() for c in place.split(",")[0]) >= 3 else None


def dateline_length(text: str) -> int:
    """How many characters the dateline ``text`` opens with takes, dash included ("KARACHI, Pakistan — "
    -> 20); 0 where it opens with none."""
    match = _DATELINE_PLACE.match(text)
    return match.end() if match is not None and dateline_place(text) is not None else 0


def without_dateline(sentence: str) -> str:
    """A sentence without the dateline it opens with, for showing it as a line of its own (a timeline
    row): "PORT ELSIN, March 3 (CPA) - The leaders will meet" -> "The leaders will meet"."""
    match = _DATELINE.match(sentence)
    return sentence[match.end():] if match else sentence


def split_sentences(text: str) -> list[Span]:
    """The sentences of ``text`` as ``{start, end, text}`` spans (offsets into ``text``, white space trimmed).

    Splits at paragraph breaks and at ``.!?`` (after closing quotes) followed by a capital, a digit
    or an opening quote — except after common abbreviations and single initials ("U.S.", "Mr.", "J.").
    """
    cuts = {0, len(text)}
    for m in _PARAGRAPH.finditer(text):
        cuts.add(m.start())
    for m in _BOUNDARY.finditer(text):
        before = text[max(0, m.start() - 12) : m.start()]
        last = re.search(r"([A-Za-z.]+)$", before)
        if text[m.start()] == "." and last:
            word = last.group(1).lower().strip(".")
            if word in _ABBREVIATIONS or (len(word) == 1 and last.group(1)[-1:].isupper()):
                continue
        cuts.add(m.end())
    out = []
    points = sorted(cuts)
    for a, b in itertools.pairwise(points):
        piece = text[a:b]
        stripped = piece.strip()
        if not stripped:
            continue
        start = a + (len(piece) - len(piece.lstrip()))
        out.append({"start": start, "end": start + len(stripped), "text": stripped})
    return out


def sentence_at(sentences: list[Span], start: int, end: int | None = None) -> Span | None:
    """The sentence containing offset ``start`` (or, failing that, the first one overlapping ``start..end``)."""
    end = start if end is None else end
    for s in sentences:
        if s["start"] <= start < s["end"]:
            return s
    for s in sentences:
        if s["start"] < max(end, start + 1) and start < s["end"]:
            return s
    return None


# Irregular past forms common in news prose, so that "met" and "meeting" share the stem "meet".
_IRREGULAR = {
    "met": "meet", "held": "hold", "took": "take", "taken": "take", "spent": "spend", "made": "make",
    "gave": "give", "given": "give", "went": "go", "gone": "go", "came": "come", "began": "begin",
    "begun": "begin", "left": "leave", "sent": "send", "won": "win", "lost": "lose", "struck": "strike",
    "fought": "fight", "brought": "bring", "bought": "buy", "sold": "sell", "paid": "pay", "kept": "keep",
    "led": "lead", "rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall", "killed": "kill",
    "wrote": "write", "written": "write", "spoke": "speak", "spoken": "speak", "chose": "choose",
    "thought": "think", "knew": "know", "known": "know", "saw": "see", "seen": "see", "hit": "hit",
    "shot": "shoot", "signed": "sign", "agreed": "agree", "previously": "previous",
}


def _stem(word: str) -> str:
    # A light stem so that "meeting"/"meetings", "talk"/"talks" match; aggressive stemming would
    # merge words a reader keeps apart.
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for suffix in ("ings", "ing", "ies", "es", "s", "ed", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def content_words(text: str) -> list[str]:
    """Lower-cased, lightly stemmed content words of ``text`` (stop words dropped)."""
    return list(_content_words(text))


@lru_cache(maxsize=16384)
def _content_words(text: str) -> tuple[str, ...]:
    # Cached: a story page's timeline and comparison split the same sentences and quotes again.
    words = []
    for w in WORD.findall(text):
        lw = w.lower().replace("’", "'")
        lw = lw.removesuffix("'s")
        if lw in _STOPWORDS or len(lw) < 2:
            continue
        words.append(_stem(lw))
    return tuple(words)
