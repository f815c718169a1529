"""Crash safety: ingest + process killed with SIGKILL at 20 random points, then re-run to the end.

Every article must end up stored exactly once and fully processed, with no half-written rows and a
store that `newsweave check` finds intact.
"""

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time

import pytest

from newsweave.store import Store
from newsweave.store.check import check_store

KILLS = 20


def _corpus(shared_dir, path, n=60):
    rows = []
    with open(shared_dir / "data" / "attribution" / "polnear-dev.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            rows.append({"id": d["id"], "text": d["text"][:3000], "published": d["published"], "outlet": d["outlet"]})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows[:n]), encoding="utf-8")
    return len(rows[:n])


def _start(db, *args, stdin=None):
    env = {**os.environ, "NEWSWEAVE_DB": str(db)}
    return subprocess.Popen([sys.executable, "-m", "newsweave.cli", "-q", *args], env=env, stdin=stdin,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _trickle(proc, lines, pause):
    """Feed an ingest's stdin a line at a time, so it is still at work whatever the machine's speed."""
    try:
        for line in lines:
            proc.stdin.write(line)
            proc.stdin.flush()
            time.sleep(pause)
        proc.stdin.close()
    except (BrokenPipeError, ValueError, OSError):
        pass  # killed mid-stream: that is the point


@pytest.mark.slow
def test_twenty_sigkills_lose_and_duplicate_nothing(shared_dir, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    n = _corpus(shared_dir, corpus)
    lines = corpus.read_bytes().splitlines(keepends=True)
    db = tmp_path / "crash.db"
    rnd = random.Random(20)
    kills = attempts = 0
    while kills < KILLS:
        attempts += 1
        assert attempts < 10 * KILLS, "runs keep finishing before the kill: make the corpus larger"
        # Every third kill hits an ingest, the others a process run, at a random moment of each.
        # The ingest reads a stream fed slowly (committing every 3 articles), so the kill lands
        # mid-ingest on a fast machine as on a slow one; a process run takes tens of seconds.
        feeder = None
        if kills % 3 == 0:
            proc = _start(db, "ingest", "--batch-size", "3", "-", stdin=subprocess.PIPE)
            feeder = threading.Thread(target=_trickle, args=(proc, lines, 0.05), daemon=True)
            feeder.start()
            wait = rnd.uniform(0.3, 0.05 * len(lines) - 0.3)
        else:
            # A process run needs articles: finish any ingest a kill interrupted first (idempotent).
            assert _start(db, "ingest", str(corpus)).wait(timeout=300) == 0
            proc = _start(db, "process", "--batch-size", "4")
            wait = rnd.uniform(0.3, 4.0)
        time.sleep(wait)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            kills += 1
        else:
            # Finished before the kill: start over on a fresh store so the next kill hits real work.
            for suffix in ("", "-wal", "-shm"):
                p = db.with_name(db.name + suffix)
                if p.exists():
                    p.unlink()
        if feeder:
            feeder.join()
    for cmd in (("ingest", str(corpus)), ("process",)):
        done = _start(db, *cmd)
        assert done.wait(timeout=900) == 0, done.stderr.read()
    with Store(db, create=False) as store:
        assert store.count("articles") == n
        ext_ids = [a.id for _, a in store.articles()]
        assert len(set(ext_ids)) == n
        assert store.unprocessed_ids() == []
        assert store.db.execute("SELECT count(*) FROM article_story").fetchone()[0] == n
        # no half-written rows: every processed article's rows came from one transaction with its mark
        dup = store.db.execute(
            'SELECT article_id, start, "end", count(*) c FROM mentions GROUP BY article_id, start, "end", label, kind'
            " HAVING c > 1").fetchall()
        assert not dup
        report = check_store(store)
        assert report.ok and not report.problems, report.problems
