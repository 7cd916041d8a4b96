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

SIGHUP reloads feeds.yaml: the new file is validated, its feeds synced to the
database and a new ``Matcher`` built before anything is swapped, so a broken
file is logged and the running config kept. A cycle already running finishes
with the config it started with.

With ``--http`` the daemon also serves ``/healthz`` and ``/metrics`` from this
loop (``watcher.daemon.service``), and it tells systemd when it is ready, reloading
and stopping (``Type=notify``).
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import signal
import time
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from watcher import config_rules
from watcher.app import App
from watcher.config import Config, load_config
from watcher.daemon.malloc import freeze_long_lived, release_free_memory
from watcher.daemon.service import Metrics, monotonic_usec, sd_notify, start_http, status_routes
from watcher.match import Matcher
from watcher.notify import deliver_pending
from watcher.poll import PollReport, poll_feeds
from watcher.store import feeds as feed_rows

log = logging.getLogger(__name__)

POLL_TICK = 15.0  # seconds between looks for due feeds
DELIVERY_TICK = 10.0  # seconds between outbox passes
DRAIN_DEADLINE = 20.0  # how long a stop waits for work in flight
POLL_JOB = "poll"


@dataclass
class DaemonStats:
    cycles: int = 0
    polled: int = 0
    failed: int = 0
    events: int = 0
    notified: int = 0
    in_flight_at_stop: int = 0
    reloads: int = 0
    stopped_by: str = "request"


class Daemon:
    def __init__(self, app: App, *, http: tuple[str, int] | None = None) -> None:
        self.app = app
        self.http = http
        self.http_address: tuple[str, int] | None = None  # bound, once running
        self.stats = DaemonStats()
        self.metrics = Metrics([s.id for s in app.config.subjects])
        self._stopping = asyncio.Event()
        self._in_flight: set[asyncio.Task[None]] = set()
        self._reload_lock = asyncio.Lock()
        self._scheduler: AsyncIOScheduler | None = None
        self._heartbeat = time.monotonic()

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

    # -- what /healthz reads (service.Observed) --------------------------------------------

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    @property
    def stale_after(self) -> float:
        """No heartbeat for this long means the scheduler is stuck: a few ticks,
        plus two fetch deadlines (a cycle beats between fetches, see ``_should_stop``)."""
        return max(60.0, 3 * self.poll_tick) + 2 * self.app.config.poll.timeouts.total

    def heartbeat_age(self) -> float:
        return time.monotonic() - self._heartbeat

    def _beat(self) -> None:
        self._heartbeat = time.monotonic()
        self.metrics.last_tick.set_to_current_time()

    def _should_stop(self) -> bool:
        # poll_feeds asks before each batch and before each fetch: each ask is
        # progress, so a long cycle keeps the heartbeat fresh.
        self._beat()
        return self._stopping.is_set()

    # -- lifecycle -------------------------------------------------------------------------

    def stop(self, reason: str = "request") -> None:
        if not self._stopping.is_set():
            self.stats.stopped_by = reason
            log.info("stopping on %s: finishing work in flight", reason)
            sd_notify("STOPPING=1")
            self._stopping.set()

    def request_reload(self, reason: str = "SIGHUP") -> None:
        if self._stopping.is_set():
            return
        log.info("reloading %s on %s", self.app.config.path, reason)
        self._spawn(self._reload())

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(work)
        self._in_flight.add(task)
        task.add_done_callback(self._in_flight.discard)

    async def _poll_tick(self) -> None:
        self._beat()
        if self._stopping.is_set():
            return
        await self._tracked(self._poll())
        self._beat()

    async def _deliver_tick(self) -> None:
        self._beat()
        if self._stopping.is_set():
            return
        await self._tracked(self._deliver())

    async def _tracked(self, work: Coroutine[Any, Any, None]) -> None:
        # Shielded: APScheduler's shutdown cancels the tick, never the work in it.
        task = asyncio.ensure_future(work)
        self._in_flight.add(task)
        task.add_done_callback(self._in_flight.discard)
        try:
            await asyncio.shield(task)
        except asyncio.CancelledError:
            if not self._stopping.is_set():
                raise
            # Stopping: the drain has waited for the work; only the tick is
            # cancelled, and APScheduler would log that as a failed job.

    async def _poll(self) -> None:
        app = self.app
        try:
            report = await poll_feeds(
                app.store,
                app.config,
                app.matcher,
                owner=app.owner,
                now=app.now,
                should_stop=self._should_stop,
            )
        except Exception:
            log.exception("poll cycle failed")
            return
        self.metrics.observe_poll(report)
        if report.feeds:
            self._count(report)
            release_free_memory()
        if report.events and not self._stopping.is_set():
            await self._deliver()

    def _count(self, report: PollReport) -> None:
        self.stats.cycles += 1
        self.stats.polled += len(report.feeds)
        self.stats.failed += report.failed
        self.stats.events += report.events
        for feed in report.feeds:
            if feed.ok:  # a failure is logged, with the same fields, by poll_feeds
                log.info(
                    "feed polled",
                    extra={
                        "feed": feed.name,
                        "url": feed.url,
                        "outcome": feed.outcome,
                        "duration": feed.elapsed,
                        "new": feed.new_entries,
                        "updated": feed.updated_entries,
                        "matches": feed.matches,
                    },
                )
        log.info(
            "polled %d feeds: %d failed, %d new entries, %d events",
            len(report.feeds),
            report.failed,
            report.new_entries,
            report.events,
        )
        sd_notify(f"STATUS=polled {len(report.feeds)} feeds, {report.failed} failed")

    async def _deliver(self) -> None:
        app = self.app
        try:
            delivery = await deliver_pending(app.store, app.config.notify, app.owner, app.now)
        except Exception:
            log.exception("delivering notifications failed")
            return
        self.metrics.observe_delivery(delivery)
        self.stats.notified += delivery.sent

    async def _reload(self) -> None:
        async with self._reload_lock:
            sd_notify(f"RELOADING=1\nMONOTONIC_USEC={monotonic_usec()}")
            try:
                config, matcher = await asyncio.to_thread(prepare_reload, self.app)
            except Exception as exc:
                self.metrics.reloads.labels("error").inc()
                log.error(
                    "config reload failed, keeping the running config: %s",
                    exc,
                    extra={"config": str(self.app.config.path)},
                )
            else:
                self._apply(config, matcher)
            finally:
                sd_notify("READY=1")

    def _apply(self, config: Config, matcher: Matcher) -> None:
        old = {f.name: f for f in self.app.config.feeds}
        new = {f.name: f for f in config.feeds}
        self.app.config, self.app.matcher = config, matcher
        self.stats.reloads += 1
        self.metrics.reloads.labels("ok").inc()
        log.info(
            "config reloaded",
            extra={
                "feeds": len(new),
                "added": ",".join(sorted(new.keys() - old.keys())),
                "removed": ",".join(sorted(old.keys() - new.keys())),
                "changed": ",".join(sorted(n for n in new.keys() & old.keys() if new[n] != old[n])),
                "subjects": len(config.subjects),
            },
        )
        if self._scheduler is not None:
            # A new feed is due now, and the tick may need to be finer: tick at once.
            self._scheduler.reschedule_job(POLL_JOB, trigger="interval", seconds=self.poll_tick)
            self._scheduler.modify_job(POLL_JOB, next_run_time=self.app.now())

    async def run(self, *, install_signals: bool = True) -> DaemonStats:
        loop = asyncio.get_running_loop()
        server = None
        if self.http:
            server = await start_http(*self.http, status_routes(self))
            host, port = server.sockets[0].getsockname()[:2]
            self.http_address = (host, port)
            shown = f"[{host}]" if ":" in host else host
            log.info("serving /healthz and /metrics on http://%s:%d", shown, port)
        signals = {signal.SIGINT: self.stop, signal.SIGTERM: self.stop}
        signals[signal.SIGHUP] = self.request_reload
        if install_signals:
            for sig, handler in signals.items():
                loop.add_signal_handler(sig, handler, sig.name)
        self._scheduler = scheduler = AsyncIOScheduler(event_loop=loop)
        common = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 60}
        now = self.app.now()
        scheduler.add_job(
            self._poll_tick,
            "interval",
            id=POLL_JOB,
            seconds=self.poll_tick,
            next_run_time=now,
            **common,
        )
        scheduler.add_job(self._deliver_tick, "interval", seconds=DELIVERY_TICK, **common)
        _ = self.app.matcher  # compiled now, so that it is frozen with the rest
        freeze_long_lived()
        scheduler.start()
        enabled = sum(f.enabled for f in self.app.config.feeds)
        log.info("watcher running: %d feeds", enabled)
        sd_notify(f"READY=1\nSTATUS=watching {enabled} feeds")
        try:
            await self._stopping.wait()
        finally:
            scheduler.pause()
            await self._drain()
            scheduler.shutdown(wait=False)
            if server is not None:
                server.close()
            if install_signals:
                for sig in signals:
                    loop.remove_signal_handler(sig)
            gc.unfreeze()
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

    async def _drain(self) -> None:
        pending = {t for t in self._in_flight if not t.done()}
        self.stats.in_flight_at_stop = len(pending)
        if pending:
            _, late = await asyncio.wait(pending, timeout=DRAIN_DEADLINE)
            for task in late:
                task.cancel()
            if late:
                log.warning("%d task(s) still running at the deadline were cancelled", len(late))
                await asyncio.wait(late, timeout=5)


def prepare_reload(app: App) -> tuple[Config, Matcher]:
    """Read and validate the config file again, build its matcher, and sync its
    feeds to the database; raises (changing nothing) when any step fails.
    Blocking: the daemon runs it in a thread."""
    config = load_config(app.config.path)
    config_rules.check_targets(config, os.environ)
    if config.database != app.config.database:
        log.warning("the database URL changed: restart to use it; keeping the running one")
        config = config.model_copy(update={"database": app.config.database})
    matcher = Matcher(config.subjects)
    with app.store.transaction() as connection:
        app.store.serialize(connection, "feeds")
        feed_rows.sync_feeds(connection, config.feeds, app.now())
    return config, matcher


def run_daemon(app: App, http: tuple[str, int] | None = None) -> DaemonStats:
    return asyncio.run(Daemon(app, http=http).run())
