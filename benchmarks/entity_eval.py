"""Cross-document entity figures on ECB+ (shared data), with a breakdown of where recall is lost.

    .venv/bin/python benchmarks/entity_eval.py --split train            # BCubed P/R/F1 of entity ids
    .venv/bin/python benchmarks/entity_eval.py --split train --errors   # plus the loss by mention kind

Runs the same real Pipeline and ``link_batch`` as ``benchmarks/cluster_eval.py`` (whose loaders it
imports; parses are cached under ``$NW_CACHE``) and scores with the shared scorer. The breakdown
matches each gold mention to the longest overlapping predicted mention, as the scorer does, and
counts, per kind of predicted mention (name, title, description, nominal, pronoun, none), how many
gold mentions carry their gold entity's most common predicted id.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cluster_eval

ENTITY_STAGES = ("newsweave.attribution.model.v1", "newsweave.quote_speakers.v1")


def _matched(gold_row, mentions):
    """For each gold mention, the longest overlapping predicted mention with an entity id (or None)."""
    out = []
    for gm in gold_row["gold"]["entity_mentions"]:
        best, best_len = None, 0
        for pm in mentions:
            s, e = max(gm["start"], pm.start), min(gm["end"], pm.end)
            if e > s and e - s > best_len and pm.entity_id is not None:
                best, best_len = pm, e - s
        out.append((gm, best))
    return out


def breakdown(rows, exs, show: int = 0) -> None:
    """Print, per predicted mention kind, gold mentions whose id is their entity's majority id."""
    pairs = [(row, gm, pm) for row, ex in zip(rows, exs) for gm, pm in _matched(row, ex.mentions)]
    major: dict[str, Counter] = defaultdict(Counter)
    for _, gm, pm in pairs:
        if pm is not None:
            major[gm["instance"]][pm.entity_id] += 1
    size = Counter(gm["instance"] for _, gm, _ in pairs)
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for row, gm, pm in pairs:
        kind = pm.kind if pm is not None else "none"
        ok = pm is not None and major[gm["instance"]].most_common(1)[0][0] == pm.entity_id
        kinds[kind][0] += ok
        kinds[kind][1] += 1
        if not ok and size[gm["instance"]] > 1:
            misses.append((row["id"], gm["text"], gm["type"], kind, pm.text if pm else None))
    for kind, (ok, n) in sorted(kinds.items(), key=lambda kv: -kv[1][1]):
        print(f"  {kind:12s} {n:5d} gold mentions, {ok / n:.2f} on their entity's majority id")
    gtypes = Counter(gm["text"].lower() for _, gm, pm in pairs if pm is None)
    print("  most frequent unmatched gold texts:", gtypes.most_common(25))
    for m in misses[:show]:
        print("   ", m)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="train")
    ap.add_argument("--errors", action="store_true", help="print the loss by predicted mention kind")
    ap.add_argument("--show", type=int, default=0, help="print this many missed gold mentions")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(cluster_eval.REPO / "src"))
    from newsweave.link import link_batch
    from newsweave.settings import Settings

    sc = cluster_eval.scorer()
    # The stages that make or join mentions, as `newsweave extract` runs them (the quote speakers' "I"
    # needs the attributions).
    stages = cluster_eval.STAGES_WANTED + ENTITY_STAGES
    rows, exs, _ = cluster_eval.extractions(args.split, stages)
    link_batch(exs, Settings())
    out = cluster_eval.entity_output(rows, exs)
    gold = {r["id"]: r for r in rows}
    print(f"{args.split} entities: {sc.score_entities(gold, out)}")
    if args.errors:
        breakdown(rows, exs, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
