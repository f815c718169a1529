"""The plain records every part of newsweave passes around.

Every extracted item carries its evidence: character offsets into ``Article.text`` (Python ``str``
indices, end exclusive), so a reader can always be shown the words an item came from.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = [
    "Actor",
    "Article",
    "Attribution",
    "Entity",
    "Event",
    "Extraction",
    "Mention",
    "Span",
    "Story",
    "Timex",
    "EVENT_STATUSES",
    "ATTRIBUTION_KINDS",
    "DESCRIPTION_KINDS",
    "NOMINAL_LABEL",
    "TIMEX_TYPES",
    "UNKNOWN_OUTLET",
    "is_named_entity",
    "outlet_of",
]

ATTRIBUTION_KINDS = ("direct", "indirect", "mixed")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
EVENT_STATUSES = ("occurred", "planned", "proposed", "cancelled", "denied", "unknown")
# Mention kinds that describe rather than name ("the union", "a grandmother"): what ``Mention.describes``
# is set on.
DESCRIPTION_KINDS = frozenset({"description", "nominal"})
NOMINAL_LABEL = "NOMINAL"  # the label of a common-noun mention no chain has tied to a name


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an article's text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


UNKNOWN_OUTLET = "unknown"


def outlet_of(record: Any) -> str:
    """Who a reader is told published an article: its outlet, else the agency it credits, else "unknown".

    ``record`` is an ``Article`` or a stored article row (a mapping with ``outlet`` and ``wire``). The one rule
    for every page, listing, filter and comparison, so an outlet-less wire copy reads the same everywhere.
    """
    if isinstance(record, Article):
        return record.outlet or record.wire or UNKNOWN_OUTLET
    return record.get("outlet") or record.get("wire") or UNKNOWN_OUTLET


# Entity types that are not names: a description the linker kept ("the union", "account") and the
# number-like labels of an NER model.
_NOT_NAME_TYPES = frozenset({NOMINAL_LABEL, "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})


def is_named_entity(entity_type: str | None, name: str) -> bool:
    """Whether an entity is a name (a person, organisation, place, …) rather than a common noun or a
    pronoun ("account", "they"): it has a name type and its name has a capital letter. The one rule for
    the lists that show named entities only."""
    return bool(entity_type) and entity_type not in _NOT_NAME_TYPES and any(ch.isupper() for ch in name)


@dataclass(slots=True)
class Article:
    """One dated news article as ingested.

    ``outlet`` is who published it; ``wire`` is the news agency the text credits ("AFP", "TASS"),
    which may differ: a reprint of an AFP report in another paper has that paper as outlet and AFP as wire.
    """

    text: str
    id: str | None = None
    published: date | None = None
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    wire: str | None = None
    origin: str | None = None  # where it was read from: "path:line" or "<stdin>"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """Hash of the normalised body, so whitespace and Unicode-form variants of one text collide."""
        norm = " ".join(unicodedata.normalize("NFC", self.text).split())
        return hashlib.sha256(norm.encode("utf-8")).hexdigest()

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(slots=True)
class Mention:
    """A reference to an entity in one article: a name, a title ("the US President"), or a pronoun.

    ``chain`` groups the mentions of one article that refer to the same thing (in-document
    coreference); ``entity_id`` is the corpus-wide identity assigned by cross-document linking.
    ``describes`` is, for a description, the (start, end) of the name mention the parse says it is said
    of ("Raj Chohan, a grandmother"); set by an extract stage, kept in memory only (not stored).
    ``stands_for`` is, for a plural pronoun that stands for several people together ("Trump ... his
    meeting with Zelensky ..., they"), the chains of those people; in memory only, like ``describes``.
    """

    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, GPE, NORP, LOC, ...
    kind: str = "name"  # name | title | pronoun | description (| group: a speaker for several people)
    chain: int | None = None
    entity_id: str | None = None
    describes: tuple[int, int] | None = None
    stands_for: tuple[int, ...] = ()

    def to_span(self) -> Span:
        return Span(self.start, self.end, self.text)


@dataclass(slots=True)
class Attribution:
    """Who said (or thinks, or intends) what: the PolNeAR source / cue / content triple.

    ``content`` may have several pieces ("A," he said, "B."). ``speaker`` is the mention the source
    resolves to (through pronouns and titles); ``parent`` is the index of the attribution this one is
    nested in (Ushakov reporting what Putin told Trump).
    """

    content: list[Span]
    kind: str  # direct | indirect | mixed
    source: Span | None = None
    cue: Span | None = None
    speaker: Mention | None = None
    channel: Span | None = None
    parent: int | None = None
    date: str | None = None  # TIMEX value the statement is dated to, where the text gives one

    @property
    def start(self) -> int:
        spans = [s for s in (self.source, self.cue, *self.content) if s is not None]
        return min(s.start for s in spans)

    @property
    def end(self) -> int:
        spans = [s for s in (self.source, self.cue, *self.content) if s is not None]
        return max(s.end for s in spans)


@dataclass(slots=True)
class Timex:
    """A time expression with its TIMEX3 type and value normalised against the article's date.

    ``anchored`` is False for a relative expression in an article without a date: its value is
    then left as the TIMEX3 unknown form (``XXXX-XX-XX``) rather than guessed.
    """

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    anchored: bool = True
    mod: str | None = None  # TIMEX3 mod: BEFORE, AFTER, START, END, APPROX ...


@dataclass(slots=True)
class Actor:
    """A participant in an event: its words, its PLOVER actor code, and the entity it resolves to."""

    text: str
    code: str | None = None  # ISO-3166 alpha-3, or IGO ...
    sector: str | None = None  # GOV, MIL, ...
    entity_id: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Event:
    """A PLOVER-coded event: who did what to whom, where, when, and whether it happened."""

    type: str
    evidence: Span
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    mode: str | None = None
    time: str | None = None
    place: str | None = None
    status: str = "unknown"
    claimed_by: str | None = None  # the speaker text when the event is reported speech


@dataclass(slots=True)
class Entity:
    """One real-world person, organisation or place across the corpus."""

    id: str
    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    code: str | None = None  # ISO-3166 alpha-3 for countries, governments and their leaders


@dataclass(slots=True)
class Story:
    """Articles about one real-world story, across outlets and days."""

    id: str
    title: str
    article_ids: list[int] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    first: date | None = None
    last: date | None = None


@dataclass(slots=True)
class Extraction:
    """What the per-article stages found in one article; stages fill it in order.

    ``doc`` is the spaCy ``Doc``, for the per-article stages only: the linkers read plain fields, and it
    does not cross a process boundary. ``story_words`` is what story clustering reads of the parse: each
    content lemma (in text order) with the (character offset, kind) of its tokens, kind one of ``"NUM"``,
    ``"PROPN"``, ``"ROOT_VERB"`` (the sentence's main verb), ``"OTHER"``; the clusterer weighs them by its
    own config (``None``: no parse, the clusterer reads the text's words).
    ``story_id`` and the mentions' ``entity_id`` are set later by the cross-article linker.
    """

    article: Article
    doc: Any = None
    mentions: list[Mention] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    story_id: str | None = None
    made_by: dict[str, str] = field(default_factory=dict)  # what each field was set by (stage name)
    story_words: dict[str, list[tuple[int, str]]] | None = None
