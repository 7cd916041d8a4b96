"""feedparser's entries → ``Entry`` values: a stable identity, plain text, the
images an item carries, and a content hash that changes only when what a reader
sees changes."""

from __future__ import annotations

import calendar
import hashlib
import re
from datetime import UTC, datetime
from typing import Any

from watcher import gnews
from watcher.parse.text import (
    MAX_IMAGES,
    MAX_URL_CHARS,
    TextExtractor,
    clean_text,
    clean_url,
    dedupe_urls,
    drop_invisible,
    feed_markup,
)
from watcher.types import Entry

# Longer text is cut: no trade-press item needs more, and it bounds the cost of
# matching and storing a hostile entry.
MAX_TEXT_CHARS = 50_000


MAX_TITLE_CHARS = 1_000


_IMAGE_SUFFIX = re.compile(r"\.(jpe?g|png|gif|webp|avif)(\?|$)", re.I)


# A guid is an opaque key, but it is still a string we store and may show.
_UNSAFE_KEY = re.compile(r"[<>\"']|javascript:|\bon[a-z]+\s*=", re.I)


def dedupe(entries: list[Entry]) -> list[Entry]:
    """A feed that repeats a guid keeps the first copy (feeds list newest first)."""
    seen: set[str] = set()
    out = []
    for entry in entries:
        if entry.identity not in seen:
            seen.add(entry.identity)
            out.append(entry)
    return out


def read_entry(raw: Any, base: str, max_text_chars: int) -> Entry | None:
    link = clean_url(raw.get("link"), base)
    title = clean_text(raw.get("title") or "", MAX_TITLE_CHARS)
    text, body_images = _entry_text(raw, base, max_text_chars)
    # dict.get: FeedParserDict maps a missing updated_parsed to published_parsed, with a warning.
    published = _timestamp(raw.get("published_parsed") or dict.get(raw, "updated_parsed"))
    images = dedupe_urls([*_media_images(raw, base), *body_images])[:MAX_IMAGES]
    if not (title or text or link):
        return None
    # The date is excluded from the hash: a feed that rewrites pubDate on every
    # build would otherwise look edited on every fetch.
    content_hash = _digest(title, link or "", text, *images)
    outlet, outlet_url = _source(raw, base)
    return Entry(
        identity=_identity(raw, link, title, published),
        link=link,
        title=title,
        text=text,
        published=published,
        images=tuple(images),
        content_hash=content_hash,
        outlet=outlet,
        outlet_url=outlet_url,
        article_url=clean_url(gnews.article_url(link), base),
    )


def _source(raw: Any, base: str) -> tuple[str | None, str | None]:
    """The publisher an aggregator names for an item (RSS ``<source>``)."""
    source = raw.get("source")
    if not isinstance(source, dict):
        return None, None
    name = clean_text(str(source.get("title") or ""), MAX_TITLE_CHARS) or None
    return name, clean_url(source.get("href"), base)


def _identity(raw: Any, link: str | None, title: str, published: datetime | None) -> str:
    """guid, else link, else a hash of title, link and date. A guid carrying
    markup or a script URL is kept as its hash: stable, and inert if shown."""
    guid = raw.get("id")
    if isinstance(guid, str) and guid.strip():
        guid = guid.strip()[:MAX_URL_CHARS]
        if _UNSAFE_KEY.search(guid) or drop_invisible(guid) != guid:
            return "guid-sha256:" + _digest(guid)
        return guid
    if link:
        return link
    return "sha256:" + _digest(title, "", published.isoformat() if published else "")


def _entry_text(raw: Any, base: str, max_chars: int) -> tuple[str, list[str]]:
    """The longest of content and summary, as plain text, plus its <img> URLs.
    A summary that the body does not contain (feeds often write a standfirst
    apart from the article) is kept as the first paragraph: it is often where
    the news is stated."""
    contents: list[str] = [c.get("value") or "" for c in raw.get("content") or []]
    summary = raw.get("summary") or ""
    body = max([*contents, summary], key=len)[: max_chars * 4]
    extractor = TextExtractor(base)
    feed_markup(extractor, body)
    text = clean_text(extractor.text(), max_chars)
    if summary and body is not summary and summary not in body:
        lead = TextExtractor("")
        feed_markup(lead, summary[: max_chars * 4])
        standfirst = clean_text(lead.text(), max_chars)
        if standfirst and not _contains(text, standfirst):
            text = clean_text(f"{standfirst}\n{text}", max_chars)
    return text, extractor.images


# What excerpts end with: "[…]", "Read more…", "Continue reading", "The post ... appeared first on".
_EXCERPT_TAIL = re.compile(
    r"(?:\s*(?:\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…|(?:read\s+more|continue\s+reading|keep\s+reading)"
    r"\W*|the\s+post\s.{0,300}?\sappeared\s+first\s+on\s.{0,120}?))+\s*$",
    re.I | re.S,
)


_WORDS = re.compile(r"[^\W_]+")


def _contains(text: str, part: str) -> bool:
    """Is ``part`` (a summary, maybe cut short with "...") already in ``text``?"""
    words = " ".join(_WORDS.findall(_EXCERPT_TAIL.sub("", part).casefold()))
    return " ".join(words.split()[:40]) in " ".join(_WORDS.findall(text.casefold()))


def _media_images(raw: Any, base: str) -> list[str]:
    urls: list[Any] = []
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
    return [u for u in (clean_url(url, base) for url in urls) if u]


def _timestamp(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (OverflowError, ValueError, TypeError, OSError):
        return None


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()
