"""A fictional news site on 127.0.0.1 for trying `newsweave ingest URL`, `sources` and `watch` offline.

    python examples/news_site.py [--port 8765]

Serves the demo articles (examples/demo.jsonl, all fictional) as HTML article pages, each with its own
headline and outlet (og:title, og:site_name, article:published_time), plus:

    /              a homepage advertising the feed (<link rel="alternate" type="application/rss+xml">)
    /feed.xml      an RSS feed of every article
    /sitemap.xml   a news sitemap of the same articles
    /robots.txt    which disallows /drafts/ (a draft is listed in the feed; newsweave never fetches it)

Stop it with Ctrl-C.
"""

from __future__ import annotations

import json
import re
import sys
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DEMO = Path(__file__).resolve().parent / "demo.jsonl"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def build(base: str) -> dict[str, tuple[str, bytes]]:
    articles = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]
    routes: dict[str, tuple[str, bytes]] = {}
    items, urls = [], []
    for a in articles:
        path = f"/{_slug(a['outlet'])}/{a['id']}"
        body = "".join(f"<p>{escape(p)}</p>" for p in a["text"].split("\n\n"))
        page = (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
                f"<title>{escape(a['title'])} | {escape(a['outlet'])}</title>"
                f'<meta property="og:title" content="{escape(a["title"])}">'
                f'<meta property="og:site_name" content="{escape(a["outlet"])}">'
                f'<meta property="og:type" content="article">'
                f'<meta property="article:published_time" content="{a["published"]}T08:00:00Z">'
                f'<link rel="canonical" href="{base}{path}"></head>'
                f"<body><nav>Home · World · Region</nav><article><h1>{escape(a['title'])}</h1>{body}</article>"
                f"<footer>{escape(a['outlet'])} (fictional)</footer></body></html>")
        routes[path] = ("text/html; charset=utf-8", page.encode("utf-8"))
        items.append(f"<item><title>{escape(a['title'])}</title><link>{base}{path}</link>"
                     f"<pubDate>{a['published']}</pubDate></item>")
        urls.append(f"<url><loc>{base}{path}</loc></url>")
    items.append(f"<item><title>Draft, not for robots</title><link>{base}/drafts/1</link></item>")
    routes["/drafts/1"] = ("text/html; charset=utf-8", b"<html><body><p>draft</p></body></html>")
    routes["/feed.xml"] = ("application/rss+xml", (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Demo Region News</title>'
        + "".join(items) + "</channel></rss>").encode("utf-8"))
    routes["/sitemap.xml"] = ("application/xml", (
        '<?xml version="1.0" encoding="utf-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(urls) + "</urlset>").encode("utf-8"))
    routes["/"] = ("text/html; charset=utf-8", (
        b'<!doctype html><html><head><title>Demo Region News</title>'
        b'<link rel="alternate" type="application/rss+xml" title="All news" href="/feed.xml"></head>'
        b"<body><h1>Demo Region News</h1><p>Fictional news for trying newsweave.</p></body></html>"))
    routes["/robots.txt"] = ("text/plain", b"User-agent: *\nDisallow: /drafts/\n")
    return routes


def main(argv: list[str]) -> None:
    port = int(argv[argv.index("--port") + 1]) if "--port" in argv else 8765
    base = f"http://127.0.0.1:{port}"
    routes = build(base)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            kind, body = routes.get(self.path, ("text/plain", b""))
            self.send_response(200 if self.path in routes else 404)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"fictional news site on {base}/ (feed {base}/feed.xml); Ctrl-C stops it", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main(sys.argv[1:])
