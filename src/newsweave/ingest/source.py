"""Opening one input: decompression, size limits, binary detection and text decoding.

A :class:`Source` is an opened file (or standard input) with its first bytes already read, so the
format can be sniffed from content before any reader runs, and a buffered stream that still starts
at byte 0. Line formats read it a line at a time (a multi-gigabyte JSON Lines file never sits in
memory); whole-file formats call :meth:`Source.read_all`, which refuses files over a size limit.

Compression is recognised by its magic bytes (gzip, bzip2, xz), not only by the ``.gz`` suffix.
A decompression failure part-way (a truncated download) becomes an :class:`IngestError` naming the
file and the line being read when it happened; the lines before it are kept.

Text is decoded as UTF-8 (a byte-order mark is dropped); text that is not UTF-8 is decoded as
Windows-1252, the usual encoding of such news exports, and the article records that guess in
``extra["encoding"]``. UTF-16 and UTF-32 files with a byte-order mark are read too, and a file whose
lines end in a carriage return alone (old Mac exports) is read as if they ended in a newline.

Blank space before the first record (any amount up to :data:`MAX_LEADING_BLANK_BYTES`) is read past
when sniffing, so a padded file is not mistaken for an empty one. A gzip file with bytes after its
last member keeps what the members hold, and the trailing bytes are reported after it
(:meth:`Source.trailing_errors`).
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import stat
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from ..errors import IngestError

__all__ = ["DEFAULT_MAX_FILE_BYTES", "Line", "Source", "decode_text", "open_path", "open_stream"]

# A single HTML page, feed, JSON array or text article larger than this is refused: such a file is
# almost always a mistake (a dump that should be JSON Lines, a decompression bomb), and the whole-file
# parsers would hold several copies of it in memory.
DEFAULT_MAX_FILE_BYTES = 50_000_000

# Enough to sniff the format (a CSV header, the root element of a feed after a long prolog).
HEAD_BYTES = 64 * 1024
# Blank space before the first record is read into the head until something else shows; past this much,
# the file is taken for what it almost certainly is (a mistake), not searched further.
MAX_LEADING_BLANK_BYTES = 16 * 1024 * 1024
_CHUNK = 64 * 1024

_COMPRESSIONS = {b"\x1f\x8b": "gzip", b"BZh": "bzip2", b"\xfd7zXZ\x00": "xz"}
_COMPRESSED_SUFFIXES = {".gz", ".gzip", ".bz2", ".xz"}

# Files people drop into an input folder by mistake, named so the error says what to do.
_BINARY_MAGIC = (
    (b"%PDF", "a PDF document; extract its text first (for example with pdftotext)"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel file); unpack it or save it as text or CSV first"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
)

# UTF-32 first: its little-endian mark starts with UTF-16's.
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xef\xbb\xbf", "utf-8-sig"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_WIDE = ("utf-16", "utf-32")

_READ_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile, lzma.LZMAError, OSError)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a line format: its 1-based number, its text (line ending kept), its encoding."""

    number: int
    text: str
    encoding: str


class Source:
    """One opened input, its first bytes, and a buffered stream that starts at byte 0.

    ``name`` is the path as the user gave it (or ``<stdin>``) and is what error origins show;
    ``suffix`` is the lowercased extension with any compression suffix removed (``.jsonl`` for
    ``a.jsonl.gz``); ``identity`` is what derived article ids are built from (the absolute path).
    """

    def __init__(
        self,
        name: str,
        suffix: str,
        identity: str,
        stream: BinaryIO,
        compression: str | None,
        *,
        owns_stream: bool = True,
        max_total_bytes: int | None = None,
    ):
        self.name = name
        self._owns_stream = owns_stream
        # Line formats stream any length; a source that must stay small in all (an upload) says so here.
        self._max_total = max_total_bytes
        self._total = 0
        self.suffix = suffix
        self.identity = identity
        self.compression = compression
        self._inner = stream
        self._cr_only = False
        self.head = self._read_head()
        if self.wide_encoding is None and b"\r" in self.head and b"\n" not in self.head:
            # Lines ended by CR alone: every reader splits lines on LF, so CR is read as LF.
            self._cr_only = True
            self.head = self.head.replace(b"\r", b"\n")
        self.stream = io.BufferedReader(_HeadThenRest(self), buffer_size=HEAD_BYTES)

    @property
    def is_stdin(self) -> bool:
        return self.identity == "<stdin>"

    def _read_head(self) -> bytes:
        chunks, size, blank = [], 0, True
        # Past HEAD_BYTES only while everything so far is blank, then one more chunk of content.
        while size < HEAD_BYTES or (blank and size < MAX_LEADING_BLANK_BYTES):
            chunk = self._read_inner(HEAD_BYTES - size if size < HEAD_BYTES else _CHUNK)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            blank = blank and not chunk.strip()
        return b"".join(chunks)

    def _read_inner(self, size: int) -> bytes:
        try:
            data = self._inner.read(size)
        except _READ_ERRORS as exc:
            raise IngestError(self.name, _read_failure(exc, self.compression)) from exc
        self._total += len(data)
        if self._max_total is not None and self._total > self._max_total:
            raise IngestError(self.name, f"the content is larger than the {_megabytes(self._max_total)} limit "
                                         "(after decompression); send it in parts")
        return data.replace(b"\r", b"\n") if self._cr_only else data

    def trailing_errors(self) -> list[IngestError]:
        """What was found after the data once it has been read: bytes after the last gzip member."""
        trailing = getattr(self._inner, "trailing", 0)
        if not trailing:
            return []
        return [IngestError(self.name, f"{trailing:,} bytes after the end of the gzip data are not gzip data and were "
                                       "ignored (the records before them were read); the file may be damaged or "
                                       "have something appended to it")]

    @property
    def bom_encoding(self) -> str | None:
        for bom, encoding in _BOMS:
            if self.head.startswith(bom):
                return encoding
        return None

    @property
    def wide_encoding(self) -> str | None:
        """``utf-16`` or ``utf-32`` for a file that starts with their byte-order mark, else None."""
        encoding = self.bom_encoding
        return encoding if encoding in _WIDE else None

    def check_text(self) -> None:
        """Raise an :class:`IngestError` if the input is empty or is not text at all."""
        head = self.head
        if not head.strip() or head.strip() == b"\xef\xbb\xbf":
            if len(head) >= MAX_LEADING_BLANK_BYTES:
                raise IngestError(self.name, f"the file starts with more than {_megabytes(MAX_LEADING_BLANK_BYTES)} "
                                             "of blank space; remove it and ingest the file again")
            raise IngestError(self.name, "the file is empty; there is no article to read")
        if self.wide_encoding:
            return
        for magic, what in _BINARY_MAGIC:
            if head.startswith(magic):
                raise IngestError(self.name, f"this is {what}, not text; {_READABLE}")
        if b"\x00" in head:
            raise IngestError(
                self.name, f"this is a binary file (it contains NUL bytes), not text; {_READABLE}"
            )
        controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
        if controls > len(head) // 20:
            raise IngestError(self.name, f"this looks like a binary file (control bytes), not text; {_READABLE}")

    def read_all(self, max_bytes: int, what: str) -> bytes:
        """The whole (decompressed) content, refusing anything over ``max_bytes``."""
        data = self.stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise IngestError(
                self.name,
                f"the {what} is larger than the {_megabytes(max_bytes)} limit for a single file; "
                "split it, convert it to JSON Lines, or raise max_file_bytes",
            )
        return data

    def read_text(self, max_bytes: int, what: str) -> tuple[str, str]:
        """The whole content decoded (see :func:`decode_text`): ``(text, encoding)``."""
        data = self.read_all(max_bytes, what)
        wide = self.wide_encoding
        if wide:
            return data.decode(wide, errors="replace"), wide
        return decode_text(data)

    def lines(self, max_line_bytes: int) -> Iterator[Line | IngestError]:
        """The lines, one at a time, numbered from 1, line endings kept.

        A line longer than ``max_line_bytes`` is skipped with an error naming it, so one runaway
        record cannot fill memory. A read or decompression failure ends the file with an error
        naming the line it happened at.
        """
        if self.wide_encoding:
            yield from self._wide_lines(max_line_bytes, self.wide_encoding)
            return
        number = 0
        while True:
            number += 1
            try:
                raw = self.stream.readline(max_line_bytes + 1)
            except IngestError as exc:
                yield IngestError(f"{self.name}:{number}", exc.reason)
                return
            if not raw:
                return
            if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
                yield IngestError(
                    f"{self.name}:{number}",
                    f"this line is longer than the {_megabytes(max_line_bytes)} limit for one record; "
                    "it was skipped (raise max_file_bytes if it is a real article)",
                )
                try:
                    while raw and not raw.endswith(b"\n"):
                        raw = self.stream.readline(1 << 20)
                except IngestError as exc:
                    yield IngestError(f"{self.name}:{number}", exc.reason)
                    return
                continue
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            text, encoding = decode_text(raw)
            yield Line(number, text, encoding)

    def _wide_lines(self, max_line_bytes: int, encoding: str) -> Iterator[Line | IngestError]:
        reader = io.TextIOWrapper(self.stream, encoding=encoding, errors="replace", newline="")
        width = 2 if encoding == "utf-16" else 4
        number = 0
        while True:
            number += 1
            try:
                text = reader.readline(max_line_bytes // width + 1)
            except IngestError as exc:
                yield IngestError(f"{self.name}:{number}", exc.reason)
                return
            if not text:
                return
            if len(text) > max_line_bytes // width and not text.endswith("\n"):
                yield IngestError(f"{self.name}:{number}", "this line is too long for one record; it was skipped")
                while text and not text.endswith("\n"):
                    text = reader.readline(1 << 19)
                continue
            yield Line(number, text, encoding)

    def close(self) -> None:
        if not self._owns_stream:  # never close the caller's standard input
            return
        try:
            self._inner.close()
        except _READ_ERRORS:
            pass


class _HeadThenRest(io.RawIOBase):
    """A raw stream that replays the sniffed head, then goes on reading the source."""

    def __init__(self, source: Source):
        self._source = source
        self._head = memoryview(source.head)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        chunk = self._source._read_inner(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


_READABLE = "newsweave reads plain text, seed text, JSON Lines, JSON, CSV, HTML and RSS/Atom (optionally gzip-compressed)"


def _megabytes(n: int) -> str:
    return f"{n / 1_000_000:g} MB" if n >= 100_000 else f"{n:,} bytes"


def _read_failure(exc: BaseException, compression: str | None) -> str:
    if compression and isinstance(exc, EOFError):
        return (
            f"the {compression} data ends early (the file is truncated, perhaps an interrupted "
            "download or copy); fetch or compress it again"
        )
    if compression:
        return f"the {compression} data is corrupt ({exc}); fetch or compress the file again"
    return f"the file could not be read ({exc})"


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8, falling back to Windows-1252; returns ``(text, encoding used)``.

    A valid UTF-8 reading is almost never wrong, so it is tried first; Windows-1252 is the usual
    encoding of older news exports. Bytes that neither can decode are replaced (U+FFFD) and the
    encoding is reported as such, so the article records that its text is not exactly the file's.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), "utf-8 (undecodable bytes replaced)"


def _split_suffix(name: str) -> str:
    suffixes = [s.lower() for s in Path(name).suffixes]
    while suffixes and suffixes[-1] in _COMPRESSED_SUFFIXES:
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def _decompressing(raw: io.BufferedReader) -> tuple[BinaryIO, str | None]:
    magic = raw.peek(6)[:6]
    for prefix, kind in _COMPRESSIONS.items():
        if magic.startswith(prefix):
            if kind == "gzip":
                return _GzipMembers(raw), kind
            if kind == "bzip2":
                return bz2.BZ2File(raw, mode="rb"), kind
            return lzma.LZMAFile(raw, mode="rb"), kind
    return raw, None


class _GzipMembers(io.RawIOBase):
    """The decompressed bytes of one or more gzip members, like ``gzip.GzipFile``, except at the end.

    ``GzipFile`` raises on bytes after the last member that are not another member, and the read that
    meets them loses the data it had decompressed: a valid member followed by junk (an appended log
    line, a damaged tail) would lose every record. Here the data is kept, zero padding (tape and
    block devices) is ignored, and any other trailing bytes are counted in ``trailing``. Truncated
    members raise ``EOFError`` and corrupt ones ``zlib.error``, as with ``GzipFile``.
    """

    def __init__(self, raw: BinaryIO):
        self._raw = raw
        self._member = zlib.decompressobj(31)
        self._input = b""
        self._done = False
        self.trailing = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._decompress(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def _decompress(self, size: int) -> bytes:
        while not self._done:
            if self._member.eof:
                self._next_member(self._member.unused_data)
                continue
            data = self._input or self._raw.read(_CHUNK)
            if not data:
                raise EOFError("Compressed file ended before the end-of-stream marker was reached")
            out = self._member.decompress(data, size)
            self._input = self._member.unconsumed_tail
            if out:
                return out
        return b""

    def _next_member(self, rest: bytes) -> None:
        while len(rest) < 2:
            more = self._raw.read(_CHUNK)
            if not more:
                break
            rest += more
        if not rest:
            self._done = True
        elif rest.startswith(b"\x1f\x8b"):
            self._member, self._input = zlib.decompressobj(31), rest
        else:
            count, padding = 0, True
            while rest:
                count += len(rest)
                padding = padding and not rest.strip(b"\x00")
                rest = self._raw.read(_CHUNK)
            self.trailing = 0 if padding else count
            self._done = True

    def close(self) -> None:
        self._raw.close()
        super().close()


def _open_regular_file(path: str | os.PathLike, name: str) -> io.BufferedReader:
    """Open a regular file for reading; anything else is an :class:`IngestError`.

    A named pipe in an input folder would block ``open()`` (and then ``read()``) forever, and a
    device may never end: the file is opened without blocking and checked on its descriptor (no
    race between a check and the open), then read normally. Standard input is read through "-".
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(mode):
            raise IngestError(name, "is not a regular file (a named pipe, socket or device); "
                                    "copy its content to a file, or pipe it in with '-'")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return open(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def open_path(path: str | os.PathLike, name: str | None = None) -> Source:
    """Open a file for reading; raise :class:`IngestError` if it cannot be opened."""
    name = name if name is not None else os.fspath(path)
    try:
        raw = _open_regular_file(path, name)
    except FileNotFoundError:
        raise IngestError(name, "no such file or directory; check the path") from None
    except IsADirectoryError:
        raise IngestError(name, "is a directory") from None
    except PermissionError:
        raise IngestError(name, "permission denied; check the file's read permissions") from None
    except OSError as exc:
        raise IngestError(name, f"cannot be opened ({exc.strerror or exc})") from None
    try:
        stream, compression = _decompressing(raw)
        return Source(name, _split_suffix(name), os.path.abspath(path), stream, compression)
    except BaseException:
        raw.close()
        raise


def open_stream(stream: TextIO | BinaryIO, name: str = "<stdin>", *, identity: str = "<stdin>",
                max_total_bytes: int | None = None) -> Source:
    """Wrap an already open stream (standard input, an upload); a text stream is read through its bytes.

    ``name`` labels errors and gives the extension used where content cannot tell the format;
    ``identity`` (a name in angle brackets) makes derived ids come from the text, as there is no path;
    ``max_total_bytes`` ends the read with an error past that much (decompressed) content.
    """
    binary = getattr(stream, "buffer", None)
    if binary is None:
        probe = stream.read(0)
        binary = _EncodedText(stream) if isinstance(probe, str) else stream
    if not isinstance(binary, io.BufferedReader):
        binary = io.BufferedReader(_RawAdapter(binary))
    stream_, compression = _decompressing(binary)
    return Source(name, _split_suffix(name) if identity != "<stdin>" else "", identity, stream_, compression,
                  owns_stream=False, max_total_bytes=max_total_bytes)


class _RawAdapter(io.RawIOBase):
    """Gives any object with ``read(n) -> bytes`` the raw-stream interface ``BufferedReader`` wants."""

    def __init__(self, stream):
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self._stream.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


class _EncodedText:
    """A text stream without ``.buffer`` (``io.StringIO``) read as UTF-8 bytes."""

    def __init__(self, stream: TextIO):
        self._stream = stream
        self._pending = b""

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._pending) < size:
            text = self._stream.read(65536 if size < 0 else max(size // 4, 1024))
            if not text:
                break
            self._pending += text.encode("utf-8")
        if size < 0:
            size = len(self._pending)
        chunk, self._pending = self._pending[:size], self._pending[size:]
        return chunk

    def close(self) -> None:
        pass
