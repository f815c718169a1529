"""A story's timeline: its dated events, plans, statements and date mentions, merged across outlets.

Dates are TIMEX3 values of different precision ("2025-10-16", "2025-W43", "2025-08", "2025-Q4",
"2025"). They are kept as written and sorted by the first day they cover, so a week sorts at its
Monday and a month at its first day, while a reader still sees "2025-W43" and "2025-08".

The same happening reported by several outlets is one entry listing them all, and so is one
event told again in several sentences of one article (same type, status, participants and day:
"Trump called his conversation with Putin ..." and "Thursday's conversation had made ..."), each
sentence kept as a report with its evidence; two events of different types in one sentence stay
two entries. A wire copy
(``copy_of`` set) is a reprint, not a second report, so its outlet is listed under ``reprinted_by``.
When outlets date one happening differently (dates that do not contain each other), the entry is
marked as a conflict and lists each outlet's date.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date
from functools import lru_cache
from typing import Any

from ..model import outlet_of
from ..store.views import ArticleView, StoryView, as_story_view
from ..text import content_words, sentence_at, split_sentences, without_dateline
from ..timex3 import (
    PRECISIONS,
    value_contains,
    value_precision,
    value_range,
    value_span,
)
from .plans import event_record, undated_plans

__all__ = [
    "render_timeline",
    "story_timeline",
    "timex_contains",
    "timex_display",
    "timex_precision",
    "timex_range",
    "timex_sort_key",
]

_PLANNED = {"planned", "proposed"}
_KIND_ORDER = ("event", "plan", "statement", "mention")

# A TIMEX3 value's span and precision are one rule, kept in ``newsweave.timex3``.
timex_range = value_range
timex_precision = value_precision
timex_contains = value_contains


def timex_sort_key(value: str | None) -> tuple:
    """A key that orders TIMEX3 values of any precision by the first day they cover.

    On the same first day the finer value comes first (2025-10-01 before 2025-10); values that name
    no day (``PRESENT_REF``, ``XXXX-XX-XX``) sort last, by their text.
    """
    span = timex_range(value)
    if span is None:
        return (1, 0, 0, value or "")
    first, after = span
    return (0, first.toordinal(), (after - first).days, value or "")


def timex_display(value: str | None) -> str:
    """The value as a reader sees it: a day without its time of day, other values unchanged."""
    v = value or ""
    span = value_span(v)
    return v[:10] if span and span.granularity == "day" else v


def _usable(t: dict[str, Any]) -> bool:
    return t["type"] == "DATE" and bool(t["anchored"]) and timex_range(t["value"]) is not None


def _people(actors: list[dict[str, Any]]) -> frozenset[str]:
    """Who takes part, one key each: the linked entity, else the actor code, else the last word."""
    keys = set()
    for a in actors:
        words = content_words(a.get("text") or "")[-1:]
        key = (f"e:{a['entity_id']}" if a.get("entity_id") else f"c:{a['code']}" if a.get("code")
               else f"t:{words[0]}" if words else None)
        if key:
            keys.add(key)
    return frozenset(keys)


def _actor_keys(actors: list[dict[str, Any]]) -> set[str]:
    keys = set()
    for a in actors:
        if a.get("entity_id"):
            keys.add(f"e:{a['entity_id']}")
        if a.get("code"):
            keys.add(f"c:{a['code']}")
        if a.get("text"):
            keys.add("t:" + " ".join(content_words(a["text"])[-1:]))
    return keys


def _cut(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


_QUOTE_MARKS = "\"“”„«»‹›"


def _unquoted(text: str) -> str:
    """``text`` without the quote marks (and spaces) around it: “very productive” -> very productive."""
    text = text.strip()
    # Only a pair: “inglorious” War keeps its marks.
    while len(text) > 1 and (text[0] in _QUOTE_MARKS and text[-1] in _QUOTE_MARKS
                             or text[0] in "‘'" and text[-1] in "’'"):
        text = text[1:-1].strip()
    return text


def _overlap(words_a: set[str], words_b: set[str]) -> float:
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / min(len(words_a), len(words_b)) ** 0.5 / max(len(words_a), len(words_b)) ** 0.5


def _items_of_article(article: dict[str, Any], detail: ArticleView) -> tuple[list[dict[str, Any]], int]:
    """The dated items of one article, and how many of its events carry no date."""
    text = detail.text
    sentences = split_sentences(text)
    outlet = outlet_of(article)
    timexes = [t for t in detail.timexes if _usable(t) and not detail.in_dateline(t["start"])]
    published = article.get("published")
    used: set[int] = set()  # timexes that dated an event or a statement, not shown again as mentions

    def sentence_of(start: int, end: int) -> dict[str, Any]:
        return sentence_at(sentences, start, end) or {"start": start, "end": end, "text": text[start:end]}

    def timex_in(start: int, end: int) -> dict[str, Any] | None:
        inside = [t for t in timexes if start <= t["start"] and t["end"] <= end]
        return inside[0] if inside else None

    def item(**kw) -> dict[str, Any]:
        sent = kw.pop("sentence")
        return {"outlet": outlet, "article_id": article["id"], "published": published, "sentence": sent, **kw,
                "precision": timex_precision(kw["date"]), "words": set(content_words(sent["text"]))}

    items, undated = [], 0
    for e in detail.events:
        sent = sentence_of(e["start"], e["end"])
        when, date_from = e["time"], "event"
        if not when or timex_range(when) is None:
            t = timex_in(sent["start"], sent["end"])
            # A plan the event stage left undated is not dated by a day before its report ("Trump on
            # Thursday said he was planning a meeting": Thursday is the saying's day, not the meeting's).
            if t is None or (e["status"] in _PLANNED and published
                             and timex_range(t["value"])[1] <= date.fromisoformat(published)):
                undated += 1
                continue
            when, date_from = t["value"], "text"
        for t in timexes:
            if t["value"] == when and sent["start"] <= t["start"] < sent["end"]:
                used.add(t["start"])
        actors = ", ".join(a["text"] for a in e["source"])
        targets = ", ".join(a["text"] for a in e["target"])
        label = e["type"] + (f" ({e['mode']})" if e.get("mode") else "")
        if actors:
            what = f"{label}: {actors}" + (f" → {targets}" if targets else "")
            what += f" in {e['place']}" if e.get("place") else ""
        else:  # without its actors the event says little; its sentence says more
            what = f"{label}: {_cut(without_dateline(sent['text']), 110)}"
        items.append(item(
            date=when, date_from=date_from, what=what,
            kind="plan" if e["status"] in _PLANNED else "event", status=e["status"],
            evidence={"start": e["start"], "end": e["end"], "text": text[e["start"]:e["end"]]},
            sentence=sent, event_type=e["type"], actors=_actor_keys(e["source"] + e["target"]),
            people=_people(e["source"] + e["target"]),
        ))
    for q in detail.attributions:
        sent = sentence_of(q["start"], q["end"])
        # The date of the saying is set once at extraction (extract/statement_dates.py, stored as the
        # attribution's date); here it is only found again among the sentence's dates, so that the date
        # is not listed a second time as a mention of its own.
        when, date_from = q.get("date"), "text"
        if when and timex_range(when) is not None:
            cue = q["cue"]["start"] if q.get("cue") else q["start"]
            dating = ([t for t in timexes if t["value"] == when and q["start"] <= t["start"] < q["end"]]
                      or [t for t in timexes if t["value"] == when and sent["start"] <= t["start"] < sent["end"]])
            if dating:
                used.add(min(dating, key=lambda t: abs(t["start"] - cue))["start"])
        elif published:
            when, date_from = published, "published"
        else:
            continue
        # Quote content may already carry its quote marks; the label adds its own pair.
        content = " … ".join(_unquoted(c["text"]) for c in q["content"])
        items.append(item(
            date=when, date_from=date_from, what=f"{q['speaker'] or 'unnamed source'}: “{_cut(content, 110)}”",
            kind="statement", status="said",
            evidence={"start": q["start"], "end": q["end"], "text": text[q["start"]:q["end"]]},
            sentence=sent, speaker=q["speaker"],
        ))
    for t in timexes:
        if t["start"] in used:
            continue
        sent = sentence_of(t["start"], t["end"])
        after = published and timex_range(t["value"])[0] > date.fromisoformat(published)
        items.append(item(
            date=t["value"], date_from="text", what=_cut(without_dateline(sent["text"])),
            # A date after the report's own date is something expected, not something that happened.
            kind="plan" if after else "mention", status="expected" if after else "reported",
            evidence={"start": t["start"], "end": t["end"], "text": t["text"]}, sentence=sent,
        ))
    return items, undated


def _compatible(a: str | None, b: str | None) -> bool:
    return timex_contains(a, b) or timex_contains(b, a)


# How many days apart two reports' dates of one event of the same people may lie and still be one
# happening the outlets disagree on: "Thursday" here and "Wednesday" there (a meeting in August and a
# call in October between the same two people are two happenings); two reports of a plan, whose day
# outlets give a week or more apart as it is rescheduled, a month.
_NEAR_DAYS = {False: 3, True: 31}


def _other_people(a: set[str], b: set[str]) -> bool:
    """Whether two events name linked people and none of them in common: then sharing countries (a
    call between two foreign ministers and one between their presidents) or words makes no one happening."""
    people_a, people_b = {k for k in a if k[:2] == "e:"}, {k for k in b if k[:2] == "e:"}
    return bool(people_a and people_b and not people_a & people_b)


def _near(a: str | None, b: str | None, days: int) -> bool:
    """Whether two dates agree, or their days lie at most ``days`` apart."""
    if _compatible(a, b):
        return True
    ra, rb = timex_range(a), timex_range(b)
    if ra is None or rb is None:
        return False
    gap = max(ra[0], rb[0]) - min(ra[1], rb[1])  # ranges end exclusive: 1 day for adjacent ranges
    return gap.days < days


def _same_happening(a: dict[str, Any], b: dict[str, Any], similarity: float) -> bool:
    # Whether the dates agree is asked only where it decides (most pairs are settled by their words).
    if a["article_id"] == b["article_id"]:
        if _told_again(a, b):
            return True
        # Within one article: the event, the statement and the date of one sentence are one entry (a
        # statement dated only by its publication claims no date of its own); two events of
        # different types are two happenings, even in one sentence.
        if a.get("event_type") and b.get("event_type") and a["event_type"] != b["event_type"]:
            return False
        return a["sentence"]["start"] == b["sentence"]["start"] and (
            "published" in (a["date_from"], b["date_from"]) or _compatible(a["date"], b["date"]))
    overlap = _overlap(a["words"], b["words"])
    # One kind of event with a shared participant on days that agree or nearly do (two outlets
    # giving a day apart is one happening they disagree on), or in alike words on days that agree.
    if a.get("event_type") and a.get("event_type") == b.get("event_type"):
        if not _near(a["date"], b["date"], _NEAR_DAYS[a["kind"] == b["kind"] == "plan"]):
            return False  # alike words do not make one happening of days far apart either
        if _other_people(a["actors"], b["actors"]):
            return False  # a call between two ministers and one between their presidents, on one day
        if a["actors"] & b["actors"] or (overlap >= similarity / 2 and _compatible(a["date"], b["date"])):
            return True
    # Statements match only when the speakers may be the same person.
    if (a["kind"] == "statement" and b["kind"] == "statement" and a.get("speaker") and b.get("speaker")
            and not _surname(a["speaker"]) & _surname(b["speaker"])):
        return False
    return (a["kind"] == "statement") == (b["kind"] == "statement") and overlap >= similarity


def _retold_key(item: dict[str, Any]) -> tuple | None:
    """What one event told again in another sentence of its article shares: its type, status,
    participants and day. None for an item that is no event, names nobody or is not dated to a day."""
    if not item.get("event_type") or not item.get("people") or item.get("precision") != "day":
        return None
    return ("retold", item["article_id"], item["event_type"], item.get("status"), item["people"], item["date"])


def _told_again(a: dict[str, Any], b: dict[str, Any]) -> bool:
    key = _retold_key(a)
    return key is not None and key == _retold_key(b)


@lru_cache(maxsize=4096)
def _surname(speaker: str) -> frozenset[str]:
    return frozenset(content_words(speaker)[-1:])


def merge_items(items: list[dict[str, Any]], similarity: float) -> list[list[dict[str, Any]]]:
    """Greedy single-link merge, in the given order: each item joins the first group it matches.

    Two items of one article match only when they share a sentence (and are not events of two types)
    or are one event told again (``_retold_key``); two of different articles only
    when they are events of one type sharing an actor, or events of one type whose words overlap by
    ``similarity / 2``, or items whose words overlap by ``similarity``. So each item is compared only
    with the earlier items that share such a key, found through an index, not with every group so
    far: a story of thousands of items stays fast. Word overlaps use a prefix filter (see
    ``_prefix``): an item is looked up and indexed under its rarest words only, leaving out the
    words every report uses, which would find the most items. The answer is the same as
    comparing with every group in order.
    """
    if similarity <= 0:
        return _merge_all_pairs(items, similarity)
    df: dict[str, int] = defaultdict(int)
    for it in items:
        for w in it["words"]:
            df[w] += 1
    groups: list[list[dict[str, Any]]] = []
    group_of: list[int] = []  # the group of each item so far
    index: dict[tuple, list[int]] = defaultdict(list)  # key -> the earlier items with it
    for n, it in enumerate(items):
        rare_first = sorted(it["words"], key=lambda w: (df[w], w))
        event_type = it.get("event_type")
        probe = [("w", w) for w in _prefix(rare_first, similarity)]
        if event_type:
            probe += [("tw", event_type, w) for w in _prefix(rare_first, similarity / 2)]
            probe += [("ta", event_type, a) for a in it["actors"]]
        probe.append(("s", it["article_id"], it["sentence"]["start"]))
        retold = _retold_key(it)
        if retold is not None:
            probe.append(retold)
        members: dict[int, list[int]] = defaultdict(list)  # candidate group -> its candidate items
        for m in set().union(*(index.get(k, ()) for k in probe)):
            members[group_of[m]].append(m)
        for g in sorted(members):
            # Members of the group sharing no key with the item cannot match it.
            if any(_same_happening(items[m], it, similarity) for m in members[g]):
                groups[g].append(it)
                break
        else:
            g = len(groups)
            groups.append([it])
        group_of.append(g)
        # Probing and indexing the same prefixes suffices: the rarest word two overlapping items
        # share lies in both (see _prefix).
        for k in probe:
            index[k].append(n)
    return groups


def _prefix(rare_first: list[str], overlap: float) -> list[str]:
    """The rarest words of an item such that two items overlapping by ``overlap`` share one of theirs.

    ``overlap(a, b) = shared / sqrt(len(a) len(b)) >= t`` with ``shared <= len(b)`` gives
    ``shared >= t² len(a)`` (and ``>= t² len(b)``). The rarest of the ``shared`` words (all items
    ordered alike: fewest items first, then the word) has at most ``shared - 1`` shared words after
    it in either item, so it lies in each item's first ``len - ceil(t² len) + 1`` words.
    """
    need = max(1, math.ceil(overlap * overlap * len(rare_first) - 1e-9))
    return rare_first[: max(0, len(rare_first) - need + 1)]


def _merge_all_pairs(items: list[dict[str, Any]], similarity: float) -> list[list[dict[str, Any]]]:
    groups: list[list[dict[str, Any]]] = []
    for it in items:
        for g in groups:
            if any(_same_happening(m, it, similarity) for m in g):
                g.append(it)
                break
        else:
            groups.append([it])
    return groups


def story_timeline(story: StoryView, story_id: str | None = None, *, similarity: float = 0.5) -> dict[str, Any]:
    """Every dated item of a story, merged across outlets and sorted by date (JSON-ready).

    Returns ``{story_id, title, entries: [...], undated_events, undated_plans}`` (``undated_plans``:
    open plans with no date yet, from ``newsweave.analyze.plans.undated_plans``). Each entry has ``date`` (a TIMEX3
    value), ``display``, ``precision``, ``what``, ``kind`` (event | plan | statement | mention),
    ``status``, ``outlet``, ``article_id``, ``evidence`` and ``sentence``, ``date_from`` (event |
    text | published: where the date came from; a statement's, set at extraction, is "text"), ``outlets`` (every outlet reporting
    it), ``reprinted_by``, ``reports`` (one per outlet and article), ``conflict`` and ``dates`` (each
    report's date, when they disagree). Two items from different articles merge when they are events
    of one type with a shared actor, or sentences whose content words overlap by ``similarity`` (0..1).
    ``story`` is the story's view: see ``store.views.as_story_view``.
    """
    story = as_story_view(story, story_id)
    story_id = story.id
    reprints = story.reprints()
    items, undated, events = [], 0, []
    for a in story.originals:
        detail = story.article(a["id"])
        found, n = _items_of_article(a, detail)
        items.extend(found)
        undated += n
        events.extend((str(a["id"]), outlet_of(a), a.get("published"), event_record(e, detail.text), story_id)
                      for e in detail.events)

    items.sort(key=lambda x: (timex_sort_key(x["date"]), x["article_id"], x["evidence"]["start"]))
    groups = merge_items(items, similarity)

    entries = []
    for g in groups:
        # The entry shows its most precise date, and an event rather than a statement about it.
        head = min(g, key=lambda x: (x["date_from"] == "published", PRECISIONS.index(x["precision"]),
                                     _KIND_ORDER.index(x["kind"]), x["article_id"], x["evidence"]["start"]))
        # A publication date is when a report appeared, not a claim of when something happens: it takes
        # no part in conflicts unless nothing else dates the entry.
        claims = [m for m in g if m["date_from"] != "published"] or g
        dates = {(m["outlet"], m["date"]) for m in claims}
        values = sorted({m["date"] for m in claims}, key=str)  # each distinct pair once: groups can be large
        conflict = any(not _compatible(x, y) for x in values for y in values)
        entry = {
            "date": head["date"],
            "display": timex_display(head["date"]),
            "precision": head["precision"],
            "what": head["what"],
            "kind": head["kind"],
            "status": head["status"],
            "outlet": head["outlet"],
            "article_id": head["article_id"],
            "date_from": head["date_from"],
            "evidence": head["evidence"],
            "sentence": head["sentence"],
            "outlets": sorted({m["outlet"] for m in g}),
            "reprinted_by": sorted({o for m in g for o in reprints.get(m["article_id"], [])}),
            "reports": [
                {"outlet": m["outlet"], "article_id": m["article_id"], "date": m["date"], "kind": m["kind"],
                 "evidence": m["evidence"], "sentence": m["sentence"]["text"]}
                for m in g
            ],
            "conflict": conflict,
        }
        if conflict:
            entry["dates"] = [{"outlet": o, "date": d} for o, d in sorted(dates)]
        entries.append(entry)
    entries.sort(key=lambda e: (timex_sort_key(e["date"]), e["kind"] == "mention", e["article_id"]))
    # A plan with no date yet is still news: it is listed apart rather than dropped with the
    # undated events.
    return {"story_id": story_id, "title": story.title, "entries": entries, "undated_events": undated,
            "undated_plans": undated_plans(events)}


def render_timeline(d: dict[str, Any]) -> str:
    """The timeline as plain text for a terminal: one line per entry, then its outlets and conflicts."""
    lines = [f"Story {d['story_id']}" + (f": {d['title']}" if d.get("title") else ""), ""]
    if not d["entries"]:
        lines.append("No dated items.")
    for e in d["entries"]:
        flag = "  CONFLICT" if e["conflict"] else ""
        lines.append(f"{e['display']:<11} {e['kind']:<9} {_cut(e['what'], 100)}{flag}")
        via = ", ".join(e["outlets"])
        if e["reprinted_by"]:
            via += f" (reprinted by {', '.join(e['reprinted_by'])})"
        dated = " — dated by publication" if e["date_from"] == "published" else ""
        reports = e.get("reports", [])
        told = len({(r["article_id"], r["sentence"]) for r in reports})
        if told > len({r["article_id"] for r in reports}):
            via += f" — told in {told} sentences"  # one event told again: every sentence is a report
        lines.append(f"{'':<21} {via}{dated}")
        if e["sentence"]["text"] not in e["what"]:
            lines.append(f"{'':<21} “{_cut(e['sentence']['text'], 100)}”")
        if e["conflict"]:
            lines.append(f"{'':<21} dates: " + "; ".join(f"{x['outlet']} {x['date']}" for x in e["dates"]))
    if d.get("undated_plans"):
        lines.append("")
        for p in d["undated_plans"]:
            lines.append(f"{'no date yet':<11} {'plan':<9} {_cut(p['what'], 100)} — planned, no date yet")
            lines.append(f"{'':<21} {', '.join(p['outlets'])}")
    if d.get("undated_events"):
        lines.append("")
        lines.append(f"{d['undated_events']} event(s) without a date are not shown.")
    return "\n".join(lines).rstrip() + "\n"
