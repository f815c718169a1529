"""The OpenAPI 3 description of the JSON routes, written by hand so it says what each field means.

``tests/test_api.py`` checks that every JSON route of the app is listed here, so the two cannot drift.
"""

from __future__ import annotations

from typing import Any

__all__ = ["JSON_ROUTES", "openapi_document"]


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _arr(item: dict) -> dict:
    return {"type": "array", "items": item}


_S, _I, _B, _N = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}, {"type": "number"}
_NS, _NI = {"type": ["string", "null"]}, {"type": ["integer", "null"]}

SCHEMAS: dict[str, Any] = {
    "Error": {"type": "object", "properties": {"error": _S, "status": _I}, "required": ["error", "status"]},
    "Source": {"type": "object", "properties": {
        "id": _I, "url": _S, "kind": {**_NS, "description": "feed, sitemap, homepage or article, as last fetched"},
        "title": _NS, "added_at": _S, "last_fetch": _NS, "last_ok": _NS, "etag": _NS, "last_modified": _NS,
        "errors": {**_I, "description": "polls failed in a row"},
        "last_error": {**_NS, "description": "kind and reason: http, timeout, not-a-feed, robots, too-large, …"},
        "items_seen": _I, "articles": _I}},
    "Span": {"type": "object", "properties": {"start": _I, "end": _I, "text": _S},
             "description": "Character offsets into the article text (end exclusive)."},
    "ArticleSummary": {"type": "object", "properties": {
        "id": _I, "title": _S, "outlet": _NS, "wire": _NS, "published": _NS, "url": _NS,
        "copy_of": {**_NI, "description": "id of the article this one copies (wire copy, near-duplicate)"},
        "copy_kind": _NS}},
    "StorySummary": {"type": "object", "properties": {
        "id": _S, "title": _S, "article_count": _I, "independent_reports": _I, "copies": _I,
        "outlets": _arr(_S), "first": _NS, "last": _NS, "articles": _arr(_ref("ArticleSummary"))}},
    "Quote": {"type": "object", "description": "An attribution: who said what, with its evidence offsets.",
              "properties": {
                  "id": {**_I, "description": "the quote's id, for corrections"},
                  "article_id": _I, "kind": {"enum": ["direct", "indirect", "mixed"]}, "speaker": _NS,
                  "speaker_entity_id": _NS, "source": {"oneOf": [_ref("Span"), {"type": "null"}]},
                  "cue": {"oneOf": [_ref("Span"), {"type": "null"}]}, "content": _arr(_ref("Span")),
                  "channel": _NS, "date": _NS, "outlet": _NS, "published": _NS, "start": _I, "end": _I}},
    "Timex": {"type": "object", "properties": {
        "article_id": _I, "start": _I, "end": _I, "text": _S, "type": {"enum": ["DATE", "TIME", "DURATION", "SET"]},
        "value": _NS, "anchored": _I, "mod": _NS, "outlet": _NS, "published": _NS}},
    "Actor": {"type": "object", "properties": {"text": _S, "code": _NS, "sector": _NS, "entity_id": _NS}},
    "Event": {"type": "object", "properties": {
        "article_id": _I, "start": _I, "end": _I, "type": _S, "mode": _NS, "source": _arr(_ref("Actor")),
        "target": _arr(_ref("Actor")), "time": _NS, "place": _NS,
        "status": {"enum": ["occurred", "planned", "proposed", "cancelled", "denied", "unknown"]},
        "claimed_by": _NS, "outlet": _NS, "published": _NS}},
    "EntityRef": {"type": "object", "properties": {"id": _S, "name": _S, "type": _NS, "code": _NS, "mentions": _I}},
    "TimelineItem": {"type": "object", "required": ["date", "kind", "article_id"], "properties": {
        "date": {**_S, "description": "TIMEX3 value: 2025-10-17, 2025-W42, 2025-10, 2025-Q3, 2025, …"},
        "display": _S, "precision": {**_S, "description": "day, week, month, quarter, year or other"},
        "what": _S, "kind": {"enum": ["event", "plan", "statement", "mention"]},
        "status": {**_NS, "description": "an event's status, or said / expected / reported"},
        "outlet": _NS, "article_id": _I,
        "date_from": {"enum": ["event", "attribution", "text", "published"],
                      "description": "what dated the entry: the event's own time, the statement, a date in the "
                                     "sentence, or the report's publication date"},
        "evidence": _ref("Span"), "sentence": _ref("Span"), "outlets": _arr(_NS), "reprinted_by": _arr(_NS),
        "reports": _arr({"type": "object", "properties": {
            "outlet": _NS, "article_id": _I, "date": _S, "kind": {"enum": ["event", "plan", "statement", "mention"]},
            "evidence": _ref("Span"), "sentence": _S}}),
        "conflict": {**_B, "description": "reports give this event different dates"},
        "dates": _arr({"type": "object", "properties": {"outlet": _NS, "date": _S}})}},
    "Speaker": {"type": "object", "properties": {
        "speaker": _NS, "entity_id": _NS, "count": _I, "outlets": {"type": "object", "additionalProperties": _I},
        "quotes": _arr(_ref("Quote"))}},
    "StoryDetail": {"allOf": [_ref("StorySummary"), {"type": "object", "properties": {
        "quotes": _arr(_ref("Quote")), "timexes": _arr(_ref("Timex")), "events": _arr(_ref("Event")),
        "entities": _arr(_ref("EntityRef")), "timeline": _arr(_ref("TimelineItem")),
        "conflicts": {**_arr(_ref("TimelineItem")), "description": "the timeline entries with conflict: true"},
        "plans": _arr({"type": "object"}), "speakers": _arr(_ref("Speaker")),
        "comparison": {"type": "object", "properties": {
            "voice_share": {"type": "object", "description": "outlet -> speaker -> number of quotes",
                            "additionalProperties": {"type": "object", "additionalProperties": _I}},
            "quotes_per_outlet": {"type": "object", "additionalProperties": _I},
            "articles_per_outlet": {"type": "object", "additionalProperties": _I}}},
        "filters": {"type": "object", "description": "the filters applied (query parameters)", "properties": {
            "outlet": _arr(_S), "country": _NS, "speaker": _NS, "kind": _NS, "since": _NS, "until": _NS,
            "event": _NS, "entities": {"enum": ["named", "all"]}}},
        "totals": {"type": "object", "description": "counts before the filters",
                   "additionalProperties": _I},
        "outlet_info": {"type": "object", "additionalProperties": _ref("OutletInfo")},
        "attention": _ref("Attention"),
        "coverage": {"type": "object", "description": "claims x outlets: who carried each claim, who left it out",
                     "properties": {"outlets": _arr(_S), "rows": _arr({"type": "object", "properties": {
                         "claim": _S, "shared": _B,
                         "carried": {"type": "object", "additionalProperties": _ref("CoverageCell")},
                         "missing": _arr(_S)}})}}}}]},
    "Attention": {"type": "object", "description": "Articles per day (or per week, from 92 days on) per outlet.",
                  "properties": {
                      "unit": {"enum": ["day", "week"]},
                      "periods": {**_arr(_S), "description": "every day (or week's Monday) from first to last"},
                      "outlets": {"type": "object", "description": "outlet -> period -> articles",
                                  "additionalProperties": {"type": "object", "additionalProperties": _I}},
                      "total": _I, "undated": {**_I, "description": "articles without a date, not counted"}}},
    "OutletInfo": {"type": "object", "description": "What the user's sources file says of an outlet "
                   "(`newsweave outlets import`); nothing is built in.",
                   "properties": {"country": _NS, "owner": _NS, "language": _NS, "lean": _NS}},
    "CoverageCell": {"type": "object", "properties": {
        "article_id": _I, "start": _I, "end": _I, "text": _S, "published": _NS,
        "reprint": {**_B, "description": "carried as a copy of another outlet's report (article_id is the copy)"}}},
    "ArticleDetail": {"allOf": [_ref("ArticleSummary"), {"type": "object", "properties": {
        "text": _S, "origin": _NS, "ext_id": _NS, "story_id": _NS, "processed": _B,
        "author": {**_NS, "description": "as the fetched page or its feed gave it"},
        "language": {**_NS, "description": "as the fetched page declared it"},
        "mentions": _arr({"type": "object", "properties": {"start": _I, "end": _I, "text": _S, "label": _NS,
                                                           "kind": _NS, "chain": _NI, "entity_id": _NS}}),
        "timexes": _arr(_ref("Timex")), "attributions": _arr(_ref("Quote")), "events": _arr(_ref("Event"))}}]},
    "Entity": {"type": "object", "properties": {
        "id": _S, "name": _S, "type": _NS, "code": _NS, "mentions": _I, "aliases": _arr(_S),
        "mentions_by_outlet": {"type": "object", "additionalProperties": _I}}},
    "EntityDetail": {"allOf": [_ref("Entity"), {"type": "object", "properties": {
        "quotes": _arr(_ref("Quote")), "attention": _ref("Attention"),
        "stories": _arr({"type": "object", "properties": {"id": _S, "title": _S, "first": _NS, "last": _NS}})}}]},
    "SearchHit": {"allOf": [_ref("ArticleSummary"), {"type": "object", "properties": {
        "story_id": _NS, "snippet": {**_S, "description": "matches in [brackets]"},
        "snippet_parts": _arr({"type": "object", "properties": {"text": _S, "match": _B}})}}]},
    "Plan": {"type": "object", "description": "A planned, proposed, cancelled or denied event and its evidence.",
             "properties": {"article_id": _I, "start": _I, "end": _I, "type": _S, "status": _S, "time": _NS,
                            "place": _NS, "source": _arr(_ref("Actor")), "target": _arr(_ref("Actor")),
                            "claimed_by": _NS, "outlet": _NS, "published": _NS, "story_id": _NS,
                            "evidence": _S, "overdue": _B}},
}

def _paging(most: int) -> list[dict]:
    """``limit`` (1 to ``most``, as the view checks it) and ``offset`` query parameters."""
    return [{"name": "limit", "in": "query", "schema": {**_I, "minimum": 1, "maximum": most}},
            {"name": "offset", "in": "query", "schema": {**_I, "minimum": 0, "maximum": 10**9}}]


def _get(summary: str, schema: dict, params: list | None = None, not_found: bool = False) -> dict:
    responses = {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}},
                 "400": {"description": "bad parameter", "content": {"application/json": {"schema": _ref("Error")}}}}
    if not_found:
        responses["404"] = {"description": "no such item", "content": {"application/json": {"schema": _ref("Error")}}}
    return {"get": {"summary": summary, "parameters": params or [], "responses": responses}}


def _path_param(name: str, schema: dict) -> list:
    return [{"name": name, "in": "path", "required": True, "schema": schema}]


_STORY_LIST = {"type": "object", "properties": {
    "filters": {"type": "object"}, "limit": _I, "offset": _I, "next_offset": _NI, "store_empty": _B,
    "stories": _arr(_ref("StorySummary"))}}
_STORY_FILTERS = [
    {"name": "outlet", "in": "query", "schema": _S, "description": "outlet or wire name"},
    {"name": "entity", "in": "query", "schema": _S, "description": "entity id or name"},
    {"name": "since", "in": "query", "schema": {"type": "string", "format": "date"}},
    {"name": "until", "in": "query", "schema": {"type": "string", "format": "date"}},
    {"name": "country", "in": "query", "schema": _S,
     "description": "stories with an article from an outlet your sources file places in this country"},
    *_paging(500),
]

_TEXT = {"type": "string", "maxLength": 200}
_STORY_PAGE_FILTERS = [
    {"name": "outlet", "in": "query", "schema": _TEXT, "description": "an outlet or wire (repeat for several)"},
    {"name": "country", "in": "query", "schema": _TEXT, "description": "outlets your sources file places there"},
    {"name": "speaker", "in": "query", "schema": _TEXT,
     "description": "quotes by this speaker: entity id or name, or 'unattributed'"},
    {"name": "kind", "in": "query", "schema": {"enum": ["direct", "indirect", "mixed"]}},
    {"name": "since", "in": "query", "schema": {"type": "string", "format": "date"}},
    {"name": "until", "in": "query", "schema": {"type": "string", "format": "date"},
     "description": "on or before this day (400 when before since)"},
    {"name": "event", "in": "query", "schema": _TEXT, "description": "an event type: CONSULT, PROTEST, …"},
    {"name": "entities", "in": "query", "schema": {"enum": ["named", "all"]},
     "description": "named (default): names only; all: common nouns and descriptions too"},
    {"name": "lists", "in": "query", "schema": {"enum": ["all"]},
     "description": "HTML only: every row of each long list (the first rows otherwise; the JSON has them all)"},
]

# The records of a POST that were not stored, each with where it was (``upload.csv:3``) and why.
_RECORD_ERRORS = {"errors": _arr({"type": "object", "required": ["origin", "reason"],
                                  "properties": {"origin": _S, "reason": _S}}),
                  "errors_not_listed": {**_I, "description": "failed records beyond the first 200"}}

PATHS: dict[str, Any] = {
    "/index.json": _get("Stories, newest activity first (same as /stories.json)", _STORY_LIST, _STORY_FILTERS),
    "/stories.json": _get("Stories, newest activity first, filtered and paged", _STORY_LIST, _STORY_FILTERS),
    "/stories/{story_id}.json": _get(
        "One story: articles, attention over time, quotes grouped by speaker, timeline, conflicts, plans, outlet "
        "comparison and coverage matrix, entities; narrowed by the filters", _ref("StoryDetail"),
        _path_param("story_id", _S) + _STORY_PAGE_FILTERS, not_found=True),
    "/articles/{article_id}.json": _get("One article with its extracted items and their offsets",
                                        _ref("ArticleDetail"), _path_param("article_id", _I), not_found=True),
    "/entities.json": _get("Entities by number of mentions", {"type": "object", "properties": {
        "limit": _I, "entities": _arr(_ref("Entity"))}}, _paging(5000)[:1]),
    "/entities/{key}.json": _get("One entity (by id, name or alias): mentions per outlet, quotes, stories",
                                 _ref("EntityDetail"), _path_param("key", _S), not_found=True),
    "/plans.json": _get("Planned, proposed, cancelled and denied events; passed planned dates flagged overdue",
                        {"type": "object", "properties": {"source": _S, "today": _NS, "plans": _arr(_ref("Plan"))}}),
    "/search.json": _get("Full-text search over titles and texts (word forms, phrases, OR, NOT, prefix*), filtered "
                         "and faceted", {"type": "object", "properties": {
        "q": _S, "limit": _I, "offset": _I, "sort": {"enum": ["relevance", "date"]}, "filters": {"type": "object"},
        "ranked_among_newest": _I, "store_empty": _B, "attention": _ref("Attention"),
        "facets": {"type": "object", "properties": {
            "total": _I, "outlets": {"type": "object", "additionalProperties": _I},
            "months": {"type": "object", "additionalProperties": _I}}},
        "results": _arr(_ref("SearchHit"))}},
        [{"name": "q", "in": "query", "required": True, "schema": {"type": "string", "maxLength": 512},
          "description": "at most 32 words; see the README's search syntax"},
         {"name": "sort", "in": "query", "schema": {"enum": ["relevance", "date"]}},
         *_STORY_FILTERS[:4], {"name": "story", "in": "query", "schema": _S}, *_paging(200)]),
    "/sources.json": _get("The sources `newsweave watch` polls, with their state", {"type": "object", "properties": {
        "sources": _arr(_ref("Source"))}}),
    "/corrections.json": _get("The analyst's corrections, newest first", {"type": "object", "properties": {
        "corrections": _arr(_ref("Correction"))}}),
    "/corrections": {"post": {
        "summary": "Make a correction (only when the server has a token; a bearer token, or a form's 'token' field)",
        "security": [{"bearer": []}],
        "requestBody": {"content": {
            "application/json": {"schema": _ref("NewCorrection")},
            "application/x-www-form-urlencoded": {"schema": _ref("NewCorrection")}}},
        "responses": {
            "201": {"description": "made and applied", "content": {"application/json": {"schema": _ref("Correction")}}},
            "303": {"description": "a form: back to its 'next' page"},
            "400": {"description": "bad correction", "content": {"application/json": {"schema": _ref("Error")}}},
            "401": {"description": "missing or wrong token", "content": {"application/json": {"schema": _ref("Error")}}},
            "403": {"description": "writes disabled", "content": {"application/json": {"schema": _ref("Error")}}},
            "415": {"description": "neither JSON nor a form", "content": {"application/json": {"schema": _ref("Error")}}},
        }}},
    "/corrections/{correction_id}/undo": {"post": {
        "summary": "Undo a correction (token as for POST /corrections)", "security": [{"bearer": []}],
        "parameters": _path_param("correction_id", _I),
        "responses": {
            "200": {"description": "undone", "content": {"application/json": {"schema": _ref("Correction")}}},
            "303": {"description": "a form: back to its 'next' page"},
            "400": {"description": "no such correction, or already undone",
                    "content": {"application/json": {"schema": _ref("Error")}}},
            "401": {"description": "missing or wrong token", "content": {"application/json": {"schema": _ref("Error")}}},
            "403": {"description": "writes disabled", "content": {"application/json": {"schema": _ref("Error")}}},
        }}},
    "/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3.1"}}}},
    "/articles": {"post": {
        "summary": "Add articles (only when the server has a token; send it as a bearer token)",
        "security": [{"bearer": []}],
        "requestBody": {"content": {
            "application/json": {"schema": {"oneOf": [_ref("NewArticle"), _arr(_ref("NewArticle"))]}},
            "multipart/form-data": {"schema": {"type": "object", "properties": {
                "file": {"type": "string", "format": "binary",
                         "description": "any format newsweave ingest reads; repeat the field to send several files"}}}},
        }},
        "responses": {
            "201": {"description": "stored; records that failed are listed in errors",
                    "content": {"application/json": {"schema": {"type": "object", "properties": {
                        "new": _I, "duplicate": _I, "ids": _arr(_I), "next": _S, **_RECORD_ERRORS}}}}},
            "400": {"description": "bad article, or every record of the upload failed (listed in errors)",
                    "content": {"application/json": {"schema": {"allOf": [_ref("Error"), {
                        "type": "object", "properties": _RECORD_ERRORS}]}}}},
            "401": {"description": "missing or wrong token", "content": {"application/json": {"schema": _ref("Error")}}},
            "403": {"description": "writes disabled (no token configured)",
                    "content": {"application/json": {"schema": _ref("Error")}}},
            "413": {"description": "body over the upload limit",
                    "content": {"application/json": {"schema": _ref("Error")}}},
            "415": {"description": "neither application/json nor multipart/form-data",
                    "content": {"application/json": {"schema": _ref("Error")}}},
        }}},
}

SCHEMAS["NewArticle"] = {"type": "object", "required": ["text"], "properties": {
    "text": _S, "published": {"type": "string", "format": "date"}, "outlet": _S, "title": _S, "url": _S, "wire": _S}}

PATHS["/search.json"]["get"]["responses"]["503"] = {
    "description": "the search ran out of time (2 s): narrow it", "content": {"application/json": {"schema": _ref("Error")}}}

SCHEMAS["Correction"] = {"type": "object", "description": "An analyst's decision, re-applied after every process run.",
                         "properties": {"id": _I, "kind": _S, "target": _S, "value": {"type": "object"}, "what": _S,
                                        "note": _NS, "made_at": _S, "undone_at": _NS, "active": _B}}
SCHEMAS["NewCorrection"] = {"type": "object", "required": ["kind"], "description": (
    "kind and its fields: rename-entity (entity, name), merge-entities (keep, others), split-entity (entity, "
    "aliases), rename-story (story, title), move-article (article, story), set-speaker (quote, entity), "
    "reject-quote (quote); note optional"), "properties": {
    "kind": {"enum": ["rename-entity", "merge-entities", "split-entity", "rename-story", "move-article",
                      "set-speaker", "reject-quote"]},
    **{k: _S for k in ("entity", "name", "keep", "story", "title", "article", "quote", "note", "token", "next")},
    "others": {"oneOf": [_S, _arr(_S)]}, "aliases": {"oneOf": [_S, _arr(_S)]}}}

JSON_ROUTES = tuple(PATHS)


def openapi_document() -> dict[str, Any]:
    """The OpenAPI 3.1 document served at ``/openapi.json``."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "newsweave", "version": "1",
                 "description": "Every HTML page has the same data as JSON at the same path plus `.json`."},
        "paths": PATHS,
        "components": {"schemas": SCHEMAS,
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    }
