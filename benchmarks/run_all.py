"""`make bench`: every benchmark, results appended to benchmarks/RESULTS.md with machine and date.

    python benchmarks/run_all.py            # quality, throughput, clustering cost, really processed stores
                                            # at 1k and 10k, web latency and load at 100k
    python benchmarks/run_all.py --1m       # also web latency at 1M articles (a ~10 GB store, ~10 min to build)
    python benchmarks/run_all.py --100k     # really processed stores up to 100k too (~10 GB, ~1 h of CPU)

Large stores are built under $NW_BENCH_DIR (default: a temporary folder, deleted at the end); they
are generated from ../shared text at run time and never committed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _run(args: list[str], results) -> None:
    out = subprocess.run([sys.executable, str(HERE / args[0]), *args[1:]], capture_output=True, text=True,
                         check=True).stdout
    print(out)
    results.write("\n" + out)


def main(argv: list[str]) -> None:
    big = "--1m" in argv
    sizes = ["1000", "10000", "100000"] if "--100k" in argv else ["1000", "10000"]
    keep = os.environ.get("NW_BENCH_DIR")
    with tempfile.TemporaryDirectory() as tmp, open(HERE / "RESULTS.md", "a", encoding="utf-8") as results:
        work = Path(keep or tmp)
        work.mkdir(parents=True, exist_ok=True)
        _run(["throughput.py"], results)
        _run(["eval_all.py"], results)
        _run(["cluster_scale.py"], results)
        # process cost, linker state load and RSS at 1k and 10k really processed articles (~15 min;
        # with --100k, about 1 h more and a 10 GB store under $NW_BENCH_DIR or a temporary folder)
        _run(["real_scale.py", "--sizes", *sizes, "--pool", "400", "--new", "30", "--keep", str(work / "real")],
             results)
        stores = [work / "100k.db"]
        subprocess.run([sys.executable, str(HERE / "build_large_store.py"), "--articles", "100000", str(stores[0])],
                       check=True)
        if big:
            stores.append(work / "1m.db")
            subprocess.run([sys.executable, str(HERE / "build_large_store.py"), "--articles", "1000000",
                            str(stores[1])], check=True)
        _run(["web_latency.py", *map(str, stores)], results)
        _run(["load_test.py", "--articles", "100000", "--seconds", "60", "--stories", "200", "--warmup", "30"],
             results)


if __name__ == "__main__":
    main(sys.argv[1:])
