"""The digest ``make run`` prints: stories with outlets and dates, the main speakers, and dated items."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..store import Store, list_quotes, list_stories, story_detail

__all__ = ["digest"]


def digest(store: Store, *, stories: int = 10, speakers: int = 5, dated: int = 8) -> dict[str, Any]:
    """A short overview of the store: newest stories, each with its main speakers and dated items."""
    out = []
    for summary in list_stories(store, limit=stories):
        detail = story_detail(store, summary["id"])
        counts = Counter(q["speaker"] for q in detail["quotes"] if q["speaker"])
        # The dated items a reader wants first: events with a date, then other resolved dates, each once.
        seen, timeline = set(), []
        for e in detail["events"]:
            if e["time"] and (e["time"], e["type"]) not in seen:
                seen.add((e["time"], e["type"]))
                actors = ", ".join(a["text"] for a in e["source"] + e["target"])
                timeline.append({"date": e["time"], "what": f"{e['type']} ({e['status']}): {actors}",
                                 "outlet": e["outlet"]})
        for t in detail["timexes"]:
            if t["type"] == "DATE" and t["anchored"] and t["value"][:1].isdigit() and t["value"] not in seen:
                seen.add(t["value"])
                timeline.append({"date": t["value"], "what": t["text"], "outlet": t["outlet"]})
        timeline.sort(key=lambda x: x["date"])
        out.append(
            {
                "id": summary["id"],
                "title": summary["title"],
                "outlets": summary["outlets"],
                "first": summary["first"],
                "last": summary["last"],
                "article_count": summary["article_count"],
                "independent_reports": summary["independent_reports"],
                "speakers": [{"speaker": s, "quotes": n} for s, n in counts.most_common(speakers)],
                "timeline": timeline[:dated],
            }
        )
    return {
        "articles": store.count("articles"),
        "stories": store.count("stories"),
        "quotes": store.count("attributions"),
        "entities": store.count("entities"),
        "top_speakers": [
            {"speaker": s, "quotes": n}
            for s, n in Counter(q["speaker"] for q in list_quotes(store) if q["speaker"]).most_common(speakers)
        ],
        "story_digests": out,
    }
