"""Who acts on whom in an act of force or protest, by role word, and the words around such acts that
the PLOVER manual's lines read (``events_scorer``): crowds, police, the state's armed forces, armed
groups, assailants, civilians, armed targets, military objectives, streets, bodies a state dissolves.

Lemmas, lower case; written from the manual's definitions and mode tables, nothing fitted.
"""

from __future__ import annotations

__all__ = ["ARMED_GROUP", "ARMED_TARGET", "ASSAILANT", "BODIES", "CIVILIAN", "CROWD", "MILITARY_OBJECTIVES", "POLICE",
           "SAT_IN", "STATE_ARMED", "STREET_PROPERTY", "STRUCK_NOT_HIT", "THOROUGHFARES", "TORTURE"]

# Who acts, by role word (lemmas, lower case).
CROWD = frozenset({"protester", "protestor", "demonstrator", "rioter", "crowd", "mob", "youth", "striker",
                   "marcher", "student", "worker", "resident", "villager", "supporter", "fan", "activist"})
POLICE = frozenset({"police", "policeman", "policemen", "officer", "gendarme", "security", "guard", "riot",
                    "ranger", "agent"})  # Pakistan's paramilitary Rangers police Karachi; immigration agents
STATE_ARMED = frozenset({"troop", "army", "soldier", "military", "force", "warplane", "jet", "aircraft",
                         "helicopter", "gunship", "artillery", "tank", "navy", "marine", "battalion", "brigade",
                         "unit", "paratrooper", "commando", "garrison",
                         "warship", "frigate", "destroyer", "gunboat", "submarine", "corvette", "cruiser"})
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
                     "embassy", "parliament", "chamber", "factory", "plant", "school", "university", "cathedral"})
