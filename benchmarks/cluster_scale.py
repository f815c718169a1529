"""Story clustering cost per article as the corpus grows: 1k, 10k, 100k (and 1M) articles.

    .venv/bin/python benchmarks/cluster_scale.py                          # steady feed, 1k / 10k / 100k
    .venv/bin/python benchmarks/cluster_scale.py --sizes 1000 10000 100000 1000000
    .venv/bin/python benchmarks/cluster_scale.py --feed year              # the older one-year corpus

The articles are made by recombining the shared ECB+ texts (read at run time, never stored): each
synthetic article takes the lines of one real article (its topic), a line of another, in shuffled
order, with a random outlet. Features come from the parse-free path (``features_from_text``: regex
words, and capitalised word runs standing in for names) because a spaCy parse of 100k articles would
take hours on this machine and is not what is being measured: the measured part is
``StoryClusterer.add``. The CPU time of each ``add`` is taken separately (``time.process_time``, so
that other work on a shared machine does not count); the table gives the mean over the last 1,000
adds before each size is reached, so a flat column means the cost of one add does not grow with the
corpus. After every ``SAVE_EVERY`` articles the clusterer's changed records are taken, as the store
does after a batch (``state_changes``): "ms state" is that call's CPU time per article of the batch,
"records" the records it reported per article.

Two feeds:

- ``steady`` (default): a news feed as it grows — ``--per-day`` articles a day (300), so a larger
  corpus spans more days, not more articles per day. Each topic comes up in bursts of ``BURST_DAYS``
  days every ``BURST_PERIOD`` days (about 100 topics in the news on any day); a burst weeks after the
  last one is a new story, as a story that has gone quiet for longer than the time window retires.
- ``year``: every size spread over one year (the corpus of the first measurements), so a larger
  corpus also means more articles a day; at 100k its ~770 topics each recur every few days, no
  story ever goes quiet and every story stays live — cost then follows the articles per window.
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
BURST_DAYS = 6
SAVE_EVERY = 1000  # articles per batch: the clusterer's changed records are taken after each
BURST_PERIOD = 46


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


START = date(2024, 1, 1)


def synthetic_articles(n: int, seed: int = 7, feed: str = "steady", per_day: int = 300):
    """``n`` (key, text, date, outlet) tuples in date order, as a feed would deliver them.

    The steady feed is generated as it is read (a million texts would not fit in memory at once).
    """
    rng = random.Random(seed)
    docs = source_lines()
    outlets = [f"outlet{i}" for i in range(40)]
    if feed == "steady":
        return _steady(n, rng, docs, outlets, per_day)
    out = []
    for i in range(n):
        base = list(rng.choice(docs))
        base += rng.sample(rng.choice(docs), k=1)
        rng.shuffle(base)
        out.append((f"a{i}", "\n".join(base), START + timedelta(days=rng.randrange(365)), rng.choice(outlets)))
    out.sort(key=lambda t: t[2])
    return out


def _steady(n, rng, docs, outlets, per_day):
    phase = [rng.randrange(BURST_PERIOD) for _ in docs]
    day, active = -1, []
    for i in range(n):
        if i // per_day != day:
            day = i // per_day
            active = [t for t in range(len(docs)) if (day + phase[t]) % BURST_PERIOD < BURST_DAYS]
        base = list(docs[rng.choice(active)])
        base += rng.sample(rng.choice(docs), k=1)
        rng.shuffle(base)
        yield f"a{i}", "\n".join(base), START + timedelta(days=day), rng.choice(outlets)


def run(sizes: list[int], feed: str = "steady", per_day: int = 300, config=None, window: int | None = None) -> list[dict]:
    sys.path.insert(0, str(REPO / "src"))
    from newsweave.link.stories import StoryClusterer, features_from_text
    from newsweave.settings import Settings, StoryConfig

    total = max(sizes)
    articles = synthetic_articles(total, feed=feed, per_day=per_day)
    settings = Settings(stories=config or StoryConfig())
    if window is not None:
        settings = Settings(stories=settings.stories, story_window_days=window)
    sc = StoryClusterer(settings)
    add_times: list[float] = []
    feat_time = 0.0
    state_time, records = 0.0, 0  # over the last SAVE_EVERY articles
    rows = []
    for i, (key, text, day, outlet) in enumerate(articles, 1):
        t0 = time.process_time()
        feats = features_from_text(key, text, published=day, outlet=outlet, names=_CAPS.findall(text))
        t1 = time.process_time()
        sc.add(key, feats)
        add_times.append(time.process_time() - t1)
        feat_time += t1 - t0
        if i % SAVE_EVERY == 0:
            # What a store does after each batch: take the records the batch changed.
            t2 = time.process_time()
            delta = sc.state_changes()
            state_time, records = time.process_time() - t2, len(delta)
        if i in sizes:
            last = add_times[-1000:]
            rows.append({"articles": i, "add_ms_last_1000": 1000 * sum(last) / len(last),
                         "state_ms": 1000 * state_time / SAVE_EVERY, "records": records / SAVE_EVERY,
                         "add_ms_mean": 1000 * sum(add_times) / len(add_times),
                         "features_ms_mean": 1000 * feat_time / i, "stories": len(sc.stories()),
                         "live": sc.live_stories(), "days": (day - START).days + 1})
            print(json.dumps(rows[-1]), flush=True)
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--feed", choices=("steady", "year"), default="steady")
    ap.add_argument("--per-day", type=int, default=300, help="articles a day in the steady feed")
    ap.add_argument("--similarity", default="newsweave.stories.learned.v1",
                    help="the story similarity (newsweave.stories.learned.v1 or newsweave.stories.cosine.v1)")
    ap.add_argument("--window", type=int, default=None, help="story_window_days (default: the settings' own)")
    ap.add_argument("--recall-days", type=int, default=None,
                    help="stories.recall_days, how long a story past the window stays held (default: the config's)")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(REPO / "src"))
    from newsweave.settings import StoryConfig

    config = StoryConfig(similarity=args.similarity)
    if args.recall_days is not None:
        config = config.replace(recall_days=args.recall_days)
    print(f"story config: {json.dumps(config.to_json())}")
    rows = run(sorted(args.sizes), args.feed, args.per_day, config, args.window)
    print(f"\nfeed: {args.feed}" + (f", {args.per_day} articles a day" if args.feed == "steady" else ""))
    print("| articles | days | ms per add (last 1,000) | ms per add (mean) | ms features | ms state | records "
          "| stories | live |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['articles']:,} | {r['days']:,} | {r['add_ms_last_1000']:.2f} | {r['add_ms_mean']:.2f} | "
              f"{r['features_ms_mean']:.2f} | {r['state_ms']:.3f} | {r['records']:.1f} | {r['stories']:,} | "
              f"{r['live']:,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
