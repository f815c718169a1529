"""What needs many articles: wire copies, story clustering and cross-document entities.

``link_batch`` is what ``newsweave extract`` runs over a whole batch; the three linkers it drives
(``CopyDetector``, ``StoryClusterer``, ``EntityLinker``) also work one article at a time with
JSON state, which is how the store keeps them between runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..model import Entity, Extraction, Story
from ..settings import Settings
from .copies import CopyDetector, CopyMatch, signature
from .entities import EntityLinker, name_key
from .stories import (
    ArticleFeatures,
    StoryClusterer,
    cluster_stories,
    features_for,
    features_from_text,
)

__all__ = [
    "ArticleFeatures",
    "CopyDetector",
    "CopyMatch",
    "EntityLinker",
    "LinkResult",
    "StoryClusterer",
    "cluster_stories",
    "features_for",
    "features_from_text",
    "link_batch",
    "name_key",
    "signature",
]


@dataclass(slots=True)
class LinkResult:
    """What ``link_batch`` found: stories, entities, and copies (later article key -> ``CopyMatch``)."""

    stories: list[Story] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    copies: dict[str, CopyMatch] = field(default_factory=dict)
    story_members: dict[str, list[str]] = field(default_factory=dict)  # story id -> article keys


def _key(ex: Extraction, i: int) -> str:
    return str(ex.article.id) if ex.article.id is not None else f"#{i}"


def link_batch(extractions: list[Extraction], settings: Settings | None = None) -> LinkResult:
    """Link one batch of extracted articles: sets ``ex.story_id`` and every mention's ``entity_id``.

    Articles are taken in date order (undated ones after, in input order), so the result is what
    adding them one by one in that order would give. A copy of an earlier article joins the story
    of its original whatever its words score.
    """
    settings = settings or Settings()
    keyed = [(_key(ex, i), i, ex) for i, ex in enumerate(extractions)]
    keyed.sort(key=lambda t: (t[2].article.published is None, t[2].article.published or date.min, t[1]))
    copies = CopyDetector(settings.copies)
    clusterer = StoryClusterer(settings)
    linker = EntityLinker(config=settings.entities)
    for key, _, ex in keyed:
        match = copies.add(key, ex.article)
        if match is not None and clusterer.story_of(match.original) is not None:
            ex.story_id = clusterer.attach(key, match.original, features_for(ex, key, clusterer.config))
        else:
            ex.story_id = clusterer.add(key, features_for(ex, key, clusterer.config))
    # Entities after stories, so that descriptions are scoped by the story they belong to.
    done: list[Extraction] = []
    for key, _, ex in keyed:
        seen = len(linker.history)
        linker.add(key, ex.mentions, story_id=ex.story_id, published=ex.article.published, text=ex.article.text)
        for h in linker.history[seen:]:
            if h.get("action") == "split":
                # A merge the article contradicts is undone: the story's earlier mentions go with it.
                for earlier in done:
                    if earlier.story_id == h["story"]:
                        for m in earlier.mentions:
                            if m.entity_id is not None and linker.canonical(m.entity_id) == h["from"]:
                                m.entity_id = h["entity"]
        done.append(ex)
    # Entities saw each article's story as it was when the article came (as `process` does); a later
    # split can have moved the article since, so the output carries its story at the end.
    for key, _, ex in keyed:
        ex.story_id = clusterer.story_of(key)
    # A later article can show two entities to be one ("the driver" was Subryan): re-point the earlier ids.
    for ex in extractions:
        for m in ex.mentions:
            m.entity_id = linker.canonical(m.entity_id)
    stories = clusterer.stories()
    return LinkResult(stories=stories, entities=linker.entities(), copies=copies.matches,
                      story_members={s.id: clusterer.members(s.id) for s in stories})
