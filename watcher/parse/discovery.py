"""The feeds an HTML page announces (``<link rel="alternate"
type="application/rss+xml">``): what ``feeds add`` and a not-a-feed error offer
instead of the page."""

from __future__ import annotations

from html.parser import HTMLParser

from watcher.parse.decoding import decode
from watcher.parse.text import clean_url, dedupe_urls

# Feed links sit in an HTML page's <head>; a page is not read past this.
MAX_DISCOVERY_CHARS = 1_000_000


_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})


def discover_feed_links(html_page: bytes, base_url: str) -> list[str]:
    """The feeds an HTML page announces with ``<link rel="alternate"
    type="application/rss+xml|atom+xml" href=...>``: absolute http(s) URLs, in
    page order, without duplicates. Pure; nothing is fetched."""
    return discover(decode(html_page[: MAX_DISCOVERY_CHARS * 2], None), base_url)


def discover(text: str, base_url: str) -> list[str]:
    finder = _FeedLinkFinder()
    try:
        finder.feed(text[:MAX_DISCOVERY_CHARS])
        finder.close()
    except Exception:  # html.parser gives up on some malformed input; keep what it saw
        pass
    base = clean_url(finder.base, base_url) or base_url
    urls = (clean_url(href, base) for href in finder.hrefs)
    return dedupe_urls([u for u in urls if u])


class _FeedLinkFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if tag == "base" and self.base is None and attr.get("href"):
            self.base = attr["href"]
        elif tag == "link" and attr.get("href"):
            rel = attr.get("rel", "").lower().split()
            kind = attr.get("type", "").split(";")[0].strip().lower()
            if "alternate" in rel and kind in _FEED_TYPES:
                self.hrefs.append(attr["href"])
