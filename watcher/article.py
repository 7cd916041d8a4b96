"""An item's article page: whether it is worth reading, and its main text.

Pure: values and bytes in, values out. It fetches nothing, stores nothing and
reads no clock (``watcher.article_reader`` does, around it).

Whether to read: only items that mention a tracked subject (decided by the
caller, with the matcher's own name-plus-context test), and, in the default
``auto`` mode, only when the feed's text for the item is a summary rather than
the story: short, or cut off ("...", "[…]", "Read more", "The post ...
appeared first on", a last sentence without its end).

The main text: trade-press pages put the story between navigation, a
"trending" or "related" list, comments and a footer, and those name other films
with their dates, or an old date of the film itself. trafilatura keeps the
article body and drops the rest (comments excluded, precision favoured). Its
cost is bounded before it starts: the page is cut to ``MAX_HTML_CHARS`` and
``MAX_ELEMENTS`` tags after scripts, styles, SVG and comments are removed
(an HTML bomb of a million paragraphs or nested divs stops at the cap).
"""

from __future__ import annotations

import codecs
import html as html_entities
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from watcher.parse import MAX_TEXT_CHARS, clean_text, clean_url
from watcher.types import Entry

# A feed text with fewer words than this is a summary: trade stories run to
# several hundred words, their feed excerpts to one or two sentences.
SUMMARY_WORDS = 120
# Bounds on one page's extraction, whatever the fetch let through.
MAX_HTML_CHARS = 1_500_000
MAX_ELEMENTS = 15_000
# What an extracted text shorter than this is: a cookie wall, an error page or
# a teaser, not the story.
MIN_ARTICLE_CHARS = 200
# A page that could not be read is tried again after this long, doubling, on
# the polls of its feed, at most ``MAX_ATTEMPTS`` times in all.
RETRY_AFTER = 1800.0
MAX_ATTEMPTS = 5

_EXCERPT_END = re.compile(
    r"(?:\.\.\.|…|\[\s*(?:\.\.\.|…)?\s*\]|read\s+more\W*|continue\s+reading\W*|keep\s+reading\W*"
    r"|appeared\s+first\s+on\s.{0,120})\s*$",
    re.I | re.S,
)
_SENTENCE_END = re.compile(r"[.!?…\"'”’)\]]\s*$")
_WORD = re.compile(r"[^\W_]+")
# Removed with their content before parsing: never text, often most of the bytes.
_DROPPED = re.compile(r"<(script|style|svg|noscript|template|iframe)\b|<!--", re.I)
_CLOSERS = {
    name: re.compile(rf"</{name}\s*>", re.I)
    for name in ("script", "style", "svg", "noscript", "template", "iframe")
}
_COMMENT_END = re.compile(r"-->")
_TAG = re.compile(r"<[A-Za-z]")
_META = re.compile(r"<meta\b[^>]{0,2000}>", re.I)
_ATTR = re.compile(r"""([A-Za-z:_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_IMAGE_PROPERTIES = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image")
_IMAGE_LINE = re.compile(r"^!\[[^\]\n]*\]\(([^)\s]+)\)\s*$", re.M)
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]{1,40})", re.I)
_HEAD_CHARS = 200_000


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    image: str | None


def is_summary(entry: Entry) -> bool:
    """Does the feed give only a summary of this item (so its answer may be on
    the page)? A long text that ends in an excerpt marker is one too."""
    text = entry.text.strip()
    if not text:
        return True
    if _EXCERPT_END.search(text[-300:]):
        return True
    if not _SENTENCE_END.search(text[-5:]):
        return True  # cut mid-sentence
    return len(_WORD.findall(text[: SUMMARY_WORDS * 20])) < SUMMARY_WORDS


def worth_reading(entry: Entry, mode: str) -> bool:
    """Read this item's page, if it mentions a subject (the caller's test, the
    matcher's own, made after this cheaper one)?"""
    url = entry.article_url or entry.link
    if mode == "never" or not url or not has_page(url):
        return False
    return mode == "always" or is_summary(entry)


# Names reserved never to be a real site (RFC 2606, RFC 6761): a link there,
# as in a test's or a replay's items, has no page, and asking the name
# servers for one is traffic for nothing.
_RESERVED_SUFFIXES = (".test", ".example", ".invalid")
_RESERVED_DOMAINS = frozenset({"example.com", "example.net", "example.org"})


def has_page(url: str) -> bool:
    """Can ``url`` name a page on the web at all?"""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if not host or host.endswith(_RESERVED_SUFFIXES) or host in ("test", "example", "invalid"):
        return False
    return not any(host == d or host.endswith("." + d) for d in _RESERVED_DOMAINS)


def retry_at(attempts: int, now: datetime) -> datetime:
    """When a page that failed ``attempts`` times in a row is tried again:
    ``RETRY_AFTER`` doubling, capped at a day."""
    delay = min(RETRY_AFTER * 2 ** max(0, attempts - 1), 86400.0)
    return now + timedelta(seconds=delay)


def matched_text(summary: str, article: str, limit: int = MAX_TEXT_CHARS) -> str:
    """The text to match: the page's, after the feed's summary when the page
    does not already say it (a standfirst written for the feed)."""
    summary = _EXCERPT_END.sub("", summary).strip()  # "Read more…" is not news
    fold = " ".join(_WORD.findall(summary.casefold()))
    if not fold or fold[:300] in " ".join(_WORD.findall(article.casefold())):
        return article[:limit]
    return clean_text(f"{summary}\n{article}", limit)


def extract(
    body: bytes, url: str, content_type: str | None = None, limit: int = MAX_TEXT_CHARS
) -> Extracted | None:
    """The main text of an article page and its lead image, or None when the
    page has no article text (or is not HTML at all)."""
    page = bounded_html(decode(body, content_type))
    image = lead_image(page, url)
    import trafilatura  # a second of imports: paid only when a page is read

    # trafilatura reports pages it cannot read on its own loggers at WARNING;
    # a page without an article is an outcome here, not something to log.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    try:
        document: Any = trafilatura.bare_extraction(
            page,
            url=url,
            include_comments=False,
            include_tables=False,
            include_images=True,
            include_links=False,
            favor_precision=True,
            with_metadata=False,
        )
    except Exception:  # the extractor's own faults on hostile markup: no article
        return None
    raw = getattr(document, "text", None) if document is not None else None
    if not raw:
        return None
    images = _IMAGE_LINE.findall(raw)
    text = clean_text(_IMAGE_LINE.sub("", raw), limit)
    if len(text) < MIN_ARTICLE_CHARS:
        return None
    if image is None and images:
        image = clean_url(images[0], url)
    return Extracted(text, image)


def decode(body: bytes, content_type: str | None) -> str:
    """HTML bytes → text: UTF-8 when it is, else the charset the header or a
    ``<meta>`` names, else windows-1252 (what browsers assume)."""
    body = body[: MAX_HTML_CHARS * 4]
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    found = _HEADER_CHARSET.search(content_type or "") or _CHARSET.search(body[:4096])
    named = found.group(1) if found else None
    for name in (named.decode("ascii") if isinstance(named, bytes) else named, "windows-1252"):
        if not name:
            continue
        try:
            codecs.lookup(name)
            return body.decode(name, "replace")
        except LookupError:
            continue
    return body.decode("windows-1252", "replace")


def bounded_html(html: str) -> str:
    """``html`` without scripts, styles, SVG, iframes and comments, cut to
    ``MAX_HTML_CHARS`` and ``MAX_ELEMENTS`` tags. Linear: each removed block is
    searched for its end once, and an unclosed one ends the page."""
    out: list[str] = []
    pos = size = 0
    for opened in _DROPPED.finditer(html):
        if opened.start() < pos:
            continue
        out.append(html[pos : opened.start()])
        size += opened.start() - pos
        if size > MAX_HTML_CHARS:
            break
        name = (opened.group(1) or "").lower()
        closer = _CLOSERS[name] if name else _COMMENT_END
        end = closer.search(html, opened.end())
        if end is None:
            pos = len(html)
            break
        pos = end.end()
    else:
        out.append(html[pos:])
    page = "".join(out)[:MAX_HTML_CHARS]
    for count, tag in enumerate(_TAG.finditer(page)):
        if count >= MAX_ELEMENTS:
            return page[: tag.start()]
    return page


def lead_image(html: str, url: str) -> str | None:
    """The page's ``og:image`` (or ``twitter:image``): the image the outlet
    chose for the story."""
    for meta in _META.finditer(html, 0, _HEAD_CHARS):
        attrs = {
            m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
            for m in _ATTR.finditer(meta.group())
        }
        name = attrs.get("property") or attrs.get("name") or ""
        if name.lower() in _IMAGE_PROPERTIES and attrs.get("content"):
            return clean_url(html_entities.unescape(attrs["content"]).strip(), url)
    return None
