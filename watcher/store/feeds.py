"""Feed rows: sync with feeds.yaml, claim due feeds, record fetch outcomes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from watcher.config import FeedConfig
from watcher.store.schema import FeedRow

NOT_IN_CONFIG = "not in feeds.yaml"
DISABLED_IN_CONFIG = "disabled in feeds.yaml"


@dataclass(frozen=True, slots=True)
class FeedToPoll:
    id: int
    name: str
    url: str
    etag: str | None
    last_modified: str | None
    consecutive_failures: int
    failing_since: datetime | None = None
    interval: float | None = None


@dataclass(frozen=True, slots=True)
class FeedHealth:
    name: str
    url: str
    config_url: str
    status: str  # ok | failing | disabled
    enabled: bool
    disabled_reason: str | None
    last_attempt: datetime | None
    last_success: datetime | None
    last_outcome: str | None
    last_error: str | None
    consecutive_failures: int
    next_poll: datetime | None
    interval: float | None
    entries: int
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True, slots=True)
class FetchRecord:
    """What one fetch did to a feed's health and schedule."""

    outcome: str
    error: str | None
    next_poll: datetime
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None
    title: str | None = None
    new_entries: int = 0
    disable_reason: str | None = None
    interval: float | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def sync_feeds(session: Session, feeds: Sequence[FeedConfig], now: datetime) -> None:
    """Make the rows agree with feeds.yaml: add new feeds (due at once), reset a
    feed whose configured URL changed, and disable feeds no longer listed
    (their entries stay: removing a line must not erase history)."""
    rows = {row.name: row for row in session.scalars(select(FeedRow))}
    for feed in feeds:
        row = rows.pop(feed.name, None)
        if row is None:
            session.add(
                FeedRow(
                    name=feed.name,
                    config_url=feed.url,
                    url=feed.url,
                    enabled=feed.enabled,
                    disabled_reason=None if feed.enabled else DISABLED_IN_CONFIG,
                    next_poll=now,
                    consecutive_failures=0,
                    entries_count=0,
                )
            )
            continue
        if row.config_url != feed.url:
            row.config_url = row.url = feed.url
            row.etag = row.last_modified = None
            row.next_poll = now
            row.disabled_reason = None
            row.consecutive_failures = 0
        if not feed.enabled:
            row.enabled, row.disabled_reason = False, DISABLED_IN_CONFIG
        elif row.disabled_reason in (DISABLED_IN_CONFIG, NOT_IN_CONFIG):
            row.enabled, row.disabled_reason = True, None
    for row in rows.values():
        if row.enabled:
            row.enabled, row.disabled_reason = False, NOT_IN_CONFIG


def claim_due(
    session: Session,
    owner: str,
    now: datetime,
    lease: timedelta,
    *,
    names: Sequence[str] | None = None,
    include_not_due: bool = False,
    after_id: int | None = None,
    limit: int | None = None,
) -> list[FeedToPoll]:
    """Lease due feeds to ``owner``. On PostgreSQL, rows another worker is
    claiming right now are skipped rather than waited for (SKIP LOCKED), so
    several workers never poll the same feed in one interval."""
    query = (
        select(FeedRow)
        .where(FeedRow.enabled.is_(True))
        .where(or_(FeedRow.lease_expires.is_(None), FeedRow.lease_expires < now))
        .with_for_update(skip_locked=True)
    )
    if include_not_due:
        query = query.order_by(FeedRow.id)
    else:
        query = query.order_by(FeedRow.next_poll, FeedRow.id)
    if not include_not_due:
        query = query.where(or_(FeedRow.next_poll.is_(None), FeedRow.next_poll <= now))
    if names is not None:
        query = query.where(FeedRow.name.in_(list(names)))
    if after_id is not None:
        # A run over every feed walks them by id: a constant-size condition,
        # where a growing NOT IN list cost memory per distinct statement.
        query = query.where(FeedRow.id > after_id)
    if limit is not None:
        query = query.limit(limit)
    claimed = []
    for row in session.scalars(query):
        row.lease_owner = owner
        row.lease_expires = now + lease
        claimed.append(
            FeedToPoll(
                row.id,
                row.name,
                row.url,
                row.etag,
                row.last_modified,
                row.consecutive_failures,
                row.failing_since,
                row.interval,
            )
        )
    return claimed


def release(session: Session, owner: str, feed_ids: Sequence[int]) -> None:
    session.execute(
        update(FeedRow)
        .where(FeedRow.id.in_(list(feed_ids)), FeedRow.lease_owner == owner)
        .values(lease_owner=None, lease_expires=None)
    )


def record_fetch(session: Session, feed_id: int, record: FetchRecord, now: datetime) -> None:
    row = session.get_one(FeedRow, feed_id)
    row.last_attempt = now
    row.last_outcome = record.outcome
    row.next_poll = record.next_poll
    row.interval = record.interval
    row.lease_owner = row.lease_expires = None
    if record.ok:
        row.last_success = now
        row.last_error = None
        row.consecutive_failures = 0
        row.failing_since = None
        # A 304 may omit the validators: keep the ones we sent.
        row.etag = record.etag or row.etag
        row.last_modified = record.last_modified or row.last_modified
        if record.title:
            row.title = record.title
        row.entries_count += record.new_entries
    else:
        row.last_error = record.error
        row.consecutive_failures += 1
        row.failing_since = row.failing_since or now
    if record.moved_to:
        row.url = record.moved_to
    if record.disable_reason:
        row.enabled = False
        row.disabled_reason = record.disable_reason


def feed_health(session: Session) -> list[FeedHealth]:
    out = []
    for row in session.scalars(select(FeedRow).order_by(FeedRow.id)):
        if not row.enabled:
            status = "disabled"
        elif row.consecutive_failures:
            status = "failing"
        else:
            status = "ok"
        out.append(
            FeedHealth(
                name=row.name,
                url=row.url,
                config_url=row.config_url,
                status=status,
                enabled=row.enabled,
                disabled_reason=row.disabled_reason,
                last_attempt=row.last_attempt,
                last_success=row.last_success,
                last_outcome=row.last_outcome,
                last_error=row.last_error,
                consecutive_failures=row.consecutive_failures,
                next_poll=row.next_poll if row.enabled else None,
                interval=row.interval,
                entries=row.entries_count,
                etag=row.etag,
                last_modified=row.last_modified,
            )
        )
    return out
