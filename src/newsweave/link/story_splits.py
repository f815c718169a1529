"""Stories that come together and come apart: merges (an editor's, or two halves of one story whose
centroids meet) and splits (a story whose recent members no longer hang together).

A mixin of ``StoryClusterer`` (``link/stories.py``): these methods work on its stories, index and
change tracker.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import numpy as np

from .story_features import StoryState, cosine, prune, unit

__all__ = ["StorySplits"]


class StorySplits:
    """Merging and splitting stories (mixed into ``StoryClusterer``)."""

    def _merge_similar(self, sid: str, when: date | None) -> str:
        """Fold into ``sid`` any story its grown centroid now matches: two early halves of one story."""
        if self.merge_threshold >= 1.0:
            return sid
        st = self._stories[sid]
        for other in self._candidates(unit(st.terms), unit(st.names), when):
            if other == sid or other not in self._stories:
                continue
            o = self._stories[other]
            sim = self._pair(st.terms, st.names, o.terms, o.names)
            if sim >= self.merge_threshold:
                keep, gone = (sid, other) if len(st.members) >= len(o.members) else (other, sid)
                self.merge(keep, gone, reason=f"similarity {sim:.3f}")
                sid, st = keep, self._stories[keep]
        return sid

    def _pair(self, words, names, w2, n2) -> float:
        # Two stories' centroids, as the cosine similarity weighs words and names.
        text_sim = cosine(words, w2)
        if not names or not n2:
            return text_sim
        return (1 - self.entity_weight) * text_sim + self.entity_weight * cosine(names, n2)

    def merge(self, keep: str, other: str, reason: str = "manual") -> None:
        """Fold story ``other`` into ``keep`` (an editor's decision, or a later re-clustering)."""
        a, b = self._stories[keep], self._stories.pop(other)
        touch = self._changes.touch
        for t, v in b.terms.items():
            a.terms[t] = a.terms.get(t, 0.0) + v
        for n, v in b.names.items():
            a.names[n] = a.names.get(n, 0.0) + v
        a.terms = prune(a.terms, self.config.max_story_terms)
        a.names = prune(a.names, self.config.max_story_terms // 3)
        a.recent = (a.recent + b.recent)[-self.config.recent_members:]
        a.rows, a.packed, a.links = (a.rows + b.rows)[-self.config.recent_members:], None, None
        keys = a.recent_keys + b.recent_keys
        a.recent_keys = keys[-self.config.recent_members:]
        for k in keys[:-self.config.recent_members]:
            self._forget(k)
        for k in keys:
            touch(("vec", k))  # kept ones are re-put under their new story, the rest dropped
        for k in b.members:
            self._assigned[k] = keep
            self._pos[k] = len(a.members)
            a.members.append(k)
            touch(("art", k))
        a.outlets += [o for o in b.outlets if o not in a.outlets]
        dates = [d for d in (a.first, a.last, b.first, b.last) if d]
        a.first, a.last = (min(dates), max(dates)) if dates else (None, None)
        self._unindex(other)
        touch(("story", other))
        touch(("story", keep))
        if a.retired:
            # Folded into a retired story: it stays retired, so the other's vectors go too.
            for k in a.recent_keys:
                self._changes.drop(("vec", k))
                self._forget(k)
            a.terms, a.names, a.recent, a.recent_keys, a.norms = {}, {}, [], [], None
            a.rows = []
        else:
            self._reindex(a)
        self._log({"action": "merged", "story": keep, "from": other, "reason": reason})

    # -- splits ------------------------------------------------------------------------------------
    def _split_apart(self, sid: str, newest: str) -> None:
        """Split off the groups of ``sid``'s recent members that no longer link to the newest article's.

        Members link when their similarity reaches the join threshold (the test ``add`` applies). A new
        article always links to a member, so the links can only come apart when an older member's
        vector leaves the recent ones — the article that bridged two groups, say. Each other group of
        at least ``self.config.min_split`` members becomes a story; lone members and those without vectors stay.
        """
        st = self._stories[sid]
        if len(st.recent_keys) < 2 * self.config.min_split:
            return
        groups = self._linked_groups(st)
        at = st.recent_keys.index(newest)
        parts = [[st.recent_keys[i] for i in g] for g in groups if at not in g and len(g) >= self.config.min_split]
        for keys in parts:
            self._split(sid, keys)

    def _linked_groups(self, st: StoryState) -> list[list[int]]:
        """Connected groups (positions in ``st.recent``) of the graph of member links."""
        n = len(st.recent)
        parent = list(range(n))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        keys = st.recent_keys
        if st.links is None:
            # Scored as ``add`` scores a newer article against the older members (the same vectorised
            # sums), so links known since the join and links rebuilt here are the same.
            st.links = {}
            for j, (words, names) in enumerate(st.recent):
                row = self._load(words)
                try:
                    side = (self._side(keys[j], words, self._meta.get(keys[j], (None, "", None))[1])
                            if self.model is not None else None)
                    sims = self._member_sims(keys[j], names, side, st, self._meta.get(keys[j], (None,))[0])[:j]
                finally:
                    self._buf[row[0]] = 0.0
                st.links[keys[j]] = {keys[i] for i in np.nonzero(sims >= self.threshold)[0].tolist()}
        else:
            live = set(keys)
            for k in [k for k in st.links if k not in live]:
                del st.links[k]  # left the recent members: its links go with it
        at = {k: i for i, k in enumerate(keys)}
        for j, k in enumerate(keys):
            for other in st.links.get(k, ()):
                i = at.get(other)
                if i is None:
                    continue
                a, b = find(i), find(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        groups: dict[int, list[int]] = defaultdict(list)
        for i in range(n):
            groups[find(i)].append(i)
        return list(groups.values())

    def _split(self, sid: str, moved: list[str]) -> str:
        """Move the recent members ``moved`` of story ``sid`` into a new story; returns its id."""
        old, out = self._stories[sid], set(moved)
        new_id = f"{self.id_prefix}{self._next}"
        self._next += 1
        touch = self._changes.touch
        pairs = [(k, v, r) for k, v, r in zip(old.recent_keys, old.recent, old.rows, strict=True) if k in out]
        old_pairs = [(k, v, r) for k, v, r in zip(old.recent_keys, old.recent, old.rows, strict=True) if k not in out]
        old.recent_keys = [k for k, _, _ in old_pairs]
        old.recent, old.rows = [v for _, v, _ in old_pairs], [r for _, _, r in old_pairs]
        old.packed, old.norms, old.links = None, None, None
        terms: dict[str, float] = {}
        names: dict[str, float] = {}
        for _, (w, n), _ in pairs:
            for vec, total, centroid in ((w, terms, old.terms), (n, names, old.names)):
                for t, v in vec.items():
                    total[t] = total.get(t, 0.0) + v
                    if t in centroid:  # the centroid is pruned: only what it still holds is taken out
                        centroid[t] -= v
        old.terms = {t: v for t, v in old.terms.items() if v > 1e-9}
        old.names = {t: v for t, v in old.names.items() if v > 1e-9}
        metas = [self._meta.get(k, (None, "", None)) for k, _, _ in pairs]
        dates = [m[0] for m in metas if m[0] is not None]
        outlets = list(dict.fromkeys(m[2] for m in metas if m[2]))
        new = StoryState(new_id, prune(terms, self.config.max_story_terms), prune(names, self.config.max_story_terms // 3),
                          [k for k in old.members if k in out], outlets, min(dates, default=None),
                          max(dates, default=None), moved[0], recent=[v for _, v, _ in pairs],
                          recent_keys=[k for k, _, _ in pairs], rows=[r for _, _, r in pairs])
        self._retitle(new)
        if old.title in {m[1] for m in metas}:
            old.title_score = 0.0
            self._retitle(old)
        old.members = [k for k in old.members if k not in out]
        self._stories[new_id] = new
        for story in (old, new):
            for i, k in enumerate(story.members):
                if self._pos.get(k) != i or self._assigned.get(k) != story.id:
                    self._pos[k], self._assigned[k] = i, story.id
                    touch(("art", k))
            self._reindex(story)
            touch(("story", story.id))
        self._log({"action": "split", "story": new_id, "from": sid, "articles": list(new.members)})
        return new_id

    def _retitle(self, st: StoryState) -> None:
        # The most central recent member with a known title, as ``_join`` titles a growing story.
        for k, (words, _) in zip(st.recent_keys, st.recent, strict=True):
            title = self._meta.get(k, (None, "", None))[1]
            central = cosine(words, st.terms)
            if title and central > st.title_score:
                st.title, st.title_score = title, central

