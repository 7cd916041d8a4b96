"""The composition root: config + store + matcher + clock, opened once and
shared by the CLI and the daemon."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from watcher.config import Config
from watcher.match import Matcher
from watcher.store import Store
from watcher.store import feeds as feed_rows


def utc_now() -> datetime:
    return datetime.now(UTC)


def worker_id() -> str:
    """Names this process in leases and claims: host, pid and a random tail."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass
class App:
    config: Config
    store: Store
    matcher: Matcher
    owner: str = field(default_factory=worker_id)
    # The single clock seam: tests pass their own.
    now: Callable[[], datetime] = utc_now


@contextmanager
def open_app(config: Config, now: Callable[[], datetime] = utc_now) -> Iterator[App]:
    """Open (and migrate) the database and bring its feed rows in line with the config."""
    store = Store.open(config.database)
    try:
        with store.transaction() as session:
            feed_rows.sync_feeds(session, config.feeds, now())
        yield App(config, store, Matcher(config.subjects), now=now)
    finally:
        store.close()
