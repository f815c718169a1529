"""The peer to beat: textacy's direct-quotation extractor, scored on PolNeAR dev like our stage.

    .venv/bin/python benchmarks/textacy_quotes.py [--split dev]

Runs ``textacy.extract.triples.direct_quotations`` over the same spaCy parses our attribution
stage sees (the project's model, cached by ``attribution_eval.load_docs``), writes the contract's
JSONL (speaker -> source, cue -> cue, content -> content, kind "direct") and scores it with
``../shared/eval/score.py attribution``. textacy is a benchmark-only dependency
(``pip install "textacy>=0.13,<0.14"``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _span(tokens) -> dict | None:
    tokens = list(tokens)
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return {"start": start, "end": end, "text": tokens[0].doc.text[start:end]}


def run(split: str = "dev", out: Path | None = None) -> dict:
    """Extract textacy's direct quotations for the split, score them, return the figures."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError as exc:
        raise SystemExit(f"textacy is not installed ({exc}): pip install 'textacy>=0.13,<0.14'") from exc
    from attribution_eval import CACHE, load_docs

    rows, docs, _ = load_docs(split)
    out = out or CACHE / f"textacy-{split}.jsonl"
    with open(out, "w", encoding="utf-8") as f:
        for row, doc in zip(rows, docs):
            items = []
            try:
                quotes = list(direct_quotations(doc))
            except (ValueError, IndexError, KeyError):  # textacy raises on some odd quote layouts
                quotes = []
            for q in quotes:
                items.append({"source": _span(q.speaker), "cue": _span(q.cue),
                              "content": [_span(q.content)], "kind": "direct"})
            f.write(json.dumps({"id": row["id"], "attributions": items}) + "\n")
    score = subprocess.run(
        [sys.executable, str(SHARED / "eval/score.py"), "attribution",
         str(SHARED / "data/attribution" / f"polnear-{split}.jsonl"), str(out), "--json"],
        capture_output=True, text=True, check=True)
    return json.loads(score.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    print(json.dumps(run(args.split, args.out), indent=1))


if __name__ == "__main__":
    main()
