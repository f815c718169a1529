"""A surname-only person entity joins the one named person of that surname its story names (fictional names)."""

from __future__ import annotations

from newsweave.link.entities import EntityLinker
from newsweave.model import Mention
from newsweave.settings import EntityConfig


def M(text, label="PERSON", kind="name", start=0):
    return Mention(start=start, end=start + len(text), text=text, label=label, kind=kind)


def _run(config=None, full_names=("Maria Okonkwo",), stories=("s1", "s1", "s1")):
    el = EntityLinker(config=config)
    early = [M("Okonkwo")]
    el.add("a", early, story_id=stories[0])  # no full name known yet: a surname-only entity
    named = []
    for i, name in enumerate(full_names):
        ms = [M(name)]
        el.add(f"b{i}", ms, story_id=stories[1])
        named.append(ms[0].entity_id)
    late = [M("Okonkwo")]
    el.add("c", late, story_id=stories[2])
    return el, early[0].entity_id, named, late[0].entity_id


def test_bare_surname_entity_is_merged_into_the_one_named_person_of_its_story():
    el, early, (maria,), late = _run()
    assert late == maria
    assert el.canonical(early) == maria


def test_a_surname_in_another_story_is_not_the_named_person_of_this_one():
    # A footballer "Okonkwo" of a sports story is no councillor Maria Okonkwo of a council story.
    el, early, (maria,), late = _run(stories=("s1", "s2", "s3"))
    assert el.canonical(early) == early
    assert late != maria


def test_two_named_people_of_that_surname_merge_nothing():
    el, early, named, late = _run(full_names=("Maria Okonkwo", "Peter Okonkwo"))
    assert el.canonical(early) == early
    assert late in named  # the story's most-mentioned compatible one, as for any surname


def test_switch_off_keeps_the_surname_only_entity():
    el, early, (maria,), late = _run(EntityConfig(bare_surname_merge=False))
    assert el.canonical(early) == early
    assert late == maria  # a later surname alone still goes to the story's named person
