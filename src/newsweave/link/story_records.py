"""How a ``StoryClusterer`` is kept: incremental records (``state_changes`` / ``from_records``, the
contract of ``link/state.py``) and the whole state (``to_state`` / ``from_state``).

A mixin of ``StoryClusterer`` (``link/stories.py``). The header records the clusterer's
``StoryConfig``, so a clusterer rebuilt from a store decides with the config the store was built with.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from ..settings import Settings, StoryConfig
from .state import RecordTable, StateDelta
from .story_features import StoryState, meta_of

__all__ = ["StoryRecords"]


def _record_key(key: tuple[str, Any]) -> str:
    # Names share the df counter with words under a NUL prefix; stored keys get their own family
    # instead, so that no stored key holds a control character.
    family, name = key
    if family == "df" and name.startswith("\x00"):
        return f"dfn:{name[1:]}"
    return f"{family}:{name}"


def _settings_of(header: dict[str, Any], settings: Settings | None) -> Settings:
    """The caller's settings with the story window and config the header records: a store goes on with the
    window it was built with (7 days before 2026-12-07, when the default became 60)."""
    settings = (settings or Settings()).replace(story_window_days=header.get("window_days", 7))
    if "config" in header:
        # The store's rules, the caller's memory bound.
        # (a config saved before near_days, far_days and recall_days existed knew no dates in its similarity)
        config = StoryConfig.from_json({"near_days": 0, "far_days": 0, "recall_days": 0, **header["config"]}).replace(
            cache_records=settings.stories.cache_records)
    else:  # saved before the config section: the word cosine with the saved thresholds
        config = StoryConfig(similarity="newsweave.stories.cosine.v1", threshold=header["threshold"],
                             entity_weight=header["entity_weight"],
                             merge_threshold=header.get("merge_threshold", 1.0),
                             cache_records=settings.stories.cache_records)
    return settings.replace(stories=config)


class StoryRecords:
    """Saving and rebuilding a story clusterer (mixed into ``StoryClusterer``)."""

    def _meta_json(self, key: str) -> list:
        when, title, outlet = self._meta.get(key, (None, "", None))
        return [when.isoformat() if when else None, title, outlet]

    # -- state -------------------------------------------------------------------------------------
    def _header(self) -> dict[str, Any]:
        return {
            "version": 3, "config": self.config.to_json(), "threshold": self.threshold,
            "id_prefix": self.id_prefix, "window_days": self.settings.story_window_days,
            "n_docs": self._n_docs, "next": self._next, "history": self._history_base + len(self.history),
            "latest": self._latest.isoformat() if self._latest else None,
        }

    def to_state(self) -> dict[str, Any]:
        """Plain JSON of everything ``add`` depends on (the whole state; see ``state_changes``)."""
        state = self._header()
        state.update({
            "df": dict(self._df),
            "stories": [{**st.to_json(), "recent_meta": [self._meta_json(k) for k in st.recent_keys]}
                        for st in self._stories.values()],
            "assigned": dict(self._assigned), "history": self.history,
        })
        return state

    def state_changes(self) -> StateDelta:
        """The header and the records put or dropped since the last call (see ``link/state.py``).

        Records are fresh JSON-ready values (not live objects), one per touched key: a batch costs
        the stories, articles and words it touched, not the corpus.
        """
        delta = self._changes.delta(self._header(), self._record_of, _record_key)
        if self._reader is not None and self._held() > self.config.cache_records:
            self._forget_read()
        return delta

    def _held(self) -> int:
        """Records held beyond the live stories' own: what a store-backed clusterer may forget."""
        return len(self._df) + len(self._assigned) + len(self._stories) + len(self.history)

    def _forget_read(self) -> None:
        # Everything read or changed is in the delta the store is about to save: keep the live stories
        # (what the time window can still reach), forget the words' counts, the articles' stories, the
        # retired stories read for a late copy and the history, all read again on demand.
        live = [(sid, st) for sid, st in dict.items(self._stories) if not st.retired]
        for table in (self._df, self._assigned, self._pos, self._stories):
            table.forget()
        for sid, st in live:
            dict.__setitem__(self._stories, sid, st)
        self._history_base += len(self.history)
        self.history = []

    def _record_of(self, key: tuple[str, Any]) -> Any:
        family, name = key
        if family == "df":
            return self._df.get(name)
        if family == "art":
            sid = self._assigned.get(name)
            return None if sid is None else [sid, self._pos[name]]
        if family == "story":
            st = self._stories.get(name)
            return None if st is None else st.record()
        if family == "vec":
            sid = self._assigned.get(name)
            st = self._stories.get(sid) if sid is not None else None
            if st is None or name not in st.recent_keys:
                return None
            w, n = st.recent[st.recent_keys.index(name)]
            return [dict(w), dict(n), self._meta_json(name)]
        if family == "hist":
            i = name - self._history_base
            return dict(self.history[i]) if 0 <= i < len(self.history) else None
        raise ValueError(f"unknown record family {family!r}")

    @classmethod
    def _from_header(cls, header: dict[str, Any], settings: Settings | None) -> StoryRecords:
        sc = cls(_settings_of(header, settings), id_prefix=header.get("id_prefix", "s"))
        sc._n_docs = header["n_docs"]
        sc._next = header["next"]
        sc._latest = date.fromisoformat(header["latest"]) if header.get("latest") else None
        return sc

    def _story_from(self, sid: str, d: dict[str, Any], members: list[str], vecs: dict[str, list]) -> StoryState:
        """A story from its record, its members in order and its recent members' ``vec`` records; indexed
        when live."""
        keys = list(d.get("recent") or [])
        st = StoryState(sid, dict(d.get("terms") or {}), dict(d.get("names") or {}), members, list(d["outlets"]),
                         date.fromisoformat(d["first"]) if d["first"] else None,
                         date.fromisoformat(d["last"]) if d["last"] else None, d["title"],
                         d.get("title_score", 0.0), [(dict(vecs[k][0]), dict(vecs[k][1])) for k in keys],
                         keys, bool(d.get("retired", False)))
        st.rows = [self._row(w) for w, _ in st.recent]
        for k in keys:
            self._meta[k] = meta_of(vecs[k][2] if len(vecs[k]) > 2 else None)
        if not st.retired:
            self._reindex(st)
        return st

    @classmethod
    def from_records(cls, header: dict[str, Any], records: Iterable[tuple[str, Any]],
                     settings: Settings | None = None) -> StoryRecords:
        """Rebuild from ``state_changes`` headers and records (the latest of each key, in any order)."""
        sc = cls._from_header(header, settings)
        stories, arts, vecs, hist = {}, {}, {}, {}
        for key, rec in records:
            family, _, name = key.partition(":")
            if family == "df":
                sc._df[name] = rec
            elif family == "dfn":
                sc._df["\x00" + name] = rec
            elif family == "art":
                arts[name] = rec
            elif family == "story":
                stories[name] = rec
            elif family == "vec":
                vecs[name] = rec
            elif family == "hist":
                hist[int(name)] = rec
            else:
                raise ValueError(f"unknown story record {key!r}: was it saved by a newer newsweave?")
        sc.history = [hist[i] for i in range(len(hist))]
        by_story: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for k, (sid, pos) in arts.items():
            by_story[sid].append((pos, k))
            sc._assigned[k] = sid
            sc._pos[k] = pos
        # Stories in the order they were made, as the live clusterer holds them.
        for sid in sorted(stories, key=lambda s: (len(s), s)):
            sc._stories[sid] = sc._story_from(sid, stories[sid], [k for _, k in sorted(by_story.get(sid, []))], vecs)
        return sc

    @classmethod
    def lazy(cls, header: dict[str, Any], load, records, settings: Settings | None = None) -> StoryRecords:
        """A clusterer over a store's records that holds only what its time window can still reach.

        ``load(key)`` gives the stored record under ``key`` (``None`` when there is none);
        ``records(family, where)`` gives the ``(key, record)`` pairs of one family, filtered as
        ``Store.load_records`` filters them. Start-up reads the live stories (those not retired: their
        newest article is within ``story_window_days``, or ``recall_days``, of the newest article seen), their members'
        story records and their recent members' vectors; document frequencies, the story of any other
        article, a retired story (which a late copy joins) and the history are read when first asked for,
        and forgotten after a save once more than ``stories.cache_records`` are held. In all it
        answers it is ``from_records`` over the same records, except the listings of everything
        (``stories()``, ``assignments``), which list what it holds.
        """
        sc = cls._from_header(header, settings)
        # Headers have counted the history entries since the first incremental records; count them otherwise.
        sc._history_base = header["history"] if "history" in header else sum(1 for _ in records("hist", None))
        sc._reader = load

        def read_df(_family: str, name: str):
            return load(_record_key(("df", name)))

        def read_art(position: int):
            def read(_family: str, key: str):
                rec = load(f"art:{key}")
                return None if rec is None else rec[position]
            return read

        live = {key.partition(":")[2]: rec for key, rec in records("story", ("$.retired", None))}
        sc._df, sc._assigned, sc._pos = RecordTable("df", int, keep_default=False), RecordTable("art"), RecordTable("art")
        sc._df.load, sc._assigned.load, sc._pos.load = read_df, read_art(0), read_art(1)
        members = sc._members_of(records, list(live))
        vecs = {key.partition(":")[2]: rec for key, rec in records("vec", None)}
        stories = RecordTable("story")
        for sid in sorted(live, key=lambda s: (len(s), s)):
            dict.__setitem__(stories, sid, sc._story_from(sid, live[sid], members.get(sid, []), vecs))
        sc._stories = stories

        def read_story(_family: str, sid: str):
            # A story the window no longer reaches: a late copy of one of its articles joins it.
            d = load(f"story:{sid}")
            if d is None:
                return None
            recent = {k: load(f"vec:{k}") for k in d.get("recent") or []}
            return sc._story_from(sid, d, sc._members_of(records, [sid]).get(sid, []), recent)

        stories.load = read_story
        return sc

    def _members_of(self, records, sids: list[str]) -> dict[str, list[str]]:
        """The members of these stories in order (their ``art`` records, found by story id inside the store);
        they are remembered as the articles' stories too."""
        by_story: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for key, (sid, pos) in records("art", ("$[0]", sids)) if sids else ():
            name = key.partition(":")[2]
            by_story[sid].append((pos, name))
            dict.__setitem__(self._assigned, name, sid)
            dict.__setitem__(self._pos, name, pos)
        return {sid: [k for _, k in sorted(pairs)] for sid, pairs in by_story.items()}

    @classmethod
    def from_state(cls, state: dict[str, Any], settings: Settings | None = None) -> StoryRecords:
        """Rebuild a clusterer from ``to_state()`` output (the index is rebuilt from the stories).

        Everything it holds counts as not yet reported: its first ``state_changes()`` puts every record,
        which is how a store moves from a whole saved state to records.
        """
        sc = cls(_settings_of(state, settings), id_prefix=state.get("id_prefix", "s"))
        sc._df = Counter(state["df"])
        sc._n_docs = state["n_docs"]
        sc._next = state["next"]
        sc._assigned = dict(state["assigned"])
        sc.history = list(state["history"])
        sc._latest = date.fromisoformat(state["latest"]) if state.get("latest") else None
        touch = sc._changes.touch
        for d in state["stories"]:
            st = StoryState.from_json(d)
            st.rows = [sc._row(w) for w, _ in st.recent]
            metas = d.get("recent_meta") or [None] * len(st.recent_keys)
            sc._meta.update((k, meta_of(m)) for k, m in zip(st.recent_keys, metas, strict=False))
            sc._stories[st.id] = st
            for i, k in enumerate(st.members):
                sc._pos[k] = i
                touch(("art", k))
            for k in st.recent_keys:
                touch(("vec", k))
            touch(("story", st.id))
            if not st.retired:
                sc._reindex(st)
        touch_all = sc._changes.touch_all
        touch_all(("df", t) for t in sc._df)
        touch_all(("hist", i) for i in range(len(sc.history)))
        sc._advance_clock(sc._latest)
        return sc

