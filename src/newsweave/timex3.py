"""TIMEX3 values: the one place that knows which days a value covers and how fine it is.

A TIMEX3 DATE value names a span of days at some granularity: ``2025-10-16`` (a day), ``2025-W43``
(an ISO week), ``2025-W43-WE`` (its weekend), ``2025-10`` (a month), ``2025-Q3``, ``2025-H2``,
``2025-SU`` (a season), ``2025`` (a year), ``202`` or ``202X`` (a decade); and, beyond TIMEX3, an ISO 8601
interval of days ``2025-10-18/2025-10-27``, the window a plan "in the next few days" is due in. The timeline, the plan
tracker, the calendar export and the web pages all ask this module, so a plan due ``2025-Q3`` is
overdue on 2025-10-01 wherever it is shown. Values that name no span of days (``PRESENT_REF``,
``XXXX-XX-XX``, durations) give None; so do days the calendar cannot hold (``9999-12-31`` has no
day after it, ``2025-02-30`` is no day).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

__all__ = ["PRECISIONS", "ValueSpan", "is_window", "value_contains", "value_last_day", "value_precision", "value_range",
           "value_span"]

# How finely a timeline or plan reports a value; the finer granularities map onto these.
PRECISIONS = ("day", "week", "month", "quarter", "year", "other")

_FORMS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})/(\d{4})-(\d{2})-(\d{2})"), "days"),
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?"), "day"),
    (re.compile(r"(\d{4})-W(\d{1,2})-WE"), "weekend"),
    (re.compile(r"(\d{4})-W(\d{1,2})"), "week"),
    (re.compile(r"(\d{4})-(\d{2})"), "month"),
    (re.compile(r"(\d{4})-Q([1-4])"), "quarter"),
    (re.compile(r"(\d{4})-H([12])"), "half"),
    (re.compile(r"(\d{4})-(SP|SU|FA|WI)"), "season"),
    (re.compile(r"(\d{4})"), "year"),
    (re.compile(r"(\d{3})X?"), "decade"),
]
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_PRECISION_OF = {"day": "day", "days": "week", "week": "week", "weekend": "week", "month": "month", "quarter": "quarter",
                 "year": "year"}


@dataclass(frozen=True)
class ValueSpan:
    """The days a value covers, ``first`` up to (not including) ``after``, and its granularity."""

    first: date
    after: date
    granularity: str


def _add_months(d: date, months: int) -> date:
    m = d.month - 1 + months
    return date(d.year + m // 12, m % 12 + 1, 1)


def _span(m: re.Match, granularity: str) -> tuple[date, date]:
    y = int(m[1])
    if granularity == "days":
        first, last = date(y, int(m[2]), int(m[3])), date(int(m[4]), int(m[5]), int(m[6]))
        if last < first:
            raise ValueError("an interval that ends before it starts")
        return first, last + timedelta(days=1)
    if granularity == "day":
        d = date(y, int(m[2]), int(m[3]))
        return d, d + timedelta(days=1)
    if granularity in ("week", "weekend"):
        monday = date.fromisocalendar(y, int(m[2]), 1)
        if granularity == "weekend":
            return monday + timedelta(days=5), monday + timedelta(days=7)
        return monday, monday + timedelta(days=7)
    if granularity == "month":
        d = date(y, int(m[2]), 1)
        return d, _add_months(d, 1)
    if granularity == "quarter":
        d = date(y, 3 * (int(m[2]) - 1) + 1, 1)
        return d, _add_months(d, 3)
    if granularity == "half":
        d = date(y, 6 * (int(m[2]) - 1) + 1, 1)
        return d, _add_months(d, 6)
    if granularity == "season":
        d = date(y, _SEASON_MONTH[m[2]], 1)
        return d, _add_months(d, 3)
    if granularity == "year":
        return date(y, 1, 1), date(y + 1, 1, 1)
    return date(y * 10, 1, 1), date(y * 10 + 10, 1, 1)  # decade


# A story's few distinct values are asked for again and again (every merge comparison, every claim
# pair of the outlet comparison): answers are kept. ValueSpan is immutable.
@lru_cache(maxsize=8192)
def value_span(value: str | None) -> ValueSpan | None:
    """The span of days a TIMEX3 DATE value covers, or None for a value that names none."""
    v = (value or "").strip()
    for pattern, granularity in _FORMS:
        if m := pattern.fullmatch(v):
            try:
                first, after = _span(m, granularity)
            except (ValueError, OverflowError):  # "2025-02-30", "2025-W54", year 0, "9999-12-31" + 1 day
                return None
            return ValueSpan(first, after, granularity)
    return None


def is_window(value: str | None) -> bool:
    """Whether a value is an interval of days ("2025-10-18/2025-10-24"): the window a plan "in the next
    few days" is due in, not a date a thing happened on."""
    span = value_span(value)
    return span is not None and span.granularity == "days"


def value_range(value: str | None) -> tuple[date, date] | None:
    """The days a value covers as ``(first, after_last)``; None for values that name no span of days."""
    span = value_span(value)
    return (span.first, span.after) if span else None


def value_last_day(value: str | None) -> date | None:
    """The last day a value covers (a plan due ``2025-Q3`` is due by 2025-09-30), or None."""
    span = value_span(value)
    return span.after - timedelta(days=1) if span else None


def value_precision(value: str | None) -> str:
    """How fine a value is for a reader: ``day``, ``week``, ``month``, ``quarter``, ``year`` or ``other``."""
    span = value_span(value)
    return _PRECISION_OF.get(span.granularity, "other") if span else "other"


def value_contains(outer: str | None, inner: str | None) -> bool:
    """Whether every day of ``inner`` lies within ``outer`` ("2025-10" contains "2025-10-16").

    Values that name no days contain only themselves ("PRESENT_REF" contains "PRESENT_REF").
    """
    a, b = value_range(outer), value_range(inner)
    if a is None or b is None:
        return (outer or "") == (inner or "")
    return a[0] <= b[0] and b[1] <= a[1]
