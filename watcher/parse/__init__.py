"""Feed bytes → ``ParsedFeed`` of plain ``Entry`` values.

Pure: bytes in, values out; no I/O, no clock. It never fetches anything: not a
URL, not a DTD, not an external entity.

::

    bytes ─► decode (BOM, charset, declared-vs-actual) ─► drop DOCTYPE and XML-illegal
          ─► keep the newest ``max_entries`` items ─► drop items seen last time
          ─► feedparser ─► Entry values

feedparser does the format work (RSS 0.9x–2.0, RSS 1.0, Atom). This package
decides what an entry *is* for watcher: a stable identity, plain text (markup
stripped, so nothing a feed wrote can run where we show it), the images it
carries, and a content hash that changes only when what a reader sees changes.

``decoding`` turns bytes into text, ``items`` trims the items before feedparser,
``entries`` makes ``Entry`` values, ``text`` the plain text and URLs they hold,
``discovery`` the feeds an HTML page announces.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import feedparser

from watcher.errors import FeedParseError
from watcher.parse.decoding import decode, strip_dtd
from watcher.parse.discovery import discover, discover_feed_links
from watcher.parse.entries import MAX_TEXT_CHARS, MAX_TITLE_CHARS, dedupe, read_entry
from watcher.parse.items import MIN_DATE, drop_seen_items, keep_newest_items
from watcher.parse.text import MAX_IMAGES, clean_text, clean_url
from watcher.types import Entry

__all__ = [
    "MAX_IMAGES",
    "MAX_TEXT_CHARS",
    "MAX_TITLE_CHARS",
    "HtmlPageError",
    "ParsedFeed",
    "clean_text",
    "clean_url",
    "discover_feed_links",
    "parse_feed",
]


_HTML_HEAD = re.compile(
    r"\A(?:\s|<!--.*?-->|<\?xml[^>]*\?>)*<(?:!doctype\s+html|html|head|body)[\s>]", re.I | re.S
)


_NOTHING: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str | None
    link: str | None
    entries: tuple[Entry, ...]
    # Entries dropped because the feed had more than the configured cap (the
    # newest are kept; ``entries`` stay in document order).
    dropped: int = 0
    # A digest of each item's raw XML, to pass back as ``seen_items`` next time.
    item_hashes: tuple[str, ...] = ()
    # Items left out because ``seen_items`` knew them; ``entries`` has the rest.
    skipped: int = 0
    # The publication date of every item kept, skipped ones included.
    published: tuple[datetime, ...] = ()


class HtmlPageError(FeedParseError):
    """An HTML page where a feed was expected. ``feed_links`` are the feeds the
    page announces (``<link rel="alternate" type="application/rss+xml">``), so the
    caller can tell the user which URL to configure."""

    def __init__(self, message: str, feed_links: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.feed_links = feed_links


def parse_feed(
    body: bytes,
    *,
    url: str,
    content_type: str | None = None,
    max_entries: int = 500,
    max_text_chars: int = MAX_TEXT_CHARS,
    seen_items: Collection[str] = _NOTHING,
) -> ParsedFeed:
    """Parse a fetched document. Raises ``FeedParseError`` with a short reason
    when it is not a feed (an HTML page, an empty body, broken XML with no items).

    Cost is bounded by the body size (the fetch caps it) and by ``max_entries``:
    only the newest ``max_entries`` items reach feedparser. Items whose raw XML
    digest is in ``seen_items`` (the previous body's ``item_hashes``) do not
    reach it either: a changed feed usually has 3 new items of 30, and parsing
    the 27 others again, only to find their content hash unchanged, was three
    quarters of a changed cycle's CPU.
    """
    text = decode(body, content_type)
    if not text.strip():
        raise FeedParseError("not a feed: empty body")
    if _HTML_HEAD.match(text[:4096]):
        raise _html_page(text, url)
    text = strip_dtd(text)
    text, trimmed = keep_newest_items(text, max_entries)
    unseen, item_hashes, skipped, skipped_dates = drop_seen_items(text, seen_items)
    if unseen is None:  # every item seen: nothing for feedparser to do
        return ParsedFeed(None, None, (), trimmed, item_hashes, skipped, skipped_dates)
    text = unseen
    media_type = (content_type or "application/xml").split(";")[0].strip()
    headers = {"content-location": url, "content-type": f"{media_type}; charset=utf-8"}
    # feedparser on bytes, never on a URL: fetching is ours (limits, validators).
    # Its HTML sanitizer and relative-URI rewriting are off: we reduce content to
    # plain text ourselves (stricter than sanitizing), and on a 10 MB HTML body
    # the sanitizer alone costs ~5 s of CPU for output we would throw away.
    try:
        parsed = feedparser.parse(
            text.encode("utf-8"),
            response_headers=headers,
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    except Exception as exc:  # feedparser's own bugs on hostile input (see test_parse)
        raise FeedParseError(f"not a feed: the parser failed ({type(exc).__name__})") from exc
    entries_raw: list[Any] = list(parsed.get("entries") or [])
    if not parsed.get("version") and not entries_raw:
        if content_type and "html" in content_type.lower():
            raise _html_page(text, url)
        raise FeedParseError(_not_a_feed_reason(parsed))
    feed = parsed.get("feed") or {}
    base = clean_url(feed.get("link"), url) or url
    entries = [e for e in (read_entry(raw, base, max_text_chars) for raw in entries_raw) if e]
    dropped = trimmed
    if len(entries) > max_entries:  # the text-level cut missed some: keep the newest
        newest = sorted(entries, key=lambda e: e.published or MIN_DATE, reverse=True)
        keep = {id(e) for e in newest[:max_entries]}
        dropped += len(entries) - max_entries
        entries = [e for e in entries if id(e) in keep]
    return ParsedFeed(
        title=clean_text(feed.get("title") or "", MAX_TITLE_CHARS) or None,
        link=clean_url(feed.get("link"), url),
        entries=tuple(dedupe(entries)),
        dropped=dropped,
        item_hashes=item_hashes,
        skipped=skipped,
        published=(*(e.published for e in entries if e.published), *skipped_dates),
    )


def _not_a_feed_reason(parsed: Any) -> str:
    exc = parsed.get("bozo_exception")
    if exc is not None:
        return f"not a feed: {type(exc).__name__}: {str(exc)[:120]}"
    return "not a feed: no RSS or Atom document found"


def _html_page(text: str, url: str) -> HtmlPageError:
    return HtmlPageError("not a feed: text/html page", tuple(discover(text, url)))
