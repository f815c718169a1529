"""The articles behind an attention chart (``newsweave.analyze.attention``): their day and outlet."""

from __future__ import annotations

from .db import Store

__all__ = ["entity_articles"]


def entity_articles(store: Store, entity_id: str) -> list[tuple[str | None, str]]:
    """``(published, outlet)`` of every article that mentions the entity, once per article (the outlet as
    ``newsweave.model.outlet_of`` names it)."""
    return [(r[0], r[1]) for r in store.db.execute(
        "SELECT a.published, coalesce(a.outlet, a.wire, 'unknown') FROM articles a WHERE a.id IN"
        " (SELECT m.article_id FROM mentions m WHERE m.entity_id = ?)", (entity_id,))]
