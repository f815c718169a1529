"""The ``newsweave`` command: thin commands over the library, one library call each.

Errors go to stderr with a non-zero exit; ``--json`` output is the documented, stable shape of the
matching library view (see README, "JSON output").
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import click

from .commands.options import console as _console
from .commands.options import echo_json as _echo_json
from .commands.options import json_option, workers_option
from .errors import NewsweaveError
from .settings import Settings, default_db_path

__all__ = ["main", "cli"]


# --------------------------------------------------------------------------- helpers
@contextmanager
def _progress(label: str, total: int | None, *, enabled: bool = True):
    """A progress bar on stderr (rich), drawn only when stderr is a terminal and the job is not tiny."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(stderr=True)
    if not enabled or not console.is_terminal:
        yield lambda n=1: None
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n=1: bar.advance(task, n)


class _Context:
    def __init__(self, db: Path, quiet: bool):
        self.db_path = db
        self.quiet = quiet

    def store(self, *, create: bool = False):
        from .store import Store

        return Store(self.db_path, create=create)


pass_ctx = click.make_pass_decorator(_Context)


class _Group(click.Group):
    """Turns newsweave's own errors into one clear line on stderr and exit status 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except NewsweaveError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="SQLite store [default: $NEWSWEAVE_DB or ./newsweave.db].")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars or summaries on stderr.")
@click.version_option(package_name="newsweave")
@click.pass_context
def cli(ctx, db, quiet):
    """newsweave: stories, who said what, entities, dates and events from dated news articles."""
    ctx.obj = _Context(db or default_db_path(), quiet)


# --------------------------------------------------------------------------- ingest / process
_FIELD_OPTIONS = [
    click.option("--text-field", default="text", show_default=True, help="JSONL/CSV field holding the body."),
    click.option("--date-field", default="published", show_default=True, help="Field holding the publication date."),
    click.option("--outlet-field", default="outlet", show_default=True, help="Field holding the outlet name."),
    click.option("--title-field", default="title", show_default=True, help="Field holding the title."),
    click.option("--url-field", default="url", show_default=True, help="Field holding the URL."),
    click.option("--id-field", default="id", show_default=True, help="Field holding the article's own id."),
    click.option("--wire-field", default="wire", show_default=True, help="Field naming the news agency credited."),
]


def _field_options(func):
    for opt in reversed(_FIELD_OPTIONS):
        func = opt(func)
    return func


def _fields(text_field, date_field, outlet_field, title_field, url_field, id_field, wire_field):
    from .ingest import FieldMap

    return FieldMap(text=text_field, published=date_field, outlet=outlet_field, title=title_field, url=url_field,
                    id=id_field, wire=wire_field)


def _run_ingest(obj: _Context, paths, fields, batch_size: int = 200, contact: str | None = None):
    from .ingest.web import FetchOptions
    from .jobs import ingest_paths

    with obj.store(create=True) as store, _progress("ingest", None, enabled=not obj.quiet) as tick:
        report = ingest_paths(store, paths, fields=fields, stdin=sys.stdin.buffer, progress=tick,
                              batch_size=batch_size, fetch=FetchOptions(contact=contact))
    for err in report.failed:
        click.echo(f"failed: {err}", err=True)
    if not obj.quiet:
        click.echo(f"ingest: {report.summary()} (store: {obj.db_path})", err=True)
    return report


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@_field_options
@click.option("--batch-size", type=click.IntRange(min=1), default=200, show_default=True,
              help="Articles per transaction; a small value makes a slow stream (stdin) visible sooner.")
@click.option("--contact", default=None, help="E-mail or URL sent in the User-Agent when fetching URLs, so site "
              "operators can reach you [default: $NEWSWEAVE_CONTACT].")
@pass_ctx
def ingest(obj, paths, batch_size, contact, **field_names):
    """Store articles from files, directories (recursive), - (stdin) or http(s) URLs.

    Formats are recognised from content and extension: seed text (a `date YYYY-MM-DD` header),
    JSONL, JSON arrays, CSV, HTML pages, RSS/Atom feeds, plain text; .gz files are read as well.
    A URL may be a feed (RSS, Atom, JSON Feed), a sitemap, a homepage (its advertised feeds are
    followed) or an article page; pages are fetched politely (robots.txt, per-host delay).
    An article already stored (same text or URL) is not stored again.
    """
    report = _run_ingest(obj, paths, _fields(**field_names), batch_size, contact)
    if report.failed and not (report.new or report.duplicate):
        sys.exit(1)


def _settings(workers: int, batch_size: int) -> Settings:
    return Settings(workers=workers, batch_size=batch_size)


def _run_process(obj: _Context, settings: Settings, limit: int | None = None, retry_failed: bool = False):
    from .jobs import process_store

    with obj.store() as store:
        total = len(store.unprocessed_ids(retry_failed=retry_failed))
        with _progress("process", total, enabled=not obj.quiet and total > 0) as tick:
            report = process_store(store, settings, progress=tick, limit=limit, retry_failed=retry_failed)
    for f in report.failed:
        click.echo(f"failed: article {f['article_id']} in {f['stage']}: {f['error']}: {f['message'][:200]}", err=True)
    if not obj.quiet:
        click.echo(f"process: {report.summary()}", err=True)
    return report


@cli.command()
@workers_option
@click.option("--batch-size", type=click.IntRange(min=1), default=32, show_default=True,
              help="Articles per nlp.pipe batch.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Process at most this many articles.")
@click.option("--retry-failed", is_flag=True, help="Try again the articles earlier runs failed on (`newsweave failures`).")
@pass_ctx
def process(obj, workers, batch_size, limit, retry_failed):
    """Extract and link every stored article not yet processed (resumable).

    An article that cannot be processed is recorded with its error and skipped; the rest go on."""
    _run_process(obj, _settings(workers, batch_size), limit, retry_failed)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@workers_option
@json_option
@pass_ctx
def run(obj, paths, workers, as_json):
    """Ingest PATHS, process them, and print a digest: the main job in one command.

    Exits 1 without processing when nothing could be ingested from PATHS."""
    report = _run_ingest(obj, paths, None)
    if not (report.new or report.duplicate):
        click.echo(f"nothing could be ingested from {', '.join(paths)}", err=True)
        sys.exit(1)
    _run_process(obj, _settings(workers, 32))
    _print_digest(obj, as_json)


def _print_digest(obj: _Context, as_json: bool) -> None:
    from .analyze.digest import digest
    from .renderers import date_width
    from .store.views import store_overview

    with obj.store() as store:
        d = digest(store_overview(store))
    if as_json:
        _echo_json(d)
        return
    con = _console()
    con.print(f"[bold]newsweave digest[/] — {d['articles']} articles, {d['stories']} stories, "
              f"{d['quotes']} quotes, {d['entities']} entities\n")
    for s in d["story_digests"]:
        dates = s["first"] if s["first"] == s["last"] else f"{s['first']} → {s['last']}"
        copies = s["article_count"] - s["independent_reports"]
        con.print(f"[bold cyan]{s['id']}[/] [bold]{s['title']}[/]")
        con.print(f"   {s['article_count']} articles ({copies} wire copies) · {', '.join(s['outlets'])} · {dates}")
        if s["speakers"]:
            con.print("   speakers: " + ", ".join(f"{x['speaker']} ({x['quotes']})" for x in s["speakers"]))
        width = date_width(item["date"] for item in s["timeline"])
        for item in s["timeline"]:
            status = f" [{item['status']}]" if item["status"] and item["kind"] in ("event", "plan") else ""
            flag = " [red]outlets disagree[/]" if item["conflict"] else ""
            con.print(f"   {item['date']:<{width}} {item['what'][:100]}{status} [dim]({', '.join(item['outlets'])})[/]{flag}",
                      markup=True)
        con.print()
    db = "" if str(obj.db_path) == str(default_db_path()) else f" --db {obj.db_path}"
    con.print(f"Next: [bold]newsweave{db} serve[/] (the web UI on http://127.0.0.1:8000/), "
              f"[bold]newsweave{db} stories[/], [bold]newsweave{db} show STORY[/], [bold]newsweave{db} quotes[/], "
              "[bold]newsweave --help[/]")


@cli.command("digest")
@json_option
@pass_ctx
def digest_cmd(obj, as_json):
    """Print an overview: newest stories with outlets, dates, speakers and dated items."""
    _print_digest(obj, as_json)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("--table", type=click.Choice(["articles", "quotes", "entities", "stories", "timexes", "events",
                                            "corrections"]),
              default="articles", show_default=True, help="What to export.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Output file [default: stdout; required for parquet].")
@pass_ctx
def export(obj, fmt, table, output):
    """Export stored articles or extracted items as JSONL, CSV or Parquet."""
    from .exporting import export_table

    with obj.store() as store:
        n = export_table(store, table, fmt, output)
    if not obj.quiet:
        click.echo(f"exported {n} {table} rows", err=True)


@cli.command()
@click.option("--repair", is_flag=True, help="Fix what can be fixed without losing an article.")
@json_option
@pass_ctx
def check(obj, repair, as_json):
    """Verify the store: SQLite integrity, orphan rows, stories, full-text indexes in sync."""
    from .store.check import check_store

    with obj.store() as store:
        report = check_store(store, repair=repair)
    if as_json:
        _echo_json(report.to_json())
    else:
        for p in report.problems:
            click.echo(f"problem: {p}")
        for r in report.repaired:
            click.echo(f"repaired: {r}")
        for p in report.remaining or ():
            click.echo(f"not repaired: {p}")
        if report.failed_articles:
            click.echo(f"note: {report.failed_articles} articles could not be processed: `newsweave failures` "
                       "lists them, `newsweave process --retry-failed` tries them again")
        if report.ok:
            click.echo("ok: repaired" if report.repaired else "ok")
        elif report.repaired:
            click.echo("problems remain that --repair cannot fix (see above)")
        else:
            click.echo("problems found: run `newsweave check --repair`")
    if not report.ok:
        sys.exit(1)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on (loopback by default).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Server processes sharing the port [default: one per CPU core, at most 4].")
@click.option("--access-log/--no-access-log", default=False, show_default=True, help="Log every request.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests for this Host name (repeatable; '*' for any). Others get 400.")
@pass_ctx
def serve(obj, host, port, workers, access_log, allow_hosts):
    """Serve the web UI and JSON API (read-only unless NEWSWEAVE_TOKEN is set)."""
    import os

    from .api.app import default_workers
    from .api.app import serve as run_server
    from .api.guards import exposure_warning

    if not obj.db_path.exists() and not os.environ.get("NEWSWEAVE_TOKEN"):
        raise click.ClickException(f"no newsweave database at {obj.db_path}: run `newsweave ingest` first, or pass --db")
    workers = workers or default_workers()
    click.echo(f"newsweave: serving {obj.db_path} on http://{host}:{port}/ with {workers} worker"
               f"{'s' if workers > 1 else ''} "
               f"({'writes need the bearer token' if os.environ.get('NEWSWEAVE_TOKEN') else 'read-only'})", err=True)
    if warning := exposure_warning(host):
        click.echo(warning, err=True)
    run_server(obj.db_path, host=host, port=port, workers=workers, access_log=access_log, allowed_hosts=allow_hosts)


# --------------------------------------------------------------------------- contract and evaluation
@cli.command()
@click.argument("input_path", metavar="IN.jsonl", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="OUT.jsonl")
@workers_option
@click.option("--batch-size", type=click.IntRange(min=1), default=32, show_default=True)
@pass_ctx
def extract(obj, input_path, output, workers, batch_size):
    """Apply the evaluation contract: one JSON object per input line (see CONTRACT.md)."""
    from .contract import extract_file

    with _progress("extract", None, enabled=not obj.quiet) as tick:
        report = extract_file(input_path, output, _settings(workers, batch_size), progress=tick)
    for err in report.errors:
        click.echo(f"failed: {err}", err=True)
    if not obj.quiet:
        click.echo(f"extract: {report.written} documents written to {output}, {len(report.errors)} lines failed, "
                   f"{report.stories} stories, {report.entities} entities", err=True)
    if report.errors:
        sys.exit(1)


@cli.command("spark-process")
@click.argument("input_path", metavar="INPUT")
@click.argument("output_path", metavar="OUTPUT")
@click.option("--master", default="local[2]", show_default=True, help="Spark master URL (local[N], spark://…, yarn).")
@click.option("--partitions", type=click.IntRange(min=1), default=None, help="Input partitions [default: Spark's choice].")
def spark_process(input_path, output_path, master, partitions):
    """Extract over Spark partitions (one model per executor), link on the driver, write Parquet.

    INPUT is contract JSONL or Parquet (local, HDFS or S3 paths); needs `pip install 'newsweave[spark]'`.
    """
    # pyspark is imported on first use: without it the job raises ConfigError saying what to install.
    from .distributed.spark import spark_process_cli

    sys.exit(spark_process_cli(input_path, output_path, master=master, partitions=partitions))


@cli.command("eval")
@click.argument("task", type=click.Choice(["attribution", "timex", "cluster", "entities", "events"]))
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Keep the system output here [default: a temporary file].")
@json_option
@pass_ctx
def eval_cmd(obj, task, gold, output, as_json):
    """Run extract on a gold file and score it (the same rules as ../shared/eval/score.py)."""
    from .evaluate import evaluate

    result = evaluate(task, gold, output)
    if as_json:
        _echo_json(result)
        return
    for key, value in result.items():
        click.echo(f"{key}: {value}")


# --------------------------------------------------------------------------- command groups in their own modules
from .commands.corrections import correct, corrections
from .commands.reading import COMMANDS as READING_COMMANDS

for _command in READING_COMMANDS:
    cli.add_command(_command)
cli.add_command(correct)
cli.add_command(corrections)
from .commands.failures import failures  # noqa: E402

cli.add_command(failures)


from .commands.sources import sources, watch  # noqa: E402

cli.add_command(sources)
cli.add_command(watch)
from .commands.outlets import outlets  # noqa: E402

cli.add_command(outlets)


def main() -> None:
    cli(prog_name="newsweave")


if __name__ == "__main__":  # pragma: no cover
    main()
