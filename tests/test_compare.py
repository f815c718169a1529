"""The outlet comparison: sentence splitting, claim matching, voice share, wire copies, disagreements."""

from __future__ import annotations

from datetime import date

import pytest
from test_timeline import build_pipeline_store, read_seeds, span

from newsweave.analyze.compare import compare_outlets, render_comparison
from newsweave.errors import ConfigError
from newsweave.settings import CompareConfig
from newsweave.model import Article, Attribution, Extraction, Mention, Timex
from newsweave.store import Store
from newsweave.text import content_words, split_sentences


def test_split_sentences_keeps_offsets_and_abbreviations():
    text = ('Mr. Smith met U.S. officials on Oct. 3. "We agreed," he said. The talks end.\n\n'
            "A new paragraph without a stop\nNext line starts here.")
    sents = split_sentences(text)
    assert [s["text"] for s in sents] == [
        "Mr. Smith met U.S. officials on Oct. 3.", '"We agreed," he said.', "The talks end.",
        "A new paragraph without a stop", "Next line starts here."]
    for s in sents:
        assert text[s["start"]:s["end"]] == s["text"]


def test_content_words_stem_and_drop_stop_words():
    assert content_words("The leaders met; meetings were held") == ["leader", "meet", "meet", "hold"]


A = ("Officials in Northwick said on Monday that 40 workers repaired the Elm Street bridge. "
     "Mayor Ada Brenner said the bridge cost 12 million pounds. "
     "Local shops reported record sales during the festival weekend.")
B = ("Forty workers repaired the Elm Street bridge in Northwick, officials said on Monday. "
     "The bridge repairs cost 15 million pounds, Mayor Ada Brenner said. "
     "Residents complained about the noise from the night shifts at the quarry.")


def _extraction(article: Article, cost_sentence: str, mayor_content: str) -> Extraction:
    t = article.text
    ex = Extraction(article=article)
    ex.mentions = [Mention(*_pos(t, w), w, label) for w, label in
                   (("Northwick", "GPE"), ("Elm Street", "FAC"), ("Ada Brenner", "PERSON"))]
    start = t.index("Monday")
    ex.timexes = [Timex(start, start + 6, "Monday", "DATE", "2025-03-03")]
    ex.attributions = [Attribution(content=[span(t, mayor_content)], kind="indirect",
                                   source=span(t, "Mayor Ada Brenner"), cue=span(t, "said", t.index(cost_sentence)))]
    return ex


def _pos(text: str, words: str) -> tuple[int, int]:
    i = text.index(words)
    return i, i + len(words)


def _hand_store(path) -> Store:
    store = Store(path)
    a = Article(text=A, published=date(2025, 3, 3), outlet="Harbor Gazette")
    b = Article(text=B, published=date(2025, 3, 3), outlet="Valley Times")
    c = Article(text=A + " (Gazette)", published=date(2025, 3, 4), outlet="Coast Herald")
    ids = []
    for art, sent, content in ((a, "Mayor", "the bridge cost 12 million pounds"),
                               (b, "The bridge repairs", "The bridge repairs cost 15 million pounds"),
                               (c, "Mayor", "the bridge cost 12 million pounds")):
        aid = store.add_article(art).article_id
        store.save_extraction(aid, _extraction(art, sent, content))
        store.assign_story(aid, "bridge")
        ids.append(aid)
    store.mark_copy(ids[2], ids[0], "near", 0.98)
    store.save_story("bridge", "Elm Street bridge")
    return store


def test_compare_outlets_aligns_claims(tmp_path):
    d = compare_outlets(_hand_store(tmp_path / "c.db"), "bridge")
    outlets = {o["outlet"]: o for o in d["outlets"]}
    # The reprint is not a third outlet.
    assert set(outlets) == {"Harbor Gazette", "Valley Times"}
    assert outlets["Harbor Gazette"]["reprinted_by"] == ["Coast Herald"]
    gazette, times = outlets["Harbor Gazette"], outlets["Valley Times"]
    assert gazette["claims"] == 3 and gazette["shared"] == 2
    assert [c["text"] for c in gazette["only_here"]] == [
        "Local shops reported record sales during the festival weekend."]
    assert [c["text"] for c in times["only_here"]] == [
        "Residents complained about the noise from the night shifts at the quarry."]
    assert len(d["shared_claims"]) == 2 and all(g["outlets"] == ["Harbor Gazette", "Valley Times"]
                                                 for g in d["shared_claims"])
    # 12 vs 15 million is a disagreement; 40 vs "Forty" is not.
    numbers = [x for x in d["disagreements"] if x["about"] == "numbers"]
    assert len(numbers) == 1
    assert numbers[0]["Harbor Gazette"] == ["1.2e+07"] and numbers[0]["Valley Times"] == ["1.5e+07"]
    (voice,) = gazette["voice"]
    assert voice["speaker"] == "Mayor Ada Brenner" and voice["quotes"] == 1 and voice["words"] == 6
    assert voice["share"] == 1.0
    text = render_comparison(d)
    assert "only here: Local shops" in text and "numbers differ" in text


def test_the_compare_section_of_settings_decides_what_matches(tmp_path):
    store = _hand_store(tmp_path / "c.db")
    assert compare_outlets(store, "bridge", config=CompareConfig()) == compare_outlets(store, "bridge")
    # Only the sentence both outlets print word for word still matches at similarity 1.
    strict = compare_outlets(store, "bridge", config=CompareConfig(threshold=1.0))
    assert [g["similarity"] for g in strict["shared_claims"]] == [1.0] and strict["disagreements"] == []
    # Claims of fewer content words than asked for are no claims.
    fewer = compare_outlets(store, "bridge", config=CompareConfig(min_words=50))
    assert all(o["claims"] == 0 for o in fewer["outlets"])
    with pytest.raises(ConfigError, match="compare.name_bonus"):
        CompareConfig(name_bonus=1.5)


@pytest.mark.slow
def test_compare_on_seeds(tmp_path, seeds_dir):
    store, stories = build_pipeline_store(tmp_path / "s.db", read_seeds(seeds_dir))
    assert len(stories) == 1, "the two seed reports are one story"
    d = compare_outlets(store, stories[0])
    outlets = {o["outlet"]: o for o in d["outlets"]}
    assert set(outlets) == {"AFP", "TASS"}

    def only(outlet, word):
        return [c["text"] for c in outlets[outlet]["only_here"] if word in c["text"]]

    shared_text = " ".join(c["text"] for g in d["shared_claims"] for c in g["claims"])
    # Only AFP carries the Tomahawk warning and the Zelensky meeting.
    assert only("AFP", "Tomahawk") and "Tomahawk" not in shared_text
    assert only("AFP", "Zelensky") and "Zelensky" not in shared_text
    # Only TASS carries Boerum's remarks and the details of the Alaska talks.
    # (The TASS lead, which states the upcoming meeting and credits Boerum's view of it, may match
    # AFP's lead about the same meeting; Boerum's own remarks must not match anything.)
    for words in ("confidence is restored", "security concerns", "alternative sources", "other issues"):
        assert only("TASS", words) and words not in shared_text, words
    assert only("TASS", "three hours") and only("TASS", "Witkoff")
    assert "three hours" not in shared_text and "Witkoff" not in shared_text
    boerum = [v for v in outlets["TASS"]["voice"] if "Boerum" in (v["speaker"] or "")]
    assert boerum and not [v for v in outlets["AFP"]["voice"] if "Boerum" in (v["speaker"] or "")]
    # Both report the planned meeting and Ushakov's word on preparing it.
    assert any("Ushakov" in c["text"] and c["outlet"] == "AFP" for g in d["shared_claims"] for c in g["claims"])


def test_indexed_matching_equals_scoring_every_pair():
    """The candidate filter only skips pairs that cannot reach the threshold: same matches as all pairs."""
    import random

    from newsweave.analyze.compare import _Claim, _weigh, match_claims

    rnd = random.Random(11)
    # A skewed vocabulary, as in news prose: a few words in most claims, many in few.
    vocab = [f"w{i}" for i in range(60)]
    weights = [1 / (i + 1) for i in range(60)]
    dates = ["2026-03-02", "2026-03-03", "2026-03", "2026-W10", "2026", "2025-12-24"]
    outlets = ["Gazette", "Times", "Herald", "Courier"]
    claims = []
    for i in range(500):
        words = rnd.choices(vocab, weights, k=rnd.randrange(4, 16))
        c = _Claim(rnd.choice(outlets), i // 7, {"start": i, "end": i + 1, "text": " ".join(words)})
        c.names = set(rnd.sample(["e:1", "e:2", "e:3", "smith", "union"], rnd.randrange(0, 3)))
        c.numbers = set(rnd.sample(["12", "15", "40"], rnd.randrange(0, 2)))
        c.dates = set(rnd.sample(dates, rnd.randrange(0, 2)))
        c.context_dates = set(c.dates) or set(rnd.sample(dates, rnd.randrange(0, 2)))
        c.speakers = set(rnd.sample(["e:1", "e:2", "smith"], rnd.randrange(0, 2)))
        claims.append(c)
    _weigh(claims)
    for threshold in (0.05, 0.15, 0.25, 0.4, 0.6):
        fast = match_claims(claims, threshold)
        slow = match_claims(claims, threshold, all_pairs=True)
        assert fast == slow, threshold
    assert len(match_claims(claims, 0.25)) > 20  # the data does match, so the comparison means something
