""""The company" is the article's company: a definite description of an organisation joins the
organisation the article is about.

A report on Microsoft names it, then calls it "the company", "the software giant"; a report on the
Colts calls them "the team". Where one organisation's name clearly dominates the article (at least
twice as many name mentions as any other organisation, and at least two), a definite singular
description whose head names a kind of organisation joins that organisation's chain. Checked on ECB+
train before it was written: of the 24 such descriptions the gold marks, 23 are the article's
dominant organisation (the one miss, "Microsoft's security team", is a unit of it: a team or group
with a noun before it is left alone).

Not places ("the facility", "the center": a story of two clinics has two), not an indefinite or plural
phrase ("a company", "companies"), not a description already in a chain, and not one written before
the article first names its organisation (that one introduces another: "the accounting firm" where
the article goes on to name CNN three times).
"""

from __future__ import annotations

from collections import Counter

from ..model import Mention
from ..names import spelled
from .coref_names import Chains

__all__ = ["ORGANISATION_KINDS", "dominant_organisation_descriptions"]

# Head words that name a kind of organisation (companies, teams, parties, agencies).
ORGANISATION_KINDS = frozenset({
    "company", "firm", "giant", "maker", "manufacturer", "corporation", "conglomerate", "retailer", "carrier",
    "airline", "insurer", "lender", "bank", "automaker", "carmaker", "chipmaker", "publisher", "broadcaster",
    "network", "team", "club", "franchise", "party", "organisation", "organization", "agency", "group",
})
# Collective heads that, with a noun before them, name a unit of the organisation ("security team").
_UNITS = frozenset({"team", "group", "network"})


def _dominant_organisation(out: list[Mention], uf: Chains) -> int | None:
    """The mention index (a chain member) of the article's clearly dominant organisation name, or None."""
    by_root: Counter = Counter()
    first: dict[int, int] = {}
    for i, m in enumerate(out):
        # a name with no capital ("cnn" of a URL line) is no mention of the organisation in the prose
        if m.kind == "name" and m.label == "ORG" and spelled(m.text) and m.text != m.text.lower():
            root = uf.find(i)
            by_root[root] += 1
            first.setdefault(root, i)
    top = by_root.most_common(2)
    if not top or top[0][1] < 2 or (len(top) > 1 and top[0][1] < 2 * top[1][1]):
        return None
    return first[top[0][0]]


def dominant_organisation_descriptions(doc, out: list[Mention], uf: Chains, head_of: dict[int, int]) -> None:
    """Join each definite singular organisation description of ``out`` that no chain holds yet to the
    article's dominant organisation (see the module docstring). ``head_of`` maps a mention's index to
    its head token's (coreference's ``token_of``)."""
    org = None
    # How many mentions each chain holds, counted once: a union below only joins a description to the
    # organisation's chain, so no other description's count changes.
    members = Counter(uf.find(j) for j in range(len(out)))
    for idx, m in enumerate(out):
        if m.kind != "nominal" or idx not in head_of or uf.find(idx) != idx:
            continue
        if members[idx] > 1:
            continue  # a description some other mention already joined
        head = doc[head_of[idx]]
        if head.lower_ not in ORGANISATION_KINDS or head.tag_ in ("NNS", "NNPS"):
            continue
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children):
            continue
        if head.lower_ in _UNITS and any(c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN") for c in head.children):
            continue
        if org is None:
            org = _dominant_organisation(out, uf)
            if org is None:
                return
        if out[org].start > m.start:
            continue  # "the firm" before the article has named its organisation refers to another
        uf.union(org, idx)
        out[idx].label = "ORG"
