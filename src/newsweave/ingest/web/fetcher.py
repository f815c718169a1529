"""Polite HTTP fetching: one :class:`Fetcher` per run, shared by every thread that fetches.

Each request goes through the same rules:

* **robots.txt** is read once per host and kept for ``robots_ttl`` seconds (RFC 9309: a 4xx robots
  file allows everything; a 5xx one disallows everything, and an unreachable host fails every request,
  until ``retry_host_after`` seconds have passed) and a disallowed URL is never requested;
* **per-host politeness**: at most ``connections_per_host`` requests in flight to one host, and
  ``delay`` seconds (or the robots file's ``Crawl-delay``, whichever is longer, capped) between the
  starts of two requests to it;
* a **User-Agent** naming newsweave and the operator's contact (``contact``, or ``$NEWSWEAVE_CONTACT``);
* **limits**: a timeout per request, a byte limit on the body (before and after gzip/deflate
  decoding, so a compression bomb stops at the limit), at most ``max_redirects`` redirects, and a
  refusal of redirect loops and of schemes other than http(s);
* **retries with backoff** on timeouts, dropped connections, 429 and 5xx (``Retry-After`` honoured up
  to ``max_backoff``);
* **conditional GET**: give the ETag and Last-Modified of the last fetch and a 304 comes back as
  ``Response.not_modified``.

Problems raise :class:`FetchError` (an :class:`~newsweave.errors.IngestError` whose ``origin`` is the
URL) with a ``kind`` a per-source report can show: ``http``, ``timeout``, ``network``, ``too-large``,
``robots``, ``redirects``.
"""

from __future__ import annotations

import http.client
import os
import socket
import ssl
import threading
import time
import urllib.robotparser
import zlib
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from ...errors import ConfigError, IngestError
from ...version import __version__

__all__ = ["FetchError", "FetchOptions", "Fetcher", "Response", "is_url"]


def is_url(text: str) -> bool:
    """Whether an input names an http(s) URL rather than a path."""
    return isinstance(text, str) and text.lower().startswith(("http://", "https://"))


@dataclass(frozen=True, kw_only=True)
class FetchOptions:
    """How politely and how much to fetch; defaults in one place, validated on creation."""

    contact: str | None = None  # an e-mail or URL where site operators can reach whoever runs newsweave
    timeout: float = 20.0  # seconds per connect and per read
    retries: int = 2  # further tries after a timeout, a dropped connection, 429 or 5xx
    backoff: float = 1.0  # seconds before the first retry, doubled at each further one
    max_backoff: float = 60.0  # longest wait for a retry, Retry-After included
    max_bytes: int = 10_000_000  # largest body accepted (decoded)
    max_redirects: int = 5
    delay: float = 1.0  # seconds between two request starts to one host
    max_crawl_delay: float = 30.0  # a robots file's Crawl-delay is honoured up to this
    connections_per_host: int = 2
    workers: int = 4  # pages fetched at once, across hosts
    max_items: int = 200  # article links followed per feed, sitemap or homepage
    respect_robots: bool = True
    robots_ttl: float = 3600.0  # seconds a host's robots.txt is trusted before it is read again
    retry_host_after: float = 300.0  # seconds before a host whose robots.txt failed is tried again

    def __post_init__(self) -> None:
        checks = {
            "timeout": self.timeout > 0, "retries": self.retries >= 0, "backoff": self.backoff >= 0,
            "max_backoff": self.max_backoff >= 0, "max_bytes": self.max_bytes >= 1024,
            "max_redirects": self.max_redirects >= 0, "delay": self.delay >= 0,
            "max_crawl_delay": self.max_crawl_delay >= 0, "robots_ttl": self.robots_ttl >= 0,
            "retry_host_after": self.retry_host_after >= 0,
            "connections_per_host": 1 <= self.connections_per_host <= 2, "workers": self.workers >= 1,
            "max_items": self.max_items >= 1,
        }
        bad = [name for name, ok in checks.items() if not ok]
        if bad:
            raise ConfigError(
                f"bad fetch option(s): {', '.join(f'{n}={getattr(self, n)!r}' for n in bad)}; timeout must be > 0, "
                "max_bytes >= 1024, connections_per_host 1 or 2, workers and max_items >= 1, the rest >= 0")

    @property
    def user_agent(self) -> str:
        contact = self.contact or os.environ.get("NEWSWEAVE_CONTACT") or "no contact set"
        return f"newsweave/{__version__} (news reader; +{contact})"


class FetchError(IngestError):
    """A URL that could not be fetched; ``kind`` says why in one word, ``status`` is the HTTP status if any."""

    def __init__(self, url: str, kind: str, reason: str, status: int | None = None):
        self.kind = kind
        self.status = status
        super().__init__(url, reason)


@dataclass(slots=True)
class Response:
    """A fetched URL: the final URL after redirects, the status, headers (lower-cased names) and body."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes = b""
    redirects: list[str] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = part.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'").lower()
        return None


_RETRY_STATUSES = {429, 500, 502, 503, 504}
_REDIRECTS = {301, 302, 303, 307, 308}


class _Host:
    """One host's politeness state: a slot limit, the time the next request may start, its robots rules."""

    def __init__(self, connections: int):
        self.slots = threading.BoundedSemaphore(connections)
        self.lock = threading.Lock()
        self.next_start = 0.0
        self.robots: urllib.robotparser.RobotFileParser | None = None
        self.robots_problem: tuple[str, str] | None = None  # (kind, reason) while the host is skipped
        self.robots_until = 0.0  # monotonic time after which robots.txt is read again
        self.robots_lock = threading.Lock()
        self.delay = 0.0  # the robots file's Crawl-delay, capped


class Fetcher:
    """Fetches URLs under :class:`FetchOptions`; thread-safe, one per run so hosts are shared.

    ``log`` (a list, when given) receives one line per request made, for tests and ``--verbose`` use.
    ``stop`` (a :class:`threading.Event`) makes waits end early when set (Ctrl-C).
    """

    def __init__(self, options: FetchOptions | None = None, *, stop: threading.Event | None = None):
        self.options = options or FetchOptions()
        self.stop = stop or threading.Event()
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self._open: set[socket.socket] = set()  # sockets of requests in flight, for abort()
        self.requests = 0

    def abort(self) -> None:
        """Stop now (Ctrl-C): waits end, and requests in flight are cut off instead of running to their timeout."""
        self.stop.set()
        with self._hosts_lock:
            connections = list(self._open)
        for sock in connections:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    # ------------------------------------------------------------------ public
    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET ``url`` (following redirects, retrying, within the limits); raise :class:`FetchError`."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = [url]
        current = url
        while True:
            self._check_robots(current)
            response = self._get_with_retries(current, headers)
            if response.status not in _REDIRECTS:
                response.url, response.redirects = current, seen[1:]
                if response.status >= 400:
                    raise FetchError(current, "http", f"HTTP {response.status} {_reason(response.status)}",
                                     response.status)
                return response
            location = response.headers.get("location")
            if not location:
                raise FetchError(current, "http", f"HTTP {response.status} redirect without a Location header",
                                 response.status)
            target = urljoin(current, location.strip())
            if not is_url(target):
                raise FetchError(url, "redirects", f"redirected to {target!r}, which is not an http(s) URL")
            if target in seen:
                raise FetchError(url, "redirects", f"redirect loop: {' -> '.join(seen + [target])}")
            if len(seen) > self.options.max_redirects:
                raise FetchError(url, "redirects", f"more than {self.options.max_redirects} redirects "
                                 f"({' -> '.join(seen[:3])} …)")
            seen.append(target)
            current = target

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets newsweave fetch ``url`` (fetching the robots file on first use)."""
        try:
            self._check_robots(url)
        except FetchError:
            return False
        return True

    # ------------------------------------------------------------------ politeness
    def _host(self, url: str) -> _Host:
        key = _host_key(url)
        with self._hosts_lock:
            host = self._hosts.get(key)
            if host is None:
                host = self._hosts[key] = _Host(self.options.connections_per_host)
            return host

    def _check_robots(self, url: str) -> None:
        if not self.options.respect_robots:
            return
        host = self._host(url)
        with host.robots_lock:
            if time.monotonic() >= host.robots_until:
                host.robots, host.robots_problem = None, None
                self._load_robots(url, host)
        if host.robots_problem:
            kind, reason = host.robots_problem
            raise FetchError(url, kind, reason)
        if not host.robots.can_fetch(self._agent_token, url):
            raise FetchError(url, "robots", "not fetched: robots.txt disallows it for newsweave")

    _agent_token = "newsweave"

    def _load_robots(self, url: str, host: _Host) -> None:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        parser = urllib.robotparser.RobotFileParser(robots_url)
        try:
            response = self._get_with_retries(robots_url, {})
            for _ in range(self.options.max_redirects):  # a robots file may redirect (http -> https)
                location = response.headers.get("location")
                if response.status not in _REDIRECTS or not location:
                    break
                response = self._get_with_retries(urljoin(robots_url, location), {})
        except FetchError as exc:
            # The host itself is out of reach: say so as such (timeout, network), not as a robots refusal.
            host.robots_problem = (exc.kind, f"{exc.reason} (reading {robots_url})")
            host.robots_until = time.monotonic() + self.options.retry_host_after
            return
        if response.status >= 500 or response.status == 429:
            reason = (f"not fetched: its robots.txt answered HTTP {response.status}, so the host is skipped for "
                      f"{self.options.retry_host_after:g} s")
            host.robots_problem = ("robots", reason)
            host.robots_until = time.monotonic() + self.options.retry_host_after
            return
        if response.status >= 400:
            parser.allow_all = True  # RFC 9309: an unavailable (4xx) robots file means no rules
        else:
            text = response.body.decode("utf-8", "replace")
            parser.parse(text.splitlines())
            crawl_delay = parser.crawl_delay(self._agent_token)
            if crawl_delay:
                host.delay = min(float(crawl_delay), self.options.max_crawl_delay)
        host.robots = parser
        host.robots_until = time.monotonic() + self.options.robots_ttl

    def _wait_turn(self, host: _Host, url: str) -> None:
        delay = max(self.options.delay, host.delay)
        with host.lock:
            now = time.monotonic()
            start = max(now, host.next_start)
            host.next_start = start + delay
        if start > now and self.stop.wait(start - now):
            raise FetchError(url, "stopped", "stopped before the request was made")

    # ------------------------------------------------------------------ requests
    def _get_with_retries(self, url: str, headers: dict[str, str]) -> Response:
        options = self.options
        attempt = 0
        while True:
            try:
                response = self._request(url, headers)
            except FetchError as exc:
                if exc.kind not in ("timeout", "network") or attempt >= options.retries:
                    raise
                wait = options.backoff * 2 ** attempt
            else:
                if response.status not in _RETRY_STATUSES or attempt >= options.retries:
                    return response
                wait = _retry_after(response.headers.get("retry-after")) or options.backoff * 2 ** attempt
            attempt += 1
            if self.stop.wait(min(wait, options.max_backoff)):
                raise FetchError(url, "stopped", "stopped while waiting to retry")

    def _request(self, url: str, headers: dict[str, str]) -> Response:
        host = self._host(url)
        with host.slots:
            self._wait_turn(host, url)
            self.requests += 1
            return self._exchange(url, headers)

    def _exchange(self, url: str, extra_headers: dict[str, str]) -> Response:
        options = self.options
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(url, "network", "not an http(s) URL with a host name")
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        if parts.scheme == "https":
            conn = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=options.timeout,
                                               context=ssl.create_default_context())
        else:
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=options.timeout)
        headers = {
            "User-Agent": options.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                      "application/feed+json,application/xml;q=0.9,*/*;q=0.5",
            "Accept-Encoding": "gzip, deflate",
            "Connection": "close",
            **extra_headers,
        }
        sock = None
        try:
            if self.stop.is_set():
                raise FetchError(url, "stopped", "stopped before the request was made")
            conn.connect()
            # http.client drops its own reference once the response owns the socket; abort() needs one.
            sock = conn.sock
            with self._hosts_lock:
                self._open.add(sock)
            conn.request("GET", path, headers=headers)
            raw = conn.getresponse()
            response_headers = {k.lower(): v for k, v in raw.getheaders()}
            body = b""
            if raw.status not in _REDIRECTS and raw.status != 304:
                body = self._read_body(url, raw, response_headers)
            return Response(url, raw.status, response_headers, body)
        except TimeoutError as exc:
            raise FetchError(url, "timeout", f"timed out after {options.timeout:g} s") from exc
        except ssl.SSLError as exc:
            raise FetchError(url, "network", f"TLS failed: {exc}") from exc
        except (OSError, http.client.HTTPException) as exc:
            raise FetchError(url, "network", f"connection failed: {type(exc).__name__}: {exc}") from exc
        finally:
            if sock is not None:
                with self._hosts_lock:
                    self._open.discard(sock)
            conn.close()

    def _read_body(self, url: str, raw: http.client.HTTPResponse, headers: dict[str, str]) -> bytes:
        limit = self.options.max_bytes
        too_large = FetchError(url, "too-large", f"the response is larger than the limit of {limit:,} bytes")
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise too_large
        chunks, size = [], 0
        while chunk := raw.read(64 * 1024):
            size += len(chunk)
            if size > limit:
                raise too_large
            chunks.append(chunk)
        if self.stop.is_set():
            raise FetchError(url, "stopped", "stopped while the response was read")
        if declared.isdigit() and size < int(declared):
            raise FetchError(url, "network", f"the connection closed after {size:,} of {int(declared):,} bytes")
        body = b"".join(chunks)
        encoding = headers.get("content-encoding", "").strip().lower()
        if encoding in ("gzip", "x-gzip", "deflate"):
            body = _decompress(url, body, encoding, limit, too_large)
        return body


def _decompress(url: str, body: bytes, encoding: str, limit: int, too_large: FetchError) -> bytes:
    if encoding == "deflate" and body[:2] != b"\x1f\x8b":
        wbits = zlib.MAX_WBITS if body[:1] == b"\x78" else -zlib.MAX_WBITS  # zlib-wrapped or raw deflate
    else:
        wbits = 16 + zlib.MAX_WBITS
    decoder = zlib.decompressobj(wbits)
    try:
        out = decoder.decompress(body, limit + 1)
    except zlib.error as exc:
        raise FetchError(url, "network", f"the {encoding} body is corrupt ({exc})") from exc
    if len(out) > limit:
        raise too_large
    return out


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{parts.port or ''}"


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
