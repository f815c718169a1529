"""Text helpers shared by the layers: a sentence shown as a line of its own loses its dateline."""

from __future__ import annotations

import pytest

from newsweave.text import without_dateline


@pytest.mark.parametrize("sentence, shown", [
    ("PORT ELSIN, March 3 (CPA) - The leaders of Valdoria will meet.", "The leaders of Valdoria will meet."),
    ("WASHINGTON — The president said so.", "The president said so."),
    ("BERLIN, Germany: Talks resume today.", "Talks resume today."),
    ("The US President said that.", "The US President said that."),  # no dateline
    ("US and Russia: talks resume", "US and Russia: talks resume"),  # not capitals then a capital
])
def test_a_dateline_is_no_part_of_a_shown_sentence(sentence, shown):
    assert without_dateline(sentence) == shown
