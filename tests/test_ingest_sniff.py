"""The format of an input is judged by content first, then by name."""

from __future__ import annotations

import gzip
import json

import pytest

from newsweave.errors import IngestError
from newsweave.ingest import sniff_format

JSONL = (json.dumps({"text": "One."}) + "\n" + json.dumps({"text": "Two."}) + "\n").encode()


@pytest.mark.parametrize(
    ("content", "fmt"),
    [
        (b" date 2025-10-17 Body text.", "seed"),
        (b"\xef\xbb\xbfdate 2025-10-17\nBody text.", "seed"),
        (b"date tomorrow Body.", "seed"),  # a seed with a bad header: read as seed, reported as such
        (JSONL, "jsonl"),
        (b'{"text": "one line only"}', "jsonl"),
        (b'{"text": "broken\n{"text": "fine"}\n', "jsonl"),
        (b'{\n  "text": "pretty",\n  "id": "1"\n}\n', "json"),
        (b'[\n {"text": "a"}\n]', "json"),
        (b"[]", "json"),
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>', "feed"),
        (b'<?xml version="1.0"?><!-- c --><feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed"),
        (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>', "feed"),
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        (b"  <div><p>A fragment.</p></div>", "html"),
        (b"id,text,published\n1,Hello,2025-10-17\n2,World,2025-10-18\n", "csv"),
        (b"text\tpublished\nHello\t2025-10-17\nWorld\t2025-10-18\n", "csv"),
        (b"The minister said, on Friday, that talks would resume.\nHe added, later, more.\n", "text"),
        (b"[Photo] The minister spoke.", "text"),
        (b"{Editor's note} The minister spoke.", "text"),
    ],
)
def test_sniff_bytes(content, fmt):
    assert sniff_format(content) == fmt


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [
        ("really.txt", JSONL, "jsonl"),
        ("feed.xml", b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "feed"),
        ("feed.rss", b'<rss version="2.0"><channel/></rss>', "feed"),
        ("page", b"<html><head><title>t</title></head></html>", "html"),
        ("odd.csv", b"a b\nc d\n", "csv"),
        ("story.txt", b"Just a story.", "text"),
        ("data.jsonl", b"not json at all\n", "jsonl"),
    ],
)
def test_sniff_path(tmp_path, name, content, fmt):
    path = tmp_path / name
    path.write_bytes(content)
    assert sniff_format(path) == fmt
    assert sniff_format(str(path)) == fmt


def test_sniff_looks_inside_gzip(tmp_path):
    path = tmp_path / "batch.dat.gz"
    path.write_bytes(gzip.compress(JSONL))
    assert sniff_format(path) == "jsonl"
    path = tmp_path / "items.csv.gz"
    path.write_bytes(gzip.compress(b"x y\n"))
    assert sniff_format(path) == "csv"  # the name under the compression suffix counts


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02\x03", b"%PDF-1.4 ..."])
def test_sniff_refuses_non_text(content):
    with pytest.raises(IngestError):
        sniff_format(content)
