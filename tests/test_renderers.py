"""The renderer registry (renderers.py): every view the CLI prints and the web shows, one place each.
Rows here are fictional."""

import io

import pytest
from rich.console import Console

from newsweave.analyze.timeline import render_timeline
from newsweave.model import UNKNOWN_OUTLET
from newsweave.renderers import registered, render, template


def printed(markup: str) -> str:
    out = io.StringIO()
    Console(file=out, highlight=False, soft_wrap=True, width=200).print(markup)
    return out.getvalue()


def test_every_view_has_its_formats():
    views = registered()
    for view in ("story", "stories", "article", "entity", "entities", "plans", "search"):
        assert views[view] == ["json", "text", "html"], view
        assert template(view).endswith(".html")
    for view in ("timeline", "comparison", "quotes"):
        assert "text" in views[view]
    with pytest.raises(KeyError, match="registered"):
        render("nothing", "text", {})


QUOTE = {"article_id": 3, "kind": "direct", "speaker": "Mara Pell", "speaker_name": "Mara Pell", "start": 0, "end": 9,
         "content": [{"start": 0, "end": 9, "text": "[Sic] done"}], "outlet": None, "wire": None, "published": None}


def test_a_missing_outlet_reads_as_the_one_rule_says_not_a_question_mark():
    for view, data in (("quotes", [QUOTE]),
                       ("plans", [{"label": "Ferry talks", "place": None, "status": "planned", "due": None,
                                   "overdue": False, "history": [{"date": "2031-01-02", "outlet": None,
                                                                  "article_id": 3, "change": "announced",
                                                                  "announced_by": None}]}]),
                       ("search", [{"id": 3, "published": None, "outlet": None, "wire": "TASS", "title": "Ferry",
                                    "story_id": None, "snippet": "the [ferry] runs"}])):
        text = printed(render(view, "text", data))
        assert " ? " not in text and "? #" not in text
        assert (UNKNOWN_OUTLET if view != "search" else "TASS") in text
    assert "the [ferry] runs" in printed(render("search", "text", data))  # a snippet is text, not markup


def test_the_timeline_prints_as_its_text():
    d = {"story_id": "s1", "title": "Ferry [draft]", "undated_events": 0, "undated_plans": [], "entries": [
        {"display": "2031-01-02", "kind": "statement", "what": "Mara Pell: “[Sic] done”", "conflict": False,
         "outlets": ["Daily"], "reprinted_by": [], "date_from": "published",
         "sentence": {"text": "Mara Pell said [Sic] done."}}]}
    assert printed(render("timeline", "text", d)) == render_timeline(d)


def test_a_date_column_widens_to_an_interval():
    from newsweave.renderers import date_width

    assert date_width(["2025-10-16", None, "2025-W43"]) == 11
    rows = [f"{d:<{date_width(['2025-10-16', '2025-10-18/2025-10-24'])}} x" for d in ("2025-10-16", "2025-10-18/2025-10-24")]
    assert rows[0].index("x") == rows[1].index("x")
