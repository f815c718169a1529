"""Bounded load test of the web app on loopback: story pages and search while an ingest runs.

Builds a store of generated articles (sentences of the shared corpora recombined into new articles,
with random outlets and dates; nothing is copied into the repository; from 10,000 articles on with
``build_large_store.py``: really processed articles replicated in bulk), starts ``newsweave serve
--workers N`` on 127.0.0.1, and drives a fixed request rate (open loop: request i is due at i/rate
seconds whether or not earlier ones have answered, and its latency counts from then) at story pages,
search and the story list, while ``newsweave ingest`` reads a stream of new articles fed to its stdin
for the whole run. The client is raw asyncio on keep-alive connections (uvloop where installed) so it
takes little of the CPU it shares with the server.

Reports requests sent, status counts, errors, "database is locked" answers, p50/p95/p99 latency (all
and per route) and the CPU seconds used by the server, the client and the ingest.

    python benchmarks/load_test.py                       # short form: 2,000 articles, 10 s, 200 req/s
    python benchmarks/load_test.py --articles 100000 --seconds 60 --stories 200 --warmup 30   # `make bench`
    python benchmarks/load_test.py --articles 100000 --seconds 60   # 2,000 stories: first renders dominate

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
    workers: int = 1
    warmup_s: float = 0.0  # seconds of the same load first, answers checked, latencies not counted
    wall_s: float = 0.0
    server_cpu_s: float = 0.0  # CPU seconds the server processes used while requests were driven
    client_cpu_s: float = 0.0  # ... this load client
    ingest_cpu_s: float = 0.0  # ... the concurrent ingest
    by_route: dict[str, dict[str, float]] = field(default_factory=dict)  # story/search/list: count, p50, p99
    error_samples: list[str] = field(default_factory=list)

    def summary(self) -> str:
        warm = f" after {self.warmup_s:g} s of warm-up" if self.warmup_s else ""
        return (f"{self.sent} requests at {self.rate}/s for {self.seconds:g} s{warm} on {self.articles:,} articles: "
                f"{self.errors} errors, {self.locked} 'database is locked', statuses {self.statuses}, "
                f"p50 {self.p50_ms:.1f} ms, p95 {self.p95_ms:.1f} ms, p99 {self.p99_ms:.1f} ms, max {self.max_ms:.0f} ms; "
                f"{self.ingested_during} articles ingested meanwhile (exit {self.ingest_exit}); "
                f"{self.workers} server workers; CPU s over {self.wall_s:g} s: server {self.server_cpu_s}, "
                f"client {self.client_cpu_s}, ingest {self.ingest_cpu_s}; by route {self.by_route}")


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
    """A store of ``articles`` generated articles, ``process`` of them run through the real pipeline.

    For 10,000 articles and more, ``benchmarks/build_large_store.py`` builds it instead (really processed
    base articles replicated in bulk: see its docstring), so every story page has extractions.
    """
    if articles >= 10_000:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from build_large_store import build_base, replicate

        replicate(build_base(1500), db, articles, log=lambda *_: None)
        return
    corpus = work / "articles.jsonl"
    generate_articles(articles, corpus)
    if _cli(db, "ingest", str(corpus), stdout=subprocess.DEVNULL).wait() != 0:
        raise SystemExit("ingest of the generated articles failed")
    if process and _cli(db, "process", "--limit", str(process), stdout=subprocess.DEVNULL).wait() != 0:
        raise SystemExit("process of the generated articles failed")


def _start_server(db: Path, port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "NEWSWEAVE_DB": str(db)}
    env.pop("NEWSWEAVE_TOKEN", None)  # read-only
    return subprocess.Popen([sys.executable, "-m", "newsweave.cli", "serve", "--host", HOST, "--port", str(port),
                             "--workers", str(workers)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its children still running (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError, IndexError):
            continue
    return total


class _Conn:
    """One keep-alive HTTP/1.1 connection: a request at a time, the response read by Content-Length."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.reader, self.writer = reader, writer
        self.used = False  # has it carried a response? (a server may close an idle one: then retry)

    async def get(self, path: str) -> tuple[int, bytes]:
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nAccept-Encoding: identity\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        self.used = True
        status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        body = await self.reader.readexactly(length) if length else b""
        return status, body


async def _wait_ready(port: int, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            reader, writer = await asyncio.open_connection(HOST, port)
            status, _ = await _Conn(reader, writer).get("/stories.json?limit=1")
            writer.close()
            if status < 500:
                return
        except OSError:
            pass
        await asyncio.sleep(0.2)
    raise SystemExit("the server did not answer within 90 s")


def search_queries(n: int = 300) -> list[str]:
    """``QUERIES`` and then words of the shared corpora, most frequent first (past the 40 commonest,
    which are function words): searched with Zipf popularity, like real search traffic."""
    import re
    from collections import Counter

    counts = Counter(w.lower() for s in _sentences(20_000) for w in re.findall(r"[A-Za-z]{4,}", s))
    words = [w for w, _ in counts.most_common(n + 40)[40:] if w not in QUERIES]
    return QUERIES + words[: max(0, n - len(QUERIES))]


def _zipf(items: list, rnd: random.Random):
    cumulative, total = [], 0.0
    for k in range(len(items)):
        total += 1 / (k + 1)
        cumulative.append(total)
    return lambda: rnd.choices(items, cum_weights=cumulative)[0]


def request_mix(story_ids: list[str], seed: int = 11, queries: list[str] | None = None):
    """The URLs driven: 45% story pages (HTML or JSON), 45% searches (HTML or JSON), 10% the story list.

    Stories are picked with Zipf popularity (the k-th story of the shuffled sample 1/k as often as the
    first), as readers crowd on a few stories with a long tail: most story requests go to pages already
    rendered, and the tail keeps a steady share of first renders. Searches likewise over ``queries``
    (default ``search_queries()``)."""
    rnd = random.Random(seed)
    story = _zipf(story_ids, rnd) if story_ids else None
    query = _zipf(queries or search_queries(), rnd)

    def next_url() -> str:
        roll = rnd.random()
        if roll < 0.45 and story_ids:
            return f"/stories/{story()}" + (".json" if rnd.random() < 0.5 else "")
        if roll < 0.9:
            return f"/search{'.json' if rnd.random() < 0.5 else ''}?q={query()}"
        return "/stories.json"

    return next_url


async def _drive(port: int, rate: int, seconds: float, story_ids: list[str], report: LoadReport,
                 warmup: float = 0.0) -> list[float]:
    """Open loop: request i is due at start + i/rate whatever earlier ones are doing; its latency counts
    from when it was due (so time spent waiting for a free connection counts too). Raw asyncio streams
    with keep-alive connections: the client must cost little CPU next to the server on a small machine."""
    next_url = request_mix(story_ids)
    latencies: list[float] = []
    per_route: dict[str, list[float]] = {}
    idle: list[_Conn] = []
    waiting: list[asyncio.Future] = []  # requests waiting for a connection, first come first served
    open_conns = 0
    max_conns = 256

    def release(conn: _Conn) -> None:
        while waiting:
            fut = waiting.pop(0)
            if not fut.done():
                fut.set_result(conn)
                return
        idle.append(conn)

    async def replace() -> None:
        nonlocal open_conns
        try:
            release(_Conn(*await asyncio.open_connection(HOST, port)))
        except OSError:
            open_conns -= 1

    async def one(url: str, due: float) -> None:
        nonlocal open_conns
        conn = None
        try:
            if idle:
                conn = idle.pop()
            elif open_conns < max_conns:
                open_conns += 1
                conn = _Conn(*await asyncio.open_connection(HOST, port))
            else:
                fut = asyncio.get_running_loop().create_future()
                waiting.append(fut)
                conn = await fut
            try:
                status, body = await asyncio.wait_for(conn.get(url), timeout=30)
            except asyncio.IncompleteReadError as exc:
                # The server closed this kept-alive connection while it sat idle (uvicorn does after 5 s)
                # and nothing of the answer came: send once more on a new one, as HTTP clients do.
                if not conn.used or exc.partial:
                    raise
                conn.writer.close()
                conn = _Conn(*await asyncio.open_connection(HOST, port))
                status, body = await asyncio.wait_for(conn.get(url), timeout=30)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
            report.errors += 1
            if len(report.error_samples) < 5:
                report.error_samples.append(f"{url}: {type(exc).__name__}")
            if conn is not None:
                conn.writer.close()
                open_conns -= 1
                if waiting:  # a request queued for a connection gets a fresh one instead of this one
                    open_conns += 1
                    asyncio.create_task(replace())
            return
        elapsed = (time.perf_counter() - due) * 1000
        if due >= measured_from:  # warm-up requests are checked like the others, not timed
            latencies.append(elapsed)
            kind = "story" if url.startswith("/stories/") else "search" if url.startswith("/search") else "list"
            per_route.setdefault(kind, []).append(elapsed)
        release(conn)
        report.answered += 1
        key = str(status)
        report.statuses[key] = report.statuses.get(key, 0) + 1
        if b"database is locked" in body:
            report.locked += 1
        if status >= 500:
            report.errors += 1
            if len(report.error_samples) < 5:
                report.error_samples.append(f"{url}: {status} {body[:200]!r}")

    tasks = []
    start = time.perf_counter()
    measured_from = start + warmup
    total = int(rate * (seconds + warmup))
    for i in range(total):
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(next_url(), due)))
        report.sent += 1
    await asyncio.gather(*tasks)
    for conn in idle:
        conn.writer.close()
    report.by_route = {k: {"count": len(v), "p50_ms": round(_percentile(v, 50), 1), "p99_ms": round(_percentile(v, 99), 1)}
                       for k, v in sorted(per_route.items())}
    return latencies


def _run(coro):
    """Run on uvloop where installed (a cheaper event loop leaves more CPU to the server measured)."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    return uvloop.run(coro)


def _percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def _feed(proc: subprocess.Popen, path: Path, per_second: float, seconds: float) -> None:
    """Write the articles of ``path`` to an ingest's stdin at ``per_second``, for at most ``seconds``."""
    start = time.perf_counter()
    try:
        with path.open("rb") as lines:
            for i, line in enumerate(lines):
                due = start + i / per_second
                if due - start > seconds:
                    break
                time.sleep(max(0.0, due - time.perf_counter()))
                proc.stdin.write(line)
                proc.stdin.flush()
    except (BrokenPipeError, OSError):
        pass
    finally:
        try:
            proc.stdin.close()
        except OSError:
            pass


def run_load_test(articles: int = 2000, seconds: float = 10, rate: int = 200, *, process: int = 40,
                  workers: int = 2, ingest_rate: float = 50, stories: int = 2000, warmup: float = 0.0,
                  workdir: Path | None = None) -> LoadReport:
    """Build a store, serve it on loopback with ``workers`` processes, drive ``rate`` requests/s for
    ``seconds`` at ``stories`` story pages and at search while an ingest adds ``ingest_rate`` articles/s
    (fed through its stdin, committed every 25, for the whole run). With ``warmup``, the same load runs
    that many seconds first, its answers checked but not timed (the server starts with empty caches)."""
    import sqlite3
    import threading

    work = Path(workdir or tempfile.mkdtemp(prefix="nw-load-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "load.db"
    if not db.exists():
        build_store(db, articles, work, process=process)
    with sqlite3.connect(db) as con:
        story_ids = [r[0] for r in con.execute("SELECT id FROM stories ORDER BY id")]
        before = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    story_ids = random.Random(3).sample(story_ids, min(stories, len(story_ids)))
    extra = work / "during.jsonl"
    generate_articles(int(ingest_rate * (seconds + warmup)) + 50, extra, offset=10_000_000 + before)
    port = _free_port()
    server = _start_server(db, port, workers)
    report = LoadReport(articles=before, seconds=seconds, rate=rate)
    ingest = None
    try:
        _run(_wait_ready(port))
        ingest = _cli(db, "ingest", "--batch-size", "25", "-", stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                      stderr=subprocess.PIPE)
        feeder = threading.Thread(target=_feed, args=(ingest, extra, ingest_rate, seconds + warmup), daemon=True)
        feeder.start()
        server_cpu, client_cpu, ingest_cpu = _cpu_seconds(server.pid), time.process_time(), _cpu_seconds(ingest.pid)
        wall = time.perf_counter()
        latencies = _run(_drive(port, rate, seconds, story_ids, report, warmup))
        wall = time.perf_counter() - wall
        report.server_cpu_s = round(_cpu_seconds(server.pid) - server_cpu, 1)
        report.client_cpu_s = round(time.process_time() - client_cpu, 1)
        report.ingest_cpu_s = round(_cpu_seconds(ingest.pid) - ingest_cpu, 1)
        report.wall_s = round(wall, 1)
        feeder.join()
        report.ingest_exit = ingest.wait(timeout=600)
        if ingest.stderr and b"locked" in ingest.stderr.read():
            report.locked += 1
    finally:
        if ingest and ingest.poll() is None:
            ingest.kill()
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
    with sqlite3.connect(db) as con:
        report.ingested_during = con.execute("SELECT count(*) FROM articles").fetchone()[0] - before
    report.workers = workers
    report.warmup_s = warmup
    report.p50_ms, report.p95_ms, report.p99_ms = (_percentile(latencies, p) for p in (50, 95, 99))
    report.max_ms = max(latencies, default=0.0)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles in the store (default 2,000)")
    parser.add_argument("--seconds", type=float, default=10, help="how long to drive requests (default 10)")
    parser.add_argument("--rate", type=int, default=200, help="requests per second (default 200)")
    parser.add_argument("--process", type=int, default=40, help="articles processed so story pages exist (default 40)")
    parser.add_argument("--workers", type=int, default=2, help="server processes (default 2)")
    parser.add_argument("--ingest-rate", type=float, default=50, help="articles/s ingested meanwhile (default 50)")
    parser.add_argument("--stories", type=int, default=2000,
                        help="stories sampled for story pages, requested with Zipf popularity (default 2,000)")
    parser.add_argument("--warmup", type=float, default=0, help="seconds of untimed load first (default 0)")
    parser.add_argument("--workdir", type=Path, help="keep the store here (reused when it exists)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    report = run_load_test(args.articles, args.seconds, args.rate, process=args.process, workers=args.workers,
                           ingest_rate=args.ingest_rate, stories=args.stories, warmup=args.warmup,
                           workdir=args.workdir)
    print(json.dumps(asdict(report), indent=2) if args.json else report.summary())
    return 0 if report.errors == 0 and report.locked == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
