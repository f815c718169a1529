"""`process` computes the timeline and outlet comparison of each story it changed, keeps them per story
version, and the story page reads them on its first view; a story changed since (new article, correction)
is computed again. Real pipeline, real SQLite, the bundled fictional demo articles."""

from __future__ import annotations

import json

import pytest

from newsweave.analyze.compare import compare_outlets
from newsweave.analyze.story_analyses import ANALYSES
from newsweave.analyze.timeline import story_timeline
from newsweave.api import sections, views
from newsweave.jobs import ingest_paths, process_store
from newsweave.store import Store
from newsweave.store.corrections import add_correction
from newsweave.store.web_queries import story_version

pytestmark = pytest.mark.slow


def _kept(store: Store) -> dict[tuple[str, str], tuple[str, dict]]:
    return {(r[0], r[1]): (r[2], json.loads(r[3]))
            for r in store.db.execute("SELECT story_id, kind, version, body FROM story_analyses")}


@pytest.fixture(scope="module")
def processed(tmp_path_factory, demo_path):
    lines = demo_path.read_text(encoding="utf-8").splitlines()
    first = tmp_path_factory.mktemp("analyses") / "first.jsonl"
    first.write_text("\n".join(lines[:-3]) + "\n", encoding="utf-8")
    rest = first.with_name("rest.jsonl")
    rest.write_text("\n".join(lines[-3:]) + "\n", encoding="utf-8")
    store = Store(first.with_name("nw.db"))
    ingest_paths(store, [str(first)])
    process_store(store)
    return store, rest


def test_process_keeps_each_changed_story_analysis_as_the_page_would_compute_it(processed):
    store, _ = processed
    kept = _kept(store)
    stories = [r[0] for r in store.db.execute("SELECT id FROM stories")]
    assert stories and {s for s, _ in kept} == set(stories)
    for story_id in stories:
        version = story_version(store, story_id)
        for kind, analyse in (("timeline", story_timeline), ("compare", compare_outlets)):
            stored_version, value = kept[(story_id, kind)]
            assert stored_version == version
            assert value == analyse(store, story_id)  # the same answer, read back with the same types
    assert set(ANALYSES) == {"timeline", "compare"}


def test_the_page_reads_the_kept_analysis_until_the_story_changes(processed):
    store, _ = processed
    story_id = max(_kept(store), key=lambda k: len(_kept(store)[k][1].get("entries", [])))[0]
    fresh = views.story_page(store, story_id).data["timeline"]
    assert fresh
    # Mark the kept timeline so that reading it shows: the page must not compute its own.
    marked = {"entries": [], "undated_events": 41}
    store.db.execute("UPDATE story_analyses SET body = ? WHERE story_id = ? AND kind = 'timeline'",
                     (json.dumps(marked), story_id))
    store.db.commit()
    sections._ANALYSIS_CACHE.clear()
    page = views.story_page(store, story_id).data
    assert page["undated_events"] == 41 and page["timeline"] == []
    # A correction moves the story's version: the kept analysis is stale and the page computes it again.
    add_correction(store, "rename-story", story_id, {"title": "The bridge, renamed by the desk"})
    sections._ANALYSIS_CACHE.clear()
    assert views.story_page(store, story_id).data["timeline"] == fresh


def test_a_later_run_analyses_only_the_stories_it_changed(processed):
    store, rest = processed
    versions = {r[0]: story_version(store, r[0]) for r in store.db.execute("SELECT id FROM stories")}
    before = _kept(store)
    ingest_paths(store, [str(rest)])
    report = process_store(store)
    assert report.processed == 3
    after = _kept(store)
    current = {r[0]: story_version(store, r[0]) for r in store.db.execute("SELECT id FROM stories")}
    changed = {s for s, v in current.items() if versions.get(s) != v}
    assert 0 < len(changed) <= report.stories
    assert {s for s, _ in after} == set(current)  # stories merged away leave nothing behind
    for (story_id, kind), (version, value) in after.items():
        if story_id in changed:
            assert version == current[story_id]
            assert value == ANALYSES[kind](store, story_id)
        else:  # not touched by the run: not computed again
            assert (version, value) == before[(story_id, kind)]
