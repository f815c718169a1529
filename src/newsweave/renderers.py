"""One registry of renderers for a view's data: JSON, the terminal and HTML (datasette's ``_register_renderers``).

A view (``"story"``, ``"stories"``, ``"timeline"``, ``"comparison"``, ``"plans"``, ``"search"``, ``"quotes"``,
``"entities"``, ``"entity"``, ``"article"``, …) is the data the store and the analyses give: the JSON of the API and of
``--json``. Each format is registered once per view, so the CLI's printers and the web's templates are
looked up here rather than written again where they are used:

* ``json`` is the same for every view: the data itself, indented two spaces;
* ``text`` is what a command prints on a terminal (``rich`` markup, so plain text is escaped; ``newsweave show``,
  ``newsweave stories``, ``newsweave timeline`` …); an outlet is named by ``model.outlet_of``'s rule, never "?";
* ``html`` names the template the web app renders the view with (``newsweave.api.views``).

``render(view, fmt, data)`` gives the text of the ``json`` and ``text`` formats; ``template(view)`` the
template of the ``html`` one. An unknown view or format fails naming the ones registered.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .model import outlet_of

__all__ = ["FORMATS", "date_width", "json_text", "registered", "render", "renderer", "template"]

FORMATS = ("json", "text", "html")

_TEXT: dict[str, Callable[[Any], str]] = {}
_TEMPLATES: dict[str, str] = {}



def date_width(values) -> int:
    """The width of a date column: a day and a space (11), or the widest value it holds, so that an
    interval ("2025-10-18/2025-10-24", a plan due "in the next few days") keeps its rows aligned."""
    return max([11] + [len(v) for v in values if v])

def json_text(data: Any) -> str:
    """The ``json`` format of any view: indented two spaces, non-ASCII kept, dates as their text."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def renderer(view: str) -> Callable[[Callable[[Any], str]], Callable[[Any], str]]:
    """Register the decorated function as the terminal (``text``) renderer of ``view``."""
    def register(function: Callable[[Any], str]) -> Callable[[Any], str]:
        _TEXT[view] = function
        return function
    return register


def registered() -> dict[str, list[str]]:
    """Each view and the formats it can be rendered in."""
    views = sorted({*_TEXT, *_TEMPLATES})
    return {v: [f for f in FORMATS if f == "json" or f == "text" and v in _TEXT or f == "html" and v in _TEMPLATES]
            for v in views}


def _unknown(view: str, fmt: str) -> KeyError:
    known = ", ".join(f"{v} ({'/'.join(f)})" for v, f in registered().items())
    return KeyError(f"no {fmt} renderer for the view {view!r}; registered: {known}")


def render(view: str, fmt: str, data: Any) -> str:
    """``data`` of ``view`` as ``fmt`` (``json`` or ``text``)."""
    if fmt == "json":
        return json_text(data)
    if fmt == "text" and view in _TEXT:
        return _TEXT[view](data)
    raise _unknown(view, fmt)


def template(view: str) -> str:
    """The template the web app renders ``view`` with."""
    if view not in _TEMPLATES:
        raise _unknown(view, "html")
    return _TEMPLATES[view]


_TEMPLATES.update({"story": "story.html", "stories": "stories.html", "article": "article.html",
                   "entity": "entity.html", "entities": "entities.html", "plans": "plans.html",
                   "search": "search.html", "corrections": "corrections.html", "sources": "sources.html"})


def _shown_outlet(record: dict[str, Any], width: int = 0) -> str:
    # Quote, plan and search rows carry the article's outlet (and wire, where they have it): one rule for all.
    return f"{_escape(outlet_of(record)):<{width}}"


def _escape(text: Any) -> str:
    from rich.markup import escape

    return escape(str(text))


@renderer("stories")
def stories_text(rows: list[dict[str, Any]]) -> str:
    """The story listing (``list_stories``): id, title, count, outlets and dates, then each article."""
    lines = []
    for s in rows:
        dates = s["first"] if s["first"] == s["last"] else f"{s['first']} → {s['last']}"
        lines.append(f"[bold cyan]{s['id']}[/]  [bold]{s['title']}[/]")
        lines.append(f"      {s['article_count']} articles · {', '.join(s['outlets'])} · {dates}")
        for a in s["articles"]:
            copy = f" [yellow]copy of #{a['copy_of']}[/]" if a["copy_of"] else ""
            lines.append(f"      #{a['id']:<5} {a['published'] or '----------'}  {_shown_outlet(a, 14)} "
                         f"{a['title'][:70]}{copy}")
    return "\n".join(lines)


@renderer("story")
def story_text(s: dict[str, Any]) -> str:
    """One story (``story_detail``): articles, who said what, events and the most mentioned entities."""
    lines = [f"[bold cyan]{s['id']}[/] [bold]{s['title']}[/] — {', '.join(s['outlets'])}", "", "[bold]Articles[/]"]
    for a in s["articles"]:
        lines.append(f"  #{a['id']:<5} {a['published'] or '----------'} {_shown_outlet(a, 12)} {a['title']}")
    lines += ["", "[bold]Who said what[/]"]
    for q in s["quotes"]:
        text = " … ".join(c["text"] for c in q["content"])
        lines.append(f"  [green]{q['speaker_name'] or '(unattributed)'}[/] ({_shown_outlet(q)}, {q['kind']}): "
                     f"{text[:160]}")
    lines += ["", "[bold]Events[/]"]
    width = date_width(e["time"] for e in s["events"])
    for e in s["events"]:
        who = ", ".join(a["text"] for a in e["source"]) or "?"
        whom = ", ".join(a["text"] for a in e["target"])
        lines.append(f"  {e['time'] or '?':<{width}} {e['type']:<10} {e['status']:<9} {who} → {whom} "
                     f"{'@ ' + e['place'] if e['place'] else ''}")
    lines += ["", "[bold]Entities[/]", "  " + ", ".join(f"{e['name']} ({e['mentions']})" for e in s["entities"][:20])]
    return "\n".join(lines)


@renderer("timeline")
def timeline_text(d: dict[str, Any]) -> str:
    """A story's timeline (``analyze.timeline.story_timeline``): ``analyze.timeline.render_timeline``'s lines."""
    from .analyze.timeline import render_timeline

    return _escape(render_timeline(d).rstrip("\n"))


@renderer("comparison")
def comparison_text(d: dict[str, Any]) -> str:
    """Outlets side by side (``analyze.compare.compare_outlets``): ``analyze.compare.render_comparison``'s lines."""
    from .analyze.compare import render_comparison

    return _escape(render_comparison(d).rstrip("\n"))


@renderer("plans")
def plans_text(plans: list[dict[str, Any]]) -> str:
    """Plans (``analyze.plans.store_plans``): label, status and due date, then each update with its outlet and
    who announced it, then what third parties said of it. An open plan without a date reads "no date yet"; an
    overdue one says the day it was judged on (its story's latest report, or ``--today``)."""
    lines = []
    for p in plans:
        flag = f" [red]OVERDUE[/] (no news of it by {p['as_of']})" if p["overdue"] else ""
        where = f" in {_escape(p['place'])}" if p["place"] else ""
        if p["due"]:
            due = f", due {p['due']}"
        else:
            due = ", no date yet" if p["status"] in ("proposed", "planned", "confirmed", "postponed") else ""
        mode = f" ({p['mode']})" if p.get("mode") else ""
        lines.append(f"[bold]{_escape(p['label'])}[/]{mode}{where} — [cyan]{p['status']}[/]{due}{flag}")
        for u in p["history"]:
            who = f" ({_escape(u['announced_by'])})" if u["announced_by"] else ""
            lines.append(f"   {u['date'] or 'no date'} {_shown_outlet(u)} #{u['article_id']}: {u['change']}{who}")
        for u in p.get("comments", []):
            who = _escape(u["announced_by"] or "someone")
            lines.append(f"   {u['date'] or 'no date'} {_shown_outlet(u)} #{u['article_id']}: [dim]comment by {who}, "
                         "not a participant (no announcement)[/]")
    return "\n".join(lines)


@renderer("search")
def search_text(rows: list[dict[str, Any]]) -> str:
    """Search results (``store.search_articles``): id, date, outlet, title and story, then the snippet."""
    lines = []
    for r in rows:
        lines.append(f"#{r['id']:<5} {r['published'] or '----------'} {_shown_outlet(r, 12)} "
                     f"[bold]{_escape(r['title'][:80])}[/] (story {r['story_id'] or '-'})")
        lines.append(f"       {_escape(r['snippet'])}")
    return "\n".join(lines)


@renderer("quotes")
def quotes_text(rows: list[dict[str, Any]]) -> str:
    """Quotes (``store.list_quotes``) grouped by resolved speaker, most quoted first, with outlet and offsets."""
    groups: dict[str, list] = {}
    for q in rows:
        groups.setdefault(q["speaker_name"] or "(unattributed)", []).append(q)
    lines = []
    for who, qs in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        lines.append(f"[bold green]{who}[/] ({len(qs)})")
        for q in qs:
            text = " … ".join(c["text"] for c in q["content"])
            lines.append(f"  {q['published'] or 'no date'} {_shown_outlet(q)} #{q['article_id']}:{q['start']}-{q['end']} "
                         f"[dim]{q['kind']}[/] {_escape(text[:200])}")
    return "\n".join(lines)


@renderer("entities")
def entities_text(rows: list[dict[str, Any]]) -> str:
    """Entities (``store.list_entities``): name, id, type, code, mentions and other names."""
    lines = []
    for e in rows:
        aliases = ", ".join(a for a in e["aliases"] if a != e["name"])
        lines.append(f"[bold]{e['name']}[/] [dim]{e['id']} {e['type'] or ''} {e['code'] or ''}[/] "
                     f"{e['mentions']} mentions{' · aka ' + aliases if aliases else ''}")
    return "\n".join(lines)


@renderer("entity")
def entity_text(e: dict[str, Any]) -> str:
    """One entity (``store.entity_detail``): aliases, mentions per outlet, stories and quotes."""
    lines = [f"[bold]{e['name']}[/] [dim]{e['id']} {e['type'] or ''} {e['code'] or ''}[/]",
             f"  aliases: {', '.join(e['aliases'])}",
             "  mentions by outlet: " + ", ".join(f"{k} {v}" for k, v in e["mentions_by_outlet"].items())]
    lines += [f"  story {s['id']}: {s['title']}" for s in e["stories"]]
    lines += [f"  said ({_shown_outlet(q)}, {q['published']}): " + " … ".join(c["text"] for c in q["content"])[:160]
              for q in e["quotes"]]
    return "\n".join(lines)


@renderer("article")
def article_text(a: dict[str, Any]) -> str:
    """One article (``store.article_detail``): its header, then who said what, events and dates in it."""
    lines = [f"[bold cyan]#{a['id']}[/] [bold]{_escape(a['title'])}[/] — {_shown_outlet(a)}, "
             f"{a['published'] or 'no date'}" + (f" (story {a['story_id']})" if a.get("story_id") else "")]
    if a.get("copy_of"):
        lines.append(f"  [yellow]copy of #{a['copy_of']}[/]")
    if a.get("url"):
        lines.append(f"  {_escape(a['url'])}")
    lines += ["", "[bold]Who said what[/]"]
    for q in a["attributions"]:
        text = " … ".join(c["text"] for c in q["content"])
        lines.append(f"  [green]{q['speaker_name'] or '(unattributed)'}[/] ({q['kind']}): {_escape(text[:160])}")
    lines += ["", "[bold]Events[/]"]
    width = date_width(e["time"] for e in a["events"])
    for e in a["events"]:
        who = ", ".join(x["text"] for x in e["source"]) or "?"
        lines.append(f"  {e['time'] or '?':<{width}} {e['type']:<10} {e['status']:<9} {who}")
    lines += ["", "[bold]Dates[/]", "  " + ", ".join(f"{t['text']} ({t['value']})" for t in a["timexes"])]
    return "\n".join(lines)
