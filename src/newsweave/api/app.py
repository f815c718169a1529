"""The HTTP app: every page as HTML and, with ``.json`` appended, as JSON, from the same view.

The read side is :class:`_Pages` (one :class:`_PageEndpoint` per route and format, rendered bodies kept
per version); the write side, read-only unless a token is configured, is ``newsweave.api.writes``
(``POST /articles`` and ``POST /corrections`` with ``Authorization: Bearer <token>``). Pages carry a
strict Content-Security-Policy and use no JavaScript; all article text and extracted spans are escaped
(Jinja2 autoescape, ``markupsafe.escape`` for highlights).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread
from jinja2 import BytecodeCache, Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route

from ..actors import actor_code
from ..errors import ApiError, StoreError
from ..store import Store
from ..store.web_queries import stories_version, story_version
from . import views
from .charts import OUTLET_PALETTE
from .guards import (
    ALLOWED_HOSTS_ENV,
    AllowedHosts,
    SafeStaticFiles,
    allowed_host_names,
    web_link,
)
from .openapi import openapi_document
from .page_cache import PageCache, SharedPages
from .writes import ENABLE_WRITES, Writes, json_response

__all__ = ["DEFAULT_MAX_UPLOAD_BYTES", "app_from_environment", "create_app", "default_workers", "serve"]

HERE = Path(__file__).resolve().parent
DEFAULT_MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# Rendered story pages kept per worker process (bytes of HTML and JSON bodies, least recently used out).
PAGE_CACHE_BYTES = 64 * 1024 * 1024
# Search results are kept this many seconds (an ingest commits every few seconds; re-ranking the same
# query for every request costs several milliseconds each), so a search may miss articles stored in
# the last few seconds.
SEARCH_CACHE_SECONDS = 5
# How `serve --workers N` tells its worker processes which store to open (they import the app afresh).
SERVE_DB_ENV = "NEWSWEAVE_SERVE_DB"
SHARED_PAGES_ENV = "NEWSWEAVE_SHARED_PAGES"
SECURITY_HEADERS = [
    (b"content-security-policy",
     (b"default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
     b"form-action 'self'; img-src 'self' data:")),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class _SecurityHeaders:
    """ASGI middleware adding the security headers to every HTTP response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in SECURITY_HEADERS if k not in present
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _ReadConnections:
    """One read-only store per server thread, reopened when the file at the path is replaced.

    Opening SQLite and parsing the schema costs about as much as a small page, so connections are kept;
    each query runs in autocommit mode, so a kept connection always reads the latest commit (WAL).
    """

    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()

    def get(self) -> Store:
        try:
            ident = os.stat(self.path).st_ino
        except OSError:
            ident = None
        held = getattr(self._local, "held", None)
        if held is not None and held[0] == ident:
            return held[1]
        if held is not None:
            held[1].close()
            self._local.held = None
        store = Store(self.path, create=False, readonly=True)
        self._local.held = (ident, store)
        return store

    def discard(self) -> None:
        """Drop this thread's store (after an error, so the next request starts clean)."""
        held = getattr(self._local, "held", None)
        self._local.held = None
        if held is not None:
            held[1].close()


def _etag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def _not_modified(request: Request, etag: str) -> bool:
    given = request.headers.get("if-none-match")
    return bool(given) and (given.strip() == "*" or etag in (t.strip().removeprefix("W/") for t in given.split(",")))


def _body_response(request: Request, body: bytes, media_type: str, status: int = 200,
                   etag: str | None = None) -> Response:
    """The body with its ETag, or 304 without it when the client already holds this version."""
    if status != 200:
        return Response(body, status_code=status, media_type=media_type)
    etag = etag or _etag(body)
    # Pages may change whenever `newsweave process` runs: caches must ask again (cheaply, by ETag).
    headers = {"etag": etag, "cache-control": "no-cache"}
    if _not_modified(request, etag):
        return Response(status_code=304, headers=headers)
    return Response(body, status_code=status, media_type=media_type, headers=headers)


class _Pages:
    """The read side of the app: every view as HTML and as JSON, rendered bodies kept per version.

    ``templates`` renders the HTML; ``connections`` gives this thread's read-only store; ``page_cache`` keeps
    rendered bodies; ``writes_enabled`` only changes what a refused method is told.
    """

    def __init__(self, templates: Environment, connections: _ReadConnections, page_cache: PageCache,
                 writes_enabled: bool):
        self.templates = templates
        self.connections = connections
        self.page_cache = page_cache
        self.writes_enabled = writes_enabled
        # First renders of story pages (tens to hundreds of milliseconds of analysis) run one at a time per
        # process: many at once would share the interpreter lock with every cheap request and stall them all.
        # They wait in the event loop, not in a thread, so the thread pool stays free for the cheap requests.
        self.heavy = anyio.CapacityLimiter(1)

    def render_html(self, request: Request, page: views.Page, path: str | None = None) -> bytes:
        path = path if path is not None else request.url.path
        return self.templates.get_template(page.template).render(
            data=page.data, request=request, path=path, json_url=_json_url_of(path, request.url.query),
            **page.extra).encode("utf-8")

    def error(self, request: Request, as_json: bool, status: int, message: str) -> Response:
        if as_json:
            return json_response({"error": message, "status": status}, status)
        page = views.Page("error.html", {"error": message, "status": status})
        return HTMLResponse(self.render_html(request, page), status_code=status)

    def routes(self, path: str, view: Callable[..., views.Page], *, arg: str | None = None,
               version: Callable[[Store, Request], str | None] | None = None, one_at_a_time: bool = False,
               watch_client: bool = False) -> list[Route]:
        """The JSON and the HTML route of ``view`` (see :class:`_PageEndpoint` for the options)."""
        json_path = "/index.json" if path == "/" else path + ".json"
        options = {"arg": arg, "version": version, "one_at_a_time": one_at_a_time, "watch_client": watch_client}
        # The .json route goes first: "{id}" would otherwise swallow "17.json".
        return [Route(json_path, _PageEndpoint(self, view, True, **options).handle, methods=["GET", "HEAD"]),
                Route(path, _PageEndpoint(self, view, False, **options).handle, methods=["GET", "HEAD"])]

    async def not_found(self, request: Request, exc: Exception) -> Response:
        return self.error(request, request.url.path.endswith(".json"), 404,
                          f"no page at {request.url.path}: see / for stories, /openapi.json for the API")

    async def method_not_allowed(self, request: Request, exc: Exception) -> Response:
        refused = not self.writes_enabled
        msg = ENABLE_WRITES if refused else f"{request.method} is not allowed on {request.url.path}"
        return self.error(request, True, 403 if refused and request.method not in ("GET", "HEAD") else 405, msg)


class _PageEndpoint:
    """One view served as JSON or HTML. With ``version`` (a cheap query whose value changes whenever the
    page would), rendered bodies are kept per version and carry it as their ETag; ``one_at_a_time`` renders
    a missing page under the ``heavy`` limiter; ``watch_client`` lets the view stop its work once the client
    has gone (``views.CLIENT_GONE``)."""

    def __init__(self, pages: _Pages, view: Callable[..., views.Page], as_json: bool, *, arg: str | None,
                 version: Callable[[Store, Request], str | None] | None, one_at_a_time: bool, watch_client: bool):
        self.pages, self.view, self.as_json, self.arg = pages, view, as_json, arg
        self.version, self.one_at_a_time, self.watch_client = version, one_at_a_time, watch_client
        self.media_type = "application/json" if as_json else "text/html; charset=utf-8"

    def run_view(self, request: Request, store: Store) -> views.Page:
        if self.arg is None:
            return self.view(store, request.query_params)
        return self.view(store, request.path_params[self.arg], request.query_params)

    def produce(self, request: Request, store: Store) -> tuple[bytes | None, Any]:
        """``(body, etag)``; ``(None, what render_missing needs)`` for a page to render one at a time."""
        current = self.version(store, request) if self.version is not None else None
        if current is None:  # not cached (or no such story: the view raises the usual error)
            page = self.run_view(request, store)
            return (_page_json(page.data) if self.as_json
                    else self.pages.render_html(request, page)), None
        html_path = request.url.path.removesuffix(".json")
        # No day in the version: a plan is judged overdue as of its story's latest report, which
        # the store's version already covers, not as of the day the page is served.
        base = (html_path, request.url.query, current)
        key = (self.as_json, *base)
        etag = '"' + hashlib.blake2b(repr(key).encode(), digest_size=12).hexdigest() + '"'
        if _not_modified(request, etag):
            return b"", etag
        hit = self.pages.page_cache.get(key)
        if hit is not None:
            return hit[0], etag
        if self.one_at_a_time:
            return None, (key, etag, base, html_path)  # rendered by `handle` under the heavy limiter
        return self.render_both(request, store, base, html_path), etag

    def render_missing(self, request: Request, key: tuple, base: tuple, html_path: str) -> bytes:
        hit = self.pages.page_cache.get(key)  # rendered by another request while this one waited
        if hit is not None:
            return hit[0]
        return self._with_store(lambda store: self.render_both(request, store, base, html_path))

    def render_both(self, request: Request, store: Store, base: tuple, html_path: str) -> bytes:
        page = self.run_view(request, store)
        # Both formats from one computation: a reader of the page often fetches the other one next.
        json_body = _page_json(page.data)
        html_body = self.pages.render_html(request, page, path=html_path)
        self.pages.page_cache.put((True, *base), json_body, "application/json")
        self.pages.page_cache.put((False, *base), html_body, "text/html; charset=utf-8")
        return json_body if self.as_json else html_body

    def _with_store(self, work: Callable[[Store], Any]) -> Any:
        # A failure other than a missing page drops this thread's connection, so the next request starts clean.
        connections = self.pages.connections
        try:
            return work(connections.get())
        except (ApiError, StoreError):
            raise
        except BaseException:
            connections.discard()
            raise

    async def handle(self, request: Request) -> Response:
        def work():
            return self._with_store(lambda store: self.produce(request, store))

        try:
            body, etag = await (_while_connected(request, work) if self.watch_client else run_in_threadpool(work))
            if body is None:
                key, etag, base, html_path = etag
                body = await anyio.to_thread.run_sync(self.render_missing, request, key, base, html_path,
                                                      limiter=self.pages.heavy)
        except ApiError as exc:
            return self.pages.error(request, self.as_json, exc.status, str(exc))
        except StoreError as exc:
            return self.pages.error(request, self.as_json, 404, str(exc))
        return _body_response(request, body, self.media_type, etag=etag)


# A story page changes only when `newsweave process` touches the story; the story list when it
# touches any story.
def _one_story(store: Store, request: Request) -> str | None:
    return story_version(store, request.path_params["story_id"])


def _all_stories(store: Store, request: Request) -> str:
    return stories_version(store)


def _search_window(store: Store, request: Request) -> str:
    return f"t{int(time.time() // SEARCH_CACHE_SECONDS)}"


async def _openapi(request: Request) -> Response:
    return json_response(openapi_document())


def create_app(db_path: str | Path, *, token: str | None = None,
               max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES, shared_pages: str | Path | None = None,
               allowed_hosts: Iterable[str] | None = None) -> Starlette:
    """The newsweave web app over the database at ``db_path``.

    ``token`` (or the ``NEWSWEAVE_TOKEN`` environment variable when ``token`` is None) enables
    ``POST /articles`` and ``POST /corrections`` for requests bearing it; without one the app is read-only.
    Uploads larger than ``max_upload_bytes`` are refused with 413. ``shared_pages``: a file where the
    processes of one server share rendered pages. ``allowed_hosts``: the ``Host`` names answered (others
    get 400, see :mod:`newsweave.api.guards`; ``serve`` always sets them); None answers any, for an app
    called in process or mounted behind a server that checks them.
    """
    db_path = Path(db_path)
    token = token if token is not None else (os.environ.get("NEWSWEAVE_TOKEN") or None)
    # Open once for writing so migrations run now, not inside the first read-only request.
    Store(db_path, create=token is not None).close()
    templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]),
                            trim_blocks=True, lstrip_blocks=True, bytecode_cache=_COMPILED_TEMPLATES)
    templates.globals.update(palette=OUTLET_PALETTE, writes_enabled=token is not None, quoted=quoted,
                             web_link=web_link)
    # What a first render would otherwise load (once per process): the templates, compiled, and the actor
    # tables plan tracking matches places against (0.16 CPU-s) — loaded now, at start-up.
    for name in templates.list_templates(extensions=["html"]):
        templates.get_template(name)
    actor_code("")
    page_cache = PageCache(PAGE_CACHE_BYTES, SharedPages(shared_pages) if shared_pages else None)
    pages = _Pages(templates, _ReadConnections(db_path), page_cache, writes_enabled=token is not None)
    both = pages.routes
    writes = Writes(db_path, token, max_upload_bytes)
    routes = [
        *both("/", views.stories_page, version=_all_stories),
        *both("/stories", views.stories_page, version=_all_stories),
        *both("/stories/{story_id}", views.story_page, arg="story_id", version=_one_story, one_at_a_time=True),
        Route("/articles", writes.post_article, methods=["POST"]),
        Route("/corrections", writes.post_correction, methods=["POST"]),
        Route("/corrections/{correction_id}/undo", writes.post_correction, methods=["POST"]),
        *both("/corrections", views.corrections_page),
        *both("/sources", views.sources_page),
        *both("/articles/{article_id}", views.article_page, arg="article_id"),
        *both("/entities", views.entities_page),
        *both("/entities/{key}", views.entity_page, arg="key"),
        *both("/plans", views.plans_page),
        *both("/search", views.search_page, version=_search_window, watch_client=True),
        Route("/openapi.json", _openapi, methods=["GET", "HEAD"]),
        Mount("/static", SafeStaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={404: pages.not_found, 405: pages.method_not_allowed})
    if allowed_hosts is not None:
        app.add_middleware(AllowedHosts, names=list(allowed_hosts))
    app.add_middleware(_SecurityHeaders)  # outermost: a refused host still gets the security headers
    app.state.db_path = db_path
    app.state.writes_enabled = token is not None
    app.state.page_cache = page_cache
    return app


def _page_json(data: Any) -> bytes:
    """A page's JSON body. Non-ASCII characters are written as ``\\u`` escapes (the same JSON to any client):
    encoding them so is about 40% cheaper than keeping them, for a story page's megabytes of JSON."""
    return json.dumps(data, default=str, check_circular=False, separators=(",", ":")).encode("ascii")


class _CompiledTemplates(BytecodeCache):
    """The templates' compiled code, kept per process and shared by every app it creates: the story page's
    template takes ~0.1 s of CPU to compile. Jinja checks each entry against the template's source."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED_TEMPLATES = _CompiledTemplates()


_QUOTE_MARKS = ("“", '"', "«", "‘", "'", "„")


def quoted(attribution: dict) -> str:
    """An attribution's words for display: its pieces joined by "…", a direct quote in quotation marks
    unless its text already carries them."""
    text = " … ".join(piece["text"] for piece in attribution.get("content") or [])
    if attribution.get("kind") == "direct" and not text.lstrip().startswith(_QUOTE_MARKS):
        return f"“{text}”"
    return text


def _json_url_of(path: str, query: str) -> str:
    path = path.rstrip("/") or ""
    path = "/index.json" if path == "" else path + ".json"
    return path + (f"?{query}" if query else "")


async def _while_connected(request: Request, work: Callable[[], Any]) -> Any:
    """Run ``work`` in a worker thread while watching the connection: once the client disconnects,
    ``views.CLIENT_GONE`` turns true for the work, so a search stops instead of working on for no one."""
    gone = threading.Event()
    done = False

    async def watch() -> None:
        while not done:
            if await request.is_disconnected():
                gone.set()
                return
            await anyio.sleep(0.05)

    reset = views.CLIENT_GONE.set(gone.is_set)
    result: Any = None
    error: Exception | None = None
    try:
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(watch)
            try:
                result = await run_in_threadpool(work)
            except Exception as exc:  # raised below as itself: the task group would wrap it in a group
                error = exc
            finally:
                done = True
                tasks.cancel_scope.cancel()
    finally:
        views.CLIENT_GONE.reset(reset)
    if error is not None:
        raise error
    return result


def default_workers() -> int:
    """Worker processes for ``serve`` when none are asked for: one per CPU core, at most 4."""
    return max(1, min(4, os.cpu_count() or 1))


def app_from_environment() -> Starlette:
    """The app over the store named by ``NEWSWEAVE_SERVE_DB``: what each ``serve --workers N`` process runs
    (the token, if any, comes from ``NEWSWEAVE_TOKEN`` as for ``create_app``)."""
    path = os.environ.get(SERVE_DB_ENV)
    if not path:
        raise StoreError(f"{SERVE_DB_ENV} is not set: start the server with `newsweave serve`")
    _server_process_settings()
    # `serve` put every allowed name in NEWSWEAVE_ALLOWED_HOSTS; loopback names are always allowed.
    app = create_app(path, shared_pages=os.environ.get(SHARED_PAGES_ENV) or None,
                     allowed_hosts=allowed_host_names("127.0.0.1"))
    settle_heap()
    return app


def _server_process_settings() -> None:
    """Hand the interpreter lock round every millisecond instead of every 5: while a story page's first
    render computes, the event loop and the cheap requests get their turns sooner (a server process only)."""
    import sys

    sys.setswitchinterval(0.001)


def settle_heap() -> None:
    """Collect once, then move everything the app holds after start-up (templates, actor tables, the
    model's lexicons) out of the garbage collector's sight: a full collection during a request then
    scans only what requests made, not the start-up's millions of objects (25-30 ms of a story page's
    first render went to such collections). A server process calls it once, after ``create_app``."""
    import gc

    gc.collect()
    gc.freeze()


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000, token: str | None = None, *,
          workers: int = 1, access_log: bool = False, allowed_hosts: Iterable[str] = ()) -> None:
    """Serve the web app with uvicorn (loopback only unless ``host`` says otherwise); blocks until stopped.

    Requests are answered only under the names of :func:`~newsweave.api.guards.allowed_host_names`:
    ``host``, the loopback names, ``allowed_hosts`` and ``NEWSWEAVE_ALLOWED_HOSTS``.

    ``workers`` > 1 runs that many processes on one listening socket (uvicorn's supervisor), each with
    its own read-only connections and page cache; SQLite in WAL mode lets them all read while one
    writer (``newsweave ingest``/``process``) commits. ``access_log`` logs every request (off by
    default: at hundreds of requests a second the log line costs a noticeable share of the CPU).
    """
    import uvicorn

    names = allowed_host_names(host, allowed_hosts)
    if workers <= 1:
        _server_process_settings()
        app = create_app(db_path, token=token, allowed_hosts=names)
        settle_heap()
        uvicorn.run(app, host=host, port=port, log_level="info", server_header=False, access_log=access_log)
        return
    # Migrations run here once, not racing in every worker; workers open the store by its path.
    token = token if token is not None else (os.environ.get("NEWSWEAVE_TOKEN") or None)
    Store(Path(db_path), create=token is not None).close()
    os.environ[SERVE_DB_ENV] = str(Path(db_path).resolve())
    os.environ[ALLOWED_HOSTS_ENV] = ",".join(names)
    if token is not None:
        os.environ["NEWSWEAVE_TOKEN"] = token  # the workers are new processes: they read it from here
    # Pages rendered by one worker serve the others, through a file in a folder only this user can read.
    pages_dir = tempfile.mkdtemp(prefix="newsweave-pages-")
    os.environ[SHARED_PAGES_ENV] = str(Path(pages_dir) / "pages.sqlite")
    try:
        uvicorn.run("newsweave.api.app:app_from_environment", factory=True, host=host, port=port, workers=workers,
                    log_level="info", server_header=False, access_log=access_log)
    finally:
        shutil.rmtree(pages_dir, ignore_errors=True)
