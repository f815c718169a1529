"""Fetch-and-extract throughput on a local HTTP server, and the page extractor's cost beside the NLP pipeline's.

    python benchmarks/fetch_throughput.py [--pages N] [--workers 1,4]

A server in its own process on 127.0.0.1 serves a robots.txt, an RSS feed and N article pages built at run
time from the PolNeAR dev texts in ../shared (nothing leaves the machine, no text is stored in the repo).
Measured, in one run:

* fetch only: every page fetched (``Fetcher.get``) with W threads, politeness delay 0;
* fetch and extract: ``read_urls(feed)`` — the feed, then every page fetched and extracted with trafilatura
  (what ``newsweave ingest URL`` does before storing);
* the extractor alone (``page_article`` on pages already in memory), one thread;
* the NLP pipeline (``Pipeline.run``: spaCy and every per-article stage) on the same extracted articles.

With the default politeness (1 s between requests to one host) a single outlet gives at most one page a second;
the figures here are what the machinery costs when many hosts are polled.
"""

from __future__ import annotations

import json
import multiprocessing
import platform
import sys
import time
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def build_site(n: int) -> dict[str, bytes]:
    texts = []
    with open(SHARED / "data/attribution/polnear-dev.jsonl", encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["text"])
    routes = {"/robots.txt": b"User-agent: *\nDisallow: /private/\n"}
    items = []
    for i in range(n):
        text = texts[i % len(texts)]
        paragraphs = [p for p in text.split("\n") if p.strip()] or [text]
        headline = " ".join(paragraphs[0].split()[:10])
        body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        routes[f"/p/{i}"] = (
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(headline)} | Bench Daily</title>'
            f'<meta property="og:title" content="{escape(headline)}"><meta property="og:site_name" content="Bench Daily">'
            '<meta property="og:type" content="article"><meta property="article:published_time" content="2025-10-17">'
            f"</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{escape(headline)}</h1>"
            f"{body}</article><aside>Most read: other stories</aside><footer>Bench Daily, fictional</footer></body></html>"
        ).encode()
        items.append(f"<item><title>{escape(headline)}</title><link>{{base}}/p/{i}</link></item>")
    routes["/feed.xml"] = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Bench Daily</title>'
                           + "".join(items) + "</channel></rss>").encode("utf-8")
    return routes


def serve(routes: dict[str, bytes], port_queue) -> None:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, *args):
            pass

        def do_GET(self):
            body = routes.get(self.path)
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            body = body.replace(b"{base}", base.encode())
            self.send_response(200)
            kind = "application/rss+xml" if self.path.endswith(".xml") else "text/html; charset=utf-8"
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    port_queue.put(base)
    server.serve_forever()


def main(argv: list[str]) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from newsweave.extract.pipeline import Pipeline
    from newsweave.ingest.html import page_article
    from newsweave.ingest.web import Fetcher, FetchOptions, read_urls
    from newsweave.model import Article
    from newsweave.settings import Settings

    n = int(argv[argv.index("--pages") + 1]) if "--pages" in argv else 100
    workers = [int(w) for w in (argv[argv.index("--workers") + 1] if "--workers" in argv else "1,4").split(",")]
    routes = build_site(n)
    queue = multiprocessing.get_context("fork").Queue()
    server = multiprocessing.get_context("fork").Process(target=serve, args=(routes, queue), daemon=True)
    server.start()
    base = queue.get(timeout=30)
    results: dict = {"pages": n, "machine": f"{platform.machine()}, {multiprocessing.cpu_count()} cores",
                     "python": platform.python_version()}
    try:
        urls = [f"{base}/p/{i}" for i in range(n)]
        for w in workers:
            options = FetchOptions(delay=0.0, workers=w, connections_per_host=2, max_items=n)
            fetcher = Fetcher(options)
            fetcher.get(urls[0])  # robots.txt read once, outside the timing
            t0 = time.perf_counter()
            with ThreadPoolExecutor(w) as pool:
                sizes = sum(len(r.body) for r in pool.map(fetcher.get, urls))
            results[f"fetch_pages_per_s_w{w}"] = round(n / (time.perf_counter() - t0), 1)
            results["mean_page_bytes"] = sizes // n
            fetcher = Fetcher(options)
            t0 = time.perf_counter()
            articles = [a for a in read_urls([f"{base}/feed.xml"], fetcher=fetcher) if isinstance(a, Article)]
            results[f"fetch_extract_pages_per_s_w{w}"] = round(len(articles) / (time.perf_counter() - t0), 1)
            assert len(articles) == n, f"{len(articles)} of {n} pages extracted"
        markups = [routes[f"/p/{i}"].decode("utf-8") for i in range(n)]
        t0 = time.perf_counter()
        extracted = [page_article(m, name=f"p{i}", identity=f"p{i}") for i, m in enumerate(markups)]
        extract_s = time.perf_counter() - t0
        results["extract_ms_per_page"] = round(1000 * extract_s / n, 2)
        words = sum(a.word_count for a in extracted)
        results["words"] = words
        pipeline = Pipeline(Settings())
        list(pipeline.run(extracted[:2]))  # model loaded outside the timing
        t0 = time.perf_counter()
        list(pipeline.run(extracted))
        nlp_s = time.perf_counter() - t0
        results["nlp_ms_per_article"] = round(1000 * nlp_s / n, 1)
        results["extract_share_of_extract_plus_nlp"] = round(extract_s / (extract_s + nlp_s), 3)
    finally:
        server.terminate()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
