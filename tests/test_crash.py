"""kill -9 of a real `watcher run` at several points, over a feed set that
changes between runs: nothing is lost, a message is sent at most once more per
crash, and the feeds a dead daemon held are polled again at once.

Each round publishes a new release date for the film on one feed (one answer
event, one notification), changes the feed list, starts the daemon on SQLite
and kills it at that round's point:

* mid-fetch: while the feed server holds the request for the news (the dead
  daemon leaves its feed leases behind);
* mid-send: the receiver has recorded the message but not answered yet (the
  dead daemon leaves an outbox claim behind, and the message is sent again);
* at a random moment of the run, from start-up to after the delivery (seeded).

After a kill, `watcher poll --once` must poll every enabled feed (a lease of
the dead daemon is no reason to skip one) or the next daemon takes over. At
the end every round's date reached the receiver, and at most one duplicate
per crash.
"""

from __future__ import annotations

import functools
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import shipped_subjects
from tests.feedserver import FeedServer, rss
from tests.receivers import HttpReceiver
from watcher import views
from watcher.store import Store
from watcher.store import answers as answer_rows

SUBJECTS = shipped_subjects()
DATES = ["June 6, 2025", "June 13, 2025", "June 20, 2025", "June 27, 2025"]
POINTS = ["mid-fetch", "mid-send", "random"]
WAIT = 30.0  # seconds any one step may take on a loaded machine before the test gives up


def news(round_: int) -> dict[str, str]:
    return {
        "title": f"Lionsgate dates 'Ballerina' for {DATES[round_]}",
        "link": f"https://trade.example/ballerina-{round_}",
        "guid": f"trade-{round_}",
        "pubDate": f"Mon, {12 + round_:02d} Aug 2024 10:00:00 GMT",
        "description": "From the World of John Wick: Ballerina, starring Ana de Armas, "
        f"opens in theaters {DATES[round_]}.",
    }


class TradeFeed:
    """The feed that carries the news; it can hold one request until released."""

    def __init__(self, server: FeedServer) -> None:
        self.items: list[dict[str, str]] = []
        self.hold = False
        self.held = threading.Event()
        self.release = threading.Event()
        self.url = server.handle("/trade", self._serve)

    def _serve(self, req: BaseHTTPRequestHandler) -> None:
        if self.hold:
            self.hold = False
            self.held.set()
            self.release.wait(WAIT)
        body = rss(*reversed(self.items), title="Trade").encode()
        req.send_response(200)
        req.send_header("Content-Type", "application/rss+xml")
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)


def kill(daemon: subprocess.Popen[bytes], done: threading.Event) -> None:
    if daemon.poll() is None:
        os.kill(daemon.pid, signal.SIGKILL)
    done.set()


def kill_once(running: list[subprocess.Popen[bytes]], done: threading.Event) -> None:
    if not done.is_set():
        kill(running[0], done)


def wait_for(predicate: Callable[[], Any], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def answers_received(receiver: HttpReceiver) -> list[str]:
    """The new answer of every message received, in arrival order."""
    found = []
    for text in receiver.texts():
        title = text.split("\n", 1)[0].split(" (was", 1)[0]
        found.extend(d for d in DATES if title.endswith(d))
    return found


@pytest.mark.timeout(120)
def test_kill_9_loses_nothing_and_repeats_at_most_one_message_per_crash(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    receiver = HttpReceiver().start()
    trade = TradeFeed(feed_server)
    feed_server.add("/quiet", rss({"title": "Box office", "link": "https://q.example/1"}))
    config = tmp_path / "feeds.yaml"
    env = {**os.environ, "WATCHER_LOG_LEVEL": "warning"}
    rng = random.Random(15)

    def write(round_: int) -> list[str]:
        """The feed list changes every round: an extra feed comes, an older one goes."""
        feeds = [
            {"name": "Trade", "url": trade.url},
            {"name": "Quiet", "url": feed_server.url("/quiet")},
        ]
        feeds += [
            {"name": f"Extra {n}", "url": feed_server.url(f"/extra{n}")}
            for n in range(max(0, round_ - 1), round_ + 1)
        ]
        for feed in feeds:
            feed["interval"] = "1s"
        for n in range(round_ + 1):
            feed_server.add(f"/extra{n}", rss({"title": f"extra {n}", "link": f"https://x/{n}"}))
        data = {
            "database": f"sqlite:///{tmp_path / 'state' / 'watcher.db'}",
            "notify": [receiver.url],
            "poll": {"jitter": 0, "timeouts": {"total": "5s", "connect": "2s", "read": "2s"}},
            "feeds": feeds,
            "subjects": SUBJECTS,
        }
        config.write_text(yaml.safe_dump(data), encoding="utf-8")
        return [f["name"] for f in feeds]

    def start() -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-m", "watcher", "--config", str(config), "run"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )

    def poll_once() -> str:
        result = subprocess.run(
            [sys.executable, "-m", "watcher", "--config", str(config), "poll", "--once"],
            capture_output=True,
            text=True,
            env=env,
            timeout=WAIT * 2,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    kills = 0
    running: list[subprocess.Popen[bytes]] = []
    try:
        for round_, point in enumerate(POINTS):
            names = write(round_)
            trade.items.append(news(round_))
            trade.held.clear()
            trade.hold = point == "mid-fetch"
            recorded = threading.Event()
            if point == "mid-send":
                # Killed from the receiver, after it kept the message and
                # before it answers: the daemon cannot have marked it sent.
                receiver.after_record = functools.partial(kill_once, running, recorded)
            daemon = start()
            running[:] = [daemon]
            if point == "mid-fetch":
                wait_for(trade.held.is_set, "the daemon to fetch the news")
            elif point == "mid-send":
                wait_for(recorded.is_set, "the daemon to send the news")
            else:  # anywhere from start-up to after the delivery
                time.sleep(rng.uniform(0.5, 6.0))
            kill(daemon, recorded)
            daemon.wait(timeout=10)
            kills += 1
            receiver.after_record = None
            trade.release.set()
            trade.release = threading.Event()
            if point == "mid-fetch":
                # The dead daemon's lease on the feeds it was polling is no
                # reason to skip them: every enabled feed is polled now.
                out = poll_once()
                assert f"{len(names)} feeds, 0 failed" in out, out
                assert re.search(r"notifications: [1-9]\d* sent", out), out
        # A last, undisturbed run delivers whatever the kills left behind.
        names = write(len(POINTS))
        trade.items.append(news(len(POINTS)))
        daemon = start()
        # Messages go out oldest first: the last one received means all were.
        wait_for(lambda: DATES[-1] in answers_received(receiver), "the last message")
        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(timeout=WAIT) == 0
    finally:
        trade.release.set()
        receiver.stop()
    store = Store.open(f"sqlite:///{tmp_path / 'state' / 'watcher.db'}")
    with store.transaction() as connection:
        events = views.events(answer_rows.list_events(connection))
    store.close()
    answers = [event["display"] for event in events]
    assert all(event["delivery"] == {"sent": 1} for event in events), events
    received = answers_received(receiver)
    # Two dates published between two polls are one change, to the newer one;
    # the last date is always an event of its own.
    assert answers[-1] == DATES[-1] and set(answers) <= set(DATES), answers
    counts = {answer: received.count(answer) for answer in answers}
    assert all(count >= 1 for count in counts.values()), counts  # nothing lost
    assert set(received) == set(answers)  # and nothing sent that is no event
    # A crash can repeat only the message in flight to a target: one.
    assert sum(counts.values()) - len(answers) <= kills, counts
    assert counts[DATES[POINTS.index("mid-send")]] >= 2, counts  # that one was in flight
    assert received == sorted(received, key=DATES.index)  # in order, duplicates adjacent
