"""What a story's timeline and outlet comparison cost to compute, before and after a change (issues #8, #9).

On a store (built by ``benchmarks/build_large_store.py``), for the largest stories (by independent
articles) and a seeded random sample of the others, times in one run, story by story:

* ``story_timeline`` and ``compare_outlets`` as they are now, each reading the story itself;
* the same two sharing one read of the story (one ``store.views.story_view``), as a page does;
* the same two from another revision of ``newsweave/analyze`` (``--before REV``, default ``HEAD``), loaded
  from ``git show`` under another module name, so that before and after run on the same machine at the
  same moment. Its answers must equal today's: the run stops when one differs.

The revision's comparison compared every pair of claims (a minute for a 400-article story), so it is
timed only on stories up to ``--before-max`` independent articles, and on the largest one.

    python benchmarks/analyze_cost.py /tmp/nw-cache-web/100k.db [--largest 50] [--random 150]

Prints a Markdown table of milliseconds (mean, p95, the largest story) per analysis.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))] if values else 0.0


def load_revision(rev: str) -> tuple[ModuleType, ModuleType]:
    """``compare`` and ``timeline`` of ``newsweave/analyze`` at git revision ``rev``, as separate modules."""
    folder = Path(tempfile.mkdtemp(prefix="analyze-before-"))
    mods = {}
    for name in ("compare", "timeline"):
        source = subprocess.run(["git", "show", f"{rev}:src/newsweave/analyze/{name}.py"], cwd=ROOT,
                                capture_output=True, text=True, check=True).stdout
        # The two import each other: point them at the old copies, not at today's modules.
        source = (source.replace("from .compare import", "from newsweave.analyze._before_compare import")
                        .replace("from .timeline import", "from newsweave.analyze._before_timeline import"))
        (folder / f"{name}.py").write_text(source)
        full = f"newsweave.analyze._before_{name}"
        spec = importlib.util.spec_from_file_location(full, folder / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[full] = module
        mods[name] = (module, spec)
    for module, spec in mods.values():  # compare first: the timeline imports it
        spec.loader.exec_module(module)
    return mods["compare"][0], mods["timeline"][0]


def stories(db: Path, largest: int, sample: int, seed: int) -> list[tuple[str, int]]:
    """``(story id, independent articles)`` of the ``largest`` stories and ``sample`` others at random."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        rows = con.execute(
            "SELECT s.story_id, sum(c.article_id IS NULL) AS n FROM article_story s"
            " LEFT JOIN copies c ON c.article_id = s.article_id GROUP BY s.story_id ORDER BY n DESC, s.story_id"
        ).fetchall()
    rest = rows[largest:]
    return rows[:largest] + random.Random(seed).sample(rest, min(sample, len(rest)))


def _timed(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t0) * 1000, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--largest", type=int, default=50)
    parser.add_argument("--random", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--before", default="HEAD", help="git revision to compare with (default HEAD; '' for none)")
    parser.add_argument("--before-max", type=int, default=64,
                        help="time the old comparison only up to these many independent articles (and on the largest)")
    args = parser.parse_args(argv)

    from newsweave.analyze.compare import compare_outlets
    from newsweave.analyze.timeline import story_timeline, timex_range
    from newsweave.store import Store, article_detail, story_detail
    from newsweave.store.views import story_view

    old_compare, old_timeline = load_revision(args.before) if args.before else (None, None)
    store = Store(args.store, create=False, readonly=True)
    chosen = stories(args.store, args.largest, args.random, args.seed)
    biggest = max(chosen, key=lambda c: c[1])[0]

    times: dict[str, list[float]] = {k: [] for k in ("timeline", "compare", "both, shared read",
                                                     "timeline before", "compare before")}
    at_largest: dict[str, float] = {}
    paired: dict[str, list[tuple[float, float]]] = {"timeline": [], "compare": []}
    for k, (sid, n) in enumerate(chosen):
        # The story's rows read once untimed, so that whichever variant runs first does not pay
        # for bringing its pages from disk: all are timed on a warm file, as in a busy server.
        for a in story_detail(store, sid)["articles"]:
            article_detail(store, a["id"])
        timex_range.cache_clear()  # every story starts cold, as the first render of a page does
        t_tl, tl = _timed(lambda sid=sid: story_timeline(store, sid))
        timex_range.cache_clear()
        t_cmp, cmp = _timed(lambda sid=sid: compare_outlets(store, sid))

        def shared(sid=sid):
            view = story_view(store, sid)
            return story_timeline(view), compare_outlets(view)

        timex_range.cache_clear()
        t_both, (tl2, cmp2) = _timed(shared)
        assert tl2 == tl and cmp2 == cmp, f"{sid}: a shared read changed the answer"
        row = {"timeline": t_tl, "compare": t_cmp, "both, shared read": t_both}
        if old_timeline is not None:
            t_tl0, tl0 = _timed(lambda sid=sid: old_timeline.story_timeline(store, sid))
            if tl0 != tl:
                raise SystemExit(f"{sid}: the timeline differs from {args.before}'s")
            row["timeline before"] = t_tl0
            paired["timeline"].append((t_tl0, t_tl))
            if n <= args.before_max or sid == biggest:
                t_cmp0, cmp0 = _timed(lambda sid=sid: old_compare.compare_outlets(store, sid))
                if cmp0 != cmp:
                    raise SystemExit(f"{sid}: the comparison differs from {args.before}'s")
                row["compare before"] = t_cmp0
                paired["compare"].append((t_cmp0, t_cmp))
        for key, ms in row.items():
            times[key].append(ms)
            if sid == biggest:
                at_largest[key] = ms
        print(f"  {k + 1}/{len(chosen)} {sid} ({n} articles): "
              + ", ".join(f"{key} {ms:.0f}" for key, ms in row.items()), file=sys.stderr, flush=True)

    print(f"{len(chosen)} stories of {args.store.name} ({args.largest} largest, {args.random} at random);"
          f" largest {biggest} ({chosen[0][1]} independent articles); ms per story, analysis caches cleared per story\n")
    print("| analysis | stories | mean | p50 | p95 | largest story |")
    print("|---|---:|---:|---:|---:|---:|")
    for key, values in times.items():
        if values:
            print(f"| {key} | {len(values)} | {sum(values) / len(values):.1f} | {_pct(values, 50):.1f}"
                  f" | {_pct(values, 95):.1f} | {at_largest.get(key, float('nan')):.0f} |")
    for key, pairs in paired.items():
        if pairs:
            before, after = sum(p[0] for p in pairs), sum(p[1] for p in pairs)
            print(f"\n{key}: {before / after:.1f}x less time on the {len(pairs)} stories timed both ways"
                  f" (mean {before / len(pairs):.1f} -> {after / len(pairs):.1f} ms,"
                  f" p95 {_pct([p[0] for p in pairs], 95):.1f} -> {_pct([p[1] for p in pairs], 95):.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
