"""Which words of a sentence report PLOVER events, of which type and mode, the main one first.

Verbs and event nouns from ``events_lexicon`` (the PLOVER reference and the CAMEO -> PLOVER table),
each refined by the verb's object ("withdraw troops" is RETREAT, "withdraw inspectors" SANCTION), its
particle ("call off"), a light verb carrying an event noun ("held talks"), and the control verb above it
("agreed to withdraw"). Events of a sentence are ordered by salience: the event nearest the root first
(reporting verbs such as "said" are looked through). Between PROTEST, COERCE, ASSAULT and FIGHT the
manual's lines decide (``events_scorer``: who acts on whom, with what), also where no trigger word fired;
fighting and protest words used of something else ("a legal battle", "shares rallied") report nothing.
"""

from __future__ import annotations

from collections import deque

from . import events_roles as roles
from .actors import actor_code
from .events_actors import subject_token
from .events_arguments import (
    BANS,
    RECALLED,
    blocks_media,
    bodies_of,
    by_civilians,
    carries_aid,
    civilians_block,
    has_partner,
    headline_verb,
    held_with_another,
    pen_to_paper,
    reading_by_arguments,
    spoken_act,
    subject_lemma,
    ties_signed,
    to_peacekeeping,
    verb_complement,
    verb_particle,
)
from .events_context import HAPPENING, OBLIGATION_AUX, status_cue
from .events_lexicon import (
    CONFLICTUAL,
    CONTROL_VERBS,
    COOPERATIVE,
    LIGHT_ONLY_NOUNS,
    LIGHT_VERBS,
    MILITARY_SECTORS,
    NOMINALISED,
    NOUNS,
    REPORTING_VERBS,
    SIGN_VERBS,
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
from .events_syntax import (
    SUBJECTS,
    Trigger,
    auxiliaries,
    carried_out,
    clause_tokens,
    counted,
    into_the_air,
    is_passive,
    left_a_place,
    objects,
    phrase,
    strikes_on_a_place,
    under_no,
    verb_of_a_nominal_parse,
)

__all__ = ["sentence_triggers"]

# Verbs whose subject caused what their object names ("sparked protests", "drew condemnation").
_DRAWS = frozenset({"draw", "spark", "trigger", "prompt", "provoke", "ignite", "fuel", "unleash"})
_MILITARY_FORCE = frozenset({"attack", "kill", "wound", "bomb", "shoot", "injure", "ambush", "explode", "gun"})


def _lexical(token) -> tuple[str, str | None] | None:
    """The (type, mode) a word reports on its own, refined by its particle and object."""
    lemma = token.lemma_.lower()
    if carried_out(token):
        return None  # "made good on their threat to stay away": the act carried out is the news
    if token.pos_ in ("VERB", "AUX") or headline_verb(token):
        particle = verb_particle(token, lemma)
        verb = f"{lemma} {particle}" if particle else lemma
        # The object decides first ("call off a strike" is a concession, "withdraw inspectors" a
        # sanction), then the particle ("crack down"); a particle verb the lexicon does not list
        # ("call off a summit") reports no event itself: the summit is the event, cancelled.
        # "The bloc voiced concern over ...": a verb parsed as a modifier of the noun after it
        # governs that noun
        acted_on = objects(token) + [c for c in token.children if c.dep_ == "nsubjpass"]
        if lemma in BANS and bodies_of(acted_on):
            return ("COERCE", "restrict")  # "suspended the operations of 23 civil-society organisations" (172)
        taken = [token.head] if token.dep_ == "amod" and token.head.i == token.i + 1 else []
        for obj in acted_on + taken:
            if obj.pos_ == "NUM" or obj.lemma_.lower() in roles.QUANTITIES:
                # "holding thousands of refugees", "gave 50 million in aid": the object is what the
                # quantity counts
                preps = [c for c in obj.children if c.lower_ in ("of", "in")]
                if obj.pos_ == "NUM":  # "gave 20 million in aid", "in" attached to the verb
                    preps += [c for c in token.children if c.lower_ == "in" and c.i == obj.i + 1]
                obj = counted(preps, obj)
            # its modifiers, itself and what is listed with it ("a rescue team, two field hospitals and tents")
            for word in (*[c for c in obj.children if c.dep_ in ("compound", "amod", "nmod")], obj, *obj.conjuncts):
                key = (verb, word.lemma_.lower())
                if key not in VERB_OBJECT and particle in ("back", "in", "into", "through"):
                    key = (lemma, word.lemma_.lower())  # "allow monitors back into": allow monitors
                if key in VERB_OBJECT:
                    if VERB_OBJECT[key][0] == "AGREE" and verb in SIGN_VERBS and ties_signed(obj):
                        return ("SUPPORT", None)  # "signed a treaty of friendship" (057)
                    if VERB_OBJECT[key][0] == "MOBILIZE" and to_peacekeeping(token):
                        return ("AID", "peacekeeping")  # troops sent to a UN force: personnel aid
                    return VERB_OBJECT[key] if VERB_OBJECT[key][0] else None
        if particle is not None:
            # "walked out of peace talks", "pulled out of Lebanon": the particle's "of" object decides
            preps = [c for c in token.children if c.dep_ in ("prep", "prt")]
            for prep in preps + [g for c in preps for g in c.children if g.dep_ == "prep"]:
                if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
                    for obj in prep.children:
                        if obj.dep_ == "pobj" and (verb, obj.lemma_.lower()) in VERB_OBJECT:
                            return VERB_OBJECT[(verb, obj.lemma_.lower())]
        spoken = spoken_act(token, lemma, particle)
        if spoken is not None:
            return spoken if spoken[0] else None
        if particle is not None and (lemma, particle) in VERB_PARTICLE:
            return VERB_PARTICLE[(lemma, particle)]
        if lemma == "call" and particle != "off" and any(c.dep_ == "prep" and c.lower_ in ("on", "for", "upon")
                                                         for c in token.children):
            # "called on Turkey to withdraw", "called for a ceasefire"; a fixture "called off on 3 March"
            # demands nothing (and "call" alone is no event)
            return ("DEMAND", None)
        found = reading_by_arguments(token, lemma, particle)
        if found is not None:
            return found if found[0] else None
        objs = objects(token)
        if lemma in ("order", "decree"):
            # "ordered the expulsion of 45 diplomats": an order that is the sanction or coercion it names
            ordered = next((r for o in objs if o.pos_ == "NOUN" and (r := _lexical(o)) is not None), None)
            if ordered is not None and ordered[0] in ("COERCE", "SANCTION"):
                return ordered
        # Selectional limits of common verbs that report an event only with some arguments:
        # "returned home" is travel, "struck a deal" no strike, "fired the manager" no shooting,
        # "talked about taxes" no consultation.
        if lemma == "return" and not objs:
            return None
        if lemma in ("strike", "demonstrate", "march", "rally") and objs:
            return None  # "struck a deal", "demonstrated his commitment", "rallied support"
        if lemma == "march" and is_passive(token):
            return None  # hostages "being marched into the jungle by armed men": driven, not protesting
        if lemma == "recall" and not {o.lemma_.lower() for o in objs} & (roles.ENVOYS | RECALLED):
            return None  # "recalls Bishnu Adhikari", "recalled 310,000 cars": no envoy withdrawn (161)
        if lemma == "travel" and token.dep_ == "acl":
            return None  # "gunmen travelling in two vehicles" visit no one
        if lemma == "put" and {o.lemma_.lower() for o in objs} == {"pen"}:
            return pen_to_paper(token)
        if lemma == "thank" and not subject_lemma(token) and {o.lower_ for o in objs} <= {"you"}:
            return None  # "Thank you, Kofi": a courtesy of the exchange, no praise reported
        if lemma == "fire" and into_the_air(token):
            return None  # shots "fired into the air" in celebration or warning hit no one
        if lemma == "walk" and particle == "out" and left_a_place(token):
            return None  # "walked out of his house": leaving, not a walkout
        if lemma == "block" and blocks_media(objs):
            return ("COERCE", "censor")  # "blocked access to the independent news website"
        if lemma == "order" and any(c.dep_ in ("ccomp", "xcomp") and c.lemma_.lower() in roles.DETENTIONS for c in token.children):
            return ("COERCE", "detain")  # "ordered 37 of them held for 15 days": a detention ordered (CAMEO 173)
        if lemma == "block" and objs:
            # blocking a road is in VERB_OBJECT; blocking a bill is rejecting it, but what fishermen or
            # farmers block, or anyone "in protest", is a blockade (CAMEO 1453)
            return ("PROTEST", "obstruct") if civilians_block(token) else ("REJECT", None)
        if lemma == "fire" and objs and not {o.lemma_.lower() for o in objs} & roles.WEAPONS:
            return None
        if lemma == "charge" and any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children) and (
                any(c.dep_ == "nsubjpass" for c in token.children) or subject_lemma(token) in roles.LEGAL):
            return ("COERCE", "arrest")  # "charged with treason": legal action against a person (COERCE)
        if lemma in ("slam", "blast") and any(c.dep_ == "prep" and c.lower_ in ("into", "onto") for c in token.children):
            return None  # "rockets slammed into a building": an impact, no criticism (the manual's lines read it)
        if lemma in ("talk", "speak", "discuss", "huddle") and not has_partner(token):
            return None
        if lemma == "huddle":
            return ("CONSULT", None)  # "huddled with the prime minister": a meeting (CAMEO 04)
        if lemma in ("visit", "tour") and subject_lemma(token) in roles.INSPECTORS:
            return ("INVESTIGATE", None)  # inspectors visiting a site inspect it (CAMEO 09), no consultation
        if lemma in ("reach", "arrive", "enter", "cross", "land") and carries_aid(token):
            return ("AID", None)  # "a convoy carrying food reached the city": aid delivered (CAMEO 07)
        return VERBS.get(lemma)
    if token.pos_ in ("NOUN", "PROPN"):
        if lemma in NOMINALISED:
            verb = NOMINALISED[lemma]
            # the "of" object, also where the parse hung it on a "by" phrase ("the easing by Russia of")
            objs = [o for p in token.subtree if p.dep_ == "prep" and p.lower_ == "of"
                    for o in p.children if o.dep_ == "pobj"]
            for obj in objs:
                if (verb, obj.lemma_.lower()) in VERB_OBJECT:
                    if verb in SIGN_VERBS and ties_signed(obj):
                        return ("SUPPORT", None)  # "the signing of a friendship treaty" (057)
                    return VERB_OBJECT[(verb, obj.lemma_.lower())]
            if objs and verb in VERBS and lemma not in NOUNS:
                return VERBS[verb]  # "ratification of a treaty" as "ratify" a treaty
        found = NOUNS.get(lemma) or NOUNS.get(token.lower_)
        if lemma in ("visit", "mission", "trip", "tour") and {c.lower_ for c in token.children} & {
                "monitoring", "inspection", "fact-finding", "verification", "investigative"}:
            return ("INVESTIGATE", None)  # "a monitoring visit to the dams": an inspection (CAMEO 09)
        if lemma == "blockade" and by_civilians(token):
            return ("PROTEST", "obstruct")  # "a blockade of the highway by truckers": a protest (CAMEO 1413)
        if found and found[0] in COOPERATIVE and under_no(token):
            return ("REJECT", None)  # "No talks with rebels, says junta": a refusal (CAMEO 125)
        if found and lemma in ("strike",):
            # "hunger strike", "general strike" are protests; "air strike" is fighting.
            mods = {c.lower_ for c in token.children if c.dep_ in ("compound", "amod")}
            if mods & {"air", "missile", "drone"}:
                return ("FIGHT", "heavy-weapons")
            if "hunger" in mods:
                return ("PROTEST", "strike-hun")
            if "general" in mods:
                return ("PROTEST", "strike-gen")
            if strikes_on_a_place(token):
                return ("FIGHT", "heavy-weapons")  # "strikes on the Tumbun Kura camps": attacks, no stoppage
        if (found and found[0] in ("MOBILIZE", "INVESTIGATE") or lemma in roles.JOINT_ACTS) and any(
                c.lower_ in ("joint", "coordinated", "combined") for c in token.children if c.dep_ in ("amod", "compound")):
            return ("COOPERATE", None)  # joint patrols, exercises, inquiries: mutual cooperation (CAMEO 06)
        if found and found[1] == "exercise" and held_with_another(token):
            return ("COOPERATE", None)  # exercises "with the US navy", "Turkish and Israeli warships began"
        if found and lemma in ("call", "conversation"):
            mods = {c.lower_ for c in token.children if c.dep_ in ("compound", "amod")}
            if lemma == "call" and not mods & {"phone", "telephone", "video"}:
                return None
        return found
    return None








def _find_triggers(sent) -> list[Trigger]:
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
        # A cause comes before what it drew ("the arrest ... drew swift condemnation": the arrest is the news).
        cause = "nsubj" if tok.lemma_.lower() in _DRAWS else None
        kids = sorted(tok.children, key=lambda c: (c.dep_ != cause, c.dep_ not in ("ccomp", "xcomp", "conj", "dobj", "advcl"), c.i))
        queue.extend(kids)

    consumed: set[int] = set()
    triggers: list[Trigger] = []
    for tok in order:
        if tok.i in consumed:
            continue
        lemma = tok.lemma_.lower()
        is_verb = tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB") or headline_verb(tok)
        if is_verb and (lemma in REPORTING_VERBS or _alleged_after(tok)) and not _reporting_as_event(tok):
            demand = _obligation_demand(tok)
            if demand is not None:
                triggers.append(demand)
            continue
        if tok.pos_ == "ADJ" and tok.dep_ in ("ROOT", "ccomp", "advcl", "amod") and tok.lower_ in (
                "willing", "ready", "prepared"):
            inner = verb_complement(tok)  # a headline's "Chile willing to mediate ...", no "is"
            if inner is not None:
                consumed.add(inner.i)
                triggers.extend(_intent_triggers(tok, inner))
                continue
        if is_verb:
            if tok.dep_ in ("amod", "compound") and not (tok.tag_ == "VBD" and any(c.dep_ == "nsubj" for c in tok.children)
                                                         or verb_of_a_nominal_parse(tok)):
                # "Syrian-backed militia", "alleged war crimes": a modifier, not an event (but "gunships
                # strafed rebel positions", parsed as a noun phrase, keeps its subject and its verb)
                continue
            made = _verb_triggers(tok, consumed)
            for trig in made:
                if trig.token == trig.anchor:
                    # The object of an event verb is what it acts on ("lifted a curfew"), not
                    # a second event.
                    consumed.update(o.i for o in objects(trig.token))
            triggers.extend(made)
            continue
        if tok.pos_ == "NOUN" and tok.dep_ not in ("compound", "npadvmod", "amod") and tok.i not in consumed:
            found = _lexical(tok)
            light_only = tok.lemma_.lower() in LIGHT_ONLY_NOUNS or tok.lower_ in LIGHT_ONLY_NOUNS  # "ties" / "tie"
            if found is None or light_only and not _is_event_noun_use(tok):
                continue
            consumed.add(tok.i)
            triggers.append(Trigger(tok, _noun_anchor(tok), *found, standalone=True))
    if not triggers:
        # "'This is a blatant violation of our sovereignty,' the ministry said": a statement that names
        # a wrong done to the speaker accuses (CAMEO 11), where the sentence reports no other event
        for tok in order:
            if tok.lemma_.lower() in REPORTING_VERBS and tok.pos_ in ("VERB", "AUX") and any(
                    t.lemma_.lower() in roles.WRONGS for c in tok.children if c.dep_ in ("ccomp", "parataxis")
                    for t in c.subtree):
                triggers.append(Trigger(tok, tok, "DISAPPROVE", None))
                break
    return triggers


def _with_manual_reading(sent, triggers: list[Trigger]) -> list[Trigger]:
    """The triggers with the sentence's main event decided by the manual's lines (events_scorer).

    The material-conflict reading of the sentence replaces the word-by-word type of the main event when
    the main event is itself one of those types, or when the reading sits nearer the main clause
    ("Kidnappers snatched a businessman and demanded a ransom" is an abduction first). A sentence with
    no trigger at all takes the event its words name anywhere ("took to the streets")."""
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
        # A demand told as a participle beside a protest ("rallied outside parliament, demanding ...")
        # is the protest's purpose: the protest is the event.
        purpose = (main.type == "DEMAND" and main.token.tag_ == "VBG" and reading.type == "PROTEST"
                   and reading.depth <= depth + 1)
        if not purpose and (reading.depth > depth or reading.depth == depth and main.type not in MATERIAL_CONFLICT
                            and reading.token not in (main.token, main.anchor)):
            return triggers
    for i, trig in enumerate(triggers):
        if reading.token in (trig.token, trig.anchor) and not trig.secondary:
            trig.type, trig.mode = reading.type, reading.mode
            return [trig, *triggers[:i], *triggers[i + 1:]]
    return [_reading_trigger(reading), *triggers]


def _reading_trigger(reading: Reading) -> Trigger:
    tok = reading.token
    if tok.pos_ in ("VERB", "AUX"):
        return Trigger(tok, tok, reading.type, reading.mode)
    return Trigger(tok, _noun_anchor(tok), reading.type, reading.mode, standalone=True)


def _obligation_demand(verb) -> Trigger | None:
    """ "Russia said Sudan must return the helicopter": a demand by the speaker on the subject."""
    speaker = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    for clause in verb.children:
        if clause.dep_ != "ccomp" or not (auxiliaries(clause) & OBLIGATION_AUX):
            continue
        subj = next((c for c in clause.children if c.dep_ in SUBJECTS), None)
        if subj is not None and subj.lower_ in ("it", "they"):  # "told North Korea that it must": the one told
            subj = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.pos_ == "PROPN"), None)
        if subj is None or subj.pos_ == "PRON" or speaker is None:
            continue
        return Trigger(clause, verb, "DEMAND", None, source_tok=speaker, target_tok=subj)
    return None


def _alleged_after(tok) -> bool:
    """ "Police raided the office ..., party officials alleged": an allegation written after what it reports is
    the report's source, as "said" is; written before ("alleged that police ..."), it is an accusation."""
    return tok.lemma_.lower() == "allege" and any(c.dep_ == "ccomp" and c.i < tok.i for c in tok.children)


def _reporting_as_event(tok) -> bool:
    # "declared a ceasefire", "announced a suspension": the reporting verb carries an event noun;
    # "announced their intention to withdraw": it states an intent.
    # "declared two diplomats persona non grata": an expulsion.
    # "declared a state of emergency": the verb and its object read together.
    return any(_lexical(o) or o.lemma_.lower() in _INTENT_NOUNS for o in objects(tok) if o.pos_ == "NOUN") or (
        tok.lemma_.lower() == "declare" and any(t.lower_ == "grata" for t in tok.subtree)) or (
        tok.lemma_.lower() in ("declare", "proclaim") and bool(objects(tok)) and _lexical(tok) is not None)


def _uses_force(verb) -> bool:
    """ "use force", "use military force": CAMEO 13 threatens with it, 19 is its use."""
    return verb.lemma_.lower() in ("use", "employ") and any(o.lemma_.lower() == "force" for o in objects(verb))


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
        if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in HAPPENING:
            return c
    head = tok
    # Climb through prepositions and conjunctions to the verb that governs the noun.
    while head.dep_ not in ("ROOT",) and not (head.pos_ in ("VERB", "AUX") and head != tok):
        head = head.head
    return head


def _verb_triggers(tok, consumed: set[int]) -> list[Trigger]:
    lemma = tok.lemma_.lower()
    complement = verb_complement(tok)
    control = CONTROL_VERBS.get(lemma)
    # Adjectival control: "is willing / prepared / ready to withdraw" expresses intent (AGREE).
    # Also after a linking verb: "his forces stood ready to strike" (a threat of force, 138).
    if lemma == "be" or tok.pos_ == "AUX" or lemma in ("stand", "remain", "seem", "appear") and any(
            c.dep_ == "acomp" for c in tok.children):
        for c in tok.children:
            if c.dep_ == "acomp" and c.lower_ in ("willing", "prepared", "ready", "committed", "determined"):
                inner = verb_complement(c)
                if inner is not None:
                    consumed.add(inner.i)
                    return _intent_triggers(tok, inner)
        return []

    intent = _stated_intent(tok, consumed)
    if intent:
        return intent
    if control and complement is not None and not (lemma in ("refuse", "decline") and objects(tok)):
        # (an object and a "to" clause after refusing is a purpose: "refused all food to press for ...")
        kind, status = control
        inner = _lexical(complement)
        consumed.add(complement.i)
        if kind == "own":
            consumed.update(t.i for t in clause_tokens(complement))
        if kind == "through":
            if inner is None:
                # "continue to send", "plan to" + noun object ("plans a meeting") handled below
                return _verb_triggers_inner(complement, consumed, status)
            return [Trigger(complement, tok, *inner, status_hint=status)] + _light_noun(complement, consumed, status)
        own = _lexical(tok) or VERBS.get(lemma)
        if lemma in ("fail", "refuse", "decline"):
            own = ("REJECT", None)  # failing or refusing to agree is a rejection (CAMEO 12)
        if lemma == "order" and complement.lemma_.lower() in ("leave", "quit", "depart"):
            # diplomats ordered to leave: an expulsion (166); journalists: individuals expelled (174)
            own = roles.expulsion({o.lemma_.lower() for o in objects(tok)}) or own
        if own is None:
            return []
        typ, mode = own
        if lemma in ("vow", "swear") and inner is not None and inner[0] not in CONFLICTUAL | {"THREATEN"}:
            typ, mode = "AGREE", None  # vowing to democratise is a promise, vowing to fight a threat
        made = [Trigger(tok, tok, typ, mode)]
        if inner is not None and typ in ("AGREE", "THREATEN"):
            made.append(Trigger(complement, complement, *inner, status_hint=status, secondary=True))
        return made

    if lemma in ("plan", "schedule", "propose", "arrange", "announce", "seek", "expect", "set") and not (
            lemma == "set" and any(o.lemma_.lower() == "fire" for o in objects(tok))):  # "set fire to": arson
        # "planning a meeting", "proposed talks": the noun is the event, planned or proposed.
        status = "proposed" if lemma in ("propose", "seek") else "planned" if lemma != "announce" else None
        nouns = _light_noun(tok, consumed, status)
        if nouns:
            return nouns
    if lemma in roles.EFFECT_VERBS:
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None:  # "traffic was paralysed by a blockade of the highway"
            subj = next((p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
        named = _lexical(subj) if subj is not None and subj.pos_ == "NOUN" else None
        if named is not None:
            # "A walkout by oil workers halted production": the walkout is what happened; what it
            # halted is its effect (the subject's event, dated and placed by this verb)
            consumed.add(subj.i)
            return [Trigger(subj, tok, *named, standalone=True)]
    if lemma in ("resume", "restart") and not objects(tok):
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.lemma_.lower() in roles.EXCHANGES:
            # "trade between China and Mongolia resumed": resumed exchange is cooperation (PLOVER
            # COOPERATE: "initiate, resume, improve, or expand mutual material cooperation or exchange")
            consumed.add(subj.i)
            return [Trigger(subj, tok, "COOPERATE", None, standalone=True)]
    if _ultimatum(tok):
        consumed.update(c.i for c in tok.children if c.dep_ in ("advcl", "xcomp"))
        return [Trigger(tok, tok, "THREATEN", None)]
    found = _lexical(tok)
    if lemma in LIGHT_VERBS:
        nouns = _light_noun(tok, consumed, None)
        if nouns and (found is None or found == VERBS.get(lemma)):
            return nouns
    if found is None:
        return []
    typ, mode = found
    subj = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
    if auxiliaries(tok) & OBLIGATION_AUX and tok.dep_ == "ccomp" and subj is not None and subj.pos_ != "PRON" and (
            tok.head.pos_ in ("VERB", "AUX")):
        # "... considered Belarus must release the drivers": what another must do is demanded of it,
        # however deep the clause; not an event of its own (a reporting verb's "must" clause is the
        # demand _obligation_demand already read)
        speaker = next((c for c in tok.head.children if c.dep_ in SUBJECTS), None)
        if speaker is not None and tok.head.lemma_.lower() in REPORTING_VERBS:
            return []
        if speaker is None and tok.head.dep_ == "acl":  # "passed a resolution stating that ...": its passers
            speaker = next((c for c in tok.head.head.head.children if c.dep_ in SUBJECTS), None)
        return [Trigger(tok, tok.head, "DEMAND", None, source_tok=speaker, target_tok=subj)]
    if lemma in _MILITARY_FORCE and _source_sector(tok) in MILITARY_SECTORS:
        typ = "FIGHT"  # armed forces using conventional force fight; others assault (PLOVER)
    return [Trigger(tok, tok, typ, mode, status_hint="proposed" if lemma in ("invite",) else None)]


def _stated_intent(verb, consumed: set[int]) -> list[Trigger]:
    """ "signalled their readiness to sign a ceasefire", "expressed willingness to talk": a noun of
    intent with its act, as "is ready to" (AGREE, CAMEO 03; a hostile act: THREATEN, 13)."""
    if verb.lemma_.lower() in ("deny", "rule") or any(c.dep_ == "neg" for c in verb.children):
        return []  # "denied any intention to invade" states none
    for obj in objects(verb):
        if obj.lemma_.lower() not in _INTENT_NOUNS or any(c.lower_ == "no" for c in obj.children):
            continue
        inner = next((c for c in obj.children if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX")
                      and any(a.lower_ == "to" for a in c.children)), None)
        if inner is None:
            continue
        consumed.update(t.i for t in inner.subtree)
        consumed.add(obj.i)
        return _intent_triggers(verb, inner)
    return []


def _intent_triggers(anchor, inner) -> list:
    """A stated intent to do ``inner`` ("is ready to", "signalled their readiness to"): a threat when the act
    is hostile ("ready to use force", CAMEO 138), else a promise (AGREE); the act itself, if it is an
    event, as a planned secondary trigger."""
    found = _lexical(inner)
    hostile = found is not None and found[0] in CONFLICTUAL | {"THREATEN"} or _uses_force(inner)
    made = [Trigger(anchor, anchor, "THREATEN" if hostile else "AGREE", None)]
    if found:
        made.append(Trigger(inner, inner, *found, status_hint="planned", secondary=True))
    return made


_INTENT_NOUNS = frozenset({"readiness", "willingness", "preparedness", "intention", "intent"})


def _ultimatum(verb) -> bool:
    """ "gave the rebels 48 hours to lay down their arms": a deadline to act, an ultimatum (CAMEO 139)."""
    if verb.lemma_.lower() not in ("give", "set", "issue"):
        return False
    span = any(c.lemma_.lower() in ("hour", "day", "week", "deadline", "ultimatum") for c in verb.children
               if c.dep_ in ("dobj", "obj", "npadvmod"))
    return span and any(c.dep_ in ("advcl", "xcomp", "relcl", "acl") and any(a.lower_ == "to" for a in c.children)
                        for c in list(verb.children) + [g for c in verb.children for g in c.children])


def _verb_triggers_inner(tok, consumed: set[int], status: str | None) -> list[Trigger]:
    made = _verb_triggers(tok, consumed)
    for t in made:
        t.status_hint = t.status_hint or status
    return made


def _light_noun(verb, consumed: set[int], status: str | None) -> list[Trigger]:
    for obj in objects(verb) + [c for c in verb.children if c.dep_ == "nsubjpass"]:
        if obj.lemma_.lower() in roles.QUANTITIES:  # "began three days of drills": the drills
            obj = counted([c for c in obj.children if c.lower_ == "of"], obj)
        for word in (obj, *[c for c in obj.children if c.dep_ == "compound"]):
            found = _lexical(word) if word.pos_ in ("NOUN", "PROPN") else None
            if found is None and word.lemma_.lower() in ("call",):
                found = ("CONSULT", "phone") if any(c.lower_ in ("phone", "telephone") for c in word.children) else None
            if found:
                consumed.add(obj.i)
                consumed.add(word.i)
                return [Trigger(word, verb, *found, status_hint=status)]
    return []


def _source_sector(verb) -> str | None:
    subj = subject_token(verb)
    if subj is None:
        return None
    found = actor_code(phrase(subj).text)
    return found[1] if found else None


def sentence_triggers(sent) -> list[Trigger]:
    """The event words of a parsed sentence, the main event first, its type decided by the manual's
    lines where they apply. A question reports nothing: "Were rebel fighters killed?" asks."""
    if sent.text.rstrip().endswith("?"):
        return []
    return _with_manual_reading(sent, _find_triggers(sent))
