"""Entries by identity, with content hashes; the matches found in them."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Select, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from watcher.store.articles import StoredArticle, get_articles
from watcher.store.schema import EntryRow, FeedRow, MatchRow
from watcher.types import Entry, Match

T = TypeVar("T")

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
    # None: matched before the reasons were recorded.
    considered: tuple[dict[str, Any], ...] | None = None
    outlet: str | None = None  # the publisher an aggregator named


def content_hashes(session: Session, feed_id: int, identities: Sequence[str]) -> dict[str, str]:
    """identity → stored content hash, for the identities already stored."""
    return _by_identity(session, feed_id, identities, EntryRow.content_hash)


def _by_identity(
    session: Session, feed_id: int, identities: Sequence[str], column: InstrumentedAttribute[T]
) -> dict[str, T]:
    out: dict[str, T] = {}
    query = _identity_query(column)
    for start in range(0, len(identities), _CHUNK):
        chunk = list(identities[start : start + _CHUNK])
        rows = session.execute(query, {"feed_id": feed_id, "identities": chunk})
        out.update({identity: value for identity, value in rows})
    return out


_DELETE_MATCHES = delete(MatchRow).where(
    MatchRow.entry_id.in_(bindparam("entry_ids", expanding=True))
)


@functools.cache
def _identity_query(column: InstrumentedAttribute[Any]) -> Select[tuple[str, Any]]:
    """Built once, with its values as parameters: a statement built per feed
    left its bound parameters in reference cycles (SQLAlchemy's own), a few
    dozen objects a feed for the cyclic collector."""
    return select(EntryRow.identity, column).where(
        EntryRow.feed_id == bindparam("feed_id"),
        EntryRow.identity.in_(bindparam("identities", expanding=True)),
    )


@dataclass(frozen=True, slots=True)
class SavedEntry:
    entry_id: int
    is_new: bool
    match_ids: tuple[int, ...]  # in the order of the matches given


def save_entries(
    session: Session,
    feed_id: int,
    changed: Sequence[tuple[Entry, Sequence[Match]]],
    now: datetime,
) -> list[SavedEntry]:
    """Insert or update a feed's new and edited entries with their matches, in
    the order given. An edited entry loses its old matches: it is matched again
    from its new text. A few statements per feed, whatever its size: a first
    poll writes ~30 entries per feed, and a SELECT and flush for each was a
    sixth of that cycle's CPU."""
    if not changed:
        return []
    ids = _by_identity(session, feed_id, [entry.identity for entry, _ in changed], EntryRow.id)
    fresh = [entry for entry, _ in changed if entry.identity not in ids]
    edited = [entry for entry, _ in changed if entry.identity in ids]
    if fresh:
        inserted = session.scalars(
            insert(EntryRow).returning(EntryRow.id, sort_by_parameter_order=True),
            [
                {"feed_id": feed_id, "identity": e.identity, "first_seen": now} | _columns(e, now)
                for e in fresh
            ],
        ).all()
        new_ids = dict(zip((e.identity for e in fresh), inserted, strict=True))
    else:
        new_ids = {}
    if edited:
        stale = [ids[e.identity] for e in edited]
        for start in range(0, len(stale), _CHUNK):
            session.execute(_DELETE_MATCHES, {"entry_ids": stale[start : start + _CHUNK]})
        session.execute(
            update(EntryRow), [{"id": ids[e.identity]} | _columns(e, now) for e in edited]
        )
    ids |= new_ids
    match_rows = [
        _match_columns(ids[entry.identity], m, now) for entry, matches in changed for m in matches
    ]
    match_ids = iter(
        session.scalars(
            insert(MatchRow).returning(MatchRow.id, sort_by_parameter_order=True), match_rows
        ).all()
        if match_rows
        else ()
    )
    return [
        SavedEntry(
            entry_id=ids[entry.identity],
            is_new=entry.identity in new_ids,
            match_ids=tuple(itertools.islice(match_ids, len(matches))),
        )
        for entry, matches in changed
    ]


def _columns(entry: Entry, now: datetime) -> dict[str, Any]:
    return {
        "link": entry.link,
        "title": entry.title,
        "text": entry.text,
        "published": entry.published,
        "images": list(entry.images),
        "content_hash": entry.content_hash,
        "updated": now,
        "outlet": entry.outlet,
        "outlet_url": entry.outlet_url,
        "article_url": entry.article_url,
        "read": entry.read,
    }


def _match_columns(entry_id: int, m: Match, now: datetime) -> dict[str, Any]:
    return {
        "entry_id": entry_id,
        "subject_id": m.subject_id,
        "question_id": m.question_id,
        "evidence": m.evidence,
        "kind": m.answer.kind if m.answer else None,
        "value": m.answer.value if m.answer else None,
        "display": m.answer.display if m.answer else None,
        "precision": m.answer.precision if m.answer else None,
        "confidence": m.confidence,
        "hedged": m.hedged,
        "created": now,
        "considered": [c.to_json() for c in m.considered] or None,
    }


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
    outlet: str | None = None
    outlet_url: str | None = None
    article_url: str | None = None
    read: str = "feed"
    article: StoredArticle | None = None


def get_entry(session: Session, entry_id: int) -> StoredEntry | None:
    found = session.execute(
        select(EntryRow, FeedRow.name)
        .join(FeedRow, EntryRow.feed_id == FeedRow.id)
        .where(EntryRow.id == entry_id)
    ).first()
    if found is None:
        return None
    e, feed_name = found
    articles = get_articles(session, [e.article_url]) if e.article_url else {}
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
        outlet=e.outlet,
        outlet_url=e.outlet_url,
        article_url=e.article_url,
        read=e.read,
        article=articles.get(e.article_url or ""),
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
        # What `matches` shows as its date: the item's own, else when it was found.
        query = query.where(func.coalesce(EntryRow.published, MatchRow.created) >= since)
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
        considered=None if m.considered is None else tuple(m.considered),
        outlet=e.outlet,
    )
