"""Attributions the parse marks with no cue verb: "according to X", "in his opinion", a communication
noun with its clause ("her claim that ..."), a quotation signed with a dash, a "Name: ..." headline."""

from __future__ import annotations

import re

from .attribution_spans import (
    Found,
    char_range,
    doc_text,
    pieces,
    subtree_span,
    trim_chars,
)

__all__ = ["according_to", "colon_headlines", "in_opinion", "noun_attribution", "signed_quotes"]


_SIGNATURE = re.compile(r"[ \t\u00a0]*([―—])[ \t\u00a0]*([A-Z][\w.'’-]*(?:[ \t\u00a0]+[A-Z][\w.'’-]*){0,4})[ \t\u00a0]*(?=\n|$)")


def signed_quotes(doc, quotes) -> list[Found]:
    """A quotation signed with a dash and a name on its line: “...” ― Jane Doe."""
    text = doc_text(doc)
    out = []
    for qs, qe in quotes:
        m = _SIGNATURE.match(text, qe)
        if m is None:
            continue
        name = m.span(2)
        tok = doc.char_span(*name, alignment_mode="expand")
        out.append(Found(cue=m.span(1), source=name, content=[(qs, qe)], cue_tok=tok.start if tok else 0,
                          source_tok=tok.root.i if tok else None, score=1.0))
    return out


def colon_headlines(doc, quote_of_char) -> list[Found]:
    """A line that opens with a name and a colon: "Pat Caddell: Voters Worried About ...", or a
    transcript's speaker in capitals, the line quoted whole or not ("WALLACE: Let's start ...")."""
    text = doc_text(doc)
    out = []
    for line in re.finditer(r"[^\n]+", text):
        head, sep, rest = line.group().partition(": ")
        lead = len(head) - len(head.lstrip(_OPENING_MARKS))
        if not sep or not rest.strip() or len(head.split()) > 5 or not head[lead:lead + 1].isupper():
            continue
        start = line.start() + lead
        span = doc.char_span(start, line.start() + len(head), alignment_mode="expand")
        if span is None:
            continue
        words = [t for t in span if not t.is_punct]
        if not _transcript_speaker(words):
            if lead or any(t.pos_ in {"VERB", "AUX", "NUM"} for t in span) or start in quote_of_char:
                continue
            # the part before the colon must be a name, not a rubric ("Correction:", "Editor's note:")
            if not (all(t.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} for t in words)
                    or (len(words) == 1 and words[0].pos_ == "PROPN")) \
                    or len(words) == 1 and words[0].lower_ in _RUBRICS:
                continue
        colon = line.start() + len(head)
        content = trim_chars(text, colon + 1, line.end())
        out.append(Found(cue=(colon, colon + 1), source=(start, colon), content=[content],
                         cue_tok=span.end, source_tok=span.root.i, score=1.0))
    return out


_OPENING_MARKS = "“\"‘'"

# Words before a colon that head a section ("Correction:", "UPDATE:"), not a speaker's turn.
_RUBRICS = {"update", "updated", "note", "correction", "breaking", "watch", "read", "related", "editor",
            "editors", "clarification", "warning", "source", "sources", "photo", "video", "more"}


def _transcript_speaker(words) -> bool:
    """A transcript's speaker: one to three words in capitals, each a name ("WALLACE", "MR. TRUMP")."""
    return 0 < len(words) <= 3 and all(
        t.text.rstrip(".").isalpha() and len(t.text) > 1 and t.text.isupper() and t.lower_ not in _RUBRICS
        and (t.pos_ == "PROPN" or t.ent_type_ in {"PERSON", "ORG"}) for t in words)


def noun_attribution(doc, noun) -> Found | None:
    """A communication or belief noun with its content: "her claim that ...", "his plan to ..."."""
    text = doc_text(doc)
    content_tok = None
    for c in noun.children:
        if c.i < noun.i:
            continue
        if c.dep_ in {"ccomp", "acl"} and (any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                                          or any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)):
            content_tok = c
            break
    if content_tok is None:
        return None
    s, e = subtree_span(content_tok)
    content = trim_chars(text, *char_range(doc, s, e))
    poss = [c for c in noun.children if c.dep_ == "poss"]
    mods = [c for c in noun.children if c.i < noun.i and c.dep_ in {"amod", "det", "compound"}]
    first = min([m.i for m in mods if not poss or m.i > max(x.i for x in poss[0].subtree)] + [noun.i])
    cue = char_range(doc, first, noun.i + 1)
    source = None
    if poss:
        source = trim_chars(text, *char_range(doc, *subtree_span(poss[0])), punct=" \t\n,;:—–-")
    return Found(cue=cue, source=source, content=[content], cue_tok=noun.i,
                  source_tok=poss[0].i if poss else None, score=0.5)


def according_to(doc, sent, tok) -> Found | None:
    """"According to X, CONTENT" / "CONTENT, according to X"."""
    to = next(c for c in tok.children if c.lower_ == "to")
    pobj = next((g for g in to.children if g.dep_ == "pobj"), None)
    if pobj is None:
        return None
    src = trim_chars(doc_text(doc), *char_range(doc, *subtree_span(pobj)))
    head = tok.head
    excl = {t.i for t in tok.subtree}
    toks = [t for t in head.subtree if t.i not in excl and t.i >= sent.start and t.i < sent.end]
    content = pieces(doc, toks)
    content = [(s, e) for s, e in content if re.search(r"\w", doc_text(doc)[s:e])]
    if not content:
        return None
    cue = char_range(doc, tok.i, to.i + 1)
    return Found(cue=cue, source=src, content=content, cue_tok=tok.i, source_tok=pobj.i, score=1.0)


# "in his opinion, ...", "in the view of X, ...": the noun is the cue, its possessor the source.
_OPINION_NOUNS = {"opinion", "view", "estimation", "judgment", "judgement", "words", "mind", "eyes"}


def in_opinion(doc, sent, prep) -> Found | None:
    """"In his opinion, CONTENT": the clause the phrase hangs from, without the phrase itself."""
    noun = next((g for g in prep.children if g.dep_ == "pobj" and g.lemma_.lower() in _OPINION_NOUNS), None)
    if noun is None:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        owner = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    if owner is None or owner.pos_ not in {"PRON", "PROPN", "NOUN"}:
        return None
    text = doc_text(doc)
    excl = {t.i for t in prep.subtree}
    head = prep.head
    # an adverbial set off before the phrase ("At the same time, in his opinion, ...") is the author's
    excl.update(t.i for c in head.children if c.i < prep.i and c.dep_ in {"prep", "advmod", "npadvmod"}
                for t in c.subtree)
    toks = [t for t in head.subtree if t.i not in excl and sent.start <= t.i < sent.end]
    content = [(s, e) for s, e in pieces(doc, toks) if re.search(r"\w", text[s:e])]
    if not content:
        return None
    source = trim_chars(text, *char_range(doc, *subtree_span(owner)))
    return Found(cue=char_range(doc, noun.i, noun.i + 1), source=source, content=content, cue_tok=noun.i,
                  source_tok=owner.i, score=1.0)
