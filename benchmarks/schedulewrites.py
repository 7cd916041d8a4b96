"""What a 304 cycle writes to SQLite per feed, by number of feeds and claim order.

    .venv/bin/python -m benchmarks.schedulewrites [--scales 1000,3000,10000,30000]

A 304 changes only a feed's schedule, yet its commit costs more per feed at
10,000 feeds than at 1,000 (``benchmarks.scaling``). This runs the poll's two
writes alone, as the poll makes them (``claim_due`` in batches, then
``record_fetches`` with a jittered next poll, each its own transaction), on
an SQLite file whose feed rows carry ``--hashes`` item hashes each, with the
automatic checkpoint off. Per feed it prints the WAL frames (4 KiB pages)
the cycle wrote, counted by a checkpoint at its end, and the CPU of the
claims and of the record writes. Two claim orders: by id (a run over every
feed, as ``poll --once --all`` and the benchmarks do) and by due time (the
daemon's).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import event, insert

from benchmarks.run import machine
from watcher.config import PollSettings
from watcher.store import Store
from watcher.store import feeds as feed_rows
from watcher.store.schema import FEEDS
from watcher.update import next_poll

BATCH = 32  # the poll's claim batch
INTERVAL = 1800.0


def cycle_writes(store: Store, at: datetime, *, by_due: bool) -> tuple[int, float, float, int]:
    """One cycle over every feed: (feeds, claim CPU s, record CPU s, WAL frames)."""
    settings = PollSettings()
    polled, claim_cpu, record_cpu, after = 0, 0.0, 0.0, None
    while True:
        started = time.process_time()
        with store.transaction() as connection:
            claimed = feed_rows.claim_due(
                connection,
                "bench",
                at,
                timedelta(minutes=5),
                include_not_due=not by_due,
                after_id=None if by_due else after,
                limit=BATCH,
            )
        claimed_at = time.process_time()
        claim_cpu += claimed_at - started
        if not claimed:
            break
        after, polled = claimed[-1].id, polled + len(claimed)
        records = [
            (
                feed.id,
                feed_rows.FetchRecord("not_modified", None, next_poll(at, INTERVAL, settings)),
            )
            for feed in claimed
        ]
        with store.transaction() as connection:
            feed_rows.record_fetches(connection, records, at)
        record_cpu += time.process_time() - claimed_at
    return polled, claim_cpu, record_cpu, checkpoint(store)


def checkpoint(store: Store) -> int:
    """Frames in the WAL, which the checkpoint then empties. (TRUNCATE reports
    the emptied log's count, 0: PASSIVE reports the frames.)"""
    with store.engine.connect() as connection:
        busy, frames, _ = connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert not busy
    return int(frames)


def measure(feeds: int, hashes: int, by_due: bool, cycles: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="watcher-bench-") as tmp:
        store = Store.open(f"sqlite:///{Path(tmp) / 'watcher.db'}")
        event.listen(store.engine, "connect", _no_autocheckpoint)
        store.engine.dispose()
        start = datetime(2026, 1, 1, tzinfo=UTC)
        with store.transaction() as connection:
            connection.execute(insert(FEEDS), [_row(i, start, hashes) for i in range(feeds)])
        checkpoint(store)
        rows = []
        for c in range(1, cycles + 1):
            # An hour apart: every feed is due again, its next poll 27-33 min later.
            rows.append(cycle_writes(store, start + timedelta(hours=c), by_due=by_due))
        store.close()
    rows = rows[1:]  # the first cycle after the load is not typical: every row was fresh
    n = sum(r[0] for r in rows)
    return {
        "frames": sum(r[3] for r in rows) / n,
        "claim": sum(r[1] for r in rows) * 1000 / n,
        "record": sum(r[2] for r in rows) * 1000 / n,
    }


def _no_autocheckpoint(dbapi_connection: object, _record: object) -> None:
    dbapi_connection.execute("PRAGMA wal_autocheckpoint=0")  # type: ignore[attr-defined]


def _row(i: int, now: datetime, hashes: int) -> dict[str, object]:
    return {
        "name": f"feed-{i}",
        "config_url": f"http://127.0.0.1:8080/feeds/{i}.xml",
        "url": f"http://127.0.0.1:8080/feeds/{i}.xml",
        "enabled": True,
        "consecutive_failures": 0,
        "entries_count": hashes,
        "next_poll": now,
        "title": f"Feed {i}",
        "etag": f'"{os.urandom(8).hex()}"',
        "last_modified": "Thu, 01 Jan 2026 00:00:00 GMT",
        "body_hash": os.urandom(32).hex(),
        "item_hashes": [os.urandom(16).hex() for _ in range(hashes)],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1000,3000,10000,30000")
    parser.add_argument("--hashes", type=int, default=20, help="item hashes a feed row keeps")
    parser.add_argument("--cycles", type=int, default=4, help="cycles per scale (the first unread)")
    args = parser.parse_args(argv)
    print(f"machine: {machine()}")
    print(f"\n304 cycle's writes, per feed ({args.hashes} item hashes a row, batches of {BATCH})")
    print(f"{'feeds':>7}  {'claimed by':<10}{'WAL pages':>10}{'claim ms':>10}{'record ms':>11}")
    for feeds in sorted(int(s) for s in args.scales.split(",")):
        for by_due in (False, True):
            r = measure(feeds, args.hashes, by_due, args.cycles)
            order = "due time" if by_due else "id"
            figures = f"{r['frames']:>10.2f}{r['claim']:>10.3f}{r['record']:>11.3f}"
            print(f"{feeds:>7,}  {order:<10}{figures}")


if __name__ == "__main__":
    main()
