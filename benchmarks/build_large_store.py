"""Build a large newsweave store (100k or 1M articles) for the web benchmarks, in minutes.

Running 100,000 articles through spaCy takes hours on a small machine, so the store is built in two steps:

1. **Really processed base.** ``--base`` articles (default 1,500) are generated the way
   ``benchmarks/load_test.py`` generates them (sentences of the shared corpora under ``../shared/data``
   recombined into new articles, with random outlets and dates; read at run time, never written into the
   repository), then stored and processed with the normal ``newsweave ingest`` and ``newsweave process``.
   That store is cached under ``/tmp/nw-cache-web/`` and reused.
2. **Bulk replication.** The target store is created empty (the normal migrations), and each of its
   ``--articles`` articles is a copy of a base article (cycled in order) with a new id, a new content hash,
   no URL, a new outlet (one of 40 names), a new date, and a new story. Its mentions, attributions,
   dated items and events are copied with it (same offsets: the text is the same), so every page shows
   real extraction output. Stories are re-drawn: sizes from a log-normal distribution (median ~4, mean
   ~9, capped at 400 articles: many small stories, a few of several hundred), articles of one story
   dated within a month of the story's first day, outlets mixed. Entities are the base store's (so a
   popular entity has many mentions). The full-text indexes are filled by the store's own triggers
   on insert, so they are in sync. Copies (``copies``), story history and the linkers' saved state are
   not replicated: a later ``newsweave process`` on this store starts its linkers afresh.

    python benchmarks/build_large_store.py /tmp/nw-cache-web/100k.db --articles 100000
    python benchmarks/build_large_store.py /tmp/big/1m.db --articles 1000000   # several GB

Deterministic for a given ``--seed``.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = Path("/tmp/nw-cache-web")
OUTLETS = [f"{a} {b}" for a in ("Northern", "Coastline", "Daily", "Harbour", "Evening", "Valley", "Capital",
                                "Morning") for b in ("Ledger", "Times", "Post", "Courier", "Star")]
MAX_STORY = 400


def _load_test_module():
    spec = importlib.util.spec_from_file_location("nw_load_test", HERE / "load_test.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def build_base(n: int, *, workers: int = 2) -> Path:
    """A store of ``n`` generated articles run through the real ``ingest`` + ``process`` (cached)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    db = CACHE / f"base-{n}.db"
    done = CACHE / f"base-{n}.done"
    if done.exists() and db.exists():
        return db
    for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        stale.unlink(missing_ok=True)
    corpus = CACHE / f"base-{n}.jsonl"
    _load_test_module().generate_articles(n, corpus, seed=3)
    env = {**os.environ, "NEWSWEAVE_DB": str(db)}
    env.pop("NEWSWEAVE_TOKEN", None)
    cli = [sys.executable, "-m", "newsweave.cli", "-q"]
    subprocess.run([*cli, "ingest", str(corpus)], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*cli, "process", "--workers", str(workers)], env=env, check=True, stdout=subprocess.DEVNULL)
    corpus.unlink()
    done.write_text("ok\n")
    return db


def story_sizes(total: int, rnd: random.Random) -> list[int]:
    """Story sizes summing to ``total``: log-normal (median ~4.5), capped at ``MAX_STORY``."""
    sizes, left = [], total
    while left > 0:
        size = min(MAX_STORY, left, max(1, round(math.exp(rnd.gauss(1.5, 1.2)))))
        sizes.append(size)
        left -= size
    return sizes


def _columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in con.execute(f"PRAGMA b.table_info({table})")]


def replicate(base: Path, target: Path, articles: int, *, seed: int = 5, log=print) -> dict:
    """Fill ``target`` (created afresh) with ``articles`` replicated articles of ``base``."""
    from newsweave.store import Store

    for stale in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        stale.unlink(missing_ok=True)
    Store(target).close()  # the schema, by the normal migrations
    rnd = random.Random(seed)
    con = sqlite3.connect(target, isolation_level=None)
    con.execute("PRAGMA journal_mode = OFF")  # a build, not a live store: switched back to WAL at the end
    con.execute("PRAGMA synchronous = OFF")
    con.execute("PRAGMA cache_size = -400000")
    con.execute("ATTACH DATABASE ? AS b", (str(base),))
    src_ids = [r[0] for r in con.execute("SELECT id FROM b.articles WHERE processed_at IS NOT NULL ORDER BY id")]
    if not src_ids:
        raise SystemExit(f"{base} has no processed articles")
    t0 = time.perf_counter()
    sizes = story_sizes(articles, rnd)
    start = date(2024, 1, 1)
    con.execute("CREATE TEMP TABLE plan (new_id INTEGER PRIMARY KEY, src_id INTEGER, published TEXT,"
                " outlet TEXT, story_id TEXT)")
    plan, new_id = [], 0
    for n, size in enumerate(sizes, 1):
        first = start + timedelta(days=rnd.randrange(730))
        span = min(30, size)
        for _ in range(size):
            new_id += 1
            plan.append((new_id, src_ids[(new_id - 1) % len(src_ids)],
                         (first + timedelta(days=rnd.randrange(span))).isoformat(), rnd.choice(OUTLETS), f"s{n}"))
    con.execute("BEGIN")
    con.executemany("INSERT INTO plan VALUES (?,?,?,?,?)", plan)
    del plan
    con.execute("INSERT INTO entities SELECT * FROM b.entities")
    con.execute(
        "INSERT INTO articles(id, ext_id, url, content_hash, published, outlet, wire, title, text, origin, words,"
        " ingested_at, processed_at, made_by) SELECT p.new_id, 'large-' || p.new_id, NULL,"
        " a.content_hash || ':' || p.new_id, p.published, p.outlet, a.wire, a.title, a.text, 'build_large_store',"
        " a.words, a.ingested_at, a.processed_at, a.made_by FROM plan p JOIN b.articles a ON a.id = p.src_id"
        " ORDER BY p.new_id")
    log(f"articles + full-text index: {time.perf_counter() - t0:.0f} s")
    for table in ("mentions", "attributions", "timexes", "events"):
        cols = [c for c in _columns(con, table) if c not in ("id", "article_id")]
        names = ", ".join(f'"{c}"' for c in cols)
        source = ", ".join(f'x."{c}"' for c in cols)
        con.execute(f"INSERT INTO {table}(article_id, {names}) SELECT p.new_id, {source}"
                    f" FROM plan p JOIN b.{table} x ON x.article_id = p.src_id ORDER BY p.new_id, x.id")
        log(f"{table}: {time.perf_counter() - t0:.0f} s")
    con.execute("INSERT INTO article_story(article_id, story_id) SELECT new_id, story_id FROM plan")
    now = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())
    con.execute(
        "INSERT INTO stories(id, title, first, last, updated_at) SELECT g.story_id,"
        " (SELECT coalesce(a.title, substr(a.text, 1, 80)) FROM articles a WHERE a.id = g.lead), g.first, g.last, ?"
        " FROM (SELECT story_id, min(new_id) AS lead, min(published) AS first, max(published) AS last FROM plan"
        " GROUP BY story_id) g", (now,))
    con.execute("COMMIT")
    con.execute("DETACH DATABASE b")
    con.execute("ANALYZE")
    con.execute("PRAGMA journal_mode = WAL")
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("articles", "mentions", "attributions", "timexes", "events", "stories")}
    con.close()
    counts["largest_story"] = max(sizes)
    counts["stories_over_100"] = sum(1 for s in sizes if s > 100)
    counts["seconds"] = round(time.perf_counter() - t0, 1)
    counts["bytes"] = target.stat().st_size
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path, help="the store to write (replaced if it exists)")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--base", type=int, default=1500, help="articles really processed (cached)")
    parser.add_argument("--workers", type=int, default=2, help="processes for the base's `newsweave process`")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    base = build_base(args.base, workers=args.workers)
    free = shutil.disk_usage(args.target.resolve().parent if args.target.parent.exists() else "/tmp").free
    need = base.stat().st_size / max(1, args.base) * args.articles * 2
    if free < need:
        raise SystemExit(f"about {need / 1e9:.1f} GB are needed and {free / 1e9:.1f} GB are free; pick another place")
    args.target.parent.mkdir(parents=True, exist_ok=True)
    print(replicate(base, args.target, args.articles, seed=args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
