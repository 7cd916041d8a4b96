"""Several `watcher run` processes on one PostgreSQL database share the feeds:
each feed is polled once per interval, and a killed worker's feeds go on
being polled by the others."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.feedserver import FeedServer, rss

FEEDS = 300
INTERVAL = 3.0
WORKERS = 3


def start_worker(config: Path, db_url: str, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "WATCHER_DATABASE_URL": db_url}
    # Logs go to a file: an unread pipe would fill up and stall the worker.
    with log.open("wb") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "watcher", "--config", str(config), "run"],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=env,
        )


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_workers_share_feeds_and_survive_a_killed_worker(
    tmp_path: Path, feed_server: FeedServer, pg_url: str
) -> None:
    urls = [
        feed_server.add(f"/f{i}", rss({"title": f"item {i}", "link": f"https://ex.com/{i}"}))
        for i in range(FEEDS)
    ]
    config = tmp_path / "feeds.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "poll": {
                    "interval": f"{INTERVAL}s",
                    "jitter": 0,
                    "concurrency": 16,
                    "per_host": 16,
                    "timeouts": {"total": "1s", "connect": "1s", "read": "1s"},
                },
                "feeds": [{"name": f"f{i}", "url": url} for i, url in enumerate(urls)],
            }
        )
    )
    logs = [tmp_path / f"worker{i}.log" for i in range(WORKERS)]
    workers = [start_worker(config, pg_url, log) for log in logs]
    try:
        time.sleep(4 * INTERVAL)
        workers[0].send_signal(signal.SIGKILL)
        workers[0].wait(timeout=10)
        time.sleep(6 * INTERVAL)
        stop_at = time.monotonic()
    finally:
        for proc in workers[1:]:
            proc.send_signal(signal.SIGTERM)
        for proc in workers[1:]:
            proc.wait(timeout=30)
    for proc, log in zip(workers[1:], logs[1:], strict=True):
        assert proc.returncode == 0, log.read_text()[-3000:]
    double_polled = []
    starved = []
    for i in range(FEEDS):
        hits = feed_server.hits(f"/f{i}")
        times = [h.at for h in hits]
        gaps = [b - a for a, b in itertools.pairwise(times)]
        # Never twice within one interval (a little slack for scheduling).
        if gaps and min(gaps) < INTERVAL * 0.8:
            double_polled.append((i, min(gaps)))
        # Still polled in the last few intervals, after one worker died.
        if not any(t > stop_at - 3 * INTERVAL for t in times):
            starved.append(i)
    assert double_polled == []
    assert starved == []
