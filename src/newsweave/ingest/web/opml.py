"""OPML subscription lists, the format feed readers import and export: ``<outline xmlUrl="…" title="…"/>``."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

from ...errors import IngestError
from .fetcher import is_url

__all__ = ["read_opml", "write_opml"]


def read_opml(path: str | Path) -> list[tuple[str, str | None]]:
    """The ``(url, title)`` of every feed outline in an OPML file; raises IngestError naming the file."""
    from lxml import etree

    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise IngestError(name, f"cannot be read ({exc.strerror or exc})") from exc
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise IngestError(f"{name}:{exc.lineno or 0}", f"not an OPML file: {exc.msg}") from exc
    if etree.QName(root).localname.lower() != "opml":
        raise IngestError(name, f"not an OPML file: the root element is <{etree.QName(root).localname}>, not <opml>")
    found: dict[str, str | None] = {}
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or outline.get("url") or "").strip()
        if is_url(url):
            found.setdefault(url, outline.get("title") or outline.get("text"))
    if not found:
        raise IngestError(name, "the OPML file lists no feeds (no <outline xmlUrl=\"http…\">)")
    return list(found.items())


def write_opml(sources: list[dict], title: str = "newsweave sources") -> str:
    """An OPML document listing ``sources`` (dicts with ``url`` and ``title``)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">',
             f"  <head><title>{_text(title)}</title></head>", "  <body>"]
    for source in sources:
        label = source.get("title") or source["url"]
        kind = "rss" if source.get("kind") in (None, "feed") else source["kind"]
        lines.append(f"    <outline type={quoteattr(kind)} text={quoteattr(label)} title={quoteattr(label)} "
                     f"xmlUrl={quoteattr(source['url'])}/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
