"""Cross-article linking over a store, one article at a time, with state kept in the store.

``OnlineLinker`` wraps the three linkers — wire copies (``CopyDetector``), stories
(``StoryClusterer``) and cross-document entities (``EntityLinker``) — so ``newsweave process`` can
feed it each newly processed article and save its state in the same transaction as the article's rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import StoreError
from ..model import Extraction
from ..settings import Settings
from .copies import CopyDetector
from .stories import StoryClusterer, features_for

__all__ = ["LinkDecision", "OnlineLinker", "sync_linked_ids"]

# Each linker's header row in link_state and its records in link_records (see state.py).
PARTS = ("copies", "stories", "entities")


@dataclass
class LinkDecision:
    """Where one article went: its story, and the earlier article it copies, if any."""

    story_id: str
    copy_of: int | None = None
    copy_kind: str | None = None
    copy_similarity: float | None = None
    history: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


class OnlineLinker:
    """The copy detector, story clusterer and entity linker, fed one article at a time."""

    def __init__(self, settings: Settings, *, copies: CopyDetector | None = None,
                 stories: StoryClusterer | None = None, entities=None):
        from .entities import EntityLinker

        self.settings = settings
        self.copies = copies or CopyDetector(settings.copies)
        self.stories = stories or StoryClusterer(settings)
        self.entities = entities or EntityLinker(config=settings.entities)
        self._touched_entities: set[str] = set()
        self.merges: list[tuple[str, str, str]] = []  # (kind, into, from) of the last add
        self.splits: list[tuple[str, str, list[int]]] = []  # (new story, from story, its articles) of the last add
        # (new entity, from entity, the story's earlier articles) of the last add: a merge undone
        self.entity_splits: list[tuple[str, str, list[int]]] = []

    @classmethod
    def from_store(cls, store, settings: Settings) -> OnlineLinker:
        """The linker as the store last saved it (a fresh one for a new store)."""
        from .entities import EntityLinker

        headers = {part: store.load_state(part) for part in PARTS}
        if all(h is None for h in headers.values()):
            if store.load_state("linker.v1") is not None:
                raise StoreError(f"{store.path}: this store was linked by a development version whose linker "
                                 "state cannot be read; process the articles into a new store")
            return cls(settings)
        # Each linker holds what its window can still reach and reads the rest from the store on demand,
        # so start-up and memory stay the size of the window, not of the corpus: the copy detector the
        # window's signatures (matches read when asked for), the story clusterer the live stories
        # (link/story_records.py), the entity linker its header alone (link/entity_state.py).
        def load(part: str):
            return lambda key: store.load_record(part, key)

        def records(part: str):
            return lambda family, where: store.load_records(part, family, where=where)

        readers = {
            "copies": lambda h: CopyDetector.lazy(h, load("copies"), records("copies")),
            "stories": lambda h: StoryClusterer.lazy(h, load("stories"), records("stories"), settings),
            "entities": lambda h: EntityLinker.lazy(h, load("entities"), settings.entities),
        }
        parts = {part: None if headers[part] is None else readers[part](headers[part]) for part in PARTS}
        return cls(settings, **parts)

    def add(self, article_id: int, ex: Extraction) -> LinkDecision:
        """Link one article from its extraction (story words, mentions; no parse needed); sets entity ids in place."""
        key = str(article_id)
        match = self.copies.add(key, ex.article)
        seen_stories, seen_entities = len(self.stories.history), len(self.entities.history)
        features = features_for(ex, key, self.stories.config)
        if match is not None and self.stories.story_of(match.original) is not None:
            # A reprint is the same story as its original, whatever its words score.
            story_id = self.stories.attach(key, match.original, features)
        else:
            story_id = self.stories.add(key, features)
        story_changes = self.stories.history[seen_stories:]
        history = [(h.get("action", "changed"), h) for h in story_changes]
        self.entities.add(key, ex.mentions, story_id=story_id, published=ex.article.published,
                          text=ex.article.text)
        self._touched_entities.update(m.entity_id for m in ex.mentions if m.entity_id)
        # Merges rewrite what is already stored: the store applies them in the same transaction.
        self.merges = [("story", h["story"], h["from"]) for h in story_changes if h.get("action") == "merged"]
        self.merges += [("entity", h["entity"], h["from"]) for h in self.entities.history[seen_entities:]
                        if h.get("action") == "merged"]
        self.splits = [(h["story"], h["from"], [int(k) for k in h["articles"]])
                       for h in story_changes if h.get("action") == "split"]
        self.entity_splits = [(h["entity"], h["from"], [int(k) for k in self.stories.members(h["story"]) if k != key])
                              for h in self.entities.history[seen_entities:] if h.get("action") == "split"]
        self._touched_entities.update(old for _, old, _ in self.entity_splits)
        sync_linked_ids(ex)
        ex.story_id = story_id
        decision = LinkDecision(story_id=story_id, history=history)
        if match is not None:
            decision.copy_of = int(match.original)
            decision.copy_kind = match.kind
            decision.copy_similarity = match.similarity
        return decision

    def save(self, store, touched_stories: set[str]) -> None:
        """Write the touched stories and entities and the linker's state (call inside the batch's transaction)."""
        for sid in touched_stories:
            story = self.stories.story(sid)  # None: merged into another since
            if story is not None:
                store.save_story(sid, story.title)
        store.drop_empty_stories(touched_stories)
        touched = (self.entities.entity(eid) for eid in sorted(self._touched_entities))
        store.save_entities(e for e in touched if e is not None)
        self._touched_entities.clear()
        # Only what this batch changed is written: the cost of a batch does not grow with the corpus.
        for part in PARTS:
            store.save_changes(part, getattr(self, part).state_changes())
        # The analyst's corrections win over what the linkers just wrote (same transaction).
        from ..store.corrections import apply_corrections

        apply_corrections(store)


def sync_linked_ids(ex: Extraction) -> None:
    """Copy the linker's entity ids onto what points at mentions: speakers and event actors.

    A speaker is the mention at the same offsets; an event actor spans a whole phrase ("Russian
    President Vladimir Putin") and takes the id of the mention it stands on.
    """
    from ..extract.events import actor_mention

    by_span = {(m.start, m.end): m for m in ex.mentions}
    for a in ex.attributions:
        # a speaker for several people ("Donald Trump and Volodymyr Zelensky") is none of their entities
        if a.speaker is not None and a.speaker.entity_id is None and a.speaker.kind != "group":
            same = by_span.get((a.speaker.start, a.speaker.end))
            if same is not None:
                a.speaker.entity_id = same.entity_id
    for event in ex.events:
        for actor in (*event.source, *event.target):
            if actor.entity_id is None:
                mention = actor_mention(actor, ex.mentions)
                if mention is not None:
                    actor.entity_id = mention.entity_id
