"""Running as a service: Prometheus metrics, the HTTP endpoint, systemd.

::

    scheduler ──observe(PollReport, DeliveryReport)──► Metrics (counters, this process)
    GET /metrics ──► health.read_snapshot(db) ──► gauges ──► Prometheus text
    GET /healthz ──► heartbeat age + health.read_snapshot(db) ──► Health ──► 200 | 503

* Counters count what this process did since it started: with several
  workers, ``sum`` them. The gauges labelled ``source="database"`` are read
  from the shared database at scrape time, so every worker exports the same
  value: aggregate them with ``max`` (``max by (feed)
  (watcher_feed_consecutive_failures)``), never ``sum``, which would multiply
  them by the number of workers. Every worker exports them (rather than one
  elected worker) so that the numbers survive any one worker dying.
* The HTTP server is ``asyncio.start_server`` in the daemon's own loop: it sees
  the scheduler's heartbeat directly, and costs no thread and no framework.
  Each connection answers one request and closes.
* ``sd_notify`` speaks systemd's readiness protocol (``Type=notify``) with the
  standard library; it does nothing when systemd did not ask for it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import platform
import socket
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Protocol
from urllib.parse import urlsplit

import prometheus_client
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest

from watcher import __version__
from watcher.app import App
from watcher.daemon.health import Snapshot, daemon_health, snapshot_now
from watcher.notify import DeliveryReport
from watcher.poll import PollReport
from watcher.types import EventKind

log = logging.getLogger(__name__)

REQUEST_TIMEOUT = 10.0  # a client must send its request (and take the answer) within this
MAX_HEADERS = 100
# Fetch latency buckets: most feeds answer in well under a second; the top
# buckets show the ones that run into the total deadline (60 s by default).
FETCH_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0)


# -- metrics ---------------------------------------------------------------------------------


class Metrics:
    """The daemon's metrics, in a registry of its own (two daemons in one
    process, as in tests, never share numbers)."""

    def __init__(self, subjects: Sequence[str] = ()) -> None:
        # ``*_created`` series only double the output for counters that start with the process.
        prometheus_client.disable_created_metrics()  # type: ignore[no-untyped-call]
        r = self.registry = CollectorRegistry()
        self.polls = Counter(
            "watcher_polls",
            "Feed polls by outcome (ok, not_modified, http_error, timeout, ...)",
            ["outcome"],
            registry=r,
        )
        self.fetch_seconds = Histogram(
            "watcher_fetch_duration_seconds",
            "Time to fetch a feed",
            buckets=FETCH_BUCKETS,
            registry=r,
        )
        self.entries = Counter(
            "watcher_entries", "Entries stored, by kind (new, updated)", ["kind"], registry=r
        )
        self.matches = Counter("watcher_matches", "Matches found in stored entries", registry=r)
        self.events = Counter(
            "watcher_events",
            "Answer events by kind (answered, changed, refined, withdrawn) and subject",
            ["kind", "subject"],
            registry=r,
        )
        self.cycles = Counter("watcher_poll_cycles", "Poll cycles that polled a feed", registry=r)
        self.notifications = Counter(
            "watcher_notifications",
            "Notification attempts by result (sent, failed, dead)",
            ["result"],
            registry=r,
        )
        self.reloads = Counter(
            "watcher_config_reloads", "Config reloads by result (ok, error)", ["result"], registry=r
        )
        self.last_tick = Gauge(
            "watcher_last_tick_timestamp_seconds", "When the scheduler last ticked", registry=r
        )
        self.feeds_enabled = _db_gauge(r, "watcher_feeds_enabled", "Enabled feeds")
        self.feeds_failing = _db_gauge(r, "watcher_feeds_failing", "Enabled feeds failing")
        self.outbox_pending = _db_gauge(r, "watcher_outbox_pending", "Notifications to send")
        self.outbox_dead = _db_gauge(r, "watcher_outbox_dead", "Notifications given up on")
        self.last_success = _db_gauge(
            r, "watcher_last_success_timestamp_seconds", "Last successful poll of any feed"
        )
        self.feed_last_success = _db_gauge(
            r,
            "watcher_feed_last_success_timestamp_seconds",
            "Last successful poll of each enabled feed (absent until its first)",
            ["feed"],
        )
        self.feed_failures = _db_gauge(
            r,
            "watcher_feed_consecutive_failures",
            "Failed polls in a row of each enabled feed (0 once it succeeds)",
            ["feed"],
        )
        self.database_up = Gauge(
            "watcher_database_up", "1 when the database answered the scrape", registry=r
        )
        Gauge(
            "watcher_build_info",
            "watcher's version and the Python it runs on (always 1)",
            ["version", "python"],
            registry=r,
        ).labels(__version__, platform.python_version()).set(1)
        for subject in subjects:
            for event_kind in EventKind:
                self.events.labels(str(event_kind), subject)
        for kind in ("new", "updated"):
            self.entries.labels(kind)
        for result in ("sent", "failed", "dead"):
            self.notifications.labels(result)
        for outcome in ("ok", "not_modified"):
            self.polls.labels(outcome)

    def observe_poll(self, report: PollReport) -> None:
        for feed in report.feeds:
            self.polls.labels(feed.outcome).inc()
            self.fetch_seconds.observe(feed.elapsed)
            self.entries.labels("new").inc(feed.new_entries)
            self.entries.labels("updated").inc(feed.updated_entries)
            self.matches.inc(feed.matches)
        for subject, kind in report.event_kinds:
            self.events.labels(kind, subject).inc()
        if report.feeds:
            self.cycles.inc()

    def observe_delivery(self, delivery: DeliveryReport) -> None:
        self.notifications.labels("sent").inc(delivery.sent)
        self.notifications.labels("failed").inc(delivery.failed)
        self.notifications.labels("dead").inc(delivery.dead)

    def observe_snapshot(self, snapshot: Snapshot | Exception) -> None:
        if isinstance(snapshot, Exception):
            self.database_up.set(0)
            return
        self.database_up.set(1)
        self.feeds_enabled.labels(DATABASE).set(snapshot.enabled)
        self.feeds_failing.labels(DATABASE).set(len(snapshot.failing))
        self.outbox_pending.labels(DATABASE).set(snapshot.outbox_pending)
        self.outbox_dead.labels(DATABASE).set(snapshot.outbox_dead)
        if snapshot.last_success:
            self.last_success.labels(DATABASE).set(snapshot.last_success.timestamp())
        # Feeds removed from feeds.yaml (or disabled) leave the series.
        self.feed_last_success.clear()
        self.feed_failures.clear()
        for name, last_success, failures in snapshot.feeds:
            self.feed_failures.labels(DATABASE, name).set(failures)
            if last_success is not None:
                self.feed_last_success.labels(DATABASE, name).set(last_success.timestamp())

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


# The label value of every gauge read from the shared database (see the module docstring).
DATABASE = "database"


def _db_gauge(
    registry: CollectorRegistry, name: str, doc: str, labels: Sequence[str] = ()
) -> Gauge:
    return Gauge(
        name,
        f"{doc} (from the database: every worker exports the same value; use max, not sum)",
        ["source", *labels],
        registry=registry,
    )


# -- the HTTP endpoint -----------------------------------------------------------------------

Response = tuple[int, str, bytes]  # status, content type, body
Route = Callable[[], Awaitable[Response]]
_REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}
_REASONS |= {500: "Internal Server Error", 503: "Service Unavailable"}


def parse_address(value: str) -> tuple[str, int]:
    """``HOST:PORT``, ``[::1]:PORT``, or a bare ``PORT`` (loopback). Raises ValueError."""
    value = value.strip()
    if value.isdigit():
        host, port = "127.0.0.1", value
    else:
        parts = urlsplit(f"//{value}")
        host, port = parts.hostname or "", str(parts.port) if parts.port is not None else ""
        if not host or not port:
            raise ValueError(f"{value!r} is not HOST:PORT; write e.g. 127.0.0.1:9120")
    if not 0 <= int(port) <= 65535:
        raise ValueError(f"port {port} is out of range")
    return host, int(port)


async def start_http(host: str, port: int, routes: Mapping[str, Route]) -> asyncio.Server:
    """Serve ``GET``/``HEAD`` of ``routes`` on ``host:port`` in the running loop."""

    async def client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            async with asyncio.timeout(REQUEST_TIMEOUT):
                method, path = await _read_request(reader)
                status, ctype, body = await _route(routes, method, path)
                head = (
                    f"HTTP/1.1 {status} {_REASONS.get(status, '')}\r\n"
                    f"Content-Type: {ctype}\r\nContent-Length: {len(body)}\r\n"
                    "Cache-Control: no-store\r\nConnection: close\r\n\r\n"
                )
                writer.write(head.encode("latin-1") + (b"" if method == "HEAD" else body))
                await writer.drain()
        except (TimeoutError, ConnectionError, ValueError, asyncio.IncompleteReadError):
            pass  # a slow, rude or gone client: drop it
        finally:
            writer.close()

    return await asyncio.start_server(client, host, port, limit=8192)


async def _read_request(reader: asyncio.StreamReader) -> tuple[str, str]:
    """The method and path of one request; its headers are read and ignored."""
    line = (await reader.readline()).decode("latin-1").split()
    for _ in range(MAX_HEADERS):
        if (await reader.readline()).strip() == b"":
            break
    if len(line) != 3 or not line[2].startswith("HTTP/"):
        return "", ""
    return line[0], urlsplit(line[1]).path


async def _route(routes: Mapping[str, Route], method: str, path: str) -> Response:
    if not method:
        return 400, "text/plain", b"bad request\n"
    route = routes.get(path)
    if route is None:
        return 404, "text/plain", b"not found: try /healthz or /metrics\n"
    if method not in ("GET", "HEAD"):
        return 405, "text/plain", b"GET only\n"
    try:
        return await route()
    except Exception:
        log.exception("serving %s failed", path)
        return 500, "text/plain", b"internal error\n"


class Observed(Protocol):
    """What the endpoint reads from the daemon (``scheduler.Daemon``)."""

    app: App
    metrics: Metrics

    def heartbeat_age(self) -> float: ...

    @property
    def stale_after(self) -> float: ...

    @property
    def stopping(self) -> bool: ...


def status_routes(daemon: Observed) -> dict[str, Route]:
    """``/healthz`` and ``/metrics`` for a running daemon."""

    async def healthz() -> Response:
        snapshot = await snapshot_now(daemon.app.store, daemon.app.config, daemon.app.now())
        daemon.metrics.observe_snapshot(snapshot)
        health = daemon_health(
            snapshot, daemon.heartbeat_age(), daemon.stale_after, daemon.stopping
        )
        body = json.dumps(health.as_json()).encode() + b"\n"
        return (200 if health.healthy else 503), "application/json", body

    async def metrics() -> Response:
        snapshot = await snapshot_now(daemon.app.store, daemon.app.config, daemon.app.now())
        daemon.metrics.observe_snapshot(snapshot)
        return 200, CONTENT_TYPE_LATEST, daemon.metrics.exposition()

    return {"/healthz": healthz, "/metrics": metrics}


# -- systemd ---------------------------------------------------------------------------------


def sd_notify(state: str) -> bool:
    """Tell systemd about our state (``READY=1``, ``STOPPING=1``, ``STATUS=...``)
    when it started us with ``Type=notify``; otherwise do nothing."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):  # an abstract socket
        address = "\0" + address[1:]
    try:
        # Non-blocking: a listener that stops reading (its queue holds only
        # net.unix.max_dgram_qlen messages, 10 by default) must never freeze
        # the daemon's event loop; a status dropped then is no loss.
        kind = socket.SOCK_DGRAM | socket.SOCK_CLOEXEC | socket.SOCK_NONBLOCK
        with socket.socket(socket.AF_UNIX, kind) as sock:
            sock.sendto(state.encode(), address)
    except OSError as exc:
        log.debug("sd_notify failed: %s", exc)
        return False
    return True


def monotonic_usec() -> int:
    """``MONOTONIC_USEC`` for ``RELOADING=1`` (systemd 253+ checks it)."""
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
