"""What the cross-article linkers need from an article's parse, computed here as plain values.

The parse stays in ``extract/``: the linkers in ``link/`` read these fields, never the spaCy ``Doc``, so
nothing parse-shaped crosses a process boundary (worker pool, Spark) on its way to linking.

- ``newsweave.descriptions.parse.v1`` sets ``Mention.describes`` on each description the parse says is
  said of a name, for the entity linker.
- ``newsweave.story_words.parse.v1`` sets ``Extraction.story_words``, the content lemmas story clustering
  weighs (``link/story_features.features_for``).
"""

from __future__ import annotations

from ..model import DESCRIPTION_KINDS, Extraction, Mention
from ..settings import Settings
from .pipeline import stage

__all__ = ["describe_names", "story_words"]


def describe_names(doc, mentions: list[Mention]) -> None:
    """Set ``describes`` on every description mention to the name mention its words are said of.

    By the parse, as the entity linker used to read it: an apposition ("Raj Chohan, a grandmother") or a
    compound title before the name ("host Ellen DeGeneres") whose head is a name's word, a name in
    apposition to the description, or "NAME is/was a DESCRIPTION" (an ``attr`` of "be" whose subject is
    a name's word). Every ``kind == "name"`` mention can be the one described; where two names share a
    token, the later one in ``mentions`` is. Descriptions said of no name get ``None``.
    """
    owner: dict[int, Mention] = {}
    for m in mentions:
        if m.kind != "name":
            continue
        for t in doc.char_span(m.start, m.end, alignment_mode="expand") or ():
            owner[t.i] = m
    for m in mentions:
        if m.kind not in DESCRIPTION_KINDS:
            continue
        m.describes = None
        if not owner:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        t = span.root
        name = None
        if t.dep_ in ("appos", "compound") and t.head.i in owner:
            name = owner[t.head.i]
        elif any(c.dep_ == "appos" and c.i in owner for c in t.children):
            name = next(owner[c.i] for c in t.children if c.dep_ == "appos" and c.i in owner)
        elif t.dep_ == "attr" and t.head.lemma_ == "be":
            subj = [c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in owner]
            if subj:
                name = owner[subj[0].i]
        if name is not None:
            m.describes = (name.start, name.end)


@stage("newsweave.descriptions.parse.v1", requires=("doc", "mentions", "mentions.chain"),
       assigns=("mentions.describes",))
def descriptions_stage(ex: Extraction, settings: Settings) -> None:
    """Link each description mention to the name it is said of (``Mention.describes``)."""
    describe_names(ex.doc, ex.mentions)


_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})


def story_words(doc) -> dict[str, list[tuple[int, str]]]:
    """The content lemmas of a parse, in text order, each with the (offset, kind) of its tokens.

    Content: nouns, proper nouns, verbs, adjectives and numbers, less stop words, URLs, e-mail addresses
    and one-letter lemmas; numbers only as years and multi-digit counts ("23 pirates", "2011"), which tell
    two events of one topic apart. The kind is ``"NUM"``, ``"PROPN"``, ``"ROOT_VERB"`` (a sentence's main
    verb) or ``"OTHER"``. The weights (and where the lead ends) are the story clusterer's config, applied
    when it reads them, so one extraction serves a store built with any config.
    """
    words: dict[str, list[tuple[int, str]]] = {}
    for tok in doc:
        if tok.is_stop or tok.is_punct or tok.is_space or tok.pos_ not in _CONTENT_POS:
            continue
        if tok.like_url or tok.like_email:
            continue
        lemma = (tok.lemma_ or tok.text).lower().strip()
        if tok.pos_ == "NUM" and not (lemma.isdigit() and len(lemma) >= 2):
            continue
        if len(lemma) < 2:
            continue
        if tok.pos_ in ("NUM", "PROPN"):
            kind = tok.pos_
        elif tok.pos_ == "VERB" and tok.dep_ == "ROOT":
            kind = "ROOT_VERB"
        else:
            kind = "OTHER"
        words.setdefault(lemma, []).append((tok.idx, kind))
    return words


@stage("newsweave.story_words.parse.v1", requires=("doc",), assigns=("story_words",),
       spacy_components=("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"))
def story_words_stage(ex: Extraction, settings: Settings) -> None:
    """Set ``ex.story_words`` from the parse, for story clustering."""
    ex.story_words = story_words(ex.doc)
