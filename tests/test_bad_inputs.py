"""A corpus of bad inputs, generated into a temporary folder and ingested in one run.

Every kind of bad input must end either in a clear error naming the file (and the line where it
applies) or in a documented fallback (the article is stored, with what was guessed recorded), and
the good inputs mixed in with them must all be stored. `newsweave ingest` runs as a subprocess
with a time limit (nothing may hang) and its peak memory is measured (a 100 MB single line must
not be read into memory whole).
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from newsweave.errors import IngestError
from newsweave.ingest import read_inputs
from newsweave.model import Article

INGEST_TIMEOUT_S = 300
MAX_RSS_MB = 500
PASSWD_MARKER = "root:x:0:0"  # a line /etc/passwd always holds; it must never reach the store

GOOD_TEXT = "The council approved the new budget on Tuesday, officials said. The vote was 7 to 2."


@dataclass
class Kind:
    """One kind of bad input: the file(s) written and what the ingest run must do with it."""

    name: str
    path: str  # relative to the corpus folder
    errors: list[str] = field(default_factory=list)  # substrings of the error(s) naming this file
    stored: list[str] = field(default_factory=list)  # substrings of texts that must be stored
    absent: list[str] = field(default_factory=list)  # substrings that must appear in no stored text
    error_origin: str | None = None  # the exact origin suffix expected (":3" for line 3)


def _jsonl(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def _stream_big_line(path: Path, size: int, *, prefix: bytes = b"", suffix: bytes = b"") -> None:
    """Write one line of ``size`` bytes without holding it in memory."""
    chunk = b"word " * 200_000  # 1 MB
    with path.open("wb") as out:
        out.write(prefix)
        written = len(prefix)
        while written < size:
            piece = chunk[: size - written]
            out.write(piece)
            written += len(piece)
        out.write(suffix)


def build_corpus(root: Path) -> list[Kind]:
    """Write the bad (and good) inputs under ``root``; returns what each must lead to."""
    kinds: list[Kind] = []

    def add(kind: Kind) -> None:
        kinds.append(kind)

    def write(rel: str, data: bytes | str) -> Path:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.write_bytes(data)
        return path

    # --- good inputs, mixed in
    write("good/a.jsonl", _jsonl({"id": "good-1", "text": GOOD_TEXT, "published": "2025-10-17"},
                                 {"id": "good-2", "text": "Second good article about the harbour bridge."}))
    write("good/b.txt", "date 2025-10-18\nThe harbour bridge reopened on Saturday after repairs.")
    add(Kind("good inputs", "good/a.jsonl", stored=[GOOD_TEXT, "harbour bridge reopened"]))

    # --- empty, binary and not-text files
    write("empty.txt", b"")
    add(Kind("empty file", "empty.txt", errors=["empty"]))
    write("blank.jsonl", "  \n\n\t\n")
    add(Kind("whitespace-only file", "blank.jsonl", errors=["empty"]))
    write("random.bin", bytes(range(256)) * 64)
    add(Kind("binary file", "random.bin", errors=["binary"]))
    write("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\n")
    add(Kind("PDF named .txt", "report.txt", errors=["PDF"]))
    write("photo.html", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    add(Kind("PNG named .html", "photo.html", errors=["PNG"]))

    # --- encodings and byte-order marks
    write("cp1252.txt", "Le ministre a d\u00e9clar\u00e9 \u2018caf\u00e9\u2019 \u2013 fin.".encode("cp1252"))
    add(Kind("Windows-1252 text", "cp1252.txt", stored=["Le ministre a d\u00e9clar\u00e9 \u2018caf\u00e9\u2019"]))
    write("mixed.txt", "Premier: d\u00e9j\u00e0 vu. ".encode() + "Second: r\u00e9sum\u00e9.".encode("latin-1") + b" Undefined \x81 byte.")
    add(Kind("mixed UTF-8 and Latin-1 bytes", "mixed.txt", stored=["Undefined"]))
    write("bom8.jsonl", b"\xef\xbb\xbf" + _jsonl({"id": "bom8", "text": "Article behind a UTF-8 byte-order mark."}).encode())
    add(Kind("UTF-8 BOM", "bom8.jsonl", stored=["Article behind a UTF-8 byte-order mark."]))
    write("bom16le.txt", "\ufeffA UTF-16 little-endian article about the \u00e9lection.".encode("utf-16-le"))
    add(Kind("UTF-16 LE BOM", "bom16le.txt", stored=["A UTF-16 little-endian article about the \u00e9lection."]))
    write("bom16be.jsonl", ("\ufeff" + _jsonl({"id": "bom16be", "text": "Big-endian UTF-16 lines."})).encode("utf-16-be"))
    add(Kind("UTF-16 BE BOM, JSON Lines", "bom16be.jsonl", stored=["Big-endian UTF-16 lines."]))
    write("cp1251.html", '<html><head><meta charset="windows-1251"><title>t</title></head><body><article><p>'
          "\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0437\u0430\u044f\u0432\u0438\u043b \u0432 \u043f\u044f\u0442\u043d\u0438\u0446\u0443 \u043e \u043d\u043e\u0432\u044b\u0445 \u043f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u0430\u0445.</p></article></body></html>".encode("cp1251"))
    add(Kind("HTML in windows-1251 (declared)", "cp1251.html", stored=["\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0437\u0430\u044f\u0432\u0438\u043b"]))

    # --- size: a 100 MB single line, a gzip bomb, truncated and corrupt compression
    _stream_big_line(root / "huge.txt", 100_000_000)
    add(Kind("100 MB single-line text", "huge.txt", errors=["limit"]))
    _stream_big_line(root / "huge.jsonl", 100_000_000, prefix=b'{"text": "', suffix=b'"}\n' + _jsonl({"id": "after-huge", "text": "The line after the huge one."}).encode())
    add(Kind("100 MB JSON Lines record", "huge.jsonl", errors=["longer than"], error_origin=":1", stored=["The line after the huge one."]))
    with gzip.open(root / "bomb.txt.gz", "wb", compresslevel=1) as out:
        block = b"a" * 1_000_000
        for _ in range(120):
            out.write(block)
    add(Kind("gzip bomb (120 MB)", "bomb.txt.gz", errors=["limit"]))
    lines = _jsonl(*({"id": f"cut-{n}", "text": f"Truncated batch story {n}. " * 20} for n in range(2000)))
    whole = gzip.compress(lines.encode(), mtime=0)
    write("cut.jsonl.gz", whole[: len(whole) // 2])
    add(Kind("truncated gzip", "cut.jsonl.gz", errors=["truncated"], stored=["Truncated batch story 0."]))
    write("corrupt.gz", b"\x1f\x8b\x08\x00" + b"\xff" * 64)
    add(Kind("corrupt gzip", "corrupt.gz", errors=["gzip"]))

    # --- hostile and broken XML
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    write("laughs.rss", f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{laughs}]>'
          "<rss version='2.0'><channel><title>t</title><item><title>x</title><description>&l9;</description></item></channel></rss>")
    add(Kind("billion laughs feed", "laughs.rss", errors=["entities"], absent=["lollollol"]))
    write("xxe.xml", '<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
          '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>x</title><content>&secret;</content></entry></feed>')
    add(Kind("external entity (/etc/passwd) in a feed", "xxe.xml", errors=["entities"], absent=[PASSWD_MARKER]))
    write("xxe-param.rss", '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'
          "<rss version='2.0'><channel><title>t</title><item><title>x</title><description>Param entity.</description></item></channel></rss>")
    add(Kind("external parameter entity in a feed", "xxe-param.rss", errors=["entities"], absent=[PASSWD_MARKER]))
    write("xxe.html", '<!DOCTYPE html [<!ENTITY secret SYSTEM "file:///etc/passwd">]><html><body><article>'
          "<p>A page that tries to read a local file: &secret; The mayor said the plan would go ahead.</p></article></body></html>")
    add(Kind("external entity in an HTML page", "xxe.html", stored=["The mayor said the plan would go ahead."], absent=[PASSWD_MARKER]))
    write("xinclude.rss", '<?xml version="1.0"?><rss version="2.0" xmlns:xi="http://www.w3.org/2001/XInclude"><channel><title>t</title>'
          '<item><title>x</title><description>XInclude entry text.</description><xi:include href="file:///etc/passwd" parse="text"/></item></channel></rss>')
    add(Kind("XInclude of /etc/passwd in a feed", "xinclude.rss", stored=["XInclude entry text."], absent=[PASSWD_MARKER]))
    write("cut.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>Cut</title><item><title>One</title>'
          "<description>The first entry survived the cut.</description></item><item><title>Two</title><descr")
    add(Kind("truncated feed", "cut.rss", errors=["no text"], error_origin="#2", stored=["The first entry survived the cut."]))
    write("nofeed.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>Nothing</title></channel></rss>')
    add(Kind("feed without entries", "nofeed.rss", errors=["no entries"]))

    # --- hostile HTML
    write("scripts.html", "<html><head><script>document.write('INJECTED-SCRIPT')</script><style>p{}</style></head>"
          '<body onload="alert(1)"><article><h1>Budget vote</h1><p>The council approved the budget on Tuesday after a long debate.</p>'
          "<script>alert('INJECTED-SCRIPT')</script><p>The mayor welcomed the result.</p></article></body></html>")
    add(Kind("HTML with scripts", "scripts.html", stored=["The council approved the budget"], absent=["INJECTED-SCRIPT", "alert("]))
    write("deep.html", "<html><body>" + "<div>" * 10_000 + "<p>Deep inside ten thousand divs, the minister spoke.</p>" + "</div>" * 10_000 + "</body></html>")
    add(Kind("10k nested divs", "deep.html", stored=["Deep inside ten thousand divs"]))
    write("shell.html", '<html><head><script>render()</script></head><body><div id="app"></div></body></html>')
    add(Kind("HTML without text", "shell.html", errors=["no article text"]))

    # --- JSON Lines and JSON with bad records
    write("bad-lines.jsonl", _jsonl(
        {"id": "bl-1", "text": "First line is fine."},
        '{"text": "broken',
        "[1, 2]",
        {"id": "bl-4", "body": "no text field"},
        "[" * 100_000 + "]" * 100_000,
        {"id": "bl-6", "text": "Sixth line is fine."},
    ))
    add(Kind("JSON Lines with bad lines", "bad-lines.jsonl", errors=["not valid JSON", "JSON array", "'text' is missing", "nested"],
             stored=["First line is fine.", "Sixth line is fine."]))
    write("array.json", '[{"id": "arr-1", "text": "Array item one."},\n {"id": "arr-2", "text": "Array item two."},\n {"text": 42 oops}]')
    add(Kind("JSON array with a broken item", "array.json", errors=["not valid JSON"], error_origin=":3", stored=["Array item one.", "Array item two."]))
    write("dates.jsonl", _jsonl(
        {"id": "d-1", "text": "Impossible date.", "published": "2025-02-30"},
        {"id": "d-2", "text": "Year zero.", "published": "0000-01-01"},
        {"id": "d-3", "text": "Not a date at all.", "published": "next Tuesday-ish"},
        {"id": "d-4", "text": "No date is fine.", "published": None},
        {"id": "d-5", "text": "Missing date field is fine."},
    ))
    add(Kind("impossible and missing dates", "dates.jsonl", errors=["day is out of range", "0000-01-01", "next Tuesday-ish"],
             stored=["No date is fine.", "Missing date field is fine."], absent=["Impossible date.", "Year zero."]))
    write("dup-ids.jsonl", _jsonl({"id": "same", "text": "First article with a reused id."},
                                  {"id": "same", "text": "Second article with the same id but other text."},
                                  {"id": "copy", "text": "Exactly the same text twice."},
                                  {"id": "copy", "text": "Exactly the same text twice."}))
    add(Kind("duplicate ids", "dup-ids.jsonl", errors=["is already used by an earlier article"], error_origin=":2",
             stored=["First article with a reused id.", "Exactly the same text twice."], absent=["Second article with the same id"]))
    write("sizes.jsonl", _jsonl({"id": "zero", "text": ""}, {"id": "ws", "text": "   \n "}, {"id": "nul", "text": "Before\u0000after the NUL character."},
                                {"id": "surrogate", "text": "A lone surrogate \ud800 in JSON."}, {"id": "ctrl", "text": "Bell\u0007 and escape\u001b[31m codes."}))
    add(Kind("texts of 0 characters, NUL, lone surrogate, control codes", "sizes.jsonl", errors=["'text' is missing or empty"],
             stored=["after the NUL character.", "in JSON.", "codes."]))
    write("raw-nul.txt", b"A text file with a raw NUL \x00 byte in the middle of an otherwise normal sentence. " * 3)
    add(Kind("raw NUL bytes in a text file", "raw-nul.txt", errors=["binary"]))
    sentence = "The long report continues with more words. "
    ten_million = sentence * (10_000_000 // len(sentence) + 1)
    write("ten-million.jsonl", _jsonl({"id": "ten-million", "text": ten_million[:10_000_000], "published": "2025-10-17"}))
    add(Kind("text of 10 million characters", "ten-million.jsonl", stored=["The long report continues"]))

    # --- CSV
    write("short-rows.csv", "id,text,published,outlet\nc1,Complete row here.,2025-10-17,Daily\nc2,Short row without outlet.\nc3\n")
    add(Kind("CSV with missing columns", "short-rows.csv", errors=["'text' is missing"], error_origin=":4",
             stored=["Complete row here.", "Short row without outlet."]))
    write("long-rows.csv", "id,text\nx1,Fine row.\nx2,Row with,too,many,fields\nx3,Another fine row.\n")
    add(Kind("CSV with extra columns", "long-rows.csv", errors=["fields but the header names 2"], error_origin=":3",
             stored=["Fine row.", "Another fine row."]))
    write("quote.csv", 'id,text\nq1,"An unterminated quote that runs to the end of the file\nq2,Never seen.\n')
    add(Kind("CSV with an unterminated quote", "quote.csv", stored=["An unterminated quote"]))

    # --- non-English text (stored; extraction must not crash on it)
    cyrillic = "\u041c\u043e\u0441\u043a\u0432\u0430, 17 \u043e\u043a\u0442\u044f\u0431\u0440\u044f. \u041f\u0440\u0435\u0437\u0438\u0434\u0435\u043d\u0442 \u043f\u0440\u043e\u0432\u0435\u043b \u0432\u0441\u0442\u0440\u0435\u0447\u0443 \u0441 \u043c\u0438\u043d\u0438\u0441\u0442\u0440\u043e\u043c."
    chinese = "\u5317\u4eac10\u670817\u65e5\u7535\u3002\u5916\u4ea4\u90e8\u53d1\u8a00\u4eba\u8868\u793a\uff0c\u53cc\u65b9\u5c06\u4e3e\u884c\u4f1a\u8c08\u3002"
    arabic = "\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631 \u0625\u0646 \u0627\u0644\u0645\u062d\u0627\u062f\u062b\u0627\u062a \u0633\u062a\u0633\u062a\u0623\u0646\u0641 \u064a\u0648\u0645 \u0627\u0644\u062e\u0645\u064a\u0633."
    write("cyrillic.txt", cyrillic)
    write("chinese.jsonl", _jsonl({"id": "zh", "text": chinese, "published": "2025-10-17"}))
    write("arabic.html", f'<html dir="rtl"><head><meta charset="utf-8"></head><body><article><p>{arabic}</p></article></body></html>')
    add(Kind("Cyrillic, Chinese and Arabic text", "cyrillic.txt", stored=[cyrillic, chinese, arabic]))

    # --- the file system
    loop = root / "loop"
    loop.mkdir()
    (loop / "inside.txt").write_text("Text inside a folder with a symlink loop.")
    os.symlink("..", loop / "up")  # loop/up -> loop's parent -> ... -> loop
    os.symlink("self", loop / "self")  # a link to itself
    add(Kind("directory symlink loop and self-link", "loop/self", errors=["cannot be opened"], stored=["Text inside a folder with a symlink loop."]))
    os.symlink(root / "does-not-exist.txt", root / "dangling.txt")
    add(Kind("dangling symlink", "dangling.txt", errors=["no such file"]))
    os.mkfifo(root / "pipe.jsonl")
    add(Kind("named pipe (FIFO)", "pipe.jsonl", errors=["not a regular file"]))
    if os.geteuid() != 0:  # root reads anything, so an unreadable file can only be tested as a user
        locked = write("locked.txt", "Secret text nobody may read.")
        locked.chmod(0)
        add(Kind("unreadable file", "locked.txt", errors=["permission denied"], absent=["Secret text nobody may read."]))
    return kinds


# Linux counts into a process's peak RSS the memory of the process it was forked from (kept across exec,
# and with vfork it is the parent's own peak), so `ingest` run straight from the test runner reported the
# runner's peak: 865 MB in a full run, against 500. A small launcher forks the ingest instead and
# reports the ingest's own peak, as wait4 measured it, in a file.
_LAUNCHER = """
import json, os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, *sys.argv[2:]])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as f:
    json.dump({"code": os.waitstatus_to_exitcode(status), "maxrss_kb": usage.ru_maxrss}, f)
"""


def _run_ingest(db: Path, *paths: Path) -> tuple[int, str, int]:
    """Run `newsweave ingest` in a subprocess; returns (exit code, stderr, its own peak RSS in MB)."""
    env = {**os.environ, "NEWSWEAVE_DB": str(db)}
    measured = db.with_name(db.name + ".rusage.json")
    proc = subprocess.Popen([sys.executable, "-c", _LAUNCHER, str(measured), "-m", "newsweave.cli", "-q", "ingest",
                             *map(str, paths)], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    stderr_chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: stderr_chunks.append(proc.stderr.read()), daemon=True)
    reader.start()
    timer = threading.Timer(INGEST_TIMEOUT_S, lambda: os.killpg(proc.pid, signal.SIGKILL))
    timer.start()
    try:
        proc.wait()
    finally:
        timer.cancel()
    reader.join(10)
    assert proc.returncode != -signal.SIGKILL, f"ingest hung for more than {INGEST_TIMEOUT_S} s"
    result = json.loads(measured.read_text())
    return result["code"], b"".join(stderr_chunks).decode("utf-8", "replace"), result["maxrss_kb"] // 1024


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad-inputs")
    corpus = root / "corpus"
    corpus.mkdir()
    kinds = build_corpus(corpus)
    db = root / "store.db"
    code, stderr, rss_mb = _run_ingest(db, corpus)
    with sqlite3.connect(db) as con:
        texts = [row[0] for row in con.execute("SELECT text FROM articles")]
    return {"kinds": kinds, "corpus": corpus, "db": db, "code": code, "stderr": stderr, "rss_mb": rss_mb, "texts": texts}


def test_corpus_has_at_least_thirty_kinds(ingested):
    assert len(ingested["kinds"]) >= 30, len(ingested["kinds"])


def test_ingest_finishes_and_memory_stays_bounded(ingested):
    assert ingested["code"] == 0, ingested["stderr"][-3000:]
    assert ingested["rss_mb"] < MAX_RSS_MB, f"peak RSS {ingested['rss_mb']} MB"


def test_peak_rss_is_the_ingest_s_own_not_the_test_runner_s(tmp_path):
    """A test runner grown large (a full run) must not count as the ingest's memory."""
    (tmp_path / "one.txt").write_text("date 2025-10-17\nThe council met on Monday.", encoding="utf-8")
    ballast = bytearray(MAX_RSS_MB * 1024 * 1024)  # touched: resident in this process while ingest runs
    for i in range(0, len(ballast), 4096):
        ballast[i] = 1
    try:
        code, stderr, rss_mb = _run_ingest(tmp_path / "store.db", tmp_path / "one.txt")
    finally:
        del ballast
    assert code == 0, stderr
    assert rss_mb < MAX_RSS_MB // 2, f"peak RSS {rss_mb} MB includes the test runner's {MAX_RSS_MB} MB"


def _failures(stderr: str) -> list[str]:
    return [line[len("failed: "):] for line in stderr.splitlines() if line.startswith("failed: ")]


@pytest.mark.parametrize("index", range(40))
def test_each_kind(ingested, index):
    kinds: list[Kind] = ingested["kinds"]
    if index >= len(kinds):
        pytest.skip("fewer kinds on this system (an unreadable file cannot be tested as root)")
    kind = kinds[index]
    corpus: Path = ingested["corpus"]
    name = str(corpus / kind.path)
    failures = [f for f in _failures(ingested["stderr"]) if f.startswith((name + ":", name + "#")) or f.split(": ", 1)[0] == name]
    for words in kind.errors:
        assert any(words in f for f in failures), f"{kind.name}: no error with {words!r} naming {name}; got {failures}"
    if kind.error_origin:
        assert any(f.startswith(name + kind.error_origin + ":") for f in failures), f"{kind.name}: {failures}"
    if not kind.errors:
        assert failures == [], f"{kind.name}: unexpected errors {failures}"
    texts = ingested["texts"]
    for words in kind.stored:
        assert any(words in t for t in texts), f"{kind.name}: {words!r} was not stored"
    for words in kind.absent:
        assert not any(words in t for t in texts), f"{kind.name}: {words!r} must not be stored"


def test_no_error_is_anonymous(ingested):
    corpus = str(ingested["corpus"])
    for failure in _failures(ingested["stderr"]):
        assert failure.startswith(corpus), f"error does not name its file: {failure}"
        assert "unexpected" not in failure, f"a reader crashed instead of explaining: {failure}"


def test_passwd_never_stored_anywhere(ingested):
    with sqlite3.connect(ingested["db"]) as con:
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '%fts%'"):
            for row in con.execute(f'SELECT * FROM "{table}"'):
                assert PASSWD_MARKER not in repr(row), table


def test_texts_stored_whole(ingested):
    lengths = sorted(len(t) for t in ingested["texts"])
    assert lengths[-1] == 10_000_000, "the 10-million-character text is stored whole"
    assert lengths[0] > 0


def test_a_file_that_disappears_mid_batch(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.txt").write_text("The first article stays.")
    (folder / "b.txt").write_text("The second article vanishes before it is read.")
    (folder / "c.txt").write_text("The third article stays too.")
    items = read_inputs([folder])
    first = next(items)
    (folder / "b.txt").unlink()
    rest = list(items)
    assert isinstance(first, Article)
    errors = [i for i in rest if isinstance(i, IngestError)]
    assert [e.origin for e in errors] == [str(folder / "b.txt")] and "no such file" in errors[0].reason
    assert [a.text for a in rest if isinstance(a, Article)] == ["The third article stays too."]


def test_a_folder_that_disappears_mid_walk(tmp_path):
    folder = tmp_path / "batch"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Stays.")
    (folder / "sub" / "b.txt").write_text("Gone with its folder.")
    items = read_inputs([folder])
    first = next(items)
    (folder / "sub" / "b.txt").unlink()
    (folder / "sub").rmdir()
    rest = list(items)
    assert isinstance(first, Article)
    assert all(isinstance(i, IngestError) for i in rest)


@pytest.mark.slow
def test_process_completes_on_the_odd_texts(ingested, tmp_path):
    """Extraction over the stored non-English, control-character and 10M-character texts finishes."""
    env = {**os.environ, "NEWSWEAVE_DB": str(ingested["db"])}
    done = subprocess.run([sys.executable, "-m", "newsweave.cli", "-q", "process"], env=env, check=False,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    with sqlite3.connect(ingested["db"]) as con:
        total = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    from newsweave.store import Store

    with Store(ingested["db"], create=False) as store:
        assert store.unprocessed_ids() == []
        assert total > 0
