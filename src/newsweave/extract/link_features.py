"""What the cross-article linkers need from an article's parse, computed here as plain values.

The parse stays in ``extract/``: the linkers in ``link/`` read these fields, never the spaCy ``Doc``, so
nothing parse-shaped crosses a process boundary (worker pool, Spark) on its way to linking.

- ``newsweave.descriptions.parse.v1`` sets ``Mention.describes`` on each description the parse says is
  said of a name, for the entity linker.
"""

from __future__ import annotations

from ..model import DESCRIPTION_KINDS, Extraction, Mention
from ..settings import Settings
from .pipeline import stage

__all__ = ["describe_names"]


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
