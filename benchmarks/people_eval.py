"""Who is who across articles, scored on a gold set of people (fictional articles under tests/data).

    .venv/bin/python benchmarks/people_eval.py tests/data/people_fictional_blind1.jsonl [--errors]

Each gold line is an article (``title``, ``text``, ``published``, ``outlet``) with ``people``: every
surface string that names a person in it, as written, with a person id that is the same in every
article (``{"surface": "Lenz", "person": "P01"}``). The articles go through ``newsweave extract`` as one
batch, the contract's way (the title on the text's first line, as a page's headline is), and each
predicted mention whose text is a gold surface of its article ("Lenz's" counts as "Lenz") is scored:

- **mixed**: the share of matched person mentions held by entities that hold two or more gold people
  (issue 12's "person mentions in entities that merge different people"; the aim is at most 1%);
- BCubed precision, recall and F1 of entity ids against the gold people;
- **found**: the share of gold (article, surface) pairs that some predicted mention matches;
- where each line names its ``story``, the BCubed figures of ``story_id`` against it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _bare(text: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


def load(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise SystemExit(f"{path}:{n}: not JSON ({e}); fix the line or remove it")
    return rows


def extract(rows: list[dict]) -> dict[str, dict]:
    """The contract's output for the gold articles, run as one batch by the CLI."""
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        with src.open("w", encoding="utf-8") as f:
            for r in rows:
                text = f"{r['title']}\n\n{r['text']}" if r.get("title") else r["text"]
                f.write(json.dumps({"id": r["id"], "text": text, "published": r.get("published"),
                                    "outlet": r.get("outlet")}) + "\n")
        cli = REPO / ".venv" / "bin" / "newsweave"
        subprocess.run([str(cli) if cli.exists() else "newsweave", "extract", str(src), "-o", str(out)], check=True)
        return {o["id"]: o for o in map(json.loads, out.read_text(encoding="utf-8").splitlines())}


def score(rows: list[dict], outputs: dict[str, dict]) -> tuple[dict, list[tuple]]:
    """Figures, and the matched mentions as (article id, text, gold person, entity id)."""
    matched = []
    found = Counter()
    for r in rows:
        gold = {p["surface"]: p["person"] for p in r["people"]}
        for e in outputs[r["id"]]["entities"]:
            person = gold.get(_bare(e["text"].strip()))
            if person is not None and e.get("entity_id"):
                matched.append((r["id"], e["text"], person, e["entity_id"]))
                found[(r["id"], _bare(e["text"].strip()))] += 1
    pairs = sum(len({p["surface"] for p in r["people"]}) for r in rows)
    people_of = defaultdict(Counter)
    ids_of = defaultdict(Counter)
    for _, _, person, eid in matched:
        people_of[eid][person] += 1
        ids_of[person][eid] += 1
    n = len(matched)
    mixed = sum(1 for _, _, _, eid in matched if len(people_of[eid]) > 1)
    p = sum(people_of[eid][person] / sum(people_of[eid].values()) for _, _, person, eid in matched) / n if n else 0.0
    r = sum(ids_of[person][eid] / sum(ids_of[person].values()) for _, _, person, eid in matched) / n if n else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    stories = {}
    if all("story" in r_ for r_ in rows):
        stories = _bcubed([(r_["story"], outputs[r_["id"]]["story_id"]) for r_ in rows])
    figures = {"articles": len(rows), "people": len({p["person"] for r_ in rows for p in r_["people"]}),
               "mentions_matched": n, "found": round(len(found) / pairs, 4) if pairs else 0.0,
               "mixed_entities": sum(1 for c in people_of.values() if len(c) > 1),
               "mixed_mention_share": round(mixed / n, 4) if n else 0.0,
               "bcubed": {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)}}
    if stories:
        figures["stories_bcubed"] = stories
    return figures, matched


def _bcubed(pairs: list[tuple[str, str]]) -> dict:
    """BCubed P/R/F1 of predicted clusters (second) against gold ones (first), one item per pair."""
    gold, pred = defaultdict(Counter), defaultdict(Counter)
    for g, q in pairs:
        gold[g][q] += 1
        pred[q][g] += 1
    p = sum(pred[q][g] / sum(pred[q].values()) for g, q in pairs) / len(pairs)
    r = sum(gold[g][q] / sum(gold[g].values()) for g, q in pairs) / len(pairs)
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--errors", action="store_true", help="list the mixed entities and the split people")
    args = ap.parse_args(argv)
    rows = load(args.gold)
    figures, matched = score(rows, extract(rows))
    print(json.dumps(figures, indent=1))
    if args.errors:
        people_of, ids_of = defaultdict(Counter), defaultdict(Counter)
        for _, text, person, eid in matched:
            people_of[eid][f"{person}:{text}"] += 1
            ids_of[person][eid] += 1
        for eid, c in people_of.items():
            if len({k.split(":")[0] for k in c}) > 1:
                print(f"mixed {eid}: {dict(c)}")
        for person, c in ids_of.items():
            if len(c) > 1:
                print(f"split {person}: {dict(c)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
