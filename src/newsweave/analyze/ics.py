"""The planned items of a timeline as an iCalendar file (RFC 5545) a reader can load into a calendar.

Each plan is an all-day ``VEVENT`` over the days its date covers: one day for "2025-10-20", Monday
to Sunday for "2025-W43", the whole month for "2025-11". Values that name no span of days
("XXXX-XX-XX", "PRESENT_REF") cannot be put in a calendar and are left out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from .timeline import timex_range

__all__ = ["escape_text", "fold_line", "plans_to_ics"]

_PLAN_KINDS = {"plan"}


def escape_text(value: str) -> str:
    """A TEXT property value escaped as RFC 5545 §3.3.11 asks: backslash, semicolon, comma, newline."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold_line(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 §3.1), never splitting a UTF-8 character."""
    out, current, size = [], "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        # Continuation lines start with a space, which counts toward their 75 octets.
        if size + n > 75:
            out.append(current)
            current, size = " ", 1
        current += ch
        size += n
    out.append(current)
    return "\r\n".join(out)


def _uid(entry: dict[str, Any]) -> str:
    # Stable across runs: the same plan from the same article gets the same UID, so re-importing
    # the file updates events instead of duplicating them.
    ev = entry.get("evidence") or {}
    key = f"{entry.get('article_id')}|{ev.get('start')}|{ev.get('end')}|{entry.get('date')}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20] + "@newsweave"


def plans_to_ics(entries: Iterable[dict[str, Any]], *, calendar_name: str = "newsweave plans",
                 now: datetime | None = None) -> str:
    """An iCalendar text with one all-day VEVENT per planned timeline entry (``kind == "plan"``).

    ``entries`` are the ``entries`` of :func:`newsweave.analyze.timeline.story_timeline`. Lines end in
    CRLF and are folded at 75 octets. ``now`` fixes DTSTAMP (for reproducible output).
    """
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//newsweave//timeline//EN", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(calendar_name)}"]
    for e in entries:
        if e.get("kind") not in _PLAN_KINDS:
            continue
        span = timex_range(e.get("date"))
        if span is None:
            continue
        first, after = span
        outlets = ", ".join(e.get("outlets") or [e.get("outlet") or "unknown outlet"])
        evidence = (e.get("sentence") or {}).get("text") or (e.get("evidence") or {}).get("text", "")
        description = (f"{e.get('status', 'planned')} ({e.get('precision', '')} precision: {e.get('date')})\n"
                       f"Reported by: {outlets}\nEvidence: {evidence}")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_uid(e)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{first.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{after.strftime('%Y%m%d')}",
            f"SUMMARY:{escape_text(e.get('what') or 'planned')}",
            f"DESCRIPTION:{escape_text(description)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)
