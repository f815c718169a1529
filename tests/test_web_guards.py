"""What the web app refuses before a view runs: other sites' host names (DNS rebinding), NUL bytes in
static paths; what its pages refuse to link (stored javascript: and data: URLs); and the warning of a
server exposed beyond loopback. The last tests run `newsweave serve` as a real server on loopback."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient

from newsweave.api import create_app
from newsweave.api.guards import (
    ALLOWED_HOSTS_ENV,
    allowed_host_names,
    exposure_warning,
    web_link,
)
from newsweave.model import Article
from newsweave.store import Store

HOSTILE_URLS = ["javascript:alert(document.domain)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
                "java\tscript:alert(1)", "java\nscript:alert(1)", "data:text/html,<script>alert(1)</script>",
                "vbscript:msgbox(1)", "//evil.example/x", "http://ok.example/\njavascript:alert(1)"]


@pytest.fixture()
def store_with_urls(tmp_path):
    path = tmp_path / "urls.db"
    ids = {}
    with Store(path, create=True) as store:
        for n, url in enumerate([*HOSTILE_URLS, "https://news.example.org/2025/10/17/ferry"]):
            ids[url] = store.add_article(Article(text=f"Report number {n} about the harbour ferry.", url=url,
                                                 outlet=f"Outlet {n}")).article_id
    return path, ids


def test_only_http_urls_become_links(store_with_urls):
    path, ids = store_with_urls
    client = TestClient(create_app(path, token=None))
    for url in HOSTILE_URLS:
        page = client.get(f"/articles/{ids[url]}").text
        hrefs = re.findall(r'href="([^"]*)"', page)
        assert not [h for h in hrefs if not h.startswith(("/", "?", "https://news.example.org"))], (url, hrefs)
        assert "not a web address" in page, url
    page = client.get(f"/articles/{ids['https://news.example.org/2025/10/17/ferry']}").text
    assert 'href="https://news.example.org/2025/10/17/ferry"' in page


def test_web_link_rule():
    assert web_link("http://a.example/x") and web_link("HTTPS://a.example/x?q=1#y")
    assert not any(web_link(url) for url in [*HOSTILE_URLS, None, 17, "", "ftp://a.example/", "http:alert(1)"])


@pytest.mark.parametrize("path", ["/static/style.css%00.py", "/static/%00", "/static/style.css%00",
                                  "/static/..%00/app.py"])
def test_nul_in_a_static_path_is_404(tmp_path, path):
    Store(tmp_path / "s.db", create=True).close()
    client = TestClient(create_app(tmp_path / "s.db", token=None), raise_server_exceptions=False)
    assert client.get(path).status_code == 404
    assert client.get("/static/style.css").status_code == 200


@pytest.fixture()
def guarded(tmp_path, monkeypatch):
    monkeypatch.delenv(ALLOWED_HOSTS_ENV, raising=False)
    Store(tmp_path / "h.db", create=True).close()

    def make(bind="127.0.0.1", extra=()):
        return create_app(tmp_path / "h.db", token=None, allowed_hosts=allowed_host_names(bind, extra))

    return make


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.evil",
                                  "", "[::2]", "0.0.0.0"])
def test_other_host_names_get_400(guarded, host):
    client = TestClient(guarded(), base_url="http://placeholder")
    response = client.get("/index.json", headers={"host": host})
    assert response.status_code == 400, host
    assert "--allow-host" in response.json()["error"]
    assert response.headers["x-frame-options"] == "DENY"  # the security headers still apply


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "LOCALHOST.", "127.0.0.1:8000", "[::1]:8000"])
def test_loopback_names_are_answered(guarded, host):
    client = TestClient(guarded(), base_url="http://placeholder")
    assert client.get("/index.json", headers={"host": host}).status_code == 200, host


def test_allowed_names_from_the_option_and_the_environment(guarded, monkeypatch):
    app = guarded(extra=["news.example.org"])
    client = TestClient(app, base_url="http://placeholder")
    assert client.get("/index.json", headers={"host": "news.example.org:443"}).status_code == 200
    assert client.get("/index.json", headers={"host": "other.example.org"}).status_code == 400
    monkeypatch.setenv(ALLOWED_HOSTS_ENV, "other.example.org, third.example.org")
    client = TestClient(guarded(), base_url="http://placeholder")
    assert client.get("/index.json", headers={"host": "third.example.org"}).status_code == 200
    everyone = TestClient(guarded(extra=["*"]), base_url="http://placeholder")
    assert everyone.get("/index.json", headers={"host": "anything.example"}).status_code == 200


def test_bound_name_is_answered(guarded):
    client = TestClient(guarded(bind="newsbox.lan"), base_url="http://placeholder")
    assert client.get("/index.json", headers={"host": "newsbox.lan:8000"}).status_code == 200


def test_exposure_warning():
    assert exposure_warning("127.0.0.1") is None and exposure_warning("localhost") is None
    assert exposure_warning("::1") is None and exposure_warning("127.0.0.2") is None
    assert "every network interface" in exposure_warning("0.0.0.0")
    assert "every network interface" in exposure_warning("::")
    assert "192.168.1.5" in exposure_warning("192.168.1.5")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, host: str) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/index.json", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _serve(tmp_path, *args: str) -> tuple[subprocess.Popen, int]:
    Store(tmp_path / "srv.db", create=True).close()
    port = _free_port()
    env = {**os.environ, "NEWSWEAVE_DB": str(tmp_path / "srv.db")}
    env.pop(ALLOWED_HOSTS_ENV, None)
    env.pop("NEWSWEAVE_TOKEN", None)
    proc = subprocess.Popen([sys.executable, "-m", "newsweave.cli", "serve", "--port", str(port), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc, port
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.2)
    proc.kill()
    pytest.fail(f"the server did not start: {proc.communicate()[1][-2000:]}")


def _stop(proc: subprocess.Popen) -> str:
    proc.terminate()
    try:
        return proc.communicate(timeout=20)[1]
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.communicate()[1]


def test_served_on_all_interfaces_warns_and_checks_hosts(tmp_path):
    proc, port = _serve(tmp_path, "--host", "0.0.0.0", "--workers", "1", "--allow-host", "news.example.org")
    try:
        assert _get(port, f"localhost:{port}") == 200
        assert _get(port, "news.example.org") == 200
        assert _get(port, "rebound.evil.example") == 400
    finally:
        stderr = _stop(proc)
    assert "warning: listening on every network interface" in stderr


def test_served_with_workers_checks_hosts(tmp_path):
    proc, port = _serve(tmp_path, "--workers", "2")
    try:
        assert _get(port, f"127.0.0.1:{port}") == 200
        assert _get(port, "rebound.evil.example") == 400
    finally:
        stderr = _stop(proc)
    assert "warning" not in stderr
