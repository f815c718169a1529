"""Attention over time: how many articles each outlet published per day (or per week, over a long span).

Takes the ``(published, outlet)`` of each article of a story, of an entity's mentions or of a search's
matches (as the store's views give them) and counts them; the web draws the result
(``newsweave.api.charts.attention_svg``). Every period from the first to the last is listed, so quiet
days show as gaps rather than disappearing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from ..timex3 import value_range

__all__ = ["MAX_DAYS", "attention"]

# Up to this many days are counted per day; a longer span is counted per week (Monday to Sunday), so a
# chart never has more than about a hundred columns.
MAX_DAYS = 92


def attention(articles: Iterable[tuple[str | None, str | None]]) -> dict[str, Any]:
    """``{unit, periods, outlets: {outlet: {period: n}}, total, undated}`` from ``(published, outlet)``
    pairs, one per article. ``unit`` is ``day`` (periods ``YYYY-MM-DD``) or ``week`` (periods are the
    Monday of each week); ``undated`` counts the articles without a publication day."""
    counts: Counter[tuple[date, str]] = Counter()
    undated = 0
    for published, outlet in articles:
        day = _day(published)
        if day is None:
            undated += 1
            continue
        counts[(day, outlet or "unknown")] += 1
    if not counts:
        return {"unit": "day", "periods": [], "outlets": {}, "total": 0, "undated": undated}
    first = min(d for d, _ in counts)
    last = max(d for d, _ in counts)
    unit = "day" if (last - first).days < MAX_DAYS else "week"
    step = timedelta(days=1 if unit == "day" else 7)
    start = first if unit == "day" else first - timedelta(days=first.weekday())
    periods = []
    current = start
    while current <= last:
        periods.append(current.isoformat())
        current += step
    outlets: dict[str, dict[str, int]] = {}
    for (day, outlet), n in sorted(counts.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        period = day if unit == "day" else day - timedelta(days=day.weekday())
        per = outlets.setdefault(outlet, {})
        per[period.isoformat()] = per.get(period.isoformat(), 0) + n
    return {"unit": unit, "periods": periods, "outlets": outlets, "total": sum(counts.values()), "undated": undated}



def _day(value: str | None) -> date | None:
    """The publication day of an ISO date or timestamp ("2026-03-02", "2026-03-02T10:00"), else None."""
    span = value_range(value[:10]) if value and len(value) >= 10 else None
    return span[0] if span else None
