"""Attribution (who said what): unit sentences, the seed articles' speakers, and the dev-set gate."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from newsweave.extract.attribution import cue_lexicon, find_attributions, quote_spans

REPO = Path(__file__).resolve().parent.parent


def test_quote_spans_pair_curly_and_straight_quotes():
    text = 'He said “yes, we can” and then "no."\n"Open paragraph'
    spans = [text[s:e] for s, e in quote_spans(text)]
    assert spans == ["“yes, we can”", '"no."', '"Open paragraph']


def test_cue_lexicon_is_learned_and_small():
    lex = cue_lexicon()
    assert lex["say"] > 0.5 and lex["tell"] > 0.3
    assert "the" not in lex
    data = REPO / "src/newsweave/data/attribution/cues.json"
    assert data.stat().st_size < 100_000


def test_cue_tails_are_learned_per_word():
    from newsweave.extract.attribution_cues import cue_tail

    assert cue_tail("prep", "call", "for") > 0.5  # "called for" is one cue
    assert cue_tail("prep", "say", "in") < 0.5  # "said in a statement": the channel stays out
    assert cue_tail("xcomp", "try") > 0.5  # "tried to use"
    assert cue_tail("xcomp", "expect") is None or cue_tail("xcomp", "expect") < 0.5  # "is expected"
    assert cue_tail("prep", "zzz-unseen", "zzz") is None


def _find(nlp, text):
    from newsweave.extract.coref import resolve_coreference
    from newsweave.extract.entities import entity_mentions

    doc = nlp(text)
    atts = find_attributions(doc, resolve_coreference(doc, entity_mentions(doc)))
    for a in atts:
        for span in (a.source, a.cue, a.channel, *a.content):
            assert span is None or text[span.start:span.end] == span.text
    return atts


@pytest.mark.slow
def test_split_quote_is_one_attribution_with_two_pieces(nlp):
    text = "“We will finish the bridge,” Mayor Ellen Park said, “and we will finish it on time.”"
    (att,) = [a for a in _find(nlp, text) if a.parent is None]
    assert att.kind == "direct"
    assert att.cue.text == "said"
    assert att.source.text == "Mayor Ellen Park"
    assert len(att.content) == 2
    assert att.speaker.text == "Ellen Park"


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "\u201cThe bridge is open. We did it!\u201d Mayor Ellen Park said on Friday.",
    "\u201cThe bridge is open. We did it!\u201d Mayor Ellen Park wrote on Twitter.",
])
def test_when_and_where_it_was_said_is_not_what_was_said(nlp, text):
    """A quotation the parser set in sentences of its own before "X said on Friday": the quotation is
    what was said, not "on Friday" (before: an indirect attribution whose content was "on Friday")."""
    (att,) = _find(nlp, text)
    assert att.kind == "direct" and att.content[0].text.startswith("\u201cThe bridge")
    assert att.speaker.text == "Ellen Park"


@pytest.mark.slow
def test_a_name_pair_beside_a_plural_speaks_together(nlp):
    text = "\u201cWe are thrilled,\u201d the producers Tom Ash and Ray Pell said."
    (att,) = _find(nlp, text)
    assert att.speaker.text == "Tom Ash and Ray Pell" and att.speaker.kind == "group"


@pytest.mark.slow
def test_indirect_speech_with_channel(nlp):
    text = "Finance minister Paul Gray told reporters that the budget would be balanced next year."
    (att,) = _find(nlp, text)
    assert att.kind == "indirect"
    assert att.cue.text == "told"
    assert att.channel.text == "reporters"
    assert att.content[0].text.startswith("that the budget")
    assert att.speaker.text == "Paul Gray"


@pytest.mark.slow
def test_according_to(nlp):
    text = "According to the health ministry, the outbreak is under control."
    (att,) = _find(nlp, text)
    assert att.cue.text == "According to"
    assert att.source.text == "the health ministry"
    assert att.content[0].text == "the outbreak is under control"


@pytest.mark.slow
def test_mixed_quote_and_pronoun_speaker(nlp):
    text = ("Engineer Laura Stein inspected the dam on Tuesday. "
            "She believes that the repairs were \"long overdue and badly needed.\"")
    atts = _find(nlp, text)
    (att,) = atts
    assert att.kind == "mixed"
    assert att.source.text == "She"
    assert att.speaker.text == "Laura Stein"


@pytest.mark.slow
def test_nested_attribution_has_parent(nlp):
    text = "The spokesman said that the president told him the deal was dead."
    atts = _find(nlp, text)
    outer = [a for a in atts if a.parent is None]
    inner = [a for a in atts if a.parent is not None]
    assert len(outer) == 1 and outer[0].cue.text == "said"
    assert inner and inner[0].cue.text == "told" and atts[inner[0].parent] is outer[0]


@pytest.mark.slow
def test_source_stops_before_a_relative_clause_that_reports(nlp):
    text = "Barkley, who said he typically votes Democratic, said one candidate he likes is Kasich."
    atts = _find(nlp, text)
    outer = [a for a in atts if "Kasich" in a.content[0].text]
    assert outer and outer[0].source.text == "Barkley"
    inner = [a for a in atts if "votes Democratic" in a.content[0].text]
    assert inner and inner[0].source.text == "who"


@pytest.mark.slow
def test_learned_cue_tail_joins_the_cue(nlp):
    (att,) = _find(nlp, "Trump tried to portray Clinton as weak.")
    assert att.cue.text == "tried to portray"  # PolNeAR keeps "tried to V" in the cue
    assert att.content[0].text == "Clinton as weak"
    (att,) = _find(nlp, "Super Tuesday is known as the biggest day.")
    # the unnamed passive's subject is content too (23 of 24 "is known as" cues on polnear-train)
    assert att.cue.text == "is known as" and [c.text for c in att.content] == ["Super Tuesday", "the biggest day"]


def _seed_articles(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        yield re.sub(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s*", "", raw)


def _attribution_with(atts, words):
    hits = [a for a in atts if any(words in c.text for c in a.content)]
    assert hits, f"no attribution has content containing {words!r}"
    return hits[0]


@pytest.mark.slow
def test_seed_quotations_have_the_right_speakers(nlp, seeds_dir):
    """Every quotation in the two seed reports comes out with its speaker (general rules only)."""
    afp, tass = list(_seed_articles(seeds_dir))
    atts = _find(nlp, afp)
    speaker = lambda a: a.speaker.text if a.speaker else None
    assert "Trump" in speaker(_attribution_with(atts, "very productive"))
    assert "Trump" in speaker(_attribution_with(atts, "inglorious"))
    assert "Trump" in speaker(_attribution_with(atts, "a great deal of time"))  # "The US President said"
    assert "Trump" in speaker(_attribution_with(atts, "high-level meeting"))  # "He added"
    assert "Trump" in speaker(_attribution_with(atts, "great progress"))
    assert "Ushakov" in speaker(_attribution_with(atts, "Vladimir Putin reiterated"))
    assert "Ushakov" in speaker(_attribution_with(atts, "immediately start organising"))
    assert "Ushakov" in speaker(_attribution_with(atts, "could be held in Budapest"))  # "while adding"
    assert "Kremlin" in speaker(_attribution_with(atts, "Trump assured Putin"))  # "According to the Kremlin"
    truth = _attribution_with(atts, "inglorious")
    assert truth.channel is not None and "Truth Social" in truth.channel.text

    atts = _find(nlp, tass)
    lead = _attribution_with(atts, "open new opportunities")  # "..., Chairman ... Bill Boerum told TASS."
    assert "Boerum" in speaker(lead) and lead.channel.text == "TASS"
    assert "Boerum" in speaker(_attribution_with(atts, "My confidence is restored"))  # "he said"
    assert "Boerum" in speaker(_attribution_with(atts, "alternative sources of supply"))  # "he explained"
    assert "Boerum" in speaker(_attribution_with(atts, "progress can be made"))  # "He expressed hope"
    assert "Ushakov" in speaker(_attribution_with(atts, "without delay"))
    assert "Ushakov" in speaker(_attribution_with(atts, "truly significant moment"))  # "He described"


@pytest.mark.slow
def test_a_statement_is_listed_once_with_its_speaker(nlp, seeds_dir):
    """"He expressed hope that ...": the noun cue nested in its verb's attribution, both widened by the span
    model to "expressed hope", is one attribution (before: a second one with no speaker)."""
    from newsweave.extract.attribution_model import candidate_threshold, refine
    from newsweave.extract.coref import resolve_coreference
    from newsweave.extract.entities import entity_mentions

    for text in _seed_articles(seeds_dir):
        doc = nlp(text)
        atts = find_attributions(doc, resolve_coreference(doc, entity_mentions(doc)), refine=refine,
                                 threshold=candidate_threshold())
        cues = [(a.cue.start, a.cue.end) for a in atts]
        assert len(cues) == len(set(cues)), [a.cue.text for a in atts]
        if "progress can be made" in text:
            (hope,) = [a for a in atts if any("progress can be made" in c.text for c in a.content)]
            assert "Boerum" in hope.speaker.text


@pytest.mark.slow
def test_a_nested_cue_with_a_wh_object_reports_nothing(nlp):
    """"... assured Putin that he would take into account what the President told him": what was told is
    named nowhere, so "told" is no attribution of its own inside the outer one."""
    text = ("According to the Kremlin, Mayor Ellen Park assured the governor that she would take into account "
            "what the governor told her.")
    atts = _find(nlp, text)
    assert [a.cue.text for a in atts if a.parent is not None and a.cue.text == "told"] == []
    assert any("take into account" in c.text for a in atts for c in a.content)


# Measured on polnear-dev (`newsweave eval attribution`, 0.754 / 0.7005 / 0.5833 / 0.6202) minus
# 0.01; the gate allows a further 0.01 of noise.
DEV_BASELINE = {
    "source_exact": 0.744,
    "cue_exact": 0.690,
    "content_exact": 0.573,
    "who_said_what": 0.610,
}


@pytest.mark.eval
@pytest.mark.slow
def test_dev_figures_hold(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from attribution_eval import run

    figures = run("dev", tmp_path / "attribution-dev.jsonl", timing=False)
    low = {k: (figures[k]["f1"], v) for k, v in DEV_BASELINE.items() if figures[k]["f1"] < v - 0.01}
    assert not low, f"below the pinned baseline (measured, pinned): {low}"


@pytest.mark.slow
def test_transcript_speakers_in_capitals_are_sources_and_rubrics_are_not(nlp):
    # fictional debate transcript: a quoted turn, a bare turn, and a correction rubric
    text = ("The debate opened as follows.\n\n"
            "\"HARLOW: Let's begin with the budget and the new bridge tolls.\"\n\n"
            "KEMPNER: We will cut the tolls in half before the winter.\n\n"
            "Correction: An earlier version of this article misstated the toll.")
    atts = [a for a in _find(nlp, text) if a.cue is not None and a.cue.text == ":"]
    assert [(a.source.text, a.content[0].text[:20]) for a in atts] == [
        ("HARLOW", "Let's begin with the"), ("KEMPNER", "We will cut the toll")]


@pytest.mark.slow
def test_source_stops_before_its_cue_when_the_parse_hangs_the_clause_under_it(nlp):
    # fictional: the parser hangs the whole clause under the subject after a long apposition
    text = ("A union representing bus drivers endorsed Mayor Ellen Park for governor on Monday, "
            "another example of organized labor throwing its support behind her.")
    (att,) = [a for a in _find(nlp, text) if a.cue.text == "endorsed"]
    assert att.source.text == "A union representing bus drivers"


@pytest.mark.slow
def test_a_quotation_continues_past_an_aside_in_the_cue_sentence(nlp):
    # fictional: "speaking of ..." after the speaker must not keep the next quotation from her
    text = ("“The bridge is safe. The inspectors agree,” said Mayor Ellen Park, speaking of the river crossing. "
            "“We will open it on Monday.”")
    (att,) = [a for a in _find(nlp, text) if a.cue.text == "said"]
    assert [c.text for c in att.content][-1] == "“We will open it on Monday.”"


@pytest.mark.slow
def test_an_unnamed_passive_cue_keeps_its_subject_in_the_content(nlp):
    # fictional: "is expected to" with no one named: PolNeAR marks the subject as part of what is expected
    text = "The losing side in the zoning dispute is expected to take the case to the state court."
    (att,) = _find(nlp, text)
    assert att.source is None and att.cue.text == "is expected"
    assert [c.text for c in att.content] == ["The losing side in the zoning dispute", "to take the case to the state court"]


@pytest.mark.slow
def test_a_pronoun_that_resolves_to_no_one_is_no_speaker(nlp):
    """An unresolved "they" is kept as the source the text wrote, but it names nobody: before, the pronoun
    mention itself was the speaker, and the store listed a speaker group called "they"."""
    text = ("They said the old bridge in Linmore must reopen by spring. "
            "Mayor Ellen Park said the council would vote on Tuesday.")
    atts = _find(nlp, text)
    they = _attribution_with(atts, "old bridge")
    assert they.source.text == "They" and they.speaker is None
    assert _attribution_with(atts, "council would vote").speaker.text == "Ellen Park"


def test_a_name_in_apposition_to_the_source_is_the_speaker_not_a_possessor(nlp):
    """"Another critic, Laurence H. Tribe, said": the speaker is the name beside the description (it was
    the bare word "critic"); in "Scott's niece, state Del. Marcia Price" the possessor is someone else."""
    text = ("Another critic, Laurence H. Tribe, said the ruling was wrong. "
            "Scott's niece, state Del. Marcia Price, said the party needed him.")
    atts = _find(nlp, text)
    assert _attribution_with(atts, "ruling was wrong").speaker.text == "Laurence H. Tribe"
    assert _attribution_with(atts, "party needed").speaker.text == "Marcia Price"


@pytest.mark.slow
def test_seed_contents_are_what_was_said_and_speakers_are_never_bare_pronouns(nlp, seeds_dir):
    """AFP seed, through the model path: the run-in subheading "Putin cautions Trump against selling
    Tomahawks to Ukraine" said "against selling ...", not "Trump" (before: content "Trump", the one
    cautioned); and no speaker is a bare pronoun (before: the "they" of "saying they would discuss")."""
    from newsweave.extract.attribution_model import candidate_threshold, refine
    from newsweave.extract.coref import resolve_coreference
    from newsweave.extract.entities import entity_mentions

    afp = next(t for t in _seed_articles(seeds_dir) if "Tomahawks" in t)
    doc = nlp(afp)
    atts = find_attributions(doc, resolve_coreference(doc, entity_mentions(doc)), refine=refine,
                             threshold=candidate_threshold())
    (caution,) = [a for a in atts if a.cue.text == "cautions"]
    assert [c.text for c in caution.content] == ["against selling Tomahawks to Ukraine"]
    assert "Putin" in caution.speaker.text
    assert all(a.speaker is None or a.speaker.kind != "pronoun" for a in atts)
