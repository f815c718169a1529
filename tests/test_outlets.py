"""Outlet metadata from a sources file the user provides: reading TOML, CSV and JSON, storing it
(migration 010), `newsweave outlets import/list` and `stories --country`, over a real SQLite store."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsweave.cli import cli
from newsweave.errors import IngestError
from newsweave.ingest.outlets import read_outlets_file
from newsweave.model import Article
from newsweave.store import Store, list_stories
from newsweave.store.outlets import (
    import_outlets,
    list_outlets,
    outlet_metadata,
    outlets_in_country,
)

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "outlets.toml"


def test_the_example_file_describes_every_demo_outlet(demo_path):
    outlets = {o["name"]: o for o in read_outlets_file(EXAMPLE)}
    demo = {json.loads(line)["outlet"] for line in Path(demo_path).read_text().splitlines() if line.strip()}
    assert demo <= set(outlets)
    assert outlets["Northern Ledger"]["country"] == "VA" and outlets["Northern Ledger"]["lean"] is None


def test_csv_and_json_give_the_same_outlets(tmp_path):
    csv_file = tmp_path / "o.csv"
    csv_file.write_text("Name,country,owner,language\nRiver Post,RU,Post Group,ru\nHill Daily,FI,,fi\n")
    json_file = tmp_path / "o.json"
    json_file.write_text(json.dumps({"River Post": {"country": "RU", "owner": "Post Group", "language": "ru"},
                                     "Hill Daily": {"country": "FI", "language": "fi"}}))
    assert read_outlets_file(csv_file) == read_outlets_file(json_file)
    assert read_outlets_file(csv_file)[1] == {"name": "Hill Daily", "country": "FI", "owner": None,
                                              "language": "fi", "lean": None}


@pytest.mark.parametrize(("name", "text", "reason"), [
    ("o.toml", '[outlets."A"]\ncontry = "RU"\n', "unknown field 'contry'"),
    ("o.toml", "[outlets.A\n", "not valid TOML"),
    ("o.csv", "outlet,country\nA,RU\n", "needs a 'name' column"),
    ("o.csv", "name,country\nA,RU\na,FI\n", "listed twice"),
    ("o.json", '[{"country": "RU"}]', "needs a name"),
    ("o.json", '{"A": {"country": 7}}', "country must be text"),
    ("o.txt", "A", "must end in"),
])
def test_a_bad_sources_file_names_the_file_and_the_reason(tmp_path, name, text, reason):
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(IngestError) as caught:
        read_outlets_file(path)
    assert str(path) in str(caught.value) and reason in str(caught.value)


def _store_with_two_outlets(path: Path) -> Store:
    from newsweave.jobs import ingest_articles, process_store

    store = Store(path)
    ingest_articles(store, [
        Article(text="The River Post reported that the dam at Kovel will open on Monday.", outlet="River Post",
                title="Dam to open", published=date(2026, 1, 5)),
        Article(text="Hill Daily wrote that farmers in Oster protested against new tariffs.", outlet="Hill Daily",
                title="Farmers protest tariffs", published=date(2026, 1, 6)),
    ])
    process_store(store)
    return store


@pytest.mark.slow
def test_import_list_and_filter_stories_by_country(tmp_path):
    store = _store_with_two_outlets(tmp_path / "s.db")
    rows = read_outlets_file(_write(tmp_path / "o.toml", '[outlets."river post"]\ncountry = "RU"\nowner = "Post Group"\n'
                                                         '[outlets."Hill Daily"]\ncountry = "FI"\n'))
    assert import_outlets(store, rows, origin="o.toml") == {"new": 2, "updated": 0, "removed": 0}
    assert {r["name"]: r["articles"] for r in list_outlets(store)} == {"Hill Daily": 1, "river post": 1}
    assert outlet_metadata(store, ["River Post"])["River Post"]["owner"] == "Post Group"  # case-insensitive
    assert outlets_in_country(store, "ru") == {"river post"}
    russian = list_stories(store, country="ru")
    assert [s["outlets"] for s in russian] == [["River Post"]]
    assert len(list_stories(store)) == 2 and list_stories(store, country="DE") == []
    # A second import updates; --replace forgets what the file no longer lists.
    again = read_outlets_file(_write(tmp_path / "p.toml", '[outlets."Hill Daily"]\ncountry = "SE"\n'))
    assert import_outlets(store, again, origin="p.toml", replace=True) == {"new": 0, "updated": 1, "removed": 1}
    assert [(r["name"], r["country"]) for r in list_outlets(store)] == [("Hill Daily", "SE")]
    store.close()


@pytest.mark.slow
def test_cli_outlets_import_list_and_stories_country(tmp_path):
    db = tmp_path / "s.db"
    _store_with_two_outlets(db).close()
    runner = CliRunner()
    bad = runner.invoke(cli, ["--db", str(db), "stories", "--country", "RU"])
    assert bad.exit_code != 0 and "outlets import" in bad.output
    path = _write(tmp_path / "o.csv", "name,country,owner\nRiver Post,RU,Post Group\nHill Daily,FI,\n")
    done = runner.invoke(cli, ["--db", str(db), "outlets", "import", str(path)])
    assert done.exit_code == 0, done.output
    assert "2 new" in done.output
    listed = runner.invoke(cli, ["--db", str(db), "outlets", "list", "--json"])
    assert [r["country"] for r in json.loads(listed.output)] == ["FI", "RU"]
    stories = runner.invoke(cli, ["--db", str(db), "stories", "--country", "fi", "--json"])
    assert [s["outlets"] for s in json.loads(stories.output)] == [["Hill Daily"]]
    none = runner.invoke(cli, ["--db", str(db), "stories", "--country", "DE"])
    assert none.exit_code == 1 and "no stories matched" in none.output
    broken = runner.invoke(cli, ["--db", str(db), "outlets", "import", str(_write(tmp_path / "x.json", "{"))])
    assert broken.exit_code != 0 and "x.json" in broken.output and "not valid JSON" in broken.output


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path
