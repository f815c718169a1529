"""The coverage matrix of a story: its claims by outlet — who carried each one and who left it out.

Built from the claims ``newsweave.analyze.compare.compare_outlets`` aligned (no new matching): one row
per claim shared by several outlets, then one per claim only one outlet carries. An outlet that only
reprinted a wire report carries that report's claims as a copy, not as its own confirmation.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..model import outlet_of

__all__ = ["coverage_matrix"]


def coverage_matrix(comparison: dict[str, Any], articles: list[dict[str, Any]]) -> dict[str, Any]:
    """``{outlets, rows: [{claim, shared, carried: {outlet: cell}, missing: [outlet]}]}`` for a story's
    ``comparison`` (the shape of ``compare_outlets``) and its ``articles`` (story summaries: id, outlet,
    wire, published, copy_of). A cell is ``{article_id, start, end, text, published, reprint}``; a
    reprint's cell points at the copy (``reprint: true``; the offsets are those of the original's claim)."""
    published = {a["id"]: a.get("published") for a in articles}
    copies: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for a in articles:
        if a.get("copy_of") is not None:
            copies[a["copy_of"]].append(a)
    outlets = sorted({o["outlet"] for o in comparison.get("outlets", [])}
                     | {outlet_of(a) for a in articles if a.get("copy_of") is not None and comparison.get("outlets")})

    def row(claims: list[dict[str, Any]], shared: bool) -> dict[str, Any]:
        carried: dict[str, dict[str, Any]] = {}
        for c in claims:
            carried.setdefault(c["outlet"], {"article_id": c["article_id"], "start": c["start"], "end": c["end"],
                                             "text": c["text"], "published": published.get(c["article_id"]),
                                             "reprint": False})
            for reprint in copies.get(c["article_id"], []):
                carried.setdefault(outlet_of(reprint), {
                    "article_id": reprint["id"], "start": c["start"], "end": c["end"], "text": c["text"],
                    "published": reprint.get("published"), "reprint": True})
        lead = max(claims, key=lambda c: len(c["text"]))
        return {"claim": " ".join(lead["text"].split()), "shared": shared, "carried": carried,
                "missing": [o for o in outlets if o not in carried]}

    rows = [row(group["claims"], True) for group in comparison.get("shared_claims", [])]
    for o in comparison.get("outlets", []):
        rows += [row([c], False) for c in o.get("only_here", [])]
    return {"outlets": outlets, "rows": rows}
