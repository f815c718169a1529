"""``newsweave outlets …``: the user's own metadata about outlets (country, owner, language, lean).

``import`` reads a sources file (``newsweave.ingest.outlets``) and stores it (``newsweave.store.outlets``);
``list`` shows what is stored. Story pages show these fields and filter by them; ``stories --country``.
"""

from __future__ import annotations

from pathlib import Path

import click

from .options import echo_json, json_option

__all__ = ["outlets"]


@click.group()
def outlets():
    """Outlet metadata from a sources file you provide (no bias labels are built in)."""


@outlets.command("import")
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Forget the stored outlets that FILE does not list.")
@click.pass_obj
def import_cmd(obj, path, replace):
    """Store FILE's outlets (.toml, .csv or .json: name, country, owner, language, lean)."""
    from ..ingest.outlets import read_outlets_file
    from ..store.outlets import import_outlets

    rows = read_outlets_file(path)  # an IngestError names the file and the reason; the CLI exits 1
    with obj.store(create=True) as store:
        counts = import_outlets(store, rows, origin=path.name, replace=replace)
    click.echo(f"outlets: {counts['new']} new, {counts['updated']} updated"
               + (f", {counts['removed']} removed" if replace else "") + f" (from {path})")


@outlets.command("list")
@json_option
@click.pass_obj
def list_cmd(obj, as_json):
    """The imported outlets: name, country, owner, language, lean, stored articles."""
    from ..store.outlets import list_outlets

    with obj.store(create=True) as store:
        rows = list_outlets(store)
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("no outlet metadata yet: `newsweave outlets import FILE` (see examples/outlets.toml)")
        return
    for r in rows:
        fields = [f"{k} {r[k]}" for k in ("country", "owner", "language", "lean") if r[k]]
        click.echo(f"{r['name']}: {', '.join(fields) or 'no fields'} · {r['articles']} articles")
