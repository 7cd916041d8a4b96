"""What reading article pages costs a poll cycle.

    python -m benchmarks.articles [--feeds 1000] [--runs 3] [--no-reader]

The corpus of ``benchmarks.corpus`` with the feeds' full text taken out: each
item carries only its summary ("... Read more…"), as many feeds do, and links
a page on the same nginx, shaped like a trade outlet's article (navigation,
trending sidebar, comments, footer; ``tests/articlepages.py``). 1% of the
items name the tracked subject (Ballerina, in the title with its context), so
1% are candidates for a page read; the others must cost no request.

Cycles, each on the same served files: ``first`` (an empty database), then
``unchanged`` (every feed answers 304) and ``changed`` (10% of the feeds gain
3 items) rounds. watcher runs with ``poll.articles: never`` and ``auto``;
reader (which reads no pages) runs the same cycles for comparison. Figures:
wall and process CPU (all threads), pages requested (nginx's access log).
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from benchmarks.corpus import Corpus
from benchmarks.cycles import Meter
from benchmarks.nginx import Nginx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.articlepages import article_page  # noqa: E402

_CONTENT = re.compile(
    rb"\t\t<content:encoded>.*?</content:encoded>\n|<content [^>]*>.*?</content>", re.S
)


class SummaryCorpus(Corpus):
    """Summaries only, and pages for the items that name the subject."""

    def __init__(self, base: str, seed: int = 1, feeds: int = 1000) -> None:
        super().__init__(seed=seed, feeds=feeds)
        self.base = base
        self.pages = 0
        self.folder: Path | None = None

    def render(self, feed: int, version: int) -> bytes:
        host = f"https://outlet{feed:05d}.example/2025/05/".encode()
        body = _CONTENT.sub(b"", super().render(feed, version))
        return body.replace(host, f"{self.base}/a/{feed:05d}/".encode())

    def write_feed(self, folder: Path, feed: int, version: int) -> int:
        for item in self.items(feed, version):
            if "Ballerina" in item.title:
                slug = item.link.rstrip("/").rsplit("/", 1)[1]
                page = folder / "a" / f"{feed:05d}" / slug / "index.html"
                if not page.exists():
                    page.parent.mkdir(parents=True, exist_ok=True)
                    html = article_page(item.title, item.paragraphs).encode()
                    page.write_bytes(html)
                    page.with_name("index.html.gz").write_bytes(gzip.compress(html, 6, mtime=0))
                    self.pages += 1
        return super().write_feed(folder, feed, version)


def watcher_cycles(
    corpus: SummaryCorpus, args: argparse.Namespace, mode: str, db: Path
) -> list[dict[str, Any]]:
    from watcher.app import open_app
    from watcher.config import config_from_mapping
    from watcher.poll import poll_feeds

    data = yaml.safe_load((ROOT / "feeds.yaml").read_text())
    data["subjects"] = [{k: v for k, v in s.items() if k != "search"} for s in data["subjects"]]
    data["database"] = f"sqlite:///{db}"
    data["notify"] = []
    data["poll"] = {**data["poll"], "concurrency": 8, "per_host": 8, "articles": mode}
    data["feeds"] = [
        {"name": f"feed-{i:05d}", "url": corpus.url(corpus.base, i)} for i in range(args.feeds)
    ]
    config = config_from_mapping(data, path=db.parent / "feeds.yaml", environ={})
    rows = []
    with open_app(config) as app:

        def cycle(name: str) -> None:
            with Meter() as meter:
                report = asyncio.run(
                    poll_feeds(
                        app.store,
                        app.config,
                        app.matcher,
                        owner=app.owner,
                        now=app.now,
                        include_not_due=True,
                    )
                )
            rows.append(
                {
                    "system": f"watcher articles={mode}",
                    "cycle": name,
                    "wall": meter.wall,
                    "cpu": meter.cpu,
                    "new": report.new_entries,
                    "matches": report.matches,
                    "errors": report.failed,
                }
            )

        cycle("first")
        for _ in range(args.runs):
            cycle("unchanged")
        for r in range(1, args.runs + 1):
            corpus.change(args.folder, r, args.feeds)
            cycle("changed")
    corpus.restore(args.folder, args.runs, args.feeds)
    with sqlite3.connect(db) as conn:
        pages = dict(
            conn.execute("SELECT status, count(*) FROM articles GROUP BY status").fetchall()
        )
        read = dict(conn.execute("SELECT read, count(*) FROM entries GROUP BY read").fetchall())
    print(f"  watcher articles={mode}: pages stored {pages or 'none'}; entries matched on {read}")
    return rows


def reader_cycles(
    corpus: SummaryCorpus, args: argparse.Namespace, db: Path
) -> list[dict[str, Any]]:
    from reader import make_reader

    rows = []
    reader = make_reader(str(db))
    for i in range(args.feeds):
        reader.add_feed(corpus.url(corpus.base, i))

    def cycle(name: str) -> None:
        with Meter() as meter:
            results = list(reader.update_feeds_iter(workers=8, scheduled=False))
        new = sum(r.value.new for r in results if r.value is not None and hasattr(r.value, "new"))
        rows.append(
            {"system": "reader", "cycle": name, "wall": meter.wall, "cpu": meter.cpu, "new": new}
        )

    cycle("first")
    for _ in range(args.runs):
        cycle("unchanged")
    for r in range(1, args.runs + 1):
        corpus.change(args.folder, r, args.feeds)
        cycle("changed")
    corpus.restore(args.folder, args.runs, args.feeds)
    reader.close()
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-reader", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="watcher-bench-articles-") as tmp:
        args.folder = Path(tmp) / "site"
        args.folder.mkdir()
        with Nginx(args.folder) as server:
            corpus = SummaryCorpus(server.base, feeds=args.feeds)
            started = time.perf_counter()
            size = corpus.write(args.folder, range(args.feeds))
            took = time.perf_counter() - started
            print(
                f"corpus: {args.feeds} feeds, {size / 1e6:.0f} MB of summaries, {corpus.pages} "
                f"pages of candidate items, written in {took:.0f} s"
            )
            for mode in ("never", "auto"):
                rows += watcher_cycles(corpus, args, mode, Path(tmp) / f"w-{mode}.db")
                print(f"  watcher articles={mode} done", flush=True)
            if not args.no_reader:
                rows += reader_cycles(corpus, args, Path(tmp) / "reader.db")
                print("  reader done", flush=True)
    report(rows, args.feeds)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


def report(rows: list[dict[str, Any]], feeds: int) -> None:
    print(f"\ncycles over {feeds:,} summary-only feeds, 1% of items candidates: median [min–max]")
    print(f"{'system':<24} {'cycle':<10} {'n':>2}  {'wall s':<20} {'CPU s':<20}")
    systems = list(dict.fromkeys(r["system"] for r in rows))
    for system in systems:
        for cycle in ("first", "unchanged", "changed"):
            found = [r for r in rows if r["system"] == system and r["cycle"] == cycle]
            if not found:
                continue
            cells = []
            for key in ("wall", "cpu"):
                values = [r[key] for r in found]
                cells.append(
                    f"{statistics.median(values):.2f} [{min(values):.2f}–{max(values):.2f}]"
                )
            print(f"{system:<24} {cycle:<10} {len(found):>2}  {cells[0]:<20} {cells[1]:<20}")


if __name__ == "__main__":
    main()
