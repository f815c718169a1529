"""Online story clustering on articles written for these tests."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from newsweave.errors import ConfigError
from newsweave.link.stories import (
    ArticleFeatures,
    StoryClusterer,
    cluster_stories,
    features_from_text,
)
from newsweave.link.story_features import recalled_months, tells_a_recurrence
from newsweave.settings import Settings, StoryConfig

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


def test_a_store_goes_on_with_the_story_window_it_was_built_with():
    sc = StoryClusterer(Settings(story_window_days=7))
    sc.add("f1", feats("f1", FLOOD_1, 3))
    again = StoryClusterer.from_state(json.loads(json.dumps(sc.to_state())), Settings())
    assert again.settings.story_window_days == 7
    assert StoryClusterer(Settings()).settings.story_window_days == Settings().story_window_days


def test_merge_is_recorded():
    sc = StoryClusterer(Settings(stories=StoryConfig(threshold=1.0)))
    a = sc.add("f1", feats("f1", FLOOD_1, 3))
    b = sc.add("f2", feats("f2", FLOOD_2, 3))
    assert a != b
    sc.merge(a, b, reason="editor")
    assert sc.story_of("f2") == a and sc.history[-1]["action"] == "merged"


def test_bad_options_fail_fast():
    with pytest.raises(ConfigError):
        StoryConfig(threshold=1.5)


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
    settings = Settings(story_window_days=3, stories=StoryConfig(merge_threshold=merge_threshold))
    live = StoryClusterer(settings)
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


def test_a_story_past_the_window_is_joined_by_a_follow_up_that_names_its_month():
    settings = Settings(story_window_days=2, stories=StoryConfig(recall_days=60))

    def flood_story() -> tuple[StoryClusterer, str]:
        sc = StoryClusterer(settings)
        a = sc.add("f1", feats("f1", FLOOD_1, 1, ["Tarnow", "Vistek"]))
        assert sc.add("f2", feats("f2", FLOOD_2, 2, ["Tarnow", "Vistek"])) == a
        return sc, a

    later = features_from_text("f3", FLOOD_2, published=date(2025, 4, 20), names=["Vistek", "Tarnow"])
    sc, a = flood_story()
    assert sc.add("f3", later) != a  # past the window and naming no month of the flood: news of its own
    sc, a = flood_story()
    # "the floods in March": a follow-up recalls when its story happened
    assert sc.add("f3", replace(later, recalls=frozenset({"2025-03"}))) == a
    assert sc.story(a).last == date(2025, 4, 20)
    # recall_days after its last article a story retires: no recall reaches it
    gone = features_from_text("f4", FLOOD_2, published=date(2025, 6, 30), names=["Vistek", "Tarnow"])
    assert sc.add("f4", replace(gone, recalls=frozenset({"2025-03", "2025-04"}))) != a
    assert sc.live_stories() == 1


def test_a_follow_up_recalls_the_months_its_time_values_name():
    published = date(2025, 10, 17)
    assert recalled_months(["2025-02-24", "2025-06", "2025-10-16", "2025", "2025-W07", "2026-01", None],
                           published) == {"2025-02", "2025-06"}
    assert recalled_months(["2025-02-24"], None) == frozenset()


def test_a_follow_up_that_tells_its_event_as_one_more_recalls_no_story():
    # "last June's" strike is the other strike when the headline says "again", "second", "this time"
    assert tells_a_recurrence("Dockworkers strike again at Brennick, this time over automated cranes", "")
    assert tells_a_recurrence("Pellmont Bank hit by second data breach", "")
    assert tells_a_recurrence("Port fire", "Another fire broke out at the docks of Port Halden on Monday.")
    assert not tells_a_recurrence("Strike enters second week at Brennick", "")
    assert not tells_a_recurrence("Trial opens for signalman over Sorrel Junction crash",
                                  "The trial of a signalman accused over the collision on June 28 last year opened.")


def test_stories_out_of_the_window_retire_for_good():
    sc = StoryClusterer(Settings(story_window_days=2, stories=StoryConfig(recall_days=0)))
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


# -- splits ---------------------------------------------------------------------------------------------
# The split mechanics do not depend on the similarity; these hand-made feeds (whose titles all read
# "Report ...", which the learned similarity rightly takes for one story) are scored by the word cosine.
WORD_COSINE = Settings(stories=StoryConfig(similarity="newsweave.stories.cosine.v1"))

def _bridged_feed():
    """A story held together by one article: a "harbour strike" group and a "ferry fare" group that only
    the bridging report (about both) links; after it, each group grows on its own words.

    Every article has words of its own too, so no two are alike. 1 + 1 + 15 + 15 = 32 members: when the
    last joins, the bridge's vector is no longer among the ``recent_members`` (30) latest ones.
    """
    strike = {"harbour": 2, "strike": 2, "dockers": 2}
    fares = {"ferry": 2, "fares": 2, "commuters": 2}

    def art(key, common, day):
        return ArticleFeatures(key, {**common, f"{key}x": 1, f"{key}y": 1}, {}, date(2025, 5, day),
                               f"Report {key}", "Outlet")

    feed = [art("s0", strike, 1), ArticleFeatures("bridge", {**strike, **fares, "bridgex": 1}, {}, date(2025, 5, 1),
                                                    "Strike halts ferries", "Outlet")]
    feed += [art(f"s{i}", strike, 2) for i in range(1, 16)]
    feed += [art(f"f{i}", fares, 3) for i in range(1, 16)]
    return feed


def test_a_story_whose_bridge_leaves_splits_and_keeps_the_history():
    sc = StoryClusterer(WORD_COSINE)
    sids = {f.key: sc.add(f.key, f) for f in _bridged_feed()}
    old = sids["s0"]
    assert len(set(sids.values())) == 1  # all joined one story while the bridge was live
    split = [h for h in sc.history if h["action"] == "split"]
    assert len(split) == 1 and split[0]["from"] == old
    new = split[0]["story"]
    assert split[0]["articles"] == [f"s{i}" for i in range(1, 16)]
    assert sc.members(new) == split[0]["articles"]
    # The newest article's group keeps the story, with the members that no longer have vectors.
    assert sc.members(old) == ["s0", "bridge"] + [f"f{i}" for i in range(1, 16)]
    assert sc.story_of("f15") == old and sc.story_of("s3") == new
    story = sc.story(new)
    assert story.title.startswith("Report s") and story.first == story.last == date(2025, 5, 2)
    # The split-off story goes on growing on its own words.
    later = ArticleFeatures("s16", {"harbour": 2, "strike": 2, "dockers": 2, "s16x": 1}, {}, date(2025, 5, 4))
    assert sc.add("s16", later) == new


def test_a_story_without_a_lost_link_does_not_split():
    sc = StoryClusterer(WORD_COSINE)
    feed = [f for f in _bridged_feed() if f.key != "bridge"]
    for f in feed[:17]:
        sc.add(f.key, f)
    assert not any(h["action"] == "split" for h in sc.history)


def test_records_after_a_split_rebuild_the_same_clusterer():
    feed = _bridged_feed()
    live = StoryClusterer(WORD_COSINE)
    store: dict = {}
    header = None
    for i, f in enumerate(feed):
        live.add(f.key, f)
        if i % 7 == 0:
            header = _apply(store, live.state_changes())
    header = _apply(store, live.state_changes())
    assert any(h["action"] == "split" for h in live.history)
    rebuilt = StoryClusterer.from_records(header, store.items())
    assert rebuilt.to_state() == json.loads(json.dumps(live.to_state()))
    assert StoryClusterer.from_state(json.loads(json.dumps(live.to_state()))).to_state() == live.to_state()
    later = ArticleFeatures("s16", {"harbour": 2, "strike": 2, "dockers": 2, "s16x": 1}, {}, date(2025, 5, 4))
    assert rebuilt.add("s16", later) == live.add("s16", later)
    assert rebuilt.to_state() == live.to_state()


def test_batch_clustering_gives_the_split_answer():
    feed = _bridged_feed()
    sc = StoryClusterer(WORD_COSINE)
    for f in feed:
        sc.add(f.key, f)
    assert cluster_stories(feed, WORD_COSINE) == {f.key: sc.story_of(f.key) for f in feed}


@pytest.mark.slow
def test_a_processed_store_follows_the_split(tmp_path):
    """Articles written here, through the real pipeline and the store: article_story moves with a split."""
    from newsweave.jobs import ingest_articles, process_store
    from newsweave.model import Article
    from newsweave.store import Store

    # Four recent members instead of thirty, so that six short articles show the bridge leaving.
    settings = Settings(stories=StoryConfig(recent_members=4))
    texts = [
        "Dockers at the Veltmar harbour walked out on strike on Monday, leaving container ships idle at the quays.",
        ("The dockers' strike at Veltmar harbour halted the Ostrand ferry, and stranded commuters now face "
         "higher ferry fares on the longer route."),
        "The Veltmar harbour strike entered its second day as dockers picketed the container quays.",
        "Striking dockers blocked the gates of Veltmar harbour again; container ships waited offshore.",
        "Ostrand commuters protested against the new ferry fares, which doubled overnight.",
        "The ferry company defended the higher Ostrand fares, saying commuters would get faster boats.",
    ]
    with Store(tmp_path / "split.db") as store:
        ingest_articles(store, [Article(text=t, published=date(2025, 6, 2 + i), outlet="Coast News",
                                        title=t.split(",")[0][:60]) for i, t in enumerate(texts)])
        process_store(store, settings)
        rows = dict(store.db.execute("SELECT article_id, story_id FROM article_story"))
        history = store.db.execute("SELECT story_id, kind, detail FROM story_history WHERE kind = 'split'").fetchall()
        titles = dict(store.db.execute("SELECT id, title FROM stories"))
    ids = sorted(rows)
    old, new = rows[ids[0]], rows[ids[2]]
    assert old != new and rows[ids[3]] == new
    assert [rows[i] for i in ids] == [old, old, new, new, old, old]
    assert {sid for sid, _, _ in history} == {old, new}
    assert all([int(k) for k in json.loads(d)["articles"]] == ids[2:4] for _, _, d in history)
    assert set(titles) == {old, new} and titles[new] != new  # the split-off story has a real title


def test_links_kept_on_join_are_the_links_rebuilt_from_the_vectors():
    sc = StoryClusterer(Settings(story_window_days=60))  # nothing retires: every story is checked
    for f in _synthetic_feed(400):
        sc.add(f.key, f)
    checked = 0
    for st in sc._stories.values():
        if st.links is None or len(st.recent_keys) < 2:
            continue
        kept = {k: set(v) for k, v in st.links.items() if k in st.recent_keys}
        st.links = None
        groups = sc._linked_groups(st)
        assert {k: v & set(st.recent_keys) for k, v in kept.items()} == \
            {k: v & set(st.recent_keys) for k, v in st.links.items()}
        assert sum(map(len, groups)) == len(st.recent_keys)
        checked += 1
    assert checked > 10


def test_a_clusterer_rebuilt_before_the_split_splits_the_same():
    # The rebuilt clusterer scores its members' links afresh; the live one kept them since each join.
    feed = _bridged_feed()
    live = StoryClusterer(WORD_COSINE)
    store: dict = {}
    for f in feed[:-1]:
        live.add(f.key, f)
    header = _apply(store, live.state_changes())
    rebuilt = StoryClusterer.from_records(header, store.items())
    assert rebuilt.add(feed[-1].key, feed[-1]) == live.add(feed[-1].key, feed[-1])
    assert rebuilt.history[-1]["action"] == "split"
    assert rebuilt.to_state() == live.to_state()


# -- the config section and the learned similarity -------------------------------------------------------
def test_story_config_fails_fast_naming_the_valid_values():
    with pytest.raises(ConfigError, match="cosine.v1"):
        StoryConfig(similarity="newsweave.stories.tfidf.v9")
    with pytest.raises(ConfigError, match="recent_members"):
        StoryConfig(recent_members=0)
    with pytest.raises(ConfigError, match="valid"):
        StoryConfig.from_json({"threshold": 0.3, "linkage": "max"})
    with pytest.raises(ConfigError, match="StoryConfig"):
        Settings(stories={"threshold": 0.3})


def test_the_config_is_recorded_and_a_rebuilt_clusterer_keeps_it():
    config = StoryConfig(recent_members=7, idf_power=0.5, similarity="newsweave.stories.cosine.v1")
    live = StoryClusterer(Settings(stories=config))
    for f in _synthetic_feed(60):
        live.add(f.key, f)
    store: dict = {}
    header = _apply(store, live.state_changes())
    assert StoryConfig.from_json(header["config"]) == config and header["threshold"] == 0.29
    # The store's config wins over the caller's: the state was built with it.
    rebuilt = StoryClusterer.from_records(header, store.items(), Settings(stories=StoryConfig()))
    assert rebuilt.config == config and rebuilt.to_state() == json.loads(json.dumps(live.to_state()))


def test_a_header_saved_before_the_config_section_rebuilds_as_the_word_cosine():
    live = StoryClusterer(Settings(stories=StoryConfig(similarity="newsweave.stories.cosine.v1", threshold=0.4)))
    for f in _synthetic_feed(40):
        live.add(f.key, f)
    store: dict = {}
    header = _apply(store, live.state_changes())
    old = {k: v for k, v in header.items() if k != "config"} | {"version": 2, "entity_weight": 0.0,
                                                                 "merge_threshold": 1.0}
    rebuilt = StoryClusterer.from_records(old, store.items())
    assert rebuilt.config.similarity == "newsweave.stories.cosine.v1" and rebuilt.threshold == 0.4


def test_the_learned_similarity_is_fitted_and_reads_more_than_the_words():
    from newsweave.link.story_model import FEATURES, load_model

    model = load_model()
    assert len(model.weights) == len(FEATURES) and 0 < model.threshold < 1
    assert model.fitted["script"] == "benchmarks/train_story_model.py" and model.fitted["cv_bcubed_f1"] > 0.85
    words = "talks quota herring mackerel negotiators coastal states broke down officials"
    sims = {}
    for title in ("Quota talks collapse", "Grain prices climb"):
        sc = StoryClusterer()
        sc.add("a", features_from_text("a", words + " 2024", title="Quota talks collapse", published=date(2025, 3, 3)))
        sc.add("b", features_from_text("b", words + " 2019", title=title, published=date(2025, 3, 3)))
        assert sc.history[-1]["action"] == "joined"
        sims[title] = sc.history[-1]["similarity"]  # the model's probability that the two are one story
    assert 0 < sims["Grain prices climb"] < sims["Quota talks collapse"] <= 1  # shown rounded to 3 places


def test_a_person_is_a_name_and_a_person_and_the_leading_person_is_the_most_weighed():
    from newsweave.link.story_features import name_counts
    from newsweave.link.story_model import lead_person, person_overlaps

    names = name_counts(["San Diego Chargers", "Vincent Jackson", "Jackson"], persons=["Vincent Jackson", "Jackson"])
    assert names["jackson"] == 2 and names["@jackson"] == 2 and names["@vincent"] == 1 and "@chargers" not in names
    assert lead_person(names) == "@jackson"
    other = name_counts(["Chargers", "Jamal Williams"], persons=["Jamal Williams", "Williams"])
    same = name_counts(["Jackson"], persons=["Jackson"])
    unnamed = name_counts(["Chargers"])
    both, shared = person_overlaps(names, [other, same, unnamed])
    assert both.tolist() == [True, True, False] and shared.tolist() == [False, True, False]


def test_two_reports_of_one_kind_of_event_about_different_people_score_lower_than_about_one():
    # The same words (an arrest, a team, a charge); who was arrested is the difference.
    words = "chargers receiver arrested suspicion drunk driving san diego police released bail"
    sims = {}
    for person in ("Vincent Jackson", "Jamal Williams"):
        sc = StoryClusterer()
        sc.add("a", features_from_text("a", words + " highway patrol stopped early morning breath test",
                                       title="Chargers player arrested", published=date(2009, 2, 3),
                                       names=["Vincent Jackson", "San Diego"], persons=["Vincent Jackson"]))
        sc.add("b", features_from_text("b", words + " coach statement team aware matter league review",
                                       title="Charger held", published=date(2009, 2, 3),
                                       names=[person, "San Diego"], persons=[person]))
        sims[person] = next(h["similarity"] for h in sc.history if h["article"] == "b")
    assert sims["Jamal Williams"] < sims["Vincent Jackson"]
