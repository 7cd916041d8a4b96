"""The notification outbox: claim due rows, mark them sent, retried or dead.

Delivery is at-least-once: a row is claimed (committed) before it is sent and
marked sent after. A crash between the send and the mark re-sends that one
message once the claim is free again; a crash anywhere else loses and doubles
nothing.

Order per target: a row is claimable only while every older pending row of the
same target is claimable too (due, not held by a live claim). So a message that
failed and waits for its retry holds back the later ones to that target, and a
receiver that comes back gets them oldest first. Rows that merely waited are
released untouched: ``attempts`` counts real tries only.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    Select,
    and_,
    exists,
    func,
    not_,
    or_,
    select,
    update,
)
from sqlalchemy.sql.expression import ColumnCollection

from watcher.store.schema import EVENTS, OUTBOX
from watcher.types import Message


@dataclass(frozen=True, slots=True)
class OutboxItem:
    id: int
    event_id: int
    target_key: str
    target_label: str
    status: str
    attempts: int
    next_attempt: datetime
    last_error: str | None
    created: datetime
    sent: datetime | None
    message: Message


def claimants(connection: Connection, now: datetime) -> set[str]:
    """Who holds live claims on pending rows (to spot claims of dead processes)."""
    query = (
        select(OUTBOX.c.claimed_by)
        .where(OUTBOX.c.status == "pending", OUTBOX.c.claim_expires >= now)
        .distinct()
    )
    return {owner for owner in connection.scalars(query) if owner}


def oldest_pending(connection: Connection, keys: Collection[str]) -> dict[str, datetime]:
    """Per target key, when its oldest pending row was created."""
    if not keys:
        return {}
    query = (
        select(OUTBOX.c.target_key, func.min(OUTBOX.c.created))
        .where(OUTBOX.c.status == "pending", OUTBOX.c.target_key.in_(list(keys)))
        .group_by(OUTBOX.c.target_key)
    )
    return {key: created for key, created in connection.execute(query)}


def claim_due(
    connection: Connection,
    owner: str,
    now: datetime,
    lease: timedelta,
    *,
    keys: Collection[str],
    ignore_backoff: bool = False,
    stale: Collection[str] = (),
    limit: int = 100,
) -> list[OutboxItem]:
    """Claim up to ``limit`` pending rows of the targets ``keys``, oldest first,
    each only if no older row of its target is held back (see the module
    docstring). ``stale`` names claimants known to be dead: their claims count
    as free. Rows locked by another transaction are skipped (PostgreSQL)."""
    if not keys:
        return []
    outbox, older = OUTBOX.c, OUTBOX.alias("older").c

    def free(rows: ColumnCollection[str, Any]) -> ColumnElement[bool]:
        claim_free = or_(
            rows.claim_expires.is_(None), rows.claim_expires < now, rows.claimed_by.in_(list(stale))
        )
        return claim_free if ignore_backoff else and_(claim_free, rows.next_attempt <= now)

    held_back = exists().where(
        older.target_key == outbox.target_key,
        older.status == "pending",
        older.id < outbox.id,
        not_(free(older)),
    )
    query = (
        _WITH_PAYLOAD.where(outbox.status == "pending", outbox.target_key.in_(list(keys)))
        .where(free(outbox), not_(held_back))
        # Oldest first, so a receiver that comes back gets events in order.
        .order_by(outbox.id)
        .limit(limit)
        .with_for_update(of=OUTBOX, skip_locked=True)
    )
    items = [_item(found) for found in connection.execute(query)]
    if items:
        connection.execute(
            update(OUTBOX)
            .where(outbox.id.in_([item.id for item in items]))
            .values(claimed_by=owner, claim_expires=now + lease)
        )
    return items


def renew(connection: Connection, owner: str, until: datetime) -> None:
    """Extend every claim ``owner`` still holds: a live worker keeps its rows."""
    connection.execute(
        update(OUTBOX)
        .where(OUTBOX.c.claimed_by == owner, OUTBOX.c.status == "pending")
        .values(claim_expires=until)
    )


def _mine(owner: str, ids: Sequence[int]) -> Any:
    return (
        update(OUTBOX)
        .where(OUTBOX.c.id.in_(list(ids)))
        .where(OUTBOX.c.status == "pending", OUTBOX.c.claimed_by == owner)
    )


def mark_sent(connection: Connection, ids: Sequence[int], owner: str, now: datetime) -> int:
    """Sent, if still ours and pending (a claim lost to another worker is left
    to that worker). Returns how many rows were marked."""
    result = connection.execute(
        _mine(owner, ids).values(
            status="sent",
            sent=now,
            attempts=OUTBOX.c.attempts + 1,
            last_error=None,
            claimed_by=None,
            claim_expires=None,
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)


def mark_failed(
    connection: Connection,
    ids: Sequence[int],
    owner: str,
    error: str,
    next_attempt: datetime | None,
) -> None:
    """A real try that failed: retry at ``next_attempt``, or dead when None."""
    values: dict[str, Any] = {
        "attempts": OUTBOX.c.attempts + 1,
        "last_error": error[:500],
        "claimed_by": None,
        "claim_expires": None,
    }
    if next_attempt is None:
        values["status"] = "dead"
    else:
        values["next_attempt"] = next_attempt
    connection.execute(_mine(owner, ids).values(**values))


def release(connection: Connection, ids: Sequence[int], owner: str) -> None:
    """Give back rows that were not tried (they waited behind a failure)."""
    if ids:
        connection.execute(_mine(owner, ids).values(claimed_by=None, claim_expires=None))


def bury_orphans(
    connection: Connection, keys: Collection[str], now: datetime, before: datetime, reason: str
) -> int:
    """Rows for targets not in ``keys``, pending since before ``before`` and not
    held by a live claim: dead. (Younger ones stay: another worker's config may
    still name their target.)"""
    result = connection.execute(
        update(OUTBOX)
        .where(OUTBOX.c.status == "pending", OUTBOX.c.created < before)
        .where(OUTBOX.c.target_key.not_in(list(keys)))
        .where(or_(OUTBOX.c.claim_expires.is_(None), OUTBOX.c.claim_expires < now))
        .values(status="dead", last_error=reason, claimed_by=None, claim_expires=None)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def requeue(
    connection: Connection, now: datetime, *, ids: Sequence[int] = (), dead: bool = False
) -> int:
    """Pending again, due now, with a fresh count of tries (``watcher outbox
    retry``). Sent rows are never re-sent."""
    query = update(OUTBOX).values(
        status="pending", next_attempt=now, attempts=0, claimed_by=None, claim_expires=None
    )
    if dead:
        query = query.where(OUTBOX.c.status == "dead")
    else:
        query = query.where(OUTBOX.c.id.in_(list(ids)), OUTBOX.c.status != "sent")
    return int(connection.execute(query).rowcount)


def pending_since(connection: Connection) -> list[tuple[str, str, datetime]]:
    """Per target with pending rows: its key, its label and when its oldest
    pending row was created (health calls a target stuck by it)."""
    query = (
        select(OUTBOX.c.target_key, func.max(OUTBOX.c.target_label), func.min(OUTBOX.c.created))
        .where(OUTBOX.c.status == "pending")
        .group_by(OUTBOX.c.target_key)
    )
    return [(key, label, created) for key, label, created in connection.execute(query)]


def count_by_status(connection: Connection) -> dict[str, int]:
    """pending / sent / dead → rows; for health checks and metrics, which run
    on every scrape and need no row's payload."""
    rows = connection.execute(select(OUTBOX.c.status, func.count()).group_by(OUTBOX.c.status))
    return {status: count for status, count in rows}


def list_outbox(connection: Connection, *, status: str | None = None) -> list[OutboxItem]:
    query = _WITH_PAYLOAD.order_by(OUTBOX.c.id)
    if status:
        query = query.where(OUTBOX.c.status == status)
    return [_item(row) for row in connection.execute(query)]


_WITH_PAYLOAD: Select[Any] = select(OUTBOX, EVENTS.c.payload).join(
    EVENTS, OUTBOX.c.event_id == EVENTS.c.id
)


def _item(row: Row[Any]) -> OutboxItem:
    return OutboxItem(
        id=row.id,
        event_id=row.event_id,
        target_key=row.target_key,
        target_label=row.target_label,
        status=row.status,
        attempts=row.attempts,
        next_attempt=row.next_attempt,
        last_error=row.last_error,
        created=row.created,
        sent=row.sent,
        message=Message.from_json(row.payload),
    )
