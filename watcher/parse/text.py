"""What a feed writes, reduced to what is safe to show and to match: plain
text (markup stripped, entities and escaped markup unwrapped, invisible
characters dropped) and absolute http(s) URLs."""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

MAX_URL_CHARS = 2_000


MAX_IMAGES = 10


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


_URL_SAFE = ":/?#[]@!$&()*+,;=%~"


def dedupe_urls(urls: list[str]) -> list[str]:
    return list(dict.fromkeys(urls))


def clean_url(url: Any, base: str) -> str | None:
    """An absolute http(s) URL with unsafe characters percent-encoded, or None.

    Only web links are kept: javascript:, data:, file: never reach a user. Tabs
    and newlines are removed first, as browsers do, so "java\\nscript:" cannot
    slip past the scheme check.
    """
    if not isinstance(url, str):
        return None
    url = drop_invisible(url[:MAX_URL_CHARS]).strip()
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
        value = _SPACES.sub(" ", drop_invisible(value, keep="\n"))
        if _TAG_LIKE.search(value):  # a control character hid a tag ("<\x7f/p>")
            value = _SPACES.sub(" ", _strip_markup(value))
    lines = (line.strip() for line in value.split("\n"))
    return "\n".join(line for line in lines if line)[:limit]


def drop_invisible(value: str, keep: str = "") -> str:
    if value.isprintable():
        return value
    return "".join(
        ch for ch in value if ch in keep or unicodedata.category(ch) not in _INVISIBLE_CATEGORIES
    )


def _strip_markup(value: str) -> str:
    for _ in range(MAX_MARKUP_PASSES):
        if "<" in value:
            extractor = TextExtractor("")
            feed_markup(extractor, value)
            value = extractor.text()
        elif "&" in value:
            value = html.unescape(value)
        if not _TAG_LIKE.search(value):
            return value
    return _TAG_RESIDUE.sub("", value)


def feed_markup(extractor: HTMLParser, markup: str) -> None:
    try:
        extractor.feed(markup)
        extractor.close()
    except Exception:  # html.parser gives up on some malformed input; keep what it saw
        pass


class TextExtractor(HTMLParser):
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
            clean = clean_url(dict(attrs).get("src"), self._base)
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
