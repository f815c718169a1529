"""Ages news states beside a name ("Fatima Hassan, 58,"; "a 34-year-old"), read as years of birth.

Two people of one common name in unrelated stories — a council official of 58 and an aid worker of 34
— share every spelling key the linker compares; the age an article gives is what tells them apart. An
age stated on a date gives a year of birth within two years (a birthday may or may not have passed);
two ranges that do not meet are two people. Nothing else is read: an age not stated is no evidence.

Read right after a name: "Name, 58," / "Name, 58." / "Name (58)" / "Name, a (the) 34-year-old ..." /
"Name, 67, who ..."; right before: "58-year-old Name", "the 34-year-old aid worker Name". A number
followed by a unit or a noun ("Name, 58 percent", "Name, 3 goals") is no age.
"""

from __future__ import annotations

import re

from ..model import Mention

__all__ = ["ages_agree", "birth_years", "join_born"]

# After a name: ", 58," or ", 58." or " (58)" or ", a 34-year-old".
_AFTER = re.compile(r"^(?:,\s*(?:an?\s+|the\s+)?(\d{1,3})(?:-year-old\b|\s*[,.;)]|\s+(?:who|and|said|is|was|of|from)\b)"
                    r"|\s*\((\d{1,3})\))")
# Before a name: "58-year-old Name", "the 34-year-old aid worker Name" (up to three words between).
_BEFORE = re.compile(r"\b(\d{1,3})-year-old\s+(?:[a-z][\w'-]*\s+){0,3}$")


def birth_years(text: str | None, names: list[Mention], year: int | None) -> tuple[int, int] | None:
    """The range of years of birth the ages stated beside ``names`` (one person's name mentions in
    ``text``, published in ``year``) give, or None where none is stated or two stated ages disagree."""
    if not text or year is None:
        return None
    born: tuple[int, int] | None = None
    for m in names:
        after = _AFTER.match(text[m.end:m.end + 40])
        before = _BEFORE.search(text[max(0, m.start - 60):m.start])
        for found in (after, before):
            if found is None:
                continue
            age = int(next(g for g in found.groups() if g))
            if not 1 <= age <= 110:
                continue
            stated = (year - age - 1, year - age)
            if born is not None and not ages_agree(born, stated):
                return None  # "Name, 58" and "Name, 34" in one article: read neither
            born = join_born(born, stated)
    return born


def ages_agree(a: tuple[int, int] | list[int] | None, b: tuple[int, int] | list[int] | None) -> bool:
    """Whether two ranges of birth years can be one person's (either unknown: they can)."""
    if not a or not b:
        return True
    return a[0] <= b[1] and b[0] <= a[1]


def join_born(a: tuple[int, int] | list[int] | None, b: tuple[int, int] | list[int] | None) -> tuple[int, int] | None:
    """What two agreeing ranges of one person say together (their overlap)."""
    if not a:
        return tuple(b) if b else None
    if not b:
        return tuple(a)
    return max(a[0], b[0]), min(a[1], b[1])
