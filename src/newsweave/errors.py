"""The errors newsweave raises, one base class and one subclass per layer.

    NewsweaveError          anything newsweave raises on purpose
    ├── ConfigError         a bad option value (names the valid ones)
    ├── IngestError         an input file that cannot be read (names the file, the line, the reason)
    ├── ExtractError        a stage that cannot run (pipeline order, missing model)
    ├── StoreError          the SQLite store (missing database, failed migration)
    │   └── StoreFull       the disk (or the store's size limit) is full: the write was rolled back
    └── ApiError            the HTTP API (bad request, not found, refused write)

Every message says what went wrong and, where it can, what to do about it.
"""

from __future__ import annotations

__all__ = ["NewsweaveError", "ConfigError", "IngestError", "ExtractError", "StoreError", "StoreFull", "ApiError", "shown"]


class NewsweaveError(Exception):
    """Base class of every error newsweave raises on purpose."""


class ConfigError(NewsweaveError, ValueError):
    """An option has a value newsweave cannot use."""


class IngestError(NewsweaveError):
    """An input could not be turned into articles.

    ``origin`` names the file (and line or byte where known) so that a batch summary can list it.
    """

    def __init__(self, origin: str, reason: str):
        self.origin = origin
        self.reason = reason
        super().__init__(f"{origin}: {reason}")


class ExtractError(NewsweaveError):
    """A pipeline could not be built or run."""


class StoreError(NewsweaveError):
    """The store could not be opened, migrated or written."""


class StoreFull(StoreError):
    """The disk holding the store is full; the transaction was rolled back and nothing stored was lost."""


class ApiError(NewsweaveError):
    """An HTTP request that newsweave refuses; ``status`` is the HTTP status code to answer with."""

    def __init__(self, status: int, message: str):
        self.status = status
        super().__init__(message)


def shown(value: object, limit: int = 80) -> str:
    """``repr(value)`` for an error message, cut after ``limit`` characters with "…": a message quotes
    what it refuses, but a 100 KB "date" must not be echoed whole."""
    text = repr(value)
    return text if len(text) <= limit + 2 else text[: limit + 1] + "…"
