"""The SQLite store: schema, migrations, transactions, the read queries the CLI and API use, and the typed
views the analyses read (``newsweave.store.views``)."""

from .db import AddOutcome, Store
from .queries import (
    article_detail,
    entity_detail,
    list_entities,
    list_quotes,
    list_stories,
    search_articles,
    story_detail,
)

__all__ = [
    "AddOutcome",
    "Store",
    "article_detail",
    "entity_detail",
    "list_entities",
    "list_quotes",
    "list_stories",
    "search_articles",
    "story_detail",
]
