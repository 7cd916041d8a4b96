"""The item budget, on the raw text before feedparser: only the newest
``max_entries`` items are kept, and items whose raw XML was seen in the previous
body are left out (their digests are the feed's ``item_hashes``)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

_ITEM_OPEN = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)(?=[\s>/])")


_ITEM_CLOSE = re.compile(r"</(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>")


_ITEM_END = re.compile(r"</(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>\Z")


_ITEM_DATE = re.compile(
    r"<(?:[\w.-]+:)?(?:pubDate|published|updated|date|issued|modified)(?:\s[^>]{0,200})?>"
    r"\s*([^<]{1,80}?)\s*<",
    re.I,
)


MIN_DATE = datetime.min.replace(tzinfo=UTC)


def keep_newest_items(text: str, max_items: int) -> tuple[str, int]:
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
        range(len(items)), key=lambda i: _item_date(text, *items[i]) or MIN_DATE, reverse=True
    )
    keep = sorted(ranked[:max_items])
    return _with_items(text, items, keep), len(items) - len(keep)


def drop_seen_items(
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
    # Each item's end without the whitespace after it, which changes when it
    # becomes the last one. Digested one at a time from the text: copies of
    # every item, kept until all were digested, doubled the document in
    # memory on every changed feed.
    ends = [_stripped_end(text, start, end) for start, end in items]
    hashes = tuple(
        _raw_digest(text[start:end]) for (start, _), end in zip(items, ends, strict=True)
    )
    if not seen or not all(
        _ITEM_END.search(text, max(start, end - 80), end)
        for (start, _), end in zip(items, ends, strict=True)
    ):
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


def _stripped_end(text: str, start: int, end: int) -> int:
    """Where ``text[start:end].rstrip()`` would end, without the copy."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


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
