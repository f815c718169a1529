"""``newsweave extract``: the evaluation contract (../shared/eval/CONTRACT.md), as a library call.

Reads JSONL articles (``id``, ``text``, optional ``published``, ``outlet``, ``title``, ``url``), runs every
per-article stage and the cross-article linking over the whole file as one batch, and writes one JSON
object per input line with ``story_id``, ``entities``, ``attributions``, ``timexes`` and ``events``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from .errors import IngestError
from .ingest.dates import DateError, parse_date
from .ingest.records import FieldMap, build_article
from .model import Article, Attribution, Event, Extraction, Mention, Span, Timex
from .settings import Settings

__all__ = ["ExtractReport", "extract_file", "extract_articles", "to_contract", "read_contract_input", "parse_published"]


@dataclass
class ExtractReport:
    """What one ``extract`` run did: documents written and input lines refused (with reasons)."""

    written: int = 0
    errors: list[IngestError] = field(default_factory=list)
    stories: int = 0
    entities: int = 0


def parse_published(value: Any, origin: str) -> date | None:
    """A contract ``published`` value (``YYYY-MM-DD``, a full ISO timestamp, or null) as a date: the
    ingest readers' one date rule (``ingest.dates.parse_date``), its error named for this file and line."""
    if value is not None and not isinstance(value, str):
        raise IngestError(origin, f"'published' must be a YYYY-MM-DD string or null, got {value!r}")
    try:
        return parse_date(value)
    except DateError as exc:
        raise IngestError(origin, f"'published' is not a date: {value!r} ({exc}; use YYYY-MM-DD or an ISO timestamp)")


_FIELDS = FieldMap()

# The fields of a contract line an article is built from; anything else (``gold``) is ignored.
_CONTRACT_FIELDS = ("id", "text", "published", "outlet", "title", "url", "wire")


def read_contract_input(path: Path, stream: TextIO | None = None) -> Iterator[Article | IngestError]:
    """The articles of a contract JSONL file, in order; a bad line is yielded as an ``IngestError``."""
    seen: set[str] = set()
    handle = stream if stream is not None else open(path, encoding="utf-8", errors="strict")
    try:
        for lineno, line in enumerate(_lines(handle, path), start=1):
            origin = f"{path}:{lineno}"
            if isinstance(line, IngestError):
                yield line
                return
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield IngestError(origin, f"not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(obj, dict):
                yield IngestError(origin, "each line must be a JSON object with 'id' and 'text'")
                continue
            doc_id, text = obj.get("id"), obj.get("text")
            if not isinstance(doc_id, str) or not doc_id:
                yield IngestError(origin, "missing 'id' (a non-empty string, copied to the output)")
                continue
            if doc_id in seen:
                yield IngestError(origin, f"duplicate id {doc_id!r}: ids must be unique in the file")
                continue
            if not isinstance(text, str):
                yield IngestError(origin, "missing 'text' (the article body as a string)")
                continue
            try:
                parse_published(obj.get("published"), origin)  # the contract's own message for a bad date
            except IngestError as exc:
                yield exc
                continue
            # The readers' article builder, so that an article is the same whether it came through
            # `extract` or `ingest` (agency credit read as wire and outlet, one date rule, scrubbed text).
            record = {k: obj[k] for k in _CONTRACT_FIELDS if isinstance(obj.get(k), str)}
            article = build_article(record, fields=_FIELDS, origin=origin, identity=str(path), allow_empty=True)
            if isinstance(article, IngestError):
                yield article
                continue
            article.id = doc_id  # copied to the output exactly as given (the builder strips spaces)
            seen.add(doc_id)
            yield article
    finally:
        if stream is None:
            handle.close()


def _lines(handle: TextIO, path: Path) -> Iterator[str | IngestError]:
    lineno = 0
    try:
        for lineno, line in enumerate(handle, start=1):  # noqa: B007
            yield line
    except UnicodeDecodeError as exc:
        yield IngestError(f"{path}:{lineno + 1}", f"not UTF-8 text ({exc.reason} at byte {exc.start}); re-save as UTF-8")


def _span(s: Span | None, entity_id: str | None = None, with_entity: bool = False) -> dict | None:
    if s is None:
        return None
    out = s.to_json()
    if with_entity:
        out["entity_id"] = entity_id
    return out


def _mention(m: Mention) -> dict:
    return {"start": m.start, "end": m.end, "text": m.text, "label": m.label, "entity_id": m.entity_id}


def _attribution(a: Attribution) -> dict:
    return {
        "source": _span(a.source, a.speaker.entity_id if a.speaker else None, with_entity=True),
        "cue": _span(a.cue),
        "content": [c.to_json() for c in a.content],
        "kind": a.kind,
        "speaker": a.speaker.text if a.speaker else None,
        "channel": _span(a.channel),
        "parent": a.parent,
    }


def _timex(t: Timex) -> dict:
    return {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}


def _actor(x) -> dict:
    return {"text": x.text, "code": x.code, "sector": x.sector, "entity_id": x.entity_id}


def _event(e: Event) -> dict:
    return {
        "type": e.type,
        "mode": e.mode,
        "source": [_actor(x) for x in e.source],
        "target": [_actor(x) for x in e.target],
        "time": e.time,
        "place": e.place,
        "status": e.status,
        "claimed_by": e.claimed_by,
        "evidence": {"start": e.evidence.start, "end": e.evidence.end},
    }


def to_contract(ex: Extraction) -> dict[str, Any]:
    """The contract's output object for one article (every field present, lists possibly empty).

    ``attributions`` holds the outermost attributions, as PolNeAR annotates them; an attribution
    reported inside another (Ushakov reporting what Putin told Trump) is in ``nested_attributions``
    with ``parent``, the index in ``attributions`` of the one it sits in. ``made_by`` records the
    stage behind each field (``attributions``: ``newsweave.attribution.model.v1``) and the version of
    any learned model (``attributions.model``).
    """
    outer = [i for i, a in enumerate(ex.attributions) if a.parent is None]
    position = {old: new for new, old in enumerate(outer)}
    nested = []
    for a in ex.attributions:
        if a.parent is None:
            continue
        root, hops = a.parent, 0
        while ex.attributions[root].parent is not None and hops < len(ex.attributions):
            root, hops = ex.attributions[root].parent, hops + 1  # a quote within a quote within a quote
        if root not in position:
            continue
        nested.append({**_attribution(a), "parent": position[root]})
    return {
        "id": ex.article.id,
        "story_id": ex.story_id,
        "entities": [_mention(m) for m in ex.mentions],
        "attributions": [_attribution(ex.attributions[i]) for i in outer],
        "nested_attributions": nested,
        "timexes": [_timex(t) for t in ex.timexes],
        "events": [_event(e) for e in ex.events],
        # which stage (and model version) made each field, e.g. attributions.model
        "made_by": dict(ex.made_by),
    }


def extract_articles(articles: list[Article], settings: Settings | None = None,
                     progress: Callable[[int], None] | None = None,
                     faults: list | None = None) -> tuple[list[Extraction], Any]:
    """Run the per-article stages and the cross-article linking over ``articles`` as one batch.

    An article a stage fails on is kept (with nothing found, in a story of its own) and its
    ``ArticleFault`` appended to ``faults`` when given.
    """
    from .extract.pipeline import ArticleFault, Pipeline
    from .link import link_batch

    settings = settings or Settings()
    pipeline = Pipeline(settings)
    extractions, faulted = [], faults if faults is not None else []
    for ex in pipeline.run(articles, isolate=True):
        if isinstance(ex, ArticleFault):
            # The contract promises a line per input line: an article a stage breaks on is written with
            # nothing found, in a story of its own, and named in the report; the batch goes on.
            faulted.append(ex)
            extractions.append(Extraction(article=ex.article, story_id=f"unprocessed-{ex.article.id}"))
        else:
            extractions.append(ex)
        if progress:
            progress(1)
    from .link.online import sync_linked_ids

    broken = {id(f.article) for f in faulted}
    linked = link_batch([ex for ex in extractions if id(ex.article) not in broken], settings)
    for ex in extractions:
        if id(ex.article) not in broken:
            sync_linked_ids(ex)
        ex.doc = None
    return extractions, linked


def extract_file(in_path: str | Path, out_path: str | Path, settings: Settings | None = None, *,
                 progress: Callable[[int], None] | None = None, stream: TextIO | None = None) -> ExtractReport:
    """Apply the contract to ``in_path`` and write ``out_path``; bad input lines are reported, not fatal."""
    in_path, out_path = Path(in_path), Path(out_path)
    report = ExtractReport()
    articles = []
    for item in read_contract_input(in_path, stream):
        if isinstance(item, IngestError):
            report.errors.append(item)
        else:
            articles.append(item)
    faults: list = []
    extractions, linked = extract_articles(articles, settings, progress, faults)
    for f in faults:
        report.errors.append(IngestError(f.article.origin or str(f.article.id),
                                         f"written with nothing found: stage {f.stage} failed: {f.error}: {f.message}"))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(out_path.name + ".part")
    with open(tmp, "w", encoding="utf-8") as out:
        for ex in extractions:
            out.write(json.dumps(to_contract(ex), ensure_ascii=False) + "\n")
            report.written += 1
    tmp.replace(out_path)  # a reader never sees half a file
    report.stories = len(getattr(linked, "stories", []) or [])
    report.entities = len(getattr(linked, "entities", []) or [])
    return report
