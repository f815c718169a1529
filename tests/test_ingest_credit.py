"""Agency credits and datelines, and publication dates as written."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from newsweave.ingest import DateError, canonical_agency, parse_credit, parse_date


@pytest.mark.parametrize(
    ("text", "wire", "place", "datelined"),
    [
        ("WASHINGTON, October 17. /TASS/. The meeting may help.", "TASS", "WASHINGTON", True),
        ("MOSCOW, Oct 17. /ITAR-TASS/. Russia said.", "TASS", "MOSCOW", True),
        ("LONDON (Reuters) - Britain said on Friday.", "Reuters", "LONDON", True),
        ("Reuters - The company said on Friday.", "Reuters", None, True),
        ("KANSAS CITY, Mo. (AP) — A man was arrested.", "AP", "KANSAS CITY, Mo", True),
        ("(AFP) - French President spoke.", "AFP", None, True),
        ("BEIJING, Oct. 17 (Xinhua) -- China on Friday said.", "Xinhua", "BEIJING", True),
        ("New Delhi, Oct 17 (IANS) The government said.", "IANS", "New Delhi", True),
        ("NEW DELHI, Oct 17 (PTI) - The court ruled.", "PTI", "NEW DELHI", True),
        ("Mumbai, Oct 17 (ANI): Police said.", "ANI", "Mumbai", True),
        ("Berlin (dpa) - Germany said.", "dpa", "Berlin", True),
        ("Madrid, Oct 17 (EFE).- Spain said.", "EFE", "Madrid", True),
        ("ROME (ANSA) - Italy said.", "ANSA", "ROME", True),
        ("TOKYO (Kyodo) -- Japan said.", "Kyodo", "TOKYO", True),
        ("SEOUL, Oct. 17 (Yonhap) -- North Korea fired.", "Yonhap", "SEOUL", True),
        ("MOSCOW, October 17 (Interfax) - The Kremlin said.", "Interfax", "MOSCOW", True),
        ("MOSCOW, October 17 (RIA Novosti) - The Kremlin said.", "RIA Novosti", "MOSCOW", True),
        ("ANKARA (AA) - Turkey said.", "Anadolu", "ANKARA", True),
        ("WASHINGTON, Oct. 17 (UPI) -- The Senate voted.", "UPI", "WASHINGTON", True),
        ("LONDON (PA Media) - Police said.", "PA Media", "LONDON", True),
        ("MOSCOW (AP)_ The mayor of Moscow has allowed.", "AP", "MOSCOW", True),
        ("Talks with Trump\n\nWASHINGTON (AP) — The Latest on the talks.", "AP", "WASHINGTON", True),
        ("Trump called the talks “very productive”. (AFP)\n\nMore text.", "AFP", None, False),
        ("The talks went on. (With inputs from PTI)", "PTI", None, False),
        ("By Reuters\n\nThe company said it would cut jobs.", "Reuters", None, False),
        ("By The Associated Press\n\nThe storm hit.", "AP", None, False),
        ("The storm hit the coast.\n\n— Associated Press", "AP", None, False),
        ("The storm hit the coast.\nAgence France-Presse", "AFP", None, False),
        ("Residents fled the area. (AFP/Reuters)", "AFP", None, False),
        ("Residents fled the area (AFP).", "AFP", None, False),
        ("Students in Andhra Pradesh (AP) government schools sat exams.", None, None, False),
        ("Trump met Putin (AP) on Monday.", None, None, False),
        ("The minister spoke to Xinhua on Friday.", None, None, False),
        ("Delegates met in Geneva. (FABRICE COFFRINI/AFP/Getty Images.)\n\nMore.", None, None, False),
        ("Talks resumed, a source said. /TASS/ More text.", "TASS", None, False),
        ("He told TASS that all was well.", None, None, False),
        ("Reuters reported that the deal was off.", None, None, False),
        ("According to dpa, the deal was off.", None, None, False),
        ("The (PA) system failed during the concert.", None, None, False),
        ("Trump said on Thursday (local time) that he would go.", None, None, False),
        ("", None, None, False),
    ],
)
def test_parse_credit(text, wire, place, datelined):
    credit = parse_credit(text)
    assert (credit.wire, credit.place, credit.datelined) == (wire, place, datelined)
    if wire:
        assert credit.span is not None and text[credit.span.start : credit.span.end] == credit.span.text


def test_credit_lists_every_agency_and_the_dateline_date():
    credit = parse_credit("PARIS, Oct 17 (AFP) - Talks began. Officials told Reuters more. (With inputs from PTI)")
    assert credit.agencies == ("AFP", "PTI")
    assert credit.date_text == "Oct 17"


def test_seed_credits(seeds_dir):
    credits = {}
    for path in sorted(seeds_dir.iterdir()):
        body = path.read_text(encoding="utf-8").split(None, 2)[2]
        credit = parse_credit(body)
        credits[credit.wire] = credit
    assert set(credits) == {"AFP", "TASS"}
    assert credits["TASS"].datelined and credits["TASS"].place == "WASHINGTON"
    assert not credits["AFP"].datelined


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("Agence France-Presse", "AFP"), ("The Associated Press", "AP"), ("ITAR-TASS", "TASS"), ("REUTERS", "Reuters"),
     ("Press Trust of India", "PTI"), ("Anadolu Agency", "Anadolu"), ("DPA", "dpa"), ("Nobody", None)],
)
def test_canonical_agency(written, canonical):
    assert canonical_agency(written) == canonical


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-10-17", date(2025, 10, 17)),
        ("2025-10-17T23:30:00-05:00", date(2025, 10, 17)),  # the date as written, not UTC
        ("2025-10-17T09:30:00Z", date(2025, 10, 17)),
        ("Fri, 17 Oct 2025 09:30:00 GMT", date(2025, 10, 17)),
        ("17 October 2025", date(2025, 10, 17)),
        ("October 17, 2025", date(2025, 10, 17)),
        ("Oct. 17 2025", date(2025, 10, 17)),
        ("Friday, October 17, 2025 10:00 AM", date(2025, 10, 17)),
        ("2025/10/17", date(2025, 10, 17)),
        ("17.10.2025", date(2025, 10, 17)),
        ("17/10/2025", date(2025, 10, 17)),
        ("10/17/2025", date(2025, 10, 17)),
        ("20251017", date(2025, 10, 17)),
        (20251017, date(2025, 10, 17)),
        (datetime(2025, 10, 17, 9), date(2025, 10, 17)),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [("2025-02-30", "day is out of range"), ("2025-13-01", "month"), ("05/06/2025", "ambiguous"),
     ("tomorrow", "not a date"), ({"y": 2025}, "dict")],
)
def test_parse_date_errors(value, reason):
    with pytest.raises(DateError, match=reason):
        parse_date(value)
