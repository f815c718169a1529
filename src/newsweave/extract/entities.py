"""Named-entity mentions from spaCy's NER, kept as ``Mention`` records with offsets."""

from __future__ import annotations

from ..model import Extraction, Mention
from ..settings import Settings
from .pipeline import stage

__all__ = ["ENTITY_LABELS", "entity_mentions"]

# The labels worth linking across articles; dates, numbers and money are the time and event stages' job.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})

# spaCy's small model often takes a trailing possessive or leading "the" into the span; trim them
# so that "Putin's" and "Putin" are one name.
_TRAILING = ("'s", "’s", "'", "’")


def entity_mentions(doc) -> list[Mention]:
    """The named-entity mentions of ``doc`` worth linking, as ``Mention``s of kind ``name``."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        start, end, text = ent.start_char, ent.end_char, ent.text
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
