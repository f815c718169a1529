"""Dates at the edges of the calendar (years 1 and 9999) and far beyond it never stop an article.

"The probe will arrive in 9000 years" (year 11025), "tomorrow" in an article dated 9999-12-31 and
"yesterday" in one dated 0001-01-01 each raised out of the timex stage and stopped ``process`` on
every rerun. The calendar now raises ``OutOfCalendar`` (a ``ValueError``) and the stage gives such an
expression no value. Property tests (hypothesis) over extreme dates and offsets; the model tests
parse each sentence once and read it against many publication dates.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.extract.timex_calendar import (
    OutOfCalendar,
    fmt,
    holiday_date,
    parse_value,
    shift,
)

UNITS = ["day", "week", "weekend", "month", "quarter", "half", "year", "decade", "century", "hour"]
GRANS = ["day", "week", "weekend", "month", "quarter", "half", "year", "decade", "century"]
HOLIDAYS = ["christmas", "new year's eve", "thanksgiving", "election day", "labor day", "memorial day", "easter"]

# Days near both ends of the calendar, and anywhere in between.
edge_day = st.one_of(
    st.dates(min_value=date(1, 1, 1), max_value=date(1, 3, 31)),
    st.dates(min_value=date(9999, 10, 1), max_value=date(9999, 12, 31)),
    st.dates(),
)
offset = st.one_of(st.integers(-3, 3), st.integers(-10**6, 10**6), st.integers(-10**30, 10**30))


@given(day=edge_day, unit=st.sampled_from(UNITS), n=offset)
def test_shift_gives_a_date_or_says_it_left_the_calendar(day, unit, n):
    try:
        moved = shift(day, unit, n)
    except OutOfCalendar as exc:
        assert "calendar" in str(exc)
        return
    assert isinstance(moved, date)
    for gran in GRANS:
        assert fmt(moved, gran)


def test_the_cases_that_stopped_process():
    with pytest.raises(OutOfCalendar):
        shift(date(9999, 12, 31), "day", 1)
    with pytest.raises(OutOfCalendar):
        shift(date(1, 1, 1), "day", -1)
    with pytest.raises(OutOfCalendar):
        shift(date(2025, 1, 1), "year", 9000)
    with pytest.raises(ValueError):  # callers that caught ValueError still do
        shift(date(1, 1, 1), "week", -1)
    assert shift(date(9999, 12, 30), "day", 1) == date(9999, 12, 31)
    assert shift(date(9999, 1, 31), "month", 11) == date(9999, 12, 31)


@given(year=st.integers(-10**6, 10**6), name=st.sampled_from(HOLIDAYS))
def test_holiday_in_any_year(year, name):
    try:
        day = holiday_date(name, year)
    except OutOfCalendar:
        assert not 1 <= year <= 9999
        return
    assert day.year == year


@given(value=st.from_regex(r"\A\d{4}(-(\d{2}|W\d{2}(-WE)?|Q\d|H\d|SU)(-\d{2})?)?(T\d{2})?\Z"))
def test_parse_value_never_raises(value):
    anchor = parse_value(value)
    assert anchor is None or 1 <= anchor.day.year <= 9999
    if value.startswith("0000"):
        assert anchor is None


# ----------------------------------------------------------------------------- with the model
# Each sentence is parsed once (the parse does not depend on the date) and read against many dates.
SENTENCES = [
    "The probe will arrive in 9000 years.",
    "The launch is tomorrow and the review was yesterday.",
    "Officials met last week and will meet again next week.",
    "Prices rose last year and will rise next year, a decade after the crash.",
    "The talks resume next month, a month after they stalled three months ago.",
    "The deal closed in the third quarter; the following year it was undone.",
    "He will speak on Christmas and again on Thanksgiving, Easter and Election Day.",
    "The minister met on Dec. 31 and again on Jan. 1 and in March.",
    "The vote is next Monday; it was moved from last Friday, two weeks from now.",
    "Three centuries from now, and 5000 years ago, and 99999 days later.",
    "The plant opened 2,000 years ago and closes in 10,000 years.",
    "The report came this weekend, the past 24 hours, tomorrow morning and last night.",
    "Sales fell in the fourth quarter of last year and a year earlier.",
    "The site was founded in the year 0000 and will close on Dec. 31, 9999 and the day after.",
]

_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@pytest.fixture(scope="module")
def parsed(nlp):
    return [nlp(text) for text in SENTENCES]


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=edge_day, which=st.integers(0, len(SENTENCES) - 1))
def test_find_timexes_at_the_edges_of_the_calendar(parsed, day, which):
    from newsweave.extract.timex import find_timexes

    doc = parsed[which]
    for timex in find_timexes(doc, day):
        assert doc.text[timex.start : timex.end] == timex.text
        if _DAY_VALUE.match(timex.value):
            date.fromisoformat(timex.value[:10])  # a real day of the calendar


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, published",
    [
        ("The probe will arrive in 9000 years.", date(2025, 10, 17)),
        ("The launch is tomorrow.", date(9999, 12, 31)),
        ("The launch was yesterday.", date(1, 1, 1)),
        ("He arrives next week and leaves next year.", date(9999, 12, 31)),
        ("He left last week, last year and on Christmas.", date(1, 1, 1)),
    ],
)
def test_the_reported_articles_extract(text, published):
    """The whole pipeline (every stage, not only the timex one) runs on the articles of the report."""
    from newsweave.extract.pipeline import Pipeline
    from newsweave.model import Article

    [ex] = list(Pipeline().run([Article(id="edge", text=text, published=published)]))
    for timex in ex.timexes:
        if _DAY_VALUE.match(timex.value):
            day = date.fromisoformat(timex.value[:10])
            assert abs(day - published) < timedelta(days=800)


def test_timeline_range_at_the_last_day():
    from newsweave.analyze.timeline import timex_range

    assert timex_range("9999-12-30") == (date(9999, 12, 30), date(9999, 12, 31))
    assert timex_range("9999-12-31") is None  # no day after it to end the range
    assert timex_range("9999") is None
