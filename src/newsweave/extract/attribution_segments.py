"""Boundaries no attribution span crosses: paragraph breaks and the ends of run-in subheadings.

A wire report sometimes runs a subheading into the paragraph under it with no punctuation between
("Putin cautions Trump against selling Tomahawks to Ukraine Putin's top aide Yuri Ushakov told
reporters that ..."); the parser then reads one sentence, and the rules would read the heading into
a quotation. Every source and syntax-made content piece is cut to the segment that holds its cue.
"""

from __future__ import annotations

import bisect
import re

from .attribution_spans import trim_chars

__all__ = ["keep_within_segments", "segments", "subheading_end"]


# A run-in subheading: a headline clause in the present tense at the start of a paragraph, run
# into the paragraph's first sentence with no punctuation between ("Putin cautions Trump against
# selling Tomahawks to Ukraine Putin's top aide Yuri Ushakov told reporters that ...").
_HEADLINE_MAX_WORDS = 14
_NOMINAL = {"PROPN", "NOUN", "ADJ", "DET", "PART", "NUM"}


def subheading_end(sent, text: str) -> int | None:
    """The character offset where a run-in subheading at the start of ``sent`` ends, or None.

    The headline has a present-tense verb among its first words and no punctuation; the body
    starts at the earliest capitalised word after it from which only a noun phrase leads to a
    past-tense verb, and the headline must not end on a word that needs an object ("to", "the").
    """
    if sent.start_char > 0 and text[sent.start_char - 1] != "\n":
        return None
    toks = [t for t in sent if not t.is_space]
    verb = next((k for k, t in enumerate(toks[:4]) if t.tag_ in {"VBZ", "VBP"} and t.pos_ == "VERB"), None)
    if verb is None:
        return None
    past = next((k for k, t in enumerate(toks) if k > verb + 2 and t.tag_ == "VBD"), None)
    if past is None or past > _HEADLINE_MAX_WORDS + 8:
        return None
    if any(t.is_punct and t.text not in {"-", "'s", "’s"} for t in toks[:past]):
        return None
    for k in range(verb + 2, past):
        t, prev = toks[k], toks[k - 1]
        if k > _HEADLINE_MAX_WORDS:
            break
        if not t.text[:1].isupper() or prev.pos_ not in {"PROPN", "NOUN", "NUM"}:
            continue
        if all(x.pos_ in _NOMINAL for x in toks[k:past]):
            return t.idx
    return None


def segments(doc, text: str) -> list[int]:
    """Character offsets no span crosses: paragraph breaks and the ends of run-in subheadings (cached)."""
    cached = doc.user_data.get("newsweave.segments")
    if cached is not None:
        return cached
    cuts = [m.start() for m in re.finditer(r"\n", text)]
    for sent in doc.sents:
        end = subheading_end(sent, text)
        if end is not None:
            cuts.append(end)
    doc.user_data["newsweave.segments"] = cuts = sorted(set(cuts))
    return cuts


def _segment_of(cuts: list[int], char: int) -> tuple[int, int]:
    k = bisect.bisect_right(cuts, char)
    return (cuts[k - 1] if k else 0), (cuts[k] if k < len(cuts) else 1 << 60)


def keep_within_segments(doc, text: str, found: list) -> None:
    """Cut every source and syntax-made content piece to the segment (paragraph, or the part of one
    on either side of a run-in subheading) that holds the cue, or the nearest part of it.

    A quotation's own span stays whole: quote pairing already closes quotations at paragraph ends.
    """
    cuts = segments(doc, text)
    if not cuts:
        return

    def cut(span: tuple[int, int], anchor: int) -> tuple[int, int] | None:
        s, e = span
        inner = [c for c in cuts if s < c < e]
        if not inner:
            return span
        if text[s] in "“\"'‘" and "\n" not in text[s:e]:
            inner = [c for c in inner if text[c] != "\n"]
            if not inner:
                return span
        parts = list(zip([s] + inner, inner + [e]))
        lo, hi = _segment_of(cuts, anchor)
        best = min(parts, key=lambda p: 0 if lo <= p[0] and p[1] <= hi else min(abs(anchor - p[0]), abs(anchor - p[1])))
        best = trim_chars(text, *best)
        return best if best[1] > best[0] and re.search(r"\w", text[best[0]:best[1]]) else None

    for f in found:
        anchor = f.cue[0]
        content = [cut(p, anchor) for p in f.content]
        f.content = [p for p in content if p is not None] or f.content
        if f.source is not None:
            lo, hi = _segment_of(cuts, anchor)
            source = cut(f.source, anchor)
            if source is None or not (lo <= source[0] and source[1] <= hi):
                # a subject phrase wholly in another paragraph is a parse gone wrong ("The Latest on
                # the vote (all times local): 7 p.m. [new paragraph] Mayor Ana Ruiz says ...")
                f.source, f.source_tok = _source_after_cut(doc, text, cuts, f) or (None, None)
            else:
                f.source = source
        elif f.source_tok is None and 0 < f.cue_tok < len(doc):
            f.source, f.source_tok = _source_after_cut(doc, text, cuts, f) or (None, None)


def _source_after_cut(doc, text: str, cuts: list[int], f):
    """The noun phrase from the start of the cue's segment to the cue ("... Ukraine | Putin's top aide
    Yuri Ushakov told"), where the parser found no subject there."""
    cue = doc[f.cue_tok]
    lo, _ = _segment_of(cuts, cue.idx)
    if lo == 0:
        return None
    toks = [t for t in doc[max(0, cue.i - 12):cue.i] if t.idx >= lo and not t.is_space]
    if not toks or any(t.pos_ not in _NOMINAL for t in toks) \
            or toks[0].i > 0 and not (doc[toks[0].i - 1].is_space or doc[toks[0].i - 1].idx < lo):
        return None
    return trim_chars(text, toks[0].idx, toks[-1].idx + len(toks[-1].text)), toks[-1].i
