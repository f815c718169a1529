"""The PLOVER manual's lines between protest, repression, assault and fighting, as a sentence scorer.

The trigger rules of ``newsweave.extract.events`` read one word at a time ("killed" -> ASSAULT). The manual
draws the lines between the four material-conflict types by who acts on whom and with what:

- FIGHT: conventional military force: air strikes, shelling, armed clashes, taking territory
  (CAMEO 19, "Use conventional military force", 190-196);
- ASSAULT: bombings, IEDs, suicide attacks, abductions, killings and sexual violence against
  civilians (CAMEO 18 and 20: "Use unconventional violence", "Conduct suicide, car, or other
  non-military bombing", "Abduct, hijack", "Sexually assault", "Attempt to assassinate");
- COERCE: arrests, crackdowns, curfews, bans, deportations, and force used against protesters
  (CAMEO 17: "Arrest, detain", "Impose curfew", "Impose restrictions on political freedoms");
- PROTEST: demonstrations, strikes, sit-ins, blockades and riots ("Protest violently, riot", 145).

``manual_reading(sent)`` scores every word of a sentence that the manual's definitions name, sets
its type from the actors around it (a crowd that burns cars riots; police firing on protesters
coerce; troops firing on rebels fight; gunmen killing villagers assault), and returns the reading
of the word nearest the sentence's main clause. ``manual_reading`` also finds the event a
sentence reports when the trigger rules found none ("took to the streets", "walked off the job"):
the same reading, which needs no trigger word of the rules.

``figurative(tok, words)`` tells when a word that also names other things (attack, target, fire,
fight, battle, rally, march ...) is not used of violence or protest: nothing in its sentence says
armed or police actors, weapons, victims or casualties (for a protest word: a crowd, a union, the
street). "A legal battle", "shares rallied", "targeting voters" report no event.

The word lists are written from the manual's definitions and mode tables and the CAMEO -> PLOVER
table, and checked on fictional snippets written for the tests (tests/data/events_fictional*.jsonl);
nothing here is fitted to an evaluation set. The weights are in ``SCORER_CONFIG``.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import events_lexicon as lexicon
from . import events_roles as roles
from .events_lexicon import MATERIAL_PHRASES as _PHRASES
from .events_lexicon import MATERIAL_WORDS as _OWN_TYPE
from .events_lexicon import VERBS
from .events_syntax import (
    into_the_air,
    is_passive,
    left_a_place,
    lemmas,
    noun_doers,
    objects_and_conjuncts,
    past_dateline,
    role_words,
    strikes_on_a_place,
    to_death,
)

__all__ = ["MATERIAL_CONFLICT", "SCORER_CONFIG", "Reading", "clause_depth", "figurative", "manual_reading", "sentence_words"]

MATERIAL_CONFLICT = frozenset({"PROTEST", "COERCE", "ASSAULT", "FIGHT"})

# How far a word is from the sentence's main event: each clause boundary on the way to the root
# adds ``clause_step``; an event noun (not a verb) adds ``noun_step``, so that "condemned the
# bombing" stays a condemnation while "took to the streets" is a protest.
SCORER_CONFIG = {"clause_step": 1.0, "noun_step": 0.5, "modifier_step": 1.0}

# Acts of force whose type depends on who does it to whom.
_FORCE = frozenset({"kill", "attack", "shoot", "fire", "wound", "injure", "beat", "storm", "hit", "strike", "pound",
                    "blast",
                    "target", "raid", "ambush", "gun", "murder", "slay", "torch", "burn", "hurl", "throw",
                    "open", "assault", "seize", "capture", "take", "pelt", "stone",
                    # destroying or plundering property: a crowd's riot, gunmen's assault, police repression
                    "ransack", "pillage", "plunder", "sink",
                    # troops invade a country (FIGHT), bandits a village (ASSAULT), a crowd a parliament (a riot)
                    "invade"})
# Civilian premises a raid by the state's forces represses (COERCE), not a military objective.
_PREMISES = frozenset({"office", "home", "house", "headquarters", "newspaper", "station", "radio", "studio",
                       "university", "campus", "church", "mosque", "shop", "residence", "apartment", "printer"})
_CUE_WEAPONS = frozenset({"strike", "airstrike", "shell", "shelling", "bombardment", "bomb", "missile", "rocket",
                          "mortar", "drone", "blast", "explosion", "shellfire", "artillery", "raid", "attack"})
_CLOSURES = frozenset({"closure", "shutdown", "closing", "suspension", "ban", "dissolution", "liquidation"})
_ARMS = frozenset({"ammunition", "bullet", "round", "force", "weapon", "gun", "firearm", "rifle", "fire"})
_PROTESTERS = frozenset({"protester", "protestor", "demonstrator", "crowd", "rioter", "marcher", "student",
                         "striker", "mob", "mourner"})
# Territory an armed force takes (CAMEO 190: "occupy territory", the manual's FIGHT: taking territory).
_TERRITORY = frozenset({"town", "city", "village", "area", "territory", "district", "region", "province", "hill",
                        "ridge", "airport", "base", "position", "stronghold", "outpost", "crossing", "port", "bridge"})
# Verbs of damage whose subject may be the weapon ("a missile strike destroyed the bridge").
_DAMAGE = frozenset({"destroy", "damage", "hit", "flatten", "level", "wreck", "demolish", "raze"})
# Explosives not incorporated in a heavy weapon (manual, ASSAULT modes: "mines, IEDs, car bombs"); a
# grenade is an infantry weapon, so who throws it at whom decides ("rocket-propelled grenades" on an
# army base are fighting).
_UNCONVENTIONAL = frozenset({"bomb", "bombing", "explosive", "ied", "suicide", "landmine", "blast"})
_ONE_SIDED = frozenset({"beat", "torture", "lynch", "rape", "stab"})
_HEAVY_WEAPONS = frozenset({"artillery", "tank", "warplane", "jet", "aircraft", "helicopter", "gunship", "missile",
                            "rocket", "mortar", "drone", "glide"})  # "glide bombs": dropped from aircraft
_CLAUSE_DEPS = frozenset({"advcl", "relcl", "acl", "ccomp", "xcomp", "pcomp", "conj", "csubj", "parataxis"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss", "npadvmod"})
_REPORTING = frozenset({"say", "tell", "report", "state", "add", "claim", "announce", "confirm", "accord"})


@dataclass(frozen=True)
class Reading:
    """A sentence's material-conflict event as the manual reads it: the word that carries it."""

    type: str
    mode: str | None
    token: object  # the spaCy token that names the act
    depth: float  # distance from the main clause (0: the main verb itself)


def clause_depth(tok) -> float:
    """How deep ``tok`` sits below the sentence's main clause (reporting verbs are looked through)."""
    depth = SCORER_CONFIG["noun_step"] if tok.pos_ in ("NOUN", "PROPN") else 0.0
    cur = tok
    for _ in range(40):
        if cur.head is cur:
            break
        # (a reporting verb's clause is looked through, not a report noun's: "investigating reports that ...")
        if cur.dep_ in _CLAUSE_DEPS and not (cur.dep_ == "ccomp" and cur.head.lemma_.lower() in _REPORTING
                                             and cur.head.dep_ not in ("dobj", "obj", "pobj", "nsubj", "nsubjpass")):
            depth += SCORER_CONFIG["clause_step"]
        elif cur.dep_ in _MODIFIER_DEPS:
            depth += SCORER_CONFIG["modifier_step"]
        cur = cur.head
    if cur.lemma_.lower() in _REPORTING and tok is not cur and tok.head is cur and tok.dep_ in ("nsubj", "dobj"):
        depth += SCORER_CONFIG["clause_step"]  # "a newspaper said": the reporter, not the event
    return depth


sentence_words = lemmas


def _subject(verb):
    cur = verb
    for _ in range(4):
        for c in cur.children:
            if c.dep_ == "agent":
                return next((p for p in c.children if p.dep_ == "pobj"), None)
        for c in cur.children:
            if c.dep_ == "nsubj" and (subject := past_dateline(c)) is not None:
                return subject  # not the dateline the parser took for it
        if cur.dep_ in ("conj", "xcomp", "advcl") and cur.head is not cur:
            cur = cur.head
            continue
        if cur.dep_ == "pcomp" and cur.head.head is not cur.head:
            cur = cur.head.head  # "resorted to throwing stones"
            continue
        if cur.dep_ in ("relcl", "acl") and cur.head.pos_ in ("NOUN", "PROPN"):
            return cur.head
        return None
    return None


def _victims(verb) -> set[str]:
    out: set[str] = set()
    for c in verb.children:
        if c.dep_ in ("dobj", "obj", "nsubjpass"):
            out |= role_words(c)
        elif c.dep_ == "prep" and (c.lower_ in ("on", "at", "against", "into", "upon", "with")
                                   or c.lower_ == "to" and verb.lemma_.lower() == "set"):  # "set fire to houses"
            for p in c.children:
                if p.dep_ == "pobj":
                    out |= role_words(p)
    return out


def _by_actors(verb, sentence_words: set[str], doer: set[str] | None = None) -> tuple[str, str | None]:
    """The type of an act of force from who does it to whom (the manual's lines); ``doer`` where the
    caller knows better than the subject (an attack noun's own "insurgent", "rebels'")."""
    doer = role_words(_subject(verb)) if doer is None else doer
    if not doer and _subject(verb) is None:
        # "30 people were injured as supporters rampaged through the centre": a passive that names no doer
        # is done by whoever acts in the clause that says how it came about
        # ("... were killed on Friday when security forces fired on crowds": the parse may hang the
        # "when" clause on the date)
        how = [c for c in verb.children if c.dep_ == "advcl"] + [t for t in verb.subtree if t.dep_ == "relcl" and any(
            k.lower_ in ("when", "as") and k.dep_ in ("advmod", "mark") for k in t.children)]
        doer = next((words for c in how for words in [role_words(_subject(c))] if words), set())
    done_to = _victims(verb)
    means = lemmas(verb.subtree) | doer
    weapon = means & _HEAVY_WEAPONS
    if means & roles.TORTURE:
        return ("ASSAULT", "torture")  # torture in a cell, whoever does it
    if doer & roles.CROWD and to_death(verb):
        return ("ASSAULT", "beat")  # a mob's lynching
    if doer & roles.CROWD and not doer & (roles.POLICE | roles.STATE_ARMED) and "armed" not in doer:
        return ("PROTEST", "riot")  # a crowd throwing stones, burning cars: a riot ("armed youths" are no crowd)
    burnt = {t.lemma_.lower() for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass") for t in (c, *c.conjuncts)}
    if not doer and burnt and burnt <= roles.STREET_PROPERTY:
        return ("PROTEST", "riot")  # "cars and bins were set ablaze" night after night, no one named: rioting
    if means & _UNCONVENTIONAL and not (doer & roles.STATE_ARMED and means & _HEAVY_WEAPONS):
        # A bomb attack is an assault whoever it hits (CAMEO 183); not forces' "artillery and glide bombs".
        return ("ASSAULT", "explosives")
    if doer & roles.POLICE and (done_to | sentence_words) & _PROTESTERS or doer & roles.STATE_ARMED and done_to & _PROTESTERS:
        return ("COERCE", "restrict")  # force used against protesters, by the police or the army
    if doer & roles.POLICE and not done_to & roles.ARMED_GROUP:
        return ("COERCE", "restrict")
    if verb.lemma_.lower() in ("raid", "storm") and doer & (roles.POLICE | roles.STATE_ARMED) and (
            done_to & _PREMISES and not done_to & (roles.ARMED_GROUP | roles.STATE_ARMED)):
        # Raiding offices, homes or newspapers is repression of civilians and their property
        # (COERCE: "confiscate property", "destroy property"), not combat.
        return ("COERCE", "seize")
    if verb.lemma_.lower() in ("raid", "storm", "sweep", "surround") and doer & (roles.POLICE | roles.STATE_ARMED) and any(
            c.lemma_.lower() in roles.ARRESTS for k in (*verb.conjuncts, *(k for k in verb.children if k.dep_ == "advcl"))
            for c in (k, *k.conjuncts)  # "raided the village, searching homes and arresting 14"
    ) and not sentence_words & roles.KILLED:
        # "soldiers stormed the village and detained 12 residents": a raid to arrest (COERCE), no assault
        return ("COERCE", "arrest")
    if weapon:
        return ("FIGHT", "heavy-weapons")  # artillery, aircraft, tanks: conventional force (CAMEO 194-195)
    if verb.lemma_.lower() in _ONE_SIDED and not any(c.dep_ == "prt" and c.lower_ == "back" for c in verb.children):
        return ("ASSAULT", "beat")  # beating, torture: physical assault whoever does it (CAMEO 182)
    if doer & roles.ASSAILANT and not doer & (roles.STATE_ARMED | roles.ARMED_GROUP):
        return ("ASSAULT", None)
    if done_to & roles.CIVILIAN and not done_to & (roles.STATE_ARMED | roles.ARMED_GROUP):
        return ("ASSAULT", None)
    if doer & roles.STATE_ARMED or done_to & (roles.ARMED_GROUP | roles.STATE_ARMED):
        # armed forces, or force used on an armed group or on soldiers: armed clashes (CAMEO 190)
        return ("FIGHT", None)
    if doer & roles.ARMED_GROUP and done_to & roles.ARMED_TARGET:
        return ("FIGHT", None)
    return ("ASSAULT", None)


def _word_reading(tok, sentence_words: set[str]) -> tuple[str, str | None] | None:
    lemma = tok.lemma_.lower()
    kids = {c.lemma_.lower() for c in tok.children}
    kids |= {p.lemma_.lower() for c in tok.children if c.dep_ in ("prep", "dobj", "prt") for p in c.children}
    if lemma == "walk" and (left_a_place(tok) or lemmas(
            t for c in tok.children if c.dep_ in ("prep", "prt") for t in c.subtree) & roles.NEGOTIATIONS):
        return None  # "walked out of peace talks" (SANCTION) or "of his house": no strike
    for other in kids:
        for pair in ((lemma, other), (other, lemma)):
            if pair in _PHRASES:
                return _PHRASES[pair]
    if tok.dep_ == "compound" and (lemma, tok.head.lemma_.lower()) in _PHRASES:
        return None  # read at the head ("air strike", "tear gas")
    if tok.pos_ in ("VERB", "AUX"):
        if lemma in _GATHER and (is_passive(tok) or any(c.lower_ == "behind" for c in tok.children
                                                        if c.dep_ in ("prep", "prt"))):
            return None  # "rallied behind the minister" (SUPPORT 051), hostages "marched into the jungle": no protest
        if into_the_air(tok):
            return None  # shots "fired into the air": no force used on anyone
        subj = _subject(tok)
        # "a landing ship was struck": no labour strike (but "a deal was struck" is no blow either)
        passive = any(c.dep_ == "nsubjpass" and c.lemma_.lower() not in roles.STRUCK_NOT_HIT for c in tok.children)
        if lemma in _DAMAGE and subj is not None and subj.pos_ == "NOUN" and subj.lemma_.lower() in _CUE_WEAPONS:
            found = _word_reading(subj, sentence_words)  # "a missile strike destroyed the bridge": the strike
            if found is not None and found[0] in MATERIAL_CONFLICT:
                return found
        objs_ = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
        if lemma in _DAMAGE and {o.lemma_.lower() for o in objs_} & roles.MILITARY_OBJECTIVES:
            return ("FIGHT", None)  # "the air force destroyed an insurgent logistics base": force on a military objective
        if lemma in ("fill", "throng", "pack", "jam") and {o.lemma_.lower() for o in objs_} & roles.THOROUGHFARES and (
                role_words(_subject(tok)) & (roles.CROWD | {"people", "thousand", "hundred", "tens"})):
            return ("PROTEST", "demo")  # "tens of thousands of people filled Rustaveli Avenue outside Parliament"
        if lemma in _TAKERS and _to_custody(tok):
            return ("COERCE", "arrest")  # "hauled off to police stations", "taken to jail": detention (CAMEO 173)
        if lemma in ("order", "decree"):
            # A government ordering an arrest, a curfew, a channel's closure: the order is the act ("was
            # ordered"; "ordered that 14 activists be detained", "ordered police to disperse the crowd").
            ordered = objs_ + [c for c in tok.children if c.dep_ == "nsubjpass"]
            ordered += [c for c in tok.children if c.dep_ in ("ccomp", "xcomp")]
            if any(c.lower_ == "off" and any(p.lemma_.lower() == "air" for p in c.children) for c in tok.children):
                return ("COERCE", "censor")  # "ordered Televisora del Llano off the air"
            # the first of them that names an act ("ordered them to kill those inside": the killing)
            found = next((r for o in ordered if (r := _word_reading(o, sentence_words)) is not None), None)
            if found is not None and found[0] in MATERIAL_CONFLICT - {"PROTEST"}:
                return found
        if lemma in ("use", "employ") and {o.lemma_.lower() for o in objs_} & _ARMS and any(
                c.dep_ == "prep" and c.lower_ in ("against", "on") for c in tok.children):
            return _by_actors(tok, sentence_words)  # "used live ammunition against crowds"
        if lemma == "set" and any(c.lemma_.lower() == "fire" and c.dep_ in ("dobj", "obj") or c.lower_ in ("ablaze", "alight")
                                  for c in tok.children):
            return _by_actors(tok, sentence_words)  # arson: who sets fire to what decides (riot, assault)
        if lemma in ("open", "take", "seize", "capture", "hurl", "throw", "burn", "torch", "strike", "hit"):
            objs = {c.lemma_.lower() for c in tok.children if c.dep_ in ("dobj", "obj")}
            if lemma == "open" and "fire" not in objs:
                return None
            if lemma in ("burn", "torch") and objs & {"effigy", "flag", "tyre", "tire", "portrait", "poster"}:
                return ("PROTEST", "demo")  # burning an effigy or a flag is a protest's act, harming no one
            if lemma in ("seize", "capture") and _abducts(tok):
                return ("ASSAULT", "abduct")  # kidnappers or gunmen seizing a person: an abduction (CAMEO 181)
            if lemma in ("seize", "capture", "take") and objs & _TERRITORY and (
                    not role_words(_subject(tok)) & (roles.CROWD | roles.POLICE)):
                return ("FIGHT", None)  # taking territory (the manual's FIGHT)
            if lemma in ("seize", "capture", "take") and not objs & roles.ARMED_TARGET:
                return None  # seizing property is COERCE; the trigger rules code it
            if lemma in ("hurl", "throw") and not objects_and_conjuncts(tok) & {"stone", "rock", "brick", "bottle", "grenade",
                                                                              "petrol"}:  # "petrol bombs"
                return None
            if lemma in ("strike", "hit") and not _subject(tok) and not passive:
                return None
        if lemma == "burst" and any(p.lemma_.lower() in roles.BURST_INTO for c in tok.children
                                    if c.dep_ == "prep" and c.lower_ == "into" for p in c.children):
            return _by_actors(tok, sentence_words)  # bursting into a house: a raid or an attack, by who does it
        if lemma in _FORCE:
            if lemma == "strike" and not passive and not (role_words(_subject(tok)) & (
                    roles.STATE_ARMED | roles.ARMED_GROUP | roles.ASSAILANT | _UNCONVENTIONAL | _HEAVY_WEAPONS)):
                # Workers who strike; "struck a deal" is no strike, and a bomb that strikes is no protest.
                return None if any(c.dep_ in ("dobj", "obj") for c in tok.children) else _OWN_TYPE.get(lemma)
            if lemma in ("bomb",) and role_words(_subject(tok)) & roles.STATE_ARMED:
                return ("FIGHT", "aerial")  # aerial bombing by armed forces: CAMEO 195
            return _by_actors(tok, sentence_words)
        if lemma in ("bomb", "explode", "detonate") and role_words(_subject(tok)) & roles.STATE_ARMED:
            return ("FIGHT", "aerial")
        reading = _coerce_or_fight(tok, lemma) or _under_attack(tok)
        if reading is not None:
            return reading
        if VERBS.get(lemma) is None and any(p.lemma_.lower() == "protest" for c in tok.children
                                            if c.dep_ == "prep" and c.lower_ == "in" for p in c.children):
            # "parked their cars across the bridge in protest"; an act with a type of its own done "in
            # protest" is that act ("recalled its ambassador in protest": a sanction, CAMEO 161)
            return ("PROTEST", "demo")
        if lemma == "hack":
            # Hacking computers is a cyber attack (COERCE 'cyber'); hacking people to death is an assault.
            # So is hacking off limbs ("hacked off the hands of villagers").
            # Hacking with nothing hacked is no cyber attack ("militiamen descended on the camp, hacking and
            # shooting 22 people to death").
            hacked = objects_and_conjuncts(tok) | _victims(tok)  # "hack into the computers of ..."
            return ("ASSAULT", "primitive") if _victims(tok) & roles.CIVILIAN or kids & roles.LIMBS_AND_DEATH or (
                not hacked) else ("COERCE", "cyber")
        if any(p.lemma_.lower() == "street" for c in tok.children if c.dep_ == "prep" for p in c.children) and (
                role_words(_subject(tok)) & roles.CROWD or lemma in ("pour", "flood", "spill", "fill", "go")):
            return ("PROTEST", "demo")  # "poured into the streets", "took to the streets"
    if lemma == "strike" and tok.pos_ == "NOUN" and strikes_on_a_place(tok):
        return ("FIGHT", "heavy-weapons")  # "our jets carried out strikes on the camps"
    if lemma in _COMBAT_WORDS and _crowd_fights(tok):
        return ("PROTEST", "riot")  # "protesters clashed with police": a riot (CAMEO 145), not combat
    if lemma in _GATHER and tok.pos_ == "VERB" and _to_dissent(tok):
        return ("PROTEST", "demo")  # "gathered outside the embassy to denounce": rally to protest (CAMEO 141)
    if lemma in _GATHER - {"pour", "stream", "flood", "spill"} and tok.pos_ == "VERB" and {
            w.removesuffix("s") for w in role_words(_subject(tok))} & _PROTESTERS:
        return ("PROTEST", "demo")  # "protesters again gathered outside parliament"
    if lemma in _CLOSURES and tok.pos_ == "NOUN" and any(
            p.lemma_.lower() in roles.MEDIA for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.subtree):
        return ("COERCE", "censor")  # "the closure of the last independent channel" (manual: censor)
    if lemma in _CLOSURES and tok.pos_ == "NOUN" and any(
            p.lemma_.lower() in roles.BODIES for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.subtree):
        return ("COERCE", "restrict")  # "ordered the closure of 212 non-governmental organisations" (CAMEO 172)
    if lemma in ("bombing", "bombardment") and tok.pos_ == "NOUN" and _attackers(tok) & roles.STATE_ARMED:
        return ("FIGHT", "aerial")  # "the bombing of rebel positions by government aircraft" (CAMEO 195), as the verb
    if lemma in ("attack", "raid", "ambush", "assault") and tok.pos_ in ("NOUN", "PROPN"):
        own = _attackers(tok)
        if own:
            return _by_actors(tok, sentence_words, own)  # "an insurgent assault on the garrison"
        head = tok.head if tok.dep_ in ("dobj", "pobj", "nsubj") else tok
        return _by_actors(head if head.pos_ in ("VERB", "AUX") else tok, sentence_words)
    return _OWN_TYPE.get(lemma)


_COMBAT_WORDS = frozenset({"clash", "fight", "fighting", "battle", "skirmish"})
_GATHER = frozenset({"gather", "assemble", "converge", "congregate", "mass", "rally", "march", "parade", "pour", "stream",
                     "flood", "spill", "throng", "crowd"})


def _to_dissent(tok) -> bool:
    """Whether a verb's purpose clause voices dissent ("marched to the square to reject the mine",
    "assembled ... to express opposition to the expansion")."""
    return any(k.lemma_.lower() in roles.DISSENT or k.lemma_.lower() in ("express", "voice") and lemmas(
        o for o in k.children if o.dep_ in ("dobj", "obj")) & roles.GRIEVANCES for c in tok.children
        if c.dep_ in ("advcl", "xcomp") for k in (c, *c.conjuncts))


def _attackers(noun) -> set[str]:
    """Who an attack noun names as attacking: its modifiers or possessor ("a rebel attack", "the
    militia's raid") or its "by" phrase, when they are role words of armed, police or crowd actors."""
    words: set[str] = set()
    for c in noun.children:
        if c.dep_ in ("compound", "amod", "poss", "nmod"):
            words |= role_words(c)
    words |= {w for p in noun_doers(noun) for w in role_words(p)}
    return words if words & (roles.ARMED_GROUP | roles.STATE_ARMED | roles.ASSAILANT | roles.POLICE | roles.CROWD) else set()


def _abducts(verb) -> bool:
    """Assailants or an armed group (not the police or the army: an arrest) take a person."""
    doer = role_words(_subject(verb))
    taken = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]  # "aid workers were seized by"
    people = any(c.ent_type_ == "PERSON" or role_words(c) & (roles.CIVILIAN - _PREMISES | roles.PEOPLE) for c in taken)
    return people and bool(doer & (roles.ASSAILANT | roles.ARMED_GROUP)) and not doer & (roles.POLICE | roles.STATE_ARMED)


def _crowd_fights(tok) -> bool:
    """A clash whose side is a crowd and no armed group: protesters or rioters clashing with police."""
    sides = role_words(_subject(tok)) if tok.pos_ == "VERB" else set()
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("between", "with", "among"):
            sides |= {w for p in c.children if p.dep_ == "pobj" for w in role_words(p)}
        elif c.dep_ in ("compound", "amod", "nmod"):
            sides |= role_words(c)
    crowd = roles.CROWD - {"resident", "villager", "worker", "supporter"}
    # "rioters clashed with security forces" is a riot as "with police" is (145): the state's forces
    # facing a crowd do not make it combat; an armed group among the sides does ("militants and troops")
    police_side = sides & {"security", "riot"} or not sides & (roles.STATE_ARMED - {"force"})
    return bool(sides & (crowd | {"protest"})) and not sides & roles.ARMED_GROUP and bool(police_side)


# Verbs that move a person somewhere; to a jail or a police station, they detain (CAMEO 173).
_TAKERS = frozenset({"take", "haul", "drag", "bundle", "whisk", "lead", "escort", "cart", "frogmarch", "transfer"})


def _to_custody(verb) -> bool:
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("to", "into"):
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                words = role_words(p)
                if words & {"jail", "prison", "custody", "cell", "detention"} or "station" in words and "police" in words:
                    return True
    return False


def _under_attack(verb) -> tuple[str, str | None] | None:
    """ "came under rocket fire", "came under attack": the subject is who the force is used on; the
    manual's lines read the weapon and the target (an armed target or heavy weapons: FIGHT; a bomb or
    civilians: ASSAULT)."""
    under = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "under" for p in c.children
             if p.dep_ == "pobj" and p.lemma_.lower() in _UNDER_FIRE]
    if verb.lemma_.lower() != "come" or not under:
        return None
    target = role_words(_subject(verb))
    means = lemmas(under[0].subtree)
    if means & _UNCONVENTIONAL:
        return ("ASSAULT", "explosives")
    if target & roles.ARMED_TARGET or target & {"vehicle", "patrol", "ship", "vessel", "aircraft"} or means & _HEAVY_WEAPONS:
        return ("FIGHT", "heavy-weapons" if means & _HEAVY_WEAPONS else None)
    if target & roles.CIVILIAN:
        return ("ASSAULT", None)
    return ("FIGHT", None)


_UNDER_FIRE = frozenset({"fire", "attack", "shelling", "bombardment", "assault", "gunfire", "shellfire"})


def _coerce_or_fight(verb, lemma: str) -> tuple[str, str | None] | None:
    """Repression and taking territory named by common verbs with particular arguments (manual
    table 3.10 and 3.13.2: shutting media, expelling individuals, a police charge; CAMEO 190:
    driving forces out of a place)."""
    objs = _victims(verb)
    subject = _subject(verb)
    doer = role_words(subject)
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "advmod")}
    if lemma == "occupy" and not doer & (roles.POLICE | roles.STATE_ARMED | roles.ARMED_GROUP | roles.ASSAILANT) and (
            doer & roles.CROWD or objs & roles.SAT_IN and subject is not None and subject.pos_ == "NOUN"):
        # a crowd occupying a building or a square, teachers a courtyard: a protest, not a seizure
        return ("PROTEST", "obstruct")
    if lemma in ("shut", "close") and objs & roles.MEDIA:
        return ("COERCE", "censor")
    if lemma in ("expel", "deport") and objs:
        # expelling diplomats is SANCTION, anyone else is expelled as an individual (COERCE, CAMEO 174)
        return roles.expulsion(objs) or ("COERCE", "deport")
    if lemma == "charge" and doer & roles.POLICE and objs & roles.CROWD | objs & {"protester", "demonstrator", "crowd"}:
        return ("COERCE", "restrict")
    if lemma in ("push", "move", "roll", "sweep", "storm", "advance") and "into" in particles and (
            objs & _TERRITORY | objs & {"centre", "center", "suburb", "outskirts"}) and doer & (roles.STATE_ARMED | roles.ARMED_GROUP):
        return ("FIGHT", None)  # armed units pushing into a town: taking territory (CAMEO 190)
    if lemma in ("push", "drive", "force", "chase") and particles & {"out", "back", "from"}:
        if doer & (roles.STATE_ARMED | roles.ARMED_GROUP):
            return ("FIGHT", None)
        if doer & roles.POLICE:
            return ("COERCE", "restrict")
    return None


# Words that name the act whatever else the sentence says: a bombing, an arrest, a protest.
_SELF_EVIDENT = frozenset({
    "bomb", "bombing", "explosion", "explosive", "ied", "detonate", "suicide", "abduct", "abduction",
    "kidnap", "kidnapping", "kidnapper", "hostage", "assassinate", "assassination", "massacre", "behead", "rape",
    "torture", "lynch", "stab", "arrest", "detain", "detention", "custody", "imprison", "crackdown", "curfew",
    "deport", "teargas", "protest", "protester", "protestor", "demonstrate", "demonstration", "demonstrator",
    "riot", "rioter", "rioting", "loot", "picket", "boycott", "sit-in", "in", "walkout", "striker", "airstrike",
    "shelling", "shell", "artillery", "mortar", "bombard", "bombardment", "gunbattle", "firefight", "invade",
    "invasion", "skirmish", "gas", "cannon", "bullet", "vandalize", "vandalise", "kill", "murder", "execute",
    "wound", "injure"})
# What shows that the other words name violence or protest: armed or police actors, weapons, victims,
# casualties, a crowd in the street. Without it "a legal battle", "shares rallied", "the fight against
# inflation", "targeting voters", "fired the employees", "burning coal" are no events.
_VIOLENCE_CONTEXT = (roles.STATE_ARMED | roles.ARMED_GROUP | roles.POLICE | roles.ASSAILANT - {"man", "men"} | _HEAVY_WEAPONS | _UNCONVENTIONAL
                     | _SELF_EVIDENT - {"in", "gas", "cannon", "bullet", "shell"}
                     | {"armed", "dead", "death", "casualty", "war", "weapon", "gun", "gunfire", "rifle", "troops",
                        "ceasefire", "civilian", "unrest", "violence", "masked", "stone", "rock", "grenade",
                        # what fighting does to people: "the fighting has displaced 20,000"
                        "displace", "displaced", "flee", "frontline", "front-line"})
_PROTEST_CONTEXT = _VIOLENCE_CONTEXT | roles.CROWD | {
    "street", "square", "thousand", "hundred", "dozen", "tens", "union", "employee", "teacher", "driver", "doctor",
    "nurse", "farmer", "miner", "pensioner", "opposition", "slogan", "banner", "placard", "wage", "pay", "pension",
    "shopkeeper", "trader", "merchant", "shutter", "association", "docker", "trucker", "staff"}
# Words that also name other things: they name violence or protest only in its context.
_AMBIGUOUS = (_FORCE | {"fight", "fighting", "battle", "clash", "offensive", "counteroffensive", "advance", "rally",
                        "march", "strike", "storm", "hit", "blast", "gain", "hack", "jail", "overrun", "besiege",
                        "recapture", "chant", "bomber", "stoppage"}) - _SELF_EVIDENT


def figurative(tok, sentence_words: set[str], reading: str | None = None) -> bool:
    """Whether a word of fighting, force or protest that also names other things (``_AMBIGUOUS``) is
    used of something else: it names the act only with violence (or, for a protest word, a crowd)
    somewhere else in its sentence."""
    lemma = tok.lemma_.lower()
    if lemma in ("kill", "murder", "execute") and {c.lemma_.lower() for c in tok.children
                                                    if c.dep_ in ("dobj", "obj", "nsubjpass")} & roles.NOT_VICTIMS:
        return True
    if lemma == "shell" and tok.pos_ == "NOUN" and any(c.lower_ == "of" for c in tok.children):
        return True  # "the blackened shell of the revenue office": what a fire left, no artillery
    if lemma not in _AMBIGUOUS or lemma in ("gun", "mow") and any(c.lower_ == "down" for c in tok.children) or (
            lemma == "jail" and tok.tag_.startswith("VB")):
        return False  # "gunned down", "mowed down": only ever killing; "jailed": only ever prison (the noun a place)
    if lemma == "fight" and tok.pos_ == "VERB" and any(o.pos_ == "NOUN" and not role_words(o) & _COMBATANTS
                                                        for o in tok.children if o.dep_ in ("dobj", "obj")):
        return True  # "fighting a mining concession", "fight corruption": a campaign, not combat
    if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() in roles.HOLDERS:
        return False  # "held a peaceful march", "staged a rally": nobody holds a march figuratively
    if lemma == "strike" and any(c.lower_ in ("hunger", "general") for c in tok.children if c.dep_ in ("compound", "amod")):
        return False  # a hunger strike, a general strike: protests whatever else the sentence says
    if lemma == "strike" and tok.pos_ == "NOUN" and any(c.dep_ == "acl" and c.lemma_.lower() in ("call", "stage", "organise",
                                                                                               "organize") for c in tok.children):
        return False  # "a strike called by transport operators": a stoppage, not an air strike
    if lemma == "seize" and objects_and_conjuncts(tok) & lexicon.PROPERTY:
        return False  # "seized its campus and bank accounts": confiscating property (COERCE), whoever's
    protest = (reading or _OWN_TYPE.get(lemma, ("",))[0]) == "PROTEST"
    if protest and tok.pos_ == "VERB" and _to_dissent(tok):
        return False  # people who march "to reject" a mine protest, whatever the sentence calls them
    context = _PROTEST_CONTEXT if protest else _VIOLENCE_CONTEXT
    return not (sentence_words - {tok.lemma_.lower(), tok.lower_}) & context


_COMBATANTS = roles.ARMED_GROUP | roles.STATE_ARMED | roles.POLICE | roles.ASSAILANT | roles.ARMED_TARGET
_CUE_LEMMAS = frozenset(_OWN_TYPE) | _FORCE | {w for pair in _PHRASES for w in pair} | {
    "shut", "close", "expel", "deport", "charge", "push", "drive", "force", "chase", "hack", "attack", "raid",
    "ambush", "assault", "bomb", "explode", "detonate", "set", "occupy", "order", "decree", "use", "employ",
    "come", "move", "roll", "sweep", "fill", "throng", "pack", "jam", "burst"} | _TAKERS | _GATHER | _DAMAGE | _CLOSURES


def manual_reading(sent, words: set[str] | None = None) -> Reading | None:
    """The material-conflict event of a sentence by the manual's lines, or None when it names none.

    Every word the manual's definitions name is read (with the actors around it for acts of force);
    the reading of the word nearest the main clause wins, ties to the earlier word. ``words`` is
    ``sentence_words(sent)`` where the caller has it.
    """
    words = lemmas(sent) if words is None else words
    # Only words the lists name can carry a reading (a cheap test before the parse is read); any
    # verb can when the sentence says "streets" or "in protest".
    any_verb = bool(words & {"street", "protest"})
    best: Reading | None = None
    for tok in sent:
        if tok.is_punct or tok.is_stop and tok.pos_ not in ("NOUN", "VERB"):  # "used", "take" are stop words
            continue
        if tok.lemma_.lower() not in _CUE_LEMMAS and not (any_verb and tok.pos_ == "VERB"):
            continue
        if tok.ent_type_ not in _COUNTED or tok.pos_ == "PROPN":
            continue  # "March 3", "Bomb Street": names and dates are no acts ("40 assaults" the tagger's PERCENT is one)
        if tok.pos_ == "VERB" and tok.dep_ in ("amod", "compound"):
            continue  # "coal-fired power plants"
        if _place_of_custody(tok):  # "prisoners at a jail near Cairo": where they are, not an arrest
            continue
        found = _word_reading(tok, words)
        if found is None or found[0] not in MATERIAL_CONFLICT or figurative(tok, words, found[0]):
            continue
        if found[0] == "PROTEST" and _victim_of_force(tok):
            continue  # "fired on protesters": the protesters are who force is used against
        depth = clause_depth(tok)
        if best is None or depth < best.depth:
            best = Reading(found[0], found[1], tok, depth)
    return best


_COUNTED = frozenset({"", "CARDINAL", "PERCENT", "QUANTITY", "MONEY", "ORDINAL"})  # entity types of counts, not names


def _place_of_custody(tok) -> bool:
    """A jail or prison named as a place ("at a jail", "inside the prison"), not the act of jailing."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in ("jail", "prison") and tok.dep_ == "pobj" and (
        tok.head.lower_ in ("at", "near", "outside", "inside", "from", "of"))


def _victim_of_force(tok) -> bool:
    """A protest word that names who force is used against ("fired on protesters", "police
    prevented the demonstration"), not a protest being held."""
    head = tok.head
    if tok.dep_ == "pobj":
        head = head.head
    if tok.dep_ in ("dobj", "obj", "nsubjpass", "pobj") and head.pos_ in ("VERB", "AUX"):
        lemma = head.lemma_.lower()
        if role_words(_subject(head)) & roles.POLICE:
            return True
        return lemma in _FORCE or _OWN_TYPE.get(lemma, ("",))[0] == "COERCE" or lemma in ("fire", "use")
    return False
