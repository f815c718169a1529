"""End to end through the CLI: ingest the seeds (twice), process, list stories, bad inputs named."""

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def nw(db: Path, *args, input: bytes | None = None):
    env = {**os.environ, "NEWSWEAVE_DB": str(db)}
    return subprocess.run([sys.executable, "-m", "newsweave.cli", *args], capture_output=True, env=env,
                          input=input, timeout=600)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "nw.db"


def test_ingesting_the_seeds_twice_stores_two_articles(db, seeds_dir):
    first = nw(db, "ingest", str(seeds_dir))
    assert first.returncode == 0, first.stderr
    assert b"2 new, 0 duplicate, 0 failed" in first.stderr
    again = nw(db, "ingest", str(seeds_dir))
    assert b"0 new, 2 duplicate, 0 failed" in again.stderr
    from newsweave.store import Store

    with Store(db, create=False) as store:
        arts = [a for _, a in store.articles()]
    assert len(arts) == 2
    assert {a.published.isoformat() for a in arts} == {"2025-10-17"}
    assert {a.wire for a in arts} == {"AFP", "TASS"}


def test_bad_inputs_are_named_and_good_files_still_stored(db, tmp_path, seeds_dir):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.bin").write_bytes(bytes(range(256)) * 4)
    (bad / "lines.jsonl").write_text('{"text": "A good line about the river.", "published": "2026-03-03"}\n'
                                     '{"text": broken\n', encoding="utf-8")
    (bad / "nocol.csv").write_text("headline,date\nA,2026-03-03\n", encoding="utf-8")
    (bad / "cp.txt").write_bytes(b"date 2026-03-03\nCaf\xe9 owners said \xff\xfe the rent rose.")
    (bad / "baddate.txt").write_text("date 2026-13-45\nA body.\n", encoding="utf-8")
    (bad / "trunc.jsonl.gz").write_bytes(gzip.compress(b'{"text": "x"}\n' * 50)[:40])
    proc = nw(db, "ingest", str(bad), str(seeds_dir))
    err = proc.stderr.decode()
    assert proc.returncode == 0, err
    for name, line in [("empty.txt", None), ("binary.bin", None), ("lines.jsonl", 2), ("nocol.csv", None),
                       ("baddate.txt", 1), ("trunc.jsonl.gz", None)]:
        where = f"{bad / name}:{line}" if line else str(bad / name)
        assert any(ln.startswith("failed: " + where) for ln in err.splitlines()), (name, err)
    from newsweave.store import Store

    with Store(db, create=False) as store:
        texts = [a.text for _, a in store.articles()]
    assert "A good line about the river." in texts
    assert sum("Putin" in t for t in texts) == 2  # both seeds stored despite the bad files beside them


def test_stdin_is_read(db):
    line = json.dumps({"text": "Dock workers walked out on Monday.", "published": "2026-03-02", "outlet": "X"})
    proc = nw(db, "ingest", "-", input=(line + "\n").encode())
    assert proc.returncode == 0 and b"1 new" in proc.stderr, proc.stderr


def test_unknown_story_is_an_error_on_stderr(db, seeds_dir):
    nw(db, "ingest", str(seeds_dir))
    proc = nw(db, "show", "no-such-story")
    assert proc.returncode == 1 and proc.stderr.startswith(b"error: no story")
    missing = nw(tmp := db.with_name("absent.db"), "stories")
    assert missing.returncode == 1 and str(tmp).encode() in missing.stderr


@pytest.mark.slow
def test_process_then_stories_json_lists_the_seed_story(db, seeds_dir):
    assert nw(db, "ingest", str(seeds_dir)).returncode == 0
    proc = nw(db, "process")
    assert proc.returncode == 0, proc.stderr
    again = nw(db, "process")
    assert b"0 processed" in again.stderr  # resumable: nothing left to do
    stories = json.loads(nw(db, "stories", "--json").stdout)
    assert len(stories) == 1
    (story,) = stories
    assert story["article_count"] == 2 and story["first"] == story["last"] == "2025-10-17"
    shown = json.loads(nw(db, "show", story["id"], "--json").stdout)
    assert shown["quotes"] and shown["timexes"] and shown["entities"]
    found = json.loads(nw(db, "search", "Budapest", "--json").stdout)
    assert len(found) == 2 and all("[Budapest]" in r["snippet"] for r in found)
    quotes = json.loads(nw(db, "quotes", "--speaker", "Ushakov", "--json").stdout)
    assert quotes
    out = db.with_name("quotes.csv")
    assert nw(db, "export", "--format", "csv", "--table", "quotes", "-o", str(out)).returncode == 0
    assert out.read_text().startswith("article_id,")


@pytest.mark.slow
def test_process_with_two_workers_stores_what_one_worker_stores(tmp_path, seeds_dir, demo_path):
    results = []
    for workers in ("1", "2"):
        db = tmp_path / f"w{workers}.db"
        assert nw(db, "ingest", str(seeds_dir), str(demo_path)).returncode == 0
        proc = nw(db, "process", "--workers", workers, "--batch-size", "4")
        assert proc.returncode == 0, proc.stderr
        stories = json.loads(nw(db, "stories", "--json").stdout)
        quotes = json.loads(nw(db, "quotes", "--json").stdout)
        results.append((sorted(sorted(a["id"] for a in s["articles"]) for s in stories),
                        [(q["article_id"], q["start"], q["end"], q["speaker_name"]) for q in quotes]))
    assert results[0] == results[1]
