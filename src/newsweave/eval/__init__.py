"""Loaders for the standard corpora and the scorers behind ``newsweave eval``."""

from .scoring import TASKS, score

__all__ = ["TASKS", "score"]
