"""Time expressions (TIMEX3, as TempEval-3 annotates them), found and normalised against the article's date.

``find_timexes(doc, published)`` returns every DATE, TIME, DURATION and SET expression of a parsed
article with its character offsets and its TIMEX3 value: "on Thursday" in a past-tense sentence of
an article of Friday 2025-10-17 is ``2025-10-16``; "will meet on Thursday" is the Thursday to come;
"next week" is ``2025-W43``; "three hours" is ``PT3H``; "every year" is the SET ``P1Y``.

How it works: rules in ``timex_find`` (regular expressions over the text, with the words in
``timex_lexicon``) pick the longest non-overlapping expressions; each is then given its value in
text order, asking this module for the tense of the clause around it (from the spaCy tags: the
nearest verb and its auxiliaries) and for the date the text mentioned last (the
anchor of "a month earlier"). The meanings are built in ``timex_normalize`` (quarters and fiscal
periods in ``timex_quarters``, the reasoning both share in ``timex_reading``), calendar arithmetic
is in ``timex_calendar``.

An article without a date still gets absolute dates right ("August 15, 2025"); relative expressions
then get ``anchored=False`` and the TIMEX3 unknown form (``XXXX-WXX``, ``XXXX-XX-XX``).
"""

from __future__ import annotations

import bisect
import re
from datetime import date, datetime
from itertools import pairwise

from ..errors import ExtractError
from ..model import Extraction, Timex
from ..settings import Settings
from .pipeline import stage
from .timex_calendar import Anchor, parse_value
from .timex_find import find_candidates, range_end

__all__ = ["clause_tense", "clause_verb", "find_timexes", "timex_stage"]

_FUTURE_AUX = {"will", "'ll", "’ll", "shall", "wo", "ll"}
_PAST_AUX = {"did", "was", "were", "had", "'d"}
_PRESENT_AUX = {"is", "are", "am", "'s", "'re", "’s", "’re", "does", "do"}
_PERFECT_AUX = {"has", "have", "'ve", "’ve"}


def _is_verb(tok) -> bool:
    return tok.tag_.startswith("VB") or tok.tag_ == "MD"


def _aux_words(verb) -> list:
    """The auxiliaries, "to" and adverbs just before ``verb``, nearest first ("will not meet")."""
    out = []
    i = verb.i - 1
    doc = verb.doc
    while i >= 0 and len(out) < 4 and verb.i - i <= 5:
        t = doc[i]
        if _is_verb(t) or t.tag_ == "TO":
            out.append(t)
        elif t.tag_ not in ("RB", "RBR", "RBS", "PRP", "_SP") and t.lower_ not in ("not", "n't") and not (
                t.dep_ == "advmod" and t.head.i == verb.i):
            break  # ("will most likely vote", "did\u00a0support", "will next update": adverbs and odd spaces between)
        i -= 1
    return out


def _verb_tense(verb) -> str | None:
    aux = _aux_words(verb)
    words = [a.lower_ for a in aux]
    if any(w in _FUTURE_AUX for w in words):
        return "FUTURE"
    if "going" in words and "to" in words:
        return "FUTURE"
    if any(a.tag_ == "MD" for a in aux) or verb.tag_ == "MD":
        # "would have met Tuesday", "may have left on Monday": a modal perfect looks back
        if verb.tag_ == "VBN" and "have" in words:
            return "PAST"
        if verb.lower_ in ("will", "'ll", "shall") or any(w in ("would", "could", "might", "may", "should",
                                                                  "can", "must", "'d") for w in words + [verb.lower_]):
            return "FUTURE"
        return "FUTURE"
    if (verb.tag_ == "VB" or verb.tag_ == "VBN" and "be" in words) and any(a.tag_ == "TO" for a in aux):
        # (and a passive infinitive: "is due to be completed in September")
        # "had been due to expire Friday", "had been scheduled to close Monday", "had to leave
        # Tuesday": a plan or need told in the past perfect lies before the report (it was kept,
        # or superseded: "was extended to Nov. 16. It had been due to expire Friday")
        if _governed_by_past_perfect(verb) or _done_in_the_past(verb):
            return "PAST"
        return "FUTURE"
    if any(w in _PAST_AUX for w in words) or verb.tag_ == "VBD":
        return "PAST"
    if verb.tag_ == "VBG" and aux and aux[0].tag_ == "VBD":
        return "PAST"  # "kept going until 2 a.m. Friday", "started trading Monday": a past catenative
    if words and words[0] in ("is", "are", "am", "'s", "'re", "’s", "’re") and verb.tag_ == "VBN":
        return "PRESENT"  # passive present: "is expected in December"
    if any(w in _PERFECT_AUX for w in words):
        return "PAST"
    if verb.tag_ == "VBN" and not words:
        # a bare participle ("a summit set for April") says nothing of when
        return None
    if verb.tag_ in ("VBZ", "VBP") or any(w in _PRESENT_AUX for w in words):
        return "PRESENT"
    if verb.tag_ == "VB" and not words and verb.i > 1 and verb.doc[verb.i - 1].tag_ == "CC":
        # "would rest today and return to training on Wednesday": a bare verb after "and" shares the
        # auxiliary of the verb it is joined to
        joined = next((t for t in reversed(verb.doc[max(0, verb.i - 8):verb.i - 1]) if _is_verb(t)), None)
        if joined is not None and joined.tag_ in ("VB", "VBN", "VBG"):
            return _verb_tense(joined)
    return None


# Verbs whose infinitive happened when they did ("forced her to resign Sunday", "struggled to answer
# a question on Sunday", "was trying to ask him after a March 8 rally"), unlike verbs of intent
# ("agreed to meet Friday"), whose infinitive is still to come.
_IMPLICATIVE = frozenset({"force", "compel", "manage", "struggle", "try", "attempt", "fail", "refuse", "decline",
                          "cause", "dare", "bother", "happen", "begin", "start", "continue", "rush", "hurry",
                          "neglect", "seem", "appear", "allow", "permit"})


def _done_in_the_past(verb) -> bool:
    """Whether the infinitive ``verb`` hangs from an implicative verb in the past ("forced X to", "was
    trying to"): the verb before its "to", past tense or a past progressive, a few words back at most."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].tag_ != "TO":
        i -= 1
    for j in range(i - 1, max(-1, i - 5), -1):
        t = doc[j]
        if _is_verb(t):
            if t.lemma_.lower() not in _IMPLICATIVE:
                return False
            # "forced", "was trying", "were allowed"
            return t.tag_ == "VBD" or (t.tag_ in ("VBG", "VBN") and j > 0 and doc[j - 1].lower_ in ("was", "were"))
        if t.tag_ not in ("NNP", "NNPS", "PRP", "NN", "NNS", "DT", "RB"):
            return False
    return False


def _governed_by_past_perfect(verb) -> bool:
    """Whether the infinitive ``verb`` hangs from a past perfect: "had" among the few verbs,
    adverbs and adjectives before its "to" ("had been due to", "had previously planned to")."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].tag_ != "TO":
        i -= 1
    for j in range(i - 1, max(-1, i - 6), -1):
        t = doc[j]
        if t.lower_ in ("had", "'d", "’d") and t.tag_ == "VBD":
            return True
        if not (_is_verb(t) or t.tag_ in ("RB", "JJ")):
            return False
    return False


_SENTENCE_REACH = 40
_LEFT_BIAS = 2  # tokens; tuned on dev (0-4 differ by < 0.001 value F1)


def _sentence_bounds(doc, i: int) -> tuple[int, int]:
    # What lies between two full stops (or a paragraph break). Not doc.sents: that needs the parser,
    # and the result should not change with the components another stage happens to enable.
    # Only the verbs within a few tokens matter, so the search stops after _SENTENCE_REACH tokens.
    lo = i
    while lo > max(0, i - _SENTENCE_REACH) and doc[lo - 1].tag_ != "." and "\n\n" not in doc[lo - 1].whitespace_ + doc[lo - 1].text:
        lo -= 1
    hi = i
    while hi < min(len(doc), i + _SENTENCE_REACH) and doc[hi].tag_ != ".":
        hi += 1
    return lo, min(hi + 1, len(doc))


def clause_tense(doc, start_char: int, end_char: int) -> str | None:
    """The tense of the clause the text ``doc.text[start_char:end_char]`` belongs to: ``"PAST"``,
    ``"PRESENT"`` or ``"FUTURE"`` (future also for modals and infinitives: "plans to meet Thursday"),
    or None when no verb is near. Reads only the part-of-speech tags: the nearest verb in the
    sentence (slightly preferring one on the left) and its auxiliaries. On TempEval-3 dev this does
    as well as following the dependency parse, costs no parser, and gives the same answer whichever
    spaCy components the pipeline runs."""
    best = clause_verb(doc, start_char, end_char)
    return _verb_tense(best) if best is not None else None


def clause_verb(doc, start_char: int, end_char: int):
    """The verb token ``clause_tense`` reads for the text at these offsets (None when none is near)."""
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    lo, hi = _sentence_bounds(doc, span.start)
    # the nearest verb, with a slight preference for one on the left (the reporting verb usually
    # precedes: "said on Thursday", "fell on Friday to close at ..."; but "on Thursday said")
    left = right = None
    for i in range(span.start - 1, max(lo, span.start - 14) - 1, -1):
        if _is_verb(doc[i]) and not _is_aux(doc, i) and not _modifies_noun(doc, i):
            left = doc[i]
            break
    for i in range(span.end, min(hi, span.end + 14)):
        if _is_verb(doc[i]) and not _is_aux(doc, i) and not _modifies_noun(doc, i):
            right = doc[i]
            break
        if doc[i].tag_ == "CC" and i + 1 < hi and _is_verb(doc[i + 1]):
            break  # "by the end of March and suggested ...": the verb after "and" heads another clause
        if doc[i].tag_ in ("WDT", "WP", "WRB") or (doc[i].lower_ == "that" and doc[i].tag_ in ("IN", "WDT")):
            break  # "on Friday that he thinks ...": a clause of its own begins
        if doc[i].dep_ == "mark" and i > span.end and doc[i - 1].is_punct:
            break  # "in the fourth quarter, though most expect ...": so does one after a comma
    if left is not None and right is not None:
        best = left if span.start - left.i <= right.i - span.end + 1 + _LEFT_BIAS else right
        if best is right and right.i > 0 and doc[right.i - 1].tag_ == "TO" and left.tag_ in _FINITE:
            # "took advantage of a glitch on Wednesday to access ...": an infinitive after the date
            # has no time of its own; the finite verb before it tells when
            best = left
        if best is right and right.tag_ == "VBG" and (left.tag_ in _FINITE or _verb_tense(left) is not None) and (
                doc[right.i - 1].is_punct or any(doc[k].text == "," for k in range(span.end, right.i))):
            # "a rise in fourth-quarter profit, beating forecasts", "should bring storms on Saturday, with
            # temperatures falling": a participle after a comma has no tense of its own; the verb before
            # the date tells when
            best = left
    else:
        best = left or right
    return best


# participles that work as prepositions ("compared with", "according to") and carry no tense
_PREPOSITIONAL_PARTICIPLES = frozenset({"compared", "according", "including", "excluding", "regarding",
                                        "concerning"})


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _modifies_noun(doc, i: int) -> bool:
    """A participle between a determiner or adjective and its noun ("the remaining losses", "public
    viewing sessions", "the proposed plan") describes the noun; it is no clause's verb."""
    tok = doc[i]
    if tok.lower_ in _PREPOSITIONAL_PARTICIPLES:
        return True
    return (tok.tag_ in ("VBG", "VBN") and i > 0 and i + 1 < len(doc)
            # (and the second half of a hyphenated adjective: "the worst-hit areas", "war-torn towns")
            and doc[i - 1].tag_ in ("DT", "JJ", "PRP$", "POS", "CD", "HYPH") and doc[i + 1].tag_ in ("NN", "NNS"))


def _is_aux(doc, i: int) -> bool:
    """An auxiliary directly before another verb ("will meet", "has said") is not the clause's verb."""
    tok = doc[i]
    if tok.tag_ not in ("MD", "VBZ", "VBP", "VBD", "VB") or tok.lower_ not in (  # VB: "may have been"
        _FUTURE_AUX | _PAST_AUX | _PRESENT_AUX | _PERFECT_AUX | {"would", "could", "may", "might", "should",
                                                                 "can", "must", "be", "been"}
    ):
        return False
    for j in range(i + 1, min(i + 4, len(doc))):
        if doc[j].tag_.startswith("VB"):
            return True
        if doc[j].tag_ not in ("RB", "PRP", "DT"):
            return False
    return False


class _DocContext:
    """What the rules may ask about the article: its date, tags, tense, and the last date mentioned."""

    def __init__(self, doc, dct: date | None):
        self.doc = doc
        self.dct = dct
        # token offsets straight from the doc's array: making a Token object for each costs more than the rules
        self._starts = doc.to_array("IDX").tolist() if doc is not None and len(doc) else []
        self._last: Anchor | None = None
        self._quarter: Anchor | None = None
        self._day: Anchor | None = None  # the last day the text named
        self._day_at: int | None = None  # where it was named (character offset)
        self._verbs: dict = {}  # (start, end) -> the clause's verb token, asked for by tense and verb

    def tag(self, start: int) -> str:
        if self.doc is None or not self._starts:
            return ""
        i = bisect.bisect_right(self._starts, start) - 1
        return self.doc[max(i, 0)].tag_

    def tense(self, start: int, end: int) -> str | None:
        if self.doc is None:
            return None
        tok = self._verbs.get((start, end), False)
        if tok is False:
            tok = self._verbs[(start, end)] = clause_verb(self.doc, start, end)
        return _verb_tense(tok) if tok is not None else None

    def verb(self, start: int, end: int) -> str:
        """The clause's verb (lower case) as ``tense`` chose it, "" when none is near."""
        if self.doc is None:
            return ""
        tok = self._verbs.get((start, end), False)
        if tok is False:
            tok = self._verbs[(start, end)] = clause_verb(self.doc, start, end)
        return tok.lower_ if tok is not None else ""

    def ref(self) -> Anchor | None:
        if self._last is not None:
            return self._last
        return Anchor(self.dct, "day") if self.dct is not None else None

    def quarter(self) -> Anchor | None:
        """The quarter the article reports on: the first one it named (an earnings report names its
        quarter before the forecasts and comparisons that follow), None when it named none."""
        return self._quarter

    def last_day(self) -> Anchor | None:
        """The last day the text named, even if a year or month was named after it; else None."""
        return self._day

    def last_day_at(self) -> int | None:
        """Where the text named ``last_day`` (a character offset), None if it named none."""
        return self._day_at

    def remember(self, value: str, at: int | None = None) -> None:
        anchor = parse_value(value)
        if anchor is not None:
            self._last = anchor
            if anchor.gran == "quarter" and self._quarter is None:
                self._quarter = anchor
            if anchor.gran == "day":
                self._day, self._day_at = anchor, at


def _as_date(published) -> date | None:
    if published is None:
        return None
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    if isinstance(published, str):
        try:
            return date.fromisoformat(published[:10])
        except ValueError:
            return None
    return None


def find_timexes(doc, published: date | None) -> list[Timex]:
    """Every time expression in ``doc`` (a spaCy ``Doc`` with tags), TIMEX3-typed and normalised
    against ``published`` (the article's date; None leaves relative expressions unanchored)."""
    if len(doc) == 0:
        return []
    if not doc.has_annotation("TAG"):
        # the rules read part-of-speech tags ("May" the month or the modal, the clause's tense)
        raise ExtractError(
            "find_timexes needs a tagged Doc: parse with the spaCy components the stage declares "
            "(tok2vec, tagger), e.g. load_model()(text)"
        )
    dct = _as_date(published)
    text = doc.text
    ctx = _DocContext(doc, dct)
    out: list[Timex] = []
    for cand in find_candidates(text, ctx):
        try:
            reading = cand.rule.build(cand.match, ctx)
        except (ValueError, OverflowError, LookupError):
            # A date outside the years 1-9999 ("in 9000 years", "tomorrow" on 9999-12-31): the
            # calendar raises OutOfCalendar, date() itself ValueError; a unit a reading has no letter
            # for raised KeyError ("every fortnight", before it had one). The expression gets no
            # value; the rest of the article is read as usual, not lost with it.
            continue
        if reading is None:
            continue
        out.append(Timex(start=cand.start, end=cand.end, text=text[cand.start:cand.end], type=reading.type,
                         value=reading.value, anchored=reading.anchored, mod=reading.mod))
        if (second := range_end(cand, reading.value)) is not None:
            s, e, value = second
            out.append(Timex(start=s, end=e, text=text[s:e], type="DATE", value=value))
        if reading.type in ("DATE", "TIME") and reading.anchored and reading.remember:
            ctx.remember(reading.value, cand.start)
    _clock_on_day(out, text)
    return _compound_durations(out, text)


_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_CLOCK_VALUE = re.compile(r"(?:\d{4}-\d\d-\d\d|XXXX-XX-XX)(T\d\d:\d\d)")


def _clock_on_day(found: list[Timex], text: str) -> None:
    """"after 8 p.m. on New Year's Eve", "at 10 a.m. on March 3": a clock time is on the day named right
    after it, which the rules read after the clock (the clock alone took the day the text was on)."""
    for clock, day in pairwise(found):
        m = _CLOCK_VALUE.fullmatch(clock.value) if clock.type == "TIME" else None
        if (m and day.type == "DATE" and _DAY_VALUE.fullmatch(day.value)
                and re.fullmatch(r",?\s+on\s+", text[clock.end:day.start])):
            clock.value = day.value + m.group(1)


_DURATION_PARTS = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?")
_PART_UNITS = ("Y", "M", "W", "D", "H", "TM", "S")


def _duration_parts(value: str) -> list[int | None] | None:
    m = _DURATION_PARTS.fullmatch(value)
    return [int(g) if g else None for g in m.groups()] if m and value not in ("P", "PT") else None


def _compound_durations(found: list[Timex], text: str) -> list[Timex]:
    """"five hours and 12 minutes", "2 hours, 8 minutes, 14 seconds": one duration of several units, each
    after the last smaller (TIMEX3 writes it PT5H12M); the rules read each unit alone."""
    out: list[Timex] = []
    for t in found:
        prev = out[-1] if out else None
        a = _duration_parts(prev.value) if prev is not None and prev.type == "DURATION" == t.type else None
        b = _duration_parts(t.value) if a is not None else None
        if (a is not None and b is not None and re.fullmatch(r",?\s+(?:and\s+)?|,\s*", text[prev.end:t.start])
                and max(i for i, v in enumerate(a) if v is not None) < min(i for i, v in enumerate(b) if v is not None)):
            parts = [x if x is not None else y for x, y in zip(a, b, strict=True)]
            date_part = "".join(f"{v}{u}" for v, u in zip(parts[:4], _PART_UNITS[:4], strict=True) if v is not None)
            time_part = "".join(f"{v}{u[-1]}" for v, u in zip(parts[4:], _PART_UNITS[4:], strict=True) if v is not None)
            prev.value = "P" + date_part + ("T" + time_part if time_part else "")
            prev.end, prev.text = t.end, text[prev.start:t.end]
            continue
        out.append(t)
    return out


@stage("newsweave.timex.rules.v1", requires=("doc",), assigns=("timexes",),
       spacy_components=("tok2vec", "tagger"))
def timex_stage(ex: Extraction, settings: Settings) -> None:
    """Set ``ex.timexes`` from the parsed article and its publication date."""
    ex.timexes = find_timexes(ex.doc, ex.article.published)
