"""The pipeline: stage order checked when built, versioned names, workers give the same answer."""

import pytest

from newsweave.errors import ConfigError, ExtractError
from newsweave.extract.pipeline import Pipeline, registered_stages, stage
from newsweave.model import Article
from newsweave.settings import DEFAULT_STAGES, Settings


def test_default_stages_are_registered_and_in_a_valid_order():
    registered = registered_stages()
    assert all(name in registered for name in DEFAULT_STAGES)
    Pipeline(Settings())  # raises if a stage needs what no earlier stage assigns


def test_a_stage_before_its_requirements_is_refused():
    with pytest.raises(ExtractError, match="needs mentions"):
        Pipeline(Settings(stages=("newsweave.parse.spacy.v1", "newsweave.coref.rules.v1")))


def test_unknown_stage_names_the_registered_ones():
    with pytest.raises(ExtractError, match="registered stages: .*newsweave.entities.spacy.v1"):
        Pipeline(Settings(stages=("newsweave.parse.spacy.v1", "no.such.stage.v1")))


def test_bad_settings_fail_fast():
    with pytest.raises(ConfigError, match="workers"):
        Settings(workers=0)
    with pytest.raises(ConfigError, match="batch_size"):
        Settings().replace(batch_size=0)


@pytest.mark.slow
def test_a_new_stage_slots_in_and_records_who_made_what():
    @stage("test.shout.v1", requires=("mentions",), assigns=("shout",))
    def shout(ex, settings):
        ex.article.extra["shout"] = [m.text.upper() for m in ex.mentions]

    settings = Settings(stages=("newsweave.parse.spacy.v1", "newsweave.entities.spacy.v1", "test.shout.v1"))
    (ex,) = Pipeline(settings).run([Article(text="Ines Halvorsen visited Lindmark on Tuesday.")])
    assert "INES HALVORSEN" in ex.article.extra["shout"]
    assert ex.made_by["shout"] == "test.shout.v1"
    assert ex.made_by["doc"].startswith("newsweave.parse.spacy.v1:")


@pytest.mark.slow
def test_two_workers_give_the_same_extractions_as_one(seeds_dir, demo_path):
    from newsweave.contract import to_contract
    from newsweave.ingest import read_inputs

    articles = list(read_inputs([seeds_dir, demo_path]))
    one = [to_contract(e) for e in Pipeline(Settings()).run(articles)]
    two = [to_contract(e) for e in Pipeline(Settings(workers=2, batch_size=4)).run(articles)]
    assert one == two and len(one) == len(articles)


@pytest.mark.slow
def test_two_workers_give_the_same_stories_and_entities(seeds_dir, demo_path):
    # The parse travels back from the workers, so linking (which reads lemmas) sees the same input.
    from newsweave.contract import extract_articles, to_contract
    from newsweave.ingest import read_inputs

    articles = list(read_inputs([seeds_dir, demo_path]))
    one, _ = extract_articles(articles, Settings())
    two, _ = extract_articles(list(read_inputs([seeds_dir, demo_path])), Settings(workers=2, batch_size=4))
    assert [to_contract(e) for e in one] == [to_contract(e) for e in two]
