"""How the tense around a weekday or date anchors it: rules added for TempEval-3 value errors.

Every sentence here is fictional, written for these tests; the article is dated Friday 2025-10-17.
"""

from __future__ import annotations

from datetime import date

import pytest

FRIDAY = date(2025, 10, 17)


def _found(nlp, text):
    from newsweave.extract.timex import find_timexes

    return [(t.text, t.type, t.value) for t in find_timexes(nlp(text), FRIDAY)]


@pytest.mark.parametrize("text, expected", [
    # an infinitive hanging from a past perfect: the plan lies before the report, kept or superseded
    ("The offer was extended to Nov. 30. It had been due to expire Wednesday evening.",
     ("Wednesday evening", "DATE", "2025-10-15TEV")),
    ("The vote had been scheduled to take place on Tuesday.", ("Tuesday", "DATE", "2025-10-14")),
    # a plain infinitive still points ahead
    ("The ministers plan to meet on Tuesday.", ("Tuesday", "DATE", "2025-10-21")),
])
def test_anchoring(nlp, text, expected):
    assert expected in _found(nlp, text)


@pytest.mark.parametrize("text, expected", [
    # "the week of <day>": one expression, the week that holds the day
    ("A hearing is expected the week of Nov. 3, the court said.", ("the week of Nov. 3", "DATE", "2025-W45")),
    ("The fair closed the weekend of 4 October.", ("the weekend of 4 October", "DATE", "2025-W40-WE")),
    ("Talks resume the week of March 9, 2026.", ("the week of March 9, 2026", "DATE", "2026-W11")),
])
def test_week_of_a_day(nlp, text, expected):
    found = _found(nlp, text)
    assert expected in found
    assert len(found) == 1


@pytest.mark.parametrize("text, expected", [
    # "<a unit> and a half": the half is the unit's, written in the next smaller unit
    ("The rescue took an hour and a half.", ("an hour and a half", "DURATION", "PT1H30M")),
    ("A minute and a half later the lights came back.", ("A minute and a half", "DURATION", "PT1M30S")),
    ("The strike lasted two years and a half.", ("two years and a half", "DURATION", "P2Y6M")),
    ("The siege lasted 3 days and a half.", ("3 days and a half", "DURATION", "P3DT12H")),
])
def test_and_a_half(nlp, text, expected):
    assert expected in _found(nlp, text)


def test_quarter_told_in_the_past_before_it_begins(nlp):
    from newsweave.extract.timex import find_timexes

    def found(text, day):
        return [(t.text, t.value) for t in find_timexes(nlp(text), day)]

    january = date(2026, 1, 20)
    # in January, results told in the past for "the fourth quarter" are last year's
    assert ("the fourth quarter", "2025-Q4") in found("The brewer reported a loss for the fourth quarter.", january)
    # a quarter to come, or one already under way, keeps the article's year
    assert ("the fourth quarter", "2026-Q4") in found("The brewer expects a loss in the fourth quarter.", january)
    assert ("the fourth quarter", "2025-Q4") in found("The brewer reported a loss for the fourth quarter.", FRIDAY)
    # only the quarter just ended: in January the third quarter told in the past is this year's
    assert ("the third quarter", "2026-Q3") in found("The brewer said it planned a sale in the third quarter.", january)


@pytest.mark.parametrize("text, expected", [
    # "<ordinal> quarter/half of <the|this|last|next> year" is one expression, as "of 2024" is
    ("Sales fell in the first half of the year.", ("the first half of the year", "DATE", "2025-H1")),
    ("The plant opens in the third quarter of next year.", ("the third quarter of next year", "DATE", "2026-Q3")),
    ("Profit rose in the fourth quarter of last year.", ("the fourth quarter of last year", "DATE", "2024-Q4")),
])
def test_quarter_of_a_named_year(nlp, text, expected):
    assert _found(nlp, text) == [expected]


@pytest.mark.parametrize("text, expected", [
    # "the end / start of the decade (century)", as of the year or month: the article's, with its mod
    ("Work will finish by the end of the decade.", ("the end of the decade", "DATE", "202")),
    ("The bridge was built at the start of the century.", ("the start of the century", "DATE", "20")),
])
def test_edge_of_the_decade(nlp, text, expected):
    assert _found(nlp, text) == [expected]


@pytest.mark.parametrize("text, expected", [
    # "that day" after a month names no day: the known part, the rest unknown (not the 1st)
    ("The plant shut in March 2024. Workers were sent home that same day.", ("that same day", "DATE", "2024-03-XX")),
    ("The law passed in 2019. Protests began that day.", ("that day", "DATE", "2019-XX-XX")),
    ("The law passed in 2019. Protests began that month.", ("that month", "DATE", "2019-XX")),
    # a day mentioned before is still the day
    ("The plant shut on March 3, 2024. Workers were sent home that same day.", ("that same day", "DATE", "2024-03-03")),
])
def test_that_day_after_a_month(nlp, text, expected):
    assert expected in _found(nlp, text)


@pytest.mark.parametrize("text, expected", [
    # a modal perfect looks back; a bare modal still points ahead
    ("The envoy may have left the capital on Monday.", ("Monday", "DATE", "2025-10-13")),
    ("The two sides would have met Tuesday but for the storm.", ("Tuesday", "DATE", "2025-10-14")),
    ("The two sides may meet Tuesday.", ("Tuesday", "DATE", "2025-10-21")),
])
def test_modal_perfect_is_past(nlp, text, expected):
    assert expected in _found(nlp, text)


@pytest.mark.parametrize("text, expected", [
    # "in the morning" after a day: that day's morning; with no day before, nothing
    ("Markets fell on Tuesday. Traders sold heavily in the morning.", [("Tuesday", "DATE", "2025-10-14"),
                                                                       ("the morning", "TIME", "2025-10-14TMO")]),
    ("Traders often sell in the morning.", []),
    ("The talks on Monday ran late into the night.", [("Monday", "DATE", "2025-10-13"),
                                                      ("the night", "TIME", "2025-10-13TNI")]),
    # "the night of Oct. 9" is left out, as TempEval leaves it
    ("He was shot on the night of Oct. 9.", [("Oct. 9", "DATE", "2025-10-09")]),
])
def test_part_of_the_day_talked_about(nlp, text, expected):
    assert _found(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # "over a week" is more than a week, inside the expression; "over three years" may mean during
    ("The inspection is likely to last over a week.", ("over a week", "DURATION", "P1W")),
    ("Just over an hour later the fire was out.", ("over an hour", "DURATION", "PT1H")),
    ("The fund can be spent over three years.", ("three years", "DURATION", "P3Y")),
])
def test_over_a_unit(nlp, text, expected):
    assert expected in _found(nlp, text)


@pytest.mark.parametrize("text, expected", [
    # "the day before/after <a named day>": one expression, the day moved by one
    ("The day before yesterday, it snowed.", ("The day before yesterday", "DATE", "2025-10-15")),
    ("The trial opens the day after tomorrow.", ("the day after tomorrow", "DATE", "2025-10-19")),
    ("The day before last Tuesday's hearing, he flew in.", ("The day before last Tuesday", "DATE", "2025-10-13")),
])
def test_day_beside_a_named_day(nlp, text, expected):
    assert _found(nlp, text) == [expected]
