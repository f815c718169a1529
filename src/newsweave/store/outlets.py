"""Outlet metadata the user imported (``newsweave outlets import FILE``): country, owner, language, lean.

Keyed by the outlet's name, matched without regard to case against an article's outlet (or, for an
agency report stored without one, its wire), as ``newsweave.model.outlet_of`` names it. Nothing is built in.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from .db import Store

__all__ = ["import_outlets", "list_outlets", "outlet_metadata", "outlets_in_country"]

_FIELDS = ("name", "country", "owner", "language", "lean")


def import_outlets(store: Store, outlets: Iterable[dict[str, Any]], *, origin: str, replace: bool = False) -> dict:
    """Store each outlet's fields (an outlet already known is updated: every field the file gives replaces
    the stored one). ``replace`` first forgets every outlet not in ``outlets``. Returns ``{new, updated,
    removed}`` counts."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    new = updated = removed = 0
    rows = list(outlets)
    with store.atomic() as db:
        if replace:
            keep = {o["name"].casefold() for o in rows}
            for (name,) in db.execute("SELECT name FROM outlets").fetchall():
                if name.casefold() not in keep:
                    db.execute("DELETE FROM outlets WHERE name = ?", (name,))
                    removed += 1
        for o in rows:
            known = db.execute("SELECT 1 FROM outlets WHERE name = ?", (o["name"],)).fetchone() is not None
            db.execute(
                "INSERT INTO outlets(name, country, owner, language, lean, origin, imported_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET name = excluded.name,"
                " country = excluded.country, owner = excluded.owner, language = excluded.language,"
                " lean = excluded.lean, origin = excluded.origin, imported_at = excluded.imported_at",
                (*(o.get(f) for f in _FIELDS), origin, now))
            updated += known
            new += not known
    return {"new": new, "updated": updated, "removed": removed}


def list_outlets(store: Store) -> list[dict[str, Any]]:
    """Every imported outlet with its fields, where they came from, and its number of stored articles."""
    counts = {r[0].casefold(): r[1] for r in store.db.execute(
        "SELECT coalesce(outlet, wire) AS o, count(*) FROM articles WHERE o IS NOT NULL GROUP BY o")}
    rows = [dict(r) for r in store.db.execute(
        "SELECT name, country, owner, language, lean, origin, imported_at FROM outlets ORDER BY name COLLATE NOCASE")]
    for r in rows:
        r["articles"] = counts.get(r["name"].casefold(), 0)
    return rows


def outlet_metadata(store: Store, names: Iterable[str]) -> dict[str, dict[str, Any]]:
    """``name -> {country, owner, language, lean}`` for those of ``names`` the user described (keys as
    given in ``names``); one query for a page's outlets."""
    wanted = {n.casefold(): n for n in names if n}
    if not wanted:
        return {}
    marks = ",".join("?" * len(wanted))
    out = {}
    for r in store.db.execute(f"SELECT * FROM outlets WHERE name IN ({marks})", list(wanted.values())):
        out[wanted[r["name"].casefold()]] = {f: r[f] for f in _FIELDS[1:]}
    return out


def outlets_in_country(store: Store, country: str) -> set[str]:
    """The names (case-folded) of the outlets the user placed in ``country`` (compared without case)."""
    return {r[0].casefold() for r in store.db.execute(
        "SELECT name FROM outlets WHERE country = ? COLLATE NOCASE", (country.strip(),))}
