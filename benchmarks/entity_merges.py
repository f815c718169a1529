"""Entities that mix different people, and display names that are not names, in a processed store.

    newsweave --db pol.db ingest ../shared/data/attribution/polnear-dev.jsonl && newsweave --db pol.db process
    .venv/bin/python benchmarks/entity_merges.py pol.db            # the shares and the worst entities
    .venv/bin/python benchmarks/entity_merges.py pol.db --json     # the report as JSON

A person entity is **mixed** when the names it was written with can not all be one person's:

- two full names with different given names ("Donald Trump", "Melania Trump"; "Tim Scott", "Lamont
  Scott"), where an initial, a prefix ("Tim"/"Timothy") or a usual short form ("Bill"/"William") agrees;
- two full names with different surnames ("Hillary Clinton", "Donald Trump");
- a one-word name that is neither a given name nor a surname of its full names;
- given names or honorifics of both genders (the Census first-name table, Mr/Mrs/Ms).

The report gives the share of person entities that are mixed and the share of person mentions (every
mention of the entity: names, titles, descriptions, pronouns) they hold, and lists person display names
that are not a name alone: punctuation or quote marks, a lower-case word, more than four words, or a
word the store's own articles write in lower case more often than capitalised inside a sentence
("Says", "Claims", "Crooked") that no full name of the corpus ends with twice.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from newsweave.names import (
    PARTICLES,
    first_name_gender,
    first_names_agree,
    fold,
    honorific_gender,
    is_proper_name,
    name_words,
    spelling,
)
from newsweave.store.db import Store

_WORD = re.compile(r"[A-Za-z][a-z]+")


def _full_names_conflict(names: list[tuple[str, ...]]) -> str | None:
    """Why spelled full names (two words or more) can not be one person's, or None."""
    fulls = {n for n in names if len(n) > 1}
    # A descriptor or a headline word before a full name ("Crooked Hillary Clinton") is not another
    # given name: the name is its shortest ending that is itself one of the full names.
    fulls = {next((n[k:] for k in range(len(n) - 2, 0, -1) if n[k:] in fulls), n) for n in fulls}
    # A headline's word after the surname ("Obama Says") makes no full name: its first word is the
    # surname of another of the entity's full names and no given name the Census lists know.
    surnames = {n[-1] for n in fulls}
    heads = {n for n in fulls if len(n) == 2 and n[0] in surnames and n[0] != n[1] and not first_name_gender(n[0])}
    names = [n[:1] if n in heads else n for n in names]
    fulls = sorted(fulls - heads)
    for i, a in enumerate(fulls):
        for b in fulls[i + 1:]:
            if a[-1] != b[-1] and a[-1] not in b and b[-1] not in a:
                return f"surnames {a[-1]} / {b[-1]}"
            if a[-1] == b[-1] and not first_names_agree(a[0], b[0]):
                return f"given names {a[0]} / {b[0]}"
    singles = {n[0] for n in names if len(n) == 1}
    if fulls:
        parts = {w for n in fulls for w in n}
        for w in singles:
            if w not in parts and not any(first_names_agree(w, n[0]) for n in fulls):
                return f"one-word name {w} is none of {', '.join(' '.join(n) for n in fulls[:3])}"
    return None


def mixed_reason(texts: list[str]) -> str | None:
    """Why the written person names ``texts`` of one entity can not all be one person, or None."""
    # A span the tagger cut inside a quoted nickname ('Robert C. "Bobby') names nobody in full.
    texts = [t for t in texts if not any(q in t for q in "\"“”")]
    spelled = [tuple(spelling(w) for w in name_words(t)) for t in texts]
    spelled = [n for n in spelled if n]
    why = _full_names_conflict(spelled)
    if why:
        return why
    genders = {}
    for t, n in zip(texts, (name_words(t) for t in texts)):
        g = honorific_gender(t) or (first_name_gender(n[0]) if len(n) > 1 else None)
        if g:
            genders.setdefault(g, t)
    if len(genders) > 1:
        return f"genders: {genders['m']} / {genders['f']}"
    return None


def _common_words(store: Store) -> set[str]:
    """Words the articles write in lower case more often than capitalised inside a sentence."""
    lower, upper = Counter(), Counter()
    for (text,) in store.db.execute("SELECT text FROM articles"):
        for m in _WORD.finditer(text):
            w = m.group()
            if w[0].islower():
                lower[w] += 1
            else:
                before = text[max(0, m.start() - 2):m.start()]
                if before and not re.search(r"[.!?\n\"“‘:]\s*$|^\s*$", before):
                    upper[w.lower()] += 1
    return {w for w, n in lower.items() if n > upper[w]}


def merge_report(store: Store, *, show: int = 15) -> dict:
    """The mixed-people and display-name figures of a processed store (see the module docstring)."""
    entities = {r["id"]: dict(r) for r in store.db.execute("SELECT id, name, type FROM entities WHERE type = 'PERSON'")}
    names: dict[str, list[str]] = defaultdict(list)
    mentions: Counter = Counter()
    for r in store.db.execute("SELECT entity_id, text, kind, label FROM mentions WHERE entity_id IS NOT NULL"):
        if r["entity_id"] not in entities:
            continue
        mentions[r["entity_id"]] += 1
        if r["kind"] == "name" and r["label"] == "PERSON":
            names[r["entity_id"]].append(r["text"])
    common = _common_words(store)
    full = [w for texts in names.values() for t in texts if len(w := name_words(t)) > 1]
    # A common word that the corpus writes as a surname or a given name ("Price", "Bill", "Hope") is a name.
    name_part = Counter(w[-1] for w in full) + Counter(w[0] for w in full)
    mixed, bad_names = {}, {}
    for eid, e in entities.items():
        why = mixed_reason(names.get(eid, []))
        if why:
            mixed[eid] = why
        if eid not in names:
            continue  # a nameless entity ("he" alone) has no name to show
        words = [w for w in e["name"].split() if "-" not in w and fold(w) not in PARTICLES]
        suspect = [w for w in words if w.lower() in common and name_part[w.lower()] < 2
                   and not (w == words[0] and first_name_gender(w))]
        if not is_proper_name(e["name"]) or suspect:
            bad_names[eid] = e["name"] + (f" ({', '.join(suspect)})" if suspect else "")
    total = sum(mentions[e] for e in entities)
    in_mixed = sum(mentions[e] for e in mixed)
    worst = sorted(mixed, key=lambda e: -mentions[e])[:show]
    return {
        "person_entities": len(entities),
        "nameless_person_entities": sum(1 for e in entities if e not in names),
        "mixed_entities": len(mixed),
        "mixed_entity_share": round(len(mixed) / len(entities), 4) if entities else 0.0,
        "person_mentions": total,
        "mentions_in_mixed": in_mixed,
        "mixed_mention_share": round(in_mixed / total, 4) if total else 0.0,
        "display_names_not_names": len(bad_names),
        "worst": [{"id": e, "name": entities[e]["name"], "mentions": mentions[e], "why": mixed[e],
                   "names": Counter(names[e]).most_common(6)} for e in worst],
        "bad_display_names": sorted(bad_names.values())[:show],
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db", type=Path, help="a store that `newsweave process` has run on")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    ap.add_argument("--show", type=int, default=15, help="list this many mixed entities and bad names")
    args = ap.parse_args(argv)
    with Store(args.db, create=False, readonly=True) as store:
        rep = merge_report(store, show=args.show)
    if args.json:
        print(json.dumps(rep, indent=2, ensure_ascii=False))
        return 0
    print(f"person entities: {rep['person_entities']}, mixed: {rep['mixed_entities']} "
          f"({rep['mixed_entity_share']:.2%})")
    print(f"person mentions: {rep['person_mentions']}, in mixed entities: {rep['mentions_in_mixed']} "
          f"({rep['mixed_mention_share']:.2%})")
    print(f"display names that are not names: {rep['display_names_not_names']} "
          f"(of {rep['person_entities'] - rep['nameless_person_entities']} named person entities)")
    for w in rep["worst"]:
        print(f"  {w['id']} {w['name']!r} ({w['mentions']} mentions): {w['why']}; names {w['names']}")
    for n in rep["bad_display_names"]:
        print(f"  not a name: {n!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
