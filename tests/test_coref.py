"""In-document coreference: name variants, titles stated in the article, pronouns."""

from __future__ import annotations

import pytest

from newsweave.extract.coref import (
    _name_words,
    _same_name,
    best_name,
    resolve_coreference,
)
from newsweave.extract.entities import entity_mentions
from newsweave.model import Mention


def test_name_words_drop_honorifics():
    assert _name_words("Mr. Smith") == ["smith"]
    assert _name_words("Jane Doe") == ["jane", "doe"]


def test_same_name_variants():
    assert _same_name(["smith"], ["john", "smith"], "PERSON")
    assert not _same_name(["jones"], ["john", "smith"], "PERSON")
    assert _same_name(["un"], ["united", "nations"], "ORG")


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
