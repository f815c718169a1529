"""Inline SVG charts drawn here in Python: a story's timeline, its voice share per outlet, and attention
over time (articles per day per outlet) for a story, an entity or a search.

No JavaScript and nothing fetched from elsewhere: the page works offline and under a strict CSP.
Every label is escaped; colours come from fixed palettes so an outlet keeps its colour across pages.
"""

from __future__ import annotations

import zlib
from datetime import date
from urllib.parse import quote

from markupsafe import Markup, escape

__all__ = ["OUTLET_PALETTE", "SPEAKER_PALETTE", "attention_svg", "outlet_colours", "parse_day", "timeline_svg",
           "voice_share_svg"]

# Colour-blind-safer set (Okabe–Ito, extended); CSS classes oc0..oc9 in static/style.css match it.
OUTLET_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#6A3D9A", "#8C6D31", "#7A7A00",
                  "#B2182B", "#4D4D4D")
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


def _label_room(names) -> int:
    """Left margin wide enough for the longest outlet name at 14px bold (about 8.5px a character)."""
    return int(min(240, max(80, 24 + 8.5 * max((len(n) for n in names), default=0))))


def _shape(status: str, cx: float, cy: float, colour: str, r: float = 8) -> str:
    if status in ("planned", "proposed"):
        return (f'<path d="M{cx:.1f},{cy - r:.1f} L{cx + r:.1f},{cy:.1f} L{cx:.1f},{cy + r:.1f} L{cx - r:.1f},{cy:.1f} Z" '
                f'fill="#fff" stroke="{colour}" stroke-width="2.5"/>')
    if status in ("cancelled", "denied"):
        k = r * 0.75
        return (f'<path d="M{cx - k:.1f},{cy - k:.1f} L{cx + k:.1f},{cy + k:.1f} M{cx + k:.1f},{cy - k:.1f} '
                f'L{cx - k:.1f},{cy + k:.1f}" stroke="{colour}" stroke-width="3.5"/>')
    return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r}" fill="{colour}"/>'


def _marker_kind(status: str | None) -> str:
    if status in ("planned", "proposed", "expected"):
        return "planned"
    if status in ("cancelled", "denied"):
        return "cancelled"
    return "occurred"


def timeline_svg(items: list[dict], colours: dict[str, int], *, width: int = 1000) -> Markup:
    """Dated items in a grid: one column per distinct day (in order, evenly spaced, so a busy week and a
    quiet month both stay readable), one lane per outlet.

    Each item needs ``date`` (ISO day), ``outlet``, ``label``, ``status`` and ``href`` (its evidence).
    A cell shows one mark per kind — filled circle: happened or reported; hollow diamond: planned,
    proposed or expected; cross: cancelled or denied — with the number of items when more than one;
    hovering lists them and clicking opens the first one's evidence. An item known only to a week, a
    month or a longer span (``until``: its last day, ``precision``) is a hollow bar from its first to
    its last day, not a dot on the first; an item with ``undated`` set (a plan with no date yet) is drawn
    hollow in a last column headed "no date yet".
    """
    cells: dict[tuple[str, date, str], list[dict]] = {}
    spans: dict[tuple[str, date, date, str], list[dict]] = {}
    undated: dict[tuple[str, str], list[dict]] = {}
    for item in items:
        outlet, kind = item.get("outlet") or "unknown", _marker_kind(item.get("status"))
        if item.get("undated"):
            undated.setdefault((outlet, kind), []).append(item)
            continue
        day = parse_day(item.get("date"))
        if day is None:
            continue
        until = parse_day(item.get("until"))
        if until is not None and until > day:
            spans.setdefault((outlet, day, until, kind), []).append(item)
        else:
            cells.setdefault((outlet, day, kind), []).append(item)
    if not cells and not spans and not undated:
        return Markup("")
    outlets = sorted({k[0] for k in cells} | {k[0] for k in spans} | {k[0] for k in undated})
    days = sorted({k[1] for k in cells} | {k[1] for k in spans} | {k[2] for k in spans})
    left, right, lane, top = _label_room(outlets), 16, 46, 12
    col = (width - left - right) / (len(days) + (1 if undated else 0))
    height = top + lane * len(outlets) + 58
    kinds = ("occurred", "planned", "cancelled")
    parts = [(f'<svg class="chart timeline-chart" viewBox="0 0 {width} {height}" role="img" '
              f'aria-label="Timeline of dated items by outlet" xmlns="http://www.w3.org/2000/svg" {_FONT}>')]
    for n, outlet in enumerate(outlets):
        y = top + lane * n + lane / 2
        colour = OUTLET_PALETTE[colours.get(outlet, 0)]
        if n % 2 == 0:
            parts.append(f'<rect x="{left}" y="{top + lane * n}" width="{width - left - right}" height="{lane}" '
                         'fill="#f6f6f8"/>')
        parts.append(f'<text x="{left - 12}" y="{y + 5}" text-anchor="end" font-size="14" fill="{colour}" '
                     f'font-weight="700">{escape(outlet)}</text>')
    axis_y = top + lane * len(outlets)
    parts.append(f'<line x1="{left}" x2="{width - right}" y1="{axis_y}" y2="{axis_y}" stroke="#888"/>')
    # Label every column when there is room, else every k-th; a year is shown when it changes.
    every = max(1, int(-(-62 // col)))
    last_year = None
    for i, day in enumerate(days):
        cx = left + col * (i + 0.5)
        parts.append(f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{top}" y2="{axis_y + 4}" stroke="#e2e2e6"/>')
        if i % every == 0:
            label = day.strftime("%d %b")
            parts.append(f'<text x="{cx:.1f}" y="{axis_y + 20}" text-anchor="middle" font-size="12" fill="#444">'
                         f'{escape(label)}</text>')
            if day.year != last_year:
                parts.append(f'<text x="{cx:.1f}" y="{axis_y + 36}" text-anchor="middle" font-size="11" '
                             f'fill="#888">{day.year}</text>')
                last_year = day.year
        if i and (day - days[i - 1]).days > 7:
            gap = left + col * i
            parts.append(f'<text x="{gap:.1f}" y="{axis_y + 52}" text-anchor="middle" font-size="10" fill="#aaa">'
                         f'{(day - days[i - 1]).days} d</text>')
    for (outlet, first, last, kind), members in sorted(spans.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        cy = top + lane * outlets.index(outlet) + lane / 2
        x1 = left + col * (days.index(first) + 0.5) - 7
        x2 = left + col * (days.index(last) + 0.5) + 7
        colour = OUTLET_PALETTE[colours.get(outlet, 0)]
        precision = members[0].get("precision") or "span"
        tip = _tip(f"{members[0].get('value') or first.isoformat()} ({precision}: {first.isoformat()} to {last.isoformat()}) · {outlet} "
                   f"· {kind}", members)
        dash = ' stroke-dasharray="5 3"' if kind == "planned" else ""
        href = escape(members[0].get("href") or "#")
        parts.append(f'<a href="{href}" class="span-mark"><title>{escape(tip)}</title>'
                     f'<rect x="{x1:.1f}" y="{cy + 6:.1f}" width="{x2 - x1:.1f}" height="10" rx="5" fill="#fff" '
                     f'fill-opacity="0.85" stroke="{colour}" stroke-width="2.5"{dash}/></a>')
    if undated:
        cx = left + col * (len(days) + 0.5)
        parts.append(f'<text x="{cx:.1f}" y="{axis_y + 20}" text-anchor="middle" font-size="12" fill="#444" '
                     'font-style="italic">no date yet</text>')
        for (outlet, kind), members in sorted(undated.items()):
            cy = top + lane * outlets.index(outlet) + lane / 2
            colour = OUTLET_PALETTE[colours.get(outlet, 0)]
            tip = _tip(f"no date yet · {outlet} · {kind}", members)
            href = escape(members[0].get("href") or "#")
            parts.append(f'<a href="{href}" class="undated-mark"><title>{escape(tip)}</title>'
                         f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="8" fill="#fff" stroke="{colour}" stroke-width="2.5" '
                         'stroke-dasharray="3 2"/></a>')
    for (outlet, day, kind), members in sorted(cells.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        n = outlets.index(outlet)
        present = [k for k in kinds if (outlet, day, k) in cells]
        slot = present.index(kind)
        spread = min(col / (len(present) + 1), 22)
        cx = left + col * (days.index(day) + 0.5) + (slot - (len(present) - 1) / 2) * spread
        cy = top + lane * n + lane / 2
        colour = OUTLET_PALETTE[colours.get(outlet, 0)]
        tip = _tip(f"{day.isoformat()} · {outlet} · {kind}", members)
        shape = _shape(kind, cx, cy, colour, r=8 + min(len(members), 9) * 0.6)
        count = ""
        if len(members) > 1:
            fill = "#fff" if kind == "occurred" else colour
            count = (f'<text x="{cx:.1f}" y="{cy + 4:.1f}" text-anchor="middle" font-size="11" font-weight="700" '
                     f'fill="{fill}">{len(members)}</text>') if kind != "cancelled" else (
                     f'<text x="{cx + 11:.1f}" y="{cy - 6:.1f}" font-size="10" fill="{colour}">{len(members)}</text>')
        href = escape(members[0].get("href") or "#")
        parts.append(f'<a href="{href}" class="day-mark"><title>{escape(tip)}</title>{shape}{count}</a>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _tip(head: str, members: list[dict]) -> str:
    labels = [m["label"] for m in members]
    tip = f"{head}: " + " | ".join(labels[:8])
    return tip + (f" | … {len(labels) - 8} more" if len(labels) > 8 else "")


def attention_svg(attention: dict, colours: dict[str, int], *, width: int = 1000) -> Markup:
    """Articles per day (or week) per outlet, one lane per outlet, one bar per period with articles
    (height by count; hover for the number). ``attention`` is ``newsweave.analyze.attention.attention``'s
    result."""
    periods, per_outlet = attention.get("periods") or [], attention.get("outlets") or {}
    if not periods or not per_outlet:
        return Markup("")
    outlets = sorted(per_outlet)
    most = max(n for counts in per_outlet.values() for n in counts.values())
    left, right, lane, top = _label_room(outlets), 16, 34, 8
    col = (width - left - right) / len(periods)
    height = top + lane * len(outlets) + 40
    unit = attention.get("unit", "day")
    parts = [(f'<svg class="chart attention-chart" viewBox="0 0 {width} {height}" role="img" '
              f'aria-label="Articles per {unit} by outlet" xmlns="http://www.w3.org/2000/svg" {_FONT}>')]
    index = {p: i for i, p in enumerate(periods)}
    for n, outlet in enumerate(outlets):
        y0 = top + lane * n
        colour = OUTLET_PALETTE[colours.get(outlet, 0)]
        if n % 2 == 0:
            parts.append(f'<rect x="{left}" y="{y0}" width="{width - left - right}" height="{lane}" fill="#f6f6f8"/>')
        parts.append(f'<text x="{left - 12}" y="{y0 + lane / 2 + 5}" text-anchor="end" font-size="13" '
                     f'fill="{colour}" font-weight="700">{escape(outlet)}</text>')
        for period, count in per_outlet[outlet].items():
            h = max(3.0, (lane - 8) * count / most)
            x = left + col * index[period] + col * 0.15
            tip = f"{'week of ' if unit == 'week' else ''}{period} · {outlet}: {count} article{'' if count == 1 else 's'}"
            parts.append(f'<rect class="att-bar" x="{x:.1f}" y="{y0 + lane - 4 - h:.1f}" width="{max(col * 0.7, 1):.1f}" '
                         f'height="{h:.1f}" fill="{colour}"><title>{escape(tip)}</title></rect>')
    axis_y = top + lane * len(outlets)
    parts.append(f'<line x1="{left}" x2="{width - right}" y1="{axis_y}" y2="{axis_y}" stroke="#888"/>')
    every = max(1, int(-(-62 // col)))
    for i, period in enumerate(periods):
        if i % every:
            continue
        day = date.fromisoformat(period)
        parts.append(f'<text x="{left + col * (i + 0.5):.1f}" y="{axis_y + 18}" text-anchor="middle" font-size="12" '
                     f'fill="#444">{escape(day.strftime("%d %b"))}</text>')
    first = date.fromisoformat(periods[0])
    parts.append(f'<text x="{left}" y="{axis_y + 34}" font-size="11" fill="#888">{first.year} · one column per '
                 f'{unit}, bar height: articles (most {most})</text>')
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
    left, right, bar, gap, top = _label_room(outlets), 80, 26, 12, 10
    plot = width - left - right
    legend_rows = -(-(len(named) + (len(ranked) > len(named))) // 3)
    height = top + (bar + gap) * len(outlets) + 12 + 22 * legend_rows
    parts = [(f'<svg class="chart voice-chart" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="Share of quotes per speaker, by outlet" xmlns="http://www.w3.org/2000/svg" {_FONT}>')]
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
        parts.append(f'<text x="{left + plot + 8}" y="{y + bar / 2 + 5}" font-size="12" fill="#555">{total} quote{"" if total == 1 else "s"}</text>')
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
    # Article ids are numbers (thousands of links on a large story's page): quoted only when not one.
    ident = article_id if isinstance(article_id, int) else quote(str(article_id))
    return f"/articles/{ident}#c{int(start)}-{int(end)}"
