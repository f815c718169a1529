"""``newsweave sources …`` (the feeds, sitemaps and pages to follow) and ``newsweave watch`` (follow them).

Each command parses its arguments and calls one library function: ``newsweave.store.sources`` for
the list, ``newsweave.watch`` for polling.
"""

from __future__ import annotations

import logging
import sys

import click

from .options import echo_json, json_option

__all__ = ["sources", "watch"]

_CONTACT = click.option("--contact", default=None, help="E-mail or URL sent in the User-Agent so site operators can "
                        "reach you [default: $NEWSWEAVE_CONTACT].")


@click.group()
def sources():
    """The feeds, sitemaps, homepages and pages `newsweave watch` polls."""


@sources.command("add")
@click.argument("urls", nargs=-1, required=True)
@click.pass_obj
def add(obj, urls):
    """Add each URL (feed, sitemap, homepage or article page) as a source."""
    from ..ingest.web import is_url
    from ..store.sources import add_source

    bad = [u for u in urls if not is_url(u)]
    if bad:
        raise click.BadParameter(f"not an http(s) URL: {', '.join(bad)}", param_hint="URL")
    with obj.store(create=True) as store:
        for url in urls:
            source_id, new = add_source(store, url)
            click.echo(f"{'added' if new else 'already a source'}: {source_id} {url}")


@sources.command("list")
@json_option
@click.pass_obj
def list_cmd(obj, as_json):
    """Every source with its kind, last fetch, error count, last error, items seen and articles stored."""
    from ..store.sources import list_sources

    with obj.store(create=True) as store:
        rows = list_sources(store)
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("no sources yet: add one with `newsweave sources add URL`")
        return
    for r in rows:
        state = "never fetched" if not r["last_fetch"] else f"fetched {r['last_fetch']}"
        click.echo(f"{r['id']:>3}  {r['url']}  [{r['kind'] or '?'}] {state}, {r['items_seen']} items, "
                   f"{r['articles']} articles" + (f", {r['errors']} errors in a row" if r["errors"] else ""))
        if r["last_error"]:
            click.echo(f"     last error: {r['last_error']}")


@sources.command("remove")
@click.argument("source", metavar="ID|URL")
@click.pass_obj
def remove(obj, source):
    """Stop following a source (its stored articles stay)."""
    from ..store.sources import remove_source

    with obj.store() as store:
        gone = remove_source(store, source)
    click.echo(f"removed: {gone['id']} {gone['url']}")


@sources.command("import")
@click.argument("opml_file", metavar="FILE.opml", type=click.Path(dir_okay=False))
@click.pass_obj
def import_cmd(obj, opml_file):
    """Add every feed of an OPML subscription list (as feed readers export)."""
    from ..ingest.web.opml import read_opml
    from ..store.sources import add_source

    feeds = read_opml(opml_file)
    added = 0
    with obj.store(create=True) as store:
        for url, title in feeds:
            added += add_source(store, url, title=title)[1]
    click.echo(f"import: {added} new sources, {len(feeds) - added} already there ({opml_file})")


@sources.command("export")
@click.pass_obj
def export_cmd(obj):
    """Print the sources as an OPML subscription list."""
    from ..ingest.web.opml import write_opml
    from ..store.sources import list_sources

    with obj.store(create=True) as store:
        click.echo(write_opml(list_sources(store)), nl=False)


@click.command()
@click.option("--every", default="15m", show_default=True, help="Time between polls: 90, 30s, 15m, 2h.")
@click.option("--once", is_flag=True, help="Poll every source once, process, and exit.")
@click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Seconds between two requests to one host (a robots.txt Crawl-delay can make it longer).")
@_CONTACT
@click.pass_obj
def watch(obj, every, once, delay, contact):
    """Poll every source, store what is new and process it, so stories update as news arrives.

    A failing source is logged and recorded (`newsweave sources list`); the others go on. Ctrl-C
    stops cleanly: what was stored stays, nothing half-stored remains.
    """
    from ..ingest.web import Fetcher, FetchOptions
    from ..watch import parse_interval
    from ..watch import watch as run_watch

    seconds = parse_interval(every)
    if not obj.quiet:
        logger = logging.getLogger("newsweave.watch")
        if not logger.handlers:  # once per process, however many times the command runs in it
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
            logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    # trafilatura logs every page it cannot parse; the poll reports those pages itself.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

    def report(poll, processed):
        if not obj.quiet:
            line = f"watch: {poll.summary()}"
            if processed is not None:
                line += f"; process: {processed.summary()}"
            click.echo(line, err=True)

    fetcher = Fetcher(FetchOptions(contact=contact, delay=delay))
    with obj.store(create=True) as store:
        try:
            run_watch(store, every=seconds, once=once, fetcher=fetcher, on_poll=report)
        except KeyboardInterrupt:
            fetcher.abort()
            click.echo("watch: stopped (everything stored so far is kept)", err=True)
            sys.exit(130)
