"""The digest ``make run`` prints: stories with outlets and dates, the main speakers, and the timeline."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..store import Store, list_quotes, list_stories
from .timeline import story_timeline

__all__ = ["digest"]


def _speakers(quotes: list[dict], n: int) -> list[dict[str, Any]]:
    # Grouped by resolved entity, so "he", "Trump" and "The US President" count for one speaker.
    counts = Counter(q["speaker_name"] for q in quotes if q["speaker_name"])
    return [{"speaker": s, "quotes": k} for s, k in counts.most_common(n)]


def digest(store: Store, *, stories: int = 10, speakers: int = 5, dated: int = 8) -> dict[str, Any]:
    """A short overview of the store: newest stories, each with its main speakers and dated items."""
    out = []
    for summary in list_stories(store, limit=stories):
        tl = story_timeline(store, summary["id"])
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
                "speakers": _speakers(list_quotes(store, story=summary["id"]), speakers),
                # Plans with no date yet stay in view after the dated items.
                "timeline": timeline[:dated] + [
                    {"date": "no date yet", "what": f"{p['what']} — planned, no date yet", "kind": "plan",
                     "status": p["status"], "outlets": p["outlets"], "conflict": False}
                    for p in tl.get("undated_plans", [])],
            }
        )
    return {
        "articles": store.count("articles"),
        "stories": store.count("stories"),
        "quotes": store.count("attributions"),
        "entities": store.count("entities"),
        "top_speakers": _speakers(list_quotes(store, limit=10**9), speakers),
        "story_digests": out,
    }
