"""JSON Lines (one object per line) and JSON files (an array of objects, or one object).

JSON Lines is streamed a line at a time, so its size is unbounded; a line that is not valid JSON,
is not an object, or has no text is reported with its line number and the next lines are read.
A JSON file is parsed whole (so it is subject to the size limit) and item by item, so that one bad
item is reported with the line it starts on and the others are kept. A record holding an integer of
more than :data:`MAX_INT_DIGITS` digits (which Python refuses to convert, and no article field
needs) fails alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..errors import IngestError
from ..model import Article
from .records import ReadOptions, build_article
from .source import Line, Source

__all__ = ["MAX_INT_DIGITS", "read_json", "read_jsonl"]

# Python's own limit on converting digits to an int (sys.get_int_max_str_digits); checked here first so
# that such a number fails its record, not the read of the file.
MAX_INT_DIGITS = 4300


class _Numbers:
    """``parse_int`` for the JSON decoder: counts integers too long to convert instead of failing the file."""

    def __init__(self):
        self.oversized = 0

    def __call__(self, digits: str) -> int | None:
        count = len(digits) - digits.startswith("-")
        if count > MAX_INT_DIGITS:
            self.oversized = max(self.oversized, count)
            return None
        return int(digits)

    def error(self, origin: str) -> IngestError | None:
        """The record's error when it held an oversized integer (then forgets it for the next record)."""
        digits, self.oversized = self.oversized, 0
        if not digits:
            return None
        return IngestError(origin, f"this record holds a number of {digits:,} digits (more than {MAX_INT_DIGITS:,}); "
                                   "no article field holds such a number, so the record was skipped")


def read_jsonl(source: Source, options: ReadOptions) -> Iterator[Article | IngestError]:
    """One article per JSON object line; blank lines are skipped."""
    numbers = _Numbers()
    decoder = json.JSONDecoder(parse_int=numbers)
    for line in source.lines(options.max_file_bytes):
        if isinstance(line, IngestError):
            yield line
            continue
        stripped = line.text.strip()
        if not stripped:
            continue
        origin = f"{source.name}:{line.number}"
        try:
            record = decoder.decode(stripped)
        except json.JSONDecodeError as exc:
            numbers.error(origin)
            yield IngestError(origin, f"not valid JSON ({exc.msg} at column {exc.colno}); each line must be one JSON object")
            continue
        except RecursionError:
            numbers.error(origin)
            yield IngestError(origin, "the JSON on this line is nested too deeply to read; each line must be one flat JSON object")
            continue
        oversized = numbers.error(origin)
        if oversized is not None:
            yield oversized
            continue
        yield _from_record(record, source, options, origin, f":{line.number}", line)


def read_json(source: Source, options: ReadOptions) -> Iterator[Article | IngestError]:
    """The objects of a JSON array (or a single JSON object) as articles."""
    text, encoding = source.read_text(options.max_file_bytes, "JSON file")
    text = text.lstrip("\ufeff")
    numbers = _Numbers()
    decoder = json.JSONDecoder(parse_int=numbers)
    position = _skip_space(text, 0)
    if text.startswith("{", position):
        items = _single(decoder, text, position, source.name)
    elif text.startswith("[", position):
        items = _array_items(decoder, text, position + 1, source.name)
    else:
        raise IngestError(source.name, "a JSON file must hold an array of article objects (or one object)")
    line_of = _LineCounter(text)
    for index, result in enumerate(items, start=1):
        if isinstance(result, IngestError):
            yield result
            return
        start, record = result
        origin = f"{source.name}:{line_of(start)}"
        if record is _TOO_DEEP:
            numbers.error(origin)
            yield IngestError(origin, "this item is nested too deeply to read; it was skipped (an article is one "
                                      "flat JSON object)")
            continue
        oversized = numbers.error(origin)
        if oversized is not None:
            yield oversized
            continue
        yield _from_record(record, source, options, origin, f"#{index}", Line(0, "", encoding))


def _from_record(record, source: Source, options: ReadOptions, origin: str, locator: str, line: Line):
    if not isinstance(record, dict):
        return IngestError(origin, f"expected a JSON object with a '{options.fields.text}' field, found a JSON {_json_type(record)}")
    return build_article(record, fields=options.fields, origin=origin, identity=source.identity, locator=locator,
                         encoding=line.encoding)


def _json_type(value) -> str:
    return {list: "array", str: "string", int: "number", float: "number", bool: "boolean", type(None): "null"}.get(type(value), type(value).__name__)


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _single(decoder, text, position, name):
    try:
        record, end = decoder.raw_decode(text, position)
    except json.JSONDecodeError as exc:
        yield IngestError(f"{name}:{exc.lineno}", f"not valid JSON ({exc.msg} at column {exc.colno})")
        return
    if _skip_space(text, end) != len(text):
        line = text.count("\n", 0, end) + 1
        yield IngestError(f"{name}:{line}", "more than one JSON value; for one object per line, name the file .jsonl")
        return
    yield position, record


def _array_items(decoder, text, position, name):
    position = _skip_space(text, position)
    if text.startswith("]", position):
        return
    while True:
        try:
            record, end = decoder.raw_decode(text, position)
        except json.JSONDecodeError as exc:
            yield IngestError(f"{name}:{exc.lineno}", f"not valid JSON ({exc.msg} at column {exc.colno}); the items after it were not read")
            return
        except RecursionError:  # deeper than the parser goes: skip to the item's end and read on
            record, end = _TOO_DEEP, _value_end(text, position)
        yield position, record
        position = _skip_space(text, end)
        if text.startswith(",", position):
            position = _skip_space(text, position + 1)
        elif text.startswith("]", position):
            return
        else:
            line = text.count("\n", 0, position) + 1
            yield IngestError(f"{name}:{line}", "expected ',' or ']' between array items; the items after it were not read")
            return


_TOO_DEEP = object()  # stands for an array item nested too deeply to parse


def _value_end(text: str, position: int) -> int:
    """Where the JSON value starting at ``position`` ends, found without recursion (brackets counted
    outside strings); the end of the text if it never closes."""
    depth, index, size = 0, position, len(text)
    while index < size:
        char = text[index]
        if char == '"':
            index += 1
            while index < size and text[index] != '"':
                index += 2 if text[index] == "\\" else 1
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth <= 0:
                return index + 1
        index += 1
    return size


class _LineCounter:
    """Line numbers of increasing offsets, counted incrementally (items come in order)."""

    def __init__(self, text: str):
        self._text, self._offset, self._line = text, 0, 1

    def __call__(self, offset: int) -> int:
        self._line += self._text.count("\n", self._offset, offset)
        self._offset = offset
        return self._line
