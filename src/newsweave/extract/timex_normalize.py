"""Calendar arithmetic for TIMEX3 values: shifting an anchor date by units and writing the value at
the granularity the expression names ("last week" is a week, ``2025-W42``; "a month ago" a month).

Values follow the TimeML/TIMEX3 forms TempEval-3 uses: ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``,
``YYYY-Www`` (ISO week), ``YYYY-Qn``, ``YYYY-Hn``, ``YYYY-SU`` (season), ``YYYY-Www-WE`` (weekend),
``YYY`` (decade), ``YY`` (century), ``P3D``/``PT3H`` durations, and ``X`` for unknown digits.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from .timex_lexicon import MONTHS, ORDINALS, PARTS_OF_DAY, SEASONS, WEEKDAYS, number_value

__all__ = ["Anchor", "Reading", "Context", "fmt", "shift", "duration_value", "parse_value", "X_FORMS"]

# The value written for a relative expression when the article has no date, by granularity.
X_FORMS = {
    "day": "XXXX-XX-XX",
    "week": "XXXX-WXX",
    "weekend": "XXXX-WXX-WE",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "half": "XXXX-HX",
    "season": "XXXX-XX",
    "year": "XXXX",
    "decade": "XXX",
    "century": "XX",
}


@dataclass(frozen=True, slots=True)
class Anchor:
    """A point on the calendar at a granularity: the day ``day`` seen as a ``gran``
    (``"day"``, ``"week"``, ``"month"``, ``"quarter"``, ``"half"``, ``"year"``, ``"decade"``, ``"century"``)."""

    day: date
    gran: str = "day"

    @property
    def value(self) -> str:
        return fmt(self.day, self.gran)


def fmt(d: date, gran: str) -> str:
    """The TIMEX3 value of the ``gran`` that contains day ``d``."""
    if gran == "day":
        return d.isoformat()
    if gran == "week":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if gran == "weekend":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}-WE"
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if gran == "half":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if gran == "year":
        return f"{d.year:04d}"
    if gran == "decade":
        return f"{d.year // 10:03d}"
    if gran == "century":
        return f"{d.year // 100:02d}"
    raise ValueError(f"unknown granularity {gran!r}")


def _add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def shift(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units (negative is back in time); months clip to the month's last day."""
    if unit == "day":
        return d + timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + timedelta(weeks=n)
    if unit == "month":
        return _add_months(d, n)
    if unit == "quarter":
        return _add_months(d, 3 * n)
    if unit == "half":
        return _add_months(d, 6 * n)
    if unit == "year":
        return _add_months(d, 12 * n)
    if unit == "decade":
        return _add_months(d, 120 * n)
    if unit == "century":
        return _add_months(d, 1200 * n)
    if unit in ("hour", "minute", "second"):
        return d
    raise ValueError(f"unknown unit {unit!r}")


_LETTER = {"year": "Y", "month": "M", "week": "W", "day": "D", "quarter": "Q", "hour": "H",
           "minute": "M", "second": "S", "decade": "DE", "century": "CE", "weekend": "WE"}


def duration_value(n: float | None, unit: str) -> str:
    """The TIMEX3 duration for ``n`` ``unit``s: ``P3D``, ``PT3H``, ``P2Y6M``, ``PXY`` when ``n`` is vague."""
    time_unit = unit in ("hour", "minute", "second")
    prefix = "PT" if time_unit else "P"
    if unit == "decade":
        unit, n = "year", (n * 10 if n is not None else None)
    elif unit == "century":
        unit, n = "year", (n * 100 if n is not None else None)
    elif unit == "weekend":
        unit, n = "day", (n * 2 if n is not None else None)
    letter = _LETTER[unit]
    if n is None:
        return f"{prefix}X{letter}"
    if n == int(n):
        return f"{prefix}{int(n)}{letter}"
    whole, frac = int(n), n - int(n)
    # Fractions are written in the next smaller unit: 2 1/2 years is P2Y6M, 1 1/2 hours PT1H30M.
    smaller = {"year": ("M", 12), "month": ("D", 30), "week": ("D", 7), "day": ("H", 24),
               "hour": ("M", 60), "minute": ("S", 60)}.get(unit)
    if smaller is None:
        return f"{prefix}{n:g}{letter}"
    small_letter, per = smaller
    parts = f"{whole}{letter}" if whole else ""
    if unit == "day":
        return f"P{parts}T{round(frac * per)}{small_letter}"
    return f"{prefix}{parts}{round(frac * per)}{small_letter}"


_VALUE_FORMS = [
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), "day"),
    (re.compile(r"(\d{4})-W(\d{1,2})(-WE)?"), "week"),
    (re.compile(r"(\d{4})-(\d{2})"), "month"),
    (re.compile(r"(\d{4})-Q(\d)"), "quarter"),
    (re.compile(r"(\d{4})-H(\d)"), "half"),
    (re.compile(r"(\d{4})-(SP|SU|FA|WI)"), "season"),
    (re.compile(r"(\d{4})"), "year"),
]


def parse_value(value: str) -> Anchor | None:
    """The ``Anchor`` a resolved DATE value stands for (its first day), or None for other forms.

    Used to take an earlier expression in the text as the reference of a later anaphoric one
    ("a month earlier", "the following year").
    """
    for pattern, gran in _VALUE_FORMS:
        m = pattern.fullmatch(value.split("T")[0])
        if not m:
            continue
        y = int(m.group(1))
        if gran == "day":
            try:
                return Anchor(date(y, int(m.group(2)), int(m.group(3))), "day")
            except ValueError:
                return None
        if gran == "week":
            try:
                return Anchor(date.fromisocalendar(y, int(m.group(2)), 1), "week")
            except ValueError:
                return None
        if gran == "month":
            mo = int(m.group(2))
            return Anchor(date(y, mo, 1), "month") if 1 <= mo <= 12 else None
        if gran == "quarter":
            q = int(m.group(2))
            return Anchor(date(y, 3 * q - 2, 1), "quarter") if 1 <= q <= 4 else None
        if gran == "half":
            return Anchor(date(y, 1 if m.group(2) == "1" else 7, 1), "half")
        if gran == "season":
            return Anchor(date(y, 1, 1), "year")
        return Anchor(date(y, 1, 1), "year")
    return None


# ----------------------------------------------------------------------------- what expressions mean
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

    def ref(self) -> Anchor | None: ...  # the last date the text mentioned, else the article's date


_MODS = {"early": "START", "late": "END", "mid": "MID", "mid-": "MID", "middle": "MID",
         "beginning": "START", "start": "START", "end": "END", "close": "END"}

_UNIT_NAME = {"years": "year", "months": "month", "weeks": "week", "days": "day", "hours": "hour",
              "minutes": "minute", "seconds": "second", "decades": "decade", "centuries": "century",
              "quarters": "quarter", "weekends": "weekend", "fortnights": "fortnight", "nights": "night"}


def unit_name(word: str) -> str:
    w = word.lower()
    return _UNIT_NAME.get(w, w)


def _edge_mod(text: str | None) -> str | None:
    if not text:
        return None
    t = text.lower().strip()
    for key, mod in _MODS.items():
        if key in t.split() or t.startswith(key):
            return mod
    return None


def _month_num(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _year(text: str) -> int:
    return int(text)


def _unanchored(gran: str) -> Reading:
    return Reading("DATE", X_FORMS[gran], anchored=False)


def _rel(ctx: Context, gran: str, n: int, *, typ: str = "DATE", mod: str | None = None) -> Reading:
    """The ``gran`` ``n`` steps from the article's date ("last week": week, -1)."""
    if ctx.dct is None:
        r = _unanchored(gran)
        r.type, r.mod = typ, mod
        return r
    return Reading(typ, fmt(shift(ctx.dct, gran, n), gran), mod)


def _direction(ctx: Context, m: re.Match) -> str | None:
    t = ctx.tense(m.start(), m.end())
    if t == "PAST":
        return "past"
    if t == "FUTURE":
        return "future"
    return None


# ----------------------------------------------------------------------------- builders
def _resolve_year(ctx: Context, m: re.Match, month: int, day: int | None) -> int | None:
    """The year of a month (and day) given without one: the article's year, moved by tense when
    the date would otherwise lie on the wrong side of the article's date."""
    dct = ctx.dct
    if dct is None:
        return None
    year = dct.year
    direction = _direction(ctx, m)
    here = (month, day or 0) if day else (month, 0)
    now = (dct.month, dct.day) if day else (dct.month, 0)
    if direction == "past" and here > now:
        # a past event in a month still to come this year happened last year; allow a little slack
        # for a date a few days ahead in a past-tense sentence ("set for Oct. 20")
        if not day or month != dct.month:
            year -= 1
    elif direction == "future" and here < now:
        if not day or month != dct.month:
            year += 1
    return year


def read_month_day(m: re.Match, ctx: Context) -> Reading | None:
    month = _month_num(m["month"])
    day = int(re.match(r"\d+", m["day"]).group())
    if m["year"]:
        year = _year(m["year"])
    else:
        year = _resolve_year(ctx, m, month, day)
        if year is None:
            return Reading("DATE", f"XXXX-{month:02d}-{day:02d}", anchored=False)
    try:
        date(year, month, day)
    except ValueError:
        return None
    return Reading("DATE", f"{year:04d}-{month:02d}-{day:02d}")




def read_month_year(m: re.Match, ctx: Context) -> Reading | None:
    month = _month_num(m["month"])
    mod = _edge_mod(m["edge"])
    if m["year"]:
        return Reading("DATE", f"{_year(m['year']):04d}-{month:02d}", mod)
    rel = (m["rel"] or "").lower()
    if ctx.dct is None:
        return Reading("DATE", f"XXXX-{month:02d}", mod, anchored=False)
    year = ctx.dct.year
    if rel in ("last year", "last", "past", "this past"):
        year = year - 1 if rel == "last year" or month >= ctx.dct.month else year
    elif rel in ("next year", "next", "coming"):
        year = year + 1 if rel == "next year" or month <= ctx.dct.month else year
    elif rel in ("this year", "this", "this coming"):
        pass
    else:
        year = _resolve_year(ctx, m, month, None)
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
    mod = _edge_mod(m["edge"])
    return Reading("DATE", f"{_year(m['year']):04d}", mod)


def read_decade(m: re.Match, ctx: Context) -> Reading | None:
    mod = _edge_mod(m["edge"])
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
    n = ORDINALS.get(m["ord"].lower())
    if n is None:
        return None
    return Reading("DATE", f"{n - 1:02d}", _edge_mod(m["edge"]))


def _weekday_date(ctx: Context, m: re.Match, dow: int, rel: str) -> date | None:
    dct = ctx.dct
    if dct is None:
        return None
    today = dct.isoweekday()
    rel = rel.lower()
    back = (today - dow) % 7 or 7  # days back to the previous such weekday
    ahead = (dow - today) % 7 or 7
    if rel in ("last", "past", "this past"):
        return shift(dct, "day", -back)
    if rel in ("next", "coming", "this coming"):
        return shift(dct, "day", ahead)
    if dow == today:
        return dct
    direction = _direction(ctx, m)
    if rel == "this":
        direction = direction or "future"
    if direction == "future":
        return shift(dct, "day", ahead)
    # News reports mostly what happened: an untensed weekday is the one just past.
    return shift(dct, "day", -back)


def read_weekday(m: re.Match, ctx: Context) -> Reading | None:
    dow = WEEKDAYS[m["dow"].lower()]
    part = (m["part"] or "").lower()
    clock = m["clock"]
    mod = _edge_mod(m["edge"])
    d = _weekday_date(ctx, m, dow, m["rel"] or "")
    if d is None:
        base = f"XXXX-WXX-{dow}"
        anchored = False
    else:
        base, anchored = d.isoformat(), True
    if clock:
        t = _clock(clock)
        if t:
            return Reading("TIME", f"{base}T{t}", mod, anchored)
    if part:
        return Reading("TIME", f"{base}T{PARTS_OF_DAY.get(part.replace(' ', ''), 'NI')}", mod, anchored)
    return Reading("DATE", base, mod, anchored)


_DEICTIC = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


def read_deictic_day(m: re.Match, ctx: Context) -> Reading | None:
    word = m["word"].lower()
    n = _DEICTIC[word]
    part = (m["part"] or "").lower()
    mod = _edge_mod(m["edge"])
    if ctx.dct is None:
        base, anchored = "XXXX-XX-XX", False
    else:
        base, anchored = shift(ctx.dct, "day", n).isoformat(), True
    if m["clock"]:
        t = _clock(m["clock"])
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


def _clock(text: str) -> str | None:
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
    elif ampm.startswith("a") or ampm == "inthemorning":
        if h == 12:
            h = 0
    if h > 24 or minute > 59:
        return None
    return f"{h:02d}:{minute:02d}"


def read_clock(m: re.Match, ctx: Context) -> Reading | None:
    t = _clock(m["clock"])
    if t is None:
        return None
    if ctx.dct is None:
        return Reading("TIME", f"XXXX-XX-XXT{t}", anchored=False)
    return Reading("TIME", f"{ctx.dct.isoformat()}T{t}")


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
    mod = _edge_mod(m["edge"])
    step = _REL_STEP.get(rel, 0)
    if unit == "quarter" and rel in ("the latest", "the last"):
        step = -1
    if unit in ("weekend",):
        if ctx.dct is None:
            return Reading("DATE", X_FORMS["weekend"], mod, anchored=False)
        if rel in ("the", "this"):
            step = 0 if ctx.dct.isoweekday() >= 5 or _direction(ctx, m) == "future" else -1
        return Reading("DATE", fmt(shift(ctx.dct, "week", step), "weekend"), mod)
    if unit == "night":
        return None
    if unit == "fortnight":
        unit = "week"
    return _rel(ctx, unit, step, mod=mod)


def read_season(m: re.Match, ctx: Context) -> Reading | None:
    code = SEASONS[m["season"].lower()]
    mod = _edge_mod(m["edge"])
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if m["year"]:
        return Reading("DATE", f"{_year(m['year']):04d}-{code}", mod)
    if ctx.dct is None:
        return Reading("DATE", f"XXXX-{code}", mod, anchored=False)
    season_month = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}[code]
    year = ctx.dct.year
    current = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(
        ctx.dct.month, "FA")
    if rel in ("last", "this past", "past"):
        if season_month >= ctx.dct.month or current == code:
            year -= 1
    elif rel in ("next", "this coming", "coming"):
        if season_month <= ctx.dct.month or current == code:
            year += 1
    elif rel not in ("this",):
        direction = _direction(ctx, m)
        if direction == "past" and season_month > ctx.dct.month + 1:
            year -= 1
        elif direction == "future" and season_month < ctx.dct.month - 1:
            year += 1
    if code == "WI" and ctx.dct.month == 12 and rel == "this":
        year += 0
    return Reading("DATE", f"{year:04d}-{code}", mod)


def _quarter_year(m: re.Match, ctx: Context, q: int) -> tuple[int | None, bool]:
    if m["year"]:
        return _year(m["year"]), True
    if m["fy"]:
        return _year(m["fy"]), True
    rel = (m["yrel"] or "").lower()
    if ctx.dct is None:
        return None, False
    year = ctx.dct.year
    if rel.startswith("last") or "year-ago" in rel or "year-earlier" in rel or "year ago" in rel:
        year -= 1
    elif rel.startswith("next"):
        year += 1
    return year, True


def read_quarter(m: re.Match, ctx: Context) -> Reading | None:
    q = ORDINALS.get(m["ord"].lower())
    if q is None or q > 4:
        return None
    half = m["unit"].lower() == "half"
    if half and q > 2:
        return None
    year, ok = _quarter_year(m, ctx, q)
    if year is None:
        return Reading("DATE", f"XXXX-{'H' if half else 'Q'}{q}", anchored=False)
    return Reading("DATE", f"{year:04d}-{'H' if half else 'Q'}{q}")


def _last_quarter(ctx: Context) -> date | None:
    """The quarter a report dated ``dct`` most likely talks about: the last one already ended."""
    if ctx.dct is None:
        return None
    return shift(ctx.dct, "quarter", -1)


def read_bare_quarter(m: re.Match, ctx: Context) -> Reading | None:
    """"the quarter", "the latest quarter", "the year-ago quarter": the quarter being reported."""
    words = m.group(0).lower()
    ref = ctx.ref()
    if ref is not None and ref.gran == "quarter" and "latest" not in words:
        base = ref.day
    else:
        base = _last_quarter(ctx)
    if base is None:
        return Reading("DATE", "XXXX-QX", anchored=False)
    if "year-ago" in words or "year-earlier" in words or "year ago" in words or "year earlier" in words:
        base = shift(base, "year", -1)
        return Reading("DATE", fmt(base, "quarter"), remember=False)
    return Reading("DATE", fmt(base, "quarter"))


def read_year_ago_adj(m: re.Match, ctx: Context) -> Reading | None:
    """"year-earlier", "year-ago" as a modifier: a year before what the text is talking about."""
    ref = ctx.ref()
    if ref is None:
        return Reading("DATE", "XXXX", anchored=False)
    gran = ref.gran if ref.gran in ("quarter", "month", "half") else "year"
    return Reading("DATE", fmt(shift(ref.day, "year", -1), gran), remember=False)


def read_ago(m: re.Match, ctx: Context) -> Reading | None:
    """"three years ago", "a month earlier", "two days later": a point shifted from an anchor."""
    unit = unit_name(m["unit"])
    n = number_value(m["num"])
    word = m["dir"].lower()
    sign = 1 if word in ("later", "after", "from now", "hence", "on") else -1
    if unit in ("hour", "minute", "second"):
        return Reading("TIME" if n is not None else "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF") \
            if n is None else _clock_shift(ctx, n * sign, unit)
    if unit in ("night", "fortnight", "weekend"):
        unit = {"night": "day", "fortnight": "week", "weekend": "week"}[unit]
        n = n * (2 if m["unit"].lower().startswith("fortnight") else 1) if n is not None else None
    if n is None:
        return Reading("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if n != int(n):
        return Reading("DURATION", duration_value(n, unit))
    n = int(n)
    anchor_from_text = word in ("earlier", "later", "before", "after")
    ref = ctx.ref() if anchor_from_text else None
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


def _clock_shift(ctx: Context, n: float, unit: str) -> Reading:
    if ctx.dct is None:
        return Reading("TIME", "XXXX-XX-XX", anchored=False)
    return Reading("TIME", ctx.dct.isoformat())


def read_duration(m: re.Match, ctx: Context) -> Reading | None:
    unit = unit_name(m["unit"])
    num = m["num"]
    n = number_value(num) if num else None
    pre = re.sub(r"\s+", " ", (m["pre"] or "").lower()).strip()
    if num is None and not m["unit"].lower().endswith("s"):
        n = 1.0
    if unit == "fortnight":
        unit, n = "week", (2 * n if n is not None else None)
    if unit == "night":
        unit = "day"
    if unit == "quarter" and n is not None:
        unit, n = "month", 3 * n
    mod = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
           "nearly": "LESS_THAN", "almost": "LESS_THAN", "more than": "MORE_THAN",
           "over": "MORE_THAN", "less than": "LESS_THAN", "at least": "EQUAL_OR_MORE",
           "up to": "EQUAL_OR_LESS", "within": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
           "under": "LESS_THAN"}.get(pre)
    return Reading("DURATION", duration_value(n, unit), mod)


def read_vague_plural(m: re.Match, ctx: Context) -> Reading | None:
    words = re.sub(r"\s+", " ", m.group(0).lower())
    unit = unit_name(m["unit"])
    if words.startswith("recent years"):
        return Reading("DATE", "PAST_REF")
    if unit == "quarter":
        unit = "month"
    return Reading("DURATION", duration_value(None, unit))


_SET_UNIT = {"daily": ("P1D", None), "weekly": ("P1W", None), "monthly": ("P1M", None),
             "yearly": ("P1Y", None), "annually": ("P1Y", None), "hourly": ("PT1H", None),
             "quarterly": ("P3M", None), "nightly": ("P1D", None), "annual": ("P1Y", None)}


def read_set_adverb(m: re.Match, ctx: Context) -> Reading | None:
    value, _ = _SET_UNIT[m["word"].lower()]
    return Reading("SET", value)


def read_set_every(m: re.Match, ctx: Context) -> Reading | None:
    what = m["what"].lower()
    n = number_value(m["num"]) if m["num"] else 1
    if what.rstrip("s") in WEEKDAYS or what in WEEKDAYS:
        return Reading("SET", f"XXXX-WXX-{WEEKDAYS[what.rstrip('s') if what not in WEEKDAYS else what]}")
    if what.rstrip(".") in MONTHS:
        return Reading("SET", f"XXXX-{_month_num(what):02d}")
    if what in SEASONS:
        return Reading("SET", f"XXXX-{SEASONS[what]}")
    if what in PARTS_OF_DAY:
        return Reading("SET", f"TXX{'' if False else ''}".replace("TXX", f"T{PARTS_OF_DAY[what]}"))
    unit = unit_name(what)
    if unit == "quarter":
        return Reading("SET", "P1Q" if n == 1 else f"P{int(n or 1)}Q")
    return Reading("SET", duration_value(n if n else None, unit))


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
        return _unanchored(unit if unit in X_FORMS else "day")
    if unit == "time":
        return Reading("DATE", ref.value)
    gran = unit
    return Reading("DATE", fmt(shift(ref.day, unit, step), gran))


def read_holiday(m: re.Match, ctx: Context) -> Reading | None:
    name = re.sub(r"\s+", " ", m["name"].lower())
    fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
             "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
             "halloween": (10, 31), "valentine's day": (2, 14), "veterans day": (11, 11)}
    if name not in fixed:
        return None
    month, day = fixed[name]
    if m["year"]:
        year = _year(m["year"])
    else:
        year = _resolve_year(ctx, m, month, day)
        if year is None:
            return Reading("DATE", f"XXXX-{month:02d}-{day:02d}", anchored=False)
    return Reading("DATE", f"{year:04d}-{month:02d}-{day:02d}")


def read_fiscal_year(m: re.Match, ctx: Context) -> Reading | None:
    """"fiscal 1989", "the fiscal year", "the current fiscal year"."""
    if m["year"]:
        y = m["year"]
        year = int(y) if len(y) == 4 else (1900 + int(y) if int(y) > 40 else 2000 + int(y))
        return Reading("DATE", f"{year:04d}")
    rel = (m["rel"] or "").lower().strip()
    step = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(rel.split()[-1] if rel else "", 0)
    return _rel(ctx, "year", step)
