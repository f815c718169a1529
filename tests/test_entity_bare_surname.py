"""A surname-only person entity joins the corpus's one named person of that surname (fictional names)."""

from __future__ import annotations

from newsweave.link.entities import EntityLinker
from newsweave.model import Mention
from newsweave.settings import EntityConfig


def M(text, label="PERSON", kind="name", start=0):
    return Mention(start=start, end=start + len(text), text=text, label=label, kind=kind)


def _run(config=None, full_names=("Maria Okonkwo",)):
    el = EntityLinker(config=config)
    early = [M("Okonkwo")]
    el.add("a", early, story_id="s1")  # no full name known yet: a surname-only entity
    named = []
    for i, name in enumerate(full_names):
        ms = [M(name)]
        el.add(f"b{i}", ms, story_id=f"s2{i}")
        named.append(ms[0].entity_id)
    late = [M("Okonkwo")]
    el.add("c", late, story_id="s3")
    return el, early[0].entity_id, named, late[0].entity_id


def test_bare_surname_entity_is_merged_into_the_one_named_person():
    el, early, (maria,), late = _run()
    assert late == maria
    assert el.canonical(early) == maria
    assert any(h["from"] == early and h["entity"] == maria for h in el.history)


def test_two_named_people_of_that_surname_merge_nothing():
    el, early, named, late = _run(full_names=("Maria Okonkwo", "Peter Okonkwo"))
    assert el.canonical(early) == early
    assert late not in named


def test_switch_off_keeps_the_surname_only_entity():
    el, early, (maria,), late = _run(EntityConfig(bare_surname_merge=False))
    assert el.canonical(early) == early
    assert late == maria  # a later surname alone still goes to the one named person
