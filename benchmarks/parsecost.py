"""Where a changed feed's CPU goes: feedparser against watcher's own parse work.

    .venv/bin/python -m benchmarks.parsecost [--feeds 100] [--runs 3]

On a sample of corpus feeds (in memory, no HTTP, no database), CPU per feed:

* feedparser as a naive caller runs it (HTML sanitizer on), and as
  ``watcher.parse`` runs it (sanitizer and relative-URI rewriting off);
* ``watcher.parse.parse_feed`` in total, and its stages: decoding
  (``decode`` with ``_xml_clean``), feedparser, the per-entry work
  (``read_entry``: text extraction, ``clean_text``, URL cleaning, hashing);
* a changed feed (3 new items of ~34) parsed whole, and as the poller parses
  it: with the previous body's item digests as ``seen_items``;
* hashing a whole body, which is all an unchanged 200 costs.

Stage times come from timing wrappers put around ``watcher.parse``'s
functions in this process; nothing in ``watcher/`` is changed.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import feedparser

import watcher.parse as wp
from benchmarks.corpus import Corpus

URL = "https://outlet.example/feed/"


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
    """Wraps each stage where it is called from, so every call is counted."""
    import watcher.parse.decoding as decoding
    import watcher.parse.entries as entries
    import watcher.parse.text as text

    seams = [
        (wp, "decode"),
        (decoding, "_xml_clean"),
        (wp, "read_entry"),
        (wp, "clean_text"),
        (entries, "clean_text"),
        (wp, "clean_url"),
        (entries, "clean_url"),
        (text, "clean_url"),
        (entries, "_digest"),
    ]
    saved = [(module, name, getattr(module, name)) for module, name in seams]
    saved_fp = wp.feedparser

    class _Feedparser:
        parse = staticmethod(stages.wrap("feedparser.parse", feedparser.parse))

    try:
        for module, name, fn in saved:
            setattr(module, name, stages.wrap(name.lstrip("_"), fn))
        wp.feedparser = _Feedparser  # type: ignore[assignment]
        yield
    finally:
        for module, name, fn in saved:
            setattr(module, name, fn)
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

    def parse_all(bodies: list[bytes], seen: list[tuple[str, ...]] | None = None) -> list[Any]:
        return [
            wp.parse_feed(
                body, url=URL, content_type=ctype, seen_items=seen[n] if seen else frozenset()
            )
            for n, (body, ctype) in enumerate(zip(bodies, ctypes, strict=True))
        ]

    seen = [parsed.item_hashes for parsed in parse_all(v0)]
    new_entries = sum(len(parsed.entries) for parsed in parse_all(v1, seen))
    all_entries = sum(len(parsed.entries) for parsed in parse_all(v1))

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
        add("  decode (incl. _xml_clean)", stages.seconds.get("decode", 0.0))
        add("    of which _xml_clean", stages.seconds.get("xml_clean", 0.0))
        add("  read_entry (text, URLs, hash)", stages.seconds.get("read_entry", 0.0))
        add("    of which clean_text", stages.seconds.get("clean_text", 0.0))
        add("    of which clean_url", stages.seconds.get("clean_url", 0.0))
        add("    of which _digest", stages.seconds.get("digest", 0.0))
        add("changed feed: parse_feed, all items", cpu(lambda: parse_all(v1)))
        add("changed feed: parse_feed, seen items skipped", cpu(lambda: parse_all(v1, seen)))
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
