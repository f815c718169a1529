"""Cross-document entities: one id for each real-world person, organisation or place in the corpus.

``EntityLinker.add(key, mentions, ...)`` takes one article's mentions (with the in-document ``chain``
numbers of the coreference stage, where it ran) and sets ``entity_id`` on each. Per article:

1. **groups** — mentions of one chain are one group; without chains, a surname ("Putin") joins the
   article's fuller name that ends with it ("Vladimir Putin"), and equal names join;
2. **names** are compared through a spelling key that folds accents and the usual transliteration
   variants (Yuri/Yury, Zelensky/Zelenskyy, Sergei/Sergey, Alexei/Aleksey), drops honorifics and
   possessives. A full name links to the entity of that key; a surname alone links to the entity
   with that surname seen in the same story, else the one seen most recently (never across two
   different surnames: Trump and Putin can not meet); first names must agree (or one be an initial);
   an acronym ("UN") links to the organisation whose initials it is;
3. **titles** without a name in the article ("the US President") link through roles learnt from
   articles that wrote the role next to a name ("US President Donald Trump"): a role key is the
   title's head noun plus the country ``actor_code`` finds in it, and the latest holder seen wins;
4. **descriptions** ("the navy", "pirates", "the driver") are only linked inside one story, by their
   head word: across stories the same words name different things.

A chain's pronouns carry the chain's entity; a lone pronoun gets an entity of its own.
State (``to_state``/``from_state``) is plain JSON; per-article work is dictionary look-ups, so cost
does not grow with the corpus. ``state_changes()`` reports only the records an article touched (see
``link/state.py``), in these families: ``ent:<id>`` (an entity), ``key:<family|spelling>``,
``sur:<surname>``, ``acr:<initials>``, ``role:<role key>``, ``local:<story|head>``, ``sp:<story>``
(the story's entity ids in order), ``sm:<story>`` (mentions per entity in the story),
``merged:<id>`` (the entity it was merged into), ``hist:<seq>`` (one merge record) and
``head:<word>`` (times a description word was said of a named person).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..model import Entity, Mention
from .state import ChangeTracker, StateDelta

__all__ = ["EntityLinker", "acronym_of", "name_key"]

_PERSON = "PERSON"
# Labels that name the same kind of thing for linking: spaCy often calls one place GPE here, LOC there.
_FAMILY = {"PERSON": "PER", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "NORP": "NORP"}
_HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "president", "gen", "general", "sen", "senator", "rep", "gov", "governor", "minister", "secretary", "judge", "justice", "rev", "st", "saint", "mister", "madam"])
_ORG_FILLER = frozenset({"of", "the", "and", "for", "de", "&"})
# Lower-case words that belong inside a name ("Bank of America", "Ludwig van Beethoven").
_PARTICLES = frozenset({"of", "the", "and", "for", "de", "du", "des", "van", "von", "der", "den", "da", "di",
                        "del", "della", "la", "le", "y", "al", "el", "bin", "ibn", "ben", "&"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their",
                          "our", "my", "your"})
# Role words that are not the role's head ("top aide", "former president").
_ROLE_NOISE = frozenset({"top", "senior", "former", "new", "then", "current", "acting", "chief"})
_DESCRIPTION_KINDS = frozenset({"description", "nominal"})
PRONOUN_LINKING = True  # link a name-less he/she chain to the story's dominant person of that gender
# Link a singular description to the story's dominant person when its head word has been said of a
# named person this many times in the corpus so far (an apposition, a title, a chain with a name).
PERSON_ROLE_LINKING = True
PERSON_HEAD_MIN = 2
DESCRIPTION_AS_NAME = True  # "the Indian navy" written in lower case is the known name "Indian Navy"
# Words keep an inner apostrophe: "O'Brien" is one word, not "O" and "Brien".
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _spelling(word: str) -> str:
    """One word's transliteration-insensitive spelling: Yury/Yuri, Zelenskyy/Zelensky, Aleksey/Alexei."""
    w = word.replace("’", "").replace("'", "").replace("x", "ks").replace("y", "i").replace("w", "v")
    w = re.sub(r"(.)\1+", r"\1", w)  # doubled letters: Zelenskii -> zelenski
    w = re.sub(r"ei$", "i", w)  # Sergei/Sergey -> sergi (after y -> i)
    return w


def _plain_words(text: str) -> list[str]:
    """Folded words of a text with possessives and leading honorifics dropped (no case rules)."""
    text = re.sub(r"[’']s\b", "", text)
    words = _WORD.findall(_fold(text))
    while len(words) > 1 and words[0] in _HONORIFICS:
        words = words[1:]
    return words


def _name_words(text: str) -> list[str]:
    """The folded words of a written name, trimmed of what the tagger took in around it.

    A name's words are capitalised but for particles ("Bank of America", "Ludwig van Beethoven"):
    lower-case words before the first capital ("html Gary Ross") and from the first lower-case word
    after it ("Thompson in", "Chris Ivory on Injured Reserve") are not the name; neither is a
    generational suffix ("Arcade Joseph Comeaux Jr." is "Arcade Joseph Comeaux").
    """
    text = re.sub(r"[’']s\b", "", text)
    raw = _WORD.findall(text)
    if any(w[:1].isupper() for w in raw) and any(w[:1].islower() for w in raw):
        while raw and raw[0][:1].islower():
            raw = raw[1:]
        cut = next((i for i, w in enumerate(raw) if w[:1].islower() and _fold(w) not in _PARTICLES), len(raw))
        raw = raw[:cut]
        while raw and _fold(raw[-1]) in _PARTICLES:
            raw = raw[:-1]
    words = [_fold(w) for w in raw]
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words = words[:-1]
    while len(words) > 1 and words[0] in _HONORIFICS:
        words = words[1:]
    return words


def name_key(text: str) -> str:
    """The spelling key two variant writings of one name share (accents, transliteration, honorifics)."""
    return " ".join(_spelling(w) for w in _name_words(text))


def acronym_of(text: str) -> str | None:
    """Initials of a multi-word organisation name ("United Nations" -> "un"), or None."""
    words = [w for w in _name_words(text) if w not in _ORG_FILLER]
    return "".join(w[0] for w in words) if len(words) >= 2 else None


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _actor_code(text: str):
    # The PLOVER coder is another stage's module: used where it is installed, skipped where not.
    try:
        from ..extract.actors import actor_code
    except ImportError:
        return None
    try:
        return actor_code(text)
    except Exception:  # a coder failure must not lose the linking  # noqa: BLE001
        return None


@dataclass(slots=True)
class _EntityState:
    id: str
    name: str
    label: str
    labels: Counter = field(default_factory=Counter)
    aliases: set = field(default_factory=set)
    code: str | None = None
    first_words: set = field(default_factory=set)  # spelling keys of first names seen ("" for none)
    last_seen: str | None = None  # ISO date
    mentions: int = 0
    gender: Counter = field(default_factory=Counter)  # "m"/"f" evidence from pronouns and nouns

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "label": self.label, "labels": dict(self.labels),
                "aliases": sorted(self.aliases), "code": self.code, "first_words": sorted(self.first_words),
                "last_seen": self.last_seen, "mentions": self.mentions, "gender": dict(self.gender)}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> _EntityState:
        return cls(d["id"], d["name"], d["label"], Counter(d["labels"]), set(d["aliases"]), d["code"],
                   set(d["first_words"]), d["last_seen"], d["mentions"], Counter(d.get("gender") or {}))


@dataclass(slots=True)
class _Group:
    mentions: list[Mention]
    name: Mention | None  # the most informative name mention, if any

    @property
    def label(self) -> str:
        if self.name is not None:
            return self.name.label
        return Counter(m.label for m in self.mentions).most_common(1)[0][0]


class EntityLinker:
    """Assigns corpus-wide entity ids to mentions, one article at a time (see the module docstring)."""

    def __init__(self, *, id_prefix: str = "e"):
        self.id_prefix = id_prefix
        self._entities: dict[str, _EntityState] = {}
        self._next = 1
        self._by_key: dict[str, list[str]] = defaultdict(list)  # family|spelling key -> ids
        self._by_surname: dict[str, list[str]] = defaultdict(list)  # PER surname key -> ids
        self._by_acronym: dict[str, str] = {}
        self._roles: dict[str, str] = {}  # role key -> latest holder's id
        self._local: dict[str, str] = {}  # story|label|head word -> id (descriptions, story-scoped)
        self._story_people: dict[str, list[str]] = defaultdict(list)  # story -> ids mentioned
        self._merged_into: dict[str, str] = {}  # entity id -> the entity it was found to be
        self._story_mentions: dict[str, Counter] = defaultdict(Counter)  # story -> entity id -> mentions
        self._person_heads: Counter = Counter()  # description head word -> times said of a named person
        self.history: list[dict[str, Any]] = []  # merges, so a store can re-point what it saved
        self._changes = ChangeTracker()  # (family, key) records touched since the last state_changes()

    def canonical(self, eid: str | None) -> str | None:
        """The id an entity id stands for now: a description entity may later be merged into a named one."""
        while eid in self._merged_into:
            eid = self._merged_into[eid]
        return eid

    # -- public -------------------------------------------------------------------------------
    def entities(self) -> list[Entity]:
        """Every entity as a ``Entity`` record."""
        out = []
        for st in self._entities.values():
            if st.id in self._merged_into:
                continue
            label = st.labels.most_common(1)[0][0] if st.labels else st.label
            out.append(Entity(id=st.id, name=st.name, type=label, aliases=set(st.aliases), code=st.code))
        return out

    def __len__(self) -> int:
        return len(self._entities)

    def add(self, key: str, mentions: list[Mention], *, story_id: str | None = None,
            published: date | None = None, text: str | None = None, doc=None) -> list[str | None]:
        """Set ``entity_id`` on every mention of article ``key`` and return the ids in mention order.

        ``story_id`` scopes descriptions and breaks surname ties; ``published`` dates what was seen;
        ``text`` (the article body) lets a role written before a name ("Russian President Vladimir
        Putin") be learnt when no coreference stage has made it a title mention; ``doc`` (its parse)
        lets a description stated of a name ("Raj Chohan, a grandmother", "host Ellen DeGeneres",
        "Subryan was the driver") join that name, which then carries the description story-wide.
        """
        when = published.isoformat() if published else None
        groups = self._groups(mentions)
        if doc is not None:
            groups = self._join_descriptions(groups, doc)
        # Full names first, so that a surname or title in the same article finds them.
        groups.sort(key=lambda g: (g.name is None, -(len(_name_words(g.name.text)) if g.name else 0)))
        for g in groups:
            eid = self._resolve(g, story_id, when)
            for m in g.mentions:
                m.entity_id = eid
            self._learn(eid, g, story_id, when, text)
        return [m.entity_id for m in mentions]

    # -- grouping -------------------------------------------------------------------------------
    def _groups(self, mentions: list[Mention]) -> list[_Group]:
        chains: dict[Any, list[Mention]] = {}
        for i, m in enumerate(mentions):
            chains.setdefault(("c", m.chain) if m.chain is not None else ("m", i), []).append(m)
        groups = [g for ms in chains.values() for g in self._split_chain(ms)]
        # Without chains (or where coreference left two variants apart) join a surname or an equal
        # name to the article's fuller name of the same kind.
        named = [g for g in groups if g.name is not None]
        named.sort(key=lambda g: -len(_name_words(g.name.text)))
        merged: list[_Group] = []
        for g in named:
            words = [_spelling(w) for w in _name_words(g.name.text)]
            fam = _FAMILY.get(g.name.label, g.name.label)
            home = None
            for h in merged:
                hw = [_spelling(w) for w in _name_words(h.name.text)]
                if _FAMILY.get(h.name.label, h.name.label) != fam and not (len(words) > 1 and words == hw):
                    continue
                if words == hw or (fam == "PER" and len(words) == 1 and hw and words[0] in (hw[-1], hw[0])):
                    home = h
                    break
            if home is None:
                merged.append(g)
            else:
                home.mentions.extend(g.mentions)
        return merged + [g for g in groups if g.name is None]

    @staticmethod
    def _join_descriptions(groups: list[_Group], doc) -> list[_Group]:
        """Fold a nameless group into the named group its description is said of, by the parse:
        apposition, a compound title before the name, or "NAME is/was a DESCRIPTION"."""
        owner: dict[int, _Group] = {}
        for g in groups:
            if g.name is None:
                continue
            for m in g.mentions:
                if m.kind != "name":
                    continue
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                for t in span or ():
                    owner[t.i] = g
        if not owner:
            return groups
        kept = []
        for g in groups:
            home = None
            if g.name is None:
                for m in g.mentions:
                    if m.kind not in _DESCRIPTION_KINDS:
                        continue
                    span = doc.char_span(m.start, m.end, alignment_mode="expand")
                    if span is None or not len(span):
                        continue
                    t = span.root
                    if t.dep_ in ("appos", "compound") and t.head.i in owner:
                        home = owner[t.head.i]
                    elif any(c.dep_ == "appos" and c.i in owner for c in t.children):
                        home = next(owner[c.i] for c in t.children if c.dep_ == "appos" and c.i in owner)
                    elif t.dep_ == "attr" and t.head.lemma_ == "be":
                        subj = [c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in owner]
                        if subj:
                            home = owner[subj[0].i]
                    if home is not None:
                        break
            if home is None:
                kept.append(g)
            else:
                home.mentions.extend(g.mentions)
        return kept

    def _split_chain(self, ms: list[Mention]) -> list[_Group]:
        """One group per person a chain names: a rule-based chain that took in two different surnames
        ("Subryan" ... "Chohan") is split, its other mentions staying with the most-named person."""
        people: list[list[Mention]] = []
        for m in sorted((m for m in ms if m.kind == "name" and m.label == _PERSON and _name_words(m.text)),
                        key=lambda m: -len(_name_words(m.text))):
            words = [_spelling(w) for w in _name_words(m.text)]
            for p in people:
                pw = [_spelling(w) for w in _name_words(p[0].text)]
                if pw[-1] == words[-1] and (len(words) == 1 or self._first_name_fits(words[:-1], {pw[0]}
                                                                                     if len(pw) > 1 else set())):
                    p.append(m)
                    break
            else:
                people.append([m])
        if len(people) < 2:
            return [_Group(ms, self._best_name(ms))]
        people.sort(key=len, reverse=True)
        in_people = {id(m) for p in people for m in p}
        rest = [m for m in ms if id(m) not in in_people]
        groups = [_Group(people[0] + rest, self._best_name(people[0]))]
        groups += [_Group(p, self._best_name(p)) for p in people[1:]]
        return groups

    @staticmethod
    def _best_name(ms: list[Mention]) -> Mention | None:
        names = [m for m in ms if m.kind == "name" and _name_words(m.text)]
        if not names:
            return None
        return max(names, key=lambda m: (len(_name_words(m.text)), len(m.text), -m.start))

    # -- resolving ------------------------------------------------------------------------------
    def _resolve(self, g: _Group, story: str | None, when: str | None) -> str:
        if g.name is not None:
            # A new name is a new entity even when its chain carries a title someone else held before.
            return self._resolve_name(g.name, story) or self._create(g.name.text, g.name.label)
        titles = [m for m in g.mentions if m.kind == "title"]
        for m in titles:
            rk = self._role_key(m.text)
            if rk and rk in self._roles:
                return self._roles[rk]
        # A description stating a country's office ("the Russian President" the nominal stage found)
        # is a title all the same; a plural ("the two Presidents") is not one holder.
        for m in g.mentions:
            if m.kind in _DESCRIPTION_KINDS and (self._head(m.text) or "") == (self._word(m.text) or ""):
                rk = self._role_key(m.text)
                if rk and rk in self._roles and rk.split("|")[0].isupper():
                    return self._roles[rk]
        descs = [m for m in g.mentions if m.kind in _DESCRIPTION_KINDS or m.kind == "title"]
        if descs and story is not None:
            local = None
            for m in descs:
                lk = self._local_key(story, m.text)
                if lk in self._local:
                    local = self.canonical(self._local[lk])
                    break
            if local is not None and (self._entities[local].aliases or not PERSON_ROLE_LINKING):
                return local
            if local is None and DESCRIPTION_AS_NAME:
                named = self._name_written_plain(descs, story)
                if named is not None:
                    return named
            holder = self._story_person_of_gender(story, descs)
            if holder is None and PERSON_ROLE_LINKING:
                holder = self._story_person_by_role(story, descs)
            if holder is not None:
                if local is not None and local != holder:
                    # The story's earlier "the host" entity was this person all along.
                    self._merge(local, holder)
                return holder
            if local is not None:
                return local
            return self._create(descs[0].text, g.label)
        if story is not None and PRONOUN_LINKING:
            # A chain of "he"/"she" alone (the coreference stage found no name for it) is most likely
            # the story's clearly most-mentioned person of that gender: news keeps its protagonist.
            genders = {_PRONOUN_GENDER.get(m.text.lower()) for m in g.mentions if m.kind == "pronoun"} - {None}
            if len(genders) == 1:
                holder = self._story_person(story, genders.pop())
                if holder is not None:
                    return holder
        first = g.mentions[0]
        return self._create(first.text, g.label)

    def _resolve_name(self, m: Mention, story: str | None) -> str | None:
        words = [_spelling(w) for w in _name_words(m.text)]
        if not words:
            return None
        fam = _FAMILY.get(m.label, m.label)
        key = " ".join(words)
        same = self._by_key.get(f"{fam}|{key}")
        if same:
            return same[-1]
        if fam != "PER" and _is_acronym(m.text):
            hit = self._by_acronym.get(key)
            if hit:
                return hit
        if fam == "PER":
            cands = self._by_surname.get(words[-1], [])
            if len(words) > 1:
                ok = [c for c in cands if self._first_name_fits(words[:-1], self._entities[c].first_words)]
            else:
                ok = list(cands)
            if ok:
                in_story = [c for c in ok if story is not None and c in self._story_people.get(story, ())]
                pool = in_story or ok
                return max(pool, key=lambda c: (self._entities[c].last_seen or "", self._entities[c].mentions))
        # A multi-word name seen under another label (spaCy's PERSON/ORG confusions) is still that name.
        if len(words) > 1:
            for other in ("PER", "ORG", "PLACE", "NORP"):
                hit = self._by_key.get(f"{other}|{key}")
                if hit:
                    return hit[-1]
        if fam != "PER" and len(words) == 1:
            hit = self._by_acronym.get(key)
            if hit and _is_acronym(m.text):
                return hit
        if fam == "PER" and len(words) == 1 and story is not None:
            # A first name alone ("Lindsay") is the story's one person of that first name.
            people = {self.canonical(e) for e in self._story_people.get(story, ())
                      if words[0] in self._entities[e].first_words and self._entities[e].label == _PERSON}
            if len(people) == 1:
                return people.pop()
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
        return None

    @staticmethod
    def _first_name_fits(given: list[str], known: set[str]) -> bool:
        """Whether any of the words before a surname ("comedian ellen") agrees with a known first name."""
        if not known or "" in known:
            return True  # known by surname only so far
        return any(k == w or (len(w) == 1 and k.startswith(w)) or (len(k) == 1 and w.startswith(k))
                   for k in known for w in given)

    def _role_key(self, text: str) -> str | None:
        words = [w for w in _WORD.findall(text.lower()) if w not in _DETERMINERS and w not in _ROLE_NOISE]
        if not words:
            return None
        head = _singular(words[-1])
        code = _actor_code(text)
        where = code[0] if code else " ".join(words[:-1])
        return f"{where}|{head}"

    def _story_person_of_gender(self, story: str, descs: list[Mention]) -> str | None:
        """The story's clearly most-mentioned named person of the gender a description states.

        "The woman" in a story whose one prominent woman is Raj Chohan is Raj Chohan; when two named
        people of that gender are close in prominence, nothing is guessed.
        """
        genders = {_GENDERED_NOUNS.get(self._head(m.text) or "") for m in descs} - {None}
        if len(genders) != 1:
            return None
        (gender,) = genders
        return self._story_person(story, gender)

    def _name_written_plain(self, descs: list[Mention], story: str | None = None) -> str | None:
        """A known organisation or place whose name a description spells out in lower case ("the Indian
        navy" for the Indian Navy): the tagger read it as a common noun phrase."""
        in_story = set(self._story_people.get(story, ())) if story is not None else set()
        for m in descs:
            raw = _WORD.findall(m.text)
            words = [_spelling(w) for w in _plain_words(m.text) if w not in _DETERMINERS]
            # A capitalised head the tagger did not call a name ("the Colts") is a name all the same.
            capital = bool(raw) and raw[-1][:1].isupper()
            if not words or (len(words) < 2 and not capital):
                continue  # one common word ("police", "navy") names too many things
            key = " ".join(words)
            for fam in ("ORG", "PLACE", "NORP") + (("PER",) if capital else ()):
                hit = self._by_key.get(f"{fam}|{key}")
                if hit and (len(words) > 1 or hit[-1] in in_story):
                    return self.canonical(hit[-1])
            if capital:
                # The last word of a longer name the story has used ("Colts" for "Indianapolis Colts").
                hits = {self.canonical(e) for e in in_story
                        if any(_name_words(a) and _spelling(_name_words(a)[-1]) == words[-1]
                               for a in self._entities[e].aliases)}
                if len(hits) == 1:
                    return hits.pop()
        return None

    def _story_person_by_role(self, story: str, descs: list[Mention]) -> str | None:
        """The story's dominant named person, for a singular description whose head word the corpus has
        seen said of a named person ("the host", "the suspect", "the gunman"), e.g. in an apposition."""
        for m in descs:
            words = [w for w in _WORD.findall(m.text.lower()) if w not in _DETERMINERS]
            if not words or _singular(words[-1]) != words[-1]:
                continue  # plural: a group, not the protagonist
            if self._person_heads.get(words[-1], 0) >= PERSON_HEAD_MIN:
                return self._story_person(story, None)
        return None

    def _story_person(self, story: str, gender: str | None) -> str | None:
        """The story's named person (of ``gender``, when given) mentioned at least twice as often as the next."""
        people = []
        for eid in dict.fromkeys(self.canonical(e) for e in self._story_people.get(story, ())):
            st = self._entities[eid]
            if not (st.aliases and st.labels.most_common(1)[0][0] == _PERSON):
                continue
            if gender is None or (st.gender and st.gender.most_common(1)[0][0] == gender):
                people.append((self._story_mentions[story][eid], eid))
        people.sort(reverse=True)
        if not people or (len(people) > 1 and people[0][0] < 2 * people[1][0]):
            return None
        return people[0][1]

    def _local_key(self, story: str, text: str) -> str | None:
        # The word as written: "the drivers" are not "the driver".
        head = self._word(text)
        return f"{story}|{head}" if head else None

    @staticmethod
    def _word(text: str) -> str | None:
        words = [w for w in _WORD.findall(text.lower()) if w not in _DETERMINERS]
        return words[-1] if words else None

    @classmethod
    def _head(cls, text: str) -> str | None:
        word = cls._word(text)
        return _singular(word) if word else None

    # -- bookkeeping ----------------------------------------------------------------------------
    def _create(self, name: str, label: str) -> str:
        eid = f"{self.id_prefix}{self._next}"
        self._next += 1
        self._entities[eid] = _EntityState(eid, " ".join(name.split()), label)
        self._changes.touch(("ent", eid))
        return eid

    def _learn(self, eid: str, g: _Group, story: str | None, when: str | None, text: str | None) -> None:
        st = self._entities[eid]
        touch = self._changes.touch
        touch(("ent", eid))
        st.mentions += len(g.mentions)
        for m in g.mentions:
            st.labels[m.label] += 1
        if when and (st.last_seen is None or when > st.last_seen):
            st.last_seen = when
        if story is not None and eid not in self._story_people[story]:
            self._story_people[story].append(eid)
            touch(("sp", story))
        if story is not None:
            self._story_mentions[story][eid] += len(g.mentions)
            touch(("sm", story))
        for m in g.mentions:
            gender = _PRONOUN_GENDER.get(m.text.lower()) if m.kind == "pronoun" else None
            if m.kind in _DESCRIPTION_KINDS:
                gender = _GENDERED_NOUNS.get(self._head(m.text) or "")
            if gender:
                st.gender[gender] += 1
        names = [m for m in g.mentions if m.kind == "name" and _name_words(m.text)]
        if names and g.label == _PERSON:
            for m in g.mentions:
                if m.kind in _DESCRIPTION_KINDS:
                    words = _WORD.findall(m.text.lower())
                    if words:
                        self._person_heads[words[-1]] += 1
                        touch(("head", words[-1]))
        for m in names:
            st.aliases.add(" ".join(m.text.split()))
            words = [_spelling(w) for w in _name_words(m.text)]
            fam = _FAMILY.get(m.label, m.label)
            k = f"{fam}|{' '.join(words)}"
            if eid not in self._by_key[k]:
                self._by_key[k].append(eid)
                touch(("key", k))
            if fam == "PER":
                if eid not in self._by_surname[words[-1]]:
                    self._by_surname[words[-1]].append(eid)
                    touch(("sur", words[-1]))
                st.first_words.add(words[0] if len(words) > 1 else "")
                if len(words) > 1:
                    st.first_words.discard("")
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
            # The canonical name is the longest full name seen.
            if len(_name_words(m.text)) > len(_name_words(st.name)):
                st.name = " ".join(m.text.split())
        if names and st.code is None and g.label in ("GPE", "NORP", "ORG", "PERSON"):
            code = _actor_code(g.name.text if g.name else names[0].text)
            if code and (g.label != "PERSON" or code[1] == "GOV"):
                st.code = code[0]
        # Descriptions teach the story's words for this entity ("the driver" in a chain with Subryan);
        # a description-only entity made earlier in the story under the same word is this one.
        if story is not None:
            for m in g.mentions:
                if m.kind not in _DESCRIPTION_KINDS and m.kind != "title":
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
        if text is not None and g.name is not None and g.label == _PERSON:
            for m in names:
                before = self._title_before(text, m.start)
                if before:
                    roles.append(before)
        for r in roles:
            rk = self._role_key(r)
            if rk:
                self._roles[rk] = eid
                touch(("role", rk))
                if st.code is None and g.label == _PERSON:
                    code = _actor_code(r)
                    if code and code[1] == "GOV":
                        st.code = code[0]

    def _merge(self, old: str, into: str) -> None:
        a, b = self._entities[into], self._entities[old]
        a.labels.update(b.labels)
        a.mentions += b.mentions
        self._merged_into[old] = into
        self.history.append({"action": "merged", "entity": into, "from": old})
        self._changes.touch_all([("ent", into), ("merged", old), ("hist", len(self.history) - 1)])

    @staticmethod
    def _title_before(text: str, start: int) -> str | None:
        """Capitalised role words right before a name: "Russian President" in "Russian President Vladimir Putin"."""
        head = text[max(0, start - 60):start]
        m = re.search(r"((?:[A-Z][\w.\-]*\s+){1,4})$", head)
        if not m:
            return None
        words = m.group(1).split()
        # The run must end in a role noun in lower case form that is not a name: a small lexicon would
        # be a table of offices, so accept any capitalised run whose last word is a common title word.
        if words[-1].lower().rstrip(".") not in _TITLE_HEADS:
            return None
        return " ".join(words)

    # -- state ----------------------------------------------------------------------------------
    def to_state(self) -> dict[str, Any]:
        """Plain JSON of every entity and index."""
        return {"version": 1, "id_prefix": self.id_prefix, "next": self._next,
                "entities": [e.to_json() for e in self._entities.values()],
                "by_key": self._by_key, "by_surname": self._by_surname, "by_acronym": self._by_acronym,
                "roles": self._roles, "local": self._local, "story_people": self._story_people,
                "merged_into": self._merged_into, "history": self.history,
                "story_mentions": {k: dict(v) for k, v in self._story_mentions.items()},
                "person_heads": dict(self._person_heads)}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> EntityLinker:
        """Rebuild a linker from ``to_state()`` output."""
        el = cls(id_prefix=state.get("id_prefix", "e"))
        el._next = state["next"]
        for d in state["entities"]:
            e = _EntityState.from_json(d)
            el._entities[e.id] = e
        el._by_key = defaultdict(list, {k: list(v) for k, v in state["by_key"].items()})
        el._by_surname = defaultdict(list, {k: list(v) for k, v in state["by_surname"].items()})
        el._by_acronym = dict(state["by_acronym"])
        el._roles = dict(state["roles"])
        el._local = dict(state["local"])
        el._story_people = defaultdict(list, {k: list(v) for k, v in state["story_people"].items()})
        el._merged_into = dict(state.get("merged_into") or {})
        el._story_mentions = defaultdict(Counter, {k: Counter(v) for k, v in
                                                    (state.get("story_mentions") or {}).items()})
        el.history = list(state.get("history") or [])
        el._person_heads = Counter(state.get("person_heads") or {})
        # Nothing of a state written whole has been saved as records yet: the first state_changes()
        # reports all of it, which is how a store moves from the whole-state blob to records.
        el._changes.touch_all(el._all_record_keys())
        return el

    # -- incremental state (link/state.py) --------------------------------------------------------
    def _header(self) -> dict[str, Any]:
        return {"version": 1, "id_prefix": self.id_prefix, "next": self._next, "history": len(self.history),
                "settings": {"pronoun_linking": PRONOUN_LINKING, "person_role_linking": PERSON_ROLE_LINKING,
                             "person_head_min": PERSON_HEAD_MIN, "description_as_name": DESCRIPTION_AS_NAME}}

    def _record(self, key: tuple[str, Any]) -> Any:
        """The JSON record stored under ``key`` now (``None`` when there is none)."""
        fam, k = key
        if fam == "ent":
            st = self._entities.get(k)
            return st.to_json() if st is not None else None
        if fam == "hist":
            return self.history[k] if k < len(self.history) else None
        if fam == "sm":
            counts = self._story_mentions.get(k)
            return dict(counts) if counts else None
        if fam == "head":
            return self._person_heads.get(k) or None
        table = {"key": self._by_key, "sur": self._by_surname, "acr": self._by_acronym, "role": self._roles,
                 "local": self._local, "sp": self._story_people, "merged": self._merged_into}[fam]
        value = table.get(k)
        return list(value) if isinstance(value, list) else value

    def _all_record_keys(self):
        yield from (("ent", k) for k in self._entities)
        for fam, table in (("key", self._by_key), ("sur", self._by_surname), ("acr", self._by_acronym),
                           ("role", self._roles), ("local", self._local), ("sp", self._story_people),
                           ("sm", self._story_mentions), ("merged", self._merged_into),
                           ("head", self._person_heads)):
            yield from ((fam, k) for k in table)
        yield from (("hist", i) for i in range(len(self.history)))

    def state_changes(self) -> StateDelta:
        """The header and the records put or dropped since the previous call (see ``link/state.py``).

        Record keys are ``<family>:<key>`` with the families listed in the module docstring; an
        article costs the records it touched, not the size of the linker.
        """
        return self._changes.delta(self._header(), self._record, key_name=lambda key: f"{key[0]}:{key[1]}")

    def all_records(self) -> StateDelta:
        """Every record (and the header) as one delta, e.g. to write a fresh store; tracking is untouched."""
        return StateDelta(header=self._header(),
                          put={f"{fam}:{k}": self._record((fam, k)) for fam, k in self._all_record_keys()})

    @classmethod
    def from_records(cls, header: dict[str, Any], records) -> EntityLinker:
        """Rebuild a linker from a header and every stored ``(key, record)`` pair, in any order."""
        if header.get("version") != 1:
            raise ValueError(f"entity linker records of version {header.get('version')!r} are not readable "
                             "by this newsweave; re-run `newsweave process` on a fresh store")
        el = cls(id_prefix=header.get("id_prefix", "e"))
        el._next = header["next"]
        entities, history = [], {}
        tables = {"key": el._by_key, "sur": el._by_surname, "sp": el._story_people, "acr": el._by_acronym,
                  "role": el._roles, "local": el._local, "merged": el._merged_into, "head": el._person_heads}
        for name, record in records:
            fam, _, k = name.partition(":")
            if fam == "ent":
                entities.append(_EntityState.from_json(record))
            elif fam in tables:
                tables[fam][k] = list(record) if fam in ("key", "sur", "sp") else record
            elif fam == "sm":
                el._story_mentions[k] = Counter(record)
            elif fam == "hist":
                history[int(k)] = record
            else:
                raise ValueError(f"unknown entity linker record {name!r}: the store holds records of a "
                                 "newer newsweave; upgrade it or re-run `newsweave process` on a fresh store")
        # Ids are made in order, so sorting by number restores the creation order entities() lists.
        prefix = len(el.id_prefix)
        for st in sorted(entities, key=lambda st: (len(st.id) - prefix, st.id)):
            el._entities[st.id] = st
        el.history = [history[i] for i in sorted(history)]
        if len(el.history) != header.get("history", len(el.history)):
            raise ValueError(f"the store holds {len(el.history)} of the entity linker's {header['history']} "
                             "merge records; the link records are incomplete, re-run `newsweave process`")
        return el


_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                   "she": "f", "her": "f", "hers": "f", "herself": "f"}
# Nouns that state a person's gender; used to tie "the woman" to the story's prominent woman.
_GENDERED_NOUNS = {
    "man": "m", "boy": "m", "husband": "m", "father": "m", "son": "m", "brother": "m", "grandfather": "m",
    "uncle": "m", "businessman": "m", "spokesman": "m", "gentleman": "m", "king": "m", "actor": "m",
    "woman": "f", "girl": "f", "wife": "f", "mother": "f", "daughter": "f", "sister": "f", "grandmother": "f",
    "aunt": "f", "businesswoman": "f", "spokeswoman": "f", "lady": "f", "queen": "f", "actress": "f",
}

# Head words of titles written before a name. Generic office words only (no office holders).
_TITLE_HEADS = frozenset(["president", "minister", "secretary", "chancellor", "senator", "governor", "mayor", "leader", "chairman", "chairwoman", "ambassador", "spokesman", "spokeswoman", "premier", "king", "queen", "prince", "general", "director", "speaker", "aide", "envoy", "adviser", "advisor", "candidate", "nominee", "chief", "commissioner", "judge", "prosecutor", "attorney", "coach", "captain", "commander", "officer", "ceo", "founder", "host", "actor", "actress", "singer", "manager"])
