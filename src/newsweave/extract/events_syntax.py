"""The parse words every event rule reads: the trigger record, a verb's subjects, objects and
auxiliaries, a noun phrase and a clause.

Shared by the event stage's modules (``events_triggers`` finds triggers, ``events_actors`` codes
their actors, ``events_context`` says where, when and whether they happened); it imports none of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..text import dateline_length

__all__ = ["OBJECTS", "SUBJECTS", "Trigger", "auxiliaries", "carried_out", "clause_tokens", "counted", "into_the_air", "is_negated", "is_passive",
           "left_a_place", "lemmas", "noun_doers", "objects", "objects_and_conjuncts", "past_dateline", "phrase", "role_words", "strikes_on_a_place",
           "to_death", "under_no", "verb_of_a_nominal_parse"]

SUBJECTS = ("nsubj", "csubj")
OBJECTS = ("dobj", "obj")


@dataclass
class Trigger:
    """A word reporting an event, with the verb that carries it (itself, or a light verb)."""

    token: object  # the event word (verb or noun)
    anchor: object  # the verb whose subject, tense and clause the event takes
    type: str
    mode: str | None
    status_hint: str | None = None  # from a control verb: planned / proposed / denied ...
    secondary: bool = False
    standalone: bool = False  # an event noun on its own ("the summit"), not carried by a verb
    source_tok: object = None  # set where the rule knows the source better than the syntax
    target_tok: object = None


def objects(token) -> list:
    """The direct objects of ``token``."""
    return [c for c in token.children if c.dep_ in OBJECTS]


def counted(preps: list, quantity):
    """What a quantity counts: the object of the first of its prepositions ``preps`` that has one
    ("thousands of refugees", "20 million in aid"), else the quantity itself."""
    return next((p for c in preps if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"), quantity)


def is_negated(token) -> bool:
    """True when ``token`` has a negation of its own ("did not attack")."""
    return any(c.dep_ == "neg" for c in token.children)


def under_no(token) -> bool:
    """Whether a noun is under "no" ("no arrests", "No talks with rebels")."""
    return any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)


def auxiliaries(token) -> set[str]:
    """The auxiliaries of ``token``, lower-cased ("will", "be", "has")."""
    return {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}


def phrase(tok):
    """The noun phrase headed by ``tok``, without relative clauses, conjuncts or trailing punctuation."""
    doc = tok.doc
    cut = {"relcl", "acl", "conj", "cc", "punct", "advcl", "parataxis", "appos"}
    keep = [tok]
    stack = [c for c in tok.children if c.dep_ not in cut]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "acl", "advcl", "parataxis"))
    start = min(t.i for t in keep)
    end = max(t.i for t in keep) + 1
    span = doc[start:end]
    while len(span) > 1 and span[0].lower_ in ("the", "a", "an"):
        span = span[1:]
    while len(span) > 1 and span[-1].dep_ == "case":  # trailing 's
        span = span[:-1]
    sent = tok.sent
    dateline_end = sent.start_char + dateline_length(sent.text) if sent.start_char == 0 else 0
    while len(span) > 1 and span[0].idx < dateline_end <= tok.idx:
        span = span[1:]  # "BEIJING (Reuters) - Pakistan's prime minister": the dateline is no part of it
    return span


def past_dateline(tok):
    """The token itself, or where the parser took a dateline for the subject ("KARACHI, Pakistan —
    Paramilitary Rangers raided"), the first noun after the dateline hanging from it; None if none."""
    sent = tok.sent
    end = sent.start_char + dateline_length(sent.text)
    if tok.idx >= end:
        return tok
    after = [t for t in tok.subtree if t.idx >= end and t.pos_ in ("NOUN", "PROPN") and t.head.idx < end]
    return after[0] if after else None


def clause_tokens(tok) -> list:
    """The tokens of the clause headed by ``tok``, without embedded clauses."""
    out = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("ccomp", "advcl", "relcl", "parataxis") or t == tok and c.dep_ == "xcomp")
    return out


def objects_and_conjuncts(tok) -> set[str]:
    """The lemmas of a verb's objects and of the words joined to them ("its campus and bank accounts")."""
    out = set()
    for c in tok.children:
        if c.dep_ in ("dobj", "obj", "nsubjpass"):
            for w in (c, *c.conjuncts, *(k for k in c.children if k.dep_ in ("compound", "nmod"))):
                out.add(w.lemma_.lower())
                out.update(k.lemma_.lower() for k in w.conjuncts)
    return out


def noun_doers(noun) -> list:
    """The "by" objects of an event noun: "the bombing ... by government aircraft", also where the parse
    hangs the "by" on the noun's "of" object ("the shelling of rebel positions by the army") or on a
    participle after it ("a general strike called by opposition parties", "a bomb planted by ...")."""
    holders = [noun, *(p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                       if p.dep_ == "pobj")]
    holders += [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    return [p for h in holders for c in h.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
            for p in c.children if p.dep_ == "pobj"]


def into_the_air(verb) -> bool:
    """Whether shots or rounds go "into the air": fired in celebration or warning, at no one."""
    return any(c.dep_ == "prep" and c.lower_ in ("into", "in") and any(
        o.lemma_.lower() in ("air", "sky") for o in c.children) for c in verb.children)


# Places one simply leaves: walking out of them is no walkout (workplaces, talks and meetings are).
_PLACES_LEFT = frozenset({"house", "home", "room", "flat", "apartment", "car", "hotel", "restaurant", "hospital",
                          "prison", "jail", "cell", "church", "mosque", "door", "bar", "shop", "store", "vehicle"})


def left_a_place(verb) -> bool:
    """Whether a verb's "of" phrase names a place one simply leaves ("walked out of his house")."""
    return any(o.lemma_.lower() in _PLACES_LEFT for p in verb.subtree if p.dep_ == "prep" and p.lower_ == "of"
               for o in p.children if o.dep_ == "pobj")


def is_passive(verb) -> bool:
    """Whether a verb is in the passive ("were marched", "being marched ... by armed men")."""
    return any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children)


def strikes_on_a_place(noun) -> bool:
    """Whether strikes are made "on" a place ("carried out strikes on the camps"): attacks, where a
    labour strike is "on" a day or none at all."""
    held = [noun, noun.head] if noun.dep_ in ("dobj", "obj") else [noun]
    return any(c.dep_ == "prep" and c.lower_ == "on" and any(p.dep_ == "pobj" and p.ent_type_ not in ("DATE", "TIME")
                                                             for p in c.children) for h in held for c in h.children)


def to_death(verb) -> bool:
    """ "beaten to death", "lynched": force that kills the one it is done to."""
    return verb.lemma_.lower() == "lynch" or any(c.dep_ == "prep" and c.lower_ == "to" and any(
        p.lemma_.lower() == "death" for p in c.children) for c in verb.children)


def lemmas(tokens) -> set[str]:
    """The lemmas and lower-case forms of ``tokens``, one set."""
    out: set[str] = set()
    for t in tokens:
        out.add(t.lemma_.lower())
        out.add(t.lower_)
    return out


def role_words(tok) -> set[str]:
    """The role words of the noun phrase at ``tok`` (its head, modifiers and conjuncts)."""
    if tok is None:
        return set()
    words = [tok, *tok.conjuncts]
    # "hundreds of youths", "dozens of students": the people a quantity counts
    words += [p for w in list(words) if w.lemma_.lower() in _COUNTS for c in w.children
              if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    words += [c for w in list(words) for c in w.children if c.dep_ in ("compound", "amod", "nmod")]
    return lemmas(words)


_COUNTS = frozenset({"hundred", "thousand", "dozen", "score", "ten", "group", "crowd", "number", "band", "gang",
                     "million", "tens"})


def carried_out(noun) -> bool:
    """Whether a threat or a promise is told as carried out ("made good on their threat", "followed through
    on a pledge", "delivered on a promise", "carried out the threat"): the act done is the news."""
    if noun.lemma_.lower() not in ("threat", "promise", "pledge", "vow", "ultimatum", "warning"):
        return False
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "on":
        verb = head.head
        return verb.lemma_.lower() == "deliver" or any(c.lower_ in ("good", "through") for c in verb.children)
    return noun.dep_ in ("dobj", "obj") and head.lemma_.lower() == "carry" and any(
        c.lower_ == "out" for c in head.children)


def verb_of_a_nominal_parse(tok) -> bool:
    """A verb the parser took for a modifier in a sentence it parsed as one noun phrase ("A court in Minsk on
    Tuesday jailed a journalist": "court" the root), not a modifier ("the jailed journalist")."""
    root = tok.head  # the noun heading the phrase: the sentence's root, or the dependent of "said"
    while root.dep_ not in ("ROOT", "dep", "ccomp") and root.pos_ != "VERB" and root.head is not root:
        root = root.head
    if tok.tag_ not in ("VBD", "VBN") or root.pos_ != "NOUN" or root.dep_ not in ("ROOT", "dep", "ccomp"):
        return False
    headed = any(c.dep_ == "det" for c in root.children)  # "A court ...": a subject, not a headline's noun
    return headed and root.i < tok.i - 1 and tok.nbor(-1).pos_ not in _BEFORE_A_MODIFIER


_BEFORE_A_MODIFIER = frozenset({"DET", "ADJ", "ADP", "PRON", "NUM", "CCONJ", "PUNCT"})
