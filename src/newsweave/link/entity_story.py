"""Look-ups inside one story for the cross-document entity linker (``link/entities.py``).

News names a participant once in full and then by a part of the name, a description or a role.
Which entity such a mention is depends on the story it appears in: the one person of the story
whose first name it is, the one organisation whose name ends with its word ("the Saints"), the
story's clearly dominant person a description fits ("the host"), the one person whose surname a
misspelling is one slip from. ``StoryLookups`` holds these reads of the linker's tables
(``EntityTables``); ``EntityLinker`` decides when each applies.
"""

from __future__ import annotations

from ..model import Mention
from ..names import DETERMINERS as _DETERMINERS
from ..names import ORGANISATION_HEADS, first_name_gender, one_slip_apart
from ..names import WORD as _WORD
from ..names import head_of as _head_of
from ..names import plain_words as _plain_words
from ..names import singular as _singular
from ..names import spelled as _spelled
from ..names import spelling as _spelling
from ..names import words_of as _words_of
from .entity_groups import (
    FAMILY,
    FAMILY_NOUNS,
    GENDERED_NOUNS,
    PERSON,
    first_name_fits,
    genders_agree,
)
from .entity_state import EntityTables

# The words that make a name an institution's or a building's ("Betty Ford" + "Center").
_INSTITUTIONS = ORGANISATION_HEADS | {"Clinic", "Hospital", "Hotel", "Prison", "Unit", "School", "Academy",
                                      "Stadium", "Arena", "Court", "Church", "Mosque", "Temple", "Airport",
                                      "Station", "Museum", "Bank", "Company", "Co", "Group", "Foods", "Plant"}

__all__ = ["HEAD_PREFIX", "StoryLookups"]

# A description's head counts are kept per label ("ORG:company"; a person's bare).
HEAD_PREFIX = {PERSON: "", "ORG": "ORG:"}


class StoryLookups(EntityTables):
    """The story-scoped reads of the entity tables that the linker's rules use."""

    _head = staticmethod(_head_of)

    def canonical(self, eid: str | None) -> str | None:
        """The id an entity id stands for now: a description entity may later be merged into a named one."""
        while eid in self._merged_into:
            eid = self._merged_into[eid]
        return eid

    def _story_person_misspelled(self, words: tuple[str, ...], story: str | None, gender: str | None) -> str | None:
        """The story's one person whose surname this unknown surname is one slip of the pen from
        ("Klistchko" of a story about Wladimir Klitschko, "Duncan Raite" of Duncan Rait), where the
        spelling is no surname the corpus knows and no given name, the longer of the two has five
        letters or more, and given names and genders agree. A plural ("the Clintons") is a family,
        not a slip."""
        if story is None or not words:
            return None
        w = words[-1]
        if w in self._by_surname or f"PER|{' '.join(words)}" in self._by_key or first_name_gender(w):
            return None
        hits = set()
        for eid in dict.fromkeys(self.canonical(e) for e in self._story_people.get(story, ())):
            st = self._entities[eid]
            if st.label != PERSON or not genders_agree(gender, st.person_gender()):
                continue
            if len(words) > 1 and not first_name_fits(list(words[:-1]), st.first_words):
                continue
            if any(max(len(s), len(w)) >= 5 and one_slip_apart(s, w) and s + "s" != w and w + "s" != s
                   for s in {*self._surnames_of(st), *(a[0] for a in map(_spelled, st.aliases) if len(a) == 1)}):
                hits.add(eid)
        return hits.pop() if len(hits) == 1 else None

    def _headline_name(self, words: tuple[str, ...], label: str, story: str) -> str | None:
        """The story's entity a headline or a score line opens with, under a label the tagger gives such
        lines: the full name of a person in a headline taken for a title ("Lindsay Lohan Checks Into
        Rehab", WORK_OF_ART), or any name followed by numbers alone ("Evansville 51 - 50", PRODUCT)."""
        in_story = self._story_people.get(story, ())
        for k in range(len(words) - 1, 0, -1):
            numbers = not any(w.isalpha() for w in words[k:])
            for fam in ("PER", "ORG", "PLACE", "NORP"):
                if not (numbers or (label == "WORK_OF_ART" and fam == "PER" and k >= 2)):
                    continue
                hit = [e for e in self._by_key.get(f"{fam}|{' '.join(words[:k])}", ()) if e in in_story]
                if hit:
                    return self.canonical(hit[-1])
        return None

    def _org_word(self, descs: list[Mention], eid: str) -> bool:
        """Whether a description is one word ("the Colts", "the navy") and ``eid`` an organisation."""
        raw = [w for w in _WORD.findall(descs[0].text) if w.lower() not in _DETERMINERS]
        return len(raw) == 1 and self._is_org(eid)

    def _story_org_by_last_word(self, words: tuple[str, ...], story: str) -> str | None:
        """The story's one organisation that a name and another share the last word of: "Saints" for
        "New Orleans Saints" and back ("Kansas City Chiefs" after "Chiefs")."""
        in_story = self._story_people.get(story, ())
        if len(words) == 1:
            hits = {self.canonical(e) for e in self.ids_with_alias_ending(words[0], in_story)}
        else:
            hits = {self.canonical(e) for e in self._by_key.get(f"ORG|{words[-1]}", ()) if e in in_story}
            if not hits and len(words) == 2:
                # "Red Sox" of the story's "Boston Red Sox": the name without the city before it
                hits = {self.canonical(e) for e in self.ids_with_alias_ending(words, in_story)}
        hits = {e for e in hits if self._is_org(e)}
        return hits.pop() if len(hits) == 1 else None

    @staticmethod
    def _surnames_of(st) -> set[str]:
        return {w[-1] for w in map(_spelled, st.aliases) if len(w) > 1}

    def _story_name_of_other_label(self, word: str, fam: str, story: str) -> str | None:
        """The story's one entity written as the one-word name ``word`` (or, for a person, with that
        surname) under another label: the tagger calls one name PERSON here, ORG or GPE there."""
        in_story = self._story_people.get(story, ())
        hits = set()
        for other in ("PER", "ORG", "PLACE", "NORP"):
            if other == fam:
                continue
            hits.update(self.canonical(e) for e in self._by_key.get(f"{other}|{word}", ()) if e in in_story)
        if fam != "PER":
            hits.update(self.canonical(e) for e in self._by_surname.get(word, ()) if e in in_story)
        return hits.pop() if len(hits) == 1 else None

    def _story_person_of_gender(self, story: str, descs: list[Mention]) -> str | None:
        """The story's clearly most-mentioned named person of the gender a description states.

        "The woman" in a story whose one prominent woman is Raj Chohan is Raj Chohan; when two named
        people of that gender are close in prominence, nothing is guessed.
        """
        if any((self._head(m.text) or "") in FAMILY_NOUNS for m in descs):
            return None  # "his wife", "her daughter": a relative of someone, not the story's protagonist
        genders = {GENDERED_NOUNS.get(self._head(m.text) or "") for m in descs} - {None}
        if len(genders) != 1:
            return None
        (gender,) = genders
        return self._story_person(story, gender)

    def _name_written_plain(self, descs: list[Mention], story: str | None = None) -> str | None:
        """A known organisation or place whose name a description spells out in lower case ("the Indian
        navy" for the Indian Navy): the tagger read it as a common noun phrase."""
        # The story's ids as a list: a set of them per description would cost the story's size each time.
        in_story = self._story_people.get(story, ()) if story is not None else ()
        for m in descs:
            raw = _WORD.findall(m.text)
            words = [_spelling(w) for w in _plain_words(m.text) if w not in _DETERMINERS]
            # A capitalised head the tagger did not call a name ("the Colts") is a name all the same.
            capital = bool(raw) and raw[-1][:1].isupper()
            if not words:
                continue
            if len(words) < 2 and not capital:
                # One common word ("the navy", "the academy") names too many things in the corpus, but
                # in a story it is the one organisation whose longer name ends with it ("Indian Navy").
                hit = self._story_org_of_head(words[-1], in_story)
                if hit is not None:
                    return hit
                continue
            key = " ".join(words)
            for fam in ("ORG", "PLACE", "NORP") + (("PER",) if capital else ()):
                hit = self._by_key.get(f"{fam}|{key}")
                if hit and (len(words) > 1 or hit[-1] in in_story):
                    return self.canonical(hit[-1])
            if capital:
                # The last word of a longer name the story has used ("Colts" for "Indianapolis Colts").
                hits = {self.canonical(e) for e in self.ids_with_alias_ending(words[-1], in_story)}
                if len(hits) == 1:
                    return hits.pop()
        return None

    def _story_name_opened(self, words: tuple[str, ...], story: str) -> str | None:
        """The story's one organisation or place whose longer name opens with ``words`` and goes on with
        an institution's word: "Betty Ford" of the Betty Ford Center, "Morningside" of Morningside
        Recovery Center."""
        n = len(words)
        hits = set()
        for eid in dict.fromkeys(self.canonical(e) for e in self._story_people.get(story, ())):
            if self._family_of(eid) not in ("ORG", "PLACE"):
                continue
            for a in self._entities[eid].aliases:
                w = _spelled(a)
                if len(w) > n and w[:n] == words and any(x.capitalize() in _INSTITUTIONS for x in w[n:]):
                    hits.add(eid)
        return hits.pop() if len(hits) == 1 else None

    def _story_org_of_head(self, word: str, in_story) -> str | None:
        """The story's one organisation whose name of two words or more has ``word`` for its head ("the
        navy" of the Indian Navy, "the court" of the Albany County Court; not "justice" of the Department
        of Justice), named more than once: a name seen once may be a headline the tagger took for one."""
        if _singular(word) != word:
            return None  # "the banks" are not the one bank
        hits = set()
        for eid in {self.canonical(e) for e in self.ids_with_alias_ending((word,), in_story)}:
            st = self._entities[eid]
            if st.mentions < 2 or not self._is_org(eid):
                continue
            for a in st.aliases:
                w = _spelled(a.split(" of ")[0])
                if len(w) > 1 and w[-1] == word and "/" not in a:
                    hits.add(eid)
        return hits.pop() if len(hits) == 1 else None

    def _family_of(self, eid: str) -> str | None:
        """The kind of thing an entity is (``FAMILY``) by its most common label; None for one of common
        nouns alone, whose label is no vote."""
        labels = self._entities[eid].labels
        return FAMILY.get(labels.most_common(1)[0][0]) if labels else None

    def _is_org(self, eid: str) -> bool:
        return self._family_of(eid) == "ORG"

    def _story_person_by_role(self, story: str, descs: list[Mention], label: str = PERSON,
                              gender: str | None = None) -> str | None:
        """The story's dominant named person (or organisation, by ``label``), for a singular description
        whose head word the corpus has seen said of a named one of that label ("the host", "the
        suspect", "the company"), e.g. in an apposition or a chain with the name, more often than of
        one of the other label ("police"). A person of another ``gender`` than the description's
        chain states ("the driver ... he") is not it."""
        prefix = HEAD_PREFIX.get(label, f"{label}:")
        other = HEAD_PREFIX[PERSON if label != PERSON else "ORG"]
        for m in descs:
            words = [w for w in _words_of(m.text) if w not in _DETERMINERS]
            if not words or _singular(words[-1]) != words[-1] or words[-1] in FAMILY_NOUNS:
                continue  # plural: a group, not the protagonist; a relative is someone else's
            said = self._person_heads.get(prefix + words[-1], 0)
            if (said >= self.config.person_head_min and said > self._person_heads.get(other + words[-1], 0)
                    and said >= self.config.person_head_share * self._person_heads.get("*" + words[-1], 0)):
                return self._story_person(story, None, label, not_gender={"m": "f", "f": "m"}.get(gender or ""))
        return None

    def _story_person(self, story: str, gender: str | None, label: str = PERSON,
                      not_gender: str | None = None) -> str | None:
        """The story's named person (of ``gender``, when given; or named entity of another ``label``)
        mentioned at least twice as often as the next; one known to be of ``not_gender`` never."""
        people = []
        for eid in dict.fromkeys(self.canonical(e) for e in self._story_people.get(story, ())):
            st = self._entities[eid]
            if not (st.aliases and st.labels.most_common(1)[0][0] == label):
                continue
            if not_gender and st.person_gender() == not_gender:
                continue
            if gender is None or (st.gender and st.gender.most_common(1)[0][0] == gender):
                people.append((self._story_mentions[story][eid], eid))
        people.sort(reverse=True)
        if not people or (len(people) > 1 and people[0][0] < 2 * people[1][0]):
            return None
        return people[0][1]
