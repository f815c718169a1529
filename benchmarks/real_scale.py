"""Scale measured on really processed news: process cost, linker state and story pages at 1k and 10k articles.

``build_large_store.py`` copies rows and no linker state, so its stores say nothing of what the linkers
keep. Here every article of a store went through the real pipeline's output and the real linker:

1. **Pool.** The ``--pool`` most recent PolNeAR train articles (``../shared``, read at run time) are run
   through the real ``Pipeline`` (spaCy and every stage) once; their extractions are kept in memory with
   their parses.
2. **Growth.** A store is filled to each size of ``--sizes``: first the pool itself, then rounds of
   replicas. A replica is a pool article with a new id, its date moved on by ``ROUND_DAYS`` per round
   (past the copy and story windows, so a round is a new stretch of news, not copies of the last one)
   and an edition line at the end of its text (the store keeps a text once); its extraction (a copy,
   with the parse) goes through the real ``OnlineLinker`` and the store's write path, batch by batch,
   exactly as ``process`` commits a batch (``jobs._commit_batch``), and ``process``'s story analyses run
   once per growth step for the stories it touched. Only the spaCy parse and the per-article stages are
   not run again for a replica: their dated values keep the pool article's date (the linkers do not
   read them). The names repeat from round to round, so named-entity growth is lower than a real
   stream's; nominal groups (most entities) are made anew per article as in real runs.
3. **Measured at each size** (a copy of the store, a fresh process): ``OnlineLinker.from_store`` CPU and
   wall time, and what its store-backed linkers hold after it (live stories, copy signatures); a real ``process`` of ``--new`` PolNeAR dev articles (never in the pool; dated into the
   last round's stretch of news), CPU per article, with the part of it spent on story analyses; RSS
   after loading the state and peak RSS (the spaCy model included); and the first render of the story
   page (in-process ASGI client, fresh app and caches) for the stories of 20–30 articles, or the largest
   ones when there are none that large, with the analyses ``process`` kept and without them.

    python benchmarks/real_scale.py [--sizes 1000 10000] [--pool 500] [--new 40] [--keep DIR]

Prints Markdown tables. CPU times are ``process_time`` (the machine is shared); the load average is
printed beside them. Takes about a minute of CPU per 1,000 articles grown, plus the pool's parse.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "data" / "attribution"
ROUND_DAYS = 330  # the pool spans ten months; a round moves past it, and past every linker window
sys.path.insert(0, str(HERE))


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))] if values else 0.0


def _articles(path: Path) -> list:
    from newsweave.ingest import read_inputs
    from newsweave.model import Article

    return [a for a in read_inputs([str(path)]) if isinstance(a, Article)]


def pool_extractions(n: int) -> list:
    """The ``n`` most recent PolNeAR train articles through the real pipeline (parses kept)."""
    from newsweave.extract.pipeline import Pipeline
    from newsweave.settings import Settings

    articles = sorted(_articles(SHARED / "polnear-train.jsonl"), key=lambda a: (a.published, a.id))[-n:]
    return list(Pipeline(Settings()).run(articles))


def _replica(ex, rnd: int):
    """A copy of one pool extraction as a new article of round ``rnd`` (same parse, offsets unchanged)."""
    doc, ex.doc = ex.doc, None
    try:
        twin = copy.deepcopy(ex)
    finally:
        ex.doc = doc
    twin.doc = doc
    if rnd:
        a = twin.article
        twin.article = replace(a, id=f"{a.id}#{rnd}", url=None, published=a.published + timedelta(days=ROUND_DAYS * rnd),
                               text=f"{a.text}\n\n(Edition {rnd}.)")
    return twin


def grow(store, pool: list, have: int, target: int, batch: int = 32) -> tuple[int, float]:
    """Add replicas of the pool to ``store`` (holding ``have`` articles) up to ``target``, each batch through
    the real linker and write path; the touched stories analysed once at the end, as ``process`` does.
    Returns the new count and the CPU seconds spent."""
    from newsweave.analyze.story_analyses import analyse_stories
    from newsweave.jobs import ProcessReport, _commit_batch
    from newsweave.link.online import OnlineLinker
    from newsweave.settings import Settings

    t0 = time.process_time()
    linker = OnlineLinker.from_store(store, Settings())
    touched: set[str] = set()
    gone: set[str] = set()
    report = ProcessReport()
    while have < target:
        items = []
        for k in range(have, min(target, have + batch)):
            twin = _replica(pool[k % len(pool)], k // len(pool))
            outcome = store.add_article(twin.article)
            if not outcome.new:
                raise SystemExit(f"replica {twin.article.id} was taken for a duplicate of article {outcome.article_id}")
            items.append((outcome.article_id, twin))
        linker = _commit_batch(store, linker, items, touched, report, gone)
        have += len(items)
    analyse_stories(store, touched, gone=gone)
    if report.failed:
        raise SystemExit(f"{len(report.failed)} replicas failed to link: {report.failed[:3]}")
    return have, time.process_time() - t0


def _rss_mb() -> tuple[float, float]:
    """Current and peak RSS of this process, MB."""
    now = peak = 0.0
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                now = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    return now, peak


def measure(db: str, shift_days: int, new: int, render: bool) -> dict:
    """In this (fresh) process: state load, a real `process` of ``new`` dev articles, first renders."""
    from newsweave.analyze import story_analyses
    from newsweave.extract.nlp import load_model
    from newsweave.jobs import ingest_articles, process_store
    from newsweave.link.online import OnlineLinker
    from newsweave.settings import Settings
    from newsweave.store import Store

    out: dict = {}
    store = Store(db)
    out["articles"] = store.db.execute("SELECT count(*) FROM articles").fetchone()[0]
    out["entities"] = store.db.execute("SELECT count(*) FROM entities").fetchone()[0]
    out["stories"] = store.db.execute("SELECT count(*) FROM stories").fetchone()[0]
    out["db_mb"] = os.path.getsize(db) / 2**20
    rss0 = _rss_mb()[0]
    t0, w0 = time.process_time(), time.perf_counter()
    linker = OnlineLinker.from_store(store, Settings())
    out["load_cpu_s"], out["load_wall_s"] = time.process_time() - t0, time.perf_counter() - w0
    out["state_rss_mb"] = _rss_mb()[0] - rss0
    # What the store-backed linkers hold after start-up: the story window's live stories, the copy window's
    # signatures (the entity linker holds its header alone).
    out["held"] = f"{linker.stories.live_stories():,} / {len(linker.copies):,}"
    del linker
    if new:
        load_model()  # the model's load is the same at every size: not part of the per-article cost
        dev = sorted(_articles(SHARED / "polnear-dev.jsonl"), key=lambda a: (a.published, a.id))[:new]
        ingest_articles(store, [replace(a, published=a.published + timedelta(days=shift_days)) for a in dev])
        spent = [0.0]
        real = story_analyses.analyse_stories

        def timed(*args, **kwargs):
            t = time.process_time()
            try:
                return real(*args, **kwargs)
            finally:
                spent[0] += time.process_time() - t

        loading = [0.0]
        load = OnlineLinker.from_store.__func__

        def timed_load(cls, *args, **kwargs):
            t = time.process_time()
            try:
                return load(cls, *args, **kwargs)
            finally:
                loading[0] += time.process_time() - t

        import newsweave.analyze.story_analyses as module
        module.analyse_stories = timed
        OnlineLinker.from_store = classmethod(timed_load)
        t0 = time.process_time()
        report = process_store(store)
        cpu = time.process_time() - t0
        module.analyse_stories = real
        OnlineLinker.from_store = classmethod(load)
        n = max(report.processed, 1)
        # per article: the run's CPU less its one state load (reported apart), over the articles processed
        out.update(processed=report.processed, touched=report.stories, process_cpu_s=cpu, run_load_cpu_s=loading[0],
                   analyses_cpu_s=spent[0], per_article_cpu_s=(cpu - loading[0]) / n, with_load_cpu_s=cpu / n)
    out["rss_mb"], out["peak_rss_mb"] = _rss_mb()
    if render:
        out["render"] = first_renders(store)
    store.close()
    return out


def first_renders(store, lo: int = 20, hi: int = 30, most: int = 30) -> dict:
    """CPU ms of the first render of story pages of ``lo``–``hi`` articles (the largest when none is that
    large), with the analyses `process` kept, then with them set aside (computed by the page)."""
    from starlette.testclient import TestClient

    from newsweave.api import create_app, sections

    sizes = store.db.execute("SELECT story_id, count(*) n FROM article_story GROUP BY story_id ORDER BY n DESC").fetchall()
    chosen = [(s, n) for s, n in sizes if lo <= n <= hi] or sizes[:10]
    chosen = random.Random(1).sample(chosen, min(most, len(chosen)))
    result = {"stories": len(chosen), "articles": sorted(n for _, n in chosen)}
    for mode in ("kept", "computed"):
        if mode == "computed":
            with store.atomic() as db:
                db.execute("ALTER TABLE story_analyses RENAME TO story_analyses_aside")
                db.execute("CREATE TABLE story_analyses AS SELECT * FROM story_analyses_aside WHERE 0")
        sections._ANALYSIS_CACHE.clear()
        client = TestClient(create_app(store.path))
        client.get("/stories")
        times = []
        for story_id, _ in chosen:
            t0 = time.process_time()
            if client.get(f"/stories/{story_id}").status_code != 200:
                raise SystemExit(f"/stories/{story_id} did not render")
            times.append((time.process_time() - t0) * 1000)
        result[mode] = {"p50": _pct(times, 50), "p95": _pct(times, 95), "max": max(times)}
    with store.atomic() as db:
        db.execute("DROP TABLE story_analyses")
        db.execute("ALTER TABLE story_analyses_aside RENAME TO story_analyses")
    return result


def _measure_copy(db: Path, work: Path, shift_days: int, new: int, render: bool) -> dict:
    """``measure`` on a copy of ``db`` (which keeps growing), in a fresh Python process."""
    trial = work / f"trial-{db.stem}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{trial}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(db) as src, sqlite3.connect(trial) as dst:
        src.backup(dst)
    code = ("import json, sys; sys.path.insert(0, %r); import real_scale as r; "
            "print(json.dumps(r.measure(%r, %d, %d, %r)))" % (str(HERE), str(trial), shift_days, new, render))
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    if done.returncode:
        raise SystemExit(f"measuring {db} failed:\n{done.stderr[-3000:]}")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{trial}{suffix}").unlink(missing_ok=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--pool", type=int, default=500, help="PolNeAR train articles really parsed (default 500)")
    ap.add_argument("--new", type=int, default=40, help="dev articles processed at each size (default 40)")
    ap.add_argument("--keep", type=Path, help="keep the stores in this folder (default: a temporary one)")
    ap.add_argument("--measure", type=Path, help="only measure this store (one grown and kept before)")
    ap.add_argument("--shift", type=int, default=0, help="with --measure: days the new articles' dates move on")
    args = ap.parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from newsweave.store import Store

    def row(name: str, r: dict, cpu: float, base: float) -> None:
        print(f"| {name} | {r['entities']:,} | {r['stories']:,} | {r['db_mb']:.0f} | {cpu:.0f} "
              f"| {r['load_cpu_s']:.2f} / {r['load_wall_s']:.2f} | {r['state_rss_mb']:.0f} | {r.get('held', '—')} "
              f"| {r['per_article_cpu_s']:.3f} ({r['per_article_cpu_s'] / base:.2f}x empty) | {r['with_load_cpu_s']:.3f} "
              f"| {r['analyses_cpu_s'] / max(r['processed'], 1):.3f} ({r['touched']} stories) "
              f"| {r['rss_mb']:.0f} / {r['peak_rss_mb']:.0f} | {os.getloadavg()[0]:.1f} |", flush=True)

    command = (f"--measure {args.measure} --shift {args.shift} --new {args.new}" if args.measure else
               f"--sizes {' '.join(map(str, args.sizes))} --pool {args.pool} --new {args.new}")
    print(f"### Really processed stores — {time.strftime('%Y-%m-%d')} — `python benchmarks/real_scale.py {command}`\n")
    print(f"{args.new} PolNeAR dev articles processed at each size; {os.cpu_count()} cores, load average (1 min) "
          "beside each row.\n")
    print("| store | entities | stories | DB MB | grow CPU-s | state load CPU / wall s | state RSS MB "
          "| held: live stories / copy signatures "
          "| process CPU-s per article | same, the run's state load included | of which story analyses "
          "| RSS after / peak MB | load |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        empty = _measure_copy(_empty(work), work, 0, args.new, False)
        base = empty["per_article_cpu_s"]
        row("empty", empty, 0.0, base)
        if args.measure:
            measured = _measure_copy(args.measure, work, args.shift, args.new, True)
            row(args.measure.name, measured, 0.0, base)
            print(f"\nfirst renders: {json.dumps(measured['render'])}")
            return 0
        t0 = time.process_time()
        pool = pool_extractions(args.pool)
        pool_cpu = time.process_time() - t0
        db = work / "real.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        store = Store(db)
        have = 0
        renders = []
        for size in sorted(args.sizes):
            have, cpu = grow(store, pool, have, size)
            rounds = (size - 1) // len(pool)
            measured = _measure_copy(db, work, ROUND_DAYS * rounds, args.new, True)
            row(f"{size:,}", measured, cpu, base)
            renders.append((f"{size:,}", measured["render"]))
        store.close()
    print(f"\nPool: {len(pool)} PolNeAR train articles parsed once in {pool_cpu:.0f} CPU-s.")
    print("\nStory page first render, CPU ms (in-process ASGI client, fresh app and caches):\n")
    print("| store | stories (articles each) | with kept analyses p50 / p95 | computed by the page p50 / p95 |")
    print("|---|---|---:|---:|")
    for name, f in renders:
        print(f"| {name} | {f['stories']} ({min(f['articles'])}–{max(f['articles'])}) "
              f"| {f['kept']['p50']:.1f} / {f['kept']['p95']:.1f} | {f['computed']['p50']:.1f} / {f['computed']['p95']:.1f} |")
    return 0


def _empty(work: Path) -> Path:
    from newsweave.store import Store

    db = work / "empty.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    Store(db).close()
    return db


if __name__ == "__main__":
    sys.exit(main())
