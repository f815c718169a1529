"""Bad inputs give an IngestError naming the file (and line) and the reason, and never stop the batch."""

from __future__ import annotations

import gzip
import json
import tracemalloc

import pytest

from newsweave.errors import ConfigError, IngestError
from newsweave.ingest import FieldMap, read_inputs
from newsweave.model import Article


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.jsonl"
    path.write_text(json.dumps({"id": "ok", "text": "A good article."}) + "\n")
    return path


def read(*paths, **kwargs):
    items = list(read_inputs([str(p) for p in paths], **kwargs))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, IngestError)]


def only_error(bad, good, **kwargs) -> IngestError:
    """Read a bad file between two good ones; both good ones must still come through."""
    articles, errors = read(good, bad, good, **kwargs)
    assert [a.id for a in articles] == ["ok", "ok"]
    assert len(errors) == 1, errors
    assert str(bad) in str(errors[0])
    return errors[0]


def test_missing_file(tmp_path, good):
    error = only_error(tmp_path / "nope.jsonl", good)
    assert "no such file" in error.reason


def test_empty_file(tmp_path, good):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    assert "empty" in only_error(bad, good).reason
    bad.write_text("   \n\n")
    assert "empty" in only_error(bad, good).reason


def test_empty_folder(tmp_path, good):
    (tmp_path / "nothing").mkdir()
    assert "no input files" in only_error(tmp_path / "nothing", good).reason


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"\x00\x01\x02binary\x00data" * 10, "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    ],
)
def test_binary_files(tmp_path, good, content, words):
    bad = tmp_path / "thing.txt"
    bad.write_bytes(content)
    error = only_error(bad, good)
    assert error.origin == str(bad)
    assert words in error.reason and "newsweave reads" in error.reason


def test_undecodable_bytes_fall_back_honestly(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"Bad byte \x81 here and \xe9t\xe9.")  # 0x81 is undefined in cp1252 too
    (article,), errors = read(path)
    assert errors == []
    assert "\ufffd" in article.text
    assert article.extra["encoding"] == "utf-8 (undecodable bytes replaced)"


def test_invalid_json_line_names_line_and_rest_continue(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(
        json.dumps({"text": "One."}) + "\n"
        + '{"text": "broken\n'
        + "[1, 2]\n"
        + json.dumps({"title": "no text here", "body": "x"}) + "\n"
        + json.dumps({"text": "   "}) + "\n"
        + json.dumps({"text": "Six.", "published": "2025-02-30"}) + "\n"
        + json.dumps({"text": "Seven."}) + "\n"
    )
    articles, errors = read(path)
    assert [a.text for a in articles] == ["One.", "Seven."]
    assert [e.origin for e in errors] == [f"{path}:{n}" for n in (2, 3, 4, 5, 6)]
    assert "not valid JSON" in errors[0].reason
    assert "JSON array" in errors[1].reason
    assert "'text' is missing or empty" in errors[2].reason and "FieldMap(text='body')" in errors[2].reason
    assert "'2025-02-30'" in errors[4].reason and "day is out of range" in errors[4].reason


def test_csv_without_text_column(tmp_path, good):
    bad = tmp_path / "table.csv"
    bad.write_text("id,headline,body\n1,Hi,Some body text\n")
    error = only_error(bad, good)
    assert error.origin == str(bad)
    assert "id, headline, body" in error.reason and "FieldMap(text='body')" in error.reason
    articles, errors = read(bad, fields=FieldMap(text="body"))
    assert errors == [] and articles[0].text == "Some body text"


def test_csv_rows_with_missing_text_or_bad_date(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("text,published\nGood one.,2025-10-17\n,2025-10-17\nBad date.,2025-02-30\nAmbiguous.,05/06/2025\nLast.,\n")
    articles, errors = read(path)
    assert [a.text for a in articles] == ["Good one.", "Last."]
    assert [e.origin for e in errors] == [f"{path}:3", f"{path}:4", f"{path}:5"]
    assert "ambiguous" in errors[2].reason


@pytest.mark.parametrize("header", ["date 2025-02-30", "date tomorrow", " date 17/17/2025"])
def test_seed_header_that_is_not_a_date(tmp_path, good, header):
    bad = tmp_path / "seed.txt"
    bad.write_text(f"{header} The body of the article.")
    error = only_error(bad, good)
    assert error.origin == f"{bad}:1"
    assert "date YYYY-MM-DD" in error.reason


def test_seed_header_without_body(tmp_path, good):
    bad = tmp_path / "seed.txt"
    bad.write_text("date 2025-10-17\n\n")
    assert "no article text" in only_error(bad, good).reason


def test_truncated_gzip(tmp_path, good):
    lines = "".join(json.dumps({"text": f"Story number {n} " * 20}) + "\n" for n in range(2000))
    whole = gzip.compress(lines.encode(), mtime=0)
    bad = tmp_path / "cut.jsonl.gz"
    bad.write_bytes(whole[: len(whole) // 2])
    articles, errors = read(bad)
    assert 0 < len(articles) < 2000, "the lines before the cut are kept"
    assert len(errors) == 1
    assert errors[0].origin.startswith(f"{bad}:") and "truncated" in errors[0].reason
    # a truncated gzip of a whole-file format
    page = tmp_path / "cut.html.gz"
    words = " ".join(f"word{n}" for n in range(5000)).encode()
    page.write_bytes(gzip.compress(b"<html><body><p>" + words + b"</p></body></html>")[:2000])
    error = only_error(page, good)
    assert error.origin == str(page) and "truncated" in error.reason


def test_corrupt_gzip(tmp_path, good):
    bad = tmp_path / "bad.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00" + b"\xff" * 64)
    error = only_error(bad, good)
    assert "gzip" in error.reason


def test_size_limit_for_whole_file_formats(tmp_path, good):
    bad = tmp_path / "big.html"
    bad.write_text("<html><body>" + "<p>words and more words</p>" * 200 + "</body></html>")
    error = only_error(bad, good, max_file_bytes=1000)
    assert "1,000 bytes limit" in error.reason and "max_file_bytes" in error.reason


def test_gzip_bomb_is_bounded_by_the_size_limit(tmp_path, good):
    bad = tmp_path / "bomb.txt.gz"
    bad.write_bytes(gzip.compress(b"a" * 5_000_000))
    error = only_error(bad, good, max_file_bytes=100_000)
    assert "limit" in error.reason


def test_line_formats_stream_and_overlong_lines_are_skipped(tmp_path):
    path = tmp_path / "long.jsonl"
    with path.open("w") as out:
        out.write(json.dumps({"text": "x" * 5000}) + "\n")
        for n in range(3000):
            out.write(json.dumps({"text": f"Article {n} " + "word " * 40}) + "\n")
    # The file is ~650 KB, far over the 2 KB limit, yet its lines are all read: it is streamed.
    tracemalloc.start()
    items = read_inputs([path], max_file_bytes=2000)
    first = next(items)
    count = 1 + sum(1 for _ in items)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert isinstance(first, IngestError) and first.origin == f"{path}:1" and "longer than" in first.reason
    assert count == 3001
    assert peak < path.stat().st_size  # well under the file's size


def test_hostile_feeds_are_refused(tmp_path, good):
    laughs = tmp_path / "laughs.rss"
    entities = "".join(f'<!ENTITY l{i} "&l{i-1};&l{i-1};&l{i-1};&l{i-1};&l{i-1};&l{i-1};&l{i-1};&l{i-1};&l{i-1};&l{i-1};">' for i in range(1, 10))
    laughs.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{entities}]>'
        "<rss version='2.0'><channel><title>t</title><item><title>x</title><description>&l9;</description></item></channel></rss>"
    )
    error = only_error(laughs, good)
    assert "entities" in error.reason
    external = tmp_path / "xxe.xml"
    external.write_text(
        '<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>x</title><content>&secret;</content></entry></feed>'
    )
    assert "entities" in only_error(external, good).reason


def test_html_bomb_does_not_expand(tmp_path):
    page = tmp_path / "bomb.html"
    entities = "".join(f'<!ENTITY l{i} "&l{i-1};&l{i-1};&l{i-1};&l{i-1};&l{i-1};&l{i-1};&l{i-1};&l{i-1};&l{i-1};&l{i-1};">' for i in range(1, 10))
    page.write_text(f'<!DOCTYPE html [<!ENTITY l0 "lol">{entities}]><html><body><p>Real text of the page. &l9;</p></body></html>')
    items = list(read_inputs([page]))
    assert len(items) == 1
    if isinstance(items[0], Article):
        assert len(items[0].text) < 10_000


def test_feed_without_entries(tmp_path, good):
    bad = tmp_path / "empty.rss"
    bad.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Nothing</title></channel></rss>')
    assert "no entries" in only_error(bad, good).reason


def test_page_without_text(tmp_path, good):
    bad = tmp_path / "shell.html"
    bad.write_text('<html><head><script>render()</script></head><body><div id="app"></div></body></html>')
    assert "no article text" in only_error(bad, good).reason


def test_bad_options_fail_fast():
    with pytest.raises(ConfigError, match="choose one of"):
        list(read_inputs(["x"], format="pdf"))
    with pytest.raises(ConfigError, match="FieldMap.text"):
        FieldMap(text="")
