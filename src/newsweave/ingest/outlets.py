"""A sources file the user provides: what they know of each outlet (country, owner, language, lean).

Three formats, chosen by the file's name and checked against its content:

    outlets.toml   one table per outlet:   [outlets."Northern Ledger"]  country = "VA"  owner = "…"
                   (or a top-level array of tables: [[outlet]] name = "…" country = "…")
    outlets.csv    a header row naming ``name`` and any of the fields
    outlets.json   an object of name -> fields, or a list of objects with ``name``

Only ``name`` is required; ``country``, ``owner``, ``language`` and ``lean`` are optional strings (a
lean is whatever label the user's own source gives: newsweave has none built in). Any other field is
refused with its name, so a typo ("contry") is not silently dropped. Every error names the file and,
where there is one, the line or the outlet.
"""

from __future__ import annotations

import csv
import io
import json
import tomllib
from pathlib import Path

from ..errors import IngestError

__all__ = ["OUTLET_FIELDS", "read_outlets_file"]

OUTLET_FIELDS = ("country", "owner", "language", "lean")
# A sources file lists outlets, not articles: a few thousand rows at most.
MAX_OUTLETS_BYTES = 5 * 1024 * 1024
_FORMATS = {".toml": "toml", ".csv": "csv", ".tsv": "csv", ".json": "json"}


def read_outlets_file(path: str | Path) -> list[dict[str, str | None]]:
    """The outlets of a sources file, each ``{name, country, owner, language, lean}`` (missing fields None),
    in file order; raises :class:`IngestError` naming the file and the reason."""
    path = Path(path)
    origin = str(path)
    kind = _FORMATS.get(path.suffix.lower())
    if kind is None:
        raise IngestError(origin, f"a sources file must end in {', '.join(_FORMATS)} (got {path.suffix or 'no suffix'!r})")
    try:
        if path.stat().st_size > MAX_OUTLETS_BYTES:
            raise IngestError(origin, f"over {MAX_OUTLETS_BYTES // (1024 * 1024)} MiB: is this a sources file?")
        raw = path.read_bytes()
    except OSError as exc:
        raise IngestError(origin, f"cannot read it: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(f"{origin}:byte {exc.start}", "not UTF-8 text") from None
    records = {"toml": _toml_records, "csv": _csv_records, "json": _json_records}[kind](origin, text)
    outlets: list[dict[str, str | None]] = []
    seen: dict[str, str] = {}
    for where, record in records:
        outlet = _outlet(where, record)
        key = outlet["name"].casefold()
        if key in seen:
            raise IngestError(where, f"outlet {outlet['name']!r} is listed twice (first at {seen[key]})")
        seen[key] = where
        outlets.append(outlet)
    if not outlets:
        raise IngestError(origin, "no outlets in it")
    return outlets


def _outlet(where: str, record: object) -> dict[str, str | None]:
    if not isinstance(record, dict):
        raise IngestError(where, f"an outlet must be a table/object of fields, got {type(record).__name__}")
    unknown = sorted(set(record) - {"name", *OUTLET_FIELDS})
    if unknown:
        raise IngestError(where, f"unknown field {unknown[0]!r}: the fields are name, {', '.join(OUTLET_FIELDS)}")
    out: dict[str, str | None] = {}
    for field in ("name", *OUTLET_FIELDS):
        value = record.get(field)
        if value is not None and not isinstance(value, str):
            raise IngestError(where, f"{field} must be text, got {value!r}")
        value = " ".join(value.split()) if value else None
        out[field] = value or None
    if not out["name"]:
        raise IngestError(where, "an outlet needs a name")
    return out


def _toml_records(origin: str, text: str) -> list[tuple[str, object]]:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise IngestError(origin, f"not valid TOML: {exc}") from None
    records: list[tuple[str, object]] = []
    tables = doc.get("outlets")
    if isinstance(tables, dict):
        for name, fields in tables.items():
            if not isinstance(fields, dict):
                raise IngestError(f"{origin}: [outlets.{name!r}]", "must be a table of fields")
            if "name" in fields and fields["name"] != name:
                raise IngestError(f"{origin}: [outlets.{name!r}]", "its name field differs from the table's name")
            records.append((f"{origin}: [outlets.{name!r}]", {**fields, "name": name}))
    for n, fields in enumerate(doc.get("outlet") or [], start=1):
        records.append((f"{origin}: [[outlet]] #{n}", fields))
    other = sorted(set(doc) - {"outlets", "outlet"})
    if other:
        raise IngestError(origin, f"unknown key {other[0]!r}: write [outlets.\"Name\"] tables or [[outlet]] entries")
    return records


def _csv_records(origin: str, text: str) -> list[tuple[str, object]]:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if "name" not in header:
        raise IngestError(f"{origin}:1", f"the header row needs a 'name' column (got {', '.join(header) or 'none'})")
    reader.fieldnames = header
    records: list[tuple[str, object]] = []
    for row in reader:
        where = f"{origin}:{reader.line_num}"
        if None in row:
            raise IngestError(where, "more cells than the header row has columns")
        records.append((where, {k: v for k, v in row.items() if v not in (None, "")}))
    return records


def _json_records(origin: str, text: str) -> list[tuple[str, object]]:
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise IngestError(origin, f"not valid JSON: {exc}") from None
    if isinstance(doc, dict):
        return [(f"{origin}: {name!r}", {**fields, "name": name} if isinstance(fields, dict) else fields)
                for name, fields in doc.items()]
    if isinstance(doc, list):
        return [(f"{origin}: item {n}", fields) for n, fields in enumerate(doc, start=1)]
    raise IngestError(origin, "write an object of outlet name -> fields, or a list of objects with a name")
