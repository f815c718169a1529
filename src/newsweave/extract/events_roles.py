"""Who acts on whom in an act of force or protest, by role word, and the words around such acts that
the PLOVER manual's lines read (``events_scorer``, ``events_triggers``): crowds, police, the state's
armed forces, armed groups, assailants, civilians, armed targets, military objectives, streets, bodies a
state dissolves, media it shuts, envoys and individuals it expels, what a protest's purpose voices, what says people died.

Lemmas, lower case; written from the manual's definitions and mode tables, nothing fitted.
"""

from __future__ import annotations

__all__ = ["ARMED_GROUP", "ARMED_TARGET", "ARRESTS", "ASSAILANT", "BODIES", "CIVILIAN", "CROWD", "DEPORTED", "DISSENT",
           "EFFECT_VERBS", "ENVOYS", "EXCHANGES", "GRIEVANCES", "HOLDERS", "INSPECTORS", "JOINT_ACTS", "KILLED",
           "LEGAL", "LIMBS_AND_DEATH", "MEDIA", "MILITARY_OBJECTIVES", "NEGOTIATIONS", "NOT_VICTIMS", "PEOPLE",
           "POLICE", "QUANTITIES", "SAT_IN", "STATE_ARMED", "STREET_PROPERTY", "STRUCK_NOT_HIT", "THOROUGHFARES",
           "TORTURE", "WEAPONS", "WRONGS", "expulsion"]

# Who acts, by role word (lemmas, lower case).
CROWD = frozenset({"protester", "protestor", "demonstrator", "rioter", "crowd", "mob", "youth", "striker",
                   "marcher", "student", "worker", "resident", "villager", "supporter", "fan", "activist"})
POLICE = frozenset({"police", "policeman", "policemen", "officer", "gendarme", "security", "guard", "riot",
                    "ranger", "agent"})  # Pakistan's paramilitary Rangers police Karachi; immigration agents
STATE_ARMED = frozenset({"troop", "army", "soldier", "military", "force", "warplane", "jet", "aircraft",
                         "helicopter", "gunship", "artillery", "tank", "navy", "marine", "battalion", "brigade",
                         "unit", "paratrooper", "commando", "garrison",
                         "warship", "frigate", "destroyer", "gunboat", "submarine", "corvette", "cruiser",
                         "infantry", "infantryman", "regiment", "platoon", "squadron"})
ARMED_GROUP = frozenset({"rebel", "militant", "insurgent", "fighter", "guerrilla", "guerilla", "militia",
                         "militiaman", "militiamen", "jihadist", "separatist", "combatant", "faction", "formation"})
ASSAILANT = frozenset({"gunman", "gunmen", "attacker", "assailant", "kidnapper", "bomber", "abductor",
                       "hijacker", "terrorist", "killer", "man", "men"})
# Who is harmed: civilians and unarmed people (ASSAULT), armed positions (FIGHT).
CIVILIAN = frozenset({"civilian", "villager", "farmer", "journalist", "reporter", "woman", "child", "worshipper",
                      "passenger", "pilgrim", "student", "people", "family", "resident", "shopper", "tourist",
                      "businessman", "teacher", "doctor", "worker", "wedding", "market", "school", "mosque",
                      "church", "bus", "camp", "hospital", "home", "house", "village", "man", "boy", "girl",
                      "official", "judge", "politician", "mayor", "candidate", "priest", "nun", "detainee",
                      "prisoner", "hostage", "adviser", "advisor", "aid", "refugee"})
ARMED_TARGET = frozenset({"position", "line", "base", "checkpoint", "post", "stronghold", "bunker", "convoy",
                          "garrison", "trench", "outpost", "camp", "enclave", "territory", "front", "airport",
                          "town", "city", "village", "area", "depot", "airbase", "airfield", "hangar",
                          "barracks"}) | STATE_ARMED | ARMED_GROUP

# Military objectives (CAMEO 19: force used on them is fighting), and the streets a crowd fills.
MILITARY_OBJECTIVES = frozenset({"base", "position", "checkpoint", "bunker", "convoy", "depot", "outpost", "stronghold",
                                 "trench", "garrison", "barracks", "headquarters", "artillery", "battery", "launcher",
                                 "airbase", "airfield", "hangar"})
STRUCK_NOT_HIT = frozenset({"deal", "agreement", "accord", "compromise", "bargain", "balance", "pact", "settlement",
                            "understanding", "chord", "note", "tone", "blow", "match", "name", "record"})
THOROUGHFARES = frozenset({"street", "avenue", "square", "boulevard", "road", "plaza"})
# What a street's rioters burn and wreck (no one's weapon, no armed target).
STREET_PROPERTY = frozenset({"car", "vehicle", "bin", "dustbin", "tyre", "tire", "shop", "store", "barricade",
                             "kiosk", "scooter", "motorbike"})
# Bodies a state closes or dissolves to restrict political freedoms (CAMEO 172), as it closes the media.
BODIES = frozenset({"organisation", "organization", "ngo", "party", "charity", "association", "union",
                    "movement", "group", "foundation", "society", "league"})
# What the manual's ASSAULT calls torture, whoever does it ("beat him with cables ... electric shocks").
TORTURE = frozenset({"torture", "electrocute", "waterboard", "shock"})
# Premises people occupy to protest ("occupied the lobby of the ministry"), which troops take otherwise.
SAT_IN = frozenset({"lobby", "courtyard", "hall", "ministry", "office", "building", "campus", "headquarters",
                     "embassy", "parliament", "chamber", "factory", "plant", "school", "university", "cathedral",
                     # public space a group sits in ("doctors occupied the pavement")
                     "pavement", "sidewalk", "square", "street", "plaza", "roundabout", "park", "steps", "lawn"})
# Premises people are raided in: "riot police burst into a house", "gunmen burst into a wedding party".
BURST_INTO = SAT_IN | {"house", "home", "room", "compound", "party", "church", "mosque", "bar", "restaurant", "hotel",
                       "stadium", "courtroom", "classroom", "studio", "newsroom", "residence", "apartment", "flat"}
# What a court or prosecutor orders done to people: "ordered 37 of them held for 15 days" (CAMEO 173).
DETENTIONS = frozenset({"hold", "detain", "arrest", "jail", "remand", "imprison"})

# Words the manual's lines read around an act of force: who holds a march, which verbs arrest, what
# says people died, what talks are walked out of, what is hacked off.
HOLDERS = frozenset({"hold", "stage", "organise", "organize", "lead", "join", "call", "mount", "launch"})
ARRESTS = frozenset({"arrest", "detain", "round", "apprehend"})
KILLED = frozenset({"kill", "dead", "death", "shoot", "wound", "injure", "fatality", "casualty"})
NEGOTIATIONS = frozenset({"talk", "negotiation", "meeting", "session", "conference", "summit", "discussion"})
LIMBS_AND_DEATH = frozenset({"death", "hand", "arm", "limb", "leg", "foot", "ear", "nose", "finger"})

# Objects that make "kill" no violence ("killed the bill").
NOT_VICTIMS = frozenset({"bill", "deal", "plan", "proposal", "idea", "measure", "project", "legislation",
                         "amendment", "program", "programme", "story", "time", "chance", "momentum", "talk"})
# What a state shuts or takes off the air (censorship), and who leaves in an expulsion of envoys (SANCTION).
MEDIA = frozenset({"newspaper", "station", "radio", "television", "channel", "website", "site", "internet",
                   "outlet", "paper", "magazine", "broadcaster", "office", "publication", "agency", "daily",
                   "weekly", "press", "monthly", "journal", "tabloid", "portal", "newsletter"})
# Who a state orders out of its territory as a state's act (CAMEO 166 "Expel or withdraw": SANCTION),
# diplomats above all, and the people expelled one by one: the manual's exception to SANCTION,
# "Expulsions or deportations of individuals - typically a legal matter - are coded as COERCE" (CAMEO 174).
ENVOYS = frozenset({"diplomat", "ambassador", "envoy", "attache", "consul", "embassy", "mission", "observer",
                    "inspector", "peacekeeper", "monitor", "official", "staff"})
DEPORTED = frozenset({"journalist", "correspondent", "reporter", "activist", "migrant", "refugee", "worker",
                      "national", "citizen", "student", "missionary", "priest", "cleric", "dissident", "foreigner",
                      "tourist", "blogger", "academic", "preacher", "imam", "lawyer", "businessman"})
# Who is taken in an abduction, beside the civilians: people named by what they do or where they are from.
PEOPLE = frozenset({"engineer", "contractor", "missionary", "nurse", "driver", "fisherman", "fishermen", "sailor",
                    "crew", "foreigner", "national", "citizen", "employee", "trader", "merchant", "person",
                    "pupil", "schoolgirl", "schoolboy", "son", "daughter", "wife", "husband", "volunteer", "guest",
                    "visitor", "holidaymaker", "backpacker", "staff", "schoolteacher", "schoolchild"})
# What a gathering's purpose clause voices when it dissents ("to express opposition to", "to reject").
GRIEVANCES = frozenset({"opposition", "anger", "outrage", "discontent", "dissent", "frustration", "displeasure"})
DISSENT = frozenset({"protest", "denounce", "condemn", "demand", "oppose", "decry", "criticize", "criticise",
                     "demonstrate", "mourn", "commemorate", "reject", "call", "press", "urge", "chant"})
# Acts that, done jointly, are material cooperation (CAMEO 06: "a joint operation" of two police forces).
JOINT_ACTS = frozenset({"operation", "mission", "venture", "survey", "study", "project", "research", "programme"})
# Who charges someone (an arrest, COERCE), and who inspects on a visit (INVESTIGATE).
LEGAL = frozenset({"prosecutor", "police", "court", "judge", "authority", "magistrate", "prosecution"})
INSPECTORS = frozenset({"inspector", "monitor", "investigator", "observer", "auditor", "examiner"})
# Nouns that name a wrong done by another: said of someone, they accuse.
WRONGS = frozenset({"violation", "aggression", "provocation", "interference", "atrocity", "outrage", "crime",
                    "betrayal", "breach", "incursion"})
# What is traded or flown, which a state halts or resumes (SANCTION, COOPERATE).
EXCHANGES = frozenset({"trade", "exchange", "flight", "shipping", "traffic", "cooperation", "commerce", "transit", "freight"})
# Words that count what a verb acts on ("holding thousands of refugees"): the object is what they count.
QUANTITIES = frozenset({"thousand", "hundred", "dozen", "million", "number", "group", "score", "lot", "some",
                        "many", "all", "most", "part", "one", "two", "three", "tonne", "ton", "truckload",
                        "shipment", "consignment", "crate", "load", "batch", "kilogram", "container", "planeload",
                        # a group of people sent ("a team of doctors") and sums of money ("20 million marks
                        # in credit"): what the verb acts on is what they count
                        "team", "contingent", "billion", "dollar", "euro", "mark", "franc", "pound", "yen",
                        "yuan", "rouble", "ruble", "rupee",
                        # what a state, a span or a run holds: "declared a state of emergency", "began three
                        # days of naval drills", "a new round of talks"
                        "state", "day", "week", "month", "hour", "round", "series", "wave", "spate",
                        # a volley of weapons: "launched a swarm of drones at the airbase"
                        "swarm", "salvo", "barrage", "volley", "hail"})
# What is "fired" when firing is force ("fired the manager" is none).
WEAPONS = frozenset({"rocket", "missile", "shell", "shot", "mortar", "bullet", "round", "gun", "artillery",
                     "grenade", "salvo", "weapon", "gas", "warning"})
# Verbs of what an event did ("halted production", "paralysed the capital"), whose subject is the event.
EFFECT_VERBS = frozenset({"halt", "disrupt", "paralyse", "paralyze", "cripple", "shut", "close", "stop",
                          "ground", "delay", "bring", "block", "choke"})


def expulsion(ordered: set[str]) -> tuple[str, str] | None:
    """What ordering these people out of a country is (lemmas of who is ordered): envoys, a SANCTION
    (CAMEO 166); individuals, COERCE (174); anyone else (troops told to leave a town), no expulsion."""
    if ordered & ENVOYS:
        return ("SANCTION", "expel")
    if ordered & DEPORTED:
        return ("COERCE", "deport")
    return None
