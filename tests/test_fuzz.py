"""Property tests (hypothesis): the ingest parsers, span offsets and TIMEX normalisation never break.

* ingest: ``sniff_format``, ``parse_date``, ``parse_credit`` and ``read_inputs`` on random bytes and
  text files raise nothing but the documented errors and yield only ``Article | IngestError``;
* spans: for random texts run through the real pipeline, every extracted span lies inside the text
  and ``text[start:end]`` is the span's text (mentions, attributions, timexes, event evidence);
* TIMEX: ``find_timexes`` on random date-ish sentences with random publication dates never raises
  and gives well-formed TIMEX3 values.

Example counts are modest: CI runs the whole suite on two cores.
"""

from __future__ import annotations

import io
import re
import string
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from newsweave.errors import IngestError
from newsweave.ingest import (
    DateError,
    FieldMap,
    parse_credit,
    parse_date,
    read_inputs,
    sniff_format,
)
from newsweave.model import Article

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Text that looks like the inputs newsweave reads, so the fuzzer reaches past the format sniffing.
_FRAGMENTS = [
    "{", "}", "[", "]", '"text": ', '"published": ', '"id": ', ",", ":", "\n", "\r\n", "\t", '"', "'",
    "<rss>", "<item>", "<description>", "</item>", "<html>", "<body>", "<p>", "</p>", "<!DOCTYPE", "<!ENTITY",
    "<?xml version='1.0'?>", "date 2025-10-17\n", "text,published\n", "&amp;", "&#0;", "\x00", "\ufeff",
    "WASHINGTON, October 17. /TASS/.", "(AFP)", "2025-02-30", "null", "true", "1e999", "\\u0000", "\\ud800",
    "\u041c\u043e\u0441\u043a\u0432\u0430", "\u5317\u4eac", "\u0642\u0627\u0644",
]
document_text = st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=20)), max_size=40).map("".join)
document_bytes = st.one_of(
    st.binary(max_size=2000),
    document_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    document_text.map(lambda t: t.encode("utf-16")),
    st.tuples(st.sampled_from([b"\x1f\x8b\x08\x00", b"BZh9", b"\xef\xbb\xbf", b"\xff\xfe", b""]), st.binary(max_size=500)).map(b"".join),
)
SUFFIXES = ["", ".txt", ".jsonl", ".json", ".csv", ".tsv", ".html", ".rss", ".xml", ".gz", ".jsonl.gz", ".md"]


def _only_articles_and_errors(items) -> list:
    out = list(items)
    for item in out:
        assert isinstance(item, (Article, IngestError)), type(item)
        if isinstance(item, IngestError):
            assert item.origin and item.reason
            assert "unexpected" not in item.reason, item  # a reader crashed instead of explaining
        else:
            assert item.text.strip() and item.id
            item.text.encode("utf-8")  # storable: no lone surrogates
    return out


@FAST
@given(data=document_bytes)
def test_sniff_format_on_random_bytes(data):
    try:
        assert sniff_format(data) in ("seed", "jsonl", "json", "csv", "html", "feed", "text")
    except IngestError as exc:
        assert exc.reason


@FAST
@given(data=document_bytes, suffix=st.sampled_from(SUFFIXES))
def test_read_inputs_on_random_files(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        items = _only_articles_and_errors(read_inputs([path], max_file_bytes=100_000))
        for item in items:
            assert str(path) in (item.origin or ""), item


@FAST
@given(text=document_text, fmt=st.sampled_from([None, "seed", "jsonl", "json", "csv", "html", "feed", "text"]))
def test_read_inputs_on_random_stdin(text, fmt):
    stream = io.BytesIO(text.encode("utf-8", "surrogatepass"))
    _only_articles_and_errors(read_inputs(["-"], stdin=stream, format=fmt, fields=FieldMap()))


@FAST
@given(value=st.one_of(
    st.none(), st.integers(), st.floats(allow_nan=True), st.booleans(), st.dates(), st.datetimes(),
    st.text(max_size=40),
    st.from_regex(r"\A\d{1,5}[-/. ]\d{1,3}[-/. ]\d{1,5}(T\d\d:\d\d(Z|[+-]\d\d:\d\d)?)?\Z"),
    st.from_regex(r"\A(Mon|Tue|Fri)?,? ?\d{1,2} (Jan|Feb|Oct|Sept|Foo)\.? \d{1,5}( \d\d:\d\d:\d\d GMT)?\Z"),
))
def test_parse_date_returns_a_date_or_says_why(value):
    try:
        result = parse_date(value)
    except DateError as exc:
        assert str(exc)
        return
    assert result is None or isinstance(result, date)


@FAST
@given(text=document_text)
def test_parse_credit_on_random_text(text):
    credit = parse_credit(text)
    if credit.span is not None:
        assert 0 <= credit.span.start <= credit.span.end <= len(text)
        assert text[credit.span.start : credit.span.end] == credit.span.text
    assert credit.wire is None or credit.wire in credit.agencies


# --------------------------------------------------------------------------- TIMEX values

_DATE_VALUE = re.compile(
    r"^(?:PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|(?:\d{1,4}|X{1,4}|\d{2,3}X{1,2})"  # year, decade (202X / 202), century
    r"(?:-(?:\d{2}|XX|W\d{2}|WXX|Q[1-4X]|H[12X]|SP|SU|FA|WI)"
    r"(?:-(?:\d{2}|XX|WE|[1-7]))?)?"
    r"(?:T(?:\d{2}(?::\d{2}(?::\d{2})?)?|MO|AF|EV|NI|DT|XX(?::XX)?))?)$"
)
_DURATION_VALUE = re.compile(r"^P(?=.)(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|Q|DE|CE|L|E|C))*(?:T(?=.)(?:(?:\d+(?:\.\d+)?|X)[HMS])*)?$")

_WORDS = {
    "pre": ["on", "last", "next", "this", "early", "late", "since", "by", "until", "in", "from", "around", "every", "", "the"],
    "unit": ["Monday", "Thursday", "week", "month", "year", "weekend", "summer", "decade", "quarter", "morning",
             "tomorrow", "yesterday", "today", "tonight", "midnight", "noon", "spring", "century"],
    "month": ["January", "February", "Feb.", "March", "April", "Sept.", "October", "December", "Foo"],
}
date_phrase = st.one_of(
    st.builds(lambda p, u: f"{p} {u}".strip(), st.sampled_from(_WORDS["pre"]), st.sampled_from(_WORDS["unit"])),
    st.builds(lambda m, d: f"{m} {d}", st.sampled_from(_WORDS["month"]), st.integers(0, 40)),
    st.builds(lambda d, m, y: f"{d} {m} {y}", st.integers(0, 40), st.sampled_from(_WORDS["month"]), st.integers(0, 99999)),
    st.builds(lambda y, m, d: f"{y}-{m:02d}-{d:02d}", st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)),
    st.builds(lambda n, u, a: f"{n} {u}{a}", st.sampled_from(["two", "three", "a", "10", "0", "1.5", "several", "99999"]),
              st.sampled_from(["days", "hours", "weeks", "months", "years", "minutes", "decades"]),
              st.sampled_from(["", " ago", " later", " earlier", " from now"])),
    st.builds(lambda y: f"the {y}s", st.integers(0, 2990).map(lambda y: y - y % 10)),
    st.builds(lambda h, m, ap: f"{h}:{m:02d} {ap}", st.integers(0, 25), st.integers(0, 61), st.sampled_from(["a.m.", "p.m.", "GMT", ""])),
    st.sampled_from(["Q3 2024", "the third quarter", "in 2025", "in the year 0", "fiscal 2026", "the past 24 hours", "a month earlier"]),
)
sentence = st.builds(
    lambda subject, verb, phrase, tail: f"{subject} {verb} {phrase}{tail}",
    st.sampled_from(["The minister", "Officials", "He", "The talks", "Prices"]),
    st.sampled_from(["said", "will meet", "met", "have risen", "are expected", "was held"]),
    date_phrase,
    st.sampled_from([".", ", officials said.", " and again the next day.", ""]),
)
published = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9998, 12, 31)))


@pytest.mark.slow
@SLOW
@given(sentences=st.lists(sentence, min_size=1, max_size=3), day=published)
def test_timex_values_are_well_formed(nlp, sentences, day):
    from newsweave.extract.timex import find_timexes

    text = " ".join(sentences)
    doc = nlp(text)
    for timex in find_timexes(doc, day):
        assert 0 <= timex.start < timex.end <= len(text)
        assert text[timex.start : timex.end] == timex.text
        assert timex.type in ("DATE", "TIME", "DURATION", "SET")
        if timex.type == "DURATION":
            ok = _DURATION_VALUE.match(timex.value)
        elif timex.type == "SET":  # "every year" is P1Y, "every Tuesday" XXXX-WXX-2
            ok = _DURATION_VALUE.match(timex.value) or _DATE_VALUE.match(timex.value)
        else:
            ok = _DATE_VALUE.match(timex.value)
        assert ok, f"{timex.text!r} ({timex.type}) -> {timex.value!r} is not TIMEX3"


# --------------------------------------------------------------------------- span offsets

_NAMES = ["Vladimir Putin", "Donald Trump", "the Kremlin", "Moscow", "Budapest", "Mr. Lavrov", "NATO", "the EU", "Kyiv"]
_CUES = ["said", "told reporters", "claimed", "announced", "according to", "warned"]
news_sentence = st.one_of(
    st.builds(lambda a, c, b, p: f'{a} {c} that {b} would meet {p}.', st.sampled_from(_NAMES), st.sampled_from(_CUES),
              st.sampled_from(_NAMES), date_phrase),
    st.builds(lambda q, a, c: f'"{q}," {a} {c}.', st.text(alphabet=string.ascii_letters + " ,.'", min_size=1, max_size=60),
              st.sampled_from(_NAMES), st.sampled_from(_CUES)),
    st.builds(lambda a, b, v: f"{a} {v} {b}.", st.sampled_from(_NAMES), st.sampled_from(_NAMES),
              st.sampled_from(["attacked", "threatened", "signed a deal with", "criticised", "met"])),
    st.text(min_size=1, max_size=80),
    st.sampled_from(["\u041f\u0443\u0442\u0438\u043d \u0437\u0430\u044f\u0432\u0438\u043b.", "\u666e\u4eac\u8bf4\u3002", "\n\n", "  \t ", "\u200b", "\x00"]),
)


def _check(text: str, span, what: str) -> None:
    if span is None:
        return
    assert 0 <= span.start <= span.end <= len(text), f"{what} {span} outside the text"
    assert text[span.start : span.end] == span.text, f"{what} {span!r} != {text[span.start:span.end]!r}"


@pytest.fixture(scope="module")
def pipeline():
    from newsweave.extract.pipeline import Pipeline
    from newsweave.settings import Settings

    return Pipeline(Settings())


@pytest.mark.slow
@SLOW
@given(sentences=st.lists(news_sentence, min_size=1, max_size=6), day=published)
def test_extracted_spans_lie_inside_the_text(pipeline, sentences, day):
    text = " ".join(sentences)
    assume(text.strip())
    (ex,) = list(pipeline.run([Article(text=text, id="fuzz", published=day)]))
    for mention in ex.mentions:
        _check(text, mention, "mention")
    for attribution in ex.attributions:
        for part in attribution.content:
            _check(text, part, "attribution content")
        _check(text, attribution.source, "attribution source")
        _check(text, attribution.cue, "attribution cue")
        _check(text, attribution.channel, "attribution channel")
        _check(text, attribution.speaker, "attribution speaker")
    for timex in ex.timexes:
        _check(text, timex, "timex")
    for event in ex.events:
        _check(text, event.evidence, "event evidence")
        for actor in [*event.source, *event.target]:
            if actor.start is not None:
                assert 0 <= actor.start <= actor.end <= len(text)
                assert text[actor.start : actor.end] == actor.text, f"actor {actor}"
