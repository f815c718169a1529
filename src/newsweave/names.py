"""Written names: their words, spelling keys, given names and the gender those state.

A kernel (like ``timex3.py`` and ``text.py``): coreference (``extract/coref.py``), the entity stage
(``extract/entities.py``) and the entity linker (``link/``) read names through these functions, so
one rule decides what the words of a name are. The linker's own rules over names (its keys, acronyms,
the display name of a person) are in ``link/names.py``.

Pure string functions, so they are cached: one article asks for the words of the same few names
hundreds of times (every group compares its name with every other), and a corpus repeats names.
The caches are bounded, so a long-running process does not grow with the corpus; cached results
are tuples, so no caller can change what another will be given.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

__all__ = ["DETERMINERS", "FAMILY", "GENDERED_HONORIFICS", "HONORIFICS", "ORGANISATION_HEADS", "PARTICLES", "PLACE_HEADS", "PRONOUNS",
           "SON_OF", "SURNAME_PARTICLES", "WORD", "double_surname", "first_name_gender",
           "first_names_agree", "fold", "generation",
           "given_first", "head_of", "honorific_gender", "honorific_word_gender", "is_proper_name", "last_word", "name_words", "plain_words",
           "reads_as_person", "singular", "spelled", "spelling", "surname_joined", "without_nickname", "words_of"]


# Enough for the distinct names and descriptions of a large batch; an evicted entry is recomputed.
_CACHE_SIZE = 65536

HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "president", "gen", "general", "sen", "senator", "rep", "gov", "governor", "minister", "secretary", "judge", "justice", "rev", "st", "saint", "mister", "madam"])
# Lower-case words that belong inside a name ("Bank of America", "Ludwig van Beethoven").
PARTICLES = frozenset({"of", "the", "and", "for", "de", "du", "des", "van", "von", "der", "den", "da", "di",
                       "del", "della", "la", "le", "y", "al", "el", "bin", "ibn", "ben", "&"})
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Particles that belong to the surname after them: "Marine Le Pen" is then "Le Pen", "Ursula von der Leyen"
# "von der Leyen", "Robert De Niro" "De Niro" — never a given name "Le" or "von" beside "Marine" or "Ursula".
SURNAME_PARTICLES = frozenset({"de", "du", "des", "da", "di", "del", "della", "der", "den", "la", "le", "lo",
                               "dos", "das", "van", "von", "ten", "ter"})
_GIVEN_TOO = frozenset({"van", "von"})  # "Van Jones", "Von Miller": a given name in a two-word name
# Words that end the name of an institution, never a person's ("John Birch Society", "George W. Bush
# Presidential Center"): the entity stage reads a PERSON span ending with one as an organisation.
ORGANISATION_HEADS = frozenset({
    "Committee", "Association", "Forum", "Foundation", "Federation", "Institute", "Society", "League", "Movement",
    "Coalition", "Network", "Organisation", "Organization", "Council", "Commission", "Watch", "Agency", "Centre",
    "Center", "Fund", "Strategies", "Limited", "Ltd", "Inc", "Corporation", "Corp", "University", "College",
    "Ministry", "Department", "Party", "Associates", "Partners", "Consulting"})
# Labels that name the same kind of thing: spaCy often calls one place GPE here, LOC there (a headline's
# WORK_OF_ART or LAW is none of them: the tagger's guess).
FAMILY = {"PERSON": "PER", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "NORP": "NORP"}
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their",
                         "our", "my", "your"})
# Personal and relative pronouns: a source written as one of these names nobody until coreference
# says whom it stands for ("they said ..." with no antecedent is not a speaker called "they").
PRONOUNS = frozenset({"i", "me", "my", "myself", "we", "us", "our", "ourselves", "you", "your", "yourself",
                      "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
                      "they", "them", "their", "theirs", "themselves", "who", "whom", "whose", "which"})
# Words keep an inner apostrophe: "O'Brien" is one word, not "O" and "Brien".
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# The Arabic article before a family name: "al-Rashidi", "Al-Rashidi" and "Rashidi" are one name.
_ARTICLE = re.compile(r"^(?:al|el|ad|as|ash|at|az|ar|an)-(?=\w)")
_NAME_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
_POSSESSIVE = re.compile(r"[’']s\b")
_QUOTED_NICKNAME = re.compile(r"(?<=\w)\s+['\"‘“][^\W\d_][^'\"‘’“”]{0,30}['\"’”](?=\s+\w)")
_DOUBLED = re.compile(r"(.)\1+")
_J_AS_Y = re.compile(r"(?:(?<=[bcdfgklmnprstvz])j(?=[aeiou])|^j(?=[eu]))")


def generation(text: str) -> str | None:
    """The generational suffix a name is written with ("Samuel Adeyemi Sr." -> "sr"), else None."""
    words = text.split()
    last = words[-1].lower().rstrip(".,") if words else ""
    return last if last in SUFFIXES and len(words) > 1 else None


@lru_cache(maxsize=_CACHE_SIZE)
def fold(text: str) -> str:
    """Lower case without accents ("Zelenskyy" stays, "Żurek" -> "zurek")."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=_CACHE_SIZE)
def spelling(word: str) -> str:
    """One word's transliteration-insensitive spelling: Yury/Yuri, Zelenskyy/Zelensky, Aleksey/Alexei."""
    w = word.replace("’", "").replace("'", "").replace("x", "ks").replace("y", "i").replace("w", "v")
    # German and Polish spellings of Slavic names: a "j" after a consonant or opening "je"/"ju" is the
    # English "y" (Tatjana, Jewgeni, Juri); not "Jan" (no "Ian") nor "Jose". ("tsch" for "ch" was tried:
    # "Klitschko" then lost its misspelling "Klistchko", one slip apart no more.)
    if len(w) >= 4:  # not the Korean "Jun" and "Yun"
        w = _J_AS_Y.sub("i", w)
    w = _DOUBLED.sub(r"\1", w)  # doubled letters: Zelenskii -> zelenski
    if w.endswith("ei"):  # Sergei/Sergey -> sergi (after y -> i)
        w = w[:-2] + "i"
    if len(w) >= 5 and w.endswith(("tre", "bre")):  # British and American: Centre/Center, Theatre/Theater
        w = w[:-2] + "er"
    return _TRANSLITERATED.get(w, w)


# Romanisations of common Arabic names whose vowels differ ("Mohammed"/"Muhammad", "Hussein"/"Husain"),
# which the letter rules above do not join. Keys are spellings after those rules (y -> i, doubled letters
# single); the variants are read through the same two rules when the table is built.
_ARABIC_VARIANTS = {
    "muhamad": ("mohamed", "mohamad", "muhamed", "mohammad", "mohammed", "muhammed", "mohamud"),
    "ahmad": ("ahmed",),
    "husain": ("hussein", "husein", "hussain", "husayn", "hosein", "hossein"),
    "hasan": ("hassan",),
    "abdulah": ("abdallah", "abdulla", "abdalla"),
    "iusuf": ("iousef", "ioussef", "iusef", "iousif", "iossef"),
    "mahmud": ("mahmoud",),
    "umar": ("omar",),
    "usama": ("osama",),
    "khalid": ("khaled",),
    "mustafa": ("mostafa", "moustafa"),
    "ibrahim": ("ebrahim",),
    "abdul": ("abdel", "abdoul"),
    "saiid": ("said", "saeed", "saied", "sayed", "saiyid", "sayid"),
    "iasir": ("iaser", "iasser"),
    "tarik": ("tarek", "tareq", "tariq"),
    "rashid": ("rachid", "rasheed"),
    "hamid": ("hamed",),
    "faisal": ("faysal", "feisal"),
    "iasin": ("iaseen", "iassin"),
}
_TRANSLITERATED = {_DOUBLED.sub(r"\1", v.replace("y", "i")): k for k, vs in _ARABIC_VARIANTS.items() for v in vs}


def _gender_pair(a: str, b: str) -> bool:
    """Whether two spellings are one name's masculine and feminine forms, not a slip of the pen: a final
    "o" for "a" (Juancho/Juancha, Francisco/Francisca) or an added final "a" (Daniel/Daniela,
    Ivanov/Ivanova) — a brother and a sister, a husband and a wife."""
    a, b = a.lower(), b.lower()
    if len(a) == len(b):
        return a[:-1] == b[:-1] and {a[-1:], b[-1:]} == {"a", "o"}
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return long_ == short + "a"


def one_slip_apart(a: str, b: str) -> bool:
    """Whether two different spellings differ by one slip of the pen: a letter left out, added, changed,
    or two neighbours swapped ("Klitschko"/"Klistchko", "Rait"/"Raite")."""
    if a == b or abs(len(a) - len(b)) > 1 or _gender_pair(a, b):
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[i:] == long_[i + 1:]


@lru_cache(maxsize=_CACHE_SIZE)
def words_of(text: str) -> tuple[str, ...]:
    """The lower-case words of a text (determiners and all)."""
    return tuple(WORD.findall(text.lower()))


@lru_cache(maxsize=_CACHE_SIZE)
def last_word(text: str) -> str | None:
    """A description's last lower-case word past determiners ("the Russian drivers" -> "drivers")."""
    words = [w for w in words_of(text) if w not in DETERMINERS]
    return words[-1] if words else None


@lru_cache(maxsize=_CACHE_SIZE)
def head_of(text: str) -> str | None:
    """A description's head word in the singular ("the Russian drivers" -> "driver")."""
    word = last_word(text)
    return singular(word) if word else None


@lru_cache(maxsize=_CACHE_SIZE)
def plain_words(text: str) -> tuple[str, ...]:
    """Folded words of a text with possessives and leading honorifics dropped (no case rules)."""
    words = WORD.findall(fold(_POSSESSIVE.sub("", text)))
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    return tuple(words)


def without_nickname(name: str) -> str:
    """A written name without a nickname in quote marks inside it: 'Marcia "Cia" Price' -> "Marcia Price"."""
    return " ".join(_QUOTED_NICKNAME.sub(" ", name).split())


@lru_cache(maxsize=_CACHE_SIZE)
def name_words(text: str) -> tuple[str, ...]:
    """The folded words of a written name, trimmed of what the tagger took in around it.

    A name's words are capitalised but for particles ("Bank of America", "Ludwig van Beethoven"):
    lower-case words before the first capital ("html Gary Ross") and from the first lower-case word
    after it ("Thompson in", "Chris Ivory on Injured Reserve") are not the name; neither is a
    generational suffix ("Arcade Joseph Comeaux Jr." is "Arcade Joseph Comeaux").
    """
    # A hyphenated name is one word: "Min-jun" of "Lee Min-jun" (not "Min", its "jun" taken for a particle:
    # Lee Min-jun and Lee Min-ho were one key), "Garza-Villarreal".
    # A nickname in quote marks inside a name ("Bongani 'Bongi' Dlamini") is no word of the name's.
    raw = [part for w in _NAME_WORD.findall(_QUOTED_NICKNAME.sub(" ", _POSSESSIVE.sub("", text)))
           for part in ((w,) if w[:1].isupper() or _ARTICLE.match(w.lower()) else w.split("-"))]
    # ("pro-Clinton" is "pro" and "Clinton", as before: only a capitalised or "al-" compound is one word)

    def lower(w: str) -> bool:  # "al-Rashidi" is capitalised where it counts
        return not any(part[:1].isupper() for part in w.split("-"))

    if any(not lower(w) for w in raw) and any(lower(w) for w in raw):
        while raw and lower(raw[0]) and not (len(raw) > 1 and fold(raw[0]) in SURNAME_PARTICLES):
            raw = raw[1:]  # "html Gary Ross"; not the "von" of "von der Leyen"
        cut = next((i for i, w in enumerate(raw) if lower(w) and fold(w) not in PARTICLES), len(raw))
        raw = raw[:cut]
        while raw and fold(raw[-1]) in PARTICLES:
            raw = raw[:-1]
    words = [fold(w) for w in raw]
    while len(words) > 1 and words[-1] in SUFFIXES:
        words = words[:-1]
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    return tuple(given_first(words))


def given_first(words: list[str]) -> list[str]:
    """A name's folded words with a family name written first moved last ("zhang wei" -> "wei zhang"),
    as every rule that compares names reads them."""
    return words[1:] + words[:1] if _family_name_first(words) else words


# Family names written first: Korean ones before a hyphenated given name ("Lee Min-jun"), Chinese and
# Korean ones that are no English given name ("Lee", "Kim" are) before any given name that is no English
# one either ("Chen Weiming", "Park Minjae"). (A Vietnamese name stays as written: "Nguyen Van Thanh" is
# "Thanh" for short, as a surname is.)
_KOREAN_FAMILY = frozenset(["lee", "kim", "park", "choi", "jung", "jeong", "kang", "cho", "yoon", "yun", "jang", "lim", "han", "oh", "seo", "shin", "kwon", "hwang", "ahn", "song", "jeon", "hong", "moon", "yang", "ko", "bae", "baek", "nam", "noh", "ha"])
_CHINESE_FAMILY = frozenset(["chen", "wang", "zhang", "liu", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "zhu", "hu", "guo", "lin", "gao", "luo", "zheng", "liang", "xie", "tang", "feng", "deng", "cao", "peng", "zeng", "xiao", "tian", "dong", "pan", "yuan", "cai", "jiang", "du", "ye", "cheng", "wei", "su", "ding", "ren", "shen", "yao", "zhong", "xue", "li"])


_VIETNAMESE_FAMILY = frozenset(["nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui",
                                "do", "ho", "ngo", "duong", "ly"])


def _family_name_first(words: list[str]) -> bool:
    if len(words) == 2 and "-" in words[1]:
        return words[0] in _KOREAN_FAMILY or words[0] in _CHINESE_FAMILY
    if len(words) == 2 and words[0] in _KOREAN_FAMILY and not (_listed(words[0]) or _listed(words[1])):
        return True  # "Park Minjae"; not "Kim Jones" or "Lee Evans" (Kim and Lee are English given names too)
    if len(words) == 2 and words[0] in _CHINESE_FAMILY:
        return first_name_gender(words[1]) is None and first_name_gender(words[0]) is None
    return False


def surname_joined(words, written: str = "") -> tuple[str, ...]:
    """A name's lower-case words with the surname's particles written into it as one word:
    ("marine", "le", "pen") -> ("marine", "lepen"), ("von", "der", "leyen") -> ("vonderleyen",), so that
    the surname alone and the full name agree on the surname and no particle passes for a given name.
    ``written``, the name as written, tells "van Dalen" (a surname: the particle in lower case) from
    "Van Jones" (a given name)."""
    n = len(words)
    if n == 2 and words[0] in _GIVEN_TOO and re.search(rf"(?<!\w){words[0]}\b", written):
        return ("".join(words),)
    if n == 3 and words[0] in _VIETNAMESE_FAMILY and words[1] in ("van", "thi"):
        return tuple(words)  # "Nguyen Van Thanh" is Thanh for short: "Van" is a middle name, no particle
    k = n - 1
    while k > 0 and words[k - 1] in SURNAME_PARTICLES:
        k -= 1
    if k == n - 1 or (k == 0 and n == 2 and words[0] in _GIVEN_TOO):
        return tuple(words)
    return (*words[:k], "".join(words[k:]))


@lru_cache(maxsize=_CACHE_SIZE)
def spelled(text: str) -> tuple[str, ...]:
    """The spelling keys of a name's words (``name_words``, the surname's particles joined to it, then
    ``spelling``), computed once per text."""
    # "Tae-hoon" and "Taehoon", "al-Rashidi" and "Rashidi": one spelling each
    return tuple(spelling(_ARTICLE.sub("", w).replace("-", "")) for w in surname_joined(name_words(text), text))


def singular(word: str) -> str:
    """A plural noun's singular by the usual endings ("parties" -> "party", "drivers" -> "driver")."""
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


# -- people: first names, their gender, and which written forms are names ----------------------------
# Honorifics that state a gender ("Mr. Trump" is not Melania Trump).
_HONORIFIC_GENDER = {"mr": "m", "mister": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f",
                     "madam": "f", "lady": "f", "dame": "f"}
GENDERED_HONORIFICS = frozenset(_HONORIFIC_GENDER)
# Short forms of given names that share no prefix with the full form (a prefix, "Tim"/"Timothy", is
# matched by rule), as written; compared through their spelling keys.
_NICKNAMES = {
    "bill": "william", "billy": "william", "will": "william", "bob": "robert", "bobby": "robert",
    "rob": "robert", "robbie": "robert", "dick": "richard", "rick": "richard", "rich": "richard",
    "ted": "edward", "ed": "edward", "eddie": "edward", "ned": "edward", "jim": "james", "jimmy": "james",
    "jack": "john", "johnny": "john", "jon": "john", "mike": "michael", "mick": "michael", "peggy": "margaret",
    "maggie": "margaret", "meg": "margaret", "betty": "elizabeth", "beth": "elizabeth", "liz": "elizabeth",
    "harry": "henry", "hank": "henry", "chuck": "charles", "charlie": "charles", "tom": "thomas",
    "tommy": "thomas", "joe": "joseph", "tony": "anthony", "sam": "samuel", "ben": "benjamin",
    "chris": "christopher", "nick": "nicholas", "pat": "patrick", "dan": "daniel", "danny": "daniel",
    "al": "albert", "andy": "andrew", "drew": "andrew", "sue": "susan", "sandy": "sandra", "kate": "katherine",
    "kathy": "katherine", "cathy": "catherine", "jeb": "john", "larry": "lawrence", "jerry": "gerald",
    "bernie": "bernard", "mitt": "willard", "newt": "newton", "tim": "timothy", "steve": "stephen",
    "jeff": "jeffrey", "greg": "gregory", "matt": "matthew", "pete": "peter", "ron": "ronald", "don": "donald",
}


@lru_cache(maxsize=1)
def _nickname_keys() -> dict[str, str]:
    return {spelling(k): spelling(v) for k, v in _NICKNAMES.items()}


@lru_cache(maxsize=1)
def _first_names_as_listed() -> dict[str, str]:
    """Given name as the Census lists write it -> "m", "f" or "-" (worn by both), in the file's order."""
    text = resources.files("newsweave").joinpath("data/first_names.tsv").read_text(encoding="utf-8")
    return dict(line.partition("\t")[::2] for line in text.splitlines() if line and not line.startswith("#"))


def double_surname(words) -> bool:
    """Whether a three-word name reads as a given name and two surnames, the Spanish way ("Javier Morales
    Ibarra", "Gustavo Petro Urrego"): a listed given name, then two words no list gives as given names
    (not "Mary Ann Smith"). Such a person is called by the first surname alone ("Morales", "Petro")."""
    return (len(words) == 3 and _listed(words[0]) and not _listed(words[1]) and not _listed(words[2])
            and words[1] not in SURNAME_PARTICLES | SON_OF and len(words[1]) > 2)


# The words that say "son of" or "daughter of" inside an Arabic or Malay name ("Ahmed bin Khalid": Khalid
# is his father; no Spanish name either)
SON_OF = frozenset({"bin", "ibn", "bint", "binti", "ben", "ould", "wad"})


def _listed(word: str) -> bool:
    """Whether the Census lists give ``word`` as a given name (of either gender, or of both)."""
    return fold(word) in _first_names_as_listed()


@lru_cache(maxsize=1)
def _first_name_table() -> dict[str, str]:
    """Spelling key of a given name -> its gender; a key two names of different genders share, or a name worn
    by both ("-": Robin, whose key is Robyn's), is left out."""
    table: dict[str, str] = {}
    clash = set()
    for name, gender in _first_names_as_listed().items():
        key = spelling(name)
        if table.get(key, gender) != gender or gender == "-":
            clash.add(key)
        table[key] = gender
    for key in clash:
        del table[key]
    return table


@lru_cache(maxsize=_CACHE_SIZE)
def first_name_gender(word: str) -> str | None:
    """``"m"``/``"f"`` when nearly everyone with this given name is a man/woman (Census lists), else None.
    ``word`` may be written ("Melania") or a spelling key ("viliam"). A name the lists write as it is
    written is read as listed: "Daniel" is a man's name though its spelling key is also Danielle's."""
    listed = _first_names_as_listed().get(fold(word))
    if listed is not None:
        return listed if listed in ("m", "f") else None
    return _first_name_table().get(spelling(fold(word)))


# The last words of place and building names that open with a given name ("Victoria Station", "Lake
# Charles" aside): a span ending in one is no person.
PLACE_HEADS = frozenset({"Street", "St", "Road", "Rd", "Avenue", "Ave", "Lane", "Square", "Park", "Bridge", "Station",
                         "Airport", "River", "Lake", "Falls", "Bay", "Beach", "Island", "Islands", "Hill", "Hills",
                         "Valley", "Mountain", "Mount", "County", "City", "Town", "Village", "Harbour", "Harbor",
                         "Port", "Hall", "Tower", "Stadium", "Arena", "Field", "Gardens", "Palace", "Castle",
                         "Church", "Cathedral", "Hospital", "School", "Clinic", "Hotel", "Prison", "Museum", "Springs",
                         "Heights", "Point", "Coast", "Canal", "Forest", "Sound", "Strait", "Gulf", "Sea", "Ocean",
                         "Township", "Borough", "District", "Parish", "Province", "Region", "Police", "Advisors",
                         "Advisers", "Group", "Award", "Awards", "Globe", "Prize", "Cup", "Garden", "Camp"})
# First words of place names that are also given names or look like them ("Mount Cook", "Holy Father").
_PLACE_OPENINGS = frozenset({"Mt", "St", "Mount", "Lake", "Port", "Fort", "Cape", "Holy", "Saint", "San", "Santa",
                             "Los", "Las", "New", "North", "South", "East", "West", "Upper", "Lower", "Great",
                             "Little", "Old", "Royal", "Grand"})


_RANKS = frozenset({"chief", "lt", "sgt", "capt", "col", "maj", "officer", "detective", "inspector", "deputy",
                    "mayor", "coach", "manager", "captain", "police", "sheriff", "pope", "king", "queen", "prince",
                    "princess", "father", "brother", "sister", "uncle", "aunt", "holy"})


def reads_as_person(words: list[str], surnames: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether two or three title-case words read as a person's name whatever the tagger said: a given
    name first ("Sunday Okafor", tagged a place after the weekday) or a surname the article gives a
    person last ("Oleksandr Kovalenko" beside "Iryna Kovalenko"), and no place's, building's or
    institution's word after the first."""
    # Title case, not capitals ("INS Mysore", "MV Gibe" are ships).
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha()
                                           and not w[1:].isupper() for w in words):
        return False
    if words[0] in _PLACE_OPENINGS or any(w in PLACE_HEADS or w in ORGANISATION_HEADS for w in words[1:]):
        return False
    if words[0].lower().rstrip(".") in HONORIFICS or words[0].lower() in _RANKS:
        return False  # "Mr Gates", "Chief Craft": a title and a surname, the linker's to read
    return first_name_gender(words[0]) is not None or words[-1] in surnames


def honorific_gender(text: str) -> str | None:
    """The gender a leading honorific states ("Mrs. Clinton" -> "f"), or None."""
    words = WORD.findall(fold(text))
    return _HONORIFIC_GENDER.get(words[0]) if len(words) > 1 else None


def honorific_word_gender(word: str) -> str | None:
    """The gender one honorific word states, written with or without its dot ("Mrs." -> "f"), or None."""
    return _HONORIFIC_GENDER.get(word.lower().rstrip("."))



def _full_given(word: str) -> str:
    return _nickname_keys().get(word, word)


def first_names_agree(a: str, b: str) -> bool:
    """Whether two given names (spelling keys) can be one person's: equal, one an initial or a prefix of
    the other ("Tim"/"Timothy"), or a known short form ("Bill"/"William"); never across genders."""
    if a == b or not a or not b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    ga, gb = first_name_gender(a), first_name_gender(b)
    if ga and gb and ga != gb:
        return False
    if a.startswith(b) or b.startswith(a):
        return min(len(a), len(b)) >= 3
    return _full_given(a) == _full_given(b)


_ODD_CHARS = re.compile(r"[^\w\s.'’\-]", re.UNICODE)


@lru_cache(maxsize=_CACHE_SIZE)
def is_proper_name(text: str) -> bool:
    """Whether a written person name is a name alone: capitalised words (particles aside), no quote
    marks or other punctuation, no lower-case word and at most four words ("Donald Trump Claims ‘" is not)."""
    if not text or _ODD_CHARS.search(text):
        return False
    # Words as written, a hyphenated part ("Ki-moon", "Geun-hye") staying with its word.
    raw = [w.strip(".'’") for w in text.split()]
    raw = [w for w in raw if w]
    if not raw or len(raw) > 4 or not raw[0][:1].isupper():
        return False
    return all(w[:1].isupper() or fold(w) in PARTICLES for w in raw)
