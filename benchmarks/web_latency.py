"""Story page and search latency (p50/p95) on a large store, in process and over HTTP (issue #8).

For each store given (built by ``benchmarks/build_large_store.py``), a seeded sample of stories and of
search words is requested one at a time (no concurrency: this is latency, not load):

* **in process**: Starlette's TestClient over ``create_app`` (no network, no server);
* **over HTTP**: ``newsweave serve --workers 1`` on 127.0.0.1, requests on one keep-alive connection.

Story pages are measured **cold** (first request for each story in a fresh server: the store is read,
the timeline, plans and outlet comparison computed and the page rendered) and **warm** (the same
stories again: the rendered page is kept per story version); search is measured per distinct word
(each a cache miss). HTML pages only (the JSON of a page costs the same to compute).

    python benchmarks/web_latency.py /tmp/nw-cache-web/100k.db [/tmp/big/1m.db] [--stories 200]

Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from load_test import (
    HOST,
    _Conn,
    _free_port,
    _run,
    _start_server,
    _wait_ready,
    search_queries,
)


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))] if values else 0.0


def _sample(db: Path, stories: int, searches: int, seed: int) -> tuple[list[str], list[str]]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        ids = [r[0] for r in con.execute("SELECT id FROM stories ORDER BY id")]
    rnd = random.Random(seed)
    return rnd.sample(ids, min(stories, len(ids))), rnd.sample(search_queries(), searches)


def _routes(story_ids: list[str], words: list[str]) -> list[tuple[str, list[str]]]:
    """What is timed, in order: each story page twice (first render, then rendered), then the searches."""
    pages = [f"/stories/{s}" for s in story_ids]
    return [("story cold", pages), ("story warm", pages), ("search", [f"/search?q={w}" for w in words])]


def in_process(db: Path, story_ids: list[str], words: list[str]) -> dict[str, list[float]]:
    """Milliseconds per request through the in-process client."""
    from starlette.testclient import TestClient

    from newsweave.api import create_app

    client = TestClient(create_app(db))
    client.get("/stories")  # imports and templates loaded before timing
    out: dict[str, list[float]] = {kind: [] for kind, _ in _routes(story_ids, words)}
    for kind, urls in _routes(story_ids, words):
        for url in urls:
            t0 = time.perf_counter()
            status = client.get(url).status_code
            out[kind].append((time.perf_counter() - t0) * 1000)
            if status != 200:
                raise SystemExit(f"{url}: status {status}")
    return out


def over_http(db: Path, story_ids: list[str], words: list[str]) -> dict[str, list[float]]:
    """Milliseconds per request to a one-worker server on loopback, one request at a time."""
    port = _free_port()
    server = _start_server(db, port, 1)
    try:
        _run(_wait_ready(port))

        async def go() -> dict[str, list[float]]:
            conn = _Conn(*await asyncio.open_connection(HOST, port))
            await conn.get("/stories")
            out: dict[str, list[float]] = {kind: [] for kind, _ in _routes(story_ids, words)}
            for kind, urls in _routes(story_ids, words):
                for url in urls:
                    t0 = time.perf_counter()
                    status, _ = await conn.get(url)
                    out[kind].append((time.perf_counter() - t0) * 1000)
                    if status != 200:
                        raise SystemExit(f"{url}: status {status}")
            conn.writer.close()
            return out

        return _run(go())
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stores", nargs="+", type=Path)
    parser.add_argument("--stories", type=int, default=200, help="stories sampled per store (default 200)")
    parser.add_argument("--searches", type=int, default=100, help="search words per store (default 100)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print("| store | articles | route | in process p50 / p95 ms | over HTTP p50 / p95 ms |")
    print("|---|---:|---|---:|---:|")
    for db in args.stores:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
            articles = con.execute("SELECT max(id) FROM articles").fetchone()[0] or 0
        story_ids, words = _sample(db, args.stories, args.searches, args.seed)
        local = in_process(db, story_ids, words)
        http = over_http(db, story_ids, words)
        for kind in ("story cold", "story warm", "search"):
            print(f"| {db.name} | {articles:,} | {kind} | {_pct(local[kind], 50):.1f} / {_pct(local[kind], 95):.1f}"
                  f" | {_pct(http[kind], 50):.1f} / {_pct(http[kind], 95):.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
