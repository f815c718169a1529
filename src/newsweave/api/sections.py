"""The analysed sections of a story page: timeline, plans, and outlet comparison.

Each wraps the ``newsweave.analyze`` view that computes it; ``source`` in each section names that view,
so a client can tell which implementation made the data.
"""

from __future__ import annotations

import copy
from collections import Counter, OrderedDict, defaultdict
from datetime import date, timedelta
from typing import Any

from ..analyze.compare import compare_outlets
from ..analyze.plans import store_plans
from ..analyze.story_analyses import (
    ANALYSES,
    ANALYSIS_MAX_ARTICLES,
    kept_analysis,
    too_large,
)
from ..analyze.timeline import story_timeline, timex_precision, timex_range
from ..model import outlet_of
from ..store import Store
from ..store.views import StoryView, events_view
from ..store.web_queries import story_version

__all__ = [
    "OPEN_PLAN_STATUSES",
    "comparison_section",
    "plans_section",
    "speakers_of",
    "story_timeline_section",
    "voice_share",
]

OPEN_PLAN_STATUSES = ("proposed", "planned", "confirmed", "dated", "postponed")


# ---------------------------------------------------------------------------------------------- timeline
# The timeline and the comparison cost tens of milliseconds for a large story and change only when
# `newsweave process` touches the story (which moves its `updated_at`), so they are kept per story version.
_ANALYSIS_CACHE: OrderedDict[tuple, Any] = OrderedDict()
_ANALYSIS_CACHE_SIZE = 256

# The page computes them only up to ANALYSIS_MAX_ARTICLES independent articles (see
# newsweave.analyze.story_analyses); `process` keeps them per story version for the stories it changed.


def _too_large(kind: str, story_id: str, view: StoryView) -> str | None:
    n = too_large(kind, view)
    if n is None:
        return None
    command = "timeline" if kind == "timeline" else "compare"
    return (f"this story has {n} independent articles; the page computes this section for up to "
            f"{ANALYSIS_MAX_ARTICLES[kind]}: run `newsweave {command} {story_id}` for it")


def _per_story_version(kind: str, store: Store, story_id: str, compute):
    version = story_version(store, story_id)
    key = (kind, str(store.path), story_id, version)
    if key in _ANALYSIS_CACHE:
        _ANALYSIS_CACHE.move_to_end(key)
        return copy.deepcopy(_ANALYSIS_CACHE[key])  # callers decorate what they get
    if kind in ANALYSES:
        kept = kept_analysis(store, story_id, kind, version)
        if kept is not None:
            # Read fresh from the store, it is the caller's to decorate; kept in memory it would cost a deep
            # copy per view, several times the read for a large story (the rendered page is cached anyway).
            return kept
    value = compute()
    _ANALYSIS_CACHE[key] = copy.deepcopy(value)
    while len(_ANALYSIS_CACHE) > _ANALYSIS_CACHE_SIZE:
        _ANALYSIS_CACHE.popitem(last=False)
    return value


def story_timeline_section(store: Store, view: StoryView) -> dict[str, Any]:
    """``{source, entries, undated_events, conflicts}`` for one story (and ``skipped``, saying why, with no
    entries, when the story is too large to analyse within a request)."""
    story_id = view.id
    skipped = _too_large("timeline", story_id, view)
    if skipped:
        return {"source": "newsweave.analyze.timeline", "entries": [], "undated_events": 0, "conflicts": [],
                "skipped": skipped}
    result = _per_story_version("timeline", store, story_id, lambda: story_timeline(view))
    section = {"source": "newsweave.analyze.timeline", "entries": result["entries"],
               "undated_events": result.get("undated_events", 0)}
    section["conflicts"] = [e for e in section["entries"] if e.get("conflict")]
    return section


def chart_items(entries: list[dict], evidence_href, plans: list[dict] | None = None) -> list[dict]:
    """One chart mark per report of each entry (so every outlet's lane shows what it reported), with the
    span a week-, month- or coarser date covers (``until``, its last day; ``precision``); and one
    ``undated`` mark per plan of ``plans`` that has no date yet."""
    items = []
    for e in entries:
        start = _range_start(e["date"])
        if start is None:
            continue
        for r in e.get("reports") or [e]:
            value = r.get("date") or e["date"]
            span = timex_range(value)
            day = span[0] if span else start
            status = e.get("status")
            shape = ("planned" if e["kind"] == "plan" or status in ("planned", "proposed", "expected") else
                     "cancelled" if status in ("cancelled", "denied") else "occurred")
            last = span[1] - timedelta(days=1) if span else day
            items.append({"date": day.isoformat(), "until": last.isoformat(), "value": value,
                          "precision": timex_precision(value),
                          "outlet": r.get("outlet") or e.get("outlet"), "label": e["what"],
                          "status": shape, "published": None,
                          "href": evidence_href(r["article_id"], r["evidence"]["start"], r["evidence"]["end"])})
    for p in plans or []:
        if p.get("due") or not p.get("history") or p.get("status") not in OPEN_PLAN_STATUSES:
            continue
        first = p["history"][0]
        href = (evidence_href(first["article_id"], first["start"], first["end"]) if first.get("start") is not None
                else f"/articles/{first['article_id']}")
        items.append({"date": None, "undated": True, "outlet": first.get("outlet"), "status": "planned",
                      "label": f"{p.get('label') or p.get('type')} (no date yet)", "href": href})
    return items


def _range_start(value: str | None) -> date | None:
    span = timex_range(value)
    return span[0] if span else None


# ---------------------------------------------------------------------------------------------- plans
def plans_section(store: Store, *, story_id: str | None = None, today: date | None = None) -> dict[str, Any]:
    """Plans (of one story or all): ``{source, today, plans}``, as ``analyze.plans.store_plans`` gives them.

    Overdue plans are judged as of ``today`` when given, else (``today`` null in the answer) as of the
    latest report of each plan's story (each plan's ``as_of``)."""
    if story_id is None:
        plans = store_plans(events_view(store), today=today)
    else:
        plans = _per_story_version(f"plans:{today}", store, story_id,
                                   lambda: store_plans(events_view(store, story_id), today=today))
    return {"source": "newsweave.analyze.plans", "today": today.isoformat() if today else None, "plans": plans}


def group_plans(plans: list[dict]) -> list[tuple[str, list[dict]]]:
    """Plans grouped for reading: overdue first, then open ones, held, cancelled."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for p in plans:
        if p.get("overdue"):
            groups["overdue"].append(p)
        elif p["status"] in OPEN_PLAN_STATUSES:
            groups["open"].append(p)
        else:
            groups[p["status"]].append(p)
    order = ["overdue", "open", "held", "cancelled", "denied"]
    return sorted(groups.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))


# ---------------------------------------------------------------------------------------------- comparison
def speakers_of(quotes: list[dict], entity_names: dict[str, str] | None = None) -> list[dict]:
    """Quotes grouped by speaker (the linked entity where there is one, so "Lopez" and "Ana Lopez" are one
    speaker), most quoted first; unattributed quotes last under ``speaker: null``."""
    entity_names = entity_names or {}
    groups: dict[str | None, list[dict]] = defaultdict(list)
    for q in quotes:
        groups[q.get("speaker_entity_id") or (q.get("speaker") or "").lower() or None].append(q)
    out = []
    for key, qs in groups.items():
        names = Counter(q["speaker"] for q in qs if q.get("speaker"))
        name = entity_names.get(key) if key else None
        out.append({
            "speaker": name or (names.most_common(1)[0][0] if names else None),
            "entity_id": next((q["speaker_entity_id"] for q in qs if q.get("speaker_entity_id")), None),
            "count": len(qs),
            "outlets": dict(Counter(q.get("outlet") or "unknown" for q in qs)),
            "quotes": qs,
        })
    out.sort(key=lambda g: (g["speaker"] is None, -g["count"], g["speaker"] or ""))
    return out


def voice_share(detail: dict) -> dict[str, dict[str, int]]:
    """outlet -> speaker -> number of quotes, most quoted first: ``newsweave.analyze.compare.voice_share`` (the
    CLI's definition: quotes with a speaker, wire copies not counted again) over a story's quotes."""
    from ..analyze.compare import voice_share as story_voice

    copies = {a["id"] for a in detail["articles"] if a["copy_of"] is not None}
    return {outlet: {e["speaker"]: e["quotes"] for e in entries}
            for outlet, entries in story_voice(detail["quotes"], skip_articles=copies).items()}


def comparison_section(store: Store, view: StoryView) -> dict[str, Any]:
    """Quotes and articles per outlet and the voice share, the claims outlets share, the ones only one
    carries, and where they disagree."""
    section: dict[str, Any] = {
        "source": "newsweave.analyze.compare",
        "voice_share": voice_share(view.detail),
        "quotes_per_outlet": dict(Counter(q.get("outlet") or "unknown" for q in view.quotes)),
        "articles_per_outlet": dict(Counter(outlet_of(a) for a in view.articles)),
    }
    skipped = _too_large("compare", view.id, view)
    if skipped:
        section.update(outlets=[], shared_claims=[], disagreements=[], skipped=skipped)
        return section
    result = _per_story_version("compare", store, view.id, lambda: compare_outlets(view))
    section.update(outlets=result["outlets"], shared_claims=result["shared_claims"],
                   disagreements=result["disagreements"])
    return section
