"""Online story clustering on articles written for these tests."""

from __future__ import annotations

import json
from datetime import date

import pytest

from newsweave.errors import ConfigError
from newsweave.link.stories import (
    ArticleFeatures,
    StoryClusterer,
    cluster_stories,
    features_from_text,
)
from newsweave.settings import Settings

FLOOD_1 = ("Floods in the river valley of Tarnow forced three thousand residents from their homes on Monday "
           "after the Vistek dam overflowed. Rescue teams in boats evacuated villages along the river.")
FLOOD_2 = ("Rescue teams evacuated more villages in the Tarnow river valley on Tuesday as the Vistek dam kept "
           "overflowing; residents said the floods were the worst in decades.")
FLOOD_3 = ("The Vistek dam overflow left the Tarnow valley under water; officials said evacuated residents "
           "could return home once the river floods receded.")
CHESS_1 = ("Grandmaster Ilse Moravec won the Arlberg chess open on Sunday, beating the defending champion "
           "in a tense final game that lasted six hours.")
CHESS_2 = ("Ilse Moravec took the Arlberg open title after a six hour final game; the chess grandmaster said "
           "the win was the best of her career.")


def feats(key, text, day=None, names=()):
    return features_from_text(key, text, published=date(2025, 3, day) if day else None, names=names)


def test_related_articles_share_a_story_and_others_do_not():
    sc = StoryClusterer()
    a = sc.add("f1", feats("f1", FLOOD_1, 3, ["Tarnow", "Vistek"]))
    b = sc.add("c1", feats("c1", CHESS_1, 3, ["Ilse Moravec", "Arlberg"]))
    assert a != b
    assert sc.add("f2", feats("f2", FLOOD_2, 4, ["Tarnow", "Vistek"])) == a
    assert sc.add("c2", feats("c2", CHESS_2, 4, ["Moravec", "Arlberg"])) == b
    assert sc.add("f3", feats("f3", FLOOD_3, 5, ["Vistek", "Tarnow"])) == a
    assert sc.members(a) == ["f1", "f2", "f3"]
    assert sc.add("f1", feats("f1", FLOOD_1, 3)) == a  # a known key keeps its story
    actions = [h["action"] for h in sc.history]
    assert actions.count("created") == 2 and actions.count("joined") == 3


def test_time_window_keeps_far_apart_articles_apart():
    sc = StoryClusterer(Settings(story_window_days=2))
    a = sc.add("f1", feats("f1", FLOOD_1, 1))
    assert sc.add("f2", feats("f2", FLOOD_2, 20)) != a


def test_story_titles_are_readable():
    sc = StoryClusterer()
    sid = sc.add("f1", features_from_text("f1", FLOOD_1, title="Dam overflows in Tarnow valley"))
    (story,) = sc.stories()
    assert story.id == sid and story.title == "Dam overflows in Tarnow valley"
    sid2 = sc.add("c1", features_from_text("c1", CHESS_1))
    assert next(s for s in sc.stories() if s.id == sid2).title.startswith("Grandmaster Ilse Moravec")


def test_batch_equals_one_by_one_in_date_order():
    items = [feats("f2", FLOOD_2, 4), feats("c1", CHESS_1, 3), feats("f1", FLOOD_1, 3),
             feats("c2", CHESS_2, 5), feats("f3", FLOOD_3, None)]
    batch = cluster_stories(items)
    sc = StoryClusterer()
    one = {f.key: sc.add(f.key, f) for f in [items[1], items[2], items[0], items[3], items[4]]}
    assert batch == one


def test_state_round_trip_gives_same_next_answer():
    sc = StoryClusterer()
    sc.add("f1", feats("f1", FLOOD_1, 3))
    sc.add("c1", feats("c1", CHESS_1, 3))
    state = json.loads(json.dumps(sc.to_state()))
    again = StoryClusterer.from_state(state)
    f = feats("f2", FLOOD_2, 4)
    assert again.add("f2", f) == sc.add("f2", ArticleFeatures.from_json(json.loads(json.dumps(f.to_json()))))
    assert again.assignments == sc.assignments


def test_merge_is_recorded():
    sc = StoryClusterer(threshold=0.99)
    a = sc.add("f1", feats("f1", FLOOD_1, 3))
    b = sc.add("f2", feats("f2", FLOOD_2, 3))
    assert a != b
    sc.merge(a, b, reason="editor")
    assert sc.story_of("f2") == a and sc.history[-1]["action"] == "merged"


def test_bad_options_fail_fast():
    with pytest.raises(ConfigError):
        StoryClusterer(threshold=1.5)
