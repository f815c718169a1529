"""The CLI refuses what it cannot read and says why a listing is empty; one voice share for CLI and web.

Through click's CliRunner over real stores filled by hand (no model needed)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from newsweave.cli import cli
from newsweave.model import Article, Attribution, Entity, Extraction, Mention, Span
from newsweave.store import Store, story_detail

TEXT_A = "Mayor Ana Lopez said the bridge will reopen. \"We are ready,\" Lopez said. Tom Reed said it was late."
TEXT_B = "Tom Reed said the council agreed."


def _span(text: str, needle: str, after: int = 0) -> Span:
    start = text.index(needle, after)
    return Span(start, start + len(needle), needle)


def _processed_store(path) -> dict:
    """Two outlets, three articles (one a wire copy of another), quotes by two speakers and one unattributed."""
    with Store(path) as store:
        a = Article(text=TEXT_A, published=date(2025, 10, 17), outlet="Harbour Times", title="Bridge")
        copy = Article(text=TEXT_A, published=date(2025, 10, 17), outlet="Portville Post", title="Bridge (wire)")
        b = Article(text=TEXT_B, published=date(2025, 10, 18), outlet="Portville Post", title="Council")
        ids = {}
        for key, article in (("a", a), ("copy", copy), ("b", b)):
            ids[key] = store.add_article(article).article_id
            text = article.text
            ex = Extraction(article=article)
            if key in ("a", "copy"):
                lopez = Mention(*_span(text, "Ana Lopez").to_json().values(), "PERSON", entity_id="E-lopez")
                lopez2 = Mention(*_span(text, "Lopez", 50).to_json().values(), "PERSON", entity_id="E-lopez")
                reed = Mention(*_span(text, "Tom Reed").to_json().values(), "PERSON", entity_id="E-reed")
                ex.mentions = [lopez, reed, lopez2]
                ex.attributions = [
                    Attribution(content=[_span(text, "the bridge will reopen")], kind="indirect", speaker=lopez),
                    Attribution(content=[_span(text, "We are ready,")], kind="direct", speaker=lopez2),
                    Attribution(content=[_span(text, "it was late")], kind="indirect", speaker=reed),
                ]
            else:
                reed = Mention(*_span(text, "Tom Reed").to_json().values(), "PERSON", entity_id="E-reed")
                ex.mentions = [reed]
                ex.attributions = [
                    Attribution(content=[_span(text, "the council agreed")], kind="indirect", speaker=reed),
                    Attribution(content=[_span(text, "council")], kind="indirect"),  # no speaker found
                ]
            store.save_extraction(ids[key], ex)
            store.set_mention_entities(ids[key], ex)
            store.assign_story(ids[key], "S-bridge")
        store.mark_copy(ids["copy"], ids["a"], "copy", 1.0)
        store.save_entities([Entity("E-lopez", "Ana Lopez", "PERSON", {"Ana Lopez", "Lopez"}),
                             Entity("E-reed", "Tom Reed", "PERSON", {"Tom Reed"})])
        store.save_story("S-bridge", "Bridge reopening")
    return ids


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "nw.db"
    _processed_store(path)
    return path


def _nw(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), *args])


@pytest.mark.parametrize(("args", "message"), [
    (["stories", "--since", "17/10/2025"], "'17/10/2025' is not a date: write it as YYYY-MM-DD"),
    (["stories", "--until", "2025-13-01"], "is not a date"),
    (["plans", "--status", "bogus"], "'bogus' is not one of"),
    (["plans", "--today", "tomorrow"], "is not a date"),
    (["plans", "--due-before", "20251017"], "is not a date"),
    (["search", "bridge", "--since", "yesterday"], "is not a date"),
    (["search", "bridge", "--sort", "size"], "'size' is not one of"),
    (["stories", "--limit", "0"], "0 is not in the range"),
    (["entities", "--limit", "many"], "'many' is not a valid integer"),
    (["process", "--workers", "0"], "0 is not in the range"),
    (["process", "--limit", "-1"], "-1 is not in the range"),
    (["serve", "--port", "70000"], "70000 is not in the range"),
])
def test_options_it_cannot_read_are_refused_before_anything_runs(db, args, message):
    out = _nw(db, *args)
    assert out.exit_code == 2, out.output
    assert message in out.output


@pytest.mark.parametrize("args", [["plans", "--story", "S-none"], ["quotes", "--story", "S-none"],
                                  ["search", "bridge", "--story", "S-none"],
                                  ["show", "S-none"], ["timeline", "S-none"], ["compare", "S-none"]])
def test_an_unknown_story_is_an_error(db, args):
    out = _nw(db, *args)
    assert out.exit_code == 1 and "no story 'S-none'" in out.output


@pytest.mark.parametrize(("args", "message"), [
    (["quotes", "--speaker", "Nobody"], "no quotes matched (speaker 'Nobody')"),
    (["stories", "--outlet", "Nowhere Gazette"], "no stories matched (outlet 'Nowhere Gazette')"),
    (["stories", "--since", "2030-01-01"], "no stories matched (since '2030-01-01')"),
    (["search", "zeppelin"], "no articles matched (query 'zeppelin')"),
    (["plans", "--status", "cancelled"], "no plans matched (status cancelled)"),
])
def test_nothing_matched_is_said_and_exits_1(db, args, message):
    out = _nw(db, *args)
    assert out.exit_code == 1
    assert message in out.output
    assert "ingest" not in out.output  # the store is not empty: no advice to ingest


def test_an_empty_store_and_an_unprocessed_one_are_told_apart(tmp_path):
    empty = tmp_path / "empty.db"
    Store(empty).close()
    for args in (["stories"], ["search", "bridge"], ["quotes"], ["entities"]):
        out = _nw(empty, *args)
        assert out.exit_code == 1 and "the store is empty; run `newsweave ingest PATH`" in out.output, args
    as_json = _nw(empty, "stories", "--json")
    assert as_json.exit_code == 1 and as_json.output.startswith("[]")
    with Store(empty) as store:
        store.add_article(Article(text="The bridge reopened.", outlet="Harbour Times"))
    out = _nw(empty, "stories")
    assert out.exit_code == 1 and "no article is processed; run `newsweave process`" in out.output
    found = _nw(empty, "search", "bridges")  # search works before processing
    assert found.exit_code == 0 and "[bridge]" in found.output
    assert "1 matching article: Harbour Times 1" in found.output  # the matches per outlet


def test_run_exits_non_zero_when_nothing_could_be_ingested(tmp_path):
    out = _nw(tmp_path / "run.db", "run", str(tmp_path / "missing.txt"))
    assert out.exit_code == 1
    assert "nothing could be ingested from" in out.output
    with Store(tmp_path / "run.db") as store:
        assert store.count("articles") == 0


def test_listings_still_work_and_json_is_indented(db):
    out = _nw(db, "quotes", "--speaker", "Lopez", "--json")
    assert out.exit_code == 0
    assert out.output.startswith("[\n  {")
    assert {q["speaker_name"] for q in json.loads(out.output)} == {"Ana Lopez"}
    assert _nw(db, "stories", "--since", "2025-10-18").exit_code == 0
    assert _nw(db, "plans", "--status", "OVERDUE", "--today", "2025-10-20").exit_code in (0, 1)


def test_cli_and_web_give_one_voice_share(db):
    """The CLI's comparison and the story page count the same quotes: quotes with a speaker, a wire copy's
    quotes not again, shares by number of quotes."""
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient

    from newsweave.api import create_app

    cli_json = json.loads(_nw(db, "compare", "S-bridge", "--json").output)
    cli_voice = {o["outlet"]: {v["speaker"]: v["quotes"] for v in o["voice"]} for o in cli_json["outlets"]}
    with TestClient(create_app(db)) as client:
        web_voice = client.get("/stories/S-bridge.json").json()["comparison"]["voice_share"]
    assert cli_voice == web_voice == {"Harbour Times": {"Ana Lopez": 2, "Tom Reed": 1},
                                      "Portville Post": {"Tom Reed": 1}}
    harbour = next(o for o in cli_json["outlets"] if o["outlet"] == "Harbour Times")
    assert [(v["speaker"], v["share"]) for v in harbour["voice"]] == [("Ana Lopez", 0.667), ("Tom Reed", 0.333)]
    with Store(db) as store:
        assert len(story_detail(store, "S-bridge")["quotes"]) == 8  # all stored, the copy's and the unattributed
