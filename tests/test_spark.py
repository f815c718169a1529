"""The Spark engine against the local pipeline: same per-article output, same story and entity groupings.

The Spark tests start a real local Spark session (``local[2]``, 2 GB driver, UI off) and are marked
``spark`` and ``slow``; they are skipped where pyspark is not installed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from newsweave.errors import ConfigError, IngestError
from newsweave.model import Article

POLNEAR_DOCS = 20


# -- fast: the record parsing shared with the contract reader -----------------------------------------------

def test_lines_are_read_by_the_contract_rules():
    from newsweave.distributed.spark import _article_from_line

    ok = _article_from_line(json.dumps({"id": "a1", "text": "Mayor Ines Halvorsen spoke.",
                                        "published": "2026-03-03T10:00:00Z", "outlet": "Ledger"}), "in.jsonl:7")
    assert isinstance(ok, Article) and ok.id == "a1" and str(ok.published) == "2026-03-03"
    assert ok.origin == "in.jsonl:7" and ok.outlet == "Ledger"
    assert _article_from_line("   \n", "in.jsonl:8") is None
    bad = _article_from_line('{"id": "a2"}', "in.jsonl:9")
    assert isinstance(bad, IngestError) and bad.origin == "in.jsonl:9" and "text" in bad.reason
    bad_date = _article_from_line('{"id": "a3", "text": "x", "published": "soon"}', "in.jsonl:10")
    assert isinstance(bad_date, IngestError) and "date" in bad_date.reason
    assert isinstance(_article_from_line("{not json", "in.jsonl:11"), IngestError)


def test_partitions_must_be_positive():
    from newsweave.distributed.spark import spark_process

    with pytest.raises(ConfigError, match="partitions"):
        spark_process("in.jsonl", "out.parquet", partitions=0)


def test_a_dataset_with_the_old_parse_column_is_refused(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    from newsweave.distributed.spark import load_parquet_into_store
    from newsweave.store import Store

    path = tmp_path / "old.parquet"
    pq.write_table(pa.table({"position": [0], "published": [None], "extraction": [b""], "doc": [b""]}), path)
    store = Store(tmp_path / "s.db")
    try:
        with pytest.raises(ConfigError, match="earlier newsweave.*spark_process"):
            load_parquet_into_store(path, store)
    finally:
        store.close()


# -- Spark ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark")
    from newsweave.distributed.spark import make_session

    session = make_session("local[2]", app_name="newsweave-tests", driver_memory="2g", shuffle_partitions=2)
    yield session
    session.stop()


def _local_run(path: Path) -> dict[str, dict]:
    from newsweave.contract import extract_articles, read_contract_input, to_contract

    articles = [a for a in read_contract_input(path) if not isinstance(a, IngestError)]
    extractions, _ = extract_articles(articles)
    return {ex.article.id: to_contract(ex) for ex in extractions}


def _without_ids(obj):
    """A contract object with the opaque story and entity ids blanked, for field-by-field comparison."""
    if isinstance(obj, dict):
        return {k: (None if k in ("entity_id", "story_id") else _without_ids(v)) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_without_ids(v) for v in obj]
    return obj


def _story_groups(out: dict[str, dict]) -> set[frozenset[str]]:
    groups = defaultdict(set)
    for doc_id, obj in out.items():
        groups[obj["story_id"]].add(doc_id)
    return {frozenset(g) for g in groups.values()}


def _entity_groups(out: dict[str, dict]) -> set[frozenset[tuple]]:
    groups = defaultdict(set)
    for doc_id, obj in out.items():
        for m in obj["entities"]:
            if m["entity_id"] is not None:
                groups[m["entity_id"]].add((doc_id, m["start"], m["end"]))
    return {frozenset(g) for g in groups.values()}


def _assert_same_as_local(spark_out: dict[str, dict], local_out: dict[str, dict]) -> None:
    assert set(spark_out) == set(local_out)
    for doc_id, expected in local_out.items():
        got = spark_out[doc_id]
        for field in ("entities", "attributions", "timexes", "events"):
            assert _without_ids(got[field]) == _without_ids(expected[field]), f"{doc_id}: {field} differ"
    assert _story_groups(spark_out) == _story_groups(local_out)
    assert _entity_groups(spark_out) == _entity_groups(local_out)


@pytest.mark.spark
@pytest.mark.slow
def test_demo_on_spark_matches_the_local_pipeline(spark, demo_path, tmp_path):
    from newsweave.distributed.spark import read_output, spark_process

    report = spark_process(demo_path, tmp_path / "demo.parquet", spark=spark, partitions=3)
    assert report["errors"] == [] and report["partitions"] == 3
    spark_out = {o["id"]: o for o in read_output(tmp_path / "demo.parquet")}
    assert report["articles"] == len(spark_out) == sum(1 for line in demo_path.read_text(encoding="utf-8").splitlines() if line.strip())
    _assert_same_as_local(spark_out, _local_run(demo_path))
    assert not (tmp_path / "demo.parquet.staging").exists()


@pytest.mark.spark
@pytest.mark.slow
def test_polnear_slice_on_spark_matches_the_local_pipeline(spark, shared_dir, tmp_path):
    from newsweave.distributed.spark import read_output, spark_process

    src = shared_dir / "data" / "attribution" / "polnear-dev.jsonl"
    if not src.exists():
        pytest.skip(f"{src} is missing")
    sliced = tmp_path / "polnear-slice.jsonl"
    with open(src, encoding="utf-8") as f, open(sliced, "w", encoding="utf-8") as out:
        out.writelines(line for _, line in zip(range(POLNEAR_DOCS), f))
    # A bad last line: refused with its line number, the rest still processed.
    with open(sliced, "a", encoding="utf-8") as out:
        out.write('{"id": "broken"}\n')
    report = spark_process(sliced, tmp_path / "out.parquet", spark=spark)
    assert len(report["errors"]) == 1 and f":{POLNEAR_DOCS + 1}:" in report["errors"][0]
    spark_out = {o["id"]: o for o in read_output(tmp_path / "out.parquet")}
    assert len(spark_out) == POLNEAR_DOCS
    _assert_same_as_local(spark_out, _local_run(sliced))


@pytest.mark.spark
@pytest.mark.slow
def test_parquet_input_and_loading_into_a_store(spark, demo_path, tmp_path):
    from newsweave.distributed.spark import load_parquet_into_store, spark_process
    from newsweave.jobs import ingest_paths, process_store
    from newsweave.store import Store

    rows = [json.loads(line) for line in demo_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    spark.createDataFrame([(r["id"], r["text"], r.get("published"), r.get("outlet"), r.get("title"))
                           for r in rows], "id string, text string, published string, outlet string, title string"
                          ).write.parquet(str(tmp_path / "in.parquet"))
    report = spark_process(tmp_path / "in.parquet", tmp_path / "out.parquet", spark=spark)
    assert report["articles"] == len(rows) and report["errors"] == []

    with Store(tmp_path / "spark.db") as store:
        loaded = load_parquet_into_store(tmp_path / "out.parquet", store)
        assert loaded["loaded"] == len(rows)
        again = load_parquet_into_store(tmp_path / "out.parquet", store)
        assert again["loaded"] == 0 and again["skipped"] == len(rows)
        spark_stories = _store_story_groups(store)
    # The same articles ingested and processed locally (`newsweave ingest` + `newsweave process`).
    with Store(tmp_path / "local.db") as store:
        ingest_paths(store, [str(demo_path)])
        process_store(store)
        local_stories = _store_story_groups(store)
    assert spark_stories == local_stories


def _store_story_groups(store) -> set[frozenset[str]]:
    groups = defaultdict(set)
    for row in store.db.execute("SELECT a.ext_id, s.story_id FROM article_story s JOIN articles a "
                                "ON a.id = s.article_id"):
        groups[row[1]].add(row[0])
    return {frozenset(g) for g in groups.values()}
