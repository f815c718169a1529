"""The commands that read a processed store: stories, one story (show, timeline, compare), plans, search,
quotes and entities. Each parses its options (dates, statuses and limits are checked by click before
anything runs) and calls one library view; a listing that comes out empty says whether the store is
empty, unprocessed, or nothing matched, and exits 1.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..analyze.plans import PLAN_STATUSES
from ..renderers import render
from .options import (
    DAY,
    console,
    echo_json,
    json_option,
    limit_option,
    need_story,
    nothing,
)

__all__ = ["COMMANDS"]

# `search` counts matches per outlet among the newest this-many matches (a common word in a large store
# would otherwise be counted for longer than the search took).
FACET_WINDOW = 10_000


@click.command()
@click.option("--outlet", help="Only stories with an article from this outlet (or wire).")
@click.option("--entity", help="Only stories mentioning this entity (id or name).")
@click.option("--since", type=DAY, help="Only stories active on or after this date (YYYY-MM-DD).")
@click.option("--until", type=DAY, help="Only stories that started on or before this date (YYYY-MM-DD).")
@click.option("--country", help="Only stories with an article from an outlet in this country (see `outlets import`).")
@limit_option(50, help="Show at most this many stories.")
@json_option
@click.pass_obj
def stories(obj, outlet, entity, since, until, country, limit, as_json):
    """List stories: id, title, article count, outlets, first and last date."""
    from ..store import list_stories

    with obj.store() as store:
        if country and not store.db.execute("SELECT 1 FROM outlets LIMIT 1").fetchone():
            raise click.UsageError("--country needs outlet metadata: `newsweave outlets import FILE` first")
        rows = list_stories(store, outlet=outlet, entity=entity, since=since, until=until, country=country,
                            limit=limit)
        if not rows:
            nothing(store, "stories", {"outlet": outlet, "entity": entity, "since": since, "until": until,
                                       "country": country}, as_json=as_json)
    if as_json:
        echo_json(rows)
        return
    console().print(render("stories", "text", rows))


@click.command()
@click.argument("story")
@json_option
@click.pass_obj
def show(obj, story, as_json):
    """Show one story: articles, quotes, dated items, events and entities."""
    from ..store import story_detail

    with obj.store() as store:
        s = story_detail(store, story)
    if as_json:
        echo_json(s)
        return
    console().print(render("story", "text", s))


@click.command()
@click.argument("story")
@json_option
@click.option("--ics", "ics_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the story's planned items to this iCalendar file.")
@click.pass_obj
def timeline(obj, story, as_json, ics_path):
    """The story's dated items merged across outlets, with conflicts between outlets shown."""
    from ..analyze.ics import plans_to_ics
    from ..analyze.timeline import story_timeline
    from ..store.views import story_view

    with obj.store() as store:
        d = story_timeline(story_view(store, story))
    if ics_path is not None:
        with open(ics_path, "w", encoding="utf-8", newline="") as f:
            f.write(plans_to_ics(d["entries"]))
        if not obj.quiet:
            click.echo(f"wrote planned items to {ics_path}", err=True)
    if as_json:
        echo_json(d)
    else:
        console().print(render("timeline", "text", d))


@click.command()
@click.argument("story")
@json_option
@click.pass_obj
def compare(obj, story, as_json):
    """What each outlet reported in a story: shared, only-here, disputed claims, and whom it quoted."""
    from ..analyze.compare import compare_outlets
    from ..store.views import story_view

    with obj.store() as store:
        d = compare_outlets(story_view(store, story))
    if as_json:
        echo_json(d)
    else:
        console().print(render("comparison", "text", d))


@click.command()
@click.option("--status", "statuses", multiple=True, type=click.Choice([*PLAN_STATUSES, "overdue"], case_sensitive=False),
              help="Only plans with this status; repeatable. `overdue` selects plans past their due date with no news.")
@click.option("--due-before", type=DAY, help="Only plans due before this date (YYYY-MM-DD).")
@click.option("--story", help="Only plans of this story.")
@click.option("--today", type=DAY, help="Judge overdue plans as of this date (YYYY-MM-DD) [default: the latest report of each plan's story].")
@json_option
@click.pass_obj
def plans(obj, statuses, due_before, story, today, as_json):
    """Plans tracked over time: announced, dated, postponed, held or cancelled; overdue ones flagged."""
    from datetime import date

    from ..analyze.plans import store_plans
    from ..analyze.timeline import timex_sort_key
    from ..store.views import events_view

    when = date.fromisoformat(today) if today else None
    statuses = {s.lower() for s in statuses}
    with obj.store() as store:
        if story:
            need_story(store, story)
        rows = store_plans(events_view(store, story), today=when)
        if statuses:
            rows = [p for p in rows if p["status"] in statuses or ("overdue" in statuses and p["overdue"])]
        if due_before:
            rows = [p for p in rows if p["due"] and timex_sort_key(p["due"]) < timex_sort_key(due_before)]
        if not rows:
            nothing(store, "plans", {"status": sorted(statuses), "due_before": due_before, "story": story},
                    as_json=as_json)
    if as_json:
        echo_json(rows)
        return
    console().print(render("plans", "text", rows))


@click.command()
@click.argument("query")
@click.option("--outlet", help="Only articles from this outlet (or wire).")
@click.option("--since", type=DAY, help="Only articles published on or after this date (YYYY-MM-DD).")
@click.option("--until", type=DAY, help="Only articles published on or before this date (YYYY-MM-DD).")
@click.option("--story", help="Only articles of this story.")
@click.option("--entity", help="Only articles mentioning this entity (id or name).")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True,
              help="Best match first, or newest first.")
@limit_option(20, help="Show at most this many articles.", maximum=10_000)
@json_option
@click.pass_obj
def search(obj, query, outlet, since, until, story, entity, sort, limit, as_json):
    """Full-text search over titles and texts, with snippets (see README, "Search syntax")."""
    from ..store import search_articles
    from ..store.queries import SearchStopped, search_facets

    filters = {"outlet": outlet, "since": since, "until": until, "story": story, "entity": entity}
    with obj.store() as store:
        if story:
            need_story(store, story)
        rows = search_articles(store, query, limit=limit, sort=sort, **filters)
        if not rows:
            nothing(store, "articles", {"query": query, **filters}, needs_processing=False, as_json=as_json)
        facets = None
        if not (as_json or obj.quiet):
            try:  # a count over at most FACET_WINDOW matches, never at the cost of the results
                facets = search_facets(store, query, window=FACET_WINDOW, **filters)
            except SearchStopped:
                facets = None
    if as_json:
        echo_json(rows)
        return
    console().print(render("search", "text", rows))
    if facets:  # how the matches spread over outlets, on stderr so the listing stays clean to pipe
        more = "+" if sum(facets["outlets"].values()) >= FACET_WINDOW else ""
        click.echo(f"{facets['total']}{more} matching article{'s' if facets['total'] != 1 else ''}: "
                   + ", ".join(f"{o} {n}" for o, n in facets["outlets"].items()), err=True)


@click.command()
@click.option("--story", help="Only quotes from this story.")
@click.option("--speaker", help="Only quotes by this speaker (name, alias or entity id).")
@click.option("--outlet", help="Only quotes reported by this outlet.")
@click.option("--text", "words", help="Only quotes containing these words (full-text).")
@json_option
@click.pass_obj
def quotes(obj, story, speaker, outlet, words, as_json):
    """Who said what, grouped by resolved speaker, with outlet, date and evidence offsets."""
    from ..store import list_quotes

    with obj.store() as store:
        if story:
            need_story(store, story)
        rows = list_quotes(store, story=story, speaker=speaker, outlet=outlet, text=words)
        if not rows:
            nothing(store, "quotes", {"story": story, "speaker": speaker, "outlet": outlet, "text": words},
                    as_json=as_json)
    if as_json:
        echo_json(rows)
        return
    console().print(render("quotes", "text", rows))


@click.command()
@limit_option(50, help="Show at most this many entities.")
@json_option
@click.pass_obj
def entities(obj, limit, as_json):
    """Entities across articles: canonical name, type, code, aliases and mention counts."""
    from ..store import list_entities

    with obj.store() as store:
        rows = list_entities(store, limit=limit)
        if not rows:
            nothing(store, "entities", as_json=as_json)
    if as_json:
        echo_json(rows)
        return
    console().print(render("entities", "text", rows))


@click.command()
@click.argument("name")
@json_option
@click.pass_obj
def entity(obj, name, as_json):
    """One entity by name, alias or id: aliases, mentions per outlet, quotes and stories."""
    from ..store import entity_detail

    with obj.store() as store:
        e = entity_detail(store, name)
    if as_json:
        echo_json(e)
        return
    console().print(render("entity", "text", e))


COMMANDS = (stories, show, timeline, compare, plans, search, quotes, entities, entity)
