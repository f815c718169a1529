"""Cross-document entities: one id for each real-world person, organisation or place in the corpus.

``EntityLinker.add(key, mentions, ...)`` takes one article's mentions (with the in-document ``chain``
numbers of the coreference stage, where it ran) and sets ``entity_id`` on each. Per article:

1. **groups** — mentions of one chain are one group; without chains, a surname ("Putin") joins the
   article's fuller name that ends with it ("Vladimir Putin"), and equal names join
   (``link/entity_groups.py``, with the gender rules every step reads);
2. **names** are compared through a spelling key that folds accents and the usual transliteration
   variants (Yuri/Yury, Zelensky/Zelenskyy, Sergei/Sergey, Alexei/Aleksey), drops honorifics and
   possessives. A full name links to the entity of that key, else to one with that surname (never
   across two different surnames: Trump and Putin can not meet; a surname-only entity only inside its
   story); given names must agree (an initial, a prefix or a
   usual short form) and so must genders (given names, honorifics, pronouns: Donald, Ivanka and Melania
   Trump stay three people), the ages stated beside the name ("Fatima Hassan, 58" is no "Fatima Hassan, a
   34-year-old"; ``link/entity_ages.py``) and generational suffixes ("Sr." is no "Jr."); a surname alone is the most-mentioned compatible person of its article,
   then its story — never the biggest such entity of the store, but for an article of no story or a
   person the news has named in full in several stories, where the corpus's one clearly dominant person
   of that surname is taken (``_resolve_person``);
   an acronym ("UN") links to the organisation whose initials it is;
3. **titles** without a name in the article ("the US President") link through roles learnt from
   articles that wrote the role next to a name ("US President Donald Trump"): a role key is the
   title's head noun plus the country ``actor_code`` finds in it, and the latest holder seen wins
   (``link/entity_roles.py``);
4. **descriptions** ("the navy", "pirates", "the driver") are only linked inside one story, by their
   head word: across stories the same words name different things. A singular description whose head
   the corpus has seen said of a named person (or organisation: "the company") joins the story's
   clearly dominant person (organisation);
5. a one-word name under a label the tagger slipped on ("Klitschko" NORP) is the story's one entity
   of that name or surname under another label; the slip teaches the entity no new key.

A chain's pronouns carry the chain's entity; a lone pronoun gets an entity of its own.
Per-article work is dictionary look-ups, so cost does not grow with the corpus. The tables and their
persistence (``to_state``/``from_state`` whole, ``state_changes``/``from_records`` as records,
``lazy`` over a store's records read on demand) are in ``link/entity_state.py``, the look-ups inside
one story (a story's person of a first name, gender or role, an organisation by its last words, a
misspelt surname) in ``link/entity_story.py``; the words of a
name and their spelling keys in the kernel ``newsweave/names.py``, the linker's keys, acronyms and
display names in ``link/names.py``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model import DESCRIPTION_KINDS, NOMINAL_LABEL, Entity, Mention
from ..names import first_name_gender, generation, is_proper_name
from ..names import last_word as _last_word
from ..names import name_words as _name_words
from ..names import spelled as _spelled
from ..names import words_of as _words_of
from .entity_ages import ages_agree, birth_years, join_born
from .entity_groups import (
    FAMILY,
    GENDERED_NOUNS,
    PERSON,
    PRONOUN_GENDER,
    MentionGroup,
    first_name_fits,
    genders_agree,
    given,
    group_gender,
    group_mentions,
    join_descriptions,
    name_gender,
)
from .entity_places import countries_of
from .entity_roles import actor_code, role_key, title_before
from .entity_state import EntityRecord
from .entity_stated import NOTHING, Stated
from .entity_story import HEAD_PREFIX as _HEAD_PREFIX
from .entity_story import StoryLookups
from .entity_trades import trades_of
from .names import acronym_of, display_name, name_key
from .names import is_acronym as _is_acronym

__all__ = ["EntityLinker", "acronym_of", "name_key"]

# The rules' switches and thresholds are settings.EntityConfig (``self.config``).
_OUR_FAMILIES = frozenset(FAMILY.values())


class EntityLinker(StoryLookups):
    """Assigns corpus-wide entity ids to mentions, one article at a time (see the module docstring)."""

    # -- public -------------------------------------------------------------------------------
    def entities(self) -> list[Entity]:
        """Every entity in memory as an ``Entity`` record (all of them, but for a store-backed linker)."""
        return [self._entity_record(st) for st in self._entities.values() if st.id not in self._merged_into]

    def entity(self, entity_id: str) -> Entity | None:
        """One entity as an ``Entity`` record (``None`` if unknown or merged away); costs that entity only."""
        st = self._entities.get(entity_id)
        if st is None or entity_id in self._merged_into:
            return None
        return self._entity_record(st)

    @staticmethod
    def _entity_record(st) -> Entity:
        label = st.labels.most_common(1)[0][0] if st.labels else st.label
        return Entity(id=st.id, name=st.name, type=label, aliases=set(st.aliases), code=st.code)

    def __len__(self) -> int:
        return self._next - 1  # ids are made one by one and never reused

    def add(self, key: str, mentions: list[Mention], *, story_id: str | None = None,
            published: date | None = None, text: str | None = None) -> list[str | None]:
        """Set ``entity_id`` on every mention of article ``key`` and return the ids in mention order.

        ``story_id`` scopes descriptions and breaks surname ties; ``published`` dates what was seen;
        ``text`` (the article body) lets a role written before a name ("Russian President Vladimir
        Putin") be learnt when no coreference stage has made it a title mention. A description the
        extract stage found said of a name (``Mention.describes``: "Raj Chohan, a grandmother", "host
        Ellen DeGeneres", "Subryan was the driver") joins that name, which then carries it story-wide.
        """
        when = published.isoformat() if published else None
        groups = group_mentions(mentions, cross_label_surname=self.config.cross_label_surname,
                                org_short_names=self.config.org_short_names)
        groups = join_descriptions(groups)
        # Full names first, so that a surname or title in the same article finds them.
        groups.sort(key=lambda g: (g.name is None, -(len(_name_words(g.name.text)) if g.name else 0)))
        suffix_of: dict[str, str | None] = {}  # entity -> the suffix its name has in this article
        places = countries_of(mentions)
        for g in groups:
            # the name's mentions, and its surname where the tagger took it for a common noun ("Ashworth, 34,")
            written = [m for m in g.mentions if m.kind == "name" or m.kind == "nominal" and g.name is not None
                       and m.text[:1].isupper() and _spelled(m.text) == _spelled(g.name.text)[-1:]]
            person = g.label == PERSON and g.name is not None
            stated = Stated(born=birth_years(text, written, published.year if published else None) if person else None,
                            suffix=next((s for s in (generation(m.text) for m in g.mentions if m.kind == "name") if s), None),
                            # read for a name of any label: a person's name the tagger made an ORG
                            trades=trades_of(g.mentions, text) if g.name is not None else frozenset(),
                            places=places if g.name is not None else frozenset())
            eid = self._resolve(g, story_id, when, stated)
            if g.name is not None and suffix_of.get(eid, stated.suffix) != stated.suffix:
                # the article's "Adebayo Ogundipe" beside its "Adebayo Ogundipe Jr.": two people, whichever
                # the name alone would have found
                eid = self._create(g.name.text, g.name.label)
            if g.name is not None:
                suffix_of[eid] = stated.suffix
            if stated.born is not None and story_id is not None:
                self._split_contradicted(g, eid, story_id, stated.born)
            if (stated.trades or stated.places) and person and story_id is not None:
                eid = self._split_on_stated(g, eid, story_id, stated)
            for m in g.mentions:
                m.entity_id = eid
            self._learn(eid, g, story_id, when, text)
            stated.record(self._entities[eid], story_id, g.label == PERSON)
        return [m.entity_id for m in mentions]

    # -- resolving ------------------------------------------------------------------------------
    def _resolve(self, g: MentionGroup, story: str | None, when: str | None, stated: Stated = NOTHING) -> str:
        if g.name is not None:
            # A new name is a new entity even when its chain carries a title someone else held before.
            # the one-word names the article calls this person by ("Ellis" of "Ryan Ellis")
            alone = frozenset(w[0] for w in (_spelled(x.text) for x in g.mentions if x.kind == "name") if len(w) == 1)
            return (self._resolve_name(g.name, story, group_gender(g), alone=alone, stated=stated)
                    or self._create(g.name.text, g.name.label))
        titles = [m for m in g.mentions if m.kind == "title"]
        for m in titles:
            rk = role_key(m.text)
            if rk and rk in self._roles:
                return self._roles[rk]
        # A description stating a country's office ("the Russian President" the nominal stage found)
        # is a title all the same; a plural ("the two Presidents") is not one holder.
        for m in g.mentions:
            if m.kind in DESCRIPTION_KINDS and (self._head(m.text) or "") == (self._word(m.text) or ""):
                rk = role_key(m.text)
                if rk and rk in self._roles and rk.split("|")[0].isupper():
                    return self._roles[rk]
        descs = [m for m in g.mentions if m.kind in DESCRIPTION_KINDS or m.kind == "title"]
        if descs and story is not None:
            local = None
            for m in descs:
                lk = self._local_key(story, m.text)
                if lk in self._local:
                    local = self.canonical(self._local[lk])
                    break
            if local is not None and (self._entities[local].aliases or not self.config.person_role_linking):
                return local
            if self.config.description_as_name:
                named = self._name_written_plain(descs, story)
                if named is not None and local is not None and local != named:
                    if not (self.config.org_short_names and self._org_word(descs, named)):
                        named = None  # the story's earlier entity of that word stands
                    else:
                        # The story's earlier "Colts" entity was the Indianapolis Colts all along.
                        self._merge(local, named)
                if named is not None:
                    return named
            holder = self._story_person_of_gender(story, descs)
            if holder is None and self.config.person_role_linking:
                holder = self._story_person_by_role(story, descs, gender=group_gender(g))
            if holder is None and self.config.org_role_linking:
                holder = self._story_person_by_role(story, descs, "ORG")
            if holder is not None:
                if local is not None and local != holder:
                    # The story's earlier "the host" entity was this person all along.
                    self._merge(local, holder)
                return holder
            if local is not None:
                return local
            return self._create(descs[0].text, g.label)
        if story is not None and self.config.pronoun_linking:
            # A chain of "he"/"she" alone (the coreference stage found no name for it) is most likely
            # the story's clearly most-mentioned person of that gender: news keeps its protagonist.
            genders = {PRONOUN_GENDER.get(m.text.lower()) for m in g.mentions if m.kind == "pronoun"} - {None}
            if len(genders) == 1:
                holder = self._story_person(story, genders.pop())
                if holder is not None:
                    return holder
        first = g.mentions[0]
        return self._create(first.text, g.label)

    def _resolve_person(self, m: Mention, words: tuple[str, ...], story: str | None,
                        gender: str | None, alone: frozenset[str] = frozenset(),
                        stated: Stated = NOTHING) -> str | None:
        """The entity of a person's name, where nothing contradicts it.

        A full name is the entity written with that full name, else one with that surname whose given
        names agree ("Bill"/"William", never "Donald"/"Melania") and whose gender agrees; an entity
        known by its surname alone takes a full name only inside its story. A surname alone is the
        story's most-mentioned compatible person of that surname; a named person of another story only
        for an article of no story or a person named in full in ``surname_stories`` stories (the corpus's
        one such person, or the one that clearly dominates); else the corpus's entity of that surname
        alone, if any. The rules for names written under another label or with a headline's verb follow
        in ``_resolve_name``.
        """
        in_story = set(self._story_people.get(story, ())) if story is not None else set()
        key = " ".join(words)

        def fits(c: str) -> bool:
            # gender, and the ages, suffix and (for a person of another story) trades stated
            e = self._entities[c]
            return (genders_agree(gender, e.person_gender()) and stated.fits(e)
                    and (c in in_story or stated.fits_elsewhere(e)))

        if len(words) > 1:
            same = [c for c in self._by_key.get(f"PER|{key}", ()) if fits(c)]
            if same:
                # Two people of this name (told apart by their ages): the one this story has named.
                return ([c for c in same if c in in_story] or same)[-1]
            ok = []
            for c in self._by_surname.get(words[-1], ()):
                given = self._entities[c].first_words - {""}
                if not fits(c):
                    continue
                if given and first_name_fits(list(words[:-1]), given) or not given and c in in_story:
                    ok.append(c)
            if ok:
                pool = [c for c in ok if c in in_story] or ok
                return max(pool, key=lambda c: (self._entities[c].last_seen or "", self._entities[c].mentions))
            if (len(words) == 2 and words[0] in self._by_surname and words[1] not in self._by_surname
                    and not first_name_gender(words[0]) and words[1] not in alone):
                # A headline's word after a known surname ("Clinton Breaks", "Obama Speech") is no
                # given name and surname: the name is the surname alone. Not where the article calls
                # the person by that second word alone: "Ryan Ellis" ... "Ellis" is no Ryan.
                return self._resolve_person(m, words[:1], story, gender, stated=Stated(born=stated.born))
            return self._compatible(self._resolve_name(m, story, gender, person=True)
                                    or self._story_person_misspelled(words, story, gender), stated, gender, story)
        cands = dict.fromkeys(self.canonical(c) for c in (*self._by_surname.get(words[0], ()),
                                                          *self._by_key.get(f"PER|{key}", ())))
        cands = [c for c in cands if fits(c) and self._entities[c].label == PERSON]
        named = sorted((c for c in cands if self._entities[c].first_words - {""}),
                       key=lambda c: -self._entities[c].mentions)
        if len(named) == 1 and self.config.bare_surname_merge and not first_name_gender(words[0]):
            # The corpus's one named person of this surname: an entity of this story written with the
            # surname alone (made before the full name was seen) is that person, where the story names
            # them too. Not across stories: a footballer "Okafor" is no councillor Daniel Okafor.
            proper = is_proper_name(self._entities[named[0]].name)
            public = self._entities[named[0]].stories >= self.config.surname_stories
            for c in cands:
                if not (public or (c in in_story and named[0] in in_story)):
                    continue
                if c != named[0] and not self._entities[c].first_words - {""} and proper and genders_agree(
                        self._entities[c].person_gender(), self._entities[named[0]].person_gender()) and ages_agree(
                        self._entities[c].born, self._entities[named[0]].born):
                    self._merge(c, named[0])
            cands = list(dict.fromkeys(self.canonical(c) for c in cands))
            in_story = {self.canonical(e) for e in in_story}
        local = [c for c in cands if c in in_story]
        if local and story is not None:
            return max(local, key=lambda c: (self._story_mentions[story][c], c))
        public = story is None or (named and self._entities[named[0]].stories >= self.config.surname_stories)
        if named and public and (len(named) == 1 or self._entities[named[0]].mentions
                      >= self.config.surname_dominance * self._entities[named[1]].mentions):
            return named[0]
        bare = [c for c in cands if not self._entities[c].first_words - {""}]
        if bare:
            return max(bare, key=lambda c: self._entities[c].mentions)  # the corpus's "Obama" of no given name
        if named:
            return None  # Barack or Michelle: nothing says which
        return self._compatible(self._resolve_name(m, story, gender, person=True)
                                or self._story_person_misspelled(words, story, gender), stated, gender, story)

    def _compatible(self, eid: str | None, stated: Stated, gender: str | None = None,
                    story: str | None = None) -> str | None:
        """``eid`` unless what is stated of it and of the name being resolved (ages, generational
        suffixes) or, for a person of another story, their genders or trades tell two people."""
        if eid is None:
            return None
        e = self._entities[eid]
        if e.label == PERSON and eid not in self._story_people.get(story, ()) and not (genders_agree(
                gender, e.person_gender()) and stated.fits_elsewhere(e)):
            return None  # "Robin Ashworth" the batsman ("he") is no headteacher "Robin Ashworth" ("she")
        return eid if stated.fits(e) else None

    def _told_apart(self, eid: str, fam: str, stated: Stated, story: str | None) -> bool:
        """Whether a name written under another label than PERSON is told apart from person ``eid`` of
        another story by what its article states (a sprinter's name the tagger made an ORG is no
        architect of that name in a Montreal story); a PERSON name's own rules read this themselves."""
        return (fam != "PER" and self._entities[self.canonical(eid)].label == PERSON
                and self._compatible(eid, stated, story=story) is None)

    def _resolve_name(self, m: Mention, story: str | None, gender: str | None = None,
                      person: bool = False, alone: frozenset[str] = frozenset(),
                      stated: Stated = NOTHING) -> str | None:
        words = _spelled(m.text)
        if not words:
            return None
        fam = FAMILY.get(m.label, m.label)
        key = " ".join(words)
        if fam == "PER" and not person:
            return self._resolve_person(m, words, story, gender, alone, stated)
        same = self._by_key.get(f"{fam}|{key}")
        if same and not self._told_apart(same[-1], fam, stated, story):
            return same[-1]
        if fam != "PER" and _is_acronym(m.text):
            hit = self._by_acronym.get(key)
            if hit:
                return hit
        # A multi-word name seen under another label (spaCy's PERSON/ORG confusions) is still that name.
        if len(words) > 1:
            for other in ("PER", "ORG", "PLACE", "NORP"):
                hit = self._by_key.get(f"{other}|{key}")
                if hit and not self._told_apart(hit[-1], fam, stated, story):
                    return hit[-1]
        if fam != "PER" and len(words) == 1:
            hit = self._by_acronym.get(key)
            if hit and _is_acronym(m.text):
                return hit
        if fam == "PER" and len(words) == 1 and story is not None:
            # A first name alone ("Lindsay") is the story's one person of that first name.
            people = {self.canonical(e) for e in self._story_people.get(story, ())
                      if words[0] in self._entities[e].first_words and self._entities[e].label == PERSON}
            if len(people) == 1:
                return people.pop()
        if fam == "ORG" and story is not None and self.config.org_short_names:
            hit = self._story_org_by_last_word(words, story)
            if hit is not None:
                return hit
        if fam in ("ORG", "PLACE") and story is not None and self.config.org_short_names:
            hit = self._story_name_opened(words, story)
            if hit is not None:
                return hit
        if self.config.cross_label_surname and len(words) == 1 and story is not None:
            hit = self._story_name_of_other_label(words[0], fam, story)
            if hit is not None:
                return hit
        # A headline's capitalised verb taken into the name ("Esther Williams Dies", "Microsoft
        # Launches"): the longest known start of the name is the name. People keep two words at
        # least; a one-word start must be an entity of the same kind already in the story.
        for k in range(len(words) - 1, 0, -1):
            hit = self._by_key.get(f"{fam}|{' '.join(words[:k])}")
            if not hit:
                continue
            if k >= 2 and (fam != "PER" or len(words) - k <= 2):
                return hit[-1]
            if k == 1 and fam != "PER" and story is not None and hit[-1] in self._story_people.get(story, ()):
                return hit[-1]
        if fam not in _OUR_FAMILIES and story is not None and self.config.headline_names:
            return self._headline_name(words, m.label, story)
        return None

    def _local_key(self, story: str, text: str) -> str | None:
        # The word as written: "the drivers" are not "the driver".
        head = self._word(text)
        return f"{story}|{head}" if head else None

    _word = staticmethod(_last_word)

    # -- bookkeeping ----------------------------------------------------------------------------
    def _create(self, name: str, label: str) -> str:
        eid = f"{self.id_prefix}{self._next}"
        self._next += 1
        self._entities[eid] = EntityRecord(eid, " ".join(name.split()), label)
        self._changes.touch(("ent", eid))
        return eid

    def _learn(self, eid: str, g: MentionGroup, story: str | None, when: str | None, text: str | None) -> None:
        st = self._entities[eid]
        touch = self._changes.touch
        touch(("ent", eid))
        st.mentions += len(g.mentions)
        for m in g.mentions:
            # "The candidate" twenty times says nothing of what Hope Hicks is: an untied common noun's
            # label is no vote on the entity's type (an entity of such nouns alone keeps its own label).
            if m.label != NOMINAL_LABEL:
                st.labels[m.label] += 1
        if when and (st.last_seen is None or when > st.last_seen):
            st.last_seen = when
        if story is not None and eid not in self._story_people[story]:
            self._story_people[story].append(eid)
            touch(("sp", story))
        if story is not None:
            counts = self._story_mentions[story]
            counts[eid] += len(g.mentions)
            if counts["+" + eid] == 0 and any(m.kind == "name" and len(_name_words(m.text)) > 1 for m in g.mentions):
                counts["+" + eid] = 1  # "+id": the story has named it in full (counted once per story)
                st.stories += 1
            touch(("sm", story))
        for m in g.mentions:
            if m.kind == "name" and m.label == PERSON:
                named = name_gender(m.text)
                if named:
                    st.name_gender[named] += 1
            gender = PRONOUN_GENDER.get(m.text.lower()) if m.kind == "pronoun" else None
            if m.kind in DESCRIPTION_KINDS:
                gender = GENDERED_NOUNS.get(self._head(m.text) or "")
            if gender:
                st.gender[gender] += 1
        names = [m for m in g.mentions if m.kind == "name" and _name_words(m.text)]
        for m in g.mentions:
            if m.kind in DESCRIPTION_KINDS and (words := _words_of(m.text)):
                self._person_heads["*" + words[-1]] += 1  # every use of the word, named or not
                touch(("head", "*" + words[-1]))
        if names and g.label in _HEAD_PREFIX:
            for m in g.mentions:
                if m.kind in DESCRIPTION_KINDS:
                    words = _words_of(m.text)
                    if words:
                        head = _HEAD_PREFIX[g.label] + words[-1]
                        self._person_heads[head] += 1
                        touch(("head", head))
        for m in names:
            self.add_alias(eid, " ".join(m.text.split()))
            words = _spelled(m.text)
            fam = FAMILY.get(m.label, m.label)
            k = f"{fam}|{' '.join(words)}"
            if (self.config.cross_label_surname and len(words) == 1 and st.label == PERSON and fam != "PER"
                    and words[-1] in self._surnames_of(st)):
                continue  # a label slip on the surname teaches nothing: "Klitschko" ORG elsewhere is not him
            if eid not in self._by_key[k]:
                self._by_key[k].append(eid)
                touch(("key", k))
            if fam == "PER":
                if eid not in self._by_surname[words[-1]]:
                    self._by_surname[words[-1]].append(eid)
                    touch(("sur", words[-1]))
                if len(words) > 1:
                    st.first_words.add(given(words))
                    st.first_words.discard("")
                elif not st.first_words:
                    st.first_words.add("")
            else:
                acr = acronym_of(m.text)
                if acr and acr not in self._by_acronym:
                    self._by_acronym[acr] = eid
                    touch(("acr", acr))
                if _is_acronym(m.text):
                    own = words[0] if len(words) == 1 else "".join(words)
                    if own not in self._by_acronym:
                        self._by_acronym[own] = eid
                        touch(("acr", own))
            st.written[" ".join(m.text.split())] += 1
            if g.label != PERSON and len(_name_words(m.text)) > len(_name_words(st.name)):
                st.name = " ".join(m.text.split())  # an organisation or place: its longest name
        if names and g.label == PERSON:
            st.name = display_name(st.written) or st.name
        if names and st.code is None and g.label in ("GPE", "NORP", "ORG", "PERSON"):
            code = actor_code(g.name.text if g.name else names[0].text)
            if code and (g.label != "PERSON" or code[1] == "GOV"):
                st.code = code[0]
        # Descriptions teach the story's words for this entity ("the driver" in a chain with Subryan);
        # a description-only entity made earlier in the story under the same word is this one.
        if story is not None:
            for m in g.mentions:
                if m.kind not in DESCRIPTION_KINDS and m.kind != "title":
                    continue
                lk = self._local_key(story, m.text)
                if lk is None:
                    continue
                old = self.canonical(self._local.get(lk))
                if old is None:
                    self._local[lk] = eid
                    touch(("local", lk))
                elif old != eid and not self._entities[old].aliases and names:
                    self._merge(old, eid)
                    self._local[lk] = eid
                    touch(("local", lk))
        # Roles: title mentions of the chain, and the words written right before a name.
        roles = [m.text for m in g.mentions if m.kind == "title"]
        if text is not None and g.name is not None and g.label == PERSON:
            for m in names:
                before = title_before(text, m.start)
                if before:
                    roles.append(before)
        for r in roles:
            rk = role_key(r)
            if rk:
                self._roles[rk] = eid
                touch(("role", rk))
                if st.code is None and g.label == PERSON:
                    code = actor_code(r)
                    if code and code[1] == "GOV":
                        st.code = code[0]

    def _split_contradicted(self, g: MentionGroup, eid: str, story: str, born: tuple[int, int]) -> None:
        """Undo a merge the article's stated age contradicts: an entity of this full name that the story's
        earlier articles joined, but whose age another story stated and this one contradicts, was two
        people. The story's part of it ("Daniel Okafor" the seismologist, joined to the footballer of
        that name, 24, until an article gave the seismologist's age, 58) becomes ``eid``'s."""
        in_story = self._story_people.get(story, ())
        for m in g.mentions:
            words = _spelled(m.text) if m.kind == "name" else ()
            if len(words) < 2:
                continue
            for c in dict.fromkeys(map(self.canonical, self._by_key.get(f"PER|{' '.join(words)}", ()))):
                e = self._entities[c]
                if c != eid and c in in_story and e.born_in not in (None, story) and not ages_agree(born, e.born):
                    self._move_story_part(c, eid, story)

    def _split_on_stated(self, g: MentionGroup, eid: str, story: str, stated: Stated) -> str:
        """The entity for a name whose trade or countries this article states: ``eid``, unless another
        story stated a trade or countries of ``eid`` that this one contradicts — one full name joined
        across stories before either said what the person does or where ("Claire Donnelly" the judge,
        then the dairy farmer; "Michael Brennan" of a Dublin party, then of a Markham council). Then this
        story's part of ``eid`` becomes a new person's, as a contradicted age splits (``_split_contradicted``)."""
        e = self._entities[eid]
        if e.label != PERSON or not stated.contradicts_elsewhere(e, story):
            return eid
        new = self._create(g.name.text, g.name.label)
        self._move_story_part(eid, new, story)
        if e.born_in == story:
            # the age this story stated was the new person's ("Daniel Okafor, 24" the footballer)
            self._entities[new].born, self._entities[new].born_in = e.born, story
            e.born, e.born_in = None, None
        return new

    def _move_story_part(self, old: str, new: str, story: str) -> None:
        """What ``story`` said of entity ``old`` is entity ``new``'s (the store re-points that story's mentions)."""
        counts = self._story_mentions[story]
        n = counts.pop(old, 0)
        counts[new] += n
        a, b = self._entities[old], self._entities[new]
        a.mentions -= n
        b.mentions += n
        if counts.pop("+" + old, 0):
            a.stories -= 1
            if not counts["+" + new]:
                counts["+" + new] = 1
                b.stories += 1
        people = self._story_people[story]
        people[:] = [new if p == old else p for p in people if p != new or old not in people]
        self.history.append({"action": "split", "entity": new, "from": old, "story": story})
        self._changes.touch_all([("ent", old), ("ent", new), ("sm", story), ("sp", story),
                                 ("hist", self._history_base + len(self.history) - 1)])

    def _merge(self, old: str, into: str) -> None:
        a, b = self._entities[into], self._entities[old]
        a.labels.update(b.labels)
        a.mentions += b.mentions
        a.stories += b.stories
        if ages_agree(a.born, b.born):
            a.born = join_born(a.born, b.born)
        a.suffix = a.suffix or b.suffix
        a.born_in = a.born_in or b.born_in
        a.trades_in = a.trades_in or b.trades_in
        a.trades |= b.trades
        a.places |= b.places
        a.places_in = a.places_in or b.places_in
        self._merged_into[old] = into
        self.history.append({"action": "merged", "entity": into, "from": old})
        self._changes.touch_all([("ent", into), ("merged", old), ("hist", self._history_base + len(self.history) - 1)])

    # -- incremental state (link/state.py) --------------------------------------------------------
    def _header(self) -> dict[str, Any]:
        return {"version": 1, "id_prefix": self.id_prefix, "next": self._next, "history": self._history_base + len(self.history),
                "settings": self.config.rules()}

