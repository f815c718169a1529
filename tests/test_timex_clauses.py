"""Which day a weekday, month or clock time is: read from the clause it belongs to, and the words
around it (issue 14, item 3). Found by comparing our values with HeidelTime's on unlabelled election
coverage and on a fictional set written apart from the code (``tests/data/timex_fictional_blind1.jsonl``).

Every sentence here is fictional, written for these tests; the article is dated Friday 2025-10-17.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

FRIDAY = date(2025, 10, 17)


def _found(nlp, text, day=FRIDAY):
    from newsweave.extract.timex import find_timexes

    return [(t.text, t.type, t.value) for t in find_timexes(nlp(text), day)]


CASES = [
    # a participle between a determiner and its noun is no clause's verb: the future tense decides
    ("Commissioners will discuss the remaining losses at 10 a.m. Thursday.",
     ("10 a.m. Thursday", "TIME", "2025-10-23T10:00")),
    ("The observatory will hold public viewing sessions on Tuesday.", ("Tuesday", "DATE", "2025-10-21")),
    # a participle that works as a preposition carries no tense
    ("Trains will run every ten minutes from August, compared with every 15 minutes now.",
     ("August", "DATE", "2026-08")),
    # a verb after "and" heads another clause
    ("Ministers would declare their intention by the end of March and suggested a vote.",
     ("the end of March", "DATE", "2026-03")),
    # a clause that begins after the date ("that he thinks") does not date it
    ("Telling reporters during a visit to Oslo on Thursday that he thinks the deal is fair, the minister left.",
     ("Thursday", "DATE", "2025-10-16")),
    # adverbs and odd spaces between an auxiliary and its verb
    ("The chamber will most likely vote on the measures on Monday.", ("Monday", "DATE", "2025-10-20")),
    ("The senator did\u00a0support the idea on Wednesday.", ("Wednesday", "DATE", "2025-10-15")),
    # an infinitive after the date has no time of its own: the finite verb before it tells
    ("Staff took advantage of a glitch on Wednesday to access the data.", ("Wednesday", "DATE", "2025-10-15")),
    # an infinitive after an implicative verb in the past happened then; after a verb of intent, it is to come
    ("The scandal forced the chairwoman to resign from her post Sunday.", ("Sunday", "DATE", "2025-10-12")),
    ("The candidate struggled to answer a simple question on Tuesday.", ("Tuesday", "DATE", "2025-10-14")),
    ("The leaders agreed to meet on Tuesday.", ("Tuesday", "DATE", "2025-10-21")),
    # a past catenative ("kept going") tells of the past, "until" notwithstanding
    ("Crowds kept going until nearly 2 a.m. Thursday in defiance of the curfew.",
     ("2 a.m. Thursday", "TIME", "2025-10-16T02:00")),
    # a day's event as the subject of a verb to come is to come; as an object, it is the day past
    ("Monday's debate in Ohio will be his first.", ("Monday", "DATE", "2025-10-20")),
    ("Unions will look for ways to get around Wednesday's ruling.", ("Wednesday", "DATE", "2025-10-15")),
    # "of next year" belongs to the month
    ("Leaders agreed to draft a plan by March of next year.", ("March of next year", "DATE", "2026-03")),
    # "the previous year" is the year before the one the text last named
    ("The line carried 41,000 passengers in 2015, up 8 percent from the previous year.",
     ("the previous year", "DATE", "2014")),
    # a list or range of months shares its year
    ("Bookings for December and January were down.", ("January", "DATE", "2025-01")),
    # a clock time is on the day named right after it
    ("Services ended after 8 p.m. on New Year's Eve.", ("8 p.m.", "TIME", "2024-12-31T20:00")),
    # a clock time is on the day the text last named, though a year was named after it
    ("The marathon was run on Sunday. The record had stood since 2011. The race started at 7 a.m.",
     ("7 a.m.", "TIME", "2025-10-12T07:00")),
    # a live blog's entry stamps are on the page's day, whatever the entry before them was about
    ("Flights will be cancelled tomorrow.\n\n08:45 Queues stretch back to the car park.",
     ("08:45", "TIME", "2025-10-17T08:45")),
    ("The debate was on Monday night.\n\n3:25 p.m.\n\nThe candidate defended his posts.",
     ("3:25 p.m.", "TIME", "2025-10-17T15:25")),
    # a range is two expressions, the second of the first one's month and year
    ("Members voted online from March 1-8 last year.", ("March 1", "DATE", "2025-03-01")),
    ("Members voted online from March 1-8 last year.", ("8", "DATE", "2025-03-08")),
    ("The topic was discussed from 2010-2011 in Geneva.", ("2011", "DATE", "2011")),
    ("Salmon were seen swimming upstream on October 12 and 13.", ("13", "DATE", "2025-10-13")),
    # a year before a plural noun is a count ("1990 people"), unless a determiner makes it the year's
    ("The firm will present its 2024 results next week.", ("2024", "DATE", "2024")),
    # "were allowed to return" happened then
    ("Most residents were allowed to return on Sunday evening.", ("Sunday evening", "DATE", "2025-10-12TEV")),
    # a weekend told in the present on a weekday is the coming one
    ("The zoo expects large crowds this weekend.", ("this weekend", "DATE", "2025-W42-WE")),
    # a decade with a curly apostrophe
    ("After the collapse of the 1980’s market, he bought land.", ("the 1980’s", "DATE", "198")),
    # (sixth session, from timex_fictional_blind3) a date something is set for is to come; a day told in
    # the present is a schedule
    ("The judge set sentencing for Jan. 23.", ("Jan. 23", "DATE", "2026-01-23")),
    ("The next round of talks begins in Baku on July 11.", ("July 11", "DATE", "2026-07-11")),
    # a modal perfect looks back, its "have" being no verb of its own
    ("A smaller tremor on Saturday may have been a foreshock.", ("Saturday", "DATE", "2025-10-11")),
    # a clock time told in the present or future is not on a day gone by
    ("He has been out since Sept. 29. First pitch is at 5:07 p.m.", ("5:07 p.m.", "TIME", "2025-10-17T17:07")),
    # (from timex_fictional_blind4) a period's end in another sentence is not a bare clock time's day; a
    # day named right before the clock time is
    ("Profit for the three months to August 31 fell. The results came out at 4:05 p.m.",
     ("4:05 p.m.", "TIME", "2025-10-17T16:05")),
    ("The hall opens for visitors on Saturday, November 29, from 10 a.m.", ("10 a.m.", "TIME", "2025-11-29T10:00")),
    # a passive infinitive is to come; a strike called "for" a day is; "the second time in three years" counts
    ("The new plant is due to be completed in July.", ("July", "DATE", "2026-07")),
    ("Unions have called a strike at the plant for Thursday.", ("Thursday", "DATE", "2025-10-23")),
    ("He will take leave for the second time in three years.", ("three years", "DURATION", "P3Y")),
    # (seventh session, from timex_fictional_blind5) a first or a record "in N months" counts a stretch; a
    # stretch announced "beginning on" a weekday starts on the coming one
    ("He won his first title in 18 months.", ("18 months", "DURATION", "P18M")),
    ("The government declared three days of mourning, beginning on Sunday.", ("Sunday", "DATE", "2025-10-19")),
    # (eighth session, from timex_fictional_blind6) a quarter named by its months; "the same period" after a half
    # is that half, and "of 2024" names its year; a season expected, told in the past, lies ahead
    ("The economy grew 8.8 percent in the April-June quarter.", ("the April-June quarter", "DATE", "2025-Q2")),
    ("It booked 198 orders in the first half, against 151 in the same period last year.",
     ("the same period last year", "DATE", "2024-H1")),
    ("It lost $2 million in the third quarter, against a profit in the same period of 2024.",
     ("the same period of 2024", "DATE", "2024-Q3")),
    ("Analysts said they expected one more cut in the spring.", ("the spring", "DATE", "2026-SP")),
    # a day "last year" is one expression, in that year (from a trial report of stories_fictional_blind8)
    ("He entered the cafe on the evening of December 9 last year.", ("December 9 last year", "DATE", "2024-12-09")),
    # a headline's year is not counting the words that open the text under it
    ("Shares close at highest level since 2000\n\nGerman shares closed higher.", ("2000", "DATE", "2000")),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", CASES)
def test_clause_readings(nlp, text, expected):
    assert expected in _found(nlp, text), _found(nlp, text)


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # In a January article, a quarter told in the past that has not begun this year is last year's; a
    # clause after a comma and "though", or a participle after a comma, does not date what precedes it.
    ("Output had slowed sharply in the third quarter.", ("the third quarter", "DATE", "2024-Q3")),
    ("The economy grew in the fourth quarter, though most expect a slowdown.", ("the fourth quarter", "DATE", "2024-Q4")),
    ("Orvik reported Thursday a rise in fourth-quarter profit, beating forecasts.", ("fourth-quarter", "DATE", "2024-Q4")),
])
def test_quarters_told_in_january(nlp, text, expected):
    assert expected in _found(nlp, text, date(2025, 1, 22))


NOT_TIME = [
    # a time word written as part of a name
    ("A USA TODAY analysis of the filings shows it.", "TODAY"),
    ("The donor gave $1 million to For Our Future, a campaign group.", "Future"),
    ("This is VOA Today.", "Today"),
    ("Sales rose on October 12 and 13 percent later.", "13"),
    # a score is no range of days
    ("The hosts won 3-1 in May 2-1 on aggregate.", "2"),
    # banknotes
    ("The cashier took a handful of $20s from the till.", "20s"),
    # a rate of a measure, and a fall that is a drop (seventh session, from timex_fictional_blind5)
    ("Winds reached 140 kilometres per hour on the coast.", "per hour"),
    ("The fall in fuel prices is good news for drivers.", "fall"),
    # a share of a point (eighth session, from timex_fictional_blind6)
    ("The bank cut its rate by three quarters of a percentage point.", "quarters"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,words", NOT_TIME)
def test_not_time(nlp, text, words):
    assert not [t for t in _found(nlp, text) if words in t[0]], _found(nlp, text)


@pytest.mark.slow
def test_sentence_initial_time_words_stay_times(nlp):
    found = _found(nlp, "Prices fell on Wednesday. Yesterday, they rose. Now they rise.")
    assert ("Yesterday", "DATE", "2025-10-16") in found and ("Now", "DATE", "PRESENT_REF") in found


# Fictional sets written apart from the code, scored with ../shared/eval/score.py timex after
# `newsweave extract FILE -o OUT`. Set 1 (40 articles, 14 styles; ages, rates and fiscal years relabelled
# to the dev's conventions before it was scored): value F1 0.930 on first sight, 0.957 after the clause
# rules above. Set 2 (40 wire and Wikinews-style articles, written after those rules): 0.955 on first
# sight (0.946 with the rules before them), 0.961 after the ranges with "and", "its 2024 results",
# "were allowed to" and the present-tense weekend. A change that lowers one by more than 0.01 fails.
# Set 3 (40 articles of 1995-2024 in MEANTIME and TempEval styles, written in the sixth session after all
# of it): 0.943 on first sight, 0.959 after the quarter, clause, "set for", modal-perfect, present-schedule
# and clock-time rules above (the rest is mostly the writer's spans: possessives and "about" inside).
# Set 4 (40 Wikinews-style business articles of 2004-2012, conventions counted from the dev files by the writer):
# 0.935 on first sight, 0.946 after the clock-time, fiscal-quarter, passive-infinitive, "called ... for" and
# "time in N years" rules; rates ("40 percent a year") are the writer's SET P1Y, which the dev leaves untagged.
# Set 5 (40 wire and Wikinews-style articles of 2011-2015, seventh session): 0.931 on first sight, 0.939 after
# the rate, "the fall", "first ... in N months" and "beginning on" rules. Most of the rest is the writer's ages
# ("52-year-old" as P52Y; the dev tags none of its 38) and anchored "N years later" as a year.
# Set 6 (40 Wikinews-style business articles of 2004-2012, eighth session): 0.922 on first sight, 0.933 after the
# month-span quarter, "the same period" of a half or a named year, the expected season, "three quarters of a
# point" and the headline's "since 2000" (sets 2-4 rose with them: 0.963, 0.962, 0.953). Most of the rest is
# the writer's conventions the dev does not share: rates ("$1 billion a year") as SET, "former" as PAST_REF,
# "fiscal 2005" as FY2005, "N years later" as a year.
BLIND_VALUE_F1 = {"timex_fictional_blind1.jsonl": 0.957, "timex_fictional_blind2.jsonl": 0.963,
                  "timex_fictional_blind3.jsonl": 0.962, "timex_fictional_blind4.jsonl": 0.953,
                  "timex_fictional_blind5.jsonl": 0.939, "timex_fictional_blind6.jsonl": 0.933}


@pytest.mark.slow
@pytest.mark.eval
@pytest.mark.parametrize("name", sorted(BLIND_VALUE_F1))
def test_blind_set_value_f1_holds(nlp, name):
    from newsweave.eval import scoring
    from newsweave.extract.timex import find_timexes

    path = Path(__file__).parent / "data" / name
    gold = {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    system = {i: {"timexes": [{"start": t.start, "end": t.end, "type": t.type, "value": t.value}
                              for t in find_timexes(nlp(r["text"]), date.fromisoformat(r["published"]))]}
              for i, r in gold.items()}
    value = scoring.timex(gold, system)["value"]["f1"]
    assert value >= BLIND_VALUE_F1[name] - 0.01, value


def test_an_adverb_between_will_and_its_verb_keeps_the_future(nlp):
    # "will next update investors in January" (a September article): next January
    from newsweave.extract.timex import find_timexes
    doc = nlp("The company will next update investors in January.")
    assert [t.value for t in find_timexes(doc, date(2006, 9, 19))] == ["2007-01"]
