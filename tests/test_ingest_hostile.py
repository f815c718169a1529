"""Hostile inputs that used to lose good records: each case is a real file in a temporary folder, and
the good records around the bad one must be stored (or the bad one reported, naming it)."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest

from newsweave.errors import IngestError
from newsweave.ingest import DateError, parse_date, read_inputs
from newsweave.model import Article

GOOD = "The council approved the new budget on Tuesday, officials said."
LATER = "The mayor signed the budget on Wednesday, her office said."


def _read(*paths) -> tuple[list[Article], list[IngestError]]:
    items = list(read_inputs([str(p) for p in paths]))
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, IngestError)])


def _line(record: dict) -> str:
    return json.dumps(record) + "\n"


@pytest.mark.parametrize("padding", ["\n" * 70_000, " " * 100_000, "\r\n" * 40_000 + "\t" * 30_000])
def test_blank_space_before_the_first_record_is_skipped(tmp_path, padding):
    path = tmp_path / "padded.jsonl"
    path.write_text(padding + _line({"text": GOOD, "published": "2025-10-17"}), encoding="utf-8")
    articles, errors = _read(path)
    assert not errors, errors
    assert [a.text for a in articles] == [GOOD]


def test_blank_lines_before_a_seed_header(tmp_path):
    path = tmp_path / "seed.txt"
    path.write_text("\n" * 70_000 + "date 2025-10-17\n\n" + GOOD + "\n", encoding="utf-8")
    articles, errors = _read(path)
    assert not errors, errors
    assert articles[0].published == date(2025, 10, 17)


def test_a_file_of_only_blank_space_is_still_empty(tmp_path):
    path = tmp_path / "blank.jsonl"
    path.write_text(" \n" * 100_000, encoding="utf-8")
    articles, errors = _read(path)
    assert not articles and len(errors) == 1 and "empty" in errors[0].reason


def test_huge_json_integer_fails_only_its_record(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(
        _line({"text": GOOD})
        + '{"text": "A record with a huge number.", "count": ' + "9" * 5000 + "}\n"
        + _line({"text": LATER}),
        encoding="utf-8",
    )
    articles, errors = _read(path)
    assert [a.text for a in articles] == [GOOD, LATER]
    assert len(errors) == 1 and errors[0].origin.endswith("big.jsonl:2")
    assert "digits" in errors[0].reason and "9999999999" not in errors[0].reason


def test_huge_json_integer_in_an_array_fails_only_its_item(tmp_path):
    path = tmp_path / "big.json"
    path.write_text(
        "[\n" + json.dumps({"text": GOOD}) + ",\n"
        + '{"text": "A record with a huge number.", "count": -' + "1" * 4400 + "},\n"
        + json.dumps({"text": LATER}) + "\n]\n",
        encoding="utf-8",
    )
    articles, errors = _read(path)
    assert [a.text for a in articles] == [GOOD, LATER]
    assert len(errors) == 1 and errors[0].origin.endswith("big.json:3")


@pytest.mark.parametrize("depth", [500, 900])
def test_deep_nesting_in_an_unmapped_field_fails_only_that_line(tmp_path, depth):
    from newsweave.jobs import ingest_paths
    from newsweave.store import Store

    path = tmp_path / "deep.jsonl"
    path.write_text(
        _line({"text": GOOD})
        + '{"text": "A deeply nested record.", "meta": ' + "[" * depth + "]" * depth + "}\n"
        + _line({"text": LATER}),
        encoding="utf-8",
    )
    with Store(tmp_path / "store.db", create=True) as store:
        report = ingest_paths(store, [str(path)])
        texts = [row[0] for row in store.db.execute("SELECT text FROM articles ORDER BY id")]
    assert texts == [GOOD, LATER]
    assert len(report.failed) == 1 and report.failed[0].origin.endswith("deep.jsonl:2")
    assert "nested" in report.failed[0].reason and "meta" in report.failed[0].reason


def test_non_utf8_file_name_is_ingested_and_named(tmp_path):
    from newsweave.jobs import ingest_paths
    from newsweave.store import Store

    folder = tmp_path / "in"
    folder.mkdir()
    raw_name = os.fsencode(folder) + b"/caf\xe9 \xff.txt"
    with open(raw_name, "wb") as out:
        out.write(GOOD.encode())
    (folder / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    articles, errors = _read(folder)
    assert [a.text for a in articles] == [GOOD]
    assert len(errors) == 1 and errors[0].origin.endswith("bad.jsonl:1")
    assert "caf\\xe9 \\xff.txt" in articles[0].origin
    with Store(tmp_path / "store.db", create=True) as store:
        report = ingest_paths(store, [str(folder)])
        assert report.new == 1, report.failed
        origins = [row[0] for row in store.db.execute("SELECT origin FROM articles")]
    assert origins == [articles[0].origin]
    # The id is stable: the same file read again gives the same article.
    assert _read(folder)[0][0].id == articles[0].id


def test_unreadable_subdirectory_is_reported(tmp_path):
    """Run as a user without rights on the subfolder (root reads every folder, so drop to nobody)."""
    # Not tmp_path: its parents are private to root, and the reader below runs as nobody.
    base = Path(tempfile.mkdtemp(prefix="nw-unreadable-"))
    try:
        os.chmod(base, 0o755)
        (base / "ok.txt").write_text(GOOD, encoding="utf-8")
        locked = base / "locked"
        locked.mkdir()
        (locked / "hidden.txt").write_text(LATER, encoding="utf-8")
        os.chmod(locked, 0)
        # Root reads every folder: the child imports what it needs, then drops to nobody before reading.
        script = (
            "import os, sys; from newsweave.ingest import read_inputs; from newsweave.errors import IngestError\n"
            "if os.geteuid() == 0: os.setgid(65534); os.setuid(65534)\n"
            "for i in read_inputs([sys.argv[1]]):\n"
            "    print('ERROR' if isinstance(i, IngestError) else 'ARTICLE', i.origin, getattr(i, 'reason', ''))\n"
        )
        done = subprocess.run([sys.executable, "-c", script, str(base)], capture_output=True, text=True,
                              timeout=60, check=True, cwd="/")
        lines = done.stdout.splitlines()
        assert any(line.startswith("ARTICLE") and "ok.txt" in line for line in lines), done.stdout
        failures = [line for line in lines if line.startswith("ERROR")]
        assert len(failures) == 1 and str(locked) in failures[0] and "permission" in failures[0], done.stdout
    finally:
        os.chmod(base / "locked", 0o755)
        shutil.rmtree(base)


def test_gzip_with_trailing_garbage_keeps_its_member(tmp_path):
    path = tmp_path / "tail.jsonl.gz"
    data = gzip.compress((_line({"text": GOOD}) + _line({"text": LATER})).encode())
    path.write_bytes(data + b"this is not gzip data, 40 bytes of junk!")
    articles, errors = _read(path)
    assert [a.text for a in articles] == [GOOD, LATER]
    assert len(errors) == 1 and "40 bytes" in errors[0].reason and "tail.jsonl.gz" in errors[0].origin


def test_gzip_of_two_members_and_zero_padding_reads_both(tmp_path):
    path = tmp_path / "two.jsonl.gz"
    path.write_bytes(gzip.compress(_line({"text": GOOD}).encode()) + gzip.compress(_line({"text": LATER}).encode())
                     + b"\0" * 512)
    articles, errors = _read(path)
    assert [a.text for a in articles] == [GOOD, LATER] and not errors


def test_truncated_gzip_is_still_reported(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    data = gzip.compress("".join(_line({"text": f"{GOOD} {n}"}) for n in range(2000)).encode())
    path.write_bytes(data[: len(data) // 2])
    articles, errors = _read(path)
    assert articles and len(errors) == 1 and "truncated" in errors[0].reason


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-be", "utf-16", "utf-16-be"])
def test_wide_encodings_with_bom_are_decoded(tmp_path, encoding):
    bom = {"utf-32-be": "\ufeff", "utf-16-be": "\ufeff"}.get(encoding, "")
    jsonl = tmp_path / f"wide-{encoding}.jsonl"
    jsonl.write_bytes((bom + _line({"text": GOOD}) + _line({"text": "Café crème, naïve résumé."})).encode(encoding))
    text = tmp_path / f"wide-{encoding}.txt"
    text.write_bytes((bom + "date 2025-10-17\n\n" + LATER).encode(encoding))
    articles, errors = _read(jsonl, text)
    assert not errors, errors
    assert [a.text for a in articles] == [GOOD, "Café crème, naïve résumé.", LATER]
    assert all("\x00" not in a.text for a in articles)


def test_cr_only_csv_is_read(tmp_path):
    path = tmp_path / "mac.csv"
    path.write_bytes(b"id,published,text\r1,2025-10-17,\"" + GOOD.encode() + b"\"\r2,2025-10-18,"
                     + LATER.replace(",", "").encode() + b"\r")
    articles, errors = _read(path)
    assert not errors, errors
    assert [a.published for a in articles] == [date(2025, 10, 17), date(2025, 10, 18)]
    assert articles[0].origin.endswith("mac.csv:2") and articles[1].origin.endswith("mac.csv:3")


def test_unparsable_date_is_echoed_truncated(tmp_path):
    path = tmp_path / "date.jsonl"
    path.write_text(_line({"text": GOOD, "published": "x" * 100_000}) + _line({"text": LATER}), encoding="utf-8")
    articles, errors = _read(path)
    assert [a.text for a in articles] == [LATER]
    assert len(errors) == 1 and len(errors[0].reason) < 400, len(errors[0].reason)
    assert "x" * 80 + "…" in errors[0].reason


@pytest.mark.parametrize("value", ["2025-10-17 lol; DROP", "2025-10-17; DROP TABLE articles", "17 October 2025 <script>",
                                   "1799-12-31", "0001-01-01", "9999-12-31"])
def test_dates_outside_the_sane_range_or_with_junk_are_refused(value):
    with pytest.raises(DateError):
        parse_date(value)


def test_dates_near_today_and_with_times_are_accepted():
    today = date.today()
    assert parse_date((today + timedelta(days=2)).isoformat()) == today + timedelta(days=2)
    assert parse_date("1800-01-01") == date(1800, 1, 1)
    for written in ("2025-10-17T09:30:00Z", "2025-10-17 09:30:00+03:00", "2025-10-17 09:30", "Fri, 17 Oct 2025 09:30:00 GMT",
                    "October 17, 2025 at 9:30 a.m. EDT", "17.10.2025 09:30", "2025/10/17 9:30 PM", "20251017T0930"):
        assert parse_date(written) == date(2025, 10, 17), written


def test_far_future_publication_date_is_refused_at_ingest(tmp_path):
    path = tmp_path / "future.jsonl"
    path.write_text(_line({"text": GOOD, "published": "9999-12-31"}) + _line({"text": LATER, "published": "0001-01-01"})
                    + _line({"text": "A third report of the vote.", "published": "2025-10-17"}), encoding="utf-8")
    articles, errors = _read(path)
    assert [a.text for a in articles] == ["A third report of the vote."]
    assert len(errors) == 2 and all("1800" in e.reason for e in errors)


def test_feed_dates_outside_the_range_are_dropped_not_stored(tmp_path):
    path = tmp_path / "feed.rss"
    items = "".join(
        f"<item><title>Item {n}</title><link>https://example.org/{n}</link><pubDate>{when}</pubDate>"
        f"<description>{GOOD} Item {n}.</description></item>"
        for n, when in enumerate(["Fri, 31 Dec 9999 10:00:00 GMT", "Mon, 01 Jan 1001 10:00:00 GMT",
                                  "Fri, 17 Oct 2025 09:30:00 GMT"]))
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>{items}</channel></rss>',
                    encoding="utf-8")
    articles, errors = _read(path)
    assert not errors and [a.published for a in articles] == [None, None, date(2025, 10, 17)]
    assert "9999" in articles[0].extra["unreadable_date"]


def test_array_item_deeper_than_the_parser_fails_only_itself(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text(
        "[\n" + json.dumps({"text": GOOD}) + ",\n"
        + '{"text": "deep \\" [ {", "meta": ' + "[" * 5000 + "]" * 5000 + "},\n"
        + json.dumps({"text": LATER, "note": "a ] and a } in a string"}) + "\n]\n",
        encoding="utf-8",
    )
    articles, errors = _read(path)
    assert [a.text for a in articles] == [GOOD, LATER]
    assert len(errors) == 1 and errors[0].origin.endswith("deep.json:3") and "nested too deeply" in errors[0].reason
