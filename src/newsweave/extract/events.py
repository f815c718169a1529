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

This module assembles the events of a sentence and a document; the triggers are found by
``events_triggers``, their actors by ``events_actors``, place, time, status and claimant by
``events_context``.
"""


from __future__ import annotations

import re
from dataclasses import replace

from ..model import Actor, Event, Extraction, Mention, Span, Timex
from ..settings import Settings
from ..timex3 import is_window
from .events_actors import (
    DOMESTIC_TYPES,
    actor_mention,
    chain_name,
    chains,
    claimed_doers,
    doer_unstated,
    event_sources,
    event_targets,
    full_name,
    located_source,
    located_target,
    subject_token,
)
from .events_context import (
    FUTURE_AUX,
    by_phone,
    claimed_by,
    dateline_country,
    event_place,
    event_status,
    event_time,
    foreign_named,
    place_country,
    sentence_countries,
    status_cue,
)
from .events_lexicon import CONFLICTUAL, COOPERATIVE
from .events_syntax import Trigger, auxiliaries, is_negated, under_no
from .events_triggers import sentence_triggers
from .pipeline import stage

__all__ = ["actor_mention", "doc_events", "events_stage", "sentence_events"]


def sentence_events(sent, timexes: list[Timex] | None = None, published: str | None = None,
                    home: str | None = None) -> list[Event]:
    """The PLOVER events one parsed sentence reports, the main one first.

    ``timexes`` are the article's time expressions (``Timex`` with character offsets into the
    ``Doc``'s text); ``published`` is the article date (``YYYY-MM-DD``) used to tell planned events
    by their date. Both may be empty. ``home`` is the country the article is datelined in
    (``events_context.dateline_country``): where a sentence names no place and no other country,
    its events happen there, so "the government", "police" or "protesters" are that country's.
    """
    timexes = [t for t in (timexes or []) if sent.start_char <= t.start < sent.end_char]
    evidence = Span(sent.start_char, sent.end_char, sent.text)
    triggers = sentence_triggers(sent)
    # the dateline's country stands for the sentence only where it names no other; for an official or
    # a body that names no country of its own ("ISLAMABAD — The foreign minister spoke with his Afghan
    # counterpart") it is still the one whose official it is
    dateline = home
    home = home if home is not None and triggers and not foreign_named(sent, home) else None
    countries = sentence_countries(sent) if triggers else {}
    events: list[Event] = []
    intents: list = []  # (trigger, event) of stated intents whose act may follow in their clause
    for trig in triggers:
        sources = _of_home(event_sources(trig), home)
        targets = _of_home(event_targets(trig, sources), home)
        time, timex = event_time(trig, timexes, published)
        status = event_status(trig, published, timex)
        if is_window(time) and status not in ("planned", "proposed"):
            time = None  # "over the next few days, protests spread": a window to come dates only a plan
        typ = trig.type
        mode = trig.mode
        if typ == "CONSULT" and by_phone(trig):
            mode = "phone"
        place = event_place(trig)
        located = place_country(trig, place)
        # an act a state's people do at home happens in the one country its sentence names, where its
        # own place is not found ("residents rioted in the northern Nigerian town of ...")
        one_country = next(iter(countries)) if len(countries) == 1 else None
        located = located or home or (one_country if typ in DOMESTIC_TYPES else None)
        if not sources and (located or dateline):
            sources = located_source(trig, located or dateline, place or countries.get(located or dateline))
        if not sources and typ in _CLAIMABLE and len(done_to := {a.code for a in targets if a.code}) == 1:
            # "the mayor of the Colombian town of ... was shot dead by gunmen": with no place found, armed
            # men whose words name no country are of the country attacked (as a claimant, below)
            sources = located_source(trig, done_to.pop())
        if not sources and typ == "COERCE" and located and doer_unstated(trig):
            # an arrest, a curfew or an expulsion told without its doer ("a curfew was imposed on the
            # Bangladeshi town of ...") is the state's where it happens: coercion is the authorities' act
            sources = [Actor(text=countries.get(located) or place or located, code=located, sector="GOV")]
        if not targets and typ in DOMESTIC_TYPES:
            # (a protest whose place is not found is against the government of the country its sentence names)
            targets = located_target(trig, place or countries.get(located), located, sources)
        elif not targets and sources and set(countries) <= {a.code for a in sources}:
            # "Opposition parties in Kenya called on the government": where the sentence names no other
            # country, the government, party or army an act is aimed at is the actor's own country's
            targets = located_target(trig, place, None, sources)
        primary = [Event(type=typ, evidence=evidence, source=sources, target=targets, mode=mode,
                         time=time, place=place, status=status, claimed_by=claimed_by(trig, chain_name, full_name))]
        # PLOVER codes an announced future act as the intent it expresses: a cooperative act as
        # AGREE, a hostile one as THREATEN; the act itself stays, as planned, for plan tracking.
        # "talks would not be delayed": the negation is the delay's, not the talks'.
        negated = (is_negated(trig.anchor) and not status_cue(trig.anchor)) or is_negated(trig.token)
        if trig.secondary:
            pass  # a secondary trigger of the sentence keeps its plain reading: no intent event
        elif typ in COOPERATIVE and negated and (status in ("planned", "proposed") or typ == "AGREE"
                                                 or _refused_ahead(trig)):
            # "will not accept", "did not agree": a refusal (CAMEO 12)
            primary = [_replace(primary[0], "REJECT", "occurred")]
        elif status == "occurred" and under_no(trig.token) and typ != "REJECT":
            # "No arrests have been made": told as not done, as "did not arrest" is ("No talks with
            # rebels, says junta" is a refusal, read so by the triggers)
            primary = [_replace(primary[0], typ, "denied")]
        elif _conditional(trig) and typ not in ("THREATEN", "DEMAND"):
            # "will withdraw ... unless", an ultimatum: a threat (CAMEO 139)
            primary.insert(0, _replace(primary[0], "THREATEN", "occurred"))
        elif status in ("planned", "proposed") and _announced(trig):
            # (a concession to come too: the GSR records code "is prepared to lift the ban" AGREE, though
            # the manual's CONCEDE counts "promises of future concessions")
            if typ in COOPERATIVE and typ != "AGREE":
                primary.insert(0, _replace(primary[0], "AGREE", "occurred"))
            elif typ in CONFLICTUAL:
                primary.insert(0, _replace(primary[0], "THREATEN", "occurred"))
        # Beside the sentence's main event, an event with no coded actor, place or date is rarely a
        # political event ("... as the court ended its term"): PLOVER codes events between actors.
        main = not events
        for held, act in intents:
            if held.anchor.i < trig.token.i and held.anchor.is_ancestor(trig.token):
                # "Pyongyang is ready to resume talks with Seoul", "the Brigade threatened to blow up pipelines":
                # a stated intent is to or against whom the act it states would be
                act.source = act.source or primary[-1].source
                act.target = act.target or primary[-1].target
        if primary[0].type in ("AGREE", "THREATEN") and not (primary[0].source and primary[0].target):
            intents.append((trig, primary[0]))
        events.extend(e for e in primary if main or e.source or e.target or e.place or e.time)
    return events


def _refused_ahead(trigger: Trigger) -> bool:
    """"would not hand over power", "will not withdraw": a cooperative act its actor says will not
    happen is a refusal (CAMEO 12), not a retreat that did not take place."""
    verb = trigger.token if trigger.token.pos_ in ("VERB", "AUX") else trigger.anchor
    return any(c.tag_ == "MD" and c.lower_ in FUTURE_AUX | {"would"} for c in verb.children)


def _announced(trigger: Trigger) -> bool:
    """True when someone states the future act as their own (not a schedule, not a passive)."""
    anchor = trigger.anchor
    if trigger.standalone:
        return False
    subj = subject_token(anchor)
    if subj is None or subj.i == trigger.token.i:
        return False
    if anchor.head.lemma_.lower() in ("schedule", "set", "expect", "due") or anchor.lemma_.lower() in ("schedule",):
        return False
    return any(c.dep_ == "nsubjpass" for c in anchor.children) is False


def _conditional(trigger: Trigger) -> bool:
    """A future act made conditional with "unless" is an ultimatum; so is a hostile one made
    conditional with "if" ("will expel the monitors if the mandate is extended"). A headline's "X to
    expel ..." is a future act."""
    anchor = trigger.anchor
    headline_future = any(c.lower_ == "to" and c.dep_ == "aux" for c in anchor.children) and (
        anchor.dep_ == "ROOT" or anchor.head.pos_ not in ("VERB", "AUX"))
    if not (auxiliaries(anchor) & (FUTURE_AUX | {"would"}) or trigger.status_hint == "planned" or headline_future):
        return False
    # ("would take China to a tribunal if ...": a threat of legal action, CAMEO 1312)
    marks = {"unless"} | ({"if"} if trigger.type in CONFLICTUAL or trigger.mode == "sue" else set())
    # the condition hangs on the act or on the act it is done for ("would use force to eject ... if")
    heads = [anchor, *(c for c in anchor.children if c.dep_ == "xcomp")]
    for clause in (c for h in heads for c in h.children):
        if clause.dep_ == "advcl" and any(c.lower_ in marks for c in clause.children if c.dep_ == "mark"):
            return True
    return False


def _of_home(actors: list[Actor], home: str | None) -> list[Actor]:
    """A named body the tables know no country of (PLOVER's NGO: "the Movement for Democratic Change", a
    union, a party) is, in an article datelined in one country whose sentence names no other, of that
    country: the GSR codes a country's parties and movements by the country ("HARARE — The Movement for
    Democratic Change demanded ..." is Zimbabwe's). International bodies are in the tables."""
    if home is None:
        return actors
    return [replace(a, code=home) if a.code == "NGO" else a for a in actors]


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
    home = dateline_country(doc.text)
    with chains(mentions):
        per_sentence = [(sent, sentence_events(sent, timexes, published, home)) for sent in doc.sents]
        _doers_told_after(per_sentence)
    per_sentence = _news_first(per_sentence, timexes or [])
    for _, events in per_sentence:
        out.extend(events)
    _share_one_happening(out)
    # what the text says did not happen ("shareholders were not consulted", "no arrests have been made")
    # is kept, as denied, after every event it reports as happening or to happen
    return sorted(out, key=lambda e: e.status == "denied")


# Acts whose doer news often names only later, in a claim or a blame.
_CLAIMABLE = frozenset({"ASSAULT", "FIGHT"})


def _doers_told_after(per_sentence: list) -> None:
    """An attack told without its doer takes the one its own sentence or a next one says claimed it or was
    blamed for it ("... a car bomb exploded outside the market. Al-Shabaab later claimed the attack", "...,
    police said, blaming al-Shabaab militants"); a doer whose words name no country ("CODECO militiamen") is
    of the country the attack was done to."""
    for k, (_, events) in enumerate(per_sentence):
        open_ = [e for e in events if e.type in _CLAIMABLE and not e.source]
        if not open_:
            continue
        for sent, _ in per_sentence[k:k + 3]:
            doers = claimed_doers(sent)
            if not doers:
                continue
            for e in open_:
                targets = {a.code for a in e.target if a.code}
                coded = [a if a.code else Actor(text=a.text, code=next(iter(targets)), sector=sector, start=a.start, end=a.end)
                         for a, sector in doers if a.code or len(targets) == 1]
                e.source = coded
            break


def _news_first(per_sentence: list, timexes: list[Timex]) -> list:
    """The sentences in the order their events are news: a lead that sets the scene goes after the news.

    "Talks had stalled for months over quotas. On Friday, the two said they had agreed ...": a lead told
    in the past perfect sets the scene, and the news is what follows it. A lead in the present perfect
    ("Relations have been tense since 2019 ...", "Since 2013, attacks have cut the region in two") sets
    the scene too where the news comes after it told on its day ("On Tuesday the opposition boycotted
    ..."): then every sentence before that day's goes after the news, none of them told on a day.
    """
    if len(per_sentence) < 2 or not _background(per_sentence[0][0], present=True):
        return per_sentence
    days = [k for k, (sent, _) in enumerate(per_sentence) if _told_on_a_day(sent, timexes)]
    if days and days[0] > 0 and any(ev for _, ev in per_sentence[days[0]:]):
        k = days[0]
        return per_sentence[k:] + per_sentence[:k]
    if _background(per_sentence[0][0]) and any(ev for _, ev in per_sentence[1:]):
        return per_sentence[1:] + per_sentence[:1]
    return per_sentence


def _background(sent, present: bool = False) -> bool:
    """Whether a sentence's main verb is in the past perfect ("had stalled", "had been held"), or with
    ``present``, in the present perfect too ("have been tense", "has simmered")."""
    root = sent.root
    aux = ("had", "'d", "has", "have", "'s", "'ve") if present else ("had", "'d")
    return root.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in aux for c in root.children)


# a day's value, or a weekday's where the article has no date to anchor it to ("XXXX-WXX-2")
_DAY = re.compile(r"((\d{4}|XXXX)-(\d{2}|XX)-(\d{2}|XX)|XXXX-WXX-[1-7])(T.*)?")


def _told_on_a_day(sent, timexes: list[Timex]) -> bool:
    """Whether the sentence dates something to a day ("on Tuesday", "yesterday", "on 14 November")."""
    start, end = sent.start_char, sent.end_char
    return any(start <= t.start < end and t.type in ("DATE", "TIME") and _DAY.fullmatch(t.value) for t in timexes)


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
