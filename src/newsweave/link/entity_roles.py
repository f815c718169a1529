"""Roles of people for the entity linker: the key a title is known by, and a title written before a name.

A role key is the title's head noun plus the country the PLOVER coder finds in it ("Russian President"
-> "RUS|president"); ``link/entities.py`` keeps each role's latest holder under it.
"""

from __future__ import annotations

import re

from ..actors import actor_code
from ..names import DETERMINERS, singular, words_of

__all__ = ["actor_code", "role_key", "title_before"]

# Role words that are not the role's head ("top aide", "former president").
ROLE_NOISE = frozenset({"top", "senior", "former", "new", "then", "current", "acting", "chief"})

# Head words of titles written before a name. Generic office words only (no office holders).
TITLE_HEADS = frozenset(["president", "minister", "secretary", "chancellor", "senator", "governor", "mayor", "leader", "chairman", "chairwoman", "ambassador", "spokesman", "spokeswoman", "premier", "king", "queen", "prince", "general", "director", "speaker", "aide", "envoy", "adviser", "advisor", "candidate", "nominee", "chief", "commissioner", "judge", "prosecutor", "attorney", "coach", "captain", "commander", "officer", "ceo", "founder", "host", "actor", "actress", "singer", "manager"])


def role_key(text: str) -> str | None:
    """The key of the role a title names: its country (else its other words) and its head noun."""
    words = [w for w in words_of(text) if w not in DETERMINERS and w not in ROLE_NOISE]
    if not words:
        return None
    head = singular(words[-1])
    code = actor_code(text)
    where = code[0] if code else " ".join(words[:-1])
    return f"{where}|{head}"


def title_before(text: str, start: int) -> str | None:
    """Capitalised role words right before a name: "Russian President" in "Russian President Vladimir Putin"."""
    head = text[max(0, start - 60):start]
    m = re.search(r"((?:[A-Z][\w.\-]*\s+){1,4})$", head)
    if not m:
        return None
    words = m.group(1).split()
    # The run must end in a role noun in lower case form that is not a name: a small lexicon would
    # be a table of offices, so accept any capitalised run whose last word is a common title word.
    if words[-1].lower().rstrip(".") not in TITLE_HEADS:
        return None
    return " ".join(words)
