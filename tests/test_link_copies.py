"""Wire copies and versions: MinHash candidates, similarity bands, first-seen originals, state."""

from __future__ import annotations

import json
from datetime import date

import pytest

from newsweave.errors import ConfigError
from newsweave.link.copies import CopyDetector, shingles, signature
from newsweave.link.online import OnlineLinker
from newsweave.model import Article
from newsweave.settings import CopyConfig, Settings

REPORT = (
    "The harbour authority of Port Elvin said on Tuesday that two cargo ships collided in thick fog near "
    "the northern breakwater, spilling several tonnes of fuel oil into the bay. No crew members were hurt, "
    "a spokeswoman said, and clean-up crews with floating barriers were at work by the afternoon. Fishing "
    "in the bay has been suspended until further notice while inspectors measure the damage to the coast. "
    "The two vessels, one registered in Malta and one in Panama, were towed to the inner harbour."
)
OTHER = (
    "The city council of Marrow voted late on Monday to close three public libraries next spring, citing "
    "a budget gap of four million euros. Librarians and parents protested outside the town hall, and the "
    "opposition promised to put the closures to a referendum before the summer recess begins."
)


def test_shingles_normalise_case_and_punctuation():
    assert shingles("The  Ship, the SHIP!", size=2) == {"the ship", "ship the"}


def test_reprint_is_copy_of_first_seen_original():
    det = CopyDetector()
    assert det.add("a", Article(REPORT, wire="AFP")) is None
    m = det.add("b", Article(REPORT.replace("Tuesday", "Tuesday,"), outlet="Daily", wire="AFP"))
    assert m is not None and m.kind == "copy" and m.original == "a"
    # a copy of the copy still points at the first-seen source
    m2 = det.add("c", Article(REPORT, outlet="Weekly"))
    assert m2.original == "a" and m2.kind == "copy"


def test_edited_republication_is_version():
    det = CopyDetector()
    det.add("a", Article(REPORT))
    edited = REPORT.rsplit(".", 2)[0] + ". Officials said an inquiry into the collision would open next week."
    m = det.add("b", Article(edited))
    assert m is not None and m.kind in ("version", "copy") and m.original == "a"
    assert 0.5 <= m.similarity <= 1.0


def test_unrelated_article_is_original():
    det = CopyDetector()
    det.add("a", Article(REPORT))
    assert det.add("b", Article(OTHER)) is None
    assert det.original_of("b") == "b"


def test_state_round_trip_keeps_answers():
    det = CopyDetector()
    det.add("a", Article(REPORT, wire="AFP"))
    det.add("b", Article(REPORT, wire="AFP"))
    state = json.loads(json.dumps(det.to_state()))
    again = CopyDetector.from_state(state)
    assert again.matches == det.matches
    m = again.add("c", Article(REPORT), sig=signature(REPORT))
    assert m.original == "a"


def test_bad_thresholds_fail_fast():
    with pytest.raises(ConfigError, match="version_threshold <= copy_threshold"):
        CopyConfig(copy_threshold=0.4, version_threshold=0.6)
    with pytest.raises(ConfigError, match="copies must be a CopyConfig"):
        Settings(copies={"copy_threshold": 0.9})


def test_the_copies_section_of_settings_decides_and_is_kept_with_the_state():
    edited = REPORT + " Repairs to the breakwater will take a week."  # shingle Jaccard 0.92
    strict = OnlineLinker(Settings(copies=CopyConfig(copy_threshold=0.99, version_threshold=0.3))).copies
    strict.add("a", Article(REPORT))
    assert strict.add("b", Article(edited)).kind == "version"  # the default bands call it a copy
    assert CopyDetector().add("a", Article(REPORT)) is None
    default = CopyDetector()
    default.add("a", Article(REPORT))
    assert default.add("b", Article(edited)).kind == "copy"
    # A detector rebuilt from its saved state goes on with the bands it was built with.
    again = CopyDetector.from_state(json.loads(json.dumps(strict.to_state())))
    assert again.config == strict.config


def _apply(records: dict, delta) -> None:
    for key in delta.drop:
        records.pop(key, None)
    records.update(json.loads(json.dumps(delta.put)))


def test_incremental_records_rebuild_the_same_detector():
    det = CopyDetector()
    records: dict = {}
    det.add("a", Article(REPORT, wire="AFP", published=date(2025, 1, 1)))
    _apply(records, det.state_changes())
    det.add("b", Article(REPORT, wire="AFP", published=date(2025, 1, 2)))
    det.add("c", Article(OTHER, published=date(2025, 1, 2)))
    delta = det.state_changes()
    assert set(delta.put) == {"a:b", "m:b", "a:c"} and not delta.drop  # only what the adds touched
    _apply(records, delta)
    assert not det.state_changes()  # nothing pending after a report
    again = CopyDetector.from_records(json.loads(json.dumps(delta.header)), records.items())
    assert again.to_state() == det.to_state()
    assert again.add("d", Article(REPORT, published=date(2025, 1, 3))).original == "a"


def test_articles_leave_the_candidates_after_the_window():
    det = CopyDetector(CopyConfig(window_days=30))
    det.add("a", Article(REPORT, published=date(2025, 1, 1)))
    det.add("x", Article(OTHER, published=date(2025, 3, 1)))  # moves the clock on: "a" retires
    delta = det.state_changes()
    assert "a:a" not in delta.put and len(det) == 1
    assert det.add("b", Article(REPORT, published=date(2025, 3, 2))) is None  # too late to be a reprint
    capped = CopyDetector(CopyConfig(max_active=2))
    for i, text in enumerate((REPORT, OTHER, REPORT + " More.", OTHER + " More.")):
        capped.add(str(i), Article(text))
    assert len(capped) == 2
