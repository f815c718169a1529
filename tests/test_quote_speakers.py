"""The quote-speakers stage (extract/quote_speakers.py): "I", "me", "my" inside a credited quotation are
its speaker, through the real pipeline and the cross-document linker. Fictional texts written for these
tests."""

from datetime import date

import pytest

from newsweave.extract.pipeline import Pipeline, get_stage
from newsweave.extract.quote_speakers import first_person_of_speakers
from newsweave.link import link_batch
from newsweave.model import Article, Attribution, Mention, Span
from newsweave.settings import DEFAULT_STAGES, Settings

TEXT = ("Jane Roe will host the awards next year, the academy said on Friday.\n"
        "\"It's official: I'm hosting the show!\" Roe wrote on Friday. \"I'd like to thank my wife.\"\n"
        "\"We are thrilled,\" the producers Tom Ash and Ray Pell said. \"I have known her for years,\" Ash added.")


def _extract(text: str):
    return next(iter(Pipeline().run([Article(text=text, id="a1", published=date(2031, 3, 7))])))


def test_the_stage_runs_after_the_attributions_it_reads():
    spec = get_stage("newsweave.quote_speakers.v1")
    assert "attributions.speaker" in spec.requires and "mentions" in spec.assigns
    assert DEFAULT_STAGES.index("newsweave.quote_speakers.v1") > DEFAULT_STAGES.index("newsweave.attribution.model.v1")


@pytest.mark.slow
def test_first_person_words_of_a_credited_quote_are_its_speaker():
    ex = _extract(TEXT)
    roe = {m.chain for m in ex.mentions if m.text in ("Jane Roe", "Roe")}
    assert len(roe) == 1
    firsts = {(m.start, m.text): m.chain for m in ex.mentions if m.text.lower() in ("i", "my")}
    i_thank = TEXT.index("I'd like")
    my_wife = TEXT.index("my wife")
    # the second quotation has no speech verb in its own sentence: the attribution carries it
    assert firsts[(i_thank, "I")] in roe and firsts[(my_wife, "my")] in roe
    ash = {m.chain for m in ex.mentions if m.text in ("Tom Ash", "Ash")}
    i_known = TEXT.index("I have known")
    assert firsts[(i_known, "I")] in ash and not ash & roe
    # "we" of the producers is a group: no one person's
    assert not any(m.text == "We" and m.chain in roe | ash for m in ex.mentions)
    # and across documents the "I" carries Roe's entity
    link_batch([ex], Settings())
    ids = {m.entity_id for m in ex.mentions if m.chain in roe}
    assert len(ids) == 1


def test_only_words_inside_quotation_marks_and_a_chained_speaker_count(nlp):
    text = 'I think, Ana Vey said, that "my plan works," she added.'
    doc = nlp(text)
    ana = Mention(text.index("Ana Vey"), text.index("Ana Vey") + 7, "Ana Vey", "PERSON", chain=0)
    q = text.index('"my plan works,"')
    quote = Attribution(content=[Span(q, q + 16, '"my plan works,"')], kind="direct", speaker=ana)
    added = first_person_of_speakers(doc, [ana], [quote])
    assert [(m.text, m.chain) for m in added] == [("my", 0)]  # the "I" outside the marks is not hers
    unchained = Mention(ana.start, ana.end, ana.text, "PERSON", chain=None)
    assert first_person_of_speakers(doc, [unchained], [Attribution(content=quote.content, kind="direct",
                                                                   speaker=unchained)]) == []
