"""POST /articles under hostile input: every refusal is a 4xx with a reason, every bad record of an upload is
reported, and what is stored is built exactly as `newsweave ingest` builds it."""

from __future__ import annotations

import json
import sqlite3

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient

from newsweave.api import create_app
from newsweave.ingest import read_inputs
from newsweave.ingest.seedtext import SEED_HEADER
from newsweave.store import Store

TOKEN = "hostile-post-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
GOOD = "The harbour ferry resumed its crossings on Tuesday, the port authority said."


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "post.db"
    Store(path, create=True).close()
    return path


@pytest.fixture()
def client(db):
    with TestClient(create_app(db, token=TOKEN), raise_server_exceptions=False) as c:
        yield c


def _stored(db) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT text, published, outlet, wire, origin FROM articles ORDER BY id").fetchall()


def test_lone_surrogate_is_refused_with_a_reason(client, db):
    body = b'{"text": "A report \\ud800 with half a character.", "outlet": "Harbour Times"}'
    r = client.post("/articles", content=body, headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 400, r.text
    assert "surrogate" in r.json()["error"] and "'text'" in r.json()["error"]
    assert _stored(db) == []


def test_lone_surrogate_in_an_extra_field_is_refused(client, db):
    body = b'{"text": "' + GOOD.encode() + b'", "tags": ["ok", {"k": "\\udfff"}]}'
    r = client.post("/articles", content=body, headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 400 and "'tags'" in r.json()["error"]
    assert _stored(db) == []


def test_bad_rows_of_an_upload_are_reported_one_by_one(client, db):
    rows = (b"id,published,text\n1,2025-10-17,First report of the ferry.\n2,2025-10-17 lol; DROP,Second report.\n"
            b"3,2025-10-18,\n4,9999-12-31,A report from the far future.\n5,2025-10-19,Last report of the ferry.\n")
    r = client.post("/articles", files={"file": ("rows.csv", rows, "text/csv")}, headers=AUTH)
    assert r.status_code == 201, r.text
    answer = r.json()
    assert answer["new"] == 2
    assert [e["origin"] for e in answer["errors"]] == ["rows.csv:3", "rows.csv:4", "rows.csv:5"]
    assert "lol; DROP" in answer["errors"][0]["reason"] and "1800" in answer["errors"][2]["reason"]
    assert [row[0] for row in _stored(db)] == ["First report of the ferry.", "Last report of the ferry."]


def test_an_upload_with_only_bad_rows_is_a_400_listing_them(client, db):
    lines = b'{"text": ""}\n{not json\n'
    r = client.post("/articles", files={"file": ("bad.jsonl", lines, "application/x-ndjson")}, headers=AUTH)
    assert r.status_code == 400, r.text
    assert [e["origin"] for e in r.json()["errors"]] == ["bad.jsonl:1", "bad.jsonl:2"]
    assert _stored(db) == []


def test_two_file_parts_are_both_stored(client, db):
    first = json.dumps({"text": "The first upload's article about the ferry."}).encode() + b"\n"
    second = b"date 2025-10-17\n\nThe second upload's article about the bridge."
    r = client.post("/articles", files=[("file", ("one.jsonl", first, "application/x-ndjson")),
                                        ("file", ("two.txt", second, "text/plain"))], headers=AUTH)
    assert r.status_code == 201, r.text
    assert r.json()["new"] == 2
    stored = _stored(db)
    assert [row[0] for row in stored] == ["The first upload's article about the ferry.",
                                          "The second upload's article about the bridge."]
    assert [row[4] for row in stored] == ["one.jsonl:1", "two.txt"]  # the sender's names, not a temporary path


def test_a_deeply_nested_body_is_a_400(client, db):
    r = client.post("/articles", content=b"[" * 100_000 + b"]" * 100_000,
                    headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 400, r.text[:300]
    assert "nested" in r.json()["error"]


def test_a_deeply_nested_field_is_a_400(client, db):
    body = b'{"text": "' + GOOD.encode() + b'", "meta": ' + b"[" * 500 + b"]" * 500 + b"}"
    r = client.post("/articles", content=body, headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 400 and "nested" in r.json()["error"]


@pytest.mark.parametrize("ctype", ["application/jsonx", "application/json-patch+json", "text/plain",
                                   "application/x-www-form-urlencoded", ""])
def test_other_content_types_are_a_415(client, db, ctype):
    r = client.post("/articles", content=json.dumps({"text": GOOD}).encode(), headers={**AUTH, "Content-Type": ctype})
    assert r.status_code == 415, (ctype, r.status_code)
    assert _stored(db) == []


def test_json_with_parameters_is_json(client, db):
    r = client.post("/articles", content=json.dumps({"text": GOOD}).encode(),
                    headers={**AUTH, "Content-Type": "Application/JSON; charset=utf-8"})
    assert r.status_code == 201, r.text


@pytest.mark.parametrize("published", ["2025-10-17 lol; DROP", "2025-10-17'; DROP TABLE articles; --", "9999-12-31",
                                       "0001-01-01", "x" * 10_000, 12.5])
def test_bad_dates_are_a_400(client, db, published):
    r = client.post("/articles", json={"text": GOOD, "published": published}, headers=AUTH)
    assert r.status_code == 400, r.text
    assert len(r.json()["error"]) < 500
    assert _stored(db) == []


def test_dates_are_read_as_ingest_reads_them(client, db):
    r = client.post("/articles", json=[{"text": GOOD, "published": "2025-10-17T09:30:00+03:00"},
                                       {"text": "A second report.", "published": "17 October 2025"}], headers=AUTH)
    assert r.status_code == 201, r.text
    assert [row[1] for row in _stored(db)] == ["2025-10-17", "2025-10-17"]


def test_post_builds_the_article_as_ingest_does(client, db, seeds_dir):
    """The TASS seed POSTed as JSON is stored with the outlet, wire and date that `ingest` gives it."""
    seed = next(p for p in sorted(seeds_dir.iterdir()) if "/TASS/" in p.read_text(encoding="utf-8"))
    ingested = next(iter(read_inputs([str(seed)])))
    body = seed.read_text(encoding="utf-8")
    header = SEED_HEADER.match(body)
    r = client.post("/articles", json={"text": body[header.end():].strip(), "published": header["date"]}, headers=AUTH)
    assert r.status_code == 201, r.text
    (_, published, outlet, wire, _origin), = _stored(db)
    assert (published, outlet, wire) == (ingested.published.isoformat(), ingested.outlet, ingested.wire)
    assert wire == "TASS" and outlet == "TASS"


def test_an_upload_that_decompresses_past_the_limit_stops_there(db):
    import gzip

    from newsweave.ingest import read_upload

    good = json.dumps({"text": GOOD}).encode() + b"\n"
    bomb = gzip.compress(good + (b" " * 999 + b"\n") * 3000 + good)  # 3 MB of blank lines, 20 KB gzipped
    items = list(read_upload(bomb, "bomb.jsonl.gz", max_file_bytes=1_000_000))
    assert [type(i).__name__ for i in items] == ["Article", "IngestError"]
    assert "1 MB limit" in items[1].reason and items[1].origin.startswith("bomb.jsonl.gz:")


def test_one_id_for_two_texts_in_one_body_is_a_400(client, db):
    r = client.post("/articles", json=[{"id": "x-1", "text": GOOD}, {"id": "x-1", "text": "Another text entirely."}],
                    headers=AUTH)
    assert r.status_code == 400 and "article 1" in r.json()["error"] and "x-1" in r.json()["error"]
    assert _stored(db) == []
