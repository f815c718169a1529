"""Store-backed story clusterer and copy detector: they hold what their windows reach, read the rest on
demand, and link exactly as the whole linkers do (a real SQLite store; the texts are made up)."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

import pytest
from test_link_stories import _synthetic_feed

from newsweave.errors import ConfigError
from newsweave.link.copies import CopyDetector
from newsweave.link.stories import StoryClusterer
from newsweave.model import Article
from newsweave.settings import Settings, StoryConfig
from newsweave.store import Store


def _stored(store: Store, linker: str) -> dict:
    return {k: json.loads(r) for k, r in store.db.execute(
        "SELECT key, record FROM link_records WHERE linker = ? ORDER BY key", (linker,))}


def _reader(store: Store, linker: str):
    return (lambda key: store.load_record(linker, key),
            lambda family, where: store.load_records(linker, family, where=where))


def _feed_stories(sc: StoryClusterer, feed, start: int, end: int) -> list[str]:
    """Add ``feed[start:end]``; every 7th article is a reprint of one 2–40 articles earlier (late copies
    of stories the window has retired among them)."""
    out = []
    for i in range(start, end):
        f = feed[i]
        if i % 7 == 3 and i >= 40:
            original = feed[i - 2 - (i * 13) % 38].key
            out.append(sc.attach(f.key, original, f))
        else:
            out.append(sc.add(f.key, f))
    return out


@pytest.mark.parametrize("merge_threshold", [1.0, 0.5])
def test_a_store_backed_clusterer_clusters_as_the_whole_one(tmp_path, merge_threshold):
    feed = _synthetic_feed(480, days=90, topics=60)
    # (no reach by recall: the window alone retires the feed's stories, which is what start-up is held to)
    settings = Settings(story_window_days=3, stories=StoryConfig(merge_threshold=merge_threshold, recall_days=0))
    # A memory bound of one record: the store-backed clusterer forgets all it read after every save.
    small = settings.replace(stories=settings.stories.replace(cache_records=1))
    store = Store(tmp_path / "s.db")
    whole = StoryClusterer(settings)
    kept: dict = {}
    held, live_held = [], []
    for batch, start in enumerate(range(0, len(feed), 40)):
        live = whole.live_stories()  # as the store was last saved
        expected = _feed_stories(whole, feed, start, start + 40)
        delta = whole.state_changes()
        for k in delta.drop:
            kept.pop(k, None)
        kept.update(json.loads(json.dumps(delta.put)))
        if batch == 0:
            store.save_changes("stories", delta)
            continue
        lazy = StoryClusterer.lazy(store.load_state("stories"), *_reader(store, "stories"), small)
        # Start-up holds the live stories and their members, not the corpus.
        assert len(lazy._stories) == live <= 40
        held.append(len(lazy._assigned))
        assert _feed_stories(lazy, feed, start, start + 40) == expected
        assert lazy.assignments.items() <= whole.assignments.items()
        store.save_changes("stories", lazy.state_changes())
        live_held.append(len(lazy._stories))
        assert all(not st.retired for st in dict.values(lazy._stories))  # retired ones forgotten
        assert store.load_state("stories") == json.loads(json.dumps(whole.state_changes().header))
        assert _stored(store, "stories") == kept  # exactly what the whole clusterer would have saved
    assert max(held) < len(feed) // 3
    assert any(h["action"] == "copy" for h in whole.history)
    if merge_threshold < 1.0:
        assert any(h["action"] == "merged" for h in whole.history)
    rebuilt = StoryClusterer.from_records(store.load_state("stories"), store.load_records("stories"), settings)
    assert rebuilt.to_state() == json.loads(json.dumps(whole.to_state()))


def test_a_long_run_forgets_between_batches_and_clusters_the_same(tmp_path):
    feed = _synthetic_feed(400, days=80, topics=50)
    settings = Settings(story_window_days=3, stories=StoryConfig(cache_records=200))
    store = Store(tmp_path / "s.db")
    whole = StoryClusterer(settings)
    store.save_changes("stories", whole.state_changes())
    lazy = StoryClusterer.lazy(store.load_state("stories"), *_reader(store, "stories"), settings)
    for start in range(0, len(feed), 25):
        assert _feed_stories(lazy, feed, start, start + 25) == _feed_stories(whole, feed, start, start + 25)
        whole.state_changes()
        store.save_changes("stories", lazy.state_changes())
        assert lazy._held() <= 200 + 25 * 40  # forgotten at each save once past the bound
    rebuilt = StoryClusterer.from_records(store.load_state("stories"), store.load_records("stories"), settings)
    assert rebuilt.to_state() == json.loads(json.dumps(whole.to_state()))


def _articles(n: int, seed: int = 5) -> list[Article]:
    """Made-up reports, one a day; every 4th reprints (word for word, or with its last sentence cut) a
    report 1–45 days older, so some originals have left the 30-day copy window."""
    rng = random.Random(seed)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(6)) for _ in range(3000)]
    texts, out = [], []
    for i in range(n):
        day = date(2025, 1, 1) + timedelta(days=i)
        if i % 4 == 3 and i > 2:
            source = texts[max(0, i - 1 - (i * 7) % 45)]
            text = source if i % 8 == 3 else ". ".join(source.split(". ")[:-1])
        else:
            text = ". ".join(" ".join(rng.sample(words, 12)) for _ in range(8))
        texts.append(text)
        out.append(Article(text=text, id=f"a{i}", published=day, outlet=f"o{i % 3}"))
    return out


def test_a_store_backed_copy_detector_finds_the_same_copies(tmp_path):
    articles = _articles(160)
    store = Store(tmp_path / "s.db")
    whole = CopyDetector()
    found_whole, found_lazy = [], []
    kept: dict = {}
    for batch, start in enumerate(range(0, len(articles), 20)):
        part = articles[start:start + 20]
        in_window = len(whole)  # the signatures of the window, before this batch
        found_whole += [(m.original, m.kind) if (m := whole.add(a.id, a)) else None for a in part]
        delta = whole.state_changes()
        for k in delta.drop:
            kept.pop(k, None)
        kept.update(json.loads(json.dumps(delta.put)))
        if batch == 0:
            store.save_changes("copies", delta)
            found_lazy = list(found_whole)
            continue
        lazy = CopyDetector.lazy(store.load_state("copies"), *_reader(store, "copies"))
        assert len(lazy) == in_window <= 31  # start-up reads the window's signatures alone
        assert len(lazy._matches) == 0  # matches are read when asked for
        found_lazy += [(m.original, m.kind) if (m := lazy.add(a.id, a)) else None for a in part]
        store.save_changes("copies", lazy.state_changes())
        assert len(lazy._matches) == 0
        assert _stored(store, "copies") == kept
    assert found_lazy == found_whole
    assert sum(1 for f in found_whole if f) >= 20 and any(f and f[1] == "version" for f in found_whole)


def test_story_cache_records_is_validated_and_not_recorded():
    with pytest.raises(ConfigError, match="cache_records"):
        StoryConfig(cache_records=0)
    header = StoryClusterer(Settings(stories=StoryConfig(cache_records=7))).state_changes().header
    assert "cache_records" not in header["config"]


def test_load_records_filters_by_family_and_value(tmp_path):
    store = Store(tmp_path / "s.db")
    sc = StoryClusterer(Settings(story_window_days=2))
    for f in _synthetic_feed(60, days=20, topics=8):
        sc.add(f.key, f)
    store.save_changes("stories", sc.state_changes())
    everything = dict(store.load_records("stories"))
    arts = dict(store.load_records("stories", "art"))
    assert arts == {k: v for k, v in everything.items() if k.startswith("art:")}
    sid = next(iter(arts.values()))[0]
    assert dict(store.load_records("stories", "art", where=("$[0]", [sid]))) == {
        k: v for k, v in arts.items() if v[0] == sid}
    live = dict(store.load_records("stories", "story", where=("$.retired", None)))
    assert live and all(not v.get("retired") for v in live.values())
    assert len(live) == sc.live_stories()
    assert list(store.load_records("stories", "art", where=("$[0]", []))) == []


def test_a_header_without_the_history_count_counts_the_stored_entries(tmp_path):
    store = Store(tmp_path / "s.db")
    feed = _synthetic_feed(50, days=10, topics=6)
    whole = StoryClusterer(Settings(story_window_days=2))
    _feed_stories(whole, feed, 0, 40)
    store.save_changes("stories", whole.state_changes())
    header = dict(store.load_state("stories"))
    del header["history"]  # as a header written before it was counted would be
    lazy = StoryClusterer.lazy(header, *_reader(store, "stories"))
    assert _feed_stories(lazy, feed, 40, 50) == _feed_stories(whole, feed, 40, 50)
    assert lazy.state_changes().put.keys() == whole.state_changes().put.keys()
