"""News-agency credits and datelines, read from an article's own text.

A wire story says who wrote it in a few fixed shapes, and :func:`parse_credit` reads them:

* a dateline that opens the text: ``WASHINGTON, October 17. /TASS/.``, ``LONDON (Reuters) -``,
  ``KANSAS CITY, Mo. (AP) —``, ``BEIJING, Oct. 17 (Xinhua) --``, ``New Delhi, Oct 17 (IANS)``,
  ``(AFP) -``, ``Reuters -``;
* a credit inside or at the end of the text: ``… "very productive". (AFP)``, ``/TASS/``,
  ``(With inputs from PTI)``, or a last line such as ``— Associated Press``;
* a byline ``By Reuters`` / ``By The Associated Press`` at the top.

Agencies are normalised to one name each (``Agence France-Presse`` → ``AFP``, ``ITAR-TASS`` →
``TASS``, ``The Associated Press`` → ``AP``); see :data:`AGENCIES`.

Who published the article is a different question (``Article.outlet``). The ingest readers apply
this rule: an outlet named by the input (JSONL/CSV field, HTML site name, feed title) always wins;
when nothing names a publisher and the text is *datelined by the agency itself* (the credit opens
the text, as in ``WASHINGTON, October 17. /TASS/.``), the agency is taken as the outlet, because the
text is the agency's own release. A credit elsewhere (a trailing ``(AFP)`` inside another paper's
copy, a ``By Reuters`` byline) only sets ``wire`` and leaves ``outlet`` unknown (``None``) for the
caller to decide. Mentions of an agency as a source ("told TASS", "Reuters reported") are not
credits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Span

__all__ = ["AGENCIES", "Credit", "canonical_agency", "parse_credit"]

# Canonical name -> the ways texts write it. Names are matched case-sensitively (with an ALL-CAPS
# variant), because "ap", "pa" or "efe" in lower case are ordinary words.
AGENCIES: dict[str, tuple[str, ...]] = {
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "AP": ("AP", "The Associated Press", "Associated Press"),
    "Reuters": ("Reuters", "Thomson Reuters"),
    "TASS": ("ITAR-TASS", "TASS"),
    "Xinhua": ("Xinhua", "Xinhua News Agency"),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur"),
    "UPI": ("UPI", "United Press International"),
    "PA Media": ("PA Media", "PA Wire", "Press Association", "PA"),
    "ANI": ("ANI", "Asian News International"),
    "IANS": ("IANS", "Indo-Asian News Service"),
    "PTI": ("PTI", "Press Trust of India"),
    "EFE": ("EFE", "Agencia EFE"),
    "ANSA": ("ANSA",),
    "Kyodo": ("Kyodo News", "Kyodo"),
    "Yonhap": ("Yonhap News Agency", "Yonhap"),
    "Interfax": ("Interfax-Ukraine", "Interfax"),
    "RIA Novosti": ("RIA Novosti", "RIA"),
    "Anadolu": ("Anadolu Agency", "Anadolu", "AA"),
    "AAP": ("Australian Associated Press", "AAP"),
    "Jiji": ("Jiji Press", "Jiji"),
    "Bernama": ("Bernama",),
    "IRNA": ("IRNA",),
    "Sputnik": ("Sputnik",),
    "Bloomberg": ("Bloomberg",),
}

# Short forms that are also ordinary abbreviations ("Harrisburg (PA)", "(AA) batteries") count
# only where nothing else fits: in an opening dateline followed by a dash.
_DATELINE_ONLY = {"PA", "AA", "RIA", "Bloomberg", "Sputnik"}
_DATELINE_ONLY_UPPER = {name.upper() for name in _DATELINE_ONLY}

_ALIAS_TO_AGENCY: dict[str, str] = {}
for _canonical, _aliases in AGENCIES.items():
    for _alias in _aliases:
        _ALIAS_TO_AGENCY[_alias] = _canonical
        _ALIAS_TO_AGENCY.setdefault(_alias.upper(), _canonical)


def _alternation(aliases) -> str:
    # Longest first, so "Associated Press" wins over "AP" and "ITAR-TASS" over "TASS".
    return "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))


_ANY = _alternation(_ALIAS_TO_AGENCY)
_STRONG = _alternation(a for a in _ALIAS_TO_AGENCY if a.upper() not in _DATELINE_ONLY_UPPER)
_SEP = r"\s*(?:/|,|&|and)\s*"
_DASH = r"(?:-{1,2}|[–—‐_]|\.-|:)"

# "(AFP)", "(AFP/Reuters)", "(With inputs from PTI)"
_PAREN = re.compile(rf"\((?:[Ww]ith (?:inputs?|reporting|additional reporting) from\s+)?(?:The\s+)?(?P<agencies>(?:{_STRONG})(?:{_SEP}(?:{_STRONG}))*)\)")
# "/TASS/"
# "/TASS/", but not a photo credit "FABRICE COFFRINI/AFP/Getty Images"
_SLASHED = re.compile(rf"(?<![\w/])/\s*(?P<agencies>{_STRONG})\s*/(?![\w/])")
# "(With inputs from PTI)" without brackets, at a paragraph's start or end
_INPUTS_FROM = re.compile(rf"(?m)(?:^|(?<=[.!?] ))\(?[Ww]ith (?:inputs?|reporting|additional reporting) from\s+(?:the\s+)?(?P<agencies>(?:{_STRONG})(?:{_SEP}(?:{_STRONG}))*)")

# An opening dateline: a short place/date prefix, then the credit, at the start of a paragraph.
_DATELINE = re.compile(
    rf"^(?P<prefix>[^\n()/]{{0,80}}?)\s*(?:\((?P<paren>(?:{_ANY})(?:{_SEP}(?:{_ANY}))*)\)|/\s*(?P<slash>{_ANY})\s*/)"
    rf"(?P<after>\s*{_DASH}|\s*\.)?"
)
_BARE_START = re.compile(rf"^(?:The\s+)?(?P<agencies>{_STRONG})\s*{_DASH}\s+(?=\S)")
_BYLINE = re.compile(rf"^By\s+(?:The\s+)?(?P<agencies>(?:{_STRONG})(?:{_SEP}(?:The\s+)?(?:{_STRONG}))*)\b(?:\s+(?:Staff|staff|Reporters?))?")
_SIGN_OFF = re.compile(rf"^[-–—~\s]*(?:By\s+|Source:\s*)?(?:The\s+)?(?P<agencies>(?:{_STRONG})(?:{_SEP}(?:The\s+)?(?:{_STRONG}))*)\s*\.?\)?$")

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_IN_PREFIX = re.compile(
    rf"(?P<date>\b(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)|\b\d{{1,2}}[./]\d{{1,2}}(?:[./]\d{{2,4}})?)",
    re.IGNORECASE,
)
_PLACE_CONNECTORS = {"de", "da", "do", "del", "la", "le", "les", "el", "al", "of", "upon", "on", "sur", "am", "an", "der", "di", "du", "y"}
_PLACE_WORD = re.compile(r"^[A-ZÀ-Þ][\w'’.\-]*$|^\d{1,4}(?:st|nd|rd|th)?$")


@dataclass(frozen=True, slots=True)
class Credit:
    """The agency credit and dateline found in a text.

    ``wire``: the canonical agency credited first (opening dateline before later credits), or None.
    ``agencies``: every agency credited, in that order. ``place`` and ``date_text``: the dateline's
    place and date as written ("WASHINGTON", "October 17"). ``datelined``: the credit opens the
    text, i.e. the text is the agency's own release. ``span``: where the main credit is written.
    """

    wire: str | None = None
    agencies: tuple[str, ...] = ()
    place: str | None = None
    date_text: str | None = None
    datelined: bool = False
    span: Span | None = None


def canonical_agency(name: str) -> str | None:
    """The canonical name of an agency as written ("Agence France-Presse" → "AFP"), else None."""
    name = re.sub(r"\s+", " ", name.strip().strip(".()/"))
    name = name.removeprefix("The ")
    return _ALIAS_TO_AGENCY.get(name) or _ALIAS_TO_AGENCY.get(name.upper()) if name else None


def _agencies_in(written: str) -> list[str]:
    found = []
    for part in re.split(_SEP, written):
        agency = canonical_agency(part)
        if agency and agency not in found:
            found.append(agency)
    return found


def _paragraphs(text: str, limit: int) -> list[tuple[int, str]]:
    """The first ``limit`` non-empty lines with their offsets (a title line may precede a dateline)."""
    out = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        stripped = line.lstrip()
        if not stripped.strip():
            continue
        out.append((match.start() + len(line) - len(stripped), stripped.rstrip()))
        if len(out) == limit:
            break
    return out


def _split_prefix(prefix: str) -> tuple[str | None, str | None] | None:
    """Place and date of a dateline prefix, or None if the prefix reads like a sentence."""
    prefix = prefix.strip().rstrip(",.;:-–— ")
    if not prefix:
        return None, None
    date_match = _DATE_IN_PREFIX.search(prefix)
    date_text = date_match["date"] if date_match else None
    place_part = prefix[: date_match.start()] if date_match else prefix
    rest = prefix[date_match.end():] if date_match else ""
    if rest.strip(" ,.;:"):
        return None
    place = place_part.strip().rstrip(",.;: ")
    words = [w for w in re.split(r"[\s,]+", place) if w]
    if len(words) > 6:
        return None
    for word in words:
        if word.lower() in _PLACE_CONNECTORS:
            continue
        if not _PLACE_WORD.match(word):
            return None
    if words and words[0].lower() in _PLACE_CONNECTORS:
        return None
    return (place or None), date_text


def _opening_dateline(text: str) -> Credit | None:
    for offset, line in _paragraphs(text, 2):
        match = _DATELINE.match(line)
        if match and _is_dateline(match):
            agencies = _agencies_in(match["paren"] or match["slash"])
            place, date_text = _split_prefix(match["prefix"])
            span = Span(offset, offset + match.end(), text[offset : offset + match.end()])
            return Credit(agencies[0], tuple(agencies), place, date_text, True, span)
        match = _BARE_START.match(line)
        if match:
            agencies = _agencies_in(match["agencies"])
            span = Span(offset, offset + match.end(), text[offset : offset + match.end()])
            return Credit(agencies[0], tuple(agencies), None, None, True, span)
    return None


def _is_dateline(match: re.Match) -> bool:
    written = match["paren"] or match["slash"]
    parts = _split_prefix(match["prefix"])
    if not _agencies_in(written) or parts is None:
        return False
    place, date_text = parts
    dashed = match["after"] is not None and match["after"].strip() != "."
    if all(a.upper() in _DATELINE_ONLY_UPPER for a in re.split(_SEP, written)):
        return dashed  # "LONDON (PA) -" yes, "Harrisburg (PA) is" no
    # "New Delhi, Oct 17 (IANS) The ..." has no dash, but a place and a date make it a dateline.
    return match["after"] is not None or match["slash"] is not None or bool(place and date_text)


def _stands_apart(text: str, start: int, end: int) -> bool:
    """A bracketed credit closes a sentence or paragraph, or opens a line; it is not mid-sentence."""
    before = text[max(0, start - 3) : start]
    after = text[end : end + 2]
    opens_line = not before.strip(" \t") or before.rstrip(" \t").endswith("\n")
    after_sentence = before.rstrip().endswith((".", "!", "?", "\u201d", '"', "\u2019", "'", ")", ":"))
    ends_line = not after.strip(" \t") or after.lstrip(" \t").startswith(("\n", "\r"))
    return opens_line or after_sentence or ends_line or after.startswith((".", ";"))


def parse_credit(text: str) -> Credit:
    """The agency credit and dateline written in ``text`` (an empty :class:`Credit` if none).

    An opening dateline (``WASHINGTON, October 17. /TASS/.``, ``LONDON (Reuters) -``) gives the
    wire, the place and ``datelined=True``. Otherwise the first credit in reading order among a
    top byline (``By Reuters``), ``(AFP)``-style and ``/TASS/``-style credits and ``with inputs
    from PTI`` gives the wire, and a sign-off line at the end (``— Associated Press``) comes last.
    """
    if not text:
        return Credit()
    found: list[tuple[str, Span]] = []
    opening = _opening_dateline(text)
    if opening is not None:
        found.extend((a, opening.span) for a in opening.agencies)

    later: list[tuple[int, list[str], Span]] = []
    first = _paragraphs(text, 1)
    if first and opening is None:
        offset, line = first[0]
        match = _BYLINE.match(line)
        if match:
            later.append((offset, _agencies_in(match["agencies"]), Span(offset, offset + match.end(), match.group())))
    for pattern in (_PAREN, _SLASHED, _INPUTS_FROM):
        for match in pattern.finditer(text):
            if opening is not None and opening.span.start <= match.start("agencies") < opening.span.end:
                continue
            if pattern is _PAREN and not _stands_apart(text, match.start(), match.end()):
                continue  # "Andhra Pradesh (AP) government" defines an abbreviation, it credits no one
            later.append((match.start(), _agencies_in(match["agencies"]), Span(match.start(), match.end(), match.group())))
    later.sort(key=lambda item: (item[2].start, -item[2].end))
    covered = -1
    for _, agencies, span in later:
        if span.start < covered:  # "(With inputs from PTI)" is found by two patterns
            continue
        covered = span.end
        found.extend((a, span) for a in agencies)

    tail = text.rstrip()
    last_break = tail.rfind("\n")
    last_line = tail[last_break + 1 :]
    if 0 <= last_break and len(last_line.strip()) <= 60:
        match = _SIGN_OFF.match(last_line.strip())
        if match:
            start = last_break + 1 + (len(last_line) - len(last_line.lstrip()))
            span = Span(start, start + len(last_line.strip()), last_line.strip())
            found.extend((a, span) for a in _agencies_in(match["agencies"]))

    if not found:
        return Credit()
    agencies = tuple(dict.fromkeys(a for a, _ in found))
    if opening is not None:
        return Credit(opening.wire, agencies, opening.place, opening.date_text, True, opening.span)
    return Credit(found[0][0], agencies, None, None, False, found[0][1])
