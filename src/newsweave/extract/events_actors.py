"""Who an event's actors are: its source and target, noun phrases to coded actors, through names and
coreference chains.

``event_sources`` and ``event_targets`` pick the words of a trigger's clause that name who acts and
on whom (the subject or a passive's ``by`` agent; objects, datives, ``with`` / ``against`` / ``to``
objects, the subject of a demanded clause); ``actors_of`` reads the actors a
noun phrase and its conjuncts name ("Hungary and Romania", "U.S. and Russian negotiators"), a pronoun
or bare title takes the code of its coreference chain (set per article with ``chains``), "the two
leaders" the two people its sentence names, and ``actor_mention`` gives the mention an actor stands
on, for the linker to copy its entity id.
"""

from __future__ import annotations

import contextlib
import contextvars

from ..actors import city_country
from ..model import Actor, Mention
from .actors import actor_code, actor_sector
from .events_lexicon import NOUNS
from .events_syntax import (
    OBJECTS,
    SUBJECTS,
    Trigger,
    noun_doers,
    objects,
    past_dateline,
    phrase,
)

__all__ = ["PRONOUNS", "actor_mention", "actors_of", "chain_code", "chain_name", "chains", "claimed_doers",
           "doer_unstated", "event_sources", "event_targets", "full_name", "located_source", "subject_token",
           "the_two"]

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
        span = phrase(head)
        # Coordinated modifiers: "Hungarian and Romanian officials", "U.S. and Russian negotiators".
        mods = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod", "poss") and c.conjuncts]
        if mods:
            for mod in [mods[0], *mods[0].conjuncts]:
                found = actor_code(f"{mod.text} {head.text}")
                if found:
                    out.append(Actor(text=mod.text, code=found[0], sector=found[1], start=mod.idx,
                                     end=mod.idx + len(mod.text)))
            continue
        found = actor_code(span.text) or chain_code(head.idx, head.idx + len(head.text)) or _city_modifier(head, span)
        if found is None:
            continue
        each = _of_each_country(head, found[1])
        if len(each) > 1:
            out.extend(each)  # "the foreign ministers of Chile and Peru": both countries act
            continue
        out.append(Actor(text=span.text, code=found[0], sector=found[1], start=span.start_char, end=span.end_char))
    return out


def _city_modifier(head, span) -> tuple[str, str | None] | None:
    """The country of a city named before a body's or a group's noun ("a Johannesburg court", "Lagos
    police"), with the sector the phrase's words give; a city is no government of its own."""
    for c in head.children:
        if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c.i < head.i and c.text[:1].isupper():
            code = city_country(c.text)
            if code:
                return code, actor_sector(span.text)
    return None


def _of_each_country(head, sector: str | None) -> list[Actor]:
    """One actor per country of a coordination after "of" or "from" ("negotiators from Armenia and
    Azerbaijan", "the governments of South Sudan and Sudan"), with the head's sector."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "from"):
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj" or not pobj.conjuncts:
                continue
            out = []
            for part in (pobj, *pobj.conjuncts):
                span = phrase(part)
                found = actor_code(span.text)
                if found and found[0] not in {a.code for a in out}:
                    out.append(Actor(text=span.text, code=found[0], sector=sector or found[1],
                                     start=span.start_char, end=span.end_char))
            return out
    return []


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
    named = [(m.start, m.end, m.chain) for m in mentions if m.kind == "name" and m.chain in names]
    return {"codes": codes, "spans": spans, "names": names, "pronouns": pronouns, "named": named}


def chain_name(tok) -> str | None:
    """The name of the chain a pronoun or title at ``tok`` belongs to, or None."""
    coder = _CHAINS.get()
    if coder is None:
        return None
    chain = coder["pronouns"].get((tok.idx, tok.idx + len(tok.text)))
    return coder["names"].get(chain) if chain is not None else None


def full_name(tok) -> str | None:
    """The longest name of the chain of the name mention holding ``tok`` ("Ushakov" said ... ->
    "Yury Ushakov"; "Russian presidential aide Yury Ushakov" -> "Yury Ushakov"), or None."""
    coder = _CHAINS.get()
    if coder is None:
        return None
    for start, end, chain in coder["named"]:
        if start <= tok.idx < end:
            return coder["names"][chain]
    return None


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
    own = phrase(noun)
    found: dict[str, list[Actor]] = {"PERSON": [], "GPE": [], "NORP": []}
    for ent in noun.sent.ents:
        if ent.label_ not in found or own.start <= ent.start < own.end:
            continue
        code = actor_code(ent.text) or chain_code(ent.start_char, ent.end_char)
        if code and all(a.text != ent.text for a in found[ent.label_]):
            found[ent.label_].append(Actor(text=ent.text, code=code[0], sector=code[1], start=ent.start_char,
                                           end=ent.end_char))
    # People first ("the two leaders"), then countries ("both countries").
    pair = next((found[k] for k in ("PERSON", "GPE", "NORP") if len(found[k]) == 2), [])
    return pair or _two_office_holders(noun, own.start)


# "the two leaders", "both presidents", "the two ministers": the offices a plural person noun
# names, as the title words written before a name ("US President Donald Trump", "Ukrainian leader
# Volodymyr Zelensky", "Russian Foreign Minister Sergey Lavrov").
_LEADERS = frozenset({"president", "leader", "premier", "chancellor", "king", "queen", "emperor", "prime"})
_OFFICES = {
    "leader": _LEADERS,
    "head": _LEADERS,
    "president": frozenset({"president"}),
    "minister": frozenset({"minister", "secretary"}),
    "premier": frozenset({"premier", "prime"}),
}


def _two_office_holders(noun, before: int) -> list[Actor]:
    """ "The previous meeting between the two leaders took place ..." with no one named in its
    sentence: the two people the article named with that office before it (the paragraph before
    names Rubio and Lavrov, ministers; the leaders are Putin and Trump of the first sentence), only
    when exactly two such people are named, so a third leader leaves the phrase unresolved."""
    offices = _OFFICES.get(noun.lemma_.lower())
    if offices is None:
        return []
    doc = noun.doc
    found: dict[str, Actor] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ent.start >= before:
            continue
        titled = doc[max(ent.sent.start, ent.start - 3):ent.end]
        if not {t.lower_ for t in titled[:-len(ent)]} & offices:
            continue
        key = ent[-1].lower_  # one person named twice ("Russian President Vladimir Putin", "President Putin")
        code = actor_code(ent.text) or chain_code(ent.start_char, ent.end_char) or actor_code(titled.text)
        if code and key not in found:
            found[key] = Actor(text=ent.text, code=code[0], sector=code[1], start=ent.start_char, end=ent.end_char)
    return list(found.values()) if len(found) == 2 else []


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


# ---------------------------------------------------------------------------- an event's actors

_TARGET_PREPS = ("with", "against", "to", "on", "from", "at", "toward", "towards", "into", "for", "upon")
_TOPIC_VERBS = frozenset({"discuss", "negotiate", "debate", "review", "consider"})
# Passive-looking verbs whose grammatical subject is the one acting ("Vietnam is committed to",
# "Trump is scheduled to meet", "forces were engaged in").
_STATIVE_PASSIVES = frozenset({"commit", "engage", "prepare", "determine", "schedule", "set", "expect",
                               "involve", "due", "poise", "resolve"})



def subject_token(verb):
    """The subject of ``verb``, borrowed from the verb it depends on for xcomp, conj and relcl."""
    tok = verb
    for _ in range(6):
        for c in tok.children:
            if c.dep_ in SUBJECTS or (c.dep_ == "nsubjpass" and tok.lemma_.lower() in _STATIVE_PASSIVES):
                c = past_dateline(c)
                if c is not None:
                    return c
        if tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN"):
            return tok.head
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
            # "rebels fighting the army": the noun acts; "a declaration demanding ...": whoever
            # issued the declaration does.
            noun = tok.head
            if noun.ent_type_ in ("PERSON", "NORP", "ORG", "GPE") or actor_code(phrase(noun).text):
                return noun
            if noun.dep_ in OBJECTS and noun.head.pos_ in ("VERB", "AUX"):
                tok = noun.head
                continue
            return None
        if tok.dep_ == "xcomp":
            # Object control: "urged Iraq to comply" -> the object acts; subject control otherwise.
            objs = objects(tok.head)
            if objs and tok.head.lemma_.lower() in ("urge", "order", "ask", "force", "call", "press", "help"):
                return objs[0]
            tok = tok.head
            continue
        if tok.dep_ in ("conj", "advcl", "acomp") or (tok.dep_ == "ccomp" and tok.head.dep_ == "acomp"):
            tok = tok.head
            continue
        return None
    return None


def _resolve_pronoun(tok):
    """A pronoun subject of a reported clause stands for the reporter ("Hungary said it will...")."""
    head = tok.head
    for _ in range(6):
        if head.dep_ in ("ccomp", "xcomp", "advcl", "conj") and head.head != head:
            head = head.head
            for c in head.children:
                if c.dep_ in SUBJECTS and not (c.pos_ == "PRON" and c.lower_ in PRONOUNS):
                    return c
        else:
            break
    return None


def event_sources(trigger: Trigger) -> list[Actor]:
    anchor = trigger.anchor
    if trigger.source_tok is not None:
        return actors_of(trigger.source_tok)
    agent = [gc for c in anchor.children if c.dep_ == "agent" for gc in c.children if gc.dep_ == "pobj"
             and gc.i != trigger.token.i]  # ("brought to a standstill by a general strike": the event itself)
    if agent:
        return actors_of(agent[0])
    if trigger.standalone or (trigger.token != anchor and trigger.token.dep_ in ("nsubj", "nsubjpass")):
        # A noun event on its own: "talks between Russia and the US", "the Putin-Trump summit".
        between = _noun_participants(trigger.token)
        if between:
            return between
    subj = subject_token(anchor)
    if subj is None:
        return []
    if trigger.standalone and subj.i != trigger.token.i and subj.lemma_.lower() in NOUNS:
        return []  # "the success ... would help in negotiations": an event is no one's source
    if subj.pos_ == "PRON":
        resolved = _resolve_pronoun(subj)
        if resolved is None:
            return actors_of(subj)  # through the coreference chains, where there are any
        subj = resolved
    elif subj.lemma_.lower() in _OWN_STATE and not actors_of(subj) and any(
            c.dep_ == "poss" and c.pos_ == "PRON" for c in subj.children):
        # "Ecuadorean officials said their country had agreed": the state of the one who said so
        subj = _resolve_pronoun(subj) or subj
    if subj.i == trigger.token.i:  # the event noun is the subject ("the meeting will take place")
        return _noun_participants(trigger.token)
    return actors_of(subj)


# What a possessive pronoun's speaker stands for as a state ("their country", "its government").
_OWN_STATE = frozenset({"country", "government", "nation", "state", "administration", "authorities"})
# Event nouns of an act with no object, whose "of" names who does it ("the resignation of the minister").
_DONE_BY_ITS_OF = frozenset({"resignation", "arrival", "departure", "defection", "walkout", "surrender"})


def _noun_participants(noun) -> list[Actor]:
    """Who an event noun names as doing it: "talks between X and Y", "the bombing ... by government
    aircraft", "a Russian offensive", "the Putin-Trump summit"."""
    out: list[Actor] = []
    for c in noun.children:
        if c.dep_ == "prep" and (c.lower_ == "between" or c.lower_ == "of" and (
                NOUNS.get(noun.lemma_.lower(), ("",))[0] == "CONSULT" or noun.lemma_.lower() in _DONE_BY_ITS_OF)):
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(actors_of(p) or the_two(p))
        elif c.dep_ in ("compound", "amod", "poss", "nmod") and c.pos_ in ("PROPN", "ADJ", "NOUN"):
            found = actor_code(c.text)
            if found:
                out.append(Actor(text=c.text, code=found[0], sector=found[1], start=c.idx, end=c.idx + len(c.text)))
    for p in noun_doers(noun):
        out.extend(actors_of(p))
    return out


def event_targets(trigger: Trigger, sources: list[Actor]) -> list[Actor]:
    tok, anchor = trigger.token, trigger.anchor
    source_spans = {(a.start, a.end) for a in sources}
    if trigger.target_tok is not None:
        return actors_of(trigger.target_tok)
    candidates: list = []
    # A noun event on its own takes its targets from its own words ("talks with Iran"), not from
    # the clause it sits in.
    verbs = [] if trigger.standalone else list(dict.fromkeys([anchor, tok]))
    for verb in verbs:
        for c in verb.children:
            if c.dep_ in ("dative",) and c.pos_ != "ADP":
                candidates.append(c)
        for c in verb.children:
            if c.dep_ == "nsubjpass" or c.dep_ in OBJECTS and not (
                    trigger.type == "CONSULT" and verb.lemma_.lower() in _TOPIC_VERBS):
                candidates.append(c)  # what is discussed is the topic, not a party to the talks
        for c in verb.children:
            if c.dep_ in ("ccomp", "xcomp") and trigger.type in ("DEMAND", "THREATEN", "DISAPPROVE", "REJECT", "AGREE"):
                for gc in c.children:
                    if gc.dep_ in SUBJECTS + ("nsubjpass",) and gc.pos_ != "PRON":
                        candidates.append(gc)
                    if gc.dep_ in OBJECTS or gc.dep_ == "dative" and gc.pos_ != "ADP":
                        candidates.append(gc)  # "agreed to lend Indonesia ...": the recipient
                    if gc.dep_ == "prep" and gc.lower_ in _TARGET_PREPS:
                        candidates.extend(p for p in gc.children if p.dep_ == "pobj")
        topic = trigger.type == "CONSULT" and verb.lemma_.lower() in _TOPIC_VERBS
        for c in list(verb.children) + ([] if topic else [gc for o in objects(verb) for gc in o.children]):
            if c.dep_ in ("prep", "dative") and c.lower_ in _TARGET_PREPS + ("of", "in", "over", "between"):
                candidates.extend(p for p in c.children if p.dep_ == "pobj")
    if tok.pos_ in ("NOUN", "PROPN"):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS + ("of",):
                candidates.extend(p for p in c.children if p.dep_ == "pobj")
            if c.dep_ in ("acl", "ccomp", "relcl") and trigger.type in ("DEMAND", "THREATEN", "AGREE"):
                # "renewed its demand that Pakistan hand over ...": who is to act is whom it is made of
                candidates.extend(gc for gc in c.children if gc.dep_ in SUBJECTS and gc.pos_ != "PRON")
    source_codes = {a.code for a in sources}
    # Objects first, then "against / with / to ..." objects, and "in X" last (usually the place).
    rank = {p: i for i, p in enumerate(("against", "with", "to", "on", "toward", "towards", "upon", "at", "from",
                                        "into", "for", "between", "of", "over", "in"))}
    candidates.sort(key=lambda c: rank.get(c.head.lower_, -1) if c.dep_ == "pobj" else -1)
    for cand in candidates:
        if cand.dep_ == "pobj" and cand.head.lower_ in ("in", "at") and trigger.type == "CONSULT":
            continue  # where a meeting is held is its place, not a party to it
        if cand.dep_ in OBJECTS and trigger.type in _VERBAL_TYPES and cand.lemma_.lower() in NOUNS:
            # "condemned the Israeli air strikes", "welcomed Iran's decision": an act is its actor's
            actors = [a for a in _modifier_actors(cand) if (a.start, a.end) not in source_spans]
            if actors:
                return actors
        if cand.i == tok.i or cand.lemma_.lower() in NOUNS and cand.head.i == tok.i:
            continue  # the event noun itself: its "with" / "against" objects are the targets
        if cand.dep_ in OBJECTS and cand.left_edge.i <= tok.i <= cand.right_edge.i:
            continue  # "held a second round of discussions in Islamabad": the phrase holding the event
        actors = [a for a in actors_of(cand) if (a.start, a.end) not in source_spans
                  and not (a.text.lower() in PRONOUNS and a.code in source_codes)]
        if cand.dep_ == "pobj" and cand.head.lower_ == "in":
            # "in X" is usually the place; it is the target only when it names someone else.
            actors = [a for a in actors if a.code not in source_codes]
        if actors:
            return actors
    return []


# Verbal acts about another's act: the target is who did the act their object names.
_VERBAL_TYPES = frozenset({"DISAPPROVE", "SUPPORT", "REJECT", "DEMAND", "THREATEN", "AGREE"})


def _modifier_actors(noun) -> list[Actor]:
    """The actors a noun's nationality or possessor names ("the Israeli strikes", "Iran's programme")."""
    out = []
    for c in noun.children:
        if c.dep_ in ("amod", "compound", "poss", "nmod") and c.pos_ in ("ADJ", "PROPN", "NOUN"):
            found = actor_code(phrase(c).text) or actor_code(c.text)
            if found:
                out.append(Actor(text=c.text, code=found[0], sector=found[1], start=c.idx, end=c.idx + len(c.text)))
    for p in noun_doers(noun):
        out.extend(actors_of(p))
    return out


# Who a "when" clause names as doing the act ("... were killed when a suicide bomber blew himself up").
_ASSAILANTS = frozenset({"bomber", "gunman", "gunmen", "attacker", "assailant", "militant", "insurgent", "rebel",
                         "fighter", "jihadist", "militiaman", "militiamen", "kidnapper", "sniper"})
# Weapons and explosions, no one's name ("a car bomb exploded")
_INSTRUMENTS = frozenset({"bomb", "explosion", "blast", "device", "mine", "shell", "missile", "rocket", "grenade",
                          "ied", "explosive", "drone"})


# What a claim of responsibility or a blame names the doer of ("claimed the attack", "claimed
# responsibility for the bombing").
_CLAIMED = frozenset({"attack", "attacks", "bombing", "bombings", "killing", "killings", "responsibility", "assault",
                      "blast", "raid", "abduction", "kidnapping", "ambush", "shooting", "massacre", "strike"})


def claimed_doers(sent) -> list[tuple[Actor, str | None]]:
    """Who a sentence says did a violent act told before it: the subject of "claimed (responsibility for)
    the attack", the object of "blamed" (or of "blamed it on"), the object of "attributed the killing to".
    Each with the sector its words give, coded where its words name a country or a known group."""
    out = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma == "claim" and any(c.dep_ == "dobj" and c.lower_ in _CLAIMED for c in tok.children):
            heads = [c for c in tok.children if c.dep_ == "nsubj"]
        elif lemma == "blame":
            on = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "on" for p in c.children if p.dep_ == "pobj"]
            heads = on or [c for c in tok.children if c.dep_ == "dobj"]
        elif lemma == "attribute":
            heads = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children if p.dep_ == "pobj"]
        else:
            continue
        for head in heads:
            if head.pos_ == "PRON":
                continue
            found = actors_of(head)
            if found:
                out.extend((a, a.sector) for a in found)
            else:
                span = phrase(head)
                sector = actor_sector(span.text)
                if sector is not None:
                    out.append((Actor(text=span.text, sector=sector, start=span.start_char, end=span.end_char), sector))
    return out


def doer_unstated(trigger: Trigger) -> bool:
    """Whether the event's clause is a passive with no "by" phrase ("were arrested", "a curfew was imposed")."""
    anchor = trigger.anchor
    if trigger.standalone:
        # "a curfew was imposed": the event noun is the passive's subject
        tok = trigger.token
        return tok.dep_ == "nsubjpass" and not any(c.dep_ == "agent" for c in tok.head.children)
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in anchor.children) and not any(
        c.dep_ == "agent" for c in anchor.children)


def located_source(trigger: Trigger, code: str | None, place: str | None = None) -> list[Actor]:
    """PLOVER codes a domestic group by where it acts: protesters in Manila are Philippine, armed men who
    abduct in Grozny Russian. ``code`` is the country of the event's place (``events_context.place_country``),
    ``place`` the place as the sentence names it."""
    subj = subject_token(trigger.anchor)
    if trigger.type == "PROTEST" and code is not None and (subj is None or subj.lemma_.lower() in NOUNS):
        # "Riots broke out in Dakar", "Rallies were staged in Tbilisi", "a demonstration took place in
        # Whitehall": a protest that names no protesters is by the people of where it happens (the GSR's
        # "Demonstrators in Baghdad": Baghdad, IRQ)
        return [Actor(text=place or code, code=code, sector="CVL")]
    if subj is None:  # a passive's "by" phrase: "abducted by armed men in Grozny"
        subj = next((p for c in trigger.anchor.children if c.dep_ == "agent" for p in c.children
                     if p.dep_ == "pobj"), None)
    if subj is None:  # "two guards were killed when a car bomb planted by ... exploded": the bomb of the "when" clause
        subj = next((s for v in (trigger.anchor, *trigger.anchor.conjuncts) for c in v.children if c.dep_ == "advcl"
                     for s in [subject_token(c)] if s is not None and s.lemma_.lower() in _INSTRUMENTS | _ASSAILANTS), None)
    if subj is not None and subj.lemma_.lower() in _INSTRUMENTS:  # "a car bomb blamed on Basque separatists"
        subj = next((p for c in subj.children if c.dep_ == "acl" and c.lemma_.lower() in ("blame", "plant", "claim")
                     for pr in c.children if pr.dep_ in ("prep", "agent") and pr.lower_ in ("on", "by")
                     for p in pr.children if p.dep_ == "pobj"), subj)
    if subj is None or code is None or subj.pos_ == "PRON" or subj.lemma_.lower() in NOUNS:
        return []
    span = phrase(subj)
    sector = actor_sector(span.text)
    if sector is None and (trigger.type not in DOMESTIC_TYPES or subj.lemma_.lower() in _INSTRUMENTS):
        return []  # only role words ("rebels", "police", "students") say the group is local
    # (but whoever riots, attacks or fights at home with no country named is of the place: "armed men",
    # "a mob"; not a weapon: "a car bomb exploded" names no one, and the GSR records leave it uncoded)
    return [Actor(text=span.text, code=code, sector=sector, start=span.start_char, end=span.end_char)]


# Acts a state does at home, to its own people: where no other country is named, their target is the
# country where they happen (protesters in Jakarta protest against Indonesia's government; activists
# arrested in Nairobi are Kenyan; a curfew lifted in Algiers is lifted for Algerians).
DOMESTIC_TYPES = frozenset({"PROTEST", "COERCE", "ASSAULT", "FIGHT", "CONCEDE", "MOBILIZE"})


def located_target(trigger: Trigger, place: str | None, located: str | None, sources: list[Actor]) -> list[Actor]:
    """The target of a domestic act (``DOMESTIC_TYPES``) that names no country: a role phrase the act
    is done to ("15 opposition activists", "the government", "villagers"), coded with the country of
    the event's place (``located``), else of its one source country; a protest with no such phrase
    targets the country of its place (the government it is held against)."""
    codes = {a.code for a in sources if a.code}
    code = located or (codes.pop() if len(codes) == 1 else None)
    if code is None:
        return []
    verbs = [] if trigger.standalone else list(dict.fromkeys([trigger.anchor, trigger.token]))
    for verb in verbs:
        cands = [c for c in verb.children if c.dep_ in OBJECTS or c.dep_ == "nsubjpass"]
        cands += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("against", "on", "at", "with")
                  for p in c.children if p.dep_ == "pobj"]  # "with": "clashed with fighters of the ..."
        for cand in cands:
            if cand.pos_ == "PRON":
                continue
            span = phrase(cand)
            sector = actor_sector(span.text)
            if sector is not None and actor_code(span.text) is None:
                return [Actor(text=span.text, code=code, sector=sector, start=span.start_char, end=span.end_char)]
    if located and place and (trigger.type == "PROTEST" or sources):
        # a protest with no such phrase is against the government of its place; a curfew, a state of
        # emergency, an attack or a clash with none, by an actor it names, is done to the country's people
        return [Actor(text=place, code=code, sector="GOV" if trigger.type == "PROTEST" else None)]
    return []
