"""`make bench`: every benchmark, results appended to benchmarks/RESULTS.md with machine and date."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = [["throughput.py"], ["eval_all.py"]]


def main() -> None:
    with open(HERE / "RESULTS.md", "a", encoding="utf-8") as results:
        for bench in BENCHES:
            out = subprocess.run([sys.executable, str(HERE / bench[0]), *bench[1:]], capture_output=True, text=True,
                                 check=True).stdout
            print(out)
            results.write("\n" + out)


if __name__ == "__main__":
    main()
