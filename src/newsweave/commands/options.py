"""Options and output shared by the CLI's commands, defined once (sqlite-utils' ``output_options``).

``json_option`` and ``limit_option`` give every command the same ``--json`` and ``--limit``; ``DAY``
refuses a date that is not YYYY-MM-DD; ``echo_json`` prints the documented JSON shapes; ``nothing``
tells "nothing matched" apart from "nothing stored yet" and exits 1 (as grep does when no line matched).
"""

from __future__ import annotations

import sys
from datetime import date

import click

__all__ = ["DAY", "console", "echo_json", "json_option", "limit_option", "need_story", "nothing", "workers_option"]


def json_option(func):
    """``--json``: print the command's documented JSON shape instead of text."""
    return click.option("--json", "as_json", is_flag=True, help="Print as JSON.")(func)


def limit_option(default: int = 50, *, help: str = "Show at most this many.", maximum: int = 1_000_000):
    """``--limit N``: a whole number from 1 to ``maximum``."""
    return click.option("--limit", type=click.IntRange(1, maximum), default=default, show_default=True, help=help)


def workers_option(func):
    """``--workers N``: processes for the per-article stages, 1 to 64."""
    return click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
                        help="Processes for the per-article stages.")(func)


class _Day(click.ParamType):
    """A calendar day written YYYY-MM-DD, given back in that form."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value.isoformat()
        text = str(value).strip()
        try:
            if len(text) != 10:  # fromisoformat also takes 20251017 and week dates
                raise ValueError(text)
            return date.fromisoformat(text).isoformat()
        except ValueError:
            self.fail(f"{value!r} is not a date: write it as YYYY-MM-DD (for example 2025-10-17)", param, ctx)


DAY = _Day()


def echo_json(obj) -> None:
    """Print ``obj`` as JSON, indented two spaces (on a terminal and in a pipe alike, so a reader can diff it)."""
    from ..renderers import json_text

    click.echo(json_text(obj))


def console():
    """A rich console for a command's text output (no colour guessing of numbers, long lines kept whole)."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def need_story(store, story_id: str) -> None:
    """Refuse an unknown story id (a filter on it would otherwise just match nothing)."""
    from ..errors import StoreError

    if store.db.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone() is None:
        raise StoreError(f"no story {story_id!r}: `newsweave stories` lists them")


def nothing(store, what: str, filters: dict | None = None, *, needs_processing: bool = True,
            as_json: bool = False) -> None:
    """Say why a listing is empty — an empty store, nothing processed yet (for what ``process`` makes),
    or no match — and exit 1 (after printing ``[]`` for ``--json``)."""
    if as_json:
        echo_json([])
    from ..store.queries import store_is_empty

    given = {k: v for k, v in (filters or {}).items() if v not in (None, (), [], "", False)}
    if store_is_empty(store):
        message = f"no {what} yet: the store is empty; run `newsweave ingest PATH` then `newsweave process`"
    elif needs_processing and store.db.execute(
            "SELECT NOT EXISTS (SELECT 1 FROM articles WHERE processed_at IS NOT NULL)").fetchone()[0]:
        message = f"no {what} yet: no article is processed; run `newsweave process`"
    elif given:
        shown = ", ".join(f"{k.replace('_', '-')} {v!r}" if not isinstance(v, (list, tuple)) else
                          f"{k.replace('_', '-')} {', '.join(map(str, v))}" for k, v in given.items())
        message = f"no {what} matched ({shown})"
    else:
        message = f"no {what} in the store"
    click.echo(message, err=True)
    sys.exit(1)
