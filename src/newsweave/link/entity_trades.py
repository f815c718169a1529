"""The trade a description or title gives a person ("the sprinter", "Architect Nadia Haddad"), read as
evidence that two people of one full name are two people.

Issue 12 counts "different roles at the same time" among what tells two people apart. A public figure's
offices change from story to story (a senator becomes a minister, a party leader a candidate), so
offices say nothing here; a person's trade rarely changes within months, and trades fall into families
that do not overlap: a sprinter is no architect, a prosecutor no intensive-care nurse. Words of one
family ("lawyer", "attorney", "judge"; "footballer", "coach") stay compatible, since careers move inside
a family. Only the family of a description's head word is read; a word the table does not list is no
evidence.
"""

from __future__ import annotations

import re

from ..model import DESCRIPTION_KINDS, Mention
from ..names import head_of

__all__ = ["TRADES", "TRAVELLING", "trades_agree", "trades_of", "travels"]

_FAMILIES = {
    "sport": ("footballer", "goalkeeper", "striker", "midfielder", "defender", "winger", "sprinter", "athlete",
              "runner", "cricketer", "batsman", "bowler", "opener", "swimmer", "boxer", "cyclist", "jockey",
              "golfer", "tennis", "coach", "skipper", "referee", "wrestler", "gymnast", "skier", "rower",
              "weightlifter", "medallist", "medalist", "olympian", "paralympian"),
    "law": ("judge", "prosecutor", "lawyer", "attorney", "barrister", "solicitor", "magistrate", "counsel", "justice"),
    "medicine": ("nurse", "doctor", "surgeon", "physician", "paramedic", "midwife", "pharmacist", "dentist",
                 "psychiatrist", "anaesthetist", "anesthetist", "gp", "neurologist", "cardiologist", "oncologist",
                 "paediatrician", "pediatrician", "radiologist", "obstetrician", "gynaecologist", "gynecologist",
                 "dermatologist", "neurosurgeon"),
    "science": ("seismologist", "scientist", "physicist", "chemist", "biologist", "geologist", "researcher",
                "epidemiologist", "astronomer", "volcanologist", "climatologist", "economist", "professor"),
    "school": ("teacher", "headteacher", "headmaster", "headmistress", "lecturer"),
    "design": ("architect", "designer", "engineer"),
    "arts": ("actor", "actress", "singer", "musician", "rapper", "novelist", "writer", "poet", "painter",
             "artist", "filmmaker", "dancer", "comedian"),
    "kitchen": ("chef", "cook", "baker", "restaurateur"),
    "land": ("farmer", "fisherman", "fishermen", "rancher", "grower", "shepherd"),
    "press": ("journalist", "reporter", "correspondent", "editor", "photographer", "columnist", "presenter",
              "anchor", "publicist"),
    "force": ("detective", "constable", "sergeant", "inspector", "soldier", "sheriff", "firefighter", "pilot"),
    "faith": ("priest", "imam", "rabbi", "bishop", "pastor", "vicar", "monk", "nun"),
    "trade": ("electrician", "plumber", "carpenter", "mechanic", "apprentice", "miner", "welder"),
    "finance": ("accountant", "auditor", "banker", "stockbroker", "actuary", "bookkeeper"),
}
TRADES: dict[str, str] = {word: family for family, words in _FAMILIES.items() for word in words}
# A title that names no one family but rules others out: "Dr" is a physician's, a scientist's or a
# scholar's — or a television doctor's ("Dr Sanjay Gupta", a medical correspondent) — never a striker's
# (a name's families meet another's if any one of them does).
_LEARNED = ("medicine", "science", "school", "press")
_TITLE_FAMILIES = {"dr": _LEARNED, "prof": _LEARNED, "professor": _LEARNED}
# the word right before a name, on its line ("chief prosecutor\nHELEN MARSH" is a headline, then a speaker);
# a dot only after an abbreviation ("Dr."), not at a sentence's end ("said the prosecutor. Helen Marsh")
_TITLE_BEFORE = re.compile(r"\b([a-z]+)(\.?)[ \t]+$", re.IGNORECASE)

# The families whose work takes them abroad, whose stories name other countries than their home's
# (``entity_places`` reads no evidence from a country for them).
TRAVELLING = frozenset({"press", "sport"})


def travels(families) -> bool:
    """Whether the trade families stated of a person say they work abroad: a travelling family, not
    only as one of the families a "Dr" allows (a Kerala lawyer is no Leicester "Dr Priya Nair")."""
    return bool(TRAVELLING & set(families)) and not set(_LEARNED) <= set(families)


def trades_of(mentions: list[Mention], text: str | None = None) -> frozenset[str]:
    """The trade families the titles and descriptions of one person's mentions in an article state, and
    a "Dr", "Prof" or trade written right before a name (``text``, the article) that no title mention holds."""
    out = set()
    for m in mentions:
        if m.kind == "name" and text and m.start <= len(text):
            # the word written right before the name: "Dr", or a trade ("Detective Inspector Sarah Mitchell",
            # "neurologist David Chen", "striker Daniel Okafor")
            before = _TITLE_BEFORE.search(text[max(0, m.start - 24):m.start])
            word = before.group(1).lower() if before else ""
            if not (before and before.group(2)) or word in _TITLE_FAMILIES:  # a dot only after "Dr"
                out.update(_families_of(word))
        if m.kind == "title" or m.kind in DESCRIPTION_KINDS:
            out.update(_families_of((head_of(m.text) or "").rstrip(".")))
    return frozenset(out)


def _families_of(word: str) -> tuple[str, ...]:
    """The trade families a title or trade word names: "Dr" several, "striker" one, any other word none."""
    return _TITLE_FAMILIES.get(word) or ((TRADES[word],) if word in TRADES else ())


def trades_agree(a, b) -> bool:
    """Whether two sets of trade families can be one person's (either unknown, or one family shared)."""
    return not a or not b or bool(set(a) & set(b))
