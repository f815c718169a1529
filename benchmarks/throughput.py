"""Throughput of `newsweave extract` as a ratio to the bare spaCy pipeline on the same texts, same run.

    python benchmarks/throughput.py [--docs N] [--workers 1,2]
    python benchmarks/throughput.py --cpu [--docs 40] [--rounds 2]

Texts: the PolNeAR dev and ECB+ dev articles from ../shared (read at run time). The baseline is
`nlp.pipe` with the same model and every component enabled, as a user would run spaCy alone.

``--cpu`` measures CPU time (``process_time``) instead of wall-clock time, which a shared machine
disturbs less: bare spaCy and ``extract`` (one worker) alternate ``--rounds`` times in one process, the
better run of each gives the ratio, every run is printed so the spread shows, and one more run of the
stages with a timer on each gives the stages' shares of ``extract``.
"""

from __future__ import annotations

import dataclasses
import json
import platform
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from newsweave.contract import extract_articles
from newsweave.extract.nlp import load_model
from newsweave.extract.pipeline import Pipeline
from newsweave.jobs import ingest_articles, process_store
from newsweave.link import link_batch
from newsweave.model import Article
from newsweave.settings import DEFAULT_STAGES, Settings
from newsweave.store import Store

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def load_articles(limit: int) -> list[Article]:
    out = []
    for rel in ("data/attribution/polnear-dev.jsonl", "data/clustering/ecbplus-dev.jsonl"):
        with open(SHARED / rel, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                pub = date.fromisoformat(d["published"][:10]) if d.get("published") else None
                out.append(Article(text=d["text"], id=d["id"], published=pub, outlet=d.get("outlet")))
    return out[:limit]


def timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def cpu_timed(fn) -> float:
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def cpu_ratio(articles: list[Article], rounds: int) -> None:
    """Print bare spaCy and ``extract`` CPU seconds, alternating, and the stages' shares of ``extract``."""
    words = sum(a.word_count for a in articles)
    nlp = load_model()
    texts = [a.text for a in articles]
    list(nlp.pipe(texts[:5]))  # warm up
    extract_articles(articles[:2], Settings(workers=1))
    bare, ext = [], []
    for _ in range(rounds):
        bare.append(cpu_timed(lambda: list(nlp.pipe(texts, batch_size=32))))
        ext.append(cpu_timed(lambda: extract_articles(articles, Settings(workers=1))))
    print(f"\n{len(articles)} articles, {words} words; CPU seconds, runs in the order made (alternating)\n")
    print(f"bare spaCy nlp.pipe: {', '.join(f'{t:.2f}' for t in bare)} -> best {words / min(bare):,.0f} words/CPU-s")
    print(f"extract, workers=1:  {', '.join(f'{t:.2f}' for t in ext)} -> best {words / min(ext):,.0f} words/CPU-s")
    print(f"ratio to bare spaCy: {min(bare) / min(ext):.2f} (best runs); "
          f"{min(bare) / max(ext):.2f} .. {max(bare) / min(ext):.2f} over all pairs of runs")
    shares = stage_seconds(articles)
    total = sum(shares.values())
    print(f"\nWhere extract's CPU goes (one more run, {total:.2f} CPU-s):\n")
    for name, secs in sorted(shares.items(), key=lambda kv: -kv[1]):
        print(f"- {name}: {secs:.2f} s, {secs / total:.1%}")


def stage_seconds(articles: list[Article]) -> dict[str, float]:
    """CPU seconds of each stage, of the parse and of the cross-article linking over one extract run."""
    pipeline = Pipeline(Settings(workers=1))
    spent: dict[str, float] = {}

    def timed_stage(spec):
        def run(ex, settings):
            t0 = time.process_time()
            try:
                spec.func(ex, settings)
            finally:
                spent[spec.name] = spent.get(spec.name, 0.0) + time.process_time() - t0
        return dataclasses.replace(spec, func=run)

    pipeline.stages = [timed_stage(spec) for spec in pipeline.stages]
    t0 = time.process_time()
    extractions = list(pipeline.run(articles))
    run_s = time.process_time() - t0
    spent["spaCy parse (nlp.pipe inside extract)"] = run_s - sum(spent.values())
    spent["linking (link_batch)"] = cpu_timed(lambda: link_batch(extractions, Settings(workers=1)))
    return spent


def main(argv: list[str]) -> None:
    n = int(argv[argv.index("--docs") + 1]) if "--docs" in argv else 200
    if "--cpu" in argv:
        cpu_ratio(load_articles(n if "--docs" in argv else 40),
                  int(argv[argv.index("--rounds") + 1]) if "--rounds" in argv else 2)
        return
    workers = [int(w) for w in (argv[argv.index("--workers") + 1] if "--workers" in argv else "1,2").split(",")]
    articles = load_articles(n)
    words = sum(a.word_count for a in articles)
    nlp = load_model()
    list(nlp.pipe(a.text for a in articles[:5]))  # warm up
    bare = timed(lambda: list(nlp.pipe((a.text for a in articles), batch_size=32)))
    rows = [("bare spaCy nlp.pipe", bare)]
    for w in workers:
        rows.append((f"extract (stages + linking), workers={w}",
                     timed(lambda w=w: extract_articles(articles, Settings(workers=w)))))
    # the cost of the attribution model: the same run with the rules alone, and the model's own time
    rules = tuple(s.replace("attribution.model.v1", "attribution.rules.v1") for s in DEFAULT_STAGES)
    rows.append(("extract, attribution rules without the model, workers=1",
                 timed(lambda: extract_articles(articles, Settings(stages=rules)))))
    model_s = _model_seconds(articles)
    for w in workers:
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "b.db")
            rows.append((f"ingest + process into SQLite, workers={w}",
                         timed(lambda w=w: (ingest_articles(store, articles), process_store(store, Settings(workers=w))))))
            store.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n### Throughput — {date.today()} — {platform.node()}, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}\n")
    print(f"{len(articles)} articles, {words} words (PolNeAR dev + ECB+ dev). Peak RSS {peak_mb:.0f} MB.\n")
    print("| run | seconds | words/s | articles/s | ratio to bare spaCy |\n| --- | --- | --- | --- | --- |")
    for name, secs in rows:
        print(f"| {name} | {secs:.1f} | {words / secs:,.0f} | {len(articles) / secs:.1f} | {bare / secs:.2f} |")
    print(f"\nAttribution model (span re-ranking inside newsweave.attribution.model.v1): {model_s:.2f} s, "
          f"{model_s / rows[1][1]:.1%} of extract with workers={workers[0]}.")


def _model_seconds(articles: list[Article]) -> float:
    """Time spent in the attribution model's own step (``attribution_model.refine``) over one extract."""
    from newsweave.extract import attribution_model

    spent = 0.0
    refine = attribution_model.refine

    def timed_refine(doc, found, quotes):
        nonlocal spent
        t0 = time.perf_counter()
        try:
            return refine(doc, found, quotes)
        finally:
            spent += time.perf_counter() - t0

    attribution_model.refine = timed_refine
    try:
        extract_articles(articles, Settings(workers=1))
    finally:
        attribution_model.refine = refine
    return spent


if __name__ == "__main__":
    main(sys.argv[1:])
