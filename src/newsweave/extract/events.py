"""PLOVER events from dependency parses: who did what to whom, where, when, and whether it happened.

Stage ``newsweave.events.rules.v1``. For each sentence it finds the words that report an event
(verbs and event nouns from ``events_lexicon``, built from the PLOVER reference and the CAMEO ->
PLOVER table), and for each one:

- the PLOVER type and mode, refined by the verb's object ("withdraw troops" is RETREAT, "withdraw
  inspectors" SANCTION), its particle ("call off"), a light verb carrying an event noun ("held
  talks"), and PLOVER's coding of intent: a cooperative act announced for the future is AGREE, a
  hostile one THREATEN (the announced act itself follows as a second, planned event);
- the source (the subject, or the ``by`` agent of a passive) and target (object, dative, ``with``
  / ``against`` / ``to`` objects, the subject of a demanded clause), each coded by
  ``actors.actor_code``;
- the place (a GPE/LOC/FAC after ``in`` / ``at`` in the event's clause), the time (the value of a
  TIMEX in the event's clause, from ``ex.timexes`` when an earlier stage filled it);
- the status: occurred, planned, proposed, cancelled, denied or unknown, from tense, modals and
  cue words ("will meet", "is scheduled to", "could be held", "called off", "denied"); a postponed
  event ("pushed back to May") stays planned, with its new date as its time;
- ``claimed_by``: the speaker when the event is reported speech.

Events of a sentence are ordered by salience: the event nearest the root of the parse first
(reporting verbs such as "said" are looked through), so the first event is the sentence's main one.
Between PROTEST, COERCE, ASSAULT and FIGHT the PLOVER manual's lines decide (``events_scorer``: who
acts on whom, with what), also for a sentence where no trigger word fired; fighting and protest
words used of something else ("a legal battle", "shares rallied") report nothing. Actors are read
by ``events_actors``; reports of one happening in one article share its date and participants.
"""

from __future__ import annotations

from collections import deque
from dataclasses import replace

from ..model import Actor, Event, Extraction, Mention, Span, Timex
from ..settings import Settings
from .actors import actor_code, actor_sector
from .events_actors import (
    PRONOUNS,
    actor_mention,
    actors_of,
    chain_name,
    chains,
    the_two,
)
from .events_context import (
    _FUTURE_AUX,
    _HAPPENING,
    _OBJECTS,
    _OBLIGATION_AUX,
    _SUBJECTS,
    _aux,
    _by_phone,
    _claimed_by,
    _clause_tokens,
    _is_negated,
    _objects,
    _phrase,
    _place,
    _status,
    _time,
    _Trigger,
    status_cue,
)
from .events_lexicon import (
    CONFLICTUAL,
    CONTROL_VERBS,
    COOPERATIVE,
    LIGHT_ONLY_NOUNS,
    LIGHT_VERBS,
    MILITARY_SECTORS,
    NOUNS,
    REPORTING_VERBS,
    VERB_OBJECT,
    VERB_PARTICLE,
    VERBS,
)
from .events_scorer import (
    MATERIAL_CONFLICT,
    Reading,
    clause_depth,
    figurative,
    manual_reading,
    sentence_words,
)
from .pipeline import stage

__all__ = ["actor_mention", "doc_events", "events_stage", "sentence_events"]

_TARGET_PREPS = ("with", "against", "to", "on", "from", "at", "toward", "towards", "into", "for", "upon")
_TOPIC_VERBS = frozenset({"discuss", "negotiate", "debate", "review", "consider"})
_MILITARY_FORCE = frozenset({"attack", "kill", "wound", "bomb", "shoot", "injure", "ambush", "explode", "gun"})
# Passive-looking verbs whose grammatical subject is the one acting ("Vietnam is committed to",
# "Trump is scheduled to meet", "forces were engaged in").
_STATIVE_PASSIVES = frozenset({"commit", "engage", "prepare", "determine", "schedule", "set", "expect",
                               "involve", "due", "poise", "resolve"})


def _lexical(token) -> tuple[str, str | None] | None:
    """The (type, mode) a word reports on its own, refined by its particle and object."""
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX") or (token.pos_ == "NOUN" and token.dep_ == "ROOT" and token.tag_.startswith("VB")):
        particle = _particle(token, lemma)
        verb = f"{lemma} {particle}" if particle else lemma
        # The object decides first ("call off a strike" is a concession, "withdraw inspectors" a
        # sanction), then the particle ("crack down"); a particle verb the lexicon does not list
        # ("call off a summit") reports no event itself: the summit is the event, cancelled.
        for obj in _objects(token) + [c for c in token.children if c.dep_ == "nsubjpass"]:
            if obj.pos_ == "NUM" or obj.lemma_.lower() in _QUANTITIES:
                # "holding thousands of refugees", "gave 50 million in aid": the object is what the
                # quantity counts
                preps = [c for c in obj.children if c.lower_ in ("of", "in")]
                if obj.pos_ == "NUM":  # "gave 20 million in aid", "in" attached to the verb
                    preps += [c for c in token.children if c.lower_ == "in" and c.i == obj.i + 1]
                obj = next((p for c in preps if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"), obj)
            for word in (*[c for c in obj.children if c.dep_ in ("compound", "amod")], obj):
                key = (verb, word.lemma_.lower())
                if key in VERB_OBJECT:
                    return VERB_OBJECT[key]
        if particle is not None and (lemma, particle) in VERB_PARTICLE:
            return VERB_PARTICLE[(lemma, particle)]
        if lemma == "call" and any(c.dep_ == "prep" and c.lower_ in ("on", "for", "upon") for c in token.children):
            return ("DEMAND", None)  # "called on Turkey to withdraw", "called for a ceasefire"
        objects = _objects(token)
        # Selectional limits of common verbs that report an event only with some arguments:
        # "returned home" is travel, "struck a deal" no strike, "fired the manager" no shooting,
        # "talked about taxes" no consultation.
        if lemma == "return" and not objects:
            return None
        if lemma in ("strike", "demonstrate", "march", "rally") and objects:
            return None  # "struck a deal", "demonstrated his commitment", "rallied support"
        if lemma == "block" and objects:
            return ("REJECT", None)  # blocking a road is in VERB_OBJECT; blocking a bill is rejecting it
        if lemma == "fire" and objects and not {o.lemma_.lower() for o in objects} & _WEAPONS:
            return None
        if lemma in ("talk", "speak", "discuss") and not _has_partner(token):
            return None
        return VERBS.get(lemma)
    if token.pos_ in ("NOUN", "PROPN"):
        found = NOUNS.get(lemma) or NOUNS.get(token.lower_)
        if found and lemma in ("strike",):
            # "hunger strike", "general strike" are protests; "air strike" is fighting.
            mods = {c.lower_ for c in token.children if c.dep_ in ("compound", "amod")}
            if mods & {"air", "missile", "drone"}:
                return ("FIGHT", "heavy-weapons")
            if "hunger" in mods:
                return ("PROTEST", "strike-hun")
            if "general" in mods:
                return ("PROTEST", "strike-gen")
        if found and found[0] in ("MOBILIZE", "INVESTIGATE") and any(
                c.lower_ == "joint" for c in token.children if c.dep_ in ("amod", "compound")):
            return ("COOPERATE", None)  # joint patrols, exercises, inquiries: mutual cooperation (CAMEO 06)
        if found and lemma in ("call", "conversation"):
            mods = {c.lower_ for c in token.children if c.dep_ in ("compound", "amod")}
            if lemma == "call" and not mods & {"phone", "telephone", "video"}:
                return None
        return found
    return None


_QUANTITIES = frozenset({"thousand", "hundred", "dozen", "million", "number", "group", "score", "lot", "some",
                         "many", "all", "most", "part", "one", "two", "three", "tonne", "ton", "truckload",
                         "shipment", "consignment", "crate", "load", "batch", "kilogram", "container", "planeload"})
_WEAPONS = frozenset({"rocket", "missile", "shell", "shot", "mortar", "bullet", "round", "gun", "artillery",
                      "grenade", "salvo", "weapon", "gas", "warning"})


def _particle(verb, lemma: str) -> str | None:
    """The verb's particle; also a word the parse took for an adverb or a preposition where the
    pair is a phrasal verb of the lexicon ("pulled its troops back", "voted down the deal")."""
    for c in verb.children:
        if c.dep_ == "prt":
            return c.lower_
    for c in verb.children:
        if c.dep_ in ("advmod", "prep") and c.i > verb.i and (lemma, c.lower_) in VERB_PARTICLE:
            return c.lower_
    return None


def _has_partner(verb) -> bool:
    """A consultation needs two sides: "talked with X", "X and Y discussed", "the leaders spoke"."""
    if any(c.dep_ == "prep" and c.lower_ in ("with", "to") for c in verb.children):
        return True
    if _by_phone(_Trigger(verb, verb, "CONSULT", None)):
        return True
    subj = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    if subj is None:
        return verb.lemma_.lower() == "discuss" and bool(_objects(verb))
    return bool(subj.conjuncts) or subj.tag_ in ("NNS", "NNPS") or subj.lower_ in ("they", "we", "both")


# ---------------------------------------------------------------------------- triggers


def _find_triggers(sent) -> list[_Trigger]:
    """Event words of a sentence in salience order (breadth-first from the root)."""
    root = sent.root
    order: list = []
    seen = set()
    queue = deque([root])
    while queue:
        tok = queue.popleft()
        if tok.i in seen:
            continue
        seen.add(tok.i)
        order.append(tok)
        # Clausal complements of the root come before its nominal dependents, so that the event a
        # reporting verb reports is found before nouns in its attribution ("a newspaper said").
        kids = sorted(tok.children, key=lambda c: (c.dep_ not in ("ccomp", "xcomp", "conj", "dobj", "advcl"), c.i))
        queue.extend(kids)

    consumed: set[int] = set()
    triggers: list[_Trigger] = []
    for tok in order:
        if tok.i in consumed:
            continue
        lemma = tok.lemma_.lower()
        is_verb = tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")
        if is_verb and lemma in REPORTING_VERBS and not _reporting_as_event(tok):
            demand = _obligation_demand(tok)
            if demand is not None:
                triggers.append(demand)
            continue
        if is_verb:
            if tok.dep_ in ("amod", "compound"):
                continue  # "Syrian-backed militia", "alleged war crimes": a modifier, not an event
            made = _verb_triggers(tok, consumed)
            for trig in made:
                if trig.token == trig.anchor:
                    # The object of an event verb is what it acts on ("lifted a curfew"), not
                    # a second event.
                    consumed.update(o.i for o in _objects(trig.token))
            triggers.extend(made)
            continue
        if tok.pos_ == "NOUN" and tok.dep_ not in ("compound", "npadvmod", "amod") and tok.i not in consumed:
            found = _lexical(tok)
            light_only = tok.lemma_.lower() in LIGHT_ONLY_NOUNS or tok.lower_ in LIGHT_ONLY_NOUNS  # "ties" / "tie"
            if found is None or light_only and not _is_event_noun_use(tok):
                continue
            consumed.add(tok.i)
            triggers.append(_Trigger(tok, _noun_anchor(tok), *found, standalone=True))
    return triggers


def _with_manual_reading(sent, triggers: list[_Trigger]) -> list[_Trigger]:
    """The triggers with the sentence's main event decided by the manual's lines (events_scorer).

    The material-conflict reading of the sentence replaces the word-by-word type of the main event
    when the main event is itself one of those types, or when the reading sits nearer the main
    clause ("Kidnappers snatched a businessman and demanded a ransom" is an abduction first). A
    sentence with no trigger at all takes the event its words name anywhere ("took to the streets").
    """
    words = sentence_words(sent)
    # "Shares rallied", "a legal battle": no protest, no fighting (the manual's types need people who
    # protest or fight).
    triggers = [t for t in triggers if not (t.type in MATERIAL_CONFLICT and figurative(t.token, words))]
    reading = manual_reading(sent, words)
    if reading is None:
        return triggers
    main = next((t for t in triggers if not t.secondary), None)
    if main is not None:
        depth = clause_depth(main.token)
        # A main event of another kind keeps its place unless the reading is nearer the main
        # clause; a material-conflict main event is retyped by a reading at least as near.
        # The reading of the main event's own word is a finer reading of it ("expelled three
        # journalists" is a deportation, "police charged the crowd" no accusation).
        if reading.depth > depth or reading.depth == depth and main.type not in MATERIAL_CONFLICT and (
                reading.token not in (main.token, main.anchor)):
            return triggers
    for i, trig in enumerate(triggers):
        if reading.token in (trig.token, trig.anchor) and not trig.secondary:
            trig.type, trig.mode = reading.type, reading.mode
            return [trig, *triggers[:i], *triggers[i + 1:]]
    return [_reading_trigger(reading), *triggers]


def _reading_trigger(reading: Reading) -> _Trigger:
    tok = reading.token
    if tok.pos_ in ("VERB", "AUX"):
        return _Trigger(tok, tok, reading.type, reading.mode)
    return _Trigger(tok, _noun_anchor(tok), reading.type, reading.mode, standalone=True)


def _obligation_demand(verb) -> _Trigger | None:
    """ "Russia said Sudan must return the helicopter": a demand by the speaker on the subject."""
    speaker = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    for clause in verb.children:
        if clause.dep_ != "ccomp" or not (_aux(clause) & _OBLIGATION_AUX):
            continue
        subj = next((c for c in clause.children if c.dep_ in _SUBJECTS), None)
        if subj is None or subj.pos_ == "PRON" or speaker is None:
            continue
        return _Trigger(clause, verb, "DEMAND", None, source_tok=speaker, target_tok=subj)
    return None


def _reporting_as_event(tok) -> bool:
    # "declared a ceasefire", "announced a suspension": the reporting verb carries an event noun.
    return any(_lexical(o) for o in _objects(tok) if o.pos_ == "NOUN")


def _uses_force(verb) -> bool:
    """ "use force", "use military force": CAMEO 13 threatens with it, 19 is its use."""
    return verb.lemma_.lower() in ("use", "employ") and any(o.lemma_.lower() == "force" for o in _objects(verb))


def _is_event_noun_use(tok) -> bool:
    if tok.lemma_.lower() in ("call",):
        return True  # only reached for "phone call" (see _lexical)
    head = tok.head
    if tok.lemma_.lower() == "alert" and tok.dep_ == "pobj" and head.lower_ == "on":
        return True  # "put its army on high alert" (CAMEO 152: increase military alert status)
    return tok.dep_ in ("dobj", "nsubjpass", "nsubj") and head.lemma_.lower() in LIGHT_VERBS


def _noun_anchor(tok):
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj") and status_cue(tok.head):
        # "the summit, first set for May, was pushed back to June": the change is the news.
        return tok.head
    for c in tok.children:
        # "the meeting, which may be held in Budapest": the relative clause says when, where, if.
        if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in _HAPPENING:
            return c
    head = tok
    # Climb through prepositions and conjunctions to the verb that governs the noun.
    while head.dep_ not in ("ROOT",) and not (head.pos_ in ("VERB", "AUX") and head != tok):
        head = head.head
    return head


def _verb_triggers(tok, consumed: set[int]) -> list[_Trigger]:
    lemma = tok.lemma_.lower()
    complement = _complement(tok)
    control = CONTROL_VERBS.get(lemma)
    # Adjectival control: "is willing / prepared / ready to withdraw" expresses intent (AGREE).
    if lemma == "be" or tok.pos_ == "AUX":
        for c in tok.children:
            if c.dep_ == "acomp" and c.lower_ in ("willing", "prepared", "ready", "committed", "determined"):
                inner = _complement(c)
                if inner is not None:
                    consumed.add(inner.i)
                    found = _lexical(inner)
                    # "ready to use force" is a threat (CAMEO 138), "ready to talk" a promise
                    hostile = found is not None and found[0] in CONFLICTUAL | {"THREATEN"} or _uses_force(inner)
                    made = [_Trigger(tok, tok, "THREATEN" if hostile else "AGREE", None)]
                    if found:
                        made.append(_Trigger(inner, inner, *found, status_hint="planned", secondary=True))
                    return made
        return []

    if control and complement is not None:
        kind, status = control
        inner = _lexical(complement)
        consumed.add(complement.i)
        if kind == "own":
            consumed.update(t.i for t in _clause_tokens(complement))
        if kind == "through":
            if inner is None:
                # "continue to send", "plan to" + noun object ("plans a meeting") handled below
                return _verb_triggers_inner(complement, consumed, status)
            return [_Trigger(complement, tok, *inner, status_hint=status)] + _light_noun(complement, consumed, status)
        own = _lexical(tok) or VERBS.get(lemma)
        if lemma in ("fail", "refuse", "decline"):
            own = ("REJECT", None)  # failing or refusing to agree is a rejection (CAMEO 12)
        if own is None:
            return []
        typ, mode = own
        if lemma in ("vow", "swear") and inner is not None and inner[0] not in CONFLICTUAL | {"THREATEN"}:
            typ, mode = "AGREE", None  # vowing to democratise is a promise, vowing to fight a threat
        made = [_Trigger(tok, tok, typ, mode)]
        if inner is not None and typ in ("AGREE", "THREATEN"):
            made.append(_Trigger(complement, complement, *inner, status_hint=status, secondary=True))
        return made

    if lemma in ("plan", "schedule", "propose", "arrange", "announce", "seek", "expect", "set"):
        # "planning a meeting", "proposed talks": the noun is the event, planned or proposed.
        status = "proposed" if lemma in ("propose", "seek") else "planned" if lemma != "announce" else None
        nouns = _light_noun(tok, consumed, status)
        if nouns:
            return nouns
    found = _lexical(tok)
    if lemma in LIGHT_VERBS:
        nouns = _light_noun(tok, consumed, None)
        if nouns and (found is None or found == VERBS.get(lemma)):
            return nouns
    if found is None:
        return []
    typ, mode = found
    if lemma in _MILITARY_FORCE and _source_sector(tok) in MILITARY_SECTORS:
        typ = "FIGHT"  # armed forces using conventional force fight; others assault (PLOVER)
    return [_Trigger(tok, tok, typ, mode, status_hint="proposed" if lemma in ("invite",) else None)]


def _verb_triggers_inner(tok, consumed: set[int], status: str | None) -> list[_Trigger]:
    made = _verb_triggers(tok, consumed)
    for t in made:
        t.status_hint = t.status_hint or status
    return made


def _light_noun(verb, consumed: set[int], status: str | None) -> list[_Trigger]:
    for obj in _objects(verb) + [c for c in verb.children if c.dep_ == "nsubjpass"]:
        for word in (obj, *[c for c in obj.children if c.dep_ == "compound"]):
            found = _lexical(word) if word.pos_ in ("NOUN", "PROPN") else None
            if found is None and word.lemma_.lower() in ("call",):
                found = ("CONSULT", "phone") if any(c.lower_ in ("phone", "telephone") for c in word.children) else None
            if found:
                consumed.add(obj.i)
                consumed.add(word.i)
                return [_Trigger(word, verb, *found, status_hint=status)]
    return []


def _complement(tok):
    for c in tok.children:
        if c.dep_ == "xcomp" and (c.pos_ in ("VERB", "AUX") or c.tag_.startswith("VB")):
            return c
    for c in tok.children:
        if c.dep_ in ("ccomp",) and c.lemma_.lower() not in REPORTING_VERBS and tok.lemma_.lower() in (
                "demand", "insist", "urge", "ask", "agree", "deny", "threaten", "warn", "propose", "request"):
            return c
    return None


def _source_sector(verb) -> str | None:
    subj = _subject_token(verb)
    if subj is None:
        return None
    found = actor_code(_phrase(subj).text)
    return found[1] if found else None


# ---------------------------------------------------------------------------- actors


def _subject_token(verb):
    """The subject of ``verb``, borrowed from the verb it depends on for xcomp, conj and relcl."""
    tok = verb
    for _ in range(6):
        for c in tok.children:
            if c.dep_ in _SUBJECTS or (c.dep_ == "nsubjpass" and tok.lemma_.lower() in _STATIVE_PASSIVES):
                return c
        if tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN"):
            return tok.head
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
            # "rebels fighting the army": the noun acts; "a declaration demanding ...": whoever
            # issued the declaration does.
            noun = tok.head
            if noun.ent_type_ in ("PERSON", "NORP", "ORG", "GPE") or actor_code(_phrase(noun).text):
                return noun
            if noun.dep_ in _OBJECTS and noun.head.pos_ in ("VERB", "AUX"):
                tok = noun.head
                continue
            return None
        if tok.dep_ == "xcomp":
            # Object control: "urged Iraq to comply" -> the object acts; subject control otherwise.
            objs = _objects(tok.head)
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
                if c.dep_ in _SUBJECTS and not (c.pos_ == "PRON" and c.lower_ in PRONOUNS):
                    return c
        else:
            break
    return None


def _sources(trigger: _Trigger) -> list[Actor]:
    anchor = trigger.anchor
    if trigger.source_tok is not None:
        return actors_of(trigger.source_tok)
    agent = [gc for c in anchor.children if c.dep_ == "agent" for gc in c.children if gc.dep_ == "pobj"]
    if agent:
        return actors_of(agent[0])
    if trigger.standalone or (trigger.token != anchor and trigger.token.dep_ in ("nsubj", "nsubjpass")):
        # A noun event on its own: "talks between Russia and the US", "the Putin-Trump summit".
        between = _noun_participants(trigger.token)
        if between:
            return between
    subj = _subject_token(anchor)
    if subj is None:
        return []
    if trigger.standalone and subj.i != trigger.token.i and subj.lemma_.lower() in NOUNS:
        return []  # "the success ... would help in negotiations": an event is no one's source
    if subj.pos_ == "PRON":
        resolved = _resolve_pronoun(subj)
        if resolved is None:
            return actors_of(subj)  # through the coreference chains, where there are any
        subj = resolved
    if subj.i == trigger.token.i:  # the event noun is the subject ("the meeting will take place")
        return _noun_participants(trigger.token)
    return actors_of(subj)


def _noun_participants(noun) -> list[Actor]:
    out: list[Actor] = []
    for c in noun.children:
        if c.dep_ == "prep" and (c.lower_ == "between" or c.lower_ == "of" and NOUNS.get(noun.lemma_.lower(), ("",))[0] == "CONSULT"):
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(actors_of(p) or the_two(p))
        elif c.dep_ in ("compound", "amod", "poss", "nmod") and c.pos_ in ("PROPN", "ADJ", "NOUN"):
            found = actor_code(c.text)
            if found:
                out.append(Actor(text=c.text, code=found[0], sector=found[1], start=c.idx, end=c.idx + len(c.text)))
    return out


def _targets(trigger: _Trigger, sources: list[Actor]) -> list[Actor]:
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
            if c.dep_ == "nsubjpass" or c.dep_ in _OBJECTS and not (
                    trigger.type == "CONSULT" and verb.lemma_.lower() in _TOPIC_VERBS):
                candidates.append(c)  # what is discussed is the topic, not a party to the talks
        for c in verb.children:
            if c.dep_ in ("ccomp", "xcomp") and trigger.type in ("DEMAND", "THREATEN", "DISAPPROVE", "REJECT", "AGREE"):
                for gc in c.children:
                    if gc.dep_ in _SUBJECTS + ("nsubjpass",) and gc.pos_ != "PRON":
                        candidates.append(gc)
                    if gc.dep_ in _OBJECTS:
                        candidates.append(gc)
                    if gc.dep_ == "prep" and gc.lower_ in _TARGET_PREPS:
                        candidates.extend(p for p in gc.children if p.dep_ == "pobj")
        topic = trigger.type == "CONSULT" and verb.lemma_.lower() in _TOPIC_VERBS
        for c in list(verb.children) + ([] if topic else [gc for o in _objects(verb) for gc in o.children]):
            if c.dep_ in ("prep", "dative") and c.lower_ in _TARGET_PREPS + ("of", "in", "over", "between"):
                candidates.extend(p for p in c.children if p.dep_ == "pobj")
    if tok.pos_ in ("NOUN", "PROPN"):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS + ("of",):
                candidates.extend(p for p in c.children if p.dep_ == "pobj")
    source_codes = {a.code for a in sources}
    # Objects first, then "against / with / to ..." objects, and "in X" last (usually the place).
    rank = {p: i for i, p in enumerate(("against", "with", "to", "on", "toward", "towards", "upon", "at", "from",
                                        "into", "for", "between", "of", "over", "in"))}
    candidates.sort(key=lambda c: rank.get(c.head.lower_, -1) if c.dep_ == "pobj" else -1)
    for cand in candidates:
        if cand.dep_ == "pobj" and cand.head.lower_ in ("in", "at") and trigger.type == "CONSULT":
            continue  # where a meeting is held is its place, not a party to it
        if cand.i == tok.i or cand.lemma_.lower() in NOUNS and cand.head.i == tok.i:
            continue  # the event noun itself: its "with" / "against" objects are the targets
        actors = [a for a in actors_of(cand) if (a.start, a.end) not in source_spans
                  and not (a.text.lower() in PRONOUNS and a.code in source_codes)]
        if cand.dep_ == "pobj" and cand.head.lower_ == "in":
            # "in X" is usually the place; it is the target only when it names someone else.
            actors = [a for a in actors if a.code not in source_codes]
        if actors:
            return actors
    return []


# ---------------------------------------------------------------------------- place, time, status


# ---------------------------------------------------------------------------- assembly


def sentence_events(sent, timexes: list[Timex] | None = None, published: str | None = None) -> list[Event]:
    """The PLOVER events one parsed sentence reports, the main one first.

    ``timexes`` are the article's time expressions (``Timex`` with character offsets into the
    ``Doc``'s text); ``published`` is the article date (``YYYY-MM-DD``) used to tell planned events
    by their date. Both may be empty.
    """
    timexes = [t for t in (timexes or []) if sent.start_char <= t.start < sent.end_char]
    evidence = Span(sent.start_char, sent.end_char, sent.text)
    triggers = _with_manual_reading(sent, _find_triggers(sent))
    events: list[Event] = []
    for trig in triggers:
        sources = _sources(trig)
        targets = _targets(trig, sources)
        time, timex = _time(trig, timexes, published)
        status = _status(trig, published, timex)
        typ = trig.type
        mode = trig.mode
        if typ == "CONSULT" and _by_phone(trig):
            mode = "phone"
        place = _place(trig)
        if not sources and place:
            sources = _located_source(trig, place)
        primary = [Event(type=typ, evidence=evidence, source=sources, target=targets, mode=mode,
                         time=time, place=place, status=status, claimed_by=_claimed_by(trig, chain_name))]
        # PLOVER codes an announced future act as the intent it expresses: a cooperative act as
        # AGREE, a hostile one as THREATEN; the act itself stays, as planned, for plan tracking.
        # "talks would not be delayed": the negation is the delay's, not the talks'.
        negated = (_is_negated(trig.anchor) and not status_cue(trig.anchor)) or _is_negated(trig.token)
        if trig.secondary:
            pass  # a secondary trigger of the sentence keeps its plain reading: no intent event
        elif typ in COOPERATIVE and negated and (status in ("planned", "proposed") or typ == "AGREE"):
            # "will not accept", "did not agree": a refusal (CAMEO 12)
            primary = [_replace(primary[0], "REJECT", "occurred")]
        elif _conditional(trig) and typ not in ("THREATEN", "DEMAND"):
            # "will withdraw ... unless", an ultimatum: a threat (CAMEO 139)
            primary.insert(0, _replace(primary[0], "THREATEN", "occurred"))
        elif status in ("planned", "proposed") and _announced(trig):
            if typ in COOPERATIVE and typ != "AGREE":
                primary.insert(0, _replace(primary[0], "AGREE", "occurred"))
            elif typ in CONFLICTUAL:
                primary.insert(0, _replace(primary[0], "THREATEN", "occurred"))
        # Beside the sentence's main event, an event with no coded actor, place or date is rarely a
        # political event ("... as the court ended its term"): PLOVER codes events between actors.
        main = not events
        events.extend(e for e in primary if main or e.source or e.target or e.place or e.time)
    return events


def _located_source(trigger: _Trigger, place: str) -> list[Actor]:
    """PLOVER codes a domestic group by where it acts: protesters in Manila are Philippine."""
    subj = _subject_token(trigger.anchor)
    located = actor_code(place)
    if subj is None or located is None or subj.pos_ == "PRON" or subj.lemma_.lower() in NOUNS:
        return []
    span = _phrase(subj)
    sector = actor_sector(span.text)
    if sector is None:
        return []  # only role words ("rebels", "police", "students") say the group is local
    return [Actor(text=span.text, code=located[0], sector=sector, start=span.start_char, end=span.end_char)]


def _announced(trigger: _Trigger) -> bool:
    """True when someone states the future act as their own (not a schedule, not a passive)."""
    anchor = trigger.anchor
    if trigger.standalone:
        return False
    subj = _subject_token(anchor)
    if subj is None or subj.i == trigger.token.i:
        return False
    if anchor.head.lemma_.lower() in ("schedule", "set", "expect", "due") or anchor.lemma_.lower() in ("schedule",):
        return False
    return any(c.dep_ == "nsubjpass" for c in anchor.children) is False


def _conditional(trigger: _Trigger) -> bool:
    """A future act made conditional with "unless" is an ultimatum."""
    anchor = trigger.anchor
    if not (_aux(anchor) & (_FUTURE_AUX | {"would"}) or trigger.status_hint == "planned"):
        return False
    for clause in anchor.children:
        if clause.dep_ == "advcl" and any(c.lower_ == "unless" for c in clause.children if c.dep_ == "mark"):
            return True
    return False


def _replace(event: Event, typ: str, status: str) -> Event:
    return Event(type=typ, evidence=event.evidence, source=list(event.source), target=list(event.target),
                 mode=None, time=event.time, place=event.place, status=status, claimed_by=event.claimed_by)


def doc_events(doc, timexes: list[Timex] | None = None, published: str | None = None,
               mentions: list[Mention] | None = None) -> list[Event]:
    """Every event of a parsed document, sentence by sentence.

    ``mentions`` with coreference ``chain`` numbers (from the coreference stage) let a pronoun or a
    bare title ("he", "the president") take the actor code of the name it refers to.
    """
    out: list[Event] = []
    with chains(mentions):
        for sent in doc.sents:
            out.extend(sentence_events(sent, timexes, published))
    _share_one_happening(out)
    return out


def _share_one_happening(events: list[Event]) -> None:
    """Reports in one article of one happening share its date and its participants: "after a phone
    call between the two leaders" and "Thursday's conversation" are one call, on Thursday.

    Events that occurred, of one type and mode (a phone call, a visit), are one happening when the
    article gives them one date between them and their coded participants do not contradict each
    other (one set inside the other); then each takes the date, and one naming nobody takes the
    participants of the fullest report.
    """
    groups: dict[tuple[str, str], list[Event]] = {}
    for e in events:
        if e.status == "occurred" and e.mode is not None:
            groups.setdefault((e.type, e.mode), []).append(e)
    for same in groups.values():
        dates = {e.time for e in same if e.time}
        if len(same) < 2 or len(dates) != 1:
            continue
        named = [frozenset(a.code for a in (*e.source, *e.target) if a.code) for e in same]
        named = [c for c in named if c]
        if any(not (a <= b or b <= a) for a in named for b in named):
            continue  # other people: another call
        when = dates.pop()
        fullest = max(same, key=lambda e: len(e.source) + len(e.target))
        for e in same:
            e.time = e.time or when
            if not e.source and not e.target:
                e.source = [replace(a) for a in fullest.source]
                e.target = [replace(a) for a in fullest.target]


@stage("newsweave.events.rules.v1", requires=("doc", "mentions", "timexes"), assigns=("events",))
def events_stage(ex: Extraction, settings: Settings) -> None:
    published = ex.article.published.isoformat() if ex.article.published else None
    ex.events = doc_events(ex.doc, ex.timexes, published, ex.mentions)
