"""Where a changed feed's CPU goes: feedparser against watcher's own parse work.

    .venv/bin/python -m benchmarks.parsecost [--feeds 100] [--runs 3]

On a sample of corpus feeds (in memory, no HTTP, no database), CPU per feed:

* feedparser as a naive caller runs it (HTML sanitizer on), and as
  ``watcher.parse`` runs it (sanitizer and relative-URI rewriting off);
* ``watcher.parse.parse_feed`` in total, and its stages: decoding
  (``_decode`` with ``_xml_clean``), feedparser, the per-entry work
  (``_entry``: text extraction, ``clean_text``, URL cleaning, hashing);
* what the proposed changes would cost instead, each checked to give the
  same output on the sample: a regex-guarded ``_xml_clean``, a regex for
  ``clean_text``'s invisible-character filter, and parsing only the items
  of a changed feed whose raw XML was not seen before (item-level hash skip);
  plus the cost of hashing a whole body, to skip an unchanged 200 outright.

Stage times come from timing wrappers put around ``watcher.parse``'s
functions in this process; nothing in ``watcher/`` is changed.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import feedparser

import watcher.parse as wp
from benchmarks.corpus import Corpus

URL = "https://outlet.example/feed/"

# The proposed replacements, measured against the current code.
_XML_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_clean_proposed(text: str) -> str:
    text = text.removeprefix("\ufeff")
    if _XML_ILLEGAL_RE.search(text):  # almost never: skip the copy
        text = _XML_ILLEGAL_RE.sub("", text)
    return wp._XML_DECL.sub('<?xml version="1.0" encoding="utf-8"?>', text, count=1)


def _invisible_class() -> re.Pattern[str]:
    """Every code point whose category ``clean_text`` drops, newline excepted."""
    ranges: list[tuple[int, int]] = []
    for cp in range(sys.maxunicode + 1):
        if cp != 10 and unicodedata.category(chr(cp)) in wp._INVISIBLE_CATEGORIES:
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    body = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    return re.compile(f"[{body}]")


def filter_current(value: str) -> str:
    """clean_text's filter as it is (watcher/parse.py)."""
    return "".join(
        ch for ch in value if ch == "\n" or unicodedata.category(ch) not in wp._INVISIBLE_CATEGORIES
    )


def new_items_only(text: str, seen: set[str]) -> tuple[str, set[str]]:
    """The document cut to the items whose raw XML hash is not in ``seen``,
    and the hashes of all its items (the prototype of an item-level skip)."""
    opens = [m.start() for m in wp._ITEM_OPEN.finditer(text)]
    if not opens:
        return text, set()
    end = len(text)
    for close in wp._ITEM_CLOSE.finditer(text, opens[-1]):
        end = close.end()
    spans = list(zip(opens, [*opens[1:], end], strict=True))
    # rstrip: the whitespace after an item changes when it becomes the last one.
    hashes = [
        hashlib.blake2b(text[a:b].rstrip().encode(), digest_size=16).hexdigest() for a, b in spans
    ]
    keep = "".join(text[a:b] for (a, b), h in zip(spans, hashes, strict=True) if h not in seen)
    return text[: opens[0]] + keep + text[end:], set(hashes)


class Stages:
    """CPU seconds spent inside wrapped functions of ``watcher.parse``."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._depth: dict[str, int] = {}

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            if self._depth.get(name):  # recursion: the outer call counts it
                return fn(*args, **kwargs)
            self._depth[name] = 1
            started = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.process_time() - started
                self._depth[name] = 0

        return timed


@contextmanager
def instrumented(stages: Stages) -> Iterator[None]:
    names = ["_decode", "_xml_clean", "_entry", "clean_text", "_clean_url", "_digest"]
    saved = {name: getattr(wp, name) for name in names}
    saved_fp = wp.feedparser

    class _Feedparser:
        parse = staticmethod(stages.wrap("feedparser.parse", feedparser.parse))

    try:
        for name in names:
            setattr(wp, name, stages.wrap(name, saved[name]))
        wp.feedparser = _Feedparser  # type: ignore[assignment]
        yield
    finally:
        for name, fn in saved.items():
            setattr(wp, name, fn)
        wp.feedparser = saved_fp


def cpu(fn: Callable[[], Any]) -> float:
    started = time.process_time()
    fn()
    return time.process_time() - started


def run(feeds: int, runs: int, seed: int = 1) -> dict[str, Any]:
    corpus = Corpus(seed=seed, feeds=max(feeds, 1))
    sample = range(feeds)
    v0 = [corpus.render(i, 0) for i in sample]
    v1 = [corpus.render(i, 1) for i in sample]
    ctypes = [
        "application/atom+xml" if corpus.shape(i).atom else "application/rss+xml" for i in sample
    ]
    megabytes = sum(map(len, v0)) / 1e6
    texts = [wp._decode(b, c) for b, c in zip(v0, ctypes, strict=True)]
    raw_texts = [b.decode("utf-8") for b in v0]

    def parse_all(bodies: list[bytes]) -> None:
        for body, ctype in zip(bodies, ctypes, strict=True):
            wp.parse_feed(body, url=URL, content_type=ctype)

    # The strings clean_text filters, captured once.
    captured: list[str] = []
    real_clean = wp.clean_text

    def capture(value: str, limit: int) -> str:
        inner = wp._strip_markup(value[: limit * 4])
        inner = unicodedata.normalize("NFC", inner[: limit * 2]).translate(wp._SEPARATORS)
        captured.append(inner)
        return real_clean(value, limit)

    wp.clean_text = capture  # type: ignore[assignment]
    try:
        parse_all(v0)
    finally:
        wp.clean_text = real_clean
    invisible = _invisible_class()
    assert all(invisible.sub("", v) == filter_current(v) for v in captured)
    assert all(xml_clean_proposed(t) == wp._xml_clean(t) for t in raw_texts)

    # Item-level skip on the changed version: hashes of version 0's items are known.
    seen = [new_items_only(t, set())[1] for t in texts]
    v1_texts = [wp._decode(b, c) for b, c in zip(v1, ctypes, strict=True)]
    cut = [new_items_only(t, s)[0].encode() for t, s in zip(v1_texts, seen, strict=True)]
    new_entries = sum(len(wp.parse_feed(b, url=URL).entries) for b in cut)
    all_entries = sum(len(wp.parse_feed(b, url=URL).entries) for b in v1)

    figures: dict[str, list[float]] = {}

    def add(label: str, seconds: float) -> None:
        figures.setdefault(label, []).append(seconds * 1000 / feeds)

    for _ in range(runs):
        add("feedparser, sanitizer on (naive)", cpu(lambda: [feedparser.parse(b) for b in v0]))
        add(
            "feedparser as watcher calls it",
            cpu(
                lambda: [
                    feedparser.parse(b, sanitize_html=False, resolve_relative_uris=False)
                    for b in v0
                ]
            ),
        )
        stages = Stages()
        with instrumented(stages):
            total = cpu(lambda: parse_all(v0))
        add("watcher parse_feed, total", total)
        add("  feedparser.parse", stages.seconds.get("feedparser.parse", 0.0))
        add("  _decode (incl. _xml_clean)", stages.seconds.get("_decode", 0.0))
        add("    of which _xml_clean", stages.seconds.get("_xml_clean", 0.0))
        add("  _entry (text, URLs, hash)", stages.seconds.get("_entry", 0.0))
        add("    of which clean_text", stages.seconds.get("clean_text", 0.0))
        add("    of which _clean_url", stages.seconds.get("_clean_url", 0.0))
        add("    of which _digest", stages.seconds.get("_digest", 0.0))
        add("_xml_clean as is", cpu(lambda: [wp._xml_clean(t) for t in raw_texts]))
        add("_xml_clean, regex-guarded", cpu(lambda: [xml_clean_proposed(t) for t in raw_texts]))
        add("invisible filter as is", cpu(lambda: [filter_current(v) for v in captured]))
        add("invisible filter, regex", cpu(lambda: [invisible.sub("", v) for v in captured]))
        add("changed feed: parse_feed, all items", cpu(lambda: parse_all(v1)))
        add(
            "changed feed: split+hash items, parse new only",
            cpu(
                lambda: [
                    wp.parse_feed(new_items_only(wp._decode(b, c), s)[0].encode(), url=URL)
                    for b, c, s in zip(v1, ctypes, seen, strict=True)
                ]
            ),
        )
        add(
            "unchanged 200: sha256 of the body",
            cpu(lambda: [hashlib.sha256(b).digest() for b in v1]),
        )
    return {
        "feeds": feeds,
        "megabytes": megabytes,
        "entries": sum(len(wp.parse_feed(b, url=URL).entries) for b in v0),
        "changed_all_entries": all_entries,
        "changed_new_entries": new_entries,
        "figures": figures,
    }


def print_table(result: dict[str, Any]) -> None:
    feeds, mb = result["feeds"], result["megabytes"]
    print(
        f"\nparse cost per feed (CPU ms): {feeds} feeds, {mb / feeds * 1000:.0f} KB and "
        f"{result['entries'] / feeds:.0f} entries each on average"
    )
    print(f"{'':<48}{'median':>9}{'min':>9}{'max':>9}{'MB/s':>8}")
    for label, values in result["figures"].items():
        median = statistics.median(values)
        rate = mb / feeds * 1000 / median if median else 0.0
        print(f"{label:<48}{median:>9.2f}{min(values):>9.2f}{max(values):>9.2f}{rate:>8.1f}")
    print(
        f"(changed version: {result['changed_new_entries']} new of "
        f"{result['changed_all_entries']} entries)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print_table(run(args.feeds, args.runs))


if __name__ == "__main__":
    main()
