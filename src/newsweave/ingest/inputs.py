"""Reading a batch of inputs (files, folders, standard input) into articles and errors."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from ..errors import ConfigError, IngestError
from ..model import Article
from .csvfile import read_csv
from .feed import read_feed
from .html import read_html
from .jsonl import read_json, read_jsonl
from .records import FieldMap, ReadOptions
from .seedtext import read_seed, read_text
from .sniff import FORMATS, sniff_source
from .source import DEFAULT_MAX_FILE_BYTES, Source, open_path, open_stream

__all__ = ["display_name", "iter_paths", "read_inputs", "read_upload", "refuse_reused_ids"]

_READERS: dict[str, Callable[[Source, ReadOptions], Iterator[Article | IngestError]]] = {
    "seed": read_seed,
    "jsonl": read_jsonl,
    "json": read_json,
    "csv": read_csv,
    "html": read_html,
    "feed": read_feed,
    "text": read_text,
}


def read_inputs(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    *,
    fields: FieldMap | None = None,
    stdin: TextIO | BinaryIO | None = None,
    format: str | None = None,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> Iterator[Article | IngestError]:
    """Read every input into articles, yielding problems as values so one bad input never stops a batch.

    ``paths`` are files, folders (walked recursively in sorted order, hidden files and folders
    skipped) or ``"-"`` for standard input (``stdin``, default ``sys.stdin``). Each file's format
    is sniffed from its content and name (see :func:`sniff_format`) unless ``format`` names one of
    ``seed, jsonl, json, csv, html, feed, text``. gzip, bzip2 and xz files are read transparently.

    Yields :class:`~newsweave.model.Article` records, each with ``origin`` (``path`` for one-article
    files, ``path:line`` for JSON Lines, CSV and JSON items, ``path#N`` for the Nth feed entry,
    ``<stdin>:line`` for standard input) and ``id`` (the input's own where it has one, else a
    stable id derived from the URL, or from the absolute path and line). Each problem is an
    :class:`~newsweave.errors.IngestError` whose ``origin`` names the file and line and whose
    ``reason`` says what to do.

    ``fields`` maps JSON/CSV field names; ``max_file_bytes`` caps a single HTML, feed, JSON or text
    file, and a single line of a line format (default 50 MB). Line formats are streamed.
    """
    if format is not None and format not in FORMATS:
        raise ConfigError(f"unknown input format {format!r}; choose one of: {', '.join(FORMATS)}")
    if max_file_bytes < 1:
        raise ConfigError(f"max_file_bytes must be at least 1, got {max_file_bytes}")
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    options = ReadOptions(fields=fields or FieldMap(), max_file_bytes=max_file_bytes)
    yield from refuse_reused_ids(_read_paths(paths, stdin, format, options))


def read_upload(
    data: bytes,
    name: str,
    *,
    fields: FieldMap | None = None,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> Iterator[Article | IngestError]:
    """Read one file held in memory (an HTTP upload) as :func:`read_inputs` reads a file on disk.

    ``name`` is the file name the sender gave: it labels articles and errors (``name:3``) and its
    extension decides the format where the content cannot; ids are derived from the text. The whole
    upload, decompressed, may hold at most ``max_file_bytes`` (a small gzip can expand a thousandfold).
    """
    import io

    options = ReadOptions(fields=fields or FieldMap(), max_file_bytes=max_file_bytes)
    opener = lambda: open_stream(io.BytesIO(data), name, identity="<http>", max_total_bytes=max_file_bytes)
    yield from refuse_reused_ids(_read_one(opener, name, None, options))


def _read_paths(paths, stdin, format, options) -> Iterator[Article | IngestError]:
    for path in paths:
        if os.fspath(path) == "-":
            yield from _read_one(lambda: open_stream(stdin if stdin is not None else sys.stdin), "<stdin>", format, options)
            continue
        for file_path, name in iter_paths(path):
            if isinstance(file_path, IngestError):
                yield file_path
                continue
            yield from _read_one(lambda p=file_path, n=name: open_path(p, n), name, format, options)


_MAX_IDS_CHECKED = 2_000_000
_DERIVED_ID = re.compile(r"[0-9a-f]{16}")


def refuse_reused_ids(items: Iterable[Article | IngestError]) -> Iterator[Article | IngestError]:
    """An id given to two different texts in one batch is an error naming both places.

    The same id with the same text is a plain duplicate (the store keeps one); with another text
    it is an input mistake (two articles would answer to one id), so the second is not stored.
    """
    # Small ints, not strings: ~100 bytes an article, so the check stays far below the size of the
    # input it reads; past _MAX_IDS_CHECKED the store's own duplicate rules alone apply.
    seen: dict[int, int] = {}
    for item in items:
        # Ids newsweave derived (16 hex digits, from the path and line or the URL) are unique by
        # construction or deduplicated by the store's URL rule; only ids the input gave are checked.
        if isinstance(item, Article) and item.id is not None and not _DERIVED_ID.fullmatch(item.id):
            key, text_key = hash(item.id), hash(item.content_hash)
            first = seen.get(key)
            if first is None:
                if len(seen) < _MAX_IDS_CHECKED:
                    seen[key] = text_key
            elif first != text_key:
                yield IngestError(
                    item.origin or "<input>",
                    f"the id {item.id!r} is already used by an earlier article of this batch with a different "
                    "text; give each article its own id (this one was not stored)",
                )
                continue
        yield item


def display_name(path: str | os.PathLike) -> str:
    """A path as error messages and ``Article.origin`` show it: as given, except that bytes of a file name
    that are not UTF-8 (which Python holds as lone surrogates, and SQLite cannot store) are written
    as ``\\xe9``."""
    name = os.fspath(path)
    if isinstance(name, bytes):
        return name.decode("utf-8", "backslashreplace")
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


def iter_paths(path: str | os.PathLike) -> Iterator[tuple[Path, str] | tuple[IngestError, str]]:
    """The files under ``path`` (itself if a file), sorted, hidden names skipped, with display names.

    A folder that cannot be listed (no permission, removed while walking) is an error naming it.
    """
    name = display_name(path)
    if not os.path.isdir(path):
        yield Path(path), name
        return
    found = False
    unreadable: list[OSError] = []
    for directory, subdirs, files in os.walk(path, onerror=unreadable.append):
        yield from _folder_errors(unreadable)
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for file_name in sorted(files):
            if file_name.startswith("."):
                continue
            found = True
            full = os.path.join(directory, file_name)
            yield Path(full), display_name(full)
    failed = bool(unreadable)
    yield from _folder_errors(unreadable)
    if not found and not failed:
        yield IngestError(name, "the folder holds no input files"), name


def _folder_errors(unreadable: list[OSError]) -> Iterator[tuple[IngestError, str]]:
    for exc in unreadable:
        folder = display_name(exc.filename or "?")
        why = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
        yield IngestError(folder, f"this folder could not be read ({why}); its files were not ingested: "
                                  "check its permissions and ingest it again"), folder
    unreadable.clear()


def _read_one(opener, name: str, format: str | None, options: ReadOptions) -> Iterator[Article | IngestError]:
    try:
        source = opener()
    except IngestError as exc:
        yield exc
        return
    try:
        fmt = format or sniff_source(source)
        if format:
            source.check_text()
        yield from _READERS[fmt](source, options)
        yield from source.trailing_errors()
    except IngestError as exc:
        yield exc
    except (MemoryError, RecursionError) as exc:
        yield IngestError(name, f"the file is too large or too deeply nested to read ({type(exc).__name__})")
    except Exception as exc:  # noqa: BLE001 - a reader's bug or a parser's surprise must not end the batch
        yield IngestError(name, f"could not be read: unexpected {type(exc).__name__}: {exc} (please report this)")
    finally:
        source.close()
