"""The nominal-mention stage (newsweave.mentions.nominal.v1) on sentences written for this test."""

from __future__ import annotations

import pytest

from newsweave.model import Mention


@pytest.mark.slow
def test_nominal_mentions_cover_participants_not_names_or_dates(nlp):
    from newsweave.extract.entities import entity_mentions
    from newsweave.extract.mentions import NOMINAL_LABEL, nominal_mentions

    doc = nlp("The coast guard rescued two fishermen on Monday after their trawler sank near Vardo. "
              "The fishermen said the captain of the boat had radioed for help.")
    names = entity_mentions(doc)
    found = nominal_mentions(doc, names)
    texts = {m.text for m in found}
    assert {"coast guard", "fishermen", "trawler", "captain", "boat"} <= texts
    assert all(m.label == NOMINAL_LABEL and m.kind == "nominal" for m in found)
    assert all(doc.text[m.start:m.end] == m.text for m in found)
    assert not any("Monday" in t or "Vardo" in t for t in texts)


@pytest.mark.slow
def test_nominal_mentions_skip_existing_mentions(nlp):
    from newsweave.extract.mentions import nominal_mentions

    doc = nlp("The minister met the ambassador.")
    start = doc.text.index("minister")
    taken = [Mention(start, start + len("minister"), "minister", "PERSON", kind="title")]
    texts = {m.text for m in nominal_mentions(doc, taken)}
    assert "minister" not in texts and "ambassador" in texts
