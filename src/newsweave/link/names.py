"""The entity linker's rules over written names: the key two writings of one name share, acronyms,
and which of a person's written names to show.

The words of a name, their spelling keys and given names are the kernel ``newsweave/names.py``.
"""

from __future__ import annotations

from collections import Counter

from ..names import is_proper_name, name_words, spelled

__all__ = ["acronym_of", "display_name", "is_acronym", "name_key"]

ORG_FILLER = frozenset({"of", "the", "and", "for", "de", "&"})


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
    return max(counts, key=score)
