"""How the tense around a weekday or date anchors it: rules added for TempEval-3 value errors.

Every sentence here is fictional, written for these tests; the article is dated Friday 2025-10-17.
"""

from __future__ import annotations

from datetime import date

import pytest

FRIDAY = date(2025, 10, 17)


def _found(nlp, text):
    from newsweave.extract.timex import find_timexes

    return [(t.text, t.type, t.value) for t in find_timexes(nlp(text), FRIDAY)]


@pytest.mark.parametrize("text, expected", [
    # an infinitive hanging from a past perfect: the plan lies before the report, kept or superseded
    ("The offer was extended to Nov. 30. It had been due to expire Wednesday evening.",
     ("Wednesday evening", "DATE", "2025-10-15TEV")),
    ("The vote had been scheduled to take place on Tuesday.", ("Tuesday", "DATE", "2025-10-14")),
    # a plain infinitive still points ahead
    ("The ministers plan to meet on Tuesday.", ("Tuesday", "DATE", "2025-10-21")),
])
def test_anchoring(nlp, text, expected):
    assert expected in _found(nlp, text)
