"""What a reading of a time expression is, and the reasoning its builders share.

``Reading`` is what a rule's match means (TIMEX3 type and value); ``Context`` is what a builder may
ask about the text around the match (implemented in ``timex``). The shared reasoning: which way a
clause points ("past" / "future", from its tense and cues such as "as soon as" or "postponed
until"), the year of a month or day written without one, the step of a relative expression from
the article's date, clock times and years read out in broadcast transcripts. The builders are in
``timex_normalize`` and ``timex_quarters``; calendar arithmetic in ``timex_calendar``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from .timex_calendar import X_FORMS, Anchor, fmt, shift
from .timex_lexicon import MONTHS

__all__ = ["FUTURE_CUE", "PLAN_VERBS", "Context", "Reading", "clock_day", "clock_time", "edge_mod", "month_num", "points_ahead", "relative",
           "resolve_year", "spoken_year", "tense_direction", "unanchored", "unit_name", "year_number"]


@dataclass(slots=True)
class Reading:
    """What a matched expression means: its TIMEX3 type and value."""

    type: str
    value: str
    mod: str | None = None
    anchored: bool = True
    # False for values computed from the last mentioned date ("a year earlier"): taking them as
    # the new reference would make a run of "a year earlier" walk back a year each time.
    remember: bool = True


class Context(Protocol):
    """What a rule may ask about the text around a match (implemented in ``timex``)."""

    dct: date | None

    def tense(self, start: int, end: int) -> str | None: ...  # "PAST" | "PRESENT" | "FUTURE" | None

    def tag(self, start: int) -> str: ...  # the Penn tag of the token at this character

    def verb(self, start: int, end: int) -> str: ...  # the clause's verb that tense() reads, lower case

    def ref(self) -> Anchor | None: ...  # the last date the text mentioned, else the article's date

    def quarter(self) -> Anchor | None: ...  # the quarter the article reports on, None if it named none

    def last_day(self) -> Anchor | None: ...  # the last day the text named, None if it named none

    def last_day_at(self) -> int | None: ...  # where the text named it (a character offset)


_MODS = {"early": "START", "late": "END", "mid": "MID", "mid-": "MID", "middle": "MID",
         "beginning": "START", "start": "START", "end": "END", "close": "END"}

_UNIT_NAME = {"years": "year", "months": "month", "weeks": "week", "days": "day", "hours": "hour",
              "minutes": "minute", "seconds": "second", "decades": "decade", "centuries": "century",
              "quarters": "quarter", "weekends": "weekend", "fortnights": "fortnight", "nights": "night"}


def unit_name(word: str) -> str:
    w = word.lower()
    return _UNIT_NAME.get(w, w)


def edge_mod(text: str | None) -> str | None:
    if not text:
        return None
    t = text.lower().strip()
    for key, mod in _MODS.items():
        if key in t.split() or t.startswith(key):
            return mod
    return None


def month_num(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def year_number(text: str) -> int:
    """A year written in digits or read out ("nineteen ninety-seven" in broadcast transcripts)."""
    return int(text) if text.isdigit() else spoken_year(text)


def unanchored(gran: str) -> Reading:
    return Reading("DATE", X_FORMS[gran], anchored=False)


def relative(ctx: Context, gran: str, n: int, *, typ: str = "DATE", mod: str | None = None) -> Reading:
    """The ``gran`` ``n`` steps from the article's date ("last week": week, -1)."""
    if ctx.dct is None:
        r = unanchored(gran)
        r.type, r.mod = typ, mod
        return r
    return Reading(typ, fmt(shift(ctx.dct, gran, n), gran), mod)


def tense_direction(ctx: Context, m: re.Match, *, present_is_future: bool = False) -> str | None:
    """"past" or "future" from the tense of the clause; a present-tense weekday ("meets Monday")
    points ahead, a present-tense month stays in the article's year."""
    t = ctx.tense(m.start(), m.end())
    if t == "PAST":
        return "past"
    if t == "FUTURE" or (t == "PRESENT" and present_is_future):
        return "future"
    return None


# "since Jan. 13", "last Oct. 23": a date already past; "until", "by": one to come
_PAST_CUE = re.compile(r"\b(?:since|last)\s+$", re.IGNORECASE)


def resolve_year(ctx: Context, m: re.Match, month: int, day: int | None) -> int | None:
    """The year of a month (and day) given without one. A past-tense clause puts it before the
    article's date and a future one after, unless it is within a couple of months on the other
    side ("was extended to Nov. 16" in a November article); an untensed one takes the nearest,
    leaning to the past as news does ("payable Jan. 2" in a November article is next January)."""
    dct = ctx.dct
    if dct is None:
        return None
    before = m.string[max(0, m.start() - 14):m.start()]
    direction = tense_direction(ctx, m)
    past_cue = bool(_PAST_CUE.search(before))
    if past_cue:
        direction = "past"
    elif FUTURE_CUE.search(before) and direction != "past":
        direction = "future"  # but "had filed by Wednesday" stays past
    elif direction != "future" and points_ahead(ctx, m):
        direction = "future"
    elif direction is None and day and ctx.tense(m.start(), m.end()) == "PRESENT":
        direction = "future"  # "the talks begin on Nov. 11": a day told in the present is a schedule

    def when(year: int) -> date:
        return date(year, month, min(day or 1, calendar.monthrange(year, month)[1]))

    here = dct if day else date(dct.year, dct.month, 1)
    # "last Oct. 23" and "since Jan. 13" name a day already past: no slack past the article's date
    slack = 0 if past_cue else 60 if day else 31
    this = when(dct.year)
    if direction == "past":
        return dct.year - 1 if (this - here).days > slack else dct.year
    if direction == "future":
        return dct.year + 1 if (here - this).days > slack else dct.year

    # news reports mostly what happened: an untensed date leans to the past; a present-tense one
    # ("the fiscal year ends in March") does not lean
    lean = 1 if ctx.tense(m.start(), m.end()) == "PRESENT" else 2

    def distance(year: int) -> float:
        days = (when(year) - here).days
        return days * lean if days > 0 else -days

    return min((dct.year - 1, dct.year, dct.year + 1), key=lambda y: (distance(y), y != dct.year))


# "as soon as Tuesday", "until Tuesday morning", "by Friday": a day still to come
FUTURE_CUE = re.compile(r"\b(?:as\s+soon\s+as|as\s+early\s+as|until|till|by|no\s+later\s+than)\s+(?:\S+\s+)?$", re.IGNORECASE)


# "as soon as Tuesday", "as early as trading opens Monday": the earliest something can happen is
# still to come, whatever the tense of the report ("were ready to leave as soon as Tuesday")
_STRONG_FUTURE_CUE = re.compile(r"\b(?:as\s+soon\s+as|as\s+early\s+as|no\s+later\s+than)\s+(?:\S+\s+){0,3}$",
                                re.IGNORECASE)
# "postponed until Tuesday morning", "extended its deadline until 9 a.m. Tuesday": the new date
# something was moved to lies ahead of the report that tells of the move
_MOVED_TO = re.compile(r"\b(?:postpon|delay|extend|defer|adjourn|reschedul|put\s+off|push\w*\s+back)\w*"
                       r"\s+(?:\S+\s+){0,4}?(?:until|till|to)\s+(?:\S+\s+){0,4}$", re.IGNORECASE)
# "has scheduled a news conference Thursday", "is slated for Monday": what is scheduled is to come,
# though the scheduling is told in the past ("planned" is left out: "the government planned to pay
# on Friday" as often tells of a plan already carried out)
_SCHEDULING_VERBS = frozenset({"scheduled", "schedules", "schedule", "scheduling", "slated", "rescheduled"})


# Verbs of a plan or forecast: told in the past, what they are about can still lie ahead.
PLAN_VERBS = re.compile(r"(?:plan|expect|intend|schedul|aim|forecast|project|predict|target|hope|want|slat|set|"
                        r"estimat|anticipat|budget|see|guid)", re.IGNORECASE)


def points_ahead(ctx: Context, m: re.Match) -> bool:
    """Whether the words around a weekday or date put it after the report whatever the clause's
    tense: a "soonest" cue, a postponement's new date, or a scheduling verb."""
    before = m.string[max(0, m.start() - 60):m.start()]
    if _STRONG_FUTURE_CUE.search(before) or _MOVED_TO.search(before) or _BEGINNING.search(before):
        return True
    verb = ctx.verb(m.start(), m.end())
    # "set sentencing for Jan. 23", "called a strike for Thursday": a date something is set for is to come,
    # as a scheduled one is
    return verb in _SCHEDULING_VERBS or verb in _SET_FOR_VERBS and bool(_SET_FOR.search(before))


# "three days of mourning, beginning on Sunday", "testing starting Tuesday": a stretch announced from its first day
_BEGINNING = re.compile(r"\b(?:beginning|starting)\s+(?:on\s+|from\s+)?$", re.IGNORECASE)
_SET_FOR_VERBS = frozenset({"set", "sets", "called", "calls", "call", "fixed", "booked", "convened", "summoned"})
_SET_FOR = re.compile(r"\bfor\s+(?:\S+\s+)?$", re.IGNORECASE)


def clock_time(text: str) -> str | None:
    t = text.lower().replace(" ", "")
    if t.startswith("noon") or t == "midday":
        return "12:00"
    if t.startswith("midnight"):
        return "24:00"
    m = re.match(r"(\d{1,2})(?:[:.](\d\d))?(a\.?m\.?|p\.?m\.?|inthemorning|intheevening|intheafternoon|atnight)?", t)
    if not m:
        return None
    h = int(m.group(1))
    minute = int(m.group(2) or 0)
    ampm = m.group(3) or ""
    if ampm.startswith("p") or ampm in ("intheevening", "intheafternoon", "atnight"):
        if h < 12:
            h += 12
    elif (ampm.startswith("a") or ampm == "inthemorning") and h == 12:
        h = 0
    if h > 24 or minute > 59:
        return None
    return f"{h:02d}:{minute:02d}"


_SPOKEN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                "eighty": 80, "ninety": 90}
_SPOKEN_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10}


def spoken_year(text: str) -> int:
    """The year a read-out phrase names: "nineteen ninety-six" 1996, "two thousand and one" 2001."""
    words = re.split(r"[\s-]+", text.lower().strip())
    if words[0] == "two":
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + sum(_SPOKEN_ONES.get(w, 0) for w in rest)
    century = 1900 if words[0] == "nineteen" else 1800
    if words[1] == "hundred":
        return century
    return century + _SPOKEN_TENS[words[1]] + (_SPOKEN_ONES.get(words[2], 0) if len(words) > 2 else 0)



_CLOCK_REACH = 7  # days: how far from the article's date a day named in another sentence can be a clock time's


def clock_day(ctx: Context, m: re.Match) -> date | None:
    """The day of a bare clock time: the day the text is talking about, else the article's (None when the
    article has no date). ("The race was run on Sunday ... a record that had stood since 2011 ... It started
    at 7 a.m.": the day the text last named, not the year.)"""
    ref = ctx.ref()
    if ref is None:
        return None
    last_day = ctx.last_day()
    day = ref.day if ref.gran == "day" else last_day.day if last_day is not None else ctx.dct or ref.day
    if ctx.dct is not None and day < ctx.dct and ctx.tense(m.start(), m.end()) in ("PRESENT", "FUTURE"):
        day = ctx.dct  # "will hold a call at 2 p.m.", "First pitch is at 5:07 p.m.": not on a day gone by
    at = ctx.last_day_at()
    if ctx.dct is not None and abs((day - ctx.dct).days) > _CLOCK_REACH and (
            at is None or re.search(r"[.!?]\s", m.string[at:m.start()])):
        # a day named in another sentence far from the article's date is a period's end or a background
        # date ("the three months to September 30. ... released at 4:05 p.m."), not the clock time's day
        day = ctx.dct
    return day
