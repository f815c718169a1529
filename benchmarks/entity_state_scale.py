"""The entity linker's state against the number of processed articles: start-up load time and memory.

Real PolNeAR articles (train + dev, ``../shared``, read at run time; oldest first) go through the real
pipeline once, then into a store batch by batch through the real ``OnlineLinker`` and write path
(``jobs._commit_batch``, as ``process`` commits). At each size of ``--sizes`` a fresh process opens a
copy of the store and measures the entity linker's part of the state load (CPU and the RSS it adds),
the whole ``OnlineLinker.from_store`` (CPU), how many entity records the linker holds, then links the
next ``--next`` articles as ``process`` would and reports their CPU and the entity records still held.

    python benchmarks/entity_state_scale.py [--sizes 100 300 900] [--next 32] [--extractions FILE]

``--extractions`` keeps the pipeline's output in a pickle file (made on the first run, read after), so
that two versions of the linker can be measured over the same parses. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "attribution"


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def extractions(n: int, cache: Path | None) -> list:
    """The ``n`` oldest PolNeAR train + dev articles through the real pipeline (parses kept)."""
    if cache is not None and cache.exists():
        with open(cache, "rb") as f:
            exs = pickle.load(f)
        if len(exs) >= n:
            return exs[:n]
    from newsweave.extract.pipeline import Pipeline
    from newsweave.ingest import read_inputs
    from newsweave.model import Article
    from newsweave.settings import Settings

    arts = [a for name in ("polnear-train.jsonl", "polnear-dev.jsonl")
            for a in read_inputs([str(SHARED / name)]) if isinstance(a, Article)]
    arts = sorted(arts, key=lambda a: (a.published, a.id))[:n]
    exs = list(Pipeline(Settings()).run(arts))
    if cache is not None:
        with open(cache, "wb") as f:
            pickle.dump(exs, f, protocol=5)
    return exs


def commit(store, linker, exs: list, batch: int = 32):
    """Store and link ``exs`` batch by batch, as ``process`` commits a batch; returns the linker."""
    from newsweave.jobs import ProcessReport, _commit_batch

    report = ProcessReport()
    for i in range(0, len(exs), batch):
        items = []
        for ex in exs[i:i + batch]:
            outcome = store.add_article(ex.article)
            items.append((outcome.article_id, ex))
        linker = _commit_batch(store, linker, items, set(), report, set())
    if report.failed:
        raise SystemExit(f"{len(report.failed)} articles failed to link: {report.failed[:3]}")
    return linker


def _held(entities) -> int:
    tables = getattr(entities, "_tables", None)
    if tables is not None:
        return sum(map(len, tables()))
    state = entities.to_state()  # a linker that keeps everything in memory
    return len(state["entities"]) + sum(len(v) for k, v in state.items() if isinstance(v, dict))


def measure(db: str, cache: Path, size: int, nxt: int) -> dict:
    """In this (fresh) process: load the linker state of the store ``db``, then link ``nxt`` more articles."""
    from newsweave.link.entities import EntityLinker
    from newsweave.link.online import OnlineLinker
    from newsweave.settings import Settings
    from newsweave.store import Store

    store = Store(db)
    out = {"articles": size, "entity_records_stored": store.db.execute(
        "SELECT count(*) FROM link_records WHERE linker = 'entities'").fetchone()[0]}
    # The entity linker's part of the load alone, as from_store makes it (read on demand where it can be).
    header = store.load_state("entities")
    rss0 = _rss_mb()
    t0 = time.process_time()
    if hasattr(EntityLinker, "lazy"):
        entities = EntityLinker.lazy(header, lambda key: store.load_record("entities", key))
    else:
        entities = EntityLinker.from_records(header, store.load_records("entities"))
    out.update(entity_load_cpu_s=time.process_time() - t0, entity_load_rss_mb=_rss_mb() - rss0)
    del entities
    gc.collect()
    rss0 = _rss_mb()
    t0, w0 = time.process_time(), time.perf_counter()
    linker = OnlineLinker.from_store(store, Settings())
    out.update(load_cpu_s=time.process_time() - t0, load_wall_s=time.perf_counter() - w0, load_rss_mb=_rss_mb() - rss0,
               entity_records_held=_held(linker.entities))
    exs = extractions(size + nxt, cache)[size:]  # read after the loads, so their RSS is the state's
    t0 = time.process_time()
    linker = commit(store, linker, exs)
    out.update(next_link_cpu_s=time.process_time() - t0, entity_records_held_after=_held(linker.entities))
    store.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 900])
    ap.add_argument("--next", type=int, default=32, help="articles linked after the load at each size")
    ap.add_argument("--extractions", type=Path, help="pickle file of the pipeline's output (made if absent)")
    ap.add_argument("--measure", nargs=2, metavar=("DB", "SIZE"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    cache = args.extractions or Path(tempfile.gettempdir()) / "newsweave-entity-scale.pkl"
    if args.measure:
        print(json.dumps(measure(args.measure[0], cache, int(args.measure[1]), args.next)))
        return 0
    from newsweave.link.online import OnlineLinker
    from newsweave.settings import Settings
    from newsweave.store import Store

    sizes = sorted(args.sizes)
    exs = extractions(sizes[-1] + args.next, cache)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(os.path.join(tmp, "grow.db"))
        linker, have = OnlineLinker.from_store(store, Settings()), 0
        for size in sizes:
            linker = commit(store, linker, exs[have:size])
            have = size
            copy = os.path.join(tmp, f"at{size}.db")
            store.db.execute("VACUUM INTO ?", (copy,))
            run = subprocess.run([sys.executable, __file__, "--measure", copy, str(size), "--next", str(args.next),
                                  "--extractions", str(cache)], capture_output=True, text=True, check=True)
            rows.append(json.loads(run.stdout.strip().splitlines()[-1]))
        store.close()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"entity linker state, {time.strftime('%Y-%m-%d')}, next {args.next} articles after each load\n")
    print("| articles | entity records stored | entity state load CPU s | its RSS MB | whole from_store CPU s "
          f"| its RSS MB | entity records held after load | link next {args.next}: CPU s | entity records held after |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['articles']} | {r['entity_records_stored']:,} | {r['entity_load_cpu_s']:.3f} | "
              f"{r['entity_load_rss_mb']:.1f} | {r['load_cpu_s']:.3f} | {r['load_rss_mb']:.1f} | {r['entity_records_held']:,} | "
              f"{r['next_link_cpu_s']:.2f} | {r['entity_records_held_after']:,} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
