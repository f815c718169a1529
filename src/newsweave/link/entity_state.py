"""The entity linker's tables and how they are saved: whole (``to_state``) or as records.

``EntityTables`` holds every index the linker reads and writes (``link/entities.py`` holds the
linking rules over them) and turns them into plain JSON: ``to_state``/``from_state`` for the whole
state, ``state_changes``/``from_records`` for the records an article touched (the contract of
``link/state.py``). Record families (``<family>:<key>``): ``ent:<id>`` (an entity),
``key:<family|spelling>`` (ids written with that name), ``sur:<surname>``, ``acr:<initials>``,
``role:<role key>`` (the role's latest holder), ``local:<story|head>`` (the story's entity for a
description word), ``sp:<story>`` (the story's entity ids in order), ``sm:<story>`` (mentions per
entity in the story), ``merged:<id>`` (the entity it was merged into), ``hist:<seq>`` (one merge or split
record) and ``head:<word>`` (times a description word was said of a named person).

A linker read from a store (``EntityTables.lazy``) loads nothing but the header at start-up: each
table reads a key's record from the store the first time it is asked for it, and forgets what it
read once it holds more than ``EntityConfig.cache_records`` records after a save. Most entities are nominal ("the
driver" of one story) and never asked for again once their story is over, so neither a run's start-up
nor the process's memory grows with the corpus; the answers are the same as with every record in
memory, because every look-up goes through the table.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..names import spelled
from ..settings import EntityConfig
from .state import ChangeTracker, StateDelta
from .state import RecordTable as _Table

__all__ = ["EntityRecord", "EntityTables"]



@dataclass(slots=True)
class EntityRecord:
    """One entity as the linker keeps it: names, labels, code, what was seen of it and when."""

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
    name_gender: Counter = field(default_factory=Counter)  # "m"/"f" from given names and honorifics
    written: Counter = field(default_factory=Counter)  # each written name -> times, for the display name
    stories: int = 0  # stories that named it in full (a person named so in many is called by surname alone)
    born: tuple | None = None  # years of birth the ages stated beside its name allow (``entity_ages``)
    suffix: str | None = None  # the generational suffix written with its name ("jr", "sr", "iii")
    born_in: str | None = None  # the story whose article first stated its age (a later contradiction elsewhere splits)
    trades: set = field(default_factory=set)  # trade families its descriptions gave ("law", "sport"; ``entity_trades``)
    trades_in: str | None = None  # the story whose article first stated a trade (as ``born_in`` for ages)
    places: set = field(default_factory=set)  # countries its articles name (ISO alpha-3; ``entity_places``)
    places_in: str | None = None  # the story whose article first named a country (as ``trades_in``)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "label": self.label, "labels": dict(self.labels),
                "aliases": sorted(self.aliases), "code": self.code, "first_words": sorted(self.first_words),
                "last_seen": self.last_seen, "mentions": self.mentions, "gender": dict(self.gender),
                "name_gender": dict(self.name_gender), "written": dict(self.written), "stories": self.stories,
                "born": list(self.born) if self.born else None, "suffix": self.suffix,
                "born_in": self.born_in, "trades": sorted(self.trades), "trades_in": self.trades_in,
                "places": sorted(self.places), "places_in": self.places_in}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> EntityRecord:
        return cls(d["id"], d["name"], d["label"], Counter(d["labels"]), set(d["aliases"]), d["code"],
                   set(d["first_words"]), d["last_seen"], d["mentions"], Counter(d.get("gender") or {}),
                   Counter(d.get("name_gender") or {}), Counter(d.get("written") or {}), d.get("stories", 0),
                   tuple(d["born"]) if d.get("born") else None, d.get("suffix"), d.get("born_in"),
                   set(d.get("trades") or ()), d.get("trades_in"), set(d.get("places") or ()),
                   d.get("places_in"))

    def person_gender(self) -> str | None:
        """The gender this person's names state (given names, honorifics), else the one nearly all of
        its pronouns and gendered nouns state; None when nothing clear is known."""
        for counts, share, least in ((self.name_gender, 0.75, 1), (self.gender, 0.8, 2)):
            if counts:
                g, n = counts.most_common(1)[0]
                if n >= least and n >= share * sum(counts.values()):
                    return g
        return None


class EntityTables:
    """The linker's entities and indexes, with their whole-state and per-record persistence.

    Subclasses give ``_header()`` (the counters plus their linking switches, so a store written
    under other switches is noticed).
    """

    def __init__(self, *, id_prefix: str = "e", config: EntityConfig | None = None):
        self.id_prefix = id_prefix
        self.config = config or EntityConfig()
        self._entities: dict[str, EntityRecord] = _Table("ent")
        self._next = 1
        self._by_key: dict[str, list[str]] = _Table("key", list)  # family|spelling key -> ids
        self._by_surname: dict[str, list[str]] = _Table("sur", list)  # PER surname key -> ids
        self._by_acronym: dict[str, str] = _Table("acr")
        self._roles: dict[str, str] = _Table("role")  # role key -> latest holder's id
        self._local: dict[str, str] = _Table("local")  # story|label|head word -> id (descriptions, story-scoped)
        self._story_people: dict[str, list[str]] = _Table("sp", list)  # story -> ids mentioned
        self._merged_into: dict[str, str] = _Table("merged")  # entity id -> the entity it was found to be
        self._story_mentions: dict[str, Counter] = _Table("sm", Counter)  # story -> entity id -> mentions ("+id": named in full there)
        # description head word -> times said of a named person
        self._person_heads: Counter = _Table("head", int, keep_default=False)
        self.history: list[dict[str, Any]] = []  # merges since load, so a store can re-point what it saved
        self._history_base = 0  # merges made before the ones in ``history`` (a store-backed linker skips them)
        self._changes = ChangeTracker()  # (family, key) records touched since the last state_changes()
        self._load = None  # a store's record reader (see ``lazy``)

    def _tables(self) -> list[_Table]:
        return [self._entities, self._by_key, self._by_surname, self._by_acronym, self._roles, self._local,
                self._story_people, self._merged_into, self._story_mentions, self._person_heads]

    def add_alias(self, eid: str, alias: str) -> None:
        """Record a written name of entity ``eid``."""
        self._entities[eid].aliases.add(alias)

    def ids_with_alias_ending(self, words: str | tuple[str, ...], among) -> set[str]:
        """Ids among ``among`` (a story's entities) one of whose names ends in the spelling ``words``: a word
        ("colts", the name itself included) or several (("red", "sox"), of a longer name)."""
        tail = (words,) if isinstance(words, str) else tuple(words)
        n = len(tail)
        least = 1 if n == 1 else n + 1
        out = set()
        for eid in dict.fromkeys(among):
            st = self._entities.get(eid)
            if st is not None and any(len(w) >= least and w[-n:] == tail for w in map(spelled, st.aliases)):
                out.add(eid)
        return out

    def _header(self) -> dict[str, Any]:
        raise NotImplementedError

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
    def from_state(cls, state: dict[str, Any], config: EntityConfig | None = None) -> EntityTables:
        """Rebuild a linker from ``to_state()`` output."""
        el = cls(id_prefix=state.get("id_prefix", "e"), config=config)
        el._next = state["next"]
        for d in state["entities"]:
            e = EntityRecord.from_json(d)
            el._entities[e.id] = e
        el._by_key.update((k, list(v)) for k, v in state["by_key"].items())
        el._by_surname.update((k, list(v)) for k, v in state["by_surname"].items())
        el._by_acronym.update(state["by_acronym"])
        el._roles.update(state["roles"])
        el._local.update(state["local"])
        el._story_people.update((k, list(v)) for k, v in state["story_people"].items())
        el._merged_into.update(state.get("merged_into") or {})
        el._story_mentions.update((k, Counter(v)) for k, v in (state.get("story_mentions") or {}).items())
        el.history = list(state.get("history") or [])
        el._person_heads.update(state.get("person_heads") or {})
        # Nothing of a state written whole has been saved as records yet: the first state_changes()
        # reports all of it, which is how a store moves from the whole-state blob to records.
        el._changes.touch_all(el._all_record_keys())
        return el

    def _record(self, key: tuple[str, Any]) -> Any:
        """The JSON record stored under ``key`` now (``None`` when there is none)."""
        fam, k = key
        if fam == "ent":
            st = self._entities.get(k)
            return st.to_json() if st is not None else None
        if fam == "hist":
            i = k - self._history_base
            return self.history[i] if 0 <= i < len(self.history) else None
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
        yield from (("hist", i) for i in range(self._history_base, self._history_base + len(self.history)))

    def state_changes(self) -> StateDelta:
        """The header and the records put or dropped since the previous call (see ``link/state.py``).

        Record keys are ``<family>:<key>`` with the families listed in the module docstring; an
        article costs the records it touched, not the size of the linker.
        """
        delta = self._changes.delta(self._header(), self._record, key_name=lambda key: f"{key[0]}:{key[1]}")
        if self._load is not None and sum(map(len, self._tables())) > self.config.cache_records:
            # Everything read or changed is in the delta the store is about to save: forget it all,
            # so memory holds what the last batches asked for, not the corpus.
            for table in self._tables():
                table.forget()
        return delta

    def all_records(self) -> StateDelta:
        """Every record (and the header) as one delta, e.g. to write a fresh store; tracking is untouched."""
        return StateDelta(header=self._header(),
                          put={f"{fam}:{k}": self._record((fam, k)) for fam, k in self._all_record_keys()})

    @classmethod
    def lazy(cls, header: dict[str, Any], load, config: EntityConfig | None = None) -> EntityTables:
        """A linker over a store's records that reads each one when first asked for it.

        ``load(key)`` gives the stored record under ``"<family>:<key>"`` (``None`` when there is none).
        Start-up reads the header only; it is ``from_records`` over the same records in all it answers.
        """
        el = cls._from_header(header, config)
        el._history_base = header.get("history", 0)
        convert = {"ent": EntityRecord.from_json, "key": list, "sur": list, "sp": list, "sm": Counter}

        def read(family: str, key) -> Any:
            record = load(f"{family}:{key}")
            return None if record is None else convert.get(family, _same)(record)

        el._load = read
        for table in el._tables():
            table.load = read
        return el

    @classmethod
    def _from_header(cls, header: dict[str, Any], config: EntityConfig | None) -> EntityTables:
        if header.get("version") != 1:
            raise ValueError(f"entity linker records of version {header.get('version')!r} are not readable "
                             "by this newsweave; re-run `newsweave process` on a fresh store")
        el = cls(id_prefix=header.get("id_prefix", "e"), config=config)
        el._next = header["next"]
        return el

    @classmethod
    def from_records(cls, header: dict[str, Any], records, config: EntityConfig | None = None) -> EntityTables:
        """Rebuild a linker from a header and every stored ``(key, record)`` pair, in any order."""
        el = cls._from_header(header, config)
        entities, history = [], {}
        tables = {"key": el._by_key, "sur": el._by_surname, "sp": el._story_people, "acr": el._by_acronym,
                  "role": el._roles, "local": el._local, "merged": el._merged_into, "head": el._person_heads}
        for name, record in records:
            fam, _, k = name.partition(":")
            if fam == "ent":
                entities.append(EntityRecord.from_json(record))
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


def _same(record: Any) -> Any:
    return record
