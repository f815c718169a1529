"""Who a planned event is claimed by when the reporting verb has no subject of its own: a
participle ("..., saying they would meet") or a conjunct ("praised the talks and said he would
visit") reports what its head's subject said. Plan tracking names this speaker as the announcer."""

from __future__ import annotations

import pytest

from newsweave.extract.events import doc_events

pytestmark = pytest.mark.slow


def _planned(nlp, text):
    return [e for e in doc_events(nlp(text), [], "2030-01-01") if e.status == "planned"]


def test_a_participle_reports_for_the_subject_of_its_head(nlp):
    (event,) = _planned(nlp, "The Kenyan president met the Ugandan president on Monday, saying they would "
                             "meet again in Nairobi.")
    assert event.type == "CONSULT" and event.claimed_by == "Kenyan president"


def test_a_conjunct_reporting_verb_shares_its_subject(nlp):
    (event,) = _planned(nlp, "Kenyan President William Ruto praised the talks and said he would visit Uganda "
                             "next month.")
    assert event.claimed_by == "Kenyan President William Ruto"


# "the two leaders" with no one named in its sentence: the two people the article named with a
# leader's office before it (fictional people, real countries for their codes).
_TWO_LEADERS = ("French President Anna Kowal will meet German Chancellor Jon Brel in Lyon next month. "
                "Talks will start with a call between French Foreign Minister Paul Serre and German Foreign "
                "Minister Lena Vogt. The previous meeting between the two leaders took place on May 3 in Bonn.")


def _previous_meeting(nlp, text):
    last = text.index("The previous meeting")
    return [e for e in doc_events(nlp(text), [], "2030-06-10") if e.evidence.start >= last]


def test_the_two_leaders_are_the_office_holders_named_before(nlp):
    (held,) = _previous_meeting(nlp, _TWO_LEADERS)
    assert held.type == "CONSULT"
    assert sorted(a.text for a in held.source + held.target) == ["Anna Kowal", "Jon Brel"]
    assert sorted(a.code for a in held.source + held.target) == ["DEU", "FRA"]


def test_the_two_leaders_stay_unresolved_among_three(nlp):
    text = "Italian Prime Minister Carla Riva also attended. " + _TWO_LEADERS
    (held,) = _previous_meeting(nlp, text)
    assert not held.source and not held.target
