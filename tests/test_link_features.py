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
