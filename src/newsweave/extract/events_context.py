"""Where, when and whether an event happened, and who claims it: the context rules of the event stage.

Split from ``newsweave.extract.events`` (which finds the events and their actors): the place (a
GPE/LOC/FAC after "in" / "at" in the event's clause), the time (a TIMEX in that clause), the
status (occurred / planned / proposed / cancelled / denied / unknown, from tense, modals and cue
words), the speaker of reported speech, and the phone mode of a consultation.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Timex
from .actors import actor_code
from .events_lexicon import REPORTING_VERBS

_SUBJECTS = ("nsubj", "csubj")
_OBJECTS = ("dobj", "obj")
_PLACE_PREPS = ("in", "at", "near", "outside", "inside", "across", "throughout")
_PLACE_LABELS = ("GPE", "LOC", "FAC")
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_PROPOSED_AUX = frozenset({"could", "might", "may", "can"})
_OBLIGATION_AUX = frozenset({"must", "should"})
_CANCEL = frozenset({"cancel", "scrap", "abandon", "shelve", "postpone", "suspend", "delay", "drop", "scrub"})
_PLANNED_MODIFIERS = frozenset({"planned", "upcoming", "scheduled", "future", "next", "forthcoming",
                                "expected", "prospective", "new"})
_PROPOSED_MODIFIERS = frozenset({"proposed", "possible", "potential", "likely", "mooted"})
_PAST_MODIFIERS = frozenset({"previous", "last", "recent", "earlier", "past", "former"})


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


def _objects(token) -> list:
    return [c for c in token.children if c.dep_ in _OBJECTS]


def _is_negated(token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _aux(token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}


# Verbs that say a noun event happens ("the meeting took place / will be held / begins").
_HAPPENING = frozenset({"hold", "place", "take", "happen", "occur", "schedule", "plan", "set", "expect",
                        "begin", "start", "go", "convene", "open", "resume", "last", "end", "be"})


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


def _clause_tokens(tok) -> list:
    """The tokens of the clause headed by ``tok``, without embedded clauses."""
    out = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("ccomp", "advcl", "relcl", "parataxis") or t == tok and c.dep_ == "xcomp")
    return out


def _event_clause(trigger: _Trigger) -> list:
    """The words that can say where and when: the event's clause, or a noun event's own words
    plus the verb that says it happens ("the meeting will take place next week in Budapest")."""
    tok, anchor = trigger.token, trigger.anchor
    if not trigger.standalone:
        out = _clause_tokens(anchor)
        return out + _clause_tokens(tok) if tok != anchor else out
    out = list(tok.subtree)
    if anchor.head == tok or (tok.dep_ in ("nsubj", "nsubjpass") and tok.head == anchor
                              and anchor.lemma_.lower() in _HAPPENING):
        out += [t for t in _clause_tokens(anchor) if t.i not in {x.i for x in tok.subtree}]
    return out


def _place(trigger: _Trigger) -> str | None:
    """A place named after "in" / "at" / "near" in the event's clause ("met in Budapest")."""
    doc = trigger.token.doc
    clause = {t.i for t in _event_clause(trigger)}
    for tok in sorted((doc[i] for i in clause), key=lambda t: t.i):
        if tok.pos_ != "PROPN" or not _after_place_preposition(tok):
            continue
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None and ent.label_ in _PLACE_LABELS:
            text = ent.text
        elif ent is None or ent.label_ not in ("ORG", "NORP"):
            # The small model misses or mislabels many places ("in northern Mali" as PERSON): a
            # country or capital name from the actor tables is a place all the same.
            words = [t for t in tok.subtree if t.pos_ == "PROPN" and t.i <= tok.i]
            text = doc[words[0].i:tok.i + 1].text if words else tok.text
            if actor_code(text) is None or text[:1].islower():
                continue
        else:
            continue
        return text[4:] if text.lower().startswith("the ") else text
    return None


def _after_place_preposition(tok) -> bool:
    head, hops = tok, 0
    # Climb from a name to its preposition through appositions and compounds ("in an agreed upon
    # location, Budapest, Hungary").
    while head.dep_ in ("appos", "conj", "compound") and hops < 4:
        head, hops = head.head, hops + 1
    return head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPS


def _time(trigger: _Trigger, timexes: list[Timex]) -> tuple[str | None, Timex | None]:
    if not timexes:
        return None, None
    clause = _event_clause(trigger)
    chars = [(t.idx, t.idx + len(t.text)) for t in clause]
    for tx in timexes:
        if tx.type not in ("DATE", "TIME"):
            continue
        if any(s < tx.end and tx.start < e for s, e in chars):
            return tx.value, tx
    return None, None


def _status(trigger: _Trigger, published: str | None, timex: Timex | None) -> str:
    tok, anchor = trigger.token, trigger.anchor
    # Cancellation or denial cues governing the event.
    for t in (tok, anchor, *tok.ancestors):
        lemma = t.lemma_.lower()
        if t != tok and lemma in _CANCEL | {"call"} and (lemma != "call" or any(c.lower_ == "off" for c in t.children)):
            if lemma in ("postpone", "delay"):
                return "planned"
            return "cancelled"
        if lemma == "deny" and t != tok:
            return "denied"
        if t.dep_ == "ROOT":
            break
    if trigger.status_hint == "denied":
        return "denied"
    if trigger.standalone:
        return _noun_status(trigger, published, timex)
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
    if tag in ("VBG", "VBN") and anchor.dep_ in ("advcl", "conj") and not aux:
        # "attacked a village, killing 12": the participle shares the main verb's time
        return _status(_Trigger(anchor.head, anchor.head, trigger.type, trigger.mode), published, timex)
    if tag in ("VBD", "VBN") or (tag == "VBG" and "be" in {c.lemma_ for c in anchor.children if c.dep_ == "aux"}):
        if tag == "VBN" and anchor.dep_ in ("amod", "acl"):
            return "occurred"
        return "occurred"
    if tag in ("VBZ", "VBP"):
        return "occurred"
    if trigger.status_hint == "occurred":
        return "occurred"
    return "unknown"


def _noun_status(trigger: _Trigger, published: str | None, timex: Timex | None) -> str:
    tok, anchor = trigger.token, trigger.anchor
    mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound", "advmod", "nummod")}
    if mods & _PAST_MODIFIERS:
        return "occurred"
    if mods & _PROPOSED_MODIFIERS:
        return "proposed"
    if mods & _PLANNED_MODIFIERS:
        return "planned"
    if tok.dep_ == "pobj" and tok.head.lower_ in ("after", "following", "since"):
        return "occurred"  # "after a phone call between the two leaders"
    says_it_happens = anchor.head == tok or (tok.dep_ in ("nsubj", "nsubjpass") and tok.head == anchor
                                             and anchor.lemma_.lower() in _HAPPENING)
    if says_it_happens:
        return _status(_Trigger(anchor, anchor, trigger.type, trigger.mode), published, timex)
    if timex is not None and published and timex.value[:1].isdigit():
        return "planned" if timex.value[:10] > published[:10] else "occurred"
    # A noun event mentioned in passing ("after a phone call", "his conversation with Putin")
    # is one that happened when the clause around it is in the past or present.
    aux = _aux(anchor)
    if aux & _FUTURE_AUX or _going_to(anchor):
        return "planned"
    if aux & (_PROPOSED_AUX | {"would"}):
        return "proposed"
    if anchor.tag_ in ("VBD", "VBN", "VBZ", "VBP"):
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
_PHONE_WORDS = frozenset({"phone", "telephone", "videoconference", "video", "videolink"})


def _by_phone(trigger: _Trigger) -> bool:
    """ "spoke by phone", "talked over the telephone", "phoned": a consultation by phone (CAMEO 041)."""
    tok = trigger.token
    if tok.lemma_.lower() in ("phone", "telephone"):
        return True
    if tok.pos_ == "NOUN":
        return any(c.lower_ in _PHONE_WORDS for c in tok.children if c.dep_ in ("compound", "amod"))
    for verb in (tok, trigger.anchor):
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in ("by", "over", "via", "on") and any(
                    p.lemma_.lower() in _PHONE_WORDS for p in prep.children if p.dep_ == "pobj"):
                return True
    return False
