"""``newsweave failures``: the articles ``process`` could not process, with the stage and the error.

``newsweave process`` records such an article and goes on with the rest; a plain rerun skips it and
``newsweave process --retry-failed`` tries it again.
"""

from __future__ import annotations

import click

from .options import echo_json, json_option

__all__ = ["failures"]


@click.command()
@json_option
@click.pass_obj
def failures(obj, as_json):
    """List the articles that processing failed on: stage, error, when, attempts."""
    with obj.store() as store:
        rows = store.process_failures()
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("no article failed to process")
        return
    for r in rows:
        where = r["origin"] or r["ext_id"] or ""
        click.echo(f"article {r['article_id']} {where}".rstrip())
        click.echo(f"  {r['stage']}: {r['error']}: {r['message']}")
        click.echo(f"  failed {r['failed_at']}, attempts {r['attempts']}")
    click.echo(f"{len(rows)} failed: `newsweave process --retry-failed` tries them again")
