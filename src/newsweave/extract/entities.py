"""Named-entity mentions from spaCy's NER, kept as ``Mention`` records with offsets."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Span

from ..model import Extraction, Mention
from ..names import (
    FAMILY,
    ORGANISATION_HEADS,
    SURNAME_PARTICLES,
    first_name_gender,
    reads_as_person,
)
from ..settings import Settings
from .pipeline import stage

__all__ = ["ENTITY_LABELS", "entity_mentions"]

# The labels worth linking across articles; dates, numbers and money are the time and event stages' job.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})

# spaCy's small model often takes a trailing possessive or leading "the" into the span; trim them
# so that "Putin's" and "Putin" are one name.
_TRAILING = ("'s", "’s", "'", "’")
_EDGE_MARKS = " \t\n\"“”‘«»-–—―"


def _person_name_part(ent, lower_words: set[str], place_words: frozenset[str] = frozenset(),
                      in_title_line: bool = False):
    """The tokens of a PERSON span that are the name: a headline's verb or noun written in title case
    ("Obama Says", "Donald Trump Claims", "Obama Speech") or a descriptor before it ("Crooked Hillary
    Clinton") is a word the article also writes in lower case; a given name the Census lists know
    ("Hope", "Bill") stays. Words after such a word in the middle are dropped with it. A leading word
    the article names on its own as a place or group (``place_words``: "Ukraine" in
    "... to Ukraine Putin's top aide", a subheading run into the text) is not the person's either. In
    prose, the word after a given name in a two-word name is the surname, whatever else it spells
    ("Theresa May", "Donald Trump" where the article writes "may" and "trump"); a title-case line
    capitalises its verbs too ("Hillary Asks")."""
    toks = list(ent)
    while len(toks) > 1 and toks[0].text in place_words and not first_name_gender(toks[0].text):
        toks = toks[1:]  # "Regina" and "Hugh", which the tagger also calls places, stay given names

    def common(i):
        t = toks[i]
        if not t.is_alpha or t.text[:1].islower() or t.lower_ not in lower_words:
            return False
        if not in_title_line and i == len(toks) - 1 == 1 and first_name_gender(toks[0].text):
            return False
        return not (i == 0 and first_name_gender(t.text))

    while len(toks) > 1 and common(0):
        toks = toks[1:]
    cut = next((i for i in range(1, len(toks)) if common(i)), len(toks))
    if not any(t.is_alpha and t.text[:1].isupper() for t in toks[:cut]):
        return list(ent)  # nothing of a name would be left: keep the tagger's span
    return toks[:cut]


def _prose_lower_words(doc, text: str) -> set[str]:
    """Words the article (``text`` is ``doc.text``) writes in lower case in its prose: a word of a URL or
    a slug ("ellen-degeneres-oscar-host.html", spaced or not) is no evidence that a name is a common word."""
    tokens = list(doc)
    texts = [t.text for t in tokens]
    # Whether each line looks like a URL, decided once per line, not once per word of it (that was
    # quadratic in a long paragraph's length).
    breaks = [m.start() for m in re.finditer("\n", text)]
    urlish_line: dict[int, bool] = {}
    out = set()
    for t in tokens:
        if not (t.is_alpha and t.text.islower()):
            continue
        i = t.i
        if (i > 0 and texts[i - 1] in _SLUG) or (i + 1 < len(texts) and texts[i + 1] in _SLUG):
            continue
        k = bisect.bisect_left(breaks, t.idx)  # the line breaks before the word
        urlish = urlish_line.get(k)
        if urlish is None:
            start = breaks[k - 1] + 1 if k else 0
            end = breaks[k] if k < len(breaks) else len(text)
            urlish = urlish_line[k] = bool(_URLISH.search(text[start:end]))
        if not urlish:
            out.add(t.text)
    return out


def title_case_lines(text: str) -> list[tuple[int, int]]:
    """The lines written in title case, as headlines and subheadings are ("Clinton Breaks With Obama On
    9/11 Lawsuit Bill."): most of their longer words capitalised. Their capitals say nothing of names."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", m.group()) if len(w) >= 4]
        if len(words) >= 1 and sum(w[0].isupper() for w in words) >= max(1, 0.75 * len(words)):
            out.append((m.start(), m.end()))
    return out


def in_lines(pos: int, lines: list[tuple[int, int]]) -> bool:
    """Whether the character offset ``pos`` lies inside one of ``lines`` (sorted ``(start, end)`` pairs)."""
    k = bisect.bisect_right(lines, (pos, float("inf"))) - 1
    return k >= 0 and pos < lines[k][1]


def _prose_person_names(doc, title_lines: list[tuple[int, int]]) -> set[tuple[str, ...]]:
    """The person names the article's prose (its lines not in title case) writes, as word tuples, with
    the surname of each alone: "Hillary Clinton" in a sentence gives ("Hillary", "Clinton") and ("Clinton",);
    a name of one word only when it is no given name."""
    out = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON" or in_lines(ent.start_char, title_lines):
            continue
        words = tuple(t.text for t in ent if not t.is_punct and t.text not in _TRAILING)
        if len(words) > 1:
            out.update({words, words[-1:]})
        elif words and not first_name_gender(words[0]):
            out.add(words)  # "Ada" alone is a given name: the headline's "Ada Marlowe ..." may go on with the surname
    return out


def _headline_name_part(toks: list, person_names: set[tuple[str, ...]], title_lines: list[tuple[int, int]]):
    """A PERSON span of a title-case line cut after the name the prose gives the person: "Clinton Breaks
    With Obama", "Clinton Hid Past Health Problems" are Clinton, "Ellen DeGeneres Returns" is Ellen
    DeGeneres, where the article's sentences name Hillary Clinton and Ellen DeGeneres. Only words after
    a full name or a surname the prose writes go (no name goes on after its surname); a given name
    ("Laurence" of "Laurence Olivier", with a Laurence Fishburne in the prose) or a name the prose does
    not write is kept whole, and so is any word before the name ("Barack Obama" where the prose says "Obama").
    A given name of the prose's followed by a word the tagger reads as a verb is that given name alone
    ("Hillary Asking Moderator ..." where the prose names Hillary Clinton)."""
    if len(toks) < 2 or not in_lines(toks[0].idx, title_lines):
        return toks
    words = [t.text for t in toks]
    keep = max((n for n in range(1, len(words)) if tuple(words[:n]) in person_names), default=0)
    named = {w for name in person_names for w in name}
    if not keep and toks[1].tag_.startswith("VB") and words[1] not in named and any(
            len(name) > 1 and name[0] == words[0] for name in person_names):
        return toks[:1]  # "Hillary Asking Moderator To ...": the prose's Hillary Clinton, asking
    if not keep:
        return toks
    if any(w in named for w in words[keep:]):
        return toks  # "Ellen DeGeneres" where the prose also says "Ellen" alone: DeGeneres is a name
    return toks[:keep]


_NOT_PERSON_NAMES = frozenset({"GPE", "NORP", "LOC"})  # not ORG: the tagger calls "Trump" ORG now and then
# Words of a title before a name that the small tagger sometimes takes for the name ("Honorary Chairman",
# "Acting Director"): a PERSON span of these words alone names no one. Not the honorifics: "Justice",
# "Judge", "Lord" are surnames too ("Mr. Justice is running to become West Virginia's next governor").
_TITLE_WORDS = frozenset({"honorary", "acting", "interim", "deputy", "vice", "former", "emeritus", "chairman",
                          "chairwoman", "director"})
_SLUG = frozenset({"-", "/", "_", "=", "&"})
_URLISH = re.compile(r"https?:|www\.|\.(?:com|html?|org|net)\b|\w\s?/\s?\w", re.IGNORECASE)


_HONORIFICS_BEFORE = frozenset({"mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "gen", "prof"})


# Offices written before a holder's name ("Charlotte Mayor Jennifer Roberts", "Ohio Governor John Kasich").
_OFFICES = frozenset({"mayor", "president", "governor", "minister", "senator", "secretary", "chancellor", "premier",
                      "ambassador", "spokesman", "spokeswoman", "chairman", "chairwoman", "commissioner", "judge",
                      "prosecutor", "coach", "captain", "commander", "general", "sheriff", "councilman"})


def _office_before_name(ent) -> bool:
    """A PERSON span ending in an office word right before another person's name: a title, no one's name."""
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return len(ent) > 1 and ent[-1].lower_ in _OFFICES and nxt is not None and nxt.ent_type_ == "PERSON" and (
        nxt.ent_iob_ == "B")


def _common_word_alone(ent, lower_words: set[str], surnames: set[str], title_lines: list[tuple[int, int]]) -> bool:
    """Whether a one-word PERSON span is a common word the tagger took for a name where capitals say
    nothing: a sentence's first word or a title-case line's ("Turnout makes a difference", "Harsh? He
    doesn't think so", a subheading "Gender Equality"), which the article also writes in lower case. A
    given name, a surname the article writes after a given name ("May" of "Theresa May") and a word
    after an honorific ("Mr. Justice") stay names."""
    word = ent[0]
    if not word.is_alpha or word.lower_ not in lower_words or first_name_gender(word.text) or word.text in surnames:
        return False
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_.rstrip(".") in _HONORIFICS_BEFORE:
        return False
    sentence_first = ent.start == ent.sent.start or (before is not None and before.i == ent.sent.start
                                                     and before.is_punct)
    return sentence_first or in_lines(ent.start_char, title_lines)


def _with_surname_particles(doc) -> list:
    """``doc.ents`` with a person's name the tagger cut at a surname particle made whole again: "Ursula
    von" + "Leyen" is "Ursula von der Leyen" (the particles lower case, the surname capitalised); so is
    one cut at the hyphen of a double-barrelled surname ("Kate Delgado" + "-Price")."""
    ents = list(doc.ents)
    out = []
    k = 0
    while k < len(ents):
        ent = ents[k]
        k += 1
        if ent.label_ == "PERSON":
            j = ent.end
            while j < len(doc) and doc[j].text.islower() and doc[j].lower_ in SURNAME_PARTICLES:
                j += 1
            if ((j > ent.end or ent[-1].lower_ in SURNAME_PARTICLES) and j < len(doc) and doc[j].is_title
                    and doc[j].is_alpha):
                end = j + 1
                while k < len(ents) and ents[k].start <= j:
                    end = max(end, ents[k].end)  # the surname the tagger took for a name of its own
                    k += 1
                ent = Span(doc, ent.start, end, label="PERSON")
            j = ent.end
            if (j + 1 < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_
                    and doc[j + 1].is_title and doc[j + 1].is_alpha):
                # a double-barrelled surname the tagger cut at its hyphen: "Kate Delgado" + "-Price"
                while k < len(ents) and ents[k].start <= j + 1:
                    k += 1
                ent = Span(doc, ent.start, j + 2, label="PERSON")
        out.append(ent)
    return out


# A given name, a nickname in quote marks and a surname: "Bongani 'Bongi' Dlamini", 'Earvin "Magic" Johnson'.
_QUOTED_NICKNAME = re.compile(r"\b([A-Z][a-z]+) ['\"‘“]([A-Z][a-z]+(?: [A-Z][a-z]+)?)['\"’”] ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")


def _with_quoted_nicknames(doc, ents: list) -> list:
    """The entities with a name that holds a nickname in quote marks made one person's name: the tagger
    splits it, often into a person, a nickname and an organisation ("Dlamini"). Only where the first word
    is a given name or the tagger's person, and not in a headline."""
    text = doc.text
    if not any(q in text for q in "'\"‘“"):
        return ents
    lines = None
    for m in _QUOTED_NICKNAME.finditer(text):
        if not (first_name_gender(m.group(1)) or any(
                e.label_ == "PERSON" and e.start_char <= m.start() < e.end_char for e in ents)):
            continue
        lines = title_case_lines(text) if lines is None else lines
        if in_lines(m.start(), lines):
            continue  # a headline's "Mayor Rejects 'Opportunistic' Haddad"
        span = doc.char_span(m.start(), m.end(), label="PERSON", alignment_mode="expand")
        if span is not None:
            ents = [e for e in ents if e.end_char <= m.start() or e.start_char >= m.end()] + [span]
    return sorted(ents, key=lambda e: e.start_char)


def _one_line(ent):
    """A span the tagger ran across a line break ("Regina Benjamin\\nJul", "Gulf of Eden\\nSat Nov 12"):
    a name never crosses a line, so the line's piece with the most words is the name (the first of
    equal ones)."""
    if "\n" not in ent.text:
        return ent
    pieces, cur = [], []
    for t in ent:
        if "\n" in t.text or (t.i > ent.start and "\n" in t.doc[t.i - 1].whitespace_):
            if cur:
                pieces.append(cur)
            cur = [] if "\n" in t.text else [t]
        else:
            cur.append(t)
    if cur:
        pieces.append(cur)
    pieces = [p for p in pieces if any(t.is_alpha for t in p)]
    if not pieces:
        return None
    best = max(pieces, key=lambda p: (sum(t.is_alpha for t in p), -p[0].i))
    return Span(ent.doc, best[0].i, best[-1].i + 1, label=ent.label_)


def _prose_names(doc, title_lines: list[tuple[int, int]]) -> dict[tuple[str, ...], str]:
    """The names other than people's the article's prose writes, as word tuples, with their labels."""
    return {tuple(t.text for t in e if t.lower_ != "the"): e.label_ for e in doc.ents
            if e.label_ in ENTITY_LABELS and e.label_ != "PERSON" and not in_lines(e.start_char, title_lines)}


def _prose_name_opening(ent, person_names: set[tuple[str, ...]], prose_names: dict[tuple[str, ...], str],
                        lower_words: set[str]):
    """A title-case line's span cut to the name the article's prose writes that it opens with:
    "Microsoft Launches", "Kraft Shooting" of headlines are Microsoft and Kraft, where the sentences write
    those names and never the longer span. A name of another kind ("Lohan Checks Into" ORG, "Queens Hit"
    ORG) is cut to only where a word after it is one the prose writes in lower case ("checks", "hit"):
    "Creighton Bluejays" is a team named after a place. A span the prose writes whole, or whose other
    words hold an institution's word ("Clinton Foundation"), stays as it is, and so does a person's
    (``_headline_name_part`` reads those)."""
    words = tuple(t.text for t in ent)
    if ent.label_ == "PERSON" or words in prose_names or words in person_names:
        return ent
    family = FAMILY.get(ent.label_)
    for n in range(len(words) - 1, 0, -1):
        label = "PERSON" if words[:n] in person_names else prose_names.get(words[:n])
        if label is None:
            continue
        rest = ent[n:]
        if any(t.text in ORGANISATION_HEADS for t in rest):
            return ent
        if FAMILY.get(label) != family and family is not None and not any(
                t.lower_ in lower_words or t.lower_.rstrip("s") in lower_words for t in rest):
            return ent
        return Span(ent.doc, ent.start, ent.start + n, label=label)
    return ent



def _people_in_headline(ent, person_names: set[tuple[str, ...]], lower_words: set[str]) -> list[tuple[int, int]]:
    """The prose's person names inside a title-case line's span that is no name itself ("Obama To
    Nominate Regina Benjamin", "Thoughts on Why the Academy Picked Ellen DeGeneres"): the tagger ran a
    headline's words into one span of any label. A span counts only where some word outside the names
    is one the article writes in lower case ("to", "picked"); "Barack Obama Foundation" stays whole.
    Token ranges ``(start, end)`` of the names, longest first, none overlapping."""
    words = [t.text for t in ent]
    found, i = [], 0
    while i < len(words):
        n = next((n for n in range(len(words) - i, 0, -1) if tuple(words[i:i + n]) in person_names), 0)
        if n:
            found.append((ent.start + i, ent.start + i + n))
            i += n
        else:
            i += 1
    if not found or found == [(ent.start, ent.end)]:
        return []
    inside = {k for a, b in found for k in range(a, b)}
    rest = [t for t in ent if t.i not in inside and t.is_alpha]
    if not any(t.lower_ in lower_words for t in rest) or any(t.text in ORGANISATION_HEADS for t in rest):
        return []  # "Clinton Foundation" of a headline is the foundation
    return found


def entity_mentions(doc) -> list[Mention]:
    """The named-entity mentions of ``doc`` worth linking, as ``Mention``s of kind ``name``."""
    out = []
    lower_words = place_words = prose_names = people_surnames = None
    text_of_doc = None  # read once, where needed: spaCy builds ``doc.text`` anew on each access
    ents = []
    for ent in _with_quoted_nicknames(doc, _with_surname_particles(doc)):
        ent = _one_line(ent) if ent.label_ in ENTITY_LABELS else None
        if ent is None:
            continue
        if len(ent) > 1 and text_of_doc is None:
            text_of_doc = doc.text
            title_lines = title_case_lines(text_of_doc)
        if len(ent) > 1 and in_lines(ent.start_char, title_lines):
            if lower_words is None:
                lower_words = _prose_lower_words(doc, text_of_doc)
                person_names = _prose_person_names(doc, title_lines)
            inner = _people_in_headline(ent, person_names, lower_words)
            if inner:
                ents.extend(Span(doc, a, b, label="PERSON") for a, b in inner)
                continue
            if prose_names is None:
                prose_names = _prose_names(doc, title_lines)
            ent = _prose_name_opening(ent, person_names, prose_names, lower_words)
        ents.append(ent)
    for ent in ents:
        start, end, text = ent.start_char, ent.end_char, ent.text
        label = ent.label_
        if label in ("FAC", "GPE", "LOC", "ORG") and len(ent) > 1 and not in_lines(start, title_lines):
            # (not in a headline, whose capitals say nothing: "Clinton Camp"); an organisation only where
            # the article gives a person its last word ("Oleksandr Kovalenko" beside Iryna Kovalenko; not
            # "Morgan Stanley")
            if people_surnames is None:
                people_surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
            if reads_as_person([t.text for t in ent], people_surnames) and (
                    label != "ORG" or ent[-1].text in people_surnames):
                label = "PERSON"  # "Sunday Okafor", a place to the tagger for the weekday
        if label == "PERSON" and all(t.lower_ in _TITLE_WORDS or t.is_punct for t in ent):
            continue  # "Honorary" of "Honorary Chairman ... Bill Boerum": a title's word, no one's name
        if label == "PERSON" and any(c in "[]{}<>" or c.isdigit() for c in ent.text):
            continue  # "[W]e" of an edited quotation, "3rd": no one's name has brackets or digits
        if label == "PERSON" and _office_before_name(ent):
            continue  # "Charlotte Mayor" of "Charlotte Mayor Jennifer Roberts": a place and an office
        if label == "PERSON" and len(ent) > 1 and ent[-1].text in ORGANISATION_HEADS:
            # the small tagger's PERSON for "John Birch Society", "Crosscut Strategies": an institution
            label = "ORG"
        if label == "PERSON" and place_words is None:
            if text_of_doc is None:
                text_of_doc = doc.text
                title_lines = title_case_lines(text_of_doc)
            if lower_words is None:
                lower_words = _prose_lower_words(doc, text_of_doc)
                person_names = _prose_person_names(doc, title_lines)
            place_words = frozenset(e.text for e in doc.ents if len(e) == 1 and e.label_ in _NOT_PERSON_NAMES)
            # The surnames of the prose's full names whose first word is a given name ("Theresa May"; not
            # the tagger's "Patriot Coal").
            surnames = {name[-1] for name in person_names if len(name) > 1 and first_name_gender(name[0])}
        if label == "PERSON" and len(ent) == 1 and _common_word_alone(ent, lower_words, surnames, title_lines):
            continue
        if label == "PERSON" and len(ent) > 1:
            in_title_line = in_lines(ent.start_char, title_lines)
            toks = _headline_name_part(_person_name_part(ent, lower_words, place_words, in_title_line),
                                       person_names, title_lines)
            if len(toks) == 1 and _common_word_alone(ent.doc[toks[0].i:toks[0].i + 1], lower_words, surnames,
                                                     title_lines):
                continue  # "Sell Coal" of a headline, cut to "Coal": a word, not a name
            if len(toks) < len(ent):
                start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
                text = text_of_doc[start:end]
        # Quote marks and dashes the tagger took in at either end ("Ava DuVernay’s ‘") are no part of it.
        bare = text.rstrip(_EDGE_MARKS)
        end -= len(text) - len(bare)
        text = bare.lstrip(_EDGE_MARKS)
        start += len(bare) - len(text)
        for suffix in _TRAILING:
            if text.endswith(suffix) and len(text) > len(suffix):
                end -= len(suffix)
                text = text[: -len(suffix)]
                break
        if text.lower().startswith("the "):
            start += 4
            text = text[4:]
        text = text.strip()
        if not text:
            continue
        out.append(Mention(start=start, end=start + len(text), text=text, label=label, kind="name"))
    text_of_doc = text_of_doc if text_of_doc is not None else doc.text
    return _with_transcript_speakers(_places_named_after_people(out, text_of_doc), text_of_doc)


# A broadcast transcript's turn: a line opening with a speaker in capitals, a role after a comma, a colon
# ("HELEN MARSH, ANCHOR: ...", "SANDOVAL: ...", "WOLF BLITZER, CNN HOST: ...").
_SPEAKER_TURN = re.compile(r"^[\"“]?((?:[A-Z][A-Z'’.\-]*[A-Z.] ){0,3}[A-Z][A-Z'’\-]*[A-Z])(?:, [^:\n]{1,60})?:\s", re.MULTILINE)
_NOT_SPEAKERS = frozenset({"UPDATE", "UPDATED", "BREAKING", "NOTE", "CORRECTION", "WATCH", "READ", "RELATED", "EDITOR",
                           "CLARIFICATION", "WARNING", "SOURCE", "SOURCES", "PHOTO", "VIDEO", "MORE", "THREAD", "LIVE",
                           "ANALYSIS", "OPINION", "EXCLUSIVE", "Q", "A", "UNIDENTIFIED", "UNKNOWN", "CROWD", "ANNOUNCER"})


def _with_transcript_speakers(mentions: list[Mention], text: str) -> list[Mention]:
    """``mentions`` with a person's name for each speaker a transcript's turns open with, in capitals: the
    small tagger reads "DIEGO SANDOVAL" and "MARSH" as common nouns, and the stages after it then took
    every speaker of a broadcast for one another."""
    turns = [m for m in _SPEAKER_TURN.finditer(text)
             if m.group(1).split()[0].rstrip(".") not in _NOT_SPEAKERS and len(m.group(1)) >= 3]
    if len(turns) < 2:
        return mentions  # one capitalised line before a colon is a rubric ("POSTED:", "MUST SEE:"), no transcript
    # A turn's speaker is a person where a role follows a full name ("HELEN MARSH, ANCHOR:"), where the prose
    # names that person ("Diego Sandoval" ... "DIEGO SANDOVAL:"), or where it is the surname of such a speaker.
    people = {w for m in mentions if m.label == "PERSON" for w in (m.text.lower(), m.text.split()[-1].lower())}
    named = {m.group(1).lower() for m in turns if (len(m.group(1).split()) > 1 and m.group(0).rstrip().endswith(":")
                                                   and "," in m.group(0)) or m.group(1).lower() in people}
    surnames = {n.split()[-1] for n in named}
    found = [Mention(start=m.start(1), end=m.end(1), text=m.group(1), label="PERSON", kind="name") for m in turns
             if m.group(1).lower() in named or m.group(1).lower() in surnames]
    if not found:
        return mentions
    kept = [m for m in mentions if not any(m.start < f.end and f.start < m.end for f in found)]
    return sorted(kept + found, key=lambda m: (m.start, -m.end))


_LOCATIVE = frozenset({"at", "into", "in", "to", "from", "outside", "inside", "leaves", "left", "entered"})


def _places_named_after_people(mentions: list[Mention], text: str) -> list[Mention]:
    """A person's name where a place is meant: "checked into Betty Ford", "left Morningside", in an
    article that names the Betty Ford Center — a PERSON span after a word of place whose words open the
    article's longer name of an organisation or place is that organisation or place."""
    longer = [m for m in mentions if m.label in ("ORG", "FAC", "GPE", "LOC")]
    if not longer:
        return mentions
    for m in mentions:
        if m.label != "PERSON":
            continue
        before = text[max(0, m.start - 12):m.start].split()
        if not before or before[-1].lower() not in _LOCATIVE:
            continue
        owner = next((o for o in longer if o.text.startswith(m.text + " ")), None)
        if owner is not None:
            m.label = owner.label
    return mentions


@stage("newsweave.entities.spacy.v1", requires=("doc.ents",), assigns=("mentions",))
def entities_stage(ex: Extraction, settings: Settings) -> None:
    ex.mentions = entity_mentions(ex.doc)
