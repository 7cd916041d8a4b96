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

from sqlalchemy import ColumnElement, and_, exists, func, not_, or_, select, update
from sqlalchemy.orm import Session, aliased

from watcher.store.schema import EventRow, OutboxRow
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


def claimants(session: Session, now: datetime) -> set[str]:
    """Who holds live claims on pending rows (to spot claims of dead processes)."""
    query = (
        select(OutboxRow.claimed_by)
        .where(OutboxRow.status == "pending", OutboxRow.claim_expires >= now)
        .distinct()
    )
    return {owner for owner in session.scalars(query) if owner}


def oldest_pending(session: Session, keys: Collection[str]) -> dict[str, datetime]:
    """Per target key, when its oldest pending row was created."""
    if not keys:
        return {}
    query = (
        select(OutboxRow.target_key, func.min(OutboxRow.created))
        .where(OutboxRow.status == "pending", OutboxRow.target_key.in_(list(keys)))
        .group_by(OutboxRow.target_key)
    )
    return {key: created for key, created in session.execute(query)}


def claim_due(
    session: Session,
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
    older = aliased(OutboxRow)

    def free(row: Any) -> ColumnElement[bool]:
        claim_free = or_(
            row.claim_expires.is_(None), row.claim_expires < now, row.claimed_by.in_(list(stale))
        )
        return claim_free if ignore_backoff else and_(claim_free, row.next_attempt <= now)

    held_back = exists().where(
        older.target_key == OutboxRow.target_key,
        older.status == "pending",
        older.id < OutboxRow.id,
        not_(free(older)),
    )
    query = (
        select(OutboxRow, EventRow.payload)
        .join(EventRow, OutboxRow.event_id == EventRow.id)
        .where(OutboxRow.status == "pending", OutboxRow.target_key.in_(list(keys)))
        .where(free(OutboxRow), not_(held_back))
        # Oldest first, so a receiver that comes back gets events in order.
        .order_by(OutboxRow.id)
        .limit(limit)
        .with_for_update(of=OutboxRow, skip_locked=True)
    )
    items = []
    for row, payload in session.execute(query):
        row.claimed_by = owner
        row.claim_expires = now + lease
        items.append(_item(row, payload))
    return items


def renew(session: Session, owner: str, until: datetime) -> None:
    """Extend every claim ``owner`` still holds: a live worker keeps its rows."""
    session.execute(
        update(OutboxRow)
        .where(OutboxRow.claimed_by == owner, OutboxRow.status == "pending")
        .values(claim_expires=until)
    )


def _mine(owner: str, ids: Sequence[int]) -> Any:
    return (
        update(OutboxRow)
        .where(OutboxRow.id.in_(list(ids)))
        .where(OutboxRow.status == "pending", OutboxRow.claimed_by == owner)
    )


def mark_sent(session: Session, ids: Sequence[int], owner: str, now: datetime) -> int:
    """Sent, if still ours and pending (a claim lost to another worker is left
    to that worker). Returns how many rows were marked."""
    result = session.execute(
        _mine(owner, ids).values(
            status="sent",
            sent=now,
            attempts=OutboxRow.attempts + 1,
            last_error=None,
            claimed_by=None,
            claim_expires=None,
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)


def mark_failed(
    session: Session,
    ids: Sequence[int],
    owner: str,
    error: str,
    next_attempt: datetime | None,
) -> None:
    """A real try that failed: retry at ``next_attempt``, or dead when None."""
    values: dict[str, Any] = {
        "attempts": OutboxRow.attempts + 1,
        "last_error": error[:500],
        "claimed_by": None,
        "claim_expires": None,
    }
    if next_attempt is None:
        values["status"] = "dead"
    else:
        values["next_attempt"] = next_attempt
    session.execute(_mine(owner, ids).values(**values))


def release(session: Session, ids: Sequence[int], owner: str) -> None:
    """Give back rows that were not tried (they waited behind a failure)."""
    if ids:
        session.execute(_mine(owner, ids).values(claimed_by=None, claim_expires=None))


def bury_orphans(
    session: Session, keys: Collection[str], now: datetime, before: datetime, reason: str
) -> int:
    """Rows for targets not in ``keys``, pending since before ``before`` and not
    held by a live claim: dead. (Younger ones stay: another worker's config may
    still name their target.)"""
    result = session.execute(
        update(OutboxRow)
        .where(OutboxRow.status == "pending", OutboxRow.created < before)
        .where(OutboxRow.target_key.not_in(list(keys)))
        .where(or_(OutboxRow.claim_expires.is_(None), OutboxRow.claim_expires < now))
        .values(status="dead", last_error=reason, claimed_by=None, claim_expires=None)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def requeue(session: Session, now: datetime, *, ids: Sequence[int] = (), dead: bool = False) -> int:
    """Pending again, due now, with a fresh count of tries (``watcher outbox
    retry``). Sent rows are never re-sent."""
    query = select(OutboxRow)
    if dead:
        query = query.where(OutboxRow.status == "dead")
    else:
        query = query.where(OutboxRow.id.in_(list(ids)), OutboxRow.status != "sent")
    count = 0
    for row in session.scalars(query):
        row.status = "pending"
        row.next_attempt = now
        row.attempts = 0
        row.claimed_by = row.claim_expires = None
        count += 1
    return count


def pending_since(session: Session) -> list[tuple[str, str, datetime]]:
    """Per target with pending rows: its key, its label and when its oldest
    pending row was created (health calls a target stuck by it)."""
    query = (
        select(OutboxRow.target_key, func.max(OutboxRow.target_label), func.min(OutboxRow.created))
        .where(OutboxRow.status == "pending")
        .group_by(OutboxRow.target_key)
    )
    return [(key, label, created) for key, label, created in session.execute(query)]


def count_by_status(session: Session) -> dict[str, int]:
    """pending / sent / dead → rows; for health checks and metrics, which run
    on every scrape and need no row's payload."""
    rows = session.execute(select(OutboxRow.status, func.count()).group_by(OutboxRow.status))
    return {status: count for status, count in rows}


def list_outbox(session: Session, *, status: str | None = None) -> list[OutboxItem]:
    query = (
        select(OutboxRow, EventRow.payload)
        .join(EventRow, OutboxRow.event_id == EventRow.id)
        .order_by(OutboxRow.id)
    )
    if status:
        query = query.where(OutboxRow.status == status)
    return [_item(row, payload) for row, payload in session.execute(query)]


def _item(row: OutboxRow, payload: dict[str, Any]) -> OutboxItem:
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
        message=Message.from_json(payload),
    )
