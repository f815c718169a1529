"""Score newsweave's time-expression stage on the TempEval-3 training data (our dev set).

    .venv/bin/python benchmarks/timex_eval.py [--out DIR] [--no-parser] [--errors N]

Parses ../shared/data/timex/{timebank,aquaint}.jsonl with the spaCy components the timex stage
declares (cached as DocBin under /tmp/nw-cache-timex/ so a corpus is parsed once), runs
``find_timexes``, writes one system JSONL per file plus the two concatenated, and scores each with
``../shared/eval/score.py timex``. Prints the figures and the speed (words/s) of the stage alone and
of parse + stage.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DATA = SHARED / "data" / "timex"
CACHE = Path("/tmp/nw-cache-timex")
FILES = ("timebank", "aquaint")


def load(name: str) -> list[dict]:
    with open(DATA / f"{name}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def published(doc: dict) -> date | None:
    p = doc.get("published")
    return date.fromisoformat(p[:10]) if p else None


def parse(name: str, docs: list[dict], components: tuple[str, ...], use_cache: bool = True):
    """The parsed docs of one corpus, from the cache when it has them; also the parse time."""
    import spacy
    from spacy.tokens import DocBin

    from newsweave.extract.nlp import load_model

    nlp = load_model()
    disabled = [p for p in nlp.pipe_names if p not in components]
    key = "-".join(sorted(components))
    path = CACHE / f"{name}.{key}.spacy"
    if use_cache and path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab)), None
    CACHE.mkdir(parents=True, exist_ok=True)
    t0, c0 = time.perf_counter(), time.process_time()
    parsed = list(nlp.pipe((d["text"] for d in docs), disable=disabled, batch_size=16))
    elapsed = (time.perf_counter() - t0, time.process_time() - c0)
    db = DocBin(attrs=["ORTH", "TAG", "POS", "HEAD", "DEP", "SENT_START", "SPACY", "LEMMA"], store_user_data=False)
    for d in parsed:
        db.add(d)
    db.to_disk(path)
    _ = spacy
    return parsed, elapsed


def run(out_dir: Path, components: tuple[str, ...], errors: int = 0, use_cache: bool = True) -> dict:
    from newsweave.extract.timex import find_timexes

    out_dir.mkdir(parents=True, exist_ok=True)
    results = {}
    total_words, total_stage, total_parse = 0, 0.0, 0.0
    cpu_stage, cpu_parse = 0.0, 0.0
    parse_measured = True
    all_gold, all_sys = [], []
    for name in FILES:
        docs = load(name)
        parsed, parse_s = parse(name, docs, components, use_cache)
        if parse_s is None:
            parse_measured = False
        else:
            total_parse += parse_s[0]
            cpu_parse += parse_s[1]
        t0, c0 = time.perf_counter(), time.process_time()
        sys_rows = []
        for d, doc in zip(docs, parsed):
            tx = find_timexes(doc, published(d))
            sys_rows.append({"id": d["id"], "timexes": [
                {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value} for t in tx]})
        total_stage += time.perf_counter() - t0
        cpu_stage += time.process_time() - c0
        total_words += sum(len(d["text"].split()) for d in docs)
        gold_path = DATA / f"{name}.jsonl"
        sys_path = out_dir / f"{name}.sys.jsonl"
        sys_path.write_text("".join(json.dumps(r) + "\n" for r in sys_rows), encoding="utf-8")
        all_gold.extend(docs)
        all_sys.extend(sys_rows)
        results[name] = score(gold_path, sys_path)
        if errors:
            show_errors(docs, sys_rows, errors)
    gold_all = out_dir / "all.gold.jsonl"
    gold_all.write_text("".join(json.dumps(d) + "\n" for d in all_gold), encoding="utf-8")
    sys_all = out_dir / "all.sys.jsonl"
    sys_all.write_text("".join(json.dumps(r) + "\n" for r in all_sys), encoding="utf-8")
    results["both"] = score(gold_all, sys_all)
    results["speed"] = {
        "words": total_words,
        "stage_words_per_s": round(total_words / total_stage) if total_stage else None,
        "parse_and_stage_words_per_s": round(total_words / (total_parse + total_stage)) if parse_measured else None,
        # per CPU-second of this process: steadier than wall time on a shared machine
        "stage_words_per_cpu_s": round(total_words / cpu_stage) if cpu_stage else None,
        "parse_and_stage_words_per_cpu_s": round(total_words / (cpu_parse + cpu_stage)) if parse_measured else None,
        "components": list(components),
    }
    return results


def score(gold: Path, system: Path) -> dict:
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "timex", str(gold), str(system), "--json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def show_errors(docs: list[dict], sys_rows: list[dict], limit: int) -> None:
    """Print missed, spurious and wrongly valued expressions (for error analysis on dev)."""
    sys.path.insert(0, str(SHARED / "eval"))
    from score import trim  # type: ignore

    shown = 0
    for d, row in zip(docs, sys_rows):
        text = d["text"]
        golds = [(trim(text, g["start"], g["end"]), g) for g in d["gold"]["timexes"]]
        preds = [(trim(text, p["start"], p["end"]), p) for p in row["timexes"]]
        used = set()
        for (ps, pe), p in preds:
            hit = None
            for i, ((gs, ge), g) in enumerate(golds):
                if i not in used and ps < ge and gs < pe:
                    hit = i
                    break
            ctxt = text[max(0, ps - 40):pe + 20].replace("\n", " ")
            if hit is None:
                print(f"FP  {d['published'][:10]} {p['text']!r} {p['type']} {p['value']}  | {ctxt}")
            else:
                used.add(hit)
                g = golds[hit][1]
                if g["value"] != p["value"] or (golds[hit][0] != (ps, pe)):
                    print(f"VAL {d['published'][:10]} {p['text']!r} {p['value']} gold {g['text']!r} {g['type']} {g['value']}  | {ctxt}")
            shown += 1
        for i, ((gs, ge), g) in enumerate(golds):
            if i not in used:
                ctxt = text[max(0, gs - 40):ge + 20].replace("\n", " ")
                print(f"FN  {d['published'][:10]} {g['text']!r} {g['type']} {g['value']}  | {ctxt}")
        if shown > limit:
            break


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=CACHE / "out")
    ap.add_argument("--with-parser", action="store_true", help="also run the dependency parser")
    ap.add_argument("--errors", type=int, default=0, help="print error analysis for about N predictions")
    ap.add_argument("--no-cache", action="store_true", help="parse again (to time the parse) instead of reading the cache")
    args = ap.parse_args(argv)
    from newsweave.extract.pipeline import get_stage

    components = get_stage("newsweave.timex.rules.v1").spacy_components
    if args.with_parser:
        components = tuple(components) + ("parser",)
    results = run(args.out, tuple(components), args.errors, use_cache=not args.no_cache)
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
