"""What the web app refuses before any view runs, and what its pages refuse to link.

* **Host names.** A page on another site can point its own DNS name at 127.0.0.1 ("DNS rebinding")
  and then read a loopback server as if it were same-origin. The browser still sends that name in the
  ``Host`` header, so the app answers only the names it was bound to, the loopback names
  (``localhost``, ``127.0.0.1``, ``[::1]``) and those allowed on purpose (``serve --allow-host``,
  ``NEWSWEAVE_ALLOWED_HOSTS``); any other ``Host`` gets 400. ``*`` allows every name.
* **Static paths.** A NUL byte (``/static/style.css%00.py``) is not part of any file name: 404.
* **Links.** A stored URL is a link only when it is ``http://`` or ``https://``; ``javascript:``,
  ``data:`` and anything else is shown as text.
"""

from __future__ import annotations

import json
import os
import re
import socket
from collections.abc import Iterable

from starlette.staticfiles import StaticFiles

__all__ = ["ALLOWED_HOSTS_ENV", "LOOPBACK_NAMES", "AllowedHosts", "SafeStaticFiles", "allowed_host_names",
           "exposure_warning", "web_link"]

ALLOWED_HOSTS_ENV = "NEWSWEAVE_ALLOWED_HOSTS"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
_WILDCARD_BINDS = ("0.0.0.0", "::", "")
_WEB_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+\Z", re.IGNORECASE)


def web_link(url: object) -> bool:
    """Whether a stored URL may be rendered as a link: ``http(s)://`` with no white space or control
    characters (browsers drop those inside a scheme, so ``java\\tscript:`` would run)."""
    return isinstance(url, str) and bool(_WEB_URL.match(url))


def _host_name(value: str) -> str:
    """A ``Host`` header or a configured name without its port, brackets, case and trailing dot."""
    value = value.strip().lower()
    if value.startswith("["):
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def allowed_host_names(bind_host: str, extra: Iterable[str] = ()) -> list[str]:
    """The ``Host`` names ``serve`` answers when bound to ``bind_host``: the bound name, the loopback
    names, ``extra`` and ``NEWSWEAVE_ALLOWED_HOSTS`` (comma-separated). Bound to every interface
    (0.0.0.0, ::), the machine's own name and addresses are added, as clients will use those."""
    names = [bind_host, *LOOPBACK_NAMES, *extra]
    names += [name for name in os.environ.get(ALLOWED_HOSTS_ENV, "").split(",")]
    if bind_host in _WILDCARD_BINDS:
        hostname = socket.gethostname()
        names += [hostname, socket.getfqdn()]
        try:
            names += [info[4][0] for info in socket.getaddrinfo(hostname, None)]
        except OSError:  # a machine whose own name does not resolve
            pass
    seen: dict[str, None] = {}
    for name in names:
        normal = _host_name(name) if name.strip() != "*" else "*"
        if normal and normal not in _WILDCARD_BINDS:
            seen.setdefault(normal, None)
    return list(seen)


def exposure_warning(bind_host: str) -> str | None:
    """A warning for ``serve`` when the server will be reachable from other machines, else None."""
    if _host_name(bind_host) in LOOPBACK_NAMES or bind_host.startswith("127."):
        return None
    where = "every network interface" if bind_host in _WILDCARD_BINDS else bind_host
    return (f"warning: listening on {where}: anyone who can reach this machine can read every stored article "
            "(and write, with the token). Prefer the default 127.0.0.1 behind a reverse proxy with TLS; "
            "--allow-host names the host names clients may use")


class AllowedHosts:
    """ASGI middleware answering 400 to a request whose ``Host`` header is not an allowed name."""

    def __init__(self, app, names: Iterable[str]):
        self.app = app
        self.names = frozenset(_host_name(n) if n != "*" else "*" for n in names)

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket") or "*" in self.names:
            return await self.app(scope, receive, send)
        given = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"), "")
        if _host_name(given) in self.names:
            return await self.app(scope, receive, send)
        if scope["type"] == "websocket":
            return await send({"type": "websocket.close", "code": 1008})
        message = (f"this server does not answer to the host name {json.dumps(given[:100])}: start it with "
                   f"`newsweave serve --allow-host NAME` (or set {ALLOWED_HOSTS_ENV}) to allow it")
        body = json.dumps({"error": message, "status": 400}).encode("utf-8")
        await send({"type": "http.response.start", "status": 400,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


class SafeStaticFiles(StaticFiles):
    """Starlette's static files, with a NUL byte in the path a plain 404 (``os.stat`` raises on it)."""

    def lookup_path(self, path: str):
        if "\x00" in path:
            return "", None
        return super().lookup_path(path)
