"""Feed bytes → ``ParsedFeed`` of plain ``Entry`` values.

Pure: bytes in, values out; no I/O, no clock. It never fetches anything: not a
URL, not a DTD, not an external entity.

::

    bytes ─► decode (BOM, charset, declared-vs-actual) ─► drop DOCTYPE and XML-illegal
          ─► keep the newest ``max_entries`` items ─► drop items seen last time
          ─► feedparser ─► Entry values

feedparser does the format work (RSS 0.9x–2.0, RSS 1.0, Atom). This module
decides what an entry *is* for watcher: a stable identity, plain text (markup
stripped, so nothing a feed wrote can run where we show it), the images it
carries, and a content hash that changes only when what a reader sees changes.
"""

from __future__ import annotations

import calendar
import codecs
import hashlib
import html
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import feedparser

from watcher import gnews
from watcher.errors import FeedParseError
from watcher.types import Entry

# Longer text is cut: no trade-press item needs more, and it bounds the cost of
# matching and storing a hostile entry.
MAX_TEXT_CHARS = 50_000
MAX_TITLE_CHARS = 1_000
MAX_URL_CHARS = 2_000
MAX_IMAGES = 10
# Feed links sit in an HTML page's <head>; a page is not read past this.
MAX_DISCOVERY_CHARS = 1_000_000
# Double- and triple-escaped markup ("&amp;lt;script&amp;gt;") is unwrapped this
# many times; whatever still looks like a tag after that is cut out.
MAX_MARKUP_PASSES = 3

_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
    | {"tr", "table", "section", "article", "figure", "figcaption", "header", "footer"}
    | {"pre", "hr", "dd", "dt"}
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "object"})
# Zero-width, bidi controls and other format characters: invisible in a title,
# but they can make "Ballerina" fail to match or reorder what a terminal shows.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Cc", "Co", "Cs"})
# Control characters that still separate words: mapped before the rest is dropped.
_SEPARATORS = str.maketrans(
    {"\t": " ", "\r": "\n", "\v": "\n", "\f": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"}
)
_SPACES = re.compile(r"[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_TAG_LIKE = re.compile(r"<[A-Za-z!/?]")
_TAG_RESIDUE = re.compile(r"<[A-Za-z!/?][^>\n]*>?")
_IMAGE_SUFFIX = re.compile(r"\.(jpe?g|png|gif|webp|avif)(\?|$)", re.I)
# A guid is an opaque key, but it is still a string we store and may show.
_UNSAFE_KEY = re.compile(r"[<>\"']|javascript:|\bon[a-z]+\s*=", re.I)
_URL_SAFE = ":/?#[]@!$&()*+,;=%~"

# XML 1.0 forbids these; expat stops at the first one and feedparser falls back
# to its loose parser for the whole document. Dropped before parsing.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_DECL = re.compile(r"\A\s*<\?xml[^>]{0,200}\?>")
_DECLARED_ENCODING = re.compile(
    rb"\A\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})"
)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]{1,40})", re.I)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_NUL_PATTERNS = (
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
)
# A DTD is never needed to read a feed, and its internal subset is where entity
# bombs and external entities live: the whole declaration goes, whatever the
# installed expat would have done with it (expat < 2.4 has no amplification limit).
_DOCTYPE = re.compile(
    r"<!DOCTYPE(?:[^\[>\"']|\"[^\"]*\"|'[^']*')*(?:\[(?:[^\]\"']|\"[^\"]*\"|'[^']*')*\])?\s*>",
    re.I,
)
_ROOT_ELEMENT = re.compile(r"<[A-Za-z_]")
# What may come before a DOCTYPE: space, comments, processing instructions.
_PROLOG_PART = re.compile(r"[\s\ufeff]+|<!--.*?-->|<\?.*?\?>", re.S)
_ITEM_OPEN = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)(?=[\s>/])")
_ITEM_CLOSE = re.compile(r"</(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>")
_ITEM_END = re.compile(r"</(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>\Z")
_ITEM_DATE = re.compile(
    r"<(?:[\w.-]+:)?(?:pubDate|published|updated|date|issued|modified)(?:\s[^>]{0,200})?>"
    r"\s*([^<]{1,80}?)\s*<",
    re.I,
)
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
_HTML_HEAD = re.compile(
    r"\A(?:\s|<!--.*?-->|<\?xml[^>]*\?>)*<(?:!doctype\s+html|html|head|body)[\s>]", re.I | re.S
)
_MIN_DATE = datetime.min.replace(tzinfo=UTC)
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
    text = _decode(body, content_type)
    if not text.strip():
        raise FeedParseError("not a feed: empty body")
    if _HTML_HEAD.match(text[:4096]):
        raise _html_page(text, url)
    text = _strip_dtd(text)
    text, trimmed = _keep_newest_items(text, max_entries)
    unseen, item_hashes, skipped, skipped_dates = _drop_seen_items(text, seen_items)
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
    base = _clean_url(feed.get("link"), url) or url
    entries = [e for e in (_entry(raw, base, max_text_chars) for raw in entries_raw) if e]
    dropped = trimmed
    if len(entries) > max_entries:  # the text-level cut missed some: keep the newest
        newest = sorted(entries, key=lambda e: e.published or _MIN_DATE, reverse=True)
        keep = {id(e) for e in newest[:max_entries]}
        dropped += len(entries) - max_entries
        entries = [e for e in entries if id(e) in keep]
    return ParsedFeed(
        title=clean_text(feed.get("title") or "", MAX_TITLE_CHARS) or None,
        link=_clean_url(feed.get("link"), url),
        entries=tuple(_dedupe(entries)),
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
    return HtmlPageError("not a feed: text/html page", tuple(_discover(text, url)))


# -- before feedparser: decoding, DTD, item budget -----------------------------------


def _decode(body: bytes, content_type: str | None) -> str:
    """Bytes → text, trusting what the bytes are over what they claim to be.

    A body that is valid UTF-8 is read as UTF-8 even when it declares Latin-1
    (a common misconfiguration that would otherwise turn "é" into "Ã©"); a body
    declared UTF-8 with a few bad bytes keeps its good characters (U+FFFD for
    the bad ones) instead of being re-read wholesale as windows-1252.
    """
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return _xml_clean(body.decode(codec, "replace"))
    for pattern, codec in _NUL_PATTERNS:
        if body.startswith(pattern):
            return _xml_clean(body.decode(codec, "replace"))
    try:
        return _xml_clean(body.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    for declared in _declared_encodings(body, content_type):
        try:
            return _xml_clean(body.decode(declared))
        except (UnicodeDecodeError, LookupError):
            continue
    codec = "utf-8" if _UTF8_MULTIBYTE.search(body[:65536]) else "windows-1252"
    return _xml_clean(body.decode(codec, "replace"))


def _declared_encodings(body: bytes, content_type: str | None) -> list[str]:
    """Charsets from the HTTP header and the XML declaration, if ASCII-compatible
    (the body has no BOM or NUL pattern, so a declared UTF-16 is a lie)."""
    found = []
    header = _CHARSET.search(content_type or "")
    if header:
        found.append(header.group(1))
    decl = _DECLARED_ENCODING.match(body[:300])
    if decl:
        found.append(decl.group(1).decode("ascii"))
    out = []
    for name in found:
        try:
            info = codecs.lookup(name)
        except LookupError:
            continue
        if not info.name.startswith(("utf-16", "utf-32", "utf-8")):
            out.append(info.name)
    return out


def _xml_clean(text: str) -> str:
    """Drop characters XML forbids (NUL and most C0 controls) and restate the
    declaration as UTF-8, which is what feedparser will be given."""
    text = text.removeprefix("\ufeff")
    # Searched first: they are almost never there, and a search costs a
    # fifteenth of rewriting the whole document.
    if _XML_ILLEGAL.search(text):
        text = _XML_ILLEGAL.sub("", text)
    return _XML_DECL.sub('<?xml version="1.0" encoding="utf-8"?>', text, count=1)


def _strip_dtd(text: str) -> str:
    """``text`` without its DOCTYPE declaration. Only a real one goes: the
    prolog is read part by part, so "<!DOCTYPE" inside a comment or a
    processing instruction is text, not a declaration to cut from."""
    pos = 0
    while part := _PROLOG_PART.match(text, pos):
        pos = part.end()
    if text[pos : pos + 9].upper() != "<!DOCTYPE":
        if _ROOT_ELEMENT.match(text, pos) or "<!" not in text[pos:]:
            return text
        # Not well-formed before the root: feedparser's lenient parser may
        # still read a DOCTYPE further on, so one there goes too.
        root = _ROOT_ELEMENT.search(text, pos)
        prolog_end = root.start() if root else len(text)
        found = text[pos:prolog_end].upper().find("<!DOCTYPE")
        if found < 0:
            return text
        pos += found
    match = _DOCTYPE.match(text, pos)
    if match is None:  # malformed: drop everything up to the first element
        root = _ROOT_ELEMENT.search(text, pos)
        return text[:pos] + text[root.start() if root else len(text) :]
    return text[:pos] + text[match.end() :]


def _keep_newest_items(text: str, max_items: int) -> tuple[str, int]:
    """Cut the document to its newest ``max_items`` items before feedparser sees it.

    feedparser's cost grows with the number of items (~0.4 ms each here), and a
    feed of 20,000 items would be parsed in full only for all but 500 to be
    dropped. Items are cut on their opening tags, so the cut never needs the
    document to be well-formed; an item with no recognizable date ranks after
    the dated ones, in document order. Returns the text and how many items went.
    """
    items = _item_spans(text)
    if len(items) <= max_items:
        return text, 0
    ranked = sorted(
        range(len(items)), key=lambda i: _item_date(text, *items[i]) or _MIN_DATE, reverse=True
    )
    keep = sorted(ranked[:max_items])
    return _with_items(text, items, keep), len(items) - len(keep)


def _drop_seen_items(
    text: str, seen: Collection[str]
) -> tuple[str | None, tuple[str, ...], int, tuple[datetime, ...]]:
    """The document without the items whose raw XML digest is in ``seen`` (None
    when no item is left), every item's digest, how many items were dropped and
    their dates.

    Only a document whose every item span ends in its own closing tag is cut: an
    "<item" inside an item's CDATA would otherwise split it, and half an item
    could be kept. Such a document is parsed whole, as it always was.
    """
    items = _item_spans(text)
    # rstrip: the whitespace after an item changes when it becomes the last one.
    raw = [text[start:end].rstrip() for start, end in items]
    hashes = tuple(_raw_digest(r) for r in raw)
    if not seen or not all(_ITEM_END.search(r, max(0, len(r) - 80)) for r in raw):
        return text, hashes, 0, ()
    keep = [i for i, digest in enumerate(hashes) if digest not in seen]
    skipped = len(items) - len(keep)
    if not skipped:
        return text, hashes, 0, ()
    dates = (_item_date(text, *items[i]) for i in range(len(items)) if hashes[i] in seen)
    known = tuple(d for d in dates if d)
    if not keep:
        return None, hashes, skipped, known
    return _with_items(text, items, keep), hashes, skipped, known


def _raw_digest(raw_item: str) -> str:
    return hashlib.blake2b(raw_item.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _item_spans(text: str) -> list[tuple[int, int]]:
    """Each item's (start, end) in the text, cut on the opening tags. The last
    item ends at its closing tag; what follows (</channel></rss>) is not in it.
    A last item with no closing tag runs to the end of the text."""
    opens = [m.start() for m in _ITEM_OPEN.finditer(text)]
    if not opens:
        return []
    end = len(text)
    for close in _ITEM_CLOSE.finditer(text, opens[-1]):
        end = close.end()
    return list(zip(opens, [*opens[1:], end], strict=True))


def _with_items(text: str, items: list[tuple[int, int]], keep: list[int]) -> str:
    body = "".join(text[items[i][0] : items[i][1]] for i in keep)
    return text[: items[0][0]] + body + text[items[-1][1] :]


def _item_date(text: str, start: int, end: int) -> datetime | None:
    match = _ITEM_DATE.search(text, start, end)
    if not match:
        return None
    value = match.group(1).strip()
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        try:
            when = datetime.fromisoformat(value)
        except ValueError:
            return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


# -- feed discovery in an HTML page --------------------------------------------------


def discover_feed_links(html_page: bytes, base_url: str) -> list[str]:
    """The feeds an HTML page announces with ``<link rel="alternate"
    type="application/rss+xml|atom+xml" href=...>``: absolute http(s) URLs, in
    page order, without duplicates. Pure; nothing is fetched."""
    return _discover(_decode(html_page[: MAX_DISCOVERY_CHARS * 2], None), base_url)


def _discover(text: str, base_url: str) -> list[str]:
    finder = _FeedLinkFinder()
    try:
        finder.feed(text[:MAX_DISCOVERY_CHARS])
        finder.close()
    except Exception:  # html.parser gives up on some malformed input; keep what it saw
        pass
    base = _clean_url(finder.base, base_url) or base_url
    urls = (_clean_url(href, base) for href in finder.hrefs)
    return _dedupe_urls([u for u in urls if u])


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


# -- entries -------------------------------------------------------------------------


def _dedupe(entries: list[Entry]) -> list[Entry]:
    """A feed that repeats a guid keeps the first copy (feeds list newest first)."""
    seen: set[str] = set()
    out = []
    for entry in entries:
        if entry.identity not in seen:
            seen.add(entry.identity)
            out.append(entry)
    return out


def _entry(raw: Any, base: str, max_text_chars: int) -> Entry | None:
    link = _clean_url(raw.get("link"), base)
    title = clean_text(raw.get("title") or "", MAX_TITLE_CHARS)
    text, body_images = _entry_text(raw, base, max_text_chars)
    # dict.get: FeedParserDict maps a missing updated_parsed to published_parsed, with a warning.
    published = _timestamp(raw.get("published_parsed") or dict.get(raw, "updated_parsed"))
    images = _dedupe_urls([*_media_images(raw, base), *body_images])[:MAX_IMAGES]
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
        article_url=_clean_url(gnews.article_url(link), base),
    )


def _source(raw: Any, base: str) -> tuple[str | None, str | None]:
    """The publisher an aggregator names for an item (RSS ``<source>``)."""
    source = raw.get("source")
    if not isinstance(source, dict):
        return None, None
    name = clean_text(str(source.get("title") or ""), MAX_TITLE_CHARS) or None
    return name, _clean_url(source.get("href"), base)


def _identity(raw: Any, link: str | None, title: str, published: datetime | None) -> str:
    """guid, else link, else a hash of title, link and date. A guid carrying
    markup or a script URL is kept as its hash: stable, and inert if shown."""
    guid = raw.get("id")
    if isinstance(guid, str) and guid.strip():
        guid = guid.strip()[:MAX_URL_CHARS]
        if _UNSAFE_KEY.search(guid) or _drop_invisible(guid) != guid:
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
    extractor = _TextExtractor(base)
    _feed_markup(extractor, body)
    text = clean_text(extractor.text(), max_chars)
    if summary and body is not summary and summary not in body:
        lead = _TextExtractor("")
        _feed_markup(lead, summary[: max_chars * 4])
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
    return [u for u in (_clean_url(url, base) for url in urls) if u]


def _dedupe_urls(urls: list[str]) -> list[str]:
    return list(dict.fromkeys(urls))


def _clean_url(url: Any, base: str) -> str | None:
    """An absolute http(s) URL with unsafe characters percent-encoded, or None.

    Only web links are kept: javascript:, data:, file: never reach a user. Tabs
    and newlines are removed first, as browsers do, so "java\\nscript:" cannot
    slip past the scheme check.
    """
    if not isinstance(url, str):
        return None
    url = _drop_invisible(url[:MAX_URL_CHARS]).strip()
    if not url:
        return None
    try:
        url = urljoin(base, url)
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return quote(url, safe=_URL_SAFE)[:MAX_URL_CHARS]


def clean_url(url: Any, base: str) -> str | None:
    """The rule for every URL watcher keeps (see ``_clean_url``)."""
    return _clean_url(url, base)


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


# -- text ----------------------------------------------------------------------------


def clean_text(value: str, limit: int) -> str:
    """Plain, single-spaced text with invisible and control characters removed.

    Newlines survive (they separate paragraphs for sentence splitting). Markup
    is stripped and entities decoded, repeatedly for double-escaped feeds, so
    the result never contains anything that looks like a tag.
    """
    value = _strip_markup(value[: limit * 4])
    value = unicodedata.normalize("NFC", value[: limit * 2]).translate(_SEPARATORS)
    value = _SPACES.sub(" ", value)
    if not value.replace("\n", "").isprintable():
        # Rare, and a per-character loop: str.isprintable is false for every
        # invisible category (and for the separators already turned into spaces).
        value = _SPACES.sub(" ", _drop_invisible(value, keep="\n"))
    lines = (line.strip() for line in value.split("\n"))
    return "\n".join(line for line in lines if line)[:limit]


def _drop_invisible(value: str, keep: str = "") -> str:
    if value.isprintable():
        return value
    return "".join(
        ch for ch in value if ch in keep or unicodedata.category(ch) not in _INVISIBLE_CATEGORIES
    )


def _strip_markup(value: str) -> str:
    for _ in range(MAX_MARKUP_PASSES):
        if "<" in value:
            extractor = _TextExtractor("")
            _feed_markup(extractor, value)
            value = extractor.text()
        elif "&" in value:
            value = html.unescape(value)
        if not _TAG_LIKE.search(value):
            return value
    return _TAG_RESIDUE.sub("", value)


def _feed_markup(extractor: HTMLParser, markup: str) -> None:
    try:
        extractor.feed(markup)
        extractor.close()
    except Exception:  # html.parser gives up on some malformed input; keep what it saw
        pass


class _TextExtractor(HTMLParser):
    """Markup → text with paragraph breaks, collecting <img src> on the way.
    Attributes are never copied to the text, so no handler or URL survives."""

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
        if tag == "img" and self._base and len(self.images) < MAX_IMAGES:
            clean = _clean_url(dict(attrs).get("src"), self._base)
            if clean:
                self.images.append(clean)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _SKIP_TAGS:  # <script/> opens nothing to skip
            self.handle_starttag(tag, attrs)

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
