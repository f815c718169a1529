"""Article text with its extracted items marked in place, built from character offsets.

Every piece of article text goes through ``markupsafe.escape``; the only markup in the result is
the ``<mark>`` elements made here, whose attribute values are escaped too. Spans may nest (a name
inside a quote) or cross (a time expression straddling a quote's end): a crossing span is closed and
reopened around the boundary, so the HTML is always well formed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup, escape

__all__ = ["Highlight", "anchor_id", "highlight_text", "highlights_for_article"]


def anchor_id(start: int, end: int) -> str:
    """The element id of the evidence span ``start``–``end``: links use ``/articles/{id}#c{start}-{end}``."""
    return f"c{start}-{end}"


@dataclass(frozen=True, slots=True)
class Highlight:
    """One marked stretch: CSS classes and a tooltip; ``anchor`` gives it an id to link to."""

    start: int
    end: int
    classes: str
    title: str = ""
    anchor: bool = False
    data: tuple[tuple[str, str], ...] = field(default=())


def _open(h: Highlight, with_id: bool) -> str:
    attrs = [f'class="{escape(h.classes)}"']
    if with_id:
        attrs.append(f'id="{escape(anchor_id(h.start, h.end))}"')
    if h.title:
        attrs.append(f'title="{escape(h.title)}"')
    for key, value in h.data:
        attrs.append(f'data-{escape(key)}="{escape(value)}"')
    return "<mark " + " ".join(attrs) + ">"


def highlight_text(text: str, highlights: list[Highlight]) -> Markup:
    """``text`` as HTML with each highlight wrapped in ``<mark>``; out-of-range or empty spans are skipped."""
    spans = [h for h in highlights if 0 <= h.start < h.end <= len(text)]
    # Outer spans first at a shared start, so a quote opens before the name inside it.
    spans.sort(key=lambda h: (h.start, -h.end))
    starting: dict[int, list[Highlight]] = defaultdict(list)
    for h in spans:
        starting[h.start].append(h)
    points = sorted({h.start for h in spans} | {h.end for h in spans})
    used_ids: set[str] = set()
    out: list[str] = []
    stack: list[Highlight] = []
    pos = 0
    for p in points:
        out.append(str(escape(text[pos:p])))
        pos = p
        ending = [i for i, h in enumerate(stack) if h.end <= p]
        if ending:
            k = min(ending)
            reopen = [h for h in stack[k:] if h.end > p]
            out.append("</mark>" * (len(stack) - k))
            del stack[k:]
            for h in reopen:
                out.append(_open(h, with_id=False))
                stack.append(h)
        for h in starting.get(p, ()):
            ident = anchor_id(h.start, h.end)
            with_id = h.anchor and ident not in used_ids
            if with_id:
                used_ids.add(ident)
            out.append(_open(h, with_id))
            stack.append(h)
    out.append(str(escape(text[pos:])))
    out.append("</mark>" * len(stack))
    return Markup("".join(out))


def highlights_for_article(article: dict) -> list[Highlight]:
    """The highlights of one ``article_detail`` record: quotes (with speaker and cue), names, dates, events."""
    out: list[Highlight] = []
    for q in article.get("attributions", []):
        who = q.get("speaker") or "unknown speaker"
        out.append(Highlight(q["start"], q["end"], f"hl-attr hl-attr-{q['kind']}", f"{q['kind']} quote · {who}", anchor=True))
        for piece in q.get("content") or []:
            out.append(Highlight(piece["start"], piece["end"], "hl-quote", f"said by {who}", anchor=True))
        if q.get("source"):
            s = q["source"]
            out.append(Highlight(s["start"], s["end"], "hl-speaker", f"speaker: {who}", anchor=True))
        if q.get("cue"):
            c = q["cue"]
            out.append(Highlight(c["start"], c["end"], "hl-cue", "attribution cue"))
    for m in article.get("mentions", []):
        label = m.get("label") or "entity"
        tip = f"{label} · {m.get('kind') or 'name'}" + (f" · {m['entity_id']}" if m.get("entity_id") else "")
        out.append(Highlight(m["start"], m["end"], f"hl-ent hl-ent-{label}", tip, anchor=True,
                             data=(("entity", m.get("entity_id") or ""),)))
    for t in article.get("timexes", []):
        out.append(Highlight(t["start"], t["end"], f"hl-timex hl-timex-{t['type']}", f"{t['type']} = {t['value']}",
                             anchor=True))
    for e in article.get("events", []):
        when = f" · {e['time']}" if e.get("time") else ""
        out.append(Highlight(e["start"], e["end"], f"hl-event hl-event-{e['status']}", f"{e['type']} ({e['status']}){when}",
                             anchor=True))
    return out
