"""PLOVER actor codes: who an actor's words refer to, as a country (or body) code and a sector.

``actor_code("Russian President Vladimir Putin")`` gives ``("RUS", "GOV")``; ``actor_code("Moscow")``
gives ``("RUS", "GOV")`` (a capital named as an actor stands for its government);
``actor_code("Hungary")`` gives ``("HUN", None)``; ``actor_code("Sudanese rebels")`` gives
``("SDN", "REB")``; ``actor_code("NATO")`` gives ``("IGO", "MIL")``.

Codes are ISO-3166 alpha-3 for countries, and ``IGO`` / ``NGO`` / ``IMG`` for international
bodies, non-governmental organisations and international militarised groups, as the PLOVER gold
records use them. Sectors follow PLOVER/POLECAT: GOV, MIL, COP (police), REB, OPP, PTY, LEG, JUD,
CVL, REF, MED (medical), EDU, BUS, JRN (media), AGR, LAB, REL, ELI.

The vocabulary lives in two editable tables, ``newsweave/data/countries.tsv`` (every ISO country:
names, demonyms, capitals, seats of government) and ``newsweave/data/actors.tsv`` (international
bodies, armed and political groups, current office holders). They are read once, on first use.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from .names import fold

__all__ = ["SECTORS", "actor_code", "actor_codes", "actor_sector", "city_country", "country_names", "place_key",
           "province_code"]

SECTORS = ("GOV", "MIL", "COP", "REB", "OPP", "PTY", "LEG", "JUD", "CVL", "REF", "MED", "EDU", "BUS",
           "JRN", "AGR", "LAB", "REL", "ELI", "SPY")

# Title and role words that give the sector. Checked in this order, so that "security forces" is
# police before "forces" is military, and "opposition party" is OPP before "party" is PTY.
_SECTOR_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("REF", ("refugee", "refugees", "asylum seekers", "asylum-seekers", "displaced")),
    ("COP", ("police", "policemen", "policeman", "riot police", "security forces", "gendarmes",
             "gendarmerie", "border guards", "interior ministry troops")),
    ("REB", ("rebel", "rebels", "guerrilla", "guerrillas", "guerilla", "guerillas", "insurgent",
             "insurgents", "militant", "militants", "militia", "militias", "militiamen", "separatist",
             "separatists", "jihadist", "jihadists", "terrorist", "terrorists", "terror group",
             "terror network", "fighters", "rebel-held", "extremists", "paramilitaries", "gunmen", "bombers", "suicide bombers", "attackers",
             "kidnappers", "hijackers", "assailants")),
    ("OPP", ("opposition", "dissident", "dissidents", "activist", "activists", "human rights activist")),
    ("JUD", ("court", "judge", "judges", "prosecutor", "prosecutors", "judiciary", "tribunal",
             "attorney general", "jurists", "supreme court")),
    ("LEG", ("parliament", "parliamentary", "congress", "senate", "senator", "senators", "lawmaker",
             "lawmakers", "legislator", "legislators", "legislature", "deputies", "mp", "mps",
             "national assembly", "duma", "knesset", "bundestag", "congressman", "congresswoman")),
    ("MIL", ("army", "armies", "military", "troops", "soldier", "soldiers", "forces", "armed forces",
             "navy", "naval", "air force", "aircraft", "warplanes", "jets", "helicopters", "gunships",
             "general", "commander", "commanders", "peacekeepers", "peacekeeping", "marines",
             "defence ministry", "defense ministry", "pentagon", "artillery", "tanks", "battalion",
             "brigade", "generals", "officers")),
    ("GOV", ("president", "presidential", "prime minister", "premier", "minister", "ministry",
             "government", "governments", "cabinet", "official", "officials", "authorities",
             "administration", "regime", "ambassador", "embassy", "envoy", "diplomat", "diplomats",
             "diplomatic", "foreign secretary", "secretary of state", "secretary", "spokesman",
             "spokeswoman", "spokesperson", "chancellor", "king", "queen", "emir", "sultan",
             "leader", "leaders", "governor", "mayor", "aide", "adviser", "advisor", "advisers",
             "advisors", "negotiator", "negotiators", "delegation", "chief of staff", "kremlin",
             "white house", "state department", "foreign office", "junta", "monarch", "crown prince",
             "vice president", "vice-president", "secretary-general", "director-general", "head of state", "state-owned", "official newspaper")),
    ("PTY", ("party", "parties", "ruling party", "communist party", "coalition")),
    ("MED", ("doctor", "doctors", "medical", "hospital", "hospitals", "nurses", "physicians", "health workers")),
    ("EDU", ("student", "students", "university", "teachers", "teacher", "school", "schools", "academics",
             "professors")),
    ("JRN", ("newspaper", "newspapers", "journalist", "journalists", "reporter", "reporters", "media",
             "television", "radio", "news agency", "press", "editor", "editors", "broadcaster")),
    ("BUS", ("businessman", "businessmen", "company", "companies", "firm", "firms", "corporation",
             "investors", "bank", "banks", "industry", "traders", "business", "oil company")),
    ("AGR", ("farmer", "farmers", "peasants")),
    ("LAB", ("union", "unions", "workers", "strikers", "trade union", "labor", "labour")),
    ("REL", ("church", "clergy", "priest", "priests", "bishop", "imam", "cleric", "clerics", "missionary",
             "monks", "rabbi")),
    ("SPY", ("intelligence", "spy", "spies", "intelligence service")),
    ("ELI", ("former president", "former prime minister", "ex-president", "right-winger")),
    ("CVL", ("civilian", "civilians", "protester", "protesters", "protestors", "demonstrators",
             "villagers", "residents", "people", "citizens", "youths", "crowd", "crowds", "population",
             "nationals", "inhabitants", "women", "children", "villages", "town", "workers", "pilgrims",
             # crowds and trades that protest and riot (a domestic group, coded where it acts)
             "rioters", "mob", "mobs", "riders", "drivers", "lawyers", "graduates", "miners", "herders",
             "passengers", "shoppers", "worshippers", "traders", "vendors", "fishermen", "pensioners", "truckers")),
)

_ORGANISATION = re.compile(
    r"\b(Committee|Association|Forum|Foundation|Federation|Institute|Society|League|Movement|Coalition|"
    r"Network|Organi[sz]ation|Council|Commission|Watch|Agency|Centre|Center|Fund)\b")


@dataclass(frozen=True)
class _Entry:
    code: str
    sector: str | None
    exact_case: bool  # all-capital abbreviations ("US", "UN") must match their case
    capitalised: bool  # names written with a capital must be capitalised in the text ("Turkey")


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[re.Pattern[str], dict[str, _Entry], re.Pattern[str], dict[str, str]]:
    entries: dict[str, _Entry] = {}

    def add(alias: str, code: str, sector: str | None) -> None:
        alias = _ISATION.sub("ization", alias.strip())  # as _normalise spells the text
        if not alias:
            return
        key = alias.lower()
        exact = alias.replace(".", "").replace("-", "").isupper() and len(alias.replace(".", "")) <= 5
        # The first table row to claim an alias wins: countries are read first, named actors second,
        # so a row in actors.tsv cannot silently recode a country name.
        entries.setdefault(key, _Entry(code, sector, exact, alias[0].isupper()))

    data = resources.files("newsweave") / "data"
    for line in (data / "countries.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + [""] * 5)[:5]
        code, names, demonyms, capitals, metonyms = cols
        for name in names.split(";"):
            add(name, code, None)
        for demonym in demonyms.split(";"):
            demonym = demonym.strip()
            add(demonym, code, None)
            if demonym and demonym[-1] in "ni" and not demonym.endswith("ese"):
                add(demonym + "s", code, None)
        for capital in capitals.split(";"):
            add(capital, code, "GOV")
        for metonym in metonyms.split(";"):
            add(metonym, code, "GOV")
    for line in (data / "actors.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        names, code, sector = (line.split("\t") + ["", ""])[:3]
        for name in names.split(";"):
            add(name, code.strip(), sector.strip() or None)

    aliases = sorted(entries, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w])(" + "|".join(re.escape(a) for a in aliases) + r")(?![\w])", re.IGNORECASE)
    sector_of: dict[str, str] = {}
    for sector, words in _SECTOR_WORDS:
        for word in words:
            sector_of.setdefault(word, sector)
    sector_pattern = re.compile(
        r"(?<![\w])(" + "|".join(re.escape(w) for w in sorted(sector_of, key=len, reverse=True)) + r")(?![\w])",
        re.IGNORECASE,
    )
    return pattern, entries, sector_pattern, sector_of


def _normalise(text: str) -> str:
    text = text.replace("’", "'").replace("``", '"').replace("''", '"')
    # British and American spellings: "Organisation of African Unity" is the table's "Organization ..."
    # (one letter for one, so offsets stay)
    text = _ISATION.sub("ization", text)
    return " ".join(text.split())


_ISATION = re.compile(r"(?<=[a-z])isation")
# Words before "America(n)" that make it a region of the Americas.
_AMERICAS = ("latin ", "south ", "north ", "central ", "meso")


def _matches(text: str) -> list[tuple[int, int, _Entry]]:
    pattern, entries, _, _ = _tables()
    out = []
    for m in pattern.finditer(text):
        found = m.group(1)
        entry = entries[found.lower()]
        if entry.exact_case and found != found.upper():
            continue
        if entry.capitalised and not found[0].isupper():
            # Names are capitalised in running text: "turkey", "chad", "china" in lower case are
            # not the countries.
            continue
        before = text[max(0, m.start(1) - 8):m.start(1)].lower()
        if before.endswith(("pro-", "anti-", "pan-")):
            continue  # "pro-Iranian Hizbollah" is not Iran, the "Pan-American Highway" not the US
        if found.lower().startswith("america") and before.endswith(_AMERICAS):
            continue  # "Latin American", "South American" name a region, not the United States
        out.append((m.start(1), m.end(1), entry))
    # An ethnic group is coded by the country it lives in when the phrase names one ("ethnic
    # Albanian guerrillas operating in Macedonia"), else by its own country.
    ethnic = [m for m in out if text[max(0, m[0] - 7):m[0]].lower() == "ethnic "]
    if ethnic and len(ethnic) < len(out):
        out = [m for m in out if m not in ethnic] + ethnic
    return out


def _sector(text: str) -> str | None:
    _, _, sector_pattern, sector_of = _tables()
    found = [sector_of[m.group(1).lower()] for m in sector_pattern.finditer(text)]
    if not found:
        return None
    # The phrase's head noun comes last in English ("Russian army officers" -> officers), but a
    # role word beats a generic one: take the most specific sector by table order among the words.
    order = {s: i for i, (s, _) in enumerate(_SECTOR_WORDS)}
    return min(found, key=lambda s: order[s])


def actor_codes(text: str) -> list[tuple[str, str | None]]:
    """Every distinct (code, sector) the phrase names, in text order ("Hungarian and Romanian officials")."""
    text = _normalise(text)
    out: list[tuple[str, str | None]] = []
    for start, end, entry in _matches(text):
        if entry.code not in {c for c, _ in out}:
            out.append((entry.code, _sector_around(text, start, end, entry)))
    return out


def _sector_around(text: str, start: int, end: int, entry: _Entry) -> str | None:
    # A name alone keeps the table's sector ("Moscow" -> GOV, "Hamas" -> REB); role words around
    # it say more ("Moscow residents" -> CVL, "Hamas officials" -> GOV).
    rest = re.sub(r"^'s\b", "", (text[:start] + " " + text[end:].lstrip()).strip()).strip()
    return (_sector(rest) if rest else None) or entry.sector


@functools.lru_cache(maxsize=65536)
def actor_code(text: str) -> tuple[str, str | None] | None:
    """The PLOVER (code, sector) of an actor phrase, or None when it names no known country or body.

    The first country, body or known person the phrase names gives the code ("Militants loyal to
    Iraq's al-Qaeda frontman" -> IRQ); title and role words give the sector ("President" -> GOV,
    "army" -> MIL, "police" -> COP, "rebels" -> REB, "protesters" -> CVL). A capital or seat of
    government named alone ("Moscow", "the Kremlin", "Washington") is the government (GOV). A pure
    function of its argument: the same words always give the same code.
    """
    text = _normalise(text)
    matches = _matches(text)
    if not matches:
        if _ORGANISATION.search(text) and text[:1].isupper() or _ORGANISATION.search(text.split(" ", 1)[-1]) and any(
                w[:1].isupper() for w in text.split()[1:]):
            # A named body of no country ("the Ceasefire Violations Committee"): PLOVER's NGO.
            return "NGO", _sector(text)
        return None
    start, end, entry = matches[0]
    return entry.code, _sector_around(text, start, end, entry)


def actor_sector(text: str) -> str | None:
    """The PLOVER sector that the role words of a phrase give ("riot police" -> COP), or None."""
    return _sector(_normalise(text))


def country_names(code: str) -> list[str]:
    """Every name, demonym and capital the tables give for ``code`` (for display and tests)."""
    _, entries, _, _ = _tables()
    return sorted(alias for alias, entry in entries.items() if entry.code == code)


# -- provinces -------------------------------------------------------------------------------------
# Words that say what kind of province a name is ("Lagos State", "Trans-Nzoia County", "Mopti region").
_ADMIN_WORDS = frozenset({"state", "province", "region", "county", "district", "governorate", "oblast",
                          "department", "prefecture", "municipality", "division", "territory", "krai", "raion"})


# Province names that are also plain words ("North" of Cameroon, "Centre" of France): never read alone.
_COMMON_WORDS = frozenset({"north", "south", "east", "west", "central", "centre", "center", "northern", "southern",
                           "eastern", "western", "coast", "coastal", "capital", "islands", "lakes", "upper",
                           "lower", "middle", "border", "interior", "river", "mountain", "highlands", "lowlands",
                           "littoral", "savanes", "plateaux", "national capital", "federal capital territory"})


def place_key(text: str) -> str:
    """The key a province or city is looked up by: lower case without accents (``names.fold``), hyphens
    read as spaces: "Trans-Nzoia" = "trans nzoia". ``scripts/build_cities.py`` keys the city table with it."""
    return " ".join(fold(text).replace("-", " ").split())


def _without_admin_word(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[-1] in _ADMIN_WORDS:
        words = words[:-1]
    return " ".join(words)


@functools.lru_cache(maxsize=1)
def _provinces() -> dict[str, str]:
    """Folded province name -> the ISO alpha-3 code of its country, from the ISO 3166-2 subdivisions
    that ``pycountry`` ships; a name two countries share ("Punjab", "Plateau", "Cordoba") is left out."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    by_name: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        name = place_key(sub.name.split(" (")[0].split(" [")[0])
        # the name with its kind ("Plateau State") is unique where the bare name is not
        for key in {name, _without_admin_word(name), f"{name} {place_key(sub.type)}"}:
            by_name.setdefault(key, set()).add(sub.country_code)
    out = {}
    for key, countries in by_name.items():
        if len(countries) == 1 and len(key) > 2 and key not in _COMMON_WORDS:
            country = pycountry.countries.get(alpha_2=next(iter(countries)))
            if country is not None:
                out[key] = country.alpha_3
    return out


@functools.lru_cache(maxsize=65536)
def province_code(name: str) -> str | None:
    """The country (ISO alpha-3) of a province, state or region named alone ("Cauca" -> COL, "Lagos
    State" -> NGA, "Mopti region" -> MLI), or None where the name is no province of exactly one country.
    For places that news names by their province (conflict notes: "near Boni (Mopti region)")."""
    folded = place_key(name)
    if not folded:
        return None
    return _provinces().get(folded) or _provinces().get(_without_admin_word(folded))


@functools.lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """Folded city name -> ISO alpha-3, from ``data/cities.tsv`` (GeoNames, built by scripts/build_cities.py)."""
    out = {}
    text = resources.files("newsweave").joinpath("data", "cities.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            key, code, _ = line.split("\t", 2)
            out[key] = code
    return out


@functools.lru_cache(maxsize=65536)
def city_country(name: str) -> str | None:
    """The country (ISO alpha-3) of a city of 15,000 people or more named alone ("Quetta" -> PAK,
    "KARACHI" -> PAK), or None where the name is no such city or cities of two countries bear it
    ("Hyderabad"). A place only: a city named as an actor is no government (unlike a capital)."""
    return _cities().get(place_key(name)) if name else None
