"""What one conditional GET costs watcher's fetch: CPU, and connections opened.

    run by benchmarks.run against its nginx; or alone (writes the corpus and
    starts its own nginx unless --base names a server):
    .venv/bin/python -m benchmarks.fetchcost [--base http://127.0.0.1:PORT] [--feeds 1000]

``watcher.fetch`` keeps its connections: a body it does not use is read to
its end (a 304 has none), so a poll of many feeds on one host opens about as
many connections as it runs fetches at once, not one per request (a TLS
handshake each, on https). This measures ``fetch`` over ``--feeds`` URLs at
watcher's concurrency, for 304s and 200s: connections opened (counted in the
transport's aiohttp connectors) and CPU per request. Beside it, on the same
URLs and validators, the two ends of the scale for a 304: a naive sequential
``feedparser.parse(url, etag=..., modified=...)`` loop (urllib, a new
connection each time), and aiohttp alone at the same concurrency (the floor
under watcher's transport).
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


def naive(urls: list[str], validators: dict[str, tuple[str | None, str | None]]) -> float:
    """CPU seconds of a sequential ``feedparser.parse`` loop asking each URL
    with its validators (every answer a 304)."""
    import feedparser

    started = time.process_time()
    for url in urls:
        etag, modified = validators[url]
        parsed = feedparser.parse(url, etag=etag, modified=modified)
        assert parsed.get("status") == 304, parsed.get("status")
    return time.process_time() - started


async def aiohttp_alone(
    urls: list[str], validators: dict[str, tuple[str | None, str | None]], concurrency: int
) -> float:
    """CPU seconds of the same conditional GETs through aiohttp alone."""
    gate = asyncio.Semaphore(concurrency)
    base = {"User-Agent": wf.USER_AGENT, "Accept": wf.ACCEPT, "Accept-Encoding": wf.ACCEPT_ENCODING}
    async with aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=concurrency),
        cookie_jar=aiohttp.DummyCookieJar(),
        auto_decompress=False,
    ) as session:

        async def one(url: str) -> int:
            etag, modified = validators[url]
            headers = {**base, "If-None-Match": etag or "", "If-Modified-Since": modified or ""}
            async with gate, session.get(url, headers=headers, allow_redirects=False) as response:
                await response.read()
                return response.status

        started = time.process_time()
        statuses = await asyncio.gather(*(one(u) for u in urls))
        cpu = time.process_time() - started
    assert set(statuses) == {304}, set(statuses)
    return cpu


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
        rows.append(
            {
                "client": "watcher.fetch",
                "kind": kind,
                "connections": max(connections),
                "cpu_ms": cpus,
            }
        )
    naive_cpu = [naive(urls, validators) / feeds * 1000 for _ in range(runs)]
    rows.append({"client": "naive loop", "kind": "304", "connections": feeds, "cpu_ms": naive_cpu})
    floor = [
        asyncio.run(aiohttp_alone(urls, validators, concurrency)) / feeds * 1000
        for _ in range(runs)
    ]
    rows.append({"client": "aiohttp alone", "kind": "304", "connections": None, "cpu_ms": floor})
    return rows


def print_table(rows: list[dict[str, Any]], feeds: int) -> None:
    print(f"\nfetch: {feeds:,} conditional GETs, CPU ms per request")
    print(f"{'client':<15}{'response':<10}{'connections':>12}{'median':>9}{'min':>8}{'max':>8}")
    for row in rows:
        cpu = row["cpu_ms"]
        opened = "-" if row["connections"] is None else f"{row['connections']:,}"
        print(
            f"{row.get('client', 'watcher.fetch'):<15}{row['kind']:<10}{opened:>12}"
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
