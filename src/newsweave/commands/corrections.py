"""``newsweave correct …`` and ``newsweave corrections``: the analyst's decisions that outlive processing.

Each command parses its arguments and calls one function of ``newsweave.store.corrections``.
"""

from __future__ import annotations

import click

from .options import echo_json, json_option

__all__ = ["correct", "corrections"]

_NOTE = click.option("--note", default=None, help="Why: kept with the correction and shown by `newsweave corrections`.")


def _record(obj, as_json: bool, kind: str, target: str, value: dict, note: str | None) -> None:
    from ..store.corrections import add_correction

    with obj.store() as store:
        made = add_correction(store, kind, target, value, note=note)
    if as_json:
        echo_json(made)
    else:
        click.echo(f"correction {made['id']}: {made['what']}")


def _quote(store, quote: str) -> tuple[str, dict]:
    from ..store.corrections import quote_target

    return quote_target(store, quote)


@click.group()
def correct():
    """Correct the machine: entities, stories and quotes. Each correction is kept and re-applied after
    every later `process`; `newsweave corrections` lists them and `undo` reverts one."""


@correct.command("rename-entity")
@click.argument("entity_id", metavar="ID")
@click.argument("name")
@_NOTE
@json_option
@click.pass_obj
def rename_entity(obj, entity_id, name, note, as_json):
    """Give entity ID (as `newsweave entities --json` shows it) the name NAME."""
    _record(obj, as_json, "rename-entity", entity_id, {"name": name}, note)


@correct.command("merge-entities")
@click.argument("keep", metavar="KEEP")
@click.argument("others", metavar="OTHER...", nargs=-1, required=True)
@_NOTE
@json_option
@click.pass_obj
def merge_entities(obj, keep, others, note, as_json):
    """The entities OTHER… are entity KEEP: their mentions and quotes become KEEP's."""
    _record(obj, as_json, "merge-entities", keep, {"others": list(others)}, note)


@correct.command("split-entity")
@click.argument("entity_id", metavar="ID")
@click.option("--alias", "aliases", multiple=True, required=True,
              help="A name (as the articles write it) that belongs to another entity; repeatable.")
@_NOTE
@json_option
@click.pass_obj
def split_entity(obj, entity_id, aliases, note, as_json):
    """Mentions of entity ID written as one of the --alias names become a new entity."""
    _record(obj, as_json, "split-entity", entity_id, {"aliases": list(aliases)}, note)


@correct.command("rename-story")
@click.argument("story_id", metavar="ID")
@click.argument("title")
@_NOTE
@json_option
@click.pass_obj
def rename_story(obj, story_id, title, note, as_json):
    """Give story ID the title TITLE (linking no longer retitles it)."""
    _record(obj, as_json, "rename-story", story_id, {"title": title}, note)


@correct.command("move-article")
@click.argument("article", metavar="ARTICLE")
@click.argument("story", metavar="STORY")
@_NOTE
@json_option
@click.pass_obj
def move_article(obj, article, story, note, as_json):
    """Put article ARTICLE (its id) in story STORY, where it stays whatever later linking decides."""
    _record(obj, as_json, "move-article", article, {"story": story}, note)


@correct.command("set-speaker")
@click.argument("quote", metavar="QUOTE")
@click.argument("entity", metavar="ENTITY")
@_NOTE
@json_option
@click.pass_obj
def set_speaker(obj, quote, entity, note, as_json):
    """The quote QUOTE (the id in `newsweave quotes --json`) was said by entity ENTITY."""
    with obj.store() as store:
        target, span = _quote(store, quote)
    _record(obj, as_json, "set-speaker", target, {**span, "entity": entity}, note)


@correct.command("reject-quote")
@click.argument("quote", metavar="QUOTE")
@_NOTE
@json_option
@click.pass_obj
def reject_quote(obj, quote, note, as_json):
    """The quote QUOTE is not a quote: it is removed from every listing and page, and stays removed."""
    with obj.store() as store:
        target, span = _quote(store, quote)
    _record(obj, as_json, "reject-quote", target, span, note)


def _undo(obj, correction_id: str, as_json: bool) -> None:
    from ..store.corrections import undo_correction

    with obj.store() as store:
        undone = undo_correction(store, correction_id)
    if as_json:
        echo_json(undone)
    else:
        click.echo(f"undone correction {undone['id']}: {undone['what']}")


@correct.command("undo")
@click.argument("correction_id", metavar="ID")
@json_option
@click.pass_obj
def correct_undo(obj, correction_id, as_json):
    """Undo correction ID (the same as `newsweave corrections undo ID`)."""
    _undo(obj, correction_id, as_json)


@click.group(invoke_without_command=True)
@click.option("--active", is_flag=True, help="Only corrections not undone.")
@json_option
@click.pass_context
def corrections(ctx, active, as_json):
    """List the corrections made: what was decided, when, the note, and whether it was undone."""
    if ctx.invoked_subcommand is not None:
        return
    from ..store.corrections import list_corrections

    with ctx.obj.store() as store:
        rows = list_corrections(store, active_only=active)
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("no corrections yet: `newsweave correct --help` shows what can be corrected", err=True)
        return
    for c in rows:
        state = f"undone {c['undone_at'][:16].replace('T', ' ')}" if c["undone_at"] else "active"
        note = f" — {c['note']}" if c["note"] else ""
        click.echo(f"{c['id']:>4}  {c['made_at'][:16].replace('T', ' ')}  {c['kind']:<15} {state:<23} {c['what']}{note}")


@corrections.command("undo")
@click.argument("correction_id", metavar="ID")
@json_option
@click.pass_obj
def corrections_undo(obj, correction_id, as_json):
    """Undo correction ID: stop applying it and put back what it replaced."""
    _undo(obj, correction_id, as_json)
