"""The story page's filters: query parameters on the page's own route (``/stories/s1?outlet=…&kind=direct``,
HTML and ``.json`` alike), applied on the server to the story already read, so they work without
scripts under the page's strict Content-Security-Policy.

    outlet    an outlet (or wire) name; repeat it for several                  articles, quotes, timeline, events, plans
    country   outlets the user's sources file places in this country           (as outlet)
    speaker   a speaker: entity id or name, or "unattributed"                  quotes
    kind      direct, indirect or mixed                                        quotes
    since     YYYY-MM-DD: items on or after this day                           articles, quotes, timeline, events, plans
    until     YYYY-MM-DD: items on or before this day                          (as since)
    event     an event type (CONSULT, PROTEST, …)                              timeline, events, plans
    entities  named (the default: names only) or all (common nouns too)        entities

The outlet comparison (claims, voice share, coverage matrix) always compares every outlet of the story.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from ..errors import ApiError
from ..model import ATTRIBUTION_KINDS, is_named_entity, outlet_of
from ..timex3 import value_range

__all__ = ["ENTITY_LISTS", "StoryFilters", "day_param", "filter_story", "parse_story_filters"]

ENTITY_LISTS = ("named", "all")
UNATTRIBUTED = "unattributed"
MAX_FILTER_CHARS = 200


def day_param(params, name: str) -> str | None:
    """The query parameter ``name`` as a day (YYYY-MM-DD), None when absent; a 400 ``ApiError`` otherwise."""
    raw = (params.get(name) or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw).isoformat()
    except ValueError:
        raise ApiError(400, f"{name} must be a date as YYYY-MM-DD, got {raw!r}") from None


@dataclass(frozen=True, slots=True)
class StoryFilters:
    """The filters of one story page request (empty: the whole story)."""

    outlet: tuple[str, ...] = ()
    country: str | None = None
    speaker: str | None = None
    kind: str | None = None
    since: str | None = None
    until: str | None = None
    event: str | None = None
    entities: str = "named"

    @property
    def narrowing(self) -> bool:
        """Whether any filter but the entity list is set (the page then says what it shows)."""
        return any((self.outlet, self.country, self.speaker, self.kind, self.since, self.until, self.event))

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "outlet": list(self.outlet)}


def _text(params, name: str) -> str | None:
    raw = (params.get(name) or "").strip()
    if len(raw) > MAX_FILTER_CHARS:
        raise ApiError(400, f"{name} is longer than {MAX_FILTER_CHARS} characters")
    return raw or None


def parse_story_filters(params) -> StoryFilters:
    """The filters in ``params`` (a request's query parameters, or None); ApiError 400 naming the bad one."""
    if params is None:
        return StoryFilters()
    getlist = getattr(params, "getlist", None)
    outlets = getlist("outlet") if getlist else [params.get("outlet") or ""]
    if any(len(o) > MAX_FILTER_CHARS for o in outlets):
        raise ApiError(400, f"outlet is longer than {MAX_FILTER_CHARS} characters")
    kind = _text(params, "kind")
    if kind is not None and kind not in ATTRIBUTION_KINDS:
        raise ApiError(400, f"kind must be one of {', '.join(ATTRIBUTION_KINDS)}, got {kind!r}")
    entities = _text(params, "entities") or "named"
    if entities not in ENTITY_LISTS:
        raise ApiError(400, f"entities must be named or all, got {entities!r}")
    since, until = day_param(params, "since"), day_param(params, "until")
    if since and until and since > until:
        raise ApiError(400, f"since ({since}) is after until ({until})")
    return StoryFilters(outlet=tuple(dict.fromkeys(o.strip() for o in outlets if o.strip())),
                        country=_text(params, "country"), speaker=_text(params, "speaker"), kind=kind,
                        since=since, until=until, event=_text(params, "event"), entities=entities)


def filter_story(detail: dict[str, Any], filters: StoryFilters, country_outlets: set[str] | None) -> dict[str, int]:
    """Narrow the story ``detail`` in place to what ``filters`` keep (``country_outlets``: the case-folded
    names of the outlets in the filter's country); returns the counts before filtering."""
    totals = {k: len(detail[k]) for k in ("articles", "quotes", "timeline", "events", "plans", "entities")}
    allowed = _allowed_outlets(filters, country_outlets)
    lo = date.fromisoformat(filters.since) if filters.since else date.min
    hi = date.fromisoformat(filters.until) if filters.until else date.max
    dated = bool(filters.since or filters.until)

    def outlet_ok(name: str | None) -> bool:
        return allowed is None or (name or "unknown").casefold() in allowed

    def day_ok(value: str | None) -> bool:
        if not dated:  # no date filter: nothing to work out (a large story has thousands of dated rows)
            return True
        span = value_range(value) or (value_range(value[:10]) if value and len(value) > 10 else None)
        return span is not None and span[0] <= hi and lo < span[1]

    detail["articles"] = [a for a in detail["articles"] if outlet_ok(outlet_of(a)) and day_ok(a.get("published"))]
    detail["quotes"] = [q for q in detail["quotes"] if outlet_ok(q.get("outlet")) and day_ok(q.get("published"))
                        and _speaker_ok(q, filters.speaker) and (filters.kind is None or q["kind"] == filters.kind)]
    event_type = filters.event.casefold() if filters.event else None
    detail["events"] = [e for e in detail["events"] if outlet_ok(e.get("outlet"))
                        and day_ok(e.get("time") or e.get("published"))
                        and (event_type is None or (e.get("type") or "").casefold() == event_type)]
    types = {(e["article_id"], e["start"], e["end"]): (e.get("type") or "").casefold() for e in detail["events"]}
    timeline = []
    for entry in detail["timeline"]:
        reports = [r for r in entry.get("reports") or [] if outlet_ok(r.get("outlet")) and day_ok(r.get("date"))]
        if event_type is not None:
            reports = [r for r in reports if r.get("kind") in ("event", "plan")
                       and types.get((r["article_id"], r["evidence"]["start"], r["evidence"]["end"])) == event_type]
        if reports and day_ok(entry["date"]):
            entry["reports"] = reports
            entry["outlets"] = [o for o in entry.get("outlets") or [] if outlet_ok(o)]
            timeline.append(entry)
    detail["timeline"] = timeline
    detail["conflicts"] = [e for e in timeline if e.get("conflict")]
    detail["plans"] = [p for p in detail["plans"] if _plan_ok(p, outlet_ok, day_ok, dated, event_type)]
    if filters.entities == "named":
        detail["entities"] = [e for e in detail["entities"] if is_named_entity(e.get("type"), e["name"])]
    return totals


def _allowed_outlets(filters: StoryFilters, country_outlets: set[str] | None) -> set[str] | None:
    allowed = {o.casefold() for o in filters.outlet} if filters.outlet else None
    if filters.country is not None:
        country = country_outlets or set()
        allowed = country if allowed is None else allowed & country
    return allowed


def _speaker_ok(quote: dict[str, Any], speaker: str | None) -> bool:
    if speaker is None:
        return True
    if speaker.casefold() == UNATTRIBUTED:
        return not quote.get("speaker") and not quote.get("speaker_entity_id")
    return quote.get("speaker_entity_id") == speaker or (quote.get("speaker") or "").casefold() == speaker.casefold()


def _plan_ok(plan: dict[str, Any], outlet_ok, day_ok, dated: bool, event_type: str | None) -> bool:
    if event_type is not None and (plan.get("type") or "").casefold() != event_type:
        return False
    history = [u for u in plan.get("history") or [] if outlet_ok(u.get("outlet"))]
    if not history:
        return False
    return not dated or day_ok(plan.get("due")) or any(day_ok(u.get("date")) for u in history)

