"""Readers that turn input files into :class:`~newsweave.model.Article` records.

One module per format, all yielding articles and :class:`~newsweave.errors.IngestError` values:

    seedtext.py   seed text (``date YYYY-MM-DD`` header, then the body) and plain text
    jsonl.py      JSON Lines (streamed) and JSON arrays
    csvfile.py    CSV/TSV with a header row (streamed)
    html.py       saved HTML pages (trafilatura, lxml fallback)
    feed.py       RSS/Atom files (feedparser; entity declarations refused)
    credit.py     news-agency credits and datelines ("WASHINGTON, October 17. /TASS/.", "(AFP)")
    sniff.py      which format a file is in, by content and name
    source.py     opening: decompression, size limits, binary detection, decoding
    dates.py      publication dates as written
    records.py    field mapping, ids, the outlet/wire rule
    inputs.py     :func:`read_inputs`, the entry point

Typical use::

    for item in read_inputs(["articles.jsonl", "pages/"]):
        if isinstance(item, IngestError):
            print(item)          # "pages/x.html: the page has no article text; …"
        else:
            store(item)
"""

from __future__ import annotations

from .credit import AGENCIES, Credit, canonical_agency, parse_credit
from .dates import DateError, parse_date
from .inputs import iter_paths, read_inputs, read_upload
from .records import FieldMap, build_article
from .sniff import FORMATS, sniff_format
from .source import DEFAULT_MAX_FILE_BYTES

__all__ = [
    "AGENCIES",
    "DEFAULT_MAX_FILE_BYTES",
    "FORMATS",
    "Credit",
    "DateError",
    "FieldMap",
    "build_article",
    "canonical_agency",
    "iter_paths",
    "parse_credit",
    "parse_date",
    "read_inputs",
    "read_upload",
    "sniff_format",
]
