"""One registry of renderers for a view's data: JSON, the terminal and HTML (datasette's ``_register_renderers``).

A view (``"story"``, ``"stories"``) is the data the store and the analyses give: the JSON of the API and of
``--json``. Each format is registered once per view, so the CLI's printers and the web's templates are
looked up here rather than written again where they are used:

* ``json`` is the same for every view: the data itself, indented two spaces;
* ``text`` is what a command prints on a terminal (``rich`` markup; ``newsweave show``, ``newsweave stories``);
* ``html`` names the template the web app renders the view with (``newsweave.api.views``).

``render(view, fmt, data)`` gives the text of the ``json`` and ``text`` formats; ``template(view)`` the
template of the ``html`` one. An unknown view or format fails naming the ones registered.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

__all__ = ["FORMATS", "json_text", "registered", "render", "renderer", "template"]

FORMATS = ("json", "text", "html")

_TEXT: dict[str, Callable[[Any], str]] = {}
_TEMPLATES: dict[str, str] = {}


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


_TEMPLATES.update({"story": "story.html", "stories": "stories.html"})


def _shown_outlet(article: dict[str, Any], width: int) -> str:
    return f"{article['outlet'] or article['wire'] or '?':<{width}}"


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
        lines.append(f"  [green]{q['speaker_name'] or '(unattributed)'}[/] ({q['outlet'] or '?'}, {q['kind']}): "
                     f"{text[:160]}")
    lines += ["", "[bold]Events[/]"]
    for e in s["events"]:
        who = ", ".join(a["text"] for a in e["source"]) or "?"
        whom = ", ".join(a["text"] for a in e["target"])
        lines.append(f"  {e['time'] or '?':<11} {e['type']:<10} {e['status']:<9} {who} → {whom} "
                     f"{'@ ' + e['place'] if e['place'] else ''}")
    lines += ["", "[bold]Entities[/]", "  " + ", ".join(f"{e['name']} ({e['mentions']})" for e in s["entities"][:20])]
    return "\n".join(lines)
