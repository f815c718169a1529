"""Coreference of names: the chains' union-find, a name's words, and name variants joined in one chain.

"Donald Trump", "Trump", "Mr. Trump" share a chain when the shorter name's words are the last words of
the longer one (people) or the same words (organisations, places), and only where the chain's given
names and gender admit the name ("Melania Trump" does not join "Donald Trump" ... "Trump"). Used by
``coref.resolve_coreference``; titles and pronouns are its other modules' business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..actors import actor_code
from ..model import Mention
from ..names import (
    GENDERED_HONORIFICS,
    double_surname,
    first_name_gender,
    first_names_agree,
    generation,
    given_first,
    honorific_gender,
    spelling,
    surname_joined,
)

__all__ = ["Chains", "Person", "join_name_variants", "join_split_names", "name_words",
           "same_name"]

# Words before a surname that are honorifics, not part of the name, with or without their dot; the
# gendered ones ("Mr", "Madam") come from ``names``, which also reads the gender they tell.
_HONORIFICS = {w + dot for w in GENDERED_HONORIFICS for dot in ("", ".")} | {
    "dr", "dr.", "prof", "prof.", "gov", "gov.", "sen", "sen.", "rep", "rep.", "gen", "gen.",
    "president", "senator", "governor", "minister", "secretary", "judge", "justice", "rev", "rev.",
}
# Words an organisation's acronym skips ("UN" for "United Nations", "BoE" for "Bank of England").
_ACRONYM_SKIPS = frozenset({"of", "the", "and", "for"})


@dataclass
class Chains:
    """Union-find over mention indices."""

    parent: list[int] = field(default_factory=list)

    def add(self) -> int:
        self.parent.append(len(self.parent))
        return len(self.parent) - 1

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the earlier mention stays the root, so chain numbers follow text order
            if ra < rb:
                self.parent[rb] = ra
            else:
                self.parent[ra] = rb


def name_words(text: str) -> list[str]:
    """A name's words, lower-cased, without leading honorifics ("Mr. Smith" -> ["smith"]) or Jr./Sr."""
    words = [w for w in re.findall(r"[\w.'’-]+", text.lower())]
    while words and words[0] in _HONORIFICS:
        words = words[1:]
    # A word of dots alone ("...") would leave an empty name word, which no name comparison can use.
    kept = [w.rstrip(".") for w in words if w not in {"jr", "jr.", "sr", "sr."} and w.rstrip(".")] or [
        w for w in words if w.rstrip(".")]
    # "Le Pen" is the surname of "Marine Le Pen"; "van Dalen" (not "Van Jones") a surname alone
    return list(surname_joined(given_first(kept), text))  # "Zhang Wei" is Mr Zhang, as "Wei Zhang"


def _acronym(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in _ACRONYM_SKIPS)


def same_name(short: list[str], long: list[str], label: str) -> bool:
    """Whether the name ``short`` (its words) is a variant of ``long`` for an entity of ``label``."""
    if not short or not long:
        return False
    if short == long:
        return True
    if label == "PERSON":
        # "Trump" ~ "Donald Trump"; "Donald Trump" ~ "Donald J. Trump"; "Morales" and "Javier Morales" ~
        # "Javier Morales Ibarra" (a Spanish name's first surname)
        if len(short) == 1:
            return long[-1] == short[0] or double_surname(long) and long[1] == short[0]
        return short[0] == long[0] and (short[-1] == long[-1] or len(short) == 2 and double_surname(long)
                                        and long[1] == short[-1])
    # organisations: "the Kremlin" ~ "Kremlin", acronyms of the long form
    if len(short) == 1 and len(long) > 1:
        return short[0] == _acronym(long)
    return False


@dataclass
class Person:
    """What the names of one chain say of its person: given names, surnames, gender, name count."""

    given: set[str] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)
    gender: str | None = None
    names: int = 0
    suffix: str | None = None  # "jr", "sr", "iii": Samuel Adeyemi Sr. is not Samuel Adeyemi Jr.

    def admits(self, words: list[str], gender: str | None, suffix: str | None = None) -> bool:
        """Whether a name (its words, and the gender its given name or honorific states) can be this person's."""
        if gender and self.gender and gender != self.gender:
            return False
        if suffix and self.suffix and suffix != self.suffix:
            return False
        if len(words) > 1:
            if self.surnames and words[-1] not in self.surnames:
                return False
            if not self.given and self.names >= 2:
                # An article that has named someone twice by surname alone and now writes a full
                # name ("Obama" ... "Michelle Obama") mostly means another person; the linker joins
                # the two again where nothing contradicts.
                return False
            return all(first_names_agree(spelling(words[0]), spelling(g)) for g in self.given)
        return True

    def add(self, words: list[str], gender: str | None, suffix: str | None = None) -> None:
        self.names += 1
        self.suffix = self.suffix or suffix
        if len(words) > 1:
            self.given.add(words[0])
            self.surnames.add(words[-1])
            if double_surname(words):
                self.surnames.add(words[1])
        if gender and not self.gender:
            self.gender = gender


def join_split_names(doc, names: list[Mention]) -> list[Mention]:
    """One person's name the tagger cut in two ("Yury" ORG + "Ushakov" PERSON): a single capitalised
    proper noun written right before a person's name, as a compound of it, is the name's first word."""
    out: list[Mention] = []
    for m in names:
        prev = out[-1] if out else None
        if (prev is not None and m.label == "PERSON" and m.kind == "name" and prev.kind == "name"
                and (prev.label not in {"GPE", "NORP", "LOC", "PERSON"}
                     # "Fergal" GPE + "Furlong" PERSON: a given name the tagger took for a place no
                     # table knows ("Moscow", "Paris" before a name stay places)
                     or prev.label == "GPE" and prev.text.isalpha() and prev.text.lower() not in _HONORIFICS
                     and actor_code(prev.text) is None)  # ("Del." of "state Del. Marcia Price" is a title)
                and prev.end + 1 == m.start
                and doc.text[prev.end] == " " and prev.text[:1].isupper() and not prev.text.isupper()):
            span = doc.char_span(prev.start, prev.end)
            target = doc.char_span(m.start, m.end)
            if (span is not None and target is not None and len(span) == 1 and span[0].pos_ == "PROPN"
                    and span[0].dep_ == "compound" and span[0].head.i in range(target.start, target.end)):
                out[-1] = _joined(doc, prev, m)
                continue
        if (prev is not None and m.label == "PERSON" == prev.label and m.kind == "name" == prev.kind
                and _open_nickname(prev.text) and re.fullmatch(r'["”]\s', doc.text[prev.end:m.start])):
            # 'Robert C. "Bobby' + 'Scott': the tagger cut the name at its nickname's closing mark
            out[-1] = _joined(doc, prev, m)
            continue
        out.append(m)
    return out


def _joined(doc, first: Mention, second: Mention) -> Mention:
    """One person's name from the two parts the tagger cut it into."""
    return Mention(start=first.start, end=second.end, text=doc.text[first.start:second.end], label="PERSON",
                   kind="name")


def _open_nickname(text: str) -> bool:
    """Whether a name ends in a nickname whose quote mark is opened and not closed ('Robert C. "Bobby')."""
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”")


def _keys_held(words: list[str], acronym: str) -> list[tuple[str, object]]:
    """The keys under which a name waits for the later names that may be its variants."""
    keys: list[tuple[str, object]] = [("words", tuple(words)), ("last", words[-1])]
    if len(words) > 1:
        keys += [("first", words[0]), ("acronym", acronym)]
    if double_surname(words):
        keys.append(("last", words[1]))
    return keys


def _keys_sought(words: list[str], acronym: str) -> list[tuple[str, object]]:
    """The keys of every earlier name that ``same_name`` (either way round) or a given name alone can
    match: the same words, the same last word, a lone word that is the other's first word or acronym."""
    keys: list[tuple[str, object]] = [("words", tuple(words)), ("last", words[-1])]
    if len(words) == 1:
        keys += [("first", words[0]), ("acronym", words[0])]
    else:
        keys.append(("words", (acronym,)))
    if double_surname(words):
        keys.append(("last", words[1]))  # a headline's "Morales" before "Javier Morales Ibarra"
    return keys


def join_name_variants(out: list[Mention], uf: Chains, gender: dict[int, str],
                       titles: dict[int, str] | None = None) -> None:
    """Join name variants in one chain (a later short form joins the earlier long one), only where
    nothing in the chain contradicts: Melania Trump does not join the chain of "Donald Trump" ...
    "Trump", and a bare "Trump" joins the article's most-named compatible Trump so far.

    ``gender`` (mention index -> gender evidence) gains what given names say; ``titles`` (mention index
    -> the head of the title written before it) lets "Captain Dizon" take the person written "Captain
    Rodel Dizon" where the article names two Dizons. Each name is compared
    only with the earlier names that share a key with it (see ``_keys_sought``), not with every
    earlier mention: the same chains, in time linear in the names rather than quadratic.
    """
    words = [name_words(m.text) for m in out]
    forms = [" ".join(m.text.lower().split()) for m in out]  # each name as written, spaces evened
    for i, m in enumerate(out):
        if m.kind == "name" and m.label == "PERSON" and len(words[i]) > 1 and i not in gender:
            g = first_name_gender(words[i][0])
            if g:
                gender[i] = g
        elif m.kind == "nominal" and i not in gender and len(words[i]) == 1:
            # "Mr Hollings" the tagger left untagged: the honorific says which Hollings (not his wife)
            g = honorific_gender(m.text)
            if g:
                gender[i] = g
    people: dict[int, Person] = {}  # chain root -> what its names say of the person
    size: dict[int, int] = {}  # chain root -> mentions in the chain so far (names and their titles)
    for k in range(len(out)):
        size[uf.find(k)] = size.get(uf.find(k), 0) + 1
    earlier: dict[tuple[str, object], list[int]] = {}  # key -> earlier mentions holding it, in order
    titled: dict[int, set[str]] = {}  # chain root -> the titles written before its names
    for k, head in (titles or {}).items():
        titled.setdefault(uf.find(k), set()).add(head)
    for i, m in enumerate(out):
        if m.kind == "title" or m.kind == "nominal" and not m.text[:1].isupper():
            # A title is joined to its own name where it is written ("rival Barack Obama"); read as a
            # name, "rival" or "President" would join every person the article gives that title
            # ("then-rival Barack Obama" ... "rival Hillary Clinton" were one chain, and her "she" his).
            # Nor are two descriptions in lower case one thing for their words: "al-Suwaidi, an Emirati
            # businessman" and "Belkacem is a businessman" are two men (a capitalised one is a name the
            # tagger missed: "Osei").
            continue
        wi = words[i]
        best, best_key = None, None
        acronym = _acronym(wi) if len(wi) > 1 else ""
        candidates = sorted({j for key in _keys_sought(wi, acronym) for j in earlier.get(key, ())}) if wi else ()
        if titles and i in titles and len(wi) == 1:
            # a surname under a title is the person the article gave that title, where one was
            same_title = [j for j in candidates if titles[i] in titled.get(uf.find(j), ())]
            candidates = same_title or candidates
        # the chains the article has already called by this very form ("Okafor" alone, "Mrs Santos")
        called_so = {uf.find(k) for k in candidates if forms[k] == forms[i]}
        for j in candidates:
            mj = out[j]
            wj = words[j]
            label = m.label
            if mj.label != m.label:
                # spaCy's small model tags a surname ORG now and then ("Trump assured ..."): a
                # short name matching an earlier full PERSON name is that person
                if mj.label == "PERSON" and len(wj) > 1 and len(wi) == 1:
                    label = "PERSON"
                elif not ({mj.label, m.label} <= {"ORG", "GPE", "NORP"} and wj == wi):
                    continue
            given_alone = (label == "PERSON" == mj.label and len(wi) == 1 and len(wj) > 1 and wi[0] == wj[0]
                           and mj.kind == "name" and first_name_gender(wi[0]) is not None)
            if not (same_name(wi, wj, label) or same_name(wj, wi, label) or given_alone):
                continue  # "Donald" alone is the article's Donald Trump (a given name the Census lists know)
            if label != "PERSON":
                best = j
                break
            person = people.get(uf.find(j))
            if person is not None and not person.admits(wi, gender.get(i), generation(m.text)):
                continue
            # a Spanish name's first surname before its second ("Ibarra" is Andres Ibarra Soto rather than
            # Javier Morales Ibarra); a person known to be of the gender the name states before one of unknown
            # gender ("Mrs Carter" is Denise Carter, not her son Jordan); then the most-mentioned compatible
            # person so far; among equals, the person the article has already called so ("Okafor said" of the
            # coach, before "said Mrs Okafor" of his wife), then the later one
            maternal = len(wi) == 1 and double_surname(wj) and wj[-1] == wi[0]
            same_gender = gender.get(i) is not None and person is not None and person.gender == gender.get(i)
            key = (not maternal, same_gender, size.get(uf.find(j), 1), uf.find(j) in called_so, j)
            if best_key is None or key > best_key:
                best, best_key = j, key
        if best is not None:
            if out[best].label == "PERSON" and m.label != "PERSON" and len(wi) == 1:
                m.label = "PERSON"
            root_before, root_i = uf.find(best), uf.find(i)
            uf.union(best, i)
            if titled and root_before != root_i:
                joined = titled.pop(root_before, set()) | titled.pop(root_i, set())
                if joined:
                    titled[uf.find(i)] = joined
            if root_before != root_i:
                size[uf.find(i)] = size.pop(root_before, 1) + size.pop(root_i, 1)
            if best in gender and i not in gender:
                gender[i] = gender[best]
            person = people.pop(root_before, None) or Person()
        else:
            person = Person()
        if m.label == "PERSON" and m.kind == "name":
            person.add(wi, gender.get(i), generation(m.text))
            people[uf.find(i)] = person
        elif best is not None:
            people[uf.find(i)] = person  # a joined "Mr Hollings" keeps what the chain's names said
        if wi:
            for key in _keys_held(wi, acronym):
                earlier.setdefault(key, []).append(i)
