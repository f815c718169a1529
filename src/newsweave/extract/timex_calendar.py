"""Calendar arithmetic for TIMEX3 values: shifting a date by units and writing the value at the
granularity an expression names ("last week" is a week, ``2025-W42``; "a month ago" a month).

Values follow the TimeML/TIMEX3 forms TempEval-3 uses: ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``,
``YYYY-Www`` (ISO week), ``YYYY-Qn``, ``YYYY-Hn``, ``YYYY-SU`` (season), ``YYYY-Www-WE`` (weekend),
``YYY`` (decade), ``YY`` (century), ``P3D``/``PT3H`` durations, and ``X`` for unknown digits.

The calendar holds the years 1 to 9999 (Python's ``date``). Arithmetic that leaves it ("in 9000 years",
"tomorrow" in an article dated 9999-12-31) raises ``OutOfCalendar``, a ``ValueError``; the timex stage
gives such an expression no value instead of stopping the article.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from ..timex3 import value_span

__all__ = ["FIXED_HOLIDAYS", "X_FORMS", "Anchor", "OutOfCalendar", "duration_value", "fmt", "holiday_date", "parse_value", "shift"]


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


class OutOfCalendar(ValueError):
    """A date before 0001-01-01 or after 9999-12-31, which the calendar cannot hold."""


def _in_calendar(year: int) -> int:
    if not date.min.year <= year <= date.max.year:
        raise OutOfCalendar(f"year {year} is outside the calendar ({date.min.year}-{date.max.year})")
    return year


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
    y = _in_calendar(d.year + m // 12)
    m = m % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def shift(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units (negative is back in time); months clip to the month's last day.

    Raises ``OutOfCalendar`` when the result falls outside the years 1 to 9999."""
    try:
        if unit == "day":
            return d + timedelta(days=n)
        if unit in ("week", "weekend"):
            return d + timedelta(weeks=n)
    except OverflowError as exc:  # timedelta past date.max / before date.min, or a huge n
        raise OutOfCalendar(f"{d.isoformat()} moved by {n} {unit}s is outside the calendar") from exc
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
    elif unit == "fortnight":
        unit, n = "week", (n * 2 if n is not None else None)  # "every fortnight": P2W
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


def parse_value(value: str) -> Anchor | None:
    """The ``Anchor`` a resolved DATE value stands for (its first day), or None for other forms.

    Used to take an earlier expression in the text as the reference of a later anaphoric one
    ("a month earlier", "the following year"). Which days a value covers is ``newsweave.timex3``'s rule.
    """
    span = value_span(value.split("T")[0])
    if span is None or span.granularity == "decade":
        return None
    if span.granularity == "weekend":  # "the weekend before" counts in weeks from that week's Monday
        return Anchor(span.first - timedelta(days=5), "week")
    if span.granularity == "season":  # seasons shift by years ("the summer after")
        return Anchor(date(span.first.year, 1, 1), "year")
    return Anchor(span.first, span.granularity)


def _nth_weekday(year: int, month: int, dow: int, n: int) -> date:
    """The ``n``-th ISO weekday ``dow`` of a month (n = -1: the last one)."""
    if n > 0:
        first = date(year, month, 1)
        return shift(first, "day", (dow - first.isoweekday()) % 7 + 7 * (n - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return shift(last, "day", -((last.isoweekday() - dow) % 7))


def _easter(year: int) -> date:
    # the Gregorian computus (Meeus/Jones/Butcher)
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(year, month, day)


FIXED_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
                   "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
                   "halloween": (10, 31), "valentine's day": (2, 14), "veterans day": (11, 11),
                   "boxing day": (12, 26), "st. patrick's day": (3, 17), "st patrick's day": (3, 17),
                   "saint patrick's day": (3, 17)}
# holidays on the n-th weekday of a month (US): month, ISO weekday, n
_WEEKDAY_HOLIDAYS = {"mother's day": (5, 7, 2), "father's day": (6, 7, 3), "labor day": (9, 1, 1),
                     "memorial day": (5, 1, -1), "columbus day": (10, 1, 2), "presidents day": (2, 1, 3),
                     "presidents' day": (2, 1, 3), "martin luther king day": (1, 1, 3),
                     "martin luther king jr. day": (1, 1, 3)}
# holidays a number of days after Thanksgiving or Easter
_AFTER_THANKSGIVING = {"black friday": 1, "cyber monday": 4}
_AFTER_EASTER = {"easter": 0, "good friday": -2, "easter monday": 1}


def holiday_date(name: str, year: int) -> date:
    """The day of holiday ``name`` in ``year``; ``OutOfCalendar`` for a year outside 1 to 9999."""
    _in_calendar(year)
    if name in FIXED_HOLIDAYS:
        return date(year, *FIXED_HOLIDAYS[name])
    if name in _WEEKDAY_HOLIDAYS:
        return _nth_weekday(year, *_WEEKDAY_HOLIDAYS[name])
    if name.startswith("thanksgiving") or name in _AFTER_THANKSGIVING:
        return shift(_nth_weekday(year, 11, 4, 4), "day", _AFTER_THANKSGIVING.get(name, 0))
    if name == "election day":
        return shift(_nth_weekday(year, 11, 1, 1), "day", 1)
    return shift(_easter(year), "day", _AFTER_EASTER.get(name, 0))
