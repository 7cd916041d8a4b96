"""The claim loop of one ``poll --once`` cycle, alone: CPU and memory against feed count.

    .venv/bin/python -m benchmarks.claims [--feeds 5000,20000]

``poll_feeds`` claims batches of ``concurrency × 4`` feeds until none is left,
passing every feed id claimed so far as ``exclude`` (``NOT IN (…)``): the
statement grows by a batch each round, so a cycle sends N / 32 different
statements of up to N parameters, and SQLite's per-connection statement cache
keeps the last 128 of them. This runs that loop on a fresh SQLite database
(claim, then ``record_fetch`` as a 304 would) and, for comparison, the same
loop excluding by a marker instead (``last_attempt < cycle start``: constant
SQL), checking both claim the same feeds in the same order. Each variant runs
in a process of its own, so peak RSS is its own.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select

BATCH = 32


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def claim_by_marker(session: Any, owner: str, now: datetime, lease: timedelta, started: datetime):  # type: ignore[no-untyped-def]
    """The proposed claim: feeds attempted since the cycle began are skipped by
    their ``last_attempt``, not by a growing list of ids."""
    from watcher.store.feeds import FeedToPoll
    from watcher.store.schema import FeedRow

    query = (
        select(FeedRow)
        .where(FeedRow.enabled.is_(True))
        .where(or_(FeedRow.lease_expires.is_(None), FeedRow.lease_expires < now))
        .where(or_(FeedRow.last_attempt.is_(None), FeedRow.last_attempt < started))
        .order_by(FeedRow.next_poll, FeedRow.id)
        .with_for_update(skip_locked=True)
        .limit(BATCH)
    )
    claimed = []
    for row in session.scalars(query):
        row.lease_owner = owner
        row.lease_expires = now + lease
        claimed.append(FeedToPoll(row.id, row.name, row.url, None, None, 0))
    return claimed


def child(feeds: int, variant: str) -> dict[str, Any]:
    from watcher.config import FeedConfig
    from watcher.store import Store
    from watcher.store import feeds as feed_rows

    with tempfile.TemporaryDirectory(prefix="watcher-bench-claims-") as tmp:
        store = Store.open(f"sqlite:///{tmp}/claims.db")
        start = datetime(2025, 1, 1, tzinfo=UTC)
        configs = [
            FeedConfig(name=f"feed-{i:06d}", url=f"http://f.example/{i}") for i in range(feeds)
        ]
        with store.transaction() as session:
            feed_rows.sync_feeds(session, configs, start)
        rss_before = _rss_mb()
        lease = timedelta(minutes=5)
        order: list[int] = []
        cycles = []
        for cycle in range(2):
            now = start + timedelta(hours=cycle + 1)
            done: set[int] = set()
            cpu = time.process_time()
            while True:
                with store.transaction() as session:
                    if variant == "exclude":
                        claimed = feed_rows.claim_due(
                            session,
                            "me",
                            now,
                            lease,
                            include_not_due=True,
                            exclude=done,
                            limit=BATCH,
                        )
                    else:
                        claimed = claim_by_marker(session, "me", now, lease, now)
                if not claimed:
                    break
                done.update(f.id for f in claimed)
                with store.transaction() as session:
                    for f in claimed:
                        record = feed_rows.FetchRecord(
                            "not_modified", None, now + timedelta(hours=1)
                        )
                        feed_rows.record_fetch(session, f.id, record, now)
                if cycle == 0:
                    order += [f.id for f in claimed]
            cycles.append(time.process_time() - cpu)
        store.close()
    return {
        "feeds": feeds,
        "variant": variant,
        "cpu": cycles,
        "rss_before": rss_before,
        "rss_after": _rss_mb(),
        "order": hash(tuple(order)),
        "claimed": len(order),
    }


def run(scales: list[int]) -> list[dict[str, Any]]:
    out = []
    for feeds in scales:
        for variant in ("exclude", "marker"):
            done = subprocess.run(
                [sys.executable, "-m", "benchmarks.claims", "--child", variant, str(feeds)],
                cwd=Path(__file__).resolve().parent.parent,
                capture_output=True,
                text=True,
                check=True,
            )
            out.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return out


def print_table(rows: list[dict[str, Any]]) -> None:
    print("\nclaim loop of a cycle alone (claim 32, record_fetch as a 304), SQLite, 2 cycles")
    print(
        f"{'feeds':>7}  {'exclude by':<22}{'CPU s cycle 1':>14}{'cycle 2':>9}"
        f"{'RSS before':>12}{'peak RSS':>10}{'same order':>12}"
    )
    by_feeds: dict[int, dict[str, Any]] = {}
    for row in rows:
        by_feeds.setdefault(row["feeds"], {})[row["variant"]] = row
    for feeds, pair in by_feeds.items():
        same = pair["exclude"]["order"] == pair["marker"]["order"]
        for variant, label in (
            ("exclude", "NOT IN ids (as is)"),
            ("marker", "last_attempt < start"),
        ):
            row = pair[variant]
            print(
                f"{feeds:>7,}  {label:<22}{row['cpu'][0]:>14.2f}{row['cpu'][1]:>9.2f}"
                f"{row['rss_before']:>12.0f}{row['rss_after']:>10.0f}{same!s:>12}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", default="5000,20000")
    parser.add_argument("--child", nargs=2, metavar=("VARIANT", "FEEDS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(int(args.child[1]), args.child[0])))
        return
    print_table(run([int(s) for s in args.feeds.split(",")]))


if __name__ == "__main__":
    main()
