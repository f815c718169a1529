"""The rules that find time expressions in text and say what each one means.

Each rule is a regular expression over the article text plus a function that turns a match into a
TIMEX3 type and value, given a ``Context`` (the article's date, the tense around the match, the last
date the text mentioned). Spans follow the TempEval-3 annotation: determiners and modifiers that are
part of the expression are inside ("the past two months", "about three hours", "early next year"),
prepositions are outside ("in August", "on Thursday").

``find_candidates`` picks the longest non-overlapping matches; the values are built afterwards, in
text order, so that anaphoric expressions ("a month earlier") can lean on the date mentioned before.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain

from . import timex_guards as G
from . import timex_normalize as N
from . import timex_quarters as Q
from . import timex_stretches as S
from .timex_calendar import duration_value
from .timex_lexicon import (
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    WEEKDAYS,
    alternation,
)
from .timex_reading import Context, Reading, unit_name

__all__ = ["RULES", "Rule", "find_candidates", "range_end"]

Build = Callable[[re.Match, Context], Reading | None]
Guard = Callable[[re.Match, Context], bool]




@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern
    build: Build
    guard: Guard | None = None
    # where the expression lies within the match, when TempEval leaves part of it out
    bounds: Callable[[re.Match], tuple[int, int]] | None = None


# ----------------------------------------------------------------------------- regex fragments
_B = r"(?<![\w'’-])"  # word start (not inside a word, a number or a hyphenated compound)
_E = r"(?![\w-])"  # word end

_MONTH_FULL = alternation(n for n in MONTHS if len(n) > 4 or n in ("may", "june", "july"))
_MONTH_ABBR = alternation(n for n in MONTHS if len(n) <= 4 and n not in ("may", "june", "july"))
MONTH = rf"(?:(?:{_MONTH_FULL})|(?:{_MONTH_ABBR})\.?)"
MONTH_STRICT = rf"(?:(?:{_MONTH_FULL})|(?:{_MONTH_ABBR})\.)"  # abbreviations alone need their dot
WEEKDAY = rf"(?:{alternation(n for n in WEEKDAYS if len(n) > 5)})"
DAYNUM = (r"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?|"
          + alternation(w for w, n in ORDINALS.items() if w.isalpha() or "-" in w) + ")")
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
# a year read out in a broadcast transcript: "nineteen ninety-seven", "two thousand and one"
SPOKEN_YEAR = (r"(?:(?:nineteen|eighteen)[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
               r"(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|hundred)"
               r"|two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten))?)")
SEASON = rf"(?:{alternation(SEASONS)})"
PART = r"(?:morning|afternoon|evening|night|mid-?afternoon)"
_NUM_WORD = alternation(NUMBER_WORDS)
NUM = (
    # repetitions are bounded so that a long run of numbers cannot make matching quadratic
    rf"(?:\d[\d,]{{0,12}}(?:\.\d+)?(?:\s+\d/\d)?|\d/\d"
    rf"|(?:a|an|one)\s+(?:and\s+a\s+half|hundred|thousand|dozen)"
    rf"|(?:{_NUM_WORD})(?:(?:\s+|-)(?:and\s+)?(?:{_NUM_WORD})){{0,5}}(?:\s+and\s+a\s+half)?"
    rf"|(?:a\s+)?couple(?:\s+of)?|a\s+few|several|a\s+number\s+of|few|many|some|a|an|half\s+an?)"
)
UNIT = r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies)|quarters?|weekends?|fortnights?|nights?)"
UNIT_SING = r"(?:year|month|week|day|hour|minute|second|decade|century|quarter|weekend|fortnight|night)"
APPROX = (
    r"(?:(?P<approx>(?:about|around|approximately|roughly|nearly|almost|barely|fully|"
    r"more\s+than|less\s+than|fewer\s+than|no\s+more\s+than|no\s+less\s+than|at\s+least|at\s+most|"
    # "over an hour" is more than an hour; "over three years" as often means during them
    r"up\s+to|under|another|an\s+additional|an\s+extra|over(?=\s+an?\s))\s+(?!the\b|its\b|their\b))?"
    # the determiner and adjectives TempEval keeps inside: "the past two months", "the first nine months"
    r"(?:(?:the\s+first|the\s+final|the\s+last|the\s+past|the\s+next|the\s+previous|the\s+preceding|"
    r"the\s+coming|the\s+remaining|the\s+following|the\s+latest|the\s+full|the\s+entire|the\s+whole|"
    r"the|last|past|next|first|each\s+of\s+the\s+past|each\s+of\s+the\s+last|at\s+least\s+the\s+past)\s+)?)"
)
EDGE = r"(?:(?:early|late|mid|the\s+(?:beginning|start|end|middle|close)\s+of(?:\s+the)?)[\s-]*)"




# ----------------------------------------------------------------------------- the rules
def _r(name: str, pattern: str, build: Build, guard: Guard | None = None, bounds=None) -> Rule:
    return Rule(name, re.compile(_B + "(?:" + pattern + ")" + _E, re.IGNORECASE), build, guard, bounds)


def _adjectival_bounds(m: re.Match) -> tuple[int, int]:
    """"the 23-year occupation", "the two day rally": a duration used as a modifier is annotated
    without the article in front of it."""
    pre = (m["pre"] or "").strip().lower()
    sep = m.string[m.end("num"):m.start("unit")] if m["num"] else ""
    if pre in ("the", "its", "their", "a") and m["num"] and (not m["unit"].lower().endswith("s") or "-" in sep):
        return m.start("num"), m.end()
    # "about three hours": TempEval leaves the approximation out of the span (it is the mod)
    approx = (m["approx"] or "").strip().lower()
    if approx in ("about", "around", "approximately", "roughly"):
        return m.end("approx"), m.end()
    return m.start(), m.end()


_REL = r"(?P<rel>last|this|next|coming|past|this\s+past|this\s+coming|the\s+(?:previous|preceding|prior|following|next))"
_CLOCK = (
    r"(?:(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s*(?:a\.m\.?|p\.m\.?|am|pm|in\s+the\s+(?:morning|evening|afternoon)"
    r"|at\s+night)(?:\s+(?:EST|EDT|CST|CDT|PST|PDT|GMT|UTC|BST|CET|local\s+time))?"
    r"|[012]?\d:[0-5]\d(?:\s+(?:EST|EDT|GMT|UTC|local\s+time))?|noon|midnight|midday)"
)

RULES: list[Rule] = [
    _r("numeric_date",
       r"(?:(?P<iso>(?P<y>(?:19|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d))"
       r"|(?P<mo2>[01]?\d)/(?P<d2>[0-3]?\d)/(?P<y2>(?:19|20)?\d\d))",
       N.read_numeric_date),
    _r("month_day",
       rf"(?:(?P<clock>{_CLOCK}),?\s+)?(?:(?:{WEEKDAY}),?\s+)?(?:(?P<month>{MONTH})\s+(?P<day>{DAYNUM})|(?:the\s+)?(?P<day2>{DAYNUM})\s+(?:of\s+)?(?P<month2>{MONTH}))"
       # "December 9 last year": one expression, the day in the year named
       rf"(?:,?\s+(?P<year>{YEAR})(?!\d)|\s+(?P<yrel>last|this|next)\s+year(?![-\w'’]))?",
       lambda m, ctx: N.read_month_day(_swap(m), ctx),
       lambda m, ctx: G.month_word_is_month(_swap(m), ctx) and not re.match(r"\s*(?:%|percent|million|billion|\d)", m.string[m.end():m.end() + 9])),
    # "March 1-8", "April 12 and 13", "from 2010-2011": TIMEX3 writes a range as two expressions; the rule reads the first,
    # ``range_end`` the second
    _r("day_range",
       rf"(?P<month>{MONTH})\s+(?P<day>{DAYNUM})(?:\s*[-–]\s*|\s+(?:and|to|through)\s+)(?P<end>[12]\d|3[01]|0?[1-9])"
       rf"(?!\s*(?:%|percent|per\s+cent|million|billion|people|years?|months?|days?|weeks?|hours?)\b)(?:,?\s+(?P<year>{YEAR})(?!\d))?",
       N.read_month_day,
       lambda m, ctx: m["month"][0].isupper() and int(m["end"]) > int(re.match(r"\d+", m["day"]).group())
       if m["day"][0].isdigit() else False,
       lambda m: (m.start(), m.end("day"))),
    _r("year_range", rf"(?P<year>{YEAR})\s*[-–]\s*(?P<end>{YEAR})",
       lambda m, ctx: N.read_year(_Merged(m, edge=None), ctx),
       lambda m, ctx: int(m["end"]) > int(m["year"]),
       lambda m: (m.start(), m.end("year"))),
    _r("week_of",
       rf"the\s+(?P<unit>week|weekend)\s+of\s+(?:(?P<month>{MONTH})\s+(?P<day>{DAYNUM})|(?:the\s+)?(?P<day2>{DAYNUM})\s+(?:of\s+)?(?P<month2>{MONTH}))"
       rf"(?:,?\s+(?P<year>{YEAR})(?!\d))?",
       lambda m, ctx: N.read_week_of(_swap(m), ctx)),
    _r("month_year",
       rf"(?P<edge>{EDGE})?(?:(?P<rel>last|this|next|this\s+past|this\s+coming|past|coming)\s+)?(?P<month>{MONTH_STRICT})"
       rf"(?:(?:\s+of|,)?\s+(?P<year>{YEAR}(?!\d)|{SPOKEN_YEAR})|(?:\s+of)?\s+(?P<rel2>last\s+year|this\s+year|next\s+year))?"
       # "last Oct. 23" is a day (the month_day rule), not last October
       r"(?!\s+(?:[0-3]?\d(?:st|nd|rd|th)?)(?![\d:.,]\d))",
       lambda m, ctx: N.read_month_year(_Merged(m, rel=m["rel"] or m["rel2"]), ctx),
       # "last May", "early March": the words around settle that it is the month
       lambda m, ctx: bool(m["rel"] or m["edge"] or m["year"] or m["rel2"]) and m["month"][0].isupper()
       or G.month_word_is_month(m, ctx)),
    _r("decade",
       rf"(?:the\s+)?(?P<edge>{EDGE})?(?:(?P<digits>(?:1[5-9]|20)\d0|['’]?\d0)['’]?s|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))",
       N.read_decade,
       # "in his 30s" is an age
       # "a handful of $20s" is banknotes
       lambda m, ctx: not m.string[max(0, m.start() - 1):m.start()] in ("$", "£", "€") and (
           not re.search(r"\b(?:his|her|their|my|your|our|its|early|late|mid)\s+$", m.string[max(0, m.start() - 7):m.start()], re.IGNORECASE)
           or bool(re.match(r"\d{4}", m["digits"] or "")))),
    _r("century",
       rf"(?:the\s+)?(?P<edge>{EDGE})?(?P<ord>{alternation(ORDINALS)}|\d{{1,2}}(?:st|nd|rd|th))[\s-]+century",
       N.read_century),
    _r("year",
       rf"(?P<lead>(?:the\s+)?(?:calendar|fiscal|fiscal\s+year|the\s+year)\s+|the\s+(?={YEAR}\s+(?:period|season|year)\b))?(?P<edge>{EDGE})?(?P<year>{YEAR})(?!\d)(?P<tail>\s+(?:period|season|year|and\s+beyond|or\s+later))?",
       N.read_year, G.reads_as_year),
    _r("fiscal_year",
       r"(?:the\s+)?(?P<rel>(?:current|last|previous|next|coming|latest|same)\s+)?fiscal(?:\s+year)?\s+(?P<year>\d{4}|'?\d\d)"
       r"|(?:the\s+|its\s+)(?P<rel2>(?:current|last|previous|next|coming|latest|same)\s+)?fiscal\s+year",
       lambda m, ctx: Q.read_fiscal_year(_Merged(m, rel=m["rel"] or m["rel2"]), ctx)),
    _r("weekday",
       rf"(?:(?P<clock>{_CLOCK})\s+)?(?P<edge>{EDGE})?(?:(?:{_REL})\s+)?(?P<dow>{WEEKDAY})"
       rf"(?:\s+(?P<part>{PART}))?(?:,?\s+(?:at\s+)?(?P<clock2>{_CLOCK}))?",
       lambda m, ctx: N.read_weekday(_Merged(m, clock=m["clock"] or m["clock2"]), ctx)),
    _r("deictic_day",
       rf"(?:(?P<clock>{_CLOCK})\s+)?(?:(?P<part0>{PART}|mid\s+afternoon)\s+)?(?P<edge>(?:early|late|earlier|later)\s+)?(?P<word>today|yesterday|tomorrow|tonight)"
       rf"(?:\s+(?P<part>{PART}))?",
       # "mid-afternoon yesterday" is "yesterday mid-afternoon"
       lambda m, ctx: N.read_deictic_day(_Merged(m, part=m["part"] or m["part0"]), ctx),
       # but "Friday morning today" or "the night today" do not read as one expression
       lambda m, ctx: not G.in_a_name(m) and (not m["part0"] or m["part0"].lower().startswith("mid")
       or not re.search(r"(?:\bthe|\w+day)\s+$", m.string[max(0, m.start() - 12):m.start()], re.IGNORECASE))),
    _r("part_of_day",
       rf"(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part>{PART})|(?P<rel2>)(?P<part2>overnight|mid[\s-]?afternoon)",
       lambda m, ctx: N.read_part_of_day(_Merged(m, rel=m["rel"] or "this", part=m["part"] or m["part2"]), ctx)),
    _r("clock", rf"(?:(?:about|around|shortly\s+(?:before|after))\s+)?(?P<clock>{_CLOCK})", N.read_clock,
       lambda m, ctx: not re.search(r"high\s+$", m.string[max(0, m.start() - 6):m.start()], re.IGNORECASE)),
    _r("season",
       rf"(?P<edge>{EDGE})?(?:(?P<rel>this\s+past|this\s+coming|last|this|next|past|coming|the)\s+)?(?P<edge2>(?:early|late)\s+)?(?P<season>{SEASON})"
       rf"(?:\s+(?:of\s+)?(?P<year>{YEAR}(?!\d)|{SPOKEN_YEAR}))?",
       lambda m, ctx: N.read_season(_Merged(m, edge=m["edge"] or m["edge2"]), ctx),
       lambda m, ctx: (bool(m["rel"] or m["year"] or m["edge"] or m["edge2"]) or m["season"].lower() in ("summer", "winter"))
       and not G.a_fall(m)),
    _r("relative_unit",
       rf"(?P<edge>{EDGE}|(?:earlier|later)\s+)?(?P<rel>last|this|next|coming|past|previous|current|this\s+past|this\s+coming"
       # "the previous year" is read from the date the text last named (read_anaphoric)
       rf"|the\s+(?:past|current|coming|next|latest|last|same))\s+(?P<unit>week|month|year|quarter|weekend|decade|century|fortnight)",
       N.read_relative_unit),
    _r("the_weekend", r"(?P<edge>)(?P<rel>the|this)\s+(?P<unit>weekend)", N.read_relative_unit),
    _r("quarter",
       rf"(?:(?:the|its|this)\s+(?!(?:first|second|third|fourth)-quarter))?(?P<yrel>(?:last|this|next)\s+year['’]s\s+|(?:the\s+)?(?:comparable\s+)?year[-\s](?:ago|earlier)\s+)?"
       rf"(?:(?:flat|weak|strong|fiscal|calendar)[\s-]+)?(?:(?P<year>{YEAR})\s+)?(?:fiscal[\s-]+)?"
       # "the last half of 1989" is its second half (without the year, "the last quarter" is the one before)
       rf"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last(?=[\s-]+(?:quarter|half)\s+of\s+(?:fiscal\s+)?{YEAR}))"
       rf"[\s-]+(?:fiscal\s+)?(?P<unit>quarter|half)(?:\s+of\s+(?:fiscal\s+)?(?P<fy>{YEAR})"
       # "the first half of the year", "the third quarter of next year": one expression, as "of 1989" is
       rf"|\s+of\s+(?P<ofyear>the|this|last|next)\s+(?:fiscal\s+|calendar\s+)?year(?![-\w]))?",
       Q.read_quarter, None,
       lambda m: (m.start() + 4 if m.group(0)[:4].lower() == "its " else m.start(), m.end())),
    # "Q3 2024", "Q4", "H1 2025", "Q2'24", "FY2024", "FY 24": the written codes of business news
    _r("quarter_code",
       rf"(?P<code>Q[1-4]|H[12])(?:[\s-]+(?:FY\s?)?(?P<year>{YEAR})(?!\d)|\s?['’](?P<yy>\d\d))?",
       lambda m, ctx: Q.read_quarter(_Merged(
           m, ord=("first", "second", "third", "fourth")[int(m["code"][1]) - 1],
           unit="half" if m["code"][0] in "Hh" else "quarter", fy=None, yrel=None,
           year=m["year"] or (f"20{m['yy']}" if m["yy"] else None)), ctx),
       lambda m, ctx: m["code"][0].isupper()),
    _r("fiscal_code", r"FY\s?['’]?(?P<year>(?:19|20)\d\d|\d\d)(?!\d)",
       lambda m, ctx: Q.read_fiscal_year(_Merged(m, rel=None), ctx),
       lambda m, ctx: m.group(0)[:2] == "FY"),
    _r("bare_quarter",
       r"(?:(?:the|this|that)\s+(?:(?:latest|current|most\s+recent|recent|same|comparable|corresponding|fiscal)\s+){0,3}"
       r"(?:(?:year[-\s](?:ago|earlier))\s+)?|last\s+year['’]s\s+)(?:quarter|period)"
       # "the quarter a year ago", "the corresponding period last year": one expression, a year back
       r"(?:\s+(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year|(?:of|in)\s+(?P<ofy>(?:19|20)\d\d))(?![-\w]))?",
       Q.read_bare_quarter,
       lambda m, ctx: "period" not in m.group(0).lower()
       or bool(re.search(r"year[-\s](?:ago|earlier)|latest|comparable|same|corresponding|last\s+year",
                         m.group(0), re.IGNORECASE))),
    _r("year_ago_adj", r"year[-\s](?:ago|earlier)(?=\s+(?:\w+\s+)?(?:level|results?|quarter|period|profit|earnings|figures?|sales|loss|net|month))|year[-\s](?:ago|earlier)(?=[.,;])",
       Q.read_year_ago_adj),
    _r("ago",
       rf"(?:(?:about|around|roughly|nearly|almost|some|more\s+than|less\s+than|barely)\s+)?(?:(?P<num>{NUM})[\s-]+|(?=(?:years|months|weeks|days|decades)\s+ago))(?:more\s+)?(?P<unit>{UNIT})(?:\s+or\s+so)?\s+"
       rf"(?P<dir>ago|earlier|from\s+now|hence)",
       N.read_ago),
    _r("duration",
       rf"(?P<pre>{APPROX})(?P<num>{NUM})[\s-]+(?:(?:more|additional|full|long|straight|consecutive|trading|business|calendar)[\s-]+)?"
       rf"(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?(?:\s+or\s+(?:so|more|longer))?",
       # "a minute and a half" is "1 1/2 minutes" (PT1M30S), not a minute
       lambda m, ctx: S.read_duration(_Merged(m, num=_and_a_half(m["num"])) if m["half"] else m, ctx),
       lambda m, ctx: not (m["num"].lower() in ("a", "an", "some") and m["unit"].lower() in ("second", "quarter"))
       and not re.match(r"(?:-|\s+)old\b", m.string[m.end():m.end() + 5])
       and not (re.fullmatch(r"1[5-9]\d\d|20\d\d", m["num"]) and m["unit"].lower() in ("quarter", "year"))
       and not G.is_rate(m, ctx) and not G.a_fraction(m),
       _adjectival_bounds),
    _r("the_year",
       r"(?:the\s+)(?:(?P<rel>full|entire|whole|current|fiscal)\s+)?(?P<unit>year|week)(?!['’]s)(?P<ended>\s+(?:ended|ending|to\s+date))?",
       Q.read_the_unit,
       lambda m, ctx: not re.match(r"\s*(?:-|\d)", m.string[m.end():m.end() + 3]),
       lambda m: (m.start(), m.end("unit"))),
    # "the April-June quarter", "the July-September period": a quarter named by its months
    _r("month_span_quarter",
       rf"the\s+(?P<m1>{MONTH})\s*[-–]\s*(?P<m2>{MONTH})\s+(?:quarter|period)(?:\s+of\s+(?P<fy>{YEAR}))?",
       lambda m, ctx: Q.read_quarter(_Merged(m, ord=q, unit="quarter", year=None, yrel=None), ctx)
       if (q := Q.quarter_of_months(m["m1"], m["m2"])) else None),
    _r("the_year_quarter",
       rf"the\s+(?P<year>{YEAR})\s+(?:(?P<ord>first|second|third|fourth)\s+)?(?P<unit>quarter|period|half)",
       Q.read_year_quarter),
    _r("duration_the",
       rf"(?P<pre>(?:the|its|their)\s+(?:(?:past|last|next|first|final|previous|coming|following|latest|remaining|full|entire|whole|initial)\s+)?)(?P<num>)(?P<unit>{UNIT_SING})(?!['’]s)",
       lambda m, ctx: S.read_duration(_Merged(m, num=None, approx=None), ctx),
       lambda m, ctx: m["unit"].lower() in ("year", "decade", "century")
       and bool(re.search(r"past|last|next|first|full|entire|whole|coming", m["pre"] or "", re.IGNORECASE))),
    _r("vague_plural",
       r"(?:(?:the|these|those)\s+)?(?:(?:recent|coming|past|last|next|previous|ensuing|following|early|few)\s+)?(?P<unit>years|months|weeks|days|decades|centuries|quarters)"
       r"(?:\s+(?:ahead|to\s+come))?",
       S.read_vague_plural,
       lambda m, ctx: bool(re.match(r"(?:(?:the|these|those)\s+)?(?:recent|coming|past|ensuing|few)", m.group(0), re.IGNORECASE))
       or bool(re.search(r"(?:\bfor|\bin|\bwithin|\bover|\bafter|\bthan|\btook|\btake|\blast(?:ed)?)\s+$", m.string[max(0, m.start() - 10):m.start()], re.IGNORECASE)),
       lambda m: (re.match(r"(?:(?:the|these|those)\s+)?", m.group(0), re.IGNORECASE).end() + m.start(), m.end())),
    # "for some time", "for a while", "for a fairly lengthy period": a stretch of unstated length
    # ("a long time" is left out: TempEval's annotators left it out)
    _r("vague_stretch", r"some\s+time|a\s+while|an?\s+(?:(?:fairly|very|rather)\s+)?(?:lengthy|extended)\s+period",
       lambda m, ctx: Reading("DURATION", "PXX"),
       lambda m, ctx: bool(re.search(r"\b(?:for|after)\s+$", m.string[max(0, m.start() - 7):m.start()], re.IGNORECASE))),
    _r("set_adverb", r"(?P<word>daily|weekly|monthly|yearly|annually|hourly|quarterly|nightly)", S.read_set_adverb,
       # only the adverb ("is printed daily"); "daily volume", "the party daily" are not times
       lambda m, ctx: (ctx.tag(m.start()) == "RB" or ctx.tag(m.start()) == "JJ" and m["word"].lower() in ("daily", "weekly", "hourly", "nightly"))
       and m["word"].lower() != "annually"),
    _r("set_every",
       rf"(?:every|each|per)\s+(?:(?:other|single)\s+)?(?P<num>(?:two|three|four|five|six|\d+|second|third|fourth|fifth|sixth|seventh|tenth)\s+)?(?P<what>{UNIT_SING}s?|{WEEKDAY}|{MONTH_STRICT}|{SEASON}|morning|afternoon|evening|night)"
       rf"|(?P<num2>)(?:once|twice|(?:\w+|\d+)\s+times)\s+(?:a|an|per|each)\s+(?P<what2>{UNIT_SING})",
       lambda m, ctx: S.read_set_every(_Merged(m, what=m["what"] or m["what2"], num=m["num"]), ctx),
       lambda m, ctx: not (m.group(0).lower().startswith("per") and ((m["what"] or "").lower().endswith("s")
                                                                     or G.after_a_measure(m, ctx)))),
    _r("plural_weekday", rf"(?P<dow>{WEEKDAY})(?:s(?:\s+(?P<part>{PART})s?)?|\s+(?P<part2>{PART})s)",
       lambda m, ctx: Reading("SET", f"XXXX-WXX-{WEEKDAYS[m['dow'].lower()]}"
                              + (f"T{PARTS_OF_DAY[(m['part'] or m['part2']).lower()]}" if m["part"] or m["part2"] else ""))),
    _r("present",
       r"(?:right\s+)?now|currently|current|nowadays|these\s+days|at\s+present|presently|at\s+the\s+moment|this\s+(?:crucial\s+)?moment",
       N.read_present,
       lambda m, ctx: G.present_word(m, ctx)),
    _r("past",
       r"(?:more\s+|most\s+)?recently|the\s+past|lately|the\s+other\s+day|then[\s-]+current",
       N.read_past,
       lambda m, ctx: G.past_word(m, ctx)),
    _r("future",
       r"(?:the\s+)?(?:near\s+|distant\s+)?future|as\s+soon\s+as\s+possible|the\s+(?:near|short)\s+term|a\s+later\s+date|in\s+due\s+course",
       N.read_future,
       lambda m, ctx: G.future_word(m, ctx)),
    _r("anaphoric",
       r"(?P<rel>that|the\s+same|that\s+same|the\s+following|the\s+next|the\s+previous|the\s+preceding|the\s+prior|earlier\s+that|later\s+that)"
       r"\s+(?P<unit>day|week|month|year|morning|afternoon|evening|night)(?P<after>\s+(?:before|after))?",
       N.read_anaphoric),
    # "placed orders in the morning", "talks ran late into the night": the part of the day the text
    # is talking about (read_anaphoric leaves it out when that is not a day); "the night of Oct. 23"
    # is left out, as TempEval leaves it, and so is a habit told in the present ("traders sell in the
    # morning" names no particular morning)
    _r("the_part_of_day", r"(?P<rel>the)\s+(?P<unit>morning|afternoon|evening|night)(?P<after>)(?!\s+of\b)",
       N.read_anaphoric,
       lambda m, ctx: bool(re.search(r"\b(?:in|during|into|through|throughout|until|till)\s+$",
                                     m.string[max(0, m.start() - 11):m.start()], re.IGNORECASE))
       and ctx.tense(m.start(), m.end()) != "PRESENT"),
    # "the day before yesterday", "the day after next Tuesday": one day, one step from the day named
    _r("day_beside_day",
       rf"the\s+day\s+(?P<dir>before|after)\s+(?:(?P<word>yesterday|tomorrow)|(?:(?P<rel>last|next|this)\s+)?(?P<dow>{WEEKDAY}))",
       N.read_day_beside_day),
    _r("day_before",
       # only the adverb ("a day earlier, the day before,"): in "the day before authorities issued a
       # warrant", "before" opens a clause ("the day after his death" is still that day)
       r"(?P<rel>the)\s+(?P<unit>day)(?P<after>\s+(?:before|after))(?=\s*(?:[.,;:!?)'\"`]|--|$)|\s+(?:his|her|their|its)\s)",
       N.read_anaphoric),
    # "today is the eighth day of the blockade", "it's the second day of the offensive"
    _r("nth_day", rf"(?:the\s+)?(?P<ord>{alternation(w for w in ORDINALS if w.isalpha())}|\d{{1,3}}(?:st|nd|rd|th))\s+day(?=\s+(?:of|in)\s)",
       N.read_nth_day),
    _r("spoken_year",
       r"(?:the\s+year\s+)?(?P<words>(?:nineteen|eighteen)[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|hundred)"
       r"|two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten))?)",
       N.read_spoken_year,
       lambda m, ctx: not m["words"].lower().startswith("two") or m.group(0).lower().startswith("the year")),
    _r("year_end", r"(?:the\s+)?(?P<unit>year)[-\s]end|the\s+(?P<edge>end|start|beginning|middle)\s+of\s+the\s+(?P<unit2>year|month|week|decade|century)"
       r"|year['’]s\s+end",
       lambda m, ctx: N.read_relative_unit(_Merged(m, rel="this", unit=m["unit2"] or "year", edge=m["edge"] or "end"), ctx)),
    # "a decades-long feud", "a day-long meeting", "a weeklong strike": a duration used as a modifier
    _r("long_unit", r"(?P<unit>(?P<one>year|month|week|day|hour|decade|century)|years|months|weeks|days|hours|decades|centuries)-?long",
       lambda m, ctx: Reading("DURATION", duration_value(1 if m["one"] else None, unit_name(m["unit"])))),
    _r("holiday",
       rf"(?:(?P<rel>last|next|this)\s+)?"
       rf"(?P<name>christmas(?:\s+(?:day|eve))?|new\s+year['’]s\s+(?:day|eve)|independence\s+day|halloween|valentine['’]s\s+day|veterans\s+day"
       rf"|thanksgiving(?:\s+day)?|election\s+day|easter(?:\s+(?:sunday|monday))?|labor\s+day|memorial\s+day"
       rf"|black\s+friday|cyber\s+monday|good\s+friday|boxing\s+day|(?:st\.?|saint)\s+patrick['’]s\s+day"
       rf"|mother['’]s\s+day|father['’]s\s+day|columbus\s+day|presidents['’]?\s+day|martin\s+luther\s+king(?:,?\s+jr\.?)?\s+day)"
       rf"(?:,?\s+(?P<year>{YEAR}))?",
       N.read_holiday),
]


class _Merged:
    """A match whose named groups are overridden, so that alternative spellings share a builder."""

    def __init__(self, m: re.Match, spans: dict[str, str] | None = None, **overrides):
        self._m = m
        self._o = overrides
        # the groups whose positions stand for another's (a day-first date's month is group month2)
        self._spans = spans or {}
        self.string = m.string
        self.re = m.re  # builders ask which groups the pattern has (m.re.groupindex)

    def __getitem__(self, key):
        if key in self._o:
            return self._o[key]
        return self._m[key]

    def group(self, *a):
        return self._m.group(*a)

    def start(self, *a):
        return self._m.start(*(self._spans.get(x, x) for x in a))

    def end(self, *a):
        return self._m.end(*(self._spans.get(x, x) for x in a))


def _and_a_half(num: str) -> str:
    return f"{num} 1/2" if num[0].isdigit() else f"{num} and a half"


def _swap(m: re.Match):
    if m["month"] is None:
        return _Merged(m, {"month": "month2", "day": "day2"}, month=m["month2"], day=m["day2"])
    return m


def range_end(cand: Candidate, value: str) -> tuple[int, int, str] | None:
    """The second expression of a range the candidate's rule read the first of ("March 1-8": "8",
    2025-03-08), as (start, end, value) from the first one's value; None for other rules."""
    m = cand.match
    if cand.rule.name == "day_range" and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return m.start("end"), m.end("end"), f"{value[:8]}{int(m['end']):02d}"
    if cand.rule.name == "year_range" and re.fullmatch(r"\d{4}", value):
        return m.start("end"), m.end("end"), m["end"]
    return None


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match


# ----------------------------------------------------------------------------- scanning
# Every rule starts with a word-start lookbehind, which keeps the regex engine from skipping ahead to
# a possible first character: each rule was tried at every position of the text (34 passes). Instead
# each rule is tried only where a word starts with a character its pattern can begin with, which
# finds exactly the matches ``finditer`` finds (same starts, same non-overlapping order) in half the time.
_SPACES = frozenset(" \t\n\r\f\v")


def _first(items) -> tuple[set[str] | None, bool]:
    """The lowercased ASCII characters a parsed pattern sequence can begin with, and whether it can match
    the empty string; None for the characters when it could begin with any (or one this cannot tell)."""
    from re import _constants as C

    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            return (out | {chr(av).lower()}, False) if av < 128 else (None, False)
        if op is C.IN:
            for item_op, item in av:
                if item_op is C.LITERAL and item < 128:
                    out.add(chr(item).lower())
                elif item_op is C.RANGE and item[1] < 128:
                    out.update(chr(c).lower() for c in range(item[0], item[1] + 1))
                elif item_op is C.CATEGORY and item is C.CATEGORY_DIGIT:
                    out.update("0123456789")
                elif item_op is C.CATEGORY and item is C.CATEGORY_SPACE:
                    out.update(_SPACES)
                else:
                    return None, False
            return out, False
        if op is C.BRANCH:
            nullable = False
            for alternative in av[1]:
                chars, empty = _first(alternative)
                if chars is None:
                    return None, False
                out |= chars
                nullable |= empty
            if not nullable:
                return out, False
        elif op in (C.SUBPATTERN, C.ATOMIC_GROUP, C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            repeat = op not in (C.SUBPATTERN, C.ATOMIC_GROUP)
            chars, empty = _first(av if op is C.ATOMIC_GROUP else av[-1])
            if chars is None:
                return None, False
            out |= chars
            if not empty and not (repeat and av[0] == 0):  # an optional part: what follows may begin the match
                return out, False
        elif op not in (C.AT, C.ASSERT, C.ASSERT_NOT):  # zero-width: the next item begins the match
            return None, False
    return out, True


def first_chars(pattern: re.Pattern) -> frozenset[str] | None:
    """The lowercased ASCII characters a match of ``pattern`` can begin with (non-ASCII ones aside, which
    are always tried); None when it could begin with any character or match the empty string."""
    try:
        from re import _parser

        chars, nullable = _first(_parser.parse(pattern.pattern, pattern.flags))
    except (ImportError, AttributeError, TypeError, re.error):  # another Python's private parser
        return None
    return None if chars is None or nullable else frozenset(chars)


_FIRST = [first_chars(rule.pattern) for rule in RULES]
# a position where a rule may start: one no word character, apostrophe or hyphen precedes (as ``_B`` says)
_WORD_START = re.compile(r"(?<![\w'’-]).", re.DOTALL)


def _rule_matches(text: str) -> Iterator[tuple[int, re.Match]]:
    """``(rule index, match)`` for each rule's non-overlapping matches, as ``finditer`` gives them."""
    starts: dict[str, list[int]] = {}
    other: list[int] = []  # non-ASCII characters: case folding can take them to ASCII ones ("K" sign, long s)
    for m in _WORD_START.finditer(text):
        ch = m.group()
        if ch.isascii():
            starts.setdefault(ch.lower(), []).append(m.start())
        else:
            other.append(m.start())
    for i, (rule, first) in enumerate(zip(RULES, _FIRST)):
        if first is None:
            for m in rule.pattern.finditer(text):
                yield i, m
            continue
        end = 0
        match = rule.pattern.match
        for pos in sorted(chain(other, *(starts.get(c, ()) for c in first))):
            if pos < end:
                continue
            m = match(text, pos)
            if m is not None:
                yield i, m
                end = max(m.end(), pos + 1)


def find_candidates(text: str, ctx: Context) -> list[Candidate]:
    """The longest non-overlapping rule matches in ``text``, in text order."""
    found: list[tuple[int, int, int, Candidate]] = []
    for i, m in _rule_matches(text):
        rule = RULES[i]
        if m.end() == m.start():
            continue
        start, end = rule.bounds(m) if rule.bounds is not None else (m.start(), m.end())
        found.append((-(m.end() - m.start()), m.start(), i, Candidate(start, end, rule, m)))
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    # the matches taken so far, kept sorted by start; they never overlap, so only the neighbours
    # of a new match's position can overlap it
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[Candidate] = []
    for _, _, _, cand in found:
        m = cand.match
        k = bisect.bisect_left(starts, m.start())
        if (k < len(starts) and starts[k] < m.end()) or (k > 0 and ends[k - 1] > m.start()):
            continue
        if cand.rule.guard is not None and not cand.rule.guard(m, ctx):
            continue
        starts.insert(k, m.start())
        ends.insert(k, m.end())
        chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    return chosen

