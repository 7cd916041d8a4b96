"""The composition root: config + store + matcher + clock, opened once and
shared by the CLI and the daemon."""

from __future__ import annotations

import fcntl
import os
import socket
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import make_url

from watcher.config import Config
from watcher.errors import StoreError
from watcher.store import Store, private
from watcher.store import feeds as feed_rows

if TYPE_CHECKING:
    from watcher.match import Matcher


def utc_now() -> datetime:
    return datetime.now(UTC)


def worker_id() -> str:
    """Names this process in leases and claims: host, pid and a random tail."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass
class App:
    config: Config
    store: Store
    owner: str = field(default_factory=worker_id)
    # The single clock seam: tests pass their own.
    now: Callable[[], datetime] = utc_now
    _matcher: Matcher | None = field(default=None, repr=False)

    @property
    def matcher(self) -> Matcher:
        """Compiled on first use: the commands that only read never pay for
        (or import) the extractor."""
        if self._matcher is None:
            from watcher.match import Matcher

            self._matcher = Matcher(self.config.subjects)
        return self._matcher

    @matcher.setter
    def matcher(self, matcher: Matcher) -> None:
        self._matcher = matcher


@contextmanager
def open_app(config: Config, now: Callable[[], datetime] = utc_now) -> Iterator[App]:
    """Open (and migrate) the database and bring its feed rows in line with the config."""
    store = Store.open(config.database)
    try:
        with store.transaction() as connection:
            store.serialize(connection, "feeds")
            feed_rows.sync_feeds(connection, config.feeds, now())
        yield App(config, store, now=now)
    finally:
        store.close()


@contextmanager
def single_daemon(config: Config) -> Iterator[None]:
    """With SQLite only one daemon may run: a second one would fight the first
    for the write lock and poll every feed twice. PostgreSQL needs no guard:
    its workers share feeds through leases."""
    url = make_url(config.database)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        yield
        return
    lock_path = f"{url.database}.daemon.lock"
    # Before the engine exists: the state folder may not have been created yet.
    private.make_folder(Path(url.database).parent)
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise StoreError(
                f"another watcher daemon ({holder}) is already running on {url.database}; "
                "with SQLite only one can run (use PostgreSQL for several workers)"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
