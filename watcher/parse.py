"""Feed bytes → ``ParsedFeed`` of plain ``Entry`` values.

feedparser does the format work (RSS 0.9x–2.0, RSS 1.0, Atom, encodings,
sanitizing). This module decides what an entry *is* for watcher: a stable
identity, plain text (markup stripped, so nothing a feed wrote can run where we
show it), the images it carries, and a content hash that changes only when
what a reader sees changes.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from watcher.errors import FeedParseError

# Longer text is cut: no trade-press item needs more, and it bounds the cost of
# matching and storing a hostile entry.
MAX_TEXT_CHARS = 50_000
MAX_TITLE_CHARS = 1_000
MAX_URL_CHARS = 2_000
MAX_IMAGES = 10

_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote tr table section article figure "
    "figcaption header footer pre hr dd dt".split()
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "object"})
# Zero-width, bidi controls and other format characters: invisible in a title,
# but they can make "Ballerina" fail to match or reorder what a terminal shows.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Cc", "Co", "Cs"})
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_IMAGE_SUFFIX = re.compile(r"\.(jpe?g|png|gif|webp|avif)(\?|$)", re.I)


@dataclass(frozen=True, slots=True)
class Entry:
    identity: str
    link: str | None
    title: str
    text: str
    published: datetime | None
    images: tuple[str, ...]
    content_hash: str


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str | None
    link: str | None
    entries: tuple[Entry, ...]
    # Entries dropped because the feed had more than the configured cap.
    dropped: int = 0


def parse_feed(
    body: bytes,
    *,
    url: str,
    content_type: str | None = None,
    max_entries: int = 500,
) -> ParsedFeed:
    """Parse a fetched document. Raises ``FeedParseError`` with a short reason
    when it is not a feed (an HTML page, an empty body, broken XML with no items).
    """
    if not body.strip():
        raise FeedParseError("not a feed: empty body")
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    # feedparser on bytes, never on a URL: fetching is ours (limits, validators).
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True)
    entries_raw: list[Any] = list(parsed.entries)
    if not parsed.version and not entries_raw:
        raise FeedParseError(_not_a_feed_reason(body, content_type, parsed))
    feed = parsed.feed
    base = _clean_url(feed.get("link"), url) or url
    entries = [_entry(raw, base) for raw in entries_raw]
    entries = [e for e in entries if e is not None]
    dropped = 0
    if len(entries) > max_entries:
        entries.sort(key=lambda e: e.published or datetime.min.replace(tzinfo=UTC), reverse=True)
        dropped = len(entries) - max_entries
        entries = entries[:max_entries]
    return ParsedFeed(
        title=clean_text(feed.get("title") or "", MAX_TITLE_CHARS) or None,
        link=_clean_url(feed.get("link"), url),
        entries=tuple(_dedupe(entries)),
        dropped=dropped,
    )


def _not_a_feed_reason(body: bytes, content_type: str | None, parsed: Any) -> str:
    head = body[:2048].lstrip().lower()
    if (content_type and "html" in content_type) or head.startswith((b"<!doctype html", b"<html")):
        return "not a feed: text/html page"
    exc = parsed.get("bozo_exception")
    if exc is not None:
        return f"not a feed: {type(exc).__name__}: {str(exc)[:120]}"
    return "not a feed: no RSS or Atom document found"


def _dedupe(entries: list[Entry]) -> list[Entry]:
    """A feed that repeats a guid keeps the first copy (feeds list newest first)."""
    seen: set[str] = set()
    out = []
    for entry in entries:
        if entry.identity not in seen:
            seen.add(entry.identity)
            out.append(entry)
    return out


def _entry(raw: Any, base: str) -> Entry | None:
    link = _clean_url(raw.get("link"), base)
    title = clean_text(raw.get("title") or "", MAX_TITLE_CHARS)
    text, body_images = _entry_text(raw, base)
    published = _timestamp(raw.get("published_parsed") or raw.get("updated_parsed"))
    images = _dedupe_urls([*_media_images(raw, base), *body_images])[:MAX_IMAGES]
    if not (title or text or link):
        return None
    guid = clean_text(raw.get("id") or "", MAX_URL_CHARS)
    # The date is excluded from the hash: a feed that rewrites pubDate on every
    # build would otherwise look edited on every fetch.
    content_hash = _digest(title, link or "", text, *images)
    if guid:
        identity = guid
    elif link:
        identity = link
    else:
        identity = "sha256:" + _digest(title, link or "", published.isoformat() if published else "")
    return Entry(
        identity=identity,
        link=link,
        title=title,
        text=text,
        published=published,
        images=tuple(images),
        content_hash=content_hash,
    )


def _entry_text(raw: Any, base: str) -> tuple[str, list[str]]:
    """The longest of content and summary, as plain text, plus its <img> URLs."""
    candidates: list[str] = [c.get("value") or "" for c in raw.get("content") or []]
    candidates.append(raw.get("summary") or "")
    best = max(candidates, key=len)
    extractor = _TextExtractor(base)
    try:
        extractor.feed(best[: MAX_TEXT_CHARS * 4])
        extractor.close()
    except Exception:  # html.parser gives up on some malformed input; keep what it saw
        pass
    return clean_text(extractor.text(), MAX_TEXT_CHARS), extractor.images


def _media_images(raw: Any, base: str) -> list[str]:
    urls: list[str] = []
    for media in raw.get("media_content") or []:
        medium = (media.get("medium") or "").lower()
        mime = (media.get("type") or "").lower()
        url = media.get("url")
        if medium == "image" or mime.startswith("image/") or (not medium and not mime and url):
            urls.append(url)
    urls += [t.get("url") for t in raw.get("media_thumbnail") or []]
    for link in raw.get("links") or []:
        if link.get("rel") == "enclosure" and (
            (link.get("type") or "").startswith("image/")
            or _IMAGE_SUFFIX.search(link.get("href") or "")
        ):
            urls.append(link.get("href"))
    out = []
    for url in urls:
        clean = _clean_url(url, base)
        if clean:
            out.append(clean)
    return out


def _dedupe_urls(urls: list[str]) -> list[str]:
    return list(dict.fromkeys(urls))


def _clean_url(url: Any, base: str) -> str | None:
    if not isinstance(url, str):
        return None
    url = clean_text(url, MAX_URL_CHARS).replace(" ", "%20")
    if not url:
        return None
    url = urljoin(base, url)
    # Only web links are kept: javascript:, data: and file: never reach a user.
    if urlsplit(url).scheme not in ("http", "https"):
        return None
    return url


def _timestamp(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (OverflowError, ValueError, TypeError):
        return None


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def clean_text(value: str, limit: int) -> str:
    """Plain, single-spaced text with invisible and control characters removed.

    Newlines survive (they separate paragraphs for sentence splitting); any
    markup left in a title is stripped, and entities are decoded.
    """
    if "<" in value:
        extractor = _TextExtractor("")
        try:
            extractor.feed(value)
            extractor.close()
        except Exception:
            pass
        value = extractor.text()
    elif "&" in value:
        value = html.unescape(value)
    value = unicodedata.normalize("NFC", value[: limit * 2])
    value = "".join(
        ch for ch in value if ch == "\n" or unicodedata.category(ch) not in _INVISIBLE_CATEGORIES
    )
    lines = (_SPACES.sub(" ", line).strip() for line in value.split("\n"))
    return "\n".join(line for line in lines if line)[:limit]


class _TextExtractor(HTMLParser):
    """Markup → text with paragraph breaks, collecting <img src> on the way."""

    def __init__(self, base: str) -> None:
        super().__init__(convert_charrefs=True)
        self._base = base
        self._parts: list[str] = []
        self._skip = 0
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self._parts.append("\n")
        if tag == "img" and len(self.images) < MAX_IMAGES:
            src = dict(attrs).get("src")
            clean = _clean_url(src, self._base) if self._base else None
            if clean:
                self.images.append(clean)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self._parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._parts.append(data)

    def text(self) -> str:
        return "".join(self._parts)
