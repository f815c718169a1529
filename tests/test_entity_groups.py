"""One article's mentions grouped before linking: descriptions join the name they are said of (fictional)."""

from __future__ import annotations

from newsweave.link.entities import EntityLinker
from newsweave.link.entity_groups import group_mentions, join_descriptions
from newsweave.model import Mention

TEXT = "Tomas Vrbik, a beekeeper, said the hives were safe. The farmer disagreed."


def _mentions(describes):
    name = Mention(start=0, end=11, text="Tomas Vrbik", label="PERSON")
    keeper = Mention(start=15, end=24, text="beekeeper", label="NOMINAL", kind="nominal", describes=describes)
    farmer = Mention(start=52, end=62, text="The farmer", label="NOMINAL", kind="nominal")
    return name, keeper, farmer


def test_a_description_said_of_a_name_joins_its_group():
    name, keeper, farmer = _mentions((0, 11))
    groups = join_descriptions(group_mentions([name, keeper, farmer]))
    assert len(groups) == 2
    assert {id(m) for m in groups[0].mentions} == {id(name), id(keeper)}


def test_without_describes_the_description_stays_apart_and_the_linker_reads_no_parse():
    name, keeper, farmer = _mentions(None)
    assert len(join_descriptions(group_mentions([name, keeper, farmer]))) == 3
    el = EntityLinker()
    name, keeper, farmer = _mentions((0, 11))
    el.add("a", [name, keeper, farmer], story_id="s1", text=TEXT)
    assert keeper.entity_id == name.entity_id != farmer.entity_id
    # The description now names him story-wide: a later "the beekeeper" is Tomas Vrbik.
    later = [Mention(start=0, end=13, text="The beekeeper", label="NOMINAL", kind="nominal")]
    el.add("b", later, story_id="s1")
    assert later[0].entity_id == name.entity_id


def test_father_and_son_of_one_name_stay_two_groups():
    # Coreference keeps "Walter Pruitt Sr." and "his son, Walter Pruitt Jr." apart; their names' one
    # spelling key must not join them again, nor join "Pruitt Jr." to the father.
    text = "Walter Pruitt Sr. backs the firm. His son, Walter Pruitt Jr., runs it. Pruitt Jr. declined to comment."
    ms = [Mention(start=(s := text.index(n, at)), end=s + len(n), text=n, label="PERSON", chain=c)
          for n, at, c in (("Walter Pruitt Sr.", 0, 1), ("Walter Pruitt Jr.", 20, 2), ("Pruitt Jr.", 60, 3))]
    groups = group_mentions(ms)
    assert len(groups) == 2
    son = next(g for g in groups if any(m.text == "Walter Pruitt Jr." for m in g.mentions))
    assert {m.text for m in son.mentions} == {"Walter Pruitt Jr.", "Pruitt Jr."}


def test_an_article_s_name_alone_beside_its_jr_is_the_father():
    # "Chief Adebayo Ogundipe ... His son, Adebayo Ogundipe Jr." in two chains (the tagger even called the
    # son an organisation): one spelling key, two people, in the groups and in the linker.
    text = "Chief Adebayo Ogundipe founded the bank. His son, Adebayo Ogundipe Jr., ran it."
    father = Mention(start=6, end=22, text="Adebayo Ogundipe", label="PERSON", chain=1)
    son = Mention(start=text.index("Adebayo Ogundipe Jr."), end=text.index("Adebayo Ogundipe Jr.") + 20,
                  text="Adebayo Ogundipe Jr.", label="ORG", chain=2)
    assert len(group_mentions([father, son])) == 2
    el = EntityLinker()
    el.add("a", [father, son], story_id="bank", text=text)
    assert father.entity_id != son.entity_id
