"""What each time expression means: the builders that turn a rule's match into a TIMEX3 type and
value, given the article's date, the tense around the match and the date the text mentioned last.

Each ``read_*`` function takes the ``re.Match`` of a rule in ``timex_find`` and a ``Context``
(implemented in ``timex``) and returns a ``Reading``, or None when the match turns out not to be a
time expression. ``Reading``, ``Context`` and the reasoning the builders share (the direction a
clause points, the year of a date written without one, clock times) are in ``timex_reading``;
calendar arithmetic is in ``timex_calendar``; quarters and fiscal periods in ``timex_quarters``;
durations, vague stretches and sets in ``timex_stretches``.
"""

from __future__ import annotations

import re
from datetime import date

from .timex_calendar import (
    FIXED_HOLIDAYS,
    X_FORMS,
    duration_value,
    fmt,
    holiday_date,
    shift,
)
from .timex_lexicon import (
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    WEEKDAYS,
    number_value,
)
from .timex_reading import (
    FUTURE_CUE,
    PLAN_VERBS,
    Context,
    Reading,
    clock_day,
    clock_time,
    edge_mod,
    month_num,
    points_ahead,
    relative,
    resolve_year,
    spoken_year,
    tense_direction,
    unanchored,
    unit_name,
    year_number,
)

__all__ = ["Context", "Reading"]


# ----------------------------------------------------------------------------- builders
def read_month_day(m: re.Match, ctx: Context) -> Reading | None:
    month = month_num(m["month"])
    day_word = m["day"].lower()
    day = ORDINALS[day_word] if day_word in ORDINALS else int(re.match(r"\d+", day_word).group())
    rel = m["yrel"] if "yrel" in m.re.groupindex else None
    if m["year"]:
        year = year_number(m["year"])
    elif rel and ctx.dct is not None:
        year = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[rel.lower()]
    else:
        year = resolve_year(ctx, m, month, day)
        if year is None:
            return _with_clock(m, Reading("DATE", f"XXXX-{month:02d}-{day:02d}", anchored=False))
    try:
        date(year, month, day)
    except ValueError:
        return None
    return _with_clock(m, Reading("DATE", f"{year:04d}-{month:02d}-{day:02d}"))




def read_week_of(m: re.Match, ctx: Context) -> Reading | None:
    """"the week of March 6", "the weekend of Oct. 4": TIMEX3 marks the whole phrase, valued as the
    (ISO) week or weekend that holds the day; the day alone would be the wrong granularity."""
    day = read_month_day(m, ctx)
    if day is None:
        return None
    unit = m["unit"].lower()
    if not day.anchored:
        return Reading("DATE", X_FORMS[unit], anchored=False)
    return Reading("DATE", fmt(date.fromisoformat(day.value), unit))


def _with_clock(m: re.Match, reading: Reading) -> Reading:
    """"5 p.m. EST Nov. 9": a clock time before a date makes the whole a TIME."""
    clock = m["clock"] if "clock" in m.re.groupindex else None
    t = clock_time(clock) if clock else None
    if t is None:
        return reading
    return Reading("TIME", f"{reading.value}T{t}", reading.mod, reading.anchored)


_AFTER_A_MONTH = re.compile(r"\b[A-Z][a-z]+\.?\s*(?:,|and|or|to|through|until|till|-|–)\s*$")


def _month_listed_before(m: re.Match, ctx: Context) -> date | None:
    """The month just read when this one follows it in a list or range ("March and April"), else None."""
    ref = ctx.ref()
    if ref is None or ref.gran != "month" or not _AFTER_A_MONTH.search(m.string[max(0, m.start() - 16):m.start()]):
        return None
    return ref.day


def read_month_year(m: re.Match, ctx: Context) -> Reading | None:
    month = month_num(m["month"])
    mod = edge_mod(m["edge"])
    if m["year"]:
        return Reading("DATE", f"{year_number(m['year']):04d}-{month:02d}", mod)
    rel = (m["rel"] or "").lower()
    if ctx.dct is None:
        return Reading("DATE", f"XXXX-{month:02d}", mod, anchored=False)
    year = ctx.dct.year
    # "last April" is the latest April before the article's month; "next April" the first after
    if rel == "last year":
        year -= 1
    elif rel == "next year":
        year += 1
    elif rel == "last":
        # the month just ended would be "last month": "last February" in a March article is a year back
        year = year - 1 if month >= ctx.dct.month - 1 else year
    elif rel == "next":
        year = year + 1 if month <= ctx.dct.month else year
    elif rel in ("past", "this past"):
        year = year - 1 if month >= ctx.dct.month else year
    elif rel == "coming":
        year = year + 1 if month <= ctx.dct.month else year
    elif rel in ("this year", "this", "this coming"):
        pass  # the document's own year
    elif (first := _month_listed_before(m, ctx)) is not None:
        # "bookings for March and April", "from May to July": a list or range of months shares its year
        year = first.year if month >= first.month else first.year + 1
    else:
        year = resolve_year(ctx, m, month, None)
    return Reading("DATE", f"{year:04d}-{month:02d}", mod)


def read_numeric_date(m: re.Match, ctx: Context) -> Reading | None:
    if m["iso"]:
        y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
    else:
        mo, d, y = int(m["mo2"]), int(m["d2"]), int(m["y2"])
        if y < 100:
            y += 1900 if y > 40 else 2000
    try:
        date(y, mo, d)
    except ValueError:
        return None
    return Reading("DATE", f"{y:04d}-{mo:02d}-{d:02d}")




def read_year(m: re.Match, ctx: Context) -> Reading | None:
    mod = edge_mod(m["edge"])
    return Reading("DATE", f"{year_number(m['year']):04d}", mod)


def read_decade(m: re.Match, ctx: Context) -> Reading | None:
    mod = edge_mod(m["edge"])
    if m["digits"]:
        d = m["digits"].lstrip("'’")
        if len(d) == 4:
            return Reading("DATE", d[:3], mod)
        century = "19"
        if ctx.dct is not None and int(d[0]) <= (ctx.dct.year % 100) // 10 and ctx.dct.year >= 2000:
            century = "20"
        return Reading("DATE", century + d[0], mod)
    words = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
             "eighties": 8, "nineties": 9}
    return Reading("DATE", f"19{words[m['word'].lower()]}", mod)


def read_century(m: re.Match, ctx: Context) -> Reading | None:
    word = m["ord"].lower()
    n = ORDINALS.get(word) or (int(word[:-2]) if word[:-2].isdigit() else None)
    if n is None or not 1 <= n <= 30:
        return None
    return Reading("DATE", f"{n - 1:02d}", edge_mod(m["edge"]))


# "Monday's debate in New York will be his first": the day's event is the subject of a verb to come
_POSSESSIVE_TO_COME = re.compile(r"['’]s(?:\s+[\w-]+){1,5}?\s+(?:will|is\s+(?:set|scheduled|due|expected)\s+to)\b",
                                 re.IGNORECASE)


def _weekday_date(ctx: Context, m: re.Match, dow: int, rel: str) -> date | None:
    dct = ctx.dct
    if dct is None:
        return None
    today = dct.isoweekday()
    rel = " ".join(rel.lower().split())
    back = (today - dow) % 7 or 7  # days back to the previous such weekday
    ahead = (dow - today) % 7 or 7
    if rel in ("the previous", "the preceding", "the prior", "the following", "the next"):
        ref = ctx.ref()
        base = ref.day if ref is not None and ref.gran == "day" else dct
        b = (base.isoweekday() - dow) % 7 or 7
        a = (dow - base.isoweekday()) % 7 or 7
        return shift(base, "day", -b if rel in ("the previous", "the preceding", "the prior") else a)
    if rel in ("last", "past", "this past"):
        return shift(dct, "day", -back)
    if rel in ("next", "coming", "this coming"):
        return shift(dct, "day", ahead)
    if dow == today:
        return dct
    if re.match(r"['’]s\b", m.string[m.end():m.end() + 3]) and not _POSSESSIVE_TO_COME.match(m.string, m.end()):
        # "Wednesday's ruling": a day whose event the text already reports
        return shift(dct, "day", -back)
    direction = tense_direction(ctx, m, present_is_future=True)
    if direction != "past" and FUTURE_CUE.search(m.string[max(0, m.start() - 14):m.start()]):
        direction = "future"
    if direction != "future" and points_ahead(ctx, m):
        direction = "future"
    if rel == "this":
        direction = direction or "future"
    if direction == "future":
        return shift(dct, "day", ahead)
    # News reports mostly what happened: an untensed weekday is the one just past.
    return shift(dct, "day", -back)


def read_day_beside_day(m: re.Match, ctx: Context) -> Reading | None:
    """"the day before yesterday", "the day after next Tuesday": the named day moved by one."""
    if ctx.dct is None:
        return Reading("DATE", X_FORMS["day"], anchored=False)
    if m["word"]:
        base = shift(ctx.dct, "day", _DEICTIC[m["word"].lower()])
    else:
        base = _weekday_date(ctx, m, WEEKDAYS[m["dow"].lower()], m["rel"] or "")
    return Reading("DATE", shift(base, "day", -1 if m["dir"].lower() == "before" else 1).isoformat())


def read_weekday(m: re.Match, ctx: Context) -> Reading | None:
    dow = WEEKDAYS[m["dow"].lower()]
    part = (m["part"] or "").lower()
    clock = m["clock"]
    mod = edge_mod(m["edge"])
    d = _weekday_date(ctx, m, dow, m["rel"] or "")
    if d is None:
        base = f"XXXX-WXX-{dow}"
        anchored = False
    else:
        base, anchored = d.isoformat(), True
    if clock:
        t = clock_time(clock)
        if t:
            return Reading("TIME", f"{base}T{t}", mod, anchored)
    if part:
        # "Friday night": TempEval-3 annotators typed these DATE (19 of 25 on dev), keeping the part of day
        return Reading("DATE", f"{base}T{PARTS_OF_DAY.get(part.replace(' ', ''), 'NI')}", mod, anchored)
    return Reading("DATE", base, mod, anchored)


_DEICTIC = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


def read_deictic_day(m: re.Match, ctx: Context) -> Reading | None:
    word = m["word"].lower()
    n = _DEICTIC[word]
    part = (m["part"] or "").lower()
    mod = edge_mod(m["edge"])
    if ctx.dct is None:
        base, anchored = "XXXX-XX-XX", False
    else:
        base, anchored = shift(ctx.dct, "day", n).isoformat(), True
    if m["clock"]:
        t = clock_time(m["clock"])
        if t:
            return Reading("TIME", f"{base}T{t}", mod, anchored)
    if part:
        return Reading("TIME", f"{base}T{PARTS_OF_DAY.get(part.replace(' ', ''), 'NI')}", mod, anchored)
    if word == "tonight":
        return Reading("TIME", f"{base}TNI", mod, anchored)
    return Reading("DATE", base, mod, anchored)


def read_part_of_day(m: re.Match, ctx: Context) -> Reading | None:
    rel = m["rel"].lower()
    part = m["part"].lower()
    n = -1 if rel in ("last", "yesterday") and part == "night" else 0
    if rel == "last" and part != "night":
        n = -1
    if rel == "tomorrow":
        n = 1
    code = PARTS_OF_DAY.get(part.replace(" ", ""), "NI")
    if ctx.dct is None:
        return Reading("TIME", f"XXXX-XX-XXT{code}", anchored=False)
    return Reading("TIME", f"{shift(ctx.dct, 'day', n).isoformat()}T{code}")


def _entry_stamp(m: re.Match) -> bool:
    """A clock time that opens its line, alone on it or before a new sentence ("08:45 Queues at
    Terminal 1 ..."): a live blog's entry stamp."""
    text = m.string
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:m.start()].strip():
        return False
    rest = text[m.end():line_end].strip(" .:-–—()EDTSGMUC\t")
    return not rest or bool(re.match(r"\s*[-–—:]?\s+[A-Z]", text[m.end():line_end]))


def read_clock(m: re.Match, ctx: Context) -> Reading | None:
    t = clock_time(m["clock"])
    if t is None:
        return None
    # "at 3 p.m. on Wednesday": the day named right after it
    after = re.match(r"\s+on\s+(\w+)", m.string[m.end():m.end() + 16])
    if after and after.group(1).lower() in WEEKDAYS and ctx.dct is not None:
        d = _weekday_date(ctx, m, WEEKDAYS[after.group(1).lower()], "")
        return Reading("TIME", f"{d.isoformat()}T{t}", remember=False)
    if ctx.dct is not None and _entry_stamp(m):
        # a live blog's entry stamp is on the day of the page, whatever the entry before it was about
        return Reading("TIME", f"{ctx.dct.isoformat()}T{t}", remember=False)
    day = clock_day(ctx, m)
    if day is None:
        return Reading("TIME", f"XXXX-XX-XXT{t}", anchored=False)
    return Reading("TIME", f"{day.isoformat()}T{t}", remember=False)


def read_present(m: re.Match, ctx: Context) -> Reading | None:
    return Reading("DATE", "PRESENT_REF")


def read_past(m: re.Match, ctx: Context) -> Reading | None:
    return Reading("DATE", "PAST_REF")


def read_future(m: re.Match, ctx: Context) -> Reading | None:
    return Reading("DATE", "FUTURE_REF")


_REL_STEP = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1,
             "this past": -1, "this coming": 1, "the past": -1, "the previous": -1, "the current": 0,
             "the coming": 1, "the next": 1, "the last": -1, "earlier this": 0, "later this": 0,
             "the latest": -1, "the same": 0, "the": 0}


def read_relative_unit(m: re.Match, ctx: Context) -> Reading | None:
    """"last week", "this year", "next month", "earlier this month", "the current quarter"."""
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = unit_name(m["unit"])
    mod = edge_mod(m["edge"])
    step = _REL_STEP.get(rel, 0)
    if unit == "quarter" and rel in ("the latest", "the last"):
        step = -1
    if unit in ("weekend",):
        if ctx.dct is None:
            return Reading("DATE", X_FORMS["weekend"], mod, anchored=False)
        if rel in ("the", "this"):
            # the weekend just past, unless the article is written on it or the clause looks ahead
            dow = ctx.dct.isoweekday()
            # "the zoo expects crowds this weekend", told on a weekday, looks ahead
            direction = tense_direction(ctx, m, present_is_future=dow < 6)
            if direction == "future":
                step = 1 if dow == 7 else 0
            elif direction == "past":
                step = 0 if dow >= 6 else -1
            else:
                step = 0 if dow >= 5 else -1
        return Reading("DATE", fmt(shift(ctx.dct, "week", step), "weekend"), mod)
    if unit == "night":
        return None
    if unit in ("decade", "century") and rel in ("the past", "the last", "the next", "the coming", "past", "next"):
        return Reading("DURATION", duration_value(1, unit), mod)  # "over the past decade"
    if unit == "fortnight":
        unit = "week"
    return relative(ctx, unit, step, mod=mod)


def read_season(m: re.Match, ctx: Context) -> Reading | None:
    code = SEASONS[m["season"].lower()]
    mod = edge_mod(m["edge"])
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if m["year"]:
        return Reading("DATE", f"{year_number(m['year']):04d}-{code}", mod)
    if ctx.dct is None:
        return Reading("DATE", f"XXXX-{code}", mod, anchored=False)
    season_month = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}[code]
    year = ctx.dct.year
    current = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(
        ctx.dct.month, "FA")
    # "last spring" is last year's spring, "next fall" next year's (as TempEval annotates them)
    if rel == "last":
        year -= 1
    elif rel == "next":
        year += 1
    elif rel in ("this past", "past"):
        if season_month >= ctx.dct.month or current == code:
            year -= 1
    elif rel in ("this coming", "coming"):
        if season_month <= ctx.dct.month or current == code:
            year += 1
    elif rel not in ("this",) and current != code:  # ("survive the winter" told in December: this one)
        direction = tense_direction(ctx, m)
        if direction == "past" and PLAN_VERBS.match(ctx.verb(m.start(), m.end())):
            direction = "future"  # "expected one more cut in the spring": what was expected lies ahead
        if direction == "past" and season_month > ctx.dct.month + 1:
            year -= 1
        elif direction == "future" and season_month < ctx.dct.month - 1:
            year += 1
    return Reading("DATE", f"{year:04d}-{code}", mod)


def read_ago(m: re.Match, ctx: Context) -> Reading | None:
    """"three years ago", "a month earlier", "two weeks from now": a point shifted from the
    article's date ("ago", "from now") or from the date the text last mentioned ("earlier")."""
    unit = unit_name(m["unit"])
    n = number_value(m["num"]) if m["num"] else None  # "years ago": how many is not said
    word = " ".join(m["dir"].lower().split())
    sign = 1 if word in ("from now", "hence") else -1
    if unit in ("hour", "minute", "second"):
        # "three hours ago": within the article's day (TIMEX3 has no finer anchor for us)
        if ctx.dct is None:
            return Reading("TIME", "XXXX-XX-XX", anchored=False)
        return Reading("TIME", ctx.dct.isoformat(), remember=False)
    if unit in ("night", "fortnight", "weekend"):
        unit = {"night": "day", "fortnight": "week", "weekend": "week"}[unit]
        n = n * (2 if m["unit"].lower().startswith("fortnight") else 1) if n is not None else None
    if n is None:
        return Reading("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if n != int(n):
        return Reading("DURATION", duration_value(n, unit))
    n = int(n)
    ref = ctx.ref() if word == "earlier" else None
    if ref is None and ctx.dct is None:
        gran = "decade" if unit == "decade" else unit
        return Reading("DATE", X_FORMS.get(gran, "XXXX"), anchored=False)
    gran = unit if unit in ("day", "week", "month", "quarter", "year") else "year"
    if ref is not None:
        base = ref.day
        # "a year earlier" after a quarter or a day is that quarter or that day, a year before.
        if unit == "year" and ref.gran in ("quarter", "day", "month"):
            gran = ref.gran
    else:
        base = ctx.dct
        # in a report about a quarter, "a year ago" is that quarter a year before
        last = ctx.ref()
        if unit == "year" and n == 1 and last is not None and last.gran == "quarter":
            base, gran = last.day, "quarter"
    step_unit = {"decade": "decade", "century": "century"}.get(unit, unit)
    return Reading("DATE", fmt(shift(base, step_unit, sign * n), gran), remember=False)


def read_anaphoric(m: re.Match, ctx: Context) -> Reading | None:
    """"that day", "the following year", "the next morning", "the day before": relative to the
    date the text last mentioned."""
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = unit_name(m["unit"])
    ref = ctx.ref()
    step = {"that": 0, "the same": 0, "that same": 0, "the following": 1, "the next": 1,
            "the previous": -1, "the preceding": -1, "the prior": -1, "earlier that": 0,
            "later that": 0}.get(rel, 0)
    if m["after"]:
        step = -1 if "before" in m["after"].lower() else 1
    if unit in ("morning", "afternoon", "evening", "night"):
        if ref is None or ref.gran != "day":
            return None
        d = shift(ref.day, "day", step)
        return Reading("TIME", f"{d.isoformat()}T{PARTS_OF_DAY[unit]}")
    if ref is None:
        return unanchored(unit if unit in X_FORMS else "day")
    if unit == "time":
        return Reading("DATE", ref.value)
    coarse = _coarser_than(unit, ref)
    if coarse is not None:
        return Reading("DATE", coarse, remember=False)
    gran = unit
    return Reading("DATE", fmt(shift(ref.day, unit, step), gran))


_FINER = {"day": ("week", "month", "quarter", "half", "year", "century"),
          "week": ("month", "quarter", "half", "year", "century"),
          "month": ("quarter", "half", "year", "century")}


def _coarser_than(unit: str, ref) -> str | None:
    """"that same day" after "in October": the text names no day, so TIMEX3 writes the one it
    does know and leaves the rest unknown (``1998-10-XX``), rather than make up the first of the
    month. None when the reference is as fine as the unit."""
    if ref.gran not in _FINER.get(unit, ()):
        return None
    d = ref.day
    if unit == "week":
        return f"{d.year:04d}-WXX"
    if ref.gran == "month" and unit == "day":
        return f"{d.year:04d}-{d.month:02d}-XX"
    return f"{d.year:04d}-XX-XX" if unit == "day" else f"{d.year:04d}-XX"


def read_nth_day(m: re.Match, ctx: Context) -> Reading | None:
    """"the eighth day of the blockade" in a present-tense clause is the article's day; in another
    tense it is some day the text does not date, left out."""
    if ctx.dct is None or ctx.tense(m.start(), m.end()) != "PRESENT":
        return None
    return Reading("DATE", ctx.dct.isoformat())


def read_holiday(m: re.Match, ctx: Context) -> Reading | None:
    """Named days: Christmas, Thanksgiving, Election Day, Easter ..., in the year the clause points to."""
    name = re.sub(r"\s+", " ", m["name"].lower()).replace("’", "'").replace(", jr", " jr")
    if name == "easter sunday":
        name = "easter"
    rel = (m["rel"] or "").lower() if "rel" in m.re.groupindex else ""
    if m["year"]:
        return Reading("DATE", holiday_date(name, year_number(m["year"])).isoformat())
    if ctx.dct is None:
        if name in FIXED_HOLIDAYS:
            month, day = FIXED_HOLIDAYS[name]
            return Reading("DATE", f"XXXX-{month:02d}-{day:02d}", anchored=False)
        return Reading("DATE", "XXXX-XX-XX", anchored=False)
    this = holiday_date(name, ctx.dct.year)
    if rel == "last":  # "last Christmas": the latest one before the article
        year = ctx.dct.year if this < ctx.dct else ctx.dct.year - 1
    elif rel == "next":
        year = ctx.dct.year if this > ctx.dct else ctx.dct.year + 1
    elif rel == "this":
        year = ctx.dct.year
    else:
        year = resolve_year(ctx, m, this.month, this.day)
    return Reading("DATE", holiday_date(name, year).isoformat())


def read_spoken_year(m: re.Match, ctx: Context) -> Reading | None:
    """Years read out in broadcast transcripts: "nineteen ninety-six", "the year two thousand"."""
    return Reading("DATE", f"{spoken_year(m['words']):04d}")
