"""Is the daemon doing its work? One answer for ``/healthz`` and ``watcher health``.

::

    database ──read_snapshot──► Snapshot ──┬─ snapshot_health ──► Health   (watcher health)
    scheduler heartbeat ───────────────────┴─ daemon_health   ──► Health   (GET /healthz)

``problems`` make it unhealthy (exit 1, HTTP 503): the database does not
answer; the scheduler has not ticked (in the daemon), or due feeds wait and
nobody polls them (from the database alone). ``warnings`` are worth a look but
are no reason to restart anything: failing feeds, dead notifications.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.engine import make_url

from watcher import notify
from watcher.config import Config
from watcher.errors import WatcherError
from watcher.message import target_key as key_of
from watcher.poll import feed_lease
from watcher.store import Store
from watcher.store import feeds as feed_rows
from watcher.store import outbox as outbox_rows
from watcher.store.engine import make_engine

DB_TIMEOUT = 5.0  # a health check or scrape waits this long for the database
# A target's oldest pending message older than this (plus its digest window)
# is reported: twice the longest retry backoff, so a target that merely had
# a failure and is waiting for its next try is not.
PENDING_TOO_LONG = timedelta(seconds=2 * notify.RETRY_CAP)


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
    # (target label, seconds its oldest pending message has waited), past the limit
    stuck: tuple[tuple[str, float], ...] = ()
    # Per enabled feed: (name, last success, consecutive failures).
    feeds: tuple[tuple[str, datetime | None, int], ...] = ()


def overdue_grace(config: Config) -> timedelta:
    """How long a due feed may wait before health calls it overdue: a tick,
    then a whole batch of fetch rounds (what a feed's poll lease allows)."""
    return timedelta(seconds=15) + feed_lease(config.poll)


def pending_limit(config: Config, target_key: str) -> timedelta:
    """How long a target's oldest message may stay pending before health says
    so: a retry at the longest backoff and then some, after its digest window.
    Longer means the target is failing, or a message cannot be sent."""
    digests = {key_of(t.url): t.digest or 0 for t in config.notify}
    return PENDING_TOO_LONG + timedelta(seconds=digests.get(target_key, 0))


def read_snapshot(store: Store, config: Config, now: datetime) -> Snapshot:
    """Blocking; run it in a thread. Raises ``StoreError`` when the database fails."""
    with store.transaction() as connection:
        connection.execute(text("SELECT 1"))
        feeds = feed_rows.feed_health(connection)
        outbox = outbox_rows.count_by_status(connection)
        waiting = outbox_rows.pending_since(connection)
    enabled = [f for f in feeds if f.enabled]
    late = now - overdue_grace(config)
    return Snapshot(
        enabled=len(enabled),
        disabled=len(feeds) - len(enabled),
        failing=tuple((f.name, f.last_error) for f in enabled if f.status == "failing"),
        overdue=sum(1 for f in enabled if f.next_poll is not None and f.next_poll < late),
        last_attempt=max((f.last_attempt for f in feeds if f.last_attempt), default=None),
        last_success=max((f.last_success for f in feeds if f.last_success), default=None),
        outbox_pending=outbox.get("pending", 0),
        outbox_dead=outbox.get("dead", 0),
        stuck=tuple(
            (label, (now - since).total_seconds())
            for key, label, since in waiting
            if now - since > pending_limit(config, key)
        ),
        feeds=tuple((f.name, f.last_success, f.consecutive_failures) for f in enabled),
    )


# -- health from it ------------------------------------------------------------------------------


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
    for label, age in s.stuck:
        out.append(
            f"notifications to {label} pending for {_duration(age)} (oldest): "
            "see `watcher outbox --status pending`"
        )
    return tuple(out)


def _duration(seconds: float) -> str:
    if seconds >= 2 * 86400:
        return f"{seconds / 86400:.0f}d"
    if seconds >= 2 * 3600:
        return f"{seconds / 3600:.0f}h"
    return f"{seconds / 60:.0f}m"


def _facts(s: Snapshot) -> dict[str, Any]:
    return {
        "feeds_enabled": s.enabled,
        "feeds_failing": [name for name, _ in s.failing],
        "feeds_overdue": s.overdue,
        "last_attempt": s.last_attempt.isoformat() if s.last_attempt else None,
        "last_success": s.last_success.isoformat() if s.last_success else None,
        "outbox_pending": s.outbox_pending,
        "outbox_dead": s.outbox_dead,
        "outbox_stuck": [label for label, _ in s.stuck],
    }


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
