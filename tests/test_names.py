"""Name spelling rules of newsweave.names that decide whether two written names can be one person's."""

from __future__ import annotations

import pytest

from newsweave.names import one_slip_apart


@pytest.mark.parametrize(("a", "b"), [("klitschko", "klistchko"), ("rait", "raite"), ("kovalenko", "kovalneko")])
def test_one_slip_of_the_pen(a, b):
    assert one_slip_apart(a, b) and one_slip_apart(b, a)


@pytest.mark.parametrize(("a", "b"), [
    # a brother and a sister, a husband and a wife: one name's masculine and feminine forms, not a slip
    ("juancho", "juancha"), ("francisco", "francisca"), ("daniel", "daniela"), ("ivanov", "ivanova"),
    # nor two slips, nor the same spelling
    ("klitschko", "klischtko"), ("rait", "rait"),
])
def test_no_slip(a, b):
    assert not one_slip_apart(a, b) and not one_slip_apart(b, a)


def test_a_lower_case_van_is_a_surname_particle_and_a_capital_one_may_be_a_given_name():
    from newsweave.names import spelled, surname_joined

    assert surname_joined(("van", "dalen"), "van Dalen") == ("vandalen",)
    assert surname_joined(("van", "dalen"), "Mrs van Dalen") == ("vandalen",)
    assert surname_joined(("van", "jones"), "Van Jones") == ("van", "jones")
    assert spelled("Fleur van Dalen")[-1] == spelled("van Dalen")[-1]
