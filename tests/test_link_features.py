"""What the extract stages hand the linkers instead of the parse: ``Mention.describes`` (and the story words).

The article texts here are fictional, written for these tests.
"""

import pickle

import pytest

from newsweave.extract.pipeline import Pipeline
from newsweave.model import DESCRIPTION_KINDS, Article, Mention
from newsweave.settings import DEFAULT_STAGES, Settings

_UPTO_DESCRIPTIONS = DEFAULT_STAGES[:DEFAULT_STAGES.index("newsweave.descriptions.parse.v1") + 1]


def _described(text: str) -> dict[str, str | None]:
    (ex,) = Pipeline(Settings(stages=_UPTO_DESCRIPTIONS)).run([Article(text=text, id="fictional")])
    assert ex.made_by["mentions.describes"] == "newsweave.descriptions.parse.v1"
    out = {}
    for m in ex.mentions:
        if m.kind in DESCRIPTION_KINDS:
            out[m.text] = text[m.describes[0]:m.describes[1]] if m.describes else None
        elif m.describes is not None:
            raise AssertionError(f"a {m.kind} mention describes something: {m.text!r}")
    return out


@pytest.mark.slow
def test_an_apposition_describes_the_name_it_stands_beside():
    got = _described("Ines Halvorsen, a grandmother from Lindmark, told the council that the bridge was unsafe.")
    assert got.get("grandmother") == "Ines Halvorsen", got


@pytest.mark.slow
def test_name_is_a_description_describes_the_subject():
    got = _described("Tomas Brekke was the driver of the lorry. The police have not charged anyone.")
    assert got.get("driver") == "Tomas Brekke", got


@pytest.mark.slow
def test_a_description_said_of_no_name_describes_nothing():
    got = _described("The driver of the lorry was taken to hospital on Tuesday.")
    assert got and all(v is None for v in got.values()), got


def test_describes_survives_pickling_between_processes():
    m = Mention(start=20, end=33, text="a grandmother", label="NOMINAL", kind="nominal", describes=(0, 14))
    back = pickle.loads(pickle.dumps(m))
    assert back.describes == (0, 14) and back == m


@pytest.mark.slow
def test_story_words_need_no_parse_and_take_the_clusterers_weights():
    from newsweave.link.story_features import features_for
    from newsweave.settings import StoryConfig

    text = ("Fishermen rescued 23 sailors off Lindmark on Tuesday. "  # fictional
            "The coast guard said the sailors were safe. Lindmark harbour reopened in 2031.")
    (ex,) = Pipeline(Settings()).run([Article(text=text, id="fictional")])
    assert ex.made_by["story_words"] == "newsweave.story_words.parse.v1"
    assert [kind for _, kind in ex.story_words["lindmark"]] == ["PROPN", "PROPN"]
    assert [kind for _, kind in ex.story_words["23"]] == ["NUM"]
    with_doc = features_for(ex, "k")
    ex.doc = None  # what the linker reads is plain data: the same features without the parse
    assert features_for(ex, "k") == with_doc
    # The weights are the clusterer's, applied on reading: by default a proper noun counts 3 and the
    # lead (both are in it) doubles; with no boosts each use counts once.
    flat = features_for(ex, "k", StoryConfig(lead_boost=1, proper_boost=1, number_boost=1))
    assert flat.terms["lindmark"] == 2 and with_doc.terms["lindmark"] == 2 * 3 * 2
    ex.story_words = None  # no parse at all: the text's words
    assert features_for(ex, "k").terms["lindmark"] == 2


@pytest.mark.slow
def test_workers_send_back_no_parse_but_the_same_plain_features():
    articles = [Article(text="Ines Halvorsen, a grandmother from Lindmark, sued the council in 2031.", id="a"),
                Article(text="Tomas Brekke was the driver. Lindmark police charged him on Friday.", id="b")]
    one = list(Pipeline(Settings()).run(articles))
    two = list(Pipeline(Settings(workers=2, batch_size=1)).run(articles))
    assert all(ex.doc is None for ex in two) and all(ex.doc is not None for ex in one)
    assert [ex.story_words for ex in two] == [ex.story_words for ex in one]
    assert [[m.describes for m in ex.mentions] for ex in two] == [[m.describes for m in ex.mentions] for ex in one]
    assert any(m.describes for ex in two for m in ex.mentions)
