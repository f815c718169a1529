"""A headline for an article that came without one: its lede's first sentence, read carefully.

Plain text and seed files carry no title, so a title has to be read from the text. The first
sentence is the usual headline of a news text, but a naive split gets it wrong in the ways news
writing invites:

* a **dateline** opens the text (``WASHINGTON, October 17. /TASS/.``, ``LONDON (Reuters) -``,
  ``KYIV —``): it is where and when, not what, and is skipped;
* a full stop after an **abbreviation** does not end the sentence: ``U.S.``, ``E.U.``, ``vs.``,
  ``Mr.``, ``Sept.``, an initial (``Mary J. Blige``);
* a full stop **inside a URL** (``www.example.com``, ``http: / / www. example. com / a - b``, as
  tokenised corpora write them) ends nothing, and a link opening the text is not part of the headline;
* a short first line without final punctuation, followed by a blank line, is the headline itself;
* a closing agency credit (``(AFP)``) is not part of it.

A headline longer than ``limit`` characters is cut at a word with an ellipsis.
"""

from __future__ import annotations

import re

from ..text import BARE_DATELINE
from .credit import parse_credit

__all__ = ["headline"]

# Words that end with a full stop without ending a sentence (lower-cased, without the stop).
_ABBREVIATIONS = frozenset(
    ["vs", "v", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "maj", "adm", "cmdr", "prof", "rev", "hon", "pres", "supt", "insp", "no", "nos", "inc", "corp", "co", "ltd", "llc", "plc", "dept", "univ", "assn", "bros", "est", "approx", "ca", "cf", "etc", "al", "fig", "mt", "ft", "ave", "blvd", "rd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo"]
)
_URL = re.compile(r"\b(?i:https?[ \t]*:[ \t]*/[ \t]*/[ \t]*|www[ \t]*\.[ \t]*)[\w%~+\-]*"
                  r"(?:(?:[ \t]*[/\-_?=&#])+[ \t]*[A-Za-z0-9%~+]+|\.[ \t]*[a-z0-9][\w%~+\-]*)*(?:[ \t]*/)?")
_CANDIDATE_END = re.compile(r"[.!?…][\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")
_TRAILING_CREDIT = re.compile(r"\s*\((?:[A-Z][\w.\- ]{1,30}|with inputs from [^)]{1,40})\)\s*$", re.IGNORECASE)
_TERMINAL = re.compile(r"[.!?…:;,\"”’)]$")


def headline(text: str, limit: int = 110) -> str:
    """The headline of an article without a title: its first sentence after any dateline (see module)."""
    text = (text or "").strip()
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    while lines and (_URL.fullmatch(lines[0]) or _is_date_line(lines[0])):
        lines.pop(0)  # a source link or a publication date on a line of its own
    # A short first line without final punctuation, then a line that starts anew (a capital, a digit):
    # a headline already ("Second climber dies at Mt Cook" / "Sun, 15 Sep 2013" / "Two men have died…").
    # A hard-wrapped lede does not pass: its next line carries on the sentence.
    if len(lines) > 1 and 3 <= len(lines[0].split()) <= 20 and not _TERMINAL.search(lines[0]) \
            and not _URL.match(lines[0]) and (lines[1][:1].isupper() or lines[1][:1].isdigit() or lines[1][:1] in "\"“'‘"):
        return _cut(lines[0], limit)
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = " ".join(paragraph.split())
        if link := _URL.match(paragraph):
            # A source link written before the text ("http: / / www. example. com / a - b Title …").
            paragraph = paragraph[link.end():].strip()
        paragraph = _skip_dateline(paragraph)
        if len(paragraph.split()) < 3:
            continue  # a link or a stray word is no headline
        return _cut(_first_sentence(paragraph), limit)
    return _cut(" ".join(text.split()), limit)


_DATE_WORDS = frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "am", "pm", "a.m", "p.m", "gmt", "utc", "bst", "cet", "est", "edt", "pst", "pdt", "published", "updated", "posted", "last", "on", "at"])


def _is_date_line(line: str) -> bool:
    """A line that only dates the text: "September 15, 2013 11: 26 pm", "Published: April 10, 2007"."""
    words = [w.strip(",.:;()|-").lower() for w in line.split()]
    words = [w for w in words if w]
    return 0 < len(words) <= 10 and any(w.isdigit() for w in words) and all(
        w in _DATE_WORDS or w.replace(":", "").replace("/", "").isdigit() for w in words)


def _skip_dateline(paragraph: str) -> str:
    credit = parse_credit(paragraph[:300])
    if credit.datelined and credit.span is not None and credit.span.start == 0:
        paragraph = paragraph[credit.span.end:].lstrip(" -—–:.")
    elif match := BARE_DATELINE.match(paragraph):
        rest = paragraph[match.end():]
        if rest[:1].isupper() or rest[:1] in "\"“":
            paragraph = rest
    return paragraph.strip()


def _first_sentence(paragraph: str) -> str:
    # URLs are masked (same length) so that their dots never end a sentence.
    masked = _URL.sub(lambda m: "x" * len(m.group(0)), paragraph)
    for match in _CANDIDATE_END.finditer(masked):
        if masked[match.start()] == "." and _is_abbreviation(masked[: match.start()]):
            continue
        sentence = paragraph[: match.end()]
        break
    else:
        sentence = paragraph
    return _TRAILING_CREDIT.sub("", sentence).strip()


def _is_abbreviation(before: str) -> bool:
    word = before.rsplit(None, 1)[-1] if before.strip() else ""
    word = word.lstrip("\"“‘'([")
    if not word:
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "Mary J. Blige"
    if "." in word and all(len(part) <= 2 for part in word.split(".")):
        return True  # "U.S", "E.U", "a.m"
    return word.lower() in _ABBREVIATIONS


def _cut(headline_text: str, limit: int) -> str:
    headline_text = headline_text.strip()
    if len(headline_text) <= limit:
        return headline_text
    return headline_text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
