"""The views: each takes an open store and the request's parameters and returns a ``Page``.

A ``Page`` holds the JSON document (``data``) and the template that renders it; the app serves
``data`` as-is for ``.json`` routes and renders the template for HTML, so both formats always carry
the same information. ``extra`` is only what HTML needs on top (charts, highlighted text, colours).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..errors import ApiError, StoreError
from ..model import UNKNOWN_OUTLET, outlet_of
from ..renderers import template
from ..store import (
    Store,
    article_detail,
    entity_detail,
    list_entities,
    list_stories,
    search_articles,
    story_detail,
)
from ..store.queries import store_is_empty
from ..store.views import story_view
from .charts import (
    attention_svg,
    evidence_href,
    outlet_colours,
    timeline_svg,
    voice_share_svg,
)
from .highlight import highlight_text, highlights_for_article
from .sections import (
    chart_items,
    comparison_section,
    group_plans,
    plans_section,
    speakers_of,
    story_timeline_section,
)
from .story_filters import day_param, filter_story, parse_story_filters

__all__ = [
    "Page",
    "article_page",
    "corrections_page",
    "entities_page",
    "entity_page",
    "plans_page",
    "search_page",
    "sources_page",
    "stories_page",
    "story_page",
]

MAX_LIMIT = 500
# Set by the app while it serves a search: true once the client has disconnected, so the search stops.
CLIENT_GONE: ContextVar[Callable[[], bool] | None] = ContextVar("client_gone", default=None)
# A first render does bounded work: the story page's HTML lists only the first rows of each long list, with a
# "show all" link (``?lists=all``); the JSON always has every row. A real 20-30 article story has hundreds of
# quotes, dated items and entities, and rendering them all was most of its first render.
STORY_PAGE_LISTS = {"timeline": 40, "plans": 30, "speakers": 16, "quotes": 8, "coverage": 40, "entities": 100}
STORY_PAGE_ENTITIES = STORY_PAGE_LISTS["entities"]
# Search ranks the newest this-many matching articles (see store.queries.search_articles): a bounded
# cost per request however large the store.
SEARCH_WINDOW = 1000


@dataclass
class Page:
    """What a view produced: the JSON document and how to render it as HTML."""

    template: str
    data: Any
    extra: dict[str, Any] = field(default_factory=dict)


def _int_param(params, name: str, default: int, *, lo: int = 0, hi: int = MAX_LIMIT) -> int:
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, f"{name} must be a whole number, got {raw!r}") from None
    if not lo <= value <= hi:
        raise ApiError(400, f"{name} must be between {lo} and {hi}, got {value}")
    return value


# ---------------------------------------------------------------------------------------------- stories
def stories_page(store: Store, params) -> Page:
    """Stories, newest activity first, filtered by outlet, entity and date range, paged."""
    filters = {
        "outlet": (params.get("outlet") or "").strip() or None,
        "entity": (params.get("entity") or "").strip() or None,
        "since": day_param(params, "since"),
        "until": day_param(params, "until"),
        "country": (params.get("country") or "").strip() or None,
    }
    limit = _int_param(params, "limit", 50, lo=1)
    offset = _int_param(params, "offset", 0, hi=10**9)
    rows = list_stories(store, **filters, limit=limit + 1, offset=offset)
    stories = rows[:limit]
    for s in stories:
        s["copies"] = s["article_count"] - s["independent_reports"]
    data = {
        "filters": filters,
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if len(rows) > limit else None,
        "stories": stories,
        # An empty list means an empty store only when the store is empty: else nothing matched (or nothing
        # is processed yet).
        "store_empty": not stories and store_is_empty(store),
    }
    colours = outlet_colours(o for s in stories for o in s["outlets"])
    return Page(template("stories"), data, {"colours": colours})


def story_page(store: Store, story_id: str, params=None) -> Page:
    """One story: articles by outlet, attention over time, timeline, conflicts, plans, who said what,
    outlet comparison with its coverage matrix, entities; narrowed by the filters in ``params``
    (``newsweave.api.story_filters``: outlet, country, speaker, kind, since, until, event, entities)."""
    from ..analyze.attention import attention
    from ..analyze.coverage import coverage_matrix
    from ..store.outlets import outlet_metadata, outlets_in_country

    filters = parse_story_filters(params)
    lists = _story_lists(params)
    detail = story_detail(store, story_id)
    # An agency report stored without an outlet goes under its wire's name everywhere on the page.
    outlet_by_article = {a["id"]: outlet_of(a) for a in detail["articles"]}
    for row in (*detail["quotes"], *detail["timexes"], *detail["events"]):
        row["outlet"] = row.get("outlet") or outlet_by_article.get(row["article_id"], UNKNOWN_OUTLET)
    view = story_view(store, story_id, detail)  # each article read once, shared by the timeline and the comparison
    timeline = story_timeline_section(store, view)
    detail["timeline"] = timeline["entries"]
    detail["timeline_source"] = timeline["source"]
    detail["undated_events"] = timeline["undated_events"]
    detail["conflicts"] = timeline["conflicts"]
    if "skipped" in timeline:
        detail["timeline_skipped"] = timeline["skipped"]
    detail["plans"] = plans_section(store, story_id=story_id)["plans"]
    entity_names = {e["id"]: e["name"] for e in detail["entities"]}
    all_speakers = speakers_of(detail["quotes"], entity_names)
    detail["comparison"] = comparison_section(store, view)
    detail["coverage"] = coverage_matrix(detail["comparison"], detail["articles"])
    every_outlet = sorted(set(outlet_by_article.values()))
    detail["outlet_info"] = outlet_metadata(store, every_outlet)
    # What the filters can choose from: the whole story, before it is narrowed.
    choices = {
        "outlets": every_outlet,
        "countries": sorted({i["country"] for i in detail["outlet_info"].values() if i.get("country")}),
        "speakers": [(g["entity_id"] or g["speaker"], g["speaker"], g["count"]) for g in all_speakers if g["speaker"]],
        "unattributed": any(g["speaker"] is None for g in all_speakers),
        "kinds": sorted({q["kind"] for q in detail["quotes"]}),
        "events": sorted({e["type"] for e in detail["events"] if e.get("type")}),
    }
    country_outlets = outlets_in_country(store, filters.country) if filters.country else None
    # Evidence links name the report's date; the comparison's claims may be in articles a filter hides.
    published = {a["id"]: a.get("published") for a in detail["articles"]}
    detail["filters"] = filters.to_json()
    detail["totals"] = filter_story(detail, filters, country_outlets)
    detail["speakers"] = all_speakers if not filters.narrowing else speakers_of(detail["quotes"], entity_names)
    detail["attention"] = attention((a.get("published"), outlet_of(a)) for a in detail["articles"])
    by_outlet: dict[str, list[dict]] = defaultdict(list)
    for a in detail["articles"]:
        by_outlet[outlet_of(a)].append(a)
    marks = chart_items(detail["timeline"], evidence_href, detail["plans"])
    colours = outlet_colours(every_outlet + [q.get("outlet") for q in detail["quotes"]] + [m["outlet"] for m in marks])
    extra = {
        "colours": colours,
        "articles_by_outlet": sorted(by_outlet.items()),
        "timeline_chart": timeline_svg(marks, colours),
        "voice_chart": voice_share_svg(detail["comparison"]["voice_share"], colours),
        "attention_chart": attention_svg(detail["attention"], colours),
        "evidence": evidence_href,
        "published": published,
        "choices": choices,
        "filters": filters,
        "entities_shown": lists["entities"],
        "lists": lists,
        "all_lists": _with_param(params, "lists", "all"),
        "entities_toggle": _with_param(params, "entities", "all" if filters.entities == "named" else None),
    }
    return Page(template("story"), detail, extra)


def _story_lists(params) -> dict[str, int]:
    """How many rows of each long list the story page's HTML shows: ``STORY_PAGE_LISTS``, or all with ``lists=all``."""
    shown = (params.get("lists") or "").strip() if params is not None else ""
    if shown not in ("", "all"):
        raise ApiError(400, f"lists must be all (or left out), got {shown!r}")
    return {name: 10**9 if shown == "all" else n for name, n in STORY_PAGE_LISTS.items()}


def _with_param(params, name: str, value: str | None) -> str:
    """``?query`` of ``params`` with ``name`` set to ``value`` (or left out when None)."""
    from urllib.parse import urlencode

    pairs = [(k, v) for k, v in (params.multi_items() if hasattr(params, "multi_items") else (params or {}).items())
             if k != name]
    if value is not None:
        pairs.append((name, value))
    return "?" + urlencode(pairs)


# ---------------------------------------------------------------------------------------------- articles
def article_page(store: Store, article_id: str, params=None) -> Page:
    """One article, its text with quotes, speakers, names, dates and events marked in place."""
    try:
        ident = int(article_id)
    except ValueError:
        raise StoreError(f"no article {article_id!r}: article ids are numbers") from None
    if not 0 < ident < 2**63:  # SQLite integers are 64-bit; a larger id cannot exist
        raise StoreError(f"no article {article_id!r}")
    detail = article_detail(store, ident)
    text = detail["text"]
    entities: dict[tuple, dict] = {}
    for m in detail["mentions"]:
        key = (m.get("entity_id") or m["text"].lower(), m.get("label"))
        ent = entities.setdefault(key, {"text": m["text"], "label": m.get("label"), "entity_id": m.get("entity_id"),
                                        "mentions": []})
        ent["mentions"].append(m)
    extra = {
        "highlighted": highlight_text(text, highlights_for_article(detail)),
        "colours": outlet_colours([outlet_of(detail)]),
        "entity_groups": sorted(entities.values(), key=lambda e: (-len(e["mentions"]), e["text"])),
        "evidence": evidence_href,
        "event_text": {(e["start"], e["end"]): text[e["start"]:e["end"]] for e in detail["events"]},
    }
    return Page(template("article"), detail, extra)


# ---------------------------------------------------------------------------------------------- entities
def entity_page(store: Store, key: str, params=None) -> Page:
    """One entity: aliases, mentions per outlet, its quotes and its stories."""
    from ..analyze.attention import attention
    from ..store.attention import entity_articles

    detail = entity_detail(store, key)
    detail["attention"] = attention(entity_articles(store, detail["id"]))
    colours = outlet_colours(list(detail["mentions_by_outlet"]) + [q.get("outlet") for q in detail["quotes"]]
                             + list(detail["attention"]["outlets"]))
    most = max(detail["mentions_by_outlet"].values(), default=0)
    return Page(template("entity"), detail, {"colours": colours, "most": most, "evidence": evidence_href,
                                        "attention_chart": attention_svg(detail["attention"], colours)})


def entities_page(store: Store, params) -> Page:
    """Entities by number of mentions."""
    limit = _int_param(params, "limit", 200, lo=1, hi=5000)
    entities = list_entities(store, limit=limit)
    colours = outlet_colours(o for e in entities for o in e["mentions_by_outlet"])
    return Page(template("entities"), {"limit": limit, "entities": entities}, {"colours": colours})


# ---------------------------------------------------------------------------------------------- plans
def plans_page(store: Store, params, *, today: date | None = None) -> Page:
    """Plans across the store, overdue first (a due date passed with no news since), then open, held,
    cancelled; from ``newsweave.analyze.plans`` when installed, else the planned events as stored."""
    data = plans_section(store, today=today)
    colours = outlet_colours(u.get("outlet") for p in data["plans"] for u in p["history"])
    return Page(template("plans"), data, {"groups": group_plans(data["plans"]), "colours": colours,
                                     "evidence": evidence_href})


# ---------------------------------------------------------------------------------------------- search
def search_page(store: Store, params) -> Page:
    """Full-text search over titles and texts (the syntax of ``newsweave search``), best match or newest
    first among the newest ``SEARCH_WINDOW`` matching articles, narrowed by outlet, dates, story and
    entity; each hit has a snippet with the matching words marked, and ``facets`` count the matches per
    outlet and month. ``store_empty`` tells an empty store apart from a search that matched nothing."""
    from ..store.queries import SEARCH_SORTS, SearchStopped, search_facets

    q = (params.get("q") or "").strip()
    limit = _int_param(params, "limit", 20, lo=1, hi=200)
    offset = _int_param(params, "offset", 0, hi=10**9)
    sort = (params.get("sort") or "relevance").strip()
    if sort not in SEARCH_SORTS:
        raise ApiError(400, f"sort must be {' or '.join(SEARCH_SORTS)}, got {sort!r}")
    filters = {"outlet": (params.get("outlet") or "").strip() or None, "since": day_param(params, "since"),
               "until": day_param(params, "until"), "story": (params.get("story") or "").strip() or None,
               "entity": (params.get("entity") or "").strip() or None}
    results: list[dict] = []
    facets = {"total": 0, "outlets": {}, "months": {}}
    if any(ch.isalnum() for ch in q):
        gone = CLIENT_GONE.get()
        try:
            results = search_articles(store, q, limit=limit, offset=offset, window=SEARCH_WINDOW, sort=sort,
                                      cancelled=gone, **filters)
            facets = search_facets(store, q, window=SEARCH_WINDOW, cancelled=gone, with_articles=True, **filters)
        except SearchStopped as exc:
            raise ApiError(503, str(exc)) from None
        except StoreError as exc:  # a query it cannot read, or one too long
            raise ApiError(400, str(exc)) from None
    from ..analyze.attention import attention

    matched = attention(facets.pop("articles", []))
    colours = outlet_colours([*(outlet_of(r) for r in results), *facets["outlets"]])
    more = {**{k: v for k, v in filters.items() if v}, "q": q, "sort": sort, "limit": limit, "offset": offset + limit}
    return Page(template("search"), {"q": q, "limit": limit, "offset": offset, "sort": sort, "filters": filters,
                                "ranked_among_newest": SEARCH_WINDOW, "store_empty": store_is_empty(store),
                                "facets": facets, "attention": matched, "results": results},
                {"colours": colours, "more": more, "attention_chart": attention_svg(matched, colours)})


# ---------------------------------------------------------------------------------------------- corrections
def corrections_page(store: Store, params) -> Page:
    """The analyst's corrections, newest first, with forms to make more (when writes are enabled)."""
    from ..store.corrections import FIELDS, list_corrections

    rows = list_corrections(store)[::-1]
    # ?story=s1, ?entity=e1, ?quote=7, ?article=3 (links from the story, entity and quote): only the forms
    # that take it, filled in.
    prefill = {k: str(params[k]) for k in ("story", "entity", "quote", "article") if params.get(k)}
    if "entity" in prefill:
        prefill["keep"] = prefill["entity"]  # merge others into this one
    forms = [(kind, names) for kind, names in FIELDS.items() if not prefill or set(names) & set(prefill)]
    return Page(template("corrections"), {"corrections": rows}, {"forms": forms, "prefill": prefill})


# ---------------------------------------------------------------------------------------------- sources
def sources_page(store: Store, params) -> Page:
    """The sources `newsweave watch` polls, with each one's last fetch, error count and last error (read-only)."""
    from ..store.sources import list_sources

    return Page(template("sources"), {"sources": list_sources(store)})
