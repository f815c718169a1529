"""The large-store benchmark grows its stores through the real linker and write path: each replica is a new
article (new id, later date, its own text) whose extraction is linked and stored like `process` does it,
and the pool it is copied from is left as it was. Real pipeline and SQLite, the fictional demo articles."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from newsweave.extract.pipeline import Pipeline
from newsweave.ingest import read_inputs
from newsweave.link.online import OnlineLinker
from newsweave.settings import Settings
from newsweave.store import Store

pytestmark = pytest.mark.slow

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "real_scale.py"


@pytest.fixture(scope="module")
def real_scale():
    spec = importlib.util.spec_from_file_location("nw_real_scale", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_replicas_go_through_the_linker_as_new_articles(real_scale, demo_path, tmp_path):
    pool = list(Pipeline(Settings()).run(list(read_inputs([str(demo_path)]))[:4]))
    store = Store(tmp_path / "grown.db")
    have, _ = real_scale.grow(store, pool, 0, 4)
    have, _ = real_scale.grow(store, pool, have, 10)  # a second step starts from the state the first saved
    assert have == 10
    rows = store.db.execute("SELECT ext_id, published, text, processed_at FROM articles ORDER BY id").fetchall()
    assert len(rows) == 10 and all(r["processed_at"] for r in rows)
    first, replica = rows[0], rows[4]
    assert replica["ext_id"] == f"{first['ext_id']}#1" and replica["text"].startswith(first["text"])
    assert replica["published"] > first["published"]
    assert store.db.execute("SELECT count(DISTINCT article_id) FROM article_story").fetchone()[0] == 10
    # the linkers' state is in the store, and loads
    assert store.db.execute("SELECT count(*) FROM link_records WHERE linker = 'entities'").fetchone()[0] > 0
    some = store.db.execute("SELECT id FROM entities ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert OnlineLinker.from_store(store, Settings()).entities.entity(some) is not None
    # process's story analyses were kept for the stories the growth touched
    assert store.db.execute("SELECT count(*) FROM story_analyses").fetchone()[0] > 0
    # the pool is untouched: its mentions carry no entity ids of the replicas' linking, and keep their parse
    assert all(ex.doc is not None and all(m.entity_id is None for m in ex.mentions) for ex in pool)
