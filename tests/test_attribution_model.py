"""The learned attribution model (newsweave.attribution.model.v1), its version on every result, and the
boundaries no attribution span crosses. Article texts here are written for the tests."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from newsweave.extract.attribution import find_attributions
from newsweave.model import Article
from newsweave.settings import DEFAULT_STAGES, Settings

REPO = Path(__file__).resolve().parent.parent

RUN_IN = ("The council met on Monday to discuss the harbour.\n\n"
          "Minister warns council against closing harbour Harbour board chair Ana Ruiz told reporters that the "
          "council would \"review every option\" before the vote.")


def _spans(a):
    return ([a.source] if a.source else []) + list(a.content)


@pytest.mark.slow
@pytest.mark.parametrize("use_model", [False, True], ids=["rules", "model"])
def test_a_run_in_subheading_is_a_boundary(nlp, use_model):
    from newsweave.extract.attribution_model import refine

    doc = nlp(RUN_IN)
    cut = RUN_IN.index("Harbour board")
    atts = find_attributions(doc, [], refine=refine if use_model else None)
    assert atts
    for a in atts:
        for span in _spans(a):
            assert not span.start < cut < span.end, f"{span.text!r} runs over the subheading"
    told = next(a for a in atts if a.cue.text == "told")
    assert "Ana Ruiz" in told.source.text and "review every option" in told.content[0].text


@pytest.mark.slow
def test_a_paragraph_break_is_a_boundary_for_the_source(nlp):
    text = ("The Latest on the harbour vote (all times local):\n\n7 p.m.\n\n"
            "Mayor Ana Ruiz says the vote will go ahead on Friday.")
    atts = find_attributions(nlp(text), [])
    says = next(a for a in atts if a.cue.text == "says")
    assert says.source.text == "Mayor Ana Ruiz"
    for a in atts:
        for span in _spans(a):
            assert "\n" not in span.text


@pytest.mark.slow
def test_in_her_opinion_is_an_attribution(nlp):
    text = "Ruiz spoke at length. At the same time, in her opinion, the harbour needs a new pier before the summer."
    atts = find_attributions(nlp(text), [])
    opinion = next(a for a in atts if a.cue.text == "opinion")
    assert opinion.source.text == "her"
    assert opinion.content[0].text == "the harbour needs a new pier before the summer"


@pytest.mark.slow
def test_a_reported_clause_is_not_a_report_of_its_own(nlp):
    text = "Ruiz also mentioned her meeting with the board, saying they would discuss the budget on Friday."
    atts = find_attributions(nlp(text), [])
    # "they would discuss" is what Ruiz said, not "they" reporting the word "saying"
    assert not any(c.text == "saying" for a in atts for c in a.content)
    saying = next(a for a in atts if a.cue.text == "saying")
    assert saying.source.text == "Ruiz" and saying.parent is None


def test_the_model_is_the_default_and_the_rules_stay_selectable():
    from newsweave.extract.pipeline import Pipeline, registered_stages

    assert "newsweave.attribution.model.v1" in DEFAULT_STAGES
    stages = registered_stages()
    assert {"newsweave.attribution.rules.v1", "newsweave.attribution.model.v1"} <= set(stages)
    rules = tuple(s.replace("attribution.model.v1", "attribution.rules.v1") for s in DEFAULT_STAGES)
    assert [s.name for s in Pipeline(Settings(stages=rules)).stages if "attribution" in s.name] == \
        ["newsweave.attribution.rules.v1"]


def test_the_shipped_model_is_small_and_versioned():
    from newsweave.extract.attribution_model import model_version, span_model

    path = REPO / "src/newsweave/data/attribution/span_model.json"
    assert path.stat().st_size < 20_000_000
    model = span_model()
    assert model_version() == model["version"] and model["version"]
    assert {"content_start", "content_end", "cue_start", "cue_end", "source_start", "source_end", "keep"} <= set(model["heads"])


def test_a_missing_model_file_says_what_to_do(monkeypatch):
    from newsweave.errors import ExtractError
    from newsweave.extract import attribution_model

    monkeypatch.setattr(attribution_model, "MODEL_FILE", "no-such-model.json")
    attribution_model.span_model.cache_clear()
    try:
        with pytest.raises(ExtractError, match="make attribution-model.*attribution.rules.v1"):
            attribution_model.span_model()
    finally:
        monkeypatch.undo()
        attribution_model.span_model.cache_clear()


@pytest.mark.slow
def test_every_result_records_which_stage_and_model_made_it(tmp_path):
    from newsweave.contract import extract_articles, to_contract
    from newsweave.extract.attribution_model import model_version
    from newsweave.jobs import ingest_articles, process_store
    from newsweave.store import Store

    article = Article(id="a1", text="Mayor Ana Ruiz said on Monday that the harbour would reopen in March.")
    extractions, _ = extract_articles([article])
    out = to_contract(extractions[0])
    assert out["made_by"]["attributions"] == "newsweave.attribution.model.v1"
    assert out["made_by"]["attributions.model"] == model_version()
    assert out["attributions"] and out["attributions"][0]["source"]["text"] == "Mayor Ana Ruiz"

    rules = tuple(s.replace("attribution.model.v1", "attribution.rules.v1") for s in DEFAULT_STAGES)
    extractions, _ = extract_articles([article], Settings(stages=rules))
    made_by = to_contract(extractions[0])["made_by"]
    assert made_by["attributions"] == "newsweave.attribution.rules.v1" and "attributions.model" not in made_by

    with Store(tmp_path / "s.db") as store:
        ingest_articles(store, [article])
        process_store(store)
        row = store.db.execute("SELECT made_by FROM articles").fetchone()
    assert json.loads(row["made_by"])["attributions.model"] == model_version()


@pytest.mark.eval
@pytest.mark.slow
def test_the_model_beats_the_rules_on_dev(tmp_path):
    """Why the model is the default: measured on polnear-dev through the same scorer."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from attribution_eval import run

    rules = run("dev", tmp_path / "rules.jsonl", timing=False, method="rules")
    model = run("dev", tmp_path / "model.jsonl", timing=False, method="model")
    for key in ("cue_exact", "content_exact", "who_said_what"):
        assert model[key]["f1"] > rules[key]["f1"], key
    assert model["source_exact"]["f1"] >= rules["source_exact"]["f1"] - 0.002


def test_quote_marks_stay_paired_where_the_model_moves_a_boundary():
    from newsweave.extract.attribution_model import _paired_marks, _strip_marks

    text = 'Trump called it “very productive” on Thursday. "We will see," he said.'
    s = text.index("it")
    assert text[slice(*_paired_marks(text, s, text.index("”")))] == "it “very productive”"
    q = text.index('"We')
    assert text[slice(*_paired_marks(text, q, text.index(",", q)))] == '"We will see,"'
    assert text[slice(*_paired_marks(text, s, text.index("very")))] == "it"  # no opening mark at the end
    he = text.index("he said")
    assert text[slice(*_strip_marks(text, he - 2, he + 2))] == "he"
