"""Plans as objects: a meeting, visit or action announced for the future, followed across articles.

``track_plans(items)`` reads events in date order. A planned or proposed event ("Trump and Putin
will meet in Budapest") opens a ``Plan``; a later event that matches it (same kind of event,
overlapping participants, compatible place and date) updates it, and each change is kept as a
``PlanUpdate`` with its date, outlet, article and who announced it (the speaker the news is
attributed to, else the outlet that reports it in its own voice; never a participant merely named in
it, never a bare pronoun):

    proposed -> planned -> confirmed -> dated -> postponed -> held | cancelled

News that names nobody ("the summit has been postponed until April") is matched within its story:
items may carry a story id, a plan only takes news from its own story, and there an update
without participants attaches to the open plan of the same kind and place, or, naming no place
either, when it says what changed (postponed, cancelled, denied, held on the due date).

A third party's hopes or comments about a plan ("the upcoming meeting may help ...", said by
someone who is neither a participant nor speaks for one) announce nothing and change nothing: they
are kept apart, as the plan's ``comments``, not in its history.

``overdue(plans, today)`` lists the open plans whose due date has passed by ``today`` with no news
since. ``store_plans`` judges each plan as of the latest report of its story unless given a day:
a plan is overdue when its story's coverage went on past the due date with no report of it since.
Everything here is plain data (``to_json()`` gives JSON-ready dicts); no model or store is needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..actors import actor_code
from ..model import Actor, Event, Span
from ..names import spelled
from ..plan_words import POSTPONEMENT_CUE
from ..store.views import EventsView, events_view
from ..timex3 import value_range

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["PLAN_STATUSES", "Plan", "PlanUpdate", "event_record", "overdue", "store_plans", "track_plans", "undated_plans"]

PLAN_STATUSES = ("proposed", "planned", "confirmed", "dated", "postponed", "held", "cancelled")
_OPEN = frozenset({"proposed", "planned", "confirmed", "dated", "postponed"})

# Event types that count as one kind of plan: a planned "attack" is matched by a later "fight".
_FAMILY = {"ASSAULT": "FIGHT", "FIGHT": "FIGHT", "COERCE": "COERCE", "SANCTION": "SANCTION",
           "AID": "AID", "COOPERATE": "COOPERATE", "CONSULT": "CONSULT", "PROTEST": "PROTEST",
           "RETREAT": "RETREAT", "CONCEDE": "CONCEDE", "MOBILIZE": "MOBILIZE", "SUPPORT": "SUPPORT",
           "INVESTIGATE": "INVESTIGATE"}
# An expression of intent or a threat announces a plan but is not one; its planned act follows it
# as its own event (see newsweave.extract.events).
_NOT_PLANS = frozenset({"AGREE", "THREATEN", "DEMAND", "REJECT", "DISAPPROVE", "ACCUSE"})
_POSTPONED = re.compile(POSTPONEMENT_CUE, re.IGNORECASE)
# An earlier date: "brought forward to May 2", "moved up to Monday".
_RESCHEDULED = re.compile(r"\b(?:br(?:ought|ing|ings|inging) (?:\w+ ){0,2}forward|move[sd]? (?:up|forward))\b",
                          re.IGNORECASE)
# How far (days) an event's date may fall from a plan's due date and still be that plan happening.
_HELD_TOLERANCE = 3


@dataclass
class PlanUpdate:
    """One piece of news about a plan: what changed, when, where it was read and who said so."""

    date: str | None
    outlet: str | None
    article_id: str | None
    change: str  # announced | proposed | planned | confirmed | dated | postponed | rescheduled | placed | held | cancelled | denied | reported
    status: str  # the plan's status after this update
    announced_by: str | None = None
    due: str | None = None
    place: str | None = None
    evidence: Span | None = None  # the event's words, offsets into its article's text
    # Articles that printed the same sentence again (wire copies), kept here rather than as updates.
    copies: list[str] = field(default_factory=list)
    # change: "commented" for a third party's comment (kept in Plan.comments, not in the history)

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date, "outlet": self.outlet, "article_id": self.article_id, "change": self.change,
                "status": self.status, "announced_by": self.announced_by, "due": self.due, "place": self.place,
                "evidence": self.evidence.text if self.evidence else None, "copies": list(self.copies)}


@dataclass
class Plan:
    """A planned event and its history; ``participants`` are entity ids where linked, else actor codes."""

    id: str
    type: str
    participants: list[str]
    status: str
    place: str | None = None
    due: str | None = None
    mode: str | None = None
    history: list[PlanUpdate] = field(default_factory=list)
    # What third parties said of the plan (hopes, comments): no announcement, no change of the plan.
    comments: list[PlanUpdate] = field(default_factory=list)
    story_id: str | None = None  # the story of the article that announced it, where known
    # The actor codes of the participants: who speaks for a side of the plan (see _speaks_for).
    sides: set[str] = field(default_factory=set, repr=False)
    # The surnames of the participants and of who announced the plan: they speak for it again.
    speakers: set[str] = field(default_factory=set, repr=False)

    @property
    def first_seen(self) -> str | None:
        return self.history[0].date if self.history else None

    @property
    def last_news(self) -> str | None:
        dates = [u.date for u in self.history if u.date]
        return max(dates) if dates else None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "mode": self.mode, "participants": list(self.participants),
                "status": self.status, "place": self.place, "due": self.due, "first_seen": self.first_seen,
                "last_news": self.last_news, "story_id": self.story_id,
                "history": [u.to_json() for u in self.history],
                "comments": [u.to_json() for u in self.comments]}


Item = tuple  # (article_id, outlet, published, event) or (article_id, outlet, published, event, story_id)


def track_plans(items: Iterable[Item]) -> list[Plan]:
    """Plans announced by ``items`` and what later news did to them.

    ``items`` are ``(article_id, outlet, published, event)`` tuples, or the same with a fifth
    member, the article's ``story_id``: a plan then only takes news from its own story, and news
    naming nobody ("the summit was postponed") can be matched to it. Items are read in order of
    ``published`` (items without a date keep their place after the dated ones). Returns the plans
    in the order they were first announced.
    """
    ordered = sorted(enumerate(items), key=lambda pair: (_iso(pair[1][2]) or "9999", pair[0]))
    plans: list[Plan] = []
    for _, item in ordered:
        article_id, outlet, published, event = item[:4]
        story = item[4] if len(item) > 4 and item[4] is not None else None
        story = str(story) if story is not None else None
        family = _FAMILY.get(event.type)
        if family is None or event.type in _NOT_PLANS:
            continue
        when = _iso(published)
        plan = _match(plans, event, family, when, story)
        if plan is None:
            # A plan needs someone or somewhere to be about: "a meeting will take place" alone is
            # not one; a place alone will do for a planned event ("a summit will be held in Port
            # Elsin") but not a possible one ("would help in negotiations ... in Ukraine").
            if _participants(event) and event.status in ("planned", "proposed") or (
                    event.place and event.status == "planned"):
                plans.append(_open_plan(len(plans) + 1, event, article_id, outlet, when, story))
            continue
        _update(plan, event, article_id, outlet, when)
    return plans


def overdue(plans: Iterable[Plan], today: date | str) -> list[Plan]:
    """Open plans whose due date is past ``today`` with no news about them since that date."""
    today_iso = _iso(today)
    out = []
    for plan in plans:
        if plan.status not in _OPEN or not plan.due:
            continue
        span = _date_range(plan.due)
        if span is None or span[1].isoformat() >= today_iso:
            continue
        last = plan.last_news
        if last is None or last <= span[1].isoformat():
            out.append(plan)
    return out


# ---------------------------------------------------------------------------- matching


def _participants(event: Event) -> list[str]:
    out: list[str] = []
    for actor in [*event.source, *event.target]:
        key = actor.entity_id or actor.code or (actor.text.lower() if actor.text else None)
        if key and key not in out:
            out.append(key)
    return out


def _same_place(a: str | None, b: str | None) -> bool:
    """Places that can be one venue: the same name, or a city and its country ("Budapest", "Hungary")."""
    if not a or not b:
        return True
    if a.lower() == b.lower() or a.lower() in b.lower() or b.lower() in a.lower():
        return True
    code_a, code_b = actor_code(a), actor_code(b)
    return bool(code_a and code_b and code_a[0] == code_b[0])


def _match(plans: list[Plan], event: Event, family: str, when: str | None, story: str | None = None) -> Plan | None:
    people = set(_participants(event))
    best, best_key = None, (-1, -1)
    for plan in plans:
        if _FAMILY.get(plan.type) != family or plan.status in ("held", "cancelled"):
            continue
        if story is not None and plan.story_id is not None and plan.story_id != story:
            continue  # another story's plan: the same kind of meeting between other people, or later
        if (event.mode == "phone") != (plan.mode == "phone"):
            continue  # a planned phone call is not a planned meeting, and the other way round
        overlap = len(people & set(plan.participants))
        same_story = story is not None and plan.story_id == story
        if not overlap:
            if people and plan.participants:
                continue  # other people: another meeting
            if same_story:
                # Within a story, news naming nobody ("the summit has been postponed until April")
                # is about its plan when it names the same place, or says what became of the plan.
                if not (event.place and plan.place) and not (event.mode == plan.mode and _says_change(event, plan)):
                    continue
            elif people or not event.place or not plan.place:
                continue  # news about an event needs its people in common with the plan, or failing those its place
        if not _same_place(plan.place, event.place):
            continue
        if event.status == "occurred" and not _could_be_held(plan, event, when):
            continue
        key = (int(same_story), overlap)
        if key >= best_key:  # on a tie the plan announced last: the one the news is most likely about
            best, best_key = plan, key
    return best


def _says_change(event: Event, plan: Plan) -> bool:
    """Whether news that names no participant and no place still says what became of a plan:
    cancelled, denied, postponed, or held on the date it was due."""
    if event.status in ("cancelled", "denied"):
        return True
    if event.status == "occurred":
        return bool(event.time and plan.due)  # checked against the due date by _could_be_held
    if _is_postponement(event) or event.evidence and _RESCHEDULED.search(event.evidence.text or ""):
        return True
    # A day inside the month or week it was due ("now on March 12" for a plan due in March) names
    # the plan's date; another date is more likely another meeting ("advisers meet on Thursday").
    return _more_precise(event.time, plan.due)


def _is_postponement(event: Event) -> bool:
    return bool(event.evidence and event.evidence.text and _POSTPONED.search(event.evidence.text))


def _could_be_held(plan: Plan, event: Event, when: str | None) -> bool:
    # A meeting that happened before the plan was first announced is an earlier one ("they
    # previously met in Alaska"), not the plan being held.
    happened = _date_range(event.time) if event.time else None
    first = plan.first_seen
    if happened and first and happened[1].isoformat() < first:
        return False
    if first and (when is None or when <= first) and not (happened and happened[0].isoformat() >= first):
        # News of the same day as the announcement that a meeting "took place" is about an
        # earlier one; a plan is held in a later report, or on a date after it was announced.
        return False
    if plan.due and happened:
        due = _date_range(plan.due)
        # in day numbers: a due date at either end of the calendar has no day beyond the tolerance
        if due and (happened[1].toordinal() < due[0].toordinal() - _HELD_TOLERANCE
                    or happened[0].toordinal() > due[1].toordinal() + _HELD_TOLERANCE):
            return False
    return True


# ---------------------------------------------------------------------------- updates


def _open_plan(number: int, event: Event, article_id, outlet, when, story: str | None = None) -> Plan:
    due = event.time if _date_range(event.time) else None
    status = "dated" if due else event.status
    plan = Plan(id=f"p{number}", type=event.type, participants=_participants(event), status=status,
                place=event.place, due=due, mode=event.mode, story_id=story, sides=_codes(event),
                speakers=_surnames(event))
    plan.history.append(PlanUpdate(date=when, outlet=outlet, article_id=article_id,
                                   change="announced" if event.status == "planned" else "proposed",
                                   status=status, announced_by=_announcer(event, outlet), due=due, place=event.place,
                                   evidence=event.evidence))
    return plan


def _update(plan: Plan, event: Event, article_id, outlet, when) -> None:
    for earlier in plan.history:
        if event.evidence and earlier.evidence and earlier.evidence.text == event.evidence.text \
                and earlier.article_id != article_id:
            # The same sentence in another article (a wire copy) is one piece of news, not two.
            if article_id and article_id not in earlier.copies:
                earlier.copies.append(article_id)
            return
    plan.sides |= _codes(event)
    change = None
    if event.status == "cancelled":
        plan.status, change = "cancelled", "cancelled"
    elif event.status == "occurred":
        plan.status, change = "held", "held"
        if event.time and _date_range(event.time):
            plan.due = event.time
    elif event.status == "denied":
        change = "denied"  # the plan stands; the history shows who denied it
    elif event.status in ("planned", "proposed"):
        new_due = event.time if _date_range(event.time) else None
        old = _date_range(plan.due) if plan.due else None
        new = _date_range(new_due) if new_due else None
        cue = _is_postponement(event) and not (plan.status == "postponed" and new_due == plan.due)
        if new and old and new[0] > old[1] or cue and not (new and old and new[1] < old[0]):
            # Later than it was due, or said to be postponed: with no new date the old one is void.
            plan.status, plan.due, change = "postponed", new_due, "postponed"
        elif new and old and new[1] < old[0]:
            plan.status, plan.due, change = "dated", new_due, "rescheduled"
        elif new and (old is None or _more_precise(new_due, plan.due)):
            plan.status, plan.due, change = "dated", new_due, "dated"
        elif not _speaks_for(plan, event) and _third_party(event.claimed_by):
            # A third party's hopes or comments announce nothing: kept apart, and they add no
            # participant or place to the plan.
            plan.comments.append(PlanUpdate(date=when, outlet=outlet, article_id=article_id, change="commented",
                                            status=plan.status, announced_by=_announcer(event, outlet, plan),
                                            due=plan.due, place=plan.place, evidence=event.evidence))
            return
        elif not _speaks_for(plan, event):
            change = "reported"  # from someone who may or may not speak for a side ("officials")
        elif plan.status == "proposed" and event.status == "planned":
            plan.status, change = "planned", "planned"
        elif plan.status in ("planned", "confirmed"):
            # A side of the plan speaking of it as going ahead ("would begin preparations for the
            # meeting, which may be held in Budapest") confirms it.
            plan.status, change = "confirmed", "confirmed"
        else:
            change = "reported"  # the plan again, nothing new
    for key in _participants(event):
        if key not in plan.participants:
            plan.participants.append(key)
    plan.speakers |= _surnames(event, claimant=_speaks_for(plan, event))
    if event.place and not plan.place:
        plan.place = event.place
        change = change or "placed"
    if change is None:
        return
    plan.history.append(PlanUpdate(date=when, outlet=outlet, article_id=article_id, change=change,
                                   status=plan.status, announced_by=_announcer(event, outlet, plan), due=plan.due,
                                   place=plan.place, evidence=event.evidence))


def _announcer(event: Event, outlet: str | None = None, plan: Plan | None = None) -> str | None:
    """Who gave the news: the speaker it is attributed to, else the outlet that states it in its own
    voice. Not a participant merely named in it ("Preparations will start with a phone conversation
    between Rubio and Lavrov" is the reporter's sentence, not Rubio's), and never a bare pronoun
    ("He"), which says nothing once read apart from its sentence. A name the plan's history already
    holds in another spelling ("Yury Ushakov" after "Yuri Ushakov") is written as it was first."""
    if not _named(event.claimed_by):
        return outlet or None
    who = event.claimed_by
    if plan is not None:
        key = spelled(who)
        for update in [*plan.history, *plan.comments]:
            if update.announced_by and spelled(update.announced_by) == key:
                return update.announced_by
    return who


def _named(who: str | None) -> bool:
    return bool(who and who.strip() and who.strip().lower() not in _PRONOUNS)


_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "who"})


def _codes(event: Event) -> set[str]:
    return {a.code for a in [*event.source, *event.target] if a.code}


def _speaks_for(plan: Plan, event: Event) -> bool:
    """Whether the news comes from a side of the plan: a participant, or an official of a
    participant's country ("Russian presidential aide Yury Ushakov" for a Trump-Putin summit), not
    a third party commenting on it."""
    if not _named(event.claimed_by):
        return True  # unreported news of the plan itself (or its speaker unknown): its participants act
    who = event.claimed_by
    if any(who == a.text for a in [*event.source, *event.target]):
        return True
    # A participant, or who announced the plan before, speaks for it again ("Elena Sorvik" after
    # "Prime Minister Elena Sorvik"; "Trump" for a Trump-Putin summit).
    if _surname(who) in plan.speakers:
        return True
    found = actor_code(who)
    return bool(found and found[0] in plan.sides and found[1] in (None, "GOV", "MIL", "LEG"))


_NAME_PARTICLES = frozenset({"de", "da", "di", "van", "von", "der", "den", "la", "le", "al", "bin", "ibn", "el"})


def _third_party(who: str | None) -> bool:
    """Whether a speaker who does not speak for a side is surely someone else: one the actor coder
    places (another country's official), or a person named in full ("Bill Boerum"). Unnamed
    officialdom ("officials in both capitals", "aides") or a bare name ("Reuters") may be a side."""
    if not _named(who):
        return False
    if actor_code(who):
        return True
    words = who.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words if w.lower() not in _NAME_PARTICLES)


def _surname(who: str) -> str:
    words = who.split()
    return words[-1].lower() if words else ""


def _surnames(event: Event, *, claimant: bool = True) -> set[str]:
    """The surnames of an event's participants and, with ``claimant``, of who it is attributed to
    (the one who announces a plan speaks for it; someone merely reported on it does not)."""
    names = {_surname(a.text) for a in [*event.source, *event.target] if _named(a.text)}
    if claimant and _named(event.claimed_by):
        names.add(_surname(event.claimed_by))
    return names - {""}


def _more_precise(new: str | None, old: str | None) -> bool:
    """A date inside the one a plan was due and narrower: "2031-02-14" in "2031-02", a day in a week."""
    a, b = _date_range(new), _date_range(old)
    return bool(a and b and b[0] <= a[0] and a[1] <= b[1] and a != b)


# ---------------------------------------------------------------------------- dates


def _iso(value: date | str | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)[:10] or None


def _date_range(value: str | None) -> tuple[date, date] | None:
    """The first and last day a TIMEX3 date value covers (``2025-10-16``, ``2025-W43``, ``2025-Q3`` …)."""
    span = value_range(value)
    return (span[0], span[1] - timedelta(days=1)) if span else None


def event_record(row: dict, text: str | None = None) -> Event:
    """An ``Event`` from a stored event row; its evidence keeps the row's offsets, with the words at them
    in ``text`` (the article's text) or, without it, the row's ``evidence`` (the same words, read by SQL)."""
    def actors(items):
        return [Actor(text=a.get("text") or "", code=a.get("code"), sector=a.get("sector"),
                      entity_id=a.get("entity_id"), start=a.get("start"), end=a.get("end")) for a in items]

    words = text[row["start"]:row["end"]] if text is not None else row["evidence"] or ""
    return Event(type=row["type"], evidence=Span(row["start"], row["end"], words),
                 source=actors(row["source"]), target=actors(row["target"]), mode=row["mode"], time=row["time"],
                 place=row["place"], status=row["status"], claimed_by=row["claimed_by"])


def undated_plans(items: Iterable[Item]) -> list[dict[str, Any]]:
    """The open plans of ``items`` (as for ``track_plans``) that have no date yet, for a timeline or
    a digest to show as "planned, no date yet": ``{what, type, status, place, outlets, announced_by,
    article_id, evidence}`` each, ``what`` naming the participants by the words the news used."""
    items = list(items)
    words: dict[str, str] = {}
    for item in items:
        for actor in [*item[3].source, *item[3].target]:
            key = actor.entity_id or actor.code or (actor.text.lower() if actor.text else None)
            # The shortest words that name it ("Trump" rather than "United States President Donald Trump").
            if key and actor.text and actor.text.lower() not in _PRONOUNS and (
                    key not in words or len(actor.text) < len(words[key])):
                words[key] = actor.text
    out = []
    for plan in track_plans(items):
        if plan.status not in _OPEN or plan.due:
            continue
        who = ", ".join(words.get(k, k) for k in plan.participants)
        what = f"{plan.type}{' (' + plan.mode + ')' if plan.mode else ''}: {who or 'unnamed'}"
        what += f" in {plan.place}" if plan.place else ""
        first = plan.history[0]
        out.append({"what": what, "type": plan.type, "status": plan.status, "place": plan.place,
                    "outlets": sorted({u.outlet for u in plan.history if u.outlet}),
                    "announced_by": first.announced_by, "article_id": first.article_id,
                    "evidence": first.evidence.text if first.evidence else None})
    return out


def store_plans(events: EventsView | Store, *, story_id: str | None = None, today: date | None = None) -> list[dict]:
    """The plans tracked over stored events (``events``: the view of one story's or all), as JSON-ready dicts.

    Each plan is ``Plan.to_json()`` plus ``overdue``, ``as_of``, a ``label``, its ``story_id``, and
    ``start``/``end`` evidence offsets on each history update and comment (the offsets its event was
    stored with, carried through). Given a store instead of a view, the view of ``story_id`` (None:
    every event) is read here.

    ``overdue`` is judged as of ``as_of``: ``today`` when given, else the latest report of the plan's
    story (the newest publication date among its story's events; of every event for a plan with no
    story). So a plan is overdue when the coverage of its story went on past its due date with no
    news of it since, and a story read long after its last report does not turn every plan overdue.
    """
    if not isinstance(events, EventsView):
        events = events_view(events, story_id)
    rows = events.events
    story_of = {str(r["article_id"]): r["story_id"] for r in rows}
    tracked = track_plans([(str(r["article_id"]), r["outlet"], r["published"], event_record(r), r["story_id"])
                           for r in rows])
    latest: dict[str | None, str] = {}
    for r in rows:
        day = _iso(r["published"])
        for key in (None, str(r["story_id"]) if r["story_id"] is not None else None):
            if day and day > latest.get(key, ""):
                latest[key] = day
    as_of = {p.id: _iso(today) if today else latest.get(p.story_id, latest.get(None)) for p in tracked}
    late = {p.id for p in tracked if as_of[p.id] and overdue([p], as_of[p.id])}
    names = events.names({x for p in tracked for x in p.participants})
    plans = []
    for p in tracked:
        item = p.to_json()
        item["overdue"] = p.id in late
        item["as_of"] = as_of[p.id]
        # Participants are entity ids where the linker resolved them: show their names.
        item["participant_names"] = [names.get(x, x) for x in item["participants"]]
        item["label"] = (f"{item['type']}: {', '.join(item['participant_names'])}" if item["participants"]
                         else item["type"])
        for u, update in zip(item["history"] + item["comments"], p.history + p.comments, strict=True):
            span = update.evidence
            u["start"], u["end"] = (span.start, span.end) if span else (None, None)
            if span and item["story_id"] is None:
                item["story_id"] = story_of.get(str(update.article_id))
        plans.append(item)
    return plans
