"""The entity linker's rules over written names: the key two writings of one name share, acronyms,
and which of a person's written names to show.

The words of a name, their spelling keys and given names are the kernel ``newsweave/names.py``.
"""

from __future__ import annotations

from collections import Counter

from ..names import (
    HONORIFICS,
    fold,
    is_proper_name,
    name_words,
    spelled,
    without_nickname,
)
from .entity_roles import TITLE_HEADS

__all__ = ["acronym_of", "display_name", "is_acronym", "name_key", "without_title"]

ORG_FILLER = frozenset({"of", "the", "and", "for", "de", "&"})
# Words of an office written before a person's full name ("Representative Charles B. Rangel", "First Lady
# Michelle Obama"): the title, not the name.
TITLE_WORDS = HONORIFICS | TITLE_HEADS | frozenset({"representative", "congressman", "congresswoman", "first",
                                                    "vice", "prime", "former", "sheriff", "detective"})


def name_key(text: str) -> str:
    """The spelling key two variant writings of one name share (accents, transliteration, honorifics)."""
    return " ".join(spelled(text))


def acronym_of(text: str) -> str | None:
    """Initials of a multi-word organisation name ("United Nations" -> "un"), or None."""
    words = [w for w in name_words(text) if w not in ORG_FILLER]
    return "".join(w[0] for w in words) if len(words) >= 2 else None


def is_acronym(text: str) -> bool:
    """Whether a name is written as initials ("UN", "N.A.T.O.", "AT&T")."""
    letters = text.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def display_name(counts: Counter, common_words=frozenset()) -> str | None:
    """The name to show for a person: the most frequent proper full name among the written names
    ``counts`` (name -> times written). A full name that holds another of its names with a word more
    ("Crooked Hillary Clinton", "Obama Says") loses to the shorter one when that is written as often;
    ``common_words`` (folded) are words that are never part of a name (verbs, descriptors)."""
    def score(name):
        words = name_words(name)
        proper = is_proper_name(name) and not any(w in common_words for w in words)
        return (proper, min(len(words), 2), counts[name], -len(words), -len(name), name)

    if not counts:
        return None
    bare: Counter = Counter()
    for name, n in counts.items():
        bare[without_nickname(without_title(name))] += n  # shown as 'Marcia Price', not 'Marcia "Cia" Price'
    counts = bare
    return max(counts, key=score)


def without_title(name: str) -> str:
    """A person's written name without the office words before a full name ("Representative Charles B.
    Rangel" -> "Charles B. Rangel"); a title before one word stays ("Prince Harry", "President Obama")."""
    words = name.split()
    while len(words) > 2 and fold(words[0]).rstrip(".") in TITLE_WORDS:
        words = words[1:]
    return " ".join(words)
