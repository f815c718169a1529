"""An organisation named by its last word ("the Saints") links to its longer name (fictional mentions)."""

from __future__ import annotations

from newsweave.link.entities import EntityLinker
from newsweave.model import Mention
from newsweave.settings import EntityConfig


def M(text, label="ORG", kind="name", start=0):
    return Mention(start=start, end=start + len(text), text=text, label=label, kind=kind)


def test_last_word_of_an_organisation_joins_it_in_the_article_and_the_story():
    el = EntityLinker()
    a = [M("Riverton Otters"), M("Otters", start=30), M("Lakeside Herons", start=50)]
    b = [M("Otters")]
    c = [M("Herons")]
    el.add("a", a, story_id="s1")
    el.add("b", b, story_id="s1")
    el.add("c", c, story_id="s2")  # another story, which never named the Lakeside Herons
    assert a[0].entity_id == a[1].entity_id == b[0].entity_id
    assert c[0].entity_id != a[2].entity_id


def test_longer_name_joins_the_story_one_word_organisation_seen_first():
    el = EntityLinker()
    a, b = [M("Otters")], [M("Riverton Otters")]
    el.add("a", a, story_id="s1")
    el.add("b", b, story_id="s1")
    assert a[0].entity_id == b[0].entity_id


def test_two_organisations_ending_alike_take_none():
    el = EntityLinker()
    a = [M("Riverton Party"), M("Lakeside Party", start=20), M("Party", start=40)]
    el.add("a", a, story_id="s1")
    assert a[2].entity_id not in (a[0].entity_id, a[1].entity_id)


def test_capitalised_description_merges_the_story_entity_of_that_word_into_the_organisation():
    el = EntityLinker()
    a = [M("the Otters", "NOMINAL", kind="nominal")]
    b = [M("Riverton Otters"), M("the Otters", "NOMINAL", kind="nominal", start=30)]
    c = [M("Otters", "NOMINAL", kind="nominal")]
    for key, ms in (("a", a), ("b", b), ("c", c)):
        el.add(key, ms, story_id="s1")
    named = b[0].entity_id
    assert el.canonical(a[0].entity_id) == named
    assert c[0].entity_id == named


def test_the_rule_can_be_switched_off():
    el = EntityLinker(config=EntityConfig(org_short_names=False))
    a = [M("Riverton Otters"), M("Otters", start=30)]
    el.add("a", a, story_id="s1")
    assert a[0].entity_id != a[1].entity_id


def test_the_last_two_words_of_a_longer_name_join_it_in_the_story():
    """"Red Sox" of the story's "Boston Red Sox"; where two of the story's names end so, neither."""
    el = EntityLinker()
    a, b = [M("Dorset Blue Herons")], [M("Blue Herons")]
    el.add("a", a, story_id="s1")
    el.add("b", b, story_id="s1")
    assert a[0].entity_id == b[0].entity_id
    c = [M("Dorset Red Kites"), M("Lakeside Red Kites", start=20)]
    el.add("c", c, story_id="s2")
    d = [M("Red Kites")]
    el.add("d", d, story_id="s2")
    assert d[0].entity_id not in (c[0].entity_id, c[1].entity_id)


def test_british_and_american_spellings_are_one_name():
    el = EntityLinker()
    a, b = [M("Harbour Arts Centre", "FAC")], [M("Harbour Arts Center", "FAC")]
    el.add("a", a, story_id="s1")
    el.add("b", b, story_id="s2")
    assert a[0].entity_id == b[0].entity_id


def _nominal(text, start=0):
    return M(text, "NOMINAL", kind="nominal", start=start)


def test_one_common_word_is_the_story_organisation_it_heads():
    el = EntityLinker()
    a = [M("Riverton Navy"), M("Riverton Navy", start=40)]
    b = [_nominal("the navy")]
    c = [_nominal("the navy")]
    el.add("a", a, story_id="s1")
    el.add("b", b, story_id="s1")
    el.add("c", c, story_id="s2")  # another story: the word alone names no one there
    assert b[0].entity_id == a[0].entity_id
    assert c[0].entity_id != a[0].entity_id


def test_a_common_word_takes_no_organisation_it_does_not_head_or_one_seen_once():
    el = EntityLinker()
    el.add("a", [M("Department of Justice"), M("Department of Justice", start=40),
                 M("Riverton Harbour Authority", start=80)], story_id="s1")
    b = [_nominal("justice"), _nominal("the authority", start=20), _nominal("the departments", start=40)]
    el.add("b", b, story_id="s1")
    named = {e.name for e in el.entities() if e.type == "ORG"}
    assert not {el.entity(m.entity_id).name for m in b} & named


def test_a_common_word_two_story_organisations_share_is_neither():
    el = EntityLinker()
    el.add("a", [M("Riverton Court"), M("Lakeside Court", start=20), M("Riverton Court", start=40),
                 M("Lakeside Court", start=60)], story_id="s1")
    b = [_nominal("the court")]
    el.add("b", b, story_id="s1")
    assert el.entity(b[0].entity_id).name not in ("Riverton Court", "Lakeside Court")


def test_the_opening_of_an_institutions_name_is_that_institution_in_its_story():
    el = EntityLinker()
    a = [M("Betty Ford Center")]
    b = [M("Betty Ford")]
    c = [M("Riverton")]
    el.add("a", a, story_id="s1")
    el.add("b", b, story_id="s1")
    el.add("c", c, story_id="s2")
    assert b[0].entity_id == a[0].entity_id
    el.add("d", [M("Riverton Clinic")], story_id="s3")
    d = [M("Riverton")]
    el.add("e", d, story_id="s2")  # the story that never named the clinic
    assert d[0].entity_id == c[0].entity_id


def test_an_opening_two_institutions_share_is_neither():
    el = EntityLinker()
    a = [M("Riverton Clinic"), M("Riverton Hospital", start=30), M("Riverton", start=60)]
    el.add("a", a, story_id="s1")
    assert a[2].entity_id not in (a[0].entity_id, a[1].entity_id)
