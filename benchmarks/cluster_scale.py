"""Story clustering cost per article as the corpus grows: 1k, 10k and 100k articles.

    .venv/bin/python benchmarks/cluster_scale.py                  # 1,000 / 10,000 / 100,000
    .venv/bin/python benchmarks/cluster_scale.py --sizes 1000 5000

The articles are made by recombining the shared ECB+ texts (read at run time, never stored): each
synthetic article takes the lines of one real article, a line or two of another, in shuffled order,
with a random date in one year and a random outlet. Features come from the parse-free path
(``features_from_text``: regex words, and capitalised word runs standing in for names) because a
spaCy parse of 100k articles would take hours on this machine and is not what is being measured:
the measured part is ``StoryClusterer.add``. The CPU time of each ``add`` is taken separately
(``time.process_time``, so that other work on a shared machine does not count); the table gives the
mean over the last 1,000 adds before each size is reached, so a flat column means the cost of one
add does not grow with the corpus. The recombined corpus is a hard case: its ~770 base texts recur
all year, so stories never go quiet and every story stays in the index.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
_CAPS = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")


def source_lines() -> list[list[str]]:
    docs = []
    for split in ("train", "dev"):
        with open(SHARED / "data" / "clustering" / f"ecbplus-{split}.jsonl", encoding="utf-8") as f:
            for line in f:
                text = json.loads(line)["text"]
                lines = [x for x in text.splitlines() if len(x.split()) > 3]
                if lines:
                    docs.append(lines)
    return docs


def synthetic_articles(n: int, seed: int = 7):
    """``n`` (key, text, date, outlet) tuples, sorted by date as a feed would deliver them."""
    rng = random.Random(seed)
    docs = source_lines()
    outlets = [f"outlet{i}" for i in range(40)]
    start = date(2024, 1, 1)
    out = []
    for i in range(n):
        base = list(rng.choice(docs))
        base += rng.sample(rng.choice(docs), k=1)
        rng.shuffle(base)
        out.append((f"a{i}", "\n".join(base), start + timedelta(days=rng.randrange(365)), rng.choice(outlets)))
    out.sort(key=lambda t: t[2])
    return out


def run(sizes: list[int]) -> list[dict]:
    sys.path.insert(0, str(REPO / "src"))
    from newsweave.link.stories import StoryClusterer, features_from_text
    from newsweave.settings import Settings

    total = max(sizes)
    articles = synthetic_articles(total)
    sc = StoryClusterer(Settings())
    add_times: list[float] = []
    feat_time = 0.0
    rows = []
    for i, (key, text, day, outlet) in enumerate(articles, 1):
        t0 = time.process_time()
        feats = features_from_text(key, text, published=day, outlet=outlet, names=_CAPS.findall(text))
        t1 = time.process_time()
        sc.add(key, feats)
        add_times.append(time.process_time() - t1)
        feat_time += t1 - t0
        if i in sizes:
            last = add_times[-1000:]
            rows.append({"articles": i, "add_ms_last_1000": 1000 * sum(last) / len(last),
                         "add_ms_mean": 1000 * sum(add_times) / len(add_times),
                         "features_ms_mean": 1000 * feat_time / i, "stories": len(sc.stories())})
            print(json.dumps(rows[-1]), flush=True)
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    args = ap.parse_args(argv)
    rows = run(sorted(args.sizes))
    print("\n| articles | ms per add (last 1,000) | ms per add (mean) | ms features | stories |")
    print("|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['articles']:,} | {r['add_ms_last_1000']:.2f} | {r['add_ms_mean']:.2f} | "
              f"{r['features_ms_mean']:.2f} | {r['stories']:,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
