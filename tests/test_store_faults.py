"""The store under faults: a full disk, a killed export, a repair, two runs at once, a killed parent.

* A full disk (SQLite's ``max_page_count`` on a real store, or a small tmpfs where the test may mount
  one) says so and that nothing was lost — it printed raw tracebacks, and ``process`` hid the cause
  behind "cannot rollback" — and a rerun with room finishes the job.
* ``export -o F`` writes a temporary file and renames it: an export killed (or failing) half-way
  leaves the old F.
* ``check --repair`` exits 0 and says what it repaired when the repair worked (it exited 1 and said
  "run check --repair": an orphan row is also a broken foreign key, two problems for one repair).
* A second ``process`` on the same store refuses with a message naming the running one; a killed
  run leaves no lock behind.
* Worker processes die with a killed parent (they went on for seconds).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsweave.cli import cli
from newsweave.errors import StoreError, StoreFull
from newsweave.jobs import ingest_paths, process_store
from newsweave.model import Article
from newsweave.settings import Settings
from newsweave.store import Store
from newsweave.store.check import check_store


def _corpus(shared_dir, path: Path, n: int, chars: int = 3000) -> Path:
    rows = []
    with open(shared_dir / "data" / "attribution" / "polnear-dev.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            rows.append({"id": d["id"], "text": d["text"][:chars], "published": d["published"], "outlet": d["outlet"]})
            if len(rows) == n:
                break
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _env(db) -> dict:
    return {**os.environ, "NEWSWEAVE_DB": str(db)}


def _cli(db, *args, **kw):
    return subprocess.run([sys.executable, "-m", "newsweave.cli", *args], env=_env(db), capture_output=True,
                          text=True, timeout=600, check=False, **kw)


def _processed(store) -> int:
    return store.db.execute("SELECT count(*) FROM articles WHERE processed_at IS NOT NULL").fetchone()[0]


# ----------------------------------------------------------------------------- a full disk
def _limit(store, spare_pages: int) -> None:
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages + spare_pages}")


@pytest.mark.slow
def test_a_full_disk_during_process_loses_nothing(shared_dir, tmp_path):
    store = Store(tmp_path / "s.db")
    ingest_paths(store, [str(_corpus(shared_dir, tmp_path / "in.jsonl", 40))])
    _limit(store, 30)
    with pytest.raises(StoreFull, match="nothing was lost") as caught:
        process_store(store, Settings(batch_size=8))
    assert str(store.path) in str(caught.value)
    done = _processed(store)
    assert done < 40
    assert check_store(store).ok  # what was committed before is whole
    assert store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 40
    store.db.execute("PRAGMA max_page_count = 1073741823")  # room again: the rerun finishes the job
    report = process_store(store, Settings(batch_size=8))
    assert report.processed == 40 - done and _processed(store) == 40
    assert check_store(store).ok


def test_a_full_disk_during_ingest_stops_and_says_so(tmp_path):
    store = Store(tmp_path / "s.db")
    _limit(store, 5)
    big = [Article(id=str(i), text=f"Article number {i}. " + "The council met again on Monday. " * 300)
           for i in range(40)]
    from newsweave.jobs import ingest_articles

    # not "could not be stored" for every article of the file: the run stops at the first that does not fit
    with pytest.raises(StoreFull, match="nothing was lost"):
        ingest_articles(store, big, batch_size=4)
    stored = store.db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert stored % 4 == 0  # whole batches only
    assert check_store(store).ok


def _mount_tmpfs(where: Path, size: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    where.mkdir()
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True, check=False).returncode == 0


@pytest.mark.slow
def test_a_full_filesystem_from_the_command_line(shared_dir, tmp_path):
    """A real full filesystem: a 1.2 MB tmpfs (where the test runs as root and may mount one)."""
    small = tmp_path / "small"
    if not _mount_tmpfs(small, "1200k"):
        pytest.skip("needs root and mount to make a small filesystem; the max_page_count tests cover the rest")
    try:
        db = small / "s.db"
        data = _corpus(shared_dir, tmp_path / "in.jsonl", 60)
        (small / "pad").write_bytes(b"\0" * 300_000)
        ingested = _cli(db, "ingest", str(data))
        processed = _cli(db, "process")
        out = ingested.stderr + processed.stderr
        assert "Traceback" not in out and "cannot rollback" not in out
        assert processed.returncode == 1 or ingested.returncode == 1
        assert "the disk is full" in out and "nothing was lost" in out
        assert _cli(db, "check").returncode == 0
    finally:
        subprocess.run(["umount", "-l", str(small)], capture_output=True, check=False)  # -l: even while busy


# ----------------------------------------------------------------------------- export
def _store_with_text(path: Path, n: int, size: int) -> None:
    with Store(path) as store, store.atomic():
        for i in range(n):
            store.add_article(Article(id=str(i), text=f"Article {i}. " + "x" * size))


def test_a_failing_export_leaves_the_old_file(tmp_path):
    from newsweave.errors import ConfigError
    from newsweave.exporting import export_table

    _store_with_text(tmp_path / "s.db", 3, 100)
    out = tmp_path / "out.jsonl"
    out.write_text("the good old export\n", encoding="utf-8")
    with Store(tmp_path / "s.db") as store, pytest.raises(ConfigError):
        export_table(store, "articles", "xml", out)
    assert out.read_text(encoding="utf-8") == "the good old export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []  # no temporary left
    os.chmod(out, 0o640)
    with Store(tmp_path / "s.db") as store:
        assert export_table(store, "articles", "jsonl", out) == 3
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    assert out.stat().st_mode & 0o777 == 0o640  # the replaced file keeps its permissions


def test_a_killed_export_leaves_the_old_file(tmp_path):
    db = tmp_path / "s.db"
    _store_with_text(db, 300, 30_000)
    out = tmp_path / "out.jsonl"
    old = "the good old export\n"
    out.write_text(old, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "newsweave.cli", "-q", "export", "-o", str(out)], env=_env(db))
    deadline = time.monotonic() + 60
    # kill it as soon as it has started writing: a temporary file, or (before) the output itself
    while time.monotonic() < deadline and proc.poll() is None:
        if any(p.name.startswith(".out.jsonl.") for p in tmp_path.iterdir()) or out.read_text("utf-8") != old:
            break
        time.sleep(0.001)
    assert proc.poll() is None, "the export finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert out.read_text(encoding="utf-8") == old


# ----------------------------------------------------------------------------- check --repair
def test_check_repair_exits_0_when_it_repaired(tmp_path):
    db = tmp_path / "s.db"
    with Store(db) as store:
        aid = store.add_article(Article(id="a", text="The council met on Monday.")).article_id
        store.db.execute("PRAGMA foreign_keys = OFF")
        store.db.execute("INSERT INTO article_story(article_id, story_id) VALUES (?, 's1')", (aid + 99,))
        store.db.execute("INSERT INTO copies(article_id, source_article_id, kind) VALUES (?, ?, 'wire')",
                         (aid + 98, aid))
    runner = CliRunner()
    found = runner.invoke(cli, ["--db", str(db), "check"])
    assert found.exit_code == 1 and "run `newsweave check --repair`" in found.output
    repaired = runner.invoke(cli, ["--db", str(db), "check", "--repair"])
    assert repaired.exit_code == 0, repaired.output
    assert "repaired: deleted 1 orphan article_story rows" in repaired.output
    assert "run `newsweave check --repair`" not in repaired.output
    assert repaired.output.rstrip().endswith("ok: repaired")
    assert runner.invoke(cli, ["--db", str(db), "check"]).output.strip() == "ok"
    report = json.loads(runner.invoke(cli, ["--db", str(db), "check", "--json"]).output)
    assert report["ok"] and report["remaining"] == []


# ----------------------------------------------------------------------------- two runs, killed runs
def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except (FileNotFoundError, ProcessLookupError):
        return []


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


@pytest.mark.slow
def test_a_second_process_run_refuses_and_a_killed_run_leaves_no_lock(shared_dir, tmp_path):
    db = tmp_path / "s.db"
    assert _cli(db, "-q", "ingest", str(_corpus(shared_dir, tmp_path / "in.jsonl", 30))).returncode == 0
    first = subprocess.Popen([sys.executable, "-m", "newsweave.cli", "-q", "process", "--batch-size", "4"],
                             env=_env(db), stderr=subprocess.PIPE, text=True)
    lock = Path(f"{db}.process-lock")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (lock.exists() and lock.read_text().strip()):
        time.sleep(0.05)
    second = _cli(db, "process")
    assert second.returncode == 1
    assert f"is being processed by `newsweave process` (pid {first.pid})" in second.stderr
    assert "Traceback" not in second.stderr
    # the library refuses the same way
    with Store(db) as store, pytest.raises(StoreError, match="being processed"):
        process_store(store)
    first.send_signal(signal.SIGKILL)  # killed mid-run: the OS drops its lock
    first.wait()
    again = _cli(db, "process")
    assert again.returncode == 0, again.stderr
    with Store(db) as store:
        assert _processed(store) == 30
        assert check_store(store).ok


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process tree from /proc (Linux)")
def test_workers_die_with_a_killed_parent(shared_dir, tmp_path):
    db = tmp_path / "s.db"
    # whole articles (~80k words): on a quiet machine 60 cut ones were done before the parent was killed
    assert _cli(db, "-q", "ingest", str(_corpus(shared_dir, tmp_path / "in.jsonl", 84, chars=10**6))).returncode == 0
    # large tasks (16 articles each) keep a worker busy for seconds after its parent is gone
    parent = subprocess.Popen([sys.executable, "-m", "newsweave.cli", "-q", "process", "--workers", "2",
                               "--batch-size", "64"], env=_env(db), stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(_children(parent.pid)) < 2:
        time.sleep(0.05)
    workers = _children(parent.pid)
    assert len(workers) >= 2
    time.sleep(6)  # the workers have loaded the model and are working
    assert all(_alive(w) for w in workers)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    gone = time.monotonic() + 1.0
    while time.monotonic() < gone and any(_alive(w) for w in workers):
        time.sleep(0.01)
    left = [w for w in workers if _alive(w)]
    for w in left:  # leave nothing running behind the test
        os.kill(w, signal.SIGKILL)
    assert not left, "worker processes outlived their killed parent"



def test_post_articles_on_a_full_disk_answers_507(tmp_path):
    """The web's write route on a real full filesystem (where the test may mount one)."""
    from starlette.testclient import TestClient

    from newsweave.api import create_app

    small = tmp_path / "small"
    if not _mount_tmpfs(small, "1200k"):
        pytest.skip("needs root and mount to make a small filesystem")
    try:
        db = small / "s.db"
        Store(db).close()
        room = shutil.disk_usage(small).free
        (small / "pad").write_bytes(b"\0" * max(0, room - 100_000))  # room to open the store, not for the articles
        app = create_app(db, token="s3cret")
        body = [{"text": f"Article {i}. " + "The council met again on Monday. " * 120, "published": "2025-10-17"}
                for i in range(20)]
        with TestClient(app) as client:
            answer = client.post("/articles", json=body, headers={"Authorization": "Bearer s3cret"})
        assert answer.status_code == 507, answer.text
        assert "nothing stored before was lost" in answer.json()["error"]
        assert str(small) not in answer.text
        with Store(db) as store:
            assert check_store(store).ok
    finally:
        subprocess.run(["umount", "-l", str(small)], capture_output=True, check=False)  # -l: even while busy
