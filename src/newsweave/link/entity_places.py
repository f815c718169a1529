"""The countries an article names, read as evidence that two people of one full name in two stories
are two people.

Issue 12: "merges across articles need evidence", and a full name alone is weak evidence where it is a
common one: the Lagos football coach Daniel Okafor is no Canadian accountant Daniel Okafor, the Irish
party organiser Michael Brennan no councillor of an Ontario town. A person's stories share the country
they live and act in: a minister's talks abroad still name the minister's country, a coach's match
reports the league's. So a person of another story joins a full name only where the two articles'
countries meet, or where either names none (no evidence). Countries are read from the names of
countries, nationalities, capitals, provinces and cities of 15,000 people (``actors``).
"""

from __future__ import annotations

from ..actors import actor_code, city_country, province_code
from ..model import Mention

__all__ = ["countries_of", "places_agree"]

_PLACE_LABELS = frozenset({"GPE", "LOC"})
_NATIONALITY = "NORP"
_NOT_COUNTRIES = frozenset({"IGO", "NGO", "IMG"})  # international bodies and movements act everywhere


def _country(text: str) -> str | None:
    hit = actor_code(text)
    if hit is not None:
        return None if hit[0] in _NOT_COUNTRIES else hit[0]
    # a province before a city: "Ontario" is Canada's province before a Californian city
    return province_code(text) or city_country(text)


def countries_of(mentions: list[Mention]) -> frozenset[str]:
    """The countries an article's place and nationality names denote (ISO alpha-3); none where it
    names no place a table knows: a nationality alone ("a Moroccan-born chef" of a story set in a
    Yorkshire valley) tells where someone is from, not where the story is."""
    places, nationalities = set(), set()
    for m in mentions:
        if m.kind == "name" and (m.label in _PLACE_LABELS or m.label == _NATIONALITY):
            code = _country(m.text)
            if code:
                (nationalities if m.label == _NATIONALITY else places).add(code)
    return frozenset(places | nationalities) if places else frozenset()


def places_agree(a, b) -> bool:
    """Whether two articles' countries can be one person's (either unknown, or one country shared)."""
    return not a or not b or bool(set(a) & set(b))
