"""Publication dates as written in inputs, turned into ``datetime.date``.

Accepted: ``2025-10-17``, ISO timestamps (``2025-10-17T09:30:00Z``, ``…+03:00``), RFC 2822 as in
feeds (``Fri, 17 Oct 2025 09:30:00 GMT``), ``17 October 2025``, ``October 17, 2025``,
``Oct. 17 2025``, ``2025/10/17``, ``17.10.2025``, ``20251017``, and day/month/year with slashes
when the order is unambiguous (a part above 12). The date is the calendar date *as written*: a
timestamp is not converted to UTC, because the publisher's local date is the article's date.

What may follow the date is a time and a zone ("09:30", "9:30 a.m. EDT", "+03:00", "GMT"), nothing
else: "2025-10-17 lol; DROP" is not a date. A publication date must lie between
:data:`EARLIEST_PUBLISHED` (1800-01-01) and :data:`FUTURE_DAYS_ALLOWED` (3) days after today: an
article from the year 9999 or 0001 is a typo or hostile input, and such dates break date arithmetic
downstream ("tomorrow" of 9999-12-31). Three days leave room for time zones and embargoed copy.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from email.utils import parsedate_tz

__all__ = ["EARLIEST_PUBLISHED", "FUTURE_DAYS_ALLOWED", "DateError", "check_published", "parse_date"]

EARLIEST_PUBLISHED = date(1800, 1, 1)
FUTURE_DAYS_ALLOWED = 3

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_YEAR = r"(?P<year>\d{4})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:[A-Za-z]{3,9}\.?,?\s+)?"
# A time or zone after the date is ignored; only one: anything else makes the value not a date.
_CLOCK = r"\d{1,2}(?:[:.]\d{2}){0,2}(?:[.,]\d{1,9})?(?:\s*[ap]\.?m\.?)?"
_ZONE = r"(?:Z|[+-]\d{2}(?::?\d{2})?|\(?[A-Z]{2,5}\)?(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)"
_TIME = r"(?:(?:at\s+)?" + _CLOCK + r"(?:\s*" + _ZONE + r")?|" + _ZONE + r")"
_TIME_TAIL = r"(?:[,\s]+" + _TIME + r")?\s*$"

_ISO = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:(?:[T_]|\s+)" + _TIME + r")?\s*$")
_COMPACT = re.compile(r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})(?:T\d{2,6}(?:[.,]\d+)?" + _ZONE + r"?)?$")
_SLASHED_YMD = re.compile(r"^(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})" + _TIME_TAIL)
_DOTTED_DMY = re.compile(r"^(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})" + _TIME_TAIL)
_SLASHED = re.compile(r"^(?P<a>\d{1,2})[/-](?P<b>\d{1,2})[/-](?P<year>\d{4})" + _TIME_TAIL)
_DAY_MONTH_YEAR = re.compile(r"^" + _WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + _TIME_TAIL)
_MONTH_DAY_YEAR = re.compile(r"^" + _WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _TIME_TAIL)


class DateError(ValueError):
    """A value that is not a date, or not one newsweave can read unambiguously; the message says why."""


def parse_date(value: object) -> date | None:
    """The calendar date ``value`` names, ``None`` for an empty value; :class:`DateError` otherwise.

    ``value`` may be a ``date``/``datetime`` (returned as a date), a string in one of the formats
    listed in the module docstring, or an integer like ``20251017``. A date outside the range of
    publication dates (see :func:`check_published`) is a :class:`DateError` too.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return check_published(value.date())
    if isinstance(value, date):
        return check_published(value)
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise DateError(f"a {type(value).__name__} is not a date")
    text = str(value).strip()
    if not text:
        return None
    for pattern in (_ISO, _COMPACT, _SLASHED_YMD, _DOTTED_DMY):
        match = pattern.match(text)
        if match:
            return _make(int(match["year"]), int(match["month"]), int(match["day"]))
    match = _SLASHED.match(text)
    if match:
        a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
        if a > 12 >= b:
            return _make(year, b, a)
        if b > 12 >= a:
            return _make(year, a, b)
        if a == b:
            return _make(year, a, b)
        raise DateError("day and month order is ambiguous (is it MM/DD or DD/MM?)")
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        match = pattern.match(text)
        if match and match["month"].lower() in _MONTHS:
            return _make(int(match["year"]), _MONTHS[match["month"].lower()], int(match["day"]))
    parsed = parsedate_tz(text)  # RFC 2822, the date format of RSS feeds
    if parsed is not None:
        return _make(parsed[0], parsed[1], parsed[2])
    raise DateError("not a date format newsweave reads")


def check_published(value: date, *, today: date | None = None) -> date:
    """``value`` if it can be a publication date (1800-01-01 to three days after ``today``), else :class:`DateError`."""
    latest = (today or date.today()) + timedelta(days=FUTURE_DAYS_ALLOWED)
    if value < EARLIEST_PUBLISHED:
        raise DateError(f"{value.isoformat()} is before {EARLIEST_PUBLISHED.isoformat()}, the earliest publication "
                        "date newsweave accepts")
    if value > latest:
        raise DateError(f"{value.isoformat()} is more than {FUTURE_DAYS_ALLOWED} days in the future (after "
                        f"{latest.isoformat()}); dates from 1800-01-01 to then are accepted")
    return value


def _make(year: int, month: int, day: int) -> date:
    try:
        made = date(year, month, day)
    except ValueError as exc:  # "day is out of range for month"
        raise DateError(str(exc)) from None
    return check_published(made)
