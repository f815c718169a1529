"""Score the attribution stage on PolNeAR dev (or train) with the shared scorer, and time it.

    .venv/bin/python benchmarks/attribution_eval.py [--split dev] [--method model|rules] [--out OUT.jsonl] [--nested]

Parses the split once with the project's spaCy model (cached as a DocBin under
``/tmp/nw-cache-attribution/``), runs the entities, coreference and attribution stages, writes
the contract's JSONL and runs ``../shared/eval/score.py attribution`` on it. Also prints the
time of the coreference + attribution stages as a ratio to the bare spaCy parse of the same texts.
Nested attributions (``parent`` set) are left out unless ``--nested``: PolNeAR marks only the
outermost one. ``--method`` picks the stage: the rules alone (``newsweave.attribution.rules.v1``)
or the rules with the learned span model (``newsweave.attribution.model.v1``); the model's own
share of the time is reported as ``model_s``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CACHE = Path("/tmp/nw-cache-attribution")


def load_docs(split: str):
    """The split's gold rows and their spaCy docs (parsed once, then read from the cache)."""
    from spacy.tokens import DocBin

    from newsweave.extract.nlp import load_model

    with open(SHARED / "data/attribution" / f"polnear-{split}.jsonl", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    nlp = load_model()
    path = CACHE / f"{split}.spacy"
    parse_s = None
    if path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    else:
        t0 = time.perf_counter()
        docs = list(nlp.pipe([r["text"] for r in rows], batch_size=32))
        parse_s = time.perf_counter() - t0
        CACHE.mkdir(parents=True, exist_ok=True)
        db = DocBin(store_user_data=False)
        for d in docs:
            db.add(d)
        db.to_disk(path)
    return rows, docs, parse_s


def run(split: str = "dev", out: Path | None = None, nested: bool = False, timing: bool = True,
        method: str = "model") -> dict:
    """Extract attributions for the split, score them, and return the scorer's figures."""
    from newsweave.extract import attribution_model
    from newsweave.extract.attribution import find_attributions
    from newsweave.extract.coref import resolve_coreference
    from newsweave.extract.entities import entity_mentions
    from newsweave.extract.nlp import load_model

    rows, docs, parse_s = load_docs(split)
    out = out or CACHE / f"attribution-{split}.jsonl"
    model_s = 0.0

    def refine(doc, found, quotes):
        nonlocal model_s
        t = time.perf_counter()
        found = attribution_model.refine(doc, found, quotes)
        model_s += time.perf_counter() - t
        return found

    threshold = attribution_model.candidate_threshold() if method == "model" else None

    t0 = time.perf_counter()
    results = []
    for row, doc in zip(rows, docs):
        mentions = resolve_coreference(doc, entity_mentions(doc))
        results.append((row, find_attributions(doc, mentions, refine=refine if method == "model" else None,
                                                 threshold=threshold)))
    stage_s = time.perf_counter() - t0
    with open(out, "w", encoding="utf-8") as f:
        for row, atts in results:
            items = []
            for a in atts:
                if a.parent is not None and not nested:
                    continue
                items.append({
                    "source": a.source.to_json() if a.source else None,
                    "cue": a.cue.to_json() if a.cue else None,
                    "content": [c.to_json() for c in a.content],
                    "kind": a.kind,
                })
            f.write(json.dumps({"id": row["id"], "attributions": items}) + "\n")
    score = subprocess.run(
        [sys.executable, str(SHARED / "eval/score.py"), "attribution",
         str(SHARED / "data/attribution" / f"polnear-{split}.jsonl"), str(out), "--json"],
        capture_output=True, text=True, check=True)
    figures = json.loads(score.stdout)
    if not timing:
        return figures
    if parse_s is None:
        # time a bare parse of a sample for the ratio (the full split came from the cache)
        nlp = load_model()
        texts = [r["text"] for r in rows]
        t0 = time.perf_counter()
        list(nlp.pipe(texts, batch_size=32))
        parse_s = time.perf_counter() - t0
    figures["throughput"] = {"parse_s": round(parse_s, 2), "coref_attribution_s": round(stage_s, 2),
                             "ratio": round(stage_s / parse_s, 3), "method": method, "model_s": round(model_s, 2),
                             "model_share_of_stage": round(model_s / stage_s, 3)}
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--out", type=Path)
    ap.add_argument("--nested", action="store_true", help="keep nested attributions in the output")
    ap.add_argument("--method", default="model", choices=("model", "rules"),
                    help="rules alone, or rules with the learned span model")
    ap.add_argument("--no-timing", action="store_true")
    args = ap.parse_args()
    figures = run(args.split, args.out, args.nested, timing=not args.no_timing, method=args.method)
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
