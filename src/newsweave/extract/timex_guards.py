"""Whether a rule's match reads as a time where it stands: the guards of ``timex_find``'s rules.

"May" the month or the modal, "1990" a year or a count of people, "$2 million a year" a rate, "USA TODAY"
a name: each guard reads the words and tags around a match and says whether the rule may take it.
"""

from __future__ import annotations

import re

from .timex_reading import Context

__all__ = ["a_fall", "a_fraction", "after_a_measure", "future_word", "in_a_name", "is_rate", "month_word_is_month",
           "past_word", "present_word", "reads_as_year"]


def month_word_is_month(m: re.Match, ctx: Context) -> bool:
    # "May" and "March" are also a verb and a modal: trust the tagger when it says so.
    word = m["month"]
    if word.lower() in ("may", "march"):
        # lower case is the verb or the noun ("the march"); "March for Life" is a name
        if not word[0].isupper():
            return False
        # "March for Life", "May to December" are names or ranges, but "in March for health reasons"
        # is the month: a temporal preposition in front settles it
        if re.match(r"\s+(?:for|of|on|to)\b", m.string[m.end("month"):m.end("month") + 5]) and not re.search(
                r"\b(?:in|since|until|till|by|before|after|from|through|during|early|late|mid|last|next|this)\s+$",
                m.string[max(0, m.start("month") - 8):m.start("month")], re.IGNORECASE):
            return False
        return ctx.tag(m.start("month")) in ("NNP", "NNPS", "NN")
    return True


def is_rate(m: re.Match, ctx: Context) -> bool:
    """"$2 million a year", "700 seats a week", "24 hours a day": a rate, not a stretch of time."""
    if (m["num"] or "").lower() not in ("a", "an") or (m["pre"] or "").strip():
        return False
    # the word before is an amount or a count ("$12", "400 cars", "$2 million")
    lo = max(0, m.start() - 30)
    prev = re.search(r"(\S+)\s*$", m.string[lo:m.start()])
    if prev is None:
        return False
    return bool(re.fullmatch(r"[$£€¥]\d[\d,.]*", prev.group(1))) or ctx.tag(lo + prev.start(1)) in ("CD", "NNS", "NN")


def a_fraction(m: re.Match) -> bool:
    """"three quarters of a percentage point", "a half of one percent": a share of something, not time."""
    return m["unit"].lower() in ("quarter", "quarters") and bool(re.match(r"\s+of\s+(?:an?|one|the)\b",
                                                                           m.string[m.end():m.end() + 8]))


def a_fall(m: re.Match) -> bool:
    """"The fall is good news", "the fall in prices", "the fall of the regime": a drop or a collapse, no
    season (a season's "the fall" stands alone or before a year)."""
    return (m["season"].lower() == "fall" and (m["rel"] or "").lower() == "the" and not (m["year"] or m["edge"] or m["edge2"])
            and bool(re.match(r"\s+(?:in|of|is|was|has|had|came|comes|would|will)\b", m.string[m.end():], re.IGNORECASE)))


def after_a_measure(m: re.Match, ctx: Context) -> bool:
    """"250 kilometres per hour", "15 million instructions per second": a rate of a measure, not a set of
    times (TimeBank leaves it untagged)."""
    before = re.search(r"(\w+)\s+$", m.string[max(0, m.start() - 30):m.start()])
    return before is not None and ctx.tag(m.start() - len(before.group(0))) in ("NN", "NNS")


def reads_as_year(m: re.Match, ctx: Context) -> bool:
    # A bare four-digit number is a year only where it reads as one; "1990 people" is a count.
    if m["lead"] or m["tail"]:
        return True
    text = m.string
    before = text[max(0, m.start() - 2): m.start()]
    after = text[m.end(): m.end() + 12]
    if re.match(r"\s*(?:%|percent|\.\d|,\d|\d|-\d)", after) or re.search(r"[$£€#]\s?$|\d[.,]$", before):
        return False
    if ctx.tag(m.start("year")) not in ("CD", "NNP", "NN", "JJ"):
        return False
    # "1990 other people": a count of something, not a year (the words after it on its line: a headline's
    # "since 2000" is not counting the "German shares" that open the text under it)
    nxt = re.match(r"[ \t]+(\w+)(?:[ \t]+(\w+))?", text[m.end(): m.end() + 40])
    if nxt:
        tag1 = ctx.tag(m.end() + nxt.start(1))
        tag2 = ctx.tag(m.end() + nxt.start(2)) if nxt.group(2) else ""
        if (tag1 == "NNS" or (tag1 in ("JJ", "CD") and tag2 == "NNS")) and not re.search(
                r"\b(?:the|its|their|his|her|our)\s+$", text[max(0, m.start() - 7):m.start()], re.IGNORECASE):
            return False  # but "its 2010 results" is the year's
    return True


def in_a_name(m: re.Match) -> bool:
    """Whether a word that is a time only in lower case ("today", "future", "now") is written as part of
    a name: capitalised after a capitalised word on its line ("USA TODAY", "For Our Future")."""
    if not m.group(0)[:1].isupper():
        return False
    line = m.string[m.string.rfind("\n", 0, m.start()) + 1:m.start()]
    return bool(re.search(r"\b[A-Z][\w&'’-]*(?:\.[A-Z]\.?)*\s+$", line))  # not "Wednesday. Yesterday"


def present_word(m: re.Match, ctx: Context) -> bool:
    if in_a_name(m):
        return False
    word = m.group(0).lower()
    if word == "current":
        # the adjective is PRESENT_REF only when it does not head a longer expression
        # ("the current quarter") and does not mean electricity or a flow
        tag = ctx.tag(m.start())
        return tag == "JJ" and not re.match(r"\s+(?:account|assets|liabilities|events|affairs|issue|prices)",
                                            m.string[m.end():m.end() + 14], re.IGNORECASE)
    return True


def past_word(m: re.Match, ctx: Context) -> bool:
    word = m.group(0).lower()
    if word == "recent":
        return ctx.tag(m.start()) == "JJ"
    return True


def future_word(m: re.Match, ctx: Context) -> bool:
    if in_a_name(m):
        return False
    word = m.group(0).lower()
    if word in ("future", "the future"):
        if re.search(r"foreseeable\s+$", m.string[max(0, m.start() - 12):m.start()], re.IGNORECASE):
            return False
        # the time to come ("the future", "its future.") rather than an adjective ("future earnings")
        return word == "the future" or bool(
            re.match(r"\s*(?:[.,;:)'\"]|$|\s+(?:of|for|and|is|was|will|as|in)\b)", m.string[m.end():m.end() + 8]))
    if word in ("shortly",):
        return True
    if word.endswith("term"):
        return word.startswith("the")
    return True
