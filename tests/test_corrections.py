"""The analyst's corrections: stored as decisions, re-applied over what the linkers write, undone cleanly,
exported, and made from the CLI and the web. A real SQLite store throughout; one slow test runs the real
pipeline and checks the corrections hold when new articles are processed."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from newsweave.cli import cli
from newsweave.errors import StoreError
from newsweave.model import (
    Actor,
    Article,
    Attribution,
    Entity,
    Event,
    Extraction,
    Mention,
    Span,
)
from newsweave.store import Store, entity_detail, list_quotes, story_detail
from newsweave.store.corrections import (
    add_correction,
    apply_corrections,
    list_corrections,
    quote_target,
    undo_correction,
)

TEXT_1 = "Mayor Ana Lopez said the bridge will reopen. \"We are ready,\" Lopez said. Coach Lopez disagreed."
TEXT_2 = "Ana Lopez told the council the bridge was safe. Officials said the works cost more."
TEXT_3 = "Floods closed the river road on Monday, the town said."


def _span(text: str, needle: str, after: int = 0) -> Span:
    start = text.index(needle, after)
    return Span(start, start + len(needle), needle)


def _mention(text: str, needle: str, entity_id: str, after: int = 0) -> Mention:
    s = _span(text, needle, after)
    return Mention(s.start, s.end, s.text, "PERSON", entity_id=entity_id)


def _extraction(article: Article, key: int) -> Extraction:
    """What the pipeline and linker would store for each of the three articles."""
    ex = Extraction(article=article)
    text = article.text
    if key == 1:
        ex.mentions = [_mention(text, "Ana Lopez", "E-lopez"), _mention(text, "Lopez", "E-lopez", after=50),
                       _mention(text, "Coach Lopez", "E-lopez")]
        ex.attributions = [
            Attribution(content=[_span(text, "the bridge will reopen")], kind="indirect",
                        source=_span(text, "Mayor Ana Lopez"), cue=_span(text, "said"), speaker=ex.mentions[0]),
            Attribution(content=[_span(text, "We are ready,")], kind="direct", source=ex.mentions[1].to_span(),
                        cue=_span(text, "said", after=50), speaker=ex.mentions[1]),
        ]
    elif key == 2:
        ex.mentions = [_mention(text, "Ana Lopez", "E-ana"), _mention(text, "Officials", "E-officials")]
        ex.attributions = [
            Attribution(content=[_span(text, "the works cost more")], kind="indirect",
                        source=ex.mentions[1].to_span(), cue=_span(text, "said"), speaker=ex.mentions[1]),
        ]
        ex.events = [Event(type="CONSULT", evidence=_span(text, "told the council"),
                           source=[Actor("Ana Lopez", entity_id="E-ana")], target=[Actor("council")])]
    else:
        ex.mentions = [_mention(text, "the town", "E-town")]
    return ex


@pytest.fixture
def filled(tmp_path):
    """A store as `process` leaves it: three articles, two stories, entities, quotes."""
    path = tmp_path / "c.db"
    with Store(path) as store:
        ids = {}
        for key, (text, outlet) in {1: (TEXT_1, "Harbour Times"), 2: (TEXT_2, "Portville Post"),
                                    3: (TEXT_3, "Valley Courier")}.items():
            article = Article(text=text, published=date(2026, 3, key), outlet=outlet, title=f"Article {key}")
            ids[key] = store.add_article(article).article_id
            ex = _extraction(article, key)
            store.save_extraction(ids[key], ex)
            store.set_mention_entities(ids[key], ex)
        _link(store, ids)
        yield store, ids


def _link(store: Store, ids: dict) -> None:
    """What the linker writes for these articles (again and again: every batch re-saves what it touched)."""
    store.save_entities([Entity("E-lopez", "Ana Lopez", "PERSON", {"Ana Lopez", "Lopez", "Coach Lopez"}),
                         Entity("E-ana", "Ana Lopez", "PERSON", {"Ana Lopez"}),
                         Entity("E-officials", "officials", "NOMINAL", set()),
                         Entity("E-town", "town", "NOMINAL", set())])
    for key, story in ((1, "S-bridge"), (2, "S-bridge"), (3, "S-flood")):
        store.assign_story(ids[key], story)
    store.save_story("S-bridge", "Bridge to reopen")
    store.save_story("S-flood", "Floods close river road")


def _relink(store: Store, ids: dict) -> None:
    """A later `process`: the linker writes its own view again, then the corrections are re-applied."""
    with store.atomic():
        _link(store, ids)
        apply_corrections(store)


def test_a_renamed_entity_keeps_its_name_when_the_linker_writes_again(filled):
    store, ids = filled
    made = add_correction(store, "rename-entity", "E-lopez", {"name": "Ana María López"}, note="her full name")
    assert made["note"] == "her full name" and made["made_at"] and made["active"]
    assert entity_detail(store, "E-lopez")["name"] == "Ana María López"
    _relink(store, ids)
    assert entity_detail(store, "E-lopez")["name"] == "Ana María López"
    assert entity_detail(store, "Ana María López")["id"] == "E-lopez"  # found by its new name
    assert {q["speaker_name"] for q in list_quotes(store, story="S-bridge") if q["article_id"] == ids[1]} == {
        "Ana María López"}
    undo_correction(store, made["id"])
    assert entity_detail(store, "E-lopez")["name"] == "Ana Lopez"
    assert "Ana María López" not in entity_detail(store, "E-lopez")["aliases"]
    _relink(store, ids)
    assert entity_detail(store, "E-lopez")["name"] == "Ana Lopez"
    assert list_corrections(store)[0]["undone_at"] is not None


def test_re_applying_over_the_linker_does_not_mark_pages_changed(filled):
    """A correction re-applied after each batch changes nothing a reader sees: the stories that mention a
    renamed entity keep their version (so their cached pages stay), unlike when it was first made."""
    store, _ = filled

    def version():
        return store.db.execute("SELECT updated_at FROM stories WHERE id = 'S-bridge'").fetchone()[0]

    before = version()
    add_correction(store, "rename-entity", "E-lopez", {"name": "Ana María López"})
    made = version()
    assert made > before
    with store.atomic():
        store.save_entities([Entity("E-lopez", "Ana Lopez", "PERSON", {"Ana Lopez"})])  # the linker again
        assert apply_corrections(store) == 1
    assert version() == made and entity_detail(store, "E-lopez")["name"] == "Ana María López"


def test_a_rejected_quote_stays_rejected_when_its_article_is_processed_again(filled):
    store, ids = filled
    quote = next(q for q in list_quotes(store) if q["kind"] == "direct")
    target, span = quote_target(store, quote["id"])
    made = add_correction(store, "reject-quote", target, span)
    assert all(q["kind"] != "direct" for q in list_quotes(store))
    # Processing the article again writes its quotes anew; the batch's corrections remove it again.
    article = store.article(ids[1])
    store.save_extraction(ids[1], _extraction(article, 1))
    _relink(store, ids)
    assert all(q["kind"] != "direct" for q in list_quotes(store))
    undo_correction(store, made["id"])
    back = [q for q in list_quotes(store) if q["kind"] == "direct"]
    assert [(q["start"], q["end"]) for q in back] == [(quote["start"], quote["end"])]
    assert store.db.execute("SELECT count(*) FROM attributions_fts WHERE attributions_fts MATCH 'ready'").fetchone()[0] == 1


def test_merged_entities_stay_merged_and_come_apart_on_undo(filled):
    store, ids = filled
    made = add_correction(store, "merge-entities", "E-lopez", {"others": ["E-ana"]})
    assert store.db.execute("SELECT count(*) FROM entities WHERE id = 'E-ana'").fetchone()[0] == 0
    _relink(store, ids)  # the linker writes E-ana again and points the article-2 mention at it
    store.set_mention_entities(ids[2], _extraction(store.article(ids[2]), 2))
    apply_corrections(store)
    assert store.db.execute("SELECT count(*) FROM entities WHERE id = 'E-ana'").fetchone()[0] == 0
    assert entity_detail(store, "E-lopez")["mentions"] == 4
    assert _actor_ids(store) == ["E-lopez"]  # the event's actor too
    undo_correction(store, made["id"])
    assert entity_detail(store, "E-ana")["mentions"] == 1
    assert entity_detail(store, "E-lopez")["mentions"] == 3
    assert _actor_ids(store) == ["E-ana"]


def _actor_ids(store: Store) -> list:
    return [a["entity_id"] for (source,) in store.db.execute("SELECT source FROM events") for a in json.loads(source)]


def test_a_split_entity_takes_the_mentions_written_with_its_aliases(filled):
    store, ids = filled
    with pytest.raises(StoreError, match="no mention of entity 'E-lopez' is written 'Nobody'"):
        add_correction(store, "split-entity", "E-lopez", {"aliases": ["Nobody"]})
    made = add_correction(store, "split-entity", "E-lopez", {"aliases": ["Coach Lopez"]})
    new_id = made["value"]["new_id"]
    assert entity_detail(store, new_id)["name"] == "Coach Lopez"
    assert entity_detail(store, new_id)["mentions"] == 1
    _relink(store, ids)
    assert "Coach Lopez" not in entity_detail(store, "E-lopez")["aliases"]
    assert entity_detail(store, "E-lopez")["mentions"] == 2
    undo_correction(store, made["id"])
    assert entity_detail(store, "E-lopez")["mentions"] == 3
    with pytest.raises(StoreError):
        entity_detail(store, new_id)


def test_story_title_and_article_moves_hold_and_undo(filled):
    store, ids = filled
    title = add_correction(store, "rename-story", "S-bridge", {"title": "Harbour bridge reopening"})
    move = add_correction(store, "move-article", str(ids[2]), {"story": "S-flood"})
    _relink(store, ids)  # the linker puts article 2 back in S-bridge and retitles S-bridge
    bridge, flood = story_detail(store, "S-bridge"), story_detail(store, "S-flood")
    assert bridge["title"] == "Harbour bridge reopening"
    assert [a["id"] for a in bridge["articles"]] == [ids[1]]
    assert [a["id"] for a in flood["articles"]] == [ids[2], ids[3]]
    assert flood["first"] == "2026-03-02"  # the date range follows the move
    undo_correction(store, move["id"])
    undo_correction(store, title["id"])
    assert [a["id"] for a in story_detail(store, "S-bridge")["articles"]] == [ids[1], ids[2]]
    assert story_detail(store, "S-bridge")["title"] == "Bridge to reopen"


def test_set_speaker_survives_the_linker_and_undoes(filled):
    store, ids = filled
    quote = next(q for q in list_quotes(store) if q["speaker_entity_id"] == "E-officials")
    target, span = quote_target(store, quote["id"])
    made = add_correction(store, "set-speaker", target, {**span, "entity": "E-ana"})
    store.set_mention_entities(ids[2], _extraction(store.article(ids[2]), 2))  # the linker's speaker again
    apply_corrections(store)
    assert next(q for q in list_quotes(store) if q["start"] == quote["start"])["speaker_name"] == "Ana Lopez"
    undo_correction(store, made["id"])
    assert next(q for q in list_quotes(store) if q["start"] == quote["start"])["speaker_entity_id"] == "E-officials"


@pytest.mark.parametrize(("kind", "target", "value", "message"), [
    ("rename-entity", "E-nobody", {"name": "X"}, "no entity 'E-nobody'"),
    ("rename-entity", "E-lopez", {"name": "  "}, "must not be empty"),
    ("merge-entities", "E-lopez", {"others": ["E-lopez"]}, "nothing to merge"),
    ("rename-story", "S-none", {"title": "X"}, "no story 'S-none'"),
    ("move-article", "999", {"story": "S-flood"}, "no article 999"),
    ("move-article", "x", {"story": "S-flood"}, "article id is a number"),
    ("move-article", str(2**70), {"story": "S-flood"}, "no article 1180591620717411303424"),
    ("reject-quote", "1", {"start": 2**64, "end": 2**64 + 1}, "no quote at article 1"),
    ("set-speaker", "1", {"start": 0, "end": 1, "entity": "E-ana"}, "no quote at article 1"),
    ("retitle", "S-bridge", {}, "unknown correction 'retitle'"),
])
def test_a_correction_that_cannot_apply_is_refused_and_not_stored(filled, kind, target, value, message):
    store, _ = filled
    with pytest.raises(StoreError, match=message):
        add_correction(store, kind, target, value)
    assert list_corrections(store) == []


def test_an_entity_may_be_named_when_the_name_is_unique(filled):
    store, _ = filled
    made = add_correction(store, "rename-entity", "officials", {"name": "Council officials"})
    assert made["target"] == "E-officials"  # the decision is kept by id
    with pytest.raises(StoreError, match="2 entities are named 'ana lopez' \\(E-ana, E-lopez\\): give the id"):
        add_correction(store, "rename-entity", "ana lopez", {"name": "X"})


def test_undo_twice_or_unknown_is_a_clear_error(filled):
    store, _ = filled
    made = add_correction(store, "rename-story", "S-flood", {"title": "Flood"})
    undo_correction(store, made["id"])
    with pytest.raises(StoreError, match="already undone"):
        undo_correction(store, made["id"])
    with pytest.raises(StoreError, match="no correction 42"):
        undo_correction(store, 42)
    with pytest.raises(StoreError, match="no correction"):
        undo_correction(store, 2**64)  # beyond SQLite's integers: refused, not an OverflowError
    with pytest.raises(StoreError, match="no quote"):
        quote_target(store, -1)


def test_cli_correct_list_export_and_undo(filled, tmp_path):
    store, _ = filled
    db = str(store.path)
    runner = CliRunner()
    out = runner.invoke(cli, ["--db", db, "correct", "rename-story", "S-flood", "River road floods",
                              "--note", "clearer"])
    assert out.exit_code == 0, out.output
    assert "correction 1: story S-flood is titled 'River road floods'" in out.output
    quote = next(q for q in list_quotes(store) if q["kind"] == "direct")
    assert runner.invoke(cli, ["--db", db, "correct", "reject-quote", str(quote["id"])]).exit_code == 0
    bad = runner.invoke(cli, ["--db", db, "correct", "rename-entity", "E-nobody", "X"])
    assert bad.exit_code == 1 and "no entity 'E-nobody'" in bad.output
    listed = json.loads(runner.invoke(cli, ["--db", db, "corrections", "--json"]).output)
    assert [(c["id"], c["kind"], c["note"]) for c in listed] == [(1, "rename-story", "clearer"), (2, "reject-quote", None)]
    exported = runner.invoke(cli, ["--db", db, "-q", "export", "--table", "corrections"])
    assert [json.loads(line)["kind"] for line in exported.output.splitlines()] == ["rename-story", "reject-quote"]
    assert runner.invoke(cli, ["--db", db, "corrections", "undo", "1"]).exit_code == 0
    assert runner.invoke(cli, ["--db", db, "correct", "undo", "2"]).exit_code == 0
    assert story_detail(store, "S-flood")["title"] == "Floods close river road"
    assert any(q["kind"] == "direct" for q in list_quotes(store))
    again = runner.invoke(cli, ["--db", db, "corrections", "undo", "2"])
    assert again.exit_code == 1 and "already undone" in again.output


def test_web_corrections_are_token_guarded_and_change_the_pages(filled):
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient

    from newsweave.api import create_app

    store, _ = filled
    with TestClient(create_app(store.path, token="s3cret")) as client:
        body = {"kind": "rename-story", "story": "S-flood", "title": "River road floods"}
        assert client.post("/corrections", json=body).status_code == 401
        assert client.post("/corrections", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert client.get("/stories/S-flood.json").json()["title"] == "Floods close river road"
        made = client.post("/corrections", json=body, headers={"Authorization": "Bearer s3cret"})
        assert made.status_code == 201 and made.json()["kind"] == "rename-story"
        assert client.get("/stories/S-flood.json").json()["title"] == "River road floods"  # not a cached page
        form = {"kind": "merge-entities", "keep": "E-lopez", "others": "E-ana", "token": "s3cret",
                "next": "https://evil.example/"}
        sent = client.post("/corrections", data=form, follow_redirects=False)
        assert sent.status_code == 303 and sent.headers["location"] == "/corrections"
        bad = client.post("/corrections", json={"kind": "rename-story", "story": "S-none", "title": "X"},
                          headers={"Authorization": "Bearer s3cret"})
        assert bad.status_code == 400 and "no story 'S-none'" in bad.json()["error"]
        listed = client.get("/corrections.json").json()["corrections"]
        assert [c["kind"] for c in listed] == ["merge-entities", "rename-story"]
        page = client.get("/corrections").text
        assert "River road floods" in page and 'action="/corrections/1/undo"' in page
        # The story, entity and quote link to the forms that take them, filled in.
        assert 'href="/corrections?story=S-flood"' in client.get("/stories/S-flood").text
        assert 'href="/corrections?entity=E-lopez"' in client.get("/entities/E-lopez").text
        quote_id = list_quotes(store)[0]["id"]
        assert f'href="/corrections?quote={quote_id}"' in client.get("/stories/S-bridge").text
        for_story = client.get("/corrections", params={"story": "S-flood"}).text
        assert 'value="rename-story"' in for_story and 'value="reject-quote"' not in for_story
        assert '<input name="story" value="S-flood"' in for_story
        undone = client.post(f"/corrections/{made.json()['id']}/undo", headers={"Authorization": "Bearer s3cret"})
        assert undone.status_code == 200 and undone.json()["undone_at"]
        assert client.get("/stories/S-flood.json").json()["title"] == "Floods close river road"
    with TestClient(create_app(store.path)) as read_only:
        assert read_only.post("/corrections", json=body).status_code == 403
        assert "Undo" not in read_only.get("/corrections").text
        assert "/corrections?story=" not in read_only.get("/stories/S-flood").text


@pytest.mark.slow
def test_corrections_hold_when_process_links_new_articles(tmp_path, demo_path):
    """The real pipeline: correct, then ingest and process an article that mentions the corrected entity
    and joins the corrected story; the linker's own names and titles must not come back."""
    lines = demo_path.read_text(encoding="utf-8").splitlines()
    later = [ln for ln in lines if "Sorvik names new date" in ln]
    assert len(later) == 1
    (tmp_path / "first.jsonl").write_text("\n".join(ln for ln in lines if ln not in later) + "\n", encoding="utf-8")
    (tmp_path / "later.jsonl").write_text(later[0] + "\n", encoding="utf-8")
    db = str(tmp_path / "demo.db")
    runner = CliRunner()

    def nw(*args):
        out = runner.invoke(cli, ["--db", db, "-q", *args])
        assert out.exit_code == 0, out.output
        return out.output

    nw("ingest", str(tmp_path / "first.jsonl"))
    nw("process")
    sorvik = next(e for e in json.loads(nw("entities", "--json", "--limit", "500")) if e["name"] == "Elena Sorvik")
    story = next(s for s in json.loads(nw("stories", "--json")) if "Sorvik" in s["title"])
    quotes = json.loads(nw("quotes", "--story", story["id"], "--json"))
    rejected = next(q for q in quotes if q["speaker_entity_id"] != sorvik["id"])
    other = next(s for s in json.loads(nw("stories", "--json")) if s["id"] != story["id"])
    moved = other["articles"][0]["id"]
    nw("correct", "rename-entity", sorvik["id"], "Elena M. Sorvik")
    nw("correct", "rename-story", story["id"], "The Sorvik–Adeyemi summit")
    nw("correct", "reject-quote", str(rejected["id"]))
    nw("correct", "move-article", str(moved), story["id"])

    nw("ingest", str(tmp_path / "later.jsonl"))
    nw("process")
    with Store(db) as store:
        entity = entity_detail(store, sorvik["id"])
        assert entity["name"] == "Elena M. Sorvik"
        assert entity["mentions"] > sorvik["mentions"]  # the new article's mentions were linked to her
        detail = story_detail(store, story["id"])
        assert detail["title"] == "The Sorvik–Adeyemi summit"
        assert moved in [a["id"] for a in detail["articles"]]
        assert len(detail["articles"]) == story["article_count"] + 2  # the moved one and the new one
        spans = {(q["article_id"], q["start"]) for q in list_quotes(store)}
        assert (rejected["article_id"], rejected["start"]) not in spans
        names = {q["speaker_name"] for q in list_quotes(store, speaker=sorvik["id"])}
        assert names == {"Elena M. Sorvik"}
