"""Which format an input is in, judged by its content first and its name second.

Strong content signals win over the extension: a ``.txt`` holding JSON Lines is JSON Lines, a feed
saved as ``.xml`` or ``.rss`` is a feed, an HTML page without extension is HTML, and a file opening
with ``date YYYY-MM-DD`` is seed text. The extension decides what content alone cannot (a ``.csv``
whose header names no known field); last comes a cautious CSV check, then plain text.
"""

from __future__ import annotations

import csv
import json
import os
import re

from .source import Source, decode_text, open_path

__all__ = ["FORMATS", "sniff_format", "sniff_source"]

FORMATS = ("seed", "jsonl", "json", "csv", "html", "feed", "text")

_BY_SUFFIX = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "csv",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".rss": "feed", ".atom": "feed",
    ".txt": "text", ".text": "text", ".md": "text",
}
_SEED = re.compile(r"\A\s*date[ \t]+\S")
FEED_ROOT = re.compile(r"<(?:[\w-]+:)?(?:rss|feed|RDF)\b", re.IGNORECASE)
_HTML = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title|article|div|p|h1|h2|table|main)\b", re.IGNORECASE)
XML_PROLOG = re.compile(r"\A(?:<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>|\s)*", re.DOTALL | re.IGNORECASE)
# A column name: a short label of at most three words, no sentence punctuation.
_HEADER_CELL = re.compile(r"^[A-Za-z_][\w\-/]*(?: [\w\-/]+){0,2}$")


def sniff_format(path_or_bytes: str | os.PathLike | bytes) -> str:
    """The format of a file (by path) or of some leading bytes: one of :data:`FORMATS`.

    Compressed files are looked into. Raises :class:`~newsweave.errors.IngestError` for a path
    that cannot be read, an empty input, or one that is not text (binary, PDF, images).
    """
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        import io

        from .source import open_stream

        source = open_stream(io.BytesIO(bytes(path_or_bytes)), "<bytes>")
    else:
        source = open_path(path_or_bytes)
    try:
        return sniff_source(source)
    finally:
        source.close()


def sniff_source(source: Source) -> str:
    """The format of an opened source (see :func:`sniff_format`)."""
    source.check_text()
    head = source.head
    if source.wide_encoding:
        text = head.decode(source.wide_encoding, errors="ignore")
    else:
        text = decode_text(head)[0]
    text = text.lstrip("\ufeff")
    return _by_content(text, len(head) < 64 * 1024) or _BY_SUFFIX.get(source.suffix) or _weak(text) or "text"


def _by_content(text: str, complete: bool) -> str | None:
    if _SEED.match(text):
        return "seed"
    stripped = text.lstrip()
    if stripped.startswith("<"):
        body = stripped[XML_PROLOG.match(stripped).end():]
        if FEED_ROOT.match(body):
            return "feed"
        if _HTML.search(stripped[:4096]):
            return "html"
        return None
    if stripped.startswith("["):
        rest = stripped[1:].lstrip()
        if rest.startswith(("{", "]")):
            return "json"
        return None
    if stripped.startswith("{"):
        rest = stripped[1:].lstrip()
        if not rest.startswith(("\"", "}")):
            return None
        lines = [line.strip() for line in stripped.splitlines() if line.strip()]
        if len(lines) == 1:
            # One object on one line is JSON Lines either way; one cut off by the end of the head
            # is a line longer than the head, and only JSON Lines reads it without holding the file.
            return "jsonl"
        try:
            json.loads(lines[0])
            return "jsonl"
        except json.JSONDecodeError:
            pass
        # A pretty-printed object spans lines; JSON Lines with a broken first line does not.
        if len(lines) > 1 and lines[1].startswith("{"):
            return "jsonl"
        return "json"
    return None


def _weak(text: str) -> str | None:
    """CSV by content: a header of short field-like names, and rows with as many fields."""
    lines = text.splitlines()[:6]
    if len(lines) < 2:
        return None
    from .csvfile import sniff_dialect

    dialect = sniff_dialect("\n".join(lines) + "\n")
    rows = list(csv.reader(lines, dialect))
    header = rows[0]
    if len(header) < 2 or not all(_HEADER_CELL.match(cell.strip()) and len(cell.strip()) <= 40 for cell in header):
        return None
    body = [row for row in rows[1:-1] or rows[1:] if row]
    if body and all(len(row) == len(header) for row in body):
        return "csv"
    return None

