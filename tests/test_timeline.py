"""The story timeline and its calendar export: TIMEX helpers, merging across outlets, conflicts, ICS."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from newsweave.analyze.ics import escape_text, fold_line, plans_to_ics
from newsweave.analyze.timeline import (
    render_timeline,
    story_timeline,
    timex_contains,
    timex_display,
    timex_precision,
    timex_range,
    timex_sort_key,
)
from newsweave.model import Actor, Article, Attribution, Event, Extraction, Span, Timex
from newsweave.store import Store

# ---------------------------------------------------------------- fictional articles (written for these tests)
GAZETTE = (
    "The Northwick council voted on Monday to reopen the Elm Street bridge after repairs. "
    "Mayor Ada Brenner said the bridge would reopen on March 14. "
    "Engineers found cracks in the bridge in January."
)
TIMES = (
    "Northwick's council voted on Monday to reopen the Elm Street bridge after repairs. "
    "The bridge will reopen on March 21, council spokesman Tom Quill said. "
    "A public hearing is planned for next week."
)
# A reprint of the Gazette report: it must not count as a second outlet confirming anything.
HERALD = GAZETTE + " (Gazette)"

STORIES = [
    ("Harbor Gazette", date(2025, 3, 3), GAZETTE),
    ("Valley Times", date(2025, 3, 4), TIMES),
    ("Coast Herald", date(2025, 3, 4), HERALD),
]


def span(text: str, words: str, after: int = 0) -> Span:
    start = text.index(words, after)
    return Span(start, start + len(words), words)


def timex(text: str, words: str, value: str) -> Timex:
    s = span(text, words)
    return Timex(s.start, s.end, words, "DATE", value)


def hand_extraction(article: Article) -> Extraction:
    """What the stages would find in the fictional articles, written by hand (no model needed)."""
    t = article.text
    ex = Extraction(article=article)
    council = [Actor("Northwick council", code="GBR")]
    if "Gazette" in (article.outlet or "") or "Herald" in (article.outlet or ""):
        ex.timexes = [timex(t, "Monday", "2025-03-03"), timex(t, "March 14", "2025-03-14"),
                      timex(t, "January", "2025-01")]
        ex.events = [Event("AGREE", span(t, "voted on Monday to reopen"), source=council, time="2025-03-03",
                           status="occurred"),
                     Event("RESTORE", span(t, "the bridge would reopen"), source=[Actor("Elm Street bridge")],
                           time="2025-03-14", status="planned")]
        ex.attributions = [Attribution(content=[span(t, "the bridge would reopen on March 14")], kind="indirect",
                                       source=span(t, "Mayor Ada Brenner"), cue=span(t, "said"))]
    else:
        ex.timexes = [timex(t, "Monday", "2025-03-03"), timex(t, "March 21", "2025-03-21"),
                      timex(t, "next week", "2025-W11")]
        ex.events = [Event("AGREE", span(t, "voted on Monday to reopen"), source=council, time="2025-03-03",
                           status="occurred"),
                     Event("RESTORE", span(t, "The bridge will reopen"), source=[Actor("Elm Street bridge")],
                           time="2025-03-21", status="planned")]
        ex.attributions = [Attribution(content=[span(t, "The bridge will reopen on March 21")], kind="direct",
                                       source=span(t, "council spokesman Tom Quill"), cue=span(t, "said"))]
    return ex


def build_hand_store(path: Path) -> tuple[Store, str]:
    store = Store(path)
    ids = []
    for outlet, published, text in STORIES:
        article = Article(text=text, published=published, outlet=outlet)
        aid = store.add_article(article).article_id
        store.save_extraction(aid, hand_extraction(article))
        store.assign_story(aid, "bridge")
        ids.append(aid)
    store.mark_copy(ids[2], ids[0], "near", 0.97)
    store.save_story("bridge", "Elm Street bridge")
    return store, "bridge"


def build_pipeline_store(path: Path, articles: list[Article]) -> tuple[Store, list[str]]:
    """A store filled by the real pipeline: ``process_store`` when every stage and the linker exist,
    else the registered stages run by hand and one story assigned by hand."""
    from newsweave.errors import ExtractError
    from newsweave.jobs import ingest_articles, process_store

    store = Store(path)
    report = ingest_articles(store, articles)
    try:
        process_store(store)
    except (ImportError, ExtractError):
        from newsweave.extract.pipeline import Pipeline, registered_stages
        from newsweave.settings import DEFAULT_STAGES, Settings

        known = registered_stages()
        pipeline = Pipeline(Settings(stages=tuple(s for s in DEFAULT_STAGES if s in known)))
        for aid, ex in zip(report.new_ids, pipeline.run(articles)):
            ex.doc = None
            store.save_extraction(aid, ex)
            store.assign_story(aid, "story-1")
        store.save_story("story-1", "story")
    from newsweave.store import list_stories

    return store, [s["id"] for s in list_stories(store)]


def read_seeds(seeds_dir: Path) -> list[Article]:
    """The seed files: first line ``date YYYY-MM-DD`` then the body; the wire is read from the credit."""
    from newsweave.ingest.credit import parse_credit

    out = []
    for f in sorted(seeds_dir.glob("*.txt")):
        m = re.match(r"\s*date\s+(\d{4}-\d{2}-\d{2})\s+", f.read_text(encoding="utf-8"))
        assert m, f"{f} does not start with 'date YYYY-MM-DD'"
        body = f.read_text(encoding="utf-8")[m.end():].strip()
        credit = parse_credit(body)
        out.append(Article(text=body, published=date.fromisoformat(m[1]), wire=credit.wire,
                           outlet=credit.wire, origin=f.name))
    return out


# ---------------------------------------------------------------- TIMEX helpers
@pytest.mark.parametrize("value, precision", [
    ("2025-10-16", "day"), ("2025-10-16T14:00", "day"), ("2025-W43", "week"), ("2025-W43-WE", "week"),
    ("2025-08", "month"), ("2025-Q4", "quarter"), ("2025", "year"), ("2025-H1", "other"),
    ("PRESENT_REF", "other"), ("XXXX-XX-XX", "other"), ("", "other"), (None, "other"),
])
def test_timex_precision(value, precision):
    assert timex_precision(value) == precision


def test_timex_range_covers_the_named_days():
    assert timex_range("2025-10-16") == (date(2025, 10, 16), date(2025, 10, 17))
    assert timex_range("2025-W43") == (date(2025, 10, 20), date(2025, 10, 27))  # Monday to next Monday
    assert timex_range("2025-W43-WE") == (date(2025, 10, 25), date(2025, 10, 27))
    assert timex_range("2025-12") == (date(2025, 12, 1), date(2026, 1, 1))
    assert timex_range("2025-Q4") == (date(2025, 10, 1), date(2026, 1, 1))
    assert timex_range("2025-SU") == (date(2025, 6, 1), date(2025, 9, 1))
    assert timex_range("2025") == (date(2025, 1, 1), date(2026, 1, 1))
    assert timex_range("2025-02-30") is None and timex_range("PRESENT_REF") is None


def test_timex_sort_key_orders_mixed_precision():
    values = ["2025", "PRESENT_REF", "2025-W43", "2025-10-21", "2025-10", "2025-10-20", "2025-08-15", "2025-Q4"]
    assert sorted(values, key=timex_sort_key) == [
        "2025", "2025-08-15", "2025-10", "2025-Q4", "2025-10-20", "2025-W43", "2025-10-21", "PRESENT_REF"]


def test_timex_contains_and_display():
    assert timex_contains("2025-10", "2025-10-16") and timex_contains("2025-W43", "2025-10-22")
    assert not timex_contains("2025-10-16", "2025-10") and not timex_contains("2025-W43", "2025-10-27")
    assert timex_display("2025-10-16T09:30") == "2025-10-16" and timex_display("2025-W43") == "2025-W43"


# ---------------------------------------------------------------- ICS
def test_escape_and_fold():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "SUMMARY:" + "é" * 80
    folded = fold_line(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_plans_to_ics_structure():
    entries = [
        {"date": "2025-W43", "precision": "week", "kind": "plan", "status": "planned", "what": "Talks, advisers; US",
         "outlets": ["AFP"], "article_id": 1, "evidence": {"start": 5, "end": 9, "text": "next week"},
         "sentence": {"start": 0, "end": 40, "text": "A meeting of advisers would take place next week."}},
        {"date": "2025-11", "precision": "month", "kind": "plan", "status": "expected", "what": "Summit",
         "outlets": ["TASS", "AFP"], "article_id": 2, "evidence": {"start": 1, "end": 2, "text": "x"},
         "sentence": {"start": 0, "end": 1, "text": "x"}},
        {"date": "2025-10-16", "precision": "day", "kind": "event", "what": "Phone call", "article_id": 1,
         "evidence": {"start": 0, "end": 1, "text": "x"}},
        {"date": "XXXX-XX-XX", "precision": "other", "kind": "plan", "what": "Someday", "article_id": 3,
         "evidence": {"start": 0, "end": 1, "text": "x"}},
    ]
    now = datetime(2025, 10, 17, 12, 0, tzinfo=UTC)
    ics = plans_to_ics(entries, now=now)
    assert ics == plans_to_ics(entries, now=now)  # stable UIDs
    assert ics.endswith("\r\n") and "\n" not in ics.replace("\r\n", "")
    raw_lines = ics.split("\r\n")[:-1]
    assert all(len(x.encode("utf-8")) <= 75 for x in raw_lines)
    lines = []  # unfolded
    for x in raw_lines:
        if x.startswith(" "):
            lines[-1] += x[1:]
        else:
            lines.append(x)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(x.startswith("PRODID:") for x in lines)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 2  # only plans with real dates
    assert "DTSTART;VALUE=DATE:20251020" in lines and "DTEND;VALUE=DATE:20251027" in lines
    assert "DTSTART;VALUE=DATE:20251101" in lines and "DTEND;VALUE=DATE:20251201" in lines
    assert "SUMMARY:Talks\\, advisers\\; US" in lines
    uids = [x for x in lines if x.startswith("UID:")]
    assert len(set(uids)) == 2
    assert all(x.startswith("DTSTAMP:20251017T120000Z") for x in lines if x.startswith("DTSTAMP"))
    desc = [x for x in lines if x.startswith("DESCRIPTION:")]
    assert "AFP" in desc[0] and "next week" in desc[0] and "\\n" in desc[0]


# ---------------------------------------------------------------- timeline over a hand-filled store
def test_timeline_merges_outlets_and_flags_conflicts(tmp_path):
    store, story = build_hand_store(tmp_path / "t.db")
    d = story_timeline(store, story)
    entries = d["entries"]
    keys = [e["date"] for e in entries]
    assert keys == sorted(keys, key=timex_sort_key)
    # The vote: one entry, two outlets; the reprint is listed apart and not as a third report.
    (vote,) = [e for e in entries if e["date"] == "2025-03-03"]
    assert vote["kind"] == "event" and vote["outlets"] == ["Harbor Gazette", "Valley Times"]
    assert vote["reprinted_by"] == ["Coast Herald"] and not vote["conflict"]
    assert {r["article_id"] for r in vote["reports"]} == {vote["article_id"], *[
        r["article_id"] for r in vote["reports"]]} and len(vote["reports"]) == 2
    assert "voted on Monday" in vote["sentence"]["text"]
    # The reopening: the outlets disagree on the day.
    (reopen,) = [e for e in entries if e["conflict"]]
    assert reopen["kind"] == "plan" and {x["date"] for x in reopen["dates"]} == {"2025-03-14", "2025-03-21"}
    assert {x["outlet"] for x in reopen["dates"]} == {"Harbor Gazette", "Valley Times"}
    # A month-precision date stays a month, and a future week is a plan.
    (cracks,) = [e for e in entries if e["date"] == "2025-01"]
    assert cracks["precision"] == "month" and cracks["display"] == "2025-01" and cracks["kind"] == "mention"
    (hearing,) = [e for e in entries if e["date"] == "2025-W11"]
    assert hearing["precision"] == "week" and hearing["kind"] == "plan"
    assert entries[0]["date"] == "2025-01"
    for e in entries:
        ev = e["evidence"]
        text = store.article(e["article_id"]).text
        assert text[ev["start"]:ev["end"]] == ev["text"]
    text = render_timeline(d)
    assert "CONFLICT" in text and "2025-W11" in text and "reprinted by Coast Herald" in text
    ics = plans_to_ics(entries)
    assert ics.count("BEGIN:VEVENT") == sum(e["kind"] == "plan" for e in entries)


def _one_article_story(path: Path, text: str, published: date, *, attributions, timexes=()) -> Store:
    """A store holding one article, as story "s", with the given statements and dates."""
    store = Store(path)
    article = Article(text=text, published=published, outlet="Daily")
    aid = store.add_article(article).article_id
    ex = Extraction(article=article, attributions=list(attributions), timexes=list(timexes))
    store.save_extraction(aid, ex)
    store.assign_story(aid, "s")
    store.save_story("s", text[:20])
    return store


def test_timeline_statement_dated_by_publication(tmp_path):
    text = "The minister said the plan was sound. Critics disagreed."
    store = _one_article_story(tmp_path / "p.db", text, date(2025, 5, 2), attributions=[
        Attribution(content=[span(text, "the plan was sound")], kind="indirect",
                    source=span(text, "The minister"), cue=span(text, "said"))])
    (entry,) = story_timeline(store, "s")["entries"]
    assert entry["kind"] == "statement" and entry["date"] == "2025-05-02" and entry["date_from"] == "published"
    assert "dated by publication" in render_timeline(story_timeline(store, "s"))


def test_statement_is_not_dated_by_a_later_date_in_its_sentence(tmp_path):
    """'"We cannot do this alone," she said, adding that schools would stay closed until Monday': the
    saying is not on Monday (after the report); the sentence is one entry, dated Monday as expected."""
    text = "“We cannot do this alone,” she said, adding that schools would stay closed until Monday."
    store = _one_article_story(tmp_path / "m.db", text, date(2026, 3, 4), attributions=[
        Attribution(content=[span(text, "“We cannot do this alone,”")], kind="direct",
                    source=span(text, "she"), cue=span(text, "said"))],
        timexes=[timex(text, "until Monday", "2026-03-09")])
    (entry,) = story_timeline(store, "s")["entries"]
    assert entry["date"] == "2026-03-09" and entry["kind"] == "plan" and entry["date_from"] == "text"
    assert {r["kind"] for r in entry["reports"]} == {"statement", "plan"}
    said = next(r for r in entry["reports"] if r["kind"] == "statement")
    assert said["date"] == "2026-03-04"  # the saying: the report's own date
    assert not entry["conflict"]


# ---------------------------------------------------------------- with the real pipeline
MULTI_DAY = [
    Article(text="The Northwick council voted on Monday to reopen the Elm Street bridge after months of repairs. "
                 "Mayor Ada Brenner said the bridge would reopen on March 14. A public hearing will be held next week.",
            published=date(2025, 3, 5), outlet="Harbor Gazette"),
    Article(text="Northwick's council voted on Monday to reopen the Elm Street bridge after months of repairs, "
                 "officials said on Tuesday. The bridge will reopen on March 21, council spokesman Tom Quill said.",
            published=date(2025, 3, 6), outlet="Valley Times"),
]


@pytest.mark.slow
def test_timeline_end_to_end(tmp_path):
    store, stories = build_pipeline_store(tmp_path / "e.db", MULTI_DAY)
    assert stories
    d = max((story_timeline(store, s) for s in stories), key=lambda d: len(d["entries"]))
    dates = {e["date"] for e in d["entries"]}
    assert "2025-03-14" in dates and "2025-03-21" in dates
    assert any(e["precision"] == "week" and e["kind"] == "plan" for e in d["entries"])
    for e in d["entries"]:
        assert e["evidence"]["text"] == store.article(e["article_id"]).text[e["evidence"]["start"]:e["evidence"]["end"]]
    render_timeline(d)


@pytest.mark.slow
def test_timeline_on_seeds(tmp_path, seeds_dir):
    store, stories = build_pipeline_store(tmp_path / "s.db", read_seeds(seeds_dir))
    entries = [e for s in stories for e in story_timeline(store, s)["entries"]]
    call = [e for e in entries if any("phone call" in r["sentence"] for r in e["reports"])]
    assert call and {e["date"] for e in call} == {"2025-10-16"}
    alaska = [e for e in entries if any("Alaska" in r["sentence"] and ("met" in r["sentence"] or "meeting" in
                                                                   r["sentence"]) for r in e["reports"])]
    assert alaska and all(e["date"] == "2025-08-15" for e in alaska), [(e["date"], e["outlets"]) for e in alaska]


@pytest.mark.parametrize("vocabulary, longest", [(25, 6), (80, 18)])
def test_indexed_merge_equals_comparing_every_group(vocabulary, longest):
    """The index only skips items that cannot match: same groups as the all-pairs greedy merge.

    The second case has sentence-length word sets over a skewed vocabulary (a few words in most
    items), where the prefix filter leaves words out of the index."""
    import random

    from newsweave.analyze.timeline import _merge_all_pairs, merge_items

    rnd = random.Random(7)
    vocab = [f"w{i}" for i in range(vocabulary)]
    weights = [1 / (i + 1) for i in range(vocabulary)]
    dates = ["2026-03-02", "2026-03-03", "2026-03", "2026-W10", "2026"]
    items = []
    for i in range(400):
        kind = rnd.choice(["event", "statement", "mention"])
        item = {"article_id": rnd.randrange(12), "sentence": {"start": rnd.randrange(5) * 100},
                "date": rnd.choice(dates), "kind": kind,
                "date_from": "published" if kind == "statement" and rnd.random() < 0.3 else "text",
                "words": set(rnd.choices(vocab, weights, k=rnd.randrange(0, longest))),
                "evidence": {"start": i}}
        if kind == "event":
            item["event_type"] = rnd.choice(["CONSULT", "THREATEN"])
            item["actors"] = {rnd.choice(["e:1", "e:2", "c:RUS", "t:union"])} if rnd.random() < 0.7 else set()
        if kind == "statement" and rnd.random() < 0.8:
            item["speaker"] = rnd.choice(["Anna Sorvik", "the union", "Sorvik", "a spokesman"])
        items.append(item)
    for similarity in (0.2, 0.3, 0.5, 0.8):
        fast = [[id(m) for m in g] for g in merge_items(items, similarity)]
        slow = [[id(m) for m in g] for g in _merge_all_pairs(items, similarity)]
        assert fast == slow, similarity
    assert len(merge_items(items, 0.5)) < len(items)  # the data does merge, so the comparison means something
