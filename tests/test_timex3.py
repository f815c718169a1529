"""The one TIMEX3 value → days rule (``newsweave.timex3``) and the places that used to have their own."""

from datetime import date

import pytest

from newsweave.analyze.ics import timex_range as ics_range
from newsweave.analyze.plans import overdue, track_plans
from newsweave.analyze.timeline import timex_range
from newsweave.model import Actor, Event, Span
from newsweave.timex3 import value_last_day, value_precision, value_range, value_span


@pytest.mark.parametrize("value, first, after, granularity", [
    ("2025-10-16", date(2025, 10, 16), date(2025, 10, 17), "day"),
    ("2025-10-16T14:00", date(2025, 10, 16), date(2025, 10, 17), "day"),
    ("2025-W43", date(2025, 10, 20), date(2025, 10, 27), "week"),
    ("2025-W43-WE", date(2025, 10, 25), date(2025, 10, 27), "weekend"),
    ("2025-10", date(2025, 10, 1), date(2025, 11, 1), "month"),
    ("2025-Q3", date(2025, 7, 1), date(2025, 10, 1), "quarter"),
    ("2025-Q4", date(2025, 10, 1), date(2026, 1, 1), "quarter"),
    ("2025-H2", date(2025, 7, 1), date(2026, 1, 1), "half"),
    ("2025-SU", date(2025, 6, 1), date(2025, 9, 1), "season"),
    ("2025", date(2025, 1, 1), date(2026, 1, 1), "year"),
    ("202", date(2020, 1, 1), date(2030, 1, 1), "decade"),
])
def test_value_span(value, first, after, granularity):
    span = value_span(value)
    assert (span.first, span.after, span.granularity) == (first, after, granularity)
    assert value_range(value) == (first, after)


@pytest.mark.parametrize("value", ["", None, "PRESENT_REF", "XXXX-XX-XX", "P3D", "2025-02-30", "2025-W54",
                                   "0000", "9999-12-31", "2025-Q5", "2025-13"])
def test_values_that_name_no_days(value):
    # 9999-12-31 is a day, but the calendar has no day after it to end the span with.
    assert value_span(value) is None
    assert value_precision(value) == "other"


def test_every_reader_uses_the_one_rule():
    assert timex_range is value_range
    assert ics_range is value_range
    assert value_last_day("2025-Q3") == date(2025, 9, 30)
    assert value_precision("2025-W43-WE") == "week"
    assert value_precision("2025-Q3") == "quarter"


def _planned(time: str) -> Event:
    text = "fictional: Norway and Finland will meet"
    return Event(type="CONSULT", evidence=Span(0, len(text), text), time=time, status="planned",
                 source=[Actor(text="Norway", code="NOR")], target=[Actor(text="Finland", code="FIN")])


def test_a_plan_due_in_a_quarter_becomes_overdue():
    # The plan tracker had its own value parser that knew no quarters: a plan due 2025-Q3 was never overdue.
    plans = track_plans([("a1", "Outlet", date(2025, 6, 1), _planned("2025-Q3"))])
    assert plans and plans[0].due == "2025-Q3"
    assert overdue(plans, "2025-09-30") == []
    assert [p.due for p in overdue(plans, "2025-10-02")] == ["2025-Q3"]


def test_an_interval_of_days_is_the_days_it_names():
    from datetime import date

    from newsweave.timex3 import value_contains, value_precision, value_span

    span = value_span("2025-10-18/2025-10-24")
    assert (span.first, span.after) == (date(2025, 10, 18), date(2025, 10, 25))
    assert value_precision("2025-10-18/2025-10-24") == "week"
    assert value_contains("2025-10-18/2025-10-24", "2025-10-20") and not value_contains("2025-10-18/2025-10-24", "2025-10")
    assert value_span("2025-10-24/2025-10-18") is None  # ends before it starts


@pytest.mark.parametrize(("text", "window"), [
    ("the next few days", "2025-10-18/2025-10-24"),
    ("the coming weeks", "2025-10-18/2025-11-28"),
    ("the next two weeks", "2025-10-18/2025-10-31"),
    ("next 10 days", "2025-10-18/2025-10-27"),
    ("the next couple of days", "2025-10-18/2025-10-19"),
    ("three hours", None),
    ("the past few days", None),
    ("days", None),  # "for days" or "within days": the words left out of the span decide, so no window
])
def test_a_stretch_to_come_is_a_window_from_the_day_after_the_report(text, window):
    from newsweave.extract.events_context import coming_window

    assert coming_window(text, "2025-10-17") == window
    assert coming_window(text, None) is None


def test_a_window_is_an_interval_of_days():
    from newsweave.timex3 import is_window

    assert is_window("2025-10-18/2025-10-24")
    assert not any(is_window(v) for v in ("2025-10-18", "2025-W43", "P3D", None, "2025-10-18/P3D"))
