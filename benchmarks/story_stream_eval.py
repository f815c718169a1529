"""Stories on a dated stream, beside the TF-IDF batch peer: BCubed of ``story_id`` against each line's ``story``.

    .venv/bin/python benchmarks/story_stream_eval.py tests/data/stories_fictional_blind1.jsonl [--window 7]

The lines are dated articles (``title``, ``text``, ``published``, ``outlet``) written apart from the code,
each with its ``story``; they go through ``newsweave extract`` as one batch (the title on the text's first
line, as a page's headline is). The peer is TF-IDF with average-link agglomerative clustering, its cut
tuned on ECB+ train (``benchmarks/cluster_eval.py``), blind to dates as a batch clustering is. ECB+ has no
dates, so streams like these are where the story window is measured; ``--window`` runs the same articles
with another ``story_window_days`` through the library instead of the CLI.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cluster_eval
import people_eval


def ours_by_library(rows: list[dict], window: int) -> dict[str, str]:
    sys.path.insert(0, str(cluster_eval.REPO / "src"))
    from newsweave.extract.pipeline import Pipeline
    from newsweave.link import link_batch
    from newsweave.model import Article
    from newsweave.settings import Settings

    settings = dataclasses.replace(Settings(), story_window_days=window)
    arts = [Article(id=r["id"], text=_text(r), published=date.fromisoformat(r["published"][:10]),
                    outlet=r.get("outlet")) for r in rows]
    exs = list(Pipeline(settings).run(arts))
    link_batch(exs, settings)
    return {r["id"]: ex.story_id for r, ex in zip(rows, exs)}


def _text(r: dict) -> str:
    return f"{r['title']}\n\n{r['text']}" if r.get("title") else r["text"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--window", type=int, default=None, help="story_window_days (default: the CLI's own)")
    args = ap.parse_args(argv)
    rows = people_eval.load(args.gold)
    if args.window is None:
        assign = {k: o["story_id"] for k, o in people_eval.extract(rows).items()}
    else:
        assign = ours_by_library(rows, args.window)
    ours = people_eval._bcubed([(r["story"], assign[r["id"]]) for r in rows])
    sc = cluster_eval.scorer()
    cut, _ = cluster_eval.tune_baseline(sc, cluster_eval.load_split("train"))
    peer_rows = [{"id": r["id"], "text": _text(r)} for r in rows]
    peer_assign = cluster_eval.baseline_clusters(peer_rows, cut)
    peer = people_eval._bcubed([(r["story"], peer_assign[r["id"]]) for r in rows])
    print(json.dumps({"articles": len(rows), "stories": len({r["story"] for r in rows}),
                      "newsweave": ours, "tfidf_peer": peer, "peer_cut": cut,
                      "window_days": args.window or "default"}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
