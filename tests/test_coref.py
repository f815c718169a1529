"""In-document coreference: name variants, titles stated in the article, pronouns."""

from __future__ import annotations

import pytest

from newsweave.extract.coref import best_name, resolve_coreference
from newsweave.extract.coref_names import (
    Chains,
    join_name_variants,
    name_words,
    same_name,
)
from newsweave.extract.entities import entity_mentions
from newsweave.model import Mention
from newsweave.names import double_surname


def _variants_joined(out: list[Mention], gender: dict[int, str]) -> Chains:
    """The chains ``join_name_variants`` makes of names each in a chain of its own."""
    uf = Chains()
    for _ in out:
        uf.add()
    join_name_variants(out, uf, gender)
    return uf


def test_name_words_drop_honorifics():
    assert name_words("Mr. Smith") == ["smith"]
    assert name_words("Jane Doe") == ["jane", "doe"]


def test_same_name_variants():
    assert same_name(["smith"], ["john", "smith"], "PERSON")
    assert not same_name(["jones"], ["john", "smith"], "PERSON")
    assert same_name(["un"], ["united", "nations"], "ORG")


def _variant_roots(names):
    """Join fictional (text, label) names the way coreference does; the chain root of each."""
    out = [Mention(i * 100, i * 100 + len(text), text, label) for i, (text, label) in enumerate(names)]
    uf = _variants_joined(out, {})
    return [uf.find(i) for i in range(len(out))], out


def test_name_variants_join_only_what_a_rule_allows():
    roots, _ = _variant_roots([("United Nations", "ORG"), ("Acme Corp", "ORG"), ("UN", "ORG"),
                               ("Olsen", "PERSON"), ("United Nations", "GPE")])
    assert roots == [0, 1, 0, 3, 0]
    # the long form after its acronym
    roots, _ = _variant_roots([("UN", "ORG"), ("United Nations", "ORG")])
    assert roots == [0, 0]


def test_name_variants_keep_people_apart_and_take_a_surname_tagged_org():
    roots, out = _variant_roots([("Donald Harlow", "PERSON"), ("Mr. Harlow", "PERSON"), ("Melania Harlow", "PERSON"),
                                 ("Harlow", "ORG"), ("Donald", "PERSON"), ("Karen Voss", "PERSON"),
                                 ("Voss", "PERSON")])
    assert roots[1] == roots[0] and roots[2] != roots[0]
    assert roots[3] == roots[0] and out[3].label == "PERSON"  # the most-mentioned Harlow so far
    assert roots[4] == roots[0]  # a given name alone
    assert roots[6] == roots[5] != roots[0]


def test_two_descriptions_in_lower_case_are_not_one_thing_for_their_words():
    # "al-Suwaidi, an Emirati businessman" ... "Belkacem is a businessman": two men, each with his own
    # description; a capitalised word the tagger left to the nominal stage is a name all the same.
    out = [Mention(0, 11, "businessman", "NOMINAL", kind="nominal"), Mention(50, 61, "businessman", "NOMINAL", kind="nominal"),
           Mention(100, 112, "Bernard Osei", "PERSON"), Mention(150, 154, "Osei", "NOMINAL", kind="nominal")]
    uf = _variants_joined(out, {})
    assert uf.find(0) != uf.find(1)
    assert uf.find(3) == uf.find(2)


def test_an_untagged_mr_is_the_husband_and_keeps_what_his_chain_says():
    # "Mark Hollings ... Claire Hollings ... Mr Hollings owns 60 per cent ... Mrs Hollings said": the tagger left
    # "Mr Hollings" to the nominal stage; its honorific says which Hollings, and the wife's name after it
    # still finds her chain, not his.
    out = [Mention(0, 13, "Mark Hollings", "PERSON"), Mention(50, 65, "Claire Hollings", "PERSON"),
           Mention(100, 111, "Mr Hollings", "NOMINAL", kind="nominal"), Mention(150, 162, "Mrs Hollings", "PERSON")]
    uf = _variants_joined(out, {3: "f"})
    assert uf.find(2) == uf.find(0) != uf.find(1)
    assert uf.find(3) == uf.find(1)


def test_among_equals_a_surname_is_whoever_the_article_already_called_so():
    # "Daniel Okafor ... Okafor said ... Chioma Okafor ... said Mrs Okafor ... Okafor disputes": the bare
    # surname is the coach it already named so, not his wife named last; a second "Mrs Santos" is the
    # mother called so before, not the daughter named in between.
    out = [Mention(0, 13, "Daniel Okafor", "PERSON"), Mention(40, 46, "Okafor", "PERSON"),
           Mention(80, 93, "Chioma Okafor", "PERSON"), Mention(120, 130, "Mrs Okafor", "PERSON"),
           Mention(160, 166, "Okafor", "PERSON")]
    uf = _variants_joined(out, {3: "f"})
    assert uf.find(1) == uf.find(0) == uf.find(4) != uf.find(2) == uf.find(3)
    out = [Mention(0, 12, "Maria Santos", "PERSON"), Mention(40, 50, "Mrs Santos", "PERSON"),
           Mention(80, 90, "Joy Santos", "PERSON"), Mention(120, 130, "Mrs Santos", "PERSON")]
    uf = _variants_joined(out, {1: "f", 3: "f"})
    assert uf.find(3) == uf.find(1) == uf.find(0) != uf.find(2)


def test_a_family_name_written_first_is_the_surname_a_title_takes():
    # "Zhang Weiming ... Mr Zhang ... his daughter, Zhang Meiling ... Ms Zhang": Mr Zhang is Zhang Weiming
    out = [Mention(0, 13, "Zhang Weiming", "PERSON"), Mention(40, 48, "Mr Zhang", "PERSON"),
           Mention(80, 93, "Zhang Meiling", "PERSON"), Mention(120, 128, "Ms Zhang", "PERSON")]
    uf = _variants_joined(out, {1: "m", 3: "f"})
    assert uf.find(1) == uf.find(0) != uf.find(2) == uf.find(3)


def test_a_korean_family_name_written_first_without_a_hyphen():
    # "Park Minjae" is Mr Park as "Park Min-jae" is; "Kim Jones" stays Kim (an English given name)
    out = [Mention(0, 11, "Park Minjae", "PERSON"), Mention(40, 47, "Mr Park", "PERSON"),
           Mention(80, 92, "Park Seoyeon", "PERSON"), Mention(120, 127, "Ms Park", "PERSON")]
    uf = _variants_joined(out, {1: "m", 3: "f"})
    assert uf.find(1) == uf.find(0) != uf.find(2) == uf.find(3)
    assert name_words("Kim Jones") == ["kim", "jones"]


def test_a_gendered_surname_joins_the_person_known_of_that_gender():
    # "Jordan Carter ... Jordan Carter ... their mother, Denise Carter ... Mrs Carter": Jordan's gender is
    # unknown (a name of both), Denise's known; Mrs Carter is Denise, though Jordan is named more
    names = ["Jordan Carter", "Jordan Carter", "Denise Carter", "Mrs Carter"]
    out = [Mention(40 * k, 40 * k + len(n), n, "PERSON") for k, n in enumerate(names)]
    uf = _variants_joined(out, {3: "f"})
    assert uf.find(3) == uf.find(2) != uf.find(0)


def test_a_spanish_name_is_called_by_its_first_surname():
    # a headline's "Morales", then "Javier Morales Ibarra", "Morales", his son "Pablo Morales", "Javier
    # Morales"; "Ibarra" of another man "Andres Ibarra Soto" is no Javier Morales Ibarra
    names = ["Morales", "Javier Morales Ibarra", "Morales", "Pablo Morales", "Javier Morales",
             "Andres Ibarra Soto", "Ibarra"]
    out = [Mention(40 * k, 40 * k + len(n), n, "PERSON") for k, n in enumerate(names)]
    uf = _variants_joined(out, {})
    assert uf.find(0) == uf.find(1) == uf.find(2) == uf.find(4) != uf.find(3)
    assert uf.find(6) == uf.find(5) != uf.find(1)
    assert not double_surname(["mary", "ann", "smith"]) and not double_surname(["ahmed", "bin", "khalid"])


def test_a_name_cut_at_its_nickname_closing_mark_is_one_name(nlp):
    text = 'Rep. Robert C. "Bobby" Scott opened his yard. Scott said he was pleased.'
    ms = _resolve(nlp, text)
    assert any(m.text == 'Robert C. "Bobby" Scott' for m in ms), [(m.text, m.label) for m in ms]


def test_a_given_name_the_tagger_took_for_a_place_joins_the_surname(nlp):
    # "Fergal" GPE + "Furlong" PERSON: no table knows a place "Fergal"; "Moscow" stays a place
    text = "Meath property developer Fergal Furlong has been found guilty. Furlong showed no reaction."
    ms = _resolve(nlp, text)
    assert any(m.text == "Fergal Furlong" for m in ms), [(m.text, m.label) for m in ms]


def test_best_name_is_longest_name_in_chain():
    ms = [Mention(0, 5, "Smith", "PERSON", chain=1), Mention(10, 20, "John Smith", "PERSON", chain=1),
          Mention(30, 32, "he", "PERSON", kind="pronoun", chain=1)]
    assert best_name(ms, 1).text == "John Smith"
    assert best_name(ms, 2) is None


def _resolve(nlp, text):
    doc = nlp(text)
    ms = resolve_coreference(doc, entity_mentions(doc))
    for m in ms:
        assert text[m.start:m.end] == m.text
    return ms


def _chain_of(ms, text, start=0):
    return next(m.chain for m in ms if m.text == text and m.start >= start)


@pytest.mark.slow
def test_name_variants_and_pronouns_share_a_chain(nlp):
    text = ("Senator Margaret Holloway visited the factory on Monday. Holloway said she was impressed "
            "by the workers. Her husband stayed at home.")
    ms = _resolve(nlp, text)
    chain = _chain_of(ms, "Margaret Holloway")
    assert _chain_of(ms, "Holloway", text.index("Holloway said")) == chain
    assert _chain_of(ms, "she") == chain
    assert any(m.kind == "pronoun" for m in ms)


@pytest.mark.slow
def test_title_stated_in_article_resolves(nlp):
    text = ("Canadian Prime Minister Robert Tanner met French President Claire Dubois in Paris. "
            "The French President said the talks went well. The Canadian Prime Minister agreed.")
    ms = _resolve(nlp, text)
    dubois = _chain_of(ms, "Claire Dubois")
    tanner = _chain_of(ms, "Robert Tanner")
    titles = {m.text: m.chain for m in ms if m.kind in {"title", "description"}}
    assert titles.get("The French President") == dubois
    assert titles.get("The Canadian Prime Minister") == tanner


@pytest.mark.slow
def test_a_title_stops_at_a_line_break_and_at_another_persons_name(nlp):
    # The parser reads a headline and the next line's "Actress Dana Holt" as one phrase; the headline's
    # "longtime lawyer" (Marco Petti's) was Dana Holt's title, and "the lawyer" then her.
    text = ("Dana Holt checks into rehab at Willow Creek Center, rehires longtime lawyer Marco Petti\n"
            "Actress Dana Holt entered the clinic on Thursday, her spokesman said.")
    ms = _resolve(nlp, text)
    holt = _chain_of(ms, "Dana Holt")
    assert not any(m.kind == "title" and m.chain == holt and "lawyer" in m.text for m in ms)


@pytest.mark.slow
def test_pronoun_prefers_previous_subject(nlp):
    text = ("The US Trade Representative Alan Brooks met Mr. Olsen on Friday. "
            "He said the deal was close.")
    ms = _resolve(nlp, text)
    assert _chain_of(ms, "He") == _chain_of(ms, "Alan Brooks")


@pytest.mark.slow
def test_relative_pronoun_joins_the_phrase_its_clause_is_said_of(nlp):
    text = "Police arrested Dana Holt, who had fled the city on Monday."
    ms = _resolve(nlp, text)
    who = next(m for m in ms if m.text == "who")
    holt = next(m for m in ms if m.text == "Dana Holt")
    assert who.kind == "pronoun" and who.chain == holt.chain


@pytest.mark.slow
def test_title_inside_an_owner_phrase_joins_its_holder(nlp):
    text = ("US President Donald Trump met Russian President Vladimir Putin. "
            "They discussed the US President's talk with the Russian President.")
    ms = _resolve(nlp, text)
    chain = {m.text: m.chain for m in ms if m.kind == "name"}
    us = [m for m in ms if m.text.endswith("US President") and m.start > 60]
    ru = [m for m in ms if m.text.endswith("Russian President") and m.start > 60]
    assert us and all(m.chain == chain["Donald Trump"] for m in us)
    assert ru and all(m.chain == chain["Vladimir Putin"] for m in ru)


@pytest.mark.slow
def test_it_stands_for_the_thing_a_common_noun_names_not_the_place_of_the_scene(nlp):
    """"The campaign sent a letter to reporters in Dorset. It says ...": "it" is the campaign; before,
    common nouns were no antecedents for "it", and the place named as the setting took it (the speaker of
    "It says" was Dorset)."""
    from newsweave.extract.attribution import find_attributions
    from newsweave.extract.mentions import nominal_mentions

    text = ("Voters in Marlow heard the mayor on Monday. The campaign sent a letter to reporters in Dorset on "
            "Thursday. It says the rival ads broke state law.")
    doc = nlp(text)
    names = entity_mentions(doc)
    ms = resolve_coreference(doc, sorted(names + nominal_mentions(doc, names), key=lambda m: (m.start, m.end)))
    it = next(m for m in ms if m.text == "It")
    assert it.chain == next(m.chain for m in ms if m.text.endswith("campaign"))
    (says,) = [a for a in find_attributions(doc, ms) if a.cue.text == "says"]
    assert says.speaker is not None and says.speaker.text.endswith("campaign")


@pytest.mark.slow
def test_they_stands_for_the_people_named_together_before_it(nlp):
    """"Park mentioned her talks with Reyes, saying they would discuss ...": "they" is Park and Reyes, and
    so is a compound source ("Ellen Park and Tom Reyes said"); each attribution's speaker names both
    (before: no speaker for the first, Ellen Park alone for the second)."""
    from newsweave.extract.attribution import find_attributions

    text = ("Mayor Ellen Park and Governor Tom Reyes met in Dorset on Monday. Park mentioned her talks with "
            "Reyes, saying they would discuss the budget. Ellen Park and Tom Reyes said the bridge would reopen.")
    ms = _resolve(nlp, text)
    they = next(m for m in ms if m.text == "they")
    park, reyes = (next(m.chain for m in ms if m.text == n) for n in ("Ellen Park", "Tom Reyes"))
    assert set(they.stands_for) == {park, reyes}
    atts = find_attributions(nlp(text), ms)
    speakers = {a.cue.text: a.speaker.text for a in atts if a.speaker is not None}
    assert speakers["would discuss"] == "Ellen Park and Tom Reyes"
    assert speakers["said"] == "Ellen Park and Tom Reyes"


def _chains_with_nominals(nlp, text):
    from newsweave.extract.mentions import nominal_mentions

    doc = nlp(text)
    names = entity_mentions(doc)
    ms = resolve_coreference(doc, sorted(names + nominal_mentions(doc, names), key=lambda m: (m.start, m.end)))
    chains: dict[int, set[str]] = {}
    for m in ms:
        chains.setdefault(m.chain, set()).add(m.text)
    return [c for c in chains.values() if len(c) > 1]


@pytest.mark.slow
@pytest.mark.parametrize("text, joined", [
    ("Tomas Reyl, 23, a driver from Oakton, was arrested on Friday.", {"Tomas Reyl", "driver"}),
    ("The victim was identified as Ana Pirelli.", {"victim", "Ana Pirelli"}),
    ("The pilot, who police identified as Marco Dessel, survived the crash.", {"pilot", "Marco Dessel"}),
    ("The new coach is Peter Halvorsen, the club said.", {"new coach", "Peter Halvorsen"}),
    ("The company's chief executive, Laura Feld, resigned.", {"chief executive", "Laura Feld"}),
    # appointments and "become": the office is the person from then on
    ("The mayor on Monday named Ilse Brandt as the next police chief.", {"next police chief", "Ilse Brandt"}),
    ("Maria Lopez was named the new police chief on Monday.", {"new police chief", "Maria Lopez"}),
    ("The board nominated Ilse Brandt to be the next chairwoman.", {"next chairwoman", "Ilse Brandt"}),
    ("The club appointed Maria Lopez as manager.", {"manager", "Maria Lopez"}),
    ("Maria Lopez became the first woman to lead the agency.", {"woman", "Maria Lopez"}),
    ("Maria Lopez will host the gala, becoming the first woman to do so twice.", {"woman", "Maria Lopez"}),
])
def test_a_description_stated_to_be_a_named_person_joins_the_name(nlp, text, joined):
    assert any(joined <= c for c in _chains_with_nominals(nlp, text))


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Tomas Reyl was not the driver, the police said.",  # negated
    "Nils Varga could be the next coach.",  # a possibility
    "Mr Varga was no liberal.",  # what he was not
    "Linebacker Nils Varga (knee) will miss the game.",  # a parenthesis: the injury
    "Nils Varga was found guilty of murdering a judge, a court reporter and a deputy.",  # his victims
    "Nils Varga could be named the next coach.",  # an appointment that may not happen
    "The club did not appoint Nils Varga as coach.",  # negated
])
def test_no_identity_is_read_where_the_sentence_states_none(nlp, text):
    chains = _chains_with_nominals(nlp, text)
    assert not any(any(w in " ".join(c) for w in ("driver", "coach", "liberal", "knee", "judge", "reporter"))
                   for c in chains), chains


@pytest.mark.slow
def test_the_company_is_the_organisation_the_article_is_about(nlp):
    text = ("Microsoft released a patch on Tuesday. Microsoft said the flaw was serious, and Microsoft urged users "
            "to update. The company said Adobe had found no attacks. The software giant has 40 engineers on it. "
            "Its security team was praised.")
    chains = _chains_with_nominals(nlp, text)
    ms = next(c for c in chains if "Microsoft" in c)
    assert {"company", "software giant"} <= ms and not any("security team" in w for w in ms)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    # the firm comes before the article names its organisation: another one
    "The accounting firm was closed. CNN reported the shooting. CNN said two were hurt.",
    # no organisation dominates
    "Microsoft and Adobe released patches. The company said the flaw was serious.",
    # a place is no organisation; an indefinite phrase introduces another
    "Microsoft opened a lab. Microsoft said a company in Ohio would build it.",
])
def test_no_organisation_is_read_where_none_dominates_or_comes_first(nlp, text):
    chains = _chains_with_nominals(nlp, text)
    assert not any(("CNN" in c or "Microsoft" in c) and any(w.endswith(("firm", "company")) for w in c)
                   for c in chains), chains


@pytest.mark.slow
def test_a_surname_under_a_title_takes_the_person_given_that_title(nlp):
    # Two unrelated Dizons in one report: "Captain Dizon" is the one the article called captain.
    text = ("Able seaman Arnel Dizon, 27, was pronounced dead at the scene. Arnel Dizon had joined the ship in May. "
            "The master, Captain Rodel Dizon, "
            "remained aboard with two officers. \"Captain Dizon's decision to stay saved the ship,\" MacLeod said.")
    ms = _resolve(nlp, text)
    assert _chain_of(ms, "Dizon", text.index("Captain Dizon")) == _chain_of(ms, "Rodel Dizon")
    assert _chain_of(ms, "Arnel Dizon") != _chain_of(ms, "Rodel Dizon")
