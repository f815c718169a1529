"""CSV and TSV files: a header row naming the columns, then one article per row.

The dialect (delimiter, quoting) is sniffed from the first lines; ``.tsv`` files are tab-separated.
Rows are streamed, so a large export never sits in memory; a quoted field may span lines (the row
is then named by the line it starts on). A file without the text column is one error that names the
columns it has; a row with an empty text or a bad date is an error naming its line.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator

from ..errors import IngestError
from ..model import Article
from .records import ReadOptions, build_article, text_suggestion
from .source import Source, decode_text

__all__ = ["read_csv", "sniff_dialect"]


def sniff_dialect(sample: str, suffix: str = "") -> type[csv.Dialect] | csv.Dialect:
    """The CSV dialect of a sample (its first lines); tab-separated for ``.tsv``, else sniffed."""
    if suffix == ".tsv":
        return csv.excel_tab
    lines = sample.splitlines(keepends=True)
    if len(lines) > 1 and not sample.endswith(("\n", "\r")):
        lines = lines[:-1]  # the head may end mid-line
    try:
        return csv.Sniffer().sniff("".join(lines[:50]), delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def read_csv(source: Source, options: ReadOptions) -> Iterator[Article | IngestError]:
    """One article per row, with columns named by :class:`~newsweave.ingest.FieldMap`."""
    # The csv module refuses fields over 128 KiB by default; a long article is a legitimate field.
    if csv.field_size_limit() < options.max_file_bytes:
        csv.field_size_limit(min(options.max_file_bytes, sys.maxsize))
    encodings: dict[int, str] = {}
    errors: list[IngestError] = []
    state = {"line": 0}

    def text_lines():
        for line in source.lines(options.max_file_bytes):
            if isinstance(line, IngestError):
                errors.append(line)
                return
            encodings[line.number] = line.encoding
            state["line"] = line.number
            yield line.text

    sample = decode_text(source.head)[0].lstrip("\ufeff")
    reader = csv.reader(text_lines(), sniff_dialect(sample, source.suffix))
    fields = options.fields
    try:
        header = next(reader, None)
    except csv.Error as exc:
        yield IngestError(f"{source.name}:1", f"the header row is not valid CSV ({exc})")
        return
    if header is None:
        yield from errors or [IngestError(source.name, "the file is empty; there is no article to read")]
        return
    header = [name.strip() for name in header]
    if not any(name.lower() == fields.text.lower() for name in header):
        yield IngestError(
            source.name,
            f"no '{fields.text}' column for the article text; the columns are: {', '.join(header)}"
            + (text_suggestion(header) or "; name the text column with FieldMap(text=...)"),
        )
        return
    row_start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield IngestError(f"{source.name}:{row_start}", f"this row is not valid CSV ({exc})")
            row_start = reader.line_num + 1
            continue
        origin = f"{source.name}:{row_start}"
        line = row_start
        row_start = reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            yield IngestError(origin, f"this row has {len(row)} fields but the header names {len(header)}; check the quoting")
            continue
        record = dict(zip(header, row, strict=False))  # short rows: missing cells are absent
        yield build_article(record, fields=fields, origin=origin, identity=source.identity, locator=f":{line}",
                            encoding=encodings.get(line, "utf-8"))
    yield from errors
