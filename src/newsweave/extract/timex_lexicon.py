"""The words time expressions are made of: month, weekday, season and unit names, and number words.

Kept apart from the rules so that the regular expressions in ``timex_find`` read as grammar, and so
that a reader looking for "which spellings of September are known" finds one table.
"""

from __future__ import annotations

import re

__all__ = [
    "MONTHS",
    "ORDINALS",
    "PARTS_OF_DAY",
    "SEASONS",
    "UNITS",
    "WEEKDAYS",
    "alternation",
    "number_value",
]

# Month spellings, with the abbreviations news style uses ("Sept.", "Aug").
MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sept", "sep"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ],
    start=1,
):
    for _n in _names:
        MONTHS[_n] = _i

WEEKDAYS: dict[str, int] = {}  # ISO: Monday is 1
for _i, _names in enumerate(
    [
        ("monday", "mon"),
        ("tuesday", "tue", "tues"),
        ("wednesday", "wed"),
        ("thursday", "thu", "thur", "thurs"),
        ("friday", "fri"),
        ("saturday", "sat"),
        ("sunday", "sun"),
    ],
    start=1,
):
    for _n in _names:
        WEEKDAYS[_n] = _i

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

PARTS_OF_DAY = {
    "morning": "MO",
    "afternoon": "AF",
    "mid-afternoon": "AF",
    "midafternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
    "tonight": "NI",
}

# Unit name -> (TIMEX3 duration letter, whether it is a time unit written after "T").
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True),
    "minute": ("M", True),
    "hour": ("H", True),
    "day": ("D", False),
    "night": ("D", False),
    "week": ("W", False),
    "fortnight": ("W", False),
    "weekend": ("WE", False),
    "month": ("M", False),
    "quarter": ("Q", False),
    "year": ("Y", False),
    "decade": ("DE", False),
    "century": ("CE", False),
    "centurie": ("CE", False),
    "millennium": ("ML", False),
}

ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "thirtieth": 30,
}

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALE = {"hundred": 100, "thousand": 1000, "dozen": 12}
# Quantities that say "some number of": their TIMEX3 value is the unknown "X".
VAGUE_QUANTITIES = ("several", "a few", "few", "some", "many", "a number of", "numerous", "countless")

NUMBER_WORDS = tuple(_SMALL) + tuple(_SCALE)


def alternation(words) -> str:
    """A regex alternation of ``words``, longest first so that "sept" wins over "sep"."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def number_value(text: str) -> float | None:
    """The number a quantity phrase states ("twenty four", "2 1/2", "a couple of", "an"), or None
    when the phrase is vague ("several", "a few")."""
    t = text.lower().strip().replace(",", "")
    if not t:
        return None
    if t in VAGUE_QUANTITIES or t.startswith(("several", "a few", "few", "some", "many", "a number")):
        return None
    if t in ("a couple of", "a couple", "couple of", "couple", "a pair of"):
        return 2.0
    if t in ("a", "an", "one", "a single", "a full"):
        return 1.0
    if t in ("half a", "half an"):
        return 0.5
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s*(?:-|\s)\s*(\d)/(\d))?", t)
    if m:
        v = float(m.group(1))
        if m.group(2):
            v += int(m.group(2)) / int(m.group(3))
        return v
    m = re.fullmatch(r"(\d)/(\d)", t)
    if m:
        return int(m.group(1)) / int(m.group(2))
    total, current = 0.0, 0.0
    words = re.split(r"[\s-]+", t)
    half = False
    if words[-2:] == ["a", "half"]:
        half = True
        words = words[:-3] if len(words) >= 3 and words[-3] == "and" else words[:-2]
    for w in words:
        if w in ("a", "an") and current == 0:
            current = 1.0
        elif w == "and":
            continue
        elif w in _SMALL:
            current += _SMALL[w]
        elif w in _SCALE:
            current = (current or 1.0) * _SCALE[w]
            if _SCALE[w] >= 1000:
                total += current
                current = 0.0
        else:
            return None
    value = total + current
    if half:
        value += 0.5
    return value if value > 0 else None
