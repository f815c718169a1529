"""First render of story pages on a really processed store: CPU ms p50/p95 (issue #19's target: p95 <= 100 ms for
real 20-30 article stories).

Each sample is a story page's first request in a fresh app (``create_app``, caches emptied, ``/stories`` read
first) through the in-process ASGI client, timed with ``process_time`` (the machine is shared). The stories are
those of ``--lo``..``--hi`` articles, or the ``--largest`` largest when none is that large; each is rendered
``--repeats`` times, each time in a fresh app. Run it in a fresh process per side of a comparison, e.g. on a
store grown by ``benchmarks/real_scale.py --keep DIR``:

    python benchmarks/first_render.py DIR/real.db [--lo 20 --hi 30] [--repeats 5] [--largest 10]

Prints one JSON line: the stories' sizes, every sample, p50/p95/max, and how many full (generation-2) garbage
collections ran during the timed requests.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from pathlib import Path


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))] if values else 0.0


def first_renders(db: Path, lo: int, hi: int, repeats: int, largest: int, as_server: bool = False) -> dict:
    """CPU ms of the first render of each chosen story page, ``repeats`` fresh apps each (``as_server``:
    each app set up as ``newsweave serve`` sets up its process's, ``settle_heap`` after ``create_app``)."""
    from starlette.testclient import TestClient

    from newsweave.api import create_app, sections
    from newsweave.api.app import settle_heap
    from newsweave.store import Store

    with Store(db) as store:
        sizes = store.db.execute("SELECT story_id, count(*) n FROM article_story GROUP BY story_id"
                                 " ORDER BY n DESC, story_id").fetchall()
    chosen = [(s, n) for s, n in sizes if lo <= n <= hi] or sizes[:largest]
    full = []
    gc.callbacks.append(lambda phase, info: full.append(1) if phase == "start" and info["generation"] == 2 else None)
    times, collections = [], 0
    for story_id, _ in chosen:
        for _ in range(repeats):
            sections._ANALYSIS_CACHE.clear()
            client = TestClient(create_app(db))
            if as_server:
                settle_heap()
            client.get("/stories")
            before = len(full)
            t0 = time.process_time()
            if client.get(f"/stories/{story_id}").status_code != 200:
                raise SystemExit(f"/stories/{story_id} did not render")
            times.append(round((time.process_time() - t0) * 1000, 1))
            collections += len(full) - before
    return {"articles": [n for _, n in chosen], "samples": times, "p50": _pct(times, 50), "p95": _pct(times, 95),
            "max": max(times), "full_gc": collections, "load": round(os.getloadavg()[0], 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("--lo", type=int, default=20, help="smallest story measured, in articles (default 20)")
    ap.add_argument("--hi", type=int, default=30, help="largest story measured, in articles (default 30)")
    ap.add_argument("--repeats", type=int, default=5, help="fresh apps per story (default 5)")
    ap.add_argument("--largest", type=int, default=10, help="stories measured when none has lo..hi articles")
    ap.add_argument("--as-server", action="store_true",
                    help="set each app up as `newsweave serve` does (the heap settled after start-up)")
    args = ap.parse_args(argv)
    print(json.dumps(first_renders(args.store, args.lo, args.hi, args.repeats, args.largest, args.as_server)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
