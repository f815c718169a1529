"""PLOVER types beside the four material-conflict ones, on our own fictional sentences: phrasal verbs
the parse splits, aid counted in tonnes, force threatened, forces put on alert or moved, loans and
amnesties granted (the manual's CAMEO -> PLOVER lines: 07, 081, 09, 12, 138, 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.extract.events import doc_events
from newsweave.extract.timex import find_timexes

pytestmark = pytest.mark.slow


def main_type(nlp, text: str) -> str | None:
    doc = nlp(text)
    events = doc_events(doc, find_timexes(doc, None), None)  # with the time expressions, as `extract` runs it
    return events[0].type if events else None


def _snippets(name: str) -> list[dict]:
    """A fictional snippet set under tests/data, one JSON object a line."""
    path = Path(__file__).parent / "data" / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _top1(got: list[str | None], rows: list[dict]) -> float:
    """The share of snippets whose main event has the set's type."""
    return sum(g == r["type"] for g, r in zip(got, rows)) / len(rows)


@pytest.mark.parametrize(("text", "type_"), [
    ("Norvel shipped 200 tonnes of grain to the drought-stricken north of Castry.", "AID"),
    ("Amsel and Castry established diplomatic relations for the first time on Tuesday.", "SUPPORT"),  # CAMEO 054
    ("The charity flew three planeloads of blankets and tents into the flooded valley.", "AID"),
    ("The regional fund approved a new credit line to the port authority of Amsel.", "AID"),
    ("The Castrian army pulled its artillery back from the river on Sunday.", "RETREAT"),
    ("The senate of Norvel voted down the border treaty with Castry.", "REJECT"),
    ("The auditors will look into the missing pension money, the minister said.", "INVESTIGATE"),
    ("The defence minister said the country was ready to use force to protect its fishermen.", "THREATEN"),
    ("The Castrian government put its navy on alert after the incident.", "MOBILIZE"),
    ("Norvel called up 5,000 reservists on Friday.", "MOBILIZE"),
    ("Castry moved two tank brigades to the northern border.", "MOBILIZE"),
    ("The president granted a pardon to the jailed journalist.", "CONCEDE"),
    ("Volunteers distributed medicine and blankets in the camps outside Amsel.", "AID"),
    ("Norvel handed over two murder suspects to the Castrian police.", "COOPERATE"),
    ("The guerrillas handed over three prisoners to the Red Cross.", "RETREAT"),
    ("Castry banned exports of rice to Norvel over the fishing dispute.", "SANCTION"),
    ("The governor banned the opposition rally planned for Sunday.", "COERCE"),
    ("The Norvel chancellor voiced support for the new government in Castry.", "SUPPORT"),
    ("Several envoys voiced concern over the arrests in Amsel.", "DISAPPROVE"),
    ("Students in Amsel called off their march after the dean resigned.", "CONCEDE"),
    ("Norvel broke off diplomatic relations with Castry on Monday.", "SANCTION"),
    ("Castry cut off oil shipments to Norvel in January.", "SANCTION"),
    ("Norvel said it would cut off gas supplies to Castry unless the bill was paid.", "THREATEN"),
    ("The bank has given 20 million in aid to the flooded provinces.", "AID"),
    ("The two navies began joint patrols in the gulf on Monday.", "COOPERATE"),
    ("After a week of strikes the government scrapped the new water tax.", "CONCEDE"),
    ("The regional council repealed the decree on street trading.", "CONCEDE"),
    ("The prime minister ordered an inquiry into the collapse of the bridge.", "INVESTIGATE"),
])
def test_the_manual_types_of_common_phrasings(nlp, text, type_):
    assert main_type(nlp, text) == type_


@pytest.mark.parametrize(("text", "type_"), [
    ("The rebels said they were ready to resume talks with the government.", "AGREE"),
    ("She called up her brother to tell him the news.", None),
    ("The family moved its furniture into the new house.", None),
    ("The minister dropped plans to visit Amsel next week.", "CONSULT"),
])
def test_the_same_words_without_those_arguments(nlp, text, type_):
    assert main_type(nlp, text) == type_


@pytest.mark.parametrize(("name", "floor"), [
    ("events_fictional_types.jsonl", 0.9), ("events_fictional_blind2.jsonl", 0.85), ("events_fictional_blind3.jsonl", 0.8),
    ("events_fictional_blind4.jsonl", 0.8)])
def test_snippets_of_the_other_types(nlp, name, floor):
    """Our fictional snippets, each set written before the rules were run on it and scored once
    (benchmarks/results/events.md): events_fictional_types.jsonl, four for each of 13 types (0.75),
    events_fictional_blind2.jsonl and events_fictional_blind3.jsonl (wire style: reported speech,
    datelines), two for each of the 18 types of the GSR records (0.78 and 0.75); the fixes followed.
    events_fictional_blind4.jsonl, the same kind, scored once on the final rules (0.86) and not fixed
    after. Floors against regressions, not sets to tune on."""
    rows = _snippets(name)
    assert len({r["type"] for r in rows}) >= 13 and all(r["fictional"] is True for r in rows)
    right = sum(main_type(nlp, r["text"]) == r["type"] for r in rows)
    assert right / len(rows) >= floor


@pytest.mark.parametrize("name", ["events_fictional_blind5.jsonl", "events_fictional_blind6.jsonl",
                                  "events_fictional_blind7.jsonl", "events_fictional_blind8.jsonl",
                                  "events_fictional_blind9.jsonl", "events_fictional_blind10.jsonl",
                                  "events_fictional_blind11.jsonl", "events_fictional_blind12.jsonl",
                                  "events_fictional_blind13.jsonl", "events_fictional_blind14.jsonl",
                                  "events_fictional_blind15.jsonl", "events_fictional_blind16.jsonl"])
def test_news_style_snippets_each_get_their_event(nlp, name):
    """Twelve sets in news styles (datelines, headlines, passive casualty counts, quotes first; blind8 on
    the FIGHT / ASSAULT / COERCE lines, blind9 on agreements, arrests and protests, blind10 on events
    named by nouns, blind11 mixed, blind12 the 14 other types, blind13 violence and riots in headlines,
    passives and reported speech, blind14 the other types in new phrasing, blind15 violence again and blind16
    agreements, arrests, protests, clashes and bombings, both written after the rules' code was read), written from the manual's definitions before the rules were run on
    them and scored once (0.90, 0.84, 0.87, 0.85, 0.80, 0.75, 0.75, 0.92, 0.96, 0.67, 0.79 and 0.75; two labels of the first two then corrected against the CAMEO -> PLOVER table: signing is
    SUPPORT, pledged aid AGREE; benchmarks/results/events.md). Every snippet reports an event and gets one."""
    rows = _snippets(name)
    assert all(r["fictional"] is True for r in rows)
    got = [main_type(nlp, r["text"]) for r in rows]
    assert None not in got
    assert _top1(got, rows) >= 0.9


@pytest.mark.parametrize("name", ["events_fictional_blind19.jsonl", "events_fictional_blind20.jsonl",
                                  "events_fictional_blind21.jsonl", "events_fictional_blind22.jsonl",
                                  "events_fictional_blind23.jsonl"])
def test_sets_written_apart_from_the_code_each_get_their_event(nlp, name):
    """blind19 (72 snippets in the GSR records' wire style, real countries, invented events) and blind20
    (48 in today's online-news style: protests, riots, clashes, bombings, arrests, agreements), written
    from the PLOVER manual by someone who never read the rules or ran them. The 2024 manual they were
    written from has 16 types; its labels were mapped to the GSR records' 18 (REQUEST -> DEMAND, ACCUSE
    -> DISAPPROVE or INVESTIGATE, conventional force -> FIGHT, force against protesters -> COERCE, and a
    declared ceasefire RETREAT, a stated future withdrawal AGREE as the GSR records code them; each changed
    line keeps its manual label in ``type_2024_manual``) before the rules were run: first run 0.875 and
    0.958 (benchmarks/RESULTS.md), 1.0 after the fixes. blind21 (72, wire style) and blind22 (54, harder
    phrasings: headlines, nominalisations, refusals, conditional threats) were written the same way
    but to the GSR records' 18 types and conventions, read from the dev records: first run 0.944 and
    0.759; blind23 (60 conflict-monitoring notes: date first, passive, local places, casualty counts) 0.933
    (two signed truces relabelled SUPPORT as the GSR codes signing); 1.0, 0.963 and 1.0 after the fixes (one headline, "Canadian relief flight lands in Bujumbura with
    medicine", still gets no event: the tagger reads "lands" as a plural noun)."""
    rows = _snippets(name)
    assert all(r["fictional"] is True for r in rows)
    got = [main_type(nlp, r["text"]) for r in rows]
    assert got.count(None) <= 1
    assert _top1(got, rows) >= 0.9


@pytest.mark.parametrize("name", ["events_fictional_blind24.jsonl", "events_fictional_blind25.jsonl",
                                  "events_fictional_blind26.jsonl", "events_fictional_blind27.jsonl",
                                  "events_fictional_blind28.jsonl", "events_fictional_blind29.jsonl",
                                  "events_fictional_blind30.jsonl", "events_fictional_blind31.jsonl",
                                  "events_fictional_blind32.jsonl", "events_fictional_blind33.jsonl",
                                  "events_fictional_blind34.jsonl", "events_fictional_blind35.jsonl"])
def test_hard_phrasings_written_apart_from_the_code(nlp, name):
    """blind24: 72 snippets in the phrasings that trip rule coders (the event several clauses down,
    late or missing agents, nominalisations, idioms, refusals, ultimatums, headline fragments), written
    like the sets above: first run 0.667 (10 with no event), 0.931 after the fixes; what still fails is
    mostly the small parser's misreadings ("Two suspects wanted over ..." parsed as wanting). blind25:
    72 more (quotations carrying the event, long datelined sentences, "moved to", participles, events
    told by their toll, verbs of saying that are the event, background-then-main): first run 0.861,
    0.986 after. blind26: 72 in today's diplomatic news style (summits, calls, sanctions packages, posts
    on X and Telegram, anonymous officials): first run 0.903, 0.958 after. blind27: 70 of the quiet types
    (INVESTIGATE, COOPERATE, AID, CONCEDE, RETREAT, MOBILIZE, SUPPORT): first run 0.786, 0.957 after.
    blind28: 70 verbal events in wire style with near-misses between AGREE, SUPPORT, CONSULT, DEMAND,
    DISAPPROVE, REJECT and THREATEN: first run 0.943, 0.986 after. blind29: 72 in the style of state news
    agencies and translated statements ("the press service reported", "a criminal case has been opened",
    "the parties exchanged views"): first run 0.764, 0.958 after. blind30: 72 of the GSR's most frequent
    types in its own wire style: first run 0.958. blind31: 72 in the style of regional English-language
    outlets (Nigerian, Kenyan, Indian, Pakistani, Sri Lankan, Philippine, Malaysian, Gulf press; local
    titles, datelines with agency credits, "registered a case", "placed on high alert", "will meet a
    befitting response"): first run 0.806, 0.847 after three lines were relabelled to the PLOVER reference
    (release and resignation RETREAT, apology SUPPORT), 0.986 after the fixes. blind32: 72 of the kinds event
    datasets are full of (protests, riots, clashes, bombings, raids, arrests, talks) in online-news and
    local-daily styles, tolls, passives, late actors, local names of forces: first run 0.889, 0.972 after
    (forces' "artillery and glide bombs" FIGHT, soldiers killed FIGHT, an effigy burnt PROTEST, "set fire to
    houses" by soldiers ASSAULT, "declared a state of emergency" COERCE, "three days of drills"). blind33 (2026-12-07,
    fourth session): 60 more of those kinds, written after all the above: first run 0.867 against the labels as
    written, 0.917 after three lines were relabelled to the CAMEO -> PLOVER table before any change (signing
    SUPPORT, 057; sanctions imposed COERCE, 163; the writer had been told to code signing AGREE), 0.967 after
    the police raid behind a dateline and the passive told by its crowd. blind34 (2026-12-07, fifth session): 72 of
    the GSR's types from the manual's lines in monitoring-service style, 60 countries, written after all the above:
    first run 0.944 (one with no event: "established diplomatic relations"), source codes 59 of 72, target 54 of
    72; not fixed on but for two actor readings (the "Pan-American Highway" is no US, "near the southern Lebanese
    village of ..." is a place). blind35 (same session, written after all of it): 60 protests, clashes, attacks,
    arrests and agreements in live-blog, thread, police-statement, court-report and translated-agency styles: first
    run 0.917 (one "KOS" set to Kosovo's XKX before scoring), source codes 41 of 60, target 46. (Two concessions to come in blind26 and blind27 were
    relabelled AGREE, as the GSR codes "is prepared to lift the ban".)"""
    rows = _snippets(name)
    got = [main_type(nlp, r["text"]) for r in rows]
    assert got.count(None) <= 1
    assert _top1(got, rows) >= 0.9


# Sixth session (2026-12-07), sets written apart from the code:
# - blind36: 80 one- or two-sentence snippets of every PLOVER type in the style of 1990s-2000s agency copy (the
#   style of the GSR records). First run 0.775 (8 with no event; source codes 58 of 80, target 49): words of
#   killing and naval force the lists lacked ("slaughtered", "sank"), warships as armed forces, "refused all food"
#   as a hunger strike, diplomats "ordered to leave" as an expulsion, a bombing by government aircraft as air
#   force, "told X that it must" as a demand. 0.8625 after (source 63, target 52). Still missed: cooperation told
#   without a cooperation word (gas flowing again, joint landing exercises one "took part" in, names and
#   photographs "passed"), an aid plane that "landed carrying" tents, and the writer's own lines (a declared
#   truce CONCEDE, a promised pull-out CONCEDE, observers barred REJECT) where the lexicon follows the CAMEO ->
#   PLOVER table.
# - blind37: 75 snippets of 2015-2026 news worldwide, 15 each of PROTEST, FIGHT, ASSAULT, COERCE and AGREE (the
#   types of the held-out snippets), with background events, late doers and the manual's confusable pairs. First
#   run 0.853 (source 48 of 75, target 44): police killing protesters read as an assault where the parse hangs
#   the "when" clause on the date, "gathered ..., waving flags and demanding" as a demand, cars "set ablaze" with
#   no one named, "filled Rustaveli Avenue", an air force destroying a base read as property destroyed, work
#   "suspended" by a blockade as a sanction, NGOs closed. 0.947 after (source 50, target 45). Still missed: a
#   landing ship "struck" (read as an assault, the ship not being known as military), boulders across a "mining
#   corridor", and two signed declarations the writer coded AGREE where the CAMEO -> PLOVER table has signing as
#   SUPPORT (057).
# - blind39: 75 snippets, 15 each of PROTEST, FIGHT, ASSAULT, COERCE, AGREE, in glued-headline, liveblog,
#   quote-led, numbers-first and idiom-heavy styles: first run 0.787 (source 53 of 75, target 53), 0.893 after the
#   readings listed with the cases below (source 57, target 58). Four of the eight left are signings the writer
#   coded AGREE (SUPPORT, 057, in the table and the GSR records).
# - blind40: 75 snippets, 15 each of PROTEST, FIGHT, ASSAULT, COERCE, AGREE, as translated regional press, press
#   releases, NGO and UN situation reports, ticker briefs, and paragraphs that tell background first. First run
#   0.787 (source 26 of 75, target 29, the writer's sector codes cut to countries): seven of the sixteen misses
#   took a background event ("Relations have been tense since 2019 ...", "Since 2013, attacks have cut ...") for
#   the news told after it on its day ("On Tuesday the opposition boycotted ..."). 0.88 after (source 29,
#   target 31). Three of the nine left are signings the writer coded AGREE (SUPPORT, 057).
# - blind41 (eighth session): 75 snippets, 15 each of the five types, in local TV copy, court reporting, wire
#   flashes, communiques, live-blog entries, nominalisations and uncommon verbs. First run 0.853 (source 49 of 75,
#   target 42); 0.907 after the four readings below (target 44). Of the seven left, three are signings the writer
#   coded AGREE (SUPPORT, 057), one a sanction the writer's brief put under COERCE.
# - blind42 (eighth session, written after every rule of the session): 75 snippets of the five types as bulletins,
#   agency briefs, rights groups' statements and features. First sight 0.933 (source 46 of 75, target 44), the same
#   with the code the session began with; not fixed on.
# - blind43 (ninth session): 75 snippets of the five types as radio transcripts, Q&A excerpts, timelines, press
#   releases and aftermath reports. First sight 0.733 (source 32 of 75, target 25); 0.92 after the readings in
#   tests/test_events_held_out_styles.py. Signing a deal is now AGREE (03) but for a treaty of friendship or ties (057):
#   every writer of the five held-out types coded signings AGREE (sets 39-43); the older sets' writers, briefed
#   with the manual's SUPPORT line, coded them SUPPORT, and lost them (sets 5-36, 14 snippets).
@pytest.mark.parametrize(("name", "no_event", "floor"), [("events_fictional_blind36.jsonl", 4, 0.85),
                                                         ("events_fictional_blind37.jsonl", 1, 0.92),
                                                         ("events_fictional_blind39.jsonl", 1, 0.93),
                                                         ("events_fictional_blind40.jsonl", 0, 0.90),
                                                         ("events_fictional_blind41.jsonl", 0, 0.93),
                                                         ("events_fictional_blind42.jsonl", 0, 0.92)])
def test_sixth_session_sets_written_apart_from_the_code(nlp, name, no_event, floor):
    rows = _snippets(name)
    got = [main_type(nlp, r["text"]) for r in rows]
    assert got.count(None) <= no_event
    assert _top1(got, rows) >= floor


@pytest.mark.parametrize(("text", "type_"), [
    # (blind41, fictional cases of its four readings.) Marching "to reject" a mine is a protest whoever
    # marches; an order whose object or clause is a detention, a dissolution or an expulsion is that act; what an
    # event "drew" or "sparked" comes after the event.
    ("Campesinos from two provinces marched on Monday to the Plaza Mayor of Sandor to reject a new copper mine.",
     "PROTEST"),
    ("A court in Castry on Tuesday ordered the liquidation of the rights group Memoria Norte.", "COERCE"),
    ("Prosecutors in Castry ordered on Sunday that nine activists be detained for 15 days.", "COERCE"),
    ("Amsel on Thursday ordered the expulsion of 12 Castrian diplomats.", "SANCTION"),
    ("The arrest of the reporter Ilse Varn in a dawn raid on Tuesday drew swift condemnation from press groups.",
     "COERCE"),
    # (blind39: 75 snippets of the five types in aggregator, liveblog, quote-led and idiom-heavy styles, written
    # apart from the code: first run 0.787, 0.893 after; four of the eight left are signings the writer coded
    # AGREE, SUPPORT under the CAMEO -> PLOVER table.) Assaults launched on positions, counted or not, are fighting;
    # "backed by artillery" endorses no one; a strike "called by" operators is a stoppage; protesters who gather,
    # and crowds that pour out to demand, protest; "picked up by plainclothes officers" is an arrest, and so is a
    # court ordering a journalist "held"; immigration agents raiding a plant and detaining workers coerce.
    ("Castry forces launched at least 40 assaults on Amsel positions overnight, backed by artillery.", "FIGHT"),
    ("Towns ground to a halt as a strike called by bus operators over fuel prices entered its second day.", "PROTEST"),
    ("Protesters again gathered outside the parliament in Castry on Monday night, waving flags.", "PROTEST"),
    ("Thousands of workers poured out of factories on Wednesday to demand a higher minimum wage.", "PROTEST"),
    ("The blogger was picked up by plainclothes officers outside her home in Castry on Saturday.", "COERCE"),
    ("A court in Amsel ordered a local reporter held in pre-trial detention for two months.", "COERCE"),
    ("Immigration agents raided a meatpacking plant in Castry and detained 84 workers.", "COERCE"),
    # A report noun's clause is no reported speech to look through: the investigation is the news; a
    # closure "was ordered" as one that a ministry ordered (blind38, 80 snippets in the GSR records'
    # proportions and style, written apart from the code: first run 0.9625, 0.9875 after these two).
    ("A UN team began investigating reports that soldiers had massacred villagers near Castry in May.", "INVESTIGATE"),
    ("The closure of the opposition weekly Amsel Voice was ordered on Monday by the information ministry.", "COERCE"),
    # Force on protesters is repression, also where a "when" clause tells it after a passive killing.
    ("Two students were killed in Castry on Friday when police fired live rounds at crowds protesting the vote.", "COERCE"),
    # A gathering whose participle's conjunct dissents is a rally; a crowd filling an avenue too.
    ("Hundreds of people gathered outside the Amsel embassy, waving banners and demanding an apology.", "PROTEST"),
    ("Thousands of people filled Liberty Avenue outside the parliament on Sunday night.", "PROTEST"),
    # Cars and bins burnt with no one named: rioting; a state's closing of organisations restricts them.
    ("Cars and bins were set ablaze in the northern suburbs of Castry for a second night.", "PROTEST"),
    ("The interior ministry ordered the closure of forty charities and two opposition parties.", "COERCE"),
    # Force on a military objective is fighting; work suspended by a blockade is no sanction.
    ("Government jets destroyed a rebel supply depot near Amsel, the air force said.", "FIGHT"),
    ("Work at the port remained suspended after dockers blocked the access road.", "PROTEST"),
    # A vessel struck is force; a deal struck is an agreement.
    ("A patrol vessel was struck by a missile off the coast of Castry overnight.", "FIGHT"),
    # Killing and naval force the lists once lacked; the state's warships are armed forces.
    ("Militiamen slaughtered eleven herders and their families near Castry overnight.", "ASSAULT"),
    ("A Castry gunboat sank an Amsel fishing trawler off the disputed reef.", "FIGHT"),
    # A bombing by the state's aircraft is air force (CAMEO 195), as "aircraft bombed" is.
    ("The bombing of insurgent bases near Amsel by government warplanes went on for a third day.", "FIGHT"),
    # Refusing food is a hunger strike, whatever purpose follows; diplomats ordered to leave are expelled.
    ("Twelve detainees have refused all food for a week to demand a trial.", "PROTEST"),
    ("Castry ordered two Amsel diplomats to leave within 48 hours.", "SANCTION"),
    # What a state is told it must do is demanded of it, "it" being the one told.
    ("Amsel told Castry on Friday that it must withdraw its troops from the border zone.", "DEMAND"),
    # An act with a type of its own done "in protest" is that act (CAMEO 161), not a demonstration.
    ("Amsel recalled its ambassador from Castry in protest at the arrest of two of its citizens.", "SANCTION"),
    ("Farmers parked their tractors across the bridge in protest at the new quotas.", "PROTEST"),
    # Property plundered or wrecked: a crowd riots, gunmen assault.
    ("A mob ransacked the governor's residence in Castry after the vote.", "PROTEST"),
    # Reversing a decision concedes (CAMEO 0832); ruling out talks rejects them (CAMEO 125).
    ("The ministry overturned its decision to cut pensions after a week of strikes.", "CONCEDE"),
    ("The president ruled out a referendum on independence for the north.", "REJECT"),
    # Prisoners set free are released (RETREAT), whatever the parse makes of "free".
    ("The militia set free nine fishermen seized in March.", "RETREAT"),
    # Force a subject comes under is read by its target and weapon; armed units pushing into a town fight.
    ("Two soldiers were hurt when their patrol came under attack from insurgents near Castry.", "FIGHT"),
    ("A bus carrying pilgrims came under fire on the road to Amsel, killing four.", "ASSAULT"),
    ("Guerrilla columns pushed into the outskirts of Amsel at dawn.", "FIGHT"),
    ("Hostilities broke out again in the north despite the truce.", "FIGHT"),
    # Rioters clashing with security forces riot (145), as with police; a work stoppage is a strike.
    ("Rioters clashed with security forces in the old town of Castry.", "PROTEST"),
    ("Nurses began an indefinite stoppage over unpaid salaries.", "PROTEST"),
    # Exercises by one side are military posturing (MOBILIZE); held with another, cooperation.
    ("Castry staged large-scale military exercises near its border with Amsel.", "MOBILIZE"),
    ("Castry's navy held exercises with the Amsel fleet in the gulf.", "COOPERATE"),
    # A request is coded as a demand (the GSR records: "sought refuge"); a question is no event.
    ("Amsel asked Castry for an additional 5 million dollars in food aid.", "DEMAND"),
    ("Reporters asked the minister whether talks with Castry would resume.", None),
    # A yielding act its actor says will not happen is a refusal.
    ("The junta said it would not hand over power to the elected parliament.", "REJECT"),
    # Property seized by the authorities is confiscated (COERCE); a jail named as a place is no arrest.
    ("Authorities in Castry seized the newspaper's offices and bank accounts.", "COERCE"),
    ("Prisoners at a jail near Amsel began a hunger strike over their conditions.", "PROTEST"),
    # Money and people given or sent: what the amount or the team counts is the aid.
    ("Castry has given Amsel 20 million marks in emergency credit.", "AID"),
    ("Castry sent a team of 40 doctors to Amsel to treat cholera victims.", "AID"),
    ("Trade between Castry and Amsel resumed on Friday after a three-month closure.", "COOPERATE"),
    # Phrasal verbs and nominalised acts read as their verbs would be.
    ("The government gave in to demands by the farmers on Wednesday.", "CONCEDE"),
    ("Amsel brushed aside a call by Castry to pull its troops out of the valley.", "REJECT"),
    ("Police broke up a rally by relatives of the detained men outside the court.", "COERCE"),
    ("Amsel's delegation walked out of peace talks with Castry on Thursday.", "SANCTION"),
    ("Dock workers walked out over pay on Monday.", "PROTEST"),
    ("The union said it would call a nationwide strike if wage talks broke down.", "THREATEN"),
    ("The suspension of the strike at the shipyard took effect on Monday.", "CONCEDE"),
    ("The signing of a friendship treaty between Amsel and Castry took place on Tuesday.", "SUPPORT"),
    ("A walkout by oil workers over unpaid wages halted production at two terminals.", "PROTEST"),
    ("Castry will send 500 troops to the UN peacekeeping force in Amsel.", "AGREE"),
    ("Castry delivered 12 patrol boats to the Amsel navy last month.", "AID"),
    ("Rebels hacked off the hands of villagers before burning their homes.", "ASSAULT"),
    ("Police raze 300 shacks in Castry township", "COERCE"),
    ("Mediators shuttled between government negotiators and rebel envoys on Tuesday.", "CONSULT"),
    # Notes in the conflict monitors' style.
    ("Community members held a peaceful march in Silvia Alta on 5 October 2022, calling for reforms.", "PROTEST"),
    ("Armed youths raided a cattle camp near Pibor on 12 March 2023, killing nine herders.", "ASSAULT"),
    ("On 3 May 2021, soldiers stormed the village of Kani and detained 12 residents.", "COERCE"),
    ("Two rival armed factions signed a truce in Jisr on 9 March 2021.", "AGREE"),
    # Hard phrasings (blind24's lines, reworded).
    ("Castry willing to mediate Amsel water row, foreign ministry says", "AGREE"),
    ("Castry to expel UN monitors if mandate extended, minister says", "THREATEN"),
    ("No talks with rebels, says Amsel junta", "REJECT"),
    ("Four Castry diplomats were ordered out of Amsel on Thursday.", "SANCTION"),
    ("Castry has put development aid to Amsel on ice following the coup.", "SANCTION"),
    ("The deportation of 40 migrants by Castry was completed on Thursday.", "COERCE"),
    ("The easing by Castry of visa restrictions on Amsel drivers took effect on Monday.", "CONCEDE"),
    ("The massing of Castry troops near the Amsel frontier was reported on Wednesday.", "MOBILIZE"),
    ("Ratification of a friendship treaty with Amsel was completed by Castry's senate.", "SUPPORT"),
    ("Castry's demand for the handover of the rebel leaders was repeated on Wednesday.", "DEMAND"),
    ("Union leaders said they had decided to call off the dockworkers' strike.", "CONCEDE"),
    ("Castry's minister sat down with Amsel counterparts to thrash out a dispute over tariffs.", "CONSULT"),
    ("Castry's intelligence service had been passing information on smugglers to Amsel.", "COOPERATE"),
    ("Lawmakers passed a resolution stating that Amsel must release the detained drivers.", "DEMAND"),
    ("Castry put its frontline units on high alert on Wednesday.", "MOBILIZE"),
    ("Some 1,200 militia fighters have handed in their weapons under a disarmament programme.", "RETREAT"),
    ("The bloc imposed an asset freeze and travel ban on 14 Castry officials on Monday.", "SANCTION"),
    ("Displaced families in Amsel have received food parcels from the World Food Programme.", "AID"),
    ("\u201cIf they cross the river again, we will respond with full military force,\u201d the minister said.",
     "THREATEN"),
    ("Oil workers said they would shut down production next week unless the government paid them.", "THREATEN"),
    ("Castry said it would take Amsel to an international tribunal if its vessels did not leave.", "THREATEN"),
    ("\u201cThis is a blatant violation of our sovereignty,\u201d the Castry foreign ministry said.", "DISAPPROVE"),
    ("Castry has handed over four more air-defence systems and 200 missiles to Amsel.", "AID"),
    ("Castry transferred $5 billion into the central bank of Amsel on Sunday.", "AID"),
    ("Castry flew a search-and-rescue team, two field hospitals and tonnes of tents to Amsel.", "AID"),
    ("Castry sends inspectors to Amsel border posts over disputed maize shipments", "INVESTIGATE"),
    ("Castry inspectors made a monitoring visit to dams in Amsel to check compliance with an accord.", "INVESTIGATE"),
    ("Castry and Amsel have completed a jointly built highway linking their highlands.", "COOPERATE"),
    ("Castry's delivery of 5,000 tonnes of heating fuel to Amsel was completed on Tuesday.", "AID"),
    ("Castry waived fines for Amsel workers who had overstayed their visas.", "CONCEDE"),
    # A concession to come is an intent, as the GSR codes "is prepared to lift the ban" (AGREE).
    ("Castry promised to cut tariffs on Amsel rice, meeting a key demand.", "AGREE"),
    ("Castry dismantled three artillery batteries along its frontier with Amsel.", "RETREAT"),
    ("Castry warships held live-fire drills in waters east of Amsel on Wednesday.", "MOBILIZE"),
    ("Castry has requested emergency food aid from Amsel to cope with a drought.", "DEMAND"),
    ("The parties exchanged views on regional security during the talks between the two ministers.", "CONSULT"),
    ("Castry and Amsel carried out an exchange of prisoners of war on Sunday.", "RETREAT"),
    ("The Investigative Committee of Castry has opened a criminal case against a group of Amsel soldiers.",
     "INVESTIGATE"),
    ("In the course of the operation, Castry security forces neutralised nine militants.", "FIGHT"),
    ("The Castry ministry declared two Amsel embassy employees persona non grata.", "SANCTION"),
    ("By decision of the ministry, the broadcasting of three Amsel channels has been suspended.", "COERCE"),
    ("Castry has allocated a grant of 12 million dollars for the restoration of water supply in Amsel.", "AID"),
    ("The head of state highly appreciated the contribution of Amsel companies to the economy.", "SUPPORT"),
    ("The government declared a state of emergency and suspended the right of public assembly.", "COERCE"),
    ("Castry warned Amsel on Monday against any expansion of settlements around the city.", "DISAPPROVE"),
    ("The president said Castry would use force to eject Amsel troops if they were not withdrawn.", "THREATEN"),
    ("Castry's strong endorsement of Amsel's maritime claims drew attention at the forum.", "SUPPORT"),
    ("Bowing to pressure, the minister announced that the government would scrap a planned tax increase.",
     "AGREE"),
    # Legal charges against a person are COERCE; one state charging another with a breach accuses it.
    ("Prosecutors charged the former mayor of Amsel with fraud.", "COERCE"),
    ("Castry charged Amsel with violating the border accord.", "DISAPPROVE"),
    # "slammed into" is an impact; "slammed" a plan, criticism.
    ("The minister slammed the opposition's budget plan as reckless.", "DISAPPROVE"),
    # People taken to jail or a police station are detained; a crowd marching there protests.
    ("The three suspects were taken to a police station for questioning.", "COERCE"),
    ("Protesters marched to the police station to demand the release of the students.", "PROTEST"),
    # A noun of intent with its act: a promise (AGREE) or, for a hostile act, a threat.
    ("The government expressed its willingness to resume talks with the rebels.", "AGREE"),
    ("The rebels announced their intention to attack the capital.", "THREATEN"),
    # A crowd that clashes riots; armed sides that clash fight.
    ("Football fans clashed with riot police outside the stadium in Amsel.", "PROTEST"),
    ("Clashes between protesters and police left dozens injured in Castry.", "PROTEST"),
    ("Rebels clashed with government troops near the dam on Sunday.", "FIGHT"),
    # Grenades are weapons of war: who is attacked decides.
    ("Militants attacked a border post with grenades and rifles, killing three soldiers.", "FIGHT"),
    ("A man threw a grenade into a crowded cafe in Amsel, wounding eleven people.", "ASSAULT"),
    # A raid on civilian premises is repression; on an armed position, combat.
    ("Police raided the homes of three opposition activists in Castry before dawn.", "COERCE"),
    ("Troops stormed a rebel stronghold in the hills on Friday.", "FIGHT"),
    # Seizing a person: an abduction by gunmen, an arrest by the police.
    ("Gunmen seized two engineers at a construction site near Amsel.", "ASSAULT"),
    ("Police seized two suspects at a construction site near Amsel.", "COERCE"),
    # Gathering to protest is a protest; an aid convoy arriving is aid, a column of tanks no aid.
    ("Several thousand workers assembled in the main square to protest the closure of the mine.", "PROTEST"),
    ("An aid convoy with food and medicine arrived in the flooded town of Dorn.", "AID"),
    # An attack noun's own attackers and target decide; arson by a crowd is a riot.
    ("The garrison beat back a rebel attack on the fort at Dorn.", "FIGHT"),
    ("Dozens of youths set fire to cars and shops in the centre of Amsel.", "PROTEST"),
    ("Gunmen set fire to a bus full of passengers on the road to Dorn.", "ASSAULT"),
    ("Castrian and Norvel patrol boats traded fire in the strait on Monday.", "FIGHT"),
    ("Mobile internet was cut off across the northern province ahead of the vote.", "COERCE"),
    # The weapon that destroys decides; taking territory is fighting; troops firing on protesters coerce.
    ("A Castrian drone strike destroyed a fuel depot near Dorn.", "FIGHT"),
    ("A car bomb destroyed the main police station in Dorn.", "ASSAULT"),
    ("The authorities demolished thirty homes in the old town of Dorn.", "COERCE"),
    ("Norvel troops captured two hills overlooking the town of Dorn.", "FIGHT"),
    ("Troops fired on protesters outside the presidential palace in Amsel.", "COERCE"),
    ("Troops fired on rebel positions outside Amsel.", "FIGHT"),
    # A crowd occupying a building, blocking a crossing or keeping a vigil protests; troops occupying a town fight.
    ("Students occupied the rector's office at the university of Amsel for a week.", "PROTEST"),
    ("Farmers blocked the railway line into Dorn with their tractors.", "PROTEST"),
    ("Mothers of the missing held a candlelight vigil outside the interior ministry.", "PROTEST"),
    ("The army imposed a lockdown on the old quarter of Amsel after the riots.", "COERCE"),
    # Returning fire is fighting; a deadline to act is an ultimatum; what fighting does is no figure of speech.
    ("The convoy was ambushed by rebels near Dorn and the escort returned fire.", "FIGHT"),
    ("Norvel gave the militias three days to leave the city or be driven out by force.", "THREATEN"),
    ("Fighting between Castry and Norvel has forced thousands of villagers to flee.", "FIGHT"),
    ("A relief plane with tents and blankets landed in Dorn on Sunday.", "AID"),
    # Force used on a crowd coerces; a channel's closure ordered is censorship; a prison sentence COERCE.
    ("The police used rubber bullets and live rounds against students marching on the ministry.", "COERCE"),
    ("The junta ordered the closure of two opposition newspapers in Amsel.", "COERCE"),
    ("A court in Dorn gave the former mayor a five-year prison sentence for fraud.", "COERCE"),
    ("Villagers pelted the police with stones when they came to evict them.", "PROTEST"),
    # Withdrawing a policy concedes, withdrawing troops retreats; inspectors visiting inspect.
    ("The government of Castry withdrew the bill on university fees after a week of protests.", "CONCEDE"),
    ("Castry withdrew its troops from the border town of Dorn.", "RETREAT"),
    ("Inspectors from the atomic agency visited the reactor at Dorn on Tuesday.", "INVESTIGATE"),
    ("The Castrian president visited Norvel for talks on the pipeline.", "CONSULT"),
])
def test_the_manual_lines_decided_by_who_acts_on_whom(nlp, text, type_):
    assert main_type(nlp, text) == type_


@pytest.mark.parametrize("text", [
    "A column of tanks reached the outskirts of the city on Monday.",
    "Hundreds of guests gathered at the hotel to celebrate the anniversary.",
])
def test_arrivals_and_gatherings_that_are_no_aid_or_protest(nlp, text):
    assert main_type(nlp, text) not in ("AID", "PROTEST")


@pytest.mark.parametrize(("text", "not_type"), [
    # Common verbs that report an event only with particular objects (the lexicon audit of issue 14).
    ("The new law requires companies to publish their accounts every year.", "DEMAND"),
    ("The minister handed the letter to a clerk at the door.", "RETREAT"),
    ("The storm stopped all traffic on the coastal road.", "SANCTION"),
    ("Gunmen kidnapped a shopkeeper in the market of Dorn.", "COERCE"),
])
def test_common_verbs_without_their_event_objects(nlp, text, not_type):
    assert main_type(nlp, text) != not_type


def test_stopping_aid_is_a_sanction(nlp):
    assert main_type(nlp, "Castry stopped all aid to Norvel after the coup.") == "SANCTION"


def test_relief_brought_on_arrival_is_aid(nlp):
    assert main_type(nlp, "Rescue teams from Castry arrived in Dorn with blankets and medicine.") == "AID"


def test_real_country_snippets_code_their_actors(nlp):
    """Fictional events between real countries (events_fictional_actors.jsonl, written with their codes
    before the rules were run on them: types 20/20, sources 20/20, targets 10/13 on the first run):
    the main event's source and target codes."""
    rows = _snippets("events_fictional_actors.jsonl")
    sources = targets = scored = 0
    for r in rows:
        events = doc_events(nlp(r["text"]), [], None)
        assert events and events[0].type == r["type"], r["id"]
        sources += sorted({a.code for a in events[0].source}) == sorted(r["source"])
        if "target" in r:
            scored += 1
            targets += sorted({a.code for a in events[0].target}) == sorted(r["target"])
    assert sources == len(rows) and targets >= scored - 1


@pytest.mark.parametrize(("text", "target"), [
    ("Norway condemned the Russian missile strikes on Kyiv.", "RUS"),
    ("France welcomed Germany's decision to send more aid.", "DEU"),
    ("Japan promised to give Vietnam two patrol ships.", "VNM"),
])
def test_the_target_of_a_verbal_act_is_who_did_the_act(nlp, text, target):
    events = doc_events(nlp(text), [], None)
    assert target in {a.code for a in events[0].target}


@pytest.mark.parametrize(("text", "type_"), [
    # each idiom of blind17's fixes, then a contrary sentence that must not read as it
    ("The senator tore into the finance committee over the missing funds.", "DISAPPROVE"),
    ("Crowds tore down the statue of the former governor.", "!DISAPPROVE"),
    ("Fishermen's unions rallied behind the harbour master after the vote.", "SUPPORT"),
    ("Thousands rallied outside parliament against the new fuel tax.", "PROTEST"),
    ("Castry turned down Norvel's offer of a loan.", "REJECT"),
    ("The council brushed off demands for a public inquiry.", "REJECT"),
    ("The mining ministry backed down on plans to close the northern pits.", "CONCEDE"),
    ("The mining ministry backed the plan to close the northern pits.", "SUPPORT"),
    ("The border police of Norvel and Castry teamed up to track arms traffickers.", "COOPERATE"),
    ("The teachers' union signed off on the deal after two days of talks.", "AGREE"),
    ("Norvel hit back at Castry over the expulsion of its diplomats.", "DISAPPROVE"),
    ("The Castrian army hit back with artillery fire on rebel positions.", "FIGHT"),
    ("Envoys of the two states shook hands on an agreement to share the river's water.", "AGREE"),
    ("Amsel came out in support of the peace plan.", "SUPPORT"),
    ("Opposition leaders blasted the budget as a gift to the rich.", "DISAPPROVE"),
    ("Insurgents blasted a hole in the prison wall.", "!DISAPPROVE"),
    ("The Castrian minister did not rule out a military strike on the camps.", "THREATEN"),
    ("The Castrian minister ruled out a military strike on the camps.", "REJECT"),
    ("Prisoners at the Amsel jail refused food for a week over their conditions.", "PROTEST"),
    ("The junta refused food aid from Norvel.", "REJECT"),
    ("Two cabinet ministers huddled with union leaders late into the night.", "CONSULT"),
    ("The envoys expressed alarm at the arrests of journalists.", "DISAPPROVE"),
])
def test_idioms_of_the_other_types(nlp, text, type_):
    """Phrasal and idiomatic verbs of the non-violent types (blind17, CAMEO lines 03, 04, 051, 06, 08,
    111, 12, 138, 1422), each with a contrary; "!TYPE": anything but that type."""
    got = main_type(nlp, text)
    assert got != type_[1:] if type_.startswith("!") else got == type_, (text, got)


@pytest.mark.parametrize(("text", "type_"), [
    # blind18's fixes, each with a contrary ("!TYPE": anything but that type)
    ("The two delegations initialled the text of a trade accord in Amsel.", "AGREE"),
    ("The two delegations signed a trade accord in Amsel.", "AGREE"),
    ("The two delegations signed a treaty of friendship in Amsel.", "SUPPORT"),
    ("The editorial took the governor to task for the delays.", "DISAPPROVE"),
    ("The governor took the delays in his stride.", "!DISAPPROVE"),
    ("The senate shot down a motion to impeach the president.", "REJECT"),
    ("Castrian air defences shot down two drones over the harbour.", "FIGHT"),
    ("The militia commander said his fighters stood ready to attack the airport.", "THREATEN"),
    ("The militia commander said his fighters stood ready to talk.", "AGREE"),
    ("Volunteers handed out blankets and water to people who fled the floods.", "AID"),
    ("Police officers searched the house for weapons.", "INVESTIGATE"),
    ("Norvel handed the disputed islands back to Castry.", "RETREAT"),
])
def test_idioms_of_mixed_types(nlp, text, type_):
    """blind18's lines: initialling or signing an accord agrees (03; a treaty of friendship signed is 057), taking to task rebukes
    (111), a motion shot down is rejected (12), standing ready to attack threatens (138), aid handed out (07),
    combing or searching a place for something investigates (09), handing back returns (084)."""
    got = main_type(nlp, text)
    assert got != type_[1:] if type_.startswith("!") else got == type_, (text, got)
