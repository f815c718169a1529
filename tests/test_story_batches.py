"""Stories do not depend on how the input was split into runs: one batch = many batches = one by one.

Real ECB+ dev articles (read from ../shared, given dates here so that the time window acts too), the
real pipeline and a real store: processed in one batch, one article per batch, in batches of three,
in several ``process`` runs with an ``ingest`` before each, and through ``newsweave extract``'s batch
linker — every way gives the same stories.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from newsweave.jobs import ingest_articles, process_store
from newsweave.model import Article
from newsweave.settings import Settings
from newsweave.store import Store

TOPICS = 3
PER_TOPIC = 7


def _articles(shared_dir) -> list[Article]:
    """Articles of a few ECB+ dev topics (both sub-stories of each), interleaved and dated in order."""
    by_topic: dict[str, list[dict]] = {}
    with open(shared_dir / "data" / "clustering" / "ecbplus-dev.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            by_topic.setdefault(row["gold"]["story"].split("-")[0], []).append(row)
    topics = sorted(by_topic)[:TOPICS]
    rows = [r for i in range(PER_TOPIC) for t in topics for r in by_topic[t][i::PER_TOPIC][:1]]
    start = date(2025, 3, 1)
    return [Article(text=r["text"], title=None, outlet=f"Outlet {i % 4}", url=f"https://example.org/{i}",
                    published=start + timedelta(days=i // 3)) for i, r in enumerate(rows)]


def _stories(store: Store) -> list[tuple]:
    db = store.db
    rows = db.execute("SELECT a.url, s.story_id FROM article_story s JOIN articles a ON a.id = s.article_id "
                      "ORDER BY a.url").fetchall()
    return [tuple(r) for r in rows]


@pytest.mark.slow
def test_stories_do_not_depend_on_how_the_input_was_split(shared_dir, tmp_path):
    articles = _articles(shared_dir)
    assert len(articles) == TOPICS * PER_TOPIC
    settings = Settings(story_window_days=4)
    runs = {}
    for name, batch_size in (("one batch", 100), ("one by one", 1), ("threes", 3)):
        with Store(tmp_path / f"{name}.db") as store:
            ingest_articles(store, articles)
            process_store(store, settings.replace(batch_size=batch_size))
            runs[name] = _stories(store)
    with Store(tmp_path / "runs.db") as store:
        # A feed as it arrives: ingest a few, process, ingest more, process again (a new run each time).
        for i in range(0, len(articles), 5):
            ingest_articles(store, articles[i:i + 5])
            process_store(store, settings.replace(batch_size=2))
        runs["runs with ingest between"] = _stories(store)
    first = runs["one batch"]
    assert len({sid for _, sid in first}) > 1  # there is something to get wrong: several stories
    for name, got in runs.items():
        assert got == first, name


@pytest.mark.slow
def test_extract_links_as_process_does(shared_dir, tmp_path):
    """The batch linker of ``newsweave extract`` puts the same articles together as ``process``."""
    from newsweave.contract import extract_articles

    articles = _articles(shared_dir)
    settings = Settings(story_window_days=4)
    with Store(tmp_path / "p.db") as store:
        ingest_articles(store, articles)
        process_store(store, settings)
        processed = _stories(store)
    extracted, _ = extract_articles([Article(text=a.text, id=a.url, outlet=a.outlet, published=a.published)
                                     for a in articles], settings)

    def partition(pairs):
        groups: dict[str, set] = {}
        for key, sid in pairs:
            groups.setdefault(sid, set()).add(key)
        return sorted(sorted(g) for g in groups.values())

    assert partition(processed) == partition((ex.article.id, ex.story_id) for ex in extracted)
