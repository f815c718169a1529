"""What the reporting-period expressions of business news mean: quarters and halves ("the third
quarter", "the last half of 1989", "the quarter ended July 31"), the quarter under discussion ("the
quarter", "the year-ago period", "the 1988 quarter"), fiscal years and "the year".

Builders like those of ``timex_normalize`` (the same ``Reading`` / ``Context`` contract, from
``timex_reading``): an earnings report names the quarter it is about and then refers back to it,
so these readers share the notion of that quarter (``Context.quarter``) and of the last quarter to have ended before the article.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from .timex_calendar import duration_value, fmt, shift
from .timex_lexicon import MONTHS, ORDINALS
from .timex_reading import (
    PLAN_VERBS,
    Context,
    Reading,
    month_num,
    relative,
    unanchored,
    year_number,
)

__all__ = ["quarter_of_months", "read_bare_quarter", "read_fiscal_year", "read_quarter", "read_the_unit",
           "read_year_ago_adj", "read_year_quarter"]


def _quarter_year(m: re.Match, ctx: Context) -> int | None:
    """The year of "the third quarter": the one written, else the article's, moved by
    "last year's" / "next year's" / "year-ago"; None when the article has no date."""
    if m["year"]:
        return year_number(m["year"])
    if m["fy"]:
        return year_number(m["fy"])
    rel = (m["yrel"] or "").lower()
    if ctx.dct is None:
        return None
    year = ctx.dct.year
    of_year = (m["ofyear"] or "").lower() if "ofyear" in m.re.groupindex else ""
    if of_year in ("last", "next", "this"):
        return year + {"last": -1, "this": 0, "next": 1}[of_year]
    if rel.startswith("last") or "year-ago" in rel or "year-earlier" in rel or "year ago" in rel:
        year -= 1
    elif rel.startswith("next"):
        year += 1
    elif m["unit"].lower() == "quarter" and ctx.tense(m.start(), m.end()) == "PAST":
        # "announced a drop in profits for the fourth quarter" in January: what is told in the past
        # of a quarter that has not begun is last year's of that name ("output slowed in the third
        # quarter"), but for a plan told in the past ("said it planned a sale in the third quarter")
        q = ORDINALS.get(m["ord"].lower())
        just_ended = fmt(shift(ctx.dct, "quarter", -1), "quarter") == f"{year - 1:04d}-Q{q}"
        fiscal = "fiscal" in m.string[max(0, m.start() - 10):m.end()].lower()  # a fiscal quarter is no calendar one
        if q is not None and 1 <= q <= 4 and (just_ended or q > (ctx.dct.month - 1) // 3 + 1 and not fiscal
                                              and not PLAN_VERBS.match(ctx.verb(m.start(), m.end()))):
            year -= 1
    return year


def read_quarter(m: re.Match, ctx: Context) -> Reading | None:
    half = m["unit"].lower() == "half"
    q = (2 if half else 4) if m["ord"].lower() == "last" else ORDINALS.get(m["ord"].lower())
    if q is None or q > 4:
        return None
    if half and q > 2:
        return None
    year = _quarter_year(m, ctx)
    if year is None:
        return Reading("DATE", f"XXXX-{'H' if half else 'Q'}{q}", anchored=False)
    return Reading("DATE", f"{year:04d}-{'H' if half else 'Q'}{q}")


def _last_quarter(ctx: Context) -> date | None:
    """The quarter a report dated ``dct`` most likely talks about: the last one already ended."""
    if ctx.dct is None:
        return None
    return shift(ctx.dct, "quarter", -1)


_ENDED = re.compile(r"\s+(?:ended|ending)\s+(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>[0-3]?\d)(?:,\s+(?P<year>(?:19|20)\d\d))?")


def _quarter_ended(m: re.Match, ctx: Context) -> date | None:
    """"the quarter ended Sept. 30": a day inside the calendar quarter that holds most of the three
    months ending on that date (a fiscal quarter ended July 31 is mostly the calendar second)."""
    after = _ENDED.match(m.string, m.end())
    if after is None or after["month"].lower() not in MONTHS:
        return None
    month, day = MONTHS[after["month"].lower()], int(after["day"])
    if after["year"]:
        year = int(after["year"])
    elif ctx.dct is not None:
        # a quarter that has ended lies before the report
        year = ctx.dct.year - (1 if (month, day) > (ctx.dct.month, ctx.dct.day) else 0)
    else:
        return None
    try:
        end = date(year, month, min(day, calendar.monthrange(year, month)[1]))
    except ValueError:
        return None
    return shift(end, "day", -45)


def read_bare_quarter(m: re.Match, ctx: Context) -> Reading | None:
    """"the quarter", "the latest quarter", "the year-ago quarter": the quarter being reported;
    "the quarter ended Sept. 30" the one that date closes."""
    words = m.group(0).lower()
    ref = ctx.ref()
    ended = _quarter_ended(m, ctx) if m.group(0).lower().endswith("quarter") else None
    if ended is not None:
        if re.search(r"year[-\s](?:ago|earlier)|last\s+year", words):
            return Reading("DATE", fmt(shift(ended, "year", -1), "quarter"), remember=False)
        return Reading("DATE", fmt(ended, "quarter"))
    gran = "quarter"
    if ref is not None and ref.gran == "half" and words.rstrip().split()[-1] != "quarter":
        base, gran = ref.day, "half"  # "in the first half, against ... in the same period last year"
    elif ref is not None and ref.gran == "quarter" and "latest" not in words:
        base = ref.day
    else:
        # the quarter the report is about, else the last one to have ended
        topic = ctx.quarter()
        base = topic.day if topic is not None else _last_quarter(ctx)
    if base is None:
        return Reading("DATE", "XXXX-QX", anchored=False)
    if m["ofy"]:  # "the same period of 2007": the period of that name in the year named
        return Reading("DATE", fmt(base.replace(year=int(m["ofy"]), day=1), gran), remember=False)
    if re.search(r"year[-\s](?:ago|earlier)|last\s+year", words):
        base = shift(base, "year", -1)
        return Reading("DATE", fmt(base, gran), remember=False)
    return Reading("DATE", fmt(base, gran))


def quarter_of_months(first: str, last: str) -> str | None:
    """The ordinal of the calendar quarter that runs from month ``first`` to ``last`` ("April", "June":
    "second"), None for months that make no quarter ("January-August")."""
    a, b = month_num(first), month_num(last)
    if a % 3 != 1 or b != a + 2:
        return None
    return ("first", "second", "third", "fourth")[a // 3]


def read_year_ago_adj(m: re.Match, ctx: Context) -> Reading | None:
    """"year-earlier", "year-ago" as a modifier: a year before what the text is talking about."""
    ref = ctx.ref()
    if ref is None:
        return Reading("DATE", "XXXX", anchored=False)
    if ref.gran == "quarter":
        return Reading("DATE", fmt(shift(ref.day, "year", -1), "quarter"), remember=False)
    if ctx.dct is None:
        return Reading("DATE", "XXXX", anchored=False)
    return Reading("DATE", fmt(shift(ctx.dct, "year", -1), "year"), remember=False)


def read_fiscal_year(m: re.Match, ctx: Context) -> Reading | None:
    """"fiscal 1989", "the fiscal year", "the current fiscal year"."""
    if m["year"]:
        y = m["year"]
        year = int(y) if len(y) == 4 else (1900 + int(y) if int(y) > 40 else 2000 + int(y))
        return Reading("DATE", f"{year:04d}")
    rel = (m["rel"] or "").lower().strip()
    step = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(rel.split()[-1] if rel else "", 0)
    return relative(ctx, "year", step)


def read_the_unit(m: re.Match, ctx: Context) -> Reading | None:
    """"the year", "the full year", "the week": the year (week) the text is talking about;
    "the year ended June 30" is a year-long DURATION."""
    unit = m["unit"].lower()
    if m["ended"]:
        return Reading("DURATION", duration_value(1, unit))
    if ctx.dct is None:
        return unanchored(unit)
    return Reading("DATE", fmt(ctx.dct, unit), remember=False)


def read_year_quarter(m: re.Match, ctx: Context) -> Reading | None:
    """"the 1988 quarter", "the 1988 period": that year's quarter of the one under discussion."""
    year = int(m["year"])
    unit = m["unit"].lower()
    if m["ord"]:
        q = ORDINALS[m["ord"].lower()]
        return Reading("DATE", f"{year:04d}-{'H' if unit == 'half' else 'Q'}{q}")
    ref = ctx.ref()
    if ref is None or ref.gran != "quarter":
        ref = ctx.quarter()
    if ref is not None:
        return Reading("DATE", f"{year:04d}-Q{(ref.day.month - 1) // 3 + 1}", remember=False)
    return Reading("DATE", f"{year:04d}")
