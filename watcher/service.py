"""Running as a service: health, Prometheus metrics, the HTTP endpoint, systemd.

::

    scheduler ──observe(PollReport, DeliveryReport)──► Metrics (counters, this process)
    GET /metrics ──► read_snapshot(db) ──► gauges ──► Prometheus text
    GET /healthz ──► heartbeat age + read_snapshot(db) ──► Health ──► 200 | 503
    watcher health ──► read_snapshot(db) ──► Health ──► exit 0 | 1

* Counters count what this process did since it started; the gauges are read
  from the database at scrape time, so with several workers every worker shows
  the same shared picture (failing feeds, outbox).
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
import socket
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import httpx
import prometheus_client
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from watcher import __version__
from watcher.app import App
from watcher.config import Config
from watcher.errors import WatcherError
from watcher.notify import DeliveryReport
from watcher.poll import ROUNDS_PER_BATCH, PollReport
from watcher.store import Store
from watcher.store import feeds as feed_rows
from watcher.store import outbox as outbox_rows
from watcher.store.engine import make_engine

log = logging.getLogger(__name__)

DB_TIMEOUT = 5.0  # a health check or scrape waits this long for the database
REQUEST_TIMEOUT = 10.0  # a client must send its request (and take the answer) within this
MAX_HEADERS = 100
# Fetch latency buckets: most feeds answer in well under a second; the top
# buckets show the ones that run into the total deadline (60 s by default).
FETCH_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0)


# -- what the database says ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The shared state a health check or a scrape reads from the database."""

    enabled: int
    disabled: int
    failing: tuple[tuple[str, str | None], ...]  # (name, last error)
    overdue: int  # enabled feeds due for longer than the grace: nobody polls them
    last_attempt: datetime | None
    last_success: datetime | None
    outbox_pending: int
    outbox_dead: int


def overdue_grace(config: Config) -> timedelta:
    """How long a due feed may wait before health calls it overdue: a tick,
    then a whole batch of fetch rounds (what a feed's poll lease allows)."""
    total = config.poll.timeouts.total
    return timedelta(seconds=15 + total * (ROUNDS_PER_BATCH + 2) + 5)


def read_snapshot(store: Store, config: Config, now: datetime) -> Snapshot:
    """Blocking; run it in a thread. Raises ``StoreError`` when the database fails."""
    with store.transaction() as session:
        session.execute(text("SELECT 1"))
        feeds = feed_rows.feed_health(session)
        pending = len(outbox_rows.list_outbox(session, status="pending"))
        dead = len(outbox_rows.list_outbox(session, status="dead"))
    enabled = [f for f in feeds if f.enabled]
    late = now - overdue_grace(config)
    return Snapshot(
        enabled=len(enabled),
        disabled=len(feeds) - len(enabled),
        failing=tuple((f.name, f.last_error) for f in enabled if f.status == "failing"),
        overdue=sum(1 for f in enabled if f.next_poll is not None and f.next_poll < late),
        last_attempt=max((f.last_attempt for f in feeds if f.last_attempt), default=None),
        last_success=max((f.last_success for f in feeds if f.last_success), default=None),
        outbox_pending=pending,
        outbox_dead=dead,
    )


# -- health ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Health:
    """``problems`` make it unhealthy; ``warnings`` are worth a look (and count
    as problems with ``watcher health --strict``)."""

    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def healthy(self) -> bool:
        return not self.problems

    def as_json(self) -> dict[str, Any]:
        return {
            "status": "ok" if self.healthy else "unhealthy",
            "problems": list(self.problems),
            "warnings": list(self.warnings),
            **self.facts,
        }

    def lines(self) -> list[str]:
        head = "ok" if self.healthy else "unhealthy: " + "; ".join(self.problems)
        return [head, *(f"warning: {w}" for w in self.warnings)]


def snapshot_health(snapshot: Snapshot, config: Config, now: datetime) -> Health:
    """Health as the database alone shows it (``watcher health``): polling is
    on schedule when no enabled feed is overdue, or some feed was just tried
    (a long cycle works through its batches)."""
    grace = overdue_grace(config)
    problems = []
    recent = snapshot.last_attempt is not None and now - snapshot.last_attempt < grace
    if snapshot.overdue and not recent:
        problems.append(
            f"{snapshot.overdue} feed(s) overdue by more than {grace.total_seconds():.0f}s "
            "and none polled since: is the daemon running?"
        )
    return Health(tuple(problems), _warnings(snapshot), _facts(snapshot))


def daemon_health(
    snapshot: Snapshot | Exception, heartbeat_age: float, stale_after: float, stopping: bool
) -> Health:
    """Health as the running daemon sees it (``/healthz``): its scheduler
    ticked recently, and the database answers."""
    problems = []
    if stopping:
        problems.append("stopping")
    if heartbeat_age > stale_after:
        problems.append(f"no scheduler tick for {heartbeat_age:.0f}s (limit {stale_after:.0f}s)")
    facts: dict[str, Any] = {"last_tick_seconds_ago": round(heartbeat_age, 1)}
    if isinstance(snapshot, Exception):
        problems.append(f"database: {snapshot}")
        return Health(tuple(problems), (), facts)
    return Health(tuple(problems), _warnings(snapshot), {**facts, **_facts(snapshot)})


def check_database(config: Config) -> Health:
    """``watcher health``: the database's answer, without the daemon.

    Opens no migration (unlike ``open_app``): a health check must never change
    the schema, nor create a database the daemon has not."""
    url = make_url(config.database)
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").is_file():
        return Health((f"no database at {url.database}: has the daemon started?",))
    now = datetime.now(UTC)
    try:
        store = Store(make_engine(config.database))
        try:
            snapshot = read_snapshot(store, config, now)
        finally:
            store.close()
    except WatcherError as exc:
        return Health((f"database: {exc}",))
    return snapshot_health(snapshot, config, now)


def ask_daemon(host: str, port: int) -> Health:
    """``watcher health --http``: the running daemon's own ``/healthz``."""
    shown = f"[{host}]" if ":" in host else host
    try:
        data = httpx.get(f"http://{shown}:{port}/healthz", timeout=DB_TIMEOUT * 2).json()
    except (httpx.HTTPError, ValueError) as exc:
        return Health((f"no answer from the daemon at {shown}:{port}: {exc}",))
    facts = {k: v for k, v in data.items() if k not in ("status", "problems", "warnings")}
    return Health(tuple(data.get("problems", ())), tuple(data.get("warnings", ())), facts)


def _warnings(s: Snapshot) -> tuple[str, ...]:
    out = []
    if s.failing:
        named = ", ".join(f"{name} ({error})" if error else name for name, error in s.failing[:5])
        more = f" and {len(s.failing) - 5} more" if len(s.failing) > 5 else ""
        out.append(f"{len(s.failing)} of {s.enabled} feeds failing: {named}{more}")
    if s.outbox_dead:
        out.append(f"{s.outbox_dead} notification(s) dead: see `watcher outbox --status dead`")
    return tuple(out)


def _facts(s: Snapshot) -> dict[str, Any]:
    return {
        "feeds_enabled": s.enabled,
        "feeds_failing": [name for name, _ in s.failing],
        "feeds_overdue": s.overdue,
        "last_attempt": s.last_attempt.isoformat() if s.last_attempt else None,
        "last_success": s.last_success.isoformat() if s.last_success else None,
        "outbox_pending": s.outbox_pending,
        "outbox_dead": s.outbox_dead,
    }


# -- metrics ---------------------------------------------------------------------------------


class Metrics:
    """The daemon's metrics, in a registry of its own (two daemons in one
    process, as in tests, never share numbers)."""

    def __init__(self) -> None:
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
        self.events = Counter("watcher_events", "Answer events (new or changed)", registry=r)
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
        self.database_up = Gauge(
            "watcher_database_up", "1 when the database answered the scrape", registry=r
        )
        Gauge("watcher_info", "Version", ["version"], registry=r).labels(__version__).set(1)
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
        self.events.inc(report.events)
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
        self.feeds_enabled.set(snapshot.enabled)
        self.feeds_failing.set(len(snapshot.failing))
        self.outbox_pending.set(snapshot.outbox_pending)
        self.outbox_dead.set(snapshot.outbox_dead)
        if snapshot.last_success:
            self.last_success.set(snapshot.last_success.timestamp())

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


def _db_gauge(registry: CollectorRegistry, name: str, doc: str) -> Gauge:
    return Gauge(name, f"{doc} (from the database, shared by all workers)", registry=registry)


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


async def snapshot_now(store: Store, config: Config, now: datetime) -> Snapshot | Exception:
    """``read_snapshot`` off the loop, bounded by ``DB_TIMEOUT``; the error as a value."""
    try:
        return await asyncio.wait_for(
            asyncio.to_thread(read_snapshot, store, config, now), DB_TIMEOUT
        )
    except TimeoutError:
        return TimeoutError(f"no answer within {DB_TIMEOUT:.0f}s")
    except Exception as exc:  # any database fault is a health answer, never a 500
        return exc


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
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.sendto(state.encode(), address)
    except OSError as exc:
        log.debug("sd_notify failed: %s", exc)
        return False
    return True


def monotonic_usec() -> int:
    """``MONOTONIC_USEC`` for ``RELOADING=1`` (systemd 253+ checks it)."""
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
