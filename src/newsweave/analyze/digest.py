"""The digest ``make run`` prints: stories with outlets and dates, the main speakers, and the timeline."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from ..store.views import StoreOverview, store_overview
from .timeline import story_timeline

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["digest"]


def _speakers(quotes: list[dict], n: int) -> list[dict[str, Any]]:
    # Grouped by resolved entity, so "he", "Trump" and "The US President" count for one speaker.
    counts = Counter(q["speaker_name"] for q in quotes if q["speaker_name"])
    return [{"speaker": s, "quotes": k} for s, k in counts.most_common(n)]


def digest(overview: StoreOverview | Store, *, stories: int = 10, speakers: int = 5, dated: int = 8) -> dict[str, Any]:
    """A short overview of the store: newest stories, each with its main speakers and dated items.

    ``overview`` is the store's overview (``store.views.store_overview``); given a store, it is read here.
    """
    if not isinstance(overview, StoreOverview):
        overview = store_overview(overview, stories=stories)
    out = []
    for summary in overview.stories[:stories]:
        story = overview.story(summary["id"])
        tl = story_timeline(story)
        # A digest shows what the text itself dates (events, plans, dated statements), not every
        # statement dated only by its article's publication.
        timeline = [
            {"date": e["display"], "what": e["what"], "kind": e["kind"], "status": e.get("status"),
             "outlets": e["outlets"], "conflict": bool(e.get("conflict"))}
            for e in tl["entries"]
            if e["date_from"] != "published"
        ]
        out.append(
            {
                "id": summary["id"],
                "title": summary["title"],
                "outlets": summary["outlets"],
                "first": summary["first"],
                "last": summary["last"],
                "article_count": summary["article_count"],
                "independent_reports": summary["independent_reports"],
                "speakers": _speakers(story.quotes, speakers),
                # Plans with no date yet stay in view after the dated items.
                "timeline": timeline[:dated] + [
                    {"date": "no date yet", "what": f"{p['what']} — planned, no date yet", "kind": "plan",
                     "status": p["status"], "outlets": p["outlets"], "conflict": False}
                    for p in tl.get("undated_plans", [])],
            }
        )
    return {
        **overview.counts,
        "top_speakers": _speakers(overview.quotes, speakers),
        "story_digests": out,
    }
