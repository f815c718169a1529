"""The analysed sections of a story page: timeline, plans, and outlet comparison.

Each uses the ``newsweave.analyze`` module when it is installed (they are built alongside the web
UI) and otherwise a simpler reading of the story's own rows, in the same JSON shape, so the page and
its JSON never depend on which one ran. ``source`` in each section says which did.
"""

from __future__ import annotations

import importlib
from collections import Counter, defaultdict
from datetime import date
from typing import Any

from ..model import Actor, Event, Span
from ..store import Store
from ..store.web_queries import events_with_articles
from .charts import parse_day

__all__ = [
    "OPEN_PLAN_STATUSES",
    "comparison_section",
    "plans_section",
    "speakers_of",
    "story_timeline_section",
    "voice_share",
]

OPEN_PLAN_STATUSES = ("proposed", "planned", "confirmed", "dated", "postponed")


def _optional(module: str, name: str):
    """A function from an analysis module that may not exist yet; None if absent."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


# ---------------------------------------------------------------------------------------------- timeline
def _actors(actors: list[dict]) -> str:
    return ", ".join(a.get("text") or a.get("code") or "?" for a in actors)


def event_label(e: dict) -> str:
    """"TYPE: source → target", the short name of an event."""
    src, tgt = _actors(e.get("source") or []), _actors(e.get("target") or [])
    who = f"{src} → {tgt}" if src and tgt else (src or tgt)
    return f"{e['type']}: {who}" if who else e["type"]


def _fallback_timeline(detail: dict) -> dict[str, Any]:
    """Events (dated by their own time) and resolved dates, in ``analyze.timeline``'s entry shape;
    events of one type and participants dated differently by different reports are conflicts."""
    entries: list[dict] = []
    groups: dict[tuple, list[dict]] = defaultdict(list)
    undated = 0
    for e in detail["events"]:
        if parse_day(e.get("time")) is None:
            undated += 1
            continue
        entry = _entry(e["time"], event_label(e), "plan" if e["status"] in ("planned", "proposed") else "event",
                       e["status"], e, "event")
        entries.append(entry)
        key = (e["type"], frozenset(a.get("code") or (a.get("text") or "").lower()
                                    for a in e["source"] + e["target"]))
        groups[key].append(entry)
    seen = set()
    for t in detail["timexes"]:
        if t.get("type") != "DATE" or not t.get("anchored") or parse_day(t.get("value")) is None:
            continue
        key = (t["value"], t["text"].lower(), t.get("outlet"))
        if key in seen:
            continue
        seen.add(key)
        pub = parse_day(t.get("published"))
        later = pub is not None and parse_day(t["value"]) > pub
        entries.append(_entry(t["value"], f"“{t['text']}”", "plan" if later else "mention",
                              "expected" if later else "reported", t, "text"))
    for members in groups.values():
        days = sorted({m["date"] for m in members})
        if len(days) > 1:
            for m in members:
                m["conflict"] = True
                m["dates"] = [{"outlet": x["outlet"], "date": x["date"]} for x in members]
                m["reports"] = [r for x in members for r in x["reports"]]
                m["outlets"] = sorted({x["outlet"] for x in members})
    # One entry per conflicting group: keep the first of each.
    out, shown = [], set()
    for entry in sorted(entries, key=lambda x: (x["date"], x["kind"] == "mention", x["article_id"])):
        if entry["conflict"]:
            ident = tuple(sorted((r["article_id"], r["evidence"]["start"]) for r in entry["reports"]))
            if ident in shown:
                continue
            shown.add(ident)
        out.append(entry)
    return {"entries": out, "undated_events": undated}


def _entry(value: str, what: str, kind: str, status: str, row: dict, date_from: str) -> dict[str, Any]:
    evidence = {"start": row["start"], "end": row["end"], "text": row.get("text") or ""}
    report = {"outlet": row.get("outlet"), "article_id": row["article_id"], "date": value, "kind": kind,
              "evidence": evidence}
    return {"date": value, "display": value, "precision": "day", "what": what, "kind": kind, "status": status,
            "outlet": row.get("outlet"), "article_id": row["article_id"], "date_from": date_from,
            "evidence": evidence, "outlets": [row.get("outlet")], "reprinted_by": [], "reports": [report],
            "conflict": False}


def story_timeline_section(store: Store, story_id: str, detail: dict) -> dict[str, Any]:
    """``{source, entries, undated_events, conflicts}`` for one story."""
    analysed = _optional("newsweave.analyze.timeline", "story_timeline")
    if analysed is not None:
        result = analysed(store, story_id)
        section = {"source": "newsweave.analyze.timeline", "entries": result["entries"],
                   "undated_events": result.get("undated_events", 0)}
    else:
        section = {"source": "story rows", **_fallback_timeline(detail)}
    section["conflicts"] = [e for e in section["entries"] if e.get("conflict")]
    return section


def chart_items(entries: list[dict], evidence_href) -> list[dict]:
    """One chart mark per report of each entry (so every outlet's lane shows what it reported)."""
    items = []
    for e in entries:
        start = _range_start(e["date"])
        if start is None:
            continue
        for r in e.get("reports") or [e]:
            day = _range_start(r.get("date") or e["date"]) or start
            status = e.get("status")
            shape = ("planned" if e["kind"] == "plan" or status in ("planned", "proposed", "expected") else
                     "cancelled" if status in ("cancelled", "denied") else "occurred")
            items.append({"date": day.isoformat(), "outlet": r.get("outlet") or e.get("outlet"), "label": e["what"],
                          "status": shape, "published": None,
                          "href": evidence_href(r["article_id"], r["evidence"]["start"], r["evidence"]["end"])})
    return items


def _range_start(value: str | None) -> date | None:
    timex_range = _optional("newsweave.analyze.timeline", "timex_range")
    if timex_range is not None:
        span = timex_range(value)
        return span[0] if span else None
    return parse_day(value)


# ---------------------------------------------------------------------------------------------- plans
def _event_record(row: dict) -> Event:
    def actors(items):
        return [Actor(text=a.get("text") or "", code=a.get("code"), sector=a.get("sector"),
                      entity_id=a.get("entity_id"), start=a.get("start"), end=a.get("end")) for a in items]

    return Event(type=row["type"], evidence=Span(row["start"], row["end"], row["evidence"] or ""),
                 source=actors(row["source"]), target=actors(row["target"]), mode=row["mode"], time=row["time"],
                 place=row["place"], status=row["status"], claimed_by=row["claimed_by"])


def plans_section(store: Store, *, story_id: str | None = None, today: date | None = None) -> dict[str, Any]:
    """Plans (of one story or all): ``{source, today, plans}``; each plan has ``status``, ``due``,
    ``overdue``, ``label`` and ``history`` whose updates carry ``start``/``end`` offsets as evidence."""
    today = today or date.today()
    rows = events_with_articles(store, story_id=story_id)
    track_plans = _optional("newsweave.analyze.plans", "track_plans")
    find_overdue = _optional("newsweave.analyze.plans", "overdue")
    plans: list[dict] = []
    if track_plans is not None and find_overdue is not None:
        offsets = {(str(r["article_id"]), r["evidence"]): r for r in rows}
        tracked = track_plans([(str(r["article_id"]), r["outlet"], r["published"], _event_record(r)) for r in rows])
        late = {p.id for p in find_overdue(tracked, today)}
        for p in tracked:
            item = p.to_json()
            item["overdue"] = p.id in late
            item["label"] = f"{item['type']}: {', '.join(item['participants'])}" if item["participants"] else item["type"]
            item["story_id"] = None
            for u in item["history"]:
                row = offsets.get((str(u["article_id"]), u["evidence"]))
                u["start"], u["end"] = (row["start"], row["end"]) if row else (None, None)
                if row and item["story_id"] is None:
                    item["story_id"] = row["story_id"]
            plans.append(item)
        source = "newsweave.analyze.plans"
    else:
        for n, r in enumerate(x for x in rows if x["status"] in ("planned", "proposed", "cancelled", "denied")):
            day = parse_day(r["time"])
            status = "cancelled" if r["status"] in ("cancelled", "denied") else r["status"]
            update = {"date": r["published"], "outlet": r["outlet"], "article_id": str(r["article_id"]),
                      "change": r["status"], "status": status, "announced_by": r["claimed_by"], "due": r["time"],
                      "place": r["place"], "evidence": r["evidence"], "start": r["start"], "end": r["end"]}
            plans.append({"id": f"event-{n + 1}", "type": r["type"], "mode": r["mode"],
                          "participants": [a.get("text") for a in r["source"] + r["target"]], "status": status,
                          "place": r["place"], "due": r["time"], "first_seen": r["published"],
                          "last_news": r["published"], "history": [update], "label": event_label(r),
                          "story_id": r["story_id"],
                          "overdue": status in OPEN_PLAN_STATUSES and day is not None and day < today})
        source = "store events"
    return {"source": source, "today": today.isoformat(), "plans": plans}


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


def voice_share(speakers: list[dict]) -> dict[str, dict[str, int]]:
    """outlet -> speaker -> number of quotes (from ``speakers_of`` groups): who each outlet gives a voice to."""
    share: dict[str, dict[str, int]] = defaultdict(dict)
    for group in speakers:
        who = group["speaker"] or "unattributed"
        for outlet, n in group["outlets"].items():
            share[outlet][who] = share[outlet].get(who, 0) + n
    return {o: dict(sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))) for o, v in sorted(share.items())}


def comparison_section(store: Store, story_id: str, detail: dict, speakers: list[dict]) -> dict[str, Any]:
    """Quotes and articles per outlet and the voice share, plus (when ``analyze.compare`` is installed)
    the claims all outlets share, the ones only one carries, and where they disagree."""
    section: dict[str, Any] = {
        "source": "story rows",
        "voice_share": voice_share(speakers),
        "quotes_per_outlet": dict(Counter(q.get("outlet") or "unknown" for q in detail["quotes"])),
        "articles_per_outlet": dict(Counter(a["outlet"] or a["wire"] or "unknown" for a in detail["articles"])),
    }
    compare = _optional("newsweave.analyze.compare", "compare_outlets")
    if compare is not None:
        result = compare(store, story_id)
        section.update(source="newsweave.analyze.compare", outlets=result.get("outlets", []),
                       shared_claims=result.get("shared_claims", []), disagreements=result.get("disagreements", []))
    return section
