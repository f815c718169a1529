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
