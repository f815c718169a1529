"""Stretches and repetitions of time: durations ("nearly three weeks", "the past six months"), vague
stretches ("years", "recent years") and sets ("weekly", "every Monday"), read from a ``timex_find`` rule's
match as ``timex_normalize`` reads points in time (same ``Reading`` and ``Context``).
"""

from __future__ import annotations

import re

from .timex_calendar import duration_value, fmt, shift
from .timex_lexicon import (
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    WEEKDAYS,
    number_value,
)
from .timex_reading import Context, Reading, month_num, unit_name

__all__ = ["read_duration", "read_set_adverb", "read_set_every", "read_vague_plural"]

_RECORD_WORDS = ("first|only|biggest|largest|highest|lowest|smallest|worst|best|strongest|weakest|fastest|slowest|"
                 "longest|deepest|sharpest|steepest")


def read_duration(m: re.Match, ctx: Context) -> Reading | None:
    unit = unit_name(m["unit"])
    num = m["num"]
    n = number_value(num) if num else None
    if num is None and not m["unit"].lower().endswith("s"):
        n = 1.0
    if unit == "fortnight":
        unit, n = "week", (2 * n if n is not None else None)
    if unit == "night":
        unit = "day"
    mod = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
           "nearly": "LESS_THAN", "almost": "LESS_THAN", "more than": "MORE_THAN",
           "over": "MORE_THAN", "less than": "LESS_THAN", "at least": "EQUAL_OR_MORE",
           "up to": "EQUAL_OR_LESS", "within": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
           "under": "LESS_THAN"}.get(re.sub(r"\s+", " ", (m["approx"] or "").lower()).strip())
    before = m.string[max(0, m.start() - 4):m.start()]
    # "the second time in three years", "his first title in 18 months", "the biggest gain in two years":
    # a count or a record over a stretch, not a point to come
    counted = re.search(rf"\b(?:time|(?:{_RECORD_WORDS})(?:\s+[\w-]+)?)\s+in\s+$", m.string[max(0, m.start() - 40):m.start()],
                        re.IGNORECASE)
    if (not counted and re.search(r"(?<![\w-])in\s+$", before, re.IGNORECASE) and not (m["pre"] or "").strip()
            and n is not None and n == int(n) and ctx.dct is not None
            and unit in ("day", "week", "month", "year") and ctx.tense(m.start(), m.end()) == "FUTURE"):
        # "will travel in two weeks": the point two weeks from now
        return Reading("DATE", fmt(shift(ctx.dct, unit, int(n)), unit))
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
    # "every fifth day" is every five days
    n = (ORDINALS.get(m["num"].strip().lower()) or number_value(m["num"])) if m["num"] else 1
    if what.rstrip("s") in WEEKDAYS or what in WEEKDAYS:
        return Reading("SET", f"XXXX-WXX-{WEEKDAYS[what.rstrip('s') if what not in WEEKDAYS else what]}")
    if what.rstrip(".") in MONTHS:
        return Reading("SET", f"XXXX-{month_num(what):02d}")
    if what in SEASONS:
        return Reading("SET", f"XXXX-{SEASONS[what]}")
    if what in PARTS_OF_DAY:
        return Reading("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[what]}")  # "every morning"
    unit = unit_name(what)
    if unit == "weekend":
        return Reading("SET", "XXXX-WXX-WE")  # "every weekend": the weekends, not two days
    if unit == "quarter":
        return Reading("SET", "P1Q" if n == 1 else f"P{int(n or 1)}Q")
    return Reading("SET", duration_value(n if n else None, unit))
