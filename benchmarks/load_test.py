"""Bounded load test of the web app on loopback: story pages and search while an ingest runs.

Builds a store of generated articles (sentences of the shared corpora recombined into new articles,
with random outlets and dates; nothing is copied into the repository), processes a small part of it
so story pages exist, starts the app with uvicorn on 127.0.0.1, and drives a fixed request rate
(open loop: requests are sent on schedule whether or not earlier ones have answered) at story pages,
story lists and search, while another process ingests more articles into the same store.

Reports requests sent, status counts, errors, "database is locked" answers and p50/p95/p99 latency.

    python benchmarks/load_test.py                       # short form: 2,000 articles, 10 s, 200 req/s
    python benchmarks/load_test.py --articles 100000 --seconds 60   # the `make bench` form

Only ever connects to 127.0.0.1. ``run_load_test(...)`` is the same thing for a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
HOST = "127.0.0.1"  # never anything else: this is a load generator
OUTLETS = ["Northern Ledger", "Coastline Times", "Daily Meridian", "Harbour Post", "Evening Courier", "Valley Star"]
QUERIES = ["minister", "talks", "president", "police", "election", "summit", "oil", "court", "storm", "army"]


@dataclass
class LoadReport:
    articles: int
    seconds: float
    rate: int
    sent: int = 0
    answered: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    errors: int = 0  # 5xx, connection errors and timeouts
    locked: int = 0  # answers mentioning "database is locked"
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    ingested_during: int = 0
    ingest_exit: int | None = None
    error_samples: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.sent} requests at {self.rate}/s for {self.seconds:g} s on {self.articles:,} articles: "
                f"{self.errors} errors, {self.locked} 'database is locked', statuses {self.statuses}, "
                f"p50 {self.p50_ms:.1f} ms, p95 {self.p95_ms:.1f} ms, p99 {self.p99_ms:.1f} ms, max {self.max_ms:.0f} ms; "
                f"{self.ingested_during} articles ingested meanwhile (exit {self.ingest_exit})")


def _sentences(limit: int = 60_000) -> list[str]:
    """Sentences of the shared corpora, read at run time."""
    out: list[str] = []
    for rel in ("data/clustering/ecbplus-train.jsonl", "data/attribution/polnear-train.jsonl", "data/clustering/ecbplus-dev.jsonl"):
        path = SHARED / rel
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                text = json.loads(line).get("text") or ""
                out.extend(s.strip() for s in text.replace("\n", " ").split(". ") if 40 < len(s) < 400)
                if len(out) >= limit:
                    return out
    if not out:
        raise SystemExit(f"no shared corpora under {SHARED}; the load test builds its articles from them")
    return out


def generate_articles(n: int, path: Path, *, seed: int = 7, offset: int = 0) -> None:
    """Write ``n`` recombined articles as JSON Lines (ids ``load-<offset+i>``)."""
    rnd = random.Random(seed + offset)
    sentences = _sentences()
    start = date(2025, 1, 1)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            body = ". ".join(rnd.sample(sentences, rnd.randint(4, 12))) + "."
            record = {"id": f"load-{offset + i}", "text": body, "outlet": rnd.choice(OUTLETS),
                      "published": (start + timedelta(days=rnd.randint(0, 300))).isoformat(),
                      "title": body[:70]}
            out.write(json.dumps(record) + "\n")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _cli(db: Path, *args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "NEWSWEAVE_DB": str(db)}
    env.pop("NEWSWEAVE_TOKEN", None)
    return subprocess.Popen([sys.executable, "-m", "newsweave.cli", "-q", *args], env=env, **kwargs)


def build_store(db: Path, articles: int, work: Path, *, process: int) -> None:
    corpus = work / "articles.jsonl"
    generate_articles(articles, corpus)
    if _cli(db, "ingest", str(corpus), stdout=subprocess.DEVNULL).wait() != 0:
        raise SystemExit("ingest of the generated articles failed")
    if process and _cli(db, "process", "--limit", str(process), stdout=subprocess.DEVNULL).wait() != 0:
        raise SystemExit("process of the generated articles failed")


def _start_server(db: Path, port: int) -> subprocess.Popen:
    code = ("import sys; from newsweave.api.app import serve; "
            "serve(sys.argv[1], host='127.0.0.1', port=int(sys.argv[2]))")
    env = {**os.environ}
    env.pop("NEWSWEAVE_TOKEN", None)  # read-only
    return subprocess.Popen([sys.executable, "-c", code, str(db), str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


async def _wait_ready(port: int, timeout: float = 60) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            try:
                if (await client.get(f"http://{HOST}:{port}/stories.json")).status_code < 500:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit("the server did not answer within a minute")


async def _drive(port: int, rate: int, seconds: float, story_ids: list[str], report: LoadReport) -> list[float]:
    import httpx

    rnd = random.Random(11)
    latencies: list[float] = []
    base = f"http://{HOST}:{port}"
    limits = httpx.Limits(max_connections=128, max_keepalive_connections=128)

    def next_url() -> str:
        roll = rnd.random()
        if roll < 0.45 and story_ids:
            return f"/stories/{rnd.choice(story_ids)}" + (".json" if rnd.random() < 0.5 else "")
        if roll < 0.9:
            return f"/search{'.json' if rnd.random() < 0.5 else ''}?q={rnd.choice(QUERIES)}"
        return "/stories.json"

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10) as client:
        async def one(url: str) -> None:
            t0 = time.perf_counter()
            try:
                response = await client.get(url)
            except httpx.HTTPError as exc:
                report.errors += 1
                if len(report.error_samples) < 5:
                    report.error_samples.append(f"{url}: {type(exc).__name__}")
                return
            latencies.append((time.perf_counter() - t0) * 1000)
            report.answered += 1
            key = str(response.status_code)
            report.statuses[key] = report.statuses.get(key, 0) + 1
            if "database is locked" in response.text:
                report.locked += 1
            if response.status_code >= 500:
                report.errors += 1
                if len(report.error_samples) < 5:
                    report.error_samples.append(f"{url}: {response.status_code} {response.text[:200]}")

        tasks = []
        start = time.perf_counter()
        total = int(rate * seconds)
        for i in range(total):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(next_url())))
            report.sent += 1
        await asyncio.gather(*tasks)
    return latencies


def _percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def run_load_test(articles: int = 2000, seconds: float = 10, rate: int = 200, *, process: int = 40,
                  workdir: Path | None = None) -> LoadReport:
    """Build a store, serve it on loopback, drive ``rate`` requests/s for ``seconds`` during an ingest."""
    import sqlite3

    work = Path(workdir or tempfile.mkdtemp(prefix="nw-load-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "load.db"
    if not db.exists():
        build_store(db, articles, work, process=process)
    with sqlite3.connect(db) as con:
        story_ids = [r[0] for r in con.execute("SELECT DISTINCT story_id FROM article_story LIMIT 500")]
        before = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    extra = work / "during.jsonl"
    generate_articles(max(200, articles // 10), extra, offset=10_000_000)
    port = _free_port()
    server = _start_server(db, port)
    report = LoadReport(articles=before, seconds=seconds, rate=rate)
    ingest = None
    try:
        asyncio.run(_wait_ready(port))
        ingest = _cli(db, "ingest", str(extra), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        latencies = asyncio.run(_drive(port, rate, seconds, story_ids, report))
        report.ingest_exit = ingest.wait(timeout=600)
        if ingest.stderr and b"locked" in ingest.stderr.read():
            report.locked += 1
    finally:
        if ingest and ingest.poll() is None:
            ingest.kill()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    with sqlite3.connect(db) as con:
        report.ingested_during = con.execute("SELECT count(*) FROM articles").fetchone()[0] - before
    report.p50_ms, report.p95_ms, report.p99_ms = (_percentile(latencies, p) for p in (50, 95, 99))
    report.max_ms = max(latencies, default=0.0)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles in the store (default 2,000)")
    parser.add_argument("--seconds", type=float, default=10, help="how long to drive requests (default 10)")
    parser.add_argument("--rate", type=int, default=200, help="requests per second (default 200)")
    parser.add_argument("--process", type=int, default=40, help="articles processed so story pages exist (default 40)")
    parser.add_argument("--workdir", type=Path, help="keep the store here (reused when it exists)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    report = run_load_test(args.articles, args.seconds, args.rate, process=args.process, workdir=args.workdir)
    print(json.dumps(asdict(report), indent=2) if args.json else report.summary())
    return 0 if report.errors == 0 and report.locked == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
