"""Nominal mentions: the noun phrases that refer to participants without naming them.

News text names a participant once and then calls it "the navy", "the pirates", "the driver" or
"the ship". Those references are what cross-document linking needs to follow a participant through a
story, so this stage adds one ``Mention`` of kind ``nominal`` per noun phrase whose head is a common
noun, spanning the phrase's modifiers and head but not its determiner, possessive or trailing
clauses ("the Indian navy's frigate" -> "frigate"; "a Thai fishing trawler" -> "Thai fishing trawler").

Left out: phrases headed inside a named entity (the entity stage has them), numbers, time and money
expressions (other stages' business), and abstract heads that never name a participant in news
("time", "way", "part" ...) — a short stop list kept here.

Run it after ``newsweave.entities.spacy.v1`` and before ``newsweave.coref.rules.v1``, so that
coreference can chain pronouns to these mentions.
"""

from __future__ import annotations

from ..model import NOMINAL_LABEL, Extraction, Mention
from ..names import reads_as_person
from ..settings import Settings
from .entities import in_lines, title_case_lines
from .pipeline import stage

__all__ = ["NOMINAL_LABEL", "nominal_mentions"]

# Entity types whose tokens are not participants (dates, amounts): a head inside one is skipped.
_NOT_PARTICIPANTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL"})
# Heads that are never a participant in news prose: measure, manner and discourse nouns.
_ABSTRACT = frozenset(["time", "times", "way", "ways", "part", "parts", "lot", "lots", "kind", "sort", "number", "numbers", "end", "start", "beginning", "thing", "things", "fact", "case", "cases", "reason", "reasons", "matter", "point", "points", "year", "years", "day", "days", "week", "weeks", "month", "months", "hour", "hours", "minute", "minutes", "second", "seconds", "percent", "side", "sides", "term", "terms", "lack", "rest", "use", "top", "bottom", "amount", "level", "levels", "type", "types", "example", "instance", "moment", "period", "course", "deal"])
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr", "conj", "dative", "oprd"})
_PHRASE_DEPS = frozenset({"det", "poss", "amod", "compound", "nummod", "nmod", "case"})
_DROP_LEADING = frozenset({"DET", "PRON", "PUNCT", "CCONJ", "ADP", "PART", "NUM"})


def nominal_mentions(doc, existing: list[Mention]) -> list[Mention]:
    """Nominal mentions of ``doc`` that do not overlap an ``existing`` mention's head word."""
    # spaCy rebuilds ``doc.text`` on every access: read it once (it was quadratic in the mentions).
    text = doc.text
    # Characters already covered by a mention: an overlap test costs the head's length, not the
    # number of mentions so far.
    taken = bytearray(len(text))
    for m in existing:
        end = min(m.end, len(text))
        if m.start < end:
            taken[m.start:end] = b"\x01" * (end - m.start)
    ent_of = {}
    for ent in doc.ents:
        for t in ent:
            ent_of[t.i] = ent.label_
    out = []
    surnames = {m.text.split()[-1] for m in existing if m.label == "PERSON" and m.kind == "name" and " " in m.text}
    title_lines = title_case_lines(text)
    # spaCy's noun chunks, plus the common nouns its chunker left out ("their trawler sank").
    chunks = list(doc.noun_chunks)  # computed anew on each access: once
    phrases = [(c.root, [t for t in c if t.i <= c.root.i]) for c in chunks]
    chunked = {c.root.i for c in chunks}
    for t in doc:
        # The small model's tagger sometimes calls a subject noun an adjective ("their trawler sank"):
        # an argument role with a determiner or possessive before it still makes it a noun phrase.
        nounish = t.pos_ == "NOUN" or (t.pos_ == "ADJ" and any(c.dep_ in ("det", "poss") for c in t.lefts))
        if nounish and t.i not in chunked and t.dep_ in _ARGUMENT_DEPS:
            left = min((c.left_edge.i for c in t.lefts if c.dep_ in _PHRASE_DEPS), default=t.i)
            phrases.append((t, list(doc[left:t.i + 1])))
    for head, toks in sorted(phrases, key=lambda p: p[0].i):
        if head.pos_ not in ("NOUN", "ADJ", "PROPN") or head.i in ent_of or head.lower_ in _ABSTRACT or not head.is_alpha:
            continue
        # Drop the determiner, a possessive with its owner ("the navy's"), numbers and punctuation.
        cut = 0
        for k, t in enumerate(toks):
            if t.tag_ == "POS" or t.dep_ == "poss":
                cut = k + 1
        toks = toks[cut:]
        # A name before the head ("Chargers defensive lineman", "Obama administration") is a mention of
        # its own (the entity stage's): the phrase starts after it, so the two never overlap.
        while toks and (toks[0].pos_ in _DROP_LEADING or toks[0].ent_type_ in _NOT_PARTICIPANTS
                        or toks[0].ent_type_ in _NAMED or not toks[0].text[:1].isalpha()):
            toks = toks[1:]
        if not toks:
            continue
        # A phrase never runs across a line break (a headline, a URL line) nor holds URL debris.
        while toks and any("\n" in t.whitespace_ or "\n" in t.text for t in toks[:-1]):
            toks = toks[1:]
        while toks and not all(t.is_alpha or t.text in {"-", "'", "’"} for t in toks):
            toks = toks[1:]
        if not toks:
            continue
        start, end = toks[0].idx, head.idx + len(head.text)
        if any(taken[head.idx:end]):
            continue
        if (all(t.pos_ == "PROPN" for t in toks) and reads_as_person([t.text for t in toks], surnames)
                and not in_lines(start, title_lines)):  # a headline's capitals say nothing ("Clinton Camp")
            # A person's name the tagger left untagged ("Oleksandr Kovalenko"): a name, not a description.
            out.append(Mention(start=start, end=end, text=text[start:end], label="PERSON", kind="name"))
        else:
            out.append(Mention(start=start, end=end, text=text[start:end], label=NOMINAL_LABEL, kind="nominal"))
        taken[start:end] = b"\x01" * (end - start)
    return out


@stage("newsweave.mentions.nominal.v1", requires=("doc", "mentions"), assigns=("mentions",))
def nominal_stage(ex: Extraction, settings: Settings) -> None:
    """Add nominal mentions to ``ex.mentions``, keeping text order."""
    ex.mentions = sorted(ex.mentions + nominal_mentions(ex.doc, ex.mentions), key=lambda m: (m.start, m.end))
