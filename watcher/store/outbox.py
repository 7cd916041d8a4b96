"""The notification outbox: claim due rows, mark them sent, retried or dead.

Delivery is at-least-once: a row is claimed (committed) before it is sent and
marked sent after. A crash between the send and the mark re-sends that one
message once the claim expires; a crash anywhere else loses and doubles nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from watcher.store.schema import EventRow, OutboxRow


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
    payload: dict[str, Any]


def claim_due(
    session: Session,
    owner: str,
    now: datetime,
    lease: timedelta,
    *,
    ignore_backoff: bool = False,
    limit: int = 100,
) -> list[OutboxItem]:
    query = (
        select(OutboxRow, EventRow.payload)
        .join(EventRow, OutboxRow.event_id == EventRow.id)
        .where(OutboxRow.status == "pending")
        .where(or_(OutboxRow.claim_expires.is_(None), OutboxRow.claim_expires < now))
        # Oldest first, so a receiver that comes back gets events in order.
        .order_by(OutboxRow.id)
        .limit(limit)
        .with_for_update(of=OutboxRow, skip_locked=True)
    )
    if not ignore_backoff:
        query = query.where(OutboxRow.next_attempt <= now)
    items = []
    for row, payload in session.execute(query).tuples():
        row.claimed_by = owner
        row.claim_expires = now + lease
        items.append(_item(row, payload))
    return items


def mark_sent(session: Session, outbox_id: int, now: datetime) -> None:
    row = session.get_one(OutboxRow, outbox_id)
    row.status = "sent"
    row.sent = now
    row.attempts += 1
    row.last_error = None
    row.claimed_by = row.claim_expires = None


def mark_failed(
    session: Session, outbox_id: int, error: str, next_attempt: datetime | None
) -> None:
    """Retry at ``next_attempt``, or give up (dead) when it is None."""
    row = session.get_one(OutboxRow, outbox_id)
    row.attempts += 1
    row.last_error = error[:500]
    row.claimed_by = row.claim_expires = None
    if next_attempt is None:
        row.status = "dead"
    else:
        row.next_attempt = next_attempt


def requeue(session: Session, now: datetime, *, ids: Sequence[int] = (), dead: bool = False) -> int:
    query = select(OutboxRow)
    if dead:
        query = query.where(OutboxRow.status == "dead")
    else:
        query = query.where(OutboxRow.id.in_(list(ids)), OutboxRow.status != "sent")
    count = 0
    for row in session.scalars(query):
        row.status = "pending"
        row.next_attempt = now
        row.claimed_by = row.claim_expires = None
        count += 1
    return count


def list_outbox(session: Session, *, status: str | None = None) -> list[OutboxItem]:
    query = (
        select(OutboxRow, EventRow.payload)
        .join(EventRow, OutboxRow.event_id == EventRow.id)
        .order_by(OutboxRow.id)
    )
    if status:
        query = query.where(OutboxRow.status == status)
    return [_item(row, payload) for row, payload in session.execute(query).tuples()]


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
        payload=payload,
    )
