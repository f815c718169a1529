"""Each input format read into articles, on small files written here, plus the two shared seeds."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date

import pytest

from newsweave.errors import IngestError
from newsweave.ingest import FieldMap, read_inputs
from newsweave.model import Article

BODY = "The two leaders spoke by phone on Thursday and agreed to meet within two weeks, officials said."


def read(*paths, **kwargs):
    items = list(read_inputs([str(p) for p in paths], **kwargs))
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, IngestError)]
    return articles, errors


def test_seeds_are_read_with_date_wire_and_outlet(seeds_dir):
    articles, errors = read(seeds_dir)
    assert errors == []
    assert len(articles) == 2
    by_wire = {a.wire: a for a in articles}
    assert set(by_wire) == {"AFP", "TASS"}
    for article in articles:
        assert article.published == date(2025, 10, 17)
        assert article.title is None
        assert article.id and article.origin.endswith(".txt")
        assert not article.text.startswith(("date", " ")), "the header is not part of the body"
    # TASS datelines its own release, so it is the outlet; the AFP credit is inside another text.
    assert by_wire["TASS"].outlet == "TASS"
    assert by_wire["TASS"].extra["dateline"] == "WASHINGTON"
    assert by_wire["TASS"].text.startswith("WASHINGTON, October 17. /TASS/.")
    assert by_wire["AFP"].outlet is None
    # ids are stable from run to run
    again, _ = read(seeds_dir)
    assert [a.id for a in again] == [a.id for a in articles]


@pytest.mark.parametrize(
    "content",
    [
        f" date 2025-10-17 {BODY}",  # the shared seeds' layout: leading space, body on the same line
        f"date 2025-10-17\n{BODY}\n",
        f"\ufeffdate 2025-10-17\r\n\r\n{BODY}",
        f"\n\n  date 2025-10-17\t{BODY}",
    ],
)
def test_seed_layouts(tmp_path, content):
    path = tmp_path / "a.txt"
    path.write_text(content, encoding="utf-8")
    (article,), errors = read(path)
    assert errors == []
    assert article.text == BODY
    assert article.published == date(2025, 10, 17)
    assert article.origin == str(path)


def test_plain_text_has_no_date(tmp_path):
    path = tmp_path / "note"
    path.write_text(f"\n{BODY}\n\nA second paragraph.\n")
    (article,), errors = read(path)
    assert errors == []
    assert article.published is None
    assert article.text == f"{BODY}\n\nA second paragraph."


def test_jsonl_fields_ids_and_extra(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        {"id": "a1", "text": BODY, "published": "2025-10-17T09:30:00+03:00", "outlet": "The Daily", "title": "Talks", "gold": {"x": 1}},
        {"text": BODY + " Second.", "published": None, "url": "https://example.org/story#top"},
        {"text": "LONDON (Reuters) - " + BODY},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n\n")
    articles, errors = read(path)
    assert errors == []
    first, second, third = articles
    assert (first.id, first.published, first.outlet, first.title) == ("a1", date(2025, 10, 17), "The Daily", "Talks")
    assert first.extra == {"gold": {"x": 1}}
    assert first.origin == f"{path}:1"
    assert second.published is None and second.url == "https://example.org/story#top"
    assert second.id and second.id != third.id
    assert third.origin == f"{path}:3"
    assert (third.wire, third.outlet, third.extra["dateline"]) == ("Reuters", "Reuters", "LONDON")


def test_input_outlet_beats_agency_dateline(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "MOSCOW, October 17. /TASS/. " + BODY, "outlet": "Gazette"}) + "\n")
    (article,), _ = read(path)
    assert (article.outlet, article.wire) == ("Gazette", "TASS")


def test_field_map_renames(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps({"body": BODY, "date": "17 October 2025", "site": "Example News", "guid": "g-1"}) + "\n")
    (article,), errors = read(path, fields=FieldMap(text="body", published="date", outlet="site", id="guid"))
    assert errors == []
    assert (article.id, article.published, article.outlet) == ("g-1", date(2025, 10, 17), "Example News")


def test_json_array_with_line_origins(tmp_path):
    path = tmp_path / "items.json"
    path.write_text('[\n  {"id": "x", "text": "One."},\n  {"text": "Two."},\n  "not an object"\n]\n')
    articles, errors = read(path)
    assert [a.text for a in articles] == ["One.", "Two."]
    assert [a.origin for a in articles] == [f"{path}:2", f"{path}:3"]
    assert len(errors) == 1 and errors[0].origin == f"{path}:4" and "JSON string" in errors[0].reason


def test_single_json_object(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"text": BODY, "published": "2025-10-17"}, indent=2))
    (article,), errors = read(path)
    assert errors == [] and article.published == date(2025, 10, 17)


def test_csv_sniffed_dialect_and_multiline_field(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text(
        "id;published;text;outlet\n"
        "r1;2025-10-17;\"" + BODY + "\n\nSecond paragraph; with a semicolon.\";Daily\n"
        "r2;;Just one line.;\n",
        encoding="utf-8",
    )
    articles, errors = read(path)
    assert errors == []
    assert [a.id for a in articles] == ["r1", "r2"]
    assert articles[0].text.endswith("Second paragraph; with a semicolon.")
    assert articles[0].outlet == "Daily" and articles[1].outlet is None
    assert [a.origin for a in articles] == [f"{path}:2", f"{path}:5"]


def test_tsv_and_case_insensitive_header(tmp_path):
    path = tmp_path / "rows.tsv"
    path.write_text("Text\tPublished\nHello there, world.\t10/17/2025\n")
    (article,), errors = read(path)
    assert errors == [] and article.published == date(2025, 10, 17)


def test_cp1252_text_is_decoded_and_flagged(tmp_path):
    path = tmp_path / "old.csv"
    path.write_bytes("text,outlet\n\u201cCaf\u00e9\u201d talks resumed,Le Monde\n".encode("cp1252"))
    (article,), errors = read(path)
    assert errors == []
    assert article.text == "\u201cCaf\u00e9\u201d talks resumed"
    assert article.extra["encoding"] == "cp1252"


def test_utf16_csv(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("text,published\nA story.,2025-10-17\n".encode("utf-16"))
    (article,), errors = read(path)
    assert errors == [] and article.text == "A story." and article.published == date(2025, 10, 17)


HTML_PAGE = """<!DOCTYPE html><html><head><title>Summit plans - The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2025-10-17T09:00:00+02:00">
<link rel="canonical" href="https://example.org/news/summit"></head>
<body><nav>Home | World | Sport</nav><article><h1>Summit plans</h1>
<p>The leaders spoke by phone on Thursday and agreed to meet in a European capital within two weeks, officials said.</p>
<p>A second paragraph explains more about the planned meeting and the preparations under way. (AFP)</p>
</article><footer>Copyright</footer></body></html>"""


def test_html_page(tmp_path):
    path = tmp_path / "page"  # no extension: sniffed from content
    path.write_text(HTML_PAGE)
    (article,), errors = read(path)
    assert errors == []
    assert "agreed to meet in a European capital" in article.text
    assert "Copyright" not in article.text and "Sport" not in article.text
    assert article.title == "Summit plans"
    assert article.published == date(2025, 10, 17)
    assert article.outlet == "The Daily Example"
    assert article.url == "https://example.org/news/summit"
    assert article.wire == "AFP"


def test_html_fragment_falls_back_to_lxml(tmp_path):
    path = tmp_path / "bit.html"
    path.write_text("<div><p>Short &amp; sweet.</p><p>Two.</p></div>")
    (article,), errors = read(path)
    assert errors == []
    assert "Short & sweet." in article.text


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Example Wire Feed</title><link>https://example.org</link>
<item><title>First</title><link>https://example.org/1</link><guid>urn:ex:1</guid>
<pubDate>Fri, 17 Oct 2025 23:30:00 -0500</pubDate>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>Full <b>text</b> of the first story.</p><p>Second paragraph.</p>]]></content:encoded></item>
<item><title>Second</title><link>https://example.org/2</link>
<pubDate>Thu, 16 Oct 2025 08:00:00 GMT</pubDate><description>&lt;p&gt;Only a summary here.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://example.org/3</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Outlet</title><id>urn:feed</id><updated>2025-10-17T10:00:00Z</updated>
<entry><title>One</title><id>urn:entry:1</id><updated>2025-10-17T10:00:00Z</updated>
<content type="html">&lt;p&gt;Atom body text.&lt;/p&gt;</content></entry></feed>"""


def test_rss_feed_saved_as_xml(tmp_path):
    path = tmp_path / "wire.xml"
    path.write_text(RSS)
    articles, errors = read(path)
    assert [a.title for a in articles] == ["First", "Second"]
    first, second = articles
    assert first.text == "Full text of the first story.\n\nSecond paragraph."
    assert first.published == date(2025, 10, 17)  # the date as written, not converted to UTC
    assert (first.outlet, first.id, first.url) == ("Example Wire Feed", "urn:ex:1", "https://example.org/1")
    assert second.text == "Only a summary here." and second.origin == f"{path}#2"
    assert second.id  # derived from the link
    assert len(errors) == 1 and errors[0].origin == f"{path}#3" and "no text" in errors[0].reason


def test_atom_feed(tmp_path):
    path = tmp_path / "atom.rss"
    path.write_text(ATOM)
    (article,), errors = read(path)
    assert errors == []
    assert (article.text, article.outlet, article.id) == ("Atom body text.", "Atom Outlet", "urn:entry:1")
    assert article.published == date(2025, 10, 17)


def test_gzip_inputs_are_read_transparently(tmp_path):
    path = tmp_path / "batch.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for n in range(3):
            out.write(json.dumps({"id": f"g{n}", "text": f"Story {n}."}) + "\n")
    articles, errors = read(path)
    assert errors == [] and [a.id for a in articles] == ["g0", "g1", "g2"]
    seed = tmp_path / "seed.gz"  # compressed seed text, recognised by magic bytes
    seed.write_bytes(gzip.compress(f" date 2025-10-17 {BODY}".encode()))
    (article,), errors = read(seed)
    assert errors == [] and article.published == date(2025, 10, 17)


def test_stdin_text_and_binary(tmp_path):
    lines = "\n".join(json.dumps({"text": f"Line {n}."}) for n in range(2)) + "\n"
    articles, errors = read("-", stdin=io.StringIO(lines))
    assert errors == [] and [a.origin for a in articles] == ["<stdin>:1", "<stdin>:2"]
    assert articles[0].id != articles[1].id
    articles, errors = read("-", stdin=io.BytesIO(f"date 2025-10-17\n{BODY}".encode()))
    assert errors == [] and articles[0].origin == "<stdin>" and articles[0].published == date(2025, 10, 17)


def test_directories_are_walked_sorted_skipping_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("not an article")
    (tmp_path / ".hidden.txt").write_text("not an article")
    (tmp_path / "b" / "2.txt").write_text("Second.")
    (tmp_path / "a.txt").write_text("First.")
    (tmp_path / "b" / "1.txt").write_text("Between.")
    articles, errors = read(tmp_path)
    assert errors == []
    assert [a.text for a in articles] == ["First.", "Between.", "Second."]


def test_forced_format(tmp_path):
    path = tmp_path / "looks.jsonl"
    path.write_text('{"text": "not parsed as JSON"}\n')
    (article,), _ = read(path, format="text")
    assert article.text == '{"text": "not parsed as JSON"}'


def test_single_path_string_is_accepted(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Hello.")
    assert [a.text for a in read_inputs(str(path))] == ["Hello."]
