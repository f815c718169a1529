"""The statement-date stage (extract/statement_dates.py): dates set once at extraction, stored, read by the
timeline. Fictional texts written for these tests."""

from datetime import date

from newsweave.analyze.timeline import story_timeline
from newsweave.extract.pipeline import Pipeline, get_stage
from newsweave.extract.statement_dates import statement_dates_stage
from newsweave.model import Article, Attribution, Extraction, Span, Timex
from newsweave.settings import DEFAULT_STAGES, Settings
from newsweave.store import Store


def span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words), words)


def timex(text: str, words: str, value: str) -> Timex:
    s = span(text, words)
    return Timex(s.start, s.end, words, "DATE", value)


def said(text: str, content: str, source: str, cue: str = "said") -> Attribution:
    return Attribution(content=[span(text, content)], kind="indirect", source=span(text, source), cue=span(text, cue))


def run(text: str, published: date, attributions, timexes) -> Extraction:
    ex = Extraction(article=Article(text=text, published=published, outlet="Daily"),
                    attributions=list(attributions), timexes=list(timexes))
    statement_dates_stage(ex, Settings())
    return ex


def test_the_date_beside_the_cue_dates_the_statement():
    text = "The mayor said on Tuesday the ferry would run again. Nothing else was announced on Friday."
    ex = run(text, date(2031, 6, 6), [said(text, "the ferry would run again", "The mayor")],
             [timex(text, "Tuesday", "2031-06-03"), timex(text, "Friday", "2031-05-30")])
    assert ex.attributions[0].date == "2031-06-03"


def test_dates_inside_what_was_said_or_after_the_report_date_nothing():
    text = "The mayor said the ferry would run again on Monday. Officials agreed."
    ex = run(text, date(2031, 6, 6), [said(text, "the ferry would run again on Monday", "The mayor")],
             [timex(text, "Monday", "2031-06-09")])
    assert ex.attributions[0].date is None
    text = "Schools stay shut until Monday, the mayor said."
    ex = run(text, date(2031, 6, 6), [said(text, "Schools stay shut", "the mayor")],
             [timex(text, "until Monday", "2031-06-09")])
    assert ex.attributions[0].date is None  # after the report: what was said, not the saying


def test_the_dateline_dates_no_statement():
    text = "LISBON, June 5 /TASS/. The minister said the talks went well."
    ex = run(text, date(2031, 6, 5), [said(text, "the talks went well", "The minister")],
             [timex(text, "June 5", "2031-06-05")])
    assert ex.attributions[0].date is None


def test_the_stage_runs_after_attribution_and_the_timeline_reads_the_stored_date(tmp_path):
    spec = get_stage("newsweave.statement_dates.v1")
    assert spec.assigns == ("attributions.date",) and set(spec.requires) == {"timexes", "attributions"}
    assert DEFAULT_STAGES.index("newsweave.statement_dates.v1") > max(
        i for i, s in enumerate(DEFAULT_STAGES) if s.startswith("newsweave.attribution."))
    Pipeline(Settings())  # the order check passes
    text = "The mayor said on Tuesday the ferry would run again."
    ex = run(text, date(2031, 6, 6), [said(text, "the ferry would run again", "The mayor")],
             [timex(text, "Tuesday", "2031-06-03")])
    store = Store(tmp_path / "s.db")
    aid = store.add_article(ex.article).article_id
    store.save_extraction(aid, ex)
    store.assign_story(aid, "s")
    store.save_story("s", "ferry")
    assert store.db.execute("SELECT date FROM attributions").fetchone()[0] == "2031-06-03"
    (entry,) = story_timeline(store, "s")["entries"]
    assert entry["kind"] == "statement" and entry["date"] == "2031-06-03" and entry["date_from"] == "text"
    assert len(entry["reports"]) == 1  # the date that dated the saying is not listed again as a mention
    # Not set (a store processed before the stage existed): the statement falls back on the report's date.
    store.db.execute("UPDATE attributions SET date = NULL")
    (entry,) = story_timeline(store, "s")["entries"]
    assert sorted(r["kind"] for r in entry["reports"]) == ["mention", "statement"]
    assert next(r for r in entry["reports"] if r["kind"] == "statement")["date"] == "2031-06-06"
