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
  cue words ("will meet", "is scheduled to", "could be held", "called off", "denied");
- ``claimed_by``: the speaker when the event is reported speech.

Events of a sentence are ordered by salience: the event nearest the root of the parse first
(reporting verbs such as "said" are looked through), so the first event is the sentence's main one.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from ..model import Actor, Event, Extraction, Span, Timex
from ..settings import Settings
from .actors import actor_code
from .events_lexicon import (
    CONFLICTUAL, CONTROL_VERBS, COOPERATIVE, LIGHT_ONLY_NOUNS, LIGHT_VERBS, MILITARY_SECTORS, NOUNS,
    REPORTING_VERBS, VERB_OBJECT, VERB_PARTICLE, VERBS,
)
from .pipeline import stage

__all__ = ["sentence_events", "doc_events", "events_stage"]

_SUBJECTS = ("nsubj", "csubj")
_OBJECTS = ("dobj", "obj")
_CLAUSES = ("ccomp", "xcomp", "advcl", "relcl", "acl", "parataxis", "csubj", "pcomp")
_TARGET_PREPS = ("with", "against", "to", "on", "from", "at", "toward", "towards", "into", "for", "upon")
_PLACE_PREPS = ("in", "at", "near", "outside", "inside", "across", "throughout")
_PLACE_LABELS = ("GPE", "LOC", "FAC")
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "its", "their", "them", "his", "her", "you",
                       "who", "which", "that", "both", "this"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_PROPOSED_AUX = frozenset({"could", "might", "may", "can"})
_OBLIGATION_AUX = frozenset({"must", "should"})
_CANCEL = frozenset({"cancel", "scrap", "abandon", "shelve", "postpone", "suspend", "delay", "drop", "scrub"})
_PLANNED_MODIFIERS = frozenset({"planned", "upcoming", "scheduled", "future", "next", "forthcoming",
                                "expected", "prospective", "new"})
_PROPOSED_MODIFIERS = frozenset({"proposed", "possible", "potential", "likely", "mooted"})
_PAST_MODIFIERS = frozenset({"previous", "last", "recent", "earlier", "past", "former"})
_MILITARY_FORCE = frozenset({"attack", "kill", "wound", "bomb", "shoot", "injure", "ambush", "explode", "gun"})
# Passive-looking verbs whose grammatical subject is the one acting ("Vietnam is committed to",
# "Trump is scheduled to meet", "forces were engaged in").
_STATIVE_PASSIVES = frozenset({"commit", "engage", "prepare", "determine", "schedule", "set", "expect",
                               "involve", "due", "poise", "resolve"})


@dataclass
class _Trigger:
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


def _lexical(token) -> tuple[str, str | None] | None:
    """The (type, mode) a word reports on its own, refined by its particle and object."""
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX") or (token.pos_ == "NOUN" and token.dep_ == "ROOT" and token.tag_.startswith("VB")):
        for child in token.children:
            if child.dep_ == "prt":
                key = (lemma, child.lower_)
                if key in VERB_PARTICLE:
                    return VERB_PARTICLE[key]
        for obj in _objects(token):
            for word in (*[c for c in obj.children if c.dep_ in ("compound", "amod")], obj):
                key = (lemma, word.lemma_.lower())
                if key in VERB_OBJECT:
                    return VERB_OBJECT[key]
        if lemma == "hold" and not _objects(token):
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
        if found and lemma in ("call", "conversation"):
            mods = {c.lower_ for c in token.children if c.dep_ in ("compound", "amod")}
            if lemma == "call" and not mods & {"phone", "telephone", "video"}:
                return None
        return found
    return None


def _objects(token) -> list:
    return [c for c in token.children if c.dep_ in _OBJECTS]


def _is_negated(token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _aux(token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}


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
            made = _verb_triggers(tok, consumed)
            triggers.extend(made)
            continue
        if tok.pos_ in ("NOUN", "PROPN") and tok.i not in consumed:
            found = _lexical(tok)
            if found is None or tok.lemma_.lower() in LIGHT_ONLY_NOUNS and not _is_event_noun_use(tok):
                continue
            consumed.add(tok.i)
            triggers.append(_Trigger(tok, _noun_anchor(tok), *found, standalone=True))
    return triggers


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


def _is_event_noun_use(tok) -> bool:
    if tok.lemma_.lower() in ("call",):
        return True  # only reached for "phone call" (see _lexical)
    head = tok.head
    return tok.dep_ in ("dobj", "nsubjpass", "nsubj") and head.lemma_.lower() in LIGHT_VERBS


def _noun_anchor(tok):
    head = tok
    # Climb through prepositions and conjunctions to the verb that governs the noun.
    while head.dep_ not in ("ROOT",) and not (head.pos_ in ("VERB", "AUX") and head is not tok):
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
                    made = [_Trigger(tok, tok, "AGREE", None)]
                    found = _lexical(inner)
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
        if lemma in ("vow", "swear", "warn") and inner is not None and inner[0] not in CONFLICTUAL | {"THREATEN"}:
            typ, mode = "AGREE", None  # vowing to democratise is a promise, vowing to fight a threat
        if lemma in ("refuse", "decline", "fail", "reject") and inner is not None and inner[0] in CONFLICTUAL:
            typ = "REJECT"
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
    return [_Trigger(tok, tok, typ, mode)]


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


def _phrase(tok):
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
    return span


def _actors_of(tok, exclude: set[int] | None = None) -> list[Actor]:
    """Actors named by the noun phrase at ``tok`` and its conjuncts ("Hungary and Romania")."""
    heads = [tok, *tok.conjuncts] if tok.dep_ != "conj" else [tok]
    out: list[Actor] = []
    for head in heads:
        if exclude and head.i in exclude:
            continue
        if head.lower_ in _PRONOUNS and head.pos_ == "PRON":
            continue
        span = _phrase(head)
        # Coordinated modifiers: "Hungarian and Romanian officials", "U.S. and Russian negotiators".
        mods = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod", "poss") and c.conjuncts]
        if mods:
            for mod in [mods[0], *mods[0].conjuncts]:
                found = actor_code(f"{mod.text} {head.text}")
                if found:
                    out.append(Actor(text=f"{mod.text} {head.text}" if mod.i != head.i - 1 else doc_text(mod, head),
                                     code=found[0], sector=found[1], start=mod.idx, end=mod.idx + len(mod.text)))
            continue
        found = actor_code(span.text)
        if found is None:
            continue
        out.append(Actor(text=span.text, code=found[0], sector=found[1], start=span.start_char, end=span.end_char))
    return out


def doc_text(first, last) -> str:
    return first.doc[first.i:last.i + 1].text


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
        if head.dep_ in ("ccomp", "xcomp", "advcl", "conj") and head.head is not head:
            head = head.head
            for c in head.children:
                if c.dep_ in _SUBJECTS and not (c.pos_ == "PRON" and c.lower_ in _PRONOUNS):
                    return c
        else:
            break
    return None


def _sources(trigger: _Trigger) -> list[Actor]:
    anchor = trigger.anchor
    if trigger.source_tok is not None:
        return _actors_of(trigger.source_tok)
    agent = [gc for c in anchor.children if c.dep_ == "agent" for gc in c.children if gc.dep_ == "pobj"]
    if agent:
        return _actors_of(agent[0])
    if trigger.standalone:
        # A noun event on its own: "talks between Russia and the US", "the Putin-Trump summit".
        between = _noun_participants(trigger.token)
        if between:
            return between
    subj = _subject_token(anchor)
    if subj is None:
        return []
    if subj.pos_ == "PRON":
        resolved = _resolve_pronoun(subj)
        if resolved is None:
            return []
        subj = resolved
    if subj.i == trigger.token.i:  # the event noun is the subject ("the meeting will take place")
        return _noun_participants(trigger.token)
    return _actors_of(subj)


def _noun_participants(noun) -> list[Actor]:
    out: list[Actor] = []
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "between":
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(_actors_of(p))
        elif c.dep_ in ("compound", "amod", "poss", "nmod") and c.pos_ in ("PROPN", "ADJ", "NOUN"):
            found = actor_code(c.text)
            if found:
                out.append(Actor(text=c.text, code=found[0], sector=found[1], start=c.idx, end=c.idx + len(c.text)))
    return out


def _targets(trigger: _Trigger, sources: list[Actor]) -> list[Actor]:
    tok, anchor = trigger.token, trigger.anchor
    source_spans = {(a.start, a.end) for a in sources}
    if trigger.target_tok is not None:
        return _actors_of(trigger.target_tok)
    candidates: list = []
    for verb in dict.fromkeys([anchor, tok]):
        for c in verb.children:
            if c.dep_ in ("dative",) and c.pos_ != "ADP":
                candidates.append(c)
        for c in verb.children:
            if c.dep_ in _OBJECTS or c.dep_ == "nsubjpass":
                candidates.append(c)
        for c in verb.children:
            if c.dep_ in ("ccomp", "xcomp") and trigger.type in ("DEMAND", "THREATEN", "DISAPPROVE", "REJECT", "AGREE"):
                for gc in c.children:
                    if gc.dep_ in _SUBJECTS + ("nsubjpass",) and gc.pos_ != "PRON":
                        candidates.append(gc)
                    if gc.dep_ in _OBJECTS:
                        candidates.append(gc)
                    if gc.dep_ == "prep" and gc.lower_ in _TARGET_PREPS:
                        candidates.extend(p for p in gc.children if p.dep_ == "pobj")
        for c in list(verb.children) + [gc for o in _objects(verb) for gc in o.children]:
            if c.dep_ in ("prep", "dative") and c.lower_ in _TARGET_PREPS + ("of", "in", "over", "between"):
                candidates.extend(p for p in c.children if p.dep_ == "pobj")
    if tok.pos_ in ("NOUN", "PROPN"):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS + ("of",):
                candidates.extend(p for p in c.children if p.dep_ == "pobj")
    source_codes = {a.code for a in sources}
    for cand in candidates:
        actors = [a for a in _actors_of(cand) if (a.start, a.end) not in source_spans]
        if cand.dep_ == "pobj" and cand.head.lower_ == "in":
            # "in X" is usually the place; it is the target only when it names someone else.
            actors = [a for a in actors if a.code not in source_codes]
        if actors:
            return actors
    return []


# ---------------------------------------------------------------------------- place, time, status


def _clause_tokens(tok) -> list:
    """The tokens of the clause headed by ``tok``, without embedded clauses."""
    out = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("ccomp", "advcl", "relcl", "parataxis") or t is tok and c.dep_ == "xcomp")
    return out


def _place(trigger: _Trigger) -> str | None:
    doc = trigger.token.doc
    clause = {t.i for t in _clause_tokens(trigger.anchor)} | {t.i for t in _clause_tokens(trigger.token)}
    for ent in doc.ents:
        if ent.label_ not in _PLACE_LABELS or ent.start not in clause:
            continue
        head = ent.root
        prep = head.head
        hops = 0
        while prep.dep_ == "appos" or (prep.dep_ in ("pobj", "compound", "conj") and prep.head.dep_ != "prep" and hops < 2):
            prep, hops = prep.head, hops + 1
        while head.dep_ in ("appos", "conj", "compound") and hops < 4:
            head, hops = head.head, hops + 1
        if head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPS:
            text = ent.text
            return text[4:] if text.lower().startswith("the ") else text
    return None


def _time(trigger: _Trigger, timexes: list[Timex]) -> tuple[str | None, Timex | None]:
    if not timexes:
        return None, None
    clause = _clause_tokens(trigger.anchor)
    if trigger.token is not trigger.anchor:
        clause += _clause_tokens(trigger.token)
    chars = [(t.idx, t.idx + len(t.text)) for t in clause]
    for tx in timexes:
        if tx.type not in ("DATE", "TIME"):
            continue
        if any(s < tx.end and tx.start < e for s, e in chars):
            return tx.value, tx
    return None, None


def _status(trigger: _Trigger, published: str | None, timex: Timex | None) -> str:
    tok, anchor = trigger.token, trigger.anchor
    sent_words = {t.lemma_.lower() for t in tok.sent}
    # Cancellation or denial cues governing the event.
    for t in (tok, anchor, *tok.ancestors):
        lemma = t.lemma_.lower()
        if t is not tok and lemma in _CANCEL | {"call"} and (lemma != "call" or any(c.lower_ == "off" for c in t.children)):
            if lemma in ("postpone", "delay"):
                return "planned"
            return "cancelled"
        if lemma == "deny" and t is not tok:
            return "denied"
        if t.dep_ == "ROOT":
            break
    if trigger.status_hint == "denied":
        return "denied"
    aux = _aux(anchor) | _aux(tok)
    if _is_negated(anchor) and not (aux & _FUTURE_AUX):
        return "denied"
    mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound", "advmod")}
    advs = {c.lower_ for c in anchor.children if c.dep_ == "advmod"}
    if advs & {"previously", "already", "earlier"} or mods & _PAST_MODIFIERS:
        return "occurred"
    if aux & _PROPOSED_AUX or mods & _PROPOSED_MODIFIERS:
        return "proposed"
    if aux & _FUTURE_AUX or mods & _PLANNED_MODIFIERS or _going_to(anchor):
        return "planned"
    if "would" in aux:
        return "planned" if _reported(anchor) else "proposed"
    if trigger.status_hint in ("planned", "proposed"):
        return trigger.status_hint
    if timex is not None and published and timex.value[:10] > published[:10] and timex.value[:1].isdigit():
        return "planned"
    tag = anchor.tag_
    if tag in ("VBD", "VBN") or (tag == "VBG" and "be" in {c.lemma_ for c in anchor.children if c.dep_ == "aux"}):
        if tag == "VBN" and anchor.dep_ in ("amod", "acl"):
            return "occurred"
        return "occurred"
    if tag in ("VBZ", "VBP"):
        return "occurred"
    if trigger.status_hint == "occurred":
        return "occurred"
    return "unknown"


def _going_to(verb) -> bool:
    head = verb.head
    return verb.dep_ == "xcomp" and head.lower_ == "going" or (
        verb.dep_ == "xcomp" and head.lemma_ == "be" and any(c.lower_ == "to" for c in verb.children if c.dep_ == "aux"))


def _reported(verb) -> bool:
    return any(a.lemma_.lower() in REPORTING_VERBS for a in verb.ancestors)


def _claimed_by(trigger: _Trigger) -> str | None:
    tok = trigger.anchor
    for a in tok.ancestors:
        if a.lemma_.lower() in REPORTING_VERBS and (a.pos_ in ("VERB", "AUX")):
            for c in a.children:
                if c.dep_ in _SUBJECTS:
                    return _phrase(c).text
            return None
    for t in tok.sent:
        if t.lower_ == "according" and t.nbor(1).lower_ == "to" if t.i + 1 < len(t.doc) else False:
            for p in t.nbor(1).children:
                if p.dep_ == "pobj":
                    return _phrase(p).text
    return None


# ---------------------------------------------------------------------------- assembly


def sentence_events(sent, timexes: list[Timex] | None = None, published: str | None = None) -> list[Event]:
    """The PLOVER events one parsed sentence reports, the main one first.

    ``timexes`` are the article's time expressions (``Timex`` with character offsets into the
    ``Doc``'s text); ``published`` is the article date (``YYYY-MM-DD``) used to tell planned events
    by their date. Both may be empty.
    """
    timexes = [t for t in (timexes or []) if sent.start_char <= t.start < sent.end_char]
    evidence = Span(sent.start_char, sent.end_char, sent.text)
    triggers = _find_triggers(sent)
    events: list[Event] = []
    for trig in triggers:
        sources = _sources(trig)
        targets = _targets(trig, sources)
        time, timex = _time(trig, timexes)
        status = _status(trig, published, timex)
        typ = trig.type
        primary = [Event(type=typ, evidence=evidence, source=sources, target=targets, mode=trig.mode,
                         time=time, place=_place(trig), status=status, claimed_by=_claimed_by(trig))]
        # PLOVER codes an announced future act as the intent it expresses: a cooperative act as
        # AGREE, a hostile one as THREATEN; the act itself stays, as planned, for plan tracking.
        negated = _is_negated(trig.anchor) or _is_negated(trig.token)
        if trig.secondary:
            pass
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
        events.extend(primary)
    return events


def _announced(trigger: _Trigger) -> bool:
    """True when someone states the future act as their own (not a schedule, not a passive)."""
    anchor = trigger.anchor
    if trigger.token.pos_ in ("NOUN", "PROPN") and trigger.token is anchor:
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


def doc_events(doc, timexes: list[Timex] | None = None, published: str | None = None) -> list[Event]:
    """Every event of a parsed document, sentence by sentence."""
    out: list[Event] = []
    for sent in doc.sents:
        out.extend(sentence_events(sent, timexes, published))
    return out


@stage("newsweave.events.rules.v1", requires=("doc", "mentions", "timexes"), assigns=("events",))
def events_stage(ex: Extraction, settings: Settings) -> None:
    published = ex.article.published.isoformat() if ex.article.published else None
    ex.events = doc_events(ex.doc, ex.timexes, published)
