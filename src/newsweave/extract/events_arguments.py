"""What a verb's arguments say about the event it reports (for ``events_triggers``).

The same verb reports different events with different company: "delivered 12 patrol boats to the
navy" is aid, "walked out of peace talks" halts negotiations, "asked whether talks would resume" is
a question and "asked Castry for aid" a demand. These readers look at a verb's subject, particle,
complement and partners; the lexicon (``events_lexicon``) says what each reading is.
"""

from __future__ import annotations

from .actors import actor_sector
from .events_context import FUTURE_AUX, by_phone
from .events_lexicon import AID_GOODS, REPORTING_VERBS, TIES, VERB_OBJECT, VERB_PARTICLE
from .events_roles import BODIES, MEDIA
from .events_syntax import SUBJECTS, Trigger, objects, phrase

__all__ = [
    "BANS",
    "RECALLED",
    "asked_to_act",
    "blocks_media",
    "bodies_of",
    "by_civilians",
    "carries_aid",
    "civilians_block",
    "has_partner",
    "headline_verb",
    "held_with_another",
    "pen_to_paper",
    "reading_by_arguments",
    "spoken_act",
    "subject_lemma",
    "ties_signed",
    "to_peacekeeping",
    "verb_complement",
    "verb_particle",
]

_CARRIERS = frozenset({"convoy", "truck", "lorry", "shipment", "plane", "flight", "ship", "vessel", "consignment",
                       "airlift", "boat", "cargo", "delivery"})


def subject_lemma(verb) -> str | None:
    subj = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    return subj.lemma_.lower() if subj is not None else None


def carries_aid(verb) -> bool:
    """The subject of ``verb`` brings aid goods: a convoy, plane or shipment of them ("an aid convoy",
    "trucks carrying food and medicine"), or whoever arrives "with" them ("relief teams arrived with
    tonnes of food")."""
    subj = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    if subj is None:
        return False
    goods = set(AID_GOODS) - {"weapon", "arm", "hospital", "money"}
    words = {t.lemma_.lower() for t in subj.subtree}
    brought = {t.lemma_.lower() for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for t in c.subtree}
    return bool(words & _CARRIERS and words & goods) or bool(brought & goods)


def verb_particle(verb, lemma: str) -> str | None:
    """The verb's particle; also a word the parse took for an adverb or a preposition where the
    pair is a phrasal verb of the lexicon ("pulled its troops back", "voted down the deal")."""
    for c in verb.children:
        if c.dep_ == "prt":
            return c.lower_
    for c in verb.children:
        if c.dep_ in ("advmod", "prep") and c.i > verb.i and (
                (lemma, c.lower_) in VERB_PARTICLE or f"{lemma} {c.lower_}" in _PARTICLE_OBJECTS) and not (
                c.dep_ == "prep" and c.lower_ == "in" and any(g.dep_ == "pobj" for g in c.children)):
            # ("gave in to demands" is a phrasal verb; "gave 20 million in aid" a prepositional phrase)
            return c.lower_
    # "set free 23 schoolgirls": the word right after the verb taken for a modifier of its object
    nxt = verb.nbor() if verb.i + 1 < len(verb.doc) else None
    if nxt is not None and nxt.dep_ == "amod" and nxt.head in objects(verb) and (lemma, nxt.lower_) in VERB_PARTICLE:
        return nxt.lower_
    return None


# Phrasal verbs the lexicon lists only with their objects ("walk out" of talks).
_PARTICLE_OBJECTS = frozenset(k[0] for k in VERB_OBJECT if " " in k[0])


def to_peacekeeping(verb) -> bool:
    """Whether troops go "to a UN peacekeeping force", "for the peacekeeping mission" (AID, not MOBILIZE)."""
    return any(t.lemma_.lower() in ("peacekeeping", "peacekeeper", "peacekeep")
               for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "for", "into", "with")
               for t in c.subtree)


def headline_verb(token) -> bool:
    """A headline's verb the tagger took for a noun ("Zimbabwe police raze 300 shacks"): the root,
    tagged as a verb or with a subject of its own."""
    return token.pos_ == "NOUN" and token.dep_ == "ROOT" and (
        token.tag_.startswith("VB") or any(c.dep_ == "nsubj" for c in token.children))


def asked_to_act(verb) -> bool:
    """"asked them to leave", "asked that troops withdraw" — not "asked whether talks would resume"."""
    comp = verb_complement(verb)
    return comp is not None and not any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in comp.children)


def held_with_another(noun) -> bool:
    """An act held by two sides: "with" another beside the noun or its verb, or two subjects of its
    verb ("Turkish and Israeli warships", "Kessan and Moravine")."""
    verb = noun.head if noun.dep_ in ("dobj", "obj", "nsubjpass") else None
    if any(c.dep_ == "prep" and c.lower_ == "with" for w in (noun, verb) if w is not None for c in w.children):
        return True
    subj = next((c for c in verb.children if c.dep_ in SUBJECTS), None) if verb is not None else None
    return subj is not None and (bool(subj.conjuncts) or any(c.conjuncts for c in subj.children if c.dep_ == "amod"))


def has_partner(verb) -> bool:
    """A consultation needs two sides: "talked with X", "X and Y discussed", "the leaders spoke"."""
    if any(c.dep_ == "prep" and c.lower_ in ("with", "to") for c in verb.children):
        return True
    if by_phone(Trigger(verb, verb, "CONSULT", None)):
        return True
    subj = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    if subj is None:
        return verb.lemma_.lower() == "discuss" and bool(objects(verb))
    return bool(subj.conjuncts) or subj.tag_ in ("NNS", "NNPS") or subj.lower_ in ("they", "we", "both")


# ---------------------------------------------------------------------------- triggers


def verb_complement(tok):
    for c in tok.children:
        if c.dep_ == "xcomp" and (c.pos_ in ("VERB", "AUX") or c.tag_.startswith("VB")):
            return c
    for c in tok.children:
        if c.dep_ in ("ccomp",) and c.lemma_.lower() not in REPORTING_VERBS and tok.lemma_.lower() in (
                "demand", "insist", "urge", "ask", "agree", "deny", "threaten", "warn", "propose", "request"):
            return c
    return None


_WORKERS = frozenset({"worker", "union", "employee", "miner", "docker", "striker", "driver", "teacher", "nurse",
                      "doctor", "staff", "trucker", "farmer"})


def doer_lemma(verb) -> str | None:
    """The subject's lemma; for a pronoun in a reported clause, the reporter's ("workers said they would")."""
    lemma = subject_lemma(verb)
    if lemma in ("they", "we", "it") and verb.dep_ == "ccomp":
        return subject_lemma(verb.head)
    return lemma


def reading_by_arguments(token, lemma: str, particle: str | None) -> tuple[str | None, str | None] | None:
    """The event a verb reports by the company it keeps, where its prepositions, objects or subject
    decide: "put ... on high alert" (MOBILIZE), "respond with force" (FIGHT), "take to a tribunal"
    (DISAPPROVE), workers "shut down production" (PROTEST), "sat down with" (CONSULT), "put aid on
    ice" (SANCTION), "asked for aid" (DEMAND). None where none of these applies; (None, None) where the
    arguments say the verb reports no event."""
    preps = {(c.lower_, p.lemma_.lower()) for c in token.children if c.dep_ == "prep" for p in c.children
             if p.dep_ == "pobj"}
    if lemma in ("warn", "caution") and any(p == "against" for p, _ in preps) and verb_complement(token) is None:
        return ("DISAPPROVE", None)  # "warned Israel against any expansion of settlements" (CAMEO 11)
    if lemma == "declare" and any(t.lower_ == "grata" for t in token.subtree):
        return ("SANCTION", "expel")  # "declared two embassy employees persona non grata" (166)
    if lemma in ("put", "place") and any(c.dep_ == "prep" and c.lower_ == "on" and any(
            t.lemma_.lower() == "alert" for t in c.doc[c.i + 1:c.i + 4]) for c in token.children):
        return ("MOBILIZE", "alert")  # "put its frontline units on high alert" (CAMEO 152)
    if lemma == "meet" and {o.lemma_.lower() for o in objects(token)} & {"response", "reply", "retaliation"} and any(
            c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in token.children):
        return ("THREATEN", None)  # "any misadventure will meet a befitting response" (CAMEO 138)
    if lemma in ("respond", "react", "retaliate") and {("with", "force"), ("with", "attack")} & preps:
        return ("FIGHT", None)  # "will respond with full military force" (a threat where it is to come)
    if lemma == "take" and {("to", "court"), ("to", "tribunal"), ("to", "arbitration")} & preps:
        return ("DISAPPROVE", "sue")  # "would take China to an international tribunal" (CAMEO 115)
    if lemma in ("shut", "halt", "stop") and {o.lemma_.lower() for o in objects(token)} & {"production", "output", "work"} \
            and doer_lemma(token) in _WORKERS:
        return ("PROTEST", "strike")  # workers shutting down production: a strike (CAMEO 143)
    if lemma in ("build", "complete", "open", "launch", "inaugurate", "finish", "construct") and any(
            c.lower_ in ("joint", "jointly") for o in objects(token) for c in o.subtree):
        return ("COOPERATE", None)  # "completed a jointly built highway": a joint project (CAMEO 06)
    if lemma == "sit" and particle == "down" and any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children):
        return ("CONSULT", None)  # "sat down with Paraguayan counterparts": a meeting (CAMEO 04)
    if lemma == "put" and any(p.lemma_.lower() in ("hold", "ice") for c in token.children
                              if c.dep_ == "prep" and c.lower_ == "on" for p in c.children):
        # "put development aid on ice / on hold": suspended (as "suspend aid", "suspend talks")
        for obj in objects(token):
            found = VERB_OBJECT.get(("suspend", obj.lemma_.lower())) or VERB_OBJECT.get(("halt", obj.lemma_.lower()))
            if found:
                return found
        return ("SANCTION", "discontinue") if objects(token) else None
    if lemma in ("ask", "appeal", "plead") and (
            any(c.dep_ == "prep" and c.lower_ in ("for", "to") for c in token.children) and lemma != "ask"
            or any(c.dep_ == "prep" and c.lower_ == "for" for c in token.children)
            or asked_to_act(token)):
        # "asked the US for aid", "appealed to Colombo to allow convoys": a request, which the GSR
        # codes as a demand ("sought refuge" is DEMAND there); "asked whether ..." is a question
        return ("DEMAND", None)
    agents = {p.lemma_.lower() for c in token.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"}
    if lemma == "back" and agents & _ARMS_AND_FORCES:
        return (None, None)  # "assaults backed by artillery and glide bombs": no endorsement (051)
    if lemma == "pick" and particle == "up" and (agents | {doer_lemma(token)}) & _LAW_ENFORCERS:
        return ("COERCE", "arrest")  # "picked up by plainclothes officers" (CAMEO 173)
    if lemma == "order" and any(c.dep_ in ("oprd", "acl", "xcomp", "ccomp") and c.lemma_.lower() in _HELD
                                for o in objects(token) for c in (*o.children, *token.children)):
        return ("COERCE", "detain")  # "a court ordered a journalist held in pre-trial detention"
    return None


_ARMS_AND_FORCES = frozenset({"artillery", "bomb", "tank", "aircraft", "jet", "drone", "missile", "rocket", "troop",
                              "helicopter", "gunship", "warplane", "mortar", "armour", "armor"})
_LAW_ENFORCERS = frozenset({"officer", "police", "policeman", "agent", "force", "security", "soldier", "man"})
_HELD = frozenset({"hold", "detain", "jail", "remand", "imprison", "keep"})


def spoken_act(verb, lemma: str, particle: str | None) -> tuple[str | None, str | None] | None:
    """Idioms whose type is set by the verb with a preposition or a negation (CAMEO lines named
    below); ``(None, None)`` when the idiom reports no event of its own, None when it is no idiom."""
    preps = {c.lower_: c for c in verb.children if c.dep_ == "prep"}
    if particle is not None:
        preps.update({c.lower_: c for p in verb.children if p.lower_ == particle for c in p.children
                      if c.dep_ == "prep"})
    objs = objects(verb)
    if lemma == "hit" and (particle == "back" or any(c.lower_ == "back" for c in verb.children if c.dep_ == "advmod")):
        # "hits back at Dorvane over a ban": a retort, criticism (111); "hit back with air strikes"
        # is force, read by the manual's lines
        return ("DISAPPROVE", None) if "at" in preps and "with" not in preps else (None, None)
    if lemma == "take" and any(c.lower_ == "task" and c.dep_ in ("xcomp", "pobj", "advcl") for c in verb.subtree):
        return ("DISAPPROVE", None)  # "took the ministry to task over ...": a rebuke (111)
    if lemma in ("comb", "scour", "search") and "for" in preps:
        return ("INVESTIGATE", None)  # "inspectors combed the site for traces of nerve agent": a search (09)
    if lemma == "shake" and "on" in preps and any(o.lemma_.lower() == "hand" for o in objs):
        return ("AGREE", None)  # "shook hands on a deal": agreeing (03), not the deal's act
    support = preps.get("in")
    if support is not None and any(c.dep_ == "pobj" and c.lemma_.lower() in ("support", "favour", "favor")
                                   for c in support.children):
        return ("SUPPORT", None)  # "came out in support of a bid": endorsing it (051)
    if lemma == "blast" and objs and "into" not in preps and "onto" not in preps and (
            objs[0].lemma_.lower() in _CRITICIZED or objs[0].ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
            or "as" in preps or "over" in preps or "for" in preps):
        return ("DISAPPROVE", None)  # "blasted the budget", "blasted X as reckless": criticism (111)
    negated = any(c.dep_ == "neg" for c in verb.children)
    if lemma == "rule" and particle == "out" and negated and any(
            o.lemma_.lower() in _FORCE_ACTS or any(c.lemma_.lower() == "military" for c in o.children) for o in objs):
        return ("THREATEN", None)  # "did not rule out military action": a threat of force (138)
    if lemma == "refuse" and any(o.lemma_.lower() in _FOOD and all(c.dep_ == "det" for c in o.children) for o in objs):
        return ("PROTEST", "strike-hun")  # prisoners who "refused food": a hunger strike (1422)
    return None


# What criticism is aimed at when "blasted" is no explosion.
_CRITICIZED = frozenset({"reform", "plan", "budget", "policy", "decision", "bill", "law", "proposal", "government",
                         "move", "ruling", "report", "handling", "response", "deal", "verdict", "minister",
                         "measure", "scheme", "tax", "cut", "leadership", "administration", "opposition", "remark",
                         "comment", "statement", "approach", "strategy", "regime", "agreement", "idea"})
_FORCE_ACTS = frozenset({"action", "force", "strike", "attack", "invasion", "intervention", "war", "retaliation",
                         "operation", "offensive", "incursion"})
_FOOD = frozenset({"food", "meal", "water", "nourishment", "solids"})


# Who is recalled in a withdrawal (CAMEO 161, 1661) besides envoys; verbs that ban or suspend a body.
RECALLED = frozenset({"troop", "force", "soldier", "contingent", "mission", "delegation", "negotiator", "team"})
BANS = frozenset({"suspend", "ban", "dissolve", "outlaw", "proscribe", "deregister", "shut", "close"})


def bodies_of(objs) -> bool:
    """Whether the objects are organisations or parties, or the operations or licences of some."""
    return any(o.lemma_.lower() in BODIES or any(p.lemma_.lower() in BODIES for c in o.children
                                                  if c.dep_ == "prep" and c.lower_ == "of" for p in c.subtree)
               for o in objs)


def ties_signed(deal) -> bool:
    """Whether a signed deal opens or improves relations ("a treaty of friendship and cooperation", "an
    accord on diplomatic ties"): the manual's SUPPORT (057), where a deal that settles something is AGREE."""
    return any(t.lemma_.lower() in TIES for t in deal.subtree if t is not deal)


def pen_to_paper(verb) -> tuple[str, str | None] | None:
    """ "put pen to paper on a deal": signing it (AGREE, as ``SIGN_VERBS``; SUPPORT for a treaty of
    friendship, as ``ties_signed`` reads "signed" one)."""
    deals = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "on" for p in c.children if p.dep_ == "pobj"]
    signing = VERB_OBJECT.get(("sign", deals[0].lemma_.lower())) if deals else None
    if signing is not None and signing[0] == "AGREE" and ties_signed(deals[0]):
        return ("SUPPORT", None)
    return signing


def blocks_media(objs) -> bool:
    """Whether what is blocked is a medium, or access to one ("blocked access to the news website")."""
    return any(o.lemma_.lower() in MEDIA or o.lemma_.lower() == "access" and any(
        p.lemma_.lower() in MEDIA for c in o.children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children)
        for o in objs)


def by_civilians(noun) -> bool:
    """Whether a noun's "by" phrase, or its verb's subject, names civilians, workers or traders ("by Chilean
    truckers", "communities kept up blockades")."""
    doers = [p for c in noun.subtree if c.dep_ == "prep" and c.lower_ == "by" for p in c.children if p.dep_ == "pobj"]
    doers += [c for c in noun.head.children if c.dep_ in SUBJECTS] if noun.dep_ in ("dobj", "obj") else []
    return any(actor_sector(phrase(p).text) in _CIVILIANS | {"OPP"} for p in doers)


def civilians_block(verb) -> bool:
    """Whether a verb of blocking is done "in protest" or by civilians, workers or traders ("fishermen
    blocked the ferry berth", "... moored them side by side, blocking the berth"; not "the opposition
    blocked the bill")."""
    if any(t.lower_ == "in" and any(p.lemma_.lower() == "protest" for p in t.children) for t in verb.subtree):
        return True
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if not subjects and verb.dep_ in ("advcl", "conj", "xcomp"):
        subjects = [c for c in verb.head.children if c.dep_ in SUBJECTS]
    return any(actor_sector(phrase(c).text) in _CIVILIANS for c in subjects)


# The sectors of civilians, workers, farmers, traders and students (a blockade by the opposition's
# supporters is theirs too; a bill the opposition blocks is refused).
_CIVILIANS = frozenset({"CVL", "LAB", "AGR", "BUS", "EDU"})
