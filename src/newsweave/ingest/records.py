"""Turning one input record into an :class:`~newsweave.model.Article`, shared by every reader.

JSON Lines, JSON arrays and CSV rows are mapped through a :class:`FieldMap`; every reader then
finishes its articles the same way (:func:`finish_article`): an id where the input gave none, and
the agency credit and dateline read from the text (see :mod:`newsweave.ingest.credit` for the
outlet rule).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from typing import Any

from ..errors import ConfigError, IngestError, shown
from ..model import Article
from .credit import canonical_agency, parse_credit
from .dates import DateError, parse_date

__all__ = ["FieldMap", "ReadOptions", "build_article", "derive_id", "finish_article", "record_to_article"]

# Column names that usually hold the article body, suggested when the mapped one is missing.
_TEXT_LIKE = ("text", "body", "content", "article", "article_text", "full_text", "story", "maintext", "description")


@dataclass(frozen=True, kw_only=True)
class FieldMap:
    """Which JSON field or CSV column holds each part of an article.

    The defaults match newsweave's own JSON Lines format (``text``, ``published``, ``outlet``,
    ``title``, ``url``, ``id``, ``wire``); ``FieldMap(text="body", published="date")`` reads an
    export with other names. Fields not mapped are kept in ``Article.extra``.
    """

    text: str = "text"
    published: str = "published"
    outlet: str = "outlet"
    title: str = "title"
    url: str = "url"
    id: str = "id"
    wire: str = "wire"

    def __post_init__(self) -> None:
        for spec in dataclass_fields(self):
            value = getattr(self, spec.name)
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"FieldMap.{spec.name} must be a non-empty field name, got {value!r}")

    def mapped(self) -> set[str]:
        return {getattr(self, spec.name) for spec in dataclass_fields(self)}


def derive_id(seed: str) -> str:
    """A stable id for an article whose input gave none, from its URL or its path and line."""
    # A path may hold a file name that is not UTF-8 (lone surrogates in Python): still one stable id.
    return hashlib.sha256(seed.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _optional_str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _lookup(record: Mapping[str, Any], name: str) -> Any:
    if name in record:
        return record[name]
    # CSV headers often differ in case or stray spaces ("Text", " published").
    for key, value in record.items():
        if isinstance(key, str) and key.strip().lower() == name.lower():
            return value
    return None


def text_suggestion(keys) -> str:
    for candidate in _TEXT_LIKE:
        for key in keys:
            if isinstance(key, str) and key.strip().lower() == candidate:
                return f"; the field '{key}' looks like the article text: map it with FieldMap(text={key!r})"
    return ""


# Deeper than this, a field is not article metadata; walking it (copying, storing as JSON) would
# exhaust Python's recursion limit and lose the records after it.
MAX_FIELD_DEPTH = 64


def _too_deep(value: Any) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        if depth > MAX_FIELD_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def record_to_article(record: Mapping[str, Any], fields: FieldMap, origin: str, *,
                      allow_empty: bool = False) -> Article | IngestError:
    """One JSON object or CSV row as an Article, or an IngestError saying what is wrong with it.

    ``allow_empty`` keeps a record whose text is empty (the evaluation contract writes a line for it);
    a store has no use for one, so readers refuse it."""
    for key, value in record.items():
        if isinstance(value, (dict, list)) and _too_deep(value):
            return IngestError(origin, f"the field {shown(key, 40)} is nested more than {MAX_FIELD_DEPTH} levels deep; "
                                       "article fields are text, numbers or shallow lists, so the record was skipped")
    text = _lookup(record, fields.text)
    if isinstance(text, (dict, list)):
        return IngestError(origin, f"the field '{fields.text}' holds a JSON {type(text).__name__}, not the article text")
    if text is None or (not str(text).strip() and not allow_empty):
        present = ", ".join(str(k) for k in record) or "none"
        return IngestError(
            origin,
            f"no article text: the field '{fields.text}' is missing or empty (fields present: {present})"
            + text_suggestion([k for k in record if not (isinstance(k, str) and k.strip().lower() == fields.text.lower())]),
        )
    raw_date = _lookup(record, fields.published)
    try:
        published = parse_date(raw_date)
    except DateError as exc:
        return IngestError(
            origin,
            f"the date in '{fields.published}' is {shown(raw_date)}, which is not a valid date ({exc}); "
            "write it as YYYY-MM-DD or leave it empty",
        )
    wire = _optional_str(_lookup(record, fields.wire))
    mapped = {name.lower() for name in fields.mapped()}
    extra = {k: v for k, v in record.items() if not (isinstance(k, str) and k.strip().lower() in mapped)}
    return Article(
        text=str(text),
        id=_optional_str(_lookup(record, fields.id)),
        published=published,
        outlet=_optional_str(_lookup(record, fields.outlet)),
        title=_optional_str(_lookup(record, fields.title)),
        url=_optional_str(_lookup(record, fields.url)),
        wire=(canonical_agency(wire) or wire) if wire else None,
        origin=origin,
        extra=extra,
    )


def build_article(record: Mapping[str, Any], *, fields: FieldMap, origin: str, identity: str, locator: str = "",
                  encoding: str = "utf-8", allow_empty: bool = False) -> Article | IngestError:
    """The one way a record (a JSON object, a CSV row, a ``POST /articles`` body, a line of the evaluation
    contract) becomes an Article: :func:`record_to_article`, then :func:`finish_article`; an IngestError
    saying what is wrong otherwise."""
    article = record_to_article(record, fields, origin, allow_empty=allow_empty)
    if isinstance(article, IngestError):
        return article
    return finish_article(article, identity=identity, locator=locator, encoding=encoding)


def finish_article(article: Article, *, identity: str, locator: str = "", encoding: str = "utf-8") -> Article:
    """Fill what every reader fills the same way; returns the same article.

    * ``id``: kept if the input gave one; else derived from the URL, or from ``identity`` (the
      absolute path; with the text's hash for standard input and uploads, ``<stdin>``, ``<http>``)
      plus ``locator`` (":17" for line 17).
    * ``wire`` from the text's agency credit where the input named none; ``outlet`` set to that
      agency only when the input named no publisher and the agency datelines the text itself.
    * ``extra["dateline"]``: the dateline's place; ``extra["encoding"]`` when the text was not UTF-8.
    """
    _scrub_surrogates(article)
    if article.id is None:
        if article.url:
            article.id = derive_id("url:" + article.url.split("#", 1)[0])
        elif identity.startswith("<"):  # standard input, an upload: no path to derive the id from
            article.id = derive_id(f"{identity}{locator}:{article.content_hash}")
        else:
            article.id = derive_id(identity + locator)
    credit = parse_credit(article.text)
    if credit.wire:
        if article.wire is None:
            article.wire = credit.wire
        if article.outlet is None and credit.datelined:
            article.outlet = credit.wire
        if credit.place and "dateline" not in article.extra:
            article.extra["dateline"] = credit.place
    if encoding not in ("utf-8", "utf-8-sig"):
        article.extra.setdefault("encoding", encoding)
    return article


_SURROGATE = re.compile("[\ud800-\udfff]")


def _scrubbed(value: Any) -> Any:
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value
    if isinstance(value, dict):
        return {_scrubbed(k): _scrubbed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrubbed(v) for v in value]
    return value


def _scrub_surrogates(article: Article) -> None:
    """Replace lone UTF-16 surrogates (JSON allows "\\ud800") with U+FFFD.

    They are not characters: they cannot be encoded as UTF-8, so hashing or storing such a text would
    fail. The article keeps its text with the replacement character and says so in ``extra``.
    """
    changed = False
    for name in ("text", "id", "outlet", "title", "url", "wire"):
        value = getattr(article, name)
        if isinstance(value, str) and _SURROGATE.search(value):
            setattr(article, name, _scrubbed(value))
            changed = True
    if article.extra:
        cleaned = _scrubbed(article.extra)
        if cleaned != article.extra:
            article.extra.clear()
            article.extra.update(cleaned)
            changed = True
    if changed:
        article.extra["replaced_characters"] = "lone UTF-16 surrogates replaced by U+FFFD"


@dataclass(frozen=True, kw_only=True)
class ReadOptions:
    """What every reader is given besides its source: the field map and the size limit."""

    fields: FieldMap = FieldMap()
    max_file_bytes: int = 50_000_000
