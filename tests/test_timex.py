"""Time expressions: spans, TIMEX3 types and values normalised against the article's date.

Unit tests build docs from sentences written for these tests; the seed test reads the two seed
articles from ../shared at run time; the eval test scores the TempEval-3 training data (our dev).
"""

from __future__ import annotations

import importlib.util
import json
import re
from datetime import date
from pathlib import Path

import pytest

from newsweave.extract.timex_calendar import duration_value, fmt, parse_value, shift
from newsweave.extract.timex_lexicon import number_value

FRIDAY = date(2025, 10, 17)  # a Friday; ISO week 42


# ----------------------------------------------------------------------------- fast: no model
def test_number_words():
    assert number_value("three") == 3
    assert number_value("twenty four") == 24
    assert number_value("twenty-four") == 24
    assert number_value("a couple of") == 2
    assert number_value("2 1/2") == 2.5
    assert number_value("an") == 1
    assert number_value("several") is None
    assert number_value("a few") is None


def test_duration_values():
    assert duration_value(3, "hour") == "PT3H"
    assert duration_value(3, "day") == "P3D"
    assert duration_value(None, "year") == "PXY"
    assert duration_value(2.5, "year") == "P2Y6M"
    assert duration_value(1.5, "hour") == "PT1H30M"
    assert duration_value(2, "decade") == "P20Y"


def test_calendar_formats():
    assert fmt(FRIDAY, "week") == "2025-W42"
    assert fmt(shift(FRIDAY, "week", 1), "week") == "2025-W43"
    assert fmt(FRIDAY, "quarter") == "2025-Q4"
    assert fmt(shift(date(2025, 3, 31), "month", -1), "day") == "2025-02-28"
    assert fmt(date(1994, 5, 1), "decade") == "199"
    assert parse_value("1998-Q3").gran == "quarter"
    assert parse_value("PRESENT_REF") is None


# ----------------------------------------------------------------------------- with the model
def _find(nlp, text, published=FRIDAY):
    from newsweave.extract.timex import find_timexes

    doc = nlp(text)
    return find_timexes(doc, published)


def _one(nlp, text, words, published=FRIDAY):
    found = [t for t in _find(nlp, text, published) if words in t.text or t.text in words]
    assert found, f"no time expression for {words!r} in {text!r}: {_find(nlp, text, published)}"
    return found[0]


CASES = [
    # text, expression, type, value
    ("The minister said on Thursday that talks had stalled.", "Thursday", "DATE", "2025-10-16"),
    ("The two leaders will meet on Thursday in the capital.", "Thursday", "DATE", "2025-10-23"),
    ("Officials met last week to prepare the visit.", "last week", "DATE", "2025-W41"),
    ("A working group will gather next week in Vienna.", "next week", "DATE", "2025-W43"),
    ("Exports rose sharply this year.", "this year", "DATE", "2025"),
    ("The two presidents first met in August in Alaska.", "August", "DATE", "2025-08"),
    ("The agreement was signed on August 15 after long talks.", "August 15", "DATE", "2025-08-15"),
    ("The report is dated October 17 and runs to forty pages.", "October 17", "DATE", "2025-10-17"),
    ("The contract was signed on March 3, 2019 in Geneva.", "March 3, 2019", "DATE", "2019-03-03"),
    ("Prices fell in the 1990s as supply grew.", "the 1990s", "DATE", "199"),
    ("The firm reported a loss for the third quarter.", "the third quarter", "DATE", "2025-Q3"),
    ("The ministry expects growth in the fourth quarter of 2026.", "the fourth quarter of 2026", "DATE", "2026-Q4"),
    ("Rain is expected this winter across the region.", "this winter", "DATE", "2025-WI"),
    ("The talks lasted three hours.", "three hours", "DURATION", "PT3H"),
    # TempEval leaves "about" out of the span and records it as the APPROX mod
    ("The meeting lasted about three hours.", "three hours", "DURATION", "PT3H"),
    ("Over the past two months the currency has slipped.", "the past two months", "DURATION", "P2M"),
    ("Delegates meet every year in the spring.", "every year", "SET", "P1Y"),
    ("The paper is printed daily.", "daily", "SET", "P1D"),
    ("The country is now in recession.", "now", "DATE", "PRESENT_REF"),
    ("Inflation is currently above target.", "currently", "DATE", "PRESENT_REF"),
    ("The bank recently cut its rates.", "recently", "DATE", "PAST_REF"),
    ("The vote took place yesterday.", "yesterday", "DATE", "2025-10-16"),
    ("The vote takes place today.", "today", "DATE", "2025-10-17"),
    ("The vote will take place tomorrow.", "tomorrow", "DATE", "2025-10-18"),
    ("Parliament approved the budget earlier this month.", "earlier this month", "DATE", "2025-10"),
    ("The treaty was ratified on May 4, 2020. A month earlier, talks had nearly failed.",
     "A month earlier", "DATE", "2020-04"),
    ("The strike began two weeks ago.", "two weeks ago", "DATE", "2025-W40"),
    ("The minister spoke at 10:30 a.m. on Friday.", "10:30 a.m.", "TIME", "2025-10-17T10:30"),
    ("Ministers met this morning.", "this morning", "TIME", "2025-10-17TMO"),
    ("The reform will be debated in the future.", "the future", "DATE", "FUTURE_REF"),
    # TempEval-3's own training data types these as vague durations, not FUTURE_REF
    ("Aid will arrive over the next few days.", "the next few days", "DURATION", "PXD"),
    ("Profit rose in the fiscal third quarter.", "the fiscal third quarter", "DATE", "2025-Q3"),
    ("Revenue fell in fiscal 2024.", "fiscal 2024", "DATE", "2024"),
    ("Sales rose 5% from a year earlier in the second quarter.", "the second quarter", "DATE", "2025-Q2"),
    ("The troops arrived last summer.", "last summer", "DATE", "2024-SU"),
    ("The fighting eased over the weekend.", "the weekend", "DATE", "2025-W41-WE"),
    ("The council meets every Monday.", "every Monday", "SET", "XXXX-WXX-1"),
    ("The ceasefire has held for 72 hours.", "72 hours", "DURATION", "PT72H"),
    ("The strike ended late last year.", "late last year", "DATE", "2024"),
    ("The war began in 2022 and peaked in mid-2023.", "mid-2023", "DATE", "2023"),
    ("The agreement was reached Wednesday night.", "Wednesday night", "DATE", "2025-10-15TNI"),
    # a soonest cue, a postponement's new date and a scheduling verb point ahead whatever the tense
    ("The delegation was ready to leave as soon as Tuesday, he said.", "Tuesday", "DATE", "2025-10-21"),
    ("Officials postponed until Tuesday morning any decision on the visas.", "Tuesday morning", "DATE",
     "2025-10-21TMO"),
    ("The prosecutor has scheduled a news conference Thursday to announce charges.", "Thursday", "DATE",
     "2025-10-23"),
    ("The vote was postponed until March 3 after the protests.", "March 3", "DATE", "2026-03-03"),
    ("The council's session was moved back: it was postponed until March 3.", "March 3", "DATE", "2026-03-03"),
    # "last" before a day of the month names one already past
    ("He was shot last Oct. 23 at his home.", "Oct. 23", "DATE", "2024-10-23"),
    ("The rules will not change for a couple of years.", "a couple of years", "DURATION", "P2Y"),
    ("The chairman stepped down in March for health reasons.", "March", "DATE", "2025-03"),
    ("In London at mid-afternoon yesterday, the shares rose.", "mid-afternoon yesterday", "TIME", "2025-10-16TAF"),
    ("January nineteen ninety-seven. Atlanta again.", "January nineteen ninety-seven", "DATE", "1997-01"),
    ("Profit fell in the third quarter. For the quarter a year ago, the bank reported a loss.",
     "the quarter a year ago", "DATE", "2024-Q3"),
    ("Earnings for the last half of 2024 fell.", "the last half of 2024", "DATE", "2024-H2"),
    # a fiscal quarter ended July 31 is mostly the calendar second quarter
    ("Sales rose 4% in the quarter ended July 31.", "the quarter", "DATE", "2025-Q2"),
    # "the 2024 quarter": that year's edition of the quarter the report is about
    ("Net rose 5% in the third quarter. The results were published on Oct. 14. In the 2024 quarter, net fell.",
     "the 2024 quarter", "DATE", "2024-Q3"),
    # one duration of several units, each after the last smaller (time set 7)
    ("He won the stage after five hours and 12 minutes in the saddle.", "five hours and 12 minutes", "DURATION",
     "PT5H12M"),
    ("She won the marathon in 2 hours, 25 minutes, 40 seconds.", "2 hours, 25 minutes, 40 seconds", "DURATION",
     "PT2H25M40S"),
    ("I trained in the mountains every weekend.", "every weekend", "SET", "XXXX-WXX-WE"),
    ("The kids go there every afternoon.", "every afternoon", "SET", "XXXX-XX-XXTAF"),
    ("Like most starters, he pitches every fifth day.", "every fifth day", "SET", "P5D"),
    # the clause a weekday belongs to (time set 8): not a hyphenated adjective's participle, nor a participle
    # after a comma; a bare verb after "and" shares the modal of the verb before it
    ("The minister is expected to visit the worst-hit areas on Sunday.", "Sunday", "DATE", "2025-10-19"),
    ("A cold front should bring thunderstorms to the north-west on Saturday, with temperatures falling.", "Saturday", "DATE",
     "2025-10-18"),
    ("The players would rest and return to training on Wednesday.", "Wednesday", "DATE", "2025-10-22"),
    # "every fortnight" raised KeyError and took the article's whole time stage with it
    ("The committee meets every fortnight.", "every fortnight", "SET", "P2W"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,words,typ,value", CASES)
def test_expressions(nlp, text, words, typ, value):
    t = _one(nlp, text, words)
    assert t.text == words
    assert (t.type, t.value) == (typ, value)
    assert text[t.start:t.end] == t.text


@pytest.mark.slow
def test_approximation_is_the_mod(nlp):
    t = _one(nlp, "The meeting lasted about three hours.", "three hours")
    assert t.mod == "APPROX"


@pytest.mark.slow
def test_no_date_leaves_relative_expressions_unanchored(nlp):
    found = {t.text: t for t in _find(nlp, "Officials met last week and signed on August 15, 2024.", None)}
    assert found["last week"].anchored is False
    assert found["last week"].value == "XXXX-WXX"
    assert found["August 15, 2024"].anchored is True
    assert found["August 15, 2024"].value == "2024-08-15"


@pytest.mark.slow
def test_weekday_without_date_is_an_x_form(nlp):
    t = _one(nlp, "The minister said on Thursday that talks had stalled.", "Thursday", published=None)
    assert t.value == "XXXX-WXX-4" and t.anchored is False


def _tagged(pairs):
    """A Doc built by hand from (word, Penn tag) pairs: the rules need only the tags."""
    import spacy
    from spacy.tokens import Doc

    words, tags = zip(*pairs)
    return Doc(spacy.blank("en").vocab, words=list(words), tags=list(tags))


def test_tense_from_hand_tagged_doc():
    from newsweave.extract.timex import find_timexes

    past = _tagged([("Talks", "NNS"), ("resumed", "VBD"), ("on", "IN"), ("Thursday", "NNP"), (".", ".")])
    future = _tagged([("Talks", "NNS"), ("will", "MD"), ("resume", "VB"), ("on", "IN"), ("Thursday", "NNP"),
                      (".", ".")])
    assert [t.value for t in find_timexes(past, FRIDAY)] == ["2025-10-16"]
    assert [t.value for t in find_timexes(future, FRIDAY)] == ["2025-10-23"]


def test_long_runs_of_numbers_stay_fast():
    import time

    from newsweave.extract.timex import find_timexes

    doc = _tagged([(w, "CD") for w in ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"] * 300]
                  + [("years", "NNS")])
    t0 = time.perf_counter()
    found = find_timexes(doc, FRIDAY)
    assert time.perf_counter() - t0 < 5
    assert len(found) == 1 and found[0].type == "DURATION"


def test_untagged_doc_is_refused_with_advice():
    import spacy

    from newsweave.errors import ExtractError
    from newsweave.extract.timex import find_timexes

    doc = spacy.blank("en")("Talks resumed on Thursday.")
    with pytest.raises(ExtractError, match="tagged Doc"):
        find_timexes(doc, FRIDAY)
    assert find_timexes(spacy.blank("en")(""), FRIDAY) == []


@pytest.mark.slow
def test_day_before_a_clause_is_not_an_expression(nlp):
    # "before" opens a clause here; "the day before" alone is the anaphoric day
    assert _find(nlp, "He was last seen on a Monday, the day before authorities issued a warrant.")[-1].text == "Monday"
    t = _one(nlp, "The treaty was signed on May 4, 2020. Talks had nearly failed the day before.", "the day before")
    assert t.value == "2020-05-03"


@pytest.mark.slow
def test_ages_and_counts_are_not_time(nlp):
    found = _find(nlp, "The 6-year-old boy and 1990 other people were rescued.")
    assert found == []


@pytest.mark.slow
def test_same_result_with_or_without_the_parser(nlp):
    from newsweave.extract.timex import find_timexes

    text = ("The minister said on Thursday that the envoys would meet next week. A month earlier, "
            "talks had stalled; they will resume on Monday at 10 a.m.")
    full = find_timexes(nlp(text), FRIDAY)
    with nlp.select_pipes(enable=["tok2vec", "tagger"]):
        lean = find_timexes(nlp(text), FRIDAY)
    assert [(t.start, t.end, t.value) for t in full] == [(t.start, t.end, t.value) for t in lean]


@pytest.mark.slow
def test_stage_sets_timexes(nlp):
    from newsweave.extract.pipeline import get_stage
    from newsweave.model import Article, Extraction
    from newsweave.settings import Settings

    spec = get_stage("newsweave.timex.rules.v1")
    assert spec.assigns == ("timexes",)
    assert set(spec.spacy_components) <= set(nlp.pipe_names)
    article = Article(text="Talks resumed on Thursday.", published=FRIDAY)
    ex = Extraction(article=article, doc=nlp(article.text))
    spec.func(ex, Settings())
    assert [(t.text, t.value) for t in ex.timexes] == [("Thursday", "2025-10-16")]


def _seed(path: Path) -> tuple[date, str]:
    raw = path.read_text(encoding="utf-8")
    m = re.match(r"\s*date\s+(\d{4}-\d{2}-\d{2})\s+", raw)
    assert m, f"{path} has no 'date YYYY-MM-DD' header"
    return date.fromisoformat(m.group(1)), raw[m.end():]


@pytest.mark.slow
def test_seed_articles(nlp, seeds_dir):
    """The seeds' expectations: Thursday -> 2025-10-16, next week -> 2025-W43, in August -> 2025-08,
    August 15 -> 2025-08-15, October 17 -> 2025-10-17 (each wherever a seed article has it)."""
    expected = {"thursday": "2025-10-16", "next week": "2025-W43", "august": "2025-08",
                "august 15": "2025-08-15", "october 17": "2025-10-17"}
    seen: dict[str, set[str]] = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        published, text = _seed(path)
        from newsweave.extract.timex import find_timexes

        for t in find_timexes(nlp(text), published):
            seen.setdefault(t.text.lower(), set()).add(t.value)
    checked = 0
    for words, value in expected.items():
        if words in seen:
            assert seen[words] == {value}, (words, seen[words])
            checked += 1
    assert checked >= 3, f"too few seed expressions found: {sorted(seen)}"


# Dev figures measured with benchmarks/timex_eval.py (timebank + aquaint concatenated); a change
# that lowers one by more than 0.01 fails until this baseline is lowered on purpose.
BASELINE = {"strict": 0.900, "relaxed": 0.950, "value": 0.820}


@pytest.mark.slow
@pytest.mark.eval
def test_dev_scores_hold(shared_dir, tmp_path):
    bench = Path(__file__).resolve().parent.parent / "benchmarks" / "timex_eval.py"
    spec = importlib.util.spec_from_file_location("timex_eval", bench)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    from newsweave.extract.pipeline import get_stage

    components = get_stage("newsweave.timex.rules.v1").spacy_components
    results = module.run(tmp_path, tuple(components))
    both = results["both"]
    print(json.dumps(both))
    for key, floor in BASELINE.items():
        assert both[key]["f1"] >= floor - 0.01, f"{key} F1 {both[key]['f1']} fell below baseline {floor}"


@pytest.mark.slow
def test_day_before_month_with_a_clock_does_not_crash(nlp):
    # The day-month order reaches the clock reader through a merged match (a regression: it raised).
    from newsweave.extract.timex import find_timexes

    found = find_timexes(nlp("Talks resumed on 3 October, 11:00, in Geneva."), date(2008, 5, 20))
    assert [t.value for t in found][:1] == ["2007-10-03"]
