"""When each statement was made: ``Attribution.date``, set once at extraction and stored with the attribution.

The rule (the timeline reads its result, it does not work it out again): the dated time expression
(TIMEX3 DATE with a day range, not in the agency dateline that opens the text) closest to the speech cue
dates the statement — "X said on Thursday" — looked for first within the attribution, then in its
sentence. A date inside what was said ("... closed until Monday"), or after the report itself, dates what
was said, not the saying, and is passed over. A statement the text gives no date leaves ``date`` None (a
reader may fall back on the report's publication date; that is not stored as a claim of the text).
"""

from __future__ import annotations

from datetime import date

from ..ingest.credit import parse_credit
from ..model import Attribution, Extraction, Timex
from ..settings import Settings
from ..text import sentence_at, split_sentences
from ..timex3 import value_range
from .pipeline import stage

__all__ = ["statement_date", "statement_dates_stage"]


def _dated(timexes: list[Timex], text: str) -> list[Timex]:
    """The timexes that can date a statement: anchored DATEs with a day range, outside the dateline."""
    credit = parse_credit(text)
    dateline = (credit.span.start, credit.span.end) if credit.datelined and credit.span is not None else None
    return sorted((t for t in timexes if t.type == "DATE" and t.anchored and value_range(t.value) is not None
                   and not (dateline and dateline[0] <= t.start < dateline[1])), key=lambda t: t.start)


def statement_date(attribution: Attribution, timexes: list[Timex], sentence: tuple[int, int],
                   published: date | None) -> Timex | None:
    """The time expression that dates ``attribution`` (None when the text gives none): ``timexes`` are the
    article's usable ones (by start), ``sentence`` the span of the sentence the attribution starts in."""
    cue = attribution.cue.start if attribution.cue is not None else attribution.start
    said = [(c.start, c.end) for c in attribution.content]

    def outside_said(t: Timex) -> bool:
        if published is not None and value_range(t.value)[0] > published:
            return False  # a statement cannot be made after the report that carries it
        return not any(s <= t.start < e for s, e in said)

    start, end = attribution.start, attribution.end
    candidates = ([t for t in timexes if start <= t.start < end and outside_said(t)]
                  or [t for t in timexes if sentence[0] <= t.start < sentence[1] and outside_said(t)])
    return min(candidates, key=lambda t: abs(t.start - cue)) if candidates else None


@stage("newsweave.statement_dates.v1", requires=("timexes", "attributions"), assigns=("attributions.date",))
def statement_dates_stage(ex: Extraction, settings: Settings) -> None:
    """Set each attribution's ``date`` to the TIMEX3 value of the expression that dates the statement."""
    if not ex.attributions:
        return
    text = ex.article.text
    timexes = _dated(ex.timexes, text)
    sentences = split_sentences(text)
    for a in ex.attributions:
        found = sentence_at(sentences, a.start, a.end)
        sentence = (found["start"], found["end"]) if found else (a.start, a.end)
        dating = statement_date(a, timexes, sentence, ex.article.published)
        a.date = dating.value if dating is not None else None
