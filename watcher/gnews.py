"""Google News: the search feed built for a subject, and its item links.

Pure: strings in, strings out; nothing is fetched.

* ``search_url`` turns a subject's names and context into the RSS search a
  user would otherwise write by hand (``search: [google-news]`` in feeds.yaml).
* ``article_url`` reads the outlet's own URL out of an item link
  (``https://news.google.com/rss/articles/CBMi...``). The id is a protobuf
  message, base64url-encoded; in the long-standing form one of its fields is
  the article URL itself. Newer ids carry only an opaque token that Google's
  own page turns into the URL with JavaScript: those are not resolved (None),
  and the item is matched on its headline.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from urllib.parse import urlencode, urlsplit

HOST = "news.google.com"
ENGINE = "google-news"
# A search result changes slowly, and Google rate-limits eager clients: an hour
# between polls is polite and still same-day news.
SEARCH_INTERVAL = 3600.0
# Google News answers queries of a few hundred characters; more terms than
# this only narrow nothing further.
MAX_CONTEXT_TERMS = 8
_MAX_ID_CHARS = 2_000


def search_url(
    names: Sequence[str], context: Sequence[str], *, language: str = "en-US", country: str = "US"
) -> str:
    """The RSS search for items naming one of ``names`` with one of the first
    ``MAX_CONTEXT_TERMS`` of ``context`` (the same name-plus-context test as
    matching, so the search returns what matching would keep)."""
    query = _any_of(names)
    if context:
        query += " " + _any_of(context[:MAX_CONTEXT_TERMS])
    params = {"q": query, "hl": language, "gl": country, "ceid": f"{country}:{language[:2]}"}
    return f"https://{HOST}/rss/search?{urlencode(params)}"


def _any_of(terms: Sequence[str]) -> str:
    quoted = [f'"{t.replace(chr(34), "")}"' for t in dict.fromkeys(terms) if t.strip()]
    return quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")"


def is_google_news(url: str | None) -> bool:
    host = (urlsplit(url or "").hostname or "").lower()
    return host == HOST


def article_url(link: str | None) -> str | None:
    """The outlet's URL a Google News item link stands for, when its id holds
    it; None for any other link, and for ids that need JavaScript to resolve."""
    if not is_google_news(link):
        return None
    assert link is not None
    path = urlsplit(link).path
    marker = "/articles/"
    if marker not in path:
        return None
    token = path.rsplit(marker, 1)[1].strip("/")[:_MAX_ID_CHARS]
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        return None
    return _url_field(raw)


def _url_field(raw: bytes) -> str | None:
    """The first length-delimited protobuf field that is an http(s) URL."""
    pos = 0
    while pos < len(raw):
        tag, pos = _varint(raw, pos)
        if pos < 0:
            return None
        wire = tag & 7
        if wire == 0:
            _, pos = _varint(raw, pos)
        elif wire == 2:
            length, pos = _varint(raw, pos)
            if pos < 0 or pos + length > len(raw):
                return None
            value = raw[pos : pos + length]
            pos += length
            if value.startswith((b"http://", b"https://")):
                try:
                    return value.decode("ascii")
                except UnicodeDecodeError:
                    return None
        else:
            return None  # fixed-width fields never appear in these ids
        if pos < 0:
            return None
    return None


def _varint(raw: bytes, pos: int) -> tuple[int, int]:
    """(value, next position); position -1 when the bytes end mid-number."""
    value = shift = 0
    while pos < len(raw) and shift < 64:
        byte = raw[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7
    return 0, -1
