"""The web API under generated input (schemathesis over /openapi.json): no input gives a 5xx.

The app runs in process (ASGI, no socket) over a store holding the demo articles, processed so
story, entity and search pages have content. It runs twice: read-only (no token; writes must be
refused with 403) and with a token, where half the generated requests carry it, so POST /articles is
exercised both authorised and not. Every response must match the documented schema: its status code,
its content type and its body (schemathesis' response-schema conformance), for generated requests and
for the pages of every story, article and entity in the store.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck
from hypothesis import settings as hsettings

TOKEN = "fuzz-token-0123456789"




@pytest.fixture(scope="module")
def store_path(tmp_path_factory, demo_path):
    from newsweave.jobs import ingest_paths, process_store
    from newsweave.store import Store

    db = tmp_path_factory.mktemp("api-fuzz") / "store.db"
    with Store(db, create=True) as store:
        ingest_paths(store, [str(demo_path)])
        process_store(store)
    return db


@pytest.fixture(scope="module")
def read_only_schema(store_path):
    from newsweave.api.app import create_app

    return schemathesis.openapi.from_asgi("/openapi.json", create_app(store_path, token=None))


@pytest.fixture(scope="module")
def writable_schema(store_path, tmp_path_factory):
    import shutil

    from newsweave.api.app import create_app

    db = tmp_path_factory.mktemp("api-fuzz-w") / "store.db"
    shutil.copy(store_path, db)  # the writable run adds articles; keep the read-only store as it was
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(db, token=TOKEN))


# Per operation and per mode (positive: valid by the schema; negative: violating it).
EXAMPLES_PER_OPERATION = 25
FUZZ = hsettings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def _no_server_error(response, case) -> None:
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} -> {response.status_code}\n{response.text[:2000]}"
    )


def _conforms(case, response) -> None:
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    case.validate_response(response, checks=[response_schema_conformance, status_code_conformance,
                                             content_type_conformance])


def _operations(schema) -> list:
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations, "the schema lists no operations"
    return operations


def _fuzz(schema, check) -> int:
    """Run ``check(case, response)`` on generated cases for every operation; returns how many ran."""
    from hypothesis import given
    from hypothesis import strategies as st
    from hypothesis.errors import Unsatisfiable

    ran = 0
    failures: list[str] = []

    def runner(strategy):
        @FUZZ
        @given(data=st.data())
        def run(data):
            nonlocal ran
            check(data.draw(strategy))
            ran += 1

        return run

    for operation in _operations(schema):
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):
            try:
                runner(operation.as_strategy(generation_mode=mode))()
            except Unsatisfiable:
                # An operation without parameters or body has no schema-violating input to make.
                assert mode == schemathesis.GenerationMode.NEGATIVE, operation
            except Exception as exc:  # noqa: BLE001 - gathered so one run reports every failing operation
                failures.append(f"{operation.label} ({mode.value}): {type(exc).__name__}: {str(exc)[:600]}")
    assert not failures, "\n\n".join(failures)
    return ran


@pytest.mark.slow  # the fixture store is processed with the spaCy model
def test_read_only_api_never_fails(read_only_schema):
    def check(case):
        response = case.call()
        _no_server_error(response, case)
        _conforms(case, response)
        if case.method.upper() not in ("GET", "HEAD"):
            assert response.status_code in (400, 401, 403, 404, 405, 413, 415, 422), (case.method, response.status_code)

    assert _fuzz(read_only_schema, check) > 0


@pytest.mark.slow
def test_writable_api_never_fails(writable_schema):
    def check(case):
        # Half with the right token, half without (or a generated one): both must end in 2xx/4xx,
        # and nothing is stored without the right token.
        authorised = hash((case.method, case.formatted_path, repr(case.body)[:200])) % 2 == 0
        headers = dict(case.headers or {})
        if authorised:
            headers["Authorization"] = f"Bearer {TOKEN}"
        case.headers = headers
        response = case.call()
        _no_server_error(response, case)
        _conforms(case, response)
        if case.method.upper() == "POST" and headers.get("Authorization") != f"Bearer {TOKEN}":
            assert response.status_code != 201, "an article was stored without the token"

    assert _fuzz(writable_schema, check) > 0


@pytest.mark.slow
def test_every_stored_page_matches_the_schema(read_only_schema, store_path):
    """Generated ids rarely name a stored story: the pages with content (timeline, quotes, plans) are
    checked against the schema one by one."""
    import sqlite3

    with sqlite3.connect(store_path) as con:
        ids = {"story_id": [r[0] for r in con.execute("SELECT id FROM stories")],
               "article_id": [r[0] for r in con.execute("SELECT id FROM articles")],
               "key": [r[0] for r in con.execute("SELECT id FROM entities ORDER BY id LIMIT 40")]}
    assert all(ids.values()), ids
    checked = 0
    for operation in _operations(read_only_schema):
        if operation.method.upper() != "GET":
            continue
        names = [name for name in ids if "{" + name + "}" in operation.path]
        if names:
            cases = [operation.Case(path_parameters={names[0]: value}) for value in ids[names[0]]]
        else:
            cases = [operation.Case(query={"q": "summit"} if "search" in operation.path else {})]
        for case in cases:
            response = case.call()
            assert response.status_code == 200, (case.formatted_path, response.status_code)
            _conforms(case, response)
            checked += 1
    assert checked > 10


# Hostile requests the generators reach only by chance: each must get an answer below 500, and
# none may leak a file or echo markup unescaped.
_PROBES = [
    "/articles/9223372036854775808.json", "/articles/9223372036854775808", "/articles/-9223372036854775809.json",
    "/articles/1e400.json", "/stories/%00.json", "/stories/..%2F..%2Fetc%2Fpasswd.json", "/entities/%E2%80%AE.json",
    "/search.json?q=%22", "/search.json?q=NEAR(a", "/search.json?q=*", "/search.json?q=a%20OR", "/search.json?q=%00",
    "/search.json?q=a&limit=-1", "/search.json?q=a&limit=99999999999999999999", "/search.json?q=a&offset=-1",
    "/stories.json?since=2025-02-30", "/stories.json?since=99999-01-01", "/stories.json?limit=abc",
    "/static/../app.py", "/static/..%2F..%2Fapi%2Fapp.py", "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "/search.json?q=" + "a" * 20_000,
]


@pytest.mark.parametrize("url", _PROBES)
def test_hostile_requests(tmp_path, url):
    from starlette.testclient import TestClient

    from newsweave.api.app import create_app
    from newsweave.store import Store

    Store(tmp_path / "store.db", create=True).close()
    client = TestClient(create_app(tmp_path / "store.db", token=None), raise_server_exceptions=False)
    response = client.get(url)
    assert response.status_code < 500, f"{url[:80]} -> {response.status_code}"
    assert "root:x:0:0" not in response.text
    assert "<script>alert(1)</script>" not in response.text
