"""The lemmatizer mend (extract/nlp.py): past and -ing forms of verbs ending in a silent e."""

import pytest

from newsweave.extract.nlp import LEMMA_REPAIR, load_model, repaired_lemma


@pytest.mark.parametrize("text, lemma, tag, want", [
    ("staged", "stag", "VBD", "stage"), ("waged", "wag", "VBN", "wage"), ("hoping", "hop", "VBG", "hope"),
    ("raped", "rap", "VBD", "rape"), ("fined", "fin", "VBN", "fine"),
    ("stopped", "stop", "VBD", "stop"),  # doubled consonant: the lemma was right
    ("visited", "visit", "VBD", "visit"),  # two syllables: no doubling rule to read
    ("played", "play", "VBD", "play"), ("fixed", "fix", "VBD", "fix"),  # w, x, y never double
    ("aimed", "aim", "VBD", "aim"), ("shelled", "shell", "VBD", "shell"),
    ("staged", "stage", "VBD", "stage"),  # already right
    ("stag", "stag", "NN", "stag"),  # not a verb form
])
def test_repaired_lemma(text, lemma, tag, want):
    assert repaired_lemma(text, lemma, tag) == want


@pytest.mark.slow
def test_the_loaded_model_mends_lemmas():
    nlp = load_model()
    assert LEMMA_REPAIR in nlp.pipe_names
    doc = nlp("Workers staged a strike and rebels waged war, hoping to win.")
    assert {t.text: t.lemma_ for t in doc}["staged"] == "stage"
    assert {t.text: t.lemma_ for t in doc}["waged"] == "wage"
