"""Headlines read from texts that came without a title (datelines, abbreviations, URLs)."""

from pathlib import Path

import pytest

from newsweave.ingest.headline import headline
from newsweave.link.story_features import features_from_text
from newsweave.store.queries import display_title

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"


@pytest.mark.parametrize(("text", "expected"), [
    ("WASHINGTON, October 17. /TASS/. The meeting may help both sides. He said more.",
     "The meeting may help both sides."),
    ("LONDON (Reuters) - Britain cut rates on Monday. Markets rose.", "Britain cut rates on Monday."),
    ("KYIV — Ukraine said it struck a depot. More followed.", "Ukraine said it struck a depot."),
    ("The U.S. and the E.U. agreed to cut tariffs. Talks go on.", "The U.S. and the E.U. agreed to cut tariffs."),
    ("Ready for Trump vs. Harris on stage? Viewers were.", "Ready for Trump vs. Harris on stage?"),
    ("Mary J. Blige sang at the gala on Sunday. Then she left.", "Mary J. Blige sang at the gala on Sunday."),
    ("See http: / / www. example. com for the report. Next one.", "See http: / / www. example. com for the report."),
    ("Visit www.example.com/news.html today. The minister said so.", "Visit www.example.com/news.html today."),
    ("http://www.example.com/a\n\nThe minister resigned on Monday. He said.", "The minister resigned on Monday."),
    ("Budget talks stall in Congress\n\nLawmakers failed to agree. More.", "Budget talks stall in Congress"),
    ("Trump called the call very productive. (AFP)\n\nMore text.", "Trump called the call very productive."),
    # Corpora tokenise a source link before the text: the link and a date line are not the headline.
    (("http: / / www. harbour - news. co. nz / local / 2025 / 10 / pier - vote - passes /\nPier vote passes in Lindmark\n"
      "October 17, 2025 10: 26 am\nThe council voted on Tuesday. More."), "Pier vote passes in Lindmark"),
    (("http: / / www. example. com / 2007 / 04 / 10 / us / 10pier. html? _ r=0\nSeptember 15, 2013 11: 26 pm\n"
      "Ferry timetable changes\nThe ferry will run less often."), "Ferry timetable changes"),
    # A hard-wrapped lede is no headline: its next line carries on the sentence.
    (("The council voted on Tuesday to rebuild\nthe old north pier before winter. More."),
     "The council voted on Tuesday to rebuild the old north pier before winter."),
])
def test_headline_of_plain_text(text, expected):
    assert headline(text) == expected


def test_long_first_sentence_is_cut_at_a_word():
    text = "The " + "very " * 60 + "long sentence ends here. Next."
    cut = headline(text, 50)
    assert len(cut) <= 50 and cut.endswith("…") and not cut[:-1].endswith(" ")


def test_the_tass_seed_is_not_titled_by_its_dateline():
    seed = next(p for p in sorted(SEEDS.glob("*.txt")) if "/TASS/" in p.read_text(encoding="utf-8"))
    text = seed.read_text(encoding="utf-8").split(None, 2)[2]
    title = display_title(None, text)
    assert not title.startswith("WASHINGTON") and title.startswith("The upcoming meeting")
    # The story title (linking's per-article title) reads the same headline.
    assert features_from_text("k", text).title == headline(text)


def test_a_given_title_wins():
    assert display_title("  Real headline ", "WASHINGTON, October 17. /TASS/. Body.") == "Real headline"
