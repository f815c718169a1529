"""Time expressions of international and business news: day-first dates, quarter and fiscal-year
codes, rates, "years ago" and stretches of unstated length.

Every sentence here is fictional, written for these tests; the article is dated Friday 2025-10-17.
"""

from __future__ import annotations

from datetime import date

import pytest

FRIDAY = date(2025, 10, 17)


def _found(nlp, text):
    from newsweave.extract.timex import find_timexes

    return [(t.text, t.type, t.value) for t in find_timexes(nlp(text), FRIDAY)]


CASES = [
    # day-first dates (British and wire style), "May" and "March" included: the month's position is
    # the one the tagger is asked about
    ("The accord was signed on 12 March 2009 in Oslo.", ("12 March 2009", "DATE", "2009-03-12")),
    ("Counting ended on 3 May 2010 after a long night.", ("3 May 2010", "DATE", "2010-05-03")),
    ("The port reopened on 9 June 2021.", ("9 June 2021", "DATE", "2021-06-09")),
    # quarter, half and fiscal-year codes
    ("Sales rose 4% in Q3 2024, the firm said.", ("Q3 2024", "DATE", "2024-Q3")),
    ("The group expects a loss in Q4.", ("Q4", "DATE", "2025-Q4")),
    ("Revenue in H1 2025 beat forecasts.", ("H1 2025", "DATE", "2025-H1")),
    ("The Q2'24 figure was revised.", ("Q2'24", "DATE", "2024-Q2")),
    ("Results for FY2024 were weak.", ("FY2024", "DATE", "2024")),
    # "years ago" without a number: a point in the past, not a stretch
    ("The mill, which only months ago was losing money, has recovered.", ("months ago", "DATE", "PAST_REF")),
    ("Years ago the valley was farmland.", ("Years ago", "DATE", "PAST_REF")),
    # "last September" in an October article is a year back: the month just ended is "last month"
    ("The plant closed last September.", ("last September", "DATE", "2024-09")),
    ("The plant closed last April.", ("last April", "DATE", "2025-04")),
    # named days: "last" and "next" pick the one before or after the article; more of them known
    ("The shop has been shut since last Christmas.", ("last Christmas", "DATE", "2024-12-25")),
    ("The family will travel next Christmas.", ("next Christmas", "DATE", "2025-12-25")),
    ("Queues will form outside the stores on Black Friday.", ("Black Friday", "DATE", "2025-11-28")),
    ("The march was held on Martin Luther King Jr. Day.", ("Martin Luther King Jr. Day", "DATE", "2025-01-20")),
    ("Stores will open on Good Friday.", ("Good Friday", "DATE", "2026-04-03")),
    ("A parade is planned for St. Patrick's Day.", ("St. Patrick's Day", "DATE", "2026-03-17")),
    # a duration used as a modifier: "-long" compounds
    ("The decades-long feud ended after a day-long summit.", ("decades-long", "DURATION", "PXY")),
    ("The decades-long feud ended after a day-long summit.", ("day-long", "DURATION", "P1D")),
    ("A weeklong strike shut the port.", ("weeklong", "DURATION", "P1W")),
    # the start, middle or end of the unit the article is in, with its mod
    ("Unemployment has risen since the start of the year.", ("the start of the year", "DATE", "2025")),
    ("Talks are due to end by the end of the month.", ("the end of the month", "DATE", "2025-10")),
    # an ordinal day of an event, told in the present, is the article's day
    ("In the capital, today is the eighth day of the blockade.", ("the eighth day", "DATE", "2025-10-17")),
    # a stretch of unstated length after "for"
    ("Rebels have held the pass for some time.", ("some time", "DURATION", "PXX")),
    ("The talks stalled for a while.", ("a while", "DURATION", "PXX")),
    ("The garrison will stay for a fairly lengthy period.", ("a fairly lengthy period", "DURATION", "PXX")),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", CASES)
def test_news_expressions(nlp, text, expected):
    assert expected in _found(nlp, text), _found(nlp, text)


NOT_TIME = [
    # a rate after a sum of money is no stretch of time ("$1.76 a year" is a price)
    ("The preferred stock pays $1.76 a year.", "a year"),
    ("Rooms cost between $35 and $55 a night.", "a night"),
    # flu strains and visa classes are not halves of a year; Q10 is no quarter
    ("The H1N1 strain spread; item Q10 was dropped.", "H1"),
    ("The H1N1 strain spread; item Q10 was dropped.", "Q1"),
    # an ordinal day in another tense is a day the text does not date
    ("He promised to act on his first day in office.", "first day"),
    # "some time" and "a while" only after "for": elsewhere they are not an expression of their own
    ("Some time later he left.", "Some time"),
    ("It took a while to load.", "a while"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,words", NOT_TIME)
def test_not_time(nlp, text, words):
    assert not [t for t in _found(nlp, text) if words in t[0]], _found(nlp, text)
