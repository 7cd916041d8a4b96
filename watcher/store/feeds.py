"""Feed rows: sync with feeds.yaml, claim due feeds, record fetch outcomes."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    JSON,
    Connection,
    Float,
    Integer,
    Row,
    Select,
    String,
    Text,
    bindparam,
    func,
    insert,
    literal_column,
    null,
    or_,
    select,
    update,
)
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import TypeEngine

from watcher.config import FeedConfig
from watcher.store.schema import FEEDS, UTCDateTime

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
    body_hash: str | None = None
    item_hashes: frozenset[str] = frozenset()


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
    # Set when a body was parsed: the next identical body, or item, is skipped.
    body_hash: str | None = None
    item_hashes: tuple[str, ...] | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def sync_feeds(connection: Connection, feeds: Sequence[FeedConfig], now: datetime) -> None:
    """Make the rows agree with feeds.yaml: add new feeds (due at once), reset a
    feed whose configured URL changed, and disable feeds no longer listed
    (their entries stay: removing a line must not erase history).

    Only the columns compared, as plain rows: every start reads every feed,
    and at 5,000 feeds reading them as ORM objects grew the heap by 10 MB,
    which stayed resident in the daemon."""
    feed = FEEDS.c
    query = select(feed.id, feed.name, feed.config_url, feed.enabled, feed.disabled_reason)
    rows = {row.name: row for row in connection.execute(query)}
    new: list[dict[str, Any]] = []
    changes: list[tuple[int, dict[str, Any]]] = []
    for configured in feeds:
        row = rows.pop(configured.name, None)
        if row is None:
            new.append(_new_row(configured, now))
        elif values := _resynced(row, configured, now):
            changes.append((row.id, values))
    for row in rows.values():
        if row.enabled:
            changes.append((row.id, {"enabled": False, "disabled_reason": NOT_IN_CONFIG}))
    for at in range(0, len(new), _INSERT_CHUNK):
        connection.execute(insert(FEEDS), new[at : at + _INSERT_CHUNK])
    for row_id, values in changes:
        connection.execute(update(FEEDS).where(feed.id == row_id).values(values))


# Rows inserted per statement by ``sync_feeds``: each chunk's parameters are
# built and held at once.
_INSERT_CHUNK = 500


def _new_row(feed: FeedConfig, now: datetime) -> dict[str, Any]:
    return {
        "name": feed.name,
        "config_url": feed.url,
        "url": feed.url,
        "enabled": feed.enabled,
        "disabled_reason": None if feed.enabled else DISABLED_IN_CONFIG,
        "next_poll": now,
        "consecutive_failures": 0,
        "entries_count": 0,
    }


def _resynced(
    row: Row[int, str, str, bool, str | None], feed: FeedConfig, now: datetime
) -> dict[str, Any]:
    """The columns of an existing feed's row that feeds.yaml changes."""
    values: dict[str, Any] = {}
    reason = row.disabled_reason
    if row.config_url != feed.url:
        reason = None
        values.update(
            config_url=feed.url,
            url=feed.url,
            etag=None,
            last_modified=None,
            body_hash=None,
            item_hashes=None,
            next_poll=now,
            disabled_reason=None,
            consecutive_failures=0,
        )
    if not feed.enabled:
        if row.enabled or reason != DISABLED_IN_CONFIG:
            values.update(enabled=False, disabled_reason=DISABLED_IN_CONFIG)
    elif reason in (DISABLED_IN_CONFIG, NOT_IN_CONFIG):
        values.update(enabled=True, disabled_reason=None)
    return values


def claim_due(
    connection: Connection,
    owner: str,
    now: datetime,
    lease: timedelta,
    *,
    names: Sequence[str] | None = None,
    include_not_due: bool = False,
    after_id: int | None = None,
    limit: int | None = None,
    stale: Collection[str] = (),
) -> list[FeedToPoll]:
    """Lease due feeds to ``owner``. On PostgreSQL, rows another worker is
    claiming right now are skipped rather than waited for (SKIP LOCKED), so
    several workers never poll the same feed in one interval. ``stale`` names
    holders known to be dead: their leases count as free."""
    params: dict[str, Any] = {"now": now}
    if stale:
        params["stale"] = list(stale)
    if names is not None:
        params["names"] = list(names)
    if after_id is not None:
        params["after_id"] = after_id
    if limit is not None:
        params["limit"] = limit
    query = _claim_query(include_not_due, frozenset(params))
    # Rows unpacked as tuples (``_TO_POLL`` is in the fields' order): a Row's
    # attributes are found by its ``__getattr__`` after a failed lookup on
    # the class, which builds and drops an AttributeError per column read.
    claimed = [
        FeedToPoll(
            feed_id,
            name,
            url,
            etag,
            last_modified,
            failures,
            failing_since,
            interval,
            body_hash,
            frozenset(item_hashes or ()),
        )
        for (
            feed_id,
            name,
            url,
            etag,
            last_modified,
            failures,
            failing_since,
            interval,
            body_hash,
            item_hashes,
        ) in connection.execute(query, params)
    ]
    if claimed:
        connection.execute(
            _LEASE,
            {"ids": [feed.id for feed in claimed], "owner": owner, "expires": now + lease},
        )
    return claimed


@functools.cache
def _claim_query(include_not_due: bool, given: frozenset[str]) -> Select[Any]:
    """The claim's SELECT for the conditions ``given`` (names of the bound
    parameters ``claim_due`` sets), built once: a poll claims every batch
    with the same few shapes, and building the statement and its cache key
    anew each time cost about as much as running it (a 304 cycle claims a
    batch per 32 feeds). Eight shapes at most a flag, so the cache stays small."""
    feeds = FEEDS.c
    now = bindparam("now", type_=UTCDateTime)
    free = [feeds.lease_expires.is_(None), feeds.lease_expires < now]
    if "stale" in given:
        free.append(feeds.lease_owner.in_(bindparam("stale", expanding=True)))
    # One UPDATE for the batch (``_LEASE``): loading each row as an object to
    # set two columns cost more than the rest of the claim.
    query = (
        select(*_TO_POLL)
        .where(feeds.enabled.is_(True))
        .where(or_(*free))
        .with_for_update(skip_locked=True)
    )
    if include_not_due:
        query = query.order_by(feeds.id)
    else:
        query = query.where(or_(feeds.next_poll.is_(None), feeds.next_poll <= now))
        query = query.order_by(feeds.next_poll, feeds.id)
    if "names" in given:
        query = query.where(feeds.name.in_(bindparam("names", expanding=True)))
    if "after_id" in given:
        # A run over every feed walks them by id: a constant-size condition,
        # where a growing NOT IN list cost memory per distinct statement.
        query = query.where(feeds.id > bindparam("after_id", type_=Integer))
    if "limit" in given:
        query = query.limit(bindparam("limit", type_=Integer))
    return query


def lease_holders(connection: Connection, now: datetime) -> set[str]:
    """Who holds live feed leases (to spot leases of dead processes)."""
    query = select(FEEDS.c.lease_owner).where(FEEDS.c.lease_expires >= now).distinct()
    return {owner for owner in connection.scalars(query) if owner}


def enable(connection: Connection, name: str, now: datetime) -> str:
    """Poll a feed the poller disabled (410 Gone, a long 404) again from now;
    returns why it was disabled. Raises ``LookupError`` for an unknown feed and
    ``ValueError`` for one feeds.yaml itself disables or no longer lists: that
    is the file's to change."""
    feed = FEEDS.c
    query = select(feed.id, feed.enabled, feed.disabled_reason).where(feed.name == name)
    row = connection.execute(query).one_or_none()
    if row is None:
        raise LookupError(name)
    if row.enabled:
        return ""
    if row.disabled_reason in (DISABLED_IN_CONFIG, NOT_IN_CONFIG):
        raise ValueError(row.disabled_reason)
    reason: str = row.disabled_reason or ""
    connection.execute(
        update(FEEDS)
        .where(feed.id == row.id)
        .values(
            enabled=True,
            disabled_reason=None,
            next_poll=now,
            consecutive_failures=0,
            failing_since=None,
        )
    )
    return reason


def release(connection: Connection, owner: str, feed_ids: Sequence[int]) -> None:
    connection.execute(
        update(FEEDS)
        .where(FEEDS.c.id.in_(list(feed_ids)), FEEDS.c.lease_owner == owner)
        .values(lease_owner=None, lease_expires=None)
    )


def record_fetches(
    connection: Connection, records: Sequence[tuple[int, FetchRecord]], now: datetime
) -> None:
    """Write what each fetch did to its feed's row: one executemany UPDATE for
    the successes and one for the failures, without loading the rows (loading
    each row to set a few columns was a quarter of a 304 cycle's CPU)."""
    ok = [_params(feed_id, r, now) for feed_id, r in records if r.ok and not _unchanged(r)]
    unchanged = [
        _schedule_params(feed_id, r, now) for feed_id, r in records if r.ok and _unchanged(r)
    ]
    failed = [_params(feed_id, r, now) for feed_id, r in records if not r.ok]
    if ok:
        connection.execute(_RECORD_SUCCESS, ok)
    if unchanged:
        connection.execute(_RECORD_UNCHANGED, unchanged)
    if failed:
        connection.execute(_RECORD_FAILURE, failed)
    for feed_id, record in records:  # rare: a permanent redirect, a feed gone
        values: dict[str, object] = {}
        if record.moved_to:
            values["url"] = record.moved_to
        if record.disable_reason:
            values |= {"enabled": False, "disabled_reason": record.disable_reason}
        if values:
            connection.execute(update(FEEDS).where(FEEDS.c.id == feed_id).values(**values))


def _unchanged(record: FetchRecord) -> bool:
    """A fetch that brought nothing to keep but validators (a 304, or an
    error-free fetch without a body read): ``_RECORD_UNCHANGED`` writes it as
    ``_RECORD_SUCCESS`` would, whose other columns keep their values."""
    return (
        not record.new_entries
        and record.title is None
        and record.body_hash is None
        and record.item_hashes is None
    )


def _schedule_params(feed_id: int, record: FetchRecord, now: datetime) -> dict[str, object]:
    # Prefixed: Core takes a parameter named like a column as a value for it.
    return {
        "feed_id": feed_id,
        "p_now": now,
        "p_outcome": record.outcome,
        "p_next_poll": record.next_poll,
        "p_interval": record.interval,
        "p_etag": record.etag,
        "p_last_modified": record.last_modified,
    }


def _params(feed_id: int, record: FetchRecord, now: datetime) -> dict[str, object]:
    return {
        **_schedule_params(feed_id, record, now),
        "p_error": record.error,
        "p_title": record.title,
        "p_new_entries": record.new_entries,
        "p_body_hash": record.body_hash,
        "p_item_hashes": list(record.item_hashes) if record.item_hashes is not None else None,
    }


_TO_POLL = [FEEDS.c[field.name] for field in dataclasses.fields(FeedToPoll)]
_LEASE = (
    update(FEEDS)
    .where(FEEDS.c.id.in_(bindparam("ids", expanding=True)))
    .values(
        lease_owner=bindparam("owner", type_=String),
        lease_expires=bindparam("expires", type_=UTCDateTime),
    )
)
_NOW = bindparam("p_now", type_=UTCDateTime)
_SCHEDULE = {
    "last_attempt": _NOW,
    "last_outcome": bindparam("p_outcome", type_=String),
    "next_poll": bindparam("p_next_poll", type_=UTCDateTime),
    "interval": bindparam("p_interval", type_=Float),
    "lease_owner": null(),
    "lease_expires": null(),
}
# The constants a recorded fetch sets, written into the statement: as
# parameters (``.values(column=None)`` binds one) they were processed for
# every row, and sqlite3 looks up an adapter for every None it binds, which
# raises and discards an AttributeError inside the driver each time: four of
# them a 304.
_NO_ERROR = {
    "last_error": null(),
    "consecutive_failures": literal_column("0"),
    "failing_since": null(),
}


def _kept(column: str, type_: TypeEngine[Any]) -> ColumnElement[Any]:
    """The new value, or the stored one when there is none (a 304 may omit the
    validators: the ones we sent stay)."""
    return func.coalesce(bindparam(f"p_{column}", type_=type_), FEEDS.c[column])


# What every successful fetch writes.
_SUCCESS = {
    **_SCHEDULE,
    "last_success": _NOW,
    **_NO_ERROR,
    "etag": _kept("etag", Text()),
    "last_modified": _kept("last_modified", Text()),
}
_RECORD_SUCCESS = (
    update(FEEDS)
    .where(FEEDS.c.id == bindparam("feed_id", type_=Integer))
    .values(
        **_SUCCESS,
        title=_kept("title", Text()),
        body_hash=_kept("body_hash", String()),
        item_hashes=_kept("item_hashes", JSON(none_as_null=True)),
        entries_count=FEEDS.c.entries_count + bindparam("p_new_entries", type_=Integer),
    )
)
# Most of a cycle's fetches are 304s: their title, hashes and entry count
# stay as they are, so this UPDATE leaves them out rather than binding four
# NULLs a row (one through the JSON type's processor) for SQLite to keep.
_RECORD_UNCHANGED = (
    update(FEEDS).where(FEEDS.c.id == bindparam("feed_id", type_=Integer)).values(**_SUCCESS)
)
_RECORD_FAILURE = (
    update(FEEDS)
    .where(FEEDS.c.id == bindparam("feed_id", type_=Integer))
    .values(
        **_SCHEDULE,
        last_error=bindparam("p_error", type_=Text),
        consecutive_failures=FEEDS.c.consecutive_failures + 1,
        failing_since=func.coalesce(FEEDS.c.failing_since, _NOW),
    )
)


def feed_health(connection: Connection) -> list[FeedHealth]:
    out = []
    for row in connection.execute(select(FEEDS).order_by(FEEDS.c.id)):
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
