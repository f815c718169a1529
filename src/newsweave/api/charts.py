"""Inline SVG charts drawn here in Python: a story's timeline and its voice share per outlet.

No JavaScript and nothing fetched from elsewhere: the page works offline and under a strict CSP.
Every label is escaped; colours come from fixed palettes so an outlet keeps its colour across pages.
"""

from __future__ import annotations

import zlib
from datetime import date, timedelta
from urllib.parse import quote

from markupsafe import Markup, escape

__all__ = ["OUTLET_PALETTE", "SPEAKER_PALETTE", "outlet_colours", "timeline_svg", "voice_share_svg", "parse_day"]

# Colour-blind-safer set (Okabe–Ito, extended); CSS classes oc0..oc9 in static/style.css match it.
OUTLET_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7A5195", "#8C6D31",
                  "#3B8686", "#B2182B")
SPEAKER_PALETTE = ("#4E79A7", "#F28E2B", "#59A14F", "#E15759", "#B07AA1", "#76B7B2", "#EDC948", "#9C755F",
                   "#FF9DA7", "#BAB0AC")
OTHERS = "#D0D0D0"
_FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\""


def outlet_colours(outlets) -> dict[str, int]:
    """Palette index per outlet: stable (hash of the name), with clashes on one page moved to a free slot."""
    taken: dict[int, str] = {}
    out: dict[str, int] = {}
    for name in sorted({o for o in outlets if o}):
        slot = zlib.crc32(name.lower().encode("utf-8")) % len(OUTLET_PALETTE)
        for step in range(len(OUTLET_PALETTE)):
            cand = (slot + step) % len(OUTLET_PALETTE)
            if cand not in taken:
                slot = cand
                break
        taken.setdefault(slot, name)
        out[name] = slot
    return out


def parse_day(value: str | None) -> date | None:
    """The calendar day of a TIMEX3 or ISO value ("2025-10-17", "2025-10-17T10:00"), else None."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _ticks(first: date, last: date, most: int = 7) -> list[date]:
    span = max((last - first).days, 1)
    step = max(1, -(-span // (most - 1)))
    ticks, d = [], first
    while d <= last:
        ticks.append(d)
        d += timedelta(days=step)
    if ticks[-1] != last and (last - ticks[-1]).days * 2 >= step:
        ticks.append(last)
    return ticks


def timeline_svg(items: list[dict], colours: dict[str, int], *, width: int = 880) -> Markup:
    """Dated items on a time axis, one lane per outlet.

    Each item needs ``date`` (ISO day), ``outlet``, ``label``, ``status`` and ``href`` (its evidence).
    Occurred items are filled circles, planned or proposed ones hollow diamonds, cancelled or denied
    ones crosses; the article's publication day is a small tick so reported-vs-planned dates read at a glance.
    """
    dated = [(parse_day(i["date"]), i) for i in items]
    dated = [(d, i) for d, i in dated if d is not None]
    if not dated:
        return Markup("")
    outlets = sorted({i["outlet"] or "unknown" for _, i in dated})
    first = min(d for d, _ in dated)
    last = max(d for d, _ in dated)
    for _, i in dated:
        pub = parse_day(i.get("published"))
        if pub:
            first, last = min(first, pub), max(last, pub)
    if first == last:
        first, last = first - timedelta(days=1), last + timedelta(days=1)
    left, right, lane, top = 120, 24, 34, 16
    height = top + lane * len(outlets) + 40
    plot = width - left - right
    days = (last - first).days

    def x(d: date) -> float:
        return left + plot * (d - first).days / days

    parts = [f'<svg class="chart timeline-chart" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="Timeline of dated items by outlet" xmlns="http://www.w3.org/2000/svg" {_FONT}>']
    for n, outlet in enumerate(outlets):
        y = top + lane * n + lane / 2
        colour = OUTLET_PALETTE[colours.get(outlet, 0)]
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y}" y2="{y}" stroke="#e3e3e3"/>')
        parts.append(f'<text x="{left - 10}" y="{y + 4}" text-anchor="end" font-size="13" fill="{colour}" '
                     f'font-weight="600">{escape(outlet)}</text>')
    axis_y = top + lane * len(outlets) + 6
    parts.append(f'<line x1="{left}" x2="{width - right}" y1="{axis_y}" y2="{axis_y}" stroke="#999"/>')
    for t in _ticks(first, last):
        tx = x(t)
        parts.append(f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{top}" y2="{axis_y + 4}" stroke="#f0f0f0"/>')
        parts.append(f'<text x="{tx:.1f}" y="{axis_y + 20}" text-anchor="middle" font-size="12" fill="#555">'
                     f'{escape(t.strftime("%d %b %Y"))}</text>')
    # Stack markers that share a day and lane so none hides another.
    crowd: dict[tuple[str, date], int] = {}
    for d, item in sorted(dated, key=lambda p: (p[0], p[1]["label"])):
        outlet = item["outlet"] or "unknown"
        n = outlets.index(outlet)
        k = crowd.get((outlet, d), 0)
        crowd[(outlet, d)] = k + 1
        cx = x(d) + (k % 5) * 9
        cy = top + lane * n + lane / 2 + (k // 5) * 8
        colour = OUTLET_PALETTE[colours.get(outlet, 0)]
        status = item.get("status") or "occurred"
        tip = escape(f"{d.isoformat()} · {item['label']} ({status}) — {outlet}")
        pub = parse_day(item.get("published"))
        if pub and pub != d:
            parts.append(f'<line x1="{x(pub):.1f}" x2="{cx:.1f}" y1="{cy}" y2="{cy}" stroke="{colour}" '
                         'stroke-opacity="0.35" stroke-dasharray="3 3"/>')
        if status in ("planned", "proposed"):
            shape = (f'<path d="M{cx:.1f},{cy - 7} L{cx + 7:.1f},{cy} L{cx:.1f},{cy + 7} L{cx - 7:.1f},{cy} Z" '
                     f'fill="#fff" stroke="{colour}" stroke-width="2.5"/>')
        elif status in ("cancelled", "denied"):
            shape = (f'<path d="M{cx - 6:.1f},{cy - 6} L{cx + 6:.1f},{cy + 6} M{cx + 6:.1f},{cy - 6} '
                     f'L{cx - 6:.1f},{cy + 6}" stroke="{colour}" stroke-width="3"/>')
        else:
            shape = f'<circle cx="{cx:.1f}" cy="{cy}" r="6" fill="{colour}" stroke="#fff" stroke-width="1.5"/>'
        href = escape(item.get("href") or "#")
        parts.append(f'<a href="{href}"><title>{tip}</title>{shape}</a>')
    parts.append("</svg>")
    return Markup("".join(parts))


def voice_share_svg(counts: dict[str, dict[str, int]], colours: dict[str, int], *, top_speakers: int = 6,
                    width: int = 880) -> Markup:
    """Who is quoted, per outlet: one horizontal bar per outlet, one segment per speaker (share of its quotes).

    ``counts`` maps outlet -> speaker -> number of attributions. The ``top_speakers`` most quoted
    across the story get their own colour (same colour in every bar); the rest are pooled as "others".
    """
    outlets = sorted(o for o in counts if sum(counts[o].values()))
    if not outlets:
        return Markup("")
    totals: dict[str, int] = {}
    for per in counts.values():
        for who, n in per.items():
            totals[who] = totals.get(who, 0) + n
    ranked = sorted(totals, key=lambda w: (-totals[w], w))
    named = ranked[:top_speakers]
    speaker_colour = {w: SPEAKER_PALETTE[i % len(SPEAKER_PALETTE)] for i, w in enumerate(named)}
    left, right, bar, gap, top = 120, 60, 26, 12, 10
    plot = width - left - right
    legend_rows = -(-(len(named) + (len(ranked) > len(named))) // 3)
    height = top + (bar + gap) * len(outlets) + 12 + 22 * legend_rows
    parts = [f'<svg class="chart voice-chart" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="Share of quotes per speaker, by outlet" xmlns="http://www.w3.org/2000/svg" {_FONT}>']
    for n, outlet in enumerate(outlets):
        y = top + (bar + gap) * n
        per = counts[outlet]
        total = sum(per.values())
        parts.append(f'<text x="{left - 10}" y="{y + bar / 2 + 5}" text-anchor="end" font-size="13" font-weight="600" '
                     f'fill="{OUTLET_PALETTE[colours.get(outlet, 0)]}">{escape(outlet)}</text>')
        xpos = float(left)
        segments = [(w, per.get(w, 0)) for w in named] + [("others", sum(v for k, v in per.items() if k not in named))]
        for who, n_quotes in segments:
            if not n_quotes:
                continue
            w = plot * n_quotes / total
            fill = speaker_colour.get(who, OTHERS)
            tip = escape(f"{outlet}: {who} — {n_quotes} of {total} quotes ({100 * n_quotes / total:.0f}%)")
            parts.append(f'<rect x="{xpos:.1f}" y="{y}" width="{w:.1f}" height="{bar}" fill="{fill}" '
                         f'stroke="#fff"><title>{tip}</title></rect>')
            if w > 34:
                parts.append(f'<text x="{xpos + w / 2:.1f}" y="{y + bar / 2 + 5}" text-anchor="middle" '
                             f'font-size="12" fill="#fff" font-weight="600">{100 * n_quotes / total:.0f}%</text>')
            xpos += w
        parts.append(f'<text x="{left + plot + 8}" y="{y + bar / 2 + 5}" font-size="12" fill="#555">n={total}</text>')
    ly = top + (bar + gap) * len(outlets) + 10
    legend = [(w, speaker_colour[w]) for w in named] + ([("others", OTHERS)] if len(ranked) > len(named) else [])
    for i, (who, fill) in enumerate(legend):
        lx = left + (i % 3) * (plot / 3)
        yy = ly + (i // 3) * 22
        parts.append(f'<rect x="{lx:.1f}" y="{yy}" width="12" height="12" fill="{fill}"/>')
        parts.append(f'<text x="{lx + 18:.1f}" y="{yy + 11}" font-size="12" fill="#333">{escape(who)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def evidence_href(article_id, start, end) -> str:
    """The link to an item's evidence: the article page scrolled to (and highlighting) its span."""
    return f"/articles/{quote(str(article_id))}#c{int(start)}-{int(end)}"
