"""`watcher poll --once` over every hostile class at once: it exits 0, stores
the good feed, records a clear reason for each bad one, and stores nothing
unsanitized. (Peak memory and time are reported by benchmarks/hostile.py.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from tests.feedserver import FeedServer
from tests.hostile import EXPECTED, hostile_config, serve_hostile


def watcher(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "watcher", "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_poll_once_survives_every_hostile_feed(tmp_path: Path, feed_server: FeedServer) -> None:
    urls = serve_hostile(feed_server)
    config = tmp_path / "feeds.yaml"
    database = tmp_path / "w.db"
    config.write_text(yaml.safe_dump(hostile_config(urls, f"sqlite:///{database}")))

    polled = watcher(config, "poll", "--once")
    assert polled.returncode == 0, polled.stderr
    health = {f["name"]: f for f in json.loads(watcher(config, "feeds", "--json").stdout)}

    for name, reason in EXPECTED.items():
        feed = health[name]
        if reason is None:
            assert feed["status"] == "ok", (name, feed["last_error"])
            assert feed["entries"] > 0, name
        else:
            assert feed["status"] == "failing", (name, feed)
            assert feed["last_error"] and reason in feed["last_error"], (name, feed["last_error"])
            assert feed["next_poll"] is not None, name  # backed off, never given up
    assert health["good"]["entries"] == 2
    # The entry cap keeps the newest items only.
    assert health["thousands-of-items"]["entries"] == 500

    import sqlite3

    with sqlite3.connect(database) as db:
        stored = " ".join(
            str(value)
            for row in db.execute("SELECT title, text, link, images, identity FROM entries")
            for value in row
        ).lower()
    # Markup, handlers, NULs, a file read through an external entity, and
    # expanded entities must all be absent.
    for bad in ("<script", "javascript:", "onerror=", "\x00", "root:x:0:0", "lollollollol"):
        assert bad not in stored, bad
