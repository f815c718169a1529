"""newsweave: stories, who said what, entities, dates and events from dated news articles.

The public API is what ``__all__`` lists; everything else is private and may change.
"""

from .contract import extract_articles, extract_file, to_contract
from .errors import (
    ApiError,
    ConfigError,
    ExtractError,
    IngestError,
    NewsweaveError,
    StoreError,
    StoreFull,
)
from .evaluate import evaluate
from .extract.pipeline import Pipeline, stage
from .jobs import ingest_articles, ingest_paths, process_store
from .model import (
    Actor,
    Article,
    Attribution,
    Entity,
    Event,
    Extraction,
    Mention,
    Span,
    Story,
    Timex,
)
from .settings import Settings, StoryConfig
from .store import Store
from .version import __version__ as __version__

__all__ = [
    "Actor",
    "ApiError",
    "Article",
    "Attribution",
    "ConfigError",
    "Entity",
    "Event",
    "ExtractError",
    "Extraction",
    "IngestError",
    "Mention",
    "NewsweaveError",
    "Pipeline",
    "Settings",
    "Span",
    "Store",
    "StoreError",
    "StoreFull",
    "Story",
    "StoryConfig",
    "Timex",
    "evaluate",
    "extract_articles",
    "extract_file",
    "ingest_articles",
    "ingest_paths",
    "process_store",
    "stage",
    "to_contract",
]
