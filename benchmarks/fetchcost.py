"""What one conditional GET costs watcher's fetch: CPU, and connections opened.

    run by benchmarks.run against its nginx; or alone (writes the corpus and
    starts its own nginx unless --base names a server):
    .venv/bin/python -m benchmarks.fetchcost [--base http://127.0.0.1:PORT] [--feeds 1000]

``watcher.fetch`` reads every HTTP message to its end (a 304's empty body, the
end of the message after a gzip stream), so httpcore keeps the connection: a
poll of many feeds on one host opens about as many connections as it runs
fetches at once, not one per request (a TLS handshake each, on https). This
measures ``fetch`` over ``--feeds`` URLs at watcher's concurrency, for 304s and
200s: connections opened (counted in the client's connection pools) and CPU
per request.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

import watcher.fetch as wf
from benchmarks.corpus import Corpus
from benchmarks.nginx import Nginx
from watcher.config import PollSettings


async def fetch_all(
    urls: list[str], validators: dict[str, tuple[str | None, str | None]], concurrency: int
) -> tuple[list[wf.FetchResult], int, float]:
    """Results, connections opened and CPU seconds."""
    settings = PollSettings(concurrency=concurrency, per_host=concurrency)
    opened = 0
    gate = asyncio.Semaphore(concurrency)
    async with wf.make_client(settings) as client:
        # Every connection either of the transport's connectors opens (the
        # guarded one serves redirect targets).
        create = aiohttp.TCPConnector._create_connection

        async def counting(self: Any, *args: Any, **kwargs: Any) -> Any:
            nonlocal opened
            opened += 1
            return await create(self, *args, **kwargs)

        aiohttp.TCPConnector._create_connection = counting  # type: ignore[method-assign]

        async def one(url: str) -> wf.FetchResult:
            etag, modified = validators.get(url, (None, None))
            async with gate:
                return await wf.fetch(client, wf.FetchRequest(url, etag, modified), settings)

        started = time.process_time()
        results = await asyncio.gather(*(one(u) for u in urls))
        cpu = time.process_time() - started
        aiohttp.TCPConnector._create_connection = create  # type: ignore[method-assign]
    return list(results), opened, cpu


def run(
    base: str, feeds: int, runs: int, concurrency: int = 8, seed: int = 1
) -> list[dict[str, Any]]:
    corpus = Corpus(seed=seed, feeds=feeds)
    urls = [corpus.url(base, i) for i in range(feeds)]
    first, _, _ = asyncio.run(fetch_all(urls, {}, concurrency))
    validators = {r.url: (r.etag, r.last_modified) for r in first}
    rows = []
    for kind, known in (("304", validators), ("200", {})):
        cpus, connections = [], []
        for _ in range(runs):
            results, opened, cpu = asyncio.run(fetch_all(urls, known, concurrency))
            want = wf.FetchStatus.NOT_MODIFIED if kind == "304" else wf.FetchStatus.OK
            assert all(r.status is want for r in results), {r.status for r in results}
            cpus.append(cpu / feeds * 1000)
            connections.append(opened)
        rows.append({"kind": kind, "connections": max(connections), "cpu_ms": cpus})
    return rows


def print_table(rows: list[dict[str, Any]], feeds: int) -> None:
    print(f"\nfetch: {feeds:,} conditional GETs with watcher.fetch, CPU ms per request")
    print(f"{'response':<10}{'connections':>12}{'median':>9}{'min':>8}{'max':>8}")
    for row in rows:
        cpu = row["cpu_ms"]
        print(
            f"{row['kind']:<10}{row['connections']:>12,}"
            f"{statistics.median(cpu):>9.2f}{min(cpu):>8.2f}{max(cpu):>8.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="a server with the corpus (default: start nginx)")
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    if args.base:
        rows = run(args.base, args.feeds, args.runs, args.concurrency)
    else:
        with tempfile.TemporaryDirectory(prefix="watcher-fetchcost-") as tmp:
            Corpus(seed=1, feeds=args.feeds).write(Path(tmp))
            with Nginx(Path(tmp)) as server:
                rows = run(server.base, args.feeds, args.runs, args.concurrency)
    print_table(rows, args.feeds)


if __name__ == "__main__":
    main()
