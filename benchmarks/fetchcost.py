"""What one conditional GET costs watcher's fetch, and what connection reuse would save.

    run by benchmarks.run against its nginx; or alone:
    .venv/bin/python -m benchmarks.fetchcost --base http://127.0.0.1:PORT --feeds 1000

``watcher.fetch`` streams each response and returns without reading a 304's
(empty) body, and stops reading a gzip body at the end of the gzip stream,
before the HTTP message is complete: httpcore then closes the connection, so
every request opens a new one (a new TLS handshake, on https). This measures
``fetch`` over ``--feeds`` URLs at watcher's concurrency, for 304s and 200s:
connections opened and CPU per request, as it is and with the exchange
completed (a 304's body read; a body read to its end), patched in this
process only.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Any

import httpx

import watcher.fetch as wf
from benchmarks.corpus import Corpus
from watcher.config import PollSettings


@contextmanager
def completed_exchanges() -> Iterator[None]:
    """The proposed fix, patched in: finish each HTTP message so the
    connection goes back to the pool."""
    final, decoded = wf._Exchange._final, wf._decoded

    async def _final(self: Any, response: httpx.Response) -> wf.FetchResult:
        if response.status_code == 304:
            await response.aread()  # no body: completes the message
        return await final(self, response)

    async def _decoded(raw: AsyncIterator[bytes], encoding: str) -> AsyncIterator[bytes]:
        async for piece in decoded(raw, encoding):
            yield piece
        async for _ in raw:  # after the gzip end: the rest of the message
            pass

    wf._Exchange._final = _final  # type: ignore[method-assign]
    wf._decoded = _decoded
    try:
        yield
    finally:
        wf._Exchange._final = final  # type: ignore[method-assign]
        wf._decoded = decoded


async def fetch_all(
    urls: list[str], validators: dict[str, tuple[str | None, str | None]], concurrency: int
) -> tuple[list[wf.FetchResult], int, float]:
    """Results, connections opened and CPU seconds."""
    settings = PollSettings(concurrency=concurrency, per_host=concurrency)
    opened = 0
    gate = asyncio.Semaphore(concurrency)
    async with wf.make_client(settings) as client:
        pool = client._transport._pool  # type: ignore[attr-defined]
        create = pool.create_connection

        def counting(origin: Any) -> Any:
            nonlocal opened
            opened += 1
            return create(origin)

        pool.create_connection = counting

        async def one(url: str) -> wf.FetchResult:
            etag, modified = validators.get(url, (None, None))
            async with gate:
                return await wf.fetch(client, wf.FetchRequest(url, etag, modified), settings)

        started = time.process_time()
        results = await asyncio.gather(*(one(u) for u in urls))
        cpu = time.process_time() - started
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
        for label, patched in (("as is", False), ("exchange completed", True)):
            cpus, opened = [], 0
            for _ in range(runs):
                if patched:
                    with completed_exchanges():
                        results, opened, cpu = asyncio.run(fetch_all(urls, known, concurrency))
                else:
                    results, opened, cpu = asyncio.run(fetch_all(urls, known, concurrency))
                want = wf.FetchStatus.NOT_MODIFIED if kind == "304" else wf.FetchStatus.OK
                assert all(r.status is want for r in results), {r.status for r in results}
                cpus.append(cpu / feeds * 1000)
            rows.append({"kind": kind, "label": label, "connections": opened, "cpu_ms": cpus})
    return rows


def print_table(rows: list[dict[str, Any]], feeds: int) -> None:
    print(f"\nfetch: {feeds:,} conditional GETs with watcher.fetch, CPU ms per request")
    print(f"{'response':<10}{'':<20}{'connections':>12}{'median':>9}{'min':>8}{'max':>8}")
    for row in rows:
        cpu = row["cpu_ms"]
        print(
            f"{row['kind']:<10}{row['label']:<20}{row['connections']:>12,}"
            f"{statistics.median(cpu):>9.2f}{min(cpu):>8.2f}{max(cpu):>8.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print_table(run(args.base, args.feeds, args.runs), args.feeds)


if __name__ == "__main__":
    main()
