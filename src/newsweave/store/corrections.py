"""The analyst's corrections: decisions about entities, stories and quotes that outlive processing.

A correction is stored as what was decided (``kind``, ``target``, ``value``), when and why (``note``),
apart from what the linkers write. ``apply_corrections`` re-applies every active correction to the
tables the linkers write, and runs after each linked batch in the batch's transaction (see
``link.online.OnlineLinker.save``): a renamed entity keeps its name when new articles arrive, a
rejected quote stays rejected, a moved article stays in its story. Each application records in
``before`` what it replaced, so ``undo_correction`` can put the linker's version back.

Kinds (``CORRECTION_KINDS``) and their targets:

    rename-entity   entity id     {"name"}
    merge-entities  entity id     {"others": [entity ids]}   the others' mentions and quotes join it
    split-entity    entity id     {"aliases": [names], "new_id"}   mentions written so become a new entity
    rename-story    story id      {"title"}
    move-article    article id    {"story"}
    set-speaker     article id    {"start", "end", "entity"}   the quote at that span
    reject-quote    article id    {"start", "end"}   the quote at that span is removed
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import Any

from ..errors import StoreError
from .db import Store

__all__ = ["CORRECTION_KINDS", "FIELDS", "add_correction", "apply_corrections", "correction_from_fields",
           "list_corrections", "quote_target",
           "undo_correction"]

CORRECTION_KINDS = ("rename-entity", "merge-entities", "split-entity", "rename-story", "move-article",
                    "set-speaker", "reject-quote")
MAX_NAME = 300


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


# ------------------------------------------------------------------------------------------ lookups
def _entity(db: sqlite3.Connection, entity_id: str) -> sqlite3.Row | None:
    """The entity row of ``entity_id``, following the linker's merges (an entity the linker later found
    to be another one lives on under the other's id)."""
    seen = set()
    while entity_id not in seen:
        seen.add(entity_id)
        row = db.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is not None:
            return row
        merged = db.execute("SELECT record FROM link_records WHERE linker = 'entities' AND key = ?",
                            (f"merged:{entity_id}",)).fetchone()
        if merged is None:
            return None
        entity_id = json.loads(merged[0])
        if not isinstance(entity_id, str):
            return None
    return None


def _need_entity(db: sqlite3.Connection, entity_id: str) -> sqlite3.Row:
    """The entity an analyst names: by id, else by its exact name (case aside) when one entity has it."""
    row = _entity(db, entity_id)
    if row is None:
        named = db.execute("SELECT * FROM entities WHERE lower(name) = lower(?) ORDER BY id LIMIT 6",
                           (entity_id,)).fetchall()
        if len(named) > 1:
            raise StoreError(f"{len(named) if len(named) < 6 else 'several'} entities are named {entity_id!r} "
                             f"({', '.join(r['id'] for r in named[:5])}): give the id")
        row = named[0] if named else None
    if row is None:
        raise StoreError(f"no entity {entity_id!r}: `newsweave entities` lists them with their ids")
    return row


def _need_story(db: sqlite3.Connection, story_id: str) -> sqlite3.Row:
    row = db.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        raise StoreError(f"no story {story_id!r}: `newsweave stories` lists them")
    return row


def _quote_at(db: sqlite3.Connection, article_id: int, start: int, end: int) -> sqlite3.Row | None:
    return db.execute('SELECT * FROM attributions WHERE article_id = ? AND start = ? AND "end" = ? ORDER BY seq'
                      " LIMIT 1", (article_id, start, end)).fetchone()


def quote_target(store: Store, quote_id: int | str) -> tuple[str, dict[str, int]]:
    """A quote's id (the ``id`` of ``newsweave quotes --json``) as a correction's target: its article and
    span, which survive the article being processed again (the row id does not)."""
    ident = _row_id(quote_id, "quote", "`newsweave quotes --json` lists them with their ids")
    row = store.db.execute('SELECT article_id, start, "end" FROM attributions WHERE id = ?', (ident,)).fetchone()
    if row is None:
        raise StoreError(f"no quote {ident}: `newsweave quotes --json` lists them with their ids")
    return str(row["article_id"]), {"start": row["start"], "end": row["end"]}


def _row_id(value: Any, what: str, hint: str) -> int:
    """A row id given as text or a number; SQLite ids are positive 64-bit integers."""
    try:
        ident = int(value)
    except (TypeError, ValueError):
        raise StoreError(f"{what} id is a number ({hint}), got {value!r}") from None
    if not 0 < ident < 2**63:
        raise StoreError(f"no {what} {ident}: {hint}")
    return ident


def _aliases(row: sqlite3.Row) -> list[str]:
    return list(json.loads(row["aliases"] or "[]"))


def _set_aliases(db: sqlite3.Connection, entity_id: str, aliases) -> None:
    db.execute("UPDATE entities SET aliases = ? WHERE id = ?", (json.dumps(sorted(set(aliases))), entity_id))


def _touch_entity_stories(db: sqlite3.Connection, entity_id: str) -> None:
    """Mark the stories mentioning an entity as changed, so their cached pages are rendered again."""
    db.execute("UPDATE stories SET updated_at = ? WHERE id IN (SELECT DISTINCT s.story_id FROM mentions m"
               " JOIN article_story s ON s.article_id = m.article_id WHERE m.entity_id = ?)", (_now(), entity_id))


def _touch_article_story(db: sqlite3.Connection, article_id: int) -> None:
    db.execute("UPDATE stories SET updated_at = ? WHERE id IN (SELECT story_id FROM article_story WHERE article_id = ?)",
               (_now(), article_id))


def _refresh_story(store: Store, story_id: str) -> None:
    row = store.db.execute("SELECT title FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is not None:
        store.save_story(story_id, row[0])


# ------------------------------------------------------------------------------------------ validation
def _clean_name(value: Any, what: str) -> str:
    text = " ".join(str(value or "").split())
    if not text:
        raise StoreError(f"{what} must not be empty")
    if len(text) > MAX_NAME:
        raise StoreError(f"{what} is {len(text)} characters long; at most {MAX_NAME}")
    return text


def _validate(store: Store, kind: str, target: str, value: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The correction as it will be stored, or a StoreError saying what is wrong with it."""
    db = store.db
    if kind == "rename-entity":
        row = _need_entity(db, target)
        return row["id"], {"name": _clean_name(value.get("name"), "the new name")}
    if kind == "merge-entities":
        keep = _need_entity(db, target)["id"]
        others = []
        for other in value.get("others") or []:
            oid = _need_entity(db, str(other))["id"]
            if oid == keep:
                raise StoreError(f"entity {other!r} is {keep!r} itself: nothing to merge")
            if oid not in others:
                others.append(oid)
        if not others:
            raise StoreError("merge-entities needs at least one other entity to merge into the kept one")
        return keep, {"others": others}
    if kind == "split-entity":
        row = _need_entity(db, target)
        aliases = sorted({_clean_name(a, "an alias") for a in value.get("aliases") or []}, key=str.lower)
        if not aliases:
            raise StoreError("split-entity needs at least one --alias: the names that belong to the other entity")
        lowered = [a.lower() for a in aliases]
        marks = ",".join("?" * len(lowered))
        found = db.execute(f"SELECT count(*) FROM mentions WHERE entity_id = ? AND lower(text) IN ({marks})",
                           (row["id"], *lowered)).fetchone()[0]
        if not found:
            names = sorted({r[0] for r in db.execute("SELECT text FROM mentions WHERE entity_id = ? LIMIT 200",
                                                     (row["id"],))})
            raise StoreError(f"no mention of entity {row['id']!r} is written {' or '.join(map(repr, aliases))}; "
                             f"its mentions are written: {', '.join(names[:20]) or '(none)'}")
        return row["id"], {"aliases": aliases}
    if kind == "rename-story":
        _need_story(db, target)
        return target, {"title": _clean_name(value.get("title"), "the new title")}
    if kind == "move-article":
        article_id = _row_id(target, "article", "`newsweave stories` lists them")
        row = db.execute("SELECT story_id FROM article_story WHERE article_id = ?", (article_id,)).fetchone()
        if row is None:
            exists = db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
            raise StoreError(f"no article {article_id}" if exists is None else
                             f"article {article_id} is in no story yet: run `newsweave process` first")
        story = str(value.get("story") or "")
        _need_story(db, story)
        if row["story_id"] == story:
            raise StoreError(f"article {article_id} is already in story {story!r}")
        return str(article_id), {"story": story}
    if kind in ("set-speaker", "reject-quote"):
        try:
            article_id, start, end = int(target), int(value["start"]), int(value["end"])
        except (KeyError, TypeError, ValueError):
            raise StoreError(f"{kind} needs a quote: an article id with the quote's start and end") from None
        if not all(0 <= n < 2**63 for n in (article_id, start, end)):
            raise StoreError(f"no quote at article {article_id} characters {start}-{end}")
        if _quote_at(db, article_id, start, end) is None:
            raise StoreError(f"no quote at article {article_id} characters {start}-{end}")
        span = {"start": start, "end": end}
        if kind == "reject-quote":
            return str(article_id), span
        return str(article_id), {**span, "entity": _need_entity(db, str(value.get("entity") or ""))["id"]}
    raise StoreError(f"unknown correction {kind!r}; known: {', '.join(CORRECTION_KINDS)}")


# ------------------------------------------------------------------------------------------ applying
def _apply_one(store: Store, kind: str, target: str, value: dict, before: dict) -> int:
    """Make the store say what one correction says; returns the number of rows it changed."""
    db = store.db
    # Pages are rendered again when a correction first shows. Re-applied over a linker's rewrite in the
    # same transaction, nothing a reader sees changes: a popular entity must not mark every story changed
    # after each batch.
    first = not before.get("applied")
    touch_entity = _touch_entity_stories if first else (lambda db, entity_id: None)
    touch_article = _touch_article_story if first else (lambda db, article_id: None)
    if kind == "rename-entity":
        row = _entity(db, target)
        if row is None or row["name"] == value["name"]:
            return 0
        before["name"] = row["name"]  # the linker's latest name, put back by an undo
        db.execute("UPDATE entities SET name = ? WHERE id = ?", (value["name"], row["id"]))
        if value["name"] not in _aliases(row):
            if value["name"] not in before.setdefault("added_aliases", []):
                before["added_aliases"].append(value["name"])
            _set_aliases(db, row["id"], [*_aliases(row), value["name"]])
        touch_entity(db, row["id"])
        return 1
    if kind == "merge-entities":
        keep = _entity(db, target)
        if keep is None:
            return 0
        changed = 0
        names = set(_aliases(keep))
        for other in value["others"]:
            row = db.execute("SELECT * FROM entities WHERE id = ?", (other,)).fetchone()
            if row is not None and other != keep["id"]:
                before.setdefault("entities", {})[other] = dict(row)
                names |= {row["name"], *_aliases(row)}
                db.execute("DELETE FROM entities WHERE id = ?", (other,))
                changed += 1
            # Event actors first: they are found through the articles that still mention ``other``.
            actors = _repoint_actors(db, other, keep["id"])
            if actors:
                before.setdefault("actors", {}).setdefault(other, []).extend(actors)
                changed += len(actors)
            for table, column in (("mentions", "entity_id"), ("attributions", "speaker_entity_id")):
                spans = [[r[0], r[1], r[2]] for r in db.execute(
                    f'SELECT article_id, start, "end" FROM {table} WHERE {column} = ?', (other,))]
                if spans:
                    before.setdefault(table, {}).setdefault(other, []).extend(spans)
                    db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (keep["id"], other))
                    changed += len(spans)
        added = sorted(names - set(_aliases(keep)))
        if added:
            before.setdefault("added_aliases", []).extend(added)
            _set_aliases(db, keep["id"], names)
        if changed:
            touch_entity(db, keep["id"])
        return changed
    if kind == "split-entity":
        row = _entity(db, target)
        if row is None:
            return 0
        new_id, aliases = value["new_id"], value["aliases"]
        lowered = [a.lower() for a in aliases]
        marks = ",".join("?" * len(lowered))
        changed = db.execute("INSERT INTO entities(id, name, type, code, aliases) VALUES (?,?,?,?,?)"
                             " ON CONFLICT(id) DO NOTHING",
                             (new_id, aliases[0], row["type"], None, json.dumps(aliases))).rowcount
        changed += db.execute(f"UPDATE mentions SET entity_id = ? WHERE entity_id = ? AND lower(text) IN ({marks})",
                              (new_id, row["id"], *lowered)).rowcount
        changed += db.execute(f"UPDATE attributions SET speaker_entity_id = ? WHERE speaker_entity_id = ?"
                              f" AND lower(speaker_text) IN ({marks})", (new_id, row["id"], *lowered)).rowcount
        removed = [a for a in _aliases(row) if a.lower() in lowered]
        if removed:
            before.setdefault("removed_aliases", []).extend(removed)
            _set_aliases(db, row["id"], [a for a in _aliases(row) if a.lower() not in lowered])
            changed += 1
        if changed:
            touch_entity(db, row["id"])
            touch_entity(db, new_id)
        return changed
    if kind == "rename-story":
        row = db.execute("SELECT title FROM stories WHERE id = ?", (target,)).fetchone()
        if row is None or row["title"] == value["title"]:
            return 0
        before["title"] = row["title"]
        db.execute("UPDATE stories SET title = ?, updated_at = ? WHERE id = ?", (value["title"], _now(), target))
        return 1
    if kind == "move-article":
        article_id, story = int(target), value["story"]
        row = db.execute("SELECT story_id FROM article_story WHERE article_id = ?", (article_id,)).fetchone()
        if row is None or row["story_id"] == story or _story_gone(db, story):
            return 0
        old = row["story_id"]
        title = db.execute("SELECT title FROM stories WHERE id = ?", (old,)).fetchone()
        before.update(story=old, title=title[0] if title else old)
        store.assign_story(article_id, story)
        _refresh_story(store, story)
        _refresh_story(store, old)
        store.drop_empty_stories([old])
        return 1
    if kind == "set-speaker":
        row = _quote_at(db, int(target), value["start"], value["end"])
        entity = _entity(db, value["entity"])
        if row is None or entity is None or row["speaker_entity_id"] == entity["id"]:
            return 0
        before["entity"] = row["speaker_entity_id"]
        db.execute("UPDATE attributions SET speaker_entity_id = ? WHERE id = ?", (entity["id"], row["id"]))
        touch_article(db, int(target))
        return 1
    if kind == "reject-quote":
        row = _quote_at(db, int(target), value["start"], value["end"])
        if row is None:
            return 0
        before["row"] = dict(row)
        db.execute("DELETE FROM attributions WHERE id = ?", (row["id"],))
        touch_article(db, int(target))
        return 1
    raise StoreError(f"unknown correction {kind!r}")


def _repoint_actors(db: sqlite3.Connection, old: str, new: str) -> list[list]:
    """Point the event actors of entity ``old`` at ``new``; returns ``[article_id, start, end, side, index]``
    of each actor changed (events are found through the articles mentioning ``old``: an index lookup)."""
    changed: list[list] = []
    rows = db.execute('SELECT id, article_id, start, "end", source, target FROM events WHERE article_id IN'
                      " (SELECT article_id FROM mentions WHERE entity_id = ?)", (old,)).fetchall()
    for r in rows:
        for side in ("source", "target"):
            actors = json.loads(r[side])
            hits = [i for i, a in enumerate(actors) if a.get("entity_id") == old]
            if hits:
                for i in hits:
                    actors[i]["entity_id"] = new
                    changed.append([r["article_id"], r["start"], r["end"], side, i])
                db.execute(f"UPDATE events SET {side} = ? WHERE id = ?", (json.dumps(actors), r["id"]))
    return changed


def _restore_actors(db: sqlite3.Connection, spots: list[list], old: str, new: str) -> None:
    """Undo ``_repoint_actors``: the actors it changed (still pointing at ``new``) point at ``old`` again."""
    for article_id, start, end, side, i in spots:
        if side not in ("source", "target"):
            continue
        row = db.execute(f'SELECT id, {side} FROM events WHERE article_id = ? AND start = ? AND "end" = ?',
                         (article_id, start, end)).fetchone()
        if row is None:
            continue
        actors = json.loads(row[1])
        if i < len(actors) and actors[i].get("entity_id") == new:
            actors[i]["entity_id"] = old
            db.execute(f"UPDATE events SET {side} = ? WHERE id = ?", (json.dumps(actors), row[0]))


def _story_gone(db: sqlite3.Connection, story_id: str) -> bool:
    return db.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone() is None


def _revert_one(store: Store, kind: str, target: str, value: dict, before: dict) -> None:
    """Put back what a correction replaced (as far as the store still holds it)."""
    db = store.db
    if kind == "rename-entity":
        row = _entity(db, target)
        if row is not None and "name" in before and row["name"] == value["name"]:
            db.execute("UPDATE entities SET name = ? WHERE id = ?", (before["name"], row["id"]))
        if row is not None and before.get("added_aliases"):
            _set_aliases(db, row["id"], [a for a in _aliases(row) if a not in before["added_aliases"]])
        if row is not None:
            _touch_entity_stories(db, row["id"])
    elif kind == "merge-entities":
        keep = _entity(db, target)
        for other, row in (before.get("entities") or {}).items():
            cols = ("id", "name", "type", "code", "aliases")
            db.execute(f"INSERT INTO entities({', '.join(cols)}) VALUES (?,?,?,?,?) ON CONFLICT(id) DO NOTHING",
                       [row[c] for c in cols])
        if keep is not None:
            for other, spots in (before.get("actors") or {}).items():
                _restore_actors(db, spots, other, keep["id"])
            for table, column in (("mentions", "entity_id"), ("attributions", "speaker_entity_id")):
                for other, spans in (before.get(table) or {}).items():
                    db.executemany(f'UPDATE {table} SET {column} = ? WHERE {column} = ? AND article_id = ?'
                                   f' AND start = ? AND "end" = ?', [(other, keep["id"], *s) for s in spans])
            if before.get("added_aliases"):
                _set_aliases(db, keep["id"], [a for a in _aliases(keep) if a not in before["added_aliases"]])
            _touch_entity_stories(db, keep["id"])
    elif kind == "split-entity":
        row = _entity(db, target)
        if row is not None:
            db.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", (row["id"], value["new_id"]))
            db.execute("UPDATE attributions SET speaker_entity_id = ? WHERE speaker_entity_id = ?",
                       (row["id"], value["new_id"]))
            _set_aliases(db, row["id"], [*_aliases(row), *before.get("removed_aliases", [])])
            db.execute("DELETE FROM entities WHERE id = ?", (value["new_id"],))
            _touch_entity_stories(db, row["id"])
    elif kind == "rename-story":
        if "title" in before:
            db.execute("UPDATE stories SET title = ?, updated_at = ? WHERE id = ? AND title = ?",
                       (before["title"], _now(), target, value["title"]))
    elif kind == "move-article":
        article_id = int(target)
        row = db.execute("SELECT story_id FROM article_story WHERE article_id = ?", (article_id,)).fetchone()
        if row is not None and "story" in before and row["story_id"] == value["story"]:
            old = before["story"]
            db.execute("INSERT INTO stories(id, title, updated_at) VALUES (?,?,?) ON CONFLICT(id) DO NOTHING",
                       (old, before.get("title") or old, _now()))
            store.assign_story(article_id, old)
            _refresh_story(store, old)
            _refresh_story(store, value["story"])
            store.drop_empty_stories([value["story"]])
    elif kind == "set-speaker":
        row = _quote_at(db, int(target), value["start"], value["end"])
        if row is not None and "entity" in before:
            db.execute("UPDATE attributions SET speaker_entity_id = ? WHERE id = ?", (before["entity"], row["id"]))
            _touch_article_story(db, int(target))
    elif kind == "reject-quote":
        old = before.get("row")
        if old and _quote_at(db, int(target), value["start"], value["end"]) is None:
            cols = [c for c in old if c != "id"]
            taken = db.execute("SELECT 1 FROM attributions WHERE id = ?", (old["id"],)).fetchone()
            if not taken:
                cols = ["id", *cols]
            db.execute(f"INSERT INTO attributions({', '.join(_quoted(c) for c in cols)})"
                       f" VALUES ({','.join('?' * len(cols))})", [old[c] for c in cols])
            _touch_article_story(db, int(target))


def _quoted(column: str) -> str:
    return f'"{column}"'


def apply_corrections(store: Store) -> int:
    """Re-apply every active correction, oldest first, in one transaction; returns the rows changed.

    Runs after each linked batch (the linkers may have written their own names, speakers and stories
    again) and after a correction is made or undone.
    """
    changed = 0
    with store.atomic() as db:
        rows = db.execute("SELECT id, kind, target, value, before FROM corrections WHERE undone_at IS NULL"
                          " ORDER BY id").fetchall()
        for row in rows:
            before = json.loads(row["before"])
            n = _apply_one(store, row["kind"], row["target"], json.loads(row["value"]), before)
            if n:
                before["applied"] = True
                db.execute("UPDATE corrections SET before = ? WHERE id = ?", (json.dumps(before), row["id"]))
                changed += n
    return changed


# ------------------------------------------------------------------------------------------ the desk
def _describe(kind: str, target: str, value: dict) -> str:
    if kind == "rename-entity":
        return f"entity {target} is named {value['name']!r}"
    if kind == "merge-entities":
        return f"entities {', '.join(value['others'])} are {target}"
    if kind == "split-entity":
        return f"mentions of {target} written {' or '.join(map(repr, value['aliases']))} are another entity ({value['new_id']})"
    if kind == "rename-story":
        return f"story {target} is titled {value['title']!r}"
    if kind == "move-article":
        return f"article {target} belongs to story {value['story']}"
    if kind == "set-speaker":
        return f"the quote at article {target} characters {value['start']}-{value['end']} was said by {value['entity']}"
    return f"the quote at article {target} characters {value['start']}-{value['end']} is not a quote"


def _view(row: sqlite3.Row) -> dict[str, Any]:
    value = json.loads(row["value"])
    return {"id": row["id"], "kind": row["kind"], "target": row["target"], "value": value,
            "what": _describe(row["kind"], row["target"], value), "note": row["note"], "made_at": row["made_at"],
            "undone_at": row["undone_at"], "active": row["undone_at"] is None}


def add_correction(store: Store, kind: str, target: str, value: dict[str, Any], *,
                   note: str | None = None) -> dict[str, Any]:
    """Record one correction (checked against the store first) and apply it; returns it as listed."""
    if kind not in CORRECTION_KINDS:
        raise StoreError(f"unknown correction {kind!r}; known: {', '.join(CORRECTION_KINDS)}")
    with store.atomic() as db:
        target, value = _validate(store, kind, str(target), dict(value))
        note = " ".join(note.split())[:2000] if note else None
        cur = db.execute("INSERT INTO corrections(kind, target, value, note, made_at) VALUES (?,?,?,?,?)",
                         (kind, target, json.dumps(value), note, _now()))
        cid = cur.lastrowid
        if kind == "split-entity":
            value["new_id"] = f"{target}.split{cid}"
            db.execute("UPDATE corrections SET value = ? WHERE id = ?", (json.dumps(value), cid))
        apply_corrections(store)
        return _view(db.execute("SELECT * FROM corrections WHERE id = ?", (cid,)).fetchone())


def list_corrections(store: Store, *, active_only: bool = False) -> list[dict[str, Any]]:
    """Every correction, oldest first: what was decided, when, the note, and whether it was undone."""
    sql = "SELECT * FROM corrections" + (" WHERE undone_at IS NULL" if active_only else "") + " ORDER BY id"
    return [_view(r) for r in store.db.execute(sql)]


def undo_correction(store: Store, correction_id: int | str) -> dict[str, Any]:
    """Stop applying one correction and put back what it replaced; the decision stays listed as undone."""
    cid = _row_id(correction_id, "correction", "`newsweave corrections` lists them")
    with store.atomic() as db:
        row = db.execute("SELECT * FROM corrections WHERE id = ?", (cid,)).fetchone()
        if row is None:
            raise StoreError(f"no correction {cid}: `newsweave corrections` lists them")
        if row["undone_at"] is not None:
            raise StoreError(f"correction {cid} was already undone at {row['undone_at']}")
        _revert_one(store, row["kind"], row["target"], json.loads(row["value"]), json.loads(row["before"]))
        db.execute("UPDATE corrections SET undone_at = ? WHERE id = ?", (_now(), cid))
        # Later corrections may have built on this one's result: they are applied again over the reverted store.
        apply_corrections(store)
        return _view(db.execute("SELECT * FROM corrections WHERE id = ?", (cid,)).fetchone())


# The fields each kind takes from a web form or JSON body (the CLI's arguments, by name).
FIELDS = {
    "rename-entity": ("entity", "name"),
    "merge-entities": ("keep", "others"),
    "split-entity": ("entity", "aliases"),
    "rename-story": ("story", "title"),
    "move-article": ("article", "story"),
    "set-speaker": ("quote", "entity"),
    "reject-quote": ("quote",),
}


def correction_from_fields(store: Store, fields: dict[str, Any]) -> dict[str, Any]:
    """Make a correction from named fields (``kind`` plus the kind's ``FIELDS``, and ``note``), as the web
    sends them; ``others`` and ``aliases`` are lists or comma-separated text."""
    kind = str(fields.get("kind") or "")
    if kind not in FIELDS:
        raise StoreError(f"unknown correction {kind!r}; known: {', '.join(CORRECTION_KINDS)}")
    missing = [f for f in FIELDS[kind] if not fields.get(f)]
    if missing:
        raise StoreError(f"{kind} needs {', '.join(missing)}")

    def many(name: str) -> list[str]:
        raw = fields[name]
        items = raw if isinstance(raw, list) else str(raw).split(",")
        return [str(x).strip() for x in items if str(x).strip()]

    note = fields.get("note") or None
    if kind == "rename-entity":
        return add_correction(store, kind, str(fields["entity"]), {"name": fields["name"]}, note=note)
    if kind == "merge-entities":
        return add_correction(store, kind, str(fields["keep"]), {"others": many("others")}, note=note)
    if kind == "split-entity":
        return add_correction(store, kind, str(fields["entity"]), {"aliases": many("aliases")}, note=note)
    if kind == "rename-story":
        return add_correction(store, kind, str(fields["story"]), {"title": fields["title"]}, note=note)
    if kind == "move-article":
        return add_correction(store, kind, str(fields["article"]), {"story": str(fields["story"])}, note=note)
    target, span = quote_target(store, fields["quote"])
    if kind == "set-speaker":
        return add_correction(store, kind, target, {**span, "entity": str(fields["entity"])}, note=note)
    return add_correction(store, kind, target, span, note=note)
