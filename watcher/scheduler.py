"""The daemon: APScheduler supplies the ticks; the database decides what is due.

Each poll tick claims the feeds whose ``next_poll`` has come (so every feed
keeps its own interval and several workers share the work); a delivery tick
drains the outbox. Feed state never lives in APScheduler's job store.

Stopping is ours to do well: APScheduler 3.11's asyncio executor cancels
running coroutine jobs on shutdown whatever ``wait`` says. So on SIGINT/SIGTERM
we stop taking ticks, let the cycle in flight finish (it stops starting new
fetches), wait for it up to a deadline, and only then shut the scheduler down.
A cycle cut off at the deadline commits nothing; its feeds' claims expire and
they are polled again.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from watcher.app import App
from watcher.notify import deliver_pending
from watcher.poll import poll_feeds

log = logging.getLogger(__name__)

POLL_TICK = 15.0  # seconds between looks for due feeds
DELIVERY_TICK = 10.0  # seconds between outbox passes
DRAIN_DEADLINE = 20.0  # how long a stop waits for work in flight


@dataclass
class DaemonStats:
    cycles: int = 0
    polled: int = 0
    failed: int = 0
    events: int = 0
    notified: int = 0
    in_flight_at_stop: int = 0
    stopped_by: str = "request"


class Daemon:
    def __init__(self, app: App) -> None:
        self.app = app
        self.stats = DaemonStats()
        self._stopping = asyncio.Event()
        self._in_flight: set[asyncio.Task[None]] = set()

    @property
    def poll_tick(self) -> float:
        """Look for due feeds several times per shortest interval: a feed that
        comes due just after a tick waits at most a fraction of its interval."""
        config = self.app.config
        shortest = min(
            (f.interval or config.poll.interval for f in config.feeds if f.enabled),
            default=config.poll.interval,
        )
        return max(1.0, min(POLL_TICK, shortest / 4))

    def stop(self, reason: str = "request") -> None:
        if not self._stopping.is_set():
            self.stats.stopped_by = reason
            log.info("stopping on %s: finishing work in flight", reason)
            self._stopping.set()

    async def _poll_tick(self) -> None:
        if self._stopping.is_set():
            return
        await self._tracked(self._poll())

    async def _deliver_tick(self) -> None:
        if self._stopping.is_set():
            return
        await self._tracked(self._deliver())

    async def _tracked(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(work)
        self._in_flight.add(task)
        try:
            await asyncio.shield(task)
        finally:
            if task.done():
                self._in_flight.discard(task)

    async def _poll(self) -> None:
        app = self.app
        try:
            report = await poll_feeds(
                app.store,
                app.config,
                app.matcher,
                owner=app.owner,
                now=app.now,
                should_stop=self._stopping.is_set,
            )
        except Exception:
            log.exception("poll cycle failed")
            return
        if report.feeds:
            self.stats.cycles += 1
            self.stats.polled += len(report.feeds)
            self.stats.failed += report.failed
            self.stats.events += report.events
            log.info(
                "polled %d feeds: %d failed, %d new entries, %d events",
                len(report.feeds),
                report.failed,
                report.new_entries,
                report.events,
            )
        if report.events and not self._stopping.is_set():
            await self._deliver()

    async def _deliver(self) -> None:
        app = self.app
        try:
            delivery = await deliver_pending(app.store, app.config.notify, app.owner, app.now)
        except Exception:
            log.exception("delivering notifications failed")
            return
        self.stats.notified += delivery.sent

    async def run(self, *, install_signals: bool = True) -> DaemonStats:
        loop = asyncio.get_running_loop()
        if install_signals:
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, self.stop, sig.name)
        scheduler = AsyncIOScheduler(event_loop=loop)
        common = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 60}
        now = self.app.now()
        scheduler.add_job(
            self._poll_tick, "interval", seconds=self.poll_tick, next_run_time=now, **common
        )
        scheduler.add_job(self._deliver_tick, "interval", seconds=DELIVERY_TICK, **common)
        scheduler.start()
        log.info("watcher running: %d feeds", sum(f.enabled for f in self.app.config.feeds))
        try:
            await self._stopping.wait()
        finally:
            scheduler.pause()
            pending = {t for t in self._in_flight if not t.done()}
            self.stats.in_flight_at_stop = len(pending)
            if pending:
                _, late = await asyncio.wait(pending, timeout=DRAIN_DEADLINE)
                for task in late:
                    task.cancel()
                if late:
                    await asyncio.wait(late, timeout=5)
            scheduler.shutdown(wait=False)
            if install_signals:
                for sig in (signal.SIGINT, signal.SIGTERM):
                    loop.remove_signal_handler(sig)
        s = self.stats
        log.info(
            "stopped on %s: polled %d, failed %d, notified %d, in flight at stop %d",
            s.stopped_by,
            s.polled,
            s.failed,
            s.notified,
            s.in_flight_at_stop,
        )
        return s


def run_daemon(app: App) -> DaemonStats:
    return asyncio.run(Daemon(app).run())
