"""HTML pages: the article body, title, date, site name and URL, via trafilatura.

trafilatura finds the main text and reads the page's metadata (``og:site_name``, ``<title>``,
``article:published_time``, the canonical link). The date is taken from the page's markup only, not
guessed from its visible text, so a date in the body is never mistaken for the publication date.
When trafilatura finds no main text (a bare fragment, an unusual layout) the page's visible text is
taken with lxml instead; a page with no text at all is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import IngestError
from ..model import Article
from .dates import DateError, parse_date
from .records import ReadOptions, finish_article
from .source import Source, decode_text

__all__ = ["decode_page", "html_to_text", "page_article", "read_html"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)""", re.IGNORECASE)
_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "table", "tr", "section", "article", "header", "footer", "figure", "figcaption", "dd", "dt", "hr",
}
_DROP = ("script", "style", "noscript", "template", "svg", "iframe", "object", "head")


def decode_page(data: bytes, charset: str | None = None) -> tuple[str, str]:
    """A page's text and the encoding used: ``charset`` (an HTTP header's) if it decodes, else the page's own.

    A page that is valid UTF-8 is read as UTF-8 whatever the header says: servers that default to
    ISO-8859-1 label UTF-8 pages wrongly far more often than a Latin-1 page happens to be valid UTF-8.
    """
    if charset:
        if not data[:65536].isascii():
            try:
                return data.decode("utf-8-sig"), "utf-8"
            except UnicodeDecodeError:
                pass
        try:
            return data.decode(charset), charset
        except (LookupError, UnicodeDecodeError):
            pass
    return _decode_page(data)


def _decode_page(data: bytes) -> tuple[str, str]:
    # A page's declared charset beats a guess: a Russian page in windows-1251 is valid cp1252 too.
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data)


def html_to_text(markup: str) -> str:
    """The visible text of an HTML page or fragment, one paragraph per block element.

    Scripts, styles and the head are dropped; entities are decoded. Plain text comes back as is
    (whitespace tidied).
    """
    import lxml.html
    from lxml import etree

    # Control characters cannot live in an XML/HTML tree (lxml refuses them); they carry no text.
    markup = _CONTROL.sub("", markup or "")
    if not markup.strip():
        return ""
    if "<" not in markup:
        return _tidy(markup.replace("&amp;", "&"))
    try:
        # huge_tree lifts libxml2's nesting limit (256), past which a page parses to nothing.
        root = lxml.html.fromstring(markup, parser=lxml.html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError):
        return _strip_tags(markup)
    for element in list(root.iter(*_DROP)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
            if element.tag.lower() != "br":
                element.text = "\n\n" + (element.text or "")
    return _tidy(root.text_content()) or _strip_tags(markup)


_UNSEEN = re.compile(r"<(script|style|noscript|template|svg|iframe|object|head)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_BLOCK_TAG = re.compile(r"</?(?:" + "|".join(sorted(_BLOCKS)) + r")\b[^>]*>", re.IGNORECASE)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _strip_tags(markup: str) -> str:
    """The text of markup too deeply nested (or too broken) for the HTML parser: tags removed.

    The fallback for pages the parser gives up on (thousands of nested elements): hidden elements
    are dropped, block tags become paragraph breaks, other tags are removed, entities decoded
    (only HTML's named and numeric ones, never entities a DOCTYPE declares).
    """
    import html

    text = _UNSEEN.sub(" ", markup)
    text = _BLOCK_TAG.sub("\n\n", text)
    text = _TAG.sub("", text)
    return _tidy(html.unescape(text))


def _tidy(text: str) -> str:
    paragraphs = (" ".join(part.split()) for part in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def read_html(source: Source, options: ReadOptions) -> Iterator[Article | IngestError]:
    """The one article of an HTML page."""
    markup, encoding = _decode_page(source.read_all(options.max_file_bytes, "HTML page"))
    yield page_article(markup, name=source.name, identity=source.identity, encoding=encoding)


def page_article(markup: str, *, name: str, identity: str, encoding: str = "utf-8") -> Article | IngestError:
    """The article of one decoded HTML page (a saved file or a fetched URL), or why there is none.

    ``extra`` gets the page's ``author``, ``language`` and ``og:type`` (``page_type``) where given.
    """
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # noqa: BLE001 - trafilatura fails in many ways on odd pages; fall back to lxml below
        document = None
        failure = f"{type(exc).__name__}: {exc}"
    else:
        failure = None
    text = (getattr(document, "text", None) or "").strip()
    if not text:
        text = html_to_text(markup)
    if not text:
        reason = "the page has no article text"
        if failure:
            reason += f" (trafilatura failed: {failure})"
        return IngestError(name, reason + "; check that it is a saved article page, not a script-built shell")
    published = None
    raw_date = getattr(document, "date", None)
    if raw_date:
        try:
            published = parse_date(raw_date)
        except DateError:
            published = None  # a page's metadata date is a hint; an unreadable one is dropped
    title = getattr(document, "title", None) or _title_of(markup)
    article = Article(
        text=text,
        title=title or None,
        published=published,
        outlet=getattr(document, "sitename", None) or None,
        url=getattr(document, "url", None) or None,
        origin=name,
    )
    for key, attribute in (("author", "author"), ("language", "language"), ("page_type", "pagetype")):
        if getattr(document, attribute, None):
            article.extra[key] = getattr(document, attribute)
    if "language" not in article.extra and (language := _LANG.search(markup[:4096])):
        article.extra["language"] = language.group(1).lower()
    return finish_article(article, identity=identity, encoding=encoding)


def _title_of(markup: str) -> str | None:
    match = re.search(r"<title[^>]*>(.*?)</title>", markup, re.IGNORECASE | re.DOTALL)
    return html_to_text(match.group(1)) or None if match else None
