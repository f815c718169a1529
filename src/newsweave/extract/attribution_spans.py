"""One attribution as the rules find it, in character spans, and the span arithmetic every rule shares.

``Found`` is what the rules (``attribution_verbs``, ``attribution_phrases``), the segment cuts
(``attribution_segments``) and the learned model (``attribution_model``) pass between them before an
attribution becomes a ``model.Attribution``; ``nest`` links an attribution inside another's content to it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Found", "char_range", "doc_text", "nest", "one_per_cue", "pieces", "subtree_span", "trim_chars"]


@dataclass
class Found:
    """One attribution found in a doc: character spans, the tokens they are anchored at, the cue's score."""

    cue: tuple[int, int]  # char span
    source: tuple[int, int] | None
    content: list[tuple[int, int]]
    cue_tok: int
    source_tok: int | None
    channel: tuple[int, int] | None = None
    score: float = 1.0
    parent: Found | None = None


def doc_text(doc) -> str:
    """``doc.text``, read once per doc."""
    # spaCy rebuilds Doc.text from its tokens on every access; the rules read it hundreds of
    # times per article, so it is kept once in the doc's user data
    text = doc.user_data.get("newsweave.text")
    if text is None:
        text = doc.user_data["newsweave.text"] = doc.text
    return text


def trim_chars(text: str, s: int, e: int, punct: str = " \t\n\u00a0,;:.—–―-") -> tuple[int, int]:
    """``(s, e)`` with the characters of ``punct`` cut from both ends."""
    while s < e and text[s] in punct:
        s += 1
    while e > s and text[e - 1] in punct:
        e -= 1
    return s, e


def subtree_span(tok, exclude: set[int] = frozenset()) -> tuple[int, int]:
    """The token range from the first to the last token of ``tok``'s subtree (``exclude`` left out)."""
    toks = [t for t in tok.subtree if t.i not in exclude]
    return toks[0].i, toks[-1].i + 1


def char_range(doc, start_tok: int, end_tok: int) -> tuple[int, int]:
    """The character span of tokens ``start_tok`` to ``end_tok`` (exclusive)."""
    return doc[start_tok].idx, doc[end_tok - 1].idx + len(doc[end_tok - 1].text)


def pieces(doc, toks) -> list[tuple[int, int]]:
    """Contiguous character pieces covering ``toks`` (sorted), punctuation trimmed at the edges."""
    toks = sorted(toks, key=lambda t: t.i)
    out = []
    run = []
    for t in toks:
        if run and t.i != run[-1].i + 1:
            out.append(run)
            run = []
        run.append(t)
    if run:
        out.append(run)
    spans = []
    for run in out:
        s, e = char_range(doc, run[0].i, run[-1].i + 1)
        spans.append(trim_chars(doc_text(doc), s, e))
    return spans


def nest(found: list[Found], threshold: float) -> list[Found]:
    """Link attributions whose cue lies in another's content to that outer one (``parent``).

    PolNeAR marks only the outermost attribution; the nested ones are kept, marked, so that a
    reader can see that Ushakov reported what Putin told Trump. Where two attributions claim each
    other (a parse gone wrong), the one with the longer content is the outer one.
    """
    found = sorted(found, key=lambda f: f.cue[0])
    for f in found:
        outers = [k for k in found if k is not f and k.score >= threshold
                  and any(s <= f.cue[0] < e for s, e in k.content)]
        if outers:
            # the innermost enclosing attribution is the parent
            f.parent = min(outers, key=lambda k: sum(e - s for s, e in k.content))
    for f in found:
        k = f.parent
        if k is not None and k.parent is f:
            size = lambda x: sum(e - s for s, e in x.content)
            inner, outer = (f, k) if size(f) <= size(k) else (k, f)
            outer.parent = None
            inner.parent = outer
    # a source phrase that holds a cue ("the man who said ...") is no nesting: drop such cues;
    # a less certain cue stands only inside another attribution (the model learned from PolNeAR,
    # which marks only outermost attributions, so it doubts every nested cue)
    return [f for f in found if not any(k.source and k.source[0] <= f.cue[0] < k.source[1]
                                        for k in found if k is not f)
            and (f.score >= threshold or f.parent is not None)]


def one_per_cue(found: list[Found]) -> list[Found]:
    """Attributions that ended with the same cue over the same words are one: the one naming a source stays.

    A noun cue inside its verb's content ("expressed hope that ...") nests under it, and once the span
    model widens both cues to "expressed hope" the reader would see the same statement twice, once
    without a speaker. Attributions pointing at a dropped one point at the one kept.
    """
    kept: list[Found] = []
    replaced: dict[int, Found] = {}
    for f in sorted(found, key=lambda f: (f.source is None, f.parent is not None)):
        same = next((k for k in kept if k.cue == f.cue and any(s < ke and ks < e for s, e in f.content
                                                                for ks, ke in k.content)), None)
        if same is None:
            kept.append(f)
        else:
            replaced[id(f)] = same
    for f in kept:
        while f.parent is not None and id(f.parent) in replaced:
            f.parent = replaced[id(f.parent)]
        if f.parent is f:
            f.parent = None
    return sorted(kept, key=lambda f: f.cue[0])
