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


# -- incremental state and the time window ------------------------------------------------------------
def _synthetic_feed(n, seed=3, days=60, topics=40):
    """``n`` dated articles on short-lived made-up topics (each topic lives about five days)."""
    import random

    rng = random.Random(seed)
    def word():  # the parse-free path keeps letters-only words
        return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(7))

    common = [word() for _ in range(60)]
    vocab = {t: [word() for _ in range(14)] for t in range(topics)}
    start = {t: rng.randrange(days) for t in range(topics)}
    out = []
    for i in range(n):
        t = rng.randrange(topics)
        words = rng.sample(vocab[t], 8) + rng.sample(common, 6) + [str(1990 + t)]
        day = date(2025, 1, 1).toordinal() + start[t] + rng.randrange(5)
        out.append(features_from_text(f"a{i}", " ".join(words), published=date.fromordinal(day),
                                      outlet=f"o{i % 5}", names=[f"Name{t} Person"] if i % 3 else []))
    out.sort(key=lambda f: f.published)
    return out


def _apply(store, delta):
    # As a store would: records and header through JSON, upserted, dropped keys deleted.
    delta = json.loads(json.dumps({"header": delta.header, "put": delta.put, "drop": sorted(delta.drop)}))
    store.update(delta["put"])
    for k in delta["drop"]:
        store.pop(k, None)
    return delta["header"]


@pytest.mark.parametrize("merge_threshold", [1.0, 0.5])
def test_records_rebuild_a_clusterer_that_decides_the_same(merge_threshold):
    feed = _synthetic_feed(400)
    settings = Settings(story_window_days=3)
    live = StoryClusterer(settings, merge_threshold=merge_threshold)
    store: dict = {}
    header = None
    for i, f in enumerate(feed[:300]):
        if i % 37 == 5:
            live.attach(f.key, feed[i - 1].key, f)  # a copy joins its original's story
        else:
            live.add(f.key, f)
        if i % 25 == 0:
            header = _apply(store, live.state_changes())
    header = _apply(store, live.state_changes())
    assert not any(k.startswith("story:") and "\x00" in k for k in store)
    rebuilt = StoryClusterer.from_records(header, store.items(), settings)
    assert rebuilt.to_state() == json.loads(json.dumps(live.to_state()))
    assert len(rebuilt.state_changes()) == 0  # nothing pending after a rebuild
    for f in feed[300:]:
        assert rebuilt.add(f.key, f) == live.add(f.key, f)
    assert rebuilt.to_state() == live.to_state()
    # The two keep producing the same records.
    again: dict = dict(store)
    header = _apply(again, rebuilt.state_changes())
    _apply(store, live.state_changes())
    assert again == store
    assert StoryClusterer.from_records(header, again.items(), settings).to_state() == live.to_state()


def test_one_article_changes_a_bounded_number_of_records():
    feed = _synthetic_feed(3000, days=300, topics=200)
    sizes = {}
    for n in (300, 2999):
        sc = StoryClusterer(Settings(story_window_days=3))
        for f in feed[:n]:
            sc.add(f.key, f)
        sc.state_changes()
        sc.add(feed[n].key, feed[n])
        delta = sc.state_changes()
        # The new article's document frequencies, its story, assignment, vectors and history entry
        # (plus a recent member pushed out and stories retired by the clock).
        assert len(delta) <= len(feed[n].terms) + len(feed[n].names) + 12
        sizes[n] = len(json.dumps({"h": delta.header, "p": delta.put, "d": sorted(delta.drop)}))
    assert sizes[2999] < 2 * sizes[300]


def test_stories_out_of_the_window_retire_for_good():
    sc = StoryClusterer(Settings(story_window_days=2))
    a = sc.add("f1", feats("f1", FLOOD_1, 1, ["Tarnow", "Vistek"]))
    assert sc.add("f2", feats("f2", FLOOD_2, 2, ["Tarnow", "Vistek"])) == a
    sc.state_changes()
    assert sc.add("c1", feats("c1", CHESS_1, 9)) != a  # the clock moves past the flood story
    delta = sc.state_changes()
    assert delta.put[f"story:{a}"].get("retired") is True and "terms" not in delta.put[f"story:{a}"]
    assert {"vec:f1", "vec:f2"} <= delta.drop
    assert sc.live_stories() == 1
    assert sc.add("f3", feats("f3", FLOOD_3, 9, ["Vistek", "Tarnow"])) != a
    assert sc.members(a) == ["f1", "f2"] and sc.story(a).title  # still listed, with its members
    # A late reprint of a retired story's article still joins that story, as a member only.
    assert sc.attach("f1copy", "f1", feats("f1copy", FLOOD_1, 10)) == a
    assert sc.members(a) == ["f1", "f2", "f1copy"] and sc.live_stories() == 2
    assert StoryClusterer.from_state(json.loads(json.dumps(sc.to_state()))).to_state() == sc.to_state()
