"""``newsweave export``: stored articles and extracted items as JSONL, CSV or Parquet.

An output file is written under a temporary name beside it and renamed over it only when complete,
so a killed or failed export leaves the file that was there before.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .store import Store, list_entities, list_quotes, list_stories

__all__ = ["export_table", "EXPORT_TABLES"]

EXPORT_TABLES = ("articles", "quotes", "entities", "stories", "timexes", "events", "corrections")


def _rows(store: Store, table: str) -> Iterator[dict[str, Any]]:
    if table == "articles":
        for r in store.db.execute(
            "SELECT a.id, a.ext_id, a.published, a.outlet, a.wire, a.title, a.url, a.text, s.story_id"
            " FROM articles a LEFT JOIN article_story s ON s.article_id = a.id ORDER BY a.id"
        ):
            yield dict(r)
    elif table == "quotes":
        yield from list_quotes(store, limit=10**9)
    elif table == "entities":
        yield from list_entities(store, limit=10**9)
    elif table == "stories":
        for s in list_stories(store, limit=10**9):
            s["article_ids"] = [a["id"] for a in s.pop("articles")]
            yield s
    elif table == "timexes":
        for r in store.db.execute('SELECT article_id, start, "end", text, type, value, anchored FROM timexes'
                                  " ORDER BY article_id, start"):
            yield dict(r)
    elif table == "events":
        for r in store.db.execute('SELECT article_id, start, "end", type, mode, source, target, time, place, status,'
                                  " claimed_by FROM events ORDER BY article_id, start"):
            yield {**dict(r), "source": json.loads(r["source"]), "target": json.loads(r["target"])}
    elif table == "corrections":
        from .store.corrections import list_corrections

        yield from list_corrections(store)
    else:
        raise ConfigError(f"unknown table {table!r}; choose one of {', '.join(EXPORT_TABLES)}")


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def export_table(store: Store, table: str, fmt: str, output: str | Path | None = None) -> int:
    """Write ``table`` in ``fmt`` (jsonl, csv, parquet) to ``output`` (stdout when None); return the row count."""
    rows = _rows(store, table)
    if fmt == "parquet":
        if output is None:
            raise ConfigError("parquet needs an output file: pass -o FILE.parquet")
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as exc:
            raise ConfigError("parquet export needs pyarrow: pip install 'newsweave[parquet]'") from exc
        data = [{k: _flat(v) for k, v in r.items()} for r in rows]
        with _replacing(Path(output)) as part:
            pq.write_table(pa.Table.from_pylist(data), str(part))
        return len(data)
    if not output:
        return _write(rows, fmt, sys.stdout)
    with _replacing(Path(output)) as part, open(part, "w", encoding="utf-8", newline="") as handle:
        return _write(rows, fmt, handle)


@contextmanager
def _replacing(output: Path) -> Iterator[Path]:
    """A temporary path beside ``output`` that becomes ``output`` when the block completes (and is
    removed when it does not); the new file keeps the old one's permissions. A device or a pipe
    (``-o /dev/stdout``) is written in place: there is nothing to rename over."""
    if output.exists() and not output.is_file():
        yield output
        return
    fd, name = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".part")
    os.close(fd)
    part = Path(name)
    try:
        yield part
        try:
            mode = output.stat().st_mode & 0o777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(part, mode)
        with open(part, "rb+") as f:
            os.fsync(f.fileno())  # the data on disk before the rename makes it the file
        os.replace(part, output)
    finally:
        part.unlink(missing_ok=True)


def _write(rows: Iterator[dict[str, Any]], fmt: str, handle) -> int:
    n = 0
    if fmt == "jsonl":
        for r in rows:
            handle.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
            n += 1
    elif fmt == "csv":
        writer = None
        for r in rows:
            if writer is None:
                writer = csv.DictWriter(handle, fieldnames=list(r))
                writer.writeheader()
            writer.writerow({k: _flat(v) for k, v in r.items()})
            n += 1
    else:
        raise ConfigError(f"unknown format {fmt!r}; choose jsonl, csv or parquet")
    return n
