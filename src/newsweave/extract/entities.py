"""Named-entity mentions from spaCy's NER, kept as ``Mention`` records with offsets."""

from __future__ import annotations

from ..link.names import first_name_gender
from ..model import Extraction, Mention
from ..settings import Settings
from .pipeline import stage

__all__ = ["ENTITY_LABELS", "entity_mentions"]

# The labels worth linking across articles; dates, numbers and money are the time and event stages' job.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})

# spaCy's small model often takes a trailing possessive or leading "the" into the span; trim them
# so that "Putin's" and "Putin" are one name.
_TRAILING = ("'s", "’s", "'", "’")


def _person_name_part(ent, lower_words: set[str]):
    """The tokens of a PERSON span that are the name: a headline's verb or noun written in title case
    ("Obama Says", "Donald Trump Claims", "Obama Speech") or a descriptor before it ("Crooked Hillary
    Clinton") is a word the article also writes in lower case; a given name the Census lists know
    ("Hope", "Bill") stays. Words after such a word in the middle are dropped with it."""
    toks = list(ent)

    def common(i):
        t = toks[i]
        if not t.is_alpha or t.text[:1].islower() or t.lower_ not in lower_words:
            return False
        return not (i == 0 and first_name_gender(t.text))

    while len(toks) > 1 and common(0):
        toks = toks[1:]
    cut = next((i for i in range(1, len(toks)) if common(i)), len(toks))
    return toks[:cut]


def entity_mentions(doc) -> list[Mention]:
    """The named-entity mentions of ``doc`` worth linking, as ``Mention``s of kind ``name``."""
    out = []
    lower_words = None
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        start, end, text = ent.start_char, ent.end_char, ent.text
        if ent.label_ == "PERSON" and len(ent) > 1:
            if lower_words is None:
                lower_words = {t.text for t in doc if t.is_alpha and t.text.islower()}
            toks = _person_name_part(ent, lower_words)
            if len(toks) < len(ent):
                start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
                text = doc.text[start:end]
        for suffix in _TRAILING:
            if text.endswith(suffix) and len(text) > len(suffix):
                end -= len(suffix)
                text = text[: -len(suffix)]
                break
        if text.lower().startswith("the "):
            start += 4
            text = text[4:]
        text = text.strip()
        if not text:
            continue
        out.append(Mention(start=start, end=start + len(text), text=text, label=ent.label_, kind="name"))
    return out


@stage("newsweave.entities.spacy.v1", requires=("doc.ents",), assigns=("mentions",))
def entities_stage(ex: Extraction, settings: Settings) -> None:
    ex.mentions = entity_mentions(ex.doc)
