"""Who an event's actors are: noun phrases to coded actors, through names and coreference chains.

Split from ``newsweave.extract.events`` (which finds the events): ``actors_of`` reads the actors a
noun phrase and its conjuncts name ("Hungary and Romania", "U.S. and Russian negotiators"), a pronoun
or bare title takes the code of its coreference chain (set per article with ``chains``), "the two
leaders" the two people its sentence names, and ``actor_mention`` gives the mention an actor stands
on, for the linker to copy its entity id.
"""

from __future__ import annotations

import contextlib
import contextvars

from ..model import Actor, Mention
from .actors import actor_code
from .events_context import _phrase

__all__ = ["PRONOUNS", "actor_mention", "actors_of", "chain_code", "chain_name", "chains", "the_two"]

PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "its", "their", "them", "his", "her", "you",
                      "who", "which", "that", "both", "this"})


def actors_of(tok, exclude: set[int] | None = None) -> list[Actor]:
    """Actors named by the noun phrase at ``tok`` and its conjuncts ("Hungary and Romania")."""
    heads = [tok, *tok.conjuncts] if tok.dep_ != "conj" else [tok]
    out: list[Actor] = []
    for head in heads:
        if exclude and head.i in exclude:
            continue
        if head.lower_ in PRONOUNS and head.pos_ == "PRON":
            found = chain_code(head.idx, head.idx + len(head.text))
            if found:
                out.append(Actor(text=head.text, code=found[0], sector=found[1], start=head.idx,
                                 end=head.idx + len(head.text)))
            continue
        span = _phrase(head)
        # Coordinated modifiers: "Hungarian and Romanian officials", "U.S. and Russian negotiators".
        mods = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod", "poss") and c.conjuncts]
        if mods:
            for mod in [mods[0], *mods[0].conjuncts]:
                found = actor_code(f"{mod.text} {head.text}")
                if found:
                    out.append(Actor(text=mod.text, code=found[0], sector=found[1], start=mod.idx,
                                     end=mod.idx + len(mod.text)))
            continue
        found = actor_code(span.text) or chain_code(head.idx, head.idx + len(head.text))
        if found is None:
            continue
        out.append(Actor(text=span.text, code=found[0], sector=found[1], start=span.start_char, end=span.end_char))
    return out


# The article's coreference chains, where an earlier stage made them: a pronoun or a title with no
# country of its own ("he", "the president") takes the code of a name in its chain. Set for the
# length of one doc_events call.
_CHAINS: contextvars.ContextVar[dict | None] = contextvars.ContextVar("newsweave_event_chains", default=None)


def _chain_coder(mentions: list[Mention] | None) -> dict | None:
    if not mentions or not any(m.chain is not None for m in mentions):
        return None
    codes: dict[int, tuple[str, str | None]] = {}
    for m in sorted(mentions, key=lambda m: (m.kind != "name", m.start)):
        if m.chain is None or m.chain in codes:
            continue
        found = actor_code(m.text)
        if found:
            codes[m.chain] = found
    spans = [(m.start, m.end, m.chain) for m in mentions if m.chain in codes]
    # The name a chain is known by, for a speaker given as a pronoun ("He added that ..."): its
    # longest name mention.
    names: dict[int, str] = {}
    for m in mentions:
        if m.chain is not None and m.kind == "name" and len(m.text) > len(names.get(m.chain, "")):
            names[m.chain] = m.text
    pronouns = {(m.start, m.end): m.chain for m in mentions if m.kind != "name" and m.chain in names}
    return {"codes": codes, "spans": spans, "names": names, "pronouns": pronouns}


def chain_name(tok) -> str | None:
    """The name of the chain a pronoun or title at ``tok`` belongs to, or None."""
    coder = _CHAINS.get()
    if coder is None:
        return None
    chain = coder["pronouns"].get((tok.idx, tok.idx + len(tok.text)))
    return coder["names"].get(chain) if chain is not None else None


def chain_code(start: int, end: int) -> tuple[str, str | None] | None:
    """The code of the chain of a mention covering the head word at ``start:end`` (not a possessor
    inside the phrase: "its troops" is not "it")."""
    coder = _CHAINS.get()
    if coder is None:
        return None
    covering = [(e - s, chain) for s, e, chain in coder["spans"] if s <= start and end <= e]
    if not covering:
        return None
    return coder["codes"][max(covering)[1]]


def the_two(noun) -> list[Actor]:
    """ "between the two leaders", "both sides": the two actors the sentence names outside the phrase
    ("Trump said he was planning a meeting with Putin, after a phone call between the two leaders")."""
    two = any(c.lower_ in ("two", "both") for c in noun.children if c.dep_ in ("nummod", "det", "predet"))
    if not two:
        return []
    phrase = _phrase(noun)
    found: dict[str, list[Actor]] = {"PERSON": [], "GPE": [], "NORP": []}
    for ent in noun.sent.ents:
        if ent.label_ not in found or phrase.start <= ent.start < phrase.end:
            continue
        code = actor_code(ent.text) or chain_code(ent.start_char, ent.end_char)
        if code and all(a.text != ent.text for a in found[ent.label_]):
            found[ent.label_].append(Actor(text=ent.text, code=code[0], sector=code[1], start=ent.start_char,
                                           end=ent.end_char))
    # People first ("the two leaders"), then countries ("both countries").
    return next((found[k] for k in ("PERSON", "GPE", "NORP") if len(found[k]) == 2), [])


@contextlib.contextmanager
def chains(mentions: list[Mention] | None):
    """Within the block, pronouns and titles resolve through the coreference chains of ``mentions``."""
    token = _CHAINS.set(_chain_coder(mentions))
    try:
        yield
    finally:
        _CHAINS.reset(token)


def actor_mention(actor: Actor, mentions: list[Mention]) -> Mention | None:
    """The mention an event actor stands on, for the linker to copy its ``entity_id``.

    An actor's span is its whole phrase ("Russian President Vladimir Putin", "Putin's top aide");
    the mention is the longest one inside it (a name before a title, a pronoun only when alone),
    else the longest one overlapping it. None when the actor has no offsets or no mention fits.
    """
    if actor.start is None or actor.end is None:
        return None
    inside = [m for m in mentions if actor.start <= m.start and m.end <= actor.end]
    if not inside:
        inside = [m for m in mentions if m.start < actor.end and actor.start < m.end]
    if not inside:
        return None
    # A person named in the phrase is who it is ("United States President Donald Trump" is Trump,
    # not the United States); of two, the later one is the head ("Putin's aide Yuri Ushakov").
    people = [m for m in inside if m.kind == "name" and m.label == "PERSON"]
    if people:
        return max(people, key=lambda m: m.start)
    return max(inside, key=lambda m: (m.kind == "name", m.end - m.start, -m.start))
