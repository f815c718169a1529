"""One article's mentions gathered into groups, one per thing the article names, before linking.

``group_mentions`` is step 1 of the entity linker (``link/entities.py``): the mentions of one
coreference chain are one group, split where a rule-based chain took in two different people; a
surname or an equal name joins the article's fuller name that fits it (given names and genders
agree); ``join_descriptions`` folds a nameless description into the name the parse says it is
said of (``Mention.describes``). The gender rules (given names, honorifics, pronouns, gendered nouns) that every later step
also reads are here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..model import DESCRIPTION_KINDS, Mention
from ..names import (
    FAMILY,
    SON_OF,
    double_surname,
    first_name_gender,
    first_names_agree,
    generation,
    honorific_gender,
    name_words,
    spelled,
    surname_joined,
)

__all__ = ["FAMILY", "FAMILY_NOUNS", "GENDERED_NOUNS", "PERSON", "PRONOUN_GENDER",
           "MentionGroup", "best_name", "first_name_fits", "genders_agree", "given", "group_gender",
           "group_mentions", "join_descriptions", "name_gender"]

PERSON = "PERSON"

PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}
# Nouns that state a person's gender; used to tie "the woman" to the story's prominent woman.
GENDERED_NOUNS = {
    "man": "m", "boy": "m", "husband": "m", "father": "m", "son": "m", "brother": "m", "grandfather": "m",
    "uncle": "m", "businessman": "m", "spokesman": "m", "gentleman": "m", "king": "m", "actor": "m",
    "woman": "f", "girl": "f", "wife": "f", "mother": "f", "daughter": "f", "sister": "f", "grandmother": "f",
    "aunt": "f", "businesswoman": "f", "spokeswoman": "f", "lady": "f", "queen": "f", "actress": "f",
}
# Nouns that name someone by their tie to another person: "his wife" is never the "his".
FAMILY_NOUNS = frozenset(["wife", "husband", "daughter", "son", "mother", "father", "brother", "sister", "grandmother", "grandfather", "grandson", "granddaughter", "uncle", "aunt", "niece", "nephew", "cousin", "widow", "widower", "fiancee", "fiance", "girlfriend", "boyfriend", "partner", "spouse", "child", "stepson", "stepdaughter", "stepmother", "stepfather", "mom", "dad", "parent", "sibling", "in-law"])


def given(words) -> str:
    """The given name among a full name's words before the surname: the first the Census lists know
    ("Crooked Hillary Clinton" -> "hillary"), else the first word."""
    return next((w for w in words[:-1] if first_name_gender(w)), words[0])


def name_gender(text: str) -> str | None:
    """The gender a written person name states: its honorific, else its given name."""
    words = surname_joined(name_words(text), text)  # "von der Leyen" has no given name "von"
    return honorific_gender(text) or (first_name_gender(given(words)) if len(words) > 1 else None)


def group_gender(g: MentionGroup) -> str | None:
    """The gender an article's group of mentions states: names first, else agreeing he/she pronouns."""
    named = {name_gender(m.text) for m in g.mentions if m.kind == "name" and m.label == PERSON} - {None}
    if len(named) == 1:
        return named.pop()
    if named:
        return None
    said = Counter(PRONOUN_GENDER.get(m.text.lower()) for m in g.mentions if m.kind == "pronoun")
    said.pop(None, None)
    if said:
        top, n = said.most_common(1)[0]
        if n >= 0.8 * sum(said.values()):
            return top
    return None


def generations_agree(g: MentionGroup, h: MentionGroup, strict: bool = False) -> bool:
    """Whether two groups' names carry no different generational suffixes ("Walter Pruitt Sr." is no
    "Walter Pruitt Jr." though their names are one spelling); ``strict``: nor does one carry a suffix the
    other's full name lacks (an article's "Adebayo Ogundipe" beside its "Adebayo Ogundipe Jr.")."""
    a, b = ({generation(m.text) for m in x.mentions if m.kind == "name"} - {None} for x in (g, h))
    return a == b if strict else not (a and b and a != b)


def genders_agree(a: str | None, b: str | None) -> bool:
    """Whether two stated genders (``None``: nothing stated) can be one person's."""
    return a is None or b is None or a == b


def first_name_fits(given_words: list[str], known: set[str]) -> bool:
    """Whether any of the words before a surname ("comedian ellen") agrees with a known first name. The
    name after "bin" or "ibn" is the father's: Khalid bin Ahmed is no Ahmed bin Khalid."""
    known = known - {""}
    if not known:
        return True  # known by surname only so far
    own = [w for k, w in enumerate(given_words)  # (a first word is a given name: Ben Carter)
           if k == 0 or not (w in SON_OF or given_words[k - 1] in SON_OF)]
    return any(first_names_agree(k, w) for k in known for w in own)


@dataclass(slots=True)
class MentionGroup:
    """The mentions of one article that name one thing, and the most informative name among them."""

    mentions: list[Mention]
    name: Mention | None  # the most informative name mention, if any

    @property
    def label(self) -> str:
        if self.name is not None:
            return self.name.label
        return Counter(m.label for m in self.mentions).most_common(1)[0][0]


def best_name(ms: list[Mention]) -> Mention | None:
    """The longest name among mentions (most words, then characters, then the earliest)."""
    names = [m for m in ms if m.kind == "name" and name_words(m.text)]
    if not names:
        return None
    return max(names, key=lambda m: (len(name_words(m.text)), len(m.text), -m.start))


def group_mentions(mentions: list[Mention], *, cross_label_surname: bool = True,
                   org_short_names: bool = True) -> list[MentionGroup]:
    """One article's mentions as groups: chains (split per person), then surnames and equal names
    joined to the article's fuller name of the same kind; named groups first, longest name first.

    ``cross_label_surname``: a lone surname the tagger labelled otherwise ("Klitschko" NORP) joins the
    article's person of that surname (``EntityConfig.cross_label_surname``).
    """
    chains: dict[Any, list[Mention]] = {}
    for i, m in enumerate(mentions):
        chains.setdefault(("c", m.chain) if m.chain is not None else ("m", i), []).append(m)
    groups = [g for ms in chains.values() for g in _split_chain(ms)]
    # Without chains (or where coreference left two variants apart) join a surname or an equal
    # name to the article's fuller name of the same kind.
    named = [g for g in groups if g.name is not None]
    named.sort(key=lambda g: -len(name_words(g.name.text)))
    merged: list[MentionGroup] = []
    for g in named:
        words = spelled(g.name.text)
        fam = FAMILY.get(g.name.label, g.name.label)
        home = None
        if fam == "PER" and len(words) == 1:
            # A surname (or a given name) alone is the article's most-mentioned person of that
            # name whose gender nothing contradicts ("Obama" ... "she" is not Barack Obama).
            gender = group_gender(g)
            fits = [h for h in merged if h.name.label == PERSON and len(hw := spelled(h.name.text)) > 1
                    and words[0] in (hw[-1], given(hw)) and genders_agree(gender, group_gender(h))
                    and generations_agree(g, h)]
            if fits:
                max(fits, key=lambda h: len(h.mentions)).mentions.extend(g.mentions)
                continue
        if fam == "ORG" and len(words) == 1 and org_short_names:
            # A team or firm named by its last word ("the Saints") is the article's one longer
            # organisation name ending with it ("New Orleans Saints").
            fits = [h for h in merged if FAMILY.get(h.name.label) == "ORG"
                    and len(hw := spelled(h.name.text)) > 1 and hw[-1] == words[0]]
            if len(fits) == 1:
                fits[0].mentions.extend(g.mentions)
                continue
        for h in merged:
            hw = spelled(h.name.text)
            if FAMILY.get(h.name.label, h.name.label) != fam and not (len(words) > 1 and words == hw):
                # The tagger's label slips on a lone surname ("Klitschko" NORP, "Lohan" GPE) next
                # to the person's full name in the same article.
                if (cross_label_surname and len(words) == 1 and len(hw) > 1 and words[0] == hw[-1]
                        and h.name.label == PERSON):
                    home = h
                    break
                continue
            if words == hw and generations_agree(g, h, strict=len(words) > 1) and (fam != "PER" or len(words) > 1 or genders_agree(
                    group_gender(g), group_gender(h))):
                home = h
                break
        if home is None:
            merged.append(g)
        else:
            home.mentions.extend(g.mentions)
    return merged + [g for g in groups if g.name is None]


def _same_surname(pw: tuple[str, ...], words: tuple[str, ...], written: str) -> bool:
    """Whether a name's surname (``words``, spelling keys) is the one of a chain's longest name (``pw``, as
    ``written``): its last word, or the first of a Spanish name's two ("Morales" of Javier Morales Ibarra)."""
    return pw[-1] == words[-1] or len(words) <= 2 and len(pw) == 3 and pw[1] == words[-1] and double_surname(
        name_words(written))


def _split_chain(ms: list[Mention]) -> list[MentionGroup]:
    """One group per person a chain names: a rule-based chain that took in two different surnames
    ("Subryan" ... "Chohan") is split, its other mentions staying with the most-named person; so is one
    that took in a father and his son of one name ("Adebayo Ogundipe ... His son, Adebayo Ogundipe Jr."),
    where the chain names a family tie."""
    people: list[list[Mention]] = []
    kin = any(m.kind != "name" and (m.text.lower().split() or [""])[-1] in FAMILY_NOUNS for m in ms)
    for m in sorted((m for m in ms if m.kind == "name" and m.label == PERSON and name_words(m.text)),
                    key=lambda m: -len(name_words(m.text))):
        words = spelled(m.text)
        for p in people:
            pw = spelled(p[0].text)
            if _same_surname(pw, words, p[0].text) and (len(words) == 1 or first_name_fits(words[:-1], {given(pw)}
                                                                           if len(pw) > 1 else set())) \
                    and genders_agree(name_gender(m.text), name_gender(p[0].text)) and not (
                    kin and len(words) > 1 and generation(m.text) != generation(p[0].text)):
                p.append(m)
                break
        else:
            people.append([m])
    if len(people) < 2:
        return [MentionGroup(ms, best_name(ms))]
    people.sort(key=len, reverse=True)
    in_people = {id(m) for p in people for m in p}
    rest = [m for m in ms if id(m) not in in_people]
    groups = [MentionGroup(people[0] + rest, best_name(people[0]))]
    groups += [MentionGroup(p, best_name(p)) for p in people[1:]]
    return groups


def join_descriptions(groups: list[MentionGroup]) -> list[MentionGroup]:
    """Fold a nameless group into the named group its description is said of (``Mention.describes``,
    set by the extract stage ``newsweave.descriptions.parse.v1``: an apposition, a compound title
    before the name, or "NAME is/was a DESCRIPTION")."""
    owner: dict[tuple[int, int], MentionGroup] = {}
    for g in groups:
        if g.name is None:
            continue
        for m in g.mentions:
            if m.kind == "name":
                owner[(m.start, m.end)] = g
    if not owner:
        return groups
    kept = []
    for g in groups:
        home = None
        if g.name is None:
            home = next((owner[m.describes] for m in g.mentions
                         if m.kind in DESCRIPTION_KINDS and m.describes in owner), None)
        if home is None:
            kept.append(g)
        else:
            home.mentions.extend(g.mentions)
    return kept
