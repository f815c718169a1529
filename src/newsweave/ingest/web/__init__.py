"""Fetching news from the web: feeds (RSS, Atom, JSON Feed), sitemaps, homepages and article pages.

    fetcher.py   polite HTTP: robots.txt, per-host delay and connection limit, User-Agent with a
                 contact, timeouts, retries with backoff, size and redirect limits, gzip, conditional GET
    discover.py  what a fetched URL is and the article links it gives
    crawl.py     :func:`discover` a URL, :func:`fetch_items` its pages, :func:`read_urls` for ``ingest URL``

Everything it yields is an :class:`~newsweave.model.Article` or an
:class:`~newsweave.errors.IngestError` (a :class:`FetchError` names the URL and its ``kind``:
``http``, ``timeout``, ``network``, ``too-large``, ``robots``, ``redirects``, ``not-a-feed``,
``not-a-page``), like every other reader. What it does not do: pages built by JavaScript, paywalled
text, logins and cookies.
"""

from .crawl import Discovery, discover, fetch_items, read_urls
from .discover import FeedItem
from .fetcher import Fetcher, FetchError, FetchOptions, Response, is_url

__all__ = ["Discovery", "FeedItem", "FetchError", "FetchOptions", "Fetcher", "Response", "discover",
           "fetch_items", "is_url", "read_urls"]
