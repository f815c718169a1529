"""One article never stops `process` for the whole store.

The reported articles ("the probe will arrive in 9000 years", "tomorrow" in an article dated 9999-12-31,
"yesterday" in one dated 0001-01-01) crashed every run of `newsweave process` on the same article, and
the rest of the store was never processed. They now process. An article that still fails — here one
that a registered stage cannot read, or whose mentions make the linker raise — is recorded with its
error (``newsweave failures``), skipped by a plain rerun, tried again by ``--retry-failed``, and
reported by ``check``; the rest of its batch is stored and linked. Real stores, the real model.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from newsweave.extract.pipeline import stage
from newsweave.jobs import LINK_STAGE, process_store
from newsweave.model import Article, Mention
from newsweave.settings import DEFAULT_STAGES, Settings
from newsweave.store import Store
from newsweave.store.check import check_store

pytestmark = pytest.mark.slow

BREAKS_STAGE = "tests.breaks_on_marker.v1"
BAD_MENTION = "tests.bad_mention_on_marker.v1"
MARKER = "Zanzibarian"


@stage(BREAKS_STAGE, requires=("doc",), assigns=())
def _breaks(ex, settings):
    """A stage with a bug: it cannot read articles that name the marker word."""
    if MARKER in ex.article.text:
        raise KeyError(f"no rule for {MARKER}")


@stage(BAD_MENTION, requires=("mentions",), assigns=())
def _bad_mention(ex, settings):
    """A stage with a bug that only linking notices: a mention without text."""
    if MARKER in ex.article.text:
        ex.mentions.append(Mention(start=0, end=3, text=None, label="PERSON"))


def _articles():
    return [
        Article(id="ok1", text="The minister met union leaders in Paris on Tuesday, the ministry said.",
                published=date(2025, 10, 14), outlet="Example Post"),
        Article(id="far", text="The agency said on Monday that the probe will arrive in 9000 years.",
                published=date(2025, 10, 15), outlet="Example Times"),
        Article(id="last", text="The launch is tomorrow, the agency said in a statement.",
                published=date(9999, 12, 31), outlet="Example Times"),
        Article(id="first", text="The launch was yesterday, the agency said in a statement.",
                published=date(1, 1, 1), outlet="Example Post"),
        Article(id="marked", text=f"{MARKER} officials met the minister in Paris on Wednesday, he said.",
                published=date(2025, 10, 16), outlet="Example Post"),
        Article(id="ok2", text="The union leaders said on Thursday that the strike in Paris would go on.",
                published=date(2025, 10, 17), outlet="Example Times"),
    ]


def _store(tmp_path) -> tuple[Store, dict[str, int]]:
    store = Store(tmp_path / "s.db")
    ids = {a.id: store.add_article(a).article_id for a in _articles()}
    return store, ids


def _processed(store) -> set[int]:
    return {r[0] for r in store.db.execute("SELECT id FROM articles WHERE processed_at IS NOT NULL")}


def test_the_reported_dates_process_from_the_command_line(tmp_path):
    """Through the CLI as a user runs it: all of the store is processed, no traceback, nothing failed."""
    rows = [{"id": a.id, "text": a.text, "published": a.published.isoformat(), "outlet": a.outlet}
            for a in _articles() if a.id in ("ok1", "far", "ok2")]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = tmp_path / "cli.db"
    env = {**os.environ, "NEWSWEAVE_DB": str(db)}

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "newsweave.cli", *args], env=env, capture_output=True, check=False,
                              text=True, timeout=300)

    assert cli("ingest", str(path)).returncode == 0
    done = cli("process")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "3 processed" in done.stderr
    listed = cli("failures", "--json")
    assert listed.returncode == 0 and json.loads(listed.stdout) == []
    with Store(db) as store:
        assert len(_processed(store)) == 3
        far = store.db.execute("SELECT id FROM articles WHERE ext_id = 'far'").fetchone()[0]
        assert store.db.execute("SELECT count(*) FROM article_story WHERE article_id = ?", (far,)).fetchone()[0] == 1


def test_dates_at_the_ends_of_the_calendar_process(tmp_path):
    """Articles stored through the library with dates ingest now refuses (older stores hold them)."""
    store, ids = _store(tmp_path)
    report = process_store(store, Settings())
    assert report.failed == []
    assert _processed(store) == set(ids.values())
    assert check_store(store).ok


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_stage_is_recorded_and_the_rest_processed(tmp_path, workers):
    store, ids = _store(tmp_path)
    settings = Settings(workers=workers, stages=(*DEFAULT_STAGES, BREAKS_STAGE))
    report = process_store(store, settings)
    assert [f["article_id"] for f in report.failed] == [ids["marked"]]
    assert report.failed[0]["stage"] == BREAKS_STAGE and report.failed[0]["error"] == "KeyError"
    assert _processed(store) == set(ids.values()) - {ids["marked"]}
    [row] = store.process_failures()
    assert (row["article_id"], row["ext_id"], row["attempts"]) == (ids["marked"], "marked", 1)
    assert MARKER in row["message"] and row["failed_at"]
    # nothing of the failed article is stored
    assert store.db.execute("SELECT count(*) FROM mentions WHERE article_id = ?", (ids["marked"],)).fetchone()[0] == 0

    # a plain rerun does not try it again
    assert process_store(store, settings).processed == 0
    assert store.process_failures()[0]["attempts"] == 1
    # --retry-failed does; it fails again and counts the attempt
    again = process_store(store, settings, retry_failed=True)
    assert again.processed == 0 and len(again.failed) == 1
    assert store.process_failures()[0]["attempts"] == 2
    # once the stage is fixed (here: left out), a retry processes it and the record goes
    fixed = process_store(store, Settings(workers=workers), retry_failed=True)
    assert fixed.processed == 1 and fixed.failed == []
    assert store.process_failures() == []
    assert _processed(store) == set(ids.values())
    assert check_store(store).ok


def test_a_failing_link_rolls_back_only_its_article(tmp_path):
    store, ids = _store(tmp_path)
    settings = Settings(stages=(*DEFAULT_STAGES, BAD_MENTION))
    report = process_store(store, settings)  # one batch: the failure is in the middle of it
    assert [(f["article_id"], f["stage"]) for f in report.failed] == [(ids["marked"], LINK_STAGE)]
    assert report.processed == len(ids) - 1
    linked = {r[0] for r in store.db.execute("SELECT article_id FROM article_story")}
    assert linked == set(ids.values()) - {ids["marked"]}
    # the linker's stored state knows nothing of the failed article (it joined a story in memory first)
    marked = str(ids["marked"])
    for (record,) in store.db.execute("SELECT record FROM link_records"):
        assert f'"{marked}"' not in record
    assert check_store(store).ok
    # the stored linker state goes on: the failed article, retried without the bug, links
    fixed = process_store(store, Settings(), retry_failed=True)
    assert fixed.processed == 1 and store.process_failures() == []
    assert store.db.execute("SELECT count(*) FROM article_story WHERE article_id = ?",
                            (ids["marked"],)).fetchone()[0] == 1


def _linked_rows(store) -> tuple[list, list]:
    mentions = store.db.execute(
        'SELECT a.ext_id, m.start, m."end", m.entity_id FROM mentions m JOIN articles a ON a.id = m.article_id'
        " ORDER BY 1, 2, 3").fetchall()
    stories = store.db.execute("SELECT a.ext_id, s.story_id FROM article_story s JOIN articles a ON a.id = s.article_id"
                               " ORDER BY 1").fetchall()
    return [tuple(r) for r in mentions], [tuple(r) for r in stories]


def test_a_batch_redone_without_its_failed_article_links_as_if_it_had_never_been_there(tmp_path):
    """The redo after a failing link gives every other article the entity ids and stories of a run
    that never saw the failed article (none of the first pass's ids survive on the extractions)."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    failed, _ = _store(tmp_path / "a")
    process_store(failed, Settings(stages=(*DEFAULT_STAGES, BAD_MENTION)))
    clean = Store(tmp_path / "b" / "s.db")
    for a in _articles():
        if a.id != "marked":
            clean.add_article(a)
    process_store(clean, Settings())
    assert _linked_rows(failed) == _linked_rows(clean)
    speakers = "SELECT a.ext_id, t.seq, t.speaker_entity_id FROM attributions t JOIN articles a ON a.id = t.article_id ORDER BY 1, 2"
    assert failed.db.execute(speakers).fetchall() == clean.db.execute(speakers).fetchall()


def test_failures_are_listed_and_checked_from_the_command_line(tmp_path):
    from click.testing import CliRunner

    from newsweave.cli import cli

    store, ids = _store(tmp_path)
    process_store(store, Settings(stages=(*DEFAULT_STAGES, BREAKS_STAGE)))
    store.close()
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    listed = runner.invoke(cli, ["--db", db, "failures", "--json"])
    assert listed.exit_code == 0
    [row] = json.loads(listed.output)
    assert row["article_id"] == ids["marked"] and row["error"] == "KeyError" and row["stage"] == BREAKS_STAGE
    text = runner.invoke(cli, ["--db", db, "failures"])
    assert f"article {ids['marked']}" in text.output and "--retry-failed" in text.output
    checked = runner.invoke(cli, ["--db", db, "check"])
    assert checked.exit_code == 0  # a failed article is no fault of the store
    assert "1 articles could not be processed" in checked.output
    assert json.loads(runner.invoke(cli, ["--db", db, "check", "--json"]).output)["failed_articles"] == 1


def test_extract_writes_every_line_when_a_stage_fails_on_one(tmp_path):
    # The contract promises one output line per input line: the broken article is written with nothing
    # found, named in the report, and the other articles are extracted and linked as usual.
    from newsweave.contract import extract_file

    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": a.id, "text": a.text, "published": "2025-10-16"}) + "\n"
                           for a in _articles() if a.id in ("ok1", "marked", "ok2")), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    report = extract_file(src, out, Settings(stages=(*DEFAULT_STAGES, BREAKS_STAGE)))
    rows = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert set(rows) == {"ok1", "marked", "ok2"} and report.written == 3
    assert rows["marked"]["entities"] == [] and rows["marked"]["story_id"]
    assert rows["ok1"]["entities"] and rows["ok2"]["timexes"]
    assert len(report.errors) == 1 and "tests.breaks_on_marker.v1" in str(report.errors[0])
