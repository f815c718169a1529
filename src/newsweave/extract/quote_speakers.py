"""The speaker's own words: "I", "me", "my" inside a quotation the attribution stage credited to
someone are that speaker.

Coreference (``coref_pronouns.first_person_in_quotes``) already ties a first-person pronoun to the
subject of a speech verb in the same sentence. News quotes run on past that sentence: a quote in one
paragraph and its speaker in the next ("'I'd like to thank my wife,' ... DeGeneres tweeted"), several
quoted pieces under one cue, a colon introduction ("DeGeneres wrote: 'I am so excited'"). The
attribution stage has found those; this stage reads its answer, so an analyst who asks for what
DeGeneres said of herself, or for her mentions, gets the "I" of her quotes.

Domain rules, one each:

* only inside quotation marks, and only the innermost attribution's speaker (a quote inside a
  quote is its own speaker's);
* only a speaker with an in-document chain (a named person or a pronoun the coreference stage tied to
  one; a pair "Zadan and Meron" is no one person, so their "I" is left alone);
* "we", "us", "our" stay out: a speaker's "we" is a group (a team, a government), not the speaker.
"""

from __future__ import annotations

from ..model import Attribution, Extraction, Mention
from ..settings import Settings
from .attribution_quotes import quote_spans
from .coref_pronouns import FIRST_PERSON
from .pipeline import stage

__all__ = ["first_person_of_speakers"]


def _innermost(attributions: list[Attribution], at: int) -> Attribution | None:
    """The attribution with the shortest content piece that holds the offset ``at``."""
    best, width = None, None
    for a in attributions:
        for c in a.content:
            if c.start <= at < c.end and (width is None or c.end - c.start < width):
                best, width = a, c.end - c.start
    return best


def first_person_of_speakers(doc, mentions: list[Mention], attributions: list[Attribution]) -> list[Mention]:
    """New pronoun mentions, each in its speaker's chain, for first-person words inside quotations
    credited to a speaker; words some mention already holds are left as they are."""
    if not attributions:
        return []
    quotes = quote_spans(doc.text)
    if not quotes:
        return []
    covered = {c for m in mentions for c in range(m.start, m.end)}
    out = []
    for qs, qe in quotes:
        span = doc.char_span(qs, qe, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            if t.lower_ not in FIRST_PERSON or t.idx in covered or not qs <= t.idx < qe:
                continue
            a = _innermost(attributions, t.idx)
            speaker = a.speaker if a is not None else None
            if speaker is None or speaker.chain is None or speaker.kind == "group":
                continue
            out.append(Mention(start=t.idx, end=t.idx + len(t.text), text=t.text, label=speaker.label,
                               kind="pronoun", chain=speaker.chain))
            covered.update(range(t.idx, t.idx + len(t.text)))
    return out


@stage("newsweave.quote_speakers.v1", requires=("doc", "mentions.chain", "attributions.speaker"),
       assigns=("mentions",))
def quote_speakers_stage(ex: Extraction, settings: Settings) -> None:
    """Add the first-person pronouns of credited quotations to their speakers' chains."""
    added = first_person_of_speakers(ex.doc, ex.mentions, ex.attributions)
    if added:
        ex.mentions = sorted([*ex.mentions, *added], key=lambda m: (m.start, -m.end))
