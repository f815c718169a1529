"""The learned story similarity: how likely an article and an earlier one are to report the same story.

A logistic model over signals of the pair (``FEATURES``): the cosine of their weighted words (the
``cosine.v1`` similarity on its own), the cosine of the names they mention, how much their titles (or
first lines) share, whether they share a number (a year, a count) or both carry numbers and share
none, and whether both name people and either's leading person is named by the other. Its weights and its join threshold are fitted on ECB+ train by
``benchmarks/train_story_model.py`` and kept, with how they were fitted, in
``newsweave/data/story_model.json``.

Every signal is a function of the two articles alone (their stored vectors, title and date), so a
member link scored when an article joins is the link a rebuilt clusterer scores again. Time is not a
signal: ECB+ has no dates to fit its weight on, and the time window already keeps articles more than
``story_window_days`` apart out of one story.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from ..errors import ConfigError
from .story_features import PERSON_MARK, STOP_WORDS, WORD

__all__ = ["FEATURES", "PairSide", "StoryModel", "lead_person", "load_model", "overlaps", "pair_features",
           "person_overlaps", "side_of"]

FEATURES = ("words", "names", "both_named", "title", "numbers_shared", "numbers_apart", "both_persons",
            "lead_person_shared")
MODEL_FILE = "story_model.json"
COSINE_THRESHOLD = 0.29  # the cosine similarity's join threshold (tuned on ECB+ train, plateau rule)


@dataclass(frozen=True, slots=True)
class PairSide:
    """What the pair signals read of one article besides its vectors: its numbers and title words."""

    numbers: frozenset[str]
    title: frozenset[str]


def side_of(words: dict[str, float], title: str) -> PairSide:
    """The pair side of an article from its word vector and its title (or first line)."""
    numbers = frozenset(t for t in words if t.isdigit())
    return PairSide(numbers, frozenset(w.lower() for w in WORD.findall(title or "") if w.lower() not in STOP_WORDS))


def overlaps(side: PairSide, others: list[PairSide]) -> tuple[np.ndarray, ...]:
    """What ``pair_features`` reads of the titles and numbers, from the sides themselves (the clusterer
    counts the same with its vectorised rows): shared title words, the two title sizes summed, shared
    numbers, and whether both sides carry numbers."""
    title_shared = np.array([len(side.title & o.title) for o in others], dtype=float)
    title_sizes = np.array([len(side.title) + len(o.title) for o in others], dtype=float)
    numbers_shared = np.array([len(side.numbers & o.numbers) for o in others], dtype=float)
    numbers_both = np.array([bool(side.numbers) and bool(o.numbers) for o in others])
    return title_shared, title_sizes, numbers_shared, numbers_both


def lead_person(names: dict[str, float]) -> str | None:
    """The article's leading person: its person name word (``PERSON_MARK``) of the highest weight."""
    best = None
    for n, v in names.items():
        if n.startswith(PERSON_MARK) and (best is None or (v, n) > best):
            best = (v, n)
    return best[1] if best else None


def person_overlaps(names: dict[str, float], others: list[dict[str, float]]) -> tuple[np.ndarray, np.ndarray]:
    """Whether both sides name people, and whether either side's leading person is named by the other:
    the signal that two reports of one kind of event are about the same people (``name_counts``)."""
    lead = lead_person(names)
    both = np.zeros(len(others), dtype=bool)
    shared = np.zeros(len(others), dtype=bool)
    if lead is None:
        return both, shared
    for k, o in enumerate(others):
        other_lead = lead_person(o)
        if other_lead is not None:
            both[k] = True
            shared[k] = lead in o or other_lead in names
    return both, shared


def pair_features(word_sims: np.ndarray, name_sims: np.ndarray, named: np.ndarray, title_shared: np.ndarray,
                  title_sizes: np.ndarray, numbers_shared: np.ndarray, numbers_both: np.ndarray,
                  persons_both: np.ndarray, lead_shared: np.ndarray) -> np.ndarray:
    """One row of ``FEATURES`` per pair, from the word and name cosines, whether both mention names,
    the title and number counts of ``overlaps`` and the person signals of ``person_overlaps``."""
    out = np.zeros((len(word_sims), len(FEATURES)))
    out[:, 0] = word_sims
    out[:, 1] = name_sims
    out[:, 2] = named
    union = title_sizes - title_shared
    out[:, 3] = np.divide(title_shared, union, out=np.zeros(len(union)), where=union > 0)
    out[:, 4] = numbers_both & (numbers_shared > 0)
    out[:, 5] = numbers_both & (numbers_shared == 0)
    out[:, 6] = persons_both
    out[:, 7] = lead_shared
    return out


@dataclass(frozen=True)
class StoryModel:
    """Logistic weights over ``FEATURES``, the fitted join threshold, and how they were fitted."""

    weights: tuple[float, ...]
    bias: float
    threshold: float
    fitted: dict

    def probability(self, rows: np.ndarray) -> np.ndarray:
        """P(same story) of each row of pair features."""
        z = rows @ np.asarray(self.weights) + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self) -> dict:
        return {"features": list(FEATURES), "weights": [round(w, 6) for w in self.weights],
                "bias": round(self.bias, 6), "threshold": self.threshold, "fitted": self.fitted}

    @classmethod
    def from_json(cls, data: dict, origin: str = MODEL_FILE) -> StoryModel:
        if list(data.get("features", ())) != list(FEATURES):
            raise ConfigError(f"{origin}: the model's features {data.get('features')} are not this version's "
                              f"{list(FEATURES)}; refit it with benchmarks/train_story_model.py")
        weights = tuple(float(w) for w in data["weights"])
        if not all(map(math.isfinite, weights)) or not 0.0 <= data["threshold"] <= 1.0:
            raise ConfigError(f"{origin}: weights must be finite and the threshold between 0 and 1")
        return cls(weights, float(data["bias"]), float(data["threshold"]), dict(data.get("fitted") or {}))


@cache
def load_model() -> StoryModel:
    """The fitted model shipped in ``newsweave/data`` (read once)."""
    text = (resources.files("newsweave") / "data" / MODEL_FILE).read_text(encoding="utf-8")
    return StoryModel.from_json(json.loads(text))
