"""Seed text files and plain text files: one article per file.

The seed layout (as in ``shared/seeds``) is a header ``date YYYY-MM-DD`` followed by the body.
Both seed files start with a space before ``date``, and the body starts on the same line, after
the date::

    ␠date 2025-10-17 The mayor of Lindmark said on Tuesday that …

so the header is: optional byte-order mark and white space, the word ``date``, white space, the
date, then white space (a space or a line break) before the body. A seed has no title:
``Article.title`` stays None (a caller may show the first sentence instead). A plain text file
without the header is one article with ``published=None``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import IngestError, shown
from ..model import Article
from .dates import DateError, parse_date
from .records import ReadOptions, finish_article
from .source import Source

__all__ = ["SEED_HEADER", "read_seed", "read_text"]

# The header: "date", the date token, then the body after white space (same line or next).
SEED_HEADER = re.compile(r"\A\s*date[ \t]+(?P<date>\S+)(?:[ \t]*\r?\n|[ \t]+|\Z)")


def read_seed(source: Source, options: ReadOptions) -> Iterator[Article | IngestError]:
    """The one article of a seed file; an error if its header date is not a date or it has no body."""
    text, encoding = source.read_text(options.max_file_bytes, "text file")
    text = text.lstrip("\ufeff")
    header = SEED_HEADER.match(text)
    if header is None:
        yield from _plain(source, text, encoding)
        return
    line = text.count("\n", 0, header.start("date")) + 1
    try:
        published = parse_date(header["date"])
    except DateError as exc:
        yield IngestError(
            f"{source.name}:{line}",
            f"the header's date {shown(header['date'])} is not a valid date ({exc}); "
            "the first line must read 'date YYYY-MM-DD'",
        )
        return
    body = text[header.end():].strip()
    if not body:
        yield IngestError(f"{source.name}:{line}", "the file has a date header but no article text after it")
        return
    article = Article(text=body, published=published, origin=source.name)
    yield finish_article(article, identity=source.identity, encoding=encoding)


def read_text(source: Source, options: ReadOptions) -> Iterator[Article | IngestError]:
    """The one article of a plain text file (no date header: ``published`` is None)."""
    text, encoding = source.read_text(options.max_file_bytes, "text file")
    yield from _plain(source, text.lstrip("\ufeff"), encoding)


def _plain(source: Source, text: str, encoding: str) -> Iterator[Article | IngestError]:
    body = text.strip()
    if not body:
        yield IngestError(source.name, "the file is empty; there is no article to read")
        return
    yield finish_article(Article(text=body, origin=source.name), identity=source.identity, encoding=encoding)
