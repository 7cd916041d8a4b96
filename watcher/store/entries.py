"""Entries by identity, with content hashes; the matches found in them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from watcher.match import Match
from watcher.parse import Entry
from watcher.store.schema import EntryRow, FeedRow, MatchRow

# Identity lists are sent in chunks: SQLite caps bound parameters per statement.
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class StoredMatch:
    id: int
    subject: str
    question: str
    feed: str
    link: str | None
    title: str
    published: datetime | None
    value: str | None
    display: str | None
    precision: str | None
    evidence: str
    confidence: float
    hedged: bool
    created: datetime
    entry_id: int


def content_hashes(session: Session, feed_id: int, identities: Sequence[str]) -> dict[str, str]:
    """identity → stored content hash, for the identities already stored."""
    out: dict[str, str] = {}
    for start in range(0, len(identities), _CHUNK):
        chunk = list(identities[start : start + _CHUNK])
        rows = session.execute(
            select(EntryRow.identity, EntryRow.content_hash).where(
                EntryRow.feed_id == feed_id, EntryRow.identity.in_(chunk)
            )
        )
        out.update({identity: digest for identity, digest in rows})
    return out


def save_entry(session: Session, feed_id: int, entry: Entry, now: datetime) -> tuple[int, bool]:
    """Insert or update an entry; returns (entry id, was it new). An edited
    entry loses its old matches: it is matched again from its new text."""
    row = session.scalars(
        select(EntryRow).where(EntryRow.feed_id == feed_id, EntryRow.identity == entry.identity)
    ).one_or_none()
    is_new = row is None
    if row is None:
        row = EntryRow(feed_id=feed_id, identity=entry.identity, first_seen=now)
        session.add(row)
    else:
        session.execute(delete(MatchRow).where(MatchRow.entry_id == row.id))
    row.link = entry.link
    row.title = entry.title
    row.text = entry.text
    row.published = entry.published
    row.images = list(entry.images)
    row.content_hash = entry.content_hash
    row.updated = now
    session.flush()
    return row.id, is_new


def save_matches(
    session: Session, entry_id: int, matches: Iterable[Match], now: datetime
) -> list[int]:
    rows = [
        MatchRow(
            entry_id=entry_id,
            subject_id=m.subject_id,
            question_id=m.question_id,
            evidence=m.evidence,
            kind=m.answer.kind if m.answer else None,
            value=m.answer.value if m.answer else None,
            display=m.answer.display if m.answer else None,
            precision=m.answer.precision if m.answer else None,
            confidence=m.confidence,
            hedged=m.hedged,
            created=now,
        )
        for m in matches
    ]
    session.add_all(rows)
    session.flush()
    return [row.id for row in rows]


# -- read models for the CLI (``watcher matches``, ``watcher show``) ----------------


@dataclass(frozen=True, slots=True)
class StoredEntry:
    id: int
    feed: str
    identity: str
    link: str | None
    title: str
    text: str
    published: datetime | None
    images: tuple[str, ...]
    content_hash: str
    first_seen: datetime
    updated: datetime


def get_entry(session: Session, entry_id: int) -> StoredEntry | None:
    found = session.execute(
        select(EntryRow, FeedRow.name)
        .join(FeedRow, EntryRow.feed_id == FeedRow.id)
        .where(EntryRow.id == entry_id)
    ).first()
    if found is None:
        return None
    e, feed_name = found
    return StoredEntry(
        id=e.id,
        feed=feed_name,
        identity=e.identity,
        link=e.link,
        title=e.title,
        text=e.text,
        published=e.published,
        images=tuple(e.images or ()),
        content_hash=e.content_hash,
        first_seen=e.first_seen,
        updated=e.updated,
    )


def list_matches(
    session: Session,
    *,
    subject: str | None = None,
    question: str | None = None,
    feed: str | None = None,
    since: datetime | None = None,
    limit: int | None = None,
    entry_id: int | None = None,
    match_id: int | None = None,
) -> list[StoredMatch]:
    """Stored matches, newest first by when they were found and, among those
    found in one poll, by the item's own date (a first poll finds a whole feed
    at once, and its newest item should lead)."""
    query = (
        select(MatchRow, EntryRow, FeedRow.name)
        .join(EntryRow, MatchRow.entry_id == EntryRow.id)
        .join(FeedRow, EntryRow.feed_id == FeedRow.id)
        .order_by(
            MatchRow.created.desc(),
            func.coalesce(EntryRow.published, EntryRow.first_seen).desc(),
            MatchRow.id.desc(),
        )
    )
    if subject:
        query = query.where(MatchRow.subject_id == subject)
    if question:
        query = query.where(MatchRow.question_id == question)
    if feed:
        query = query.where(FeedRow.name == feed)
    if since:
        query = query.where(MatchRow.created >= since)
    if entry_id is not None:
        query = query.where(MatchRow.entry_id == entry_id)
    if match_id is not None:
        query = query.where(MatchRow.id == match_id)
    if limit:
        query = query.limit(limit)
    return [_stored_match(m, e, name) for m, e, name in session.execute(query)]


def _stored_match(m: MatchRow, e: EntryRow, feed_name: str) -> StoredMatch:
    return StoredMatch(
        id=m.id,
        subject=m.subject_id,
        question=m.question_id,
        feed=feed_name,
        link=e.link,
        title=e.title,
        published=e.published,
        value=m.value,
        display=m.display,
        precision=m.precision,
        evidence=m.evidence,
        confidence=m.confidence,
        hedged=m.hedged,
        created=m.created,
        entry_id=e.id,
    )
