"""Where, when and whether an event happened, and who claims it: the context rules of the event stage.

Beside ``events_triggers`` (which finds the events) and ``events_actors`` (who takes part): the place (a
GPE/LOC/FAC after "in" / "at" in the event's clause), the time (a TIMEX in that clause), the
status (occurred / planned / proposed / cancelled / denied / unknown, from tense, modals and cue
words), the speaker of reported speech, and the phone mode of a consultation.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..actors import actor_code, city_country, province_code
from ..model import Timex
from ..plan_words import (
    CANCEL_PARTICLES,
    CANCEL_VERBS,
    POSTPONE_PARTICLES,
    POSTPONE_VERBS,
)
from ..text import dateline_place
from .events_lexicon import REPORTING_VERBS
from .events_syntax import (
    SUBJECTS,
    Trigger,
    auxiliaries,
    clause_tokens,
    is_negated,
    phrase,
)

__all__ = ["FUTURE_AUX", "HAPPENING", "OBLIGATION_AUX", "by_phone", "claimed_by", "coming_window", "event_place", "event_status",
           "event_time", "sentence_countries", "status_cue"]

_PLACE_PREPS = ("in", "at", "near", "outside", "inside", "across", "throughout", "through", "around")
_PLACE_LABELS = ("GPE", "LOC", "FAC")
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_PROPOSED_AUX = frozenset({"could", "might", "may", "can"})
OBLIGATION_AUX = frozenset({"must", "should"})
# Prepositions that give the new date of a postponed event ("until April", "to May 3", "for June").
_NEW_DATE_PREPS = ("until", "till", "to", "into", "for", "on")
_PLANNED_MODIFIERS = frozenset({"planned", "upcoming", "scheduled", "future", "next", "forthcoming",
                                "expected", "prospective", "new"})
_PROPOSED_MODIFIERS = frozenset({"proposed", "possible", "potential", "likely", "mooted"})
_PAST_MODIFIERS = frozenset({"previous", "last", "recent", "earlier", "past", "former"})


# Verbs that say a noun event happens ("the meeting took place / will be held / begins").
HAPPENING = frozenset({"hold", "place", "take", "happen", "occur", "schedule", "plan", "set", "expect",
                       "begin", "start", "go", "convene", "open", "resume", "last", "end", "be",
                       # "riots broke out in Dakar", "fighting erupted in the north", "protests spread to Lyon"
                       "break", "erupt", "flare", "spread"})


# Verbs whose "with" object is how something begins ("talks will open with a dinner"): the object
# happens when the verb says.
_BEGIN_VERBS = frozenset({"start", "begin", "open", "commence", "kick"})


def _event_clause(trigger: Trigger) -> list:
    """The words that can say where and when: the event's clause, or a noun event's own words
    plus the verb that says it happens ("the meeting will take place next week in Budapest")."""
    tok, anchor = trigger.token, trigger.anchor
    if not trigger.standalone:
        out = clause_tokens(anchor)
        return out + clause_tokens(tok) if tok != anchor else out
    out = list(tok.subtree)
    if anchor.head == tok or (tok.dep_ in ("nsubj", "nsubjpass") and tok.head == anchor
                              and anchor.lemma_.lower() in HAPPENING) or (
            tok.head == anchor and tok.dep_ in ("nsubj", "nsubjpass", "dobj") and status_cue(anchor)) or (
            tok.dep_ == "pobj" and tok.head.lower_ == "with" and tok.head.head == anchor
            and anchor.lemma_.lower() in _BEGIN_VERBS):
        # "the summit will take place on May 3", "the summit was postponed until April",
        # "they called off the visit", "preparations will start next week with a phone call":
        # the verb says when, where and whether.
        out += [t for t in clause_tokens(anchor) if t.i not in {x.i for x in tok.subtree}]
    return out


def event_place(trigger: Trigger) -> str | None:
    """A place named after "in" / "at" / "near" in the event's clause ("met in Budapest")."""
    doc = trigger.token.doc
    clause = {t.i for t in _event_clause(trigger)}
    for tok in sorted((doc[i] for i in clause), key=lambda t: t.i):
        if tok.pos_ != "PROPN":
            continue
        framed = _place_frame(tok)
        if framed is None and not _after_place_preposition(tok):
            continue
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        if framed is not None:
            # A name a place noun frames is a place, whatever the tagger called it ("the town of Velmor"):
            # the whole name ("Ain Harouf"), not the words of a place noun it governs ("Chechen capital")
            frame, name = framed
            inside = {t.i for t in frame.subtree} if frame.head.i == name.i else set()
            words = [t for t in name.subtree if t.pos_ == "PROPN" and t.i not in inside]
            text = doc[words[0].i:words[-1].i + 1].text if words else tok.text
            if text[:1].islower():
                continue
        elif ent is not None and ent.label_ in _PLACE_LABELS:
            nouns = [t.i for t in ent if t.lemma_.lower() in _PLACE_NOUNS and t.text.islower() and t.i < ent.end - 1]
            # the name after a place noun the tagger took in ("the Chechen capital Grozny": Grozny)
            text = doc[nouns[-1] + 1:ent.end].text if nouns else ent.text
        elif ent is None or ent.label_ not in ("ORG", "NORP") or _after_place_preposition(tok):
            # The small model misses or mislabels many places ("in northern Mali" as PERSON, "around
            # Labasa" as ORG): a country, capital, province or city of the tables is a place all the same
            words = [t for t in tok.subtree if t.pos_ == "PROPN" and t.i <= tok.i]
            text = doc[words[0].i:tok.i + 1].text if words else tok.text
            if text[:1].islower() or not _known_place(text, named_body=ent is not None and ent.label_ in ("ORG", "NORP")):
                continue
        else:
            continue
        if framed is not None and _country_of(text) is None:
            # "near the southern Lebanese village of Ain Harouf": the village is unknown to the tables,
            # the phrase that frames it says its country
            frame, name = framed
            text = doc[frame.left_edge.i:max(tok.i, name.i) + 1].text
        return text[4:] if text.lower().startswith("the ") else text
    return None


# Common nouns that frame a place's name ("the town of ...", "the Venezuelan port of ...").
_PLACE_NOUNS = frozenset({"town", "village", "city", "port", "province", "region", "district", "state",
                          "county", "capital", "area", "island", "municipality", "settlement", "hamlet",
                          "neighbourhood", "neighborhood", "suburb", "camp", "oasis"})


def _place_frame(tok):
    """The place noun of "<prep> the (southern) Lebanese village of NAME" (or "<prep> the Chechen capital
    NAME") and NAME's head word, when ``tok`` is in NAME; else None."""
    head = _name_phrase_head(tok)
    # (a lower-case place noun: "Port" of "Port Elsin" is the name's own word)
    beside = next((c for c in tok.children if c.dep_ == "compound" and c.lemma_.lower() in _PLACE_NOUNS
                   and c.text.islower()), None)
    if beside is None and head.i != tok.i and head.lemma_.lower() in _PLACE_NOUNS and head.text.islower():
        beside = head
    if beside is not None and _after_place_preposition(tok):
        return beside, tok  # "in the Chechen capital Grozny": the name set beside its place noun
    of = head.head
    if head.dep_ != "pobj" or of.lower_ != "of" or of.head.lemma_.lower() not in _PLACE_NOUNS:
        return None
    frame = of.head
    # ("a curfew was imposed on the Bangladeshi town of ...": "on" a town is a place, as "in" one)
    return (frame, head) if frame.dep_ == "pobj" and frame.head.lower_ in (*_PLACE_PREPS, "on") else None


_PARENTHESIS = re.compile(r"\(([^()]{2,60})\)")


def place_country(trigger: Trigger, place: str | None) -> str | None:
    """The country (ISO alpha-3) where an event happens: its place's, a country or capital the actor
    tables know or a province of exactly one country ("Cauca" -> COL), else the province or country
    a note gives in parentheses in the event's sentence ("near Boni (Mopti region)")."""
    code = _country_of(place) if place else None
    if code:
        return code
    for m in _PARENTHESIS.finditer(trigger.token.sent.text):
        inner = m.group(1).strip()
        # A name in capitals is an acronym ("(UNITA)"), maybe an agency's credit ("(NAN)", the News Agency
        # of Nigeria): the actor tables may know it, but it is no province ("Nan", Thailand) nor city.
        code = (_country_of(inner, places=not inner.isupper())) if inner[:1].isupper() else None
        if code:
            return code
    return None


def dateline_country(text: str) -> str | None:
    """The country (ISO alpha-3) an article is datelined in: its dateline's country or region where it
    names one ("SANDAKAN, Sabah" -> MYS), else its city's where the actor tables know it ("DHAKA")."""
    place = dateline_place(text)
    if place is None:
        return None
    for part in reversed([p.strip() for p in place.split(",")]):
        code = _country_of(part)  # the tables read "ABUJA" as "Abuja"
        if code:
            return code
    return None


def foreign_named(sent, home: str) -> bool:
    """Whether a sentence names a country other than ``home`` (as a place, a people or a state):
    then the dateline says nothing of where its events happen or whose its actors are."""
    for ent in sent.ents:
        if ent.label_ in ("GPE", "NORP", "LOC", "ORG"):
            # provinces and cities only for places, and not in capitals ("(NAN)", an agency's credit)
            code = _country_of(ent.text, places=ent.label_ in ("GPE", "LOC") and not ent.text.isupper())
            if code and code != home:
                return True
    return False


def sentence_countries(sent) -> dict[str, str]:
    """The countries a sentence's places and peoples point to ("the northern Nigerian town of Gidan
    Mallam", "Mogadishu's airport"), each with the first name that points to it: where an event's own
    place is not found and they name one country, it happens there."""
    codes: dict[str, str] = {}
    for ent in sent.ents:
        if ent.label_ in ("GPE", "NORP", "LOC"):
            code = _country_of(ent.text, places=ent.label_ in ("GPE", "LOC") and not ent.text.isupper())
            if code:
                codes.setdefault(code, ent.text)
    return codes


def _country_of(name: str, places: bool = True) -> str | None:
    """A country or capital the actor tables know (not a body of no country), else (with ``places``) a
    province's or a city's country."""
    found = actor_code(name)
    if found and found[0] not in ("NGO", "IGO"):
        return found[0]
    return (province_code(name) or city_country(name)) if places else None


def _known_place(text: str, named_body: bool) -> bool:
    """Whether the tables know ``text`` as a place: a country or capital, or a province or city. A name the
    tagger calls a body or a people counts only as a province or city ("at Airbus" is no place)."""
    if not named_body and actor_code(text) is not None:
        return True
    return bool(province_code(text) or city_country(text))


def _name_phrase_head(tok):
    """The word a name hangs in its phrase by: climbed through appositions, conjuncts and compounds
    ("in an agreed upon location, Budapest, Hungary"), four steps at most."""
    head, hops = tok, 0
    while head.dep_ in ("appos", "conj", "compound") and hops < 4:
        head, hops = head.head, hops + 1
    return head


def _after_place_preposition(tok) -> bool:
    head = _name_phrase_head(tok)
    return head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPS


def status_cue(verb) -> str | None:
    """ "postponed" or "cancelled" when ``verb`` postpones or cancels what it governs, else None.

    Postponing: postpone, delay, reschedule, defer, push back, put off, and "move" with a new date
    ("moved to April"); cancelling: cancel, scrap, abandon, shelve, call off ...
    """
    lemma = verb.lemma_.lower()
    # The small model parses "pushed back" with "back" as a particle or an adverb.
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"
                     or c.dep_ == "advmod" and c.lower_ in ("back", "off")), None)
    if lemma in POSTPONE_VERBS or (lemma, particle) in POSTPONE_PARTICLES:
        return "postponed"
    if lemma in CANCEL_VERBS or (lemma, particle) in CANCEL_PARTICLES:
        return "cancelled"
    if lemma == "move" and any(c.dep_ == "prep" and c.lower_ in ("to", "until", "till") and any(
            p.ent_type_ == "DATE" for p in c.subtree) for c in verb.children):
        return "postponed"
    return None


_SPECIFIC_DATE = re.compile(r"^(?:\d{4}|XXXX)-(?:\d{2}|W\d{2})(?:-\d{2})?(?:T|$)")


def _specificity(timex: Timex) -> int:
    """0 for a calendar date, month or week ("2026-04-14", "2026-04", "2026-W11", "XXXX-10-16" when
    the year is unknown), 1 for a year, decade or season, 2 for a reference ("now": PRESENT_REF) or anything else."""
    if _SPECIFIC_DATE.match(timex.value or ""):
        return 0
    return 1 if (timex.value or "")[:1].isdigit() else 2


def event_time(trigger: Trigger, timexes: list[Timex], published: str | None = None) -> tuple[str | None, Timex | None]:
    """The date of the event: a TIMEX in its clause, a calendar date before a vague reference ("would
    now take place on April 14" is April 14), the new date of a postponement ("until April"); with no
    date, a stretch to come ("will start in the next few days") as the window it names."""
    if not timexes:
        return None, None
    clause = _event_clause(trigger)
    chars = [(t.idx, t.idx + len(t.text)) for t in clause]
    inside = [tx for tx in timexes if any(s < tx.end and tx.start < e for s, e in chars)]
    found = [tx for tx in inside if tx.type in ("DATE", "TIME")]
    if not found:
        for tx in inside:
            window = coming_window(tx.text, published) if tx.type == "DURATION" else None
            if window:
                return window, None  # no dated expression: the status is read from the verb alone
        return None, None
    new = _new_date(trigger, found)
    if new is not None:
        return _after_report(new, published), new
    best = min(found, key=lambda tx: (_specificity(tx), tx.start))
    return best.value, best


_YEAR_WORD = re.compile(r"\b\d{4}\b")

# "in the next few days", "in the coming weeks", "over the next two months": a stretch
# that starts after the report. Vague counts get a generous reach, so that a plan is not called overdue
# before a reader would call it late: a few days a week, a few weeks six, a few months half a year.
_COMING = re.compile(r"(?:the\s+)?(?:next|coming|upcoming)\s+(?:(few|several|couple\s+of|\w+|\d+)\s+)?"
                     r"(days?|weeks?|months?)", re.IGNORECASE)
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30}
_VAGUE_REACH = {"day": 7, "week": 42, "month": 183}
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "twelve": 12}


def coming_window(text: str, published: str | None) -> str | None:
    """The days a stretch of time to come names, counted from the day after the report, as an ISO
    interval ("the next few days" in a 2025-10-17 report: ``2025-10-18/2025-10-24``), or None for
    any other duration ("three hours", "the past few days") or without the report's date."""
    if not published:
        return None
    m = _COMING.fullmatch(text.strip().rstrip(".,"))
    if m is None:
        return None
    count, unit = (m[1] or "").lower(), m[2].lower().rstrip("s")
    if count.isdigit() or count in _COUNTS:
        days = (int(count) if count.isdigit() else _COUNTS[count]) * _UNIT_DAYS[unit]
    elif count.startswith("couple"):
        days = 2 * _UNIT_DAYS[unit]
    elif count in ("", "few", "several"):
        days = _VAGUE_REACH[unit]
    else:
        return None  # "the next presidential days"
    try:
        first = date.fromisoformat(published[:10]) + timedelta(days=1)
        return f"{first.isoformat()}/{(first + timedelta(days=days - 1)).isoformat()}"
    except (ValueError, OverflowError):
        return None


def _after_report(timex: Timex, published: str | None) -> str:
    """The new date of a postponement lies after the report: a month or day read into the past
    ("was moved to July" in a May report, resolved by the past tense as last July) is the next one."""
    value = timex.value
    if not published or value[:10] >= published[:len(value[:10])] or _YEAR_WORD.search(timex.text):
        return value
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return f"{int(value[:4]) + 1}{value[4:]}"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        day = date.fromisoformat(value)
        if any(m in timex.text.lower() for m in _MONTH_NAMES):
            try:
                return day.replace(year=day.year + 1).isoformat()
            except ValueError:  # 29 February
                return value
        try:
            return (day + timedelta(days=7)).isoformat()  # a weekday: the coming one
        except OverflowError:  # past 9999-12-31
            return value
    return value


_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _new_date(trigger: Trigger, found: list[Timex]) -> Timex | None:
    """After a postponement, the date it moves to: "postponed until April", "pushed back to May 3"."""
    for verb in (trigger.anchor, trigger.token):
        if status_cue(verb) != "postponed":
            continue
        # "pushed back to May": the preposition may hang from the particle.
        preps = [c for c in verb.children if c.dep_ == "prep"] + [
            g for c in verb.children if c.dep_ in ("prt", "advmod") for g in c.children if g.dep_ == "prep"]
        for word in _NEW_DATE_PREPS:
            for prep in preps:
                if prep.lower_ != word:
                    continue
                lo = min(t.idx for t in prep.subtree)
                hi = max(t.idx + len(t.text) for t in prep.subtree)
                inside = [tx for tx in found if lo <= tx.start < hi and _specificity(tx) < 2]
                if inside:
                    return inside[0]
    return None


def event_status(trigger: Trigger, published: str | None, timex: Timex | None) -> str:
    tok, anchor = trigger.token, trigger.anchor
    # Cancellation or denial cues governing the event.
    for t in (tok, anchor, *tok.ancestors):
        lemma = t.lemma_.lower()
        cue = status_cue(t) if t != tok else None
        if cue is not None:
            # A postponed event is still planned, for its new date; plan tracking tells the change.
            return "planned" if cue == "postponed" else "cancelled"
        if lemma == "deny" and t != tok:
            return "denied"
        if t.dep_ == "ROOT":
            break
    if trigger.status_hint == "denied":
        return "denied"
    if trigger.standalone:
        return _noun_status(trigger, published, timex)
    aux = _chain_aux(anchor) | auxiliaries(tok)
    if is_negated(anchor) and not (aux & FUTURE_AUX):
        return "denied"
    mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound", "advmod")}
    advs = {c.lower_ for c in anchor.children if c.dep_ == "advmod"}
    if advs & {"previously", "already", "earlier"} or mods & _PAST_MODIFIERS:
        return "occurred"
    if aux & _PROPOSED_AUX or mods & _PROPOSED_MODIFIERS:
        return "proposed"
    if aux & FUTURE_AUX or mods & _PLANNED_MODIFIERS or _going_to(anchor):
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
        return event_status(Trigger(anchor.head, anchor.head, trigger.type, trigger.mode), published, timex)
    if tag in ("VBD", "VBN") or (tag == "VBG" and "be" in {c.lemma_ for c in anchor.children if c.dep_ == "aux"}):
        if tag == "VBN" and anchor.dep_ in ("amod", "acl"):
            return "occurred"
        return "occurred"
    if tag in ("VBZ", "VBP"):
        return "occurred"
    if trigger.status_hint == "occurred":
        return "occurred"
    return "unknown"


def _chain_aux(verb) -> set[str]:
    """The auxiliaries of a verb and of the verbs it completes: "would start organising the summit"
    is as future as "would organise"."""
    aux = auxiliaries(verb)
    cur = verb
    while cur.dep_ == "xcomp" and cur.head is not cur:
        cur = cur.head
        aux |= auxiliaries(cur)
    return aux


def _noun_status(trigger: Trigger, published: str | None, timex: Timex | None) -> str:
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
                                             and anchor.lemma_.lower() in HAPPENING)
    if says_it_happens:
        return event_status(Trigger(anchor, anchor, trigger.type, trigger.mode), published, timex)
    if timex is not None and published and timex.value[:1].isdigit():
        return "planned" if timex.value[:10] > published[:10] else "occurred"
    # A noun event mentioned in passing ("after a phone call", "his conversation with Putin")
    # is one that happened when the clause around it is in the past or present.
    aux = auxiliaries(anchor)
    if aux & FUTURE_AUX or _going_to(anchor):
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


def claimed_by(trigger: Trigger, resolve=None, name=None) -> str | None:
    """Who reports the event: the subject of the reporting verb above it, or the "according to"
    source. ``resolve`` gives the name a pronoun subject stands for ("He added ..."), where known;
    an unresolved pronoun is no claimant. ``name`` gives the full name a name subject is known by
    in its article ("Ushakov confirmed" -> "Yury Ushakov"), where known, so that one speaker reads
    alike in every update of a plan."""
    tok = trigger.anchor
    for a in tok.ancestors:
        if a.lemma_.lower() in REPORTING_VERBS and (a.pos_ in ("VERB", "AUX")):
            # "Trump mentioned the meeting, saying they would discuss ...": a participle or a
            # conjunct with no subject of its own says what its head's subject said.
            for verb in (a, a.head) if a.dep_ in ("advcl", "conj", "xcomp") else (a,):
                for c in verb.children:
                    if c.dep_ in SUBJECTS:
                        if c.pos_ == "PRON":
                            return resolve(c) if resolve is not None else None
                        return (name(c) if name is not None else None) or phrase(c).text
            return _name_before(a)
    for t in tok.sent:
        if t.lower_ == "according" and t.nbor(1).lower_ == "to" if t.i + 1 < len(t.doc) else False:
            for p in t.nbor(1).children:
                if p.dep_ == "pobj":
                    return phrase(p).text
    return None


def _name_before(verb) -> str | None:
    """The name just before a reporting verb that the parse left without a subject ("..., Honorary
    Chairman ... Bill Boerum told TASS"): in "..., NAME said" the name is who said it."""
    prev = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    if prev is None or prev.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE"):
        return None
    ent = next((e for e in verb.doc.ents if e.start <= prev.i < e.end), None)
    return ent.text if ent is not None else None


_PHONE_WORDS = frozenset({"phone", "telephone", "videoconference", "video", "videolink"})


def by_phone(trigger: Trigger) -> bool:
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
