"""The five held-out types (PROTEST, FIGHT, ASSAULT, COERCE, AGREE) in styles news coders rarely see, on
fictional snippet sets written apart from the code (tests/data/events_fictional_blind43/44.jsonl) and
on our own fictional sentences for each reading they taught."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_events_types import main_type

pytestmark = pytest.mark.slow


def _top1(nlp, name: str) -> float:
    rows = [json.loads(line) for line in (Path(__file__).parent / "data" / name).read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return sum(main_type(nlp, r["text"]) == r["type"] for r in rows) / len(rows)


# Ninth session (2026-12-07), 75 snippets each, 15 per type:
# - blind43: radio transcripts, Q&A excerpts, timelines, press releases, aftermath reports. First sight 0.733,
#   0.92 after its readings (the first block below).
# - blind44: one-line headlines, features with the event in the third sentence, "BREAKING:" posts, translated
#   English, business and sports metaphors around the event. First sight 0.84 (with blind43's readings), 0.973
#   after its own (the second block).
# - blind45: local radio read aloud, court judgments, parliamentary questions, police statements, wire flashes,
#   exile media, sports and business pages. First sight 0.84 (with the readings of 43 and 44), 0.96 after its
#   own (the third block).
# - blind46: plain mainstream wire copy (Reuters, AP, AFP, BBC, Xinhua, The Hindu styles). First sight 0.92 (with
#   the readings of 43-45), 0.987 after its own (the fourth block).
@pytest.mark.parametrize(("name", "floor"), [("events_fictional_blind43.jsonl", 0.90),
                                             ("events_fictional_blind44.jsonl", 0.95),
                                             ("events_fictional_blind45.jsonl", 0.94),
                                             ("events_fictional_blind46.jsonl", 0.96),
                                             # blind47: regional dailies' idioms, UN situation reports,
                                             # retrospectives, the main event second; written after every
                                             # reading above and not fixed on: first sight 0.893
                                             ("events_fictional_blind47.jsonl", 0.88),
                                             # tenth session, blind48: metro and sports desks, business
                                             # press, Latin American, Lusophone, South-East Asian and Pacific
                                             # copy, fact-checks, round-ups, obituaries, idioms; first sight
                                             # 0.827, 0.867 after the last block's readings
                                             ("events_fictional_blind48.jsonl", 0.85),
                                             # eleventh session, blind51: the GSR's style, actors hard to
                                             # code (towns, forces, parties, officials' nationalities; the
                                             # manual's REQUEST and ACCUSE written as the GSR's DEMAND,
                                             # DISAPPROVE and INVESTIGATE); first sight 0.925
                                             ("events_fictional_blind51.jsonl", 0.91),
                                             # blind52: the five types in regional English (Indian,
                                             # Nigerian, Philippine, Caribbean), live blogs, transcripts,
                                             # police releases, the obvious verbs avoided; first sight 0.693,
                                             # 0.76 after its readings
                                             ("events_fictional_blind52.jsonl", 0.74),
                                             # blind53: the five types in features, explainers, situation
                                             # reports, sports pages; first sight 0.787 (0.787 with set 52's
                                             # readings too), 0.853 after its own
                                             ("events_fictional_blind53.jsonl", 0.84),
                                             # blind54: the GSR's style and type names, actors hard to code;
                                             # first sight 0.8875, 0.90 with sets 51-52's readings (not fixed on)
                                             ("events_fictional_blind54.jsonl", 0.88),
                                             # blind55: the five types as today's online news mixes them,
                                             # written after every reading above; 0.88 with the session's
                                             # starting code and after them; 0.893 after one reading of its
                                             # own (an allegation written after the news is its source)
                                             ("events_fictional_blind55.jsonl", 0.87)])
def test_sets_in_unusual_styles(nlp, name, floor):
    assert _top1(nlp, name) >= floor


@pytest.mark.parametrize(("text", "type_"), [
    ("The government of Castry and the Eastern Brigades inked a peace accord in Halm on Sunday.", "AGREE"),
    ("After three years of negotiations, Amsel and Castry hammered out a free trade agreement on Thursday.", "AGREE"),
    ("The conclusion of a prisoner-exchange agreement between Amsel and Castry was announced on Thursday.", "AGREE"),
    ("Castry ordered the expulsion of three Amselian correspondents on Wednesday.", "COERCE"),
    ("The printing presses of the daily Norte were seized by national guardsmen on Monday.", "COERCE"),
    ("The blackened shell of the revenue office is all that remains of Wednesday night's rioting in Halm.", "PROTEST"),
    ("On the morning of 6 February we walked out of his house in Sandor.", "!PROTEST"),
    ("The hijacking ended with six tourists being marched into the jungle by armed men.", "!PROTEST"),
    ("Fighters fired into the air in celebration in the Waterside market of Halm.", "!ASSAULT"),
    ("Thank you, Kofi.", "!SUPPORT"),
    ("Q: Were rebel fighters killed in the strikes near Halm?", "!ASSAULT"),
])
def test_blind43_readings(nlp, text, type_):
    """blind43's lines: a deal inked, hammered out or concluded is agreed (03); individuals expelled are
    coerced (174, the manual's exception to SANCTION); presses seized are property confiscated; the "shell"
    of a building is no artillery; walking out of a house is no walkout, people marched by armed men do not
    protest, shots fired into the air hit no one, "thank you" praises no one, and a question reports nothing."""
    got = main_type(nlp, text)
    assert got != type_[1:] if type_.startswith("!") else got == type_, (text, got)



@pytest.mark.parametrize(("text", "type_"), [
    ("Youths blocked the Orile expressway with burning tyres on Tuesday, demanding lower food prices.", "PROTEST"),
    ("Dozens of contract teachers have occupied the courtyard of the regional academy in Sandor since Sunday.",
     "PROTEST"),
    ("Our jets carried out sustained strikes on the rebel camps near Halm from dawn, the air commodore said.", "FIGHT"),
    ("Rebel forces say they launched a swarm of drones at the military airbase in Halm on Sunday.", "FIGHT"),
    ("The troops of the Ninth Brigade entered in combat with a front of the guerrilla on Tuesday night.", "FIGHT"),
    ("Officers at the district police station beat him with cables and gave him electric shocks for three nights.",
     "ASSAULT"),
    ("A cattle trader was beaten to death by a mob outside Sandor on Saturday, police said.", "ASSAULT"),
    ("The NGO Bureau has suspended the operations of 23 civil-society organisations with immediate effect.", "COERCE"),
    ("War veterans accompanied by police took over the farmer's citrus estate outside Halm on Friday.", "COERCE"),
    ("'He was crying,' recalls Amsel Varn, one of the government negotiators.", "!SANCTION"),
])
def test_blind44_readings(nlp, text, type_):
    """blind44's lines: a road blocked by civilians is a protest whatever the road is called, and so is a
    courtyard or a lobby occupied by people who are no armed force; strikes "on" a place are attacks; a swarm
    of drones launched is the drones; "entered in combat" is fighting; torture and a mob's killing are
    assaults whoever does them; suspending organisations restricts them (172); land taken over is property
    seized; a witness who "recalls" withdraws no envoy."""
    got = main_type(nlp, text)
    assert got != type_[1:] if type_.startswith("!") else got == type_, (text, got)


@pytest.mark.parametrize(("text", "type_"), [
    ("The Chamber found that the accused led militiamen to the church at Halm and ordered them to kill those inside.",
     "ASSAULT"),
    ("The telecommunications regulator ordered Radio Norte off the air at midnight on Sunday.", "COERCE"),
    ("Officials ordered the closure of the liberal monthly Sandor Review on Monday.", "COERCE"),
    ("Armed men seized 17 guests from a beach resort near Halm and carried them off by speedboat.", "ASSAULT"),
    ("After hours of shelling, infantry stormed the trenches of the 4th Battalion on Gradina hill.", "FIGHT"),
    (("Armed individuals travelling in two vehicles entered the clinic at Sandor and discharged firearms against "
     "the persons present."), "ASSAULT"),
    ("The league fixture in Halm was called off on Sunday after gunmen ambushed the team bus.", "ASSAULT"),
    ("Some 350 persons assembled outside the mine offices to express opposition to the expansion.", "PROTEST"),
    ("The junta put pen to paper on a deal with Castry to build the dam on Tuesday.", "AGREE"),
    # a treaty of friendship put on paper is SUPPORT, as one "signed" is (057)
    ("Castry and Veltria put pen to paper on a treaty of friendship and cooperation on Tuesday.", "SUPPORT"),
])
def test_blind45_readings(nlp, text, type_):
    """blind45's lines: an order whose clause or object is a killing, a closure or taking a channel off the air
    is that act; armed men seizing guests abduct them; infantry storming trenches fight (and positions "subjected
    to" mortar fire are fought over); gunmen "travelling in" vehicles visit no one and firearms "discharged against" people assault them;
    a fixture "called off" demands nothing; assembling "to express opposition" protests; "put pen to paper on a
    deal" signs it."""
    got = main_type(nlp, text)
    assert got != type_[1:] if type_.startswith("!") else got == type_, (text, got)


@pytest.mark.parametrize(("text", "type_"), [
    ("Hooded youths hurled petrol bombs at riot police and set rubbish bins ablaze in Halm late on Monday.", "PROTEST"),
    (("Castrian army helicopter gunships strafed rebel positions around Halm-Nord in Sandor province on November 7, "
     "2012, as government troops tried to dislodge fighters from hills overlooking the main road."), "FIGHT"),
    ("Armed men seized three schoolteachers from a village school near Halm and escaped by speedboat.", "ASSAULT"),
    ("The communications regulator blocked access to the independent news website Norte on Friday.", "COERCE"),
    ("Troops raided the village of Sandor before dawn, searching homes and arresting 14 people.", "COERCE"),
])
def test_blind46_readings(nlp, text, type_):
    """blind46's lines: youths throwing petrol bombs at police riot; a past-tense verb the parse made a
    modifier keeps its subject ("gunships strafed rebel positions"); armed men seizing schoolteachers
    abduct them; blocking access to a news website censors it; a raid to search and arrest is no assault."""
    got = main_type(nlp, text)
    assert got != type_[1:] if type_.startswith("!") else got == type_, (text, got)


@pytest.mark.parametrize(("text", "type_"), [
    (("But the news of the week was in Halm, where several hundred cane growers rallied outside government "
      "buildings on Friday, demanding the government guarantee a higher price."), "PROTEST"),
    ("Gunmen on motorcycles mowed down five people outside a market stall in Halm late on Saturday.", "ASSAULT"),
    ("Castrian security forces put down an attempted opposition march in Halm on Wednesday.", "COERCE"),
    # what the text says did not happen comes after what it reports as done
    (("The Castrian army denied on Friday that its jets had bombed a monastery near Halm where villagers were "
      "sheltering. Residents said two bombs hit the monastery compound on Thursday night as families slept."),
     "ASSAULT"),
])
def test_blind48_readings(nlp, text, type_):
    """blind48's lines: a demand told as a participle beside a rally is the rally's purpose; "mowed down"
    people are killed; a march "put down" meets force; a denied act comes after a reported one."""
    got = main_type(nlp, text)
    assert got != type_[1:] if type_.startswith("!") else got == type_, (text, got)


def test_no_arrests_is_an_arrest_told_as_not_made(nlp):
    from newsweave.extract.events import doc_events
    doc = nlp("No arrests have been made.")
    assert [(e.type, e.status) for e in doc_events(doc, [], None)] == [("COERCE", "denied")]


@pytest.mark.parametrize("text, type_, source", [
    # a town the tagger mislabels (a number, a person) after a place preposition is still a place
    ("Several hundred miners in Zhanaozen went on strike on Friday over pay.", "PROTEST", ["KAZ"]),
    ("Hundreds of teachers marched through Jeremie on Thursday to demand back pay.", "PROTEST", ["HTI"]),
    # what civilians block, or anyone "in protest", is a blockade; what the opposition blocks is refused
    ("Residents blocked the ferry terminal for six hours on Sunday.", "PROTEST", None),
    ("The opposition blocked the budget bill in the senate on Tuesday.", "REJECT", None),
])
def test_blind51_52_places_and_blockades(nlp, text, type_, source):
    """Sets 51 and 52's lines: the city table reaches towns of 15,000 people, and the tables' places are
    read whatever label the tagger gives them; a blockade by civilians is a protest."""
    from newsweave.extract.events import doc_events
    doc = nlp(text)
    events = doc_events(doc, [], None)
    assert events and events[0].type == type_, (text, events[:1])
    if source is not None:
        assert sorted({a.code for a in events[0].source}) == source, (text, events[0].source)


@pytest.mark.parametrize(("text", "type_"), [
    # a sentence the parser reads as one noun phrase keeps its verb ("court" the root, "jailed" its modifier)
    (("A court in Halm on Tuesday jailed opposition journalist Ivo Marek for three years on charges of subversion, "
      "his lawyer said."), "COERCE"),
    ("On Friday the activist was gunned down outside her home in Halm by two men on a motorbike.", "ASSAULT"),
    # who invades decides: bandits a village (ASSAULT), troops a town (FIGHT), a crowd a parliament (a riot)
    ("Armed bandits invaded a farming community near Halm on Sunday night, carrying away 20 villagers.", "ASSAULT"),
    ("Castrian troops invaded the border town at dawn on Thursday.", "FIGHT"),
    ("Hundreds of protesters invaded the parliament building on Tuesday.", "PROTEST"),
    ("Some 5,000 nurses thronged the gates of the health ministry in Halm on Monday, demanding unpaid allowances.",
     "PROTEST"),
    ("Members of the doctors' union withdrew their services indefinitely on Monday over unpaid salaries.", "PROTEST"),
])
def test_blind52_readings(nlp, text, type_):
    """Set 52's lines (regional English): "jailed" in a misparsed sentence, "gunned down", "invaded",
    "thronged ..., demanding", "withdrew their services"."""
    assert main_type(nlp, text) == type_, text


@pytest.mark.parametrize(("text", "type_"), [
    # a group of civilians occupying a public space sits in; police bursting into a house raid it, gunmen
    # bursting into a party attack it
    ("Doctors occupied the pavement outside the health ministry in Halm for a sixth day, sitting behind placards.",
     "PROTEST"),
    (("Riot police burst into a house in Halm where about 70 activists were holding a meeting and loaded them onto "
     "trucks."), "COERCE"),
    ("Gunmen burst into a wedding party in a village near Halm and opened fire on the guests.", "ASSAULT"),
    ("Prosecutors in Halm on Monday ordered 37 fans held for 15 days pending investigation.", "COERCE"),
    # hacking with nothing hacked is no cyber attack; hacking into computers is
    (("Militiamen descended on a camp for displaced people near Halm overnight, hacking and shooting 22 people to "
     "death."), "ASSAULT"),
    ("Amsel has tried to hack into the computers of Castrian army officers, officials said Tuesday.", "COERCE"),
    # glide bombs are dropped from aircraft: an army's assault on positions under them is combat
    ("Castrian forces launched an assault on Amselian positions at dawn under cover of glide bombs.", "FIGHT"),
    # fighting a concession is campaigning; a threat made good is the act it threatened
    (("The body of the activist, who spent a decade fighting a mining concession, was found near her home in Halm "
     "with several gunshot wounds."), "!FIGHT"),
    ("Fans made good on their threat to stay away from the derby, a boycott aimed at the football association.",
     "PROTEST"),
])
def test_blind53_readings(nlp, text, type_):
    """Set 53's lines: sit-ins on a pavement, "burst into", detentions ordered, hacking with and without
    computers, glide bombs, a campaign "fighting" a concession, a threat made good."""
    got = main_type(nlp, text)
    assert got != type_[1:] if type_.startswith("!") else got == type_, (text, got)


def test_a_body_the_tables_do_not_know_is_of_the_datelines_country(nlp):
    """A party or movement the tables do not know, in an article datelined in one country whose sentence
    names no other, is that country's (the GSR codes "HARARE - The Movement for Democratic Change demanded
    ..." as Zimbabwe's); with no dateline it stays PLOVER's NGO."""
    from newsweave.extract.events import doc_events

    def sources(text):
        doc = nlp(text)
        events = doc_events(doc, [], None)
        return sorted({a.code for a in events[0].source}) if events else None

    text = "The Movement for National Renewal on Monday demanded the release of 14 of its members."
    assert sources(f"LUSAKA, May 2 (Reuters) - {text}") == ["ZMB"]
    assert sources(text) == ["NGO"]


@pytest.mark.parametrize(("text", "type_"), [
    # an allegation written after what it reports is the report's source, as "said" is ...
    (("Police raided the party's office in Halm last night, seizing documents and picking up 18 leaders, party "
     "officials alleged."), "COERCE"),
    # ... written before, it is an accusation
    ("The opposition alleged that police had tortured detainees in Halm.", "DISAPPROVE"),
])
def test_an_allegation_after_the_news_is_its_source(nlp, text, type_):
    assert main_type(nlp, text) == type_, text
