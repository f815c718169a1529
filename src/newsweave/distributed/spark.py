"""The contract's extraction over a Spark cluster: per-article stages on executors, linking on the driver.

What runs where (see docs/spark.md):

1. **Executors** (``mapPartitions``): each Python worker process builds ONE ``Pipeline`` — and so loads the
   spaCy model once — the first time a task of this run reaches it, and keeps it in a module global for
   every later partition (PySpark reuses its Python workers). Records are parsed in batches through
   ``Pipeline.run``. Each article comes back as its ``Extraction``, pickled without the parse: what the
   linkers read of the parse (story words, the names descriptions are said of) the extract stages have
   already set as plain fields. They are written to a staging Parquet dataset.
2. **Driver**: the staging rows are streamed back in input order and the cross-article linking
   (``newsweave.link.link_batch``: copies, stories, entities) runs over the whole batch — exactly the call
   ``newsweave extract`` makes, so story ids and entity ids group articles as a local run does. The driver
   never loads the spaCy model. This step is sequential and holds the batch in the
   driver's memory, as the local run does; ``load_parquet_into_store`` is the streaming alternative.
3. The linked rows are written as the output Parquet dataset (schema: ``OUTPUT_COLUMNS``).
"""

from __future__ import annotations

import io
import json
import os
import pickle
import sys
import time
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import ConfigError, ExtractError, IngestError
from ..model import Article, Extraction
from ..settings import Settings

__all__ = [
    "OUTPUT_COLUMNS",
    "load_parquet_into_store",
    "make_session",
    "read_output",
    "spark_process",
    "spark_process_cli",
]

# The output Parquet, column by column. The four contract lists are JSON text in the contract's exact
# shape (they round-trip through json.loads); ``extraction`` carries everything else a store needs and is
# bound to the newsweave version that wrote it.
OUTPUT_COLUMNS: dict[str, str] = {
    "position": "long: 0-based line (or row) number in the input; input order",
    "id": "string: the input id",
    "published": "date: publication date, or null",
    "outlet": "string", "title": "string", "url": "string", "wire": "string",
    "story_id": "string: the story, from the cross-article linking (opaque)",
    "entities": "string: JSON list of the contract's entities, each with its entity_id",
    "attributions": "string: JSON list of the contract's attributions",
    "timexes": "string: JSON list of the contract's timexes",
    "events": "string: JSON list of the contract's events",
    "entity_ids": "array<string>: distinct entity ids mentioned, in order of first mention",
    "extraction": "binary: pickled newsweave.model.Extraction (linked, without the parse)",
}

_BATCH_RECORDS = 64  # records parsed per Pipeline.run call on an executor


# --------------------------------------------------------------------------------------------------
# Executor side
# --------------------------------------------------------------------------------------------------

# One Pipeline (one spaCy model) per executor Python process, shared by every partition it runs.
_PIPELINES: dict[Settings, Any] = {}


def _pipeline_for(settings: Settings):
    pipeline = _PIPELINES.get(settings)
    if pipeline is None:
        from ..extract.pipeline import Pipeline

        pipeline = Pipeline(settings.replace(workers=1))
        _ = pipeline.nlp  # load the model now, once for this process
        _PIPELINES[settings] = pipeline
    return pipeline


def _article_from_line(line: str, origin: str) -> Article | IngestError | None:
    """One contract JSONL line as an Article, by the contract reader's own rules (None for a blank line)."""
    from ..contract import read_contract_input

    if not line.strip():
        return None
    items = list(read_contract_input(Path(origin), io.StringIO(line)))
    if not items:
        return None
    item = items[0]
    if isinstance(item, IngestError):
        return IngestError(origin, item.reason)
    item.origin = origin
    return item


def _staging_row(position: int, article: Article | None, ex: Extraction | None, error: str | None) -> tuple:
    art = ex.article if ex is not None else article
    blob = None
    if ex is not None:
        ex.doc = None  # the parse stays here: linking reads the plain fields the stages set
        blob = pickle.dumps(ex, protocol=pickle.HIGHEST_PROTOCOL)
    return (position, art.id if art else None, art.published if art else None, error, blob)


def _extract_partition(records: Iterable[tuple[str, int]], settings: Settings, source: str) -> Iterator[tuple]:
    """``mapPartitions`` body: (JSONL line, position) records in, staging rows out."""
    pending: list[tuple[int, Article]] = []

    def flush() -> Iterator[tuple]:
        pipeline = _pipeline_for(settings)
        for (position, _), ex in zip(pending, pipeline.run(a for _, a in pending)):
            yield _staging_row(position, None, ex, None)
        pending.clear()

    for line, position in records:
        item = _article_from_line(line, f"{source}:{position + 1}")
        if item is None:
            continue
        if isinstance(item, IngestError):
            yield _staging_row(position, None, None, str(item))
            continue
        pending.append((position, item))
        if len(pending) >= _BATCH_RECORDS:
            yield from flush()
    if pending:
        yield from flush()


def _row_as_line(row) -> str:
    """A Parquet input row as the equivalent contract JSON line (dates as ISO text)."""
    obj = row.asDict(recursive=True)
    for key, value in list(obj.items()):
        if isinstance(value, (date, datetime)):
            obj[key] = value.isoformat()
        elif isinstance(value, (bytes, bytearray)):
            obj[key] = None  # binary columns are not part of the contract input
    return json.dumps(obj, ensure_ascii=False, default=str)


# --------------------------------------------------------------------------------------------------
# Spark session and schemas
# --------------------------------------------------------------------------------------------------

def _require_pyspark():
    try:
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise ConfigError("pyspark is not installed: run `pip install 'newsweave[spark]'` "
                          "(Spark 4 needs Java 17 or 21 on the PATH)") from exc


def make_session(master: str = "local[2]", *, app_name: str = "newsweave", driver_memory: str = "2g",
                 shuffle_partitions: int = 8, extra: dict[str, str] | None = None):
    """A SparkSession for newsweave: UI off, few shuffle partitions, Python workers reused.

    On a cluster, prefer the session ``spark-submit`` configures and pass it as ``spark=``.
    """
    _require_pyspark()
    from pyspark.sql import SparkSession

    if master.startswith("local"):
        # Local workers must run this interpreter (the one with newsweave and the model); on a cluster the
        # executors' Python is the cluster's business (spark.pyspark.python, see docs/spark.md).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = (SparkSession.builder.master(master).appName(app_name)
               .config("spark.driver.memory", driver_memory)
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
               # Worker reuse is what makes the per-process Pipeline cache pay off across tasks.
               .config("spark.python.worker.reuse", "true"))
    for key, value in (extra or {}).items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def _staging_schema():
    from pyspark.sql.types import (
        BinaryType,
        DateType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    return StructType([
        StructField("position", LongType(), False),
        StructField("id", StringType(), True),
        StructField("published", DateType(), True),
        StructField("error", StringType(), True),
        StructField("extraction", BinaryType(), True),
    ])


def _output_schema():
    from pyspark.sql.types import (
        ArrayType,
        BinaryType,
        DateType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    text = StringType()
    return StructType([
        StructField("position", LongType(), False),
        StructField("id", text, False),
        StructField("published", DateType(), True),
        StructField("outlet", text, True),
        StructField("title", text, True),
        StructField("url", text, True),
        StructField("wire", text, True),
        StructField("story_id", text, True),
        StructField("entities", text, False),
        StructField("attributions", text, False),
        StructField("timexes", text, False),
        StructField("events", text, False),
        StructField("entity_ids", ArrayType(text, False), False),
        StructField("extraction", BinaryType(), False),
    ])


def _input_lines(spark, input_path: str, input_format: str):
    """An RDD of (contract JSON line, position) for a JSONL file/folder or a Parquet dataset."""
    fmt = input_format
    if fmt == "auto":
        fmt = "parquet" if input_path.rstrip("/").lower().endswith((".parquet", ".pq")) else "jsonl"
    if fmt == "jsonl":
        return spark.sparkContext.textFile(input_path).zipWithIndex()
    if fmt == "parquet":
        return spark.read.parquet(input_path).rdd.map(_row_as_line).zipWithIndex()
    raise ConfigError(f"input_format must be 'auto', 'jsonl' or 'parquet', got {input_format!r}")


def _delete_path(spark, path: str) -> None:
    """Remove a dataset through Spark's Hadoop filesystem layer (works for file:, hdfs:, s3a:)."""
    jvm = spark._jvm
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    hpath.getFileSystem(spark._jsc.hadoopConfiguration()).delete(hpath, True)


# --------------------------------------------------------------------------------------------------
# Driver side
# --------------------------------------------------------------------------------------------------

def _store_order(published: date | None, position: int) -> tuple:
    # The order ``newsweave process`` links a store in (Store.unprocessed_ids): undated articles first,
    # then by date, ties in input order. The output is written in it so a store load can stream it.
    return (published is not None, published or date.min, position)


def _entity_ids(ex: Extraction) -> list[str]:
    seen: dict[str, None] = {}
    for m in ex.mentions:
        if m.entity_id:
            seen.setdefault(m.entity_id, None)
    return list(seen)


def _output_row(position: int, ex: Extraction) -> tuple:
    from ..contract import to_contract

    c = to_contract(ex)
    art = ex.article

    def dumps(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    return (position, art.id, art.published, art.outlet, art.title, art.url, art.wire, ex.story_id,
            dumps(c["entities"]), dumps(c["attributions"]), dumps(c["timexes"]), dumps(c["events"]),
            _entity_ids(ex), pickle.dumps(ex, protocol=pickle.HIGHEST_PROTOCOL))


def _link_batch(extractions: list[Extraction], settings: Settings):
    try:
        from ..link import link_batch
    except ImportError as exc:
        raise ExtractError("newsweave.link.link_batch is not available in this installation; "
                           "the cross-article linking step cannot run") from exc
    return link_batch(extractions, settings)


def spark_process(input_path: str | os.PathLike, output_path: str | os.PathLike, *, master: str = "local[2]",
                  partitions: int | None = None, settings: Settings | None = None, spark=None,
                  input_format: str = "auto", keep_staging: bool = False) -> dict[str, Any]:
    """Extract every article of ``input_path`` on Spark executors, link them on the driver, write Parquet.

    ``input_path``: contract JSONL (a file, folder or glob) or a Parquet dataset with the same columns, on
    any filesystem Spark can read (local, ``hdfs://``, ``s3a://``). ``output_path``: the Parquet dataset
    written (replaced if present), one row per article, columns ``OUTPUT_COLUMNS``, undated articles first,
    then by date (the order a store links in).
    ``partitions``: how many tasks the extraction is split into (default: Spark's split of the input).
    ``spark``: an existing session to use (left running); otherwise one is made for ``master`` and stopped.
    A staging dataset ``<output_path>.staging`` holds the unlinked extractions between the two steps.
    With several input files, ``position`` and the line numbers of refused lines count across the files
    in the order Spark lists them.

    Returns counts and timings: ``articles``, ``errors`` (refused input lines), ``stories``, ``entities``,
    ``partitions``, ``extract_s``, ``link_s``, ``write_s``.
    """
    settings = settings or Settings()
    if partitions is not None and partitions < 1:
        raise ConfigError(f"partitions must be at least 1, got {partitions}")
    input_path, output_path = str(input_path), str(output_path).rstrip("/")
    staging_path = output_path + ".staging"
    own_session = spark is None
    if own_session:
        spark = make_session(master)
    try:
        # Step 1 (executors): per-article extraction, written to the staging dataset.
        t0 = time.perf_counter()
        lines = _input_lines(spark, input_path, input_format)
        if partitions is not None:
            lines = lines.repartition(partitions)
        n_partitions = lines.getNumPartitions()
        source = input_path
        staged = lines.mapPartitions(lambda recs: _extract_partition(recs, settings, source))
        spark.createDataFrame(staged, _staging_schema()).write.mode("overwrite").parquet(staging_path)
        t1 = time.perf_counter()

        # Step 2 (driver): restore extractions in input order and link them as one batch.
        extractions: list[Extraction] = []
        positions: list[int] = []
        errors: list[str] = []
        seen: set[str] = set()
        rows = spark.read.parquet(staging_path).orderBy("position").toLocalIterator()
        for row in rows:
            if row.error is not None:
                errors.append(row.error)
                continue
            if row.id in seen:
                errors.append(f"{input_path}:{row.position + 1}: duplicate id {row.id!r}: "
                              "ids must be unique in the file")
                continue
            seen.add(row.id)
            extractions.append(pickle.loads(row.extraction))
            positions.append(row.position)
        linked = _link_batch(extractions, settings)
        out_rows = [_output_row(position, ex) for position, ex in zip(positions, extractions)]
        del extractions
        out_rows.sort(key=lambda r: _store_order(r[2], r[0]))
        t2 = time.perf_counter()

        # Step 3: the linked rows, in date order, as the output dataset.
        n_slices = max(1, min(n_partitions, len(out_rows) // 500 + 1))
        (spark.createDataFrame(spark.sparkContext.parallelize(out_rows, n_slices), _output_schema())
         .write.mode("overwrite").parquet(output_path))
        if not keep_staging:
            _delete_path(spark, staging_path)
        t3 = time.perf_counter()
    finally:
        if own_session:
            spark.stop()
    return {
        "input": input_path, "output": output_path, "master": master if own_session else spark.sparkContext.master,
        "articles": len(out_rows), "errors": errors, "partitions": n_partitions,
        "stories": len(getattr(linked, "stories", None) or {r[7] for r in out_rows}),
        "entities": len(getattr(linked, "entities", None) or {e for r in out_rows for e in r[12]}),
        "extract_s": round(t1 - t0, 2), "link_s": round(t2 - t1, 2), "write_s": round(t3 - t2, 2),
    }


def spark_process_cli(input: str, output: str, master: str = "local[2]", partitions: int | None = None) -> int:
    """``newsweave spark-process INPUT OUTPUT [--master M] [--partitions N]``: run, print a summary, exit code.

    Returns 0 when at least one article was written (refused lines are listed on stderr), else 1.
    """
    report = spark_process(input, output, master=master, partitions=partitions)
    for err in report["errors"][:20]:
        print(f"refused {err}", file=sys.stderr)
    if len(report["errors"]) > 20:
        print(f"... and {len(report['errors']) - 20} more refused lines", file=sys.stderr)
    print(f"{report['articles']} articles -> {report['output']} ({report['stories']} stories, "
          f"{report['entities']} entities; {report['partitions']} partitions on {report['master']}; "
          f"extract {report['extract_s']}s, link {report['link_s']}s, write {report['write_s']}s)")
    return 0 if report["articles"] else 1


# --------------------------------------------------------------------------------------------------
# Reading the output without Spark
# --------------------------------------------------------------------------------------------------

def _dataset(parquet_path: str | os.PathLike):
    try:
        import pyarrow.dataset as pads
    except ImportError as exc:
        raise ConfigError("reading Parquet needs pyarrow: run `pip install 'newsweave[parquet]'`") from exc
    return pads.dataset(str(parquet_path), format="parquet")


def read_output(parquet_path: str | os.PathLike) -> Iterator[dict[str, Any]]:
    """The contract's output objects (``id``, ``story_id``, ``entities`` ...) from a ``spark_process`` dataset.

    Rows come in the dataset's order (undated first, then by date); reads with pyarrow, no Spark session needed.
    """
    cols = ["id", "story_id", "entities", "attributions", "timexes", "events"]
    for batch in _dataset(parquet_path).to_batches(columns=cols):
        for rec in batch.to_pylist():
            yield {"id": rec["id"], "story_id": rec["story_id"], "entities": json.loads(rec["entities"]),
                   "attributions": json.loads(rec["attributions"]), "timexes": json.loads(rec["timexes"]),
                   "events": json.loads(rec["events"])}


def load_parquet_into_store(parquet_path: str | os.PathLike, store, settings: Settings | None = None, *,
                            batch_size: int = 64) -> dict[str, int]:
    """Bulk-load a ``spark_process`` dataset (output or staging) into a ``Store``, linking online.

    Rows are streamed in date order through the store's own ``OnlineLinker`` — the path
    ``newsweave process`` takes — so stories, entities, copies and the linker's state land in the store
    and a later ``newsweave process`` carries on from them. The story and entity ids in the Parquet are
    not reused (the store numbers its own). Articles the store already holds are skipped. What linking
    reads of the parse travels in the pickled extraction, so the stories are a local run's. A dataset
    written by an earlier newsweave (with a ``doc`` column of parses) is refused: run ``spark_process``
    again.

    Returns ``loaded``, ``skipped`` (already stored) and ``stories`` (touched).
    """
    from ..jobs import store_linked
    from ..link.online import OnlineLinker

    settings = settings or Settings()
    ds = _dataset(parquet_path)
    if "doc" in ds.schema.names:
        # Its extractions predate the fields linking now reads (story words, described names).
        raise ConfigError(f"{parquet_path} was written by an earlier newsweave (it has a 'doc' column of "
                          "parses); run spark_process on its input again")
    keys = ds.to_table(columns=["position", "published"]).to_pylist()
    order = sorted(range(len(keys)), key=lambda i: _store_order(keys[i]["published"], keys[i]["position"]))
    cols = ["extraction"]
    if "error" in ds.schema.names:
        cols.append("error")
    linker = OnlineLinker.from_store(store, settings)
    report = {"loaded": 0, "skipped": 0, "stories": 0}
    touched_all: set[str] = set()

    def chunks() -> Iterator[list[dict]]:
        if order == list(range(len(order))):  # written in date order (spark_process output): stream it
            for batch in ds.to_batches(columns=cols, batch_size=batch_size):
                yield batch.to_pylist()
        else:
            table = ds.to_table(columns=cols)
            for i in range(0, len(order), batch_size):
                yield table.take(order[i : i + batch_size]).to_pylist()

    for chunk in chunks():
        touched: set[str] = set()
        gone: set[str] = set()
        with store.atomic():
            for rec in chunk:
                if rec.get("error") is not None or rec["extraction"] is None:
                    continue
                ex: Extraction = pickle.loads(rec["extraction"])
                _forget_links(ex)
                outcome = store.add_article(ex.article)
                if not outcome.new:
                    report["skipped"] += 1
                    continue
                aid = outcome.article_id
                # The same path as `newsweave process`, merges included.
                store_linked(store, linker, aid, ex, touched, gone)
                report["loaded"] += 1
            linker.save(store, touched)
        touched_all |= touched
        touched_all -= gone
    report["stories"] = len(touched_all)
    return report


def _forget_links(ex: Extraction) -> None:
    """Clear the batch linker's ids so the store's linker assigns its own."""
    ex.story_id = None
    for m in ex.mentions:
        m.entity_id = None
    for a in ex.attributions:
        if a.speaker is not None:
            a.speaker.entity_id = None
    for e in ex.events:
        for actor in (*e.source, *e.target):
            actor.entity_id = None
