"""The words that say a planned event was put off or called off: one list for the event stage
(which reads them on a parse) and plan tracking (which reads stored evidence text).

A postponed event is still planned (for a new date), a cancelled one is off ("the summit was
pushed back to May", "the visit was called off").
"""

from __future__ import annotations

__all__ = ["CANCEL_PARTICLES", "CANCEL_VERBS", "POSTPONEMENT_CUE", "POSTPONE_PARTICLES", "POSTPONE_VERBS"]

# Verbs that change a planned event when it is their subject or object.
POSTPONE_VERBS = frozenset({"postpone", "delay", "reschedule", "defer", "adjourn"})
POSTPONE_PARTICLES = frozenset({("push", "back"), ("put", "off"), ("move", "back")})
CANCEL_VERBS = frozenset({"cancel", "scrap", "abandon", "shelve", "suspend", "drop", "scrub", "axe"})
CANCEL_PARTICLES = frozenset({("call", "off")})

# The same postponement cues as a pattern over a sentence's text, for readers that only have the
# evidence text (plan tracking reads stored events): "postponed", "delayed", "pushed back",
# "put off", "rescheduled", "deferred", "moved to April". Verb forms only ("without delay" is
# none), and not after a negation ("will not be postponed").
POSTPONEMENT_CUE = (
    r"(?<!\bnot )(?<!n't )(?<!\bnot be )(?<!n't be )(?<!\bnever )"
    r"\b(?:postpone[sd]?|postponing|postponement|delayed|delaying|reschedul\w*|defer(?:s|red|ring)?"
    r"|adjourn(?:s|ed|ing)?"
    r"|(?:push|pushe[sd]|pushing|put|puts|putting|move[sd]?|moving)\s+(?:\w+\s+){0,2}?(?:back|off)\b"
    r"|move[sd]?\s+(?:to|until|till)\b)"
)
