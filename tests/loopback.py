"""A real HTTP server on 127.0.0.1 for the fetching tests: routes set per test, every request logged.

Nothing leaves the machine: the server binds the loopback address on a free port, and the tests only
ever fetch URLs built from :attr:`Site.base`.
"""

from __future__ import annotations

import gzip
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What one path answers: a status, headers, a body; ``sequence`` answers request n with its nth entry."""

    body: bytes | str = b""
    status: int = 200
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds before the body is sent
    gzip: bool = False
    etag: str | None = None  # answer 304 to a matching If-None-Match
    sequence: list | None = None  # of Route, for answers that change (429 then 200)
    length: bool = True  # send Content-Length (False: the body ends when the connection closes)


class Site:
    """Routes by path, a log of ``(path, headers)`` per request, and the base URL."""

    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, dict]] = []
        self.starts: list[float] = []  # monotonic time each request arrived
        self.active = self.most_active = 0  # requests being answered now, and the most at once
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [path for path, _ in self.log]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, *args):  # keep test output clean
            pass

        def do_GET(self):
            with site._lock:
                site.log.append((self.path, dict(self.headers)))
                site.starts.append(time.monotonic())
                site.active += 1
                site.most_active = max(site.most_active, site.active)
            self._counted = True
            try:
                self._answer()
            finally:
                self._done()

        def _done(self):
            # A request stops counting as in flight before its body is written: once the client has the
            # whole body it may start its next request, which must not overlap this one's bookkeeping.
            if getattr(self, "_counted", False):
                self._counted = False
                with site._lock:
                    site.active -= 1

        def _answer(self):
            route = site.routes.get(self.path)
            if route is None:
                self._send(Route(b"not found", 404))
                return
            if route.sequence:
                count = sum(1 for p, _ in site.log if p == self.path)
                route = route.sequence[min(count, len(route.sequence)) - 1]
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self._send(Route(b"", 304, {"ETag": route.etag}))
                return
            self._send(route)

        def _send(self, route: Route):
            body = route.body.encode("utf-8") if isinstance(route.body, str) else route.body
            headers = dict(route.headers)
            if route.gzip:
                body = gzip.compress(body)
                headers["Content-Encoding"] = "gzip"
            if route.etag:
                headers.setdefault("ETag", route.etag)
            self.send_response(route.status)
            for name, value in headers.items():
                self.send_header(name, value)
            if route.length and "Content-Length" not in headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if route.delay:
                time.sleep(route.delay)
            self._done()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler
