"""A story's timeline and outlet comparison, computed once per story version and kept in the store.

`newsweave process` calls :func:`analyse_stories` for the stories a run changed, after its last batch
has committed, so that the first view of a story page reads them instead of computing them (a
tenth of a second to a second of CPU for a real 20–30 article story). The page reads them back with
:func:`kept_analysis`; a story changed since (a new article, an applied correction) has a new
version, so the kept one is not read, and the page computes it as before.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from ..errors import StoreError
from ..store import Store
from ..store.analyses import (
    drop_story_analyses,
    save_story_analysis,
    stored_story_analysis,
)
from ..store.views import StoryView, story_view
from ..store.web_queries import story_version
from .compare import compare_outlets
from .timeline import story_timeline

__all__ = ["ANALYSIS_MAX_ARTICLES", "ANALYSES", "analyse_stories", "kept_analysis", "too_large"]

# Both analyses grow faster than linearly with a story's size (measured at 100k articles, cold, with
# the indexed matching of benchmarks/results/analyze.md: timeline 46 ms and comparison 62 ms at 41-64
# independent articles, 137 / 186 ms at 101-200), so a page request computes them only up to this many
# independent articles; above, the section says how to get it from the CLI, which has no request deadline.
ANALYSIS_MAX_ARTICLES = {"timeline": 64, "compare": 64}

# kind -> the analysis, called as f(story_view): the analyses of one story share its view's articles
ANALYSES: dict[str, Callable[..., dict[str, Any]]] = {"timeline": story_timeline, "compare": compare_outlets}


def too_large(kind: str, story: StoryView) -> int | None:
    """The story's number of independent articles when it is over the page's limit for ``kind``, else None."""
    n = len(story.originals)
    return n if n > ANALYSIS_MAX_ARTICLES[kind] else None


def kept_analysis(store: Store, story_id: str, kind: str, version: str | None) -> dict[str, Any] | None:
    """The ``kind`` analysis `process` kept for ``story_id`` at ``version`` (None: none, or stale)."""
    return stored_story_analysis(store, story_id, kind, version)


def analyse_stories(store: Store, story_ids: Iterable[str], *, gone: Iterable[str] = ()) -> int:
    """Compute and keep the timeline and comparison of each story (those a page would compute: not the ones
    over ``ANALYSIS_MAX_ARTICLES``), each story in its own transaction; forget those of ``gone`` stories.
    Returns the number of stories analysed."""
    drop_story_analyses(store, gone)
    done = 0
    for story_id in sorted(set(story_ids)):
        version = story_version(store, story_id)
        if version is None:  # merged away or emptied since
            continue
        story = story_view(store, story_id)  # each article read once, shared by the two analyses
        kept = {}
        for kind, analyse in ANALYSES.items():
            if too_large(kind, story) is None:
                try:
                    kept[kind] = analyse(story)
                except (StoreError, sqlite3.Error):
                    raise
                except Exception:  # noqa: BLE001 - the page computes it (and shows the error) as before
                    continue
        with store.atomic():
            for kind, value in kept.items():
                save_story_analysis(store, story_id, kind, version, value)
        done += bool(kept)
    return done
