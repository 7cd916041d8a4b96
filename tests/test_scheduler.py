"""The daemon as people run it: a real subprocess, real HTTP, real signals."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.feedserver import FeedServer, rss


def start_daemon(tmp_path: Path, server: FeedServer) -> subprocess.Popen[str]:
    config = {
        "database": f"sqlite:///{tmp_path / 'w.db'}",
        "poll": {"interval": "1s", "jitter": 0},
        "feeds": [{"name": "a", "url": server.url("/a")}],
    }
    path = tmp_path / "feeds.yaml"
    path.write_text(yaml.safe_dump(config))
    return subprocess.Popen(
        [sys.executable, "-m", "watcher", "--config", str(path), "run"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for(predicate: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_run_polls_on_schedule_and_stops_cleanly_on_signal(
    tmp_path: Path, feed_server: FeedServer, sig: signal.Signals
) -> None:
    feed_server.add("/a", rss({"title": "t", "link": "https://ex.com/1", "guid": "1"}))
    proc = start_daemon(tmp_path, feed_server)
    try:
        # Interval 1s: the feed is polled again and again (304 after the first).
        assert wait_for(lambda: len(feed_server.hits("/a")) >= 3, timeout=30), "not polled"
        proc.send_signal(sig)
        output, _ = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, output
    assert f"stopped on {sig.name}" in output
    assert "Traceback" not in output
    conditional = [h for h in feed_server.hits("/a")[1:] if h.headers.get("If-None-Match")]
    assert conditional, "later polls were not conditional"


def test_a_second_daemon_on_the_same_sqlite_database_refuses_to_start(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.add("/a", rss({"title": "t", "link": "https://ex.com/1", "guid": "1"}))
    first = start_daemon(tmp_path, feed_server)
    try:
        assert wait_for(lambda: len(feed_server.hits("/a")) >= 1, timeout=30)
        second = start_daemon(tmp_path, feed_server)
        output, _ = second.communicate(timeout=30)
        assert second.returncode == 1, output
        assert "another watcher daemon" in output and "PostgreSQL" in output
        assert "Traceback" not in output
    finally:
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=15)
