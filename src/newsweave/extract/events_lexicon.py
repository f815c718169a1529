"""The words that report PLOVER events, by type and mode.

Written from the PLOVER reference (event definitions and their CAMEO examples) and the
CAMEO -> PLOVER conversion table shipped with the PLOVER manual: each CAMEO category's verbs
("Express intent to meet" -> AGREE, "Discuss by telephone" -> CONSULT/phone, "Impose curfew" ->
COERCE/curfew, "Conduct hunger strike" -> PROTEST, ...) listed as the lemmas English news uses for
it. Not fitted to any evaluation set.
"""

from __future__ import annotations

from .events_roles import DEPORTED, ENVOYS

__all__ = [
    "AID_GOODS",
    "CONFLICTUAL",
    "CONTROL_VERBS",
    "COOPERATIVE",
    "LIGHT_ONLY_NOUNS",
    "LIGHT_VERBS",
    "MATERIAL_PHRASES",
    "MATERIAL_WORDS",
    "MILITARY_SECTORS",
    "NOMINALISED",
    "NOUNS",
    "PROPERTY",
    "REPORTING_VERBS",
    "SIGNED_DEALS",
    "SIGN_VERBS",
    "TIES",
    "VERBS",
    "VERB_OBJECT",
    "VERB_PARTICLE",
]

# Event types whose announcement in the future is itself an expression of intent (PLOVER: "All
# cooperative actions reported in future tense are also taken to imply intentions", coded AGREE),
# and the types whose announcement in the future is a threat (coded THREATEN).
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
CONFLICTUAL = frozenset({"SANCTION", "COERCE", "ASSAULT", "FIGHT", "PROTEST"})

# Sectors of state armed forces: their use of force is FIGHT (conventional military force), the
# same acts by others are ASSAULT (unconventional violence).
MILITARY_SECTORS = frozenset({"MIL"})

# lemma -> (type, mode). The default reading of a verb; VERB_OBJECT refines it by its object.
VERBS: dict[str, tuple[str, str | None]] = {
    # AGREE: agree to, offer, promise, express intent (CAMEO 03)
    "agree": ("AGREE", None), "offer": ("AGREE", None), "promise": ("AGREE", None),
    "pledge": ("AGREE", None), "commit": ("AGREE", None), "consent": ("AGREE", None),
    "undertake": ("AGREE", None), "accept": ("AGREE", None), "propose": ("AGREE", None),
    # CONSULT (CAMEO 04): meet, visit, host, phone, negotiate, mediate
    "meet": ("CONSULT", None), "visit": ("CONSULT", "visit"), "host": ("CONSULT", "host"),
    "discuss": ("CONSULT", None), "negotiate": ("CONSULT", None), "confer": ("CONSULT", None),
    "consult": ("CONSULT", None), "talk": ("CONSULT", None), "speak": ("CONSULT", None), "mediate": ("CONSULT", None),
    "phone": ("CONSULT", "phone"), "telephone": ("CONSULT", "phone"), "travel": ("CONSULT", "visit"),
    "invite": ("CONSULT", "visit"),  # an invitation is a proposed visit (and, announced, intent: AGREE)
    # SUPPORT (CAMEO 05): praise, endorse, defend verbally, recognize, apologize, sign agreements
    "praise": ("SUPPORT", None), "welcome": ("SUPPORT", None), "commend": ("SUPPORT", None),
    "endorse": ("SUPPORT", None), "support": ("SUPPORT", None), "back": ("SUPPORT", None),
    "defend": ("SUPPORT", None), "apologize": ("SUPPORT", None), "apologise": ("SUPPORT", None),
    "forgive": ("SUPPORT", None), "recognize": ("SUPPORT", None), "recognise": ("SUPPORT", None), "ratify": ("SUPPORT", None), "upgrade": ("SUPPORT", None),
    "congratulate": ("SUPPORT", None), "hail": ("SUPPORT", None), "applaud": ("SUPPORT", None),
    "thank": ("SUPPORT", None), "restore": ("SUPPORT", None), "normalize": ("SUPPORT", None),
    # COOPERATE (CAMEO 06): material cooperation, judicial cooperation, sharing intelligence
    "cooperate": ("COOPERATE", None), "share": ("COOPERATE", None), "extradite": ("COOPERATE", None),
    "exchange": ("COOPERATE", None), "trade": ("COOPERATE", None),
    "appreciate": ("SUPPORT", None),  # "highly appreciated the contribution of ..." (051 "Praise")
    "bar": ("COERCE", "ban"),  # "barred them from working in the country" (172 "Impose restrictions")
    # AID (CAMEO 07): provide aid, grant asylum
    "aid": ("AID", None), "donate": ("AID", None), "provide": ("AID", None), "supply": ("AID", None), "evacuate": ("AID", None), "fund": ("AID", None),
    "finance": ("AID", None), "lend": ("AID", None), "loan": ("AID", None),
    "grant": ("AID", None), "airlift": ("AID", None), "assist": ("AID", None),
    # CONCEDE (CAMEO 081-083): ease restrictions, accede to demands
    "concede": ("CONCEDE", None), "ease": ("CONCEDE", None), "lift": ("CONCEDE", None),
    "relax": ("CONCEDE", None), "yield": ("CONCEDE", None), "accede": ("CONCEDE", None),
    "approve": ("CONCEDE", None), "legalize": ("CONCEDE", None), "pardon": ("CONCEDE", None),
    "amnesty": ("CONCEDE", None), "unban": ("CONCEDE", None),
    # RETREAT (CAMEO 084-087): release, return, withdraw, demobilize, allow access, resign
    "release": ("RETREAT", "release"), "free": ("RETREAT", "release"), "return": ("RETREAT", "return"),
    "withdraw": ("RETREAT", "withdraw"), "retreat": ("RETREAT", "withdraw"),
    "demobilize": ("RETREAT", "disarm"), "demobilise": ("RETREAT", "disarm"),
    "disarm": ("RETREAT", "disarm"), "surrender": ("RETREAT", "disarm"), "resign": ("RETREAT", None),
    "repatriate": ("RETREAT", "return"), "compensate": ("RETREAT", "return"),
    "reopen": ("RETREAT", "access"), "cede": ("RETREAT", "withdraw"),
    # INVESTIGATE (CAMEO 09)
    "investigate": ("INVESTIGATE", None), "probe": ("INVESTIGATE", None), "inspect": ("INVESTIGATE", None),
    "examine": ("INVESTIGATE", None), "inquire": ("INVESTIGATE", None), "monitor": ("INVESTIGATE", None),
    # DEMAND (CAMEO 10)
    "demand": ("DEMAND", None), "insist": ("DEMAND", None), "urge": ("DEMAND", None),
    "order": ("DEMAND", None), "seek": ("DEMAND", None),
    "press": ("DEMAND", None), "petition": ("DEMAND", None),
    # DISAPPROVE (CAMEO 11)
    "criticize": ("DISAPPROVE", None), "criticise": ("DISAPPROVE", None), "condemn": ("DISAPPROVE", None),
    "denounce": ("DISAPPROVE", None), "accuse": ("DISAPPROVE", None), "blame": ("DISAPPROVE", None),
    "complain": ("DISAPPROVE", None), "sue": ("DISAPPROVE", None), "charge": ("DISAPPROVE", None),
    "allege": ("DISAPPROVE", None), "decry": ("DISAPPROVE", None), "deplore": ("DISAPPROVE", None),
    "slam": ("DISAPPROVE", None), "rebuke": ("DISAPPROVE", None), "summon": ("DISAPPROVE", None),
    "object": ("DISAPPROVE", None), "censure": ("DISAPPROVE", None),
    "lambast": ("DISAPPROVE", None), "castigate": ("DISAPPROVE", None), "convict": ("DISAPPROVE", None),
    # REJECT (CAMEO 12)
    "reject": ("REJECT", None), "refuse": ("REJECT", None), "decline": ("REJECT", None),
    "dismiss": ("REJECT", None), "rebuff": ("REJECT", None), "veto": ("REJECT", None),
    "oppose": ("REJECT", None), "renege": ("REJECT", None), "defy": ("REJECT", None),
    "violate": ("REJECT", None), "spurn": ("REJECT", None), "resist": ("REJECT", None),
    "disobey": ("REJECT", None), "snub": ("REJECT", None), "boycott": ("PROTEST", "boycott"),
    # THREATEN (CAMEO 13)
    "threaten": ("THREATEN", None), "warn": ("THREATEN", None), "caution": ("THREATEN", None),
    "request": ("DEMAND", None),  # "has requested emergency food aid": a request, coded as a demand (GSR)
    "vow": ("THREATEN", None), "swear": ("THREATEN", None),
    # PROTEST (CAMEO 14)
    "protest": ("PROTEST", "demo"), "demonstrate": ("PROTEST", "demo"), "rally": ("PROTEST", "demo"),
    "march": ("PROTEST", "demo"), "riot": ("PROTEST", "riot"), "picket": ("PROTEST", "demo"),
    "strike": ("PROTEST", "strike"), "block": ("PROTEST", "obstruct"), "blockade": ("PROTEST", "obstruct"),
    "barricade": ("PROTEST", "obstruct"),
    # MOBILIZE (CAMEO 15)
    "mobilize": ("MOBILIZE", "troops"), "mobilise": ("MOBILIZE", "troops"), "deploy": ("MOBILIZE", "troops"),
    "patrol": ("MOBILIZE", "police"), "reinforce": ("MOBILIZE", "troops"), "mass": ("MOBILIZE", "troops"),
    # SANCTION (CAMEO 16)
    "sanction": ("SANCTION", None), "suspend": ("SANCTION", None), "expel": ("SANCTION", "expel"),
    "sever": ("SANCTION", "withdraw"), "halt": ("SANCTION", "discontinue"),
    "recall": ("SANCTION", "withdraw"), "embargo": ("SANCTION", None), "freeze": ("SANCTION", None),
    "downgrade": ("SANCTION", "withdraw"),  # CAMEO 161 "Reduce or break diplomatic relations" (upgrade: SUPPORT)
    # COERCE (CAMEO 17, 191-192)
    "arrest": ("COERCE", "arrest"), "detain": ("COERCE", "detain"), "seize": ("COERCE", "seize"),
    "confiscate": ("COERCE", "confiscate"), "demolish": ("COERCE", "destroy"), "raze": ("COERCE", "destroy"), "destroy": ("COERCE", "destroy"),
    "bulldoze": ("COERCE", "destroy"), "ban": ("COERCE", "ban"), "impose": ("COERCE", "restrict"),
    "deport": ("COERCE", "deport"), "kidnap": ("ASSAULT", "abduct"), "censor": ("COERCE", "censor"),
    "prevent": ("COERCE", "restrict"), "raid": ("COERCE", None),
    "jail": ("COERCE", "arrest"), "imprison": ("COERCE", "arrest"), "sentence": ("COERCE", "arrest"), "occupy": ("COERCE", "seize"), "indict": ("COERCE", "arrest"),
    "abduct": ("ASSAULT", "abduct"), "crack": ("COERCE", None),
    "restrict": ("COERCE", "restrict"), "disperse": ("COERCE", "restrict"), "round": ("COERCE", "arrest"),
    # ASSAULT (CAMEO 18, 20)
    "attack": ("ASSAULT", None), "kill": ("ASSAULT", None), "bomb": ("ASSAULT", "explosives"),
    "assassinate": ("ASSAULT", "assassinate"), "torture": ("ASSAULT", "torture"), "beat": ("ASSAULT", "beat"),
    "massacre": ("ASSAULT", "massacre"), "wound": ("ASSAULT", None), "shoot": ("ASSAULT", "firearms"),
    "stab": ("ASSAULT", None), "behead": ("ASSAULT", None), "ambush": ("ASSAULT", None),
    "hijack": ("ASSAULT", "abduct"), "execute": ("ASSAULT", None), "murder": ("ASSAULT", None),
    "injure": ("ASSAULT", None), "lynch": ("ASSAULT", None), "explode": ("ASSAULT", "explosives"),
    "rape": ("ASSAULT", "sexual"), "slay": ("ASSAULT", None), "gun": ("ASSAULT", "firearms"),
    "slaughter": ("ASSAULT", "massacre"), "butcher": ("ASSAULT", "massacre"), "maim": ("ASSAULT", None),
    # FIGHT (CAMEO 19)
    "fight": ("FIGHT", None), "clash": ("FIGHT", None), "shell": ("FIGHT", "heavy-weapons"),
    "battle": ("FIGHT", None), "invade": ("FIGHT", None), "capture": ("FIGHT", None),
    "bombard": ("FIGHT", "heavy-weapons"), "fire": ("FIGHT", "firearms"), "storm": ("FIGHT", None),
    "airstrike": ("FIGHT", "heavy-weapons"), "strafe": ("FIGHT", "heavy-weapons"),
    "sink": ("FIGHT", None),  # a ship sunk (CAMEO 190); who sinks what is read by the manual's lines
}

# Nouns that name an event ("talks", "a summit", "a hunger strike"); used as the event when they
# are the object of a light verb ("held talks", "staged a rally") or stand on their own.
NOUNS: dict[str, tuple[str, str | None]] = {
    "walkout": ("PROTEST", "strike"), "drill": ("MOBILIZE", "exercise"),
    "endorsement": ("SUPPORT", None),  # 051 "Praise or endorse"
    # Military exercises are posturing, "a demonstration of military capabilities and readiness"
    # (MOBILIZE); held jointly or with another force they are military cooperation (COOPERATE, CAMEO 062).
    "manoeuvre": ("MOBILIZE", "exercise"), "maneuver": ("MOBILIZE", "exercise"), "wargame": ("MOBILIZE", "exercise"),
    "agreement": ("AGREE", None), "accord": ("AGREE", None), "deal": ("AGREE", None),
    "pledge": ("AGREE", None), "promise": ("AGREE", None), "offer": ("AGREE", None),
    "meeting": ("CONSULT", None), "talks": ("CONSULT", None), "summit": ("CONSULT", None),
    "visit": ("CONSULT", "visit"), "trip": ("CONSULT", "visit"), "negotiation": ("CONSULT", None),
    "discussion": ("CONSULT", None), "consultation": ("CONSULT", None), "conversation": ("CONSULT", "phone"),
    "call": ("CONSULT", "phone"), "phone": ("CONSULT", "phone"), "mediation": ("CONSULT", None),
    "conference": ("CONSULT", None), "session": ("CONSULT", None), "dialogue": ("CONSULT", None),
    "treaty": ("SUPPORT", None), "ties": ("SUPPORT", None), "relations": ("SUPPORT", None),
    "recognition": ("SUPPORT", None), "apology": ("SUPPORT", None),
    "cooperation": ("COOPERATE", None), "exercise": ("MOBILIZE", "exercise"), "extradition": ("COOPERATE", None),
    "aid": ("AID", None), "assistance": ("AID", None), "asylum": ("AID", "asylum"), "grant": ("AID", None),
    "loan": ("AID", None), "donation": ("AID", None),
    "concession": ("CONCEDE", None),
    "ceasefire": ("RETREAT", "ceasefire"), "cease-fire": ("RETREAT", "ceasefire"), "truce": ("RETREAT", "ceasefire"),
    "withdrawal": ("RETREAT", "withdraw"), "release": ("RETREAT", "release"), "compensation": ("RETREAT", "return"),
    "resignation": ("RETREAT", None), "pullout": ("RETREAT", "withdraw"),
    "investigation": ("INVESTIGATE", None), "inquiry": ("INVESTIGATE", None), "probe": ("INVESTIGATE", None),
    "inspection": ("INVESTIGATE", None), "inspector": ("INVESTIGATE", None),
    "demand": ("DEMAND", None), "ultimatum": ("THREATEN", None), "refuge": ("DEMAND", None),
    "criticism": ("DISAPPROVE", None), "condemnation": ("DISAPPROVE", None), "accusation": ("DISAPPROVE", None),
    "complaint": ("DISAPPROVE", None), "lawsuit": ("DISAPPROVE", None), "suit": ("DISAPPROVE", None),
    "rejection": ("REJECT", None), "veto": ("REJECT", None), "refusal": ("REJECT", None),
    "threat": ("THREATEN", None), "warning": ("THREATEN", None),
    "protest": ("PROTEST", "demo"), "demonstration": ("PROTEST", "demo"), "rally": ("PROTEST", "demo"),
    "march": ("PROTEST", "demo"), "riot": ("PROTEST", "riot"), "strike": ("PROTEST", "strike"),
    "boycott": ("PROTEST", "boycott"), "sit-in": ("PROTEST", "demo"), "vigil": ("PROTEST", "demo"),
    "stoppage": ("PROTEST", "strike"),  # a work stoppage (CAMEO 143); read only with workers or wages about
    "mobilization": ("MOBILIZE", "troops"), "deployment": ("MOBILIZE", "troops"), "patrol": ("MOBILIZE", "police"),
    "alert": ("MOBILIZE", "troops"),
    "sanction": ("SANCTION", None), "suspension": ("SANCTION", None), "embargo": ("SANCTION", None),
    "expulsion": ("SANCTION", "expel"), "deportation": ("COERCE", "deport"), "confiscation": ("COERCE", "seize"),
    "arrest": ("COERCE", "arrest"), "curfew": ("COERCE", "curfew"), "ban": ("COERCE", "ban"),
    "crackdown": ("COERCE", None), "blockade": ("COERCE", "restrict"), "restriction": ("COERCE", "restrict"),
    "occupation": ("COERCE", "seize"), "detention": ("COERCE", "detain"), "raid": ("COERCE", None),
    "martial": ("COERCE", "martial-law"), "emergency": ("COERCE", "martial-law"),
    "attack": ("ASSAULT", None), "bombing": ("ASSAULT", "explosives"), "assassination": ("ASSAULT", "assassinate"),
    "assault": ("ASSAULT", None),  # "launched 40 assaults on Ukrainian positions": who on whom decides (FIGHT)
    "massacre": ("ASSAULT", "massacre"), "killing": ("ASSAULT", None), "ambush": ("ASSAULT", None),
    "torture": ("ASSAULT", "torture"), "cleansing": ("FIGHT", "other"),
    "fighting": ("FIGHT", None), "clash": ("FIGHT", None), "battle": ("FIGHT", None), "offensive": ("FIGHT", None),
    "combat": ("FIGHT", None), "invasion": ("FIGHT", None), "shelling": ("FIGHT", "heavy-weapons"), "airstrike": ("FIGHT", "heavy-weapons"),
    "fire": ("FIGHT", "heavy-weapons"), "gunbattle": ("FIGHT", "firearms"), "war": ("FIGHT", None),
    "hostilities": ("FIGHT", None),  # the plural only: armed hostilities (CAMEO 190), not "hostility to"
}

# Nouns that only name an event when a light verb carries them ("held talks"), not where they
# merely appear ("the war in Ukraine", "relations between the two").
LIGHT_ONLY_NOUNS = frozenset({
    "ties", "relations", "grant", "exercise", "drill", "call", "phone", "session", "conference", "deal",
    "release", "war", "fire", "alert", "emergency", "martial", "treaty", "suit",
    "promise", "offer", "strike", "patrol", "inspector", "refuge", "aid", "assistance", "cooperation",
    "agreement", "accord", "ban", "demand",
})

# Armed forces that are moved or sent (CAMEO 154), and goods whose delivery is aid (CAMEO 07).
_FORCES = ("troop", "soldier", "warship", "army", "reinforcement", "tank", "brigade", "battalion", "division",
           "unit", "force", "jet", "warplane", "ship", "missile", "artillery", "marine", "paratrooper")
AID_GOODS = ("aid", "food", "medicine", "good", "supply", "weapon", "arm", "fuel", "relief", "assistance", "vaccine",
              "money", "tent", "blanket", "hospital", "equipment", "water", "grain", "wheat", "rice", "flour",
              "ration", "medication", "shelter", "generator", "clothing", "clothes", "seed", "fertilizer", "cargo",
              "fertiliser")


# Verbs that put a deal on paper, and the deals (``VERB_OBJECT``); the words of a deal that opens or
# improves relations ("a treaty of friendship", "an accord on diplomatic ties"), which the manual puts
# under SUPPORT (057, "initiation of diplomatic ties").
SIGN_VERBS = ("sign", "ink", "initial", "conclude", "hammer out", "thrash out")
SIGNED_DEALS = ("agreement", "accord", "treaty", "deal", "pact", "memorandum", "truce", "ceasefire", "cease-fire",
                "armistice", "settlement")
TIES = frozenset({"friendship", "relation", "tie", "diplomatic", "partnership", "amity", "recognition"})

# (verb lemma, object lemma) -> (type, mode): where the object decides what the verb reports.
VERB_OBJECT: dict[tuple[str, str], tuple[str, str | None]] = {
    **{("withdraw", o): ("SANCTION", "expel") for o in (
        "inspector", "peacekeeper", "ambassador", "diplomat", "observer", "worker", "envoy", "monitor",
        "aid", "support", "recognition", "mission")},
    **{("withdraw", o): ("RETREAT", "withdraw") for o in ("troop", "force", "soldier", "army", "unit")},
    # CAMEO 166 "Expel or withdraw": forcing out diplomats, inspectors, observers, aid agencies (forcing
    # villagers to flee is what fighting does, no sanction).
    **{("force", o): ("SANCTION", "expel") for o in (
        "inspector", "peacekeeper", "ambassador", "diplomat", "observer", "envoy", "monitor", "mission",
        "agency", "embassy", "staff", "journalist", "correspondent")},
    # CAMEO 154 "Mobilize or increase armed forces": moving forces somewhere; 07 "Provide aid": goods sent.
    **{(v, o): ("MOBILIZE", "troops") for v in ("send", "move", "dispatch", "rush", "mass", "station")
       for o in _FORCES},
    **{(v, o): ("AID", None) for v in ("send", "ship", "fly", "airlift", "dispatch", "provide", "distribute")
       for o in AID_GOODS},
    # "Military and police assistance including ... personnel. Humanitarian aid such as emergency
    # assistance" (PLOVER AID): doctors and rescuers sent to help.
    **{(v, o): ("AID", None) for v in ("send", "fly", "airlift", "dispatch", "deploy")
       for o in ("doctor", "medic", "nurse", "rescuer", "paramedic", "firefighter")},
    # Handing over a suspect is judicial cooperation (CAMEO 0631, extradition), a prisoner a release.
    **{("hand over", o): ("COOPERATE", None) for o in ("suspect", "fugitive", "defendant", "accused", "criminal")},
    # Banning trade is an embargo (CAMEO 163), banning a party or a rally a restriction (17).
    **{("ban", o): ("SANCTION", None) for o in ("import", "export", "trade", "flight", "shipment", "sale")},
    **{(v, o): ("SUPPORT", None) for v in ("voice", "express", "reiterate", "reaffirm")
       for o in ("support", "backing", "approval", "solidarity")},
    **{(v, o): ("DISAPPROVE", None) for v in ("voice", "express") for o in (
        "concern", "opposition", "criticism", "disapproval", "anger", "alarm", "outrage", "dismay")},
    **{("call up", o): ("MOBILIZE", "troops") for o in ("reservist", "reserve", "conscript", "recruit", "troop")},
    # CAMEO 071 "Provide economic aid" (credit, loans); 081/0841 easing sanctions on persons (amnesty).
    **{(v, o): ("AID", None) for v in ("approve", "extend", "disburse", "grant") for o in ("loan", "credit", "grant")},
    **{("grant", o): ("CONCEDE", None) for o in ("amnesty", "pardon", "clemency")},
    # Found guilty and imprisoned: COERCE (the manual, under DISAPPROVE: "when individuals are found
    # guilty and are therefore detained, use COERCE").
    **{(v, "sentence"): ("COERCE", "arrest") for v in ("hand", "hand down", "give", "impose", "pass", "serve")},
    # CAMEO 0832 "Accede to demands for change in policy": a tax, law or rule withdrawn.
    **{(v, o): ("CONCEDE", None) for v in ("scrap", "repeal", "abolish", "rescind", "revoke", "shelve", "drop",
                                           "withdraw", "reverse", "overturn", "waive", "cut", "lower", "reduce")
       for o in ("tax", "law", "decree", "reform", "policy", "rule", "regulation", "levy", "hike", "bill",
                 "measure", "fee", "ban", "decision", "demand", "claim", "fine", "tariff", "duty", "penalty")},
    # Amnesties and pardons offered or announced are concessions (CAMEO 0841 "Accede to demands for
    # rights"). (Plans dropped are the planned act cancelled, read by the plan's own verb.)
    **{(v, o): ("CONCEDE", None) for v in ("offer", "announce", "declare", "promise") for o in ("amnesty", "pardon")},
    # Inspectors sent are an inspection (CAMEO 09); weapons dismantled a de-escalation (RETREAT, 087).
    **{(v, o): ("INVESTIGATE", None) for v in ("send", "dispatch", "deploy")
       for o in ("inspector", "investigator", "auditor", "monitor")},
    **{("dismantle", o): ("RETREAT", "disarm") for o in ("battery", "weapon", "checkpoint", "base", "barricade",
                                                         "launcher", "fortification", "roadblock", "post")},
    **{(v, o): ("COOPERATE", None) for v in ("resume", "restart", "restore")
       for o in ("transit", "freight", "rail", "link", "service")},
    **{("order", o): ("INVESTIGATE", None) for o in ("inquiry", "investigation", "probe", "audit", "inquest")},
    **{(v, o): ("CONCEDE", None) for v in ("lift", "ease", "relax") for o in ("curfew", "ban", "restriction",
                                                                                 "emergency", "siege")},
    # CAMEO 0631 "share intelligence or information": passing it on is cooperation.
    **{(v, o): ("COOPERATE", None) for v in ("share", "pass", "exchange", "provide", "hand", "hand over")
       for o in ("intelligence", "information", "data", "file", "dossier", "evidence", "record", "document",
                 "name", "photograph", "list", "detail", "fingerprint")},
    # Goods handed over or donated to another are aid (07), not property returned (084).
    **{(v, o): ("AID", None) for v in ("hand over", "donate") for o in AID_GOODS + ("ambulance", "ventilator")},
    # CAMEO 166 "Expel or withdraw": diplomats ordered out of a country.
    **{("order out", o): ("SANCTION", "expel") for o in ENVOYS},
    # CAMEO 175 "violent repression": a protest or revolt "put down" is force against it
    **{("put down", o): ("COERCE", "restrict") for o in ("protest", "march", "rally", "demonstration", "riot",
                                                         "revolt", "uprising", "rebellion", "mutiny", "unrest")},
    # Land taken over from its owner (the manual's COERCE: "confiscate property"; CAMEO 1712).
    **{("take over", o): ("COERCE", "seize") for o in ("estate", "farm", "ranch", "plantation", "land", "homestead")},
    **{(v, o): ("COERCE", "deport") for v in ("expel", "order out", "deport", "kick out", "throw out")
       for o in DEPORTED},
    # Turning one's guns on people: force against them (read by who is hit, as any attack).
    ("turn", "gun"): ("FIGHT", "firearms"), ("turn", "weapon"): ("FIGHT", "firearms"),
    **{("lift", o): ("RETREAT", "ease") for o in ("sanction", "embargo", "blockade", "boycott")},
    **{("impose", o): ("SANCTION", None) for o in ("sanction", "embargo", "freeze")},  # "an asset freeze"
    # Weapons handed in: disarmament (RETREAT, CAMEO 0871 "demobilize armed forces").
    **{(v, o): ("RETREAT", "disarm") for v in ("hand in", "turn in", "give up", "surrender")
       for o in ("weapon", "arm", "gun", "rifle", "ammunition")},
    # Money and arms handed or transferred to another state are aid ("handed over four air-defence
    # systems to Ukraine", "transferred $5 billion into the central bank").
    **{(v, o): ("AID", "military") for v in ("hand over", "transfer")
       for o in ("missile", "system", "tank", "aircraft", "jet", "helicopter", "drone", "ammunition", "shell")},
    **{(v, o): ("AID", "economic") for v in ("transfer", "deposit", "disburse", "wire")
       for o in ("billion", "million", "dollar", "fund", "money", "loan", "grant", "tranche")},
    ("impose", "visa"): ("SANCTION", None),
    ("use", "force"): ("FIGHT", None),
    # A state of emergency declared, a right of assembly suspended: restrictions (COERCE, CAMEO 172/1724).
    **{(v, "emergency"): ("COERCE", "restrict") for v in ("declare", "impose", "proclaim")},
    **{("suspend", o): ("COERCE", "restrict") for o in ("right", "assembly", "freedom", "constitution")},
    # State-agency phrasing: views exchanged are talks, prisoners exchanged released, criminal cases
    # opened investigations, militants "neutralised" killed in combat, media suspended censored.
    ("exchange", "view"): ("CONSULT", None), ("exchange", "opinion"): ("CONSULT", None),
    **{("exchange", o): ("RETREAT", "release") for o in ("prisoner", "detainee", "captive", "hostage")},
    # A criminal case opened or "registered" (Indian and Pakistani police and agencies) is an investigation.
    **{(v, o): ("INVESTIGATE", None) for v in ("open", "register") for o in ("case", "proceeding", "proceedings")},
    **{(v, o): ("FIGHT", None) for v in ("neutralise", "neutralize", "eliminate")
       for o in ("militant", "terrorist", "fighter", "insurgent", "gunman", "rebel", "saboteur")},
    **{(v, o): ("COERCE", "censor") for v in ("suspend", "revoke", "cancel", "block")
       for o in ("broadcasting", "broadcast", "channel", "accreditation", "licence", "license", "publication",
                 "website", "newspaper")},
    **{(v, o): ("AID", None) for v in ("allocate", "earmark", "provide", "approve")
       for o in ("grant", "loan", "aid", "assistance", "credit")},
    **{(v, "quota"): ("CONCEDE", None) for v in ("cancel", "lift", "abolish", "scrap", "ease", "raise")},  # "would use force to eject the troops" (a threat where it is to come)  # "imposed visa bans": a sanction, not a domestic ban
    # Aid received is aid given ("families have received food parcels from the WFP").
    **{("receive", o): ("AID", None) for o in AID_GOODS + ("parcel", "ration", "handout")},
    **{("impose", o): ("COERCE", "curfew") for o in ("curfew",)},
    **{("suspend", o): ("CONCEDE", None) for o in ("strike", "protest", "boycott")},
    # Work or traffic suspended is what an event did ("production remained suspended after workers blocked
    # the highway"), no sanction of its own: (None, None) reads no event there.
    **{("suspend", o): (None, None) for o in ("production", "work", "operation", "trading", "class", "traffic")},
    # Exchange resumed or expanded is cooperation (COOPERATE: "resume ... mutual material cooperation
    # or exchange").
    **{(v, o): ("COOPERATE", None) for v in ("resume", "restart", "restore", "expand")
       for o in ("trade", "trading", "flight", "shipping", "traffic", "exchange", "cooperation")},
    # Calling a strike or a protest is staging one (CAMEO 14), not a demand.
    **{("call", o): ("PROTEST", "strike" if o in ("strike", "walkout", "stoppage") else "demo")
       for o in ("strike", "walkout", "stoppage", "protest", "demonstration", "boycott", "rally")},
    # Halting negotiations (CAMEO 164 SANCTION): walking out of talks is no workers' walkout.
    **{("walk out", o): ("SANCTION", "withdraw") for o in ("talk", "negotiation", "meeting", "session",
                                                           "conference", "summit", "discussion")},
    # Troops sent to a peacekeeping force are military assistance (AID: "personnel"), not posturing.
    **{(v, o): ("AID", "peacekeeping") for v in ("send", "contribute", "deploy", "dispatch", "provide")
       for o in ("peacekeeper", "peacekeeping")},
    **{("receive", o): ("RETREAT", "access") for o in ("inspector", "observer", "monitor", "peacekeeper", "mission")},
    **{("receive", o): ("CONSULT", "host") for o in ("delegation", "envoy", "visitor", "minister", "president",
                                                     "counterpart", "ambassador", "leader", "king", "premier")},
    **{(v, o): ("AID", None) for v in ("deliver", "hand out", "dole out") for o in AID_GOODS},
    # "Military and police assistance including arms" (PLOVER AID): equipment delivered or given to
    # another's forces.
    **{(v, o): ("AID", "military") for v in ("deliver", "supply", "donate", "provide", "give", "send", "ship")
       for o in ("boat", "ship", "vessel", "aircraft", "plane", "jet", "helicopter", "tank", "rifle", "ammunition",
                 "munition", "missile", "vehicle", "radar", "drone")},
    # Limbs hacked or chopped off: mutilation of people (ASSAULT), not a computer intrusion.
    **{(v, o): ("ASSAULT", "maim") for v in ("hack off", "chop off", "cut off", "hack", "chop")
       for o in ("hand", "arm", "limb", "leg", "foot", "ear", "nose", "finger")},
    # CAMEO 12: a motion or bill shot down is rejected ("shot down" a plane stays force).
    **{("shoot down", o): ("REJECT", None) for o in ("motion", "bill", "proposal", "plan", "amendment",
                                                     "resolution", "idea", "request", "offer", "bid")},
    # CAMEO 03: a draft accord initialled is an agreement reached, before its formal signing (057).
    **{("initial", o): ("AGREE", None) for o in ("agreement", "accord", "deal", "treaty", "pact", "text")},
    # CAMEO 0733 "Provide humanitarian aid": relief facilities set up for those in need.
    **{("set up", o): ("AID", None) for o in ("hospital", "clinic", "shelter", "kitchen")},
    # CAMEO 051 "Praise or endorse": putting one's weight behind an actor or a bid.
    **{(v, "weight"): ("SUPPORT", None) for v in ("throw", "put")},
    **{("end", o): ("SANCTION", "discontinue") for o in ("aid", "relation", "tie", "cooperation", "support",
                                                         "talk", "negotiation", "assistance")},
    **{("cut", o): ("SANCTION", "discontinue") for o in ("funding", "assistance", "support", "cooperation")},
    **{("give", o): ("AID", None) for o in ("asylum", "weapon", "arm", "food", "assistance", "credit")},
    **{("allow", o): ("RETREAT", "access") for o in ("access", "entry", "inspector", "observer", "aid", "delivery",
                                                     "peacekeeper", "convoy", "monitor", "return", "doctor", "medic",
                                                     "journalist", "reporter", "investigator")},
    **{("admit", o): ("RETREAT", "access") for o in ("refugee", "inspector", "observer", "monitor")},
    **{(v, o): ("FIGHT", "firearms") for v in ("exchange", "trade", "return") for o in ("fire", "gunfire", "shot")},
    **{(v, o): ("COERCE", "restrict") for v in ("cut off", "cut", "shut down", "block")
       for o in ("internet", "electricity", "telephone", "phone", "mobile")},
    **{("cut off", o): ("COERCE", "restrict") for o in ("access", "power", "water")},
    # CAMEO 161-166: reducing or breaking economic and diplomatic relations, halting aid.
    **{(v, o): ("SANCTION", "discontinue") for v in ("cut off", "halt", "stop") for o in (
        "gas", "oil", "fuel", "supply", "aid", "funding", "credit", "export", "shipment", "delivery", "assistance")},
    **{("break off", o): ("SANCTION", "withdraw") for o in ("relation", "tie", "talk", "negotiation", "contact")},
    # CAMEO 054 "Grant diplomatic recognition": two states establishing relations recognise each other.
    **{("establish", o): ("SUPPORT", None) for o in ("relation", "tie")},
    **{("call off", o): ("CONCEDE", None) for o in ("strike", "protest", "boycott", "demonstration", "walkout",
                                                    "sit-in", "march", "rally", "blockade", "stoppage")},
    **{("end", o): ("CONCEDE", None) for o in ("strike", "protest", "boycott", "curfew")},
    **{("end", o): ("RETREAT", "ceasefire") for o in ("war", "fighting", "hostility", "offensive", "occupation")},
    **{("close", o): ("SANCTION", None) for o in ("border", "embassy", "consulate", "airspace")},
    **{("open", o): ("RETREAT", "access") for o in ("border", "crossing")},
    **{("reopen", o): ("RETREAT", "access") for o in ("border", "crossing")},
    **{("break", o): ("SANCTION", "withdraw") for o in ("relation", "tie")},
    **{("cut", o): ("SANCTION", "withdraw") for o in ("relation", "tie", "aid", "link")},
    **{("hold", o): ("COERCE", "detain") for o in ("hostage", "prisoner", "refugee", "captive")},
    **{("order", o): ("MOBILIZE", "police") for o in ("patrol", "troop", "reinforcement", "deployment",
                                                      "mobilisation", "mobilization")},
    **{("grant", o): ("AID", "asylum") for o in ("asylum", "refuge")},
    # "withdrew their services", "withdraw labour": a strike (CAMEO 143) in British and West African usage
    **{("withdraw", o): ("PROTEST", "strike") for o in ("service", "labour", "labor")},
    **{("seek", o): ("DEMAND", None) for o in ("refuge", "asylum")},
    **{("protest", o): ("DISAPPROVE", None) for o in ("decision", "policy", "move")},
    **{("block", o): ("PROTEST", "obstruct") for o in ("road", "street", "highway", "bridge", "entrance", "crossing",
                                                       "expressway", "freeway", "route", "avenue", "artery", "lane",
                                                       "intersection", "roundabout", "track",
                                                       "railway", "rail", "motorway", "junction", "port", "runway",
                                                       "gate", "square")},
    # CAMEO 17 "Impose restrictions": a curfew or lockdown imposed or enforced.
    **{(v, o): ("COERCE", "curfew") for v in ("enforce", "impose", "declare") for o in ("lockdown", "curfew")},
    **{("pay", o): ("RETREAT", "return") for o in ("compensation", "reparation")},
    **{("declare", o): ("RETREAT", "ceasefire") for o in ("ceasefire", "truce", "cease-fire")},
    **{("violate", o): ("FIGHT", None) for o in ("ceasefire", "truce", "cease-fire")},
    **{(v, "protest"): ("DISAPPROVE", None) for v in ("lodge", "file", "register", "issue", "deliver")},
    **{("cancel", o): ("CONCEDE", None) for o in ("restriction", "ban", "curfew", "measure", "sanction")},
    **{(v, o): ("AGREE", None) for v in ("reach", "strike", "clinch", "seal") for o in (
        "agreement", "accord", "deal", "settlement", "compromise", "understanding", "consensus", "bargain")},
    # Signing the text of a deal is agreeing to it (03): the parties commit to what it settles. The
    # manual's SUPPORT line ("ratify, sign, or finalize an agreement or treaty", CAMEO 057) keeps
    # ratifying, signing a declaration or charter, and a treaty of friendship or ties (``ties_signed``).
    **{(v, o): ("AGREE", None) for v in SIGN_VERBS for o in SIGNED_DEALS},
    **{("sign", o): ("SUPPORT", None) for o in ("declaration", "protocol", "charter", "communique", "convention")},
    **{("give", o): ("AID", None) for o in ("grant", "aid", "loan", "money")},
    **{("restore", o): ("SUPPORT", None) for o in ("relation", "tie")},
    **{("carry", o): ("ASSAULT", None) for o in ("attack", "bombing", "assassination")},
    **{("launch", o): ("FIGHT", "heavy-weapons") for o in ("artillery", "rocket", "missile", "airstrike", "offensive",
                                                           "drone")},
}

# Verb + particle ("call off", "blow up", "crack down", "hand over", "pull out").
VERB_PARTICLE: dict[tuple[str, str], tuple[str, str | None]] = {
    ("blow", "up"): ("COERCE", "destroy"),
    ("crack", "down"): ("COERCE", None), ("hand", "over"): ("RETREAT", "return"),
    ("pull", "out"): ("RETREAT", "withdraw"), ("pull", "back"): ("RETREAT", "withdraw"),
    ("round", "up"): ("COERCE", "arrest"), ("beat", "up"): ("ASSAULT", "beat"),
    ("lay", "down"): ("RETREAT", "disarm"), ("step", "down"): ("RETREAT", None),
    ("shoot", "down"): ("FIGHT", "heavy-weapons"), ("set", "free"): ("RETREAT", "release"),
    ("call", "on"): ("DEMAND", None), ("call", "for"): ("DEMAND", None),
    ("vote", "down"): ("REJECT", None), ("look", "into"): ("INVESTIGATE", None),
    ("rule", "out"): ("REJECT", None), ("settle", "on"): ("AGREE", None),  # "settled on a timetable" (03)  # CAMEO 12: "ruled out talks", "ruled out a referendum"
    ("lash", "out"): ("DISAPPROVE", None),  # CAMEO 111 "Criticize or denounce"
    ("tear", "into"): ("DISAPPROVE", None),  # 111: "tore into the council over delays"
    ("rally", "behind"): ("SUPPORT", None),  # 051 "Praise or endorse": rallying behind an actor
    ("turn", "down"): ("REJECT", None), ("brush", "off"): ("REJECT", None),  # 12: an offer, calls
    ("back", "down"): ("CONCEDE", None), ("cave", "in"): ("CONCEDE", None),  # 08: yielding to pressure
    ("give", "in"): ("CONCEDE", None),  # 08: "gave in to demands by coca growers"
    ("brush", "aside"): ("REJECT", None), ("shrug", "off"): ("REJECT", None),  # 12: a call, an appeal
    ("break", "up"): ("COERCE", "restrict"),  # police breaking up a rally: force against protesters
    ("mow", "down"): ("ASSAULT", "firearms"),  # "mowed down five people": killing, read by who and whom as "shot"
    ("shuttle", "between"): ("CONSULT", "mediate"),  # 045 "Engage in mediation": shuttle diplomacy
    ("team", "up"): ("COOPERATE", None),  # 06: acting together
    ("sign", "off"): ("AGREE", None),  # 03: "signed off on the pay offer"
    ("hand", "back"): ("RETREAT", "return"), ("give", "back"): ("RETREAT", "return"),  # 084: control, land
}

# Verbs that carry an event noun as their object: the noun says what happened ("held talks",
# "staged a rally", "launched an offensive", "imposed a curfew"); the verb gives tense and subject.
LIGHT_VERBS = frozenset({
    "hold", "stage", "begin", "start", "launch", "open", "conduct", "carry", "make", "take", "issue",
    "lodge", "mount", "resume", "continue", "organize", "organise", "go", "have", "set", "call", "declare",
    "announce", "impose", "reach", "sign", "give", "pay", "file", "engage", "complete", "plan", "schedule",
    "arrange", "propose", "seek", "speed", "accelerate", "step", "press", "initiate", "finish", "attend",
    "get", "use", "do", "undertake", "convene", "receive",  "reiterate", "repeat", "renew", "voice",
    "observe",  # "traders observed a strike", "observed a ceasefire"
})

# Verbs that report speech: the event is in what they report; their subject is who claims it.
REPORTING_VERBS = frozenset({
    "say", "tell", "announce", "report", "state", "add", "claim", "quote", "write", "disclose",
    "reveal", "confirm", "note", "explain", "believe", "think", "indicate", "stress", "declare",
    "assert", "conclude", "predict", "know", "learn", "suggest", "describe", "mention", "reply",
    "acknowledge", "comment", "argue", "contend", "maintain", "deny",
})

# Verbs that take another verb as complement ("agreed to meet", "refused to resign", "plans to
# visit"): what the pair reports and the status the complement gets.
#   kind "own": the verb's own type is the event; the complement is the planned act
#   kind "through": the complement is the event; the verb only gives its status
CONTROL_VERBS: dict[str, tuple[str, str]] = {
    "agree": ("own", "planned"), "offer": ("own", "proposed"), "promise": ("own", "planned"),
    "pledge": ("own", "planned"), "commit": ("own", "planned"), "undertake": ("own", "planned"),
    "consent": ("own", "planned"), "propose": ("own", "proposed"), "accept": ("own", "planned"),
    "threaten": ("own", "planned"), "vow": ("own", "planned"), "swear": ("own", "planned"),
    "warn": ("own", "planned"),
    "refuse": ("own", "denied"), "decline": ("own", "denied"), "fail": ("own", "denied"),
    "reject": ("own", "denied"),
    "demand": ("own", "proposed"), "urge": ("own", "proposed"), "order": ("own", "proposed"),
    "ask": ("own", "proposed"), "call": ("own", "proposed"), "press": ("own", "proposed"),
    "insist": ("own", "proposed"), "request": ("own", "proposed"), "appeal": ("own", "proposed"),
    "plead": ("own", "proposed"),
    "plan": ("through", "planned"), "intend": ("through", "planned"), "want": ("through", "planned"),
    "hope": ("through", "planned"), "expect": ("through", "planned"), "aim": ("through", "planned"),
    "schedule": ("through", "planned"), "set": ("through", "planned"), "decide": ("through", None),
    "prepare": ("through", "planned"), "seek": ("through", "proposed"), "wish": ("through", "proposed"),
    "try": ("through", "occurred"), "attempt": ("through", "occurred"), "continue": ("through", "occurred"),
    "begin": ("through", "occurred"), "start": ("through", "occurred"), "resume": ("through", "occurred"),
    "move": ("through", "occurred"), "manage": ("through", "occurred"), "go": ("through", "planned"),
    "deny": ("through", "denied"), "help": ("through", "occurred"), "speed": ("through", "occurred"),
    "need": ("through", "proposed"),
}

# What is confiscated when it is seized (the manual's COERCE: "confiscate property"); "seized the
# opportunity" names none of them.
PROPERTY = frozenset({"asset", "account", "property", "land", "campus", "building", "office", "premise", "equipment",
                       "passport", "vessel", "ship", "boat", "trawler", "goods", "cargo", "shipment", "consignment",
                       "newspaper", "farm", "house", "home", "fund", "money", "cash", "vehicle", "car", "truck",
                       "licence", "license", "archive", "document", "computer", "broadcaster", "station", "plant",
                       "factory", "mine", "company", "business", "headquarters", "bank", "press", "transmitter",
                       "publication", "copy", "warehouse", "shop", "store"})

# Nouns of an act and their verb: "the suspension of the strike" is the strike suspended (CONCEDE),
# "the signing of a treaty" the treaty signed (SUPPORT); the verb and the "of" object decide as they
# would for the verb (VERB_OBJECT).
NOMINALISED = {"suspension": "suspend", "signing": "sign", "lifting": "lift", "withdrawal": "withdraw",
               "release": "release", "expulsion": "expel", "resumption": "resume", "closure": "close",
               "easing": "ease", "relaxation": "relax", "massing": "mass", "deployment": "deploy",
               "delivery": "deliver", "exchange": "exchange",
               "handover": "hand over", "recall": "recall", "imposition": "impose", "ratification": "ratify",
               "conclusion": "conclude"}

# The manual's lines between PROTEST, COERCE, ASSAULT and FIGHT (``events_scorer``): words that name the
# act on their own, whoever does it: (type, mode).
MATERIAL_WORDS: dict[str, tuple[str, str | None]] = {
    # ASSAULT modes (manual table 3.11) and CAMEO 18/20
    "bomb": ("ASSAULT", "explosives"), "bombing": ("ASSAULT", "explosives"), "bomber": ("ASSAULT", "suicide-attack"),
    "blast": ("ASSAULT", "explosives"), "explosion": ("ASSAULT", "explosives"), "explode": ("ASSAULT", "explosives"),
    "explosive": ("ASSAULT", "explosives"), "ied": ("ASSAULT", "explosives"), "detonate": ("ASSAULT", "explosives"),
    "suicide": ("ASSAULT", "suicide-attack"), "abduct": ("ASSAULT", "abduct"), "abduction": ("ASSAULT", "abduct"),
    "kidnap": ("ASSAULT", "abduct"), "kidnapping": ("ASSAULT", "abduct"), "hijack": ("ASSAULT", "abduct"),
    "hostage": ("ASSAULT", "abduct"), "snatch": ("ASSAULT", "abduct"), "assassinate": ("ASSAULT", "targeted"),
    "assassination": ("ASSAULT", "targeted"), "massacre": ("ASSAULT", "targeted"), "behead": ("ASSAULT", "targeted"),
    "slaughter": ("ASSAULT", "targeted"),
    "execute": ("ASSAULT", "targeted"), "lynch": ("ASSAULT", "beat"), "rape": ("ASSAULT", "sexual"),
    "torture": ("ASSAULT", "torture"), "stab": ("ASSAULT", "primitive"), "hack": ("COERCE", "cyber"),
    # FIGHT: CAMEO 190-196
    "clash": ("FIGHT", None), "battle": ("FIGHT", None), "fighting": ("FIGHT", None), "fight": ("FIGHT", None),
    "combat": ("FIGHT", None), "shell": ("FIGHT", "heavy-weapons"), "shelling": ("FIGHT", "heavy-weapons"), "artillery": ("FIGHT", "heavy-weapons"),
    "mortar": ("FIGHT", "heavy-weapons"), "airstrike": ("FIGHT", "aerial"), "bombard": ("FIGHT", "heavy-weapons"),
    "bombardment": ("FIGHT", "heavy-weapons"), "offensive": ("FIGHT", None), "counteroffensive": ("FIGHT", None),
    "recapture": ("FIGHT", None), "invade": ("FIGHT", None), "invasion": ("FIGHT", None), "skirmish": ("FIGHT", None),
    "gunbattle": ("FIGHT", "firearms"), "firefight": ("FIGHT", "firearms"), "advance": ("FIGHT", None),
    "overrun": ("FIGHT", None), "besiege": ("FIGHT", None), "strafe": ("FIGHT", "aerial"),
    # COERCE modes (manual table 3.10) and CAMEO 17
    "arrest": ("COERCE", "arrest"), "detain": ("COERCE", "arrest"), "detention": ("COERCE", "arrest"),
    "custody": ("COERCE", "arrest"), "jail": ("COERCE", "arrest"), "imprison": ("COERCE", "arrest"),
    "crackdown": ("COERCE", None), "curfew": ("COERCE", "curfew"), "deport": ("COERCE", "deport"),
    "censor": ("COERCE", "censor"), "disperse": ("COERCE", "restrict"), "teargas": ("COERCE", "restrict"),
    "confiscate": ("COERCE", "seize"),
    # PROTEST modes (manual table 3.7) and CAMEO 14
    "protest": ("PROTEST", "demo"), "protester": ("PROTEST", "demo"), "protestor": ("PROTEST", "demo"),
    "demonstrate": ("PROTEST", "demo"), "demonstration": ("PROTEST", "demo"), "demonstrator": ("PROTEST", "demo"),
    "rally": ("PROTEST", "demo"), "march": ("PROTEST", "demo"), "riot": ("PROTEST", "riot"),
    "rioter": ("PROTEST", "riot"), "rioting": ("PROTEST", "riot"), "loot": ("PROTEST", "riot"),
    "sit-in": ("PROTEST", "demo"), "picket": ("PROTEST", "demo"), "boycott": ("PROTEST", "boycott"),
    "strike": ("PROTEST", "strike"), "striker": ("PROTEST", "strike"), "walkout": ("PROTEST", "strike"),
    "chant": ("PROTEST", "demo"), "rampage": ("PROTEST", "riot"), "stoppage": ("PROTEST", "strike"), "vandalize": ("PROTEST", "vandalize"), "vandalise": ("PROTEST", "vandalize"),
}
# (``events_scorer``) Words of a phrase that say the act's type (a verb's particle or object): "take into custody",
# "take to the streets", "walk off the job", "seize control", "open fire", "set fire".
MATERIAL_PHRASES: dict[tuple[str, str], tuple[str, str | None]] = {
    ("take", "custody"): ("COERCE", "arrest"), ("take", "street"): ("PROTEST", "demo"),
    ("walk", "job"): ("PROTEST", "strike"), ("walk", "out"): ("PROTEST", "strike"),
    ("take", "control"): ("FIGHT", None), ("seize", "control"): ("FIGHT", None), ("gain", "control"): ("FIGHT", None),
    ("exchange", "fire"): ("FIGHT", "firearms"), ("trade", "fire"): ("FIGHT", "firearms"),
    ("return", "fire"): ("FIGHT", "firearms"), ("down", "tool"): ("PROTEST", "strike"), ("round", "up"): ("COERCE", "arrest"),
    ("crack", "down"): ("COERCE", None), ("blow", "up"): ("ASSAULT", "explosives"),
    ("go", "strike"): ("PROTEST", "strike"), ("stage", "strike"): ("PROTEST", "strike"),
    ("block", "road"): ("PROTEST", "obstruct"), ("block", "highway"): ("PROTEST", "obstruct"),
    ("block", "street"): ("PROTEST", "obstruct"), ("block", "bridge"): ("PROTEST", "obstruct"),
    ("tear", "gas"): ("COERCE", "restrict"), ("water", "cannon"): ("COERCE", "restrict"),
    ("rubber", "bullet"): ("COERCE", "restrict"), ("air", "strike"): ("FIGHT", "aerial"),
    ("missile", "strike"): ("FIGHT", "heavy-weapons"), ("drone", "strike"): ("FIGHT", "drone"),
    ("use", "gas"): ("COERCE", "restrict"), ("use", "baton"): ("COERCE", "restrict"),
    ("use", "cannon"): ("COERCE", "restrict"), ("fire", "gas"): ("COERCE", "restrict"),
    # "subjected the positions to mortar and artillery fire"
    **{("subject", w): ("FIGHT", "heavy-weapons") for w in ("fire", "shelling", "bombardment", "mortar", "artillery")},
    ("discharge", "firearm"): ("ASSAULT", "firearms"), ("discharge", "weapon"): ("ASSAULT", "firearms"),
    ("hunger", "strike"): ("PROTEST", "hunger"), ("sit", "in"): ("PROTEST", "demo"), ("general", "strike"): ("PROTEST", "strike"),
}
