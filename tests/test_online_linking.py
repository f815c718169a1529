"""Linking across process runs: the linkers' state goes to the store incrementally and comes back whole."""

from __future__ import annotations

import pytest

from newsweave.jobs import ingest_paths, process_store
from newsweave.link.online import PARTS, OnlineLinker
from newsweave.settings import Settings
from newsweave.store import Store


def _links(store: Store) -> dict:
    db = store.db
    return {
        "stories": db.execute("SELECT article_id, story_id FROM article_story ORDER BY article_id").fetchall(),
        "mentions": db.execute("SELECT article_id, start, entity_id FROM mentions ORDER BY 1, 2, 3").fetchall(),
        "copies": db.execute("SELECT * FROM copies ORDER BY 1").fetchall(),
        "records": db.execute("SELECT linker, key, record FROM link_records ORDER BY 1, 2").fetchall(),
        "headers": db.execute("SELECT name, state FROM link_state ORDER BY 1").fetchall(),
    }


@pytest.mark.slow
def test_processing_in_pieces_links_as_one_run_does(demo_path, tmp_path):
    settings = Settings(batch_size=2)
    whole, pieces = Store(tmp_path / "whole.db"), Store(tmp_path / "pieces.db")
    for store in (whole, pieces):
        ingest_paths(store, [str(demo_path)])
    process_store(whole, settings)
    # Each piece is a new run: the linker is rebuilt from the store's header and records every time.
    while pieces.unprocessed_ids():
        process_store(pieces, settings, limit=3)
    assert _links(pieces) == _links(whole)
    rebuilt = OnlineLinker.from_store(pieces, settings)
    for part in PARTS:
        assert getattr(rebuilt, part).to_state() == getattr(OnlineLinker.from_store(whole, settings), part).to_state()
    assert pieces.load_state("linker.v1") is None  # the whole-state row is gone for good
