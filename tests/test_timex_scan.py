"""The time-expression rules are tried only where a word starts with a character they can begin with:
the matches must be exactly those of a full ``finditer`` pass of every rule."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsweave.extract.timex_find import (
    RULES,
    _rule_matches,
    find_candidates,
    first_chars,
)

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def _full_passes(text: str) -> list[tuple]:
    return [(i, m.span(), m.groupdict()) for i, rule in enumerate(RULES) for m in rule.pattern.finditer(text)]


def _scanned(text: str) -> list[tuple]:
    return [(i, m.span(), m.groupdict()) for i, m in _rule_matches(text)]


def test_first_characters_of_patterns():
    assert first_chars(re.compile(r"(?<!\w)(?:the\s+)?(?:past|next)\s+week", re.I)) == frozenset("tpn")
    assert first_chars(re.compile(r"(?:\d+|twenty)\s+days", re.I)) == frozenset("0123456789t")
    # an optional part lets the next one begin; a word character, any character or the empty match: unknown
    assert first_chars(re.compile(r"(?:about\s+)?(?:[2-3]\d)?x", re.I)) == frozenset("a23x")
    assert first_chars(re.compile(r"(?:\w+)\s+times", re.I)) is None
    assert first_chars(re.compile(r"(?:a)?", re.I)) is None
    assert first_chars(re.compile(r".b")) is None


@pytest.mark.parametrize("text", [
    "On Sunday, three days ago, the company said its 1990s fiscal 1989 results were due next week.",
    # case folding takes these non-ASCII letters to ASCII ones: "ſunday" is Sunday, "\u212aelvin" has a k
    "They met on \u017funday morning, about two weeks after the \u212aelvin report of March 3, 2001.",
    "in the mid-1990s, '90s, 2:30 p.m. EST, every other week, twice a month, Christmas Eve 1999",
    "half-year, the year-end, yesterday's record, the day before, then-current policies", "", "a",
])
def test_scan_finds_what_full_passes_find(text):
    assert _scanned(text) == _full_passes(text)


@pytest.mark.slow
def test_scan_finds_what_full_passes_find_on_news():
    files = [SHARED / "timex" / "timebank.jsonl", SHARED / "timex" / "aquaint.jsonl",
             SHARED / "attribution" / "polnear-dev.jsonl"]
    texts = [json.loads(line)["text"] for f in files for line in f.read_text(encoding="utf-8").splitlines() if line]
    assert len(texts) > 300
    found = 0
    for text in texts:
        expected = _full_passes(text)
        assert _scanned(text) == expected, text[:80]
        found += len(expected)
    assert found > 3000


def test_candidates_of_a_sentence():
    class _NoTags:
        def tag(self, start):
            return "NNP"

    text = "The talks began on Monday, two weeks after March 3, 2001."
    spans = [text[c.start:c.end] for c in find_candidates(text, _NoTags())]
    assert spans == ["Monday", "two weeks", "March 3, 2001"]
