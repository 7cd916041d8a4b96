"""Notifications that are never lost and never doubled: the outbox delivered
with apprise to real receivers on 127.0.0.1 (HTTP JSON, SMTP, MQTT), under
receivers that are down or failing, processes killed mid-way, and two
processes delivering from one PostgreSQL database at once."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import signal
import struct
import subprocess
import sys
import zlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from tests.conftest import ROOT
from tests.events import NOW, SUBJECTS, date_event, image_event, link
from tests.feedserver import FeedServer
from tests.receivers import HttpReceiver, MqttSubscriber, SmtpReceiver, mqtt_skip_reason
from watcher.cli import cli
from watcher.config import NotifyTarget
from watcher.knowledge import Decision
from watcher.message import message_for, route
from watcher.notify import DeliveryReport, deliver_pending
from watcher.store import Store
from watcher.store import answers as answer_rows
from watcher.store import outbox as outbox_rows
from watcher.types import Event


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


def seed(store: Store, targets: list[NotifyTarget], events: list[Event], now: datetime) -> None:
    """Write events and their outbox rows the way a poll's commit does."""
    with store.transaction() as connection:
        answer_rows.apply_decision(
            connection,
            Decision(tuple(events), (), {}),
            entry_ids={},
            match_ids={},
            messages=[message_for(e, SUBJECTS) for e in events],
            targets=[route(e, targets) for e in events],
            now=now,
        )


def deliver(
    store: Store, targets: list[NotifyTarget], clock: Clock, **kwargs: Any
) -> DeliveryReport:
    return asyncio.run(deliver_pending(store, targets, "test-worker", clock, **kwargs))


def rows(store: Store) -> list[outbox_rows.OutboxItem]:
    with store.transaction() as connection:
        return outbox_rows.list_outbox(connection)


@pytest.fixture
def receiver() -> Iterator[HttpReceiver]:
    server = HttpReceiver()
    yield server
    server.stop()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = Store.open(db_url)
    yield opened
    opened.close()


def order(received: HttpReceiver) -> list[int]:
    """Which events a receiver got, in arrival order (from their first links)."""
    found = []
    for text in received.texts():
        numbers = [int(n) for n in re.findall(r"https://press\.example/ballerina-(\d+)", text)]
        found.extend(n // 10 for n in numbers if n % 10 == 0)
    return found


# -- what a notification says: tests/test_message.py ----------------------------


def test_a_target_with_a_failing_template_still_gets_its_messages(
    store: Store, receiver: HttpReceiver
) -> None:
    receiver.start()
    targets = [NotifyTarget(url=receiver.url, body_template="{count[0]}")]
    clock = Clock()
    seed(store, targets, [date_event(1), date_event(2)], clock())
    assert deliver(store, targets, clock).sent == 2
    assert order(receiver) == [1, 2]
    assert {r.status for r in rows(store)} == {"sent"}


# -- delivery ------------------------------------------------------------------------


def test_receiver_down_for_three_cycles_then_up_gets_each_event_once_in_order(
    store: Store, receiver: HttpReceiver
) -> None:
    targets = [NotifyTarget(url=receiver.url)]
    clock = Clock()
    reports = []
    for n in range(1, 4):  # three poll cycles, one new event each, receiver refusing
        seed(store, targets, [date_event(n)], clock())
        reports.append(deliver(store, targets, clock, ignore_backoff=True))
        clock.advance(minutes=15)
    assert [(r.sent, r.failed, r.waiting) for r in reports] == [(0, 1, 0), (0, 1, 1), (0, 1, 2)]
    # Only the head was tried each cycle; the others merely waited.
    assert [r.attempts for r in rows(store)] == [3, 0, 0]
    receiver.start()
    final = deliver(store, targets, clock, ignore_backoff=True)
    assert (final.sent, final.failed, final.dead) == (3, 0, 0)
    assert order(receiver) == [1, 2, 3]
    assert [(r.status, r.attempts) for r in rows(store)] == [("sent", 4), ("sent", 1), ("sent", 1)]
    assert deliver(store, targets, clock, ignore_backoff=True) == DeliveryReport()
    assert order(receiver) == [1, 2, 3]


def test_500_then_200_is_retried_after_backoff_and_delivered_once(
    store: Store, receiver: HttpReceiver
) -> None:
    receiver.statuses = [500]
    receiver.start()
    targets = [NotifyTarget(url=receiver.url)]
    clock = Clock()
    seed(store, targets, [date_event(1)], clock())
    first = deliver(store, targets, clock)
    (row,) = rows(store)
    assert (first.failed, row.attempts, row.status) == (1, 1, "pending")
    assert row.next_attempt > clock() and row.last_error and "500" in row.last_error
    assert deliver(store, targets, clock) == DeliveryReport()  # backing off
    clock.advance(minutes=5)
    assert deliver(store, targets, clock).sent == 1
    assert receiver.requests == 2 and order(receiver) == [1]
    assert [(r.status, r.attempts, r.last_error) for r in rows(store)] == [("sent", 2, None)]


def test_a_new_event_waits_behind_a_failed_one_so_order_is_kept(
    store: Store, receiver: HttpReceiver
) -> None:
    targets = [NotifyTarget(url=receiver.url)]
    clock = Clock()
    seed(store, targets, [date_event(1)], clock())
    assert deliver(store, targets, clock).failed == 1  # down: retry in about 30 s
    clock.advance(seconds=5)
    seed(store, targets, [date_event(2)], clock())  # due now, but behind event 1
    receiver.start()
    assert deliver(store, targets, clock) == DeliveryReport()
    clock.advance(minutes=5)
    assert deliver(store, targets, clock).sent == 2
    assert order(receiver) == [1, 2]


def test_a_failing_target_holds_back_only_itself_across_batches(store: Store) -> None:
    up, down = HttpReceiver().start(), HttpReceiver()
    try:
        targets = [NotifyTarget(url=down.url), NotifyTarget(url=up.url)]
        clock = Clock()
        seed(store, targets, [date_event(n) for n in range(1, 9)], clock())
        report = deliver(store, targets, clock, ignore_backoff=True, batch=3)
        assert order(up) == list(range(1, 9))  # every batch, in order
        assert (report.sent, report.failed) == (8, 1)
        held = [r for r in rows(store) if r.status == "pending"]
        assert [r.attempts for r in held] == [1] + [0] * 7
        down.start()
        assert deliver(store, targets, clock, ignore_backoff=True, batch=3).sent == 8
        assert order(down) == list(range(1, 9))
    finally:
        up.stop()
        down.stop()


def test_given_up_after_the_window_then_requeued(store: Store, receiver: HttpReceiver) -> None:
    targets = [NotifyTarget(url=receiver.url, give_up_after=3600)]
    clock = Clock()
    seed(store, targets, [date_event(1)], clock())
    clock.advance(hours=2)
    reports = [deliver(store, targets, clock, ignore_backoff=True) for _ in range(3)]
    assert [r.dead for r in reports] == [0, 0, 1]  # old enough, and tried three times
    (row,) = rows(store)
    assert row.status == "dead" and row.attempts == 3 and row.last_error
    with store.transaction() as connection:
        assert outbox_rows.requeue(connection, clock(), dead=True) == 1
    receiver.start()
    assert deliver(store, targets, clock).sent == 1
    assert [(r.status, r.attempts) for r in rows(store)] == [("sent", 1)]


def test_digest_collects_events_then_sends_one_message(
    store: Store, receiver: HttpReceiver
) -> None:
    receiver.start()
    targets = [NotifyTarget(url=receiver.url, digest=600)]
    clock = Clock()
    seed(store, targets, [date_event(1), date_event(2)], clock())
    assert deliver(store, targets, clock, ignore_backoff=True).sent == 0
    clock.advance(minutes=5)
    seed(store, targets, [date_event(3)], clock())
    assert deliver(store, targets, clock, ignore_backoff=True).sent == 0
    clock.advance(minutes=6)
    assert deliver(store, targets, clock, ignore_backoff=True).sent == 3
    (message,) = receiver.received
    assert message["title"] == "Ballerina — 3 updates"
    assert all(link(n * 10) in message["message"] for n in (1, 2, 3))
    assert {r.status for r in rows(store)} == {"sent"}


PNG = (
    b"\x89PNG\r\n\x1a\n"
    + struct.pack(">I", 13)
    + b"IHDR"
    + struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    + struct.pack(">I", zlib.crc32(b"IHDR" + struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)))
)


def test_first_look_attaches_the_image_by_json_and_email_and_names_it_everywhere(
    store: Store, receiver: HttpReceiver, feed_server: FeedServer
) -> None:
    image = feed_server.add("/still.png", PNG, content_type="image/png")
    smtp = SmtpReceiver().start()
    receiver.start()
    try:
        targets = [NotifyTarget(url=receiver.url), NotifyTarget(url=smtp.url())]
        clock = Clock()
        seed(store, targets, [image_event(image)], clock())
        report = deliver(store, targets, clock, allow_private_images=True)
        assert report.sent == 2
        (message,) = receiver.received
        assert (
            image in message["message"] and "https://press.example/first-look" in message["message"]
        )
        (attachment,) = message["attachments"]
        assert base64.b64decode(attachment["base64"]) == PNG
        assert attachment["mimetype"] == "image/png"
        (mail,) = smtp.messages
        parts = {p.get_content_type(): p for p in mail.walk()}
        assert parts["image/png"].get_payload(decode=True) == PNG
        assert image in parts["text/html"].get_content()
    finally:
        smtp.stop()


def test_an_image_on_a_private_address_is_linked_but_not_fetched(
    store: Store, receiver: HttpReceiver, feed_server: FeedServer
) -> None:
    image = feed_server.add("/still.png", PNG, content_type="image/png")
    receiver.start()
    targets = [NotifyTarget(url=receiver.url)]
    seed(store, targets, [image_event(image)], NOW)
    assert deliver(store, targets, Clock()).sent == 1
    (message,) = receiver.received
    assert message["attachments"] == [] and image in message["message"]
    assert feed_server.hits("/still.png") == []


def test_email_over_smtp_carries_title_and_linked_sources(store: Store) -> None:
    smtp = SmtpReceiver().start()
    try:
        targets = [NotifyTarget(url=smtp.url())]
        event = date_event(4, outlets=2, previous=2)
        quoted = "From the World of John Wick: Ballerina opens on date #4."
        first = replace(event.sources[0], match=replace(event.sources[0].match, evidence=quoted))
        seed(store, targets, [replace(event, sources=(first, *event.sources[1:]))], NOW)
        assert deliver(store, targets, Clock()).sent == 1
        (mail,) = smtp.messages
        assert mail["Subject"] == "Ballerina — release date changed: date #4 (was date #2)"
        assert mail["To"] == "me@example.com"
        parts = {p.get_content_type(): p.get_content() for p in mail.walk() if not p.is_multipart()}
        assert f'href="{link(40)}"' in parts["text/html"]
        # The plain-text part, made from the HTML, names every source link and
        # quotes the evidence without mangling its first word.
        plain = parts["text/plain"]
        assert link(40) in plain and link(41) in plain
        assert f"“{quoted}”" in plain
        assert not any(line.startswith(">") for line in plain.splitlines())
    finally:
        smtp.stop()


def test_mqtt_subscriber_receives_the_notification(store: Store) -> None:
    reason = mqtt_skip_reason()
    if reason:
        pytest.skip(reason)
    topic = f"watcher/test/{os.getpid()}-{id(store)}"
    subscriber = MqttSubscriber(topic).start()
    try:
        targets = [NotifyTarget(url=subscriber.url)]
        seed(store, targets, [date_event(5)], NOW)
        assert deliver(store, targets, Clock()).sent == 1
        (payload,) = subscriber.wait_for(1)
        assert "Ballerina — release date: date #5" in payload and link(50) in payload
    finally:
        subscriber.stop()


# -- processes killed, processes racing ----------------------------------------------


def write_config(tmp_path: Path, db_url: str, notify: list[str]) -> Path:
    path = tmp_path / "feeds.yaml"
    path.write_text(yaml.safe_dump({"database": db_url, "notify": notify, "feeds": []}))
    return path


def watcher(config: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WATCHER_")}
    return subprocess.Popen(
        [sys.executable, "-m", "watcher", "--config", str(config), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def poll_once(config: Path) -> str:
    proc = watcher(config, "poll", "--once")
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, out.decode()
    return out.decode()


SEED_AND_DIE = """
import os, signal, sys
from tests.events import NOW, date_event
from tests.test_notify import seed
from watcher.config import NotifyTarget
from watcher.store import Store
store = Store.open(sys.argv[1])
seed(store, [NotifyTarget(url=sys.argv[2])], [date_event(1), date_event(2)], NOW)
os.kill(os.getpid(), signal.SIGKILL)  # the poll's transaction has committed
"""


def test_killed_after_the_poll_commits_the_next_run_delivers(
    tmp_path: Path, db_url: str, receiver: HttpReceiver
) -> None:
    Store.open(db_url).close()
    receiver.start()
    killed = subprocess.run(
        [sys.executable, "-c", SEED_AND_DIE, db_url, receiver.url], cwd=ROOT, check=False
    )
    assert killed.returncode == -signal.SIGKILL
    assert order(receiver) == []
    poll_once(write_config(tmp_path, db_url, [receiver.url]))
    assert order(receiver) == [1, 2]
    store = Store.open(db_url)
    assert [r.status for r in rows(store)] == ["sent", "sent"]
    store.close()


def kill_on_request(receiver: HttpReceiver, when: str) -> list[subprocess.Popen[bytes]]:
    """Kill the sending process the first time a notification arrives: before
    the receiver takes it (``before``), or after (``after``)."""
    holder: list[subprocess.Popen[bytes]] = []

    def kill() -> None:
        setattr(receiver, hook, None)
        holder[0].kill()
        holder[0].wait()
        if when == "before":
            raise ConnectionAbortedError("sender killed before the message was taken")

    hook = "on_request" if when == "before" else "after_record"
    setattr(receiver, hook, kill)
    return holder


@pytest.mark.parametrize("when", ["before", "after"])
def test_killed_mid_delivery_the_next_run_delivers_with_at_most_one_duplicate(
    tmp_path: Path, db_url: str, receiver: HttpReceiver, when: str
) -> None:
    store = Store.open(db_url)
    seed(store, [NotifyTarget(url=receiver.url)], [date_event(1), date_event(2)], NOW)
    receiver.start()
    config = write_config(tmp_path, db_url, [receiver.url])
    holder = kill_on_request(receiver, when)
    holder.append(watcher(config, "poll", "--once"))
    holder[0].communicate(timeout=60)
    assert holder[0].returncode == -signal.SIGKILL
    # Its claim names a process that is gone: the next run takes over at once.
    assert [r.status for r in rows(store)] == ["pending", "pending"]
    poll_once(config)
    expected = [1, 1, 2] if when == "after" else [1, 2]
    assert order(receiver) == expected  # "after": event 1 once more, never more
    assert [r.status for r in rows(store)] == ["sent", "sent"]
    store.close()


def test_two_poll_once_processes_on_postgresql_deliver_each_event_once(
    tmp_path: Path, pg_url: str, receiver: HttpReceiver
) -> None:
    store = Store.open(pg_url)
    events = 24
    seed(store, [NotifyTarget(url=receiver.url)], [date_event(n) for n in range(events)], NOW)
    receiver.start()
    config = write_config(tmp_path, pg_url, [receiver.url])
    procs = [watcher(config, "poll", "--once") for _ in range(2)]
    outputs = [p.communicate(timeout=60)[0].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert sorted(order(receiver)) == list(range(events))  # each exactly once
    assert order(receiver) == list(range(events))  # and in order
    assert {r.status for r in rows(store)} == {"sent"}
    store.close()


# -- commands ------------------------------------------------------------------------


def test_notify_test_reports_each_target_with_secrets_masked(
    tmp_path: Path, receiver: HttpReceiver
) -> None:
    receiver.start()
    down = HttpReceiver()
    try:
        down_url = f"json://user:hunter22@127.0.0.1:{down.port}/"
        config = write_config(tmp_path, f"sqlite:///{tmp_path / 'w.db'}", [receiver.url, down_url])
        result = CliRunner().invoke(cli, ["--config", str(config), "notify", "test"])
    finally:
        down.stop()
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == f"ok   {receiver.url.rstrip('/')}"
    assert lines[1].startswith(f"FAIL json://user:***@127.0.0.1:{down.port}: ")
    assert "hunter22" not in result.output
    (message,) = receiver.received
    assert message["title"] == "watcher: test notification" and "http" not in message["message"]


def test_outbox_lists_and_retry_requeues(tmp_path: Path, receiver: HttpReceiver) -> None:
    db_url = f"sqlite:///{tmp_path / 'w.db'}"
    store = Store.open(db_url)
    targets = [NotifyTarget(url=receiver.url, give_up_after=1)]
    seed(store, targets, [date_event(1), date_event(2)], NOW)
    clock = Clock()
    clock.advance(hours=1)
    for _ in range(3):
        deliver(store, targets, clock, ignore_backoff=True)
    store.close()
    config = str(write_config(tmp_path, db_url, [receiver.url]))
    runner = CliRunner()
    listed = runner.invoke(cli, ["--config", config, "outbox", "--json"])
    assert listed.exit_code == 0
    statuses = [r["status"] for r in json.loads(listed.output)]
    assert statuses == ["dead", "pending"]
    assert runner.invoke(cli, ["--config", config, "outbox", "retry"]).exit_code == 2
    retried = runner.invoke(cli, ["--config", config, "outbox", "retry", "--dead"])
    assert retried.output.strip() == "re-queued 1 notification"
    again = runner.invoke(cli, ["--config", config, "outbox", "retry", "2", "99"])
    assert again.exit_code == 1 and "re-queued 1 notification" in again.output
    listed = runner.invoke(cli, ["--config", config, "outbox", "--json"])
    assert [(r["status"], r["attempts"]) for r in json.loads(listed.output)] == [
        ("pending", 0),
        ("pending", 0),
    ]
